//! 我能报名的班次: the shifts a volunteer could sign up for right now.

use super::assignment::Assignment;
use super::roster_rules::{check_assignment, FairnessLimits};
use super::shift::Shift;
use super::time::LocalDateTime;
use super::volunteer::Volunteer;

/// How far ahead "shifts I can take" looks.
pub const OPEN_SHIFT_DAYS: i64 = 14;

/// The shifts starting from `now` up to `OPEN_SHIFT_DAYS` days on that
/// `me` could take: a place free, nothing of theirs at that time, inside
/// the fairness limits, and the skill the shift asks for — the same
/// guards a sign-up passes, so one tap signs them up. Soonest first.
///
/// `on_shifts` are the assignments of `shifts`; `theirs` are `me`'s live
/// assignments with their shifts.
pub fn shifts_i_can_take<'a>(
    me: &Volunteer,
    shifts: &'a [Shift],
    on_shifts: &[Assignment],
    theirs: &[(Assignment, Shift)],
    limits: FairnessLimits,
    now: LocalDateTime,
) -> Vec<&'a Shift> {
    let until = now.plus_minutes(OPEN_SHIFT_DAYS * 24 * 60);
    let mut open: Vec<&Shift> = shifts
        .iter()
        .filter(|s| !s.meta.deleted && s.start >= now && s.start < until)
        .filter(|s| {
            let check = check_assignment(me, s, on_shifts, theirs, limits);
            check.allowed() && check.warnings.is_empty()
        })
        .collect();
    open.sort_by_key(|s| (s.start, s.meta.id));
    open
}
