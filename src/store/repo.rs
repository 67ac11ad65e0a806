//! The typed repository: every read and write the app makes.
//!
//! Each public write is one IndexedDB transaction, so a user action either
//! lands whole or not at all.

use super::bulk;
use super::changes::Writes;
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::schema::{self, IndexName, META_STORE, SYNC_LOG};
use crate::domain::{
    AnyRecord, Assignment, Booking, DeviceId, LocalDateTime, Place, Record, RecordKind, Settings,
    Shift, Space,
};
use gloo_events::EventListener;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::DomException;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use uuid::Uuid;

/// Keys of the meta store.
const KEY_DEVICE: &str = "device_id";
const KEY_SETTINGS: &str = "settings";
const KEY_LAST_BACKUP: &str = "last_backup_at";

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

/// What to call when another tab's newer version takes the database.
type SupersededCallback = Rc<RefCell<Option<Box<dyn Fn()>>>>;

/// An open Linli database.
///
/// The connection can go away under the app: some browsers drop it when the
/// app is backgrounded, and a newer version of the app in another tab asks
/// for it in order to upgrade the schema. The first is repaired (reopen,
/// then try the transaction once more); the second is handed over: this
/// store closes, says so through `on_superseded`, and stays closed.
pub struct Store {
    /// The live connection. A reopened one replaces it; the handle it
    /// replaces is leaked, a few bytes per reopen, so transactions can
    /// borrow the connection for as long as they run.
    db: Cell<&'static Database>,
    name: String,
    superseded: Rc<Cell<bool>>,
    on_superseded: SupersededCallback,
    /// The `versionchange` listener of the current connection; dropping
    /// it removes it.
    listener: RefCell<Option<EventListener>>,
}

impl Store {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> StoreResult<Store> {
        Ok(Store::from_database(schema::open(name).await?))
    }

    /// Wraps an already open database (used by upgrade tests).
    pub fn from_database(db: Database) -> Store {
        let store = Store {
            name: db.name(),
            db: Cell::new(Box::leak(Box::new(db))),
            superseded: Rc::new(Cell::new(false)),
            on_superseded: Rc::new(RefCell::new(None)),
            listener: RefCell::new(None),
        };
        store.listen_for_upgrades();
        store
    }

    /// Called once if a newer version of the app, in another tab, needs
    /// the database: this store has closed and the page should reload.
    pub fn on_superseded(&self, f: impl Fn() + 'static) {
        *self.on_superseded.borrow_mut() = Some(Box::new(f));
    }

    pub fn is_superseded(&self) -> bool {
        self.superseded.get()
    }

    fn listen_for_upgrades(&self) {
        let db = self.db.get();
        let superseded = self.superseded.clone();
        let callback = self.on_superseded.clone();
        let handle = db.as_sys().clone();
        let listener = EventListener::new(db.as_sys(), "versionchange", move |_| {
            // Let the other tab's upgrade go on instead of blocking it.
            handle.close();
            superseded.set(true);
            if let Some(f) = callback.borrow().as_ref() {
                f();
            }
        });
        *self.listener.borrow_mut() = Some(listener);
    }

    pub fn name(&self) -> String {
        self.name.clone()
    }

    pub fn version(&self) -> u32 {
        self.db.get().version() as u32
    }

    /// Closes the connection; the store must not be used afterwards.
    pub fn close(self) {
        self.listener.take();
        self.db.get().as_sys().close();
    }

    /// Closes the connection the way a browser does when it drops it, so
    /// tests can check that the store reopens it.
    #[cfg(feature = "fault-injection")]
    pub fn drop_connection(&self) {
        self.db.get().as_sys().close();
    }

    fn build_tx(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<Transaction<'static>, indexed_db_futures::error::Error> {
        // A database built by an earlier schema (only in the upgrade
        // tests, which write to it before opening it as the current one)
        // lacks the later stores: a transaction spans those it has.
        let have: Vec<String> = self.db.get().object_store_names().collect();
        let stores: Vec<&str> = stores
            .iter()
            .copied()
            .filter(|s| have.iter().any(|h| h == s))
            .collect();
        self.db.get().transaction(stores).with_mode(mode).build()
    }

    /// A transaction on `stores`. A connection the browser closed is
    /// reopened and the transaction tried once more.
    pub(super) async fn tx(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> StoreResult<Transaction<'static>> {
        if self.superseded.get() {
            return Err(StoreError::new(
                StoreErrorKind::Superseded,
                "a newer version of the app took the database",
            ));
        }
        match self.build_tx(stores, mode) {
            Err(indexed_db_futures::error::Error::DomException(
                DomException::InvalidStateError(_),
            )) => {
                let db = schema::open(&self.name).await?;
                self.db.set(Box::leak(Box::new(db)));
                self.listen_for_upgrades();
                Ok(self.build_tx(stores, mode)?)
            }
            other => Ok(other?),
        }
    }

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
    async fn range<R, K>(&self, index: IndexName, range: KeyRange<K>) -> StoreResult<Vec<R>>
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

    /// Bookings of every space starting in `[from, to)`, earliest first.
    pub async fn bookings_between(
        &self,
        from: LocalDateTime,
        to: LocalDateTime,
    ) -> StoreResult<Vec<Booking>> {
        let range = KeyRange::Bound(from.to_string(), false, to.to_string(), true);
        self.range(IndexName::BookingsByStart, range).await
    }

    /// Bookings of one space starting in `[from, to)`, earliest first.
    pub async fn bookings_of_space(
        &self,
        space: Uuid,
        from: LocalDateTime,
        to: LocalDateTime,
    ) -> StoreResult<Vec<Booking>> {
        let id = space.to_string();
        let range = KeyRange::Bound(
            (id.clone(), from.to_string()),
            false,
            (id, to.to_string()),
            true,
        );
        self.range(IndexName::BookingsBySpaceStart, range).await
    }

    /// Shifts of every activity starting in `[from, to)`, earliest first.
    pub async fn shifts_between(
        &self,
        from: LocalDateTime,
        to: LocalDateTime,
    ) -> StoreResult<Vec<Shift>> {
        let range = KeyRange::Bound(from.to_string(), false, to.to_string(), true);
        self.range(IndexName::ShiftsByStart, range).await
    }

    /// All shifts of one activity, earliest first.
    pub async fn shifts_of_activity(&self, activity: Uuid) -> StoreResult<Vec<Shift>> {
        let id = activity.to_string();
        // "" sorts before every start time and U+FFFF after every one.
        let range = KeyRange::Bound(
            (id.clone(), String::new()),
            false,
            (id, "\u{ffff}".to_string()),
            false,
        );
        self.range(IndexName::ShiftsByActivityStart, range).await
    }

    /// Every live space's name, by id.
    pub async fn space_names(&self) -> StoreResult<HashMap<Uuid, String>> {
        Ok(self
            .list::<Space>()
            .await?
            .into_iter()
            .map(|s| (s.meta.id, s.name))
            .collect())
    }

    /// Where an activity happens, as people say it: the space's name or
    /// the text the lead typed.
    pub async fn place_name(&self, place: &Place) -> StoreResult<String> {
        Ok(match place {
            Place::Text { text } => text.clone(),
            Place::Space { space_id, .. } => self
                .get::<Space>(*space_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default(),
        })
    }

    pub async fn assignments_of_shift(&self, shift: Uuid) -> StoreResult<Vec<Assignment>> {
        self.range(
            IndexName::AssignmentsByShift,
            KeyRange::Only(shift.to_string()),
        )
        .await
    }

    pub async fn assignments_of_volunteer(&self, volunteer: Uuid) -> StoreResult<Vec<Assignment>> {
        self.range(
            IndexName::AssignmentsByVolunteer,
            KeyRange::Only(volunteer.to_string()),
        )
        .await
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
    /// transaction. A phone connected to a server stays connected and
    /// takes every record from it again.
    pub async fn clear_all(&self) -> StoreResult<()> {
        let names = schema::all_store_names();
        let tx = self.tx(&names, TransactionMode::Readwrite).await?;
        for kind in RecordKind::ALL {
            tx.object_store(kind.plural())?.clear()?;
        }
        self.restart_sync(&tx)?;
        let meta = tx.object_store(META_STORE)?;
        meta.delete(KEY_SETTINGS).build()?;
        meta.delete(KEY_LAST_BACKUP).build()?;
        tx.commit().await?;
        Ok(())
    }

    async fn meta_get<T: DeserializeOwned>(&self, key: &str) -> StoreResult<Option<T>> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly).await?;
        let store = tx.object_store(META_STORE)?;
        let value: Option<T> = store.get(key.to_string()).serde()?.await?;
        Ok(value)
    }

    async fn meta_put<T: Serialize>(&self, key: &str, value: T) -> StoreResult<()> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite).await?;
        let store = tx.object_store(META_STORE)?;
        store.put(value).with_key(key.to_string()).serde()?;
        tx.commit().await?;
        Ok(())
    }

    /// This device's id, created on first use and kept for good.
    pub async fn device_id(&self, make: impl FnOnce() -> String) -> StoreResult<DeviceId> {
        if let Some(id) = self.meta_get::<String>(KEY_DEVICE).await? {
            return Ok(DeviceId(id));
        }
        let id = make();
        self.meta_put(KEY_DEVICE, id.clone()).await?;
        Ok(DeviceId(id))
    }

    pub async fn settings(&self) -> StoreResult<Settings> {
        Ok(self
            .meta_get::<Settings>(KEY_SETTINGS)
            .await?
            .unwrap_or_default())
    }

    pub async fn save_settings(&self, settings: &Settings) -> StoreResult<()> {
        self.meta_put(KEY_SETTINGS, settings.clone()).await
    }

    pub async fn last_backup_at(&self) -> StoreResult<Option<Timestamp>> {
        self.meta_get::<Timestamp>(KEY_LAST_BACKUP).await
    }

    pub async fn set_last_backup_at(&self, at: Timestamp) -> StoreResult<()> {
        self.meta_put(KEY_LAST_BACKUP, at).await
    }
}

impl From<StoreErrorKind> for StoreError {
    fn from(kind: StoreErrorKind) -> Self {
        StoreError::new(kind, format!("{kind:?}"))
    }
}
