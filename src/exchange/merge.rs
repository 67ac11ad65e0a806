//! Merging a file into what this phone holds: per record the later change
//! wins (ties broken by device id, a tombstone wins an exact tie, then the
//! content itself, so the result never depends on who imports first);
//! importing the same file twice changes nothing. Then the conflicts the
//! merge would create — a space booked twice, a volunteer in two places —
//! for the user to settle.

use crate::domain::{
    bookings_collide, shifts_overlap, AnyRecord, Assignment, Booking, Community, DeviceId,
    EachKindPair, Record, RecordKind, Shift,
};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// What an import would do to one kind of record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Deleted on this phone by a tombstone in the file.
    pub deleted: usize,
}

/// Two records that cannot both stand after the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The file's booking overlaps a live booking of the same space here.
    Booking { mine: Booking, theirs: Booking },
    /// The file puts a volunteer on a shift overlapping one they have here.
    Shifts {
        volunteer: Uuid,
        mine: (Assignment, Shift),
        theirs: (Assignment, Shift),
    },
}

/// How the user settles one conflict. Either way the losing side is
/// written cancelled (or withdrawn), with the reason and newer than both
/// versions: importing the same file again asks nothing, and every phone
/// that receives the result ends the same, whatever each one chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Resolution {
    /// This phone's record stays; the file's one is kept cancelled.
    #[default]
    KeepMine,
    /// The file's record comes in; this phone's one is cancelled.
    TakeTheirs,
}

impl Resolution {
    pub const ALL: [Resolution; 2] = [Resolution::KeepMine, Resolution::TakeTheirs];
}

/// The preview of an import: counts per kind, the records to write, and
/// the conflicts to settle first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub counts: BTreeMap<RecordKind, KindCounts>,
    pub writes: Vec<AnyRecord>,
    pub conflicts: Vec<Conflict>,
}

impl ImportPlan {
    pub fn changes_nothing(&self) -> bool {
        self.writes.is_empty()
    }
}

fn json<R: Serialize>(r: &R) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// Does the file's version of a record replace this phone's?
fn incoming_wins<R: Record>(mine: &R, theirs: &R) -> bool {
    theirs.meta().wins_over(mine.meta())
        || (!mine.meta().wins_over(theirs.meta()) && json(theirs) > json(mine))
}

/// Merges one kind: returns the winners to write, counting as it goes.
fn merge_kind<R: Record>(
    mine: &[R],
    theirs: &[R],
    counts: &mut KindCounts,
    writes: &mut Vec<AnyRecord>,
) {
    let here: HashMap<Uuid, &R> = mine.iter().map(|r| (r.id(), r)).collect();
    for t in theirs {
        match here.get(&t.id()) {
            None => {
                if t.meta().deleted {
                    counts.deleted += 1;
                } else {
                    counts.new += 1;
                }
                writes.push(t.clone().into_any());
            }
            Some(m) if *m == t || !incoming_wins(*m, t) => counts.unchanged += 1,
            Some(m) => {
                if t.meta().deleted && !m.meta().deleted {
                    counts.deleted += 1;
                } else {
                    counts.changed += 1;
                }
                writes.push(t.clone().into_any());
            }
        }
    }
}

/// Merges kind after kind, counting and collecting the winners.
struct MergeKinds<'a> {
    counts: &'a mut BTreeMap<RecordKind, KindCounts>,
    writes: &'a mut Vec<AnyRecord>,
}

impl EachKindPair for MergeKinds<'_> {
    fn kind<R: Record>(&mut self, mine: &[R], theirs: &[R]) {
        let counts = self.counts.entry(R::KIND).or_default();
        merge_kind(mine, theirs, counts, self.writes);
    }
}

/// What importing `file` into `local` would do.
pub fn plan_import(local: &Community, file: &Community) -> ImportPlan {
    let mut plan = winners(local, file);
    plan.conflicts = conflicts(local, &plan.writes);
    plan
}

/// The records of `file` that win over `local`'s (per record the later
/// change), counted by kind; the clashes they make are not looked for.
pub fn winners(local: &Community, file: &Community) -> ImportPlan {
    let mut plan = ImportPlan::default();
    local.each_kind_with(
        file,
        &mut MergeKinds {
            counts: &mut plan.counts,
            writes: &mut plan.writes,
        },
    );
    plan
}

/// `local` with `writes` applied: a written record replaces the one with
/// its id, or joins the end of its kind.
pub fn apply(local: &Community, writes: &[AnyRecord]) -> Community {
    let mut records = local.clone().into_records();
    let mut at: HashMap<(RecordKind, Uuid), usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.kind(), r.meta().id), i))
        .collect();
    for w in writes {
        match at.get(&(w.kind(), w.meta().id)) {
            Some(&i) => records[i] = w.clone(),
            None => {
                at.insert((w.kind(), w.meta().id), records.len());
                records.push(w.clone());
            }
        }
    }
    Community::from_records(records)
}

/// The overlaps between what the file brings and what stays of this phone's.
/// Indexed by space and by volunteer so a file of tens of thousands of
/// records against a phone of as many is compared in n log n, not n².
fn conflicts(local: &Community, writes: &[AnyRecord]) -> Vec<Conflict> {
    let merged = apply(local, writes);
    let written: HashSet<Uuid> = writes.iter().map(|w| w.meta().id).collect();
    let buffer: HashMap<Uuid, u16> = merged
        .spaces
        .iter()
        .map(|s| (s.meta.id, s.rules.buffer_minutes))
        .collect();
    // This phone's live bookings that stay, per space, by start.
    let mut kept: HashMap<Uuid, Vec<&Booking>> = HashMap::new();
    for b in merged
        .bookings
        .iter()
        .filter(|b| b.is_live() && !written.contains(&b.meta.id))
    {
        kept.entry(b.space_id).or_default().push(b);
    }
    for list in kept.values_mut() {
        list.sort_by_key(|b| b.start);
    }
    // The longest kept booking per space bounds how far back to look.
    let longest: HashMap<Uuid, i64> = kept
        .iter()
        .map(|(space, list)| {
            let most = list.iter().map(|b| b.start.minutes_until(b.end)).max();
            (*space, most.unwrap_or(0))
        })
        .collect();
    let mut out = Vec::new();
    for theirs in merged
        .bookings
        .iter()
        .filter(|b| b.is_live() && written.contains(&b.meta.id))
    {
        let Some(list) = kept.get(&theirs.space_id) else {
            continue;
        };
        let gap = buffer.get(&theirs.space_id).copied().unwrap_or(0);
        let reach = longest.get(&theirs.space_id).copied().unwrap_or(0) + i64::from(gap);
        let earliest = theirs.start.plus_minutes(-reach);
        let first = list.partition_point(|b| b.start < earliest);
        let last_start = theirs.end.plus_minutes(i64::from(gap));
        for mine in list[first..].iter().take_while(|b| b.start <= last_start) {
            if bookings_collide(theirs, mine, gap) {
                out.push(Conflict::Booking {
                    mine: (*mine).clone(),
                    theirs: theirs.clone(),
                });
            }
        }
    }
    let shifts: HashMap<Uuid, &Shift> = merged
        .shifts
        .iter()
        .filter(|s| !s.meta.deleted)
        .map(|s| (s.meta.id, s))
        .collect();
    let mut kept_by_volunteer: HashMap<Uuid, Vec<(&Assignment, &Shift)>> = HashMap::new();
    for a in merged
        .assignments
        .iter()
        .filter(|a| a.counts_toward_coverage() && !written.contains(&a.meta.id))
    {
        if let Some(shift) = shifts.get(&a.shift_id) {
            kept_by_volunteer
                .entry(a.volunteer_id)
                .or_default()
                .push((a, shift));
        }
    }
    for theirs in merged
        .assignments
        .iter()
        .filter(|a| a.counts_toward_coverage() && written.contains(&a.meta.id))
    {
        let Some(their_shift) = shifts.get(&theirs.shift_id) else {
            continue;
        };
        let Some(mine) = kept_by_volunteer.get(&theirs.volunteer_id) else {
            continue;
        };
        for (my_assignment, my_shift) in mine {
            if shifts_overlap(their_shift, my_shift) {
                out.push(Conflict::Shifts {
                    volunteer: theirs.volunteer_id,
                    mine: ((*my_assignment).clone(), (*my_shift).clone()),
                    theirs: (theirs.clone(), (*their_shift).clone()),
                });
            }
        }
    }
    out
}

/// Who settles the clashes of an import, and why: recorded on every
/// booking cancelled or assignment withdrawn by a choice.
#[derive(Clone, Copy, Debug)]
pub struct Settler<'a> {
    /// The person ("me"), or empty when this phone has nobody set.
    pub by: &'a str,
    pub reason: &'a str,
    pub at: Timestamp,
    pub device: &'a DeviceId,
}

/// The final writes once every conflict has its resolution (missing ones
/// count as "keep mine").
pub fn resolve(plan: &ImportPlan, choices: &[Resolution], who: Settler) -> Vec<AnyRecord> {
    // The record each choice takes out of the running, cancelled. A record
    // already written by the file is replaced; one of this phone's is added.
    let mut cancelled: HashMap<Uuid, AnyRecord> = HashMap::new();
    let written: HashMap<Uuid, &AnyRecord> = plan.writes.iter().map(|w| (w.meta().id, w)).collect();
    let current = |cancelled: &HashMap<Uuid, AnyRecord>, r: AnyRecord| {
        let id = r.meta().id;
        cancelled
            .get(&id)
            .cloned()
            .or_else(|| written.get(&id).map(|w| (*w).clone()))
            .unwrap_or(r)
    };
    for (i, conflict) in plan.conflicts.iter().enumerate() {
        let choice = choices.get(i).copied().unwrap_or_default();
        let loser = match (conflict, choice) {
            (Conflict::Booking { theirs, .. }, Resolution::KeepMine) => {
                AnyRecord::Booking(theirs.clone())
            }
            (Conflict::Booking { mine, .. }, Resolution::TakeTheirs) => {
                AnyRecord::Booking(mine.clone())
            }
            (Conflict::Shifts { theirs, .. }, Resolution::KeepMine) => {
                AnyRecord::Assignment(theirs.0.clone())
            }
            (Conflict::Shifts { mine, .. }, Resolution::TakeTheirs) => {
                AnyRecord::Assignment(mine.0.clone())
            }
        };
        let mut loser = current(&cancelled, loser);
        match &mut loser {
            AnyRecord::Booking(b) => {
                b.cancel(who.by, who.reason, who.at, who.device);
            }
            AnyRecord::Assignment(a) if a.counts_toward_coverage() => {
                a.withdraw(who.at, who.device);
            }
            _ => {}
        }
        cancelled.insert(loser.meta().id, loser);
    }
    let mut writes: Vec<AnyRecord> = plan
        .writes
        .iter()
        .map(|w| cancelled.remove(&w.meta().id).unwrap_or_else(|| w.clone()))
        .collect();
    // This phone's own records cancelled by a choice, in a stable order.
    let mut extra: Vec<AnyRecord> = cancelled.into_values().collect();
    extra.sort_by_key(|r| r.meta().id);
    writes.extend(extra);
    writes
}

/// The plan left once `choices` are applied: its writes carry them, and its
/// conflicts are whatever clash is still left (none once every conflict
/// has a choice, since a choice only cancels; the preview asks again
/// otherwise). Each round cancels, so settling always ends.
pub fn settle(
    local: &Community,
    plan: &ImportPlan,
    choices: &[Resolution],
    who: Settler,
) -> ImportPlan {
    let writes = resolve(plan, choices, who);
    ImportPlan {
        counts: plan.counts.clone(),
        conflicts: conflicts(local, &writes),
        writes,
    }
}
