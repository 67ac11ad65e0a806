//! One shift: who is on it, adding someone (with the roster's guards),
//! taking someone off, and finding cover when someone gives it up.

use crate::domain::time::{add_days, ClockTime};
use crate::domain::waiting_list::{self, Standing};
use crate::domain::{
    check_assignment, Activity, AssignRefusal, AssignWarning, Assignment, AssignmentStatus,
    Coverage, IdSource, LocalDateTime, Meta, RandomIds, Shift, Volunteer,
};
use crate::store::{SaveAssignmentError, StoreResult};
use crate::ui::components::{detail_page, kept, CoverageBadge, Failure, RefusalList};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::parts::shift_people::{AddVolunteer, OnShiftList, ShiftData, WaitingListView};
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

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

/// What the guards said before a save.
#[derive(Clone, Default)]
struct Feedback {
    refusals: Vec<AssignRefusal>,
    /// Warnings the lead may override, for this volunteer.
    warnings: Option<(Uuid, Vec<AssignWarning>)>,
}

#[component]
fn ShiftView(data: ShiftData) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let shift = data.shift.clone();
    let on_shift = data.on_shift();
    let coverage = crate::domain::coverage(&shift, &on_shift);
    let feedback = RwSignal::new(Feedback::default());
    let cover_for = kept("cover-for", || None::<Uuid>);
    let data = StoredValue::new(data);

    // Saves assignments through the store's guards, which check again.
    // Who the last save moved in from the waiting list, kept across the
    // reload that follows the save.
    let moved_in = kept("moved-in", Vec::<Uuid>::new);
    let saving: Save<Vec<Assignment>, SaveAssignmentError> = save(
        |state, list| async move {
            let limits = state.settings.with_untracked(|s| s.roster_limits);
            state
                .store()
                .save_assignments(vec![], list, limits, state.moment())
                .await
        },
        move |moved: Vec<Assignment>| moved_in.set(moved.iter().map(|a| a.volunteer_id).collect()),
    );
    let save = move |list: Vec<Assignment>| {
        feedback.set(Feedback::default());
        moved_in.set(Vec::new());
        saving.run(list);
    };
    // Refused by the check here, or by the store's (another tab was quicker).
    let refusals = move || {
        let here = feedback.with(|f| f.refusals.clone());
        if here.is_empty() {
            saving
                .failure()
                .and_then(|e| e.refusals())
                .unwrap_or_default()
        } else {
            here
        }
    };
    // Someone waiting who is put on the shift leaves the list as they go.
    let new_assignment = move |volunteer: Uuid| {
        let device = state.device.get_value();
        let waiting = data.with_value(|d| {
            d.on_shift()
                .into_iter()
                .find(|a| a.volunteer_id == volunteer && a.is_waiting())
        });
        if let Some(mut entry) = waiting {
            entry.move_in(Timestamp::now(), &device);
            return entry;
        }
        let meta = Meta::new(RandomIds.next_id(), Timestamp::now(), &device);
        Assignment::new(meta, data.with_value(|d| d.shift.meta.id), volunteer)
    };
    let join_waiting_list = move |volunteer: Uuid| {
        let device = state.device.get_value();
        let meta = Meta::new(RandomIds.next_id(), Timestamp::now(), &device);
        save(vec![Assignment::waiting(
            meta,
            data.with_value(|d| d.shift.meta.id),
            volunteer,
        )]);
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
    let me_id = me.map(|m| m.meta.id);
    let mine = me_id.map(|m| waiting_list::standing(&shift, &on_shift, m, state.now_local()));
    let can_sign_up = mine == Some(Standing::MaySignUp);
    let can_wait = mine == Some(Standing::MayWait);
    let waiting_place = match mine {
        Some(Standing::Waiting { place, entry }) => Some((place, entry)),
        _ => None,
    };
    let queue: Vec<Assignment> = waiting_list::queue(shift.meta.id, on_shift.iter())
        .into_iter()
        .cloned()
        .collect();
    let name_of = move |id: Uuid| {
        data.with_value(|d| {
            d.volunteers
                .get(&id)
                .map(|v| v.name.clone())
                .unwrap_or_default()
        })
    };
    let waiting_names: Vec<(Uuid, String)> = queue
        .iter()
        .map(|a| {
            let name = name_of(a.volunteer_id);
            (a.volunteer_id, name)
        })
        .collect();
    let moved_names = move || {
        moved_in.with(|ids| {
            data.with_value(|d| {
                ids.iter()
                    .filter_map(|id| d.volunteers.get(id).map(|v| v.name.clone()))
                    .collect::<Vec<_>>()
                    .join("、")
            })
        })
    };
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
    let people: Vec<(Assignment, String)> = on_shift
        .into_iter()
        .filter(|a| {
            !matches!(
                a.status,
                AssignmentStatus::Cancelled | AssignmentStatus::Waiting
            )
        })
        .map(|a| {
            let name = name_of(a.volunteer_id);
            (a, name)
        })
        .collect();
    let people = StoredValue::new(people);

    view! {
        <ShiftFacts shift=shift.clone() activity=title heading=heading coverage=coverage />
        <Failure kind=saving.store_failure() />
        {move || {
            let items: Vec<String> = refusals().iter().map(|r| format::assign_refusal(i18n, r)).collect();
            let title = t_string!(i18n, assign_refusal.title).to_string();
            view! { <RefusalList items=items title=title testid="assign-refusal" /> }
        }}
        {move || feedback.get().warnings.map(|(volunteer, warnings)| view! {
            <section class="warning" role="alert" data-testid="assign-warning">
                <ul>{warnings.iter().map(|w| view! { <li>{format::assign_warning(i18n, w)}</li> }).collect_view()}</ul>
                <button type="button" class="button" data-testid="assign-anyway" on:click=move |_| assign(volunteer, true)>{t!(i18n, shift.assign_anyway)}</button>
            </section>
        })}
        {move || {
            let names = moved_names();
            (!names.is_empty()).then(|| view! {
                <p class="notice" role="status" data-testid="moved-in">{t!(i18n, waiting.moved_in, names = move || names.clone())}</p>
            })
        }}
        {can_sign_up.then(|| view! {
            <button type="button" class="button primary" data-testid="sign-me-up"
                on:click=move |_| { if let Some(id) = me_id { assign(id, false) } }>{t!(i18n, shift.sign_me_up)}</button>
        })}
        {can_wait.then(|| view! {
            <p class="hint">{t!(i18n, waiting.full_hint)}</p>
            <button type="button" class="button primary" data-testid="join-waiting-list"
                on:click=move |_| { if let Some(id) = me_id { join_waiting_list(id) } }>{t!(i18n, waiting.join)}</button>
        })}
        {waiting_place.map(|(place, entry)| {
            view! {
                <p class="notice" role="status" data-testid="my-waiting-place">{t!(i18n, waiting.my_place, place = move || place)}</p>
                <button type="button" class="button" data-testid="leave-waiting-list"
                    on:click=move |_| take_off((*entry).clone())>{t!(i18n, waiting.leave)}</button>
            }
        })}

        <OnShiftList people=people data=data cover_for=cover_for take_off=take_off take_over=take_over />
        <WaitingListView names=waiting_names />
        <AddVolunteer data=data assign=assign />
    }
}

/// The shift's heading, times, coverage and facts.
#[component]
fn ShiftFacts(
    shift: Shift,
    activity: Option<(Uuid, String)>,
    heading: impl Fn() -> String + Send + Sync + 'static,
    coverage: Coverage,
) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end, day) = (shift.start, shift.end, shift.start.date());
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
            {activity.map(|(id, t)| view! {
                <dt>{t!(i18n, shift.activity)}</dt>
                <dd><A href=format!("/rosters/{id}")>{t}</A></dd>
            })}
            {(!shift.place.is_empty()).then(|| view! {
                <dt>{t!(i18n, shift.place)}</dt>
                <dd>{shift.place.clone()}</dd>
            })}
            {shift.required_skill.clone().map(|s| view! {
                <dt>{t!(i18n, volunteers.skills)}</dt>
                <dd>{s}</dd>
            })}
            {(!shift.notes.is_empty()).then(|| view! {
                <dt>{t!(i18n, shift.notes)}</dt>
                <dd>{shift.notes.clone()}</dd>
            })}
        </dl>
    }
}
