//! One volunteer: teams, skills, next shifts and hours given this month.

use crate::domain::{masked_phone, Activity, Assignment, Shift, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::{detail_page, MeSwitch};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone)]
struct VolunteerDetail {
    volunteer: Volunteer,
    /// (shift, activity title, assignment), earliest first.
    upcoming: Vec<(Shift, String, Assignment)>,
    minutes_this_month: i64,
    completed: usize,
}

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<VolunteerDetail>> {
    let store = state.store();
    let Some(volunteer) = store.get_live::<Volunteer>(id).await? else {
        return Ok(None);
    };
    let now = state.now_local();
    let assignments = store.assignments_of_volunteer(id).await?;
    let titles: HashMap<Uuid, String> = store
        .list::<Activity>()
        .await?
        .into_iter()
        .map(|a| (a.meta.id, a.title))
        .collect();
    let mut upcoming = Vec::new();
    let (mut minutes_this_month, mut completed) = (0, 0);
    for a in assignments {
        let Some(shift) = store.get_live::<Shift>(a.shift_id).await? else {
            continue;
        };
        let same_month = shift.start.date().year() == now.date().year()
            && shift.start.date().month() == now.date().month();
        if same_month {
            minutes_this_month += a.minutes_given(&shift);
        }
        if a.minutes_given(&shift) > 0 {
            completed += 1;
        }
        if shift.end > now && a.counts_toward_coverage() {
            let title = titles.get(&shift.activity_id).cloned().unwrap_or_default();
            upcoming.push((shift, title, a));
        }
    }
    upcoming.sort_by_key(|(s, _, _)| s.start);
    Ok(Some(VolunteerDetail {
        volunteer,
        upcoming,
        minutes_this_month,
        completed,
    }))
}

#[component]
pub fn VolunteerDetailPage() -> impl IntoView {
    detail_page(
        "/volunteers",
        load,
        |detail| view! { <VolunteerDetailView detail=detail /> },
    )
}

#[component]
fn VolunteerDetailView(detail: VolunteerDetail) -> impl IntoView {
    let i18n = use_i18n();
    let v = detail.volunteer;
    let joined = v.joined_on;
    // Hours to one decimal, as committees report them.
    let hours = format!("{:.1}", detail.minutes_this_month as f64 / 60.0);
    let completed = detail.completed;
    view! {
        <h1 data-testid="page-title">{v.name.clone()}</h1>
        <MeSwitch id=v.meta.id name=v.name.clone() />
        <dl class="stats">
            <div class="stat">
                <dt>{t!(i18n, volunteers.hours_this_month)}</dt>
                <dd data-testid="hours-this-month">{t!(i18n, fmt.hours, count = move || hours.clone())}</dd>
            </div>
            <div class="stat">
                <dt>{t!(i18n, volunteers.completed_shifts)}</dt>
                <dd>{completed}</dd>
            </div>
        </dl>
        <dl class="facts">
            <dt>{t!(i18n, volunteers.phone)}</dt>
            <dd>{masked_phone(&v.phone)}</dd>
            <dt>{t!(i18n, volunteers.room)}</dt>
            <dd>{v.room.clone()}</dd>
            <dt>{t!(i18n, volunteers.teams)}</dt>
            <dd class="chips">{v.teams.iter().map(|t| view! { <span class="chip team">{t.clone()}</span> }).collect_view()}</dd>
            <dt>{t!(i18n, volunteers.skills)}</dt>
            <dd class="chips">{v.skills.iter().map(|s| view! { <span class="chip skill">{s.clone()}</span> }).collect_view()}</dd>
            <dt>{t!(i18n, volunteers.joined_on)}</dt>
            <dd>{move || format::date_label(i18n, joined)}</dd>
        </dl>
        <section aria-labelledby="next-shifts">
            <h2 id="next-shifts">{t!(i18n, volunteers.upcoming_shifts)}</h2>
            {if detail.upcoming.is_empty() {
                view! { <p class="empty">{t!(i18n, volunteers.no_upcoming_shifts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="volunteer-shifts">
                        {detail.upcoming.into_iter().map(|(shift, title, a)| {
                            let (start, end, day) = (shift.start, shift.end, shift.start.date());
                            let status = a.status;
                            view! {
                                <li class="item">
                                    <span class="item-time">
                                        <span class="item-day">{move || format::date_label(i18n, day)}</span>
                                        {move || format::time_range(i18n, start, end)}
                                    </span>
                                    <span class="item-main">
                                        <A href=format!("/rosters/{}", shift.activity_id) attr:class="item-title">{title}</A>
                                        <span class="item-sub">{shift.role.clone()}</span>
                                    </span>
                                    <span class="badge">{move || format::assignment_status(i18n, status)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
