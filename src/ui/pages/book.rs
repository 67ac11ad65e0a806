//! Booking a space: a form, every rule checked on save, and when a rule
//! says no, what would fit instead.

use crate::domain::booking_rules::{day_span, suggest_starts};
use crate::domain::time::add_days;
use crate::domain::{
    free_spaces, Booking, BookingRefusal, BookingStatus, ClockTime, IdSource, LocalDateTime, Meta,
    Organiser, Space,
};
use crate::store::{BrowserIds, SaveBookingError, StoreErrorKind, StoreResult};
use crate::ui::components::{detail_page, ErrorPanel};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

/// How many days after the wanted one the form looks for free times.
const SUGGEST_DAYS: i64 = 2;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<Space>> {
    Ok(state
        .store()
        .get::<Space>(id)
        .await?
        .filter(|s| !s.meta.deleted))
}

#[component]
pub fn BookPage() -> impl IntoView {
    detail_page("/spaces", load, |space| view! { <BookForm space=space /> })
}

/// What went wrong with the last try, and what would fit instead.
#[derive(Clone, Default)]
struct Outcome {
    refusals: Vec<BookingRefusal>,
    times: Vec<LocalDateTime>,
    spaces: Vec<(Uuid, String, u32)>,
    failure: Option<StoreErrorKind>,
}

#[component]
fn BookForm(space: Space) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let now = state.now_local();
    let rules = space.rules;
    // Start at the next slot of the grid, an hour from now.
    let step = rules.slot_minutes.max(5);
    let first = now.clock().minute_of_day().div_ceil(step) * step + 60;
    let start_clock =
        ClockTime::from_minute_of_day(first.min(20 * 60)).unwrap_or(ClockTime::MIDNIGHT);
    let end_clock = ClockTime::from_minute_of_day(
        (start_clock.minute_of_day() + rules.min_minutes.max(step)).min(1439),
    )
    .unwrap_or(start_clock);

    // "Find a free space" passes the wanted time along.
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let given =
        |key: &str, fallback: String| query.get(key).filter(|v| !v.is_empty()).unwrap_or(fallback);
    let date = RwSignal::new(given("date", now.date().to_string()));
    let start = RwSignal::new(given("start", start_clock.to_string()));
    let end = RwSignal::new(given("end", end_clock.to_string()));
    let title = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let organiser = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let room = RwSignal::new(String::new());
    let attendees = RwSignal::new(given("people", "10".to_string()));
    let tried = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(Outcome::default());

    let times = move || -> Option<(LocalDateTime, LocalDateTime)> {
        let d: Date = date.get().parse().ok()?;
        let s: ClockTime = start.get().parse().ok()?;
        let e: ClockTime = end.get().parse().ok()?;
        Some((LocalDateTime::new(d, s), LocalDateTime::new(d, e)))
    };
    let people = move || {
        attendees
            .get()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
    };
    let missing = move |s: RwSignal<String>| tried.get() && s.get().trim().is_empty();

    let space_id = space.meta.id;
    let space_name = space.name.clone();
    let needs_approval = rules.needs_approval;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let (Some((s, e)), Some(n)) = (times(), people()) else {
            return;
        };
        if title.get().trim().is_empty() || organiser.get().trim().is_empty() {
            return;
        }
        let device = state.device.get_value();
        let booking = Booking {
            meta: Meta::new(BrowserIds.next_id(), Timestamp::now(), &device),
            space_id,
            title: title.get().trim().to_string(),
            purpose: purpose.get().trim().to_string(),
            organiser: Organiser {
                name: organiser.get().trim().to_string(),
                phone: phone.get().trim().to_string(),
                room: room.get().trim().to_string(),
            },
            start: s,
            end: e,
            expected_attendees: n,
            status: if needs_approval {
                BookingStatus::Requested
            } else {
                BookingStatus::Confirmed
            },
            series_id: None,
            check_in: None,
            notes: String::new(),
            status_change: None,
        };
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let store = state.store();
            let now = state.now_local();
            match store.save_booking(booking.clone(), now).await {
                Ok(()) => {
                    state.changed();
                    navigate(
                        &format!("/bookings/{}?saved=1", booking.meta.id),
                        Default::default(),
                    );
                }
                Err(SaveBookingError::Refused { refusals, .. }) => {
                    outcome.set(alternatives(state, &booking, refusals, now).await);
                }
                Err(SaveBookingError::NoSuchSpace { .. }) => outcome.set(Outcome {
                    failure: Some(StoreErrorKind::Failed),
                    ..Outcome::default()
                }),
                Err(SaveBookingError::Store(e)) => outcome.set(Outcome {
                    failure: Some(e.kind),
                    ..Outcome::default()
                }),
            }
            busy.set(false);
        });
    };

    let pick_time = move |t: LocalDateTime| {
        let minutes = times().map(|(s, e)| s.minutes_until(e)).unwrap_or(60);
        date.set(t.date().to_string());
        start.set(t.clock().to_string());
        end.set(t.plus_minutes(minutes).clock().to_string());
        outcome.set(Outcome::default());
    };

    view! {
        <h1 data-testid="page-title">{move || t_string!(i18n, book.title, space = space_name.clone()).to_string()}</h1>
        <Show when=move || needs_approval>
            <p class="hint">{t!(i18n, book.needs_approval)}</p>
        </Show>
        <form class="form" on:submit=submit novalidate=true>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, book.date)}</span>
                    <input type="date" name="date" bind:value=date required=true />
                </label>
                <label class="field">
                    <span>{t!(i18n, book.start)}</span>
                    <input type="time" name="start" step=move || (rules.slot_minutes as u32 * 60).to_string() bind:value=start required=true />
                </label>
                <label class="field">
                    <span>{t!(i18n, book.end)}</span>
                    <input type="time" name="end" step=move || (rules.slot_minutes as u32 * 60).to_string() bind:value=end required=true />
                </label>
            </div>
            <Show when=move || tried.get() && times().is_none()>
                <p class="field-error" role="alert">{t!(i18n, book.bad_time)}</p>
            </Show>
            <TextField label=move || t_string!(i18n, book.event_title).to_string() name="title" value=title invalid=Signal::derive(move || missing(title)) />
            <TextField label=move || t_string!(i18n, book.purpose).to_string() name="purpose" value=purpose invalid=Signal::derive(|| false) />
            <TextField label=move || t_string!(i18n, book.organiser).to_string() name="organiser" value=organiser invalid=Signal::derive(move || missing(organiser)) />
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, book.phone)}</span>
                    <input type="tel" name="phone" inputmode="tel" autocomplete="tel" bind:value=phone />
                </label>
                <label class="field">
                    <span>{t!(i18n, book.room)}</span>
                    <input type="text" name="room" bind:value=room />
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, book.attendees)}</span>
                <input type="number" name="attendees" inputmode="numeric" min="1" bind:value=attendees
                    aria-invalid=move || (tried.get() && people().is_none()).to_string() />
            </label>
            <Show when=move || tried.get() && people().is_none()>
                <p class="field-error" role="alert">{t!(i18n, book.bad_number)}</p>
            </Show>
            {move || outcome.get().failure.map(|kind| view! { <ErrorPanel kind=kind /> })}
            {move || {
                let Outcome { refusals, times, spaces, .. } = outcome.get();
                (!refusals.is_empty()).then(move || view! {
                    <section class="refusal" role="alert" data-testid="refusal">
                        <h2>{t!(i18n, book.refused)}</h2>
                        <ul>
                            {refusals.iter().map(|r| view! { <li>{format::refusal(i18n, r)}</li> }).collect_view()}
                        </ul>
                        <h3>{t!(i18n, book.try_times)}</h3>
                        {if times.is_empty() {
                            view! { <p class="muted">{t!(i18n, book.no_times)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="suggestions" data-testid="suggested-times">
                                    {times.into_iter().map(|t| {
                                        let label = move || format!("{} {}", format::date_label(i18n, t.date()), t.clock());
                                        view! { <button type="button" class="chip-button" on:click=move |_| pick_time(t)>{label}</button> }
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        }}
                        {(!spaces.is_empty()).then(move || view! {
                            <h3>{t!(i18n, book.try_spaces)}</h3>
                            <ul class="list compact" data-testid="suggested-spaces">
                                {spaces.into_iter().map(|(id, name, capacity)| view! {
                                    <li class="item">
                                        <A href=format!("/spaces/{id}/book") attr:class="item-title">{name}</A>
                                        <span class="item-sub">{t!(i18n, spaces.capacity, count = move || capacity)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                    </section>
                })
            }}
            <button type="submit" class="button primary" data-testid="submit-booking" disabled=move || busy.get()>
                {move || if busy.get() { t_string!(i18n, book.saving) } else { t_string!(i18n, book.submit) }}
            </button>
        </form>
    }
}

/// Free times in the same space near the wanted one, and other spaces free
/// at the wanted time.
async fn alternatives(
    state: AppState,
    wanted: &Booking,
    refusals: Vec<BookingRefusal>,
    now: LocalDateTime,
) -> Outcome {
    let store = state.store();
    let minutes = wanted.start.minutes_until(wanted.end).max(1);
    let (from, _) = day_span(add_days(wanted.start.date(), -1));
    let (_, to) = day_span(add_days(wanted.start.date(), SUGGEST_DAYS + 1));
    let (Ok(spaces), Ok(nearby)) = (
        store.list::<Space>().await,
        store.bookings_between(from, to).await,
    ) else {
        return Outcome {
            refusals,
            ..Outcome::default()
        };
    };
    let times = spaces
        .iter()
        .find(|s| s.meta.id == wanted.space_id)
        .map(|space| {
            let own: Vec<Booking> = nearby
                .iter()
                .filter(|b| b.space_id == space.meta.id)
                .cloned()
                .collect();
            suggest_starts(
                space,
                &own,
                wanted,
                wanted.start,
                minutes,
                now,
                SUGGEST_DAYS,
                4,
            )
        })
        .unwrap_or_default();
    let others: Vec<Space> = spaces
        .iter()
        .filter(|s| s.meta.id != wanted.space_id)
        .cloned()
        .collect();
    let spaces = free_spaces(&others, &nearby, wanted, now)
        .into_iter()
        .take(4)
        .map(|s| (s.meta.id, s.name.clone(), s.capacity))
        .collect();
    Outcome {
        refusals,
        times,
        spaces,
        failure: None,
    }
}

/// A labelled text input that says when it must be filled in.
#[component]
fn TextField(
    label: impl Fn() -> String + Send + Sync + 'static,
    name: &'static str,
    value: RwSignal<String>,
    invalid: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" name=name bind:value=value
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=move || invalid.get().then(|| described.clone()) />
        </label>
        <Show when=move || invalid.get()>
            <p class="field-error" id=error_id.clone() role="alert">{t!(i18n, book.required)}</p>
        </Show>
    }
}
