//! Bookings of a space, and the rule that a space is never double-booked.

use super::checks::{ProblemReason, Reference};
use super::meta::{ChangedBy, DeviceId, Meta};
use super::personal::{Person, PersonalField};
use super::record::RecordKind;
use super::time::{Interval, LocalDateTime};
use super::volunteer::Volunteer;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Waiting for a keeper's approval; already holds its slot.
    Requested,
    Confirmed,
    Declined,
    Cancelled,
    /// On a taken slot's waiting list (候补): holds no slot; becomes a
    /// request (or a booking) when the slot comes free and the rules allow.
    Waiting,
}

impl BookingStatus {
    /// A live booking holds its slot; declined and cancelled ones do not.
    pub fn holds_slot(self) -> bool {
        matches!(self, BookingStatus::Requested | BookingStatus::Confirmed)
    }
}

/// Who a booking is for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Organiser {
    pub name: String,
    #[serde(default)]
    pub phone: String,
    /// Building and room, e.g. "3号楼 502".
    #[serde(default)]
    pub room: String,
    /// The phone and room of a resident's request, sealed on the
    /// resident's phone for the committee (only committee phones holding
    /// the community's contact key open it): the public database carries
    /// a resident's contact only this way. Empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sealed: String,
}

impl Organiser {
    /// The organiser fields filled from a volunteer's record ("me").
    pub fn from_volunteer(volunteer: &Volunteer) -> Self {
        Organiser {
            name: volunteer.name.clone(),
            phone: volunteer.phone.clone(),
            room: volunteer.room.clone(),
            sealed: String::new(),
        }
    }

    /// Is this organiser that volunteer? (`Person::is`: the phone, else
    /// the name.)
    pub fn is(&self, volunteer: &Volunteer) -> bool {
        volunteer.person().is(&self.name, &self.phone)
    }
}

/// Who last changed a booking's status by hand, and why: a keeper's
/// decline, a cancellation, a released no-show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct StatusChange {
    /// The person, when the phone knew who it belongs to ("me").
    pub by: String,
    #[serde(default)]
    pub reason: String,
    /// The phone the change was made on, so that it can be told even
    /// without a name (files of earlier versions have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceId>,
    /// True when a keeper released the slot because nobody came, so the
    /// monthly report can count releases whatever language the reason is in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_show: bool,
}

impl StatusChange {
    /// Who made the change, as a committee would read it later.
    pub fn changed_by(&self, here: &DeviceId) -> ChangedBy {
        ChangedBy::of(&self.by, self.device.as_ref(), here)
    }
}

/// Recorded when the group actually shows up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CheckIn {
    pub at: LocalDateTime,
    pub attendance: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Booking {
    #[serde(flatten)]
    pub meta: Meta,
    pub space_id: Uuid,
    pub title: String,
    #[serde(default)]
    pub purpose: String,
    pub organiser: Organiser,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    pub expected_attendees: u32,
    pub status: BookingStatus,
    /// Shared by every occurrence of a recurring series.
    #[serde(default)]
    pub series_id: Option<Uuid>,
    #[serde(default)]
    pub check_in: Option<CheckIn>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub status_change: Option<StatusChange>,
    /// The server account that asked for this booking, when a resident
    /// requested it from their own phone: the server lets that account,
    /// and only it, cancel the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<String>,
    /// When the slot came free and this entry moved off the waiting list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<crate::domain::time::SchemaInstant>")
    )]
    pub moved_in_at: Option<Timestamp>,
}

impl Booking {
    /// The texts a person typed, by field (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("title", self.title.as_str()),
            ("purpose", &self.purpose),
            ("notes", &self.notes),
            ("organiser.name", &self.organiser.name),
        ]
        .into()
    }

    /// The organiser: their name (what the booking shows), phone and
    /// room, their contact sealed for the committee, the server account
    /// that asked; and who last changed the status (see `personal`).
    pub const PERSONAL: &'static [PersonalField] = &[
        PersonalField::shown(&["organiser", "name"]),
        PersonalField::plain(&["organiser", "phone"]),
        PersonalField::plain(&["organiser", "room"]),
        PersonalField::sealed(&["organiser", "sealed"]),
        PersonalField::shown(&["requested_by"]),
        PersonalField::shown(&["status_change", "by"]),
    ];

    /// The organiser's contact: what expires after the booking.
    pub const CONTACT: [PersonalField; 3] =
        [Self::PERSONAL[1], Self::PERSONAL[2], Self::PERSONAL[3]];

    pub fn personal_mut(&mut self) -> Vec<(PersonalField, &mut String)> {
        let [name, phone, room, sealed, account, by] = *Self::PERSONAL else {
            unreachable!("six personal fields")
        };
        let o = &mut self.organiser;
        let mut out = vec![
            (name, &mut o.name),
            (phone, &mut o.phone),
            (room, &mut o.room),
            (sealed, &mut o.sealed),
        ];
        if let Some(a) = &mut self.requested_by {
            out.push((account, a));
        }
        if let Some(c) = &mut self.status_change {
            out.push((by, &mut c.by));
        }
        out
    }

    /// The fields about `person`: everything of the organiser when they
    /// organised it, and the status change's "by" when they made it.
    pub fn about(&self, person: &Person) -> Vec<PersonalField> {
        let mut out = Vec::new();
        if person.is(&self.organiser.name, &self.organiser.phone) {
            out.extend_from_slice(&Self::PERSONAL[..5]);
        }
        if let Some(c) = &self.status_change {
            if person.is_named(&c.by) {
                out.push(Self::PERSONAL[5]);
            }
        }
        out
    }

    /// Its space.
    pub fn references(&self) -> Vec<Reference> {
        vec![Reference::to("space_id", RecordKind::Space, self.space_id)]
    }

    /// What is wrong with the booking on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        let mut out = Vec::new();
        if self.end <= self.start {
            out.push(("end", ProblemReason::EndNotAfterStart));
        }
        if self.title.trim().is_empty() {
            out.push(("title", ProblemReason::Empty));
        }
        out
    }
}

impl Booking {
    /// `None` when the stored times are impossible (end not after start).
    pub fn interval(&self) -> Option<Interval> {
        Interval::new(self.start, self.end)
    }

    /// A stand-in for asking the rules "would a booking of `space` from
    /// `start` to `end` for `people` be accepted?": only its space, times
    /// and head-count mean anything.
    pub fn stand_in(space: Uuid, start: LocalDateTime, end: LocalDateTime, people: u32) -> Self {
        Booking {
            meta: Meta::new(Uuid::nil(), Timestamp::UNIX_EPOCH, &DeviceId(String::new())),
            space_id: space,
            title: String::new(),
            purpose: String::new(),
            organiser: Organiser::default(),
            start,
            end,
            expected_attendees: people,
            status: BookingStatus::Confirmed,
            series_id: None,
            check_in: None,
            notes: String::new(),
            status_change: None,
            requested_by: None,
            moved_in_at: None,
        }
    }

    /// True when the booking holds its space's time.
    pub fn is_live(&self) -> bool {
        !self.meta.deleted && self.status.holds_slot()
    }

    /// On a waiting list rather than holding a slot.
    pub fn is_waiting(&self) -> bool {
        !self.meta.deleted && self.status == BookingStatus::Waiting
    }

    /// The same booking put on the waiting list of the slot it wanted.
    pub fn waiting(mut self) -> Booking {
        self.status = BookingStatus::Waiting;
        self
    }

    /// The slot came free: off the waiting list, as a request, or as a
    /// booking where the space needs no approval. A resident's account
    /// asked for a request, so a request it stays.
    pub fn move_in(&mut self, needs_approval: bool, at: Timestamp, device: &DeviceId) {
        self.status = if needs_approval || self.requested_by.is_some() {
            BookingStatus::Requested
        } else {
            BookingStatus::Confirmed
        };
        self.moved_in_at = Some(at);
        self.meta.touch(at, device);
    }

    /// The booking as a resident's account asks for it: a request,
    /// whatever the space's rules, that only that account may cancel.
    pub fn asked_by(mut self, account: &str) -> Booking {
        self.status = BookingStatus::Requested;
        self.requested_by = Some(account.to_string());
        self
    }

    /// A keeper confirms a request. False if it was not waiting.
    pub fn approve(&mut self, by: &str, now: Timestamp, device: &DeviceId) -> bool {
        self.change_status(
            BookingStatus::Requested,
            BookingStatus::Confirmed,
            by,
            "",
            now,
            device,
        )
    }

    /// A keeper declines a request, freeing its slot.
    pub fn decline(&mut self, by: &str, reason: &str, now: Timestamp, device: &DeviceId) -> bool {
        self.change_status(
            BookingStatus::Requested,
            BookingStatus::Declined,
            by,
            reason,
            now,
            device,
        )
    }

    /// Cancels a live booking (its slot is freed) or leaves a waiting
    /// list; the record stays.
    pub fn cancel(&mut self, by: &str, reason: &str, now: Timestamp, device: &DeviceId) -> bool {
        if !self.is_live() && !self.is_waiting() {
            return false;
        }
        let from = self.status;
        self.change_status(from, BookingStatus::Cancelled, by, reason, now, device)
    }

    /// Releases a confirmed booking nobody came to: cancelled, marked as a
    /// no-show release.
    pub fn release_as_no_show(
        &mut self,
        by: &str,
        reason: &str,
        now: Timestamp,
        device: &DeviceId,
    ) -> bool {
        let released = self.is_live() && self.cancel(by, reason, now, device);
        if let (true, Some(change)) = (released, self.status_change.as_mut()) {
            change.no_show = true;
        }
        released
    }

    /// Records that the group arrived, and how many came.
    pub fn record_check_in(
        &mut self,
        at: LocalDateTime,
        attendance: u32,
        now: Timestamp,
        device: &DeviceId,
    ) {
        self.check_in = Some(CheckIn { at, attendance });
        self.meta.touch(now, device);
    }

    fn change_status(
        &mut self,
        from: BookingStatus,
        to: BookingStatus,
        by: &str,
        reason: &str,
        now: Timestamp,
        device: &DeviceId,
    ) -> bool {
        if self.status != from || self.meta.deleted {
            return false;
        }
        self.status = to;
        self.status_change = Some(StatusChange {
            by: by.trim().to_string(),
            reason: reason.to_string(),
            device: Some(device.clone()),
            no_show: false,
        });
        self.meta.touch(now, device);
        true
    }
}

/// Would `candidate` collide with `existing` in the same space, given the
/// space's buffer? Only live bookings collide; a booking never collides
/// with itself (an edit of the same record).
pub fn bookings_collide(candidate: &Booking, existing: &Booking, buffer_minutes: u16) -> bool {
    if candidate.meta.id == existing.meta.id
        || candidate.space_id != existing.space_id
        || !candidate.is_live()
        || !existing.is_live()
    {
        return false;
    }
    match (candidate.interval(), existing.interval()) {
        (Some(a), Some(b)) => a.widened(buffer_minutes).overlaps(b),
        _ => false,
    }
}
