//! A volunteer on a shift, from sign-up to check-out.

use super::meta::Meta;
use super::shift::Shift;
use super::time::LocalDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    SignedUp,
    Confirmed,
    CheckedIn,
    Completed,
    NoShow,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    #[serde(flatten)]
    pub meta: Meta,
    pub shift_id: Uuid,
    pub volunteer_id: Uuid,
    pub status: AssignmentStatus,
    #[serde(default)]
    pub check_in: Option<LocalDateTime>,
    #[serde(default)]
    pub check_out: Option<LocalDateTime>,
}

impl Assignment {
    /// Someone who is expected, present or was there fills a place on the shift.
    pub fn counts_toward_coverage(&self) -> bool {
        !self.meta.deleted
            && !matches!(
                self.status,
                AssignmentStatus::Cancelled | AssignmentStatus::NoShow
            )
    }

    /// Minutes given: check-out minus check-in, or the shift's length when
    /// it was marked completed without times.
    pub fn minutes_given(&self, shift: &Shift) -> i64 {
        if self.meta.deleted {
            return 0;
        }
        match (self.status, self.check_in, self.check_out) {
            (AssignmentStatus::Completed | AssignmentStatus::CheckedIn, Some(i), Some(o))
                if i < o =>
            {
                i.minutes_until(o)
            }
            (AssignmentStatus::Completed, _, _) => shift.start.minutes_until(shift.end).max(0),
            _ => 0,
        }
    }
}

/// True when two shifts share time, so one person cannot take both.
pub fn shifts_overlap(a: &Shift, b: &Shift) -> bool {
    match (a.interval(), b.interval()) {
        (Some(x), Some(y)) => a.meta.id != b.meta.id && x.overlaps(y),
        _ => false,
    }
}
