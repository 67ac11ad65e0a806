//! Reading a booking as a person types it: the date and times, what it is
//! and who organises it, how many come, and whether it repeats. Each
//! problem is tied to its field; an edit keeps what the form does not show.

use super::booking::{Booking, BookingStatus, Organiser};
use super::meta::{DeviceId, Meta};
use super::recurrence::{Recurrence, Repeat, Until};
use super::space::{BookingRules, Space};
use super::time::{weekday_number, ClockTime, LocalDateTime};
use super::volunteer::Volunteer;
use jiff::civil::Date;
use jiff::Timestamp;
use uuid::Uuid;

/// How a new booking repeats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RepeatKind {
    #[default]
    Once,
    /// On the ticked weekdays, every n weeks.
    Weekly,
    /// On the same date of every month.
    MonthlyByDate,
    /// On the n-th (or last) same weekday of every month.
    MonthlyByWeekday,
}

impl RepeatKind {
    pub const ALL: [RepeatKind; 4] = [
        RepeatKind::Once,
        RepeatKind::Weekly,
        RepeatKind::MonthlyByDate,
        RepeatKind::MonthlyByWeekday,
    ];

    /// The value of the form's `repeat` choice.
    pub fn key(self) -> &'static str {
        match self {
            RepeatKind::Once => "none",
            RepeatKind::Weekly => "weekly",
            RepeatKind::MonthlyByDate => "monthly_date",
            RepeatKind::MonthlyByWeekday => "monthly_weekday",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        RepeatKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The booking form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingDraft {
    /// YYYY-MM-DD.
    pub date: String,
    /// HH:MM.
    pub start: String,
    pub end: String,
    pub title: String,
    pub purpose: String,
    pub organiser: String,
    pub phone: String,
    pub room: String,
    pub attendees: String,
    pub repeat: RepeatKind,
    /// 1 = Monday.
    pub weekdays: Vec<u8>,
    /// The person ticked weekdays; until then they follow the date.
    pub weekdays_picked: bool,
    pub every_weeks: String,
    /// 1–5, or -1 for the last.
    pub nth: String,
    pub count: String,
    /// YYYY-MM-DD, or empty for "so many times".
    pub until: String,
}

/// What "find a free space" (or a free slot of the day view) asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub people: Option<String>,
}

/// How many people a new booking expects unless told.
const DEFAULT_ATTENDEES: &str = "10";
/// The latest a new booking's form suggests starting.
const LATEST_DEFAULT_START: u16 = 20 * 60;

impl BookingDraft {
    /// A new booking's form: the first slot of the space's grid an hour
    /// from now (or what was asked for), organised by "me" if known.
    pub fn new(
        now: LocalDateTime,
        rules: &BookingRules,
        me: Option<&Volunteer>,
        wanted: Wanted,
    ) -> Self {
        let (start, end) = default_times(now, rules);
        let given =
            |v: Option<String>, fallback: String| v.filter(|v| !v.is_empty()).unwrap_or(fallback);
        let who = me.map(Organiser::from_volunteer).unwrap_or_default();
        let date = given(wanted.date, now.date().to_string());
        let mut draft = BookingDraft {
            start: given(wanted.start, start.to_string()),
            end: given(wanted.end, end.to_string()),
            attendees: given(wanted.people, DEFAULT_ATTENDEES.to_string()),
            organiser: who.name,
            phone: who.phone,
            room: who.room,
            every_weeks: "1".into(),
            nth: "1".into(),
            count: "4".into(),
            date,
            ..BookingDraft::default()
        };
        draft.follow_date();
        draft
    }

    /// The form of an existing booking.
    pub fn of(b: &Booking) -> Self {
        let mut draft = BookingDraft {
            date: b.start.date().to_string(),
            start: b.start.clock().to_string(),
            end: b.end.clock().to_string(),
            title: b.title.clone(),
            purpose: b.purpose.clone(),
            organiser: b.organiser.name.clone(),
            phone: b.organiser.phone.clone(),
            room: b.organiser.room.clone(),
            attendees: b.expected_attendees.to_string(),
            every_weeks: "1".into(),
            nth: "1".into(),
            count: "4".into(),
            ..BookingDraft::default()
        };
        draft.follow_date();
        draft
    }

    /// A weekly series repeats on the date's weekday until the person
    /// ticks weekdays themselves.
    pub fn follow_date(&mut self) {
        if self.weekdays_picked {
            return;
        }
        if let Ok(day) = self.date.trim().parse::<Date>() {
            self.weekdays = vec![weekday_number(day.weekday())];
        }
    }

    /// The person ticks (or unticks) a weekday of a weekly series.
    pub fn pick_weekday(&mut self, weekday: u8, on: bool) {
        self.weekdays_picked = true;
        self.weekdays.retain(|d| *d != weekday);
        if on {
            self.weekdays.push(weekday);
        }
    }

    /// Start and end as typed, when both read.
    pub fn times(&self) -> Option<(LocalDateTime, LocalDateTime)> {
        let day: Date = self.date.trim().parse().ok()?;
        let start: ClockTime = self.start.trim().parse().ok()?;
        let end: ClockTime = self.end.trim().parse().ok()?;
        Some((LocalDateTime::new(day, start), LocalDateTime::new(day, end)))
    }

    /// Puts a suggested time in, keeping everything else.
    pub fn take_time(&mut self, start: LocalDateTime, end: LocalDateTime) {
        self.date = start.date().to_string();
        self.start = start.clock().to_string();
        self.end = end.clock().to_string();
        self.follow_date();
    }
}

/// The next start on the space's grid an hour from now, and the shortest
/// booking the space takes from there.
pub fn default_times(now: LocalDateTime, rules: &BookingRules) -> (ClockTime, ClockTime) {
    let step = rules.slot_minutes.max(5);
    let first = now.clock().minute_of_day().div_ceil(step) * step + 60;
    let start = ClockTime::from_minute_of_day(first.min(LATEST_DEFAULT_START))
        .unwrap_or(ClockTime::MIDNIGHT);
    let end = ClockTime::from_minute_of_day(
        (start.minute_of_day() + rules.min_minutes.max(step)).min(1439),
    )
    .unwrap_or(start);
    (start, end)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BookingField {
    /// The date, start and end together.
    Times,
    Title,
    Organiser,
    Attendees,
    Repeat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookingProblem {
    Required,
    /// A date or time that does not read.
    TimeUnreadable,
    /// Not a whole number above zero.
    NumberUnreadable,
    /// The repeat fields describe no series (no weekday ticked, a count
    /// that is not a number).
    RepeatUnreadable,
}

pub type BookingProblems = Vec<(BookingField, BookingProblem)>;

/// A booking's checked fields, ready to go into a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingFields {
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    pub title: String,
    pub purpose: String,
    pub organiser: Organiser,
    pub expected_attendees: u32,
}

impl BookingFields {
    /// A new booking of `space`: a request where the space needs
    /// approval, confirmed otherwise.
    pub fn new_booking(self, space: &Space, id: Uuid, at: Timestamp, device: &DeviceId) -> Booking {
        Booking {
            meta: Meta::new(id, at, device),
            space_id: space.meta.id,
            title: self.title,
            purpose: self.purpose,
            organiser: self.organiser,
            start: self.start,
            end: self.end,
            expected_attendees: self.expected_attendees,
            status: if space.rules.needs_approval {
                BookingStatus::Requested
            } else {
                BookingStatus::Confirmed
            },
            series_id: None,
            check_in: None,
            notes: String::new(),
            status_change: None,
            requested_by: None,
            moved_in_at: None,
        }
    }

    /// The fields written into `booking`: its id, space, series, status,
    /// check-in, notes and history stay as they were.
    pub fn apply_to(self, mut booking: Booking, at: Timestamp, device: &DeviceId) -> Booking {
        booking.meta.touch(at, device);
        booking.title = self.title;
        booking.purpose = self.purpose;
        booking.organiser = self.organiser;
        booking.start = self.start;
        booking.end = self.end;
        booking.expected_attendees = self.expected_attendees;
        booking
    }
}

/// The checked fields, or every problem with its field.
pub fn read_booking_draft(draft: &BookingDraft) -> Result<BookingFields, BookingProblems> {
    let mut problems = Vec::new();
    let times = draft.times();
    if times.is_none() {
        problems.push((BookingField::Times, BookingProblem::TimeUnreadable));
    }
    let required = |text: &str, field, problems: &mut BookingProblems| {
        let text = text.trim();
        if text.is_empty() {
            problems.push((field, BookingProblem::Required));
        }
        text.to_string()
    };
    let title = required(&draft.title, BookingField::Title, &mut problems);
    let name = required(&draft.organiser, BookingField::Organiser, &mut problems);
    let people = draft
        .attendees
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0);
    if people.is_none() {
        problems.push((BookingField::Attendees, BookingProblem::NumberUnreadable));
    }
    match (times, people) {
        (Some((start, end)), Some(expected_attendees)) if problems.is_empty() => {
            Ok(BookingFields {
                start,
                end,
                title,
                purpose: draft.purpose.trim().to_string(),
                organiser: Organiser {
                    name,
                    phone: draft.phone.trim().to_string(),
                    room: draft.room.trim().to_string(),
                    sealed: String::new(),
                },
                expected_attendees,
            })
        }
        _ => Err(problems),
    }
}

/// The series the repeat fields describe, starting on `first`: none for a
/// booking made once.
pub fn read_repeat(
    draft: &BookingDraft,
    first: Date,
) -> Result<Option<Recurrence>, BookingProblem> {
    let bad = BookingProblem::RepeatUnreadable;
    let repeat = match draft.repeat {
        RepeatKind::Once => return Ok(None),
        RepeatKind::Weekly if draft.weekdays.is_empty() => return Err(bad),
        RepeatKind::Weekly => Repeat::Weekly {
            weekdays: draft.weekdays.clone(),
            every_weeks: draft
                .every_weeks
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(bad)?,
        },
        RepeatKind::MonthlyByDate => Repeat::MonthlyByDate {
            day: first.day() as u8,
        },
        RepeatKind::MonthlyByWeekday => Repeat::MonthlyByWeekday {
            nth: draft.nth.trim().parse().map_err(|_| bad)?,
            weekday: weekday_number(first.weekday()),
        },
    };
    let until = match draft.until.trim().parse::<Date>() {
        Ok(date) => Until::Date { date },
        Err(_) => Until::Count {
            count: draft
                .count
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(bad)?,
        },
    };
    Ok(Some(Recurrence {
        repeat,
        starts_on: first,
        until,
    }))
}
