//! Reading a volunteer as a lead types them in: each problem tied to its
//! field, lists (teams, skills) split the way people type them.

use super::meta::{DeviceId, IdSource, Meta};
use super::volunteer::{Consent, ConsentHow, Volunteer};
use jiff::civil::Date;
use jiff::Timestamp;

/// The volunteer form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VolunteerDraft {
    pub name: String,
    pub phone: String,
    pub room: String,
    /// Separated by commas or 、: "保安机动队、青年志愿者".
    pub teams: String,
    pub skills: String,
    pub notes: String,
    /// YYYY-MM-DD.
    pub joined_on: String,
    /// How they agreed to what is kept; none chosen yet.
    pub consent: Option<ConsentHow>,
    /// The committee member who recorded it (for `ConsentHow::Recorded`).
    pub consent_by: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VolunteerField {
    Name,
    Phone,
    JoinedOn,
    Consent,
    ConsentBy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolunteerProblem {
    Required,
    /// Not 7 to 15 digits (spaces, dashes and a leading + allowed).
    PhoneUnreadable,
    DateUnreadable,
}

/// A volunteer's checked fields, ready to go into a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolunteerFields {
    pub name: String,
    pub phone: String,
    pub room: String,
    pub teams: Vec<String>,
    pub skills: Vec<String>,
    pub notes: String,
    pub joined_on: Date,
    pub consent: ConsentHow,
    pub consent_by: String,
}

impl VolunteerFields {
    /// The volunteer these fields describe: `existing` changed (its id,
    /// history and whether it is active kept), or a new, active one.
    pub fn into_record(
        self,
        existing: Option<Volunteer>,
        at: Timestamp,
        device: &DeviceId,
        ids: &mut impl IdSource,
    ) -> Volunteer {
        let mut v = existing.unwrap_or_else(|| Volunteer {
            meta: Meta::new(ids.next_id(), at, device),
            name: String::new(),
            phone: String::new(),
            room: String::new(),
            teams: vec![],
            skills: vec![],
            notes: String::new(),
            active: true,
            joined_on: self.joined_on,
            consent: None,
            walk_in: false,
        });
        v.meta.touch(at, device);
        self.apply_to(&mut v, at);
        v
    }

    /// Writes the fields into a record, leaving its id, metadata and
    /// active flag alone. Consent given in another way than recorded is
    /// recorded anew, at `at`; once recorded, a walk-in is a volunteer.
    pub fn apply_to(self, v: &mut Volunteer, at: Timestamp) {
        let same = v
            .consent
            .as_ref()
            .is_some_and(|c| c.how == self.consent && c.by == self.consent_by);
        if !same {
            v.consent = Some(Consent {
                at,
                how: self.consent,
                by: self.consent_by,
            });
        }
        v.walk_in = false;
        v.name = self.name;
        v.phone = self.phone;
        v.room = self.room;
        v.teams = self.teams;
        v.skills = self.skills;
        v.notes = self.notes;
        v.joined_on = self.joined_on;
    }
}

/// Splits "a, b、c，d" into trimmed, distinct, non-empty items in order.
pub fn split_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split([',', '，', '、', ';', '；']) {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|x| x == item) {
            out.push(item.to_string());
        }
    }
    out
}

pub fn read_volunteer_draft(
    draft: &VolunteerDraft,
) -> Result<VolunteerFields, Vec<(VolunteerField, VolunteerProblem)>> {
    let mut problems = Vec::new();
    let name = draft.name.trim().to_string();
    if name.is_empty() {
        problems.push((VolunteerField::Name, VolunteerProblem::Required));
    }
    let phone = draft.phone.trim().to_string();
    if !phone.is_empty() {
        let body = phone.strip_prefix('+').unwrap_or(&phone);
        let allowed = body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !allowed || !(7..=15).contains(&digits) {
            problems.push((VolunteerField::Phone, VolunteerProblem::PhoneUnreadable));
        }
    }
    let joined_on = match draft.joined_on.trim().parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push((VolunteerField::JoinedOn, VolunteerProblem::DateUnreadable));
            None
        }
    };
    let consent_by = match draft.consent {
        Some(ConsentHow::Recorded) => draft.consent_by.trim().to_string(),
        _ => String::new(),
    };
    match draft.consent {
        None => problems.push((VolunteerField::Consent, VolunteerProblem::Required)),
        Some(ConsentHow::Recorded) if consent_by.is_empty() => {
            problems.push((VolunteerField::ConsentBy, VolunteerProblem::Required))
        }
        _ => {}
    }
    match (joined_on, draft.consent) {
        (Some(joined_on), Some(consent)) if problems.is_empty() => Ok(VolunteerFields {
            name,
            phone,
            room: draft.room.trim().to_string(),
            teams: split_list(&draft.teams),
            skills: split_list(&draft.skills),
            notes: draft.notes.trim().to_string(),
            joined_on,
            consent,
            consent_by,
        }),
        _ => Err(problems),
    }
}

impl VolunteerDraft {
    /// The form's fields for a record (or for a new one).
    pub fn of(v: Option<&Volunteer>, today: jiff::civil::Date) -> VolunteerDraft {
        match v {
            None => VolunteerDraft {
                joined_on: today.to_string(),
                ..VolunteerDraft::default()
            },
            Some(v) => VolunteerDraft {
                name: v.name.clone(),
                phone: v.phone.clone(),
                room: v.room.clone(),
                teams: v.teams.join("、"),
                skills: v.skills.join("、"),
                notes: v.notes.clone(),
                joined_on: v.joined_on.to_string(),
                consent: v.consent.as_ref().map(|c| c.how),
                consent_by: v.consent.as_ref().map(|c| c.by.clone()).unwrap_or_default(),
            },
        }
    }
}
