//! Persistence in the browser's IndexedDB. The UI reaches storage only
//! through [`Store`]; nothing else touches IndexedDB.
//!
//! One file per thing the store holds: `open` (the handle and its
//! transactions), `records` (any kind: read, list, write a batch,
//! tombstone), `bookings`, `roster` (shifts and assignments), `settings`,
//! `import` (files in and backups out), `report` (a month's records),
//! `people` (erasing a person, expiring contacts, erasures applied to
//! what comes in),
//! `sync` (the phone's side of a sync round). Every record write goes
//! through `changes::Writes`, which keeps the sync change log; every
//! user action is one transaction, with its rules checked inside it.

pub mod bookings;
mod bulk;
mod changes;
pub mod error;
#[cfg(feature = "fault-injection")]
pub mod faults;
mod import;
mod open;
mod people;
pub mod records;
mod report;
pub mod roster;
pub mod schema;
mod settings;
pub mod sync;

pub use bookings::SaveBookingError;
pub use error::{StoreError, StoreErrorKind, StoreResult};
pub use open::Store;
pub use records::{Batch, BatchOp, Counts};
pub use roster::SaveAssignmentError;
pub use sync::SyncSummary;
