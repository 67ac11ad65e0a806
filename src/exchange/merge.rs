//! Merging a file into what this phone holds: per record the later change
//! wins (ties broken by device id, a tombstone wins an exact tie, then the
//! content itself, so the result never depends on who imports first);
//! importing the same file twice changes nothing. Then the conflicts the
//! merge would create — a space booked twice, a volunteer in two places —
//! for the user to settle.

use crate::domain::clash::{assignment_clashes, booking_clashes, buffers, OnShift};
pub use crate::domain::Settler;
use crate::domain::{
    AnyRecord, Assignment, Booking, Community, EachKindPair, Erased, Record, RecordKind, Shift,
};
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
    /// Records of an erased person, here or in the file, that an erasure
    /// blanks (`domain::erasure`): the file cannot bring the person back.
    pub erased: usize,
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
/// Every erasure either side knows blanks both sides first: an old copy
/// of an erased person comes in erased, and this phone's own copies are
/// erased when the file brings the erasure.
pub fn winners(local: &Community, file: &Community) -> ImportPlan {
    let erased = Erased::of(local.erasures.iter().chain(&file.erasures));
    if erased.is_empty() {
        return merged(local, file);
    }
    let (mine, _) = erased.applied(local);
    let (theirs, _) = erased.applied(file);
    let mut plan = merged(&mine, &theirs);
    // This phone's records the erasures blank, unless the file's wins.
    let mut written: HashSet<(RecordKind, Uuid)> = plan
        .writes
        .iter()
        .map(|w| (w.kind(), w.meta().id))
        .collect();
    for (before, after) in local
        .clone()
        .into_records()
        .into_iter()
        .zip(mine.into_records())
    {
        if before != after && written.insert((after.kind(), after.meta().id)) {
            plan.writes.push(after);
        }
    }
    // What the preview says: the records, here or in the file, whose
    // erased person the import keeps out.
    let mut counted = HashSet::new();
    for r in local
        .clone()
        .into_records()
        .into_iter()
        .chain(file.clone().into_records())
    {
        let (kind, id) = (r.kind(), r.meta().id);
        let mut copy = r;
        if erased.apply(&mut copy) && counted.insert((kind, id)) {
            plan.counts.entry(kind).or_default().erased += 1;
        }
    }
    plan
}

fn merged(local: &Community, file: &Community) -> ImportPlan {
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

/// The clashes between what the file brings and what stays of this
/// phone's (`domain::clash`), in the file's order.
fn conflicts(local: &Community, writes: &[AnyRecord]) -> Vec<Conflict> {
    let merged = apply(local, writes);
    let written: HashSet<Uuid> = writes.iter().map(|w| w.meta().id).collect();
    let is_written = |id: Uuid| written.contains(&id);
    let buffer = buffers(&merged);
    let gap = |space| buffer.get(&space).copied().unwrap_or(0);
    // Where each record stands in the merged community: the file's order.
    let position: HashMap<Uuid, usize> = merged
        .bookings
        .iter()
        .map(|b| b.meta.id)
        .chain(merged.assignments.iter().map(|a| a.meta.id))
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let at = |id: Uuid| position.get(&id).copied().unwrap_or(usize::MAX);
    // (mine, theirs): exactly one side comes from the file.
    let mut bookings: Vec<(&Booking, &Booking)> =
        booking_clashes(&merged.bookings, &gap, &is_written)
            .into_iter()
            .filter(|(a, b)| is_written(a.meta.id) != is_written(b.meta.id))
            .map(|(a, b)| {
                if is_written(a.meta.id) {
                    (b, a)
                } else {
                    (a, b)
                }
            })
            .collect();
    bookings.sort_by_key(|(mine, theirs)| (at(theirs.meta.id), mine.start, at(mine.meta.id)));
    let mut places: Vec<(OnShift, OnShift)> =
        assignment_clashes(&merged.assignments, &merged.shifts, &is_written)
            .into_iter()
            .filter(|(x, y)| is_written(x.0.meta.id) != is_written(y.0.meta.id))
            .map(|(x, y)| {
                if is_written(x.0.meta.id) {
                    (y, x)
                } else {
                    (x, y)
                }
            })
            .collect();
    places.sort_by_key(|(mine, theirs)| (at(theirs.0.meta.id), at(mine.0.meta.id)));
    let bookings = bookings
        .into_iter()
        .map(|(mine, theirs)| Conflict::Booking {
            mine: mine.clone(),
            theirs: theirs.clone(),
        });
    let places = places.into_iter().map(|(mine, theirs)| Conflict::Shifts {
        volunteer: theirs.0.volunteer_id,
        mine: (mine.0.clone(), mine.1.clone()),
        theirs: (theirs.0.clone(), theirs.1.clone()),
    });
    bookings.chain(places).collect()
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
        who.take_out(&mut loser);
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
