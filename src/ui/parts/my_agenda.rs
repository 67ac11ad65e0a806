//! "Me" on this phone: the agendas of what that person booked (requests
//! and declines included) and is on duty for, from today on — on Today and
//! on "my bookings".

use crate::domain::time::{add_days, group_by_day};
use crate::domain::{Activity, Assignment, Booking, ClockTime, LocalDateTime, Shift, Volunteer};
use crate::store::{Store, StoreResult};
use crate::ui::components::BookingDays;
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

/// How far ahead the agenda looks: further than any advance window.
const AGENDA_DAYS: i64 = 366;

/// "Me" and my bookings from today on, earliest first, with space names;
/// `None` when nobody is set as "me".
#[derive(Clone, PartialEq)]
pub struct MyBookings {
    pub me: Volunteer,
    pub bookings: Vec<Booking>,
    pub spaces: HashMap<Uuid, String>,
}

pub async fn load_my_bookings(state: AppState) -> StoreResult<Option<MyBookings>> {
    let Some(me) = state.me().await? else {
        return Ok(None);
    };
    let store = state.store();
    let today = state.now_local().date();
    let from = LocalDateTime::new(today, ClockTime::MIDNIGHT);
    let to = LocalDateTime::new(add_days(today, AGENDA_DAYS), ClockTime::MIDNIGHT);
    let bookings: Vec<Booking> = store
        .bookings_between(from, to)
        .await?
        .into_iter()
        .filter(|b| !b.meta.deleted && b.organiser.is(&me))
        .collect();
    let spaces = store.space_names().await?;
    Ok(Some(MyBookings {
        me,
        bookings,
        spaces,
    }))
}

/// Tells how to set "me", with the way there.
#[component]
pub fn NobodyIsMe() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="empty" data-testid="me-unset">{t!(i18n, me.set_hint)}</p>
        <A href="/volunteers" attr:class="button small">{t!(i18n, me.choose)}</A>
    }
}

/// My bookings grouped by day; at most `limit` of them.
#[component]
pub fn MyAgenda(mine: MyBookings, limit: usize) -> impl IntoView {
    let i18n = use_i18n();
    if mine.bookings.is_empty() {
        return view! { <p class="empty" data-testid="my-bookings-empty">{t!(i18n, me.none_upcoming)}</p> }
            .into_any();
    }
    let days = group_by_day(mine.bookings.into_iter().take(limit), |b: &Booking| {
        b.start.date()
    });
    view! { <BookingDays days=days spaces=mine.spaces testid="my-bookings" /> }.into_any()
}

/// How many of my next shifts Today shows.
const MY_SHIFTS_SHOWN: usize = 5;

/// One of my next shifts: the activity's title, and whether the waiting
/// list moved me onto it.
#[derive(Clone)]
pub struct MyShift {
    pub shift: Shift,
    pub title: String,
    pub moved_in: bool,
}

/// The shifts `me` is on (still counting toward coverage, not deleted),
/// with the assignment that puts them there: what my agenda shows and
/// what the roster guards weigh for "shifts I can take".
pub async fn my_live_shifts(store: &Store, me: Uuid) -> StoreResult<Vec<(Assignment, Shift)>> {
    let taken: Vec<Assignment> = store
        .assignments_of_volunteer(me)
        .await?
        .into_iter()
        .filter(|a| a.counts_toward_coverage())
        .collect();
    // One read per shift, side by side: a long-serving volunteer has
    // hundreds of past assignments.
    let shifts =
        futures::future::try_join_all(taken.iter().map(|a| store.get_live::<Shift>(a.shift_id)))
            .await?;
    Ok(taken
        .into_iter()
        .zip(shifts)
        .filter_map(|(a, s)| s.map(|s| (a, s)))
        .collect())
}

/// My next shifts (not ended, still counting), earliest first, with the
/// activity's title.
pub async fn load_my_shifts(state: AppState, me: &Volunteer) -> StoreResult<Vec<MyShift>> {
    let store = state.store();
    let store = &store;
    let now = state.now_local();
    let mut coming: Vec<(Shift, bool)> = my_live_shifts(store, me.meta.id)
        .await?
        .into_iter()
        .map(|(a, s)| (s, a.moved_in_at.is_some()))
        .filter(|(s, _)| s.end > now)
        .collect();
    coming.sort_by_key(|(s, _)| s.start);
    coming.truncate(MY_SHIFTS_SHOWN);
    let out =
        futures::future::try_join_all(coming.into_iter().map(|(shift, moved_in)| async move {
            let title = store
                .get::<Activity>(shift.activity_id)
                .await?
                .map(|a| a.title)
                .unwrap_or_default();
            StoreResult::Ok(MyShift {
                shift,
                title,
                moved_in,
            })
        }))
        .await?;
    Ok(out)
}

/// My next shifts, each a link to the shift.
#[component]
pub fn MyShifts(me: Uuid, shifts: Vec<MyShift>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="my-shifts">
            <div class="title-row">
                <h2 id="my-shifts">{t!(i18n, me.shifts)}</h2>
                <A href=format!("/volunteers/{me}") attr:class="button small">{t!(i18n, me.all_shifts)}</A>
            </div>
            {(!shifts.is_empty()).then(|| view! { <super::my_exports::MyShiftsCalendar me=me /> })}
            {if shifts.is_empty() {
                view! { <p class="empty">{t!(i18n, me.no_shifts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="my-shifts">
                        {shifts.into_iter().map(|m| view! { <MyShiftItem shift=m /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One of my shifts: when, what, and a word when the waiting list put me
/// on it.
#[component]
pub fn MyShiftItem(shift: MyShift) -> impl IntoView {
    let i18n = use_i18n();
    let MyShift {
        shift: s,
        title,
        moved_in,
    } = shift;
    let (start, end, day) = (s.start, s.end, s.start.date());
    view! {
        <li class="item">
            <span class="item-time">
                <span class="item-day">{move || format::date_label(i18n, day)}</span>
                {move || format::time_range(i18n, start, end)}
            </span>
            <span class="item-main">
                <A href=format!("/shifts/{}", s.meta.id) attr:class="item-title">{title}</A>
                <span class="item-sub">{s.role.clone()}</span>
                {moved_in.then(|| view! {
                    <span class="item-sub" data-testid="my-moved-in">
                        <span class="badge badge-ok">{t!(i18n, waiting.on_today)}</span>
                    </span>
                })}
            </span>
        </li>
    }
}
