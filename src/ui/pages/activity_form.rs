//! Creating and editing an activity: an event on a date or a recurring
//! duty or service, with its place.

use crate::domain::roster_form::{read_activity_draft, ActivityDraft, RosterField};
use crate::domain::time::add_days;
use crate::domain::{Activity, ActivityKind, Booking, ClockTime, LocalDateTime, RandomIds, Space};
use crate::store::StoreResult;
use crate::ui::components::{form_page, when_loaded, Failure};
use crate::ui::format;
use crate::ui::forms::{draft_input, problem_of, read_or_flag, save_record, Problems};
use crate::ui::i18n::*;
use crate::ui::state::{use_app, use_store_data, AppState};
use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<Activity>> {
    state.store().get_live::<Activity>(id).await
}

#[component]
pub fn NewActivityPage() -> impl IntoView {
    view! { <ActivityForm existing=None /> }
}

#[component]
pub fn EditActivityPage() -> impl IntoView {
    form_page(
        "/rosters",
        load,
        |a| view! { <ActivityForm existing=Some(a) /> },
    )
}

#[component]
fn ActivityForm(existing: Option<Activity>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let draft = RwSignal::new(ActivityDraft::of(
        existing.as_ref(),
        state.now_local().date(),
    ));
    let problems: Problems = RwSignal::new(Vec::new());
    let spaces = use_store_data(|state| async move { state.store().list::<Space>().await });
    // The chosen space's live bookings within the activity's dates.
    let booking_choices = LocalResource::new(move || {
        let (space, from, to) = draft.with(|d| {
            (
                d.space,
                d.starts_on.parse::<Date>().ok(),
                d.ends_on.parse::<Date>().ok(),
            )
        });
        async move {
            let (Some(space), Some(from), Some(to)) = (space, from, to) else {
                return Ok(Vec::new());
            };
            let from = LocalDateTime::new(from, ClockTime::MIDNIGHT);
            let to = LocalDateTime::new(add_days(to, 1), ClockTime::MIDNIGHT);
            let list = state.store().bookings_of_space(space, from, to).await?;
            Ok::<_, crate::store::StoreError>(
                list.into_iter()
                    .filter(Booking::is_live)
                    .collect::<Vec<_>>(),
            )
        }
    });
    let existing = StoredValue::new(existing);
    let heading = move || match existing.get_value() {
        Some(a) => t_string!(i18n, roster_form.edit_activity, title = a.title.clone()).to_string(),
        None => t_string!(i18n, roster_form.new_activity).to_string(),
    };
    let store =
        save_record::<Activity>(move |id| navigate(&format!("/rosters/{id}"), Default::default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(fields) = read_or_flag(read_activity_draft(&draft.get_untracked()), problems)
        else {
            return;
        };
        let (now, device) = (Timestamp::now(), state.device.get_value());
        store.run(fields.into_record(existing.get_value(), now, &device, &mut RandomIds));
    };
    let problem = move |field: RosterField| problem_of(i18n, problems, field);
    let none = || None::<String>;
    view! {
        <h1 data-testid="page-title">{heading}</h1>
        <Failure kind=store.store_failure() />
        <Show when=move || !problems.with(Vec::is_empty)>
            <p class="field-error" role="alert" data-testid="form-problems">{t!(i18n, roster_form.fix_fields)}</p>
        </Show>
        <form class="form" on:submit=submit novalidate=true>
            {draft_input(draft, move || t_string!(i18n, roster_form.title).to_string(), "title", "text", |d| d.title.clone(), |d, v| d.title = v, problem(RosterField::Title))}
            <label class="field">
                <span>{t!(i18n, roster_form.kind)}</span>
                <select name="kind" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    draft.update(|d| d.kind = ActivityKind::ALL.into_iter().find(|k| format!("{k:?}") == value));
                }>
                    {ActivityKind::ALL.into_iter().map(|k| view! {
                        <option value=format!("{k:?}") selected=move || draft.with(|d| d.kind == Some(k))>{move || format::activity_kind(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, roster_form.space)}</span>
                <select name="space" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    draft.update(|d| {
                        d.space = Uuid::parse_str(&value).ok();
                        d.booking = None;
                    });
                }>
                    <option value="" selected=move || draft.with(|d| d.space.is_none())>{t!(i18n, roster_form.no_space)}</option>
                    {move || when_loaded(spaces.get(), move |list: Vec<Space>| list.into_iter().filter(|s| s.active).map(|s| {
                        let id = s.meta.id;
                        view! { <option value=id.to_string() selected=move || draft.with(|d| d.space == Some(id))>{s.name.clone()}</option> }
                    }).collect_view())}
                </select>
            </label>
            {move || booking_choices.get().and_then(Result::ok).filter(|list| !list.is_empty()).map(|list| view! {
                <label class="field">
                    <span>{t!(i18n, roster_form.booking)}</span>
                    <select name="booking" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.booking = Uuid::parse_str(&value).ok());
                    }>
                        <option value="" selected=move || draft.with(|d| d.booking.is_none())>{t!(i18n, roster_form.no_booking)}</option>
                        {list.into_iter().map(|b| {
                            let id = b.meta.id;
                            let (day, start, end) = (b.start.date(), b.start, b.end);
                            let label = move || format!("{} {} {}", format::date_label(i18n, day), format::time_range(i18n, start, end), b.title);
                            view! { <option value=id.to_string() selected=move || draft.with(|d| d.booking == Some(id))>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            <Show when=move || draft.with(|d| d.space.is_none())>
                {draft_input(draft, move || t_string!(i18n, roster_form.place_text).to_string(), "place", "text", |d| d.place_text.clone(), |d, v| d.place_text = v, none)}
            </Show>
            <div class="field-row dates">
                {draft_input(draft, move || t_string!(i18n, roster_form.starts_on).to_string(), "starts_on", "date", |d| d.starts_on.clone(), |d, v| d.starts_on = v, problem(RosterField::StartsOn))}
                {draft_input(draft, move || t_string!(i18n, roster_form.ends_on).to_string(), "ends_on", "date", |d| d.ends_on.clone(), |d, v| d.ends_on = v, problem(RosterField::EndsOn))}
            </div>
            {draft_input(draft, move || t_string!(i18n, roster_form.team).to_string(), "team", "text", |d| d.team.clone(), |d, v| d.team = v, none)}
            {draft_input(draft, move || t_string!(i18n, roster_form.description).to_string(), "description", "text", |d| d.description.clone(), |d, v| d.description = v, none)}
            <button type="submit" class="button primary" data-testid="save-activity">{t!(i18n, roster_form.save_activity)}</button>
        </form>
    }
}
