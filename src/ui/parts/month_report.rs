//! One month of the committee's report, as it is drawn and printed: the
//! headline figures beside last month's, the paragraph to paste, and a
//! section a table (with its chart where one helps).

use crate::domain::report::{grouped, hours, Figure, Month, MonthFigures, Trend};
use crate::domain::LocalDateTime;
use crate::ui::format::{self, counted, I18n};
use crate::ui::i18n::*;
use crate::ui::marks::mark;
use crate::ui::parts::report_charts::ReportTable;
use crate::ui::parts::report_sections::{cols, table_name, PeopleAndActivities, SpaceUse};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;

/// "2026年11月" / "November 2026".
pub fn month_label(i18n: I18n, month: Month) -> String {
    let name = format::month_name(i18n, month.month);
    t_string!(i18n, report.month_label, year = month.year, month = name).to_string()
}

/// The community's name as typed on the report, or "本社区" / "Our
/// community" (`in_text`: "our community", inside a sentence).
fn community_name(i18n: I18n, state: AppState, in_text: bool) -> String {
    let name = state.settings.with(|s| s.community_name.trim().to_string());
    match (name.is_empty(), in_text) {
        (false, _) => name,
        (true, false) => t_string!(i18n, report.community_default).to_string(),
        (true, true) => t_string!(i18n, report.community_in_text).to_string(),
    }
}

#[component]
pub fn MonthReport(
    now: MonthFigures,
    before: MonthFigures,
    as_of: LocalDateTime,
    month: Month,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // Counted while the month was not over: its figures are "so far".
    let so_far = Month::of(as_of.date()) == month;
    let heading = t_string!(
        i18n,
        report.heading,
        community = community_name(i18n, state, false),
        month = month_label(i18n, month)
    )
    .to_string();
    let text = paragraph(i18n, community_name(i18n, state, true), month, &now);
    let empty = now.activities_held() == 0
        && now.shifts == 0
        && now.booked_minutes() == 0
        && now.new_volunteers == 0;
    request_animation_frame(|| mark("linli-report-drawn"));
    view! {
        <article class="report" data-testid="report">
            <header class="sheet-head report-head">
                <h2 data-testid="report-heading">{heading}</h2>
                {so_far.then(|| view! {
                    <p class="hint" data-testid="report-so-far">{move || t_string!(i18n, report.so_far, date = format::date_label(i18n, as_of.date()), time = as_of.clock().to_string()).to_string()}</p>
                })}
            </header>
            {empty.then(|| view! { <p class="empty" data-testid="report-empty">{t!(i18n, report.empty)}</p> })}
            <HeadlineFigures now=now.clone() before=before month=month />
            <ReportParagraph text=text />
            <SpaceUse now=now.clone() month=month />
            <PeopleAndActivities now=now month=month />
        </article>
    }
}

/// The headline figures beside last month's, and their table.
#[component]
fn HeadlineFigures(now: MonthFigures, before: MonthFigures, month: Month) -> impl IntoView {
    let i18n = use_i18n();
    let day = use_app().now_local().date();
    let figures: Vec<(Figure, i64, i64)> = now
        .headline()
        .iter()
        .zip(before.headline())
        .map(|((f, v), (_, b))| (*f, *v, b))
        .collect();
    let figure_rows: Vec<Vec<String>> = figures
        .iter()
        .map(|(f, v, b)| {
            vec![
                figure_label(i18n, *f),
                figure_text(*f, *v),
                figure_text(*f, *b),
            ]
        })
        .collect();
    let places_needed = now.places_needed;
    let sessions = now.sessions;
    let bookings_held = now.bookings_held;
    let shifts_short = now.shifts_short;
    view! {
        <section class="report-section" aria-labelledby="report-figures">
            <h3 id="report-figures">{t!(i18n, report.figures)}</h3>
            <ul class="figures" data-testid="report-figures">
                {figures.iter().map(|(f, v, b)| {
                    let (f, v, b) = (*f, *v, *b);
                    let trend = Trend::of(v, b);
                    let (arrow, word) = match trend {
                        Trend::Up => ("↑", t_string!(i18n, report.up).to_string()),
                        Trend::Down => ("↓", t_string!(i18n, report.down).to_string()),
                        Trend::Same => ("＝", t_string!(i18n, report.same).to_string()),
                    };
                    let value = if f == Figure::PlacesFilled {
                        let needed = grouped(places_needed.into());
                        t_string!(i18n, report.places_value, filled = grouped(v), needed = needed).to_string()
                    } else {
                        figure_text(f, v)
                    };
                    let previous = figure_text(f, b);
                    view! {
                        <li class="figure" data-figure=format!("{f:?}")>
                            <span class="figure-label">{figure_label(i18n, f)}</span>
                            <strong class="figure-value" data-testid="figure-value">{value}</strong>
                            <span class=format!("figure-trend {}", format!("{trend:?}").to_lowercase())>
                                <span aria-hidden="true">{arrow}" "</span>
                                <span class="sr-only">{word}" "</span>
                                {t!(i18n, report.previous, value = move || previous.clone())}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="hint" data-testid="report-sessions">
                {move || t_string!(
                    i18n,
                    report.sessions_detail,
                    events = counted!(i18n, sessions.events, [count.events_single], [count.events]),
                    services = counted!(i18n, sessions.services, [count.service_days_single], [count.service_days]),
                    bookings = counted!(i18n, bookings_held, [count.space_bookings_single], [count.space_bookings])
                ).to_string()}
                {(shifts_short > 0).then(|| view! { " · " {move || counted!(i18n, shifts_short, [report.shifts_short_single], [report.shifts_short])} })}
            </p>
            <ReportTable caption=t_string!(i18n, report.figures).to_string() header=cols(i18n, &["figure", "this", "last"]) rows=figure_rows name=table_name(month, "figures") day=day />
        </section>
    }
}

/// The paragraph to paste into a chat, with copy and print.
#[component]
fn ReportParagraph(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let copy_state = RwSignal::new(None::<bool>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let copy_text = text.clone();
    let copy = move |_| {
        let text = copy_text.clone();
        leptos::task::spawn_local(async move {
            let copied = copy_to_clipboard(&text).await;
            if !copied {
                // Selected, so one long-press copies it by hand.
                if let Some(el) = area.get_untracked() {
                    el.select();
                }
            }
            copy_state.set(Some(copied));
        });
    };
    view! {
        <section class="report-section paragraph no-print-break" aria-labelledby="report-paragraph">
            <h3 id="report-paragraph">{t!(i18n, report.paragraph_title)}</h3>
            <p class="print-only">{text.clone()}</p>
            <textarea class="report-paragraph no-print" node_ref=area readonly=true rows="4" aria-labelledby="report-paragraph" data-testid="report-paragraph">{text.clone()}</textarea>
            <button type="button" class="button primary no-print" data-testid="report-copy" on:click=copy>{t!(i18n, report.copy)}</button>
            {move || copy_state.get().map(|ok| if ok {
                view! { <p class="notice" role="status" data-testid="report-copied">{t!(i18n, report.copied)}</p> }.into_any()
            } else {
                view! { <p class="refusal" role="alert" data-testid="report-copy-failed">{t!(i18n, report.copy_failed)}</p> }.into_any()
            })}
            <button type="button" class="button no-print" data-testid="print" on:click=move |_| { let _ = window().print(); }>{t!(i18n, report.print)}</button>
        </section>
    }
}

fn figure_label(i18n: I18n, figure: Figure) -> String {
    match figure {
        Figure::ActivitiesHeld => t_string!(i18n, report.fig_activities),
        Figure::PeopleServed => t_string!(i18n, report.fig_served),
        Figure::VolunteerHours => t_string!(i18n, report.fig_hours),
        Figure::VolunteersServing => t_string!(i18n, report.fig_volunteers),
        Figure::NewVolunteers => t_string!(i18n, report.fig_new),
        Figure::PlacesFilled => t_string!(i18n, report.fig_places),
        Figure::NoShows => t_string!(i18n, report.fig_no_shows),
        Figure::DutySessions => t_string!(i18n, report.fig_duties),
        Figure::SpaceUse => t_string!(i18n, report.fig_space_use),
        Figure::ReleasedNoShows => t_string!(i18n, report.fig_releases),
    }
    .to_string()
}

/// A figure's value as shown: hours from minutes, a percentage.
fn figure_text(figure: Figure, value: i64) -> String {
    match figure {
        Figure::VolunteerHours => hours(value),
        Figure::SpaceUse => format!("{value}%"),
        _ => grouped(value),
    }
}

/// "11月，本社区共开展活动 18 场，……" from the figures.
fn paragraph(i18n: I18n, community: String, month: Month, f: &MonthFigures) -> String {
    let label = month_label(i18n, month);
    let (activities, served) = (f.activities_held(), f.people_served());
    let (volunteers, new) = (f.volunteers_serving, f.new_volunteers);
    let hours_text = hours(f.minutes);
    // "1 hour" only when the hours read exactly 1 ("0.5 hours", "1.5 hours").
    let hours_n = if hours_text == "1" { 1 } else { 2 };
    let mut text = t_string!(
        i18n,
        report.paragraph,
        month = label,
        community = community,
        activities = counted!(i18n, activities => grouped(activities.into()), [count.activities_single], [count.activities]),
        served = counted!(i18n, served => grouped(served.into()), [count.people_single], [count.people]),
        volunteers = counted!(i18n, volunteers => grouped(volunteers.into()), [count.volunteers_single], [count.volunteers]),
        hours = counted!(i18n, hours_n => hours_text.clone(), [count.hours_single], [count.hours]),
        new = counted!(i18n, new => grouped(new.into()), [count.new_volunteers_single], [count.new_volunteers])
    )
    .to_string();
    if f.sessions.duties > 0 {
        let n = f.sessions.duties;
        let duties =
            counted!(i18n, n => grouped(n.into()), [count.duties_kept_single], [count.duties_kept]);
        text.push_str(&t_string!(i18n, report.paragraph_duties, duties = duties).to_string());
    }
    if let Some(space) = f.busiest_space() {
        let (name, percent) = (space.name.clone(), space.percent().unwrap_or_default());
        text.push_str(
            &t_string!(
                i18n,
                report.paragraph_space,
                space = name,
                percent = percent
            )
            .to_string(),
        );
    }
    text.push_str(t_string!(i18n, report.paragraph_end));
    text
}

/// Puts `text` on the clipboard. False where the browser has no
/// clipboard here or refuses (no permission, not a secure page).
async fn copy_to_clipboard(text: &str) -> bool {
    // Raw web-sys: gloo has no clipboard wrapper.
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}
