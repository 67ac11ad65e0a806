//! Performance marks at the moments the benchmark measures (scripts/bench):
//! a cold start's steps (`linli-boot-wasm` when the wasm runs,
//! `linli-boot-store` when the database is open, `linli-boot-state` when
//! the app's state is read), Today's first data on screen, an import's steps, an export, a booking
//! save, a sync round (`linli-sync-start`, `linli-sync-done`),
//! a QR transfer's frames as the receiver hears them (`linli-qr-frame`)
//! and the moment its file is whole (`linli-qr-whole`). A mark costs next to nothing and is invisible to users.

use std::cell::Cell;

pub fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(name);
    }
}

thread_local! {
    static TODAY_SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Marks `linli-today-ready` once per page load, after the frame that
/// shows Today's data has been painted.
pub fn today_painted() {
    if TODAY_SHOWN.replace(true) {
        return;
    }
    leptos::prelude::request_animation_frame(|| mark("linli-today-ready"));
}
