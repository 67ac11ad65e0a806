//! Volunteers: residents who give their time.

use super::checks::{ProblemReason, Reference};
use super::meta::Meta;
use super::personal::{Person, PersonalField};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Volunteer {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    #[serde(default)]
    pub phone: String,
    /// Building and room, e.g. "7号楼 1203".
    #[serde(default)]
    pub room: String,
    /// Teams such as 保安机动队 or 青年志愿者; a volunteer may be in several.
    #[serde(default)]
    pub teams: Vec<String>,
    /// Skills such as 法律明白人 or first aid.
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub notes: String,
    pub active: bool,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaDate")
    )]
    pub joined_on: Date,
    /// When and how they agreed to what is kept about them; absent on
    /// records made before consent was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// Added at a check-in table: their phone expires like a booking's
    /// contact (`domain::expiry`) until the committee records them as a
    /// volunteer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub walk_in: bool,
}

/// How a volunteer's consent was given (告知同意).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentHow {
    /// The person read the notice and agreed on their own phone.
    OwnPhone,
    /// A committee member told them and recorded their agreement.
    Recorded,
}

/// When and how a volunteer agreed, and who recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Consent {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaInstant")
    )]
    pub at: Timestamp,
    pub how: ConsentHow,
    /// The committee member who recorded it; empty when given on their own phone.
    #[serde(default)]
    pub by: String,
}

impl Volunteer {
    /// The texts a person typed, by field (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("name", self.name.as_str()),
            ("room", &self.room),
            ("notes", &self.notes),
        ]
        .into()
    }

    /// Their name and notes (shown on rosters), phone and room; and who
    /// recorded their consent (see `personal`).
    pub const PERSONAL: &'static [PersonalField] = &[
        PersonalField::shown(&["name"]),
        PersonalField::plain(&["phone"]),
        PersonalField::plain(&["room"]),
        PersonalField::shown(&["notes"]),
        PersonalField::shown(&["consent", "by"]),
    ];

    /// A walk-in's contact: what expires after their last shift.
    pub const CONTACT: [PersonalField; 2] = [Self::PERSONAL[1], Self::PERSONAL[2]];

    pub fn personal_mut(&mut self) -> Vec<(PersonalField, &mut String)> {
        let [name, phone, room, notes, by] = *Self::PERSONAL else {
            unreachable!("five personal fields")
        };
        let mut out = vec![
            (name, &mut self.name),
            (phone, &mut self.phone),
            (room, &mut self.room),
            (notes, &mut self.notes),
        ];
        if let Some(c) = &mut self.consent {
            out.push((by, &mut c.by));
        }
        out
    }

    /// The person this record is, to find them elsewhere.
    pub fn person(&self) -> Person {
        Person {
            volunteer: Some(self.meta.id),
            name: self.name.clone(),
            phone: self.phone.clone(),
        }
    }

    /// The fields about `person`: all of their own record when it is
    /// theirs (by id, or the same phone number), and the consent's "by"
    /// when they recorded it.
    pub fn about(&self, person: &Person) -> Vec<PersonalField> {
        let same_phone = person.has_phone(&self.phone);
        let mut out = Vec::new();
        if person.volunteer == Some(self.meta.id) || same_phone {
            out.extend_from_slice(&Self::PERSONAL[..4]);
        }
        if let Some(c) = &self.consent {
            if person.is_named(&c.by) {
                out.push(Self::PERSONAL[4]);
            }
        }
        out
    }

    /// Erased: their name is gone, and with it the roster's way to call them.
    pub fn is_erased(&self) -> bool {
        self.name == super::personal::ERASED
    }

    /// Points at nothing.
    pub fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// What is wrong with the volunteer on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        if self.name.trim().is_empty() {
            vec![("name", ProblemReason::Empty)]
        } else {
            Vec::new()
        }
    }
}

/// Shows a phone number with its middle hidden (138****5678), as Chinese
/// apps do in lists that others may glance at.
pub fn masked_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().collect();
    if digits.len() < 7 {
        return phone.to_string();
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// Does `volunteer` match what was typed in a search box? A name, team or
/// skill containing the text (ignoring case and spaces), or — for three or
/// more digits — a phone number containing them (so the last four digits
/// find someone at the check-in table).
pub fn volunteer_matches(volunteer: &Volunteer, query: &str) -> bool {
    SearchText::of(volunteer).matches(&SearchQuery::new(query))
}

/// Text without spaces, in lower case: how names and queries compare.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What was typed in a search box, ready to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    wanted: String,
    /// Three or more digits: also look in phone numbers.
    phone_digits: bool,
}

impl SearchQuery {
    pub fn new(query: &str) -> SearchQuery {
        let wanted = squash(query);
        let phone_digits = wanted.len() >= 3 && wanted.chars().all(|c| c.is_ascii_digit());
        SearchQuery {
            wanted,
            phone_digits,
        }
    }
}

/// A volunteer's searchable text, worked out once so that a search over
/// thousands of volunteers compares strings instead of rebuilding them at
/// every keystroke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchText {
    /// Name, teams and skills, squashed.
    fields: Vec<String>,
    phone_digits: String,
}

impl SearchText {
    pub fn of(volunteer: &Volunteer) -> SearchText {
        let mut fields = Vec::with_capacity(1 + volunteer.teams.len() + volunteer.skills.len());
        fields.push(squash(&volunteer.name));
        fields.extend(volunteer.teams.iter().map(|t| squash(t)));
        fields.extend(volunteer.skills.iter().map(|s| squash(s)));
        SearchText {
            fields,
            phone_digits: volunteer
                .phone
                .chars()
                .filter(char::is_ascii_digit)
                .collect(),
        }
    }

    pub fn matches(&self, query: &SearchQuery) -> bool {
        if query.wanted.is_empty() {
            return true;
        }
        (query.phone_digits && self.phone_digits.contains(&query.wanted))
            || self.fields.iter().any(|f| f.contains(&query.wanted))
    }
}
