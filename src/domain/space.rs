//! Spaces: the community's shared rooms and courts.

use super::checks::{ProblemReason, Reference};
use super::meta::Meta;
use super::time::{weekday_number, ClockTime, Interval};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    /// 安家院儿-style converted ground floor: flea market, talks, classes.
    CommonRoom,
    /// 红色议事厅 / 党群服务站.
    MeetingHall,
    StudyRoom,
    Gym,
    ReadingBar,
    Classroom,
    ToolRoom,
    Court,
    Canteen,
    Other,
}

impl SpaceKind {
    pub const ALL: [SpaceKind; 10] = [
        SpaceKind::CommonRoom,
        SpaceKind::MeetingHall,
        SpaceKind::StudyRoom,
        SpaceKind::Gym,
        SpaceKind::ReadingBar,
        SpaceKind::Classroom,
        SpaceKind::ToolRoom,
        SpaceKind::Court,
        SpaceKind::Canteen,
        SpaceKind::Other,
    ];
}

/// One opening period on one weekday; a day may have several, and a day
/// with none is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct OpeningPeriod {
    /// Monday = 1 … Sunday = 7.
    pub weekday: u8,
    pub opens: ClockTime,
    pub closes: ClockTime,
}

/// How a space may be booked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct BookingRules {
    /// Bookings start and end on this grid, e.g. every 30 minutes.
    pub slot_minutes: u16,
    pub min_minutes: u16,
    pub max_minutes: u16,
    /// How many days ahead a booking may be made.
    pub advance_days: u16,
    /// Minutes kept free before and after every booking.
    pub buffer_minutes: u16,
    pub needs_approval: bool,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            slot_minutes: 30,
            min_minutes: 30,
            max_minutes: 240,
            advance_days: 30,
            buffer_minutes: 0,
            needs_approval: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Space {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    pub kind: SpaceKind,
    pub location: String,
    pub capacity: u32,
    pub opening_hours: Vec<OpeningPeriod>,
    pub rules: BookingRules,
    #[serde(default)]
    pub amenities: Vec<String>,
    #[serde(default)]
    pub notes: String,
    pub active: bool,
}

impl Space {
    /// The texts a person typed, by field (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("name", self.name.as_str()),
            ("location", &self.location),
            ("notes", &self.notes),
        ]
        .into()
    }

    super::personal::no_personal_fields!();

    /// Points at nothing.
    pub fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// What is wrong with the space on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(("name", ProblemReason::Empty));
        }
        if self.capacity == 0 {
            out.push(("capacity", ProblemReason::CapacityZero));
        }
        if self.opening_hours.iter().any(|p| p.closes <= p.opens) {
            out.push(("opening_hours", ProblemReason::EndNotAfterStart));
        }
        out
    }
}

impl Space {
    /// The opening periods of one weekday (1 = Monday), earliest first.
    pub fn periods_on(&self, weekday: u8) -> Vec<OpeningPeriod> {
        let mut periods: Vec<_> = self
            .opening_hours
            .iter()
            .copied()
            .filter(|p| p.weekday == weekday)
            .collect();
        periods.sort_by_key(|p| p.opens);
        periods
    }

    /// One weekday's hours as "08:00–12:00, 14:00–21:00"; empty when closed.
    pub fn hours_label(&self, weekday: u8) -> String {
        self.periods_on(weekday)
            .iter()
            .map(|p| format!("{}–{}", p.opens, p.closes))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// True when `interval` lies inside one opening period of its day.
    pub fn is_open_for(&self, interval: Interval) -> bool {
        if interval.start.date() != interval.end.date() {
            return false;
        }
        let weekday = weekday_number(interval.start.weekday());
        let (start, end) = (interval.start.clock(), interval.end.clock());
        self.periods_on(weekday)
            .iter()
            .any(|p| p.opens <= start && end <= p.closes)
    }
}
