//! Moving data between phones: the versioned JSON file, checking a file
//! before anything is written, the merge and its conflicts, slices of a
//! community to share, and CSV and iCalendar for other programs. Plain
//! Rust like the domain: tested on the host.

pub mod csv_export;
pub mod format;
pub mod holidays;
pub mod ics;
pub mod import;
pub mod merge;
pub mod outgoing;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod slices;
pub mod transfer;
pub mod validate;

pub use format::{
    read_document, read_document_bytes, BrokenPlace, Covers, ExchangeDocument, Header, Piece,
    ReadError, FORMAT_VERSION,
};
pub use merge::{
    apply, plan_import, resolve, settle, Conflict, ImportPlan, KindCounts, Resolution, Settler,
};
pub use validate::{validate, ImportProblem, ProblemReason};
