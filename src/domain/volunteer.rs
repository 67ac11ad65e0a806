//! Volunteers: residents who give their time.

use super::meta::Meta;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
