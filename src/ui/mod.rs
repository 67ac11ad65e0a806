//! The Leptos app: pages and components. Pages read and write through
//! [`crate::store::Store`] and compute with [`crate::domain`]; every
//! user-visible string comes from `locales/`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod app;
mod components;
mod durable;
mod files;
mod format;
mod forms;
mod locale;
mod marks;
mod pages;
pub(crate) mod pwa;
mod state;
mod tabs;

pub use app::start;
