//! Volunteers: everyone with their teams and skills; search as you type,
//! filter by team and skill.

use crate::domain::{SearchQuery, SearchText, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::{when_loaded, Phone};
use crate::ui::i18n::*;
use crate::ui::state::{use_store_data, AppState};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

/// How many rows are drawn at once; typing narrows the rest.
const ROWS_SHOWN: usize = 100;

async fn load(state: AppState) -> StoreResult<Vec<Volunteer>> {
    let mut list = state.store().list::<Volunteer>().await?;
    list.sort_by(|a, b| (!a.active, &a.teams, &a.name).cmp(&(!b.active, &b.teams, &b.name)));
    Ok(list)
}

#[component]
pub fn VolunteersPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store_data(load);
    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{t!(i18n, volunteers.title)}</h1>
            <A href="/volunteers/new" attr:class="button small" attr:data-testid="add-volunteer">{t!(i18n, volunteer_form.add)}</A>
        </div>
        {move || when_loaded(data.get(), |list: Vec<Volunteer>| {
            if list.is_empty() {
                return view! { <p class="empty">{t!(i18n, volunteers.empty)}</p> }.into_any();
            }
            view! { <VolunteerSearch list=list /> }.into_any()
        })}
    }
}

#[component]
fn VolunteerSearch(list: Vec<Volunteer>) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let skill = RwSignal::new(String::new());
    let teams: BTreeSet<String> = list.iter().flat_map(|v| v.teams.clone()).collect();
    let skills: BTreeSet<String> = list.iter().flat_map(|v| v.skills.clone()).collect();
    let count = list.len();
    // Worked out once, so a keystroke only compares strings.
    let texts: Vec<SearchText> = list.iter().map(SearchText::of).collect();
    let list = StoredValue::new(list);
    let texts = StoredValue::new(texts);
    // Positions in `list` of every match, in list order.
    let matches = Memo::new(move |_| {
        let (q, t, s) = (SearchQuery::new(&query.get()), team.get(), skill.get());
        list.with_value(|all| {
            texts.with_value(|texts| {
                all.iter()
                    .zip(texts)
                    .enumerate()
                    .filter(|(_, (v, _))| t.is_empty() || v.teams.contains(&t))
                    .filter(|(_, (v, _))| s.is_empty() || v.skills.contains(&s))
                    .filter(|(_, (_, text))| text.matches(&q))
                    .map(|(i, _)| i)
                    .collect::<Vec<usize>>()
            })
        })
    });
    let none_match = Memo::new(move |_| matches.with(Vec::is_empty));
    let select = |label: &'static str,
                  all: BTreeSet<String>,
                  value: RwSignal<String>,
                  any: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <label class="field">
                <span class="visually-hidden">{any()}</span>
                <select name=label on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{any}</option>
                    {all.into_iter().map(|x| view! { <option value=x.clone()>{x.clone()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <label class="field">
            <span>{t!(i18n, volunteers.search)}</span>
            <input type="search" name="search" bind:value=query autocomplete="off" />
        </label>
        <div class="field-row">
            {select("team", teams, team, Box::new(move || t_string!(i18n, volunteers.all_teams).to_string()))}
            {select("skill", skills, skill, Box::new(move || t_string!(i18n, volunteers.all_skills).to_string()))}
        </div>
        <p class="page-note" data-testid="volunteer-count">
            {move || {
                let shown = matches.with(Vec::len);
                if shown == count {
                    t_string!(i18n, volunteers.count, count = count).to_string()
                } else {
                    t_string!(i18n, volunteers.shown, shown = shown, count = count).to_string()
                }
            }}
        </p>
        <Show
            when=move || !none_match.get()
            fallback=move || view! { <p class="empty">{t!(i18n, volunteers.none_match)}</p> }
        >
            // Rows are keyed by position in the list: a row still matching
            // after a keystroke stays on the page instead of being rebuilt.
            <ul class="list people-list" data-testid="volunteer-list">
                <For
                    each=move || matches.with(|m| m.iter().take(ROWS_SHOWN).copied().collect::<Vec<_>>())
                    key=|i| *i
                    children=move |i| {
                        let volunteer = list.with_value(|all| all[i].clone());
                        view! { <VolunteerItem volunteer=volunteer /> }
                    }
                />
            </ul>
        </Show>
    }
}

#[component]
fn VolunteerItem(volunteer: Volunteer) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/volunteers/{}", volunteer.meta.id);
    view! {
        <li class="item volunteer-item" data-testid="volunteer">
            <span class="item-main">
                <A href=href attr:class="item-title">{volunteer.name.clone()}</A>
                <span class="item-sub">
                    <Phone phone=volunteer.phone.clone() />
                    <span>{volunteer.room.clone()}</span>
                    {(!volunteer.active).then(|| view! { <span class="badge badge-off">{t!(i18n, volunteers.inactive)}</span> })}
                </span>
                <span class="chips">
                    {volunteer.teams.iter().map(|t| view! { <span class="chip team">{t.clone()}</span> }).collect_view()}
                    {volunteer.skills.iter().map(|s| view! { <span class="chip skill">{s.clone()}</span> }).collect_view()}
                </span>
            </span>
        </li>
    }
}
