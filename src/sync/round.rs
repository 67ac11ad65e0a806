//! The pull and push rounds, written once over two traits: [`Server`] (the
//! CouchDB HTTP API; in the browser `couch::Client`) and [`Local`] (this
//! phone's records and what it knows of the server; in the browser the
//! IndexedDB store). The native tests run the same rounds against a
//! simulated server.
//!
//! - **Pull**: `_changes` since the last checkpoint, in pages, until the
//!   server has nothing more; every document read and checked
//!   ([`plan_pull`]), then the records, the revisions and the new
//!   checkpoint written in one transaction. An interrupted pull wrote
//!   nothing and starts again from the same checkpoint.
//! - **Push**: the records changed here since the last push, with the
//!   revisions this phone knows, in `_bulk_docs` batches. A conflict means
//!   the server has a revision this phone has not seen: it is fetched and
//!   merged by Linli's rule; if this phone's version still wins it goes
//!   again on top of it. The push mark moves only once every change went
//!   (or was refused), so a failed push is simply done again.

use super::doc::{doc_id, to_doc, Database, DocReason, Known, Stamp};
use super::plan::{around, plan_pull, read_docs};
use crate::domain::Clash;
use crate::domain::{AnyRecord, Community};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// Documents asked for per `_changes` page.
pub const PAGE: usize = 2000;
/// Documents sent per `_bulk_docs` request.
pub const BATCH: usize = 500;
/// Times a document that met a conflict is merged and sent again in one
/// push before waiting for the next one.
const ATTEMPTS: usize = 3;

/// A position in a database's changes feed, as the server wrote it (a
/// number or an opaque text); `null` is the beginning.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub Value);

impl Seq {
    pub fn is_start(&self) -> bool {
        self.0.is_null()
    }

    /// The value for a `since=` parameter.
    pub fn as_param(&self) -> String {
        match &self.0 {
            Value::Null => "0".to_string(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// One page of a changes feed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangesPage {
    /// The documents, in feed order.
    pub docs: Vec<Value>,
    /// Rows the page held (design documents included).
    pub rows: usize,
    pub last_seq: Seq,
    /// Changes still to come after this page, when the server says.
    pub pending: Option<u64>,
}

/// The server's answer for one document of a `_bulk_docs` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocResult {
    Saved {
        id: String,
        rev: String,
    },
    /// The server has another revision.
    Conflict {
        id: String,
    },
    /// A validation function or the database's members refused it.
    Refused {
        id: String,
        reason: String,
    },
    /// Anything else: tried again next time.
    Failed {
        id: String,
        reason: String,
    },
}

/// Why a request to the server did not get an answer to work with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerError {
    /// No network, or nothing answers at the address.
    Unreachable,
    /// The session has ended (or the name and password are wrong).
    SignedOut,
    /// This account may not use this database.
    Forbidden(String),
    /// The database does not exist.
    NoDatabase,
    /// Something answers at the address, but not as CouchDB does (a web
    /// page, an empty body, a method not allowed): most likely a mistyped
    /// address, such as /couch/ for /couchdb/.
    NotSyncServer,
    /// Any other answer: its status and what the server said.
    Other { status: u16, reason: String },
}

impl ServerError {
    /// What an answer that is not a success means. CouchDB always says
    /// `{"error": …, "reason": …}`; anything else at that address is not
    /// CouchDB, whatever its status says.
    pub fn of_answer(status: u16, body: &str) -> ServerError {
        #[derive(Deserialize)]
        struct Said {
            error: String,
            #[serde(default)]
            reason: String,
        }
        impl Said {
            /// The reason, or the error's name where it gives none.
            fn text(self) -> String {
                if self.reason.is_empty() {
                    self.error
                } else {
                    self.reason
                }
            }
        }
        let said = serde_json::from_str::<Said>(body)
            .ok()
            .filter(|s| !s.error.is_empty());
        match (status, said) {
            // A reverse proxy whose server is down answers for it.
            (502..=504, _) => ServerError::Unreachable,
            (401, _) => ServerError::SignedOut,
            (_, None) => ServerError::NotSyncServer,
            (403, Some(s)) => ServerError::Forbidden(s.text()),
            (404, Some(_)) => ServerError::NoDatabase,
            (_, Some(s)) => ServerError::Other {
                status,
                reason: s.text(),
            },
        }
    }
}

/// The CouchDB HTTP API, as far as the rounds use it.
#[allow(async_fn_in_trait)]
pub trait Server {
    /// Documents in the database (for progress on a first pull).
    async fn doc_count(&self, db: Database) -> Result<u64, ServerError>;
    /// `_changes?since=…&include_docs=true&limit=…`.
    async fn changes(
        &self,
        db: Database,
        since: &Seq,
        limit: usize,
    ) -> Result<ChangesPage, ServerError>;
    /// `_bulk_docs`: one result per document, in any order.
    async fn bulk_docs(&self, db: Database, docs: &[Value]) -> Result<Vec<DocResult>, ServerError>;
    /// The current revision of each document (`_all_docs` with its keys);
    /// one deleted on the server comes as `{_id, _rev, _deleted: true}`,
    /// a missing one not at all.
    async fn fetch(&self, db: Database, ids: &[String]) -> Result<Vec<Value>, ServerError>;
}

/// Records changed on this phone that a database has not had yet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outgoing {
    pub records: Vec<AnyRecord>,
    /// What this phone knows of their documents on that server.
    pub known: HashMap<String, Known>,
    /// The mark to set once all of them went.
    pub upto: u64,
}

/// This phone's records around some documents, and how far its change
/// log went when they were read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Neighbourhood {
    pub records: Community,
    pub seen: u64,
}

/// Which way a problem document went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the server: not written here.
    In,
    /// From this phone: the server did not take it; the phone keeps it.
    Out,
}

/// A document a round could not take or send, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProblem {
    pub database: Database,
    pub doc: String,
    pub direction: Direction,
    pub reason: DocReason,
}

/// What a round writes on this phone, in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Records from the server. One this phone changed after `seen` is
    /// judged again against that change inside the transaction.
    pub writes: Vec<AnyRecord>,
    pub seen: u64,
    pub known: Vec<(String, Known)>,
    pub clashes: Vec<Clash>,
    pub problems: Vec<SyncProblem>,
    pub pulled_to: Option<Seq>,
    pub pushed_to: Option<u64>,
}

/// This phone's side of the rounds.
#[allow(async_fn_in_trait)]
pub trait Local {
    type Error;
    /// Where the last pull from `db` ended.
    async fn checkpoint(&self, db: Database) -> Result<Seq, Self::Error>;
    /// The records changed here that `db` has not had.
    async fn outgoing(&self, db: Database) -> Result<Outgoing, Self::Error>;
    /// This phone's records around `records` (see [`plan_pull`]).
    async fn neighbourhood(&self, records: &Community) -> Result<Neighbourhood, Self::Error>;
    /// Writes what a round learned from `db`, all or nothing. The records
    /// written are changes still to send to the other database.
    async fn apply(&self, db: Database, applied: Applied) -> Result<(), Self::Error>;
}

/// Why a round stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncError<E> {
    Server(ServerError),
    Local(E),
}

impl<E> From<ServerError> for SyncError<E> {
    fn from(e: ServerError) -> Self {
        SyncError::Server(e)
    }
}

/// How far a pull has come: documents received, of how many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub received: usize,
    pub total: Option<usize>,
}

/// What one pull or push did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Records written on this phone.
    pub received: usize,
    /// Records the server took from this phone.
    pub sent: usize,
    /// Documents not taken either way.
    pub problems: usize,
    /// Clashes found.
    pub clashes: usize,
    /// The server answered: only then may a phone say it is in step (a
    /// push with nothing to send asks nothing).
    pub answered: bool,
}

impl Report {
    pub fn add(&mut self, other: Report) {
        self.received += other.received;
        self.sent += other.sent;
        self.problems += other.problems;
        self.clashes += other.clashes;
        self.answered |= other.answered;
    }
}

/// Which of this phone's changes a push sends. A resident's account may
/// only send its own booking requests; anything else it has is its own.
pub trait Pusher {
    fn sends(&self, record: &AnyRecord) -> bool;
}

/// A committee phone sends everything the database takes.
impl Pusher for () {
    fn sends(&self, _: &AnyRecord) -> bool {
        true
    }
}

/// A resident's phone sends only the booking requests its account made.
pub struct OwnRequests<'a>(pub &'a str);

impl Pusher for OwnRequests<'_> {
    fn sends(&self, record: &AnyRecord) -> bool {
        matches!(record, AnyRecord::Booking(b) if b.requested_by.as_deref() == Some(self.0))
    }
}

fn problems(
    db: Database,
    direction: Direction,
    list: Vec<(String, DocReason)>,
) -> Vec<SyncProblem> {
    list.into_iter()
        .map(|(doc, reason)| SyncProblem {
            database: db,
            doc,
            direction,
            reason,
        })
        .collect()
}

/// Pulls every change of `db` since the last checkpoint.
pub async fn pull<L: Local, S: Server>(
    local: &L,
    server: &S,
    db: Database,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, SyncError<L::Error>> {
    let since = local.checkpoint(db).await.map_err(SyncError::Local)?;
    let total = if since.is_start() {
        Some(server.doc_count(db).await? as usize)
    } else {
        None
    };
    let mut docs = Vec::new();
    let mut seq = since.clone();
    loop {
        let page = server.changes(db, &seq, PAGE).await?;
        // A server that says how many changes are left is believed (it may
        // send fewer than asked); otherwise a full page means more.
        let more = match page.pending {
            Some(left) => left > 0 && page.rows > 0,
            None => page.rows >= PAGE,
        };
        docs.extend(page.docs);
        seq = page.last_seq;
        let total = page.pending.map(|p| docs.len() + p as usize).or(total);
        progress(Progress {
            received: docs.len(),
            total,
        });
        if !more {
            break;
        }
    }
    if seq == since && docs.is_empty() {
        return Ok(Report {
            answered: true,
            ..Report::default()
        });
    }
    let incoming = read_docs(docs, db);
    let near = local
        .neighbourhood(&around(&incoming))
        .await
        .map_err(SyncError::Local)?;
    let plan = plan_pull(&near.records, incoming, db);
    let report = Report {
        received: plan.writes.len(),
        problems: plan.problems.len(),
        clashes: plan.clashes.len(),
        sent: 0,
        answered: true,
    };
    let applied = Applied {
        writes: plan.writes,
        seen: near.seen,
        known: plan.known,
        clashes: plan.clashes,
        problems: problems(db, Direction::In, plan.problems),
        pulled_to: Some(seq),
        pushed_to: None,
    };
    local.apply(db, applied).await.map_err(SyncError::Local)?;
    Ok(report)
}

/// Pushes this phone's changes that `db` has not had.
pub async fn push<L: Local, S: Server>(
    local: &L,
    server: &S,
    db: Database,
    pusher: &dyn Pusher,
) -> Result<Report, SyncError<L::Error>> {
    let out = local.outgoing(db).await.map_err(SyncError::Local)?;
    let mut known = out.known;
    let pending: Vec<AnyRecord> = out
        .records
        .into_iter()
        .filter(|r| db.takes(r.kind()) && pusher.sends(r))
        .filter(|r| {
            let id = doc_id(r.kind(), r.meta().id);
            known.get(&id).map(|k| &k.stamp) != Some(&Stamp::of(r.meta()))
        })
        .collect();
    // A record older here than the server's known version (a backup put
    // back, say) is never sent over it: the server's version comes here.
    let (mut stale, mut pending): (Vec<AnyRecord>, Vec<AnyRecord>) =
        pending.into_iter().partition(|r| {
            let id = doc_id(r.kind(), r.meta().id);
            known.get(&id).is_some_and(|k| k.stamp.wins_over(r.meta()))
        });
    let mut report = Report::default();
    let mut learned = Applied::default();
    let mut unfinished = false;
    for _ in 0..ATTEMPTS {
        if pending.is_empty() && stale.is_empty() {
            break;
        }
        let mut conflicted: Vec<AnyRecord> = std::mem::take(&mut stale);
        for chunk in pending.chunks(BATCH) {
            let docs: Vec<Value> = chunk
                .iter()
                .map(|r| {
                    let id = doc_id(r.kind(), r.meta().id);
                    to_doc(r, known.get(&id).map(|k| k.rev.as_str()), db.audience())
                })
                .collect();
            let results = match server.bulk_docs(db, &docs).await {
                Ok(results) => {
                    report.answered = true;
                    results
                }
                Err(e) => {
                    // What the server took is known before stopping, so
                    // the next push does not meet those as conflicts.
                    local.apply(db, learned).await.map_err(SyncError::Local)?;
                    return Err(e.into());
                }
            };
            let by_id: HashMap<String, &AnyRecord> = chunk
                .iter()
                .map(|r| (doc_id(r.kind(), r.meta().id), r))
                .collect();
            let mut answered = 0;
            for result in results {
                match result {
                    DocResult::Saved { id, rev } => {
                        if let Some(r) = by_id.get(&id) {
                            answered += 1;
                            let k = Known {
                                rev,
                                stamp: Stamp::of(r.meta()),
                            };
                            known.insert(id.clone(), k.clone());
                            learned.known.push((id, k));
                            report.sent += 1;
                        }
                    }
                    DocResult::Conflict { id } => {
                        if let Some(r) = by_id.get(&id) {
                            answered += 1;
                            conflicted.push((*r).clone());
                        }
                    }
                    DocResult::Refused { id, reason } => {
                        if by_id.contains_key(&id) {
                            answered += 1;
                            report.problems += 1;
                            learned.problems.push(SyncProblem {
                                database: db,
                                doc: id,
                                direction: Direction::Out,
                                reason: DocReason::Refused { reason },
                            });
                        }
                    }
                    DocResult::Failed { .. } => unfinished = true,
                }
            }
            if answered < chunk.len() {
                unfinished = true;
            }
        }
        if conflicted.is_empty() {
            pending.clear();
            break;
        }
        // The server has revisions this phone has not seen: take them as
        // a pull would, then send again what still wins over them.
        let ids: Vec<String> = conflicted
            .iter()
            .map(|r| doc_id(r.kind(), r.meta().id))
            .collect();
        let fetched = match server.fetch(db, &ids).await {
            Ok(docs) => docs,
            Err(e) => {
                local.apply(db, learned).await.map_err(SyncError::Local)?;
                return Err(e.into());
            }
        };
        let incoming = read_docs(fetched, db);
        let near = local
            .neighbourhood(&around(&incoming))
            .await
            .map_err(SyncError::Local)?;
        let theirs: HashMap<String, AnyRecord> = incoming
            .iter()
            .filter_map(|i| i.record.clone().ok().map(|r| (i.id.clone(), r)))
            .collect();
        let plan = plan_pull(&near.records, incoming, db);
        for (id, k) in &plan.known {
            known.insert(id.clone(), k.clone());
        }
        report.received += plan.writes.len();
        report.clashes += plan.clashes.len();
        report.problems += plan.problems.len();
        local
            .apply(
                db,
                Applied {
                    writes: plan.writes,
                    seen: near.seen,
                    known: plan.known,
                    clashes: plan.clashes,
                    problems: problems(db, Direction::In, plan.problems),
                    pulled_to: None,
                    pushed_to: None,
                },
            )
            .await
            .map_err(SyncError::Local)?;
        pending = conflicted
            .into_iter()
            .filter(|mine| {
                let id = doc_id(mine.kind(), mine.meta().id);
                match theirs.get(&id) {
                    Some(t) => mine.meta().wins_over(t.meta()),
                    // Deleted on the server, or unreadable there: this
                    // phone's version goes on top of it.
                    None => true,
                }
            })
            .collect();
    }
    if pending.is_empty() && !unfinished {
        learned.pushed_to = Some(out.upto);
    }
    local.apply(db, learned).await.map_err(SyncError::Local)?;
    Ok(report)
}

/// One whole round: pull every database, then push to every one. The
/// committee's database comes first, so a phone never holds a redacted
/// copy when the full record is on the server.
pub async fn sync_once<L: Local, S: Server>(
    local: &L,
    server: &S,
    dbs: &[Database],
    pusher: &dyn Pusher,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, SyncError<L::Error>> {
    let mut report = Report::default();
    for &db in dbs {
        report.add(pull(local, server, db, progress).await?);
    }
    for &db in dbs {
        report.add(push(local, server, db, pusher).await?);
    }
    Ok(report)
}
