//! Adding, editing and deactivating a volunteer.

use crate::domain::volunteer_form::{
    read_volunteer_draft, split_list, VolunteerDraft, VolunteerField, VolunteerProblem,
};
use crate::domain::{ConsentHow, RandomIds, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::{form_page, Failure};
use crate::ui::format::I18n;
use crate::ui::forms::{draft_input, read_or_flag, save_record};
use crate::ui::i18n::*;
use crate::ui::parts::notice::{NoticeFor, PrivacyNotice};
use crate::ui::state::{use_app, use_store_data, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeSet;
use uuid::Uuid;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<Volunteer>> {
    state.store().get_live::<Volunteer>(id).await
}

#[component]
pub fn NewVolunteerPage() -> impl IntoView {
    view! { <VolunteerForm existing=None /> }
}

#[component]
pub fn EditVolunteerPage() -> impl IntoView {
    form_page(
        "/volunteers",
        load,
        |v| view! { <VolunteerForm existing=Some(v) /> },
    )
}

fn problem_text(i18n: I18n, p: VolunteerProblem) -> String {
    match p {
        VolunteerProblem::Required => t_string!(i18n, volunteer_form.required),
        VolunteerProblem::PhoneUnreadable => t_string!(i18n, volunteer_form.phone_bad),
        VolunteerProblem::DateUnreadable => t_string!(i18n, volunteer_form.date_bad),
    }
    .to_string()
}

/// The notice, and how the person agreed to it: on their own phone, or
/// told in person by a committee member who records it.
#[component]
fn ConsentFields(
    draft: RwSignal<VolunteerDraft>,
    problem: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Recorded by whom: this phone's person, unless another is typed.
    let me = use_store_data(|state| async move { state.me().await });
    let pick = move |how: ConsentHow| {
        draft.update(|d| {
            d.consent = Some(how);
            if how == ConsentHow::Recorded && d.consent_by.trim().is_empty() {
                if let Some(Ok(Some(v))) = me.get_untracked() {
                    d.consent_by = v.name;
                }
            }
        })
    };
    let choice = move |how: ConsentHow| {
        view! {
            <label class="check">
                <input type="radio" name="consent" value=match how { ConsentHow::OwnPhone => "own", ConsentHow::Recorded => "recorded" }
                    prop:checked=move || draft.with(|d| d.consent == Some(how))
                    on:change=move |_| pick(how) />
                <span>{move || match how {
                    ConsentHow::OwnPhone => t_string!(i18n, volunteer_form.consent_own),
                    ConsentHow::Recorded => t_string!(i18n, volunteer_form.consent_recorded),
                }}</span>
            </label>
        }
    };
    view! {
        <fieldset class="fieldset consent" data-testid="consent-field">
            <legend>{t!(i18n, volunteer_form.consent)}</legend>
            <PrivacyNotice at=NoticeFor::Volunteer />
            {choice(ConsentHow::OwnPhone)}
            {choice(ConsentHow::Recorded)}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-field="consent">{p}</p> })}
        </fieldset>
    }
}

/// Teams, then skills, already used in the community.
type Known = (Vec<String>, Vec<String>);

/// Teams and skills already used in the community, offered as chips.
async fn known_lists(state: AppState) -> StoreResult<Known> {
    let (mut teams, mut skills) = (BTreeSet::new(), BTreeSet::new());
    for v in state.store().list::<Volunteer>().await? {
        teams.extend(v.teams);
        skills.extend(v.skills);
    }
    Ok((teams.into_iter().collect(), skills.into_iter().collect()))
}

#[component]
fn VolunteerForm(existing: Option<Volunteer>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let draft = RwSignal::new(VolunteerDraft::of(
        existing.as_ref(),
        state.now_local().date(),
    ));
    let problems = RwSignal::new(Vec::<(VolunteerField, VolunteerProblem)>::new());
    let known = use_store_data(known_lists);
    let existing = StoredValue::new(existing);
    let heading = move || match existing.get_value() {
        Some(v) => t_string!(i18n, volunteer_form.edit_title, name = v.name.clone()).to_string(),
        None => t_string!(i18n, volunteer_form.new_title).to_string(),
    };
    let store = save_record::<Volunteer>(move |id| {
        navigate(&format!("/volunteers/{id}"), Default::default())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(fields) = read_or_flag(read_volunteer_draft(&draft.get_untracked()), problems)
        else {
            return;
        };
        let (now, device) = (Timestamp::now(), state.device.get_value());
        store.run(fields.into_record(existing.get_value(), now, &device, &mut RandomIds));
    };
    let toggle_active = move |_| {
        if let Some(mut v) = existing.get_value() {
            v.active = !v.active;
            v.meta.touch(Timestamp::now(), &state.device.get_value());
            store.run(v);
        }
    };
    let problem_for = move |field: VolunteerField| {
        problems.with(|ps| ps.iter().find(|(f, _)| *f == field).map(|(_, p)| *p))
    };
    let text = move |label: Box<dyn Fn() -> String + Send + Sync>,
                     name: &'static str,
                     kind: &'static str,
                     field: Option<VolunteerField>,
                     get: fn(&VolunteerDraft) -> String,
                     set: fn(&mut VolunteerDraft, String)| {
        let problem = move || field.and_then(problem_for).map(|p| problem_text(i18n, p));
        draft_input(draft, label, name, kind, get, set, problem)
    };
    // Chips of known teams or skills not yet in the field; a tap adds one.
    let chips = move |pick: fn(&Known) -> Vec<String>,
                      get: fn(&VolunteerDraft) -> String,
                      set: fn(&mut VolunteerDraft, String)| {
        move || {
            let all = known
                .get()
                .and_then(Result::ok)
                .map(|k| pick(&k))
                .unwrap_or_default();
            let have = split_list(&draft.with(get));
            let offer: Vec<String> = all.into_iter().filter(|x| !have.contains(x)).collect();
            (!offer.is_empty()).then(|| view! {
                <p class="chips pick-chips">
                    <span class="hint">{t!(i18n, volunteer_form.pick)}</span>
                    {offer.into_iter().map(|item| {
                        let label = item.clone();
                        view! {
                            <button type="button" class="chip-button small-chip" on:click=move |_| draft.update(|d| {
                                let mut list = split_list(&get(d));
                                list.push(item.clone());
                                set(d, list.join("、"));
                            })>{label}</button>
                        }
                    }).collect_view()}
                </p>
            })
        }
    };
    view! {
        <h1 data-testid="page-title">{heading}</h1>
        <Failure kind=store.store_failure() />
        <Show when=move || !problems.with(Vec::is_empty)>
            <p class="field-error" role="alert" data-testid="form-problems">{t!(i18n, volunteer_form.fix_fields)}</p>
        </Show>
        <form class="form" on:submit=submit novalidate=true>
            {text(Box::new(move || t_string!(i18n, volunteer_form.name).to_string()), "name", "text", Some(VolunteerField::Name), |d| d.name.clone(), |d, v| d.name = v)}
            {text(Box::new(move || t_string!(i18n, volunteer_form.phone).to_string()), "phone", "tel", Some(VolunteerField::Phone), |d| d.phone.clone(), |d, v| d.phone = v)}
            {text(Box::new(move || t_string!(i18n, volunteer_form.room).to_string()), "room", "text", None, |d| d.room.clone(), |d, v| d.room = v)}
            {text(Box::new(move || t_string!(i18n, volunteer_form.teams).to_string()), "teams", "text", None, |d| d.teams.clone(), |d, v| d.teams = v)}
            {chips(|k| k.0.clone(), |d| d.teams.clone(), |d, v| d.teams = v)}
            {text(Box::new(move || t_string!(i18n, volunteer_form.skills).to_string()), "skills", "text", None, |d| d.skills.clone(), |d, v| d.skills = v)}
            {chips(|k| k.1.clone(), |d| d.skills.clone(), |d, v| d.skills = v)}
            {text(Box::new(move || t_string!(i18n, volunteer_form.notes).to_string()), "notes", "text", None, |d| d.notes.clone(), |d, v| d.notes = v)}
            {text(Box::new(move || t_string!(i18n, volunteer_form.joined_on).to_string()), "joined_on", "date", Some(VolunteerField::JoinedOn), |d| d.joined_on.clone(), |d, v| d.joined_on = v)}
            <ConsentFields draft=draft problem=Signal::derive(move || problem_for(VolunteerField::Consent).map(|p| problem_text(i18n, p))) />
            <Show when=move || draft.with(|d| d.consent == Some(ConsentHow::Recorded))>
                {text(Box::new(move || t_string!(i18n, volunteer_form.consent_by).to_string()), "consent_by", "text", Some(VolunteerField::ConsentBy), |d| d.consent_by.clone(), |d, v| d.consent_by = v)}
            </Show>
            <button type="submit" class="button primary" data-testid="save-volunteer">{t!(i18n, volunteer_form.save)}</button>
        </form>
        {move || existing.get_value().map(|v| view! {
            <section class="action-group retire">
                <p class="hint">{t!(i18n, volunteer_form.deactivate_hint)}</p>
                <button type="button" class="button danger" data-testid="toggle-active" on:click=toggle_active>
                    {if v.active { t_string!(i18n, volunteer_form.deactivate) } else { t_string!(i18n, volunteer_form.reactivate) }}
                </button>
            </section>
        })}
    }
}
