//! Booking a space: a form, every rule checked on save, and when a rule
//! says no, what would fit instead.

use super::booking_detail::Done;
use crate::domain::booking_rules::{day_span, suggest_times, SuggestionRequest};
use crate::domain::recurrence::{preview_series, OccurrenceCheck, Recurrence, Repeat, Until};
use crate::domain::series::edit_occurrences;
use crate::domain::time::{add_days, weekday_number};
use crate::domain::{
    free_spaces, Booking, BookingRefusal, BookingStatus, ClockTime, IdSource, Interval,
    LocalDateTime, Meta, Organiser, SeriesScope, Space, Volunteer,
};
use crate::store::{BrowserIds, SaveBookingError, StoreErrorKind, StoreResult};
use crate::ui::components::{form_page, ErrorPanel};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;
use uuid::Uuid;

/// How many days after the wanted one the form looks for free times.
const SUGGEST_DAYS: i64 = 2;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<(Space, Option<Volunteer>)>> {
    let Some(space) = state.store().get_live::<Space>(id).await? else {
        return Ok(None);
    };
    Ok(Some((space, state.me().await?)))
}

#[component]
pub fn BookPage() -> impl IntoView {
    form_page("/spaces", load, |(space, me)| {
        view! { <BookForm space=space existing=None series=Vec::new() me=me /> }
    })
}

type Editing = (Space, Booking, Vec<Booking>);

async fn load_booking(state: AppState, id: Uuid) -> StoreResult<Option<Editing>> {
    let store = state.store();
    let Some(booking) = store.get_live::<Booking>(id).await? else {
        return Ok(None);
    };
    let Some(space) = store.get::<Space>(booking.space_id).await? else {
        return Ok(None);
    };
    // The other occurrences, for "this and following" and "whole series".
    let series = match booking.series_id {
        Some(series) => store
            .list::<Booking>()
            .await?
            .into_iter()
            .filter(|b| b.series_id == Some(series))
            .collect(),
        None => Vec::new(),
    };
    Ok(Some((space, booking, series)))
}

/// Changing one booking, or one, the following or every occurrence of a
/// series, in the same form.
#[component]
pub fn EditBookingPage() -> impl IntoView {
    form_page("/spaces", load_booking, |(space, booking, series)| {
        view! { <BookForm space=space existing=Some(booking) series=series me=None /> }
    })
}

/// What went wrong with the last try, and what would fit instead.
#[derive(Clone, Default)]
struct Outcome {
    refusals: Vec<BookingRefusal>,
    times: Vec<Interval>,
    spaces: Vec<(Uuid, String, u32)>,
    failure: Option<StoreErrorKind>,
    /// The occurrence refused, when several dates were saved together.
    on_date: Option<Date>,
}

impl Outcome {
    /// A save that failed for a reason other than the booking rules.
    fn failed(error: SaveBookingError) -> Self {
        let kind = match error {
            SaveBookingError::Store(e) => e.kind,
            _ => StoreErrorKind::Failed,
        };
        Outcome {
            failure: Some(kind),
            ..Outcome::default()
        }
    }
}

#[component]
fn BookForm(
    space: Space,
    existing: Option<Booking>,
    series: Vec<Booking>,
    me: Option<Volunteer>,
) -> impl IntoView {
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
    let old = existing.as_ref();
    let date = RwSignal::new(old.map_or_else(
        || given("date", now.date().to_string()),
        |b| b.start.date().to_string(),
    ));
    let start = RwSignal::new(old.map_or_else(
        || given("start", start_clock.to_string()),
        |b| b.start.clock().to_string(),
    ));
    let end = RwSignal::new(old.map_or_else(
        || given("end", end_clock.to_string()),
        |b| b.end.clock().to_string(),
    ));
    let title = RwSignal::new(old.map(|b| b.title.clone()).unwrap_or_default());
    let purpose = RwSignal::new(old.map(|b| b.purpose.clone()).unwrap_or_default());
    // A new booking is organised by "me" unless the user types another name.
    let who = old
        .map(|b| b.organiser.clone())
        .or_else(|| me.as_ref().map(Organiser::from_volunteer))
        .unwrap_or_default();
    let organiser = RwSignal::new(who.name);
    let phone = RwSignal::new(who.phone);
    let room = RwSignal::new(who.room);
    let attendees = RwSignal::new(old.map_or_else(
        || given("people", "10".to_string()),
        |b| b.expected_attendees.to_string(),
    ));
    let editing = existing.is_some();
    let in_series = series.iter().filter(|b| b.is_live()).count() > 1;
    let scope = RwSignal::new(SeriesScope::ThisOne);
    let series = StoredValue::new(series);
    let existing = StoredValue::new(existing);
    let repeat = RwSignal::new("none".to_string());
    // A weekly series repeats on the chosen date's weekday until the person
    // ticks weekdays themselves.
    let weekday_of = |d: &str| d.parse::<Date>().ok().map(|d| weekday_number(d.weekday()));
    let weekdays = RwSignal::new(
        weekday_of(&date.get_untracked())
            .into_iter()
            .collect::<Vec<u8>>(),
    );
    let weekdays_picked = RwSignal::new(false);
    Effect::new(move |_| {
        let day = date.with(|d| weekday_of(d));
        if let Some(day) = day.filter(|_| !weekdays_picked.get_untracked()) {
            weekdays.set(vec![day]);
        }
    });
    let every = RwSignal::new("1".to_string());
    let nth = RwSignal::new("1".to_string());
    let count = RwSignal::new("4".to_string());
    let until = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<Vec<(Booking, OccurrenceCheck)>>);
    let chosen = RwSignal::new(HashSet::<Uuid>::new());
    let space_value = StoredValue::new(space.clone());
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
        let fresh = Booking {
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
        // An edit keeps the record's id, series, status and history.
        let booking = match existing.get_value() {
            Some(mut old) => {
                old.meta.touch(Timestamp::now(), &device);
                Booking {
                    meta: old.meta.clone(),
                    status: old.status,
                    series_id: old.series_id,
                    check_in: old.check_in,
                    notes: old.notes.clone(),
                    status_change: old.status_change.clone(),
                    ..fresh
                }
            }
            None => fresh,
        };
        if repeat.get_untracked() != "none" {
            let Some(rec) = recurrence(
                &repeat.get_untracked(),
                s.date(),
                &weekdays.get_untracked(),
                &every.get_untracked(),
                &nth.get_untracked(),
                &count.get_untracked(),
                &until.get_untracked(),
            ) else {
                return;
            };
            let mut template = booking;
            template.series_id = Some(BrowserIds.next_id());
            busy.set(true);
            leptos::task::spawn_local(async move {
                let dates = rec.dates();
                let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
                    preview.set(Some(Vec::new()));
                    busy.set(false);
                    return;
                };
                let (from, _) = day_span(add_days(*first, -1));
                let (_, to) = day_span(add_days(*last, 1));
                match state.store().bookings_of_space(space_id, from, to).await {
                    Ok(existing) => {
                        let list = preview_series(
                            &template,
                            &dates,
                            &space_value.get_value(),
                            &existing,
                            state.now_local(),
                        );
                        chosen.set(
                            list.iter()
                                .filter(|(_, c)| *c == OccurrenceCheck::Fits)
                                .map(|(b, _)| b.meta.id)
                                .collect(),
                        );
                        preview.set(Some(list));
                    }
                    Err(e) => outcome.set(Outcome {
                        failure: Some(e.kind),
                        ..Outcome::default()
                    }),
                }
                busy.set(false);
            });
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        let now = state.now_local();
        let scope = scope.get_untracked();
        // Where a save leads: the booking, with a notice of what was done.
        let saved_link = Done::link(
            if editing {
                Done::Changed
            } else {
                Done::Created
            },
            booking.meta.id,
        );
        let changes = match existing.get_value() {
            Some(old) if scope != SeriesScope::ThisOne => series.with_value(|all| {
                edit_occurrences(&old, &booking, all, scope, now, Timestamp::now(), &device)
            }),
            _ => vec![booking.clone()],
        };
        if changes.len() > 1 {
            leptos::task::spawn_local(async move {
                let dates: Vec<Date> = changes.iter().map(|b| b.start.date()).collect();
                match state.store().save_bookings(changes, now).await {
                    Ok(()) => {
                        state.changed();
                        navigate(&saved_link, Default::default());
                    }
                    // Which date of the series broke which rule.
                    Err(SaveBookingError::Refused { index, refusals }) => outcome.set(Outcome {
                        refusals,
                        on_date: dates.get(index).copied(),
                        ..Outcome::default()
                    }),
                    Err(e) => outcome.set(Outcome::failed(e)),
                }
                busy.set(false);
            });
            return;
        }
        leptos::task::spawn_local(async move {
            let store = state.store();
            crate::ui::marks::mark("linli-booking-save");
            match store.save_booking(booking.clone(), now).await {
                Ok(()) => {
                    crate::ui::marks::mark("linli-booking-saved");
                    state.changed();
                    navigate(&saved_link, Default::default());
                }
                Err(SaveBookingError::Refused { refusals, .. }) => {
                    outcome.set(alternatives(state, &booking, refusals, now).await);
                }
                Err(e) => outcome.set(Outcome::failed(e)),
            }
            busy.set(false);
        });
    };

    let navigate_series = use_navigate();
    let save_series = move |_| {
        let Some(list) = preview.get_untracked() else {
            return;
        };
        let picked: Vec<Booking> = chosen.with_untracked(|ids| {
            list.into_iter()
                .filter(|(b, _)| ids.contains(&b.meta.id))
                .map(|(b, _)| b)
                .collect()
        });
        if picked.is_empty() {
            return;
        }
        busy.set(true);
        let navigate = navigate_series.clone();
        leptos::task::spawn_local(async move {
            match state.store().save_bookings(picked, state.now_local()).await {
                Ok(()) => {
                    state.changed();
                    navigate(&format!("/spaces/{space_id}"), Default::default());
                }
                // Someone booked in between: show the fresh refusal on the form.
                Err(SaveBookingError::Refused { refusals, .. }) => {
                    preview.set(None);
                    outcome.set(Outcome {
                        refusals,
                        ..Outcome::default()
                    });
                }
                Err(e) => outcome.set(Outcome::failed(e)),
            }
            busy.set(false);
        });
    };

    let pick_time = move |t: Interval| {
        date.set(t.start.date().to_string());
        start.set(t.start.clock().to_string());
        end.set(t.end.clock().to_string());
        outcome.set(Outcome::default());
    };

    view! {
        <h1 data-testid="page-title">
            {move || match existing.get_value() {
                Some(b) => t_string!(i18n, book.edit_title, title = b.title.clone()).to_string(),
                None => t_string!(i18n, book.title, space = space_name.clone()).to_string(),
            }}
        </h1>
        <Show when=move || needs_approval>
            <p class="hint">{t!(i18n, book.needs_approval)}</p>
        </Show>
        <form class="form" on:submit=submit novalidate=true>
            // The date on a row of its own and the two times on the next,
            // so a 360 px phone shows every value whole.
            <label class="field">
                <span>{t!(i18n, book.date)}</span>
                <input type="date" name="date" bind:value=date required=true />
            </label>
            <div class="field-row">
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
            {in_series.then(|| view! { <ScopeChoice scope=scope /> })}
            {(!editing).then(|| view! { <SeriesFields repeat=repeat weekdays=weekdays weekdays_picked=weekdays_picked every=every nth=nth count=count until=until preview=preview /> })}
            {move || outcome.get().failure.map(|kind| view! { <ErrorPanel kind=kind /> })}
            {move || {
                let Outcome { refusals, times, spaces, on_date, .. } = outcome.get();
                let prefix = move || on_date
                    .map(|d| t_string!(i18n, series.refused_on, date = format::date_label(i18n, d)).to_string())
                    .unwrap_or_default();
                (!refusals.is_empty()).then(move || view! {
                    <section class="refusal" role="alert" data-testid="refusal">
                        <h2>{t!(i18n, book.refused)}</h2>
                        <ul>
                            {refusals.iter().map(|r| view! { <li>{prefix()}{format::refusal(i18n, r)}</li> }).collect_view()}
                        </ul>
                        <h3>{t!(i18n, book.try_times)}</h3>
                        {if times.is_empty() {
                            view! { <p class="muted">{t!(i18n, book.no_times)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="suggestions" data-testid="suggested-times">
                                    {times.into_iter().map(|t| {
                                        let label = move || format!("{} {}", format::date_label(i18n, t.start.date()), format::time_range(i18n, t.start, t.end));
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
                {move || if busy.get() {
                    t_string!(i18n, book.saving)
                } else if repeat.get() != "none" {
                    t_string!(i18n, series.preview)
                } else if editing {
                    t_string!(i18n, book.save_changes)
                } else {
                    t_string!(i18n, book.submit)
                }}
            </button>
        </form>
        {move || preview.get().map(|list| {
            let n = move || chosen.with(HashSet::len);
            view! {
                <section aria-labelledby="series-preview" data-testid="series-preview">
                    <h2 id="series-preview">{t!(i18n, series.preview)}</h2>
                    <p class="hint">{t!(i18n, series.skip_hint)}</p>
                    <ul class="list">
                        {list.into_iter().map(|(b, check)| {
                            let id = b.meta.id;
                            let fits = check == OccurrenceCheck::Fits;
                            let (day, start, end) = (b.start.date(), b.start, b.end);
                            let reasons = match &check {
                                OccurrenceCheck::Fits => Vec::new(),
                                OccurrenceCheck::Refused(r) => r.clone(),
                            };
                            view! {
                                <li class="item" data-testid="occurrence" data-fits=fits.to_string()>
                                    <input type="checkbox" disabled=!fits
                                        aria-label=move || format::date_label(i18n, day)
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                                        } />
                                    <span class="item-main">
                                        <span class="item-title">{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))}</span>
                                        <span class="item-sub">
                                            {if fits {
                                                view! { <span class="text-ok">{t!(i18n, series.fits)}</span> }.into_any()
                                            } else {
                                                view! { <span class="text-alert">{reasons.iter().map(|r| format::refusal(i18n, r)).collect::<Vec<_>>().join(" ")}</span> }.into_any()
                                            }}
                                        </span>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <button type="button" class="button primary" data-testid="save-series" disabled=move || busy.get() || n() == 0 on:click=save_series.clone()>
                        {move || t_string!(i18n, series.save, count = n()).to_string()}
                    </button>
                </section>
            }
        })}
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
            suggest_times(SuggestionRequest {
                space,
                existing: &own,
                wanted,
                now,
                days_after: SUGGEST_DAYS,
                limit: 4,
            })
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
        ..Outcome::default()
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

/// The series the form's repeat fields describe, or `None` if they do not
/// describe one (no weekday ticked, a count that is not a number).
fn recurrence(
    kind: &str,
    first: Date,
    weekdays: &[u8],
    every: &str,
    nth: &str,
    count: &str,
    until: &str,
) -> Option<Recurrence> {
    let repeat = match kind {
        "weekly" if !weekdays.is_empty() => Repeat::Weekly {
            weekdays: weekdays.to_vec(),
            every_weeks: every.trim().parse::<u8>().ok().filter(|n| *n > 0)?,
        },
        "monthly_date" => Repeat::MonthlyByDate {
            day: first.day() as u8,
        },
        "monthly_weekday" => Repeat::MonthlyByWeekday {
            nth: nth.parse().ok()?,
            weekday: weekday_number(first.weekday()),
        },
        _ => return None,
    };
    let until = match until.trim().parse::<Date>() {
        Ok(date) => Until::Date { date },
        Err(_) => Until::Count {
            count: count.trim().parse::<u16>().ok().filter(|n| *n > 0)?,
        },
    };
    Some(Recurrence {
        repeat,
        starts_on: first,
        until,
    })
}

/// The repeat part of the booking form.
#[component]
fn SeriesFields(
    repeat: RwSignal<String>,
    weekdays: RwSignal<Vec<u8>>,
    weekdays_picked: RwSignal<bool>,
    every: RwSignal<String>,
    nth: RwSignal<String>,
    count: RwSignal<String>,
    until: RwSignal<String>,
    preview: RwSignal<Option<Vec<(Booking, OccurrenceCheck)>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Any change to the repeat makes an old preview stale.
    let changed = move || preview.set(None);
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, series.repeat)}</legend>
            <label class="field">
                <span>{t!(i18n, series.repeat)}</span>
                <select name="repeat" on:change=move |ev| { repeat.set(event_target_value(&ev)); changed(); }>
                    <option value="none" selected=move || repeat.get() == "none">{t!(i18n, series.none)}</option>
                    <option value="weekly" selected=move || repeat.get() == "weekly">{t!(i18n, series.weekly)}</option>
                    <option value="monthly_date" selected=move || repeat.get() == "monthly_date">{t!(i18n, series.monthly_date)}</option>
                    <option value="monthly_weekday" selected=move || repeat.get() == "monthly_weekday">{t!(i18n, series.monthly_weekday)}</option>
                </select>
            </label>
            <Show when=move || repeat.get() == "weekly">
                <div class="weekday-picks" role="group" aria-label=move || t_string!(i18n, series.weekdays)>
                    {(1..=7u8).map(|wd| view! {
                        <label class="check">
                            <input type="checkbox" name=format!("weekday-{wd}")
                                prop:checked=move || weekdays.with(|w| w.contains(&wd))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    weekdays_picked.set(true);
                                    weekdays.update(|w| { w.retain(|d| *d != wd); if on { w.push(wd); } });
                                    changed();
                                } />
                            <span>{move || format::weekday_name(i18n, wd)}</span>
                        </label>
                    }).collect_view()}
                </div>
                <label class="field">
                    <span>{t!(i18n, series.every_weeks)}</span>
                    <input type="number" min="1" name="every" inputmode="numeric" bind:value=every on:input=move |_| changed() />
                </label>
            </Show>
            <Show when=move || repeat.get() == "monthly_weekday">
                <label class="field">
                    <span>{t!(i18n, series.nth)}</span>
                    <select name="nth" on:change=move |ev| { nth.set(event_target_value(&ev)); changed(); }>
                        {(1..=5i8).map(|n| view! {
                            <option value=n.to_string() selected=move || nth.get() == n.to_string()>{move || t_string!(i18n, series.nth_n, n = n).to_string()}</option>
                        }).collect_view()}
                        <option value="-1" selected=move || nth.get() == "-1">{t!(i18n, series.nth_last)}</option>
                    </select>
                </label>
            </Show>
            <Show when=move || repeat.get() != "none">
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, series.count)}</span>
                        <input type="number" min="1" name="count" inputmode="numeric" bind:value=count on:input=move |_| changed() />
                    </label>
                    <label class="field">
                        <span>{t!(i18n, series.until)}</span>
                        <input type="date" name="until" bind:value=until on:input=move |_| changed() />
                    </label>
                </div>
            </Show>
        </fieldset>
    }
}

/// When editing an occurrence of a series: which occurrences change.
#[component]
fn ScopeChoice(scope: RwSignal<SeriesScope>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |s: SeriesScope| match s {
        SeriesScope::ThisOne => t_string!(i18n, series.scope_one),
        SeriesScope::ThisAndFollowing => t_string!(i18n, series.scope_following),
        SeriesScope::WholeSeries => t_string!(i18n, series.scope_all),
    };
    view! {
        <fieldset class="fieldset" data-testid="series-scope">
            <legend>{t!(i18n, series.apply_to)}</legend>
            {SeriesScope::ALL.into_iter().map(|s| view! {
                <label class="check">
                    <input type="radio" name="scope" value=s.key()
                        prop:checked=move || scope.get() == s
                        on:change=move |_| scope.set(s) />
                    <span>{move || label(s)}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}
