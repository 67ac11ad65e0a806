//! What the exchange needs of the store: the whole community in one read
//! (tombstones included), and a file's records written — or a whole phone
//! replaced — in one transaction.

use super::bulk;
use super::changes::Writes;
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::open::Store;
use super::people;
use super::schema::{self, IndexName};
use crate::domain::clash::{booking_clashes, buffers};
use crate::domain::{AnyRecord, Audience, Booking, Community, Meta, RecordKind};
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use web_sys::IdbKeyRange;

impl Store {
    /// Every record of every kind, tombstones included, as of one moment.
    pub async fn community(&self) -> StoreResult<Community> {
        let names = schema::record_store_names();
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        bulk::read_community(&tx).await
    }

    /// Every record of every kind, tombstones included, as of one moment,
    /// as each kind's JSON array — the browser's text, for a backup to be
    /// made of without copying it into Rust. The personal fields
    /// `audience` may not see are emptied on the way.
    pub async fn community_text(
        &self,
        audience: Audience,
    ) -> StoreResult<Vec<(RecordKind, js_sys::JsString)>> {
        let names = schema::record_store_names();
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        let mut out = Vec::with_capacity(RecordKind::ALL.len());
        for kind in RecordKind::ALL {
            let paths = kind.blanked_for(audience);
            out.push((kind, bulk::read_js_json(&tx, kind, &paths).await?));
        }
        Ok(out)
    }

    /// Writes an import's records, all or none.
    ///
    /// The preview was made from what the phone held then; inside this
    /// transaction each record is judged again against what it holds now,
    /// as `exchange::merge` judges it: a record changed here since by a
    /// later change keeps that change; a booking made here since that a
    /// file's booking would overlap refuses the whole import
    /// ([`StoreErrorKind::Changed`]), so the person previews it again and
    /// settles the clash.
    pub async fn import(&self, writes: Vec<AnyRecord>) -> StoreResult<()> {
        let tx = self
            .tx(&schema::all_store_names(), TransactionMode::Readwrite)
            .await?;
        let mut writing = Writes::begin(&tx)?;
        let writes = still_winning(&tx, writes).await?;
        // An erasure, here or in the file, wins over every copy of the person.
        let erasing = people::erasing(&tx, writes).await?;
        let writes: Vec<AnyRecord> = erasing
            .as_they_came
            .into_iter()
            .chain(erasing.erased)
            .collect();
        refuse_new_clashes(&tx, &writes).await?;
        writing
            .queue(writes.into_iter().map(|r| (r, false)).collect())
            .await?;
        writing.done().await?;
        bulk::commit(tx).await
    }

    /// Empties every record store and loads `records`, in one transaction:
    /// if anything fails, the phone keeps what it had. The device id,
    /// settings and the erasures of people stay: a backup made before an
    /// erasure comes back erased.
    pub async fn replace_all(&self, records: Community) -> StoreResult<()> {
        let names = schema::all_store_names();
        let tx = self.tx(&names, TransactionMode::Readwrite).await?;
        for kind in RecordKind::ALL
            .into_iter()
            .filter(|k| *k != RecordKind::Erasure)
        {
            tx.object_store(kind.plural())?.clear()?;
        }
        let erasing = people::erasing(&tx, records.into_records()).await?;
        // Connected, the records put back go to the server like any change
        // (where the server has a later version, that one comes back).
        let mut writes = Writes::begin(&tx)?;
        let ops = erasing
            .as_they_came
            .into_iter()
            .chain(erasing.erased)
            .map(|r| (r, false));
        writes.queue(ops.collect()).await?;
        writes.done().await?;
        bulk::commit(tx).await
    }
}

/// `writes` without those this phone now holds a later change of.
async fn still_winning(
    tx: &Transaction<'_>,
    writes: Vec<AnyRecord>,
) -> StoreResult<Vec<AnyRecord>> {
    let mut stamps: HashMap<(RecordKind, Uuid), Meta> = HashMap::new();
    for kind in RecordKind::ALL {
        if !writes.iter().any(|w| w.kind() == kind) {
            continue;
        }
        // Only the stamps: a kind of tens of thousands crosses into Rust small.
        let request = bulk::ask_all(tx, kind.plural())?;
        let keep = ["id", "created_at", "updated_at", "device_id", "deleted"];
        let text = bulk::answer_json_keeping(tx, &request, &keep).await?;
        let metas: Vec<Meta> = serde_json::from_str(&text).map_err(unreadable)?;
        stamps.extend(metas.into_iter().map(|m| ((kind, m.id), m)));
    }
    Ok(writes
        .into_iter()
        .filter(|w| {
            stamps
                .get(&(w.kind(), w.meta().id))
                .is_none_or(|here| !here.wins_over(w.meta()))
        })
        .collect())
}

/// Refuses `writes` when a booking among them overlaps a live booking of
/// this phone that they leave standing.
async fn refuse_new_clashes(tx: &Transaction<'_>, writes: &[AnyRecord]) -> StoreResult<()> {
    let written: HashSet<Uuid> = writes.iter().map(|w| w.meta().id).collect();
    let incoming = Community::from_records(writes.iter().cloned());
    let spaces: BTreeSet<Uuid> = incoming
        .bookings
        .iter()
        .filter(|b| b.is_live())
        .map(|b| b.space_id)
        .collect();
    if spaces.is_empty() {
        return Ok(());
    }
    let mut around = Community::default();
    for space in &spaces {
        let text = bulk::get_json(
            tx,
            RecordKind::Space.plural(),
            &JsValue::from_str(&space.to_string()),
        )
        .await?;
        if let Some(text) = text {
            around
                .spaces
                .push(serde_json::from_str(&text).map_err(unreadable)?);
        }
        let range = space_range(*space)?;
        let text = bulk::read_index_json(
            tx,
            RecordKind::Booking.plural(),
            IndexName::BookingsBySpaceStart.name(),
            &range,
        )
        .await?;
        let stored: Vec<Booking> = serde_json::from_str(&text).map_err(unreadable)?;
        around
            .bookings
            .extend(stored.into_iter().filter(|b| !written.contains(&b.meta.id)));
    }
    // The file's spaces and bookings as they will stand.
    around.spaces.retain(|s| !written.contains(&s.meta.id));
    around.spaces.extend(incoming.spaces.iter().cloned());
    around.bookings.extend(incoming.bookings.iter().cloned());
    let buffer = buffers(&around);
    let gap = |space| buffer.get(&space).copied().unwrap_or(0);
    let is_written = |id| written.contains(&id);
    let new_clash = booking_clashes(&around.bookings, &gap, &is_written)
        .into_iter()
        .any(|(a, b)| is_written(a.meta.id) != is_written(b.meta.id));
    if new_clash {
        return Err(StoreError::new(
            StoreErrorKind::Changed,
            "a booking made since the preview clashes with the file's",
        ));
    }
    Ok(())
}

/// Every key of the bookings-by-space index for one space.
fn space_range(space: Uuid) -> StoreResult<IdbKeyRange> {
    let key = JsValue::from_str(&space.to_string());
    let lower = js_sys::Array::of2(&key, &JsValue::from_str(""));
    let upper = js_sys::Array::of2(&key, &JsValue::from_str("\u{ffff}"));
    IdbKeyRange::bound(&lower, &upper)
        .map_err(|e| StoreError::from(indexed_db_futures::error::Error::from(e)))
}

fn unreadable(e: serde_json::Error) -> StoreError {
    StoreError::new(StoreErrorKind::Unreadable, e.to_string())
}
