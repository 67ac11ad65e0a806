//! Event-day check-in for one activity on one day: big buttons, search by
//! name or the phone's last digits, walk-ins. Everything is a local
//! IndexedDB write, so it works with the network off.

use crate::domain::{
    masked_phone, volunteer_matches, Activity, Assignment, AssignmentStatus, IdSource, Meta,
    RandomIds, Shift, Volunteer,
};
use crate::store::{SaveAssignmentError, StoreResult};
use crate::ui::components::{detail_page, kept, Failure, RefusalList};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::parts::served_count::ServedCounts;
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone, PartialEq)]
struct CheckInDay {
    activity: Activity,
    day: Date,
    shifts: Vec<Shift>,
    /// Everyone on the day's shifts (not withdrawn), earliest shift first.
    people: Vec<(Assignment, Volunteer, Shift)>,
    volunteers: Vec<Volunteer>,
}

/// The day the link names (`?date=`), or today.
fn chosen_day(state: AppState) -> Date {
    use_query_map()
        .get_untracked()
        .get("date")
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| state.now_local().date())
}

async fn load(state: AppState, id: Uuid, day: Date) -> StoreResult<Option<CheckInDay>> {
    let store = state.store();
    let Some(activity) = store.get_live::<Activity>(id).await? else {
        return Ok(None);
    };
    let shifts: Vec<Shift> = store
        .shifts_of_activity(id)
        .await?
        .into_iter()
        .filter(|s| s.start.date() == day)
        .collect();
    let volunteers = store.list::<Volunteer>().await?;
    let by_id: HashMap<Uuid, &Volunteer> = volunteers.iter().map(|v| (v.meta.id, v)).collect();
    let mut people = Vec::new();
    for shift in &shifts {
        for a in store.assignments_of_shift(shift.meta.id).await? {
            if matches!(
                a.status,
                AssignmentStatus::Cancelled | AssignmentStatus::Waiting
            ) || a.meta.deleted
            {
                continue;
            }
            if let Some(v) = by_id.get(&a.volunteer_id) {
                people.push((a, (*v).clone(), shift.clone()));
            }
        }
    }
    people.sort_by(|(_, a, x), (_, b, y)| {
        (x.start, &x.role, &a.name).cmp(&(y.start, &y.role, &b.name))
    });
    Ok(Some(CheckInDay {
        activity,
        day,
        shifts,
        people,
        volunteers,
    }))
}

#[component]
pub fn CheckInPage() -> impl IntoView {
    let state = use_app();
    let day = chosen_day(state);
    detail_page(
        "/rosters",
        move |state, id| load(state, id, day),
        move |data| view! { <CheckInView data=data /> },
    )
}

#[component]
fn CheckInView(data: CheckInDay) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // Kept by the screen, so a tap (which redraws the list) keeps what was typed.
    let query = kept("checkin-search", String::new);
    let day = data.day;
    let title = data.activity.title.clone();
    let expected = data
        .people
        .iter()
        .filter(|(a, _, _)| a.status != AssignmentStatus::NoShow)
        .count();
    let present = data
        .people
        .iter()
        .filter(|(a, _, _)| {
            matches!(
                a.status,
                AssignmentStatus::CheckedIn | AssignmentStatus::Completed
            )
        })
        .count();

    let saving: Save<(Vec<Volunteer>, Vec<Assignment>), SaveAssignmentError> = save(
        |state, (volunteers, list)| async move {
            let limits = state.settings.with_untracked(|s| s.roster_limits);
            state
                .store()
                .save_assignments(volunteers, list, limits, state.moment())
                .await
        },
        |_moved: Vec<Assignment>| {},
    );
    let save =
        move |volunteers: Vec<Volunteer>, list: Vec<Assignment>| saving.run((volunteers, list));
    // One tap: check in, check out, no-show, or take the last one back.
    let act = move |mut a: Assignment, what: Tap| {
        let (now, at, device) = (
            Timestamp::now(),
            state.now_local(),
            state.device.get_value(),
        );
        match what {
            Tap::CheckIn => a.record_check_in(at, now, &device),
            Tap::CheckOut => a.record_check_out(at, now, &device),
            Tap::NoShow => a.mark_no_show(now, &device),
            Tap::Undo => {
                if !a.undo_check_in_step(now, &device) {
                    return;
                }
            }
        }
        save(vec![], vec![a]);
    };

    let people = StoredValue::new(data.people);
    let volunteers = StoredValue::new(data.volunteers);
    let shifts = data.shifts;
    let no_shifts = shifts.is_empty();
    view! {
        <h1 data-testid="page-title">{move || t_string!(i18n, checkin.title, activity = title.clone()).to_string()}</h1>
        <p class="page-date">{move || format::date_label(i18n, day)}</p>
        <p class="hint">{t!(i18n, checkin.offline_ok)}</p>
        <p class="checkin-counts" data-testid="checkin-counts">
            {t!(i18n, checkin.counts, present = move || present, expected = move || expected)}
        </p>
        <Failure kind=saving.store_failure() />
        {move || {
            let refused = saving.failure().and_then(|e| e.refusals()).unwrap_or_default();
            let items: Vec<String> = refused.iter().map(|x| format::assign_refusal(i18n, x)).collect();
            view! { <RefusalList items=items /> }
        }}
        {no_shifts.then(|| view! { <p class="empty">{t!(i18n, checkin.no_shifts)}</p> })}
        <label class="field">
            <span>{t!(i18n, checkin.search)}</span>
            <input type="search" name="checkin-search" bind:value=query autocomplete="off" inputmode="search" />
        </label>
        {move || {
            let q = query.get();
            let shown: Vec<(Assignment, Volunteer, Shift)> = people.with_value(|p| {
                p.iter().filter(|(_, v, _)| volunteer_matches(v, &q)).cloned().collect()
            });
            if shown.is_empty() && !no_shifts {
                return view! { <p class="empty">{t!(i18n, checkin.nobody)}</p> }.into_any();
            }
            view! {
                <ul class="list checkin-list" data-testid="checkin-list">
                    {shown.into_iter().map(|(a, v, s)| view! { <CheckInRow assignment=a volunteer=v shift=s act=act /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!no_shifts).then(|| view! { <WalkIn shifts=shifts.clone() volunteers=volunteers save=save /> })}
        {(!no_shifts).then(|| view! { <ServedCounts shifts=shifts.clone() /> })}
    }
}

/// What a tap at the check-in table does.
#[derive(Clone, Copy)]
enum Tap {
    CheckIn,
    CheckOut,
    NoShow,
    /// Takes back a check-in, check-out or no-show tapped by mistake.
    Undo,
}

#[component]
fn CheckInRow(
    assignment: Assignment,
    volunteer: Volunteer,
    shift: Shift,
    act: impl Fn(Assignment, Tap) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = assignment.status;
    let (start, end) = (shift.start, shift.end);
    let (check_in, check_out) = (assignment.check_in, assignment.check_out);
    let waiting = matches!(
        status,
        AssignmentStatus::SignedUp | AssignmentStatus::Confirmed
    );
    let here = status == AssignmentStatus::CheckedIn;
    let can_undo = matches!(
        status,
        AssignmentStatus::CheckedIn | AssignmentStatus::Completed | AssignmentStatus::NoShow
    );
    let undo_label = move || match status {
        AssignmentStatus::CheckedIn => t_string!(i18n, checkin.undo_check_in),
        AssignmentStatus::Completed => t_string!(i18n, checkin.undo_check_out),
        _ => t_string!(i18n, checkin.undo_no_show),
    };
    let a = StoredValue::new(assignment);
    view! {
        <li class="item checkin-item" data-testid="checkin-person" data-status=format!("{status:?}").to_lowercase()>
            <span class="item-main">
                <span class="item-title">{volunteer.name.clone()}</span>
                <span class="item-sub">
                    <span>{masked_phone(&volunteer.phone)}</span>
                    <span>{shift.role.clone()} " " {move || format::time_range(i18n, start, end)}</span>
                </span>
                <span class="item-sub">
                    <span class="badge">{move || format::assignment_status(i18n, status)}</span>
                    {check_in.map(|t| view! { <span>{t!(i18n, checkin.in_at, time = move || t.clock().to_string())}</span> })}
                    {check_out.map(|t| view! { <span>{t!(i18n, checkin.out_at, time = move || t.clock().to_string())}</span> })}
                </span>
            </span>
            <span class="checkin-actions">
                {waiting.then(|| view! {
                    <button type="button" class="button big primary" data-testid="do-check-in"
                        on:click=move |_| act(a.get_value(), Tap::CheckIn)>{t!(i18n, checkin.check_in)}</button>
                    <button type="button" class="button big" data-testid="do-no-show"
                        on:click=move |_| act(a.get_value(), Tap::NoShow)>{t!(i18n, checkin.no_show)}</button>
                })}
                {here.then(|| view! {
                    <button type="button" class="button big primary" data-testid="do-check-out"
                        on:click=move |_| act(a.get_value(), Tap::CheckOut)>{t!(i18n, checkin.check_out)}</button>
                })}
                {can_undo.then(|| view! {
                    <button type="button" class="button small" data-testid="do-undo"
                        on:click=move |_| act(a.get_value(), Tap::Undo)>{undo_label}</button>
                })}
            </span>
        </li>
    }
}

/// Someone who turned up unannounced: a volunteer (or the one with the
/// same phone) and a checked-in assignment, saved together.
#[component]
fn WalkIn(
    shifts: Vec<Shift>,
    volunteers: StoredValue<Vec<Volunteer>>,
    save: impl Fn(Vec<Volunteer>, Vec<Assignment>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let name = kept("walk-in-name", String::new);
    let phone = kept("walk-in-phone", String::new);
    let first = shifts
        .first()
        .map(|s| s.meta.id.to_string())
        .unwrap_or_default();
    let shift = RwSignal::new(first);
    let missing = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (who, digits) = (
            name.get_untracked().trim().to_string(),
            phone.get_untracked().trim().to_string(),
        );
        let Ok(shift_id) = Uuid::parse_str(&shift.get_untracked()) else {
            return;
        };
        if who.is_empty() {
            missing.set(true);
            crate::ui::save::show_first_problem();
            return;
        }
        missing.set(false);
        let (now, at, device) = (
            Timestamp::now(),
            state.now_local(),
            state.device.get_value(),
        );
        let known = volunteers.with_value(|list| {
            list.iter()
                .find(|v| {
                    !digits.is_empty()
                        && !v.meta.deleted
                        && v.phone.replace(' ', "") == digits.replace(' ', "")
                })
                .cloned()
        });
        let (new_people, volunteer_id) = match known {
            Some(v) => (vec![], v.meta.id),
            None => {
                let v = Volunteer {
                    meta: Meta::new(RandomIds.next_id(), now, &device),
                    name: who,
                    phone: digits,
                    room: String::new(),
                    teams: vec![],
                    skills: vec![],
                    notes: String::new(),
                    active: true,
                    joined_on: at.date(),
                    consent: None,
                    walk_in: true,
                };
                let id = v.meta.id;
                (vec![v], id)
            }
        };
        let mut a = Assignment::new(
            Meta::new(RandomIds.next_id(), now, &device),
            shift_id,
            volunteer_id,
        );
        a.record_check_in(at, now, &device);
        save(new_people, vec![a]);
        name.set(String::new());
        phone.set(String::new());
    };
    view! {
        <section aria-labelledby="walk-in" class="walk-in">
            <h2 id="walk-in">{t!(i18n, checkin.walk_in)}</h2>
            <p class="hint">{t!(i18n, checkin.walk_in_hint)}</p>
            <form class="form" on:submit=submit novalidate=true data-testid="walk-in-form">
                <label class="field">
                    <span>{t!(i18n, checkin.walk_in_name)}</span>
                    <input type="text" name="walk-in-name" bind:value=name aria-invalid=move || missing.get().to_string() />
                </label>
                <Show when=move || missing.get()>
                    <p class="field-error" role="alert">{t!(i18n, checkin.name_needed)}</p>
                </Show>
                <label class="field">
                    <span>{t!(i18n, checkin.walk_in_phone)}</span>
                    <input type="tel" name="walk-in-phone" inputmode="tel" bind:value=phone />
                </label>
                <label class="field">
                    <span>{t!(i18n, checkin.walk_in_shift)}</span>
                    <select name="walk-in-shift" on:change=move |ev| shift.set(event_target_value(&ev))>
                        {shifts.into_iter().map(|s| {
                            let id = s.meta.id.to_string();
                            let label = format!("{} {}–{}", s.role, s.start.clock(), s.end.clock());
                            view! { <option value=id.clone() selected=move || shift.get() == id>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="button primary" data-testid="walk-in-add">{t!(i18n, checkin.walk_in_add)}</button>
            </form>
        </section>
    }
}
