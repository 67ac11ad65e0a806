//! Reading a space as a keeper types it: every field checked, each problem
//! tied to its field so the form can say it next to the input.

use super::meta::{DeviceId, IdSource, Meta};
use super::space::{BookingRules, OpeningPeriod, Space, SpaceKind};
use super::time::ClockTime;
use jiff::Timestamp;

/// The space form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpaceDraft {
    pub name: String,
    pub kind: Option<SpaceKind>,
    pub location: String,
    pub capacity: String,
    /// Monday first: "08:00-12:00, 14:00-17:00", empty when closed.
    pub hours: [String; 7],
    pub slot_minutes: String,
    pub min_minutes: String,
    pub max_minutes: String,
    pub advance_days: String,
    pub buffer_minutes: String,
    pub needs_approval: bool,
    /// Comma-separated.
    pub amenities: String,
    pub notes: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpaceField {
    Name,
    Capacity,
    /// Opening hours of weekday 1 (Monday) … 7.
    Hours(u8),
    Slot,
    MinMinutes,
    MaxMinutes,
    Advance,
    Buffer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpaceProblem {
    Required,
    /// Not a whole number in the allowed range.
    NotANumber,
    CapacityZero,
    /// Not of the form "08:00-12:00, 14:00-17:00".
    HoursUnreadable,
    ClosesBeforeOpens,
    PeriodsOverlap,
    MinOverMax,
    /// Longer than a day.
    LongerThanADay,
    /// Not a divisor-friendly slot: 5 to 240 minutes.
    SlotOutOfRange,
}

/// A space's checked fields, ready to go into a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceFields {
    pub name: String,
    pub kind: SpaceKind,
    pub location: String,
    pub capacity: u32,
    pub opening_hours: Vec<OpeningPeriod>,
    pub rules: BookingRules,
    pub amenities: Vec<String>,
    pub notes: String,
}

impl SpaceFields {
    /// The space these fields describe: `existing` changed (its id, history
    /// and whether it is active kept), or a new, active one.
    pub fn into_record(
        self,
        existing: Option<Space>,
        at: Timestamp,
        device: &DeviceId,
        ids: &mut impl IdSource,
    ) -> Space {
        let mut space = existing.unwrap_or_else(|| Space {
            meta: Meta::new(ids.next_id(), at, device),
            name: String::new(),
            kind: SpaceKind::Other,
            location: String::new(),
            capacity: 0,
            opening_hours: Vec::new(),
            rules: BookingRules::default(),
            amenities: Vec::new(),
            notes: String::new(),
            active: true,
        });
        space.meta.touch(at, device);
        self.apply_to(&mut space);
        space
    }

    /// Writes the checked fields into a space record, leaving its metadata
    /// and whether it is active as they are.
    pub fn apply_to(self, space: &mut Space) {
        space.name = self.name;
        space.kind = self.kind;
        space.location = self.location;
        space.capacity = self.capacity;
        space.opening_hours = self.opening_hours;
        space.rules = self.rules;
        space.amenities = self.amenities;
        space.notes = self.notes;
    }
}

/// Reads one day's opening hours: periods separated by commas (either
/// width), each "HH:MM-HH:MM" with -, – or ~ between. Empty means closed.
pub fn parse_day_hours(text: &str) -> Result<Vec<(ClockTime, ClockTime)>, SpaceProblem> {
    let mut periods = Vec::new();
    for part in text
        .split([',', '，', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (a, b) = part
            .split_once(['-', '–', '~', '～'])
            .ok_or(SpaceProblem::HoursUnreadable)?;
        let opens: ClockTime = a
            .trim()
            .parse()
            .map_err(|_| SpaceProblem::HoursUnreadable)?;
        let closes: ClockTime = b
            .trim()
            .parse()
            .map_err(|_| SpaceProblem::HoursUnreadable)?;
        if closes <= opens {
            return Err(SpaceProblem::ClosesBeforeOpens);
        }
        periods.push((opens, closes));
    }
    periods.sort();
    if periods.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(SpaceProblem::PeriodsOverlap);
    }
    Ok(periods)
}

/// The text a day's periods are shown as in the form.
pub fn format_day_hours(periods: &[OpeningPeriod]) -> String {
    periods
        .iter()
        .map(|p| format!("{}-{}", p.opens, p.closes))
        .collect::<Vec<_>>()
        .join(", ")
}

fn number(
    text: &str,
    field: SpaceField,
    max: u32,
    problems: &mut Vec<(SpaceField, SpaceProblem)>,
) -> u32 {
    match text.trim().parse::<u32>() {
        Ok(n) if n <= max => n,
        _ if text.trim().is_empty() => {
            problems.push((field, SpaceProblem::Required));
            0
        }
        _ => {
            problems.push((field, SpaceProblem::NotANumber));
            0
        }
    }
}

/// Checks every field; returns the space's fields or every problem found.
pub fn read_space_draft(
    draft: &SpaceDraft,
) -> Result<SpaceFields, Vec<(SpaceField, SpaceProblem)>> {
    let mut problems = Vec::new();
    let name = draft.name.trim().to_string();
    if name.is_empty() {
        problems.push((SpaceField::Name, SpaceProblem::Required));
    }
    let capacity = number(
        &draft.capacity,
        SpaceField::Capacity,
        100_000,
        &mut problems,
    );
    if capacity == 0 && !problems.iter().any(|(f, _)| *f == SpaceField::Capacity) {
        problems.push((SpaceField::Capacity, SpaceProblem::CapacityZero));
    }
    let mut opening_hours = Vec::new();
    for (i, text) in draft.hours.iter().enumerate() {
        let weekday = i as u8 + 1;
        match parse_day_hours(text) {
            Ok(periods) => {
                opening_hours.extend(periods.into_iter().map(|(opens, closes)| OpeningPeriod {
                    weekday,
                    opens,
                    closes,
                }))
            }
            Err(problem) => problems.push((SpaceField::Hours(weekday), problem)),
        }
    }
    let slot = number(&draft.slot_minutes, SpaceField::Slot, 240, &mut problems);
    if !(5..=240).contains(&slot) && !problems.iter().any(|(f, _)| *f == SpaceField::Slot) {
        problems.push((SpaceField::Slot, SpaceProblem::SlotOutOfRange));
    }
    let min = number(
        &draft.min_minutes,
        SpaceField::MinMinutes,
        1440,
        &mut problems,
    );
    let max = number(
        &draft.max_minutes,
        SpaceField::MaxMinutes,
        u32::MAX,
        &mut problems,
    );
    if max > 1440 {
        problems.push((SpaceField::MaxMinutes, SpaceProblem::LongerThanADay));
    } else if min > max {
        problems.push((SpaceField::MinMinutes, SpaceProblem::MinOverMax));
    }
    let advance = number(
        &draft.advance_days,
        SpaceField::Advance,
        3650,
        &mut problems,
    );
    let buffer = number(
        &draft.buffer_minutes,
        SpaceField::Buffer,
        u32::MAX,
        &mut problems,
    );
    if buffer >= 1440 {
        problems.push((SpaceField::Buffer, SpaceProblem::LongerThanADay));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SpaceFields {
        name,
        kind: draft.kind.unwrap_or(SpaceKind::Other),
        location: draft.location.trim().to_string(),
        capacity,
        opening_hours,
        rules: BookingRules {
            slot_minutes: slot as u16,
            min_minutes: min as u16,
            max_minutes: max as u16,
            advance_days: advance as u16,
            buffer_minutes: buffer as u16,
            needs_approval: draft.needs_approval,
        },
        amenities: draft
            .amenities
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
        notes: draft.notes.trim().to_string(),
    })
}

impl SpaceDraft {
    /// The form's fields for a record (or for a new one).
    pub fn of(space: Option<&Space>) -> SpaceDraft {
        let Some(s) = space else {
            let rules = BookingRules::default();
            return SpaceDraft {
                kind: Some(SpaceKind::CommonRoom),
                capacity: "20".into(),
                hours: std::array::from_fn(|_| "08:00-21:00".to_string()),
                slot_minutes: rules.slot_minutes.to_string(),
                min_minutes: rules.min_minutes.to_string(),
                max_minutes: rules.max_minutes.to_string(),
                advance_days: rules.advance_days.to_string(),
                buffer_minutes: rules.buffer_minutes.to_string(),
                ..SpaceDraft::default()
            };
        };
        SpaceDraft {
            name: s.name.clone(),
            kind: Some(s.kind),
            location: s.location.clone(),
            capacity: s.capacity.to_string(),
            hours: std::array::from_fn(|i| format_day_hours(&s.periods_on(i as u8 + 1))),
            slot_minutes: s.rules.slot_minutes.to_string(),
            min_minutes: s.rules.min_minutes.to_string(),
            max_minutes: s.rules.max_minutes.to_string(),
            advance_days: s.rules.advance_days.to_string(),
            buffer_minutes: s.rules.buffer_minutes.to_string(),
            needs_approval: s.rules.needs_approval,
            amenities: s.amenities.join(", "),
            notes: s.notes.clone(),
        }
    }
}
