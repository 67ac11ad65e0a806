//! Today: what is booked and who is on duty today, and the week ahead.

use crate::domain::time::{add_days, group_by_day};
use crate::domain::{coverage, Activity, Booking, ClockTime, Coverage, LocalDateTime, Shift};
use crate::store::StoreResult;
use crate::ui::components::{when_loaded, BookingDays, BookingItem, CoverageBadge, DayMarkNote};
use crate::ui::elder::use_elder;
use crate::ui::format::{self, counted};
use crate::ui::i18n::*;
use crate::ui::parts::backup::BackupReminder;
use crate::ui::parts::my_agenda::{
    load_my_bookings, load_my_shifts, MyAgenda, MyBookings, MyShift, MyShiftItem, MyShifts,
    NobodyIsMe,
};
use crate::ui::parts::sync_clashes::ClashNotice;
use crate::ui::screens::{Lazy, Screen};
use crate::ui::state::{use_app, use_store_data, AppState};
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;

/// How many of my next bookings Today shows; the rest are one tap away.
const MY_BOOKINGS_ON_TODAY: usize = 3;

#[derive(Clone)]
struct TodayShift {
    shift: Shift,
    activity: Option<Activity>,
    coverage: Coverage,
}

#[derive(Clone)]
struct TodayData {
    today: Date,
    spaces: HashMap<uuid::Uuid, String>,
    bookings: Vec<Booking>,
    shifts: Vec<TodayShift>,
    upcoming: Vec<(Date, Vec<Booking>)>,
    mine: Option<MyBookings>,
    my_shifts: Vec<MyShift>,
    /// Nothing at all on this phone: the demo is one tap away on Data.
    empty_phone: bool,
}

/// Today's reads are independent, so they run side by side: a cold start
/// waits for the slowest of them, not for their sum.
async fn load(state: AppState) -> StoreResult<TodayData> {
    let store = state.store();
    let today = state.now_local().date();
    let midnight = |d: Date| LocalDateTime::new(d, ClockTime::MIDNIGHT);
    let tomorrow = add_days(today, 1);
    let (spaces, bookings, day_shifts, week, mine, holds_records) = futures::try_join!(
        store.space_names(),
        store.bookings_between(midnight(today), midnight(tomorrow)),
        store.shifts_between(midnight(today), midnight(tomorrow)),
        store.bookings_between(midnight(tomorrow), midnight(add_days(today, 8))),
        load_my_bookings(state),
        store.holds_records(),
    )?;
    // A waiting entry holds no time: the day's lists show what happens.
    let (mut bookings, mut week) = (bookings, week);
    bookings.retain(|b| !b.is_waiting());
    week.retain(|b| !b.is_waiting());
    let store = &store;
    let shifts = futures::future::try_join_all(day_shifts.into_iter().map(|shift| async move {
        let (assignments, activity) = futures::try_join!(
            store.assignments_of_shift(shift.meta.id),
            store.get_live::<Activity>(shift.activity_id),
        )?;
        let coverage = coverage(&shift, &assignments);
        StoreResult::Ok(TodayShift {
            shift,
            activity,
            coverage,
        })
    }))
    .await?;
    let upcoming = group_by_day(week, |b| b.start.date());
    let my_shifts = match &mine {
        Some(m) => load_my_shifts(state, &m.me).await?,
        None => Vec::new(),
    };
    Ok(TodayData {
        empty_phone: !holds_records,
        mine,
        my_shifts,
        today,
        spaces,
        bookings,
        shifts,
        upcoming,
    })
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let elder = use_elder();
    let data = use_store_data(load);
    // "已报名：…" outlives Today's redraw after the sign-up's save.
    crate::ui::parts::open_shifts::SignedUpNotice::provide();
    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{t!(i18n, today.title)}</h1>
            {move || (!elder.is_on()).then(|| view! {
                <A href="/find" attr:class="button small" attr:data-testid="find-space">{t!(i18n, find.button)}</A>
            })}
        </div>
        {move || when_loaded(data.get(), move |d: TodayData| if elder.is_on() {
            view! { <SimpleToday data=d /> }.into_any()
        } else {
            view! { <TodayView data=d /> }.into_any()
        })}
    }
}

#[component]
fn TodayView(data: TodayData) -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::marks::today_painted();
    crate::ui::screens::fetch_all_chunks();
    let today = data.today;
    let short: u32 = data.shifts.iter().map(|s| s.coverage.short_by()).sum();
    let (n_bookings, n_shifts) = (data.bookings.len(), data.shifts.len());
    let spaces = data.spaces.clone();
    let short_class = if short > 0 { "stat stat-alert" } else { "stat" };
    // What to start with: the demo on an empty phone, else a first space.
    let empty_phone = data.empty_phone;
    let no_spaces = !empty_phone && data.spaces.is_empty();
    view! {
        <p class="page-date" data-testid="today-date">{move || format::date_label(i18n, today)} " " <DayMarkNote date=Signal::stored(today) /></p>
        <Show when=move || empty_phone>
            <p class="empty" data-testid="empty-hint">{t!(i18n, today.empty_community)}</p>
        </Show>
        <Show when=move || no_spaces>
            <p class="empty" data-testid="no-spaces-hint">
                {t!(i18n, today.no_spaces)} " "
                <A href="/spaces/new">{t!(i18n, today.add_space)}</A>
            </p>
        </Show>
        <BackupReminder />
        <ClashNotice />
        <HolidayPointer />
        <dl class="stats">
            <div class="stat">
                <dt>{t!(i18n, today.bookings_today)}</dt>
                <dd data-testid="stat-bookings">{n_bookings}</dd>
            </div>
            <div class="stat">
                <dt>{t!(i18n, today.shifts_today)}</dt>
                <dd data-testid="stat-shifts">{n_shifts}</dd>
            </div>
            <div class=short_class>
                <dt>{t!(i18n, today.people_short)}</dt>
                <dd data-testid="stat-short">{short}</dd>
            </div>
        </dl>

        <section aria-labelledby="my-bookings">
            <div class="title-row">
                <h2 id="my-bookings">{t!(i18n, me.title)}</h2>
                {data.mine.is_some().then(|| view! {
                    <A href="/my-bookings" attr:class="button small" attr:data-testid="all-my-bookings">{t!(i18n, me.all)}</A>
                })}
            </div>
            {match data.mine.clone() {
                Some(mine) => view! { <MyAgenda mine=mine limit=MY_BOOKINGS_ON_TODAY /> }.into_any(),
                None => view! { <NobodyIsMe /> }.into_any(),
            }}
        </section>
        {data.mine.clone().map(|m| view! { <MyShifts me=m.me.meta.id shifts=data.my_shifts /> })}
        {data.mine.is_some().then(|| view! { <Lazy screen=Screen::TodayOpenShifts /> })}

        <section aria-labelledby="today-bookings">
            <h2 id="today-bookings">{t!(i18n, today.bookings_today)}</h2>
            {if data.bookings.is_empty() {
                view! { <p class="empty">{t!(i18n, today.no_bookings_today)}</p> }.into_any()
            } else {
                let spaces = spaces.clone();
                view! {
                    <ul class="list" data-testid="today-bookings">
                        {data.bookings.into_iter().map(|b| {
                            let name = spaces.get(&b.space_id).cloned();
                            view! { <BookingItem booking=b space_name=name.unwrap_or_default() /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="today-shifts">
            <h2 id="today-shifts">{t!(i18n, today.shifts_today)}</h2>
            {if data.shifts.is_empty() {
                view! { <p class="empty">{t!(i18n, today.no_shifts_today)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="today-shifts">
                        {data.shifts.into_iter().map(|s| {
                            let (start, end) = (s.shift.start, s.shift.end);
                            let href = format!("/rosters/{}", s.shift.activity_id);
                            let title = s.activity.map(|a| a.title).unwrap_or_default();
                            view! {
                                <li class="item">
                                    <span class="item-time">{move || format::time_range(i18n, start, end)}</span>
                                    <span class="item-main">
                                        <A href=href attr:class="item-title">{title}</A>
                                        <span class="item-sub">{s.shift.role.clone()}</span>
                                    </span>
                                    <CoverageBadge coverage=s.coverage />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="upcoming">
            <h2 id="upcoming">{t!(i18n, today.upcoming)}</h2>
            {if data.upcoming.is_empty() {
                view! { <p class="empty">{t!(i18n, today.no_upcoming)}</p> }.into_any()
            } else {
                view! { <BookingDays days=data.upcoming spaces=spaces.clone() testid="upcoming" /> }.into_any()
            }}
        </section>
    }
}

/// Today in elder mode: my next booking, my next shift, today's
/// activities and one button to book a space — nothing to add up.
#[component]
fn SimpleToday(data: TodayData) -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::marks::today_painted();
    crate::ui::screens::fetch_all_chunks();
    let today = data.today;
    let activities = activities_of_the_day(&data.shifts);
    let next_shift = data.my_shifts.first().cloned();
    view! {
        <p class="page-date" data-testid="today-date">{move || format::date_label(i18n, today)} " " <DayMarkNote date=Signal::stored(today) /></p>
        <Show when=move || data.empty_phone>
            <p class="empty" data-testid="empty-hint">{t!(i18n, today.empty_community)}</p>
        </Show>
        <BackupReminder />
        <ClashNotice />
        <HolidayPointer />
        <A href="/find" attr:class="button primary wide" attr:data-testid="elder-book">{t!(i18n, today.elder_book)}</A>

        <section aria-labelledby="my-next-booking">
            <h2 id="my-next-booking">{t!(i18n, today.elder_next_booking)}</h2>
            {match data.mine.clone() {
                Some(mine) => view! { <MyAgenda mine=mine limit=1 /> }.into_any(),
                None => view! { <NobodyIsMe /> }.into_any(),
            }}
        </section>

        {data.mine.is_some().then(|| view! {
            <section aria-labelledby="my-next-shift">
                <h2 id="my-next-shift">{t!(i18n, today.elder_next_shift)}</h2>
                {match next_shift {
                    Some(shift) => view! {
                        <ul class="list" data-testid="my-next-shift"><MyShiftItem shift=shift /></ul>
                    }.into_any(),
                    None => view! { <p class="empty">{t!(i18n, me.no_shifts)}</p> }.into_any(),
                }}
            </section>
        })}

        <section aria-labelledby="today-activities">
            <h2 id="today-activities">{t!(i18n, today.elder_activities)}</h2>
            {if activities.is_empty() {
                view! { <p class="empty">{t!(i18n, today.elder_no_activities)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="today-activities">
                        {activities.into_iter().map(|a| {
                            let (start, end) = (a.start, a.end);
                            view! {
                                <li class="item">
                                    <span class="item-time">{move || format::time_range(i18n, start, end)}</span>
                                    <span class="item-main">
                                        <A href=format!("/rosters/{}", a.id) attr:class="item-title">{a.title}</A>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One of today's activities: from its first shift's start to its last
/// shift's end.
struct DayActivity {
    id: uuid::Uuid,
    title: String,
    start: LocalDateTime,
    end: LocalDateTime,
}

/// Today's shifts as the activities they belong to, earliest first.
fn activities_of_the_day(shifts: &[TodayShift]) -> Vec<DayActivity> {
    let mut out: Vec<DayActivity> = Vec::new();
    for s in shifts {
        let id = s.shift.activity_id;
        match out.iter_mut().find(|a| a.id == id) {
            Some(a) => {
                a.start = a.start.min(s.shift.start);
                a.end = a.end.max(s.shift.end);
            }
            None => out.push(DayActivity {
                id,
                title: s
                    .activity
                    .as_ref()
                    .map(|a| a.title.clone())
                    .unwrap_or_default(),
                start: s.shift.start,
                end: s.shift.end,
            }),
        }
    }
    out.sort_by_key(|a| a.start);
    out
}

/// A holiday arrangement from another phone touched saved occurrences:
/// the list is on the Data tab.
#[component]
fn HolidayPointer() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    move || {
        let count = state.holiday_review.with(Vec::len);
        (count > 0).then(|| view! {
            <p class="notice" role="status" data-testid="holiday-pointer">
                <A href="/data#holiday-review">{move || counted!(i18n, count, [holiday.review_pointer_single], [holiday.review_pointer])}</A>
            </p>
        })
    }
}
