//! Adding or changing one shift of an activity, and generating a recurring
//! duty's shifts from a template with a preview.

use crate::domain::roster_form::{
    read_shift_draft, read_template_draft, RosterField, RosterProblem, ShiftDraft, TemplateDraft,
};
use crate::domain::{Activity, Assignment, IdSource, Meta, Shift, ShiftPlan};
use crate::store::{BrowserIds, SaveAssignmentError, StoreErrorKind, StoreResult};
use crate::ui::components::{form_page, ErrorPanel};
use crate::ui::format;
use crate::ui::forms::{draft_input, read_or_flag};
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;
use uuid::Uuid;

type Problems = RwSignal<Vec<(RosterField, RosterProblem)>>;

/// The translated problem of `field`, for `draft_input`.
fn problem_of(
    i18n: format::I18n,
    problems: Problems,
    field: RosterField,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        problems.with(|ps| {
            ps.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, p)| format::roster_problem(i18n, *p))
        })
    }
}

async fn load_activity(state: AppState, id: Uuid) -> StoreResult<Option<Activity>> {
    state.store().get_live::<Activity>(id).await
}

async fn load_shift(state: AppState, id: Uuid) -> StoreResult<Option<(Activity, Shift)>> {
    let store = state.store();
    let Some(shift) = store.get_live::<Shift>(id).await? else {
        return Ok(None);
    };
    Ok(store
        .get_live::<Activity>(shift.activity_id)
        .await?
        .map(|a| (a, shift)))
}

#[component]
pub fn NewShiftPage() -> impl IntoView {
    form_page(
        "/rosters",
        load_activity,
        |a| view! { <ShiftForm activity=a existing=None /> },
    )
}

#[component]
pub fn EditShiftPage() -> impl IntoView {
    form_page(
        "/rosters",
        load_shift,
        |(a, s)| view! { <ShiftForm activity=a existing=Some(s) /> },
    )
}

fn draft_of(activity: &Activity, s: Option<&Shift>) -> ShiftDraft {
    match s {
        None => ShiftDraft {
            date: activity.starts_on.to_string(),
            start: "09:00".into(),
            end: "11:00".into(),
            needed_min: "1".into(),
            needed_max: "2".into(),
            ..ShiftDraft::default()
        },
        Some(s) => ShiftDraft {
            role: s.role.clone(),
            date: s.start.date().to_string(),
            start: s.start.clock().to_string(),
            end: s.end.clock().to_string(),
            needed_min: s.needed_min.to_string(),
            needed_max: s.needed_max.to_string(),
            place: s.place.clone(),
            notes: s.notes.clone(),
            skill: s.required_skill.clone().unwrap_or_default(),
        },
    }
}

#[component]
fn ShiftForm(activity: Activity, existing: Option<Shift>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let draft = RwSignal::new(draft_of(&activity, existing.as_ref()));
    let problems: Problems = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<StoreErrorKind>);
    let refused = RwSignal::new(None::<(String, Vec<crate::domain::AssignRefusal>)>);
    let has_people = RwSignal::new(false);
    let activity_id = activity.meta.id;
    let title = activity.title.clone();
    let editing = existing.is_some();
    let existing = StoredValue::new(existing);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(fields) = read_or_flag(read_shift_draft(&draft.get_untracked()), problems) else {
            return;
        };
        let (now, device) = (Timestamp::now(), state.device.get_value());
        let mut shift = existing.get_value().unwrap_or_else(|| Shift {
            meta: Meta::new(BrowserIds.next_id(), now, &device),
            activity_id,
            role: String::new(),
            start: fields.start,
            end: fields.end,
            needed_min: 1,
            needed_max: 1,
            place: String::new(),
            notes: String::new(),
            required_skill: None,
        });
        shift.meta.touch(now, &device);
        (shift.role, shift.start, shift.end) = (fields.role, fields.start, fields.end);
        (shift.needed_min, shift.needed_max) = (fields.needed_min, fields.needed_max);
        (shift.place, shift.notes, shift.required_skill) =
            (fields.place, fields.notes, fields.required_skill);
        let limits = state.settings.with_untracked(|s| s.roster_limits);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let id = shift.meta.id;
            match state.store().save_shift(shift, limits).await {
                Ok(()) => {
                    state.changed();
                    navigate(&format!("/shifts/{id}"), Default::default());
                }
                Err(crate::store::SaveAssignmentError::PersonRefused { name, refusals }) => {
                    refused.set(Some((name, refusals)))
                }
                Err(e) => failure.set(Some(e.kind())),
            }
        });
    };
    let delete_navigate = use_navigate();
    let delete = move |_| {
        let Some(shift) = existing.get_value() else {
            return;
        };
        let navigate = delete_navigate.clone();
        leptos::task::spawn_local(async move {
            // Only an empty shift goes; the store checks that as it writes.
            match state
                .store()
                .delete_shift(shift.meta.id, Timestamp::now(), &state.device.get_value())
                .await
            {
                Ok(()) => {
                    state.changed();
                    navigate(&format!("/rosters/{activity_id}"), Default::default());
                }
                Err(SaveAssignmentError::ShiftHasPeople) => has_people.set(true),
                Err(e) => failure.set(Some(e.kind())),
            }
        });
    };
    let p = move |field| problem_of(i18n, problems, field);
    let none = || None::<String>;
    view! {
        <h1 data-testid="page-title">
            {move || if editing { t_string!(i18n, roster_form.edit_shift).to_string() } else { t_string!(i18n, roster_form.new_shift, title = title.clone()).to_string() }}
        </h1>
        {move || failure.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
        {move || refused.get().map(|(name, rs)| view! {
            <section class="refusal" role="alert" data-testid="shift-refused">
                <h2>{name}</h2>
                <ul>{rs.iter().map(|r| view! { <li>{format::assign_refusal(i18n, r)}</li> }).collect_view()}</ul>
            </section>
        })}
        <Show when=move || !problems.with(Vec::is_empty)>
            <p class="field-error" role="alert" data-testid="form-problems">{t!(i18n, roster_form.fix_fields)}</p>
        </Show>
        <form class="form" on:submit=save novalidate=true>
            {draft_input(draft, move || t_string!(i18n, roster_form.role).to_string(), "role", "text", |d| d.role.clone(), |d, v| d.role = v, p(RosterField::Role))}
            {draft_input(draft, move || t_string!(i18n, roster_form.date).to_string(), "date", "date", |d| d.date.clone(), |d, v| d.date = v, p(RosterField::Date))}
            <div class="field-row">
                {draft_input(draft, move || t_string!(i18n, roster_form.start).to_string(), "start", "time", |d| d.start.clone(), |d, v| d.start = v, p(RosterField::Start))}
                {draft_input(draft, move || t_string!(i18n, roster_form.end).to_string(), "end", "time", |d| d.end.clone(), |d, v| d.end = v, p(RosterField::End))}
            </div>
            <div class="field-row">
                {draft_input(draft, move || t_string!(i18n, roster_form.needed_min).to_string(), "needed_min", "number", |d| d.needed_min.clone(), |d, v| d.needed_min = v, p(RosterField::NeededMin))}
                {draft_input(draft, move || t_string!(i18n, roster_form.needed_max).to_string(), "needed_max", "number", |d| d.needed_max.clone(), |d, v| d.needed_max = v, p(RosterField::NeededMax))}
            </div>
            {draft_input(draft, move || t_string!(i18n, roster_form.place).to_string(), "place", "text", |d| d.place.clone(), |d, v| d.place = v, none)}
            {draft_input(draft, move || t_string!(i18n, roster_form.skill).to_string(), "skill", "text", |d| d.skill.clone(), |d, v| d.skill = v, none)}
            {draft_input(draft, move || t_string!(i18n, roster_form.notes).to_string(), "notes", "text", |d| d.notes.clone(), |d, v| d.notes = v, none)}
            <button type="submit" class="button primary" data-testid="save-shift">{t!(i18n, roster_form.save_shift)}</button>
        </form>
        {editing.then(|| view! {
            <section class="action-group retire">
                <p class="hint">{t!(i18n, roster_form.delete_hint)}</p>
                <Show when=move || has_people.get()>
                    <p class="refusal" role="alert" data-testid="delete-refused">{t!(i18n, roster_form.delete_has_people)}</p>
                </Show>
                <button type="button" class="button danger" data-testid="delete-shift" on:click=delete.clone()>{t!(i18n, roster_form.delete_shift)}</button>
            </section>
        })}
    }
}

/// The activity's shifts and which of them have people, read afresh for
/// each preview (the store checks again when the plan is applied).
async fn roster_for_plan(state: AppState, id: Uuid) -> StoreResult<(Vec<Shift>, HashSet<Uuid>)> {
    let store = state.store();
    let shifts = store.shifts_of_activity(id).await?;
    let mut staffed = HashSet::new();
    for s in &shifts {
        if store
            .assignments_of_shift(s.meta.id)
            .await?
            .iter()
            .any(Assignment::counts_toward_coverage)
        {
            staffed.insert(s.meta.id);
        }
    }
    Ok((shifts, staffed))
}

#[component]
pub fn GenerateShiftsPage() -> impl IntoView {
    form_page("/rosters", load_activity, |a| {
        view! { <GenerateForm activity=a /> }
    })
}

#[component]
fn GenerateForm(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let activity_id = activity.meta.id;
    let draft = RwSignal::new(TemplateDraft {
        starts: "07:00, 09:00, 12:00, 15:00, 18:00, 21:00".into(),
        minutes: "60".into(),
        needed_min: "2".into(),
        needed_max: "2".into(),
        from: activity.starts_on.max(state.now_local().date()).to_string(),
        to: activity.ends_on.to_string(),
        ..TemplateDraft::default()
    });
    let problems: Problems = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<StoreErrorKind>);
    let plan = RwSignal::new(None::<ShiftPlan>);
    let outdated = RwSignal::new(false);
    // The shifts the plan keeps because people are on them.
    let staffed = RwSignal::new(HashSet::<Uuid>::new());
    let preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outdated.set(false);
        match read_template_draft(&draft.get_untracked()) {
            Ok((template, from, to)) => {
                problems.set(Vec::new());
                leptos::task::spawn_local(async move {
                    match roster_for_plan(state, activity_id).await {
                        Ok((shifts, people_on)) => {
                            let made = template.plan(
                                activity_id,
                                from,
                                to,
                                &shifts,
                                &people_on,
                                &mut BrowserIds,
                                Timestamp::now(),
                                &state.device.get_value(),
                            );
                            staffed.set(people_on);
                            plan.set(Some(made));
                        }
                        Err(e) => failure.set(Some(e.kind)),
                    }
                });
            }
            Err(found) => {
                plan.set(None);
                problems.set(found);
            }
        }
    };
    let apply = move |_| {
        let Some(p) = plan.get_untracked() else {
            return;
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match state.store().apply_shift_plan(p).await {
                Ok(()) => {
                    state.changed();
                    navigate(&format!("/rosters/{activity_id}"), Default::default());
                }
                // Someone signed up (or generated) meanwhile: preview again.
                Err(SaveAssignmentError::PlanOutdated) => {
                    plan.set(None);
                    outdated.set(true);
                }
                Err(e) => failure.set(Some(e.kind())),
            }
        });
    };
    let p = move |field| problem_of(i18n, problems, field);
    let none = || None::<String>;
    let stale = move || plan.set(None);
    let title = activity.title.clone();
    view! {
        <h1 data-testid="page-title">{move || t_string!(i18n, roster_form.generate_title, title = title.clone()).to_string()}</h1>
        <p class="hint">{t!(i18n, roster_form.generate_hint)}</p>
        {move || failure.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
        <Show when=move || outdated.get()>
            <p class="refusal" role="alert" data-testid="plan-outdated">{t!(i18n, roster_form.plan_outdated)}</p>
        </Show>
        <Show when=move || !problems.with(Vec::is_empty)>
            <p class="field-error" role="alert" data-testid="form-problems">{t!(i18n, roster_form.fix_fields)}</p>
        </Show>
        <form class="form" on:submit=preview on:input=move |_| stale() novalidate=true>
            {draft_input(draft, move || t_string!(i18n, roster_form.role).to_string(), "role", "text", |d| d.role.clone(), |d, v| d.role = v, p(RosterField::Role))}
            {draft_input(draft, move || t_string!(i18n, roster_form.starts).to_string(), "starts", "text", |d| d.starts.clone(), |d, v| d.starts = v, p(RosterField::Starts))}
            <div class="field-row">
                {draft_input(draft, move || t_string!(i18n, roster_form.minutes).to_string(), "minutes", "number", |d| d.minutes.clone(), |d, v| d.minutes = v, p(RosterField::Length))}
                {draft_input(draft, move || t_string!(i18n, roster_form.stagger).to_string(), "stagger", "number", |d| d.stagger.clone(), |d, v| d.stagger = v, p(RosterField::Stagger))}
            </div>
            <div class="field-row">
                {draft_input(draft, move || t_string!(i18n, roster_form.needed_min).to_string(), "needed_min", "number", |d| d.needed_min.clone(), |d, v| d.needed_min = v, p(RosterField::NeededMin))}
                {draft_input(draft, move || t_string!(i18n, roster_form.needed_max).to_string(), "needed_max", "number", |d| d.needed_max.clone(), |d, v| d.needed_max = v, p(RosterField::NeededMax))}
            </div>
            {draft_input(draft, move || t_string!(i18n, roster_form.place).to_string(), "place", "text", |d| d.place.clone(), |d, v| d.place = v, none)}
            {draft_input(draft, move || t_string!(i18n, roster_form.skill).to_string(), "skill", "text", |d| d.skill.clone(), |d, v| d.skill = v, none)}
            <fieldset class="fieldset">
                <legend>{t!(i18n, roster_form.weekdays)}</legend>
                <div class="weekday-picks">
                    {(1..=7u8).map(|wd| view! {
                        <label class="check">
                            <input type="checkbox" name=format!("weekday-{wd}")
                                prop:checked=move || draft.with(|d| d.weekdays.contains(&wd))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| { d.weekdays.retain(|x| *x != wd); if on { d.weekdays.push(wd); } });
                                } />
                            <span>{move || format::weekday_name(i18n, wd)}</span>
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field-row dates">
                {draft_input(draft, move || t_string!(i18n, roster_form.from).to_string(), "from", "date", |d| d.from.clone(), |d, v| d.from = v, p(RosterField::StartsOn))}
                {draft_input(draft, move || t_string!(i18n, roster_form.to).to_string(), "to", "date", |d| d.to.clone(), |d, v| d.to = v, p(RosterField::EndsOn))}
            </div>
            <button type="submit" class="button" data-testid="preview-shifts">{t!(i18n, roster_form.preview)}</button>
        </form>
        {move || plan.get().map(|p| {
            let (create, remove, keep) = (p.create.len(), p.remove.len(), p.keep.len());
            let mut rows: Vec<(Shift, &'static str)> = p.create.into_iter().map(|s| (s, "create"))
                .chain(p.remove.into_iter().map(|s| (s, "remove")))
                .chain(p.keep.into_iter().filter(|s| staffed.with_untracked(|st| st.contains(&s.meta.id))).map(|s| (s, "keep")))
                .collect();
            rows.sort_by_key(|(s, _)| s.start);
            view! {
                <section aria-labelledby="plan" data-testid="shift-plan">
                    <h2 id="plan">{t!(i18n, roster_form.preview)}</h2>
                    <p data-testid="plan-counts">{t!(i18n, roster_form.plan, create = move || create, remove = move || remove, keep = move || keep)}</p>
                    <ul class="list compact">
                        {rows.into_iter().take(60).map(|(s, what)| {
                            let (start, end, day) = (s.start, s.end, s.start.date());
                            view! {
                                <li class="item" data-plan=what>
                                    <span class="item-time">{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))}</span>
                                    <span class="item-main">{s.role.clone()}</span>
                                    {match what {
                                        "remove" => Some(view! { <span class="badge badge-off">{t!(i18n, roster_form.will_remove)}</span> }.into_any()),
                                        "keep" => Some(view! { <span class="badge">{t!(i18n, roster_form.kept_staffed)}</span> }.into_any()),
                                        _ => None,
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <button type="button" class="button primary" data-testid="apply-plan" disabled=create + remove == 0 on:click=apply.clone()>{t!(i18n, roster_form.apply)}</button>
                </section>
            }
        })}
    }
}
