//! Every rule a booking must meet, the refusal that names a broken rule,
//! and what would fit instead.

use super::booking::{bookings_collide, Booking};
use super::space::Space;
use super::time::{add_days, weekday_number, ClockTime, Interval, LocalDateTime};
use jiff::civil::Date;
use uuid::Uuid;

/// One rule a booking breaks, with what the UI needs to explain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BookingRefusal {
    /// The end is not after the start.
    EndNotAfterStart,
    /// The space is retired and takes no new bookings.
    SpaceRetired,
    /// The booking starts before now.
    InThePast,
    /// Later than the space's advance window allows.
    TooFarAhead {
        advance_days: u16,
        last_day: Date,
    },
    /// Not inside one opening period; `closed_all_day` when the space does
    /// not open that day at all.
    OutsideOpeningHours {
        closed_all_day: bool,
    },
    /// Start or end is off the space's time grid (e.g. 19:10 on a 30-minute grid).
    OffSlotGrid {
        slot_minutes: u16,
    },
    TooShort {
        min_minutes: u16,
    },
    TooLong {
        max_minutes: u16,
    },
    /// More people expected than the space holds.
    OverCapacity {
        capacity: u32,
    },
    /// Overlaps a live booking of the same space (buffer included).
    Overlaps {
        other: Uuid,
        title: String,
        start: LocalDateTime,
        end: LocalDateTime,
    },
}

/// Checks `candidate` against its space's rules and the space's other
/// bookings. Returns every broken rule, or nothing when it may be saved.
/// Only live candidates are checked: cancelling is always allowed.
pub fn check_booking(
    candidate: &Booking,
    space: &Space,
    existing: &[Booking],
    now: LocalDateTime,
) -> Vec<BookingRefusal> {
    let mut refusals = Vec::new();
    if !candidate.is_live() {
        return refusals;
    }
    let Some(interval) = candidate.interval() else {
        refusals.push(BookingRefusal::EndNotAfterStart);
        return refusals;
    };
    if !space.active {
        refusals.push(BookingRefusal::SpaceRetired);
    }
    if candidate.start < now {
        refusals.push(BookingRefusal::InThePast);
    }
    let rules = space.rules;
    let last_day = add_days(now.date(), rules.advance_days as i64);
    if candidate.start.date() > last_day {
        refusals.push(BookingRefusal::TooFarAhead {
            advance_days: rules.advance_days,
            last_day,
        });
    }
    if !space.is_open_for(interval) {
        let weekday = weekday_number(candidate.start.weekday());
        refusals.push(BookingRefusal::OutsideOpeningHours {
            closed_all_day: space.periods_on(weekday).is_empty(),
        });
    }
    if !on_grid(space, candidate.start, rules.slot_minutes)
        || !on_grid(space, candidate.end, rules.slot_minutes)
    {
        refusals.push(BookingRefusal::OffSlotGrid {
            slot_minutes: rules.slot_minutes,
        });
    }
    let minutes = interval.minutes();
    if minutes < rules.min_minutes as i64 {
        refusals.push(BookingRefusal::TooShort {
            min_minutes: rules.min_minutes,
        });
    }
    if minutes > rules.max_minutes as i64 {
        refusals.push(BookingRefusal::TooLong {
            max_minutes: rules.max_minutes,
        });
    }
    if candidate.expected_attendees > space.capacity {
        refusals.push(BookingRefusal::OverCapacity {
            capacity: space.capacity,
        });
    }
    for other in existing {
        if bookings_collide(candidate, other, rules.buffer_minutes) {
            refusals.push(BookingRefusal::Overlaps {
                other: other.meta.id,
                title: other.title.clone(),
                start: other.start,
                end: other.end,
            });
        }
    }
    refusals
}

/// Times on the grid count slots from the opening time of the period they
/// fall in (a room opening 08:15 on a 30-minute grid takes 08:45), or from
/// midnight outside any period.
fn on_grid(space: &Space, at: LocalDateTime, slot_minutes: u16) -> bool {
    if slot_minutes <= 1 {
        return true;
    }
    let minute = at.clock().minute_of_day();
    let weekday = weekday_number(at.weekday());
    let origin = space
        .periods_on(weekday)
        .iter()
        .find(|p| p.opens.minute_of_day() <= minute && minute <= p.closes.minute_of_day())
        .map_or(0, |p| p.opens.minute_of_day());
    (minute - origin).is_multiple_of(slot_minutes)
}

/// Whether saving `new` over `old` (the stored version, if any) must pass
/// the rules again. Approving, checking in or renaming a booking that
/// already holds its slot must not fail because its start is now past.
pub fn needs_rule_check(old: Option<&Booking>, new: &Booking) -> bool {
    match old {
        None => true,
        Some(old) => {
            old.space_id != new.space_id
                || old.start != new.start
                || old.end != new.end
                || old.expected_attendees < new.expected_attendees
                || (!old.is_live() && new.is_live())
        }
    }
}

/// What a refused booking asks for when it looks for other times.
#[derive(Clone, Copy, Debug)]
pub struct SuggestionRequest<'a> {
    pub space: &'a Space,
    /// The space's bookings around the wanted day.
    pub existing: &'a [Booking],
    /// The booking as the person wanted it: its start, length, head-count.
    pub wanted: &'a Booking,
    pub now: LocalDateTime,
    /// How many days after the wanted one to look at too.
    pub days_after: i64,
    pub limit: usize,
}

/// Free times in the space, nearest to the wanted start first: the wanted
/// length where the rules allow it, else the nearest length they allow (a
/// booking longer than the space's maximum is offered the maximum, at the
/// wanted start if that is free). Every suggestion passes
/// [`check_booking`]; the wanted time itself is never offered.
pub fn suggest_times(req: SuggestionRequest) -> Vec<Interval> {
    let rules = req.space.rules;
    let step = rules.slot_minutes.max(5) as i64;
    let wanted = req.wanted.start;
    let asked = wanted.minutes_until(req.wanted.end).max(step);
    let longest = (rules.max_minutes as i64).max(step);
    let shortest = (rules.min_minutes as i64).clamp(step, longest);
    let minutes = asked.clamp(shortest, longest);
    let mut found: Vec<Interval> = Vec::new();
    for offset in 0..=req.days_after.max(0) {
        let day = add_days(wanted.date(), offset);
        for period in req.space.periods_on(weekday_number(day.weekday())) {
            let mut start = LocalDateTime::new(day, period.opens);
            let closes = LocalDateTime::new(day, period.closes);
            while start.plus_minutes(minutes) <= closes {
                let end = start.plus_minutes(minutes);
                let mut probe = req.wanted.clone();
                probe.start = start;
                probe.end = end;
                let same = start == wanted && end == req.wanted.end;
                if !same && check_booking(&probe, req.space, req.existing, req.now).is_empty() {
                    found.push(Interval { start, end });
                }
                start = start.plus_minutes(step);
            }
        }
    }
    found.sort_by_key(|i| (i.start.minutes_until(wanted).abs(), i.start));
    found.truncate(req.limit);
    found
}

/// Spaces where a booking like `template` (its times and head-count) would
/// be accepted, largest first: "find a free space at this time".
pub fn free_spaces<'a>(
    spaces: &'a [Space],
    bookings: &[Booking],
    template: &Booking,
    now: LocalDateTime,
) -> Vec<&'a Space> {
    let mut out: Vec<&Space> = spaces
        .iter()
        .filter(|s| !s.meta.deleted)
        .filter(|s| {
            let mut probe = template.clone();
            probe.space_id = s.meta.id;
            let theirs: Vec<Booking> = bookings
                .iter()
                .filter(|b| b.space_id == s.meta.id)
                .cloned()
                .collect();
            check_booking(&probe, s, &theirs, now).is_empty()
        })
        .collect();
    out.sort_by(|a, b| {
        b.capacity
            .cmp(&a.capacity)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// True when a confirmed booking nobody checked in to may be released:
/// `grace_minutes` after its start have passed.
pub fn may_release_as_no_show(booking: &Booking, now: LocalDateTime, grace_minutes: u16) -> bool {
    booking.is_live()
        && booking.check_in.is_none()
        && booking.start.plus_minutes(grace_minutes as i64) <= now
        && now < booking.end
}

/// The whole day of `date`, midnight to midnight.
pub fn day_span(date: Date) -> (LocalDateTime, LocalDateTime) {
    (
        LocalDateTime::new(date, ClockTime::MIDNIGHT),
        LocalDateTime::new(add_days(date, 1), ClockTime::MIDNIGHT),
    )
}

/// The stretch of time whose bookings can collide with `interval` in a
/// space with `buffer` minutes: what a conflict check must read.
pub fn conflict_window(interval: Interval, buffer: u16) -> (LocalDateTime, LocalDateTime) {
    // Bookings are at most a day long, so one starting up to a day before
    // may still run into this one.
    let widened = interval.widened(buffer);
    (widened.start.plus_minutes(-24 * 60), widened.end)
}

/// What one slot of a day view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlotState {
    /// A booking of the shortest allowed length may start here.
    Free,
    /// A live booking covers the slot.
    Taken { booking: Uuid, title: String },
    /// Neither free nor booked: inside a buffer, too short a gap, past, or
    /// beyond the advance window.
    Blocked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySlot {
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    pub state: SlotState,
}

/// The opening hours of `date` cut into the space's slots, each marked
/// free, taken or blocked. `template` supplies the head-count to check.
pub fn day_slots(
    space: &Space,
    bookings: &[Booking],
    template: &Booking,
    date: Date,
    now: LocalDateTime,
) -> Vec<DaySlot> {
    let step = space.rules.slot_minutes.max(5) as i64;
    let shortest = (space.rules.min_minutes as i64).max(step);
    let mut slots = Vec::new();
    for period in space.periods_on(weekday_number(date.weekday())) {
        let closes = LocalDateTime::new(date, period.closes);
        let mut start = LocalDateTime::new(date, period.opens);
        while start < closes {
            let end = start.plus_minutes(step).min(closes);
            let here = Interval { start, end };
            let taken = bookings
                .iter()
                .filter(|b| b.is_live() && b.space_id == space.meta.id)
                .find(|b| b.interval().is_some_and(|i| i.overlaps(here)));
            let state = match taken {
                Some(b) => SlotState::Taken {
                    booking: b.meta.id,
                    title: b.title.clone(),
                },
                None => {
                    let mut probe = template.clone();
                    probe.space_id = space.meta.id;
                    probe.start = start;
                    probe.end = start.plus_minutes(shortest);
                    if check_booking(&probe, space, bookings, now).is_empty() {
                        SlotState::Free
                    } else {
                        SlotState::Blocked
                    }
                }
            };
            slots.push(DaySlot { start, end, state });
            start = end;
        }
    }
    slots
}
