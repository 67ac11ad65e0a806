//! Volunteers: residents who give their time.

use super::meta::Meta;
use jiff::civil::Date;
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
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub joined_on: Date,
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
    let wanted: String = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if wanted.is_empty() {
        return true;
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if wanted.chars().all(|c| c.is_ascii_digit()) && wanted.len() >= 3 {
        let digits: String = volunteer
            .phone
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if digits.contains(&wanted) {
            return true;
        }
    }
    squash(&volunteer.name).contains(&wanted)
        || volunteer.teams.iter().any(|t| squash(t).contains(&wanted))
        || volunteer.skills.iter().any(|s| squash(s).contains(&wanted))
}
