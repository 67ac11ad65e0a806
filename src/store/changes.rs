//! Every write of a record, and the sync change log it keeps. A record
//! reaches IndexedDB only through [`Writes`], which notes what it wrote
//! in the change log — while a server is connected — inside the write's
//! own transaction: no write path can forget to send its change.

use super::bulk;
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::schema::{META_STORE, SYNC_LOG};
use crate::domain::{AnyRecord, Record, RecordKind};
use crate::sync::{doc_id, Database};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::IdbRequest;

/// The meta store's key of the server this phone is connected to.
pub(super) const KEY_CONNECTION: &str = "sync_connection";

/// One transaction's changed records, by document id.
#[derive(Serialize, Deserialize)]
pub(super) struct LogEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    pub docs: Vec<String>,
    /// The database they came from, which need not have them again.
    #[serde(default)]
    pub from: Option<Database>,
}

/// The document id of a record.
pub(super) fn doc_of(record: &AnyRecord) -> String {
    doc_id(record.kind(), record.meta().id)
}

/// Adds one entry to the change log.
pub(super) fn note(
    tx: &Transaction<'_>,
    docs: Vec<String>,
    from: Option<Database>,
) -> StoreResult<()> {
    if docs.is_empty() {
        return Ok(());
    }
    let entry = LogEntry {
        seq: None,
        docs,
        from,
    };
    let text = serde_json::to_string(&entry)
        .map_err(|e| StoreError::new(StoreErrorKind::Unreadable, e.to_string()))?;
    bulk::add_json(tx, SYNC_LOG, &text)
}

/// Whether the change log is kept: asked when the writes begin, answered
/// when they end, so a save waits for it only once, beside its own reads.
enum Connected {
    Asked(IdbRequest),
    Known(bool),
}

/// The record writes of one read-write transaction (which must include
/// the meta store and the change log). [`Writes::done`] notes them.
pub(super) struct Writes<'t> {
    tx: &'t Transaction<'t>,
    connected: Connected,
    docs: Vec<String>,
    from: Option<Database>,
}

impl<'t> Writes<'t> {
    /// The writes of a change made on this phone.
    pub fn begin(tx: &'t Transaction<'t>) -> StoreResult<Self> {
        let asked = bulk::ask_get(tx, META_STORE, &JsValue::from_str(KEY_CONNECTION))?;
        Ok(Writes {
            tx,
            connected: Connected::Asked(asked),
            docs: Vec::new(),
            from: None,
        })
    }

    /// The writes of a sync round: records from `db`, which need not
    /// have them again.
    pub fn from_server(tx: &'t Transaction<'t>, db: Database) -> Self {
        Writes {
            tx,
            connected: Connected::Known(true),
            docs: Vec::new(),
            from: Some(db),
        }
    }

    /// Puts one record.
    pub fn put<R: Record>(&mut self, record: &R) -> StoreResult<()> {
        let store = self.tx.object_store(R::KIND.plural())?;
        put_record(&store, record)?;
        self.docs.push(doc_id(R::KIND, record.id()));
        Ok(())
    }

    /// Queues many writes, `(record, must_be_new)`, a chunk at a time.
    pub async fn queue(&mut self, ops: Vec<(AnyRecord, bool)>) -> StoreResult<()> {
        self.docs.extend(ops.iter().map(|(r, _)| doc_of(r)));
        queue_writes(self.tx, ops).await
    }

    /// Notes what was written in the change log, when it is kept.
    pub async fn done(self) -> StoreResult<()> {
        let connected = match &self.connected {
            Connected::Known(known) => *known,
            Connected::Asked(request) => bulk::answer_json(self.tx, request).await?.is_some(),
        };
        if connected {
            note(self.tx, self.docs, self.from)?;
        }
        Ok(())
    }
}

/// How many records are queued before waiting for IndexedDB to take them,
/// so the page can paint and take taps during a big import.
const CHUNK: usize = 2000;

/// Queues `(record, must_be_new)` writes on `tx`, a chunk at a time. A
/// failed request aborts the transaction; [`commit`] then says why.
///
/// After queuing a chunk it waits for the chunk before, not for this one:
/// IndexedDB stores one chunk while the page prepares the next, and the
/// page still paints and takes taps between chunks.
async fn queue_writes(
    tx: &Transaction<'_>,
    ops: impl IntoIterator<Item = (AnyRecord, bool)>,
) -> StoreResult<()> {
    let mut group: Vec<AnyRecord> = Vec::new();
    let mut group_key: Option<(RecordKind, bool)> = None;
    let mut queued = 0usize;
    let mut previous: Option<IdbRequest> = None;
    for (record, insert) in ops {
        let key = (record.kind(), insert);
        if group_key != Some(key) || group.len() == CHUNK {
            if let Some((kind, insert)) = group_key {
                queued += group.len();
                let last = queue_group(tx, kind, insert, &group, queued)?;
                if group.len() == CHUNK {
                    if let Some(before) = previous.replace(last) {
                        bulk::settled(&before).await;
                    }
                }
            }
            group.clear();
            group_key = Some(key);
        }
        group.push(record);
    }
    if let Some((kind, insert)) = group_key {
        queued += group.len();
        queue_group(tx, kind, insert, &group, queued)?;
    }
    Ok(())
}

/// Puts (or adds) one group of records of one kind; the request of the
/// last of them, to wait on.
fn queue_group(
    tx: &Transaction<'_>,
    kind: RecordKind,
    insert: bool,
    records: &[AnyRecord],
    queued_after: usize,
) -> StoreResult<IdbRequest> {
    let text = bulk::json_array(records)?;
    let objects: js_sys::Array = js_sys::JSON::parse(&text)
        .map_err(|e| bulk::failure(tx, e))?
        .into();
    let store = tx
        .as_sys()
        .object_store(kind.plural())
        .map_err(|e| bulk::failure(tx, e))?;
    let mut last = None;
    for (i, object) in objects.iter().enumerate() {
        let request = if insert {
            store.add(&object)
        } else {
            store.put(&object)
        };
        last = Some(request.map_err(|e| bulk::failure(tx, e))?);
        #[cfg(feature = "fault-injection")]
        if let Some(failure) = super::faults::failure_at(queued_after - records.len() + i + 1) {
            // The caller drops the transaction on this error, which aborts it.
            return Err(failure);
        }
        #[cfg(not(feature = "fault-injection"))]
        let _ = (i, queued_after);
    }
    last.ok_or_else(|| StoreError::new(StoreErrorKind::Failed, "an empty group of writes"))
}

/// Puts one record as the bulk writes do: its serde_json text, parsed by
/// the browser. (serde-wasm-bindgen would leave a `None` field out where
/// serde_json writes null; a backup is made of the stored objects' text,
/// so every record is stored in the one form.)
fn put_record<R: serde::Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    record: &R,
) -> Result<(), indexed_db_futures::error::Error> {
    // Records are plain data with string keys: serialising cannot fail.
    let text = serde_json::to_string(record).unwrap_or_default();
    let object = js_sys::JSON::parse(&text)?;
    store.as_sys().put(&object)?;
    Ok(())
}
