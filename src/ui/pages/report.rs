//! The committee's monthly report: a month (last full month unless
//! chosen), the whole community or one space, activity or team; the
//! figures beside last month's, the charts with their tables, a paragraph
//! to paste into a chat, print and CSV. Counting is the domain's
//! (`domain::report`); this screen reads a month's records by index range
//! and draws.

use crate::domain::report::{
    grouped, hours, month_figures, teams, Directory, Month, MonthFigures, MonthRecords, Scope,
};
use crate::domain::{Activity, Space};
use crate::store::StoreResult;
use crate::ui::components::{when_loaded, Failure};
use crate::ui::format::{self};
use crate::ui::i18n::*;
use crate::ui::marks::mark;
use crate::ui::parts::month_report::{month_label, MonthReport};
use crate::ui::parts::report_charts::{Line, ReportTable, TrendLines};
use crate::ui::save::{act, Save};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use std::rc::Rc;
use uuid::Uuid;

/// How many months the trend shows.
const TREND_MONTHS: usize = 12;

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
            view! { <MonthReport now=l.now before=l.before as_of=l.as_of month=m /> }
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
