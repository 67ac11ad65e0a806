//! When two records cannot both stand — two live bookings of one space
//! that overlap (buffer included), or a volunteer on two overlapping
//! shifts — and how such a clash is settled. A phone's own store never
//! makes one (it refuses); two phones offline can, and a file or a sync
//! round then finds it here, for a keeper to settle.

use super::{booking::bookings_collide, shift::shifts_overlap};
use super::{AnyRecord, Assignment, Booking, Community, DeviceId, Record, RecordKind, Shift};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Two records that cannot both stand: two bookings, or two assignments of
/// one volunteer. `a` sorts before `b`, so a clash found on two phones is
/// the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Clash {
    pub kind: RecordKind,
    pub a: Uuid,
    pub b: Uuid,
}

impl Clash {
    pub fn new(kind: RecordKind, x: Uuid, y: Uuid) -> Clash {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        Clash { kind, a, b }
    }

    /// The other side of the clash from `id`.
    pub fn other(&self, id: Uuid) -> Uuid {
        if id == self.a {
            self.b
        } else {
            self.a
        }
    }
}

/// Every pair of live bookings of one space that overlap, buffer
/// included, with at least one side `touched`. Sorted by space and
/// start, each booking only meets its neighbours: n log n for tens of
/// thousands.
///
/// The two questions are `dyn`: one copy of the search serves every caller.
pub fn booking_clashes<'a>(
    bookings: &'a [Booking],
    buffer_of: &dyn Fn(Uuid) -> u16,
    touched: &dyn Fn(Uuid) -> bool,
) -> Vec<(&'a Booking, &'a Booking)> {
    let mut by_space: HashMap<Uuid, Vec<&Booking>> = HashMap::new();
    for b in bookings.iter().filter(|b| b.is_live()) {
        by_space.entry(b.space_id).or_default().push(b);
    }
    let mut out = Vec::new();
    for (space, mut list) in by_space {
        if !list.iter().any(|b| touched(b.meta.id)) {
            continue;
        }
        list.sort_by_key(|b| b.start);
        let gap = buffer_of(space);
        for (i, a) in list.iter().enumerate() {
            // Sorted by start: once b starts after a's buffered end, no later one can collide.
            let reach = a.end.plus_minutes(i64::from(gap));
            for b in list[i + 1..].iter().take_while(|b| b.start < reach) {
                let either = touched(a.meta.id) || touched(b.meta.id);
                if either && bookings_collide(a, b, gap) {
                    out.push((*a, *b));
                }
            }
        }
    }
    out
}

/// Every pair of live bookings of one space that overlap, buffer included.
pub fn find_collisions(
    bookings: &[Booking],
    buffer_of: impl Fn(Uuid) -> u16,
) -> Vec<(&Booking, &Booking)> {
    booking_clashes(bookings, &buffer_of, &|_| true)
}

/// An assignment that holds a place, with its shift.
pub type OnShift<'a> = (&'a Assignment, &'a Shift);

/// Every pair of a volunteer's places on shifts that overlap, with at
/// least one side `touched` (its assignment or its shift).
pub fn assignment_clashes<'a>(
    assignments: &'a [Assignment],
    shifts: &'a [Shift],
    touched: &dyn Fn(Uuid) -> bool,
) -> Vec<(OnShift<'a>, OnShift<'a>)> {
    let shifts: HashMap<Uuid, &Shift> = shifts
        .iter()
        .filter(|s| !s.meta.deleted)
        .map(|s| (s.meta.id, s))
        .collect();
    let mut by_volunteer: HashMap<Uuid, Vec<OnShift>> = HashMap::new();
    for a in assignments.iter().filter(|a| a.counts_toward_coverage()) {
        if let Some(s) = shifts.get(&a.shift_id) {
            by_volunteer.entry(a.volunteer_id).or_default().push((a, s));
        }
    }
    let is_touched = |(a, s): &OnShift| touched(a.meta.id) || touched(s.meta.id);
    let mut out = Vec::new();
    for (_, mut list) in by_volunteer {
        if !list.iter().any(is_touched) {
            continue;
        }
        list.sort_by_key(|(_, s)| s.start);
        for (i, x) in list.iter().enumerate() {
            for y in list[i + 1..].iter().take_while(|(_, s)| s.start < x.1.end) {
                if (is_touched(x) || is_touched(y)) && places_clash(*x, *y) {
                    out.push((*x, *y));
                }
            }
        }
    }
    out
}

/// The space's buffer, by space id, for [`booking_clashes`].
pub fn buffers(c: &Community) -> HashMap<Uuid, u16> {
    c.spaces
        .iter()
        .map(|s| (s.meta.id, s.rules.buffer_minutes))
        .collect()
}

/// Every clash in `after` that involves a record in `touched` (a booking
/// or assignment written, or the shift an assignment is on). `after` must
/// hold, for each touched booking, every booking of its space, and for
/// each touched assignment or shift, every assignment of the volunteers
/// concerned with their shifts.
pub fn find_clashes(after: &Community, touched: &HashSet<Uuid>) -> Vec<Clash> {
    let buffer = buffers(after);
    let gap = |space| buffer.get(&space).copied().unwrap_or(0);
    let is_touched = |id| touched.contains(&id);
    let bookings = booking_clashes(&after.bookings, &gap, &is_touched)
        .into_iter()
        .map(|(a, b)| Clash::new(RecordKind::Booking, a.meta.id, b.meta.id));
    let places = assignment_clashes(&after.assignments, &after.shifts, &is_touched)
        .into_iter()
        .map(|(x, y)| Clash::new(RecordKind::Assignment, x.0.meta.id, y.0.meta.id));
    let mut out: Vec<Clash> = bookings.chain(places).collect();
    out.sort();
    out.dedup();
    out
}

/// Whether the clash still stands in `records` (both sides there, live,
/// and still overlapping): once a keeper settles it here or on another
/// phone, it is gone.
pub fn still_open(clash: &Clash, records: &Community) -> bool {
    match clash.kind {
        RecordKind::Booking => {
            let find = |id| records.bookings.iter().find(|b| b.meta.id == id);
            let (Some(a), Some(b)) = (find(clash.a), find(clash.b)) else {
                return false;
            };
            let gap = records
                .spaces
                .iter()
                .find(|s| s.meta.id == a.space_id)
                .map_or(0, |s| s.rules.buffer_minutes);
            bookings_collide(a, b, gap)
        }
        RecordKind::Assignment => {
            let place = |id| {
                let a = records.assignments.iter().find(|x| x.meta.id == id)?;
                let s = records
                    .shifts
                    .iter()
                    .find(|s| s.meta.id == a.shift_id && !s.meta.deleted)?;
                Some((a, s))
            };
            match (place(clash.a), place(clash.b)) {
                (Some(x), Some(y)) => places_clash(x, y),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Whether two places on shifts clash: both hold a place, for one
/// volunteer, on shifts that overlap.
pub fn places_clash(x: OnShift, y: OnShift) -> bool {
    x.0.counts_toward_coverage()
        && y.0.counts_toward_coverage()
        && x.0.volunteer_id == y.0.volunteer_id
        && shifts_overlap(x.1, y.1)
}

/// Who settles a clash, and why: recorded on every booking cancelled or
/// assignment withdrawn by a choice.
#[derive(Clone, Copy, Debug)]
pub struct Settler<'a> {
    /// The person ("me"), or empty when this phone has nobody set.
    pub by: &'a str,
    pub reason: &'a str,
    pub at: Timestamp,
    pub device: &'a DeviceId,
}

impl Settler<'_> {
    /// Takes the losing side of a clash out of the running: a booking
    /// cancelled with who and why, an assignment withdrawn. False when
    /// it no longer held anything.
    pub fn take_out(&self, loser: &mut AnyRecord) -> bool {
        match loser {
            AnyRecord::Booking(b) => b.cancel(self.by, self.reason, self.at, self.device),
            AnyRecord::Assignment(a) if a.counts_toward_coverage() => {
                a.withdraw(self.at, self.device);
                true
            }
            _ => false,
        }
    }
}

/// Settles a clash: `keep` stays, the other side is taken out
/// ([`Settler::take_out`]). The record to write, or `None` when the other
/// side is not in `records` any more or holds nothing.
pub fn settle(clash: &Clash, keep: Uuid, records: &Community, who: Settler) -> Option<AnyRecord> {
    let loser = clash.other(keep);
    let mut record = match clash.kind {
        RecordKind::Booking => records
            .bookings
            .iter()
            .find(|b| b.meta.id == loser)?
            .clone()
            .into_any(),
        RecordKind::Assignment => records
            .assignments
            .iter()
            .find(|a| a.meta.id == loser)?
            .clone()
            .into_any(),
        _ => return None,
    };
    who.take_out(&mut record).then_some(record)
}
