//! Several tabs of the app on one phone share one database; a write in one
//! is announced on a BroadcastChannel so the others read again (and pick
//! up changed settings) within a moment, without a reload.

use super::state::AppState;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::BroadcastChannel;

const CHANNEL: &str = "linli-changes";

thread_local! {
    static OUT: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// Tells the other tabs that this one wrote.
pub fn announce() {
    OUT.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            // A closed channel (page unloading) has nobody left to tell.
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Opens the channel and follows the other tabs' writes.
pub fn listen(state: AppState) {
    // Browsers without BroadcastChannel just keep each tab to itself.
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message = Closure::<dyn Fn()>::new(move || {
        leptos::task::spawn_local(async move {
            if let Ok(settings) = state.store().settings().await {
                // The demo loaded (or a backup restored) in another tab
                // ends this one's first-run screen too.
                if settings.onboarded {
                    state.onboarding.set(false);
                }
                state.settings.set(settings);
            }
            state.revision.update(|r| *r += 1);
        });
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    OUT.with(|c| *c.borrow_mut() = Some(channel));
}
