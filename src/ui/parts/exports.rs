//! The export buttons placed on screens: a roster, a space's bookings, my
//! requests, my shifts, the month's hours — and the button itself.

use crate::domain::time::add_days;
use crate::domain::{AssignmentStatus, BookingStatus, Community};
use crate::exchange::csv_export::{bookings_csv, roster_csv};
use crate::exchange::ics::{calendar, CalendarEvent};
use crate::exchange::outgoing::Outgoing;
use crate::exchange::slices::{redact, roster, space_bookings};
use crate::exchange::Covers;
use crate::store::StoreErrorKind;
use crate::ui::components::{kept, Failure};
use crate::ui::files::{deliver, Delivered};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::save::{act, Save};
use crate::ui::state::{use_app, AppState};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

/// How far ahead a space's bookings are exported unless the user says.
const BOOKINGS_AHEAD_DAYS: i64 = 30;

/// The longest range a space's bookings export covers: two years of a
/// busy hall is still a small file, and a typo like 2062 is caught.
const BOOKINGS_MAX_DAYS: i64 = 731;

pub(super) async fn everything(state: AppState) -> Result<Community, StoreErrorKind> {
    state.store().community().await.map_err(|e| e.kind)
}

/// Now, and the community's date: when a file is made and what its name says.
pub fn stamp(state: AppState) -> (Timestamp, Date) {
    (Timestamp::now(), state.now_local().date())
}

/// An exchange file made on this phone now.
pub fn document(
    state: AppState,
    records: Community,
    covers: Covers,
    what: &str,
    redacted: bool,
) -> Outgoing {
    let device = state.device.get_value();
    Outgoing::document(records, covers, what, redacted, stamp(state), &device)
}

/// "Leave out phones and rooms", for files shared with residents.
#[component]
pub fn RedactChoice(redacted: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check">
            <input type="checkbox" name="redact" prop:checked=move || redacted.get()
                on:change=move |ev| redacted.set(event_target_checked(&ev)) />
            <span>{t!(i18n, exchange.redact)}</span>
        </label>
    }
}

/// A button that makes a file from the store and shares or downloads it.
#[component]
pub fn ExportButton<F, Fut>(
    label: impl Fn() -> String + Send + Sync + 'static,
    testid: &'static str,
    make: F,
    /// While true the button does nothing (its inputs are not valid yet).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// An exchange file: "用二维码发送" beside it, for phones with no
    /// network between them.
    #[prop(optional)]
    qr: bool,
) -> impl IntoView
where
    F: Fn(AppState) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Outgoing, StoreErrorKind>> + 'static,
{
    let i18n = use_i18n();
    let done = RwSignal::new(None::<String>);
    let export: Save<(), StoreErrorKind> = act(
        move |state, ()| async move {
            let file = make(state).await?;
            let how = deliver(&file.name, file.mime, &file.text)
                .await
                .map_err(|e| e.kind())?;
            Ok((file.name, how))
        },
        move |(name, how)| {
            if how != Delivered::Cancelled {
                done.set(Some(name));
            }
        },
    );
    let handover = crate::ui::qr::use_handover();
    let navigate = use_navigate();
    let by_qr: Save<(), StoreErrorKind> = act(
        move |state, ()| async move { make(state).await },
        move |file: Outgoing| {
            handover.sending.set(Some(parcel(&file)));
            navigate("/qr/send", Default::default());
        },
    );
    view! {
        <button type="button" class="button small" data-testid=testid on:click=move |_| export.run(()) disabled=move || disabled.get() || export.busy()>{label}</button>
        {qr.then(|| view! {
            <button type="button" class="button small" data-testid=format!("{testid}-qr") on:click=move |_| by_qr.run(()) disabled=move || disabled.get() || by_qr.busy()>{t!(i18n, qr.send)}</button>
        })}
        <Failure kind=by_qr.store_failure() />
        <Failure kind=export.store_failure() />
        {move || done.get().map(|name| view! { <p class="notice" role="status">{t!(i18n, exchange.exported, name = move || name.clone())}</p> })}
    }
}

#[component]
pub fn RosterExports(activity: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let redacted = kept("roster-redacted", || false);
    let roster_file = move |state: AppState| async move {
        let c = everything(state).await?;
        Ok(document(
            state,
            roster(&c, activity),
            Covers::Roster {
                activity_id: activity,
            },
            "roster",
            redacted.get_untracked(),
        ))
    };
    let roster_table = move |state: AppState| async move {
        let mut c = everything(state).await?;
        if redacted.get_untracked() {
            redact(&mut c);
        }
        let header = [
            t_string!(i18n, csv.date).to_string(),
            t_string!(i18n, csv.time).to_string(),
            t_string!(i18n, csv.role).to_string(),
            t_string!(i18n, csv.volunteer).to_string(),
            t_string!(i18n, csv.phone).to_string(),
            t_string!(i18n, csv.status).to_string(),
            t_string!(i18n, csv.hours).to_string(),
        ];
        let header = header.each_ref().map(String::as_str);
        let text = roster_csv(&c, activity, &header, |s: AssignmentStatus| {
            format::assignment_status(i18n, s)
        });
        Ok(Outgoing::csv("roster", stamp(state).1, text))
    };
    view! {
        <RedactChoice redacted=redacted />
        <div class="actions-row">
            <ExportButton label=move || t_string!(i18n, exchange.share_roster).to_string() testid="export-roster" make=roster_file qr=true />
            <ExportButton label=move || t_string!(i18n, exchange.roster_csv).to_string() testid="export-roster-csv" make=roster_table />
        </div>
    }
}

#[component]
pub fn SpaceExports(space: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let today = use_app().now_local().date();
    let from = kept("export-from", || today.to_string());
    let to = kept("export-to", || {
        add_days(today, BOOKINGS_AHEAD_DAYS).to_string()
    });
    let redacted = kept("export-redacted", || false);
    let period = Memo::new(move |_| export_period(&from.get(), &to.get()));
    let invalid = Signal::derive(move || period.get().is_err());
    // The buttons are disabled while the range is invalid, so a click
    // always has a range; today's 30 days stand in if that ever slips.
    let chosen = move || {
        period
            .get_untracked()
            .unwrap_or((today, add_days(today, BOOKINGS_AHEAD_DAYS)))
    };
    let file = move |state: AppState| async move {
        let c = everything(state).await?;
        let (from, to) = chosen();
        Ok(document(
            state,
            space_bookings(&c, space, from, to),
            Covers::SpaceBookings {
                space_id: space,
                from,
                to,
            },
            "bookings",
            redacted.get_untracked(),
        ))
    };
    let table = move |state: AppState| async move {
        let c = everything(state).await?;
        let (from, to) = chosen();
        let mut slice = space_bookings(&c, space, from, to);
        if redacted.get_untracked() {
            redact(&mut slice);
        }
        let header = [
            t_string!(i18n, csv.date).to_string(),
            t_string!(i18n, csv.start).to_string(),
            t_string!(i18n, csv.end).to_string(),
            t_string!(i18n, csv.title).to_string(),
            t_string!(i18n, csv.organiser).to_string(),
            t_string!(i18n, csv.phone).to_string(),
            t_string!(i18n, csv.status).to_string(),
            t_string!(i18n, csv.expected).to_string(),
            t_string!(i18n, csv.came).to_string(),
        ];
        let header = header.each_ref().map(String::as_str);
        let text = bookings_csv(&slice, space, &header, |s: BookingStatus| {
            format::booking_status(i18n, s)
        });
        Ok(Outgoing::csv("bookings", stamp(state).1, text))
    };
    let ics = move |state: AppState| async move {
        let c = everything(state).await?;
        let (from, to) = chosen();
        let slice = space_bookings(&c, space, from, to);
        let name = slice
            .spaces
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let (zone, alarm) = state
            .settings
            .with_untracked(|s| (s.zone, s.booking_alarm_minutes));
        let events: Vec<CalendarEvent> = slice
            .bookings
            .iter()
            // A waiting entry is not on the calendar until it moves in.
            .filter(|b| !b.is_waiting())
            .map(|b| CalendarEvent::of_booking(b, &name).reminding(alarm))
            .collect();
        Ok(Outgoing::calendar(
            "bookings",
            stamp(state).1,
            calendar(&name, &events, zone),
        ))
    };
    view! {
        <fieldset class="fieldset" data-testid="bookings-export">
            <legend>{t!(i18n, exchange.bookings_range)}</legend>
            <div class="field-row dates">
                <label class="field">
                    <span>{t!(i18n, exchange.range_from)}</span>
                    <input type="date" name="export-from" bind:value=from />
                </label>
                <label class="field">
                    <span>{t!(i18n, exchange.range_to)}</span>
                    <input type="date" name="export-to" bind:value=to />
                </label>
            </div>
            {move || period.get().err().map(|problem| view! {
                <p class="field-error" role="alert" data-testid="range-problem">{move || range_problem(i18n, problem)}</p>
            })}
            <RedactChoice redacted=redacted />
            <div class="actions-row">
                <ExportButton label=move || t_string!(i18n, exchange.share_bookings).to_string() testid="export-bookings" make=file disabled=invalid qr=true />
                <ExportButton label=move || t_string!(i18n, exchange.bookings_csv).to_string() testid="export-bookings-csv" make=table disabled=invalid />
                <ExportButton label=move || t_string!(i18n, exchange.bookings_ics).to_string() testid="export-bookings-ics" make=ics disabled=invalid />
            </div>
        </fieldset>
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum RangeProblem {
    Unreadable,
    EndsBeforeStart,
    TooLong,
}

/// The dates typed for an export, both inclusive.
fn export_period(from: &str, to: &str) -> Result<(Date, Date), RangeProblem> {
    let (Ok(from), Ok(to)) = (from.parse::<Date>(), to.parse::<Date>()) else {
        return Err(RangeProblem::Unreadable);
    };
    if to < from {
        return Err(RangeProblem::EndsBeforeStart);
    }
    if add_days(from, BOOKINGS_MAX_DAYS) < to {
        return Err(RangeProblem::TooLong);
    }
    Ok((from, to))
}

fn range_problem(i18n: format::I18n, problem: RangeProblem) -> String {
    match problem {
        RangeProblem::Unreadable => t_string!(i18n, exchange.range_unreadable).to_string(),
        RangeProblem::EndsBeforeStart => t_string!(i18n, exchange.range_backwards).to_string(),
        RangeProblem::TooLong => {
            t_string!(i18n, exchange.range_too_long, days = BOOKINGS_MAX_DAYS).to_string()
        }
    }
}

/// What the QR screen says it sends: the activity or space the file is
/// about (else its name), and how many records.
pub(super) fn parcel(file: &Outgoing) -> crate::ui::qr::Parcel {
    let about = file.about.clone();
    crate::ui::qr::Parcel {
        what: about
            .as_ref()
            .and_then(|a| a.subject.clone())
            .unwrap_or_else(|| file.name.clone()),
        records: about.map_or(0, |a| a.records),
        text: file.text.clone(),
    }
}
