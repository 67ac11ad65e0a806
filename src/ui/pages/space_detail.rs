//! One space: where it is, when it opens, its rules, and its bookings.

use crate::domain::time::{add_days, group_by_day};
use crate::domain::{Booking, ClockTime, LocalDateTime, Space};
use crate::store::StoreResult;
use crate::ui::components::{detail_page, BookingItem};
use crate::ui::format::{self, counted};
use crate::ui::i18n::*;
use crate::ui::parts::exports::SpaceExports;
use crate::ui::parts::space_day::SpaceDay;
use crate::ui::parts::space_week::SpaceWeek;
use crate::ui::state::{use_app, AppState};
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// How far ahead the detail page lists bookings.
const DAYS_SHOWN: i64 = 14;

#[derive(Clone, PartialEq)]
struct SpaceDetail {
    space: Space,
    days: Vec<(Date, Vec<Booking>)>,
}

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<SpaceDetail>> {
    let store = state.store();
    let Some(space) = store.get_live::<Space>(id).await? else {
        return Ok(None);
    };
    let today = state.now_local().date();
    let from = LocalDateTime::new(today, ClockTime::MIDNIGHT);
    let to = LocalDateTime::new(add_days(today, DAYS_SHOWN), ClockTime::MIDNIGHT);
    let days = group_by_day(store.bookings_of_space(id, from, to).await?, |b| {
        b.start.date()
    });
    Ok(Some(SpaceDetail { space, days }))
}

#[component]
pub fn SpaceDetailPage() -> impl IntoView {
    detail_page(
        "/spaces",
        load,
        |detail| view! { <SpaceDetailView detail=detail /> },
    )
}

#[component]
fn SpaceDetailView(detail: SpaceDetail) -> impl IntoView {
    let state = use_app();
    let i18n = use_i18n();
    let space = detail.space;
    let kind = space.kind;
    let capacity = space.capacity;
    let rules = space.rules;
    let hours: Vec<(u8, String)> = (1..=7u8).map(|wd| (wd, space.hours_label(wd))).collect();
    let amenities = space.amenities.join(" · ");
    let notes = space.notes.clone();
    let location = space.location.clone();
    // What a resident opens a space for comes first: when it is free, and
    // the button to book it. The space's details follow; exports are folded.
    view! {
        <h1 data-testid="page-title">{space.name.clone()}</h1>
        <p class="card-meta">
            <span>{move || format::space_kind(i18n, kind)}</span>
            <span>{t!(i18n, spaces.capacity, count = move || capacity)}</span>
            {(!location.is_empty()).then(|| view! { <span data-testid="space-location">{location.clone()}</span> })}
        </p>
        {space.active.then(|| view! {
            <A href=format!("/spaces/{}/book", space.meta.id) attr:class="button primary" attr:data-testid="book-space">
                {t!(i18n, book.button)}
            </A>
        })}
        <SpaceDay space=space.clone() />
        <SpaceWeek space=space.clone() />
        {(!amenities.is_empty() || !notes.is_empty()).then(|| view! {
            <dl class="facts">
                {(!amenities.is_empty()).then(|| view! {
                    <dt>{t!(i18n, spaces.amenities)}</dt>
                    <dd>{amenities.clone()}</dd>
                })}
                {(!notes.is_empty()).then(|| view! {
                    <dt>{t!(i18n, spaces.notes)}</dt>
                    <dd>{notes.clone()}</dd>
                })}
            </dl>
        })}
        <section aria-labelledby="hours">
            <h2 id="hours">{t!(i18n, spaces.opening_hours)}</h2>
            <table class="hours" data-testid="opening-hours">
                <tbody>
                    {hours.into_iter().map(|(wd, text)| {
                        let closed = text.is_empty();
                        view! {
                            <tr>
                                <th scope="row">{move || format::weekday_name(i18n, wd)}</th>
                                <td class:muted=closed>
                                    {if closed { t_string!(i18n, spaces.closed).to_string() } else { text.clone() }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <section aria-labelledby="rules">
            <h2 id="rules">{t!(i18n, spaces.rules)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, spaces.rule_slot)}</dt>
                <dd>{t!(i18n, fmt.minutes, count = move || rules.slot_minutes)}</dd>
                <dt>{t!(i18n, spaces.rule_duration)}</dt>
                <dd>
                    {t!(i18n, fmt.minutes, count = move || rules.min_minutes)}
                    " – "
                    {t!(i18n, fmt.minutes, count = move || rules.max_minutes)}
                </dd>
                <dt>{t!(i18n, spaces.rule_advance)}</dt>
                <dd>{move || counted!(i18n, rules.advance_days, [fmt.days_single], [fmt.days])}</dd>
                <dt>{t!(i18n, spaces.rule_buffer)}</dt>
                <dd>{t!(i18n, fmt.minutes, count = move || rules.buffer_minutes)}</dd>
                <dt>{t!(i18n, spaces.rule_approval)}</dt>
                <dd>{move || if rules.needs_approval { t_string!(i18n, spaces.yes) } else { t_string!(i18n, spaces.no) }}</dd>
            </dl>
        </section>

        <section aria-labelledby="space-bookings">
            <h2 id="space-bookings">{t!(i18n, spaces.upcoming)}</h2>
            {if detail.days.is_empty() {
                view! { <p class="empty">{t!(i18n, spaces.no_upcoming)}</p> }.into_any()
            } else {
                view! {
                    <div data-testid="space-bookings">
                        {detail.days.into_iter().map(|(day, list)| view! {
                            <h3 class="day-heading">{move || format::date_label(i18n, day)}</h3>
                            <ul class="list">
                                {list.into_iter().map(|b| view! { <BookingItem booking=b /> }).collect_view()}
                            </ul>
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <details class="more" data-testid="space-more">
            <summary>{t!(i18n, spaces.exports)}</summary>
            <SpaceExports space=space.meta.id />
        </details>
        <Show when=move || state.manages()>
            <A href=format!("/spaces/{}/edit", space.meta.id) attr:class="button" attr:data-testid="edit-space">
                {t!(i18n, space_form.edit)}
            </A>
        </Show>
    }
}
