//! Saving assignments: the roster's guards (overlap, maximum, fairness
//! limits) are checked inside the readwrite transaction that writes, so two
//! leads assigning from two tabs cannot overfill a shift or double-book a
//! volunteer.

use super::changes::Writes;
use super::error::{StoreError, StoreResult};
use super::open::Store;
use super::schema::{IndexName, META_STORE, SYNC_LOG};
use crate::domain::roster_rules::assignment_needs_check;
use crate::domain::waiting_list::{first_to_move_in, Waiting};
use crate::domain::LocalDateTime;
use crate::domain::{
    check_assignment, AssignRefusal, Assignment, DeviceId, FairnessLimits, Moment, Record,
    RecordKind, Shift, ShiftPlan, Volunteer,
};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use jiff::Timestamp;
use uuid::Uuid;

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
    /// Only a shift nobody is on may be deleted; this one has people.
    ShiftHasPeople,
    /// The roster changed after a generation's preview (someone signed up
    /// on a shift it would remove, or the same shifts were made meanwhile):
    /// the preview must be made again.
    PlanOutdated,
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

/// The three stores a roster write reads and writes, in one transaction.
struct RosterStores<'a> {
    people: ObjectStore<'a>,
    shifts: ObjectStore<'a>,
    assignments: ObjectStore<'a>,
}

/// The stores a roster transaction spans: volunteers, shifts, assignments,
/// and the change log with the meta store that says whether to keep it.
const ROSTER_STORES: [&str; 5] = ["volunteers", "shifts", "assignments", META_STORE, SYNC_LOG];

impl<'a> RosterStores<'a> {
    fn of(tx: &'a Transaction<'_>) -> Result<Self, SaveAssignmentError> {
        Ok(RosterStores {
            people: tx.object_store(RecordKind::Volunteer.plural())?,
            shifts: tx.object_store(RecordKind::Shift.plural())?,
            assignments: tx.object_store(Assignment::KIND.plural())?,
        })
    }
    async fn shift(&self, id: Uuid) -> Result<Option<Shift>, SaveAssignmentError> {
        let found: Option<Shift> = self.shifts.get(id.to_string()).serde()?.await?;
        Ok(found.filter(|s| !s.meta.deleted))
    }

    async fn volunteer(&self, id: Uuid) -> Result<Option<Volunteer>, SaveAssignmentError> {
        let found: Option<Volunteer> = self.people.get(id.to_string()).serde()?.await?;
        Ok(found.filter(|v| !v.meta.deleted))
    }

    async fn assignments_by(
        &self,
        index: IndexName,
        key: Uuid,
    ) -> Result<Vec<Assignment>, SaveAssignmentError> {
        Ok(self
            .assignments
            .index(index.name())?
            .get_all::<Assignment>()
            .with_query::<String, _>(KeyRange::Only(key.to_string()))
            .serde()?
            .await?
            .collect::<Result<_, _>>()?)
    }

    /// Does anyone hold a place on the shift (signed up, here, or done)?
    async fn staffed(&self, shift: Uuid) -> Result<bool, SaveAssignmentError> {
        Ok(self
            .assignments_by(IndexName::AssignmentsByShift, shift)
            .await?
            .iter()
            .any(Assignment::counts_toward_coverage))
    }

    /// The shift's assignments other than `except` (the one being saved).
    async fn on_shift(
        &self,
        shift: Uuid,
        except: Uuid,
    ) -> Result<Vec<Assignment>, SaveAssignmentError> {
        let mut list = self
            .assignments_by(IndexName::AssignmentsByShift, shift)
            .await?;
        list.retain(|a| a.meta.id != except);
        Ok(list)
    }

    /// The volunteer's live assignments with their shifts, leaving out the
    /// assignment being saved and the shift being changed.
    async fn theirs(
        &self,
        volunteer: Uuid,
        except: Uuid,
        except_shift: Uuid,
    ) -> Result<Vec<(Assignment, Shift)>, SaveAssignmentError> {
        let mut out = Vec::new();
        for a in self
            .assignments_by(IndexName::AssignmentsByVolunteer, volunteer)
            .await?
        {
            if !a.counts_toward_coverage() || a.meta.id == except || a.shift_id == except_shift {
                continue;
            }
            if let Some(shift) = self.shift(a.shift_id).await? {
                out.push((a, shift));
            }
        }
        Ok(out)
    }

    /// Fills the free places of `shift` from its waiting list, first
    /// joined first, skipping whoever a guard would refuse; returns who
    /// moved in. Runs inside the transaction that freed the place.
    async fn move_in_from_waiting_list(
        &self,
        shift: Uuid,
        limits: FairnessLimits,
        moment: &Moment,
        writes: &mut Writes<'_>,
    ) -> Result<Vec<Assignment>, SaveAssignmentError> {
        let Some(shift) = self.shift(shift).await? else {
            return Ok(Vec::new());
        };
        let mut moved = Vec::new();
        loop {
            let on_shift = self
                .assignments_by(IndexName::AssignmentsByShift, shift.meta.id)
                .await?;
            let mut waiting = Vec::new();
            for entry in on_shift.iter().filter(|a| a.is_waiting()) {
                waiting.push(Waiting {
                    entry: entry.clone(),
                    volunteer: self.volunteer(entry.volunteer_id).await?,
                    theirs: self
                        .theirs(entry.volunteer_id, entry.meta.id, shift.meta.id)
                        .await?,
                });
            }
            let Some(next) = first_to_move_in(&shift, &on_shift, &waiting, limits, moment.local)
            else {
                return Ok(moved);
            };
            let Some(mut entry) = waiting
                .into_iter()
                .map(|w| w.entry)
                .find(|e| e.meta.id == next)
            else {
                return Ok(moved);
            };
            entry.move_in(moment.now, &moment.device);
            writes.put(&entry)?;
            moved.push(entry);
        }
    }
}

impl Store {
    async fn roster_tx(&self) -> Result<Transaction<'static>, SaveAssignmentError> {
        Ok(self.tx(&ROSTER_STORES, TransactionMode::Readwrite).await?)
    }

    /// Saves `volunteers` (a walk-in, an edit) and then `assignments`, in
    /// one transaction, in order: a withdrawal listed before a cover frees
    /// the place the cover takes. All are saved, or none. A place freed
    /// (a withdrawal, a no-show) before its shift starts then goes to the
    /// shift's waiting list, in the same transaction; the entries moved in
    /// are returned.
    pub async fn save_assignments(
        &self,
        volunteers: Vec<Volunteer>,
        assignments: Vec<Assignment>,
        limits: FairnessLimits,
        moment: Moment,
    ) -> Result<Vec<Assignment>, SaveAssignmentError> {
        let tx = self.roster_tx().await?;
        let stores = RosterStores::of(&tx)?;
        let mut writes = Writes::begin(&tx)?;
        let mut freed: Vec<Uuid> = Vec::new();
        for v in volunteers {
            writes.put(&v)?;
        }
        for (index, assignment) in assignments.into_iter().enumerate() {
            let id = assignment.meta.id;
            let stored: Option<Assignment> =
                stores.assignments.get(id.to_string()).serde()?.await?;
            if assignment_needs_check(stored.as_ref(), &assignment) {
                let (Some(shift), Some(volunteer)) = (
                    stores.shift(assignment.shift_id).await?,
                    stores.volunteer(assignment.volunteer_id).await?,
                ) else {
                    return Err(SaveAssignmentError::Missing { index });
                };
                let on_shift = stores.on_shift(shift.meta.id, id).await?;
                let theirs = stores.theirs(volunteer.meta.id, id, shift.meta.id).await?;
                let check = check_assignment(&volunteer, &shift, &on_shift, &theirs, limits);
                if !check.allowed() {
                    // Dropping the transaction aborts it: nothing is written.
                    return Err(SaveAssignmentError::Refused {
                        index,
                        refusals: check.refusals,
                    });
                }
            }
            let frees = stored
                .as_ref()
                .is_some_and(Assignment::counts_toward_coverage)
                && !assignment.counts_toward_coverage();
            if frees && !freed.contains(&assignment.shift_id) {
                freed.push(assignment.shift_id);
            }
            writes.put(&assignment)?;
        }
        // After the whole list: a cover listed after a withdrawal keeps
        // the place it was given.
        let mut moved = Vec::new();
        for shift in freed {
            moved.extend(
                stores
                    .move_in_from_waiting_list(shift, limits, &moment, &mut writes)
                    .await?,
            );
        }
        writes.done().await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// Saves a new or changed shift. The people already on it are checked
    /// against its new times and head-count inside the same transaction.
    pub async fn save_shift(
        &self,
        shift: Shift,
        limits: FairnessLimits,
    ) -> Result<(), SaveAssignmentError> {
        let tx = self.roster_tx().await?;
        let stores = RosterStores::of(&tx)?;
        let mut on_shift = stores
            .assignments_by(IndexName::AssignmentsByShift, shift.meta.id)
            .await?;
        on_shift.retain(Assignment::counts_toward_coverage);
        for a in &on_shift {
            let Some(mut volunteer) = stores.volunteer(a.volunteer_id).await? else {
                continue;
            };
            let theirs = stores
                .theirs(volunteer.meta.id, a.meta.id, shift.meta.id)
                .await?;
            let others: Vec<Assignment> = on_shift
                .iter()
                .filter(|x| x.meta.id != a.meta.id)
                .cloned()
                .collect();
            // Someone already on the shift is not refused for being inactive
            // now; only the new time and head-count matter.
            volunteer.active = true;
            let check = check_assignment(&volunteer, &shift, &others, &theirs, limits);
            if !check.allowed() {
                return Err(SaveAssignmentError::PersonRefused {
                    name: volunteer.name,
                    refusals: check.refusals,
                });
            }
        }
        let mut writes = Writes::begin(&tx)?;
        writes.put(&shift)?;
        writes.done().await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes (tombstones) a shift, but only if nobody is on it: checked
    /// in the transaction that writes, so a sign-up from another tab in
    /// between is never dropped.
    pub async fn delete_shift(
        &self,
        id: Uuid,
        now: Timestamp,
        device: &DeviceId,
    ) -> Result<(), SaveAssignmentError> {
        let tx = self.roster_tx().await?;
        let stores = RosterStores::of(&tx)?;
        let Some(mut shift) = stores.shift(id).await? else {
            return Err(SaveAssignmentError::Missing { index: 0 });
        };
        if stores.staffed(id).await? {
            return Err(SaveAssignmentError::ShiftHasPeople);
        }
        shift.meta.tombstone(now, device);
        let mut writes = Writes::begin(&tx)?;
        writes.put(&shift)?;
        writes.done().await?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes a duty generation's plan in one transaction, after checking
    /// inside it that the roster is still as the preview saw it: every
    /// shift it removes is still there and still empty, and none of the
    /// shifts it makes exists already. Otherwise nothing is written.
    pub async fn apply_shift_plan(&self, plan: ShiftPlan) -> Result<(), SaveAssignmentError> {
        let tx = self.roster_tx().await?;
        let stores = RosterStores::of(&tx)?;
        for gone in &plan.remove {
            if stores.shift(gone.meta.id).await?.is_none() || stores.staffed(gone.meta.id).await? {
                return Err(SaveAssignmentError::PlanOutdated);
            }
        }
        let mut activities: Vec<Uuid> = plan.create.iter().map(|s| s.activity_id).collect();
        activities.sort();
        activities.dedup();
        for activity in activities {
            let key = activity.to_string();
            let range = KeyRange::Bound(
                (key.clone(), String::new()),
                false,
                (key, "\u{ffff}".to_string()),
                false,
            );
            let existing: Vec<Shift> = stores
                .shifts
                .index(IndexName::ShiftsByActivityStart.name())?
                .get_all::<Shift>()
                .with_query::<(String, String), _>(range)
                .serde()?
                .await?
                .collect::<Result<_, _>>()?;
            let made_already = plan.create.iter().any(|new| {
                existing.iter().any(|s| {
                    !s.meta.deleted
                        && s.activity_id == new.activity_id
                        && s.role == new.role
                        && s.start == new.start
                        && s.end == new.end
                })
            });
            if made_already {
                return Err(SaveAssignmentError::PlanOutdated);
            }
        }
        let mut writes = Writes::begin(&tx)?;
        for shift in plan.create.into_iter().chain(plan.remove) {
            writes.put(&shift)?;
        }
        writes.done().await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Reads by the screens.
impl Store {
    /// Shifts of every activity starting in `[from, to)`, earliest first.
    pub async fn shifts_between(
        &self,
        from: LocalDateTime,
        to: LocalDateTime,
    ) -> StoreResult<Vec<Shift>> {
        let range = KeyRange::Bound(from.to_string(), false, to.to_string(), true);
        self.range(IndexName::ShiftsByStart, range).await
    }

    /// All shifts of one activity, earliest first.
    pub async fn shifts_of_activity(&self, activity: Uuid) -> StoreResult<Vec<Shift>> {
        let id = activity.to_string();
        // "" sorts before every start time and U+FFFF after every one.
        let range = KeyRange::Bound(
            (id.clone(), String::new()),
            false,
            (id, "\u{ffff}".to_string()),
            false,
        );
        self.range(IndexName::ShiftsByActivityStart, range).await
    }

    pub async fn assignments_of_shift(&self, shift: Uuid) -> StoreResult<Vec<Assignment>> {
        self.range(
            IndexName::AssignmentsByShift,
            KeyRange::Only(shift.to_string()),
        )
        .await
    }

    pub async fn assignments_of_volunteer(&self, volunteer: Uuid) -> StoreResult<Vec<Assignment>> {
        self.range(
            IndexName::AssignmentsByVolunteer,
            KeyRange::Only(volunteer.to_string()),
        )
        .await
    }
}
