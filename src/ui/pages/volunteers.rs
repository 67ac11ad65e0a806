//! Volunteers: everyone with their teams and skills; search as you type,
//! filter by team and skill.

use crate::domain::{SearchQuery, SearchText, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::{when_loaded, Phone};
use crate::ui::format::counted;
use crate::ui::i18n::*;
use crate::ui::state::{use_store_data, AppState};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

/// How many rows are drawn at first and with each "show more": drawing
/// rows, not finding them, is what a keystroke costs.
const PAGE_ROWS: usize = 50;

/// Rows drawn in the frame of a keystroke: about a phone screen's worth.
const FIRST_ROWS: usize = 12;

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
    // Each volunteer with its search text, worked out once, so a
    // keystroke only compares strings.
    let list = StoredValue::new(
        list.into_iter()
            .map(|v| {
                let text = SearchText::of(&v);
                (v, text)
            })
            .collect::<Vec<_>>(),
    );
    // Positions in `list` of every match, in list order.
    let matches = Memo::new(move |_| {
        let (q, t, s) = (SearchQuery::new(&query.get()), team.get(), skill.get());
        list.with_value(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, (v, _))| t.is_empty() || v.teams.contains(&t))
                .filter(|(_, (v, _))| s.is_empty() || v.skills.contains(&s))
                .filter(|(_, (_, text))| text.matches(&q))
                .map(|(i, _)| i)
                .collect::<Vec<usize>>()
        })
    });
    // Rows drawn; back to one page whenever the search changes.
    let limit = RwSignal::new(PAGE_ROWS);
    // Whether the rows after the first screen are drawn too: not until
    // the frame with the first ones has been painted.
    let all_drawn = RwSignal::new(true);
    let search = StoredValue::new(0u64);
    Effect::new(move |seen: Option<()>| {
        matches.track();
        if seen.is_none() {
            return;
        }
        all_drawn.set(false);
        if limit.get_untracked() != PAGE_ROWS {
            limit.set(PAGE_ROWS);
        }
        search.update_value(|n| *n += 1);
        let this = search.get_value();
        // After the paint: a frame, then a task.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // A later keystroke has its own turn.
                    if search.try_get_value() == Some(this) {
                        all_drawn.set(true);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
    // Rows `from..to` of the matches (as far as there are).
    let rows = move |from: usize, to: usize| {
        let shown = matches.with(|m| m[from.min(m.len())..to.min(m.len())].to_vec());
        list.with_value(|all| {
            shown
                .iter()
                .map(|&i| view! { <VolunteerItem volunteer=all[i].0.clone() /> })
                .collect_view()
        })
    };
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
                    counted!(i18n, count, [volunteers.count_single], [volunteers.count])
                } else {
                    t_string!(i18n, volunteers.shown, shown = shown, count = count).to_string()
                }
            }}
        </p>
        {move || matches.with(Vec::is_empty).then(|| view! {
            <p class="empty">{t!(i18n, volunteers.none_match)}</p>
        })}
        <ul class="list people-list" data-testid="volunteer-list" hidden=move || matches.with(Vec::is_empty)>
            // A phone screen's rows first; the rest of the page once that
            // frame is painted, so a keystroke shows its answer at once.
            {move || rows(0, FIRST_ROWS.min(limit.get()))}
            // Not redrawn by a keystroke itself (the flag goes down first).
            {move || {
                let to = limit.get();
                all_drawn.get().then(|| untrack(|| rows(FIRST_ROWS, to)))
            }}
        </ul>
        {move || {
            let left = matches.with(Vec::len).saturating_sub(limit.get());
            (left > 0).then(|| {
                let next = left.min(PAGE_ROWS);
                view! {
                    <button
                        type="button"
                        class="button"
                        data-testid="show-more"
                        on:click=move |_| limit.update(|n| *n += PAGE_ROWS)
                    >
                        {t!(i18n, volunteers.show_more, count = next, left = left)}
                    </button>
                }
            })
        }}
    }
}

#[component]
fn VolunteerItem(volunteer: Volunteer) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/volunteers/{}", volunteer.meta.id);
    view! {
        <li class="item volunteer-item" data-testid="volunteer">
            <span class="item-main">
                // A plain link (the router still handles it): one fewer
                // reactive component per row.
                <a href=href class="item-title">{volunteer.name.clone()}</a>
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
