//! The monthly report's charts and tables. Charts are SVG drawn here (no
//! chart library: nothing more to download, nothing run from elsewhere);
//! each one has a plain table beside it, which is what a screen reader
//! reads and what the CSV button writes, row for row.

use crate::exchange::csv_export::table_csv;
use crate::exchange::outgoing::Outgoing;
use crate::store::StoreErrorKind;
use crate::ui::components::Failure;
use crate::ui::files::deliver;
use crate::ui::i18n::*;
use crate::ui::save::{act, Save};
use leptos::prelude::*;

// Whole units of the drawing (the page scales it to the screen): integer
// coordinates keep float printing out of the app.
const WIDTH: i64 = 320;
const ROW: i64 = 26;
const LABEL: i64 = 96;
const VALUE: i64 = 52;

/// At most `max` characters, with "…" when cut: a chart's label (the
/// table under it has the whole name).
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// One bar: its label, its length (any unit) and the text at its end.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

/// Horizontal bars, longest first as given. `scale` is the value of a
/// full-length bar (100 for percentages); `None` scales to the longest.
#[component]
pub fn BarChart(
    caption: String,
    bars: Vec<Bar>,
    #[prop(optional)] scale: Option<f64>,
    testid: &'static str,
) -> impl IntoView {
    let most = scale
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(f64::EPSILON);
    let height = (bars.len() as i64 * ROW).max(ROW);
    let room = WIDTH - LABEL - VALUE;
    view! {
        <svg class="chart" data-testid=testid viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=caption>
            {bars.into_iter().enumerate().map(|(i, b)| {
                let y = i as i64 * ROW;
                let length = ((b.value / most).clamp(0.0, 1.0) * room as f64).round() as i64;
                view! {
                    <g class="bar">
                        <text x=LABEL - 6 y=y + ROW * 2 / 3 text-anchor="end">{short(&b.label, 7)}</text>
                        <rect x=LABEL y=y + 5 width=length.max(1) height=ROW - 10 rx="2"></rect>
                        <text class="value" x=LABEL + length + 4 y=y + ROW * 2 / 3>{b.text}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// One line of the twelve-month trend: a label for each month and a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub title: String,
    pub points: Vec<(String, f64)>,
    /// The last value as the figures show it.
    pub last: String,
}

/// Small line charts over the same months, one per figure (their units
/// differ, so they are not drawn on one axis).
#[component]
pub fn TrendLines(caption: String, lines: Vec<Line>) -> impl IntoView {
    const H: i64 = 64;
    const TOP: i64 = 18;
    const LEFT: i64 = 8;
    const RIGHT: i64 = 56;
    view! {
        <div class="trend" role="img" aria-label=caption data-testid="report-trend-chart">
            {lines.into_iter().map(|line| {
                let n = line.points.len().max(2) as i64 - 1;
                let most = line.points.iter().map(|p| p.1).fold(0.0, f64::max).max(f64::EPSILON);
                let x = move |i: usize| LEFT + i as i64 * (WIDTH - LEFT - RIGHT) / n;
                let y = move |v: f64| TOP + ((1.0 - v / most) * (H - TOP - 14) as f64).round() as i64;
                let path = line
                    .points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("{},{}", x(i), y(p.1)))
                    .collect::<Vec<_>>()
                    .join(" ");
                let first = line.points.first().map(|p| p.0.clone()).unwrap_or_default();
                let last_month = line.points.last().map(|p| p.0.clone()).unwrap_or_default();
                let count = line.points.len();
                let end = line.points.last().map(|p| (x(count - 1), y(p.1)));
                view! {
                    <svg class="chart line" viewBox=format!("0 0 {WIDTH} {H}") aria-hidden="true">
                        <text x=LEFT y="12" class="title">{line.title}</text>
                        <polyline points=path fill="none"></polyline>
                        {end.map(|(ex, ey)| view! { <circle cx=ex cy=ey r="3"></circle> })}
                        <text x=WIDTH - RIGHT + 6 y=end.map_or(H / 2, |e| e.1 + 4) class="value">{line.last}</text>
                        <text x=LEFT y=H - 2 class="axis">{first}</text>
                        <text x=WIDTH - RIGHT y=H - 2 class="axis" text-anchor="end">{last_month}</text>
                    </svg>
                }
            }).collect_view()}
        </div>
    }
}

/// A table of the report with its CSV button: the file holds exactly
/// the rows shown.
#[component]
pub fn ReportTable(
    caption: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The file's name part ("report-2026-11-spaces") and the test id.
    name: String,
    /// The community's date, for the file's name.
    day: jiff::civil::Date,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = table_csv(&header, &rows);
    let file = StoredValue::new(Outgoing::csv(&name, day, text));
    let export: Save<(), StoreErrorKind> = act(
        move |_, ()| async move {
            let file = file.get_value();
            deliver(&file.name, file.mime, &file.text)
                .await
                .map(|_| ())
                .map_err(|e| e.kind())
        },
        |()| {},
    );
    let testid = name.clone();
    view! {
        <div class="report-table" data-testid=format!("table-{testid}")>
            <table class="counts">
                <caption>{caption}</caption>
                <thead>
                    <tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" class="button small no-print" data-testid=format!("csv-{name}")
                on:click=move |_| export.run(()) disabled=move || export.busy()>
                {t!(i18n, report.csv)}
            </button>
            <Failure kind=export.store_failure() />
        </div>
    }
}
