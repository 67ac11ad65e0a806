//! A volunteer on a shift, from sign-up to check-out.

use super::checks::{ProblemReason, Reference};
use super::meta::{DeviceId, Meta};
use super::personal::{Person, PersonalField};
use super::record::RecordKind;
use super::shift::{Coverage, Shift};
use super::time::LocalDateTime;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    SignedUp,
    Confirmed,
    CheckedIn,
    Completed,
    NoShow,
    Cancelled,
    /// On the shift's waiting list (候补): holds no place until moved in.
    Waiting,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
    /// A lead's correction of the hours, which wins over the times.
    #[serde(default)]
    pub correction: Option<HoursCorrection>,
    /// When the waiting list moved this volunteer onto the shift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<crate::domain::time::SchemaInstant>")
    )]
    pub moved_in_at: Option<Timestamp>,
}

impl Assignment {
    /// None typed freely that a file carries (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }

    /// Who corrected the hours (see `personal`).
    pub const PERSONAL: &'static [PersonalField] = &[PersonalField::shown(&["correction", "by"])];

    pub fn personal_mut(&mut self) -> Vec<(PersonalField, &mut String)> {
        match &mut self.correction {
            Some(c) => vec![(Self::PERSONAL[0], &mut c.by)],
            None => Vec::new(),
        }
    }

    /// The correction's "by", when they made it.
    pub fn about(&self, person: &Person) -> Vec<PersonalField> {
        match &self.correction {
            Some(c) if person.is_named(&c.by) => vec![Self::PERSONAL[0]],
            _ => Vec::new(),
        }
    }

    /// Its shift and its volunteer.
    pub fn references(&self) -> Vec<Reference> {
        vec![
            Reference::to("shift_id", RecordKind::Shift, self.shift_id),
            Reference::to("volunteer_id", RecordKind::Volunteer, self.volunteer_id),
        ]
    }

    /// Nothing to judge on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        Vec::new()
    }
}

/// Minutes set by hand, with why and by whom ("forgot to check out").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct HoursCorrection {
    pub minutes: i64,
    pub reason: String,
    #[serde(default)]
    pub by: String,
    /// The phone the correction was made on (see `StatusChange::device`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceId>,
}

impl HoursCorrection {
    pub fn changed_by(&self, here: &DeviceId) -> super::meta::ChangedBy {
        super::meta::ChangedBy::of(&self.by, self.device.as_ref(), here)
    }
}

impl Assignment {
    /// Someone who is expected, present or was there fills a place on the shift.
    pub fn counts_toward_coverage(&self) -> bool {
        !self.meta.deleted
            && !matches!(
                self.status,
                AssignmentStatus::Cancelled | AssignmentStatus::NoShow | AssignmentStatus::Waiting
            )
    }

    /// Waiting for a place on a full shift.
    pub fn is_waiting(&self) -> bool {
        !self.meta.deleted && self.status == AssignmentStatus::Waiting
    }

    /// Minutes given: a lead's correction if any; else check-out minus
    /// check-in; else the shift's length when marked completed without times.
    pub fn minutes_given(&self, shift: &Shift) -> i64 {
        if self.meta.deleted {
            return 0;
        }
        if let Some(c) = &self.correction {
            return c.minutes.max(0);
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

impl Assignment {
    /// A new sign-up or assignment of `volunteer` to `shift`.
    pub fn new(meta: Meta, shift_id: Uuid, volunteer_id: Uuid) -> Self {
        Assignment {
            meta,
            shift_id,
            volunteer_id,
            status: AssignmentStatus::SignedUp,
            check_in: None,
            check_out: None,
            correction: None,
            moved_in_at: None,
        }
    }

    /// `volunteer` on the waiting list of a full `shift`; their place in
    /// the queue is when they joined (`meta.created_at`).
    pub fn waiting(meta: Meta, shift_id: Uuid, volunteer_id: Uuid) -> Self {
        Assignment {
            status: AssignmentStatus::Waiting,
            ..Assignment::new(meta, shift_id, volunteer_id)
        }
    }

    /// A place came free: off the waiting list and onto the shift.
    pub fn move_in(&mut self, now: Timestamp, device: &DeviceId) {
        self.status = AssignmentStatus::SignedUp;
        self.moved_in_at = Some(now);
        self.meta.touch(now, device);
    }

    /// Arrived at `at`. Checking in again keeps the first time.
    pub fn record_check_in(&mut self, at: LocalDateTime, now: Timestamp, device: &DeviceId) {
        self.check_in.get_or_insert(at);
        self.check_out = None;
        self.status = AssignmentStatus::CheckedIn;
        self.meta.touch(now, device);
    }

    /// Left at `at`: the shift is done. Without a check-in the shift's own
    /// length counts.
    pub fn record_check_out(&mut self, at: LocalDateTime, now: Timestamp, device: &DeviceId) {
        if self.check_in.is_some_and(|i| i < at) {
            self.check_out = Some(at);
        }
        self.status = AssignmentStatus::Completed;
        self.meta.touch(now, device);
    }

    /// Did not come: no hours, and the place on the shift is free again.
    pub fn mark_no_show(&mut self, now: Timestamp, device: &DeviceId) {
        self.status = AssignmentStatus::NoShow;
        self.check_in = None;
        self.check_out = None;
        self.meta.touch(now, device);
    }

    /// Takes back the last tap at the check-in table, made by mistake: a
    /// check-in, a check-out or a no-show. False when there is none.
    /// Back from a no-show the person holds a place again, so the save
    /// goes through the roster's guards.
    pub fn undo_check_in_step(&mut self, now: Timestamp, device: &DeviceId) -> bool {
        match self.status {
            AssignmentStatus::CheckedIn => {
                self.status = AssignmentStatus::SignedUp;
                self.check_in = None;
            }
            AssignmentStatus::Completed => {
                self.check_out = None;
                self.status = if self.check_in.is_some() {
                    AssignmentStatus::CheckedIn
                } else {
                    AssignmentStatus::SignedUp
                };
            }
            AssignmentStatus::NoShow => self.status = AssignmentStatus::SignedUp,
            _ => return false,
        }
        self.meta.touch(now, device);
        true
    }

    /// Gives the shift up (or the lead takes the volunteer off it).
    pub fn withdraw(&mut self, now: Timestamp, device: &DeviceId) {
        self.status = AssignmentStatus::Cancelled;
        self.meta.touch(now, device);
    }

    /// A lead sets the minutes by hand, with a reason.
    pub fn correct_hours(
        &mut self,
        mut correction: HoursCorrection,
        now: Timestamp,
        device: &DeviceId,
    ) {
        correction.device = Some(device.clone());
        self.correction = Some(correction);
        self.meta.touch(now, device);
    }
}

/// Minutes given, shifts done and no-shows over some period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HoursTotals {
    pub minutes: i64,
    pub shifts: u32,
    pub no_shows: u32,
}

impl HoursTotals {
    fn add(&mut self, a: &Assignment, s: &Shift) {
        let minutes = a.minutes_given(s);
        self.minutes += minutes;
        if minutes > 0 {
            self.shifts += 1;
        }
        if a.status == AssignmentStatus::NoShow && !a.meta.deleted {
            self.no_shows += 1;
        }
    }
}

/// A volunteer's totals per (year, month), and per year, from their
/// assignments with the shifts they point at. A shift counts in the month
/// it starts.
pub fn hours_totals(
    list: &[(Assignment, Shift)],
) -> (BTreeMap<(i16, i8), HoursTotals>, BTreeMap<i16, HoursTotals>) {
    let (mut months, mut years) = (BTreeMap::new(), BTreeMap::new());
    for (a, s) in list {
        let day = s.start.date();
        months
            .entry((day.year(), day.month()))
            .or_insert_with(HoursTotals::default)
            .add(a, s);
        years
            .entry(day.year())
            .or_insert_with(HoursTotals::default)
            .add(a, s);
    }
    (months, years)
}

/// Coverage of `shift` from the assignments that point at it.
pub fn coverage(shift: &Shift, assignments: &[Assignment]) -> Coverage {
    let filled = assignments
        .iter()
        .filter(|a| a.shift_id == shift.meta.id && a.counts_toward_coverage())
        .count() as u32;
    Coverage {
        filled,
        needed_min: shift.needed_min,
        needed_max: shift.needed_max,
    }
}
