//! A person’s own files: the requests they wait on, their shifts as a
//! calendar, the month’s hours.

use super::exports::{document, everything, stamp, ExportButton};
use crate::domain::{Activity, Shift};
use crate::exchange::csv_export::hours_csv;
use crate::exchange::ics::{calendar, CalendarEvent};
use crate::exchange::outgoing::Outgoing;
use crate::exchange::slices::my_requests;
use crate::exchange::Covers;
use crate::store::StoreErrorKind;
use crate::ui::i18n::*;
use crate::ui::state::AppState;
use leptos::prelude::*;
use uuid::Uuid;

/// "Send my requests to the keeper": my requested bookings and their spaces.
#[component]
pub fn MyRequestsExport() -> impl IntoView {
    let i18n = use_i18n();
    let file = move |state: AppState| async move {
        let c = everything(state).await?;
        let me = state
            .me()
            .await
            .map_err(|e| e.kind)?
            .ok_or(StoreErrorKind::Failed)?;
        let slice = my_requests(&c, &me);
        Ok(document(
            state,
            slice,
            Covers::MyRequests {
                organiser: me.name.clone(),
            },
            "requests",
            false,
        ))
    };
    view! { <ExportButton label=move || t_string!(i18n, exchange.send_requests).to_string() testid="export-requests" make=file qr=true /> }
}

/// "Add my shifts to my calendar".
#[component]
pub fn MyShiftsCalendar(me: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let file = move |state: AppState| async move {
        // My shifts only, by the volunteer index: not the whole community.
        let store = state.store();
        let today = state.now_local().date();
        let taken = store
            .assignments_of_volunteer(me)
            .await
            .map_err(|e| e.kind)?;
        // Deleted shifts too: their events go out cancelled, so the
        // phone's calendar drops them.
        let shifts = futures::future::try_join_all(
            taken
                .iter()
                .filter(|a| a.counts_toward_coverage())
                .map(|a| store.get::<Shift>(a.shift_id)),
        )
        .await
        .map_err(|e| e.kind)?;
        let mine: Vec<Shift> = shifts
            .into_iter()
            .flatten()
            .filter(|s| s.start.date() >= today)
            .collect();
        let activities = futures::future::try_join_all(
            mine.iter().map(|s| store.get::<Activity>(s.activity_id)),
        )
        .await
        .map_err(|e| e.kind)?;
        let (zone, alarm) = state
            .settings
            .with_untracked(|s| (s.zone, s.shift_alarm_minutes));
        let events: Vec<CalendarEvent> = mine
            .iter()
            .zip(activities)
            .map(|(s, a)| {
                let title = a.map(|a| a.title).unwrap_or_default();
                CalendarEvent::of_shift(s, &title).reminding(alarm)
            })
            .collect();
        let name = t_string!(i18n, me.shifts).to_string();
        Ok(Outgoing::calendar(
            "my-shifts",
            stamp(state).1,
            calendar(&name, &events, zone),
        ))
    };
    view! { <ExportButton label=move || t_string!(i18n, exchange.my_shifts_ics).to_string() testid="export-my-shifts" make=file /> }
}

/// Volunteer hours of the current month, one row per volunteer.
#[component]
pub fn HoursExport() -> impl IntoView {
    let i18n = use_i18n();
    let file = move |state: AppState| async move {
        let c = everything(state).await?;
        let today = state.now_local().date();
        let header = [
            t_string!(i18n, csv.name).to_string(),
            t_string!(i18n, csv.teams).to_string(),
            t_string!(i18n, csv.shifts).to_string(),
            t_string!(i18n, csv.hours).to_string(),
            t_string!(i18n, csv.no_shows).to_string(),
        ];
        let header = header.each_ref().map(String::as_str);
        Ok(Outgoing::csv(
            "hours",
            today,
            hours_csv(&c, today.year(), today.month(), &header),
        ))
    };
    view! { <ExportButton label=move || t_string!(i18n, exchange.hours_csv).to_string() testid="export-hours" make=file /> }
}
