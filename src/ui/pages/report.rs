//! The committee's monthly report: a month (last full month unless
//! chosen), the whole community or one space, activity or team; the
//! figures beside last month's, the charts with their tables, a paragraph
//! to paste into a chat, print and CSV. Counting is the domain's
//! (`domain::report`); this screen reads a month's records by index range
//! and draws.

use crate::domain::report::{
    grouped, hours, month_figures, teams, Directory, Figure, Month, MonthFigures, MonthRecords,
    Scope, Trend,
};
use crate::domain::{Activity, Space};
use crate::store::StoreResult;
use crate::ui::components::{when_loaded, Failure};
use crate::ui::format::{self, counted, I18n};
use crate::ui::i18n::*;
use crate::ui::marks::mark;
use crate::ui::parts::report_charts::{Bar, BarChart, Line, ReportTable, TrendLines};
use crate::ui::save::{act, Save};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use std::rc::Rc;
use uuid::Uuid;

/// How many months the trend shows.
const TREND_MONTHS: usize = 12;

fn month_label(i18n: I18n, month: Month) -> String {
    let name = format::month_name(i18n, month.month);
    t_string!(i18n, report.month_label, year = month.year, month = name).to_string()
}

/// The records of each month read so far on this visit; emptied when the
/// data changes.
#[derive(Default)]
struct MonthCache {
    revision: u64,
    months: HashMap<Month, Rc<MonthRecords>>,
    directory: Option<Rc<Directory>>,
}

#[derive(Clone, Copy)]
struct Cache(StoredValue<MonthCache, leptos::prelude::LocalStorage>);

impl Cache {
    fn new() -> Self {
        Cache(StoredValue::new_local(MonthCache::default()))
    }

    fn sync(&self, revision: u64) {
        self.0.update_value(|c| {
            if c.revision != revision {
                *c = MonthCache {
                    revision,
                    ..MonthCache::default()
                };
            }
        });
    }

    async fn directory(&self, state: AppState) -> StoreResult<Rc<Directory>> {
        if let Some(d) = self.0.with_value(|c| c.directory.clone()) {
            return Ok(d);
        }
        let d = Rc::new(state.store().report_directory().await?);
        self.0.update_value(|c| c.directory = Some(d.clone()));
        Ok(d)
    }

    /// The records of each of `months`, read together where not read yet.
    async fn months(
        &self,
        state: AppState,
        months: &[Month],
    ) -> StoreResult<Vec<Rc<MonthRecords>>> {
        let missing: Vec<Month> = self.0.with_value(|c| {
            months
                .iter()
                .copied()
                .filter(|m| !c.months.contains_key(m))
                .collect()
        });
        if !missing.is_empty() {
            let read = state.store().month_records(&missing).await?;
            self.0.update_value(|c| {
                for (m, r) in missing.into_iter().zip(read) {
                    c.months.insert(m, Rc::new(r));
                }
            });
        }
        Ok(self.0.with_value(|c| {
            months
                .iter()
                .map(|m| c.months.get(m).cloned().unwrap_or_default())
                .collect()
        }))
    }
}

#[derive(Clone)]
struct Loaded {
    directory: Rc<Directory>,
    now: MonthFigures,
    before: MonthFigures,
    /// When it was counted: a month not over is counted up to here.
    as_of: crate::domain::LocalDateTime,
}

/// The scope as a select's value: "c", "s:<id>", "a:<id>", "t:<team>".
fn scope_value(scope: &Scope) -> String {
    match scope {
        Scope::Community => "c".into(),
        Scope::Space(id) => format!("s:{id}"),
        Scope::Activity(id) => format!("a:{id}"),
        Scope::Team(t) => format!("t:{t}"),
    }
}

fn scope_from(value: &str) -> Scope {
    let id = |s: &str| s.parse::<Uuid>().ok();
    match value.split_once(':') {
        Some(("s", rest)) => id(rest).map_or(Scope::Community, Scope::Space),
        Some(("a", rest)) => id(rest).map_or(Scope::Community, Scope::Activity),
        Some(("t", rest)) if !rest.is_empty() => Scope::Team(rest.to_string()),
        _ => Scope::Community,
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.now_local().date();
    let query = use_query_map().get_untracked();
    let month = RwSignal::new(
        query
            .get("month")
            .and_then(|m| Month::parse(&m))
            .unwrap_or_else(|| Month::last_full(today)),
    );
    let scope = RwSignal::new(
        query
            .get("scope")
            .map_or(Scope::Community, |s| scope_from(&s)),
    );
    let month_text = RwSignal::new(month.get_untracked().key());
    let bad_month = RwSignal::new(false);
    let cache = Cache::new();

    let loaded = LocalResource::new(move || {
        let (m, s, revision) = (month.get(), scope.get(), state.revision.get());
        async move {
            // Where a report's time goes, for the benchmark.
            mark("linli-report-start");
            cache.sync(revision);
            // Two read-only transactions on different stores: the browser
            // runs them side by side.
            let both = [m, m.previous()];
            let (directory, read) =
                futures::join!(cache.directory(state), cache.months(state, &both));
            let (directory, read) = (directory?, read?);
            let (this, last) = (&read[0], &read[1]);
            mark("linli-report-read");
            let as_of = state.now_local();
            let loaded = Loaded {
                now: month_figures(&directory, this, m, &s, as_of),
                before: month_figures(&directory, last, m.previous(), &s, as_of),
                directory,
                as_of,
            };
            mark("linli-report-counted");
            Ok::<_, crate::store::StoreError>(loaded)
        }
    });
    // The trend reads ten more months: it starts once the month's figures
    // are in (reading beside them would slow them down and read the same
    // months twice), and is drawn after them.
    let trend = LocalResource::new(move || {
        let (m, s, revision) = (month.get(), scope.get(), state.revision.get());
        async move {
            let _ = loaded.await;
            cache.sync(revision);
            let directory = cache.directory(state).await?;
            let months = m.trailing(TREND_MONTHS);
            let read = cache.months(state, &months).await?;
            let as_of = state.now_local();
            let points: Vec<(Month, MonthFigures)> = months
                .into_iter()
                .zip(read)
                .map(|(each, records)| (each, month_figures(&directory, &records, each, &s, as_of)))
                .collect();
            Ok::<_, crate::store::StoreError>(points)
        }
    });

    let choose = move |text: String| {
        month_text.set(text.clone());
        match Month::parse(&text) {
            Some(m) => {
                bad_month.set(false);
                month.set(m);
            }
            None => bad_month.set(true),
        }
    };

    view! {
        <h1 class="no-print" data-testid="page-title">{t!(i18n, report.title)}</h1>
        <section class="report-controls no-print" aria-label=move || t_string!(i18n, report.title).to_string()>
            <label class="field">
                <span>{t!(i18n, report.month)}</span>
                <input type="month" name="report-month" data-testid="report-month"
                    prop:value=move || month_text.get()
                    on:change=move |ev| choose(event_target_value(&ev)) />
            </label>
            <Show when=move || bad_month.get()>
                <p class="refusal" role="alert">{t!(i18n, report.bad_month)}</p>
            </Show>
            <div class="actions-row">
                <button type="button" class="button small" data-testid="report-last-month"
                    on:click=move |_| choose(Month::last_full(today).key())>{t!(i18n, report.last_full)}</button>
                <button type="button" class="button small" data-testid="report-this-month"
                    on:click=move |_| choose(Month::of(today).key())>{t!(i18n, report.this_month)}</button>
            </div>
            {move || {
                // Drawn again in the other language when it changes.
                let _ = i18n.get_locale();
                when_loaded(loaded.get(), move |l: Loaded| view! { <ScopeChoice directory=l.directory scope=scope /> })
            }}
            <CommunityName />
        </section>
        {move || when_loaded(loaded.get(), move |l: Loaded| {
            let _ = i18n.get_locale();
            let m = month.get_untracked();
            view! { <MonthReport loaded=l month=m /> }
        })}
        <section class="report-section" aria-labelledby="report-trend">
            <h2 id="report-trend">{t!(i18n, report.trend)}</h2>
            {move || {
                // Read the language so the trend redraws in it.
                let _ = i18n.get_locale();
                match trend.get() {
                None => view! { <p class="loading">{t!(i18n, report.trend_loading)}</p> }.into_any(),
                Some(result) => when_loaded(Some(result), move |points: Vec<(Month, MonthFigures)>| view! { <Trend points=points /> }),
            }}}
        </section>
    }
}

/// Whose month: the whole community, a space, an activity or a team.
#[component]
fn ScopeChoice(directory: Rc<Directory>, scope: RwSignal<Scope>) -> impl IntoView {
    let i18n = use_i18n();
    let mut spaces: Vec<&Space> = directory.spaces.iter().collect();
    spaces.sort_by(|a, b| a.name.cmp(&b.name));
    let mut activities: Vec<&Activity> = directory.activities.iter().collect();
    activities.sort_by(|a, b| a.title.cmp(&b.title));
    let mut options: Vec<(String, String)> = vec![(
        "c".into(),
        t_string!(i18n, report.scope_community).to_string(),
    )];
    for s in spaces {
        let name = s.name.clone();
        options.push((
            scope_value(&Scope::Space(s.meta.id)),
            t_string!(i18n, report.scope_space, name = name).to_string(),
        ));
    }
    for a in activities {
        let name = a.title.clone();
        options.push((
            scope_value(&Scope::Activity(a.meta.id)),
            t_string!(i18n, report.scope_activity, name = name).to_string(),
        ));
    }
    for t in teams(&directory) {
        options.push((
            scope_value(&Scope::Team(t.clone())),
            t_string!(i18n, report.scope_team, name = t).to_string(),
        ));
    }
    view! {
        <label class="field">
            <span>{t!(i18n, report.scope)}</span>
            <select name="report-scope" data-testid="report-scope"
                on:change=move |ev| scope.set(scope_from(&event_target_value(&ev)))>
                {options.into_iter().map(|(value, label)| {
                    let selected = scope.with_untracked(|s| scope_value(s) == value);
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The name printed on top, kept in this phone's settings.
#[component]
fn CommunityName() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let store: Save<String, crate::store::StoreError> = act(
        |state, name: String| async move { state.update_settings(|s| s.community_name = name).await },
        |()| {},
    );
    view! {
        <label class="field">
            <span>{t!(i18n, report.community_name)}</span>
            <input type="text" name="community-name" data-testid="report-community" maxlength="40"
                prop:value=move || state.settings.with(|s| s.community_name.clone())
                on:change=move |ev| store.run(event_target_value(&ev).trim().to_string()) />
        </label>
        <Failure kind=store.store_failure() />
    }
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

#[component]
fn MonthReport(loaded: Loaded, month: Month) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let day = state.now_local().date();
    let Loaded {
        now, before, as_of, ..
    } = loaded;
    // Counted while the month was not over: its figures are "so far".
    let so_far = Month::of(as_of.date()) == month;
    let heading = {
        let label = month_label(i18n, month);
        t_string!(
            i18n,
            report.heading,
            community = community_name(i18n, state, false),
            month = label
        )
        .to_string()
    };
    let text = paragraph(i18n, community_name(i18n, state, true), month, &now);
    let figures: Vec<(Figure, i64, i64)> = now
        .headline()
        .iter()
        .zip(before.headline())
        .map(|((f, v), (_, b))| (*f, *v, b))
        .collect();
    let empty = now.activities_held() == 0
        && now.shifts == 0
        && now.booked_minutes() == 0
        && now.new_volunteers == 0;
    let key = month.key();
    let name = move |table: &str| format!("report-{key}-{table}");
    request_animation_frame(|| mark("linli-report-drawn"));
    let col = move |k: &str| -> String {
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
    };

    // Space use.
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
    // Teams.
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
    // Weekdays.
    let weekday_bars: Vec<Bar> = (1..=7u8)
        .map(|d| Bar {
            label: format::weekday_name(i18n, d),
            value: now.by_weekday[usize::from(d - 1)] as f64,
            text: hours(now.by_weekday[usize::from(d - 1)]),
        })
        .collect();
    let weekday_rows: Vec<Vec<String>> = (1..=7u8)
        .map(|d| {
            vec![
                format::weekday_name(i18n, d),
                hours(now.by_weekday[usize::from(d - 1)]),
            ]
        })
        .collect();
    let busiest = now.busiest_weekday().zip(now.busiest_hour()).map(|(d, h)| {
        let weekday = format::weekday_name(i18n, d);
        t_string!(i18n, report.busiest, weekday = weekday, hour = h).to_string()
    });
    // Activities, purposes, people.
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
    let sessions = now.sessions;
    let bookings_held = now.bookings_held;
    let shifts_short = now.shifts_short;

    view! {
        <article class="report" data-testid="report">
            <header class="sheet-head report-head">
                <h2 data-testid="report-heading">{heading}</h2>
                {so_far.then(|| view! {
                    <p class="hint" data-testid="report-so-far">{move || t_string!(i18n, report.so_far, date = format::date_label(i18n, as_of.date()), time = as_of.clock().to_string()).to_string()}</p>
                })}
            </header>
            {empty.then(|| view! { <p class="empty" data-testid="report-empty">{t!(i18n, report.empty)}</p> })}
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
                            let needed = grouped(now.places_needed.into());
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
                <ReportTable caption=t_string!(i18n, report.figures).to_string() header=vec![col("figure"), col("this"), col("last")] rows=figure_rows name=name("figures") day=day />
            </section>
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
            {(!now.space_use.is_empty()).then(|| view! {
                <section class="report-section" aria-labelledby="report-spaces">
                    <h3 id="report-spaces">{t!(i18n, report.space_use)}</h3>
                    <BarChart caption=t_string!(i18n, report.space_use_caption).to_string() bars=space_bars scale=100.0 testid="chart-spaces" />
                    <ReportTable caption=t_string!(i18n, report.space_use_caption).to_string()
                        header=vec![col("space"), col("booked"), col("open"), col("percent"), col("held")] rows=space_rows name=name("spaces") day=day />
                    <h3>{t!(i18n, report.weekdays)}</h3>
                    {busiest.map(|b| view! { <p data-testid="report-busiest">{b}</p> })}
                    <BarChart caption=t_string!(i18n, report.weekdays).to_string() bars=weekday_bars testid="chart-weekdays" />
                    <ReportTable caption=t_string!(i18n, report.weekdays).to_string() header=vec![col("weekday"), col("booked")] rows=weekday_rows name=name("weekdays") day=day />
                </section>
            })}
            {(!purpose_rows.is_empty()).then(|| view! {
                <section class="report-section" aria-labelledby="report-purposes">
                    <h3 id="report-purposes">{t!(i18n, report.purposes)}</h3>
                    <ReportTable caption=t_string!(i18n, report.purposes).to_string() header=vec![col("purpose"), col("count")] rows=purpose_rows name=name("purposes") day=day />
                </section>
            })}
            {(!team_rows.is_empty()).then(|| view! {
                <section class="report-section" aria-labelledby="report-teams">
                    <h3 id="report-teams">{t!(i18n, report.team_hours)}</h3>
                    <BarChart caption=t_string!(i18n, report.team_hours_caption).to_string() bars=team_bars testid="chart-teams" />
                    <ReportTable caption=t_string!(i18n, report.team_hours_caption).to_string() header=vec![col("team"), col("hours")] rows=team_rows name=name("teams") day=day />
                </section>
            })}
            {(!activity_rows.is_empty()).then(|| view! {
                <section class="report-section" aria-labelledby="report-activities">
                    <h3 id="report-activities">{t!(i18n, report.activities)}</h3>
                    <ReportTable caption=t_string!(i18n, report.activities).to_string()
                        header=vec![col("activity"), col("kind"), col("sessions"), col("served"), col("hours")] rows=activity_rows name=name("activities") day=day />
                </section>
            })}
            {(!top_rows.is_empty()).then(|| view! {
                <section class="report-section" aria-labelledby="report-top">
                    <h3 id="report-top">{t!(i18n, report.top)}</h3>
                    <ReportTable caption=t_string!(i18n, report.top).to_string() header=vec![col("rank"), col("name"), col("hours")] rows=top_rows name=name("volunteers") day=day />
                </section>
            })}
        </article>
    }
}

/// The twelve months to this one: three small lines and their table.
#[component]
fn Trend(points: Vec<(Month, MonthFigures)>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let day = state.now_local().date();
    let short = move |m: Month| format::month_name(i18n, m.month);
    let line =
        |title: String, value: &dyn Fn(&MonthFigures) -> i64, text: &dyn Fn(i64) -> String| Line {
            title,
            points: points
                .iter()
                .map(|(m, f)| (short(*m), value(f) as f64))
                .collect(),
            last: points
                .last()
                .map(|(_, f)| text(value(f)))
                .unwrap_or_default(),
        };
    let lines = vec![
        line(
            t_string!(i18n, report.fig_activities).to_string(),
            &|f| f.activities_held().into(),
            &grouped,
        ),
        line(
            t_string!(i18n, report.fig_served).to_string(),
            &|f| f.people_served().into(),
            &grouped,
        ),
        line(
            t_string!(i18n, report.fig_hours).to_string(),
            &|f| f.minutes,
            &hours,
        ),
    ];
    let rows: Vec<Vec<String>> = points
        .iter()
        .map(|(m, f)| {
            vec![
                month_label(i18n, *m),
                grouped(f.activities_held().into()),
                grouped(f.people_served().into()),
                hours(f.minutes),
            ]
        })
        .collect();
    let key = points.last().map(|(m, _)| m.key()).unwrap_or_default();
    let header = vec![
        t_string!(i18n, report.col_month).to_string(),
        t_string!(i18n, report.col_activities).to_string(),
        t_string!(i18n, report.col_people).to_string(),
        t_string!(i18n, report.col_hours).to_string(),
    ];
    request_animation_frame(|| mark("linli-report-trend-drawn"));
    view! {
        <TrendLines caption=t_string!(i18n, report.trend_caption).to_string() lines=lines />
        <ReportTable caption=t_string!(i18n, report.trend_caption).to_string() header=header rows=rows name=format!("report-{key}-trend") day=day />
    }
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
