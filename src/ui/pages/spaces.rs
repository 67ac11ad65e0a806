//! Spaces: every room with what is booked in it today.

use crate::domain::time::{add_days, weekday_number};
use crate::domain::{Booking, ClockTime, LocalDateTime, Space};
use crate::store::StoreResult;
use crate::ui::components::{when_loaded, BookingItem};
use crate::ui::format::{self, counted};
use crate::ui::i18n::*;
use crate::ui::state::{use_app, use_store_data, AppState};
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone)]
struct SpaceToday {
    space: Space,
    bookings: Vec<Booking>,
    open_today: bool,
}

async fn load(state: AppState) -> StoreResult<Vec<SpaceToday>> {
    let store = state.store();
    let today = state.now_local().date();
    let from = LocalDateTime::new(today, ClockTime::MIDNIGHT);
    let to = LocalDateTime::new(add_days(today, 1), ClockTime::MIDNIGHT);
    let bookings = store.bookings_between(from, to).await?;
    let weekday = weekday_number(today.weekday());
    let mut spaces = store.list::<Space>().await?;
    spaces.sort_by(|a, b| (!a.active, &a.name).cmp(&(!b.active, &b.name)));
    Ok(spaces
        .into_iter()
        .map(|space| {
            let mine = bookings
                .iter()
                // A waiting entry holds no time: not one of the day's bookings.
                .filter(|b| b.space_id == space.meta.id && !b.is_waiting())
                .cloned()
                .collect();
            let open_today = !space.periods_on(weekday).is_empty();
            SpaceToday {
                space,
                bookings: mine,
                open_today,
            }
        })
        .collect())
}

#[component]
pub fn SpacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let data = use_store_data(load);
    view! {
        <div class="title-row">
            <h1 data-testid="page-title">{t!(i18n, spaces.title)}</h1>
            <Show when=move || state.manages()>
                <A href="/spaces/new" attr:class="button small" attr:data-testid="add-space">{t!(i18n, space_form.add)}</A>
            </Show>
        </div>
        {move || when_loaded(data.get(), |list: Vec<SpaceToday>| {
            let count = list.len();
            if list.is_empty() {
                return view! { <p class="empty">{t!(i18n, spaces.empty)}</p> }.into_any();
            }
            view! {
                <p class="page-note" data-testid="space-count">{move || counted!(i18n, count, [spaces.count_single], [spaces.count])}</p>
                <ul class="cards" data-testid="space-list">
                    {list.into_iter().map(|s| view! { <SpaceCard item=s /> }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}

#[component]
fn SpaceCard(item: SpaceToday) -> impl IntoView {
    let i18n = use_i18n();
    let space = item.space;
    let href = format!("/spaces/{}", space.meta.id);
    let kind = space.kind;
    let capacity = space.capacity;
    let n = item.bookings.len();
    let status = if !item.open_today {
        view! { <p class="card-note">{t!(i18n, spaces.closed_today)}</p> }.into_any()
    } else if n == 0 {
        view! { <p class="card-note">{t!(i18n, spaces.free_today)}</p> }.into_any()
    } else {
        view! {
            <p class="card-note">{t!(i18n, spaces.today_bookings, count = move || n)}</p>
            <ul class="list compact">
                {item.bookings.into_iter().map(|b| view! { <BookingItem booking=b /> }).collect_view()}
            </ul>
        }.into_any()
    };
    view! {
        <li class="card" data-testid="space-card">
            <h2 class="card-title"><A href=href>{space.name.clone()}</A></h2>
            <p class="card-meta">
                <span>{move || format::space_kind(i18n, kind)}</span>
                <span>{space.location.clone()}</span>
                <span>{t!(i18n, spaces.capacity, count = move || capacity)}</span>
                {(!space.active).then(|| view! { <span class="badge badge-off">{t!(i18n, spaces.retired)}</span> })}
            </p>
            {status}
        </li>
    }
}
