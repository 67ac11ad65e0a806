//! What the app does on its own a moment after it starts: the contacts
//! past keeping blanked (`domain::expiry`), once a day. In a release build
//! its code is a chunk of its own, fetched after the first screen is
//! drawn, so a first visit does not wait for it.

use super::chunk::{from_chunk, ChunkMissing};
use super::state::AppState;
use crate::domain::Moment;
use crate::store::{Store, StoreResult};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use std::rc::Rc;

/// Blanks the contacts past keeping, once a day, a moment after start;
/// the blanked records are an ordinary change (sync sends it). A failure
/// writes nothing, and the next start tries again.
pub fn expire_contacts_daily(state: AppState) {
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(1500).await;
        // A resident's phone holds others' bookings without their contact,
        // and may not change them: the committee's phones expire them.
        if state.onboarding.get_untracked() || !state.manages() {
            return;
        }
        let months = state.settings.with_untracked(|s| s.contact_months);
        let Ok(job) = from_chunk!(expiring(state.store(), months, state.moment())) else {
            return;
        };
        match job.await {
            Ok(Some(n)) if n > 0 => state.changed(),
            Ok(_) => {}
            Err(e) => leptos::logging::warn!("expiring contacts failed: {e}"),
        }
    });
}

#[cfg_attr(
    all(target_arch = "wasm32", not(debug_assertions)),
    leptos::wasm_split::wasm_split(upkeep, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn expiring(
    store: Rc<Store>,
    months: u16,
    at: Moment,
) -> Result<LocalBoxFuture<'static, StoreResult<Option<usize>>>, ChunkMissing> {
    Ok(Box::pin(
        async move { store.expire_contacts(months, &at).await },
    ))
}
