//! A phone whose records live in memory, with the same contract as the
//! IndexedDB side (`store::sync`): a change log, push marks, checkpoints,
//! what it knows of the server, clashes and problems, and a round's
//! writes re-judged against changes made after they were read. The native
//! tests and the load test (`src/bin/linli-load.rs`) run the real rounds
//! with it.

use super::doc::{doc_id, parse_doc_id, Database, Known};
use super::round::{Applied, Local, Neighbourhood, Outgoing, Seq, SyncProblem};
use crate::domain::Clash;
use crate::domain::{AnyRecord, Community, DeviceId, RecordKind};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

#[derive(Default)]
struct State {
    records: BTreeMap<(RecordKind, Uuid), AnyRecord>,
    /// (key, document ids, the database they came from)
    log: Vec<(u64, Vec<String>, Option<Database>)>,
    next: u64,
    marks: HashMap<Database, u64>,
    since: HashMap<Database, Seq>,
    known: HashMap<(Database, String), Known>,
    clashes: BTreeSet<Clash>,
    problems: Vec<SyncProblem>,
}

pub struct MemoryPhone {
    pub device: DeviceId,
    state: RefCell<State>,
    fail_apply: Cell<bool>,
}

impl MemoryPhone {
    pub fn new(device: &str) -> MemoryPhone {
        MemoryPhone {
            device: DeviceId(device.to_string()),
            state: RefCell::default(),
            fail_apply: Cell::new(false),
        }
    }

    /// Every record, tombstones included.
    pub fn community(&self) -> Community {
        Community::from_records(self.state.borrow().records.values().cloned())
    }

    /// A change made on this phone: written and noted in the log.
    pub fn write(&self, records: Vec<AnyRecord>) {
        let mut s = self.state.borrow_mut();
        s.next += 1;
        let key = s.next;
        let ids = records
            .iter()
            .map(|r| doc_id(r.kind(), r.meta().id))
            .collect();
        s.log.push((key, ids, None));
        for r in records {
            s.records.insert((r.kind(), r.meta().id), r);
        }
    }

    pub fn clashes(&self) -> BTreeSet<Clash> {
        self.state.borrow().clashes.clone()
    }

    pub fn problems(&self) -> Vec<SyncProblem> {
        self.state.borrow().problems.clone()
    }

    /// The next `apply` fails (a full disk), changing nothing.
    pub fn fail_next_apply(&self) {
        self.fail_apply.set(true);
    }
}

impl Local for MemoryPhone {
    type Error = String;

    async fn checkpoint(&self, db: Database) -> Result<Seq, String> {
        Ok(self
            .state
            .borrow()
            .since
            .get(&db)
            .cloned()
            .unwrap_or_default())
    }

    async fn outgoing(&self, db: Database) -> Result<Outgoing, String> {
        let s = self.state.borrow();
        let mark = s.marks.get(&db).copied().unwrap_or(0);
        let mut ids = BTreeSet::new();
        let mut upto = mark;
        for (key, docs, from) in &s.log {
            if *key > mark {
                upto = upto.max(*key);
                if *from != Some(db) {
                    ids.extend(docs.iter().cloned());
                }
            }
        }
        let mut out = Outgoing {
            upto,
            ..Outgoing::default()
        };
        for id in ids {
            let Some((kind, uuid)) = parse_doc_id(&id) else {
                continue;
            };
            if !db.takes(kind) {
                continue;
            }
            if let Some(r) = s.records.get(&(kind, uuid)) {
                out.records.push(r.clone());
            }
            if let Some(k) = s.known.get(&(db, id.clone())) {
                out.known.insert(id, k.clone());
            }
        }
        Ok(out)
    }

    async fn neighbourhood(&self, _: &Community) -> Result<Neighbourhood, String> {
        Ok(Neighbourhood {
            records: self.community(),
            seen: self.state.borrow().next,
        })
    }

    async fn apply(&self, db: Database, applied: Applied) -> Result<(), String> {
        if self.fail_apply.replace(false) {
            return Err("disk full".into());
        }
        let mut s = self.state.borrow_mut();
        let changed_since: HashSet<String> = s
            .log
            .iter()
            .filter(|(k, _, _)| *k > applied.seen)
            .flat_map(|(_, d, _)| d.iter().cloned())
            .collect();
        let mut written = Vec::new();
        for w in applied.writes {
            let key = (w.kind(), w.meta().id);
            let id = doc_id(key.0, key.1);
            if changed_since.contains(&id) {
                if let Some(current) = s.records.get(&key) {
                    if current.meta().wins_over(w.meta()) {
                        continue;
                    }
                }
            }
            written.push(id);
            s.records.insert(key, w);
        }
        if !written.is_empty() {
            s.next += 1;
            let key = s.next;
            s.log.push((key, written, Some(db)));
        }
        for (id, k) in applied.known {
            s.known.insert((db, id), k);
        }
        s.clashes.extend(applied.clashes);
        s.problems.extend(applied.problems);
        if let Some(seq) = applied.pulled_to {
            s.since.insert(db, seq);
        }
        if let Some(mark) = applied.pushed_to {
            s.marks.insert(db, mark);
            let lowest = Database::ALL
                .iter()
                .map(|d| s.marks.get(d).copied().unwrap_or(0))
                .min()
                .unwrap_or(0);
            s.log.retain(|(k, _, _)| *k > lowest);
        }
        Ok(())
    }
}
