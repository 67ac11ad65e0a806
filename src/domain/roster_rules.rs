//! The guards of a roster — nobody in two places at once, no shift over its
//! maximum, the community's fairness limits, required skills — and who
//! could cover a shift someone gives up.

use super::assignment::Assignment;
use super::shift::Shift;
use super::time::LocalDateTime;
use super::volunteer::Volunteer;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// Shifts less than this far apart count as one run ("consecutive").
pub const BACK_TO_BACK_MINUTES: i64 = 30;

/// Optional limits a roster lead sets so the same few do not do it all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairnessLimits {
    /// At most this many minutes of shifts starting on one day.
    #[serde(default)]
    pub max_minutes_per_day: Option<u32>,
    /// At most this many shifts in one run (gaps under 30 minutes).
    #[serde(default)]
    pub max_consecutive_shifts: Option<u8>,
    /// At least this many minutes between the end of one shift and the
    /// start of the next.
    #[serde(default)]
    pub min_rest_minutes: Option<u16>,
}

/// A reason an assignment may not be made. Nothing is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignRefusal {
    /// The shift's times are impossible.
    BadShift,
    AlreadyOnShift,
    VolunteerInactive,
    ShiftFull {
        max: u32,
    },
    /// The volunteer is already in a shift at that time.
    Overlaps {
        shift: Uuid,
        role: String,
        start: LocalDateTime,
        end: LocalDateTime,
    },
    DayLimit {
        limit_minutes: u32,
        total_minutes: i64,
    },
    ConsecutiveLimit {
        limit: u8,
    },
    TooLittleRest {
        min_rest: u16,
        rest: i64,
    },
}

/// Something the lead should know but may override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignWarning {
    MissingSkill { skill: String },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssignCheck {
    pub refusals: Vec<AssignRefusal>,
    pub warnings: Vec<AssignWarning>,
}

impl AssignCheck {
    pub fn allowed(&self) -> bool {
        self.refusals.is_empty()
    }
}

/// Does saving `next` (over `stored`, if any) put someone on a shift, so
/// the guards apply? Check-ins, check-outs, no-shows and withdrawals never
/// need them.
pub fn assignment_needs_check(stored: Option<&Assignment>, next: &Assignment) -> bool {
    if !next.counts_toward_coverage() {
        return false;
    }
    match stored {
        None => true,
        Some(old) => {
            !old.counts_toward_coverage()
                || old.shift_id != next.shift_id
                || old.volunteer_id != next.volunteer_id
        }
    }
}

/// Checks putting `volunteer` on `shift`. `on_shift` are the shift's
/// assignments; `theirs` the volunteer's assignments with their shifts.
pub fn check_assignment(
    volunteer: &Volunteer,
    shift: &Shift,
    on_shift: &[Assignment],
    theirs: &[(Assignment, Shift)],
    limits: FairnessLimits,
) -> AssignCheck {
    let mut check = AssignCheck::default();
    let Some(interval) = shift.interval() else {
        check.refusals.push(AssignRefusal::BadShift);
        return check;
    };
    if !volunteer.active {
        check.refusals.push(AssignRefusal::VolunteerInactive);
    }
    let present: Vec<&Assignment> = on_shift
        .iter()
        .filter(|a| a.shift_id == shift.meta.id && a.counts_toward_coverage())
        .collect();
    if present.iter().any(|a| a.volunteer_id == volunteer.meta.id) {
        check.refusals.push(AssignRefusal::AlreadyOnShift);
        return check;
    }
    if present.len() as u32 >= shift.needed_max {
        check.refusals.push(AssignRefusal::ShiftFull {
            max: shift.needed_max,
        });
    }
    // The volunteer's other live shifts.
    let mut others: Vec<&Shift> = theirs
        .iter()
        .filter(|(a, s)| {
            a.volunteer_id == volunteer.meta.id
                && a.counts_toward_coverage()
                && s.meta.id != shift.meta.id
                && !s.meta.deleted
        })
        .map(|(_, s)| s)
        .collect();
    others.sort_by_key(|s| s.start);
    for other in &others {
        if other.interval().is_some_and(|o| o.overlaps(interval)) {
            check.refusals.push(AssignRefusal::Overlaps {
                shift: other.meta.id,
                role: other.role.clone(),
                start: other.start,
                end: other.end,
            });
        }
    }
    if let Some(limit) = limits.max_minutes_per_day {
        let day = shift.start.date();
        let total: i64 = others
            .iter()
            .filter(|s| s.start.date() == day)
            .map(|s| s.start.minutes_until(s.end).max(0))
            .sum::<i64>()
            + interval.minutes();
        if total > limit as i64 {
            check.refusals.push(AssignRefusal::DayLimit {
                limit_minutes: limit,
                total_minutes: total,
            });
        }
    }
    if let Some(limit) = limits.max_consecutive_shifts {
        if run_length(shift, &others) > limit as usize {
            check
                .refusals
                .push(AssignRefusal::ConsecutiveLimit { limit });
        }
    }
    if let Some(min_rest) = limits.min_rest_minutes {
        let shortest = others
            .iter()
            .filter(|o| !o.interval().is_some_and(|i| i.overlaps(interval)))
            .map(|o| {
                if o.end <= shift.start {
                    o.end.minutes_until(shift.start)
                } else {
                    shift.end.minutes_until(o.start)
                }
            })
            .min();
        if let Some(rest) = shortest.filter(|r| *r < min_rest as i64) {
            check
                .refusals
                .push(AssignRefusal::TooLittleRest { min_rest, rest });
        }
    }
    if let Some(skill) = shift.required_skill.as_ref().filter(|s| !s.is_empty()) {
        if !volunteer.skills.iter().any(|s| s == skill) {
            check.warnings.push(AssignWarning::MissingSkill {
                skill: skill.clone(),
            });
        }
    }
    check
}

/// How many shifts the run containing `shift` would have, counting the
/// shifts before and after it with gaps under `BACK_TO_BACK_MINUTES`.
fn run_length(shift: &Shift, others: &[&Shift]) -> usize {
    let mut all: Vec<(LocalDateTime, LocalDateTime)> =
        others.iter().map(|s| (s.start, s.end)).collect();
    all.push((shift.start, shift.end));
    all.sort();
    let at = all
        .iter()
        .position(|(s, e)| *s == shift.start && *e == shift.end)
        .unwrap_or(0);
    let close = |a: &(LocalDateTime, LocalDateTime), b: &(LocalDateTime, LocalDateTime)| {
        a.1.minutes_until(b.0) < BACK_TO_BACK_MINUTES
    };
    let mut first = at;
    while first > 0 && close(&all[first - 1], &all[first]) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < all.len() && close(&all[last], &all[last + 1]) {
        last += 1;
    }
    last - first + 1
}

/// A volunteer who could take a shift, with their minutes this month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverOption {
    pub volunteer: Volunteer,
    pub minutes_this_month: i64,
}

/// Who could take `shift`: active, free at that time, with the required
/// skill, within the limits — fewest minutes given this month first.
/// `shifts` holds every shift the `assignments` point at.
pub fn cover_candidates(
    shift: &Shift,
    volunteers: &[Volunteer],
    assignments: &[Assignment],
    shifts: &HashMap<Uuid, Shift>,
    limits: FairnessLimits,
) -> Vec<CoverOption> {
    let month = (shift.start.date().year(), shift.start.date().month());
    let mut by_volunteer: HashMap<Uuid, Vec<(Assignment, Shift)>> = HashMap::new();
    for a in assignments.iter().filter(|a| !a.meta.deleted) {
        if let Some(s) = shifts.get(&a.shift_id) {
            by_volunteer
                .entry(a.volunteer_id)
                .or_default()
                .push((a.clone(), s.clone()));
        }
    }
    let on_shift: Vec<Assignment> = assignments
        .iter()
        .filter(|a| a.shift_id == shift.meta.id)
        .cloned()
        .collect();
    let none = Vec::new();
    let mut out: Vec<CoverOption> = volunteers
        .iter()
        .filter(|v| !v.meta.deleted)
        .filter_map(|v| {
            let theirs = by_volunteer.get(&v.meta.id).unwrap_or(&none);
            let check = check_assignment(v, shift, &on_shift, theirs, limits);
            if !check.allowed() || !check.warnings.is_empty() {
                return None;
            }
            let minutes_this_month = theirs
                .iter()
                .filter(|(_, s)| (s.start.date().year(), s.start.date().month()) == month)
                .map(|(a, s)| a.minutes_given(s))
                .sum();
            Some(CoverOption {
                volunteer: v.clone(),
                minutes_this_month,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.minutes_this_month, &a.volunteer.name).cmp(&(b.minutes_this_month, &b.volunteer.name))
    });
    out
}
