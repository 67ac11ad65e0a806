//! Everything Linli holds about one person (个人信息查阅): what a
//! committee hands over when someone asks. Found the way an erasure finds
//! them (`erase::find_person`), so what is shown is exactly what erasing would
//! take away — plus the shifts and hours that stay anonymous afterwards.

use super::erase::find_person;
use super::meta::{DeviceId, Meta};
use super::personal::Person;
use super::record::{AnyRecord, Community, RecordKind};
use super::{Assignment, Booking, Shift, Volunteer};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// One of their shifts: what, when, and the minutes it counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ShiftHeld {
    pub activity: String,
    pub shift: Shift,
    pub assignment: Assignment,
    pub minutes: i64,
}

/// A record that names them in a field other than as its subject (who
/// changed a status, who corrected hours, a note).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub kind: RecordKind,
    pub id: Uuid,
    pub fields: Vec<String>,
}

/// Everything held about one person, in the order a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeldAbout {
    pub volunteer: Option<Volunteer>,
    pub bookings: Vec<Booking>,
    pub shifts: Vec<ShiftHeld>,
    pub total_minutes: i64,
    pub mentions: Vec<Mention>,
}

/// What `community` holds about `person`.
pub fn held_about(community: &Community, person: &Person) -> HeldAbout {
    let probe = Meta::new(Uuid::nil(), Timestamp::UNIX_EPOCH, &DeviceId(String::new()));
    let found = find_person(community, person, probe);
    let records: HashMap<(RecordKind, Uuid), AnyRecord> = community
        .clone()
        .into_records()
        .into_iter()
        .map(|r| ((r.kind(), r.meta().id), r))
        .collect();
    let mut out = HeldAbout {
        volunteer: None,
        bookings: Vec::new(),
        shifts: Vec::new(),
        total_minutes: 0,
        mentions: Vec::new(),
    };
    for e in found.records {
        match records.get(&(e.kind, e.id)) {
            Some(AnyRecord::Volunteer(v))
                if person.volunteer == Some(v.meta.id) && !v.meta.deleted =>
            {
                out.volunteer = Some(v.clone());
            }
            Some(AnyRecord::Booking(b))
                if !b.meta.deleted && e.fields.iter().any(|f| f.starts_with("organiser.")) =>
            {
                out.bookings.push(b.clone());
            }
            Some(r) if !r.meta().deleted => out.mentions.push(Mention {
                kind: e.kind,
                id: e.id,
                fields: e.fields,
            }),
            _ => {}
        }
    }
    out.bookings.sort_by_key(|b| b.start);
    if let Some(id) = person.volunteer {
        let shifts: HashMap<Uuid, &Shift> =
            community.shifts.iter().map(|s| (s.meta.id, s)).collect();
        let titles: HashMap<Uuid, &str> = community
            .activities
            .iter()
            .map(|a| (a.meta.id, a.title.as_str()))
            .collect();
        for a in community
            .assignments
            .iter()
            .filter(|a| a.volunteer_id == id && !a.meta.deleted)
        {
            let Some(shift) = shifts.get(&a.shift_id) else {
                continue;
            };
            let minutes = a.minutes_given(shift);
            out.total_minutes += minutes;
            out.shifts.push(ShiftHeld {
                activity: titles
                    .get(&shift.activity_id)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                shift: (*shift).clone(),
                assignment: a.clone(),
                minutes,
            });
        }
        out.shifts.sort_by_key(|s| s.shift.start);
    }
    out
}

impl HeldAbout {
    /// Whether nothing at all is held.
    pub fn is_empty(&self) -> bool {
        self.volunteer.is_none()
            && self.bookings.is_empty()
            && self.shifts.is_empty()
            && self.mentions.is_empty()
    }
}
