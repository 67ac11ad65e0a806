//! A taken time's waiting list as a booking's page shows it: the
//! booking's place in the queue, who waits behind a live booking, and who
//! moved in when a time came free.

use crate::domain::booking_waiting::{moved_in_after, place_in_queue, waiting_behind};
use crate::domain::{Booking, Space};
use crate::ui::i18n::*;
use leptos::prelude::*;

/// A slot's waiting list as one booking sees it.
#[derive(Clone, Default, PartialEq)]
pub struct SlotQueue {
    /// This booking's place, when it is waiting (1 for the first).
    place: Option<usize>,
    /// Who waits for this booking's time, first first (a live booking).
    behind: Vec<String>,
    /// Who moved in when this booking gave its time up.
    moved_in_after: Vec<String>,
}

pub fn slot_queue(booking: &Booking, space: &Space, around: &[Booking]) -> SlotQueue {
    let names = |list: Vec<&Booking>| list.into_iter().map(|b| b.organiser.name.clone()).collect();
    SlotQueue {
        place: place_in_queue(booking, around),
        behind: names(waiting_behind(booking, space, around)),
        moved_in_after: names(moved_in_after(booking, space, around)),
    }
}

/// The booking's place on its slot's waiting list, who waits behind a
/// live booking, and who moved in when it gave its time up.
#[component]
pub fn SlotQueueView(queue: SlotQueue, moved_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let SlotQueue {
        place,
        behind,
        moved_in_after,
    } = queue;
    let count = behind.len();
    let after = moved_in_after.join("、");
    view! {
        {moved_in.then(|| view! { <p class="notice" data-testid="booking-came-from-list">{t!(i18n, slot_waiting.came_from_list)}</p> })}
        {place.map(|place| view! {
            <p class="notice" data-testid="slot-queue-place">{t!(i18n, slot_waiting.my_place, place = move || place)}</p>
            <p class="hint">{t!(i18n, slot_waiting.order_hint)}</p>
        })}
        {(!after.is_empty()).then(|| view! {
            <p class="notice" role="status" data-testid="moved-in-after">{move || t_string!(i18n, slot_waiting.moved_in_after, names = after.clone()).to_string()}</p>
        })}
        {(count > 0).then(|| view! {
            <section aria-labelledby="slot-waiting" data-testid="slot-waiting-list">
                <h2 id="slot-waiting">{t!(i18n, slot_waiting.behind, count = move || count)}</h2>
                <ol class="list compact">
                    {behind.into_iter().map(|name| view! { <li class="item" data-testid="slot-waiting-person">{name}</li> }).collect_view()}
                </ol>
            </section>
        })}
    }
}
