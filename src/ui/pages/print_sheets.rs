//! Paper for the sign-in table and the door: an activity's roster with a
//! sign-in column and blank rows for walk-ins, and a space's week. On
//! screen each is a preview with a print button; the print rules in
//! `style/main.css` drop the app's bars and lay it out on A4.

use crate::domain::booking_rules::day_span;
use crate::domain::time::{add_days, group_by_day, weekday_number};
use crate::domain::volunteer::masked_phone;
use crate::domain::{Activity, Booking, BookingStatus, Shift, Space, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::detail_page;
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::qr::code::PosterCode;
use crate::ui::state::AppState;
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use uuid::Uuid;

/// Blank lines under each shift for people who turn up unannounced: the
/// places still open, but never fewer than two nor more than six.
fn walk_in_rows(shift: &Shift, on_it: usize) -> usize {
    (shift.needed_max as usize)
        .saturating_sub(on_it)
        .clamp(2, 6)
}

#[derive(Clone, PartialEq)]
struct SheetShift {
    shift: Shift,
    /// (name, masked phone), by name.
    people: Vec<(String, String)>,
}

#[derive(Clone, PartialEq)]
struct RosterSheet {
    activity: Activity,
    place: String,
    days: Vec<(Date, Vec<SheetShift>)>,
}

async fn load_roster(state: AppState, id: Uuid) -> StoreResult<Option<RosterSheet>> {
    let store = state.store();
    let Some(activity) = store.get_live::<Activity>(id).await? else {
        return Ok(None);
    };
    let place = store.place_name(&activity.place).await?;
    let volunteers: HashMap<Uuid, Volunteer> = store
        .list::<Volunteer>()
        .await?
        .into_iter()
        .map(|v| (v.meta.id, v))
        .collect();
    let mut shifts = Vec::new();
    for shift in store.shifts_of_activity(id).await? {
        let mut people: Vec<(String, String)> = store
            .assignments_of_shift(shift.meta.id)
            .await?
            .iter()
            .filter(|a| a.counts_toward_coverage())
            .filter_map(|a| volunteers.get(&a.volunteer_id))
            .map(|v| (v.name.clone(), masked_phone(&v.phone)))
            .collect();
        people.sort();
        shifts.push(SheetShift { shift, people });
    }
    shifts.sort_by(|a, b| (a.shift.start, &a.shift.role).cmp(&(b.shift.start, &b.shift.role)));
    Ok(Some(RosterSheet {
        activity,
        place,
        days: group_by_day(shifts, |s| s.shift.start.date()),
    }))
}

/// The print button and a line saying what the paper is for.
#[component]
fn PrintBar() -> impl IntoView {
    let i18n = use_i18n();
    let print = move |_| {
        // A browser without printing (some in-app webviews) just ignores it.
        let _ = window().print();
    };
    view! {
        <div class="print-bar no-print">
            <p class="page-note">{t!(i18n, print.hint)}</p>
            <button type="button" class="button primary" data-testid="print" on:click=print>{t!(i18n, print.button)}</button>
        </div>
    }
}

#[component]
pub fn RosterSheetPage() -> impl IntoView {
    detail_page(
        "/rosters",
        load_roster,
        |sheet| view! { <RosterSheetView sheet=sheet /> },
    )
}

#[component]
fn RosterSheetView(sheet: RosterSheet) -> impl IntoView {
    let i18n = use_i18n();
    let a = sheet.activity;
    let (from, to) = (a.starts_on, a.ends_on);
    view! {
        <PrintBar />
        <article class="sheet" data-testid="roster-sheet">
            <header class="sheet-head">
                <PosterCode path=format!("/rosters/{}", a.meta.id) />
                <h1 data-testid="page-title">{a.title.clone()}</h1>
                <p>
                    {sheet.place}
                    " · "
                    {move || format::date_label(i18n, from)}
                    {(from != to).then(|| view! { " – " {move || format::date_label(i18n, to)} })}
                </p>
            </header>
            {if sheet.days.is_empty() {
                view! { <p class="empty">{t!(i18n, rosters.no_shifts)}</p> }.into_any()
            } else {
                sheet.days.into_iter().map(|(day, shifts)| view! {
                    <section class="sheet-day">
                        <h2>{move || format::date_label(i18n, day)}</h2>
                        <table class="sheet-table" data-testid="sheet-day">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, print.name)}</th>
                                    <th scope="col">{t!(i18n, print.phone)}</th>
                                    <th scope="col" class="sign">{t!(i18n, print.sign_in)}</th>
                                    <th scope="col" class="sign">{t!(i18n, print.sign_out)}</th>
                                </tr>
                            </thead>
                            {shifts.into_iter().map(|s| view! { <ShiftRows s=s /> }).collect_view()}
                        </table>
                    </section>
                }).collect_view().into_any()
            }}
        </article>
    }
}

/// One shift: a heading row, its people, then blank lines for walk-ins.
#[component]
fn ShiftRows(s: SheetShift) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end) = (s.shift.start, s.shift.end);
    let (min, max) = (s.shift.needed_min, s.shift.needed_max);
    let blanks = walk_in_rows(&s.shift, s.people.len());
    let role = s.shift.role.clone();
    view! {
        <tbody class="sheet-shift" data-testid="sheet-shift">
            <tr class="shift-head">
                <th colspan="4" scope="rowgroup">
                    {move || format::time_range(i18n, start, end)}
                    " " {role}
                    " · " {t!(i18n, print.needed, min = move || min, max = move || max)}
                </th>
            </tr>
            {s.people.into_iter().map(|(name, phone)| view! {
                <tr data-testid="sheet-person">
                    <td>{name}</td>
                    <td>{phone}</td>
                    <td class="sign"></td>
                    <td class="sign"></td>
                </tr>
            }).collect_view()}
            {(0..blanks).map(|_| view! {
                <tr class="walk-in" data-testid="sheet-blank">
                    <td></td>
                    <td></td>
                    <td class="sign"></td>
                    <td class="sign"></td>
                </tr>
            }).collect_view()}
        </tbody>
    }
}

#[derive(Clone, PartialEq)]
struct DoorSheet {
    space: Space,
    monday: Date,
    days: Vec<(Date, Vec<Booking>)>,
}

/// The Monday of the week the link names (`?week=`), or of this week.
fn chosen_monday(state: AppState) -> Date {
    let day = use_query_map()
        .get_untracked()
        .get("week")
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| state.now_local().date());
    add_days(day, 1 - weekday_number(day.weekday()) as i64)
}

#[component]
pub fn DoorSheetPage() -> impl IntoView {
    let monday = chosen_monday(crate::ui::state::use_app());
    let load = move |state: AppState, id: Uuid| async move {
        let store = state.store();
        let Some(space) = store.get_live::<Space>(id).await? else {
            return Ok(None);
        };
        let (from, _) = day_span(monday);
        let (_, to) = day_span(add_days(monday, 6));
        let bookings = store.bookings_of_space(id, from, to).await?;
        let days = group_by_day(bookings.into_iter().filter(Booking::is_live), |b| {
            b.start.date()
        });
        Ok(Some(DoorSheet {
            space,
            monday,
            days,
        }))
    };
    detail_page(
        "/spaces",
        load,
        |sheet| view! { <DoorSheetView sheet=sheet /> },
    )
}

#[component]
fn DoorSheetView(sheet: DoorSheet) -> impl IntoView {
    let i18n = use_i18n();
    let space = sheet.space;
    let first = sheet.monday;
    let printed = crate::ui::state::use_app().now_local();
    view! {
        <PrintBar />
        <article class="sheet door" data-testid="door-sheet">
            <header class="sheet-head">
                <PosterCode path=format!("/spaces/{}/book", space.meta.id) />
                <h1 data-testid="page-title">{space.name.clone()}</h1>
                <p>
                    {space.location.clone()}
                    " · "
                    {move || format!("{} – {}", format::date_label(i18n, first), format::date_label(i18n, add_days(first, 6)))}
                </p>
            </header>
            <table class="sheet-table door-table">
                <tbody>
                    {(0..7).map(|i| {
                        let date = add_days(first, i);
                        let hours = space.hours_label(weekday_number(date.weekday()));
                        let list = sheet.days.iter().find(|(d, _)| *d == date).map(|(_, l)| l.clone()).unwrap_or_default();
                        view! {
                            <tr data-testid="door-day">
                                <th scope="row">
                                    {move || format::date_label(i18n, date)}
                                    <span class="door-hours">
                                        {if hours.is_empty() { t_string!(i18n, spaces.closed).to_string() } else { hours.clone() }}
                                    </span>
                                </th>
                                <td>
                                    {if list.is_empty() {
                                        view! { <span class="muted">{t!(i18n, week.free)}</span> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="door-bookings">
                                                {list.into_iter().map(|b| view! { <DoorBooking b=b /> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="sheet-foot">{move || t_string!(i18n, print.printed_at, when = format!("{} {}", format::date_label(i18n, printed.date()), printed.clock())).to_string()}</p>
        </article>
    }
}

/// A booking on the door: time, title and organiser's name — never a phone
/// or room, since anyone passing can read it.
#[component]
fn DoorBooking(b: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end) = (b.start, b.end);
    let waiting = b.status == BookingStatus::Requested;
    view! {
        <li data-testid="door-booking">
            <span class="door-time">{move || format::time_range(i18n, start, end)}</span>
            " " {b.title.clone()}
            " · " {b.organiser.name.clone()}
            {waiting.then(|| view! { " (" {t!(i18n, booking_status.requested)} ")" })}
        </li>
    }
}
