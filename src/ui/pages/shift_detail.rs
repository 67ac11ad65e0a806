//! One shift: who is on it, adding someone (with the roster's guards),
//! taking someone off, and finding cover when someone gives it up.

use crate::domain::time::{add_days, ClockTime};
use crate::domain::{
    check_assignment, cover_candidates, volunteer_matches, Activity, AssignRefusal, AssignWarning,
    Assignment, AssignmentStatus, FairnessLimits, IdSource, LocalDateTime, Meta, Shift, Volunteer,
};
use crate::store::{BrowserIds, StoreErrorKind, StoreResult};
use crate::ui::components::{detail_page, kept, CoverageBadge, ErrorPanel};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

/// How many matches the "add a volunteer" list shows before asking to type.
const SHOWN_MATCHES: usize = 12;

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
    fn theirs(&self, volunteer: Uuid) -> Vec<(Assignment, Shift)> {
        self.nearby
            .iter()
            .filter(|a| a.volunteer_id == volunteer)
            .filter_map(|a| self.shifts.get(&a.shift_id).map(|s| (a.clone(), s.clone())))
            .collect()
    }
}

/// Reads a shift with what the guards need: the month's shifts around it
/// and their assignments, and every volunteer.
pub async fn load_shift(state: AppState, id: Uuid) -> StoreResult<Option<ShiftData>> {
    let store = state.store();
    let Some(shift) = store.get_live::<Shift>(id).await? else {
        return Ok(None);
    };
    let activity = store.get::<Activity>(shift.activity_id).await?;
    let day = shift.start.date();
    let first = day.first_of_month();
    let from = LocalDateTime::new(add_days(first, -1), ClockTime::MIDNIGHT);
    let to = LocalDateTime::new(
        add_days(first, day.days_in_month() as i64 + 1),
        ClockTime::MIDNIGHT,
    );
    let shifts: HashMap<Uuid, Shift> = store
        .shifts_between(from, to)
        .await?
        .into_iter()
        .map(|s| (s.meta.id, s))
        .collect();
    let nearby = store
        .list::<Assignment>()
        .await?
        .into_iter()
        .filter(|a| shifts.contains_key(&a.shift_id))
        .collect();
    let volunteers = store
        .list::<Volunteer>()
        .await?
        .into_iter()
        .map(|v| (v.meta.id, v))
        .collect();
    Ok(Some(ShiftData {
        shift,
        activity,
        volunteers,
        nearby,
        shifts,
        me: state.me().await?,
    }))
}

#[component]
pub fn ShiftDetailPage() -> impl IntoView {
    detail_page(
        "/rosters",
        load_shift,
        |data| view! { <ShiftView data=data /> },
    )
}

/// What the last save said.
#[derive(Clone, Default)]
struct Feedback {
    refusals: Vec<AssignRefusal>,
    /// Warnings the lead may override, for this volunteer.
    warnings: Option<(Uuid, Vec<AssignWarning>)>,
    failure: Option<StoreErrorKind>,
}

#[component]
fn ShiftView(data: ShiftData) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let shift = data.shift.clone();
    let (start, end, day) = (shift.start, shift.end, shift.start.date());
    let on_shift = data.on_shift();
    let coverage = crate::domain::coverage(&shift, &on_shift);
    let feedback = RwSignal::new(Feedback::default());
    let query = kept("volunteer-search", String::new);
    let cover_for = kept("cover-for", || None::<Uuid>);
    let data = StoredValue::new(data);

    // Saves assignments through the store's guards.
    let save = move |list: Vec<Assignment>| {
        let limits = state.settings.with_untracked(|s| s.roster_limits);
        leptos::task::spawn_local(async move {
            match state.store().save_assignments(vec![], list, limits).await {
                Ok(()) => state.changed(),
                Err(e) => feedback.set(match e.refusals() {
                    Some(refusals) => Feedback {
                        refusals,
                        ..Feedback::default()
                    },
                    None => Feedback {
                        failure: Some(e.kind()),
                        ..Feedback::default()
                    },
                }),
            }
        });
    };
    let new_assignment = move |volunteer: Uuid| {
        let device = state.device.get_value();
        let meta = Meta::new(BrowserIds.next_id(), Timestamp::now(), &device);
        Assignment::new(meta, data.with_value(|d| d.shift.meta.id), volunteer)
    };
    // Adds someone; a missing skill asks first unless `anyway`.
    let assign = move |volunteer: Uuid, anyway: bool| {
        let limits = state.settings.with_untracked(|s| s.roster_limits);
        let check = data.with_value(|d| {
            d.volunteers
                .get(&volunteer)
                .map(|v| check_assignment(v, &d.shift, &d.on_shift(), &d.theirs(volunteer), limits))
        });
        let Some(check) = check else { return };
        if !check.allowed() {
            feedback.set(Feedback {
                refusals: check.refusals,
                ..Feedback::default()
            });
        } else if !check.warnings.is_empty() && !anyway {
            feedback.set(Feedback {
                warnings: Some((volunteer, check.warnings)),
                ..Feedback::default()
            });
        } else {
            save(vec![new_assignment(volunteer)]);
        }
    };
    let take_off = move |a: Assignment| {
        let mut gone = a;
        gone.withdraw(Timestamp::now(), &state.device.get_value());
        save(vec![gone]);
    };
    // The giver leaves and the cover joins in one save.
    let take_over = move |giver: Assignment, cover: Uuid| {
        let mut gone = giver;
        gone.withdraw(Timestamp::now(), &state.device.get_value());
        save(vec![gone, new_assignment(cover)]);
    };

    let me = data.with_value(|d| d.me.clone());
    let can_sign_up = me.as_ref().is_some_and(|m| {
        !on_shift
            .iter()
            .any(|a| a.volunteer_id == m.meta.id && a.counts_toward_coverage())
    }) && !coverage.is_full();
    let me_id = me.map(|m| m.meta.id);
    let title = data.with_value(|d| d.activity.as_ref().map(|a| (a.meta.id, a.title.clone())));
    let role = shift.role.clone();
    let heading = {
        let (role, activity) = (role.clone(), title.clone().map(|t| t.1).unwrap_or_default());
        move || {
            t_string!(
                i18n,
                shift.title,
                role = role.clone(),
                activity = activity.clone()
            )
            .to_string()
        }
    };
    let skill = shift.required_skill.clone();
    let people: Vec<(Assignment, String)> = on_shift
        .into_iter()
        .filter(|a| a.status != AssignmentStatus::Cancelled)
        .map(|a| {
            let name = data.with_value(|d| {
                d.volunteers
                    .get(&a.volunteer_id)
                    .map(|v| v.name.clone())
                    .unwrap_or_default()
            });
            (a, name)
        })
        .collect();
    let people = StoredValue::new(people);

    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{heading}</h1>
            <A href=format!("/shifts/{}/edit", shift.meta.id) attr:class="button small" attr:data-testid="edit-shift">{t!(i18n, roster_form.edit)}</A>
        </div>
        <p class="card-meta">
            <span>{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))}</span>
            <CoverageBadge coverage=coverage />
        </p>
        <dl class="facts">
            {title.map(|(id, t)| view! {
                <dt>{t!(i18n, shift.activity)}</dt>
                <dd><A href=format!("/rosters/{id}")>{t}</A></dd>
            })}
            {(!shift.place.is_empty()).then(|| view! {
                <dt>{t!(i18n, shift.place)}</dt>
                <dd>{shift.place.clone()}</dd>
            })}
            {skill.map(|s| view! {
                <dt>{t!(i18n, volunteers.skills)}</dt>
                <dd>{s}</dd>
            })}
            {(!shift.notes.is_empty()).then(|| view! {
                <dt>{t!(i18n, shift.notes)}</dt>
                <dd>{shift.notes.clone()}</dd>
            })}
        </dl>
        {move || feedback.get().failure.map(|kind| view! { <ErrorPanel kind=kind /> })}
        {move || {
            let f = feedback.get();
            (!f.refusals.is_empty()).then(|| view! {
                <section class="refusal" role="alert" data-testid="assign-refusal">
                    <h2>{t!(i18n, assign_refusal.title)}</h2>
                    <ul>{f.refusals.iter().map(|r| view! { <li>{format::assign_refusal(i18n, r)}</li> }).collect_view()}</ul>
                </section>
            })
        }}
        {move || feedback.get().warnings.map(|(volunteer, warnings)| view! {
            <section class="warning" role="alert" data-testid="assign-warning">
                <ul>{warnings.iter().map(|w| view! { <li>{format::assign_warning(i18n, w)}</li> }).collect_view()}</ul>
                <button type="button" class="button" data-testid="assign-anyway" on:click=move |_| assign(volunteer, true)>{t!(i18n, shift.assign_anyway)}</button>
            </section>
        })}
        {can_sign_up.then(|| view! {
            <button type="button" class="button primary" data-testid="sign-me-up"
                on:click=move |_| { if let Some(id) = me_id { assign(id, false) } }>{t!(i18n, shift.sign_me_up)}</button>
        })}

        <section aria-labelledby="on-shift">
            <h2 id="on-shift">{t!(i18n, shift.on_it)}</h2>
            {people.with_value(|p| p.is_empty()).then(|| view! { <p class="empty">{t!(i18n, rosters.nobody_yet)}</p> })}
            <ul class="list" data-testid="on-shift">
                {people.get_value().into_iter().map(|(a, name)| {
                    let status = a.status;
                    let live = a.counts_toward_coverage();
                    let (a1, a2) = (a.clone(), a.clone());
                    let id = a.meta.id;
                    let cover_name = name.clone();
                    view! {
                        <li class="item" data-testid="on-shift-person">
                            <span class="item-main">
                                <A href=format!("/volunteers/{}", a.volunteer_id) attr:class="item-title">{name.clone()}</A>
                                <span class="item-sub">{move || format::assignment_status(i18n, status)}</span>
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

/// Someone the "add a volunteer" list offers, and why they cannot take the
/// shift (empty when they can).
struct Match {
    id: Uuid,
    name: String,
    teams: String,
    refusals: Vec<AssignRefusal>,
}

/// Active volunteers not yet on the shift who match the search: those who
/// can take it first, then those the guards would refuse (busy at that
/// time, over a limit), each group by name. At most `SHOWN_MATCHES`.
fn matching_people(d: &ShiftData, query: &str, limits: FairnessLimits) -> (Vec<Match>, usize) {
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
fn CoverList(
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
