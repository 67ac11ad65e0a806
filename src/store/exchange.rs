//! What the exchange needs of the store: the whole community in one read
//! (tombstones included), and a file's records written — or a whole phone
//! replaced — in one transaction.

use super::bulk;
use super::error::StoreResult;
use super::repo::{Batch, BatchOp, Store};
use super::schema;
use super::sync::{doc_of, note_changes};
use crate::domain::{AnyRecord, Audience, Community, RecordKind};
use indexed_db_futures::transaction::TransactionMode;

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
    pub async fn import(&self, writes: Vec<AnyRecord>) -> StoreResult<()> {
        let mut batch = Batch::default();
        batch.ops.extend(writes.into_iter().map(BatchOp::Put));
        self.write(batch).await
    }

    /// Empties every record store and loads `records`, in one transaction:
    /// if anything fails, the phone keeps what it had. The device id and
    /// settings stay.
    pub async fn replace_all(&self, records: Community) -> StoreResult<()> {
        let names = schema::all_store_names();
        let tx = self.tx(&names, TransactionMode::Readwrite).await?;
        for kind in RecordKind::ALL {
            tx.object_store(kind.plural())?.clear()?;
        }
        let records = records.into_records();
        // Connected, the records put back go to the server like any change
        // (where the server has a later version, that one comes back).
        note_changes(&tx, records.iter().map(doc_of)).await?;
        let ops = records.into_iter().map(|r| (r, false));
        bulk::queue_writes(&tx, ops).await?;
        bulk::commit(tx).await
    }
}
