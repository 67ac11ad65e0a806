//! Volunteers: everyone with their teams and skills.

use crate::domain::{masked_phone, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::when_loaded;
use crate::ui::i18n::*;
use crate::ui::state::{use_store_data, AppState};
use leptos::prelude::*;
use leptos_router::components::A;

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
        <h1 data-testid="page-title">{t!(i18n, volunteers.title)}</h1>
        {move || when_loaded(data.get(), |list: Vec<Volunteer>| {
            if list.is_empty() {
                return view! { <p class="empty">{t!(i18n, volunteers.empty)}</p> }.into_any();
            }
            let count = list.len();
            view! {
                <p class="page-note" data-testid="volunteer-count">{t!(i18n, volunteers.count, count = move || count)}</p>
                <ul class="list people-list" data-testid="volunteer-list">
                    {list.into_iter().map(|v| view! { <VolunteerItem volunteer=v /> }).collect_view()}
                </ul>
            }.into_any()
        })}
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
                    <span>{masked_phone(&volunteer.phone)}</span>
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
