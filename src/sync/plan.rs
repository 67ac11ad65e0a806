//! What documents from a server do to this phone: read each one, check it
//! as an imported file's record is checked, merge it by Linli's rule, and
//! find the clashes the merge reveals. Pure: the caller reads the phone's
//! records around the documents and writes the plan in one transaction.

use super::doc::{from_doc, Database, DocReason, Known, Stamp};
use crate::domain::{find_clashes, Clash};
use crate::domain::{AnyRecord, Community, RecordKind};
use crate::exchange::merge::{apply, winners};
use crate::exchange::validate::validate_records;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A server document as read: its id and revision, and the record it
/// holds or why it holds none.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub id: String,
    pub rev: String,
    pub record: Result<AnyRecord, DocReason>,
}

/// Reads documents of `db`. The server's own (design documents) are left
/// out; a document listed twice (changed again while pages were fetched)
/// counts once, as its later version.
pub fn read_docs(docs: Vec<Value>, db: Database) -> Vec<Incoming> {
    let mut out: Vec<Incoming> = Vec::with_capacity(docs.len());
    let mut at: HashMap<String, usize> = HashMap::new();
    for doc in docs {
        let id = doc
            .get("_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if id.is_empty() || id.starts_with('_') {
            continue;
        }
        let rev = doc
            .get("_rev")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let record = from_doc(&doc).and_then(|r| {
            if db.takes(r.kind()) {
                Ok(r)
            } else {
                Err(DocReason::WrongDatabase)
            }
        });
        let incoming = Incoming {
            id: id.clone(),
            rev,
            record,
        };
        match at.get(&id) {
            Some(&i) => out[i] = incoming,
            None => {
                at.insert(id, out.len());
                out.push(incoming);
            }
        }
    }
    out
}

/// The records of `incoming` that read, as a community: what the phone
/// must read of its own around them.
pub fn around(incoming: &[Incoming]) -> Community {
    Community::from_records(incoming.iter().filter_map(|i| i.record.clone().ok()))
}

/// What a batch of documents does to this phone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PullPlan {
    /// Records to write: new here, or newer than this phone's.
    pub writes: Vec<AnyRecord>,
    /// The server revision of every document read.
    pub known: Vec<(String, Known)>,
    /// Clashes the writes reveal.
    pub clashes: Vec<Clash>,
    /// Documents not taken, with why.
    pub problems: Vec<(String, DocReason)>,
}

/// Plans the documents `incoming` from `db` against `local`: the phone's
/// records around them (every record with their ids, the records they
/// point at, and what `find_clashes` needs), or all of them.
pub fn plan_pull(local: &Community, incoming: Vec<Incoming>, db: Database) -> PullPlan {
    let mut plan = PullPlan::default();
    let here: HashMap<(RecordKind, Uuid), AnyRecord> = local
        .clone()
        .into_records()
        .into_iter()
        .map(|r| ((r.kind(), r.meta().id), r))
        .collect();
    let mut records = Vec::new();
    // Records of this phone the server's version replaces although both
    // are the same change: a redacted copy pulled before the full one.
    let mut replaced: HashSet<(RecordKind, Uuid)> = HashSet::new();
    for item in incoming {
        let stamp = item.record.as_ref().map(|r| Stamp::of(r.meta()));
        plan.known.push((
            item.id.clone(),
            Known {
                rev: item.rev,
                stamp: stamp.clone().unwrap_or_default(),
            },
        ));
        let mut record = match item.record {
            Ok(r) => r,
            Err(why) => {
                plan.problems.push((item.id, why));
                continue;
            }
        };
        let key = (record.kind(), record.meta().id);
        if let Some(mine) = here.get(&key) {
            // A redacted copy never erases what this phone knows.
            record.keep_personal_from(mine, db.audience());
            if Stamp::of(mine.meta()) == Stamp::of(record.meta()) {
                if db.redacts() || *mine == record {
                    continue;
                }
                replaced.insert(key);
            }
        }
        records.push(record);
    }
    let base = if replaced.is_empty() {
        local.clone()
    } else {
        Community::from_records(
            local
                .clone()
                .into_records()
                .into_iter()
                .filter(|r| !replaced.contains(&(r.kind(), r.meta().id))),
        )
    };
    // A record that fails its checks is left out; one that pointed at it
    // then fails in the next round, so nothing is written pointing nowhere.
    for _ in 0..RecordKind::ALL.len() {
        let file = Community::from_records(records.iter().cloned());
        let found = validate_records(&file, &base);
        if found.is_empty() {
            break;
        }
        let bad: HashMap<(RecordKind, Uuid), DocReason> = found
            .into_iter()
            .map(|p| {
                let reason = DocReason::Rule {
                    field: p.field.to_string(),
                    reason: p.reason,
                };
                ((p.kind, p.id), reason)
            })
            .collect();
        records.retain(|r| {
            let key = (r.kind(), r.meta().id);
            match bad.get(&key) {
                Some(why) => {
                    plan.problems
                        .push((super::doc::doc_id(key.0, key.1), why.clone()));
                    false
                }
                None => true,
            }
        });
    }
    let file = Community::from_records(records);
    plan.writes = winners(&base, &file).writes;
    let touched: HashSet<Uuid> = plan.writes.iter().map(|w| w.meta().id).collect();
    if !touched.is_empty() {
        plan.clashes = find_clashes(&apply(&base, &plan.writes), &touched);
    }
    plan
}
