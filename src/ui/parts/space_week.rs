//! A space's week as seven short rows — readable on a 390 px phone where
//! seven columns are not.

use crate::domain::booking_rules::day_span;
use crate::domain::time::{add_days, group_by_day, weekday_number};
use crate::domain::{Booking, Space};
use crate::ui::components::{kept, when_loaded, DayMarkNote};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SpaceWeek(space: Space) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.now_local().date();
    let monday = kept("space-week", || {
        add_days(today, 1 - weekday_number(today.weekday()) as i64)
    });
    let space = StoredValue::new(space);
    let week = LocalResource::new(move || {
        state.track();
        let first = monday.get();
        let id = space.with_value(|s| s.meta.id);
        async move {
            let (from, _) = day_span(first);
            let (_, to) = day_span(add_days(first, 6));
            let bookings = state.store().bookings_of_space(id, from, to).await?;
            Ok(group_by_day(
                bookings.into_iter().filter(Booking::is_live),
                |b| b.start.date(),
            ))
        }
    });
    let move_week = move |weeks: i64| monday.update(|d| *d = add_days(*d, 7 * weeks));
    view! {
        <section aria-labelledby="week-view" data-testid="week-view">
            <h2 id="week-view">{t!(i18n, week.title)}</h2>
            <div class="day-nav">
                <button type="button" class="chip-button" aria-label=move || t_string!(i18n, week.prev) on:click=move |_| move_week(-1)>"‹"</button>
                <span class="week-label" data-testid="week-label">
                    {move || format!("{} – {}", format::date_label(i18n, monday.get()), format::date_label(i18n, add_days(monday.get(), 6)))}
                </span>
                <button type="button" class="chip-button" aria-label=move || t_string!(i18n, week.next) on:click=move |_| move_week(1)>"›"</button>
            </div>
            <A href=move || format!("/spaces/{}/door?week={}", space.with_value(|s| s.meta.id), monday.get()) attr:class="button small" attr:data-testid="print-door">{t!(i18n, print.door)}</A>
            {move || when_loaded(week.get(), move |days: Vec<(Date, Vec<Booking>)>| {
                let first = monday.get_untracked();
                view! {
                    <ul class="list week" data-testid="week-days">
                        {(0..7).map(|i| {
                            let date = add_days(first, i);
                            let open = space.with_value(|s| !s.periods_on(weekday_number(date.weekday())).is_empty());
                            let list = days.iter().find(|(d, _)| *d == date).map(|(_, l)| l.clone()).unwrap_or_default();
                            view! {
                                <li class="item week-day" class:today=date == today>
                                    <span class="item-time">{move || format::date_label(i18n, date)} <DayMarkNote date=Signal::stored(date) /></span>
                                    <span class="item-main">
                                        {if list.is_empty() {
                                            view! {
                                                <span class="muted">{move || if open { t_string!(i18n, week.free) } else { t_string!(i18n, week.closed) }}</span>
                                            }.into_any()
                                        } else {
                                            list.into_iter().map(|b| {
                                                let (s, e) = (b.start, b.end);
                                                view! {
                                                    <A href=format!("/bookings/{}", b.meta.id) attr:class="week-booking">
                                                        <span class="item-sub">{move || format::time_range(i18n, s, e)}</span>
                                                        " " {b.title.clone()}
                                                    </A>
                                                }
                                            }).collect_view().into_any()
                                        }}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}
