//! Activities: events and recurring duties that need helpers.

use super::checks::{ProblemReason, Reference};
use super::meta::Meta;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A one-off event: 美食节, 邻里集市, 健康讲座.
    Event,
    /// A recurring duty: patrols, inspections.
    Duty,
    /// A recurring service: 助老送餐, 儿童托管, 义诊义剪.
    Service,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 3] = [
        ActivityKind::Event,
        ActivityKind::Duty,
        ActivityKind::Service,
    ];
}

/// Where an activity happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Place {
    /// In one of the community's spaces, optionally through a booking.
    Space {
        space_id: Uuid,
        booking_id: Option<Uuid>,
    },
    /// Anywhere else, described in words ("小区东门", "各楼栋").
    Text { text: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Activity {
    #[serde(flatten)]
    pub meta: Meta,
    pub title: String,
    pub kind: ActivityKind,
    pub place: Place,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaDate")
    )]
    pub starts_on: Date,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaDate")
    )]
    pub ends_on: Date,
    #[serde(default)]
    pub description: String,
    /// The team that usually runs it, if any.
    #[serde(default)]
    pub team: Option<String>,
}

impl Activity {
    /// The texts a person typed, by field (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("title", self.title.as_str()),
            ("description", &self.description),
        ]
        .into()
    }

    super::personal::no_personal_fields!();

    /// None it cannot stand without: a space or booking in its place is
    /// shown when the phone holds it.
    pub fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// What is wrong with the activity on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        let mut out = Vec::new();
        if self.ends_on < self.starts_on {
            out.push(("ends_on", ProblemReason::EndNotAfterStart));
        }
        if self.title.trim().is_empty() {
            out.push(("title", ProblemReason::Empty));
        }
        out
    }
}
