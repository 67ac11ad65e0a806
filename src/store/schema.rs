//! The database layout and its versioned upgrade steps.
//!
//! Each schema version has one step that turns the previous layout into
//! its own. Opening runs every step after the stored version, so a
//! database from any earlier version opens under the current one. Steps are
//! never edited once released; a change is a new step.

use super::error::{StoreError, StoreErrorKind, StoreResult};
use crate::domain::RecordKind;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

pub const DB_NAME: &str = "linli";
pub const SCHEMA_VERSION: u32 = 4;
/// Key-value store for the device id, settings and backup times.
pub const META_STORE: &str = "meta";
/// The change log: one entry per transaction that changed records while
/// the phone is connected to a server, keyed by a growing number (`seq`).
pub const SYNC_LOG: &str = "sync_log";
/// What the phone knows of each document on its server: `key` is
/// `database|document id`.
pub const SYNC_KNOWN: &str = "sync_known";

/// The secondary indexes the screens query by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexName {
    BookingsBySpaceStart,
    BookingsByStart,
    ShiftsByActivityStart,
    ShiftsByStart,
    AssignmentsByShift,
    AssignmentsByVolunteer,
}

impl IndexName {
    pub const ALL: [IndexName; 6] = [
        IndexName::BookingsBySpaceStart,
        IndexName::BookingsByStart,
        IndexName::ShiftsByActivityStart,
        IndexName::ShiftsByStart,
        IndexName::AssignmentsByShift,
        IndexName::AssignmentsByVolunteer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            IndexName::BookingsBySpaceStart => "by_space_start",
            IndexName::BookingsByStart => "by_start",
            IndexName::ShiftsByActivityStart => "by_activity_start",
            IndexName::ShiftsByStart => "by_start",
            IndexName::AssignmentsByShift => "by_shift",
            IndexName::AssignmentsByVolunteer => "by_volunteer",
        }
    }

    pub fn kind(self) -> RecordKind {
        match self {
            IndexName::BookingsBySpaceStart | IndexName::BookingsByStart => RecordKind::Booking,
            IndexName::ShiftsByActivityStart | IndexName::ShiftsByStart => RecordKind::Shift,
            IndexName::AssignmentsByShift | IndexName::AssignmentsByVolunteer => {
                RecordKind::Assignment
            }
        }
    }
}

/// The stores of the records, one per kind.
pub fn record_store_names() -> Vec<&'static str> {
    RecordKind::ALL.iter().map(|k| k.plural()).collect()
}

/// Every store name, records first, then meta and the sync stores.
pub fn all_store_names() -> Vec<&'static str> {
    let mut names = record_store_names();
    names.extend([META_STORE, SYNC_LOG, SYNC_KNOWN]);
    names
}

/// Version 1 as released: a store per record kind keyed by `id`, and
/// the meta store. Written out literally, never from the live lists: a
/// kind or an index added later is a step of its own.
const VERSION_1_STORES: [&str; 6] = [
    "spaces",
    "bookings",
    "volunteers",
    "activities",
    "shifts",
    "assignments",
];

/// Version 1's indexes: (store, index, key path).
const VERSION_1_INDEXES: [(&str, &str, &[&str]); 6] = [
    ("bookings", "by_space_start", &["space_id", "start"]),
    ("bookings", "by_start", &["start"]),
    ("shifts", "by_activity_start", &["activity_id", "start"]),
    ("shifts", "by_start", &["start"]),
    ("assignments", "by_shift", &["shift_id"]),
    ("assignments", "by_volunteer", &["volunteer_id"]),
];

/// Version 1: the record stores, their indexes, and meta.
fn step_1(db: &Database) -> indexed_db_futures::Result<()> {
    for name in VERSION_1_STORES {
        let store = db
            .create_object_store(name)
            .with_key_path(KeyPath::One("id"))
            .build()?;
        for (_, index, path) in VERSION_1_INDEXES.iter().filter(|(s, _, _)| *s == name) {
            let key_path = match path {
                [one] => KeyPath::One(*one),
                _ => KeyPath::from(path.to_vec()),
            };
            store.create_index(index, key_path).build()?;
        }
    }
    db.create_object_store(META_STORE).build()?;
    Ok(())
}

/// Version 2: the change log and the server revisions, for sync.
fn step_2(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(SYNC_LOG)
        .with_key_path(KeyPath::One("seq"))
        .with_auto_increment(true)
        .build()?;
    db.create_object_store(SYNC_KNOWN)
        .with_key_path(KeyPath::One("key"))
        .build()?;
    Ok(())
}

/// Version 3: the holiday arrangements loaded from files.
fn step_3(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store("holiday_years")
        .with_key_path(KeyPath::One("id"))
        .build()?;
    Ok(())
}

/// Version 4: the erasures of people (`domain::erasure`).
fn step_4(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store("erasures")
        .with_key_path(KeyPath::One("id"))
        .build()?;
    Ok(())
}

/// The upgrade step that brings a database to `version`.
fn step(version: u32, db: &Database) -> indexed_db_futures::Result<()> {
    match version {
        1 => step_1(db),
        2 => step_2(db),
        3 => step_3(db),
        4 => step_4(db),
        _ => Ok(()),
    }
}

/// Opens `name`, upgrading it from whatever version it has to `target`.
/// Tests pass an older `target` to build databases as old releases did.
pub async fn open_at(name: &str, target: u32) -> StoreResult<Database> {
    let result = Database::open(name)
        .with_version(target)
        .with_on_upgrade_needed(move |event, db| {
            let from = event.old_version() as u32;
            for version in (from + 1)..=target {
                step(version, &db)?;
            }
            Ok(())
        })
        .with_on_blocked(|_| Ok(()))
        .await;
    result.map_err(|e| {
        let err = StoreError::from(e);
        if err.detail.contains("VersionError") {
            StoreError::new(StoreErrorKind::TooNew, err.detail)
        } else {
            err
        }
    })
}

/// Opens `name` at the current schema version.
pub async fn open(name: &str) -> StoreResult<Database> {
    open_at(name, SCHEMA_VERSION).await
}
