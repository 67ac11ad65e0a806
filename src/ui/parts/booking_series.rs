//! The repeat part of the booking form: how a new booking repeats, the
//! preview of every date with the ones that clash marked, and for an edit
//! of a series, which occurrences the change applies to.

use crate::domain::booking_form::{BookingDraft, RepeatKind};
use crate::domain::booking_rules::day_span;
use crate::domain::time::add_days;
use crate::domain::{preview_series, Booking, OccurrenceCheck, SeriesScope, Space};
use crate::store::StoreError;
use crate::ui::components::WeekdayPicks;
use crate::ui::format;
use crate::ui::forms::{Bound, Input};
use crate::ui::i18n::*;
use crate::ui::save::{act, Save};
use crate::ui::state::use_app;
use jiff::civil::Date;
use leptos::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

/// Every date of a series, checked, as the preview shows it.
pub type SeriesPreview = Vec<(Booking, OccurrenceCheck)>;

/// How a new booking repeats. Any change makes an old preview stale.
#[component]
pub fn RepeatFields(
    draft: RwSignal<BookingDraft>,
    preview: RwSignal<Option<SeriesPreview>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let changed = move || preview.set(None);
    let kind = move || draft.with(|d| d.repeat);
    let text = move |name: &'static str,
                     input: Input,
                     get: fn(&BookingDraft) -> String,
                     set: fn(&mut BookingDraft, String)| {
        Bound::new(draft, name, input, get, set).input(|| None, changed)
    };
    let repeat_name = move |k: RepeatKind| match k {
        RepeatKind::Once => t_string!(i18n, series.none),
        RepeatKind::Weekly => t_string!(i18n, series.weekly),
        RepeatKind::MonthlyByDate => t_string!(i18n, series.monthly_date),
        RepeatKind::MonthlyByWeekday => t_string!(i18n, series.monthly_weekday),
    };
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, series.repeat)}</legend>
            <label class="field">
                <span>{t!(i18n, series.repeat)}</span>
                <select name="repeat" on:change=move |ev| {
                    let picked = RepeatKind::from_key(&event_target_value(&ev)).unwrap_or_default();
                    draft.update(|d| d.repeat = picked);
                    changed();
                }>
                    {RepeatKind::ALL.map(|k| view! {
                        <option value=k.key() selected=move || kind() == k>{move || repeat_name(k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || kind() == RepeatKind::Weekly>
                <WeekdayPicks
                    label=Signal::derive(move || t_string!(i18n, series.weekdays).to_string())
                    ticked=move |wd| draft.with(|d| d.weekdays.contains(&wd))
                    pick=move |wd, on| { draft.update(|d| d.pick_weekday(wd, on)); changed(); }
                />
                <label class="field">
                    <span>{t!(i18n, series.every_weeks)}</span>
                    {text("every", Input::Count, |d| d.every_weeks.clone(), |d, v| d.every_weeks = v)}
                </label>
            </Show>
            <Show when=move || kind() == RepeatKind::MonthlyByWeekday>
                <label class="field">
                    <span>{t!(i18n, series.nth)}</span>
                    <select name="nth" on:change=move |ev| { draft.update(|d| d.nth = event_target_value(&ev)); changed(); }>
                        {(1..=5i8).map(|n| view! {
                            <option value=n.to_string() selected=move || draft.with(|d| d.nth == n.to_string())>{move || t_string!(i18n, series.nth_n, n = n).to_string()}</option>
                        }).collect_view()}
                        <option value="-1" selected=move || draft.with(|d| d.nth == "-1")>{t!(i18n, series.nth_last)}</option>
                    </select>
                </label>
            </Show>
            <Show when=move || kind() != RepeatKind::Once>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, series.count)}</span>
                        {text("count", Input::Count, |d| d.count.clone(), |d, v| d.count = v)}
                    </label>
                    <label class="field">
                        <span>{t!(i18n, series.until)}</span>
                        {text("until", Input::Date, |d| d.until.clone(), |d, v| d.until = v)}
                    </label>
                </div>
            </Show>
        </fieldset>
    }
}

/// When editing an occurrence of a series: which occurrences change.
#[component]
pub fn ScopeChoice(scope: RwSignal<SeriesScope>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |s: SeriesScope| match s {
        SeriesScope::ThisOne => t_string!(i18n, series.scope_one),
        SeriesScope::ThisAndFollowing => t_string!(i18n, series.scope_following),
        SeriesScope::WholeSeries => t_string!(i18n, series.scope_all),
    };
    view! {
        <fieldset class="fieldset" data-testid="series-scope">
            <legend>{t!(i18n, series.apply_to)}</legend>
            {SeriesScope::ALL.into_iter().map(|s| view! {
                <label class="check">
                    <input type="radio" name="scope" value=s.key()
                        prop:checked=move || scope.get() == s
                        on:change=move |_| scope.set(s) />
                    <span>{move || label(s)}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// Every date of the series: those that fit ticked, those that clash
/// marked with why; saving keeps the ticked ones.
#[component]
pub fn SeriesPreviewList(
    list: SeriesPreview,
    chosen: RwSignal<HashSet<Uuid>>,
    busy: Signal<bool>,
    save: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let holidays = use_app().holidays.get_untracked();
    let n = move || chosen.with(HashSet::len);
    view! {
        <section aria-labelledby="series-preview" data-testid="series-preview">
            <h2 id="series-preview">{t!(i18n, series.preview)}</h2>
            <p class="hint">{t!(i18n, series.skip_hint)}</p>
            <ul class="list">
                {list.into_iter().map(|(b, check)| {
                    let id = b.meta.id;
                    let fits = check == OccurrenceCheck::Fits;
                    let (day, start, end) = (b.start.date(), b.start, b.end);
                    let reasons = match &check {
                        OccurrenceCheck::Fits => Vec::new(),
                        OccurrenceCheck::Refused(r) => r.clone(),
                    };
                    let holiday = holidays.holiday(day).map(str::to_string);
                    let on_holiday = holiday.is_some();
                    view! {
                        <li class="item" data-testid="occurrence" data-fits=fits.to_string() data-holiday=on_holiday.to_string()>
                            <input type="checkbox" disabled=!fits
                                aria-label=move || format::date_label(i18n, day)
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                                } />
                            <span class="item-main">
                                <span class="item-title">{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))}</span>
                                <span class="item-sub">
                                    {match (fits, holiday) {
                                        (true, Some(name)) => view! {
                                            <span class="day-mark holiday">{move || t_string!(i18n, holiday.skipped, name = format::holiday_name(i18n, &name)).to_string()}</span>
                                        }.into_any(),
                                        (true, None) => view! { <span class="text-ok">{t!(i18n, series.fits)}</span> }.into_any(),
                                        (false, _) => view! { <span class="text-alert">{reasons.iter().map(|r| format::refusal(i18n, r)).collect::<Vec<_>>().join(" ")}</span> }.into_any(),
                                    }}
                                </span>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="button primary" data-testid="save-series" disabled=move || busy.get() || n() == 0 on:click=move |_| save()>
                {move || t_string!(i18n, series.save, count = n()).to_string()}
            </button>
        </section>
    }
}

/// Checks every date of a new series against the space's bookings and
/// shows the preview, public holidays left unticked.
pub fn series_previewer(
    space: StoredValue<Space>,
    preview: RwSignal<Option<SeriesPreview>>,
    chosen: RwSignal<HashSet<Uuid>>,
) -> Save<(Booking, Vec<Date>), StoreError> {
    let state = use_app();
    act(
        move |state, (template, dates): (Booking, Vec<Date>)| async move {
            let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
                return Ok(Vec::new());
            };
            let (from, _) = day_span(add_days(*first, -1));
            let (_, to) = day_span(add_days(*last, 1));
            let nearby = state
                .store()
                .bookings_of_space(space.get_value().meta.id, from, to)
                .await?;
            let space = space.get_value();
            Ok(preview_series(
                &template,
                &dates,
                &space,
                &nearby,
                state.now_local(),
            ))
        },
        move |list: SeriesPreview| {
            // Public holidays are left out unless ticked: a weekly class
            // does not meet on 国庆 by default.
            let holidays = state.holidays.get_untracked();
            chosen.set(
                list.iter()
                    .filter(|(b, c)| {
                        *c == OccurrenceCheck::Fits && holidays.holiday(b.start.date()).is_none()
                    })
                    .map(|(b, _)| b.meta.id)
                    .collect(),
            );
            preview.set(Some(list));
        },
    )
}
