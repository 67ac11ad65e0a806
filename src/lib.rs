//! Linli 邻里: community space bookings and volunteer rosters, offline.
//!
//! Layers, each depending only on those above it:
//! - [`domain`]: records and rules, plain Rust;
//! - [`exchange`]: the file format, import checks and merge, CSV and
//!   iCalendar, plain Rust;
//! - [`sync`]: keeping phones in step through a CouchDB server, plain
//!   Rust;
//! - `couch`: the sync server's HTTP API (browser only);
//! - `seal`: a resident's contact sealed for the committee (Web Crypto,
//!   browser only);
//! - `store`: IndexedDB persistence (browser only);
//! - `ui`: Leptos pages (browser only).

pub mod domain;
pub mod exchange;
pub mod sync;

#[cfg(target_arch = "wasm32")]
pub mod couch;

#[cfg(target_arch = "wasm32")]
pub mod seal;

#[cfg(target_arch = "wasm32")]
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;
