//! Persistence in the browser's IndexedDB. The UI reaches storage only
//! through [`Store`]; nothing else touches IndexedDB.

pub mod assignments;
pub mod bookings;
mod bulk;
mod changes;
pub mod error;
pub mod exchange;
#[cfg(feature = "fault-injection")]
pub mod faults;
pub mod repo;
mod report;
pub mod schema;
pub mod sync;

pub use assignments::SaveAssignmentError;
pub use bookings::SaveBookingError;
pub use error::{StoreError, StoreErrorKind, StoreResult};
pub use repo::{Batch, BatchOp, Counts, Store};
pub use sync::SyncSummary;
