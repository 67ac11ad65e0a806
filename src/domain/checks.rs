//! What can be wrong with one record on its own, and what it points at:
//! each kind states its own (`Record::problems`, `Record::references`);
//! files, server documents and the store all judge records by them.

use super::kind::RecordKind;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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

/// A record this one cannot stand without: the field that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub field: &'static str,
    pub kind: RecordKind,
    pub id: Uuid,
}

impl Reference {
    pub fn to(field: &'static str, kind: RecordKind, id: Uuid) -> Self {
        Reference { field, kind, id }
    }
}

/// Why an arrangement file is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementProblem {
    /// It has `year` and `days`, but a field of the wrong kind.
    Unreadable,
    /// The year is outside 2000–2100.
    Year(i16),
    NoDays,
    TooManyDays,
    /// A date far from the year it claims to arrange.
    DateOutsideYear(Date),
    /// The same date listed twice.
    DateTwice(Date),
    /// A holiday without a name, or with an overlong one.
    Name(Date),
    /// A make-up workday that is not a Saturday or Sunday.
    WorkdayNotWeekend(Date),
}
