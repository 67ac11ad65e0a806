//! What every page shares: the open store, this device, its settings, and
//! a revision counter that pages re-read on after every write.

use crate::domain::holidays::HolidayYear;
use crate::domain::{DeviceId, HolidayCalendar, LocalDateTime, Settings, Volunteer};
use crate::store::{Store, StoreResult};
use crate::sync::{Connection, Role};
use jiff::Timestamp;
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct AppState {
    store: StoredValue<Rc<Store>, LocalStorage>,
    pub device: StoredValue<DeviceId>,
    pub settings: RwSignal<Settings>,
    /// True until the user picks "demo" or "start empty" on first run.
    pub onboarding: RwSignal<bool>,
    /// Bumped after every write so that pages read again.
    pub revision: RwSignal<u64>,
    /// The sync server this phone is connected to, if any.
    pub connection: RwSignal<Option<Connection>>,
    /// Public holidays and make-up workdays (调休) the phone knows.
    pub holidays: RwSignal<Arc<HolidayCalendar>>,
}

impl AppState {
    pub fn new(
        store: Store,
        device: DeviceId,
        settings: Settings,
        onboarding: bool,
        connection: Option<Connection>,
    ) -> Self {
        AppState {
            store: StoredValue::new_local(Rc::new(store)),
            device: StoredValue::new(device),
            settings: RwSignal::new(settings),
            onboarding: RwSignal::new(onboarding),
            revision: RwSignal::new(0),
            connection: RwSignal::new(connection),
            holidays: RwSignal::new(Arc::new(HolidayCalendar::shipped())),
        }
    }

    /// The resident account this phone is connected as, if it is one.
    /// Such a phone asks for bookings and cancels its own requests; the
    /// committee's acts are the server's to refuse, and the app does not
    /// offer them.
    pub fn resident(&self) -> Option<String> {
        self.connection.with(|c| {
            c.as_ref()
                .filter(|c| c.role == Role::Resident)
                .map(|c| c.user.clone())
        })
    }

    /// Whether this phone may manage spaces and bookings (every phone
    /// that is not a resident's).
    pub fn manages(&self) -> bool {
        self.resident().is_none()
    }

    pub fn store(&self) -> Rc<Store> {
        self.store.get_value()
    }

    /// Tells every page — and every other tab — that the data changed,
    /// and notes when for the backup reminder.
    pub fn changed(&self) {
        super::durable::mark_changed();
        self.refresh();
    }

    /// Has every page and tab read again, for a write that changed no
    /// community data (the time of the last backup, an emptied phone).
    pub fn refresh(&self) {
        self.revision.update(|r| *r += 1);
        super::tabs::announce();
    }

    /// Another tab of this phone wrote: read the settings again (the demo
    /// loaded there ends this tab's first-run screen too), then the data.
    pub fn heard_from_other_tab(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            if let Ok(settings) = state.store().settings().await {
                if settings.onboarded {
                    state.onboarding.set(false);
                }
                state.settings.set(settings);
            }
            state.revision.update(|r| *r += 1);
        });
    }

    /// Keeps `holidays` as the shipped years with those loaded on this
    /// phone, read again after every write (here, in another tab, by sync).
    pub fn follow_holidays(&self) {
        let state = *self;
        Effect::new(move |_| {
            state.track();
            leptos::task::spawn_local(async move {
                let Ok(years) = state.store().list_all::<HolidayYear>().await else {
                    // The shipped years stay; a store that cannot be read
                    // says so on the screens that need it.
                    return;
                };
                let next = HolidayCalendar::with_loaded(&years);
                if state.holidays.with_untracked(|c| **c != next) {
                    state.holidays.set(Arc::new(next));
                }
            });
        });
    }

    /// Subscribes the calling reactive scope to data changes.
    pub fn track(&self) {
        self.revision.track();
    }

    /// Saves a change to this phone's settings; the signal follows only
    /// once the store has it.
    pub async fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> StoreResult<()> {
        let mut next = self.settings.get_untracked();
        change(&mut next);
        self.store().save_settings(&next).await?;
        self.settings.set(next);
        // Settings stay on this phone; they are not in a backup.
        self.refresh();
        Ok(())
    }

    /// The volunteer this phone belongs to, unless none is set or that
    /// record was deleted.
    pub async fn me(&self) -> StoreResult<Option<Volunteer>> {
        match self.settings.with_untracked(|s| s.me) {
            Some(id) => self.store().get_live::<Volunteer>(id).await,
            None => Ok(None),
        }
    }

    /// The name recorded as "by" on a status change made on this phone.
    pub async fn my_name(&self) -> String {
        self.me()
            .await
            .ok()
            .flatten()
            .map(|v| v.name)
            .unwrap_or_default()
    }

    /// The community's wall clock now.
    pub fn now_local(&self) -> LocalDateTime {
        self.settings
            .with_untracked(|s| s.zone)
            .local(Timestamp::now())
    }
}

/// Loads data through the store, and loads it again after every write.
pub fn use_store_data<T, Fut>(
    load: impl Fn(AppState) -> Fut + 'static,
) -> LocalResource<StoreResult<T>>
where
    T: 'static,
    Fut: Future<Output = StoreResult<T>> + 'static,
{
    let state = use_app();
    LocalResource::new(move || {
        state.track();
        load(state)
    })
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
