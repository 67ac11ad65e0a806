//! One booking: when, where, who; and what a keeper or organiser can do
//! with it — approve, decline, cancel, check in, release a no-show.

use crate::domain::booking_rules::may_release_as_no_show;
use crate::domain::booking_waiting::move_in_window;
use crate::domain::series::cancel_occurrences;
use crate::domain::{Booking, BookingStatus, ChangedBy, SeriesScope, Space, StatusChange};
use crate::domain::{Person, ERASED};
use crate::store::{SaveBookingError, StoreResult};
use crate::ui::components::{detail_page, kept, Done, Failure, RefusalList};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::parts::contact::BookingContact;
use crate::ui::parts::personal::ErasePerson;
use crate::ui::parts::slot_queue::{slot_queue, SlotQueue, SlotQueueView};
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use uuid::Uuid;

/// The booking, its space, the other occurrences of its series, the name
/// of this phone's user (recorded on status changes), and its slot's
/// waiting list.
type Loaded = (Booking, Option<Space>, Vec<Booking>, String, SlotQueue);

/// A change to the booking; false when it does not apply.
type StatusEdit = Box<dyn FnOnce(&mut Booking, Timestamp) -> bool>;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<Loaded>> {
    let store = state.store();
    let Some(booking) = store.get_live::<Booking>(id).await? else {
        return Ok(None);
    };
    let space = store.get::<Space>(booking.space_id).await?;
    // The other live occurrences of its series, for series-wide changes.
    let series = match booking.series_id {
        Some(series) => store
            .list::<Booking>()
            .await?
            .into_iter()
            .filter(|b| b.series_id == Some(series) && b.is_live())
            .collect(),
        None => Vec::new(),
    };
    let queue = match (&space, booking.interval()) {
        (Some(space), Some(interval)) => {
            let (from, to) = move_in_window(interval, space.rules.buffer_minutes);
            let around = store.bookings_of_space(space.meta.id, from, to).await?;
            slot_queue(&booking, space, &around)
        }
        _ => SlotQueue::default(),
    };
    Ok(Some((booking, space, series, state.my_name().await, queue)))
}

#[component]
pub fn BookingDetailPage() -> impl IntoView {
    detail_page(
        "/spaces",
        load,
        |(booking, space, series, me, queue)| view! { <BookingView booking=booking space=space series=series me=me queue=queue /> },
    )
}

#[component]
fn BookingView(
    booking: Booking,
    space: Option<Space>,
    series: Vec<Booking>,
    me: String,
    queue: SlotQueue,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let query = use_query_map();
    let done = {
        let booking = booking.clone();
        move || {
            query
                .read()
                .get("done")
                .and_then(|k| Done::from_key(&k))
                .filter(|d| d.still_true(&booking))
        }
    };
    let reason = kept("reason", String::new);
    let expected = booking.expected_attendees;
    let attendance = kept("attendance", move || expected.to_string());

    let now = state.now_local();
    let status = booking.status;
    let day = booking.start.date();
    let is_today = day == now.date();
    // A resident's phone only cancels its own account's requests; the
    // server would refuse anything more.
    let manages = state.manages();
    let own_request = state
        .resident()
        .is_some_and(|account| booking.requested_by.as_deref() == Some(account.as_str()));
    let can_check_in = manages
        && booking.is_live()
        && booking.check_in.is_none()
        && is_today
        && now >= booking.start.plus_minutes(-30);
    let grace = state.settings.with_untracked(|s| s.no_show_grace_minutes);
    let can_release = manages && may_release_as_no_show(&booking, now, grace);
    let current = StoredValue::new(booking.clone());

    let navigate = use_navigate();
    // The booking's changes go through the rules; the page reads it again
    // and shows its new state, with a notice of what was done.
    let saving: Save<(Done, Vec<Booking>), SaveBookingError> = save(
        |state, (what, list): (Done, Vec<Booking>)| async move {
            state
                .store()
                .save_bookings(list, state.now_local())
                .await
                .map(|_| what)
        },
        move |what: Done| {
            navigate(
                &what.link(current.with_value(|b| b.meta.id)),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        },
    );
    let refused = move || match saving.failure() {
        Some(SaveBookingError::Refused { refusals, .. }) => refusals,
        _ => Vec::new(),
    };
    // Applies a change to the booking, if it applies.
    let apply = move |what: Done, change: StatusEdit| {
        let mut next = current.get_value();
        if change(&mut next, Timestamp::now()) {
            saving.run((what, vec![next]));
        }
    };
    let me = StoredValue::new(me);
    let approve = move |_| {
        let (d, by) = (state.device.get_value(), me.get_value());
        apply(Done::Approved, Box::new(move |b, t| b.approve(&by, t, &d)))
    };
    let decline = move |_| {
        let (d, by, why) = (
            state.device.get_value(),
            me.get_value(),
            reason.get_untracked(),
        );
        apply(
            Done::Declined,
            Box::new(move |b, t| b.decline(&by, &why, t, &d)),
        )
    };
    let waiting = status == BookingStatus::Waiting;
    let cancel = move |_| {
        let (d, by, why) = (
            state.device.get_value(),
            me.get_value(),
            reason.get_untracked(),
        );
        apply(
            if waiting { Done::Left } else { Done::Cancelled },
            Box::new(move |b, t| b.cancel(&by, &why, t, &d)),
        )
    };
    let release = move |_| {
        let (d, by) = (state.device.get_value(), me.get_value());
        let why = t_string!(i18n, booking.no_show_reason).to_string();
        apply(
            Done::Released,
            Box::new(move |b, t| b.release_as_no_show(&by, &why, t, &d)),
        )
    };
    let bad_attendance = RwSignal::new(false);
    let check_in = move || {
        let Ok(count) = attendance.get_untracked().trim().parse::<u32>() else {
            bad_attendance.set(true);
            crate::ui::save::show_first_problem();
            return;
        };
        bad_attendance.set(false);
        let (d, at) = (state.device.get_value(), state.now_local());
        apply(
            Done::CheckedIn,
            Box::new(move |b, t| {
                b.record_check_in(at, count, t, &d);
                true
            }),
        )
    };

    // Cancels several occurrences of the series at once, all or none.
    let series = StoredValue::new(series);
    let cancel_series = move |scope: SeriesScope| {
        let now = state.now_local();
        let why = StatusChange {
            by: me.get_value(),
            reason: reason.get_untracked(),
            device: Some(state.device.get_value()),
            no_show: false,
        };
        let list = series.with_value(|all| {
            cancel_occurrences(
                &current.get_value(),
                all,
                scope,
                &why,
                now,
                Timestamp::now(),
                &state.device.get_value(),
            )
        });
        saving.run((Done::Cancelled, list));
    };
    let in_series = manages && series.with_value(|s| s.len() > 1);
    let cancel_following = move |_| cancel_series(SeriesScope::ThisAndFollowing);
    let cancel_all = move |_| cancel_series(SeriesScope::WholeSeries);

    // A group that has arrived is not cancelled; its record stays as it was.
    let cancellable = (manages || own_request)
        && (booking.is_live() || booking.is_waiting())
        && booking.check_in.is_none();
    view! {
        <h1 data-testid="page-title">{booking.title.clone()}</h1>
        <p class="card-meta">
            <span class="badge" data-testid="booking-status">{move || format::booking_status(i18n, status)}</span>
        </p>
        {move || done().map(|what| view! {
            <p class="notice" role="status" data-testid="saved-notice" data-done=what.key()>
                {move || what.notice(i18n, status)}
            </p>
        })}
        <Failure kind=saving.store_failure() />
        {move || {
            let items: Vec<String> = refused().iter().map(|x| format::refusal(i18n, x)).collect();
            view! { <RefusalList items=items /> }
        }}
        <BookingFacts booking=booking.clone() space=space />
        {in_series.then(|| view! { <p class="hint">{t!(i18n, series.part_of)}</p> })}
        <SlotQueueView queue=queue moved_in=booking.moved_in_at.is_some() && booking.is_live() />
        <StatusHistory booking=booking.clone() />
        {(manages && booking.organiser.name != ERASED).then(|| {
            let person = Person { volunteer: None, name: booking.organiser.name.clone(), phone: booking.organiser.phone.clone() };
            view! {
                <details class="personal-data">
                    <summary>{t!(i18n, personal.section)}</summary>
                    <ErasePerson person=person name=booking.organiser.name.clone() />
                </details>
            }
        })}

        {(manages && booking.is_live()).then(|| view! {
            <A href=format!("/bookings/{}/edit", booking.meta.id) attr:class="button" attr:data-testid="edit-booking">{t!(i18n, book.edit)}</A>
        })}
        <div class="actions">
                {can_check_in.then(|| view! { <CheckInGroup attendance=attendance bad_attendance=bad_attendance check_in=check_in /> })}
                {cancellable.then(|| view! {
                    <div class="action-group">
                        <label class="field">
                            <span>{t!(i18n, booking.reason)}</span>
                            <input type="text" name="reason" bind:value=reason />
                        </label>
                        {(manages && status == BookingStatus::Requested).then(|| view! {
                            <button type="button" class="button primary" data-testid="approve" on:click=approve>{t!(i18n, booking.approve)}</button>
                            <button type="button" class="button" data-testid="decline" on:click=decline>{t!(i18n, booking.decline)}</button>
                        })}
                        {can_release.then(|| view! {
                            <button type="button" class="button" data-testid="release" on:click=release>{t!(i18n, booking.release)}</button>
                        })}
                        <button type="button" class="button danger" data-testid="cancel" on:click=cancel>
                            {move || if waiting {
                                t_string!(i18n, slot_waiting.leave)
                            } else if in_series {
                                t_string!(i18n, series.cancel_one)
                            } else {
                                t_string!(i18n, booking.cancel)
                            }}
                        </button>
                        {in_series.then(|| view! {
                            <button type="button" class="button danger" data-testid="cancel-following" on:click=cancel_following>{t!(i18n, series.cancel_following)}</button>
                            <button type="button" class="button danger" data-testid="cancel-series" on:click=cancel_all>{t!(i18n, series.cancel_all)}</button>
                        })}
                    </div>
                })}
        </div>
    }
}

/// When and where, who for, what for, how many, and the check-in.
#[component]
fn BookingFacts(booking: Booking, space: Option<Space>) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end, day) = (booking.start, booking.end, booking.start.date());
    let space_link = space
        .as_ref()
        .map(|s| (format!("/spaces/{}", s.meta.id), s.name.clone()));
    view! {
        <dl class="facts">
            <dt>{t!(i18n, booking.when)}</dt>
            <dd>{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))}</dd>
            {space_link.map(|(href, name)| view! {
                <dt>{t!(i18n, booking.space)}</dt>
                <dd><A href=href>{name}</A></dd>
            })}
            <dt>{t!(i18n, booking.organiser)}</dt>
            <dd data-testid="organiser">{format::person_name(i18n, &booking.organiser.name)}</dd>
            <BookingContact booking=booking.clone() />
            {(!booking.purpose.is_empty()).then(|| view! {
                <dt>{t!(i18n, booking.purpose)}</dt>
                <dd>{booking.purpose.clone()}</dd>
            })}
            <dt>{t!(i18n, booking.expected)}</dt>
            <dd>{booking.expected_attendees}</dd>
            {booking.check_in.map(|c| view! {
                <dt>{t!(i18n, booking.check_in)}</dt>
                <dd data-testid="checked-in">{c.at.clock().to_string()} " · " {t!(i18n, booking.checked_in, count = move || c.attendance)}</dd>
            })}
        </dl>
    }
}

/// Why the status last changed, and who changed it.
#[component]
fn StatusHistory(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let here = use_app().device.get_value();
    let changed_by = booking
        .status_change
        .as_ref()
        .map(|c| c.changed_by(&here))
        .filter(|by| *by != ChangedBy::Unknown);
    let reason_shown = booking
        .status_change
        .as_ref()
        .map(|c| c.reason.clone())
        .filter(|r| !r.is_empty());
    view! {
        {reason_shown.map(|r| view! { <p class="muted">{t!(i18n, booking.reason_shown, reason = move || r.clone())}</p> })}
        {changed_by.map(|by| view! { <p class="muted" data-testid="changed-by">{move || t_string!(i18n, booking.changed_by, by = format::changed_by(i18n, &by)).to_string()}</p> })}
    }
}

/// The group has arrived: how many came.
#[component]
fn CheckInGroup(
    attendance: RwSignal<String>,
    bad_attendance: RwSignal<bool>,
    check_in: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="action-group">
            <label class="field">
                <span>{t!(i18n, booking.attendance)}</span>
                <input type="number" min="0" inputmode="numeric" name="attendance" bind:value=attendance />
            </label>
            <Show when=move || bad_attendance.get()>
                <p class="field-error" role="alert">{t!(i18n, booking.bad_attendance)}</p>
            </Show>
            <button type="button" class="button primary" data-testid="check-in" on:click=move |_| check_in()>{t!(i18n, booking.check_in)}</button>
        </div>
    }
}
