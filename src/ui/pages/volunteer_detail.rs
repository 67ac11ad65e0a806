//! One volunteer: who they are, their next shifts, hours per month and
//! year, no-shows, and their history — where a lead corrects hours.

use crate::domain::{
    hours_totals, Activity, Assignment, ChangedBy, HoursCorrection, HoursTotals, Shift, Volunteer,
};
use crate::store::{SaveAssignmentError, StoreResult};
use crate::ui::components::{detail_page, kept, Failure, MeSwitch, Phone};
use crate::ui::format::{self, counted};
use crate::ui::i18n::*;
use crate::ui::parts::personal::{ConsentLine, ErasePerson};
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// How many past shifts the history lists.
const HISTORY_SHOWN: usize = 30;

#[derive(Clone, PartialEq)]
struct VolunteerDetail {
    volunteer: Volunteer,
    /// (shift, activity title, assignment), earliest first.
    upcoming: Vec<(Shift, String, Assignment)>,
    /// Past ones, latest first.
    history: Vec<(Shift, String, Assignment)>,
    months: BTreeMap<(i16, i8), HoursTotals>,
    years: BTreeMap<i16, HoursTotals>,
    today: jiff::civil::Date,
}

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<VolunteerDetail>> {
    let store = state.store();
    let Some(volunteer) = store.get_live::<Volunteer>(id).await? else {
        return Ok(None);
    };
    let now = state.now_local();
    let titles: HashMap<Uuid, String> = store
        .list::<Activity>()
        .await?
        .into_iter()
        .map(|a| (a.meta.id, a.title))
        .collect();
    let mut pairs = Vec::new();
    let (mut upcoming, mut history) = (Vec::new(), Vec::new());
    for a in store.assignments_of_volunteer(id).await? {
        if a.meta.deleted {
            continue;
        }
        let Some(shift) = store.get_live::<Shift>(a.shift_id).await? else {
            continue;
        };
        pairs.push((a.clone(), shift.clone()));
        let title = titles.get(&shift.activity_id).cloned().unwrap_or_default();
        if shift.end > now {
            if a.counts_toward_coverage() {
                upcoming.push((shift, title, a));
            }
        } else {
            history.push((shift, title, a));
        }
    }
    upcoming.sort_by_key(|(s, _, _)| s.start);
    history.sort_by_key(|(s, _, _)| std::cmp::Reverse(s.start));
    let (months, years) = hours_totals(&pairs);
    Ok(Some(VolunteerDetail {
        volunteer,
        upcoming,
        history,
        months,
        years,
        today: now.date(),
    }))
}

#[component]
pub fn VolunteerDetailPage() -> impl IntoView {
    detail_page(
        "/volunteers",
        load,
        |detail| view! { <VolunteerDetailView detail=detail /> },
    )
}

/// Hours to one decimal, as committees report them.
fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

#[component]
fn VolunteerDetailView(detail: VolunteerDetail) -> impl IntoView {
    let i18n = use_i18n();
    let v = detail.volunteer;
    let personal = v.clone();
    let joined = v.joined_on;
    let today = detail.today;
    let month = detail
        .months
        .get(&(today.year(), today.month()))
        .copied()
        .unwrap_or_default();
    let year = detail.years.get(&today.year()).copied().unwrap_or_default();
    let (month_hours, year_hours) = (hours(month.minutes), hours(year.minutes));
    let no_shows = year.no_shows;
    let months: Vec<((i16, i8), HoursTotals)> = detail.months.into_iter().rev().take(12).collect();
    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{format::person_name(i18n, &v.name)}</h1>
            {(!v.is_erased()).then(|| view! {
                <A href=format!("/volunteers/{}/edit", v.meta.id) attr:class="button small" attr:data-testid="edit-volunteer">{t!(i18n, volunteer_form.edit)}</A>
            })}
        </div>
        {(!v.active).then(|| view! { <p class="badge badge-off">{t!(i18n, volunteers.inactive)}</p> })}
        {(!v.is_erased()).then(|| view! { <MeSwitch id=v.meta.id name=v.name.clone() /> })}
        <dl class="stats">
            <div class="stat">
                <dt>{t!(i18n, volunteers.hours_this_month)}</dt>
                <dd data-testid="hours-this-month">{t!(i18n, fmt.hours, count = move || month_hours.clone())}</dd>
            </div>
            <div class="stat">
                <dt>{t!(i18n, volunteers.hours_this_year)}</dt>
                <dd data-testid="hours-this-year">{t!(i18n, fmt.hours, count = move || year_hours.clone())}</dd>
            </div>
            <div class="stat">
                <dt>{t!(i18n, volunteers.no_shows)}</dt>
                <dd data-testid="no-shows">{no_shows}</dd>
            </div>
        </dl>
        <dl class="facts">
            <dt>{t!(i18n, volunteers.phone)}</dt>
            <dd><Phone phone=v.phone.clone() /></dd>
            <dt>{t!(i18n, volunteers.room)}</dt>
            <dd>{v.room.clone()}</dd>
            <dt>{t!(i18n, volunteers.teams)}</dt>
            <dd class="chips">{v.teams.iter().map(|t| view! { <span class="chip team">{t.clone()}</span> }).collect_view()}</dd>
            <dt>{t!(i18n, volunteers.skills)}</dt>
            <dd class="chips">{v.skills.iter().map(|s| view! { <span class="chip skill">{s.clone()}</span> }).collect_view()}</dd>
            <dt>{t!(i18n, volunteers.joined_on)}</dt>
            <dd>{move || format::date_label(i18n, joined)}</dd>
            {(!v.notes.is_empty()).then(|| view! {
                <dt>{t!(i18n, shift.notes)}</dt>
                <dd>{v.notes.clone()}</dd>
            })}
        </dl>
        <section aria-labelledby="next-shifts">
            <h2 id="next-shifts">{t!(i18n, volunteers.upcoming_shifts)}</h2>
            {if detail.upcoming.is_empty() {
                view! { <p class="empty">{t!(i18n, volunteers.no_upcoming_shifts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="volunteer-shifts">
                        {detail.upcoming.into_iter().map(|(shift, title, a)| view! { <ShiftLine shift=shift title=title assignment=a correctable=false /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!months.is_empty()).then(|| view! {
            <section aria-labelledby="by-month">
                <h2 id="by-month">{t!(i18n, volunteers.by_month)}</h2>
                <table class="counts" data-testid="hours-by-month">
                    <tbody>
                        {months.into_iter().map(|((y, m), t)| {
                            let h = hours(t.minutes);
                            view! {
                                <tr>
                                    <th scope="row">{t!(i18n, volunteers.month_row, year = move || y, month = move || m)}</th>
                                    <td>{t!(i18n, fmt.hours, count = move || h.clone())}</td>
                                    <td>{move || counted!(i18n, t.shifts, [volunteers.shifts_done_single], [volunteers.shifts_done])}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        <section aria-labelledby="history">
            <h2 id="history">{t!(i18n, volunteers.history)}</h2>
            {if detail.history.is_empty() {
                view! { <p class="empty">{t!(i18n, volunteers.no_history)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="volunteer-history">
                        {detail.history.into_iter().take(HISTORY_SHOWN).map(|(shift, title, a)| view! { <ShiftLine shift=shift title=title assignment=a correctable=true /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <PersonalSection volunteer=personal />
    }
}

/// How they agreed to what is kept, everything held about them, and
/// erasing them (for the committee's phones).
#[component]
fn PersonalSection(volunteer: Volunteer) -> impl IntoView {
    let i18n = use_i18n();
    let manages = use_app().manages();
    let erased = volunteer.is_erased();
    view! {
        <section aria-labelledby="personal" class="personal-data" data-testid="personal-section">
            <h2 id="personal">{t!(i18n, personal.section)}</h2>
            {if erased {
                view! { <p data-testid="erased-note">{t!(i18n, personal.erased)}</p> }.into_any()
            } else {
                view! {
                    <p data-testid="consent">{t!(i18n, personal.consent_label)} " " <ConsentLine consent=volunteer.consent.clone() /></p>
                    <A href=format!("/volunteers/{}/personal", volunteer.meta.id) attr:class="button" attr:data-testid="personal-export">{t!(i18n, personal.export)}</A>
                    {manages.then(|| view! { <ErasePerson person=volunteer.person() name=volunteer.name.clone() /> })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ShiftLine(
    shift: Shift,
    title: String,
    assignment: Assignment,
    correctable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let (start, end, day) = (shift.start, shift.end, shift.start.date());
    let status = assignment.status;
    let given = assignment.minutes_given(&shift);
    let here = state.device.get_value();
    let corrected = assignment
        .correction
        .as_ref()
        .map(|c| (c.reason.clone(), c.changed_by(&here)));
    // Kept by the screen: a save elsewhere redraws the list, not the typing.
    let key = assignment.meta.id;
    let open = kept(format!("correct-open-{key}"), || false);
    let minutes = kept(format!("correct-minutes-{key}"), move || given.to_string());
    let reason = kept(format!("correct-reason-{key}"), String::new);
    let bad = RwSignal::new(false);
    let a = StoredValue::new(assignment);
    let correcting: Save<HoursCorrection, SaveAssignmentError> = save(
        move |state, mut correction: HoursCorrection| async move {
            correction.by = state.my_name().await;
            let mut next = a.get_value();
            next.correct_hours(correction, Timestamp::now(), &state.device.get_value());
            let limits = state.settings.with_untracked(|s| s.roster_limits);
            state
                .store()
                .save_assignments(vec![], vec![next], limits, state.moment())
                .await
        },
        move |_moved: Vec<Assignment>| {
            open.set(false);
            reason.set(String::new());
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (m, why) = (minutes.get_untracked(), reason.get_untracked());
        let Some(m) = m.trim().parse::<i64>().ok().filter(|m| *m >= 0) else {
            bad.set(true);
            crate::ui::save::show_first_problem();
            return;
        };
        if why.trim().is_empty() {
            bad.set(true);
            crate::ui::save::show_first_problem();
            return;
        }
        bad.set(false);
        correcting.run(HoursCorrection {
            minutes: m,
            reason: why.trim().to_string(),
            by: String::new(),
            device: None,
        });
    };
    view! {
        <li class="item shift-line" data-testid="shift-line">
            <span class="item-time">
                <span class="item-day">{move || format::date_label(i18n, day)}</span>
                {move || format::time_range(i18n, start, end)}
            </span>
            <span class="item-main">
                <A href=format!("/shifts/{}", shift.meta.id) attr:class="item-title">{title}</A>
                <span class="item-sub">
                    {shift.role.clone()}
                    {(correctable && given > 0).then(|| view! { " · " <span data-testid="minutes-given">{t!(i18n, volunteers.minutes_given, count = move || given)}</span> })}
                </span>
                {corrected.map(|(r, by)| view! {
                    <span class="item-sub muted" data-testid="corrected">
                        {move || if by == ChangedBy::Unknown {
                            t_string!(i18n, volunteers.corrected, reason = r.clone()).to_string()
                        } else {
                            t_string!(i18n, volunteers.corrected_by, by = format::changed_by(i18n, &by), reason = r.clone()).to_string()
                        }}
                    </span>
                })}
                {correctable.then(|| view! {
                    <Show when=move || !open.get()>
                        <button type="button" class="link-button" data-testid="correct-hours" on:click=move |_| open.set(true)>{t!(i18n, volunteers.correct)}</button>
                    </Show>
                    <Show when=move || open.get()>
                        <Failure kind=correcting.store_failure() />
                        <form class="form inline-form" on:submit=submit novalidate=true>
                            <div class="field-row">
                                <label class="field">
                                    <span>{t!(i18n, volunteers.correct_minutes)}</span>
                                    <input type="number" min="0" inputmode="numeric" name="minutes" bind:value=minutes />
                                </label>
                                <label class="field">
                                    <span>{t!(i18n, volunteers.correct_reason)}</span>
                                    <input type="text" name="correction-reason" bind:value=reason />
                                </label>
                            </div>
                            <Show when=move || bad.get()>
                                <p class="field-error" role="alert">{t!(i18n, volunteers.correct_bad)}</p>
                            </Show>
                            <button type="submit" class="button small" data-testid="save-correction">{t!(i18n, volunteers.correct_save)}</button>
                        </form>
                    </Show>
                })}
            </span>
            <span class="badge">{move || format::assignment_status(i18n, status)}</span>
        </li>
    }
}
