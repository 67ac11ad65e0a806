//! The report's sections that are a table each (with a chart where one
//! helps): how the spaces were used, what bookings were for, the teams'
//! hours, the activities held, who gave the most time.

use crate::domain::report::{hours, Month, MonthFigures};
use crate::ui::format::{self, I18n};
use crate::ui::i18n::*;
use crate::ui::parts::report_charts::{Bar, BarChart, ReportTable};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// A column's heading, by key.
fn col(i18n: I18n, k: &str) -> String {
    match k {
        "figure" => t_string!(i18n, report.col_figure),
        "this" => t_string!(i18n, report.col_this),
        "last" => t_string!(i18n, report.col_last),
        "space" => t_string!(i18n, report.col_space),
        "booked" => t_string!(i18n, report.col_booked),
        "open" => t_string!(i18n, report.col_open),
        "percent" => t_string!(i18n, report.col_percent),
        "held" => t_string!(i18n, report.col_held),
        "team" => t_string!(i18n, report.col_team),
        "hours" => t_string!(i18n, report.col_hours),
        "weekday" => t_string!(i18n, report.col_weekday),
        "activity" => t_string!(i18n, report.col_activity),
        "kind" => t_string!(i18n, report.col_kind),
        "sessions" => t_string!(i18n, report.col_sessions),
        "served" => t_string!(i18n, report.col_served),
        "purpose" => t_string!(i18n, report.col_purpose),
        "count" => t_string!(i18n, report.col_count),
        "rank" => t_string!(i18n, report.col_rank),
        _ => t_string!(i18n, report.col_name),
    }
    .to_string()
}

/// The columns of a table, by key.
pub(super) fn cols(i18n: I18n, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| col(i18n, k)).collect()
}

/// A table's CSV name: `report-2026-11-spaces`.
pub(super) fn table_name(month: Month, table: &str) -> String {
    format!("report-{}-{table}", month.key())
}

/// One section of the report: a heading and a table (and a chart).
#[component]
fn ReportSection(
    id: &'static str,
    title: String,
    caption: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    name: String,
    #[prop(optional)] chart: Option<(Vec<Bar>, Option<f64>, &'static str)>,
) -> impl IntoView {
    let day = use_app().now_local().date();
    view! {
        <section class="report-section" aria-labelledby=id>
            <h3 id=id>{title}</h3>
            {chart.map(|(bars, scale, testid)| match scale {
                Some(scale) => view! { <BarChart caption=caption.clone() bars=bars scale=scale testid=testid /> }.into_any(),
                None => view! { <BarChart caption=caption.clone() bars=bars testid=testid /> }.into_any(),
            })}
            <ReportTable caption=caption header=header rows=rows name=name day=day />
        </section>
    }
}

/// How the spaces were used, and on which weekdays.
#[component]
pub(super) fn SpaceUse(now: MonthFigures, month: Month) -> impl IntoView {
    let i18n = use_i18n();
    let day = use_app().now_local().date();
    if now.space_use.is_empty() {
        return ().into_any();
    }
    let space_bars: Vec<Bar> = now
        .space_use
        .iter()
        .map(|u| Bar {
            label: u.name.clone(),
            value: u.percent().unwrap_or_default() as f64,
            text: format!("{}%", u.percent().unwrap_or_default()),
        })
        .collect();
    let space_rows: Vec<Vec<String>> = now
        .space_use
        .iter()
        .map(|u| {
            vec![
                u.name.clone(),
                hours(u.booked_minutes),
                hours(u.open_minutes),
                u.percent().unwrap_or_default().to_string(),
                u.held.to_string(),
            ]
        })
        .collect();
    let weekday_minutes = |d: u8| now.by_weekday[usize::from(d - 1)];
    let weekday_bars: Vec<Bar> = (1..=7u8)
        .map(|d| Bar {
            label: format::weekday_name(i18n, d),
            value: weekday_minutes(d) as f64,
            text: hours(weekday_minutes(d)),
        })
        .collect();
    let weekday_rows: Vec<Vec<String>> = (1..=7u8)
        .map(|d| vec![format::weekday_name(i18n, d), hours(weekday_minutes(d))])
        .collect();
    let busiest = now.busiest_weekday().zip(now.busiest_hour()).map(|(d, h)| {
        let weekday = format::weekday_name(i18n, d);
        t_string!(i18n, report.busiest, weekday = weekday, hour = h).to_string()
    });
    let caption = t_string!(i18n, report.space_use_caption).to_string();
    let weekdays = t_string!(i18n, report.weekdays).to_string();
    view! {
        <section class="report-section" aria-labelledby="report-spaces">
            <h3 id="report-spaces">{t!(i18n, report.space_use)}</h3>
            <BarChart caption=caption.clone() bars=space_bars scale=100.0 testid="chart-spaces" />
            <ReportTable caption=caption
                header=cols(i18n, &["space", "booked", "open", "percent", "held"]) rows=space_rows name=table_name(month, "spaces") day=day />
            <h3>{t!(i18n, report.weekdays)}</h3>
            {busiest.map(|b| view! { <p data-testid="report-busiest">{b}</p> })}
            <BarChart caption=weekdays.clone() bars=weekday_bars testid="chart-weekdays" />
            <ReportTable caption=weekdays header=cols(i18n, &["weekday", "booked"]) rows=weekday_rows name=table_name(month, "weekdays") day=day />
        </section>
    }
    .into_any()
}

/// What the bookings were for, the teams' hours, the activities held and
/// who gave the most time: each section only when it has rows.
#[component]
pub(super) fn PeopleAndActivities(now: MonthFigures, month: Month) -> impl IntoView {
    let i18n = use_i18n();
    let team_name = move |name: &str| {
        if name.is_empty() {
            t_string!(i18n, report.no_team).to_string()
        } else {
            name.to_string()
        }
    };
    let team_bars: Vec<Bar> = now
        .minutes_by_team
        .iter()
        .map(|r| Bar {
            label: team_name(&r.name),
            value: r.value as f64,
            text: hours(r.value),
        })
        .collect();
    let team_rows: Vec<Vec<String>> = now
        .minutes_by_team
        .iter()
        .map(|r| vec![team_name(&r.name), hours(r.value)])
        .collect();
    let activity_rows: Vec<Vec<String>> = now
        .activities
        .iter()
        .map(|a| {
            vec![
                a.title.clone(),
                format::activity_kind(i18n, a.kind),
                a.sessions.to_string(),
                a.served.to_string(),
                hours(a.minutes),
            ]
        })
        .collect();
    let purpose_rows: Vec<Vec<String>> = now
        .held_by_purpose
        .iter()
        .map(|r| {
            let name = if r.name.is_empty() {
                t_string!(i18n, report.no_purpose).to_string()
            } else {
                r.name.clone()
            };
            vec![name, r.value.to_string()]
        })
        .collect();
    let top_rows: Vec<Vec<String>> = now
        .top_volunteers
        .iter()
        .enumerate()
        .map(|(i, r)| vec![(i + 1).to_string(), r.name.clone(), hours(r.value)])
        .collect();
    let purposes = t_string!(i18n, report.purposes).to_string();
    let teams = t_string!(i18n, report.team_hours).to_string();
    let team_caption = t_string!(i18n, report.team_hours_caption).to_string();
    let activities = t_string!(i18n, report.activities).to_string();
    let top = t_string!(i18n, report.top).to_string();
    view! {
        {(!purpose_rows.is_empty()).then(|| view! {
            <ReportSection id="report-purposes" title=purposes.clone() caption=purposes
                header=cols(i18n, &["purpose", "count"]) rows=purpose_rows name=table_name(month, "purposes") />
        })}
        {(!team_rows.is_empty()).then(|| view! {
            <ReportSection id="report-teams" title=teams caption=team_caption
                header=cols(i18n, &["team", "hours"]) rows=team_rows name=table_name(month, "teams")
                chart=(team_bars, None, "chart-teams") />
        })}
        {(!activity_rows.is_empty()).then(|| view! {
            <ReportSection id="report-activities" title=activities.clone() caption=activities
                header=cols(i18n, &["activity", "kind", "sessions", "served", "hours"]) rows=activity_rows name=table_name(month, "activities") />
        })}
        {(!top_rows.is_empty()).then(|| view! {
            <ReportSection id="report-top" title=top.clone() caption=top
                header=cols(i18n, &["rank", "name", "hours"]) rows=top_rows name=table_name(month, "volunteers") />
        })}
    }
}
