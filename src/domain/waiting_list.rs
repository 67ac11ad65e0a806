//! Waiting lists (候补): who moves onto a shift when a place comes free.
//!
//! The queue is the order people joined (`meta.created_at`, then id so
//! two phones agree). Nobody is moved in who would break a guard: the
//! first in the queue who passes every one gets the place, the others
//! keep waiting.

use super::assignment::Assignment;
use super::roster_rules::{check_assignment, FairnessLimits};
use super::shift::Shift;
use super::time::LocalDateTime;
use super::volunteer::Volunteer;
use uuid::Uuid;

/// Someone on a shift's waiting list, with what the guards need to know
/// of them: the volunteer and their other live shifts.
#[derive(Clone, Debug)]
pub struct Waiting {
    pub entry: Assignment,
    pub volunteer: Option<Volunteer>,
    pub theirs: Vec<(Assignment, Shift)>,
}

/// The waiting entries of `shift` in queue order: joined first, first.
pub fn queue<'a>(
    shift: Uuid,
    entries: impl IntoIterator<Item = &'a Assignment>,
) -> Vec<&'a Assignment> {
    let mut list: Vec<&Assignment> = entries
        .into_iter()
        .filter(|a| a.shift_id == shift && a.is_waiting())
        .collect();
    list.sort_by_key(|a| (a.meta.created_at, a.meta.id));
    list
}

/// Is a place on `shift` free now, and may the list still fill it (the
/// shift has not started)?
pub fn has_free_place(shift: &Shift, on_shift: &[Assignment], now: LocalDateTime) -> bool {
    let filled = on_shift
        .iter()
        .filter(|a| a.shift_id == shift.meta.id && a.counts_toward_coverage())
        .count() as u32;
    !shift.meta.deleted && now < shift.start && filled < shift.needed_max
}

/// The id of the waiting entry to move onto `shift`: the first in the
/// queue whose volunteer passes every roster guard (and has the skill
/// the shift asks for, which only a lead may overlook); None when the
/// shift has no free place or nobody waiting may take it.
pub fn first_to_move_in(
    shift: &Shift,
    on_shift: &[Assignment],
    waiting: &[Waiting],
    limits: FairnessLimits,
    now: LocalDateTime,
) -> Option<Uuid> {
    if !has_free_place(shift, on_shift, now) {
        return None;
    }
    let order = queue(shift.meta.id, waiting.iter().map(|w| &w.entry));
    order.into_iter().find_map(|entry| {
        let w = waiting.iter().find(|w| w.entry.meta.id == entry.meta.id)?;
        let volunteer = w.volunteer.as_ref()?;
        let check = check_assignment(volunteer, shift, on_shift, &w.theirs, limits);
        (check.allowed() && check.warnings.is_empty()).then_some(entry.meta.id)
    })
}

/// Where one volunteer stands with a shift, as its screen offers it.
#[derive(Clone, Debug, PartialEq)]
pub enum Standing {
    /// On the shift.
    On,
    /// On its waiting list; `place` 1 is the next to move in.
    Waiting {
        place: usize,
        entry: Box<Assignment>,
    },
    /// A place is free to sign up for.
    MaySignUp,
    /// Full and not started: the waiting list takes the name.
    MayWait,
    /// Full and already started: nothing to offer.
    Closed,
}

/// Where `volunteer` stands with `shift`, given everyone on it or waiting.
pub fn standing(
    shift: &Shift,
    on_shift: &[Assignment],
    volunteer: Uuid,
    now: LocalDateTime,
) -> Standing {
    let mine = |a: &&Assignment| a.shift_id == shift.meta.id && a.volunteer_id == volunteer;
    if on_shift
        .iter()
        .filter(mine)
        .any(|a| a.counts_toward_coverage())
    {
        return Standing::On;
    }
    let order = queue(shift.meta.id, on_shift);
    if let Some(i) = order.iter().position(|a| a.volunteer_id == volunteer) {
        return Standing::Waiting {
            place: i + 1,
            entry: Box::new(order[i].clone()),
        };
    }
    if !super::assignment::coverage(shift, on_shift).is_full() {
        Standing::MaySignUp
    } else if now < shift.start {
        Standing::MayWait
    } else {
        Standing::Closed
    }
}
