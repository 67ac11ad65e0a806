//! Sync while the app is open: a round when it starts, after each save (a
//! moment later, so a burst of taps goes as one), when the network comes
//! back, and whenever the server has a change (a long-poll per database).
//! One round at a time; every screen and write works without any of it.

mod connect;

use crate::couch::Client;
use crate::store::{Store, StoreErrorKind};
use crate::sync::{
    self, AddressProblem, Connection, Database, OwnRequests, Progress, Pusher, Report, Role,
    ServerError, SyncError,
};
use crate::ui::state::AppState;
use futures::lock::Mutex;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use jiff::Timestamp;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::AbortController;

/// How long after a save the push waits for more.
const PUSH_DELAY_MS: u32 = 400;
/// Waits between tries while the server cannot be reached, longest last.
const RETRY_MS: [u32; 4] = [2_000, 5_000, 10_000, 15_000];
/// Rounds smaller than this do not show their progress (it would flicker).
const SHOWN_FROM: usize = 100;

/// Where sync stands, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Connected, nothing under way (or not connected at all).
    Idle,
    Working(Progress),
    /// The browser says it has no network; changes wait on the phone.
    Offline,
    /// The browser has a network, but the server did not answer.
    Unreachable,
    /// The session ended: sign in again.
    SignedOut,
    /// The server answered, but not with the data (no access, no such
    /// database, an error of its own).
    Refused(ServerError),
    /// This phone could not write what came.
    Stored(StoreErrorKind),
}

/// Why connecting did not work.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectError {
    Address(AddressProblem),
    Server(ServerError),
    /// The account has no role in this community (it belongs to another,
    /// or none): the community's name as typed.
    NoRole(String),
    Stored(StoreErrorKind),
}

/// What a round does.
#[derive(Clone, Copy, PartialEq)]
enum Round {
    /// Pull every database, then push to every one.
    Full,
    /// Pull one database (it has changes), then push.
    Pull(Database),
    /// Push what changed here.
    Push,
}

struct Runner {
    lock: Mutex<()>,
    /// Bumped on connect and disconnect: loops of an older one stop.
    generation: Cell<u64>,
    watches: RefCell<Vec<AbortController>>,
    push_timer: RefCell<Option<Timeout>>,
    online: RefCell<Option<EventListener>>,
}

/// Sync's state in context: its phase, and the runner behind it.
#[derive(Clone, Copy)]
pub struct SyncState {
    pub phase: RwSignal<Phase>,
    /// Bumped after every round, for the status line to read again. Not
    /// the app's revision: a round that changed nothing must not make
    /// every screen read again (nor start another push).
    pub tick: RwSignal<u64>,
    runner: StoredValue<Rc<Runner>, LocalStorage>,
}

/// What a push may send from this phone.
struct Sender(Option<String>);

impl Pusher for Sender {
    fn sends(&self, record: &crate::domain::AnyRecord) -> bool {
        match &self.0 {
            None => true,
            Some(user) => OwnRequests(user).sends(record),
        }
    }
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

async fn run_round(
    store: &Store,
    client: &Client,
    connection: &Connection,
    round: Round,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, SyncError<crate::store::StoreError>> {
    let dbs = connection.role.databases();
    let sender = Sender(match connection.role {
        Role::Committee => None,
        Role::Resident => Some(connection.user.clone()),
    });
    let mut report = Report::default();
    let pulled: Vec<Database> = match round {
        Round::Full => dbs.to_vec(),
        Round::Pull(db) => vec![db],
        Round::Push => Vec::new(),
    };
    for db in pulled {
        report.add(sync::pull(store, client, db, progress).await?);
    }
    for &db in dbs {
        report.add(sync::push(store, client, db, &sender).await?);
    }
    if round == Round::Full {
        // Residents' phones seal their contact to this key; a server set
        // up before there was one has none (and then nothing is asked).
        // The round itself went through: a design document it cannot read
        // changes nothing.
        if let Ok(Some(key)) = client.contact_key().await {
            store
                .keep_public_contact_key(key)
                .await
                .map_err(SyncError::Local)?;
        }
    }
    Ok(report)
}

impl SyncState {
    /// Puts sync in context and, if this phone is connected, starts it.
    pub fn provide(state: AppState) -> SyncState {
        let sync = SyncState {
            phase: RwSignal::new(Phase::Idle),
            tick: RwSignal::new(0),
            runner: StoredValue::new_local(Rc::new(Runner {
                lock: Mutex::new(()),
                generation: Cell::new(0),
                watches: RefCell::new(Vec::new()),
                push_timer: RefCell::new(None),
                online: RefCell::new(None),
            })),
        };
        provide_context(sync);
        // A save here (or in another tab) is pushed a moment later.
        Effect::new(move |seen: Option<()>| {
            state.revision.track();
            if seen.is_some() {
                sync.push_soon(state);
            }
        });
        let listener = EventListener::new(&window(), "online", move |_| sync.sync_now(state));
        *sync.runner.get_value().online.borrow_mut() = Some(listener);
        if state.connection.get_untracked().is_some() {
            sync.start(state);
        }
        sync
    }

    fn runner(&self) -> Rc<Runner> {
        self.runner.get_value()
    }

    /// A full round now, and a watch on every database.
    fn start(&self, state: AppState) {
        let Some(connection) = state.connection.get_untracked() else {
            return;
        };
        let generation = self.runner().generation.get();
        self.sync_now(state);
        for &db in connection.role.databases() {
            let sync = *self;
            leptos::task::spawn_local(async move { sync.watch(state, db, generation).await });
        }
    }

    /// Stops every loop of the current connection.
    fn stop(&self) {
        let runner = self.runner();
        runner.generation.set(runner.generation.get() + 1);
        for watch in runner.watches.borrow_mut().drain(..) {
            watch.abort();
        }
        runner.push_timer.borrow_mut().take();
    }

    /// "立即同步": a full round.
    pub fn sync_now(&self, state: AppState) {
        let sync = *self;
        leptos::task::spawn_local(async move {
            sync.round(state, Round::Full).await;
        });
    }

    fn push_soon(&self, state: AppState) {
        if state.connection.get_untracked().is_none() {
            return;
        }
        let sync = *self;
        let timer = Timeout::new(PUSH_DELAY_MS, move || {
            leptos::task::spawn_local(async move {
                sync.round(state, Round::Push).await;
            });
        });
        *self.runner().push_timer.borrow_mut() = Some(timer);
    }

    /// Runs one round; true when it went through.
    async fn round(&self, state: AppState, round: Round) -> bool {
        let Some(connection) = state.connection.get_untracked() else {
            return false;
        };
        // After the session ended nothing goes until the person signs in
        // again (a round with nothing to send would claim all is well).
        if self.phase.get_untracked() == Phase::SignedOut {
            return false;
        }
        if !online() {
            self.phase.set(Phase::Offline);
            return false;
        }
        let runner = self.runner();
        let generation = runner.generation.get();
        let _turn = runner.lock.lock().await;
        if runner.generation.get() != generation {
            return false;
        }
        let store = state.store();
        let client = Client::new(&connection);
        let phase = self.phase;
        super::marks::mark("linli-sync-start");
        let mut progress = |p: Progress| {
            if p.total.unwrap_or(p.received) >= SHOWN_FROM {
                phase.set(Phase::Working(p));
            }
        };
        let result = run_round(&store, &client, &connection, round, &mut progress).await;
        if runner.generation.get() != generation {
            return false;
        }
        match result {
            // Nothing was asked of the server (a push with nothing to
            // send): whatever the status said still holds.
            Ok(report) if !report.answered => true,
            Ok(report) => {
                super::marks::mark("linli-sync-done");
                let _ = store.set_last_synced(Timestamp::now()).await;
                self.phase.set(Phase::Idle);
                if report.received > 0 || report.clashes > 0 || report.problems > 0 {
                    state.changed();
                }
                self.tick.update(|t| *t += 1);
                true
            }
            Err(e) => {
                self.phase.set(match e {
                    SyncError::Server(ServerError::Unreachable) => Phase::Unreachable,
                    SyncError::Server(ServerError::SignedOut) => Phase::SignedOut,
                    SyncError::Server(other) => Phase::Refused(other),
                    SyncError::Local(e) => Phase::Stored(e.kind),
                });
                // Changes waiting: the count on the status line.
                self.tick.update(|t| *t += 1);
                false
            }
        }
    }

    /// Waits for the server's changes to `db` and pulls them as they come.
    async fn watch(self, state: AppState, db: Database, generation: u64) {
        let runner = self.runner();
        let mut tries = 0usize;
        let pause = |tries: usize| TimeoutFuture::new(RETRY_MS[tries.min(RETRY_MS.len() - 1)]);
        while runner.generation.get() == generation {
            let Some(connection) = state.connection.get_untracked() else {
                return;
            };
            if !online() {
                pause(tries).await;
                continue;
            }
            if tries > 0 {
                // The last try failed: a full round says whether the server
                // is back, and sends what waited on this phone meanwhile
                // (nothing else would until the next save).
                if self.phase.get_untracked() == Phase::SignedOut {
                    return;
                }
                if self.round(state, Round::Full).await {
                    tries = 0;
                } else {
                    pause(tries).await;
                    tries += 1;
                    continue;
                }
            }
            let Ok(since) = <Store as sync::Local>::checkpoint(&state.store(), db).await else {
                pause(tries).await;
                continue;
            };
            let Ok(stop) = AbortController::new() else {
                return;
            };
            runner.watches.borrow_mut().push(stop.clone());
            let answer = Client::new(&connection).watch(db, &since, &stop).await;
            runner.watches.borrow_mut().retain(|w| w != &stop);
            if runner.generation.get() != generation {
                return;
            }
            match answer {
                Ok(false) => tries = 0,
                Ok(true) => {
                    if self.round(state, Round::Pull(db)).await {
                        tries = 0;
                    } else {
                        pause(tries).await;
                        tries += 1;
                    }
                }
                Err(ServerError::SignedOut) => {
                    self.phase.set(Phase::SignedOut);
                    return;
                }
                Err(e) => {
                    if self.phase.get_untracked() == Phase::Idle {
                        self.phase.set(match e {
                            ServerError::Unreachable => Phase::Unreachable,
                            other => Phase::Refused(other),
                        });
                    }
                    pause(tries).await;
                    tries += 1;
                }
            }
        }
    }
}

pub fn use_sync() -> SyncState {
    expect_context::<SyncState>()
}
