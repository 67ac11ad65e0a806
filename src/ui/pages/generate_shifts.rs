//! Generating a recurring duty's shifts from a template ("six patrols a
//! day at …", 错时 on alternate days), with a preview; staffed shifts are
//! never touched.

use crate::domain::roster_form::{read_template_draft, RosterField, TemplateDraft};
use crate::domain::{Activity, Assignment, DutyDays, DutyTemplate, RandomIds, Shift, ShiftPlan};
use crate::store::{SaveAssignmentError, StoreError, StoreResult};
use crate::ui::components::{form_page, DayMarkNote, Failure, WeekdayPicks};
use crate::ui::format;
use crate::ui::forms::{draft_input, problem_of, Problems};
use crate::ui::i18n::*;
use crate::ui::save::{act, save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;
use uuid::Uuid;

async fn load_activity(state: AppState, id: Uuid) -> StoreResult<Option<Activity>> {
    state.store().get_live::<Activity>(id).await
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
    let plan = RwSignal::new(None::<ShiftPlan>);
    // The shifts the plan keeps because people are on them.
    let staffed = RwSignal::new(HashSet::<Uuid>::new());
    // The preview reads the roster afresh each time.
    let previewing: Save<(DutyTemplate, Date, Date), StoreError> = act(
        move |state, (template, from, to): (DutyTemplate, Date, Date)| async move {
            let (shifts, people_on) = roster_for_plan(state, activity_id).await?;
            let made = template.plan(
                activity_id,
                from,
                to,
                &shifts,
                &people_on,
                &mut RandomIds,
                Timestamp::now(),
                &state.device.get_value(),
                &state.holidays.get_untracked(),
            );
            Ok((made, people_on))
        },
        move |(made, people_on)| {
            staffed.set(people_on);
            plan.set(Some(made));
        },
    );
    // The store checks inside its transaction that the roster is still
    // as the preview saw it; if not, preview again.
    let applying: Save<ShiftPlan, SaveAssignmentError> = save(
        |state, p| async move { state.store().apply_shift_plan(p).await },
        move |()| navigate(&format!("/rosters/{activity_id}"), Default::default()),
    );
    let preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_template_draft(&draft.get_untracked()) {
            Ok(read) => {
                problems.set(Vec::new());
                applying.forget();
                previewing.run(read);
            }
            Err(found) => {
                plan.set(None);
                problems.set(found);
                crate::ui::save::show_first_problem();
            }
        }
    };
    let outdated = move || applying.failure() == Some(SaveAssignmentError::PlanOutdated);
    Effect::new(move |_| {
        if outdated() {
            plan.set(None);
        }
    });
    let apply = move |_| {
        if let Some(p) = plan.get_untracked() {
            applying.run(p);
        }
    };
    let p = move |field| problem_of(i18n, problems, field);
    let none = || None::<String>;
    let stale = move || plan.set(None);
    let title = activity.title.clone();
    view! {
        <h1 data-testid="page-title">{move || t_string!(i18n, roster_form.generate_title, title = title.clone()).to_string()}</h1>
        <p class="hint">{t!(i18n, roster_form.generate_hint)}</p>
        <Failure kind=previewing.store_failure() />
        <Failure kind=applying.store_failure() />
        <Show when=outdated>
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
            <fieldset class="fieldset" data-testid="duty-days">
                <legend>{t!(i18n, holiday.days)}</legend>
                {[(DutyDays::Weekdays, "weekdays"), (DutyDays::Workdays, "workdays")].map(|(rule, key)| view! {
                    <label class="check">
                        <input type="radio" name="duty-days" value=key
                            prop:checked=move || draft.with(|d| d.days == rule)
                            on:change=move |_| { draft.update(|d| d.days = rule); stale(); } />
                        <span>{move || match rule {
                            DutyDays::Weekdays => t_string!(i18n, holiday.weekdays),
                            DutyDays::Workdays => t_string!(i18n, holiday.workdays),
                        }}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <Show when=move || draft.with(|d| d.days == DutyDays::Weekdays)>
                <fieldset class="fieldset">
                    <legend>{t!(i18n, roster_form.weekdays)}</legend>
                    <WeekdayPicks
                        ticked=move |wd| draft.with(|d| d.weekdays.contains(&wd))
                        pick=move |wd, on| draft.update(|d| { d.weekdays.retain(|x| *x != wd); if on { d.weekdays.push(wd); } })
                    />
                </fieldset>
            </Show>
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
                                    <span class="item-time">{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))} <DayMarkNote date=Signal::stored(day) /></span>
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
                    <button type="button" class="button primary" data-testid="apply-plan" disabled=create + remove == 0 on:click=apply>{t!(i18n, roster_form.apply)}</button>
                </section>
            }
        })}
    }
}
