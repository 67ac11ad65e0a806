//! A space's day, slot by slot: taken slots link to their booking and to
//! their waiting list, free ones go straight to the booking form with the
//! time filled in.

use crate::domain::booking_rules::{day_slots, day_span, DaySlot, SlotState};
use crate::domain::time::add_days;
use crate::domain::{Booking, Space};
use crate::ui::components::{kept, when_loaded, DayMarkNote};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use jiff::civil::Date;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SpaceDay(space: Space) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let day = kept("space-day", || state.now_local().date());
    let space = StoredValue::new(space);
    let slots = LocalResource::new(move || {
        state.track();
        let date = day.get();
        let space = space.get_value();
        async move {
            let (from, to) = day_span(date);
            let bookings = state
                .store()
                .bookings_of_space(space.meta.id, from.plus_minutes(-24 * 60), to)
                .await?;
            // One person, to see where the shortest booking fits.
            let probe = Booking::stand_in(space.meta.id, from, to, 1);
            Ok(day_slots(
                &space,
                &bookings,
                &probe,
                date,
                state.now_local(),
            ))
        }
    });
    let shift_day = move |days: i64| day.update(|d| *d = add_days(*d, days));
    view! {
        <section aria-labelledby="day-view" data-testid="day-view">
            <h2 id="day-view">{t!(i18n, day.title)}</h2>
            <div class="day-nav">
                <button type="button" class="chip-button" aria-label=move || t_string!(i18n, day.prev) on:click=move |_| shift_day(-1)>"‹"</button>
                <label class="field">
                    <span class="visually-hidden">{t!(i18n, day.date)}</span>
                    <input type="date" name="day" prop:value=move || day.get().to_string()
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<Date>() {
                                day.set(d)
                            }
                        } />
                </label>
                <button type="button" class="chip-button" aria-label=move || t_string!(i18n, day.next) on:click=move |_| shift_day(1)>"›"</button>
            </div>
            <p class="page-note">{move || format::date_label(i18n, day.get())} " " <DayMarkNote date=day /></p>
            {move || when_loaded(slots.get(), move |list: Vec<DaySlot>| {
                if list.is_empty() {
                    return view! { <p class="empty">{t!(i18n, day.closed)}</p> }.into_any();
                }
                let space_id = space.with_value(|s| s.meta.id);
                let shortest = space.with_value(|s| (s.rules.min_minutes as i64).max(s.rules.slot_minutes as i64));
                let now = state.now_local();
                view! {
                    <ul class="list slots" data-testid="slots">
                        {list.into_iter().map(|slot| {
                            let time = slot.start.clock().to_string();
                            let end = slot.start.plus_minutes(shortest);
                            let href = format!("/spaces/{space_id}/book?date={}&start={}&end={}", slot.start.date(), slot.start.clock(), end.clock());
                            let body = match slot.state {
                                SlotState::Free => {
                                    view! { <A href=href attr:class="slot-free" attr:data-slot="free">{t!(i18n, day.free)}</A> }.into_any()
                                }
                                SlotState::Taken { booking, title } => {
                                    let wait = (slot.start > now).then(|| {
                                        let label = time.clone();
                                        view! {
                                            <A href=format!("{href}&wait=1") attr:class="chip-button slot-wait" attr:data-testid="slot-wait"
                                                attr:aria-label=move || t_string!(i18n, slot_waiting.slot_link_label, time = label.clone()).to_string()>
                                                {t!(i18n, slot_waiting.slot_link)}
                                            </A>
                                        }
                                    });
                                    view! {
                                        <A href=format!("/bookings/{booking}") attr:class="slot-taken" attr:data-slot="taken">{title}</A>
                                        {wait}
                                    }.into_any()
                                }
                                SlotState::Blocked => view! { <span class="slot-blocked muted" data-slot="blocked">{t!(i18n, day.blocked)}</span> }.into_any(),
                            };
                            view! { <li class="slot"><span class="slot-time">{time}</span>{body}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
