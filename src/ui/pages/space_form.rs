//! Creating, editing and retiring a space.

use crate::domain::space_form::{read_space_draft, SpaceDraft, SpaceField, SpaceProblem};
use crate::domain::{RandomIds, Space, SpaceKind};
use crate::store::StoreResult;
use crate::ui::components::{form_page, Failure};
use crate::ui::format;
use crate::ui::forms::{read_or_flag, save_record};
use crate::ui::forms::{Bound, Input};
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<Space>> {
    state.store().get_live::<Space>(id).await
}

#[component]
pub fn NewSpacePage() -> impl IntoView {
    view! { <SpaceForm existing=None /> }
}

#[component]
pub fn EditSpacePage() -> impl IntoView {
    form_page(
        "/spaces",
        load,
        |space| view! { <SpaceForm existing=Some(space) /> },
    )
}

fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, p: SpaceProblem) -> String {
    match p {
        SpaceProblem::Required => t_string!(i18n, space_form.required),
        SpaceProblem::NotANumber => t_string!(i18n, space_form.not_a_number),
        SpaceProblem::CapacityZero => t_string!(i18n, space_form.capacity_zero),
        SpaceProblem::HoursUnreadable => t_string!(i18n, space_form.hours_unreadable),
        SpaceProblem::ClosesBeforeOpens => t_string!(i18n, space_form.closes_before_opens),
        SpaceProblem::PeriodsOverlap => t_string!(i18n, space_form.periods_overlap),
        SpaceProblem::MinOverMax => t_string!(i18n, space_form.min_over_max),
        SpaceProblem::LongerThanADay => t_string!(i18n, space_form.longer_than_a_day),
        SpaceProblem::SlotOutOfRange => t_string!(i18n, space_form.slot_out_of_range),
    }
    .to_string()
}

#[component]
fn SpaceForm(existing: Option<Space>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let draft = RwSignal::new(SpaceDraft::of(existing.as_ref()));
    let problems = RwSignal::new(Vec::<(SpaceField, SpaceProblem)>::new());
    let existing = StoredValue::new(existing);
    let heading = move || match existing.get_value() {
        Some(s) => t_string!(i18n, space_form.edit_title, space = s.name.clone()).to_string(),
        None => t_string!(i18n, space_form.new_title).to_string(),
    };
    // Writes the record and returns to the space's page.
    let store =
        save_record::<Space>(move |id| navigate(&format!("/spaces/{id}"), Default::default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(fields) = read_or_flag(read_space_draft(&draft.get_untracked()), problems) else {
            return;
        };
        let (now, device) = (Timestamp::now(), state.device.get_value());
        store.run(fields.into_record(existing.get_value(), now, &device, &mut RandomIds));
    };
    let toggle_active = move |_| {
        if let Some(mut space) = existing.get_value() {
            space.active = !space.active;
            space
                .meta
                .touch(Timestamp::now(), &state.device.get_value());
            store.run(space);
        }
    };

    let problem_for = move |field: SpaceField| {
        problems.with(|ps| ps.iter().find(|(f, _)| *f == field).map(|(_, p)| *p))
    };
    let text = move |label: Box<dyn Fn() -> String + Send + Sync>,
                     name: &'static str,
                     field: Option<SpaceField>,
                     get: fn(&SpaceDraft) -> String,
                     set: fn(&mut SpaceDraft, String),
                     numeric: bool| {
        let said = move || field.and_then(problem_for).map(|p| problem_text(i18n, p));
        let input = if numeric { Input::Digits } else { Input::Text };
        Bound::new(draft, name, input, get, set).field(label, said)
    };

    let weekdays = (1..=7u8)
        .map(|wd| {
            let field = SpaceField::Hours(wd);
            let i = wd as usize - 1;
            view! {
                <label class="field hours-field">
                    <span>{move || format::weekday_name(i18n, wd)}</span>
                    <input type="text" name=format!("hours-{wd}") placeholder="08:00-21:00"
                        prop:value=move || draft.with(|d| d.hours[i].clone())
                        on:input=move |ev| draft.update(|d| d.hours[i] = event_target_value(&ev))
                        aria-invalid=move || problem_for(field).is_some().to_string() />
                </label>
                {move || problem_for(field).map(|p| view! { <p class="field-error" role="alert">{problem_text(i18n, p)}</p> })}
            }
        })
        .collect_view();

    view! {
        <h1 data-testid="page-title">{heading}</h1>
        <Failure kind=store.store_failure() />
        <Show when=move || !problems.with(Vec::is_empty)>
            <p class="field-error" role="alert" data-testid="form-problems">{t!(i18n, space_form.fix_fields)}</p>
        </Show>
        <form class="form" on:submit=submit novalidate=true>
            {text(Box::new(move || t_string!(i18n, space_form.name).to_string()), "name", Some(SpaceField::Name), |d| d.name.clone(), |d, v| d.name = v, false)}
            <label class="field">
                <span>{t!(i18n, space_form.kind)}</span>
                <select name="kind" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    draft.update(|d| d.kind = SpaceKind::ALL.iter().copied().find(|k| format!("{k:?}") == value));
                }>
                    {SpaceKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! {
                            <option value=format!("{k:?}") selected=move || draft.with(|d| d.kind == Some(k))>
                                {move || format::space_kind(i18n, k)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            {text(Box::new(move || t_string!(i18n, space_form.location).to_string()), "location", None, |d| d.location.clone(), |d, v| d.location = v, false)}
            {text(Box::new(move || t_string!(i18n, space_form.capacity).to_string()), "capacity", Some(SpaceField::Capacity), |d| d.capacity.clone(), |d, v| d.capacity = v, true)}
            <fieldset class="fieldset">
                <legend>{t!(i18n, space_form.hours)}</legend>
                <p class="hint">{t!(i18n, space_form.hours_hint)}</p>
                {weekdays}
            </fieldset>
            <fieldset class="fieldset">
                <legend>{t!(i18n, spaces.rules)}</legend>
                {text(Box::new(move || t_string!(i18n, space_form.slot).to_string()), "slot", Some(SpaceField::Slot), |d| d.slot_minutes.clone(), |d, v| d.slot_minutes = v, true)}
                {text(Box::new(move || t_string!(i18n, space_form.min).to_string()), "min", Some(SpaceField::MinMinutes), |d| d.min_minutes.clone(), |d, v| d.min_minutes = v, true)}
                {text(Box::new(move || t_string!(i18n, space_form.max).to_string()), "max", Some(SpaceField::MaxMinutes), |d| d.max_minutes.clone(), |d, v| d.max_minutes = v, true)}
                {text(Box::new(move || t_string!(i18n, space_form.advance).to_string()), "advance", Some(SpaceField::Advance), |d| d.advance_days.clone(), |d, v| d.advance_days = v, true)}
                {text(Box::new(move || t_string!(i18n, space_form.buffer).to_string()), "buffer", Some(SpaceField::Buffer), |d| d.buffer_minutes.clone(), |d, v| d.buffer_minutes = v, true)}
                <label class="check">
                    <input type="checkbox" name="approval" prop:checked=move || draft.with(|d| d.needs_approval)
                        on:change=move |ev| draft.update(|d| d.needs_approval = event_target_checked(&ev)) />
                    <span>{t!(i18n, space_form.approval)}</span>
                </label>
            </fieldset>
            {text(Box::new(move || t_string!(i18n, space_form.amenities).to_string()), "amenities", None, |d| d.amenities.clone(), |d, v| d.amenities = v, false)}
            {text(Box::new(move || t_string!(i18n, space_form.notes).to_string()), "notes", None, |d| d.notes.clone(), |d, v| d.notes = v, false)}
            <button type="submit" class="button primary" data-testid="save-space">{t!(i18n, space_form.save)}</button>
        </form>
        {move || existing.get_value().map(|s| view! {
            <section class="action-group retire">
                <p class="hint">{t!(i18n, space_form.retire_hint)}</p>
                <button type="button" class="button danger" data-testid="toggle-active" on:click=toggle_active>
                    {if s.active { t_string!(i18n, space_form.retire) } else { t_string!(i18n, space_form.reactivate) }}
                </button>
            </section>
        })}
    }
}
