//! Parts of a community worth sending on their own. A slice carries what
//! its records point at (a roster carries its volunteers), so it imports
//! cleanly on a phone that has never seen them, and the erasures that name
//! any of its records, so the people erased stay erased there too.

use crate::domain::{Audience, Community, Erased, Place, Volunteer};
use jiff::civil::Date;
use std::collections::HashSet;
use uuid::Uuid;

/// One activity with its shifts, their assignments, the volunteers on
/// them, and its space (and booking) if it has one.
pub fn roster(c: &Community, activity: Uuid) -> Community {
    with_erasures(c, roster_records(c, activity))
}

fn roster_records(c: &Community, activity: Uuid) -> Community {
    let activities: Vec<_> = c
        .activities
        .iter()
        .filter(|a| a.meta.id == activity)
        .cloned()
        .collect();
    let shifts: Vec<_> = c
        .shifts
        .iter()
        .filter(|s| s.activity_id == activity)
        .cloned()
        .collect();
    let shift_ids: HashSet<Uuid> = shifts.iter().map(|s| s.meta.id).collect();
    let assignments: Vec<_> = c
        .assignments
        .iter()
        .filter(|a| shift_ids.contains(&a.shift_id))
        .cloned()
        .collect();
    let people: HashSet<Uuid> = assignments.iter().map(|a| a.volunteer_id).collect();
    let (mut space_ids, mut booking_ids) = (HashSet::new(), HashSet::new());
    for a in &activities {
        if let Place::Space {
            space_id,
            booking_id,
        } = &a.place
        {
            space_ids.insert(*space_id);
            booking_ids.extend(*booking_id);
        }
    }
    Community {
        spaces: c
            .spaces
            .iter()
            .filter(|s| space_ids.contains(&s.meta.id))
            .cloned()
            .collect(),
        bookings: c
            .bookings
            .iter()
            .filter(|b| booking_ids.contains(&b.meta.id))
            .cloned()
            .collect(),
        volunteers: c
            .volunteers
            .iter()
            .filter(|v| people.contains(&v.meta.id))
            .cloned()
            .collect(),
        activities,
        shifts,
        assignments,
        ..Community::default()
    }
}

/// One space and its bookings starting from `from` to `to`, both included.
pub fn space_bookings(c: &Community, space: Uuid, from: Date, to: Date) -> Community {
    let slice = Community {
        spaces: c
            .spaces
            .iter()
            .filter(|s| s.meta.id == space)
            .cloned()
            .collect(),
        bookings: c
            .bookings
            .iter()
            .filter(|b| b.space_id == space && b.start.date() >= from && b.start.date() <= to)
            .cloned()
            .collect(),
        ..Community::default()
    };
    with_erasures(c, slice)
}

/// What `me` has asked for and still waits on (requests, and places on
/// waiting lists), with their spaces: the file a resident sends the keeper.
pub fn my_requests(c: &Community, me: &Volunteer) -> Community {
    let bookings: Vec<_> = c
        .bookings
        .iter()
        .filter(|b| {
            use crate::domain::BookingStatus::{Requested, Waiting};
            !b.meta.deleted && matches!(b.status, Requested | Waiting)
        })
        .filter(|b| b.organiser.is(me))
        .cloned()
        .collect();
    let spaces: HashSet<Uuid> = bookings.iter().map(|b| b.space_id).collect();
    let slice = Community {
        spaces: c
            .spaces
            .iter()
            .filter(|s| spaces.contains(&s.meta.id))
            .cloned()
            .collect(),
        bookings,
        ..Community::default()
    };
    with_erasures(c, slice)
}

/// `slice` with every erasure of `c` that names one of its records.
fn with_erasures(c: &Community, mut slice: Community) -> Community {
    let records: Vec<_> = slice
        .clone()
        .into_records()
        .into_iter()
        .map(|r| (r.kind(), r.meta().id))
        .collect();
    slice.erasures = c
        .erasures
        .iter()
        .filter(|e| {
            let named = Erased::of(std::iter::once(*e));
            records.iter().any(|(kind, id)| named.names(*kind, *id))
        })
        .cloned()
        .collect();
    slice
}

/// Removes everything personal (`Audience::Shared`), for sharing with
/// residents. The records keep their ids and times, so a redacted file
/// still merges; it is meant for reading, not for restoring.
pub fn redact(c: &mut Community) {
    c.blank_for(Audience::Shared);
}
