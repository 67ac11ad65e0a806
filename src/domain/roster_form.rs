//! Reading an activity, a shift and a duty template as a lead types them:
//! each problem tied to its field.

use super::activity::{Activity, ActivityKind, Place};
use super::duty_template::{DutyDays, DutyTemplate, TemplateProblem};
use super::meta::{DeviceId, IdSource, Meta};
use super::shift::Shift;
use super::time::{ClockTime, LocalDateTime};
use jiff::civil::Date;
use jiff::Timestamp;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RosterField {
    Title,
    StartsOn,
    EndsOn,
    Role,
    Date,
    Start,
    End,
    NeededMin,
    NeededMax,
    Starts,
    Length,
    Stagger,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterProblem {
    Required,
    /// Not a date, time or whole number of the expected kind.
    Unreadable,
    EndBeforeStart,
    /// The minimum is above the maximum, or the maximum is 0.
    HeadCount,
    /// A period longer than a year, or a shift longer than a day.
    TooLong,
}

pub type Problems = Vec<(RosterField, RosterProblem)>;

fn date(text: &str, field: RosterField, problems: &mut Problems) -> Option<Date> {
    let d = text.trim().parse::<Date>().ok();
    if d.is_none() {
        problems.push((field, RosterProblem::Unreadable));
    }
    d
}

fn clock(text: &str, field: RosterField, problems: &mut Problems) -> Option<ClockTime> {
    let c = text.trim().parse::<ClockTime>().ok();
    if c.is_none() {
        problems.push((field, RosterProblem::Unreadable));
    }
    c
}

fn number<T: std::str::FromStr>(
    text: &str,
    field: RosterField,
    problems: &mut Problems,
) -> Option<T> {
    let n = text.trim().parse::<T>().ok();
    if n.is_none() {
        problems.push((field, RosterProblem::Unreadable));
    }
    n
}

fn required(text: &str, field: RosterField, problems: &mut Problems) -> String {
    let t = text.trim().to_string();
    if t.is_empty() {
        problems.push((field, RosterProblem::Required));
    }
    t
}

fn head_count(min: &str, max: &str, problems: &mut Problems) -> Option<(u32, u32)> {
    let lo = number::<u32>(min, RosterField::NeededMin, problems);
    let hi = number::<u32>(max, RosterField::NeededMax, problems);
    match (lo, hi) {
        (Some(lo), Some(hi)) if hi == 0 || lo > hi => {
            problems.push((RosterField::NeededMax, RosterProblem::HeadCount));
            None
        }
        (Some(lo), Some(hi)) => Some((lo, hi)),
        _ => None,
    }
}

/// The activity form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityDraft {
    pub title: String,
    pub kind: Option<ActivityKind>,
    /// A space of the community, or else `place_text`.
    pub space: Option<Uuid>,
    /// The booking of that space the activity uses, if any.
    pub booking: Option<Uuid>,
    pub place_text: String,
    pub starts_on: String,
    pub ends_on: String,
    pub description: String,
    pub team: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityFields {
    pub title: String,
    pub kind: ActivityKind,
    pub place: Place,
    pub starts_on: Date,
    pub ends_on: Date,
    pub description: String,
    pub team: Option<String>,
}

impl ActivityFields {
    /// The activity these fields describe: `existing` changed (its id and
    /// history kept), or a new one.
    pub fn into_record(
        self,
        existing: Option<Activity>,
        at: Timestamp,
        device: &DeviceId,
        ids: &mut impl IdSource,
    ) -> Activity {
        let meta = match existing {
            Some(a) => {
                let mut meta = a.meta;
                meta.touch(at, device);
                meta
            }
            None => Meta::new(ids.next_id(), at, device),
        };
        Activity {
            meta,
            title: self.title,
            kind: self.kind,
            place: self.place,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            description: self.description,
            team: self.team,
        }
    }
}

pub fn read_activity_draft(d: &ActivityDraft) -> Result<ActivityFields, Problems> {
    let mut problems = Problems::new();
    let title = required(&d.title, RosterField::Title, &mut problems);
    let from = date(&d.starts_on, RosterField::StartsOn, &mut problems);
    let to = date(&d.ends_on, RosterField::EndsOn, &mut problems);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            problems.push((RosterField::EndsOn, RosterProblem::EndBeforeStart));
        }
    }
    match (from, to) {
        (Some(starts_on), Some(ends_on)) if problems.is_empty() => Ok(ActivityFields {
            title,
            kind: d.kind.unwrap_or(ActivityKind::Event),
            place: match d.space {
                Some(space_id) => Place::Space {
                    space_id,
                    booking_id: d.booking,
                },
                None => Place::Text {
                    text: d.place_text.trim().to_string(),
                },
            },
            starts_on,
            ends_on,
            description: d.description.trim().to_string(),
            team: Some(d.team.trim().to_string()).filter(|t| !t.is_empty()),
        }),
        _ => Err(problems),
    }
}

/// The shift form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShiftDraft {
    pub role: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub needed_min: String,
    pub needed_max: String,
    pub place: String,
    pub notes: String,
    pub skill: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftFields {
    pub role: String,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    pub needed_min: u32,
    pub needed_max: u32,
    pub place: String,
    pub notes: String,
    pub required_skill: Option<String>,
}

impl ShiftFields {
    /// The shift of `activity` these fields describe: `existing` changed
    /// (its id and history kept), or a new one.
    pub fn into_record(
        self,
        existing: Option<Shift>,
        activity: Uuid,
        at: Timestamp,
        device: &DeviceId,
        ids: &mut impl IdSource,
    ) -> Shift {
        let meta = match &existing {
            Some(s) => {
                let mut meta = s.meta.clone();
                meta.touch(at, device);
                meta
            }
            None => Meta::new(ids.next_id(), at, device),
        };
        Shift {
            meta,
            activity_id: existing.as_ref().map_or(activity, |s| s.activity_id),
            role: self.role,
            start: self.start,
            end: self.end,
            needed_min: self.needed_min,
            needed_max: self.needed_max,
            place: self.place,
            notes: self.notes,
            required_skill: self.required_skill,
            served: existing.and_then(|s| s.served),
        }
    }
}

/// An end at or before the start means the next morning: a night patrol
/// 22:00–02:00 is typed just like that.
pub fn read_shift_draft(d: &ShiftDraft) -> Result<ShiftFields, Problems> {
    let mut problems = Problems::new();
    let role = required(&d.role, RosterField::Role, &mut problems);
    let day = date(&d.date, RosterField::Date, &mut problems);
    let start = clock(&d.start, RosterField::Start, &mut problems);
    let end = clock(&d.end, RosterField::End, &mut problems);
    if start.is_some() && start == end {
        problems.push((RosterField::End, RosterProblem::EndBeforeStart));
    }
    let heads = head_count(&d.needed_min, &d.needed_max, &mut problems);
    match (day, start, end, heads) {
        (Some(day), Some(s), Some(e), Some((needed_min, needed_max))) if problems.is_empty() => {
            let start = LocalDateTime::new(day, s);
            let mut end = LocalDateTime::new(day, e);
            if end <= start {
                end = end.plus_minutes(24 * 60);
            }
            Ok(ShiftFields {
                role,
                start,
                end,
                needed_min,
                needed_max,
                place: d.place.trim().to_string(),
                notes: d.notes.trim().to_string(),
                required_skill: Some(d.skill.trim().to_string()).filter(|s| !s.is_empty()),
            })
        }
        _ => Err(problems),
    }
}

/// The duty-template form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateDraft {
    pub role: String,
    /// "07:00, 09:00, 12:00".
    pub starts: String,
    pub minutes: String,
    pub needed_min: String,
    pub needed_max: String,
    pub place: String,
    pub skill: String,
    /// Ticked weekdays (1 = Monday); none ticked means every day.
    pub weekdays: Vec<u8>,
    /// Weekdays as ticked, or the working days of the holiday arrangement.
    pub days: DutyDays,
    pub stagger: String,
    pub from: String,
    pub to: String,
}

pub fn read_template_draft(d: &TemplateDraft) -> Result<(DutyTemplate, Date, Date), Problems> {
    let mut problems = Problems::new();
    let role = required(&d.role, RosterField::Role, &mut problems);
    let mut starts = Vec::new();
    for part in d
        .starts
        .split([',', '，', '、', ' '])
        .filter(|p| !p.trim().is_empty())
    {
        match part.trim().parse::<ClockTime>() {
            Ok(c) => starts.push(c),
            Err(_) => {
                problems.push((RosterField::Starts, RosterProblem::Unreadable));
                break;
            }
        }
    }
    if starts.is_empty() && !problems.iter().any(|(f, _)| *f == RosterField::Starts) {
        problems.push((RosterField::Starts, RosterProblem::Required));
    }
    let minutes = number::<u16>(&d.minutes, RosterField::Length, &mut problems);
    if minutes.is_some_and(|m| m == 0 || m > 24 * 60) {
        problems.push((RosterField::Length, RosterProblem::TooLong));
    }
    let heads = head_count(&d.needed_min, &d.needed_max, &mut problems);
    let stagger = if d.stagger.trim().is_empty() {
        Some(0)
    } else {
        number::<i16>(&d.stagger, RosterField::Stagger, &mut problems)
    };
    let from = date(&d.from, RosterField::StartsOn, &mut problems);
    let to = date(&d.to, RosterField::EndsOn, &mut problems);
    let (Some(minutes), Some((needed_min, needed_max)), Some(stagger), Some(from), Some(to)) =
        (minutes, heads, stagger, from, to)
    else {
        return Err(problems);
    };
    let template = DutyTemplate {
        role,
        starts,
        minutes,
        needed_min,
        needed_max,
        place: d.place.trim().to_string(),
        required_skill: Some(d.skill.trim().to_string()).filter(|s| !s.is_empty()),
        weekdays: d.weekdays.clone(),
        days: d.days,
        stagger_minutes: stagger,
    };
    for p in template.problems(from, to) {
        match p {
            TemplateProblem::PeriodBackwards => {
                problems.push((RosterField::EndsOn, RosterProblem::EndBeforeStart))
            }
            TemplateProblem::PeriodTooLong => {
                problems.push((RosterField::EndsOn, RosterProblem::TooLong))
            }
            // The others are already named above.
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok((template, from, to))
    } else {
        Err(problems)
    }
}

impl ActivityDraft {
    /// The form's fields for a record (or for a new one).
    pub fn of(a: Option<&Activity>, today: jiff::civil::Date) -> ActivityDraft {
        let Some(a) = a else {
            return ActivityDraft {
                kind: Some(ActivityKind::Event),
                starts_on: today.to_string(),
                ends_on: today.to_string(),
                ..ActivityDraft::default()
            };
        };
        let (space, booking, place_text) = match &a.place {
            Place::Space {
                space_id,
                booking_id,
            } => (Some(*space_id), *booking_id, String::new()),
            Place::Text { text } => (None, None, text.clone()),
        };
        ActivityDraft {
            title: a.title.clone(),
            kind: Some(a.kind),
            space,
            booking,
            place_text,
            starts_on: a.starts_on.to_string(),
            ends_on: a.ends_on.to_string(),
            description: a.description.clone(),
            team: a.team.clone().unwrap_or_default(),
        }
    }
}

impl ShiftDraft {
    /// The form's fields for a record (or for a new one).
    pub fn of(activity: &Activity, s: Option<&Shift>) -> ShiftDraft {
        match s {
            None => ShiftDraft {
                date: activity.starts_on.to_string(),
                start: "09:00".into(),
                end: "11:00".into(),
                needed_min: "1".into(),
                needed_max: "2".into(),
                ..ShiftDraft::default()
            },
            Some(s) => ShiftDraft {
                role: s.role.clone(),
                date: s.start.date().to_string(),
                start: s.start.clock().to_string(),
                end: s.end.clock().to_string(),
                needed_min: s.needed_min.to_string(),
                needed_max: s.needed_max.to_string(),
                place: s.place.clone(),
                notes: s.notes.clone(),
                skill: s.required_skill.clone().unwrap_or_default(),
            },
        }
    }
}
