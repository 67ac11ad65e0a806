//! The demo community, written to this phone in one transaction.

use super::chunk::{from_chunk, ChunkMissing};
use super::state::AppState;
use crate::domain::demo::demo_community;
use crate::domain::{Community, CommunityZone, DeviceId, IdSource, RandomIds, Settings};
use crate::store::{Batch, BatchOp, StoreError, StoreErrorKind};
use jiff::Timestamp;
use leptos::prelude::*;

/// Writes the demo community built around now, and marks onboarding done,
/// in one transaction. Only an empty phone that is not connected to a
/// community is offered it: sync would carry its made-up people to every
/// phone of the community.
pub async fn load_demo(state: AppState) -> Result<(), StoreError> {
    if state.connection.get_untracked().is_some() {
        return Err(StoreError::new(
            StoreErrorKind::Failed,
            "the demo is not loaded on a connected phone",
        ));
    }
    let settings = Settings {
        onboarded: true,
        ..state.settings.get_untracked()
    };
    let seed = RandomIds.next_id().as_u64_pair().0;
    let device = state.device.get_value();
    let community = from_chunk!(demo_in_chunk(Timestamp::now(), settings.zone, device, seed))
        .map_err(|ChunkMissing| {
            StoreError::new(StoreErrorKind::Failed, "the demo did not arrive")
        })?;
    let mut batch = Batch {
        settings: Some(settings.clone()),
        ..Batch::default()
    };
    batch
        .ops
        .extend(community.into_records().into_iter().map(BatchOp::Insert));
    state.store().write(batch).await?;
    state.settings.set(settings);
    Ok(())
}

/// The demo community, built in a chunk of its own in a release build:
/// its people, spaces and activities are a large part of the code, and a
/// first visit that starts empty (or a committee's phone) never needs them.
#[cfg_attr(
    all(target_arch = "wasm32", not(debug_assertions)),
    leptos::wasm_split::wasm_split(demo, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn demo_in_chunk(
    now: Timestamp,
    zone: CommunityZone,
    device: DeviceId,
    seed: u64,
) -> Result<Community, ChunkMissing> {
    Ok(demo_community(now, zone, &device, seed))
}
