//! Records of any kind: read by id, list, count; write a batch in one
//! transaction; mark one deleted; clear the phone.

use super::bulk;
use super::changes::Writes;
use super::error::StoreResult;
use super::open::Store;
use super::schema::{self, IndexName, META_STORE, SYNC_LOG};
use super::settings::{KEY_LAST_BACKUP, KEY_SETTINGS};
use crate::domain::{AnyRecord, DeviceId, Record, RecordKind, Settings};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use jiff::Timestamp;
use serde::Serialize;
use uuid::Uuid;

/// One change inside a batch.
#[derive(Clone, Debug)]
pub enum BatchOp {
    /// Write the record, replacing any with the same id.
    Put(AnyRecord),
    /// Write a record that must be new: fails the batch if the id exists.
    Insert(AnyRecord),
}

/// Changes applied together in one transaction: all or nothing.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub ops: Vec<BatchOp>,
    /// Settings to save in the same transaction, if any.
    pub settings: Option<Settings>,
}

impl Batch {
    pub fn put(&mut self, record: impl Record) -> &mut Self {
        self.ops.push(BatchOp::Put(record.into_any()));
        self
    }

    pub fn insert(&mut self, record: impl Record) -> &mut Self {
        self.ops.push(BatchOp::Insert(record.into_any()));
        self
    }
}

/// Record counts per kind, tombstones left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    by_kind: [usize; RecordKind::ALL.len()],
}

impl Counts {
    pub fn get(&self, kind: RecordKind) -> usize {
        self.by_kind[kind as usize]
    }

    pub fn total(&self) -> usize {
        self.by_kind.iter().sum()
    }
}

impl Store {
    /// One record by id, tombstones included (the caller decides).
    pub async fn get<R: Record>(&self, id: Uuid) -> StoreResult<Option<R>> {
        let name = R::KIND.plural();
        let tx = self.tx(&[name], TransactionMode::Readonly).await?;
        let store = tx.object_store(name)?;
        let found: Option<R> = store.get(id.to_string()).serde()?.await?;
        Ok(found)
    }

    /// One record by id, unless it is missing or a tombstone.
    pub async fn get_live<R: Record>(&self, id: Uuid) -> StoreResult<Option<R>> {
        Ok(self.get::<R>(id).await?.filter(|r| !r.meta().deleted))
    }

    /// Every record of a kind, tombstones included.
    pub async fn list_all<R: Record>(&self) -> StoreResult<Vec<R>> {
        let name = R::KIND.plural();
        let tx = self.tx(&[name], TransactionMode::Readonly).await?;
        bulk::read_all(&tx).await
    }

    /// Every live record of a kind.
    pub async fn list<R: Record>(&self) -> StoreResult<Vec<R>> {
        let mut rows = self.list_all::<R>().await?;
        rows.retain(|r| !r.meta().deleted);
        Ok(rows)
    }

    /// Live records of an index within `range`, in index order.
    pub(super) async fn range<R, K>(
        &self,
        index: IndexName,
        range: KeyRange<K>,
    ) -> StoreResult<Vec<R>>
    where
        R: Record,
        K: Serialize,
    {
        debug_assert_eq!(index.kind(), R::KIND);
        let name = R::KIND.plural();
        let tx = self.tx(&[name], TransactionMode::Readonly).await?;
        let store = tx.object_store(name)?;
        let rows = store
            .index(index.name())?
            .get_all::<R>()
            .with_query::<K, _>(range)
            .serde()?
            .await?;
        let mut rows = rows.collect::<Result<Vec<R>, _>>()?;
        rows.retain(|r| !r.meta().deleted);
        Ok(rows)
    }

    /// Live record counts of every kind, read in one transaction.
    pub async fn counts(&self) -> StoreResult<Counts> {
        let names = schema::record_store_names();
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        let mut counts = Counts::default();
        for kind in RecordKind::ALL {
            counts.by_kind[kind as usize] = bulk::count_live(&tx, kind).await?;
        }
        Ok(counts)
    }

    /// Whether the phone holds any live record, without counting them.
    pub async fn holds_records(&self) -> StoreResult<bool> {
        let names = schema::record_store_names();
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        for kind in RecordKind::ALL {
            if bulk::any_live(&tx, kind).await? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Saves one record.
    pub async fn put<R: Record>(&self, record: R) -> StoreResult<()> {
        let mut batch = Batch::default();
        batch.put(record);
        self.write(batch).await
    }

    /// Marks a record deleted (a tombstone). Returns false if there is none.
    pub async fn tombstone<R: Record>(
        &self,
        id: Uuid,
        now: Timestamp,
        device: &DeviceId,
    ) -> StoreResult<bool> {
        let name = R::KIND.plural();
        let tx = self
            .tx(&[name, META_STORE, SYNC_LOG], TransactionMode::Readwrite)
            .await?;
        let mut writes = Writes::begin(&tx)?;
        let store = tx.object_store(name)?;
        let found: Option<R> = store.get(id.to_string()).serde()?.await?;
        let Some(mut record) = found else {
            return Ok(false);
        };
        record.meta_mut().tombstone(now, device);
        writes.put(&record)?;
        writes.done().await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Applies every change of `batch` in one transaction: if any fails,
    /// none is kept.
    pub async fn write(&self, batch: Batch) -> StoreResult<()> {
        let names = schema::all_store_names();
        let tx = self.tx(&names, TransactionMode::Readwrite).await?;
        let mut writes = Writes::begin(&tx)?;
        let ops = batch.ops.into_iter().map(|op| match op {
            BatchOp::Put(r) => (r, false),
            BatchOp::Insert(r) => (r, true),
        });
        writes.queue(ops.collect()).await?;
        writes.done().await?;
        if let Some(settings) = batch.settings {
            let meta = tx.object_store(META_STORE)?;
            meta.put(settings)
                .with_key(KEY_SETTINGS.to_string())
                .serde()?;
        }
        // Requests are already sent; waiting on each one in turn would add a
        // round trip per record. On failure, the request that failed says why.
        bulk::commit(tx).await
    }

    /// Removes every record and setting except the device id, in one
    /// transaction: the community is gone from this phone, with the
    /// server it was connected to and the sign-in.
    pub async fn clear_all(&self) -> StoreResult<()> {
        let names = schema::all_store_names();
        let tx = self.tx(&names, TransactionMode::Readwrite).await?;
        for kind in RecordKind::ALL {
            tx.object_store(kind.plural())?.clear()?;
        }
        self.forget_connection(&tx)?;
        let meta = tx.object_store(META_STORE)?;
        meta.delete(KEY_SETTINGS).build()?;
        meta.delete(KEY_LAST_BACKUP).build()?;
        tx.commit().await?;
        Ok(())
    }
}
