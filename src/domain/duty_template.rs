//! Recurring duties: "every day, 6 patrols of an hour at 07:00, 09:00 …,
//! 2 volunteers each", optionally staggered (错时) on alternate days, turned
//! into shifts for a period — and regenerated without touching shifts that
//! already have people.

use super::holidays::HolidayCalendar;
use super::meta::{DeviceId, IdSource, Meta};
use super::shift::Shift;
use super::time::{add_days, weekday_number, ClockTime, LocalDateTime};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

/// The longest period one generation may cover.
pub const MAX_PERIOD_DAYS: i64 = 366;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyTemplate {
    pub role: String,
    /// When each shift of a day starts.
    pub starts: Vec<ClockTime>,
    /// How long each shift lasts.
    pub minutes: u16,
    pub needed_min: u32,
    pub needed_max: u32,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub required_skill: Option<String>,
    /// Days of the week it runs (1 = Monday); empty means every day.
    #[serde(default)]
    pub weekdays: Vec<u8>,
    /// Which days it runs on: the weekdays picked, or the working days of
    /// the holiday arrangement.
    #[serde(default)]
    pub days: DutyDays,
    /// Minutes added to every start on alternate days (错时), so that the
    /// same hour is not always the one left uncovered.
    #[serde(default)]
    pub stagger_minutes: i16,
}

/// Which days a template's shifts fall on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyDays {
    /// The weekdays picked (all of them when none is), holidays or not.
    #[default]
    Weekdays,
    /// Working days: Monday to Friday without public holidays, with the
    /// weekend days made workdays (调休上班).
    Workdays,
}

/// Why a template cannot generate shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateProblem {
    NoRole,
    NoStartTimes,
    NoLength,
    /// The minimum head-count is above the maximum, or the maximum is 0.
    HeadCount,
    PeriodBackwards,
    PeriodTooLong,
}

/// What a generation will do, shown as a preview before it is saved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShiftPlan {
    /// New shifts to write.
    pub create: Vec<Shift>,
    /// Unstaffed shifts of this role in the period that the template no
    /// longer has; they are deleted (tombstoned).
    pub remove: Vec<Shift>,
    /// Shifts left as they are: staffed ones, and those that already
    /// match the template.
    pub keep: Vec<Shift>,
}

impl DutyTemplate {
    pub fn problems(&self, from: Date, to: Date) -> Vec<TemplateProblem> {
        let mut out = Vec::new();
        if self.role.trim().is_empty() {
            out.push(TemplateProblem::NoRole);
        }
        if self.starts.is_empty() {
            out.push(TemplateProblem::NoStartTimes);
        }
        if self.minutes == 0 {
            out.push(TemplateProblem::NoLength);
        }
        if self.needed_max == 0 || self.needed_min > self.needed_max {
            out.push(TemplateProblem::HeadCount);
        }
        if to < from {
            out.push(TemplateProblem::PeriodBackwards);
        } else if (to - from).get_days() as i64 >= MAX_PERIOD_DAYS {
            out.push(TemplateProblem::PeriodTooLong);
        }
        out
    }

    /// The (start, end) of every shift from `from` to `to`, both included.
    pub fn slots(
        &self,
        from: Date,
        to: Date,
        holidays: &HolidayCalendar,
    ) -> Vec<(LocalDateTime, LocalDateTime)> {
        let mut out = Vec::new();
        let mut day = from;
        let mut index = 0i64;
        while day <= to && index < MAX_PERIOD_DAYS {
            let runs = match self.days {
                DutyDays::Weekdays => {
                    self.weekdays.is_empty()
                        || self.weekdays.contains(&weekday_number(day.weekday()))
                }
                DutyDays::Workdays => holidays.is_workday(day),
            };
            if runs {
                let offset = if index % 2 == 1 {
                    self.stagger_minutes as i64
                } else {
                    0
                };
                let mut starts = self.starts.clone();
                starts.sort();
                starts.dedup();
                for clock in starts {
                    let start = LocalDateTime::new(day, clock).plus_minutes(offset);
                    out.push((start, start.plus_minutes(self.minutes as i64)));
                }
            }
            day = add_days(day, 1);
            index += 1;
        }
        out
    }

    /// Plans the shifts of `activity` for the period against what exists.
    /// `existing` are the activity's shifts; `staffed` the ids of those
    /// that have someone on them; `holidays` says which days are worked.
    #[allow(clippy::too_many_arguments)]
    pub fn plan(
        &self,
        activity: Uuid,
        from: Date,
        to: Date,
        existing: &[Shift],
        staffed: &HashSet<Uuid>,
        ids: &mut impl IdSource,
        now: Timestamp,
        device: &DeviceId,
        holidays: &HolidayCalendar,
    ) -> ShiftPlan {
        let mut plan = ShiftPlan::default();
        let in_period: Vec<&Shift> = existing
            .iter()
            .filter(|s| {
                !s.meta.deleted
                    && s.activity_id == activity
                    && s.role == self.role
                    && s.start.date() >= from
                    && s.start.date() <= to
            })
            .collect();
        let slots = self.slots(from, to, holidays);
        let mut covered: HashSet<(LocalDateTime, LocalDateTime)> = HashSet::new();
        for shift in in_period {
            let slot = (shift.start, shift.end);
            let matches = slots.contains(&slot) && self.same_terms(shift);
            if staffed.contains(&shift.meta.id) || (matches && !covered.contains(&slot)) {
                covered.insert(slot);
                plan.keep.push(shift.clone());
            } else {
                let mut gone = shift.clone();
                gone.meta.tombstone(now, device);
                plan.remove.push(gone);
            }
        }
        for (start, end) in slots {
            if covered.contains(&(start, end)) {
                continue;
            }
            plan.create.push(Shift {
                meta: Meta::new(ids.next_id(), now, device),
                activity_id: activity,
                role: self.role.trim().to_string(),
                start,
                end,
                needed_min: self.needed_min,
                needed_max: self.needed_max,
                place: self.place.clone(),
                notes: String::new(),
                required_skill: self.required_skill.clone().filter(|s| !s.is_empty()),
                served: None,
            });
        }
        plan.create.sort_by_key(|s| s.start);
        plan
    }

    fn same_terms(&self, shift: &Shift) -> bool {
        shift.needed_min == self.needed_min
            && shift.needed_max == self.needed_max
            && shift.place == self.place
            && shift.required_skill == self.required_skill.clone().filter(|s| !s.is_empty())
    }
}
