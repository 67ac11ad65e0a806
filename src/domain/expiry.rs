//! Contact details that expire: what is needed to reach an organiser or a
//! walk-in is kept only so long after it was last needed (a setting, six
//! months by default), then blanked on every phone as an ordinary edit.

use super::meta::Moment;
use super::personal::PersonalField;
use super::record::{AnyRecord, Community};
use super::{Booking, Volunteer};
use jiff::civil::Date;
use jiff::ToSpan;
use std::collections::HashMap;
use uuid::Uuid;

/// Months after a booking ended (or a walk-in's last shift) when its
/// phone and room are blanked, unless the committee set another.
pub const DEFAULT_CONTACT_MONTHS: u16 = 6;

/// The longest the settings accept: five years. 0 keeps them until a
/// person is erased.
pub const MAX_CONTACT_MONTHS: u16 = 60;

/// The first day a contact last needed on `last` is past keeping.
pub fn expires_on(last: Date, months: u16) -> Option<Date> {
    last.checked_add(i64::from(months).months()).ok()
}

fn is_past(last: Date, months: u16, today: Date) -> bool {
    months > 0 && expires_on(last, months).is_some_and(|d| today >= d)
}

/// Blanks `fields` in `record`; true if any held something.
fn blank(record: &mut AnyRecord, fields: &[PersonalField]) -> bool {
    let mut changed = false;
    for (field, value) in record.personal_mut() {
        if fields.contains(&field) && !value.is_empty() {
            value.clear();
            changed = true;
        }
    }
    changed
}

/// Every booking and walk-in whose contact is past keeping on the day of
/// `at`, blanked and stamped as a change of `at`'s phone. Nothing else of
/// theirs changes.
pub fn expire_contacts(community: &Community, months: u16, at: &Moment) -> Vec<AnyRecord> {
    let today = at.local.date();
    let mut out = Vec::new();
    for b in &community.bookings {
        if !b.meta.deleted && is_past(b.end.date(), months, today) {
            let mut r = AnyRecord::Booking(b.clone());
            if blank(&mut r, &Booking::CONTACT) {
                r.meta_mut().touch(at.now, &at.device);
                out.push(r);
            }
        }
    }
    let last_shift = last_shift_days(community);
    for v in community
        .volunteers
        .iter()
        .filter(|v| v.walk_in && !v.meta.deleted)
    {
        let last = last_shift.get(&v.meta.id).copied().unwrap_or(v.joined_on);
        if is_past(last, months, today) {
            let mut r = AnyRecord::Volunteer(v.clone());
            if blank(&mut r, &Volunteer::CONTACT) {
                r.meta_mut().touch(at.now, &at.device);
                out.push(r);
            }
        }
    }
    out
}

/// The day each volunteer's latest shift ended.
fn last_shift_days(community: &Community) -> HashMap<Uuid, Date> {
    let ends: HashMap<Uuid, Date> = community
        .shifts
        .iter()
        .map(|s| (s.meta.id, s.end.date()))
        .collect();
    let mut out: HashMap<Uuid, Date> = HashMap::new();
    for a in community.assignments.iter().filter(|a| !a.meta.deleted) {
        if let Some(&end) = ends.get(&a.shift_id) {
            let day = out.entry(a.volunteer_id).or_insert(end);
            *day = (*day).max(end);
        }
    }
    out
}
