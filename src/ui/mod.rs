//! The Leptos app. `pages/` are the screens (one per route); `parts/` the
//! pieces of screens that are screens' own (a space's day view, the import
//! preview); `components/` what several screens share. Screens read through
//! [`crate::store::Store`], compute with [`crate::domain`] and
//! [`crate::exchange`], and write through [`save`]; every user-visible
//! string comes from `locales/`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod app;
mod chunk;
mod components;
mod demo;
mod durable;
mod elder;
mod files;
mod format;
mod forms;
mod locale;
mod marks;
mod pages;
mod parts;
pub(crate) mod pwa;
pub mod qr;
mod save;
pub(crate) mod screens;
mod state;
mod sync;
mod tabs;
mod upkeep;

pub use app::start;
