//! The phone's side of sync (see `crate::sync`): the change log every
//! write adds to while a server is connected, what the phone knows of the
//! server's documents, the checkpoints, and each round's writes — records,
//! revisions, clashes and the new checkpoint in one transaction, so an
//! interrupted round leaves the phone as it was.

use super::bulk;
use super::changes::{doc_of, note, LogEntry, Writes, KEY_CONNECTION};
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::open::Store;
use super::people::{self, get_record};
use super::schema::{self, IndexName, META_STORE, SYNC_KNOWN, SYNC_LOG};
use crate::domain::{AnyRecord, Community, RecordKind};
use crate::sync::{
    doc_id, parse_doc_id, Applied, Clash, Connection, ContactKey, Database, Known, Local,
    Neighbourhood, Outgoing, Seq, SyncProblem,
};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use web_sys::IdbKeyRange;

const KEY_CLASHES: &str = "sync_clashes";
const KEY_PROBLEMS: &str = "sync_problems";
const KEY_LAST_SYNC: &str = "sync_last";
/// The community's contact key (`sync::contact`): its public half on every
/// connected phone, its private half on committee phones that imported it.
const KEY_CONTACT_KEY: &str = "sync_contact_key";
/// Problems kept for the person to read; older ones make way.
const MAX_PROBLEMS: usize = 200;
/// Past this many records a round reads the whole community at once
/// rather than record by record.
const READ_ALL_FROM: usize = 400;

fn key_since(db: Database) -> String {
    format!("sync_since_{}", db.key())
}

fn key_pushed(db: Database) -> String {
    format!("sync_pushed_{}", db.key())
}

fn known_key(db: Database, doc: &str) -> String {
    format!("{}|{doc}", db.key())
}

#[derive(Serialize, Deserialize)]
struct KnownRow {
    key: String,
    #[serde(flatten)]
    known: Known,
}

/// What the Data tab shows of sync.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncSummary {
    pub connection: Option<Connection>,
    pub last_synced: Option<Timestamp>,
    /// Records changed here that a database of this phone has not had.
    pub pending: usize,
    pub problems: Vec<SyncProblem>,
    /// Clashes still standing, with the records needed to show and settle them.
    pub clashes: Vec<Clash>,
    pub clash_records: Community,
}

fn js(e: JsValue) -> StoreError {
    StoreError::new(StoreErrorKind::Failed, format!("{e:?}"))
}

fn unreadable(e: impl std::fmt::Display) -> StoreError {
    StoreError::new(StoreErrorKind::Unreadable, e.to_string())
}

fn range_after(n: u64) -> StoreResult<IdbKeyRange> {
    IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(n as f64), true).map_err(js)
}

fn range_upto(n: u64) -> StoreResult<IdbKeyRange> {
    IdbKeyRange::upper_bound_with_open(&JsValue::from_f64(n as f64), false).map_err(js)
}

async fn meta_get<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    key: &str,
) -> StoreResult<Option<T>> {
    let meta = tx.object_store(META_STORE)?;
    Ok(meta.get(key.to_string()).serde()?.await?)
}

fn meta_put<T: Serialize>(tx: &Transaction<'_>, key: &str, value: T) -> StoreResult<()> {
    let meta = tx.object_store(META_STORE)?;
    meta.put(value).with_key(key.to_string()).serde()?;
    Ok(())
}

fn meta_delete(tx: &Transaction<'_>, key: &str) -> StoreResult<()> {
    tx.object_store(META_STORE)?.delete(key).build()?;
    Ok(())
}

async fn log_after(tx: &Transaction<'_>, after: u64) -> StoreResult<Vec<LogEntry>> {
    let text = bulk::read_json_in(tx, SYNC_LOG, Some(&range_after(after)?)).await?;
    serde_json::from_str(&text).map_err(unreadable)
}

/// The last key of the change log (0 when empty).
async fn log_head(tx: &Transaction<'_>) -> StoreResult<u64> {
    let keys = bulk::all_keys(tx, SYNC_LOG).await?;
    Ok(keys.iter().filter_map(|k| k.as_f64()).fold(0.0, f64::max) as u64)
}

/// Records of an index with one key prefix (`[id, …]` or `id`).
async fn by_index(tx: &Transaction<'_>, index: IndexName, id: Uuid) -> StoreResult<Vec<AnyRecord>> {
    let kind = index.kind();
    let key = id.to_string();
    let range = match index {
        IndexName::BookingsBySpaceStart | IndexName::ShiftsByActivityStart => {
            let lower = js_sys::Array::of2(&JsValue::from_str(&key), &JsValue::from_str(""));
            let upper =
                js_sys::Array::of2(&JsValue::from_str(&key), &JsValue::from_str("\u{ffff}"));
            IdbKeyRange::bound(&lower, &upper).map_err(js)?
        }
        _ => IdbKeyRange::only(&JsValue::from_str(&key)).map_err(js)?,
    };
    let text = bulk::read_index_json(tx, kind.plural(), index.name(), &range).await?;
    let values: Vec<serde_json::Value> = serde_json::from_str(&text).map_err(unreadable)?;
    values
        .iter()
        .map(|v| AnyRecord::from_value(kind, v).map_err(unreadable))
        .collect()
}

/// Gathers records by (kind, id) without duplicates.
#[derive(Default)]
struct Gathered {
    seen: HashSet<(RecordKind, Uuid)>,
    records: Vec<AnyRecord>,
}

impl Gathered {
    fn add(&mut self, record: AnyRecord) {
        if self.seen.insert((record.kind(), record.meta().id)) {
            self.records.push(record);
        }
    }

    async fn fetch(&mut self, tx: &Transaction<'_>, kind: RecordKind, id: Uuid) -> StoreResult<()> {
        if self.seen.contains(&(kind, id)) {
            return Ok(());
        }
        if let Some(r) = get_record(tx, kind, id).await? {
            self.add(r);
        }
        Ok(())
    }
}

/// The records around `around` that `plan_pull` needs: the same records,
/// what they point at, every booking of their spaces, and every
/// assignment (with its shift) of the volunteers their assignments and
/// shifts concern.
async fn gather_around(tx: &Transaction<'_>, around: &Community) -> StoreResult<Community> {
    let mut got = Gathered::default();
    // The records themselves and what each points at (`Record::references`).
    for r in around.clone().into_records() {
        got.fetch(tx, r.kind(), r.meta().id).await?;
        for to in r.references() {
            got.fetch(tx, to.kind, to.id).await?;
        }
    }
    // What a clash is judged against (`domain::clash::find_clashes`): every
    // booking of their spaces, every place of the volunteers concerned.
    for space in around
        .bookings
        .iter()
        .map(|b| b.space_id)
        .collect::<BTreeSet<_>>()
    {
        for r in by_index(tx, IndexName::BookingsBySpaceStart, space).await? {
            got.add(r);
        }
    }
    let mut volunteers: BTreeSet<Uuid> =
        around.assignments.iter().map(|a| a.volunteer_id).collect();
    for shift in around.shifts.iter().map(|s| s.meta.id) {
        for r in by_index(tx, IndexName::AssignmentsByShift, shift).await? {
            if let AnyRecord::Assignment(a) = &r {
                volunteers.insert(a.volunteer_id);
            }
            got.add(r);
        }
    }
    for v in volunteers {
        got.fetch(tx, RecordKind::Volunteer, v).await?;
        for r in by_index(tx, IndexName::AssignmentsByVolunteer, v).await? {
            if let AnyRecord::Assignment(a) = &r {
                got.fetch(tx, RecordKind::Shift, a.shift_id).await?;
            }
            got.add(r);
        }
    }
    Ok(Community::from_records(got.records))
}

fn all_stores() -> Vec<&'static str> {
    schema::all_store_names()
}

impl Store {
    /// The server this phone is connected to, if any.
    pub async fn connection(&self) -> StoreResult<Option<Connection>> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly).await?;
        meta_get(&tx, KEY_CONNECTION).await
    }

    /// Connects this phone: from now on every change is logged, and the
    /// first push offers every record the phone already has (the server
    /// keeps the later version of each).
    pub async fn connect(&self, connection: Connection) -> StoreResult<()> {
        let tx = self.tx(&all_stores(), TransactionMode::Readwrite).await?;
        self.forget_server(&tx)?;
        meta_put(&tx, KEY_CONNECTION, connection)?;
        let mut docs = Vec::new();
        for kind in RecordKind::ALL {
            for key in bulk::all_keys(&tx, kind.plural()).await? {
                if let Some(id) = key.as_string().and_then(|k| Uuid::parse_str(&k).ok()) {
                    docs.push(doc_id(kind, id));
                }
            }
        }
        note(&tx, docs, None)?;
        bulk::commit(tx).await
    }

    /// Disconnects this phone from its server. Every record stays.
    pub async fn disconnect(&self) -> StoreResult<()> {
        let tx = self.tx(&all_stores(), TransactionMode::Readwrite).await?;
        self.forget_server(&tx)?;
        meta_delete(&tx, KEY_CONNECTION)?;
        // The key belongs to the community this phone leaves.
        meta_delete(&tx, KEY_CONTACT_KEY)?;
        bulk::commit(tx).await
    }

    /// Drops everything known of the server (not the connection).
    fn forget_server(&self, tx: &Transaction<'_>) -> StoreResult<()> {
        tx.object_store(SYNC_LOG)?.clear()?;
        tx.object_store(SYNC_KNOWN)?.clear()?;
        for db in Database::ALL {
            meta_delete(tx, &key_since(db))?;
            meta_delete(tx, &key_pushed(db))?;
        }
        for key in [KEY_CLASHES, KEY_PROBLEMS, KEY_LAST_SYNC] {
            meta_delete(tx, key)?;
        }
        Ok(())
    }

    /// Forgets the server altogether: its sign-in, what was known of it,
    /// and the community's contact key.
    pub(super) fn forget_connection(&self, tx: &Transaction<'_>) -> StoreResult<()> {
        self.forget_server(tx)?;
        meta_delete(tx, KEY_CONNECTION)?;
        meta_delete(tx, KEY_CONTACT_KEY)
    }

    /// The community's contact key, as this phone holds it.
    pub async fn contact_key(&self) -> StoreResult<Option<ContactKey>> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly).await?;
        meta_get(&tx, KEY_CONTACT_KEY).await
    }

    /// Keeps the public half the server's design document holds. A private
    /// half this phone holds for the same key stays; a new key replaces an
    /// old one (requests sealed to it need the committee's new file).
    pub async fn keep_public_contact_key(&self, key: ContactKey) -> StoreResult<()> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite).await?;
        let held: Option<ContactKey> = meta_get(&tx, KEY_CONTACT_KEY).await?;
        if held.as_ref().is_some_and(|h| h.kid == key.kid) {
            return Ok(());
        }
        meta_put(&tx, KEY_CONTACT_KEY, key.public())?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps the committee's key file's key (with its private half).
    pub async fn import_contact_key(&self, key: ContactKey) -> StoreResult<()> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite).await?;
        meta_put(&tx, KEY_CONTACT_KEY, key)?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_last_synced(&self, at: Timestamp) -> StoreResult<()> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite).await?;
        meta_put(&tx, KEY_LAST_SYNC, at)?;
        tx.commit().await?;
        Ok(())
    }

    /// Clears the list of documents not taken, once read.
    pub async fn clear_sync_problems(&self) -> StoreResult<()> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite).await?;
        meta_delete(&tx, KEY_PROBLEMS)?;
        tx.commit().await?;
        Ok(())
    }

    /// Where sync stands, for the Data tab.
    pub async fn sync_summary(&self) -> StoreResult<SyncSummary> {
        let tx = self.tx(&all_stores(), TransactionMode::Readonly).await?;
        let connection: Option<Connection> = meta_get(&tx, KEY_CONNECTION).await?;
        let Some(conn) = connection else {
            return Ok(SyncSummary::default());
        };
        let mut pending = BTreeSet::new();
        for &db in conn.role.databases() {
            let mark = meta_get::<f64>(&tx, &key_pushed(db)).await?.unwrap_or(0.0) as u64;
            for entry in log_after(&tx, mark).await? {
                if entry.from == Some(db) {
                    continue;
                }
                pending.extend(
                    entry
                        .docs
                        .into_iter()
                        .filter(|d| parse_doc_id(d).is_some_and(|(kind, _)| db.takes(kind))),
                );
            }
        }
        let clashes: Vec<Clash> = meta_get(&tx, KEY_CLASHES).await?.unwrap_or_default();
        let mut around = Gathered::default();
        for clash in &clashes {
            for id in [clash.a, clash.b] {
                around.fetch(&tx, clash.kind, id).await?;
            }
        }
        let mut records = Community::from_records(around.records);
        let spaces: BTreeSet<Uuid> = records.bookings.iter().map(|b| b.space_id).collect();
        let shifts: BTreeSet<Uuid> = records.assignments.iter().map(|a| a.shift_id).collect();
        let volunteers: BTreeSet<Uuid> =
            records.assignments.iter().map(|a| a.volunteer_id).collect();
        let mut more = Gathered::default();
        for s in spaces {
            more.fetch(&tx, RecordKind::Space, s).await?;
        }
        for s in shifts {
            more.fetch(&tx, RecordKind::Shift, s).await?;
        }
        for v in volunteers {
            more.fetch(&tx, RecordKind::Volunteer, v).await?;
        }
        let activities: BTreeSet<Uuid> = more
            .records
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Shift(s) => Some(s.activity_id),
                _ => None,
            })
            .collect();
        for a in activities {
            more.fetch(&tx, RecordKind::Activity, a).await?;
        }
        let mut all = records.clone().into_records();
        all.extend(more.records);
        records = Community::from_records(all);
        let open = clashes
            .into_iter()
            .filter(|c| crate::domain::clash::still_open(c, &records))
            .collect();
        Ok(SyncSummary {
            connection: Some(conn),
            last_synced: meta_get(&tx, KEY_LAST_SYNC).await?,
            pending: pending.len(),
            problems: meta_get(&tx, KEY_PROBLEMS).await?.unwrap_or_default(),
            clashes: open,
            clash_records: records,
        })
    }

    /// Known revisions of `docs` in `db`.
    async fn known_of(
        &self,
        tx: &Transaction<'_>,
        db: Database,
        docs: &BTreeSet<String>,
    ) -> StoreResult<HashMap<String, Known>> {
        let rows: Vec<KnownRow> = if docs.len() > READ_ALL_FROM {
            let prefix = format!("{}|", db.key());
            let range = IdbKeyRange::bound(
                &JsValue::from_str(&prefix),
                &JsValue::from_str(&format!("{prefix}\u{ffff}")),
            )
            .map_err(js)?;
            let text = bulk::read_json_in(tx, SYNC_KNOWN, Some(&range)).await?;
            serde_json::from_str(&text).map_err(unreadable)?
        } else {
            let mut rows = Vec::new();
            for doc in docs {
                let key = JsValue::from_str(&known_key(db, doc));
                if let Some(text) = bulk::get_json(tx, SYNC_KNOWN, &key).await? {
                    rows.push(serde_json::from_str(&text).map_err(unreadable)?);
                }
            }
            rows
        };
        let prefix_len = db.key().len() + 1;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let doc = r.key.get(prefix_len..)?.to_string();
                docs.contains(&doc).then_some((doc, r.known))
            })
            .collect())
    }
}

impl Local for Store {
    type Error = StoreError;

    async fn checkpoint(&self, db: Database) -> StoreResult<Seq> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly).await?;
        let text: Option<String> = meta_get(&tx, &key_since(db)).await?;
        Ok(match text {
            Some(t) => Seq(serde_json::from_str(&t).map_err(unreadable)?),
            None => Seq::default(),
        })
    }

    async fn outgoing(&self, db: Database) -> StoreResult<Outgoing> {
        let tx = self.tx(&all_stores(), TransactionMode::Readonly).await?;
        let mark = meta_get::<f64>(&tx, &key_pushed(db)).await?.unwrap_or(0.0) as u64;
        let mut docs = BTreeSet::new();
        let mut upto = mark;
        for entry in log_after(&tx, mark).await? {
            upto = upto.max(entry.seq.unwrap_or(0));
            if entry.from != Some(db) {
                docs.extend(
                    entry
                        .docs
                        .into_iter()
                        .filter(|d| parse_doc_id(d).is_some_and(|(kind, _)| db.takes(kind))),
                );
            }
        }
        let records = if docs.len() > READ_ALL_FROM {
            bulk::read_community(&tx)
                .await?
                .into_records()
                .into_iter()
                .filter(|r| docs.contains(&doc_of(r)))
                .collect()
        } else {
            let mut records = Vec::new();
            for doc in &docs {
                if let Some((kind, id)) = parse_doc_id(doc) {
                    records.extend(get_record(&tx, kind, id).await?);
                }
            }
            records
        };
        let known = self.known_of(&tx, db, &docs).await?;
        Ok(Outgoing {
            records,
            known,
            upto,
        })
    }

    async fn neighbourhood(&self, around: &Community) -> StoreResult<Neighbourhood> {
        let tx = self.tx(&all_stores(), TransactionMode::Readonly).await?;
        let seen = log_head(&tx).await?;
        let records = if around.len() > READ_ALL_FROM {
            bulk::read_community(&tx).await?
        } else {
            gather_around(&tx, around).await?
        };
        Ok(Neighbourhood { records, seen })
    }

    async fn apply(&self, db: Database, applied: Applied) -> StoreResult<()> {
        let tx = self.tx(&all_stores(), TransactionMode::Readwrite).await?;
        let Some(conn) = meta_get::<Connection>(&tx, KEY_CONNECTION).await? else {
            // Disconnected while the round ran: it leaves nothing behind.
            return Err(StoreError::new(StoreErrorKind::Failed, "disconnected"));
        };
        let mut writes = applied.writes;
        if !writes.is_empty() {
            // A record this phone changed after the round read it is
            // judged again: the person's newer change stays.
            let changed: HashSet<String> = log_after(&tx, applied.seen)
                .await?
                .into_iter()
                .flat_map(|e| e.docs)
                .collect();
            let mut kept = Vec::with_capacity(writes.len());
            for w in writes {
                if changed.contains(&doc_of(&w)) {
                    let current = get_record(&tx, w.kind(), w.meta().id).await?;
                    if current.is_some_and(|c| c.meta().wins_over(w.meta())) {
                        continue;
                    }
                }
                kept.push(w);
            }
            writes = kept;
        }
        // What an erasure blanked goes back to the server as this phone's
        // change: the server's copy still holds the person.
        let erasing = people::erasing(&tx, writes).await?;
        let mut written = Writes::from_server(&tx, db);
        written
            .queue(
                erasing
                    .as_they_came
                    .into_iter()
                    .map(|r| (r, false))
                    .collect(),
            )
            .await?;
        written.done().await?;
        if !erasing.erased.is_empty() {
            let mut erased = Writes::begin(&tx)?;
            erased
                .queue(erasing.erased.into_iter().map(|r| (r, false)).collect())
                .await?;
            erased.done().await?;
        }
        if !applied.known.is_empty() {
            let rows: Vec<KnownRow> = applied
                .known
                .into_iter()
                .map(|(doc, known)| KnownRow {
                    key: known_key(db, &doc),
                    known,
                })
                .collect();
            let text = serde_json::to_string(&rows).map_err(unreadable)?;
            bulk::put_json(&tx, SYNC_KNOWN, &text)?;
        }
        if !applied.clashes.is_empty() {
            let mut clashes: Vec<Clash> = meta_get(&tx, KEY_CLASHES).await?.unwrap_or_default();
            clashes.extend(applied.clashes);
            clashes.sort();
            clashes.dedup();
            meta_put(&tx, KEY_CLASHES, clashes)?;
        }
        if !applied.problems.is_empty() {
            let mut problems: Vec<SyncProblem> =
                meta_get(&tx, KEY_PROBLEMS).await?.unwrap_or_default();
            problems.retain(|p| {
                !applied
                    .problems
                    .iter()
                    .any(|q| q.doc == p.doc && q.database == p.database)
            });
            problems.extend(applied.problems);
            let over = problems.len().saturating_sub(MAX_PROBLEMS);
            problems.drain(..over);
            meta_put(&tx, KEY_PROBLEMS, problems)?;
        }
        if let Some(seq) = applied.pulled_to {
            let text = serde_json::to_string(&seq).map_err(unreadable)?;
            meta_put(&tx, &key_since(db), text)?;
        }
        if let Some(mark) = applied.pushed_to {
            meta_put(&tx, &key_pushed(db), mark as f64)?;
            // Entries every database has had are done with.
            let mut lowest = mark;
            for &other in conn.role.databases() {
                if other != db {
                    let m = meta_get::<f64>(&tx, &key_pushed(other))
                        .await?
                        .unwrap_or(0.0);
                    lowest = lowest.min(m as u64);
                }
            }
            if lowest > 0 {
                bulk::delete_in(&tx, SYNC_LOG, &range_upto(lowest)?)?;
            }
        }
        bulk::commit(tx).await
    }
}
