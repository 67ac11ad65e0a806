//! Bookings in lists, and the notice of what was just done to one.

use super::DayMarkNote;
use crate::domain::{Booking, BookingStatus};
use crate::ui::format;
use crate::ui::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use uuid::Uuid;

/// One booking in a list: time, title, where, and its status.
#[component]
pub fn BookingItem(
    booking: Booking,
    #[prop(optional)] space_name: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = booking.status;
    let (start, end) = (booking.start, booking.end);
    let status_class = match status {
        BookingStatus::Requested | BookingStatus::Waiting => "badge badge-wait",
        BookingStatus::Confirmed => "badge badge-ok",
        _ => "badge badge-off",
    };
    let attendance = booking.check_in.map(|c| c.attendance);
    let moved_in = booking.moved_in_at.is_some() && booking.is_live();
    view! {
        <li class="item booking-item" data-status=format!("{status:?}").to_lowercase()>
            <span class="item-time">{move || format::time_range(i18n, start, end)}</span>
            <span class="item-main">
                <A href=format!("/bookings/{}", booking.meta.id) attr:class="item-title">{booking.title.clone()}</A>
                <span class="item-sub">
                    {space_name.map(|n| view! { <span class="item-space">{n}</span> })}
                    <span>{booking.organiser.name.clone()}</span>
                    {attendance.map(|n| view! { <span>{t!(i18n, booking.checked_in, count = move || n)}</span> })}
                    {moved_in.then(|| view! { <span data-testid="booking-moved-in">{t!(i18n, slot_waiting.came_from_list)}</span> })}
                </span>
            </span>
            <span class=status_class>{move || format::booking_status(i18n, status)}</span>
        </li>
    }
}

/// Bookings under a heading per day, each with its space's name.
#[component]
pub fn BookingDays(
    days: Vec<(jiff::civil::Date, Vec<Booking>)>,
    spaces: HashMap<Uuid, String>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div data-testid=testid>
            {days.into_iter().map(|(day, list)| {
                let spaces = spaces.clone();
                view! {
                    <h3 class="day-heading">{move || format::date_label(i18n, day)} " " <DayMarkNote date=Signal::stored(day) /></h3>
                    <ul class="list">
                        {list.into_iter().map(|b| {
                            let name = spaces.get(&b.space_id).cloned().unwrap_or_default();
                            view! { <BookingItem booking=b space_name=name /> }
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
        </div>
    }
}

/// What the last action on a booking did. It travels in the address
/// (`?done=declined`), so the notice outlives the page drawing itself
/// again, and it is shown only while the booking is still in the state
/// that action left it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Created,
    Changed,
    Approved,
    Declined,
    Cancelled,
    Released,
    CheckedIn,
    /// Put on a taken slot's waiting list.
    Joined,
    /// Off a waiting list.
    Left,
}

impl Done {
    const ALL: [Done; 9] = [
        Done::Created,
        Done::Changed,
        Done::Approved,
        Done::Declined,
        Done::Cancelled,
        Done::Released,
        Done::CheckedIn,
        Done::Joined,
        Done::Left,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Done::Created => "created",
            Done::Changed => "changed",
            Done::Approved => "approved",
            Done::Declined => "declined",
            Done::Cancelled => "cancelled",
            Done::Released => "released",
            Done::CheckedIn => "checked-in",
            Done::Joined => "joined",
            Done::Left => "left",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Done::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The booking's address with this notice.
    pub fn link(self, booking: Uuid) -> String {
        format!("/bookings/{booking}?done={}", self.key())
    }

    /// Is `b` still as this action left it?
    pub fn still_true(self, b: &Booking) -> bool {
        match self {
            Done::Created | Done::Changed => b.is_live(),
            Done::Approved => b.status == BookingStatus::Confirmed,
            Done::Declined => b.status == BookingStatus::Declined,
            Done::Cancelled | Done::Released | Done::Left => b.status == BookingStatus::Cancelled,
            Done::CheckedIn => b.check_in.is_some(),
            Done::Joined => b.is_waiting(),
        }
    }

    /// What the notice says.
    pub fn notice(self, i18n: format::I18n, status: BookingStatus) -> String {
        match self {
            Done::Created if status == BookingStatus::Requested => {
                t_string!(i18n, booking.saved_requested)
            }
            Done::Created => t_string!(i18n, booking.saved_confirmed),
            Done::Changed => t_string!(i18n, booking.done_changed),
            Done::Approved => t_string!(i18n, booking.done_approved),
            Done::Declined => t_string!(i18n, booking.done_declined),
            Done::Cancelled => t_string!(i18n, booking.done_cancelled),
            Done::Released => t_string!(i18n, booking.done_released),
            Done::CheckedIn => t_string!(i18n, booking.done_checked_in),
            Done::Joined => t_string!(i18n, slot_waiting.done_joined),
            Done::Left => t_string!(i18n, slot_waiting.done_left),
        }
        .to_string()
    }
}
