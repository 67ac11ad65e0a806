//! Several tabs of the app on one phone share one database; a write in one
//! is announced on a BroadcastChannel so the others read again (and pick
//! up changed settings) within a moment, without a reload.

use gloo_events::EventListener;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
// No crate wraps BroadcastChannel; its listener comes from gloo.
use web_sys::BroadcastChannel;

const CHANNEL: &str = "linli-changes";

thread_local! {
    /// The page's channel and the listener on it: both live as long as
    /// the page does.
    static OPEN: RefCell<Option<(BroadcastChannel, EventListener)>> = const { RefCell::new(None) };
}

/// Tells the other tabs that this one wrote.
pub fn announce() {
    OPEN.with(|open| {
        if let Some((channel, _)) = open.borrow().as_ref() {
            // A closed channel (page unloading) has nobody left to tell.
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Opens the channel; `heard` runs each time another tab wrote.
pub fn listen(heard: impl Fn() + 'static) {
    // Browsers without BroadcastChannel just keep each tab to itself.
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let listener = EventListener::new(&channel, "message", move |_| heard());
    OPEN.with(|open| *open.borrow_mut() = Some((channel, listener)));
}
