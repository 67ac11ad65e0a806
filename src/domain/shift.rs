//! Shifts of an activity, how full they are, and when two overlap.

use super::checks::{ProblemReason, Reference};
use super::meta::{DeviceId, Meta};
use super::record::RecordKind;
use super::time::{Interval, LocalDateTime};
use jiff::Timestamp;
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
    /// 服务人次: how many residents the shift served (meals delivered,
    /// haircuts given), entered by its lead when the shift closes; the
    /// monthly report adds them up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served: Option<u32>,
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

    super::personal::no_personal_fields!();

    /// Its activity.
    pub fn references(&self) -> Vec<Reference> {
        vec![Reference::to(
            "activity_id",
            RecordKind::Activity,
            self.activity_id,
        )]
    }

    /// What is wrong with the shift on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        let mut out = Vec::new();
        if self.end <= self.start {
            out.push(("end", ProblemReason::EndNotAfterStart));
        }
        if self.needed_max == 0 || self.needed_min > self.needed_max {
            out.push(("needed_max", ProblemReason::HeadCount));
        }
        out
    }
}

impl Shift {
    pub fn interval(&self) -> Option<Interval> {
        Interval::new(self.start, self.end)
    }

    /// Enters (or, with `None`, clears) the 服务人次 of the shift.
    pub fn record_served(&mut self, served: Option<u32>, now: Timestamp, device: &DeviceId) {
        self.served = served;
        self.meta.touch(now, device);
    }
}

/// The most residents one shift is believed to serve: a typo guard.
pub const MAX_SERVED: u32 = 100_000;

/// Why a typed 服务人次 was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServedProblem {
    NotANumber,
    TooMany,
}

/// The 服务人次 as typed: empty clears it; digits (full-width too, as
/// Chinese keyboards type them) up to [`MAX_SERVED`].
pub fn read_served(text: &str) -> Result<Option<u32>, ServedProblem> {
    let digits: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ServedProblem::NotANumber);
    }
    match digits.parse::<u32>() {
        Ok(n) if n <= MAX_SERVED => Ok(Some(n)),
        _ => Err(ServedProblem::TooMany),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn served_counts_are_read_as_typed() {
        assert_eq!(read_served(""), Ok(None));
        assert_eq!(read_served(" 40 "), Ok(Some(40)));
        assert_eq!(read_served("１２０"), Ok(Some(120)));
        assert_eq!(read_served("-3"), Err(ServedProblem::NotANumber));
        assert_eq!(read_served("=1+1"), Err(ServedProblem::NotANumber));
        assert_eq!(read_served("十"), Err(ServedProblem::NotANumber));
        assert_eq!(read_served("100001"), Err(ServedProblem::TooMany));
        assert_eq!(read_served("99999999999999"), Err(ServedProblem::TooMany));
    }
}
