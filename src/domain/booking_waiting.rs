//! Waiting lists of a space's slots (候补这个时段): who gets a slot when
//! the booking holding it is cancelled, declined, released or moved.
//!
//! The queue is the order people joined (`meta.created_at`, then id so
//! two phones agree). An entry moves in only when it passes every booking
//! rule then, against every other booking: the first in the queue that
//! fits gets the slot, the others keep waiting.

use super::booking::Booking;
use super::booking_rules::{check_booking, BookingRefusal};
use super::meta::DeviceId;
use super::space::Space;
use super::time::{Interval, LocalDateTime};
use jiff::Timestamp;

/// The rules a waiting entry must meet to join: every booking rule but
/// the slot being free (that is why it waits).
pub fn check_waiting(
    entry: &Booking,
    space: &Space,
    existing: &[Booking],
    now: LocalDateTime,
) -> Vec<BookingRefusal> {
    let mut probe = entry.clone();
    probe.status = super::booking::BookingStatus::Requested;
    let mut refusals = check_booking(&probe, space, existing, now);
    refusals.retain(|r| !matches!(r, BookingRefusal::Overlaps { .. }));
    refusals
}

/// May `refusals` be waited out? Only when the slot being taken is the
/// one thing wrong.
pub fn only_taken(refusals: &[BookingRefusal]) -> bool {
    !refusals.is_empty()
        && refusals
            .iter()
            .all(|r| matches!(r, BookingRefusal::Overlaps { .. }))
}

/// The waiting entries of `space` that want any of `freed` (its buffer
/// included), in queue order: joined first, first.
pub fn queue<'a>(space: &Space, freed: Interval, bookings: &'a [Booking]) -> Vec<&'a Booking> {
    let widened = freed.widened(space.rules.buffer_minutes);
    let mut list: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.space_id == space.meta.id && b.is_waiting())
        .filter(|b| b.interval().is_some_and(|i| i.overlaps(widened)))
        .collect();
    list.sort_by_key(|b| (b.meta.created_at, b.meta.id));
    list
}

/// Where `entry` stands on its slot's waiting list: 1 for the first.
/// Counted among the entries that want a time overlapping its own.
pub fn place_in_queue(entry: &Booking, bookings: &[Booking]) -> Option<usize> {
    let interval = entry.interval()?;
    if !entry.is_waiting() {
        return None;
    }
    let ahead = bookings
        .iter()
        .filter(|b| b.space_id == entry.space_id && b.is_waiting())
        .filter(|b| b.meta.id != entry.meta.id)
        .filter(|b| b.interval().is_some_and(|i| i.overlaps(interval)))
        .filter(|b| (b.meta.created_at, b.meta.id) < (entry.meta.created_at, entry.meta.id))
        .count();
    Some(ahead + 1)
}

/// The waiting entries that want the time of `booking` (a live one): who
/// would get it if it were cancelled, in queue order.
pub fn waiting_behind<'a>(
    booking: &Booking,
    space: &Space,
    bookings: &'a [Booking],
) -> Vec<&'a Booking> {
    match booking.interval() {
        Some(interval) if booking.is_live() => queue(space, interval, bookings),
        _ => Vec::new(),
    }
}

/// Who moved into the time `booking` gave up (cancelled, declined,
/// released or moved away): live bookings in its time, buffer included,
/// stamped with the very change that freed it.
pub fn moved_in_after<'a>(
    booking: &Booking,
    space: &Space,
    bookings: &'a [Booking],
) -> Vec<&'a Booking> {
    let Some(interval) = booking.interval() else {
        return Vec::new();
    };
    if booking.is_live() {
        return Vec::new();
    }
    let reach = interval.widened(space.rules.buffer_minutes);
    bookings
        .iter()
        .filter(|b| b.is_live() && b.moved_in_at == Some(booking.meta.updated_at))
        .filter(|b| b.interval().is_some_and(|i| i.overlaps(reach)))
        .collect()
}

/// The stretch of bookings the move-in after freeing `freed` must read:
/// every waiting entry that may want it, and every booking those could
/// collide with (bookings are at most a day long).
pub fn move_in_window(freed: Interval, buffer: u16) -> (LocalDateTime, LocalDateTime) {
    let reach = freed.widened(buffer).widened(buffer);
    (
        reach.start.plus_minutes(-48 * 60),
        reach.end.plus_minutes(24 * 60),
    )
}

/// `freed` came free in `space`: the waiting entries that move in, in
/// queue order, each checked by every booking rule against `bookings`
/// (the space's bookings around it, as they are after the change) and
/// against the entries moved in before it. `at` and `device` are the
/// change's own, so the move-in travels as part of it.
pub fn moving_in(
    space: &Space,
    freed: Interval,
    bookings: &[Booking],
    now: LocalDateTime,
    at: Timestamp,
    device: &DeviceId,
) -> Vec<Booking> {
    if space.meta.deleted || !space.active {
        return Vec::new();
    }
    let mut current: Vec<Booking> = bookings
        .iter()
        .filter(|b| b.space_id == space.meta.id && !b.meta.deleted)
        .cloned()
        .collect();
    let order: Vec<Booking> = queue(space, freed, bookings).into_iter().cloned().collect();
    let mut moved = Vec::new();
    for entry in order {
        let mut candidate = entry;
        candidate.move_in(space.rules.needs_approval, at, device);
        if !check_booking(&candidate, space, &current, now).is_empty() {
            continue;
        }
        if let Some(slot) = current.iter_mut().find(|b| b.meta.id == candidate.meta.id) {
            *slot = candidate.clone();
        }
        moved.push(candidate);
    }
    moved
}

/// What slot `new` frees, saved over `old`: the old time of a live
/// booking that stops holding it (cancelled, declined, released, deleted
/// or moved). A waiting entry frees nothing but asks for its own time,
/// in case it came free before it joined.
pub fn freed_by(old: Option<&Booking>, new: &Booking) -> Option<Interval> {
    if new.is_waiting() {
        return new.interval();
    }
    let old = old.filter(|o| o.is_live())?;
    let moved = old.space_id != new.space_id || old.start != new.start || old.end != new.end;
    (!new.is_live() || moved).then(|| old.interval()).flatten()
}
