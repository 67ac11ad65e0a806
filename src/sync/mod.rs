//! Keeping phones in step through a CouchDB server: one server document
//! per record, Linli's own merge rule, offline first. Plain Rust like the
//! exchange, so the whole protocol — documents, the pull and push rounds,
//! the clashes they reveal — is tested natively against a simulated
//! server; the browser supplies the HTTP client (`couch`) and the
//! IndexedDB side (`store::sync`).
//!
//! A community has two databases on its server (see [`Database`]): the
//! committee's, with every record, and a public one with spaces and
//! bookings without phone numbers or rooms, which residents read and where
//! they leave their requests. Who may do what is the server's to enforce
//! (`scripts/couchdb/`); this side only never sends what a database does
//! not take.

pub mod connection;
pub mod contact;
pub mod doc;
#[cfg(not(target_arch = "wasm32"))]
pub mod memory;
pub mod plan;
pub mod round;

pub use crate::domain::clash::{find_clashes, Clash};
pub use connection::{community_name, server_path, AddressProblem, Connection, Role};
pub use contact::{Contact, ContactKey, KeyFileProblem, Sealed};
pub use doc::{doc_id, from_doc, parse_doc_id, to_doc, Database, Known, Stamp};
pub use plan::{plan_pull, read_docs, Incoming, PullPlan};
pub use round::{
    pull, push, sync_once, Applied, ChangesPage, Direction, DocResult, Local, Neighbourhood,
    Outgoing, OwnRequests, Progress, Pusher, Report, Seq, Server, ServerError, SyncError,
    SyncProblem,
};
