//! Many records at once between Rust and IndexedDB, as JSON text.
//!
//! Converting record by record (serde-wasm-bindgen) crosses from wasm to
//! JavaScript once per field and string; for an import of tens of thousands
//! of records that crossing, not IndexedDB, was most of the time. Here a
//! chunk of records crosses as one JSON text: the browser's own `JSON.parse`
//! builds the objects, and each goes to IndexedDB as a page written in
//! JavaScript would put it. Reading back is the mirror: `getAll`, one
//! `JSON.stringify`, one parse in Rust. Every record is stored in this one
//! form (`put_record` for writes of one; serde-wasm-bindgen would leave
//! out a `None` that serde_json writes as null), because a backup is made
//! straight from the stored objects' text. Single-record reads use serde.

use super::error::{StoreError, StoreErrorKind, StoreResult};
use crate::domain::{AnyRecord, Community, Record, RecordKind};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::transaction::Transaction;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbKeyRange, IdbRequest, IdbTransaction};

/// Every stored object of a kind, as the browser holds them.
async fn get_all(tx: &Transaction<'_>, kind: RecordKind) -> StoreResult<JsValue> {
    get_all_in(tx, kind.plural(), None).await
}

/// Every record of every kind in `tx`, tombstones included. The reads of
/// all kinds are asked for at once and collected in turn, so IndexedDB
/// reads one kind while the page parses the one before.
pub(super) async fn read_community(tx: &Transaction<'_>) -> StoreResult<Community> {
    let mut requests = Vec::with_capacity(RecordKind::ALL.len());
    for kind in RecordKind::ALL {
        let store = tx
            .as_sys()
            .object_store(kind.plural())
            .map_err(|e| failure(tx, e))?;
        requests.push((kind, store.get_all().map_err(|e| failure(tx, e))?));
    }
    let mut community = Community::default();
    for (kind, request) in requests {
        let text = answer_json(tx, &request).await?.unwrap_or_default();
        community
            .set_from_json(kind, &text)
            .map_err(|e| StoreError::new(StoreErrorKind::Unreadable, e.to_string()))?;
    }
    Ok(community)
}

/// The stored objects of `store` within `range` (all when `None`).
async fn get_all_in(
    tx: &Transaction<'_>,
    store: &str,
    range: Option<&IdbKeyRange>,
) -> StoreResult<JsValue> {
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    let request = match range {
        Some(range) => store.get_all_with_key(range),
        None => store.get_all(),
    }
    .map_err(|e| failure(tx, e))?;
    settled(&request).await;
    request.result().map_err(|e| failure(tx, e))
}

/// The objects of `store` within `range`, as one JSON array.
pub(super) async fn read_json_in(
    tx: &Transaction<'_>,
    store: &str,
    range: Option<&IdbKeyRange>,
) -> StoreResult<String> {
    let rows = get_all_in(tx, store, range).await?;
    Ok(js_sys::JSON::stringify(&rows)
        .map_err(|e| failure(tx, e))?
        .into())
}

/// Puts every object of the JSON array `text` into `store` (whose keys
/// are in the objects). Failures abort the transaction; [`commit`] says why.
pub(super) fn put_json(tx: &Transaction<'_>, store: &str, text: &str) -> StoreResult<()> {
    let objects: js_sys::Array = js_sys::JSON::parse(text)
        .map_err(|e| failure(tx, e))?
        .into();
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    for object in objects.iter() {
        store.put(&object).map_err(|e| failure(tx, e))?;
    }
    Ok(())
}

/// One object, from JSON, into `store`: put, or added under a key the
/// store makes.
pub(super) fn add_json(tx: &Transaction<'_>, store: &str, text: &str) -> StoreResult<()> {
    let object = js_sys::JSON::parse(text).map_err(|e| failure(tx, e))?;
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    store.add(&object).map_err(|e| failure(tx, e))?;
    Ok(())
}

/// Every key of `store`.
pub(super) async fn all_keys(tx: &Transaction<'_>, store: &str) -> StoreResult<Vec<JsValue>> {
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    let request = store.get_all_keys().map_err(|e| failure(tx, e))?;
    settled(&request).await;
    let keys: js_sys::Array = request.result().map_err(|e| failure(tx, e))?.into();
    Ok(keys.iter().collect())
}

/// One object of `store` as JSON, if there is one under `key`.
pub(super) async fn get_json(
    tx: &Transaction<'_>,
    store: &str,
    key: &JsValue,
) -> StoreResult<Option<String>> {
    let request = ask_get(tx, store, key)?;
    answer_json(tx, &request).await
}

/// Asks for the object of `store` under `key`, without waiting: a write
/// asks for everything it reads at once and then collects the answers
/// ([`answer_json`]), one wait instead of one per read.
pub(super) fn ask_get(tx: &Transaction<'_>, store: &str, key: &JsValue) -> StoreResult<IdbRequest> {
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    store.get(key).map_err(|e| failure(tx, e))
}

/// Asks for every object of `store`, without waiting (see [`ask_get`]).
pub(super) fn ask_all(tx: &Transaction<'_>, store: &str) -> StoreResult<IdbRequest> {
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    store.get_all().map_err(|e| failure(tx, e))
}

/// Asks for the objects of an index of `store` within `range`, without
/// waiting (see [`ask_get`]).
pub(super) fn ask_index(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    range: &IdbKeyRange,
) -> StoreResult<IdbRequest> {
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    let index = store.index(index).map_err(|e| failure(tx, e))?;
    index.get_all_with_key(range).map_err(|e| failure(tx, e))
}

/// The answer to a request asked earlier, as JSON; `None` when nothing
/// was found under its key.
pub(super) async fn answer_json(
    tx: &Transaction<'_>,
    request: &IdbRequest,
) -> StoreResult<Option<String>> {
    settled(request).await;
    let value = request.result().map_err(|e| failure(tx, e))?;
    if value.is_undefined() {
        return Ok(None);
    }
    Ok(js_sys::JSON::stringify(&value)
        .map_err(|e| failure(tx, e))?
        .as_string())
}

/// The answer to a request asked earlier, as JSON holding only the
/// properties named in `keys` (at any depth): the browser leaves the rest
/// out while it writes the text, so Rust neither copies nor parses it.
pub(super) async fn answer_json_keeping(
    tx: &Transaction<'_>,
    request: &IdbRequest,
    keys: &[&str],
) -> StoreResult<String> {
    settled(request).await;
    let value = request.result().map_err(|e| failure(tx, e))?;
    let keep: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    Ok(js_sys::JSON::stringify_with_replacer(&value, &keep)
        .map_err(|e| failure(tx, e))?
        .into())
}

/// The answers to many requests asked earlier in `tx`, each an array
/// (`getAll`), as one JSON array: one wait and one crossing into Rust
/// instead of one per request. A transaction's requests finish in the
/// order they were asked, so the last one settled means all did.
pub(super) async fn answers_json(
    tx: &Transaction<'_>,
    requests: &[IdbRequest],
) -> StoreResult<String> {
    let Some(last) = requests.last() else {
        return Ok("[]".into());
    };
    settled(last).await;
    let mut all = js_sys::Array::new();
    for request in requests {
        let rows = request.result().map_err(|e| failure(tx, e))?;
        if let Some(rows) = rows.dyn_ref::<js_sys::Array>() {
            all = all.concat(rows);
        }
    }
    Ok(js_sys::JSON::stringify(&all)
        .map_err(|e| failure(tx, e))?
        .into())
}

/// The objects of an index of `store` within `range`, as one JSON array.
pub(super) async fn read_index_json(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    range: &IdbKeyRange,
) -> StoreResult<String> {
    let request = ask_index(tx, store, index, range)?;
    Ok(answer_json(tx, &request).await?.unwrap_or_default())
}

/// Deletes the objects of `store` within `range`.
pub(super) fn delete_in(tx: &Transaction<'_>, store: &str, range: &IdbKeyRange) -> StoreResult<()> {
    let store = tx
        .as_sys()
        .object_store(store)
        .map_err(|e| failure(tx, e))?;
    store.delete(range).map_err(|e| failure(tx, e))?;
    Ok(())
}

/// Every record of a kind in `tx`'s store, tombstones included, as one
/// JSON array.
pub(super) async fn read_json(tx: &Transaction<'_>, kind: RecordKind) -> StoreResult<String> {
    let rows = get_all(tx, kind).await?;
    Ok(js_sys::JSON::stringify(&rows)
        .map_err(|e| failure(tx, e))?
        .into())
}

/// Every record of a kind as one JSON array, left in the browser, with
/// the string fields at `paths` emptied in every object first.
pub(super) async fn read_js_json(
    tx: &Transaction<'_>,
    kind: RecordKind,
    paths: &[&[&str]],
) -> StoreResult<js_sys::JsString> {
    let rows = get_all(tx, kind).await?;
    if !paths.is_empty() {
        let empty = JsValue::from_str("");
        for row in js_sys::Array::from(&rows).iter() {
            for path in paths {
                let Some((field, parents)) = path.split_last() else {
                    continue;
                };
                let mut object = row.clone();
                for parent in parents {
                    object = js_sys::Reflect::get(&object, &JsValue::from_str(parent))
                        .unwrap_or(JsValue::UNDEFINED);
                }
                let field = JsValue::from_str(field);
                let is_text = js_sys::Reflect::get(&object, &field)
                    .map(|v| v.is_string())
                    .unwrap_or(false);
                if is_text {
                    js_sys::Reflect::set(&object, &field, &empty).map_err(|e| failure(tx, e))?;
                }
            }
        }
    }
    js_sys::JSON::stringify(&rows).map_err(|e| failure(tx, e))
}

/// Every record of a kind in `tx`'s store, tombstones included.
pub(super) async fn read_all<R: Record>(tx: &Transaction<'_>) -> StoreResult<Vec<R>> {
    let text = read_json(tx, R::KIND).await?;
    serde_json::from_str(&text)
        .map_err(|e| StoreError::new(StoreErrorKind::Unreadable, e.to_string()))
}

/// How many records of a kind are not tombstones. Tombstones cannot be
/// told apart by an index (a boolean is no IndexedDB key), so the objects
/// are read, but only their `deleted` flag crosses into Rust.
pub(super) async fn count_live(tx: &Transaction<'_>, kind: RecordKind) -> StoreResult<usize> {
    let rows: js_sys::Array = get_all(tx, kind).await?.into();
    Ok(rows.iter().filter(is_live).count())
}

/// Whether a kind has any record that is not a tombstone. Reads a page of
/// objects at a time: a phone with records answers from its first page,
/// where counting them all takes a second on a big community.
pub(super) async fn any_live(tx: &Transaction<'_>, kind: RecordKind) -> StoreResult<bool> {
    const PAGE: u32 = 64;
    let store = tx
        .as_sys()
        .object_store(kind.plural())
        .map_err(|e| failure(tx, e))?;
    let mut after: Option<JsValue> = None;
    loop {
        let request = match &after {
            Some(key) => IdbKeyRange::lower_bound_with_open(key, true)
                .and_then(|range| store.get_all_with_key_and_limit(&range, PAGE)),
            None => store.get_all_with_key_and_limit(&JsValue::UNDEFINED, PAGE),
        }
        .map_err(|e| failure(tx, e))?;
        settled(&request).await;
        let rows: js_sys::Array = request.result().map_err(|e| failure(tx, e))?.into();
        if rows.iter().any(|row| is_live(&row)) {
            return Ok(true);
        }
        if rows.length() < PAGE {
            return Ok(false);
        }
        after = js_sys::Reflect::get(&rows.get(rows.length() - 1), &JsValue::from_str("id")).ok();
    }
}

fn is_live(row: &JsValue) -> bool {
    !js_sys::Reflect::get(row, &JsValue::from_str("deleted"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Commits `tx`; if it fails, the request that aborted it says why (a
/// duplicate id, a full disk).
pub(super) async fn commit(tx: Transaction<'_>) -> StoreResult<()> {
    let sys = tx.as_sys().clone();
    tx.commit().await.map_err(|e| why_aborted(&sys, e.into()))
}

/// Why `tx` failed: the error of the request that aborted it, if any.
fn why_aborted(tx: &IdbTransaction, otherwise: StoreError) -> StoreError {
    match tx.error() {
        Some(e) => indexed_db_futures::error::Error::from(JsValue::from(e)).into(),
        None => otherwise,
    }
}

pub(super) fn failure(tx: &Transaction<'_>, e: JsValue) -> StoreError {
    why_aborted(
        tx.as_sys(),
        indexed_db_futures::error::Error::from(e).into(),
    )
}

/// Resolves once `request` succeeded or failed (the transaction reports
/// which). The handlers are plain JS functions: nothing to keep alive.
/// A request asked earlier may be done already; its events are gone then.
pub(super) async fn settled(request: &IdbRequest) {
    if request.ready_state() == web_sys::IdbRequestReadyState::Done {
        return;
    }
    let done = js_sys::Promise::new(&mut |resolve, _| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&resolve));
    });
    let _ = JsFuture::from(done).await;
}

pub(super) fn json_array(records: &[AnyRecord]) -> StoreResult<String> {
    let mut out = Vec::with_capacity(records.len() * 400);
    out.push(b'[');
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        record
            .write_json(&mut out)
            .map_err(|e| StoreError::new(StoreErrorKind::Failed, e.to_string()))?;
    }
    out.push(b']');
    // serde_json writes only valid UTF-8.
    String::from_utf8(out).map_err(|e| StoreError::new(StoreErrorKind::Failed, e.to_string()))
}
