//! Linli 邻里: community space bookings and volunteer rosters, offline.
//!
//! Layers, each depending only on those above it:
//! - [`domain`]: records and rules, plain Rust;
//! - `store`: IndexedDB persistence (browser only);
//! - `ui`: Leptos pages (browser only).

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;
