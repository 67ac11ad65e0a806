//! Rosters: every activity with how well its shifts are staffed.

use crate::domain::{coverage, Activity, Assignment, Coverage, GapSummary, Shift};
use crate::store::StoreResult;
use crate::ui::components::when_loaded;
use crate::ui::format::{self, counted};
use crate::ui::i18n::*;
use crate::ui::parts::my_exports::HoursExport;
use crate::ui::state::{use_store_data, AppState};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;

#[derive(Clone)]
struct ActivitySummary {
    activity: Activity,
    gaps: GapSummary,
}

/// Every activity's gaps, and the gaps of the coming seven days.
async fn load(state: AppState) -> StoreResult<(Vec<ActivitySummary>, GapSummary)> {
    let store = state.store();
    let activities = store.list::<Activity>().await?;
    let shifts = store.list::<Shift>().await?;
    let assignments = store.list::<Assignment>().await?;
    let mut by_shift: HashMap<uuid::Uuid, Vec<Assignment>> = HashMap::new();
    for a in assignments {
        by_shift.entry(a.shift_id).or_default().push(a);
    }
    let now = state.now_local();
    let week_end = now.plus_minutes(7 * 24 * 60);
    let mut coverage_of: HashMap<uuid::Uuid, Vec<Coverage>> = HashMap::new();
    let mut week = Vec::new();
    for s in shifts.iter().filter(|s| !s.meta.deleted) {
        let list = by_shift.get(&s.meta.id).map(Vec::as_slice).unwrap_or(&[]);
        let c = coverage(s, list);
        if s.end > now && s.start < week_end {
            week.push(c);
        }
        coverage_of.entry(s.activity_id).or_default().push(c);
    }
    let mut out: Vec<ActivitySummary> = activities
        .into_iter()
        .map(|activity| {
            let gaps = Coverage::total(coverage_of.remove(&activity.meta.id).unwrap_or_default());
            ActivitySummary { activity, gaps }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.activity.starts_on, &a.activity.title).cmp(&(b.activity.starts_on, &b.activity.title))
    });
    Ok((out, Coverage::total(week)))
}

#[component]
pub fn RostersPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store_data(load);
    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{t!(i18n, rosters.title)}</h1>
            <A href="/rosters/new" attr:class="button small" attr:data-testid="add-activity">{t!(i18n, roster_form.new_activity)}</A>
        </div>
        <p><A href="/report" attr:class="button small" attr:data-testid="open-report">{t!(i18n, rosters.report)}</A></p>
        {move || when_loaded(data.get(), |(list, week): (Vec<ActivitySummary>, GapSummary)| {
            if list.is_empty() {
                return view! { <p class="empty">{t!(i18n, rosters.empty)}</p> }.into_any();
            }
            let count = list.len();
            let (short_shifts, short_people) = (week.short_shifts, week.short_people);
            let week_class = if short_shifts > 0 { "week-gaps text-alert" } else { "week-gaps" };
            view! {
                <HoursExport />
                <p class="page-note" data-testid="activity-count">{move || counted!(i18n, count, [rosters.count_single], [rosters.count])}</p>
                <p data-testid="week-gaps" class=week_class>
                    {if short_shifts > 0 {
                        view! { {move || t_string!(i18n, rosters.week_gaps, shifts = format::shifts(i18n, short_shifts), people = format::people(i18n, short_people)).to_string()} }.into_any()
                    } else {
                        view! { {t!(i18n, rosters.week_filled)} }.into_any()
                    }}
                </p>
                <ul class="cards" data-testid="activity-list">
                    {list.into_iter().map(|s| view! { <ActivityCard item=s /> }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}

#[component]
fn ActivityCard(item: ActivitySummary) -> impl IntoView {
    let i18n = use_i18n();
    let a = item.activity;
    let gaps = item.gaps;
    let href = format!("/rosters/{}", a.meta.id);
    let kind = a.kind;
    let (from, to) = (a.starts_on, a.ends_on);
    let shifts = gaps.shifts;
    let (short_shifts, short_people) = (gaps.short_shifts, gaps.short_people);
    view! {
        <li class="card" data-testid="activity-card">
            <h2 class="card-title"><A href=href>{a.title.clone()}</A></h2>
            <p class="card-meta">
                <span class="badge">{move || format::activity_kind(i18n, kind)}</span>
                <span>
                    {move || format::date_label(i18n, from)}
                    {(from != to).then(|| view! { " – " {move || format::date_label(i18n, to)} })}
                </span>
            </p>
            <p class="card-note">
                {move || counted!(i18n, shifts, [rosters.shifts_single], [rosters.shifts])}
                " · "
                {if short_shifts > 0 {
                    view! {
                        <span class="text-alert">
                            {move || format::gaps(i18n, short_shifts, short_people)}
                        </span>
                    }.into_any()
                } else {
                    view! { <span>{t!(i18n, rosters.all_filled)}</span> }.into_any()
                }}
            </p>
        </li>
    }
}
