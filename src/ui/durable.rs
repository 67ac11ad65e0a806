//! Keeping this phone's data: asking the browser not to evict it
//! (`navigator.storage.persist()`), how much room it takes, and when the
//! data last changed, which the backup reminder compares with the last
//! backup. The marks live in localStorage so every tab sees them at once.

use crate::domain::backup_reminder::Changes;
use gloo_storage::{LocalStorage, Storage};
use jiff::Timestamp;
use js_sys::{Promise, Reflect};
use leptos::prelude::window;
use std::cell::Cell;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

const FIRST_CHANGE: &str = "linli.first-change";
const LAST_CHANGE: &str = "linli.last-change";

thread_local! {
    /// Persistence is asked for once per page, at the first real write.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// A mark. Earlier versions stored the bare text of the time, not JSON;
/// that reads too.
fn read_mark(key: &str) -> Option<Timestamp> {
    LocalStorage::get::<Timestamp>(key).ok().or_else(|| {
        LocalStorage::raw()
            .get_item(key)
            .ok()
            .flatten()?
            .parse()
            .ok()
    })
}

/// Notes that the data changed now, and asks to keep it (first time only).
pub fn mark_changed() {
    // A browser that refuses localStorage (some private modes) only loses
    // the backup reminder.
    let now = Timestamp::now();
    if read_mark(FIRST_CHANGE).is_none() {
        let _ = LocalStorage::set(FIRST_CHANGE, now);
    }
    let _ = LocalStorage::set(LAST_CHANGE, now);
    if !ASKED.replace(true) {
        leptos::task::spawn_local(async {
            let _ = ask_to_persist().await;
        });
    }
}

/// Forgets the marks: an emptied phone has nothing left to back up.
pub fn forget_changes() {
    LocalStorage::delete(FIRST_CHANGE);
    LocalStorage::delete(LAST_CHANGE);
}

/// When the data first and last changed on this phone, if it ever did.
pub fn changes() -> Option<Changes> {
    Some(Changes {
        first: read_mark(FIRST_CHANGE)?,
        last: read_mark(LAST_CHANGE)?,
    })
}

/// The browser's StorageManager, where it has one. No crate wraps it, so
/// it is reached through web-sys.
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = window().navigator();
    Reflect::has(&navigator, &JsValue::from_str("storage"))
        .ok()?
        .then(|| navigator.storage())
}

async fn answer(promise: Result<Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Asks the browser to keep the data even when space runs low; true when
/// it already does or agrees now.
pub async fn ask_to_persist() -> Option<bool> {
    let manager = storage_manager()?;
    if answer(manager.persisted()).await?.as_bool() == Some(true) {
        return Some(true);
    }
    answer(manager.persist()).await?.as_bool()
}

/// Whether the data is kept for good, and the bytes used and available.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageStatus {
    pub persisted: bool,
    pub used: f64,
    pub quota: f64,
}

pub async fn storage_status() -> Option<StorageStatus> {
    let manager = storage_manager()?;
    let persisted = answer(manager.persisted()).await?.as_bool()?;
    let estimate = answer(manager.estimate()).await?;
    let number = |key: &str| {
        Reflect::get(&estimate, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some(StorageStatus {
        persisted,
        used: number("usage")?,
        quota: number("quota")?,
    })
}
