//! Checking every record of a file before anything is written: the rules
//! (times, capacities, head-counts) and every reference (an assignment's
//! shift and volunteer exist in the file or on this phone).

use crate::domain::clash::{booking_clashes, buffers};
use crate::domain::{Community, EachKind, Record, RecordKind};
use std::collections::{BTreeSet, HashMap, HashSet};
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

pub use crate::domain::{ProblemReason, MAX_TEXT_CHARS};

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
    file.each_kind(&mut RecordRules {
        file,
        local,
        ids: HashMap::new(),
        problem: &mut problem,
    });
    out
}

/// Each live record's own problems (`Record::problems`) and the records
/// it points at that are neither in the file nor on this phone.
struct RecordRules<'a, F> {
    file: &'a Community,
    local: &'a Community,
    /// The ids a reference may point at, by kind, gathered when first asked.
    ids: HashMap<RecordKind, HashSet<Uuid>>,
    problem: &'a mut F,
}

impl<F: FnMut(RecordKind, usize, Uuid, &'static str, ProblemReason)> RecordRules<'_, F> {
    /// One record's verdict; kept apart from the per-kind loop so that
    /// one copy of it serves every kind.
    fn judge(
        &mut self,
        kind: RecordKind,
        position: usize,
        id: Uuid,
        problems: Vec<(&'static str, ProblemReason)>,
        references: Vec<crate::domain::Reference>,
    ) {
        for (field, reason) in problems {
            (self.problem)(kind, position, id, field, reason);
        }
        for to in references {
            let (file, local) = (self.file, self.local);
            let known = self.ids.entry(to.kind).or_insert_with(|| {
                file.ids(to.kind)
                    .into_iter()
                    .chain(local.ids(to.kind))
                    .collect()
            });
            if !known.contains(&to.id) {
                let reason = ProblemReason::MissingReference(to.kind);
                (self.problem)(kind, position, id, to.field, reason);
            }
        }
    }
}

impl<F: FnMut(RecordKind, usize, Uuid, &'static str, ProblemReason)> EachKind
    for RecordRules<'_, F>
{
    fn kind<R: Record>(&mut self, records: &[R]) {
        for (i, r) in records
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.meta().deleted)
        {
            self.judge(R::KIND, i, r.id(), r.problems(), r.references());
        }
    }
}

/// Live bookings of one space in `file` itself that overlap an earlier one.
fn overlaps_in_file(file: &Community, local: &Community) -> Vec<ImportProblem> {
    let buffer: HashMap<Uuid, u16> = buffers(file).into_iter().chain(buffers(local)).collect();
    let gap = |space| buffer.get(&space).copied().unwrap_or(0);
    let position: HashMap<Uuid, usize> = file
        .bookings
        .iter()
        .enumerate()
        .map(|(i, b)| (b.meta.id, i))
        .collect();
    // The later of each pair in the file is the one refused.
    let clashing: BTreeSet<usize> = booking_clashes(&file.bookings, &gap, &|_| true)
        .into_iter()
        .filter_map(|(a, b)| {
            Some(position.get(&a.meta.id)?.max(position.get(&b.meta.id)?)).copied()
        })
        .collect();
    clashing
        .into_iter()
        .map(|i| ImportProblem {
            kind: RecordKind::Booking,
            position: i,
            id: file.bookings[i].meta.id,
            field: "start",
            reason: ProblemReason::OverlapsInFile,
        })
        .collect()
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
