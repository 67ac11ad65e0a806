//! Saving assignments: the roster's guards (overlap, maximum, fairness
//! limits) are checked inside the readwrite transaction that writes, so two
//! leads assigning from two tabs cannot overfill a shift or double-book a
//! volunteer.

use super::error::StoreError;
use super::repo::Store;
use super::schema::IndexName;
use crate::domain::roster_rules::assignment_needs_check;
use crate::domain::{
    check_assignment, AssignRefusal, Assignment, FairnessLimits, Record, RecordKind, Shift,
    Volunteer,
};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;

/// Why assignments were not saved. Nothing was written in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveAssignmentError {
    /// The assignment at this position of the list breaks these guards.
    Refused {
        index: usize,
        refusals: Vec<AssignRefusal>,
    },
    /// It points at a shift or volunteer that does not exist (or was deleted).
    Missing {
        index: usize,
    },
    /// A changed shift no longer suits someone already on it (it now
    /// overlaps another of their shifts, or holds fewer people).
    PersonRefused {
        name: String,
        refusals: Vec<AssignRefusal>,
    },
    Store(StoreError),
}

impl SaveAssignmentError {
    /// The broken guards, when that is why nothing was saved.
    pub fn refusals(&self) -> Option<Vec<AssignRefusal>> {
        match self {
            SaveAssignmentError::Refused { refusals, .. }
            | SaveAssignmentError::PersonRefused { refusals, .. } => Some(refusals.clone()),
            _ => None,
        }
    }

    /// What to tell the user when it was not the guards.
    pub fn kind(&self) -> super::StoreErrorKind {
        match self {
            SaveAssignmentError::Store(e) => e.kind,
            _ => super::StoreErrorKind::Failed,
        }
    }
}

impl From<StoreError> for SaveAssignmentError {
    fn from(e: StoreError) -> Self {
        SaveAssignmentError::Store(e)
    }
}

impl From<indexed_db_futures::error::Error> for SaveAssignmentError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        SaveAssignmentError::Store(e.into())
    }
}

impl Store {
    /// Saves `volunteers` (a walk-in, an edit) and then `assignments`, in
    /// one transaction, in order: a withdrawal listed before a cover frees
    /// the place the cover takes. All are saved, or none.
    pub async fn save_assignments(
        &self,
        volunteers: Vec<Volunteer>,
        assignments: Vec<Assignment>,
        limits: FairnessLimits,
    ) -> Result<(), SaveAssignmentError> {
        let names = [
            RecordKind::Volunteer.plural(),
            RecordKind::Shift.plural(),
            Assignment::KIND.plural(),
        ];
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        let people = tx.object_store(names[0])?;
        let shifts = tx.object_store(names[1])?;
        let store = tx.object_store(names[2])?;
        for v in volunteers {
            people.put(v).serde()?;
        }
        for (index, assignment) in assignments.into_iter().enumerate() {
            let stored: Option<Assignment> =
                store.get(assignment.meta.id.to_string()).serde()?.await?;
            if assignment_needs_check(stored.as_ref(), &assignment) {
                let shift: Option<Shift> =
                    shifts.get(assignment.shift_id.to_string()).serde()?.await?;
                let volunteer: Option<Volunteer> = people
                    .get(assignment.volunteer_id.to_string())
                    .serde()?
                    .await?;
                let (Some(shift), Some(volunteer)) = (
                    shift.filter(|s| !s.meta.deleted),
                    volunteer.filter(|v| !v.meta.deleted),
                ) else {
                    return Err(SaveAssignmentError::Missing { index });
                };
                let on_shift: Vec<Assignment> = store
                    .index(IndexName::AssignmentsByShift.name())?
                    .get_all::<Assignment>()
                    .with_query::<String, _>(KeyRange::Only(shift.meta.id.to_string()))
                    .serde()?
                    .await?
                    .collect::<Result<_, _>>()?;
                let mine: Vec<Assignment> = store
                    .index(IndexName::AssignmentsByVolunteer.name())?
                    .get_all::<Assignment>()
                    .with_query::<String, _>(KeyRange::Only(volunteer.meta.id.to_string()))
                    .serde()?
                    .await?
                    .collect::<Result<_, _>>()?;
                let mut theirs = Vec::new();
                for a in mine
                    .into_iter()
                    .filter(|a| a.counts_toward_coverage() && a.meta.id != assignment.meta.id)
                {
                    let other: Option<Shift> = shifts.get(a.shift_id.to_string()).serde()?.await?;
                    if let Some(other) = other {
                        theirs.push((a, other));
                    }
                }
                // The stored version of this same record does not count.
                let on_shift: Vec<Assignment> = on_shift
                    .into_iter()
                    .filter(|a| a.meta.id != assignment.meta.id)
                    .collect();
                let check = check_assignment(&volunteer, &shift, &on_shift, &theirs, limits);
                if !check.allowed() {
                    // Dropping the transaction aborts it: nothing is written.
                    return Err(SaveAssignmentError::Refused {
                        index,
                        refusals: check.refusals,
                    });
                }
            }
            store.put(assignment).serde()?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Saves a new or changed shift. The people already on it are checked
    /// against its new times and head-count inside the same transaction.
    pub async fn save_shift(
        &self,
        shift: Shift,
        limits: FairnessLimits,
    ) -> Result<(), SaveAssignmentError> {
        let names = [
            RecordKind::Volunteer.plural(),
            RecordKind::Shift.plural(),
            Assignment::KIND.plural(),
        ];
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        let people = tx.object_store(names[0])?;
        let shifts = tx.object_store(names[1])?;
        let store = tx.object_store(names[2])?;
        let on_shift: Vec<Assignment> = store
            .index(IndexName::AssignmentsByShift.name())?
            .get_all::<Assignment>()
            .with_query::<String, _>(KeyRange::Only(shift.meta.id.to_string()))
            .serde()?
            .await?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(Assignment::counts_toward_coverage)
            .collect();
        for a in &on_shift {
            let volunteer: Option<Volunteer> =
                people.get(a.volunteer_id.to_string()).serde()?.await?;
            let Some(volunteer) = volunteer else { continue };
            let mine: Vec<Assignment> = store
                .index(IndexName::AssignmentsByVolunteer.name())?
                .get_all::<Assignment>()
                .with_query::<String, _>(KeyRange::Only(volunteer.meta.id.to_string()))
                .serde()?
                .await?
                .collect::<Result<_, _>>()?;
            let mut theirs = Vec::new();
            for other in mine
                .into_iter()
                .filter(|x| x.counts_toward_coverage() && x.shift_id != shift.meta.id)
            {
                let s: Option<Shift> = shifts.get(other.shift_id.to_string()).serde()?.await?;
                if let Some(s) = s {
                    theirs.push((other, s));
                }
            }
            let others: Vec<Assignment> = on_shift
                .iter()
                .filter(|x| x.meta.id != a.meta.id)
                .cloned()
                .collect();
            // Someone already on a shift is not refused for being inactive
            // now; only the time and the head-count matter.
            let mut still = volunteer.clone();
            still.active = true;
            let check = check_assignment(&still, &shift, &others, &theirs, limits);
            if !check.allowed() {
                return Err(SaveAssignmentError::PersonRefused {
                    name: volunteer.name,
                    refusals: check.refusals,
                });
            }
        }
        shifts.put(shift).serde()?;
        tx.commit().await?;
        Ok(())
    }
}
