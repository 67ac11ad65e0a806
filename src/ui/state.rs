//! What every page shares: the open store, this device, its settings, and
//! a revision counter that pages re-read on after every write.

use crate::domain::holidays::HolidayYear;
use crate::domain::time::add_days;
use crate::domain::{
    ClockTime, Community, DeviceId, HolidayCalendar, LocalDateTime, Settings, Volunteer,
};
use crate::exchange::holidays::{affected_between, Affected};
use crate::store::{Store, StoreResult};
use crate::sync::{Connection, Role};
use jiff::civil::Date;
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
    /// Saved occurrences on dates whose arrangement changed because a year
    /// came from another phone (sync, a backup): for a person to look at.
    pub holiday_review: RwSignal<Vec<Affected>>,
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
            holiday_review: RwSignal::new(Vec::new()),
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
    /// When a year made on another phone changes the calendar after start,
    /// the saved occurrences it touches go to `holiday_review`; a year
    /// loaded from its file here was listed in the import's preview.
    pub fn follow_holidays(&self) {
        let state = *self;
        // The loaded years as last read (year, when changed, where): to
        // tell which ones are new, and from which phone.
        let seen = StoredValue::new(None::<Vec<(i16, Timestamp, DeviceId)>>);
        Effect::new(move |_| {
            state.track();
            leptos::task::spawn_local(async move {
                let store = state.store();
                let Ok(years) = store.list_all::<HolidayYear>().await else {
                    // The shipped years stay; a store that cannot be read
                    // says so on the screens that need it.
                    return;
                };
                let now: Vec<(i16, Timestamp, DeviceId)> = years
                    .iter()
                    .map(|y| {
                        (
                            y.arrangement.year,
                            y.meta.updated_at,
                            y.meta.device_id.clone(),
                        )
                    })
                    .collect();
                let earlier = seen.get_value();
                seen.set_value(Some(now.clone()));
                let next = HolidayCalendar::with_loaded(&years);
                let before = state.holidays.get_untracked();
                if *before == next {
                    return;
                }
                state.holidays.set(Arc::new(next.clone()));
                // At start, and for a year loaded from its file on this
                // phone (its preview listed what it touches), nothing to add.
                let Some(earlier) = earlier else { return };
                let me = state.device.get_value();
                let from_elsewhere = now.iter().any(|y| !earlier.contains(y) && y.2 != me);
                if !from_elsewhere {
                    return;
                }
                let changed = before.changed_dates(&next);
                let today = state.now_local().date();
                let (Some(first), Some(last)) = (
                    changed.iter().find(|d| **d >= today).copied(),
                    changed.last().copied(),
                ) else {
                    return;
                };
                let midnight = |d: Date| LocalDateTime::new(d, ClockTime::MIDNIGHT);
                let span = (midnight(first), midnight(add_days(last, 1)));
                let (Ok(bookings), Ok(shifts)) = (
                    store.bookings_between(span.0, span.1).await,
                    store.shifts_between(span.0, span.1).await,
                ) else {
                    return;
                };
                let around = Community {
                    bookings,
                    shifts,
                    ..Community::default()
                };
                let list = affected_between(&before, &next, &around, today);
                if !list.is_empty() {
                    state.holiday_review.set(list);
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

    /// Now, on the community's clock, on this phone: what a write records.
    pub fn moment(&self) -> crate::domain::Moment {
        let now = Timestamp::now();
        crate::domain::Moment {
            now,
            local: self.settings.with_untracked(|s| s.zone).local(now),
            device: self.device.get_value(),
        }
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
