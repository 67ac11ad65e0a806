//! One activity: its shifts day by day, who is on each, and the gaps.

use crate::domain::time::group_by_day;
use crate::domain::{
    coverage, Activity, Assignment, Booking, Coverage, LocalDateTime, Place, Shift, Volunteer,
};
use crate::store::StoreResult;
use crate::ui::components::{detail_page, CoverageBadge};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::parts::exports::RosterExports;
use crate::ui::state::AppState;
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone, PartialEq)]
struct ShiftRow {
    shift: Shift,
    coverage: Coverage,
    /// (volunteer id, name, assignment)
    people: Vec<(Uuid, String, Assignment)>,
}

#[derive(Clone, PartialEq)]
struct ActivityDetail {
    activity: Activity,
    place: String,
    /// The space booking it uses: (id, title, start, end).
    booking: Option<(Uuid, String, LocalDateTime, LocalDateTime)>,
    days: Vec<(Date, Vec<ShiftRow>)>,
}

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<ActivityDetail>> {
    let store = state.store();
    let Some(activity) = store.get_live::<Activity>(id).await? else {
        return Ok(None);
    };
    let place = store.place_name(&activity.place).await?;
    let booking = match &activity.place {
        Place::Space {
            booking_id: Some(id),
            ..
        } => store
            .get_live::<Booking>(*id)
            .await?
            .map(|b| (b.meta.id, b.title, b.start, b.end)),
        _ => None,
    };
    let names: HashMap<Uuid, String> = store
        .list::<Volunteer>()
        .await?
        .into_iter()
        .map(|v| (v.meta.id, v.name))
        .collect();
    let mut rows = Vec::new();
    for shift in store.shifts_of_activity(id).await? {
        let assignments = store.assignments_of_shift(shift.meta.id).await?;
        let coverage = coverage(&shift, &assignments);
        let people = assignments
            .into_iter()
            .map(|a| {
                (
                    a.volunteer_id,
                    names.get(&a.volunteer_id).cloned().unwrap_or_default(),
                    a,
                )
            })
            .collect();
        rows.push(ShiftRow {
            shift,
            coverage,
            people,
        });
    }
    let days = group_by_day(rows, |r| r.shift.start.date());
    Ok(Some(ActivityDetail {
        activity,
        place,
        booking,
        days,
    }))
}

#[component]
pub fn ActivityDetailPage() -> impl IntoView {
    detail_page(
        "/rosters",
        load,
        |detail| view! { <ActivityDetailView detail=detail /> },
    )
}

#[component]
fn ActivityDetailView(detail: ActivityDetail) -> impl IntoView {
    let i18n = use_i18n();
    let a = detail.activity;
    let id = a.meta.id;
    let kind = a.kind;
    let (from, to) = (a.starts_on, a.ends_on);
    let gaps = Coverage::total(
        detail
            .days
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|r| r.coverage)),
    );
    let (short_shifts, short_people) = (gaps.short_shifts, gaps.short_people);
    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{a.title.clone()}</h1>
            <A href=format!("/rosters/{id}/edit") attr:class="button small" attr:data-testid="edit-activity">{t!(i18n, roster_form.edit)}</A>
        </div>
        <p class="card-meta">
            <span class="badge">{move || format::activity_kind(i18n, kind)}</span>
            {if short_shifts > 0 {
                view! {
                    <span class="text-alert" data-testid="activity-gaps">
                        {move || format::gaps(i18n, short_shifts, short_people)}
                    </span>
                }.into_any()
            } else {
                view! { <span data-testid="activity-gaps">{t!(i18n, rosters.all_filled)}</span> }.into_any()
            }}
        </p>
        // The shifts and their gaps first: that is what a lead opens this for.
        {if detail.days.is_empty() {
            view! { <p class="empty">{t!(i18n, rosters.no_shifts)}</p> }.into_any()
        } else {
            view! {
                <div data-testid="shift-days">
                    {detail.days.into_iter().map(|(day, rows)| view! {
                        <div class="title-row">
                            <h2 class="day-heading">{move || format::date_label(i18n, day)}</h2>
                            <A href=format!("/rosters/{id}/check-in?date={day}") attr:class="button small" attr:data-testid="open-check-in">{t!(i18n, checkin.open)}</A>
                        </div>
                        <ul class="list">
                            {rows.into_iter().map(|row| view! { <ShiftItem row=row /> }).collect_view()}
                        </ul>
                    }).collect_view()}
                </div>
            }.into_any()
        }}
        <div class="actions-row">
            <A href=format!("/rosters/{id}/shifts/new") attr:class="button small" attr:data-testid="add-shift">{t!(i18n, roster_form.add_shift)}</A>
            <A href=format!("/rosters/{id}/generate") attr:class="button small" attr:data-testid="generate-shifts">{t!(i18n, roster_form.generate)}</A>
            <A href=format!("/rosters/{id}/print") attr:class="button small" attr:data-testid="print-roster">{t!(i18n, print.roster)}</A>
        </div>
        <section aria-labelledby="about-activity">
            <h2 id="about-activity">{t!(i18n, rosters.about)}</h2>
            {(!a.description.is_empty()).then(|| view! { <p class="lead">{a.description.clone()}</p> })}
            <dl class="facts">
                {(!detail.place.is_empty()).then(|| view! {
                    <dt>{t!(i18n, rosters.place)}</dt>
                    <dd>{detail.place.clone()}</dd>
                })}
                {detail.booking.map(|(id, title, start, end)| view! {
                    <dt>{t!(i18n, rosters.booking)}</dt>
                    <dd><A href=format!("/bookings/{id}") attr:data-testid="activity-booking">
                        {move || format!("{} {} {}", format::date_label(i18n, start.date()), format::time_range(i18n, start, end), title)}
                    </A></dd>
                })}
                <dt>{t!(i18n, rosters.dates)}</dt>
                <dd>
                    {move || format::date_label(i18n, from)}
                    {(from != to).then(|| view! { " – " {move || format::date_label(i18n, to)} })}
                </dd>
                {a.team.clone().map(|team| view! {
                    <dt>{t!(i18n, rosters.team)}</dt>
                    <dd>{team}</dd>
                })}
            </dl>
        </section>
        <details class="more" data-testid="roster-more">
            <summary>{t!(i18n, rosters.exports)}</summary>
            <RosterExports activity=id />
        </details>
    }
}

#[component]
fn ShiftItem(row: ShiftRow) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end) = (row.shift.start, row.shift.end);
    let skill = row.shift.required_skill.clone();
    view! {
        <li class="item shift-item" data-testid="shift">
            <span class="item-time">{move || format::time_range(i18n, start, end)}</span>
            <span class="item-main">
                <A href=format!("/shifts/{}", row.shift.meta.id) attr:class="item-title">{row.shift.role.clone()}</A>
                {skill.map(|s| {
                    let s2 = s.clone();
                    view! { <span class="item-sub">{t!(i18n, rosters.required_skill, skill = move || s2.clone())}</span> }
                })}
                <span class="people">
                    {if row.people.is_empty() {
                        view! { <span class="muted">{t!(i18n, rosters.nobody_yet)}</span> }.into_any()
                    } else {
                        row.people.into_iter().map(|(vid, name, a)| {
                            let status = a.status;
                            view! {
                                <A href=format!("/volunteers/{vid}") attr:class="person">
                                    {name}
                                    <span class="person-status">{move || format::assignment_status(i18n, status)}</span>
                                </A>
                            }
                        }).collect_view().into_any()
                    }}
                </span>
            </span>
            <CoverageBadge coverage=row.coverage />
        </li>
    }
}
