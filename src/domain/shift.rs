//! Shifts of an activity, how full they are, and when two overlap.

use super::meta::Meta;
use super::time::{Interval, LocalDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Shift {
    #[serde(flatten)]
    pub meta: Meta,
    pub activity_id: Uuid,
    /// 签到, 秩序维护, 巡逻, 送餐 …
    pub role: String,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    /// At least this many people must be there.
    pub needed_min: u32,
    /// Never more than this many.
    pub needed_max: u32,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub required_skill: Option<String>,
}

impl Shift {
    /// The texts a person typed, by field (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("role", self.role.as_str()),
            ("place", &self.place),
            ("notes", &self.notes),
        ]
        .into()
    }
}

impl Shift {
    pub fn interval(&self) -> Option<Interval> {
        Interval::new(self.start, self.end)
    }
}

/// How well a shift is staffed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub filled: u32,
    pub needed_min: u32,
    pub needed_max: u32,
}

impl Coverage {
    /// People still missing to reach the minimum.
    pub fn short_by(self) -> u32 {
        self.needed_min.saturating_sub(self.filled)
    }

    pub fn is_full(self) -> bool {
        self.filled >= self.needed_max
    }

    /// Summed over many shifts, e.g. for an activity or a week.
    pub fn total(items: impl IntoIterator<Item = Coverage>) -> GapSummary {
        let mut summary = GapSummary::default();
        for c in items {
            summary.shifts += 1;
            summary.filled += c.filled;
            summary.needed += c.needed_min;
            if c.short_by() > 0 {
                summary.short_shifts += 1;
                summary.short_people += c.short_by();
            }
        }
        summary
    }
}

/// "3 shifts short of 5 people".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GapSummary {
    pub shifts: u32,
    pub filled: u32,
    pub needed: u32,
    pub short_shifts: u32,
    pub short_people: u32,
}

/// True when two shifts share time, so one person cannot take both.
pub fn shifts_overlap(a: &Shift, b: &Shift) -> bool {
    match (a.interval(), b.interval()) {
        (Some(x), Some(y)) => a.meta.id != b.meta.id && x.overlaps(y),
        _ => false,
    }
}
