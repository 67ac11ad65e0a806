//! A refused booking: which rules it broke (for a series, on which date),
//! free times nearby in the same space (a tap puts one in the form) and
//! other spaces free at the wanted time.

use crate::domain::booking_rules::{day_span, suggest_times, SuggestionRequest};
use crate::domain::time::add_days;
use crate::domain::{free_spaces, Booking, BookingRefusal, Interval, LocalDateTime, Space};
use crate::store::{SaveBookingError, StoreErrorKind};
use crate::ui::components::RefusalList;
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::save::Shown;
use crate::ui::state::AppState;
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// How many days after the wanted one to look for free times.
const SUGGEST_DAYS: i64 = 2;

/// What went wrong with the last try, and what would fit instead.
#[derive(Clone, Default)]
pub struct Outcome {
    pub refusals: Vec<BookingRefusal>,
    pub times: Vec<Interval>,
    pub spaces: Vec<(Uuid, String, u32)>,
    pub failure: Option<StoreErrorKind>,
    /// The occurrence refused, when several dates were saved together.
    pub on_date: Option<Date>,
    /// Only the time was taken: its waiting list may be joined.
    pub can_wait: bool,
    /// A resident's contact could not be sealed for the committee: nothing
    /// was saved.
    pub unsealed: bool,
}

impl Outcome {
    /// A save that failed for a reason other than the booking rules.
    pub fn failed(error: SaveBookingError) -> Self {
        Outcome {
            failure: error.store_kind(),
            ..Outcome::default()
        }
    }
}

impl Shown for Outcome {
    fn store_kind(&self) -> Option<StoreErrorKind> {
        self.failure
    }
}

/// Why the booking was refused, the free times nearby (a tap puts one in
/// the form), other spaces free then, and — when only the time was taken —
/// the way onto its waiting list.
#[component]
pub fn Refusal(
    outcome: Signal<Outcome>,
    pick_time: impl Fn(Interval) + Copy + Send + Sync + 'static,
    #[prop(default = None)] join_waiting: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Outcome {
            refusals,
            times,
            spaces,
            on_date,
            can_wait,
            ..
        } = outcome.get();
        let waiting = join_waiting.filter(|_| can_wait).map(|join| {
            view! {
                <div class="action-group" data-testid="slot-waiting-offer">
                    <p class="hint">{t!(i18n, slot_waiting.join_hint)}</p>
                    <button type="button" class="button" data-testid="join-slot-waiting-list" on:click=move |_| join.run(())>
                        {t!(i18n, slot_waiting.join)}
                    </button>
                </div>
            }
        });
        let prefix = move || {
            on_date
                .map(|d| {
                    t_string!(i18n, series.refused_on, date = format::date_label(i18n, d))
                        .to_string()
                })
                .unwrap_or_default()
        };
        let items: Vec<String> = refusals
            .iter()
            .map(|r| format!("{}{}", prefix(), format::refusal(i18n, r)))
            .collect();
        view! {
            <RefusalList items=items title=t_string!(i18n, book.refused).to_string() testid="refusal">
                {waiting}
                <h3>{t!(i18n, book.try_times)}</h3>
                {if times.is_empty() {
                    view! { <p class="muted">{t!(i18n, book.no_times)}</p> }.into_any()
                } else {
                    view! {
                        <div class="suggestions" data-testid="suggested-times">
                            {times.into_iter().map(|t| {
                                let label = move || format!("{} {}", format::date_label(i18n, t.start.date()), format::time_range(i18n, t.start, t.end));
                                view! { <button type="button" class="chip-button" on:click=move |_| pick_time(t)>{label}</button> }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
                {(!spaces.is_empty()).then(move || view! {
                    <h3>{t!(i18n, book.try_spaces)}</h3>
                    <ul class="list compact" data-testid="suggested-spaces">
                        {spaces.into_iter().map(|(id, name, capacity)| view! {
                            <li class="item">
                                <A href=format!("/spaces/{id}/book") attr:class="item-title">{name}</A>
                                <span class="item-sub">{t!(i18n, spaces.capacity, count = move || capacity)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </RefusalList>
        }
    }
}

/// Free times in the same space near the wanted one, and other spaces free
/// at the wanted time.
pub async fn alternatives(
    state: AppState,
    wanted: &Booking,
    refusals: Vec<BookingRefusal>,
    now: LocalDateTime,
) -> Outcome {
    let store = state.store();
    let (from, _) = day_span(add_days(wanted.start.date(), -1));
    let (_, to) = day_span(add_days(wanted.start.date(), SUGGEST_DAYS + 1));
    let (Ok(spaces), Ok(nearby)) = (
        store.list::<Space>().await,
        store.bookings_between(from, to).await,
    ) else {
        return Outcome {
            refusals,
            ..Outcome::default()
        };
    };
    let times = spaces
        .iter()
        .find(|s| s.meta.id == wanted.space_id)
        .map(|space| {
            let own: Vec<Booking> = nearby
                .iter()
                .filter(|b| b.space_id == space.meta.id)
                .cloned()
                .collect();
            suggest_times(SuggestionRequest {
                space,
                existing: &own,
                wanted,
                now,
                days_after: SUGGEST_DAYS,
                limit: 4,
            })
        })
        .unwrap_or_default();
    let others: Vec<Space> = spaces
        .iter()
        .filter(|s| s.meta.id != wanted.space_id)
        .cloned()
        .collect();
    let spaces = free_spaces(&others, &nearby, wanted, now)
        .into_iter()
        .take(4)
        .map(|s| (s.meta.id, s.name.clone(), s.capacity))
        .collect();
    Outcome {
        refusals,
        times,
        spaces,
        ..Outcome::default()
    }
}
