//! What every record carries so that phones can merge deterministically.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifies one installation of the app (one browser profile).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct DeviceId(pub String);

/// When and where a user action happens: the instant (for the records'
/// meta), the community's wall clock (for rules about what has started),
/// and this phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moment {
    pub now: Timestamp,
    pub local: super::time::LocalDateTime,
    pub device: DeviceId,
}

impl DeviceId {
    /// The first characters of the id: enough to tell a committee's few
    /// phones apart on a screen or a printout.
    pub fn short(&self) -> String {
        self.0.chars().take(8).collect()
    }
}

/// Who made a change by hand (a status change, an hours correction).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangedBy {
    /// The person this phone belongs to, by name.
    Person(String),
    /// Nobody was named, and it was this phone (its short id).
    ThisPhone(String),
    /// Nobody was named, on another phone (its short id).
    OtherPhone(String),
    /// A record from a file of an earlier version: nothing was recorded.
    Unknown,
}

impl ChangedBy {
    pub fn of(by: &str, device: Option<&DeviceId>, here: &DeviceId) -> Self {
        match (by.trim(), device) {
            (name, _) if !name.is_empty() => ChangedBy::Person(name.to_string()),
            (_, Some(d)) if d == here => ChangedBy::ThisPhone(d.short()),
            (_, Some(d)) => ChangedBy::OtherPhone(d.short()),
            (_, None) => ChangedBy::Unknown,
        }
    }
}

/// Metadata shared by every record. Field names are part of the file format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Meta {
    pub id: Uuid,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaInstant")
    )]
    pub created_at: Timestamp,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaInstant")
    )]
    pub updated_at: Timestamp,
    /// The device that made the latest change.
    pub device_id: DeviceId,
    /// A tombstone: the record was deleted but is kept so the deletion
    /// travels to other phones instead of the record coming back.
    #[serde(default)]
    pub deleted: bool,
}

impl Meta {
    pub fn new(id: Uuid, now: Timestamp, device: &DeviceId) -> Self {
        Meta {
            id,
            created_at: now,
            updated_at: now,
            device_id: device.clone(),
            deleted: false,
        }
    }

    /// Marks a change made on `device` at `now`. The clock of a phone can be
    /// behind the record's last change; a change must still count as newer.
    pub fn touch(&mut self, now: Timestamp, device: &DeviceId) {
        self.updated_at = if now > self.updated_at {
            now
        } else {
            self.updated_at + jiff::SignedDuration::from_millis(1)
        };
        self.device_id = device.clone();
    }

    pub fn tombstone(&mut self, now: Timestamp, device: &DeviceId) {
        self.deleted = true;
        self.touch(now, device);
    }

    /// The merge order of two versions of one record: the later change wins,
    /// ties are broken by device id, and a tombstone wins an exact tie.
    pub fn wins_over(&self, other: &Meta) -> bool {
        (self.updated_at, &self.device_id, self.deleted)
            > (other.updated_at, &other.device_id, other.deleted)
    }
}

/// Makes new record ids. The app draws them from the browser's
/// cryptographic random source; tests and the demo use a seeded sequence.
pub trait IdSource {
    fn next_id(&mut self) -> Uuid;
}

/// Version-4 UUIDs from the system's random source (in the browser, Web
/// Crypto): the ids of records made on a phone.
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomIds;

impl IdSource for RandomIds {
    fn next_id(&mut self) -> Uuid {
        Uuid::new_v4()
    }
}

/// A small deterministic generator (SplitMix64): same seed, same ids.
#[derive(Clone, Debug)]
pub struct SeededIds {
    state: u64,
}

impl SeededIds {
    pub fn new(seed: u64) -> Self {
        SeededIds { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

impl IdSource for SeededIds {
    fn next_id(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}
