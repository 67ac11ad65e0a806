//! Checking every record of a file before anything is written: the rules
//! (times, capacities, head-counts) and every reference (an assignment's
//! shift and volunteer exist in the file or on this phone).

use crate::domain::holidays::{holiday_year_id, ArrangementProblem};
use crate::domain::{Community, EachKind, Record, RecordKind};
use std::collections::HashSet;
use uuid::Uuid;

/// One problem, with its place: which record (kind, position in the file,
/// id), which field, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    pub kind: RecordKind,
    pub position: usize,
    pub id: Uuid,
    pub field: &'static str,
    pub reason: ProblemReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemReason {
    /// Two records of one kind share an id.
    DuplicateId,
    Empty,
    /// An end that is not after its start.
    EndNotAfterStart,
    CapacityZero,
    /// The minimum head-count is above the maximum, or the maximum is 0.
    HeadCount,
    /// Points at a record that is neither in the file nor on this phone.
    MissingReference(RecordKind),
    /// Longer than any real name or note.
    TooLong {
        limit: usize,
    },
    /// Overlaps an earlier live booking of the same space in this file.
    OverlapsInFile,
    /// A holiday arrangement that would be refused as a file of its own.
    Holidays(ArrangementProblem),
}

/// The longest text a field may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Every problem of `file`, judged with what this phone already holds.
/// Deleted records (tombstones) are only checked for their ids.
pub fn validate(file: &Community, local: &Community) -> Vec<ImportProblem> {
    let mut out = validate_records(file, local);
    out.extend(overlaps_in_file(file, local));
    out
}

/// Every problem of each record of `file` on its own (its rules and its
/// references), without the rule that two bookings of one file may not
/// overlap: what a record pulled from a server must pass, where two
/// phones' bookings of one slot are a clash to settle, not a broken file.
pub fn validate_records(file: &Community, local: &Community) -> Vec<ImportProblem> {
    let mut out = Vec::new();
    // The ids a reference may point at: in the file or on this phone.
    let ids = |kind: RecordKind| -> HashSet<Uuid> {
        file.ids(kind).into_iter().chain(local.ids(kind)).collect()
    };
    let (spaces, volunteers, activities, shifts) = (
        ids(RecordKind::Space),
        ids(RecordKind::Volunteer),
        ids(RecordKind::Activity),
        ids(RecordKind::Shift),
    );
    let mut problem = |kind, position, id, field, reason| {
        out.push(ImportProblem {
            kind,
            position,
            id,
            field,
            reason,
        })
    };
    for kind in RecordKind::ALL {
        duplicates(kind, file.ids(kind).into_iter(), &mut problem);
    }
    file.each_kind(&mut OverlongTexts {
        problem: &mut problem,
    });

    use ProblemReason as P;
    use RecordKind as K;
    for (i, s) in file
        .spaces
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        if s.name.trim().is_empty() {
            problem(K::Space, i, s.meta.id, "name", P::Empty);
        }
        if s.capacity == 0 {
            problem(K::Space, i, s.meta.id, "capacity", P::CapacityZero);
        }
        if s.opening_hours.iter().any(|p| p.closes <= p.opens) {
            problem(K::Space, i, s.meta.id, "opening_hours", P::EndNotAfterStart);
        }
    }
    for (i, b) in file
        .bookings
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        if b.end <= b.start {
            problem(K::Booking, i, b.meta.id, "end", P::EndNotAfterStart);
        }
        if !spaces.contains(&b.space_id) {
            problem(
                K::Booking,
                i,
                b.meta.id,
                "space_id",
                P::MissingReference(K::Space),
            );
        }
        if b.title.trim().is_empty() {
            problem(K::Booking, i, b.meta.id, "title", P::Empty);
        }
    }
    for (i, v) in file
        .volunteers
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        if v.name.trim().is_empty() {
            problem(K::Volunteer, i, v.meta.id, "name", P::Empty);
        }
    }
    for (i, h) in file
        .holiday_years
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        // The id follows from the year, so every phone holds one record a year.
        let wrong_id = h.meta.id != holiday_year_id(h.arrangement.year);
        let first = h.arrangement.problems().into_iter().next();
        if let Some(p) = first.or(wrong_id.then_some(ArrangementProblem::Unreadable)) {
            problem(K::HolidayYear, i, h.meta.id, "days", P::Holidays(p));
        }
    }
    for (i, a) in file
        .activities
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        if a.ends_on < a.starts_on {
            problem(K::Activity, i, a.meta.id, "ends_on", P::EndNotAfterStart);
        }
        if a.title.trim().is_empty() {
            problem(K::Activity, i, a.meta.id, "title", P::Empty);
        }
    }
    for (i, s) in file
        .shifts
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        if s.end <= s.start {
            problem(K::Shift, i, s.meta.id, "end", P::EndNotAfterStart);
        }
        if s.needed_max == 0 || s.needed_min > s.needed_max {
            problem(K::Shift, i, s.meta.id, "needed_max", P::HeadCount);
        }
        if !activities.contains(&s.activity_id) {
            problem(
                K::Shift,
                i,
                s.meta.id,
                "activity_id",
                P::MissingReference(K::Activity),
            );
        }
    }
    for (i, a) in file
        .assignments
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.meta.deleted)
    {
        if !shifts.contains(&a.shift_id) {
            problem(
                K::Assignment,
                i,
                a.meta.id,
                "shift_id",
                P::MissingReference(K::Shift),
            );
        }
        if !volunteers.contains(&a.volunteer_id) {
            problem(
                K::Assignment,
                i,
                a.meta.id,
                "volunteer_id",
                P::MissingReference(K::Volunteer),
            );
        }
    }
    out
}

/// Live bookings of one space in `file` itself that overlap an earlier one.
fn overlaps_in_file(file: &Community, local: &Community) -> Vec<ImportProblem> {
    let mut out = Vec::new();
    // Two live bookings of one space in the file itself may not overlap.
    let buffer: std::collections::HashMap<Uuid, u16> = file
        .spaces
        .iter()
        .chain(&local.spaces)
        .map(|s| (s.meta.id, s.rules.buffer_minutes))
        .collect();
    // Sorted by space and start, each booking only meets its neighbours:
    // fast enough for tens of thousands.
    let mut order: Vec<usize> = (0..file.bookings.len())
        .filter(|i| file.bookings[*i].is_live())
        .collect();
    order.sort_by_key(|i| (file.bookings[*i].space_id, file.bookings[*i].start));
    let mut clashing = std::collections::BTreeSet::new();
    for (n, &i) in order.iter().enumerate() {
        let a = &file.bookings[i];
        let gap = buffer.get(&a.space_id).copied().unwrap_or(0);
        for &j in &order[n + 1..] {
            let b = &file.bookings[j];
            if b.space_id != a.space_id || b.start >= a.end.plus_minutes(gap as i64) {
                break;
            }
            if crate::domain::bookings_collide(a, b, gap) {
                clashing.insert(i.max(j));
            }
        }
    }
    for i in clashing {
        let b = &file.bookings[i];
        out.push(ImportProblem {
            kind: RecordKind::Booking,
            position: i,
            id: b.meta.id,
            field: "start",
            reason: ProblemReason::OverlapsInFile,
        });
    }
    out
}

/// Every text longer than any real name or note, by record and field.
struct OverlongTexts<'a, F> {
    problem: &'a mut F,
}

impl<F: FnMut(RecordKind, usize, Uuid, &'static str, ProblemReason)> EachKind
    for OverlongTexts<'_, F>
{
    fn kind<R: Record>(&mut self, records: &[R]) {
        for (i, r) in records.iter().enumerate() {
            for (field, text) in r.texts() {
                if text.chars().count() > MAX_TEXT_CHARS {
                    let limit = MAX_TEXT_CHARS;
                    (self.problem)(R::KIND, i, r.id(), field, ProblemReason::TooLong { limit });
                }
            }
        }
    }
}

fn duplicates(
    kind: RecordKind,
    ids: impl Iterator<Item = Uuid>,
    problem: &mut impl FnMut(RecordKind, usize, Uuid, &'static str, ProblemReason),
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            problem(kind, i, id, "id", ProblemReason::DuplicateId);
        }
    }
}
