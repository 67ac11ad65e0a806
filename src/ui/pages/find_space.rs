//! "Find a free space at this time": the time first, then the spaces.

use crate::domain::booking_rules::day_span;
use crate::domain::{free_spaces, Booking, ClockTime, LocalDateTime, Space};
use crate::store::StoreError;
use crate::ui::components::Failure;
use crate::ui::i18n::*;
use crate::ui::save::{act, Save};
use crate::ui::state::use_app;
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

#[component]
pub fn FindSpacePage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let now = state.now_local();
    let next_hour =
        ClockTime::from_hm((now.clock().hour() + 1).min(20), 0).unwrap_or(ClockTime::MIDNIGHT);
    let date = RwSignal::new(now.date().to_string());
    let start = RwSignal::new(next_hour.to_string());
    let end = RwSignal::new(
        LocalDateTime::new(now.date(), next_hour)
            .plus_minutes(60)
            .clock()
            .to_string(),
    );
    let people = RwSignal::new("10".to_string());
    let tried = RwSignal::new(false);
    let results = RwSignal::new(None::<Vec<(Space, String)>>);
    let searching: Save<(LocalDateTime, LocalDateTime, u32), StoreError> = act(
        |state, (s, e, n): (LocalDateTime, LocalDateTime, u32)| async move {
            let store = state.store();
            let (from, to) = day_span(s.date());
            let spaces = store.list::<Space>().await?;
            let nearby = store
                .bookings_between(from.plus_minutes(-24 * 60), to)
                .await?;
            let probe = Booking::stand_in(Uuid::nil(), s, e, n);
            let query = format!(
                "?date={}&start={}&end={}&people={n}",
                s.date(),
                s.clock(),
                e.clock()
            );
            Ok(free_spaces(&spaces, &nearby, &probe, state.now_local())
                .into_iter()
                .map(|sp| (sp.clone(), query.clone()))
                .collect::<Vec<_>>())
        },
        move |free| results.set(Some(free)),
    );

    let wanted = move || -> Option<(LocalDateTime, LocalDateTime, u32)> {
        let d: Date = date.get().parse().ok()?;
        let s: ClockTime = start.get().parse().ok()?;
        let e: ClockTime = end.get().parse().ok()?;
        let n = people.get().trim().parse::<u32>().ok().filter(|n| *n > 0)?;
        Some((LocalDateTime::new(d, s), LocalDateTime::new(d, e), n))
    };
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        match wanted() {
            Some(wanted) => searching.run(wanted),
            None => crate::ui::save::show_first_problem(),
        }
    };

    view! {
        <h1 data-testid="page-title">{t!(i18n, find.title)}</h1>
        <p class="lead">{t!(i18n, find.intro)}</p>
        <form class="form" on:submit=search novalidate=true>
            // As on the booking form: the date alone, then the two times.
            <label class="field"><span>{t!(i18n, book.date)}</span><input type="date" name="date" bind:value=date /></label>
            <div class="field-row">
                <label class="field"><span>{t!(i18n, book.start)}</span><input type="time" name="start" step="1800" bind:value=start /></label>
                <label class="field"><span>{t!(i18n, book.end)}</span><input type="time" name="end" step="1800" bind:value=end /></label>
            </div>
            <label class="field">
                <span>{t!(i18n, book.attendees)}</span>
                <input type="number" name="people" min="1" inputmode="numeric" bind:value=people />
            </label>
            <Show when=move || tried.get() && wanted().is_none()>
                <p class="field-error" role="alert">{t!(i18n, book.bad_time)}</p>
            </Show>
            <button type="submit" class="button primary" data-testid="find-search">{t!(i18n, find.search)}</button>
        </form>
        <Failure kind=searching.store_failure() />
        {move || results.get().map(|list| if list.is_empty() {
            view! { <p class="empty" data-testid="find-none">{t!(i18n, find.none)}</p> }.into_any()
        } else {
            view! {
                <h2>{t!(i18n, find.results)}</h2>
                <ul class="list" data-testid="find-results">
                    {list.into_iter().map(|(space, query)| {
                        let capacity = space.capacity;
                        view! {
                            <li class="item">
                                <span class="item-main">
                                    <span class="item-title">{space.name.clone()}</span>
                                    <span class="item-sub">{space.location.clone()} " · " {t!(i18n, spaces.capacity, count = move || capacity)}</span>
                                </span>
                                <A href=format!("/spaces/{}/book{query}", space.meta.id) attr:class="button small">{t!(i18n, find.book)}</A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
