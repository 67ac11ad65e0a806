//! What an import shows at each stage: the progress line, a refused or
//! broken file, the preview with its clashes to settle, a holiday
//! arrangement, and the result.

use crate::domain::holidays::HolidayArrangement;
use crate::domain::{Community, RecordKind};
use crate::exchange::holidays::{Affected, AffectedLink};
use crate::exchange::import::Comparison;
use crate::exchange::{ImportProblem, KindCounts, ReadError, Resolution};
use crate::ui::format::exchange::{conflict_text, kind_name, problem, read_error};
use crate::ui::format::{self, counted, I18n};
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// How many problems of a bad file are listed before "and N more".
pub(super) const PROBLEMS_SHOWN: usize = 20;

/// Where an import stands.
#[derive(Clone)]
pub(super) enum Stage {
    Idle,
    Busy(Step),
    Refused(ReadError),
    Invalid(Vec<ImportProblem>),
    Preview(Box<Preview>),
    Done(usize),
    Replaced,
    /// A holiday arrangement file, before it is loaded.
    Holidays(Box<HolidayPreview>),
    /// The year of the arrangement just loaded.
    HolidaysLoaded(i16),
}

/// A holiday arrangement file on screen: what it holds, whether it
/// replaces a year the phone knows, and what saved occurrences it touches.
#[derive(Clone)]
pub(super) struct HolidayPreview {
    pub(super) arrangement: HolidayArrangement,
    pub(super) replaces: bool,
    pub(super) affected: Vec<Affected>,
}

/// The steps of an import, in order, with how much each is working on.
#[derive(Clone, Copy)]
pub(super) enum Step {
    Reading { megabytes: f64 },
    Checking { records: usize },
    Comparing { records: usize },
    Writing { records: usize },
}

impl Step {
    const COUNT: u8 = 4;

    pub(super) fn number(self) -> u8 {
        match self {
            Step::Reading { .. } => 1,
            Step::Checking { .. } => 2,
            Step::Comparing { .. } => 3,
            Step::Writing { .. } => 4,
        }
    }
}

/// The preview on screen: the comparison, and what it was made against.
#[derive(Clone)]
pub(super) struct Preview {
    pub(super) comparison: Comparison,
    /// This phone's records the comparison was made against.
    pub(super) local: Arc<Community>,
    /// Who this phone belongs to, recorded on what a choice cancels.
    pub(super) me: String,
}

pub(super) fn stage_view(
    i18n: I18n,
    stage: RwSignal<Stage>,
    choices: RwSignal<Vec<Resolution>>,
    apply: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    replace: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    load_holidays: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> AnyView {
    match stage.get() {
        Stage::Idle => ().into_any(),
        Stage::Busy(step) => view! {
            <div class="import-progress" role="status" data-testid="import-stage" data-step=step.number()>
                <progress max=Step::COUNT value=step.number() aria-label=move || t_string!(i18n, exchange.progress_label)></progress>
                <p>
                    {move || t_string!(i18n, exchange.step_of, step = step.number(), count = Step::COUNT).to_string()}
                    " "
                    {move || match step {
                        Step::Reading { megabytes } => t_string!(i18n, exchange.stage_reading, mb = format!("{megabytes:.1}")).to_string(),
                        Step::Checking { records } => counted!(i18n, records, [exchange.stage_checking_single], [exchange.stage_checking]),
                        Step::Comparing { records } => counted!(i18n, records, [exchange.stage_comparing_single], [exchange.stage_comparing]),
                        Step::Writing { records } => counted!(i18n, records, [exchange.stage_writing_single], [exchange.stage_writing]),
                    }}
                </p>
            </div>
        }
        .into_any(),
        Stage::Refused(e) => view! {
            <section class="refusal" role="alert" data-testid="import-refused"><p>{read_error(i18n, &e)}</p></section>
        }
        .into_any(),
        Stage::Invalid(problems) => {
            let count = problems.len();
            let more = count.saturating_sub(PROBLEMS_SHOWN);
            view! {
                <section class="refusal" role="alert" data-testid="import-problems">
                    <h3>{move || counted!(i18n, count, [exchange.problems_single], [exchange.problems])}</h3>
                    <ul>{problems.iter().take(PROBLEMS_SHOWN).map(|p| view! { <li>{problem(i18n, p)}</li> }).collect_view()}</ul>
                    {(more > 0).then(|| view! { <p>{t!(i18n, exchange.more_problems, count = move || more)}</p> })}
                </section>
            }
            .into_any()
        }
        Stage::Preview(p) => preview_view(i18n, *p, choices, apply, replace),
        Stage::Done(count) => view! {
            <p class="notice" role="status" data-testid="imported">{move || counted!(i18n, count, [exchange.imported_single], [exchange.imported])}</p>
        }
        .into_any(),
        Stage::Replaced => view! {
            <p class="notice" role="status" data-testid="replaced">{t!(i18n, exchange.replaced)}</p>
        }
        .into_any(),
        Stage::Holidays(p) => holidays_view(i18n, *p, load_holidays),
        Stage::HolidaysLoaded(year) => view! {
            <p class="notice" role="status" data-testid="holidays-loaded">{t!(i18n, holiday.loaded, year = move || year)}</p>
        }
        .into_any(),
    }
}

/// Each affected occurrence: its date and time, a link to it.
pub(super) fn affected_list(i18n: I18n, affected: Vec<Affected>) -> impl IntoView {
    view! {
        <ul class="list" data-testid="holiday-affected">
            {affected.into_iter().map(|a| {
                let href = match a.link {
                    AffectedLink::Booking(id) => format!("/bookings/{id}"),
                    AffectedLink::Shift(id) => format!("/shifts/{id}"),
                };
                let (start, day) = (a.start, a.start.date());
                view! {
                    <li class="item">
                        <span class="item-time">{move || format!("{} {}", format::date_label(i18n, day), start.clock())}</span>
                        <span class="item-main"><A href=href attr:class="item-title">{a.title}</A></span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn holidays_view(
    i18n: I18n,
    p: HolidayPreview,
    load: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> AnyView {
    let HolidayPreview {
        arrangement,
        replaces,
        affected,
    } = p;
    let year = arrangement.year;
    let off = arrangement.days.iter().filter(|d| d.is_off_day).count();
    let work = arrangement.days.len() - off;
    view! {
        <section aria-labelledby="holiday-preview" data-testid="holiday-preview">
            <h3 id="holiday-preview">{t!(i18n, holiday.preview_title, year = move || year)}</h3>
            <p data-testid="holiday-counts">{t!(i18n, holiday.preview_counts, off = move || off, work = move || work)}</p>
            <p class="hint">{move || if replaces { t_string!(i18n, holiday.replaces) } else { t_string!(i18n, holiday.adds) }}</p>
            {if affected.is_empty() {
                view! { <p class="notice" data-testid="holiday-affected-none">{t!(i18n, holiday.none_affected)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, holiday.affected)}</p>
                    {affected_list(i18n, affected)}
                }.into_any()
            }}
            <div class="actions-row">
                <button type="button" class="button primary" data-testid="load-holidays" on:click=load>{t!(i18n, holiday.load)}</button>
            </div>
        </section>
    }
    .into_any()
}

fn preview_view(
    i18n: I18n,
    p: Preview,
    choices: RwSignal<Vec<Resolution>>,
    apply: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    replace: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> AnyView {
    let Comparison {
        document,
        plan,
        names,
        asked_again,
    } = p.comparison;
    let state = use_app();
    let made = state
        .settings
        .with_untracked(|s| s.zone)
        .local(document.header.exported_at);
    let device = document.header.device_id.short();
    let nothing = plan.changes_nothing();
    let conflicts = plan.conflicts;
    let rows: Vec<(RecordKind, KindCounts)> = plan.counts.into_iter().collect();
    let kept_erased: usize = rows.iter().map(|(_, c)| c.erased).sum();
    view! {
        <section aria-labelledby="import-preview" data-testid="import-preview">
            <h3 id="import-preview">{t!(i18n, exchange.preview)}</h3>
            <p class="hint">{move || t_string!(i18n, exchange.covers, device = device.clone(), when = format!("{} {}", format::date_label(i18n, made.date()), made.clock())).to_string()}</p>
            <table class="counts import-counts" data-testid="import-counts">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, exchange.col_kind)}</th>
                        <th scope="col">{t!(i18n, exchange.col_new)}</th>
                        <th scope="col">{t!(i18n, exchange.col_changed)}</th>
                        <th scope="col">{t!(i18n, exchange.col_unchanged)}</th>
                        <th scope="col">{t!(i18n, exchange.col_deleted)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(kind, c)| view! {
                        <tr data-kind=kind.plural()>
                            <th scope="row">{move || kind_name(i18n, kind)}</th>
                            <td data-col="new">{c.new}</td>
                            <td data-col="changed">{c.changed}</td>
                            <td data-col="unchanged">{c.unchanged}</td>
                            <td data-col="deleted">{c.deleted}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(kept_erased > 0).then(|| view! {
                <p class="notice" data-testid="import-kept-erased">{move || counted!(i18n, kept_erased, [exchange.kept_erased_single], [exchange.kept_erased])}</p>
            })}
            {nothing.then(|| view! { <p class="notice" data-testid="import-nothing">{t!(i18n, exchange.nothing)}</p> })}
            {(!conflicts.is_empty()).then(|| {
                let count = conflicts.len();
                view! {
                    {asked_again.then(|| view! {
                        <p class="notice" role="status" data-testid="asked-again">{t!(i18n, exchange.asked_again)}</p>
                    })}
                    <h3>{move || counted!(i18n, count, [exchange.conflicts_single], [exchange.conflicts])}</h3>
                    <ul class="list" data-testid="import-conflicts">
                        {conflicts.into_iter().enumerate().map(|(i, c)| view! {
                            <li class="item conflict" data-testid="conflict">
                                <span class="item-main">
                                    <span>{conflict_text(i18n, &c, &names)}</span>
                                    <span class="conflict-choices" role="radiogroup">
                                        {[(Resolution::KeepMine, "mine"), (Resolution::TakeTheirs, "theirs")].into_iter().map(|(r, key)| view! {
                                            <label class="check">
                                                <input type="radio" name=format!("conflict-{i}") value=key
                                                    prop:checked=move || choices.with(|c| c.get(i) == Some(&r))
                                                    on:change=move |_| choices.update(|c| { if let Some(x) = c.get_mut(i) { *x = r; } }) />
                                                <span>{move || match r {
                                                    Resolution::KeepMine => t_string!(i18n, exchange.keep_mine),
                                                    Resolution::TakeTheirs => t_string!(i18n, exchange.take_theirs),
                                                }}</span>
                                            </label>
                                        }).collect_view()}
                                    </span>
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
            <div class="actions-row">
                {(!nothing).then(|| view! { <button type="button" class="button primary" data-testid="apply-import" on:click=apply.clone()>{t!(i18n, exchange.apply)}</button> })}
            </div>
            <p class="hint">{t!(i18n, exchange.replace_hint)}</p>
            <button type="button" class="button danger" data-testid="replace-all" on:click=replace.clone()>{t!(i18n, exchange.replace)}</button>
        </section>
    }
    .into_any()
}
