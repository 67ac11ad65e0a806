//! The [`Store`] handle: opening (and upgrading) the database, keeping
//! the connection, handing it over to a newer version in another tab,
//! and the transactions every other file of the store runs in.

use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::schema::{self};
use gloo_events::EventListener;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::DomException;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

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
}
