//! Adding, changing or deleting one shift of an activity.

use crate::domain::roster_form::{read_shift_draft, RosterField, ShiftDraft};
use crate::domain::{Activity, RandomIds, Shift};
use crate::store::{SaveAssignmentError, StoreResult};
use crate::ui::components::{form_page, Failure, RefusalList};
use crate::ui::format;
use crate::ui::forms::{draft_input, problem_of, read_or_flag, Problems};
use crate::ui::i18n::*;
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

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

#[component]
fn ShiftForm(activity: Activity, existing: Option<Shift>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let draft = RwSignal::new(ShiftDraft::of(&activity, existing.as_ref()));
    let problems: Problems = RwSignal::new(Vec::new());
    let activity_id = activity.meta.id;
    let title = activity.title.clone();
    let editing = existing.is_some();
    let existing = StoredValue::new(existing);
    let go_to = use_navigate();
    let store: Save<Shift, SaveAssignmentError> = save(
        |state, shift: Shift| async move {
            let limits = state.settings.with_untracked(|s| s.roster_limits);
            let id = shift.meta.id;
            state.store().save_shift(shift, limits).await.map(|()| id)
        },
        move |id| go_to(&format!("/shifts/{id}"), Default::default()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(fields) = read_or_flag(read_shift_draft(&draft.get_untracked()), problems) else {
            return;
        };
        let (now, device) = (Timestamp::now(), state.device.get_value());
        store.run(fields.into_record(
            existing.get_value(),
            activity_id,
            now,
            &device,
            &mut RandomIds,
        ));
    };
    let back = use_navigate();
    // Only an empty shift goes; the store checks that as it writes.
    let delete: Save<Uuid, SaveAssignmentError> = save(
        |state, id| async move {
            let device = state.device.get_value();
            state
                .store()
                .delete_shift(id, Timestamp::now(), &device)
                .await
        },
        move |()| back(&format!("/rosters/{activity_id}"), Default::default()),
    );
    // Who no longer fits the changed shift, and why.
    let refused = move || match store.failure() {
        Some(SaveAssignmentError::PersonRefused { name, refusals }) => Some((name, refusals)),
        _ => None,
    };
    let has_people = move || delete.failure() == Some(SaveAssignmentError::ShiftHasPeople);
    let p = move |field| problem_of(i18n, problems, field);
    let none = || None::<String>;
    view! {
        <h1 data-testid="page-title">
            {move || if editing { t_string!(i18n, roster_form.edit_shift).to_string() } else { t_string!(i18n, roster_form.new_shift, title = title.clone()).to_string() }}
        </h1>
        <Failure kind=store.store_failure() />
        <Failure kind=delete.store_failure() />
        {move || refused().map(|(name, rs)| {
            let items: Vec<String> = rs.iter().map(|r| format::assign_refusal(i18n, r)).collect();
            view! { <RefusalList title=name items=items testid="shift-refused" /> }
        })}
        <Show when=move || !problems.with(Vec::is_empty)>
            <p class="field-error" role="alert" data-testid="form-problems">{t!(i18n, roster_form.fix_fields)}</p>
        </Show>
        <form class="form" on:submit=submit novalidate=true>
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
                <Show when=has_people>
                    <p class="refusal" role="alert" data-testid="delete-refused">{t!(i18n, roster_form.delete_has_people)}</p>
                </Show>
                <button type="button" class="button danger" data-testid="delete-shift" on:click=move |_| { if let Some(s) = existing.get_value() { delete.run(s.meta.id) } }>{t!(i18n, roster_form.delete_shift)}</button>
            </section>
        })}
    }
}
