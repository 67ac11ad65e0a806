//! Clashes that records from other phones reveal: two live bookings of one
//! space that overlap (buffer included), or a volunteer in two overlapping
//! shifts. A phone never makes one itself (its store refuses); two phones
//! offline can. The server keeps both; every phone that receives them
//! records the clash for a keeper to settle, and the settlement (one side
//! cancelled, with the reason) travels like any change.

use crate::domain::{bookings_collide, shifts_overlap, AnyRecord, Community, RecordKind};
use crate::exchange::Settler;
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

/// Every clash in `after` that involves a record in `touched` (a booking
/// or assignment written, or the shift an assignment is on). `after` must
/// hold, for each touched booking, every booking of its space, and for
/// each touched assignment or shift, every assignment of the volunteers
/// concerned with their shifts.
pub fn find_clashes(after: &Community, touched: &HashSet<Uuid>) -> Vec<Clash> {
    let mut out = Vec::new();
    let buffer: HashMap<Uuid, u16> = after
        .spaces
        .iter()
        .map(|s| (s.meta.id, s.rules.buffer_minutes))
        .collect();
    let mut by_space: HashMap<Uuid, Vec<&crate::domain::Booking>> = HashMap::new();
    for b in after.bookings.iter().filter(|b| b.is_live()) {
        by_space.entry(b.space_id).or_default().push(b);
    }
    for (space, mut list) in by_space {
        if !list.iter().any(|b| touched.contains(&b.meta.id)) {
            continue;
        }
        list.sort_by_key(|b| b.start);
        let gap = buffer.get(&space).copied().unwrap_or(0);
        for (i, a) in list.iter().enumerate() {
            let reach = a.end.plus_minutes(i64::from(gap));
            for b in list[i + 1..].iter().take_while(|b| b.start < reach) {
                let either = touched.contains(&a.meta.id) || touched.contains(&b.meta.id);
                if either && bookings_collide(a, b, gap) {
                    out.push(Clash::new(RecordKind::Booking, a.meta.id, b.meta.id));
                }
            }
        }
    }
    let shifts: HashMap<Uuid, &crate::domain::Shift> = after
        .shifts
        .iter()
        .filter(|s| !s.meta.deleted)
        .map(|s| (s.meta.id, s))
        .collect();
    let mut by_volunteer: HashMap<Uuid, Vec<(&crate::domain::Assignment, &crate::domain::Shift)>> =
        HashMap::new();
    for a in after
        .assignments
        .iter()
        .filter(|a| a.counts_toward_coverage())
    {
        if let Some(s) = shifts.get(&a.shift_id) {
            by_volunteer.entry(a.volunteer_id).or_default().push((a, s));
        }
    }
    let is_touched = |(a, s): &(&crate::domain::Assignment, &crate::domain::Shift)| {
        touched.contains(&a.meta.id) || touched.contains(&s.meta.id)
    };
    for (_, mut list) in by_volunteer {
        if !list.iter().any(is_touched) {
            continue;
        }
        list.sort_by_key(|(_, s)| s.start);
        for (i, x) in list.iter().enumerate() {
            for y in list[i + 1..].iter().take_while(|(_, s)| s.start < x.1.end) {
                if (is_touched(x) || is_touched(y)) && shifts_overlap(x.1, y.1) {
                    out.push(Clash::new(RecordKind::Assignment, x.0.meta.id, y.0.meta.id));
                }
            }
        }
    }
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
                .map(|s| s.rules.buffer_minutes)
                .unwrap_or(0);
            bookings_collide(a, b, gap)
        }
        RecordKind::Assignment => {
            let find = |id| records.assignments.iter().find(|x| x.meta.id == id);
            let (Some(a), Some(b)) = (find(clash.a), find(clash.b)) else {
                return false;
            };
            let shift = |id| {
                records
                    .shifts
                    .iter()
                    .find(|s| s.meta.id == id && !s.meta.deleted)
            };
            let (Some(sa), Some(sb)) = (shift(a.shift_id), shift(b.shift_id)) else {
                return false;
            };
            a.counts_toward_coverage()
                && b.counts_toward_coverage()
                && a.volunteer_id == b.volunteer_id
                && shifts_overlap(sa, sb)
        }
        _ => false,
    }
}

/// Settles a clash: `keep` stays, the other side is cancelled (a booking,
/// with who and why) or withdrawn (an assignment). The record to write, or
/// `None` when the other side is not in `records` any more.
pub fn settle(clash: &Clash, keep: Uuid, records: &Community, who: Settler) -> Option<AnyRecord> {
    let loser = clash.other(keep);
    match clash.kind {
        RecordKind::Booking => {
            let mut b = records
                .bookings
                .iter()
                .find(|b| b.meta.id == loser)?
                .clone();
            b.cancel(who.by, who.reason, who.at, who.device)
                .then_some(AnyRecord::Booking(b))
        }
        RecordKind::Assignment => {
            let mut a = records
                .assignments
                .iter()
                .find(|a| a.meta.id == loser)?
                .clone();
            if !a.counts_toward_coverage() {
                return None;
            }
            a.withdraw(who.at, who.device);
            Some(AnyRecord::Assignment(a))
        }
        _ => None,
    }
}
