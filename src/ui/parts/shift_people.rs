//! The people around one shift: the shift with what the guards need to
//! judge someone for it, who the "add a volunteer" list offers (free
//! people first, the others marked with why), and who could cover.

use crate::domain::{
    check_assignment, cover_candidates, volunteer_matches, Activity, AssignRefusal, Assignment,
    FairnessLimits, Shift, Volunteer,
};
use crate::ui::components::kept;
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

/// How many matches the "add a volunteer" list shows before asking to type.
pub const SHOWN_MATCHES: usize = 12;

#[derive(Clone, PartialEq)]
pub struct ShiftData {
    pub shift: Shift,
    pub activity: Option<Activity>,
    pub volunteers: HashMap<Uuid, Volunteer>,
    /// Assignments of the shifts around this one (its month), for the guards
    /// and for hours this month.
    pub nearby: Vec<Assignment>,
    pub shifts: HashMap<Uuid, Shift>,
    pub me: Option<Volunteer>,
}

impl ShiftData {
    pub fn on_shift(&self) -> Vec<Assignment> {
        self.nearby
            .iter()
            .filter(|a| a.shift_id == self.shift.meta.id && !a.meta.deleted)
            .cloned()
            .collect()
    }

    /// A volunteer's assignments with their shifts.
    pub fn theirs(&self, volunteer: Uuid) -> Vec<(Assignment, Shift)> {
        self.nearby
            .iter()
            .filter(|a| a.volunteer_id == volunteer)
            .filter_map(|a| self.shifts.get(&a.shift_id).map(|s| (a.clone(), s.clone())))
            .collect()
    }
}

/// Someone the "add a volunteer" list offers, and why they cannot take the
/// shift (empty when they can).
pub struct Match {
    pub id: Uuid,
    pub name: String,
    pub teams: String,
    pub refusals: Vec<AssignRefusal>,
}

/// Active volunteers not yet on the shift who match the search: those who
/// can take it first, then those the guards would refuse (busy at that
/// time, over a limit), each group by name. At most `SHOWN_MATCHES`.
pub fn matching_people(d: &ShiftData, query: &str, limits: FairnessLimits) -> (Vec<Match>, usize) {
    let on_shift = d.on_shift();
    let taken: Vec<Uuid> = on_shift
        .iter()
        .filter(|a| a.counts_toward_coverage())
        .map(|a| a.volunteer_id)
        .collect();
    let mut matches: Vec<Match> = d
        .volunteers
        .values()
        .filter(|v| {
            v.active
                && !v.meta.deleted
                && !taken.contains(&v.meta.id)
                && volunteer_matches(v, query)
        })
        .map(|v| Match {
            id: v.meta.id,
            name: v.name.clone(),
            teams: v.teams.join(" · "),
            refusals: check_assignment(v, &d.shift, &on_shift, &d.theirs(v.meta.id), limits)
                .refusals,
        })
        .collect();
    matches
        .sort_by(|a, b| (!a.refusals.is_empty(), &a.name).cmp(&(!b.refusals.is_empty(), &b.name)));
    let more = matches.len().saturating_sub(SHOWN_MATCHES);
    matches.truncate(SHOWN_MATCHES);
    (matches, more)
}

/// Who could take over `giver`'s place: free, skilled, within the limits,
/// fewest hours this month first.
#[component]
pub fn CoverList(
    data: StoredValue<ShiftData>,
    giver: Assignment,
    name: String,
    take_over: impl Fn(Assignment, Uuid) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let limits = state.settings.with_untracked(|s| s.roster_limits);
    // Checked as if the giver had already left.
    let options = data.with_value(|d| {
        let mut nearby = d.nearby.clone();
        for a in nearby.iter_mut().filter(|a| a.meta.id == giver.meta.id) {
            a.withdraw(Timestamp::now(), &state.device.get_value());
        }
        let volunteers: Vec<Volunteer> = d
            .volunteers
            .values()
            .filter(|v| v.meta.id != giver.volunteer_id)
            .cloned()
            .collect();
        cover_candidates(&d.shift, &volunteers, &nearby, &d.shifts, limits)
    });
    let giver = StoredValue::new(giver);
    view! {
        <li class="cover" data-testid="cover-list">
            <h3>{t!(i18n, shift.cover_title, name = move || name.clone())}</h3>
            <p class="hint">{t!(i18n, shift.cover_hint)}</p>
            {if options.is_empty() {
                view! { <p class="empty">{t!(i18n, shift.cover_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list compact">
                        {options.into_iter().take(SHOWN_MATCHES).map(|o| {
                            let id = o.volunteer.meta.id;
                            let hours = format!("{:.1}", o.minutes_this_month as f64 / 60.0);
                            view! {
                                <li class="item" data-testid="cover-option">
                                    <span class="item-main">
                                        <span class="item-title">{o.volunteer.name.clone()}</span>
                                        <span class="item-sub">{t!(i18n, shift.hours_month, hours = move || hours.clone())}</span>
                                    </span>
                                    <button type="button" class="button small primary" data-testid="take-over"
                                        on:click=move |_| take_over(giver.get_value(), id)>{t!(i18n, shift.take_over)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </li>
    }
}

/// Who is on the shift, each with "find cover" and "take off".
#[component]
pub fn OnShiftList(
    people: StoredValue<Vec<(Assignment, String)>>,
    data: StoredValue<ShiftData>,
    cover_for: RwSignal<Option<Uuid>>,
    take_off: impl Fn(Assignment) + Copy + Send + Sync + 'static,
    take_over: impl Fn(Assignment, Uuid) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="on-shift">
            <h2 id="on-shift">{t!(i18n, shift.on_it)}</h2>
            {people.with_value(|p| p.is_empty()).then(|| view! { <p class="empty">{t!(i18n, rosters.nobody_yet)}</p> })}
            <ul class="list" data-testid="on-shift">
                {people.get_value().into_iter().map(|(a, name)| {
                    let status = a.status;
                    let live = a.counts_toward_coverage();
                    let came_from_list = a.moved_in_at.is_some() && live;
                    let (a1, a2) = (a.clone(), a.clone());
                    let id = a.meta.id;
                    let cover_name = name.clone();
                    view! {
                        <li class="item" data-testid="on-shift-person">
                            <span class="item-main">
                                <A href=format!("/volunteers/{}", a.volunteer_id) attr:class="item-title">{name.clone()}</A>
                                <span class="item-sub">
                                    <span>{move || format::assignment_status(i18n, status)}</span>
                                    {came_from_list.then(|| view! { <span data-testid="came-from-list">{t!(i18n, waiting.came_from_list)}</span> })}
                                </span>
                            </span>
                            {live.then(|| view! {
                                <span class="item-actions">
                                    <button type="button" class="button small" data-testid="find-cover" on:click=move |_| cover_for.set(Some(id))>{t!(i18n, shift.find_cover)}</button>
                                    <button type="button" class="button small danger" data-testid="take-off" on:click=move |_| take_off(a1.clone())>{t!(i18n, shift.take_off)}</button>
                                </span>
                            })}
                        </li>
                        {move || (cover_for.get() == Some(id)).then(|| {
                            let giver = a2.clone();
                            view! { <CoverList data=data giver=giver name=cover_name.clone() take_over=take_over /> }
                        })}
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The shift's waiting list, in the order people joined.
#[component]
pub fn WaitingListView(names: Vec<(Uuid, String)>) -> impl IntoView {
    let i18n = use_i18n();
    (!names.is_empty()).then(|| {
        view! {
            <section aria-labelledby="waiting-list">
                <h2 id="waiting-list">{t!(i18n, waiting.title)}</h2>
                <p class="hint">{t!(i18n, waiting.order_hint)}</p>
                <ol class="list" data-testid="waiting-list">
                    {names.into_iter().map(|(id, name)| view! {
                        <li class="item" data-testid="waiting-person">
                            <A href=format!("/volunteers/{id}") attr:class="item-title">{name}</A>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}

/// "Add a volunteer": a search, and who it finds, free people first.
#[component]
pub fn AddVolunteer(
    data: StoredValue<ShiftData>,
    assign: impl Fn(Uuid, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let query = kept("volunteer-search", String::new);
    view! {
        <section aria-labelledby="add-volunteer">
            <h2 id="add-volunteer">{t!(i18n, shift.add)}</h2>
            <label class="field">
                <span>{t!(i18n, shift.search)}</span>
                <input type="search" name="volunteer-search" bind:value=query autocomplete="off" />
            </label>
            {move || {
                let q = query.get();
                let limits = state.settings.with(|s| s.roster_limits);
                let (shown, more) = data.with_value(|d| matching_people(d, &q, limits));
                if shown.is_empty() {
                    return view! { <p class="empty">{t!(i18n, shift.no_match)}</p> }.into_any();
                }
                view! {
                    <ul class="list compact" data-testid="volunteer-matches">
                        {shown.into_iter().map(|m| {
                            let id = m.id;
                            let free = m.refusals.is_empty();
                            let why = m.refusals.first().map(|r| format::assign_refusal(i18n, r));
                            view! {
                                <li class="item" data-testid="volunteer-match" data-free=free.to_string()>
                                    <span class="item-main">
                                        <span class="item-title">{m.name}</span>
                                        <span class="item-sub">{m.teams}</span>
                                        {why.map(|w| view! { <span class="item-sub text-alert" data-testid="busy-reason">{w}</span> })}
                                    </span>
                                    {if free {
                                        view! { <button type="button" class="button small primary" data-testid="assign" on:click=move |_| assign(id, false)>{t!(i18n, shift.assign)}</button> }.into_any()
                                    } else {
                                        view! { <span class="badge badge-off">{t!(i18n, shift.busy)}</span> }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p class="hint">{t!(i18n, shift.more, count = move || more)}</p> })}
                }.into_any()
            }}
        </section>
    }
}
