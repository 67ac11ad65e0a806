//! What the exchange needs of the store: the whole community in one read
//! (tombstones included), and a file's records written — or a whole phone
//! replaced — in one transaction.

use super::bulk::{self, read_all};
use super::error::StoreResult;
use super::repo::{Batch, BatchOp, Store};
use super::schema;
use crate::domain::{AnyRecord, Community, RecordKind};
use indexed_db_futures::transaction::TransactionMode;

impl Store {
    /// Every record of every kind, tombstones included, as of one moment.
    pub async fn community(&self) -> StoreResult<Community> {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.plural()).collect();
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        Ok(Community {
            spaces: read_all(&tx).await?,
            bookings: read_all(&tx).await?,
            volunteers: read_all(&tx).await?,
            activities: read_all(&tx).await?,
            shifts: read_all(&tx).await?,
            assignments: read_all(&tx).await?,
        })
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
        let ops = records.into_records().into_iter().map(|r| (r, false));
        bulk::queue_writes(&tx, ops).await?;
        bulk::commit(tx).await
    }
}
