//! Per-device settings kept in the store's meta store.

use super::time::CommunityZone;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub zone: CommunityZone,
    /// The volunteer this phone belongs to ("me"), if set.
    #[serde(default)]
    pub me: Option<Uuid>,
    /// True once the user chose "demo" or "start empty" on first run.
    #[serde(default)]
    pub onboarded: bool,
}
