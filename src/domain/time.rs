//! The community's time model.
//!
//! Bookings and shifts are wall-clock times in the community's zone
//! (Asia/Shanghai by default): "every Thursday 19:00" stays 19:00 whatever
//! the phone's own zone is. Record metadata (`created_at`, `updated_at`)
//! is an absolute instant, because merges compare instants from many phones.
//!
//! Wall-clock values are stored with minute precision in fixed-width
//! strings ("2026-11-27T19:00", "19:00"), so their text order is their time
//! order: IndexedDB can range-query them as plain string keys.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A moment on the community's wall clock, to the minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(DateTime);

/// A time of day on the community's wall clock, to the minute ("19:00").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(Time);

/// Why a time value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeParseError {
    pub input: String,
    pub expected: &'static str,
}

impl fmt::Display for TimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a time of the form {}",
            self.input, self.expected
        )
    }
}

impl std::error::Error for TimeParseError {}

impl LocalDateTime {
    const FORMAT: &'static str = "YYYY-MM-DDTHH:MM";

    /// Builds a wall-clock moment; seconds are dropped.
    pub fn new(date: Date, time: ClockTime) -> Self {
        LocalDateTime(date.to_datetime(time.0))
    }

    /// Builds from parts, or `None` if they name no real moment (Feb 30th, 25:00).
    pub fn from_parts(year: i16, month: i8, day: i8, hour: i8, minute: i8) -> Option<Self> {
        let date = Date::new(year, month, day).ok()?;
        let time = ClockTime::from_hm(hour, minute)?;
        Some(Self::new(date, time))
    }

    pub fn date(self) -> Date {
        self.0.date()
    }

    pub fn clock(self) -> ClockTime {
        ClockTime(self.0.time())
    }

    pub fn weekday(self) -> Weekday {
        self.0.weekday()
    }

    /// Minutes from `self` to `later` (negative when `later` is earlier).
    pub fn minutes_until(self, later: LocalDateTime) -> i64 {
        later.0.duration_since(self.0).as_secs() / 60
    }

    /// The same wall-clock moment shifted by whole minutes (may cross days).
    pub fn plus_minutes(self, minutes: i64) -> LocalDateTime {
        // Civil arithmetic: a day is always 24 h on the wall clock.
        LocalDateTime(self.0.saturating_add(minutes.minutes()))
    }

    /// The instant this wall-clock time names in `zone`.
    pub fn to_timestamp(self, zone: &TimeZone) -> Option<Timestamp> {
        zone.to_ambiguous_timestamp(self.0).compatible().ok()
    }

    /// The wall-clock reading of `instant` in `zone`, to the minute.
    pub fn from_timestamp(instant: Timestamp, zone: &TimeZone) -> Self {
        let dt = zone.to_datetime(instant);
        let time = ClockTime::from_hm(dt.hour(), dt.minute()).unwrap_or(ClockTime::MIDNIGHT);
        Self::new(dt.date(), time)
    }
}

impl ClockTime {
    const FORMAT: &'static str = "HH:MM";
    pub const MIDNIGHT: ClockTime = ClockTime(Time::midnight());

    pub fn from_hm(hour: i8, minute: i8) -> Option<Self> {
        Time::new(hour, minute, 0, 0).ok().map(ClockTime)
    }

    /// Builds from minutes after midnight (0..1440).
    pub fn from_minute_of_day(minutes: u16) -> Option<Self> {
        if minutes >= 1440 {
            return None;
        }
        Self::from_hm((minutes / 60) as i8, (minutes % 60) as i8)
    }

    pub fn hour(self) -> i8 {
        self.0.hour()
    }

    pub fn minute(self) -> i8 {
        self.0.minute()
    }

    pub fn minute_of_day(self) -> u16 {
        self.0.hour() as u16 * 60 + self.0.minute() as u16
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{}",
            self.0.year(),
            self.0.month(),
            self.0.day(),
            self.clock()
        )
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

fn parse_two_digits(s: &str) -> Option<i8> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl FromStr for ClockTime {
    type Err = TimeParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || TimeParseError {
            input: s.to_string(),
            expected: Self::FORMAT,
        };
        let (h, m) = s.split_once(':').ok_or_else(err)?;
        let (h, m) = (
            parse_two_digits(h).ok_or_else(err)?,
            parse_two_digits(m).ok_or_else(err)?,
        );
        ClockTime::from_hm(h, m).ok_or_else(err)
    }
}

impl FromStr for LocalDateTime {
    type Err = TimeParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || TimeParseError {
            input: s.to_string(),
            expected: Self::FORMAT,
        };
        let (date, time) = s.split_once('T').ok_or_else(err)?;
        if date.len() != 10 {
            return Err(err());
        }
        let date: Date = date.parse().map_err(|_| err())?;
        let time: ClockTime = time.parse().map_err(|_| err())?;
        Ok(LocalDateTime::new(date, time))
    }
}

impl Serialize for LocalDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The community's time zone. Only zones compiled into the app can be
/// chosen; embedding the whole tz database would triple the download.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CommunityZone {
    #[default]
    #[serde(rename = "Asia/Shanghai")]
    Shanghai,
    #[serde(rename = "Asia/Hong_Kong")]
    HongKong,
    #[serde(rename = "Asia/Taipei")]
    Taipei,
    #[serde(rename = "Asia/Singapore")]
    Singapore,
    #[serde(rename = "UTC")]
    Utc,
}

impl CommunityZone {
    pub fn time_zone(self) -> TimeZone {
        static SHANGHAI: TimeZone = jiff::tz::get!("Asia/Shanghai");
        static HONG_KONG: TimeZone = jiff::tz::get!("Asia/Hong_Kong");
        static TAIPEI: TimeZone = jiff::tz::get!("Asia/Taipei");
        static SINGAPORE: TimeZone = jiff::tz::get!("Asia/Singapore");
        match self {
            CommunityZone::Shanghai => SHANGHAI.clone(),
            CommunityZone::HongKong => HONG_KONG.clone(),
            CommunityZone::Taipei => TAIPEI.clone(),
            CommunityZone::Singapore => SINGAPORE.clone(),
            CommunityZone::Utc => TimeZone::UTC,
        }
    }

    /// The community's wall clock at `instant`.
    pub fn local(self, instant: Timestamp) -> LocalDateTime {
        LocalDateTime::from_timestamp(instant, &self.time_zone())
    }
}

/// A half-open stretch of wall-clock time `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub start: LocalDateTime,
    pub end: LocalDateTime,
}

impl Interval {
    /// `None` unless `start` is before `end`.
    pub fn new(start: LocalDateTime, end: LocalDateTime) -> Option<Self> {
        (start < end).then_some(Interval { start, end })
    }

    pub fn minutes(self) -> i64 {
        self.start.minutes_until(self.end)
    }

    /// True when the two share at least one minute. Touching ends
    /// (one ends 10:00, the next starts 10:00) do not overlap.
    pub fn overlaps(self, other: Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same interval widened by `minutes` on both sides: a booking's
    /// buffer keeps the room free for cleaning before and after it.
    pub fn widened(self, minutes: u16) -> Interval {
        Interval {
            start: self.start.plus_minutes(-(minutes as i64)),
            end: self.end.plus_minutes(minutes as i64),
        }
    }

    /// True when the interval touches the given calendar day.
    pub fn touches_day(self, day: Date) -> bool {
        let day_start = LocalDateTime::new(day, ClockTime::MIDNIGHT);
        let next = day
            .tomorrow()
            .map(|d| LocalDateTime::new(d, ClockTime::MIDNIGHT));
        match next {
            Ok(day_end) => self.start < day_end && day_start < self.end,
            Err(_) => day_start < self.end,
        }
    }
}

/// Monday = 1 … Sunday = 7, as committees write it (周一 … 周日).
pub fn weekday_number(weekday: Weekday) -> u8 {
    weekday.to_monday_one_offset() as u8
}

/// Splits items already in time order into runs of one calendar day each.
pub fn group_by_day<T>(
    items: impl IntoIterator<Item = T>,
    date_of: impl Fn(&T) -> Date,
) -> Vec<(Date, Vec<T>)> {
    let mut days: Vec<(Date, Vec<T>)> = Vec::new();
    for item in items {
        let date = date_of(&item);
        match days.last_mut() {
            Some((day, list)) if *day == date => list.push(item),
            _ => days.push((date, vec![item])),
        }
    }
    days
}

/// Adds whole days to a date, saturating at the calendar's ends.
pub fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).unwrap_or(date)
}

/// In the exchange format's JSON Schema: wall-clock text.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for LocalDateTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LocalDateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Wall-clock time in the community's zone, YYYY-MM-DDTHH:MM",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]$"
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Time of day, HH:MM",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
        })
    }
}

/// In the JSON Schema: an instant, RFC 3339 in UTC (`jiff::Timestamp`).
#[cfg(not(target_arch = "wasm32"))]
pub struct SchemaInstant;

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for SchemaInstant {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Instant".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An instant, RFC 3339, e.g. 2026-12-02T01:10:00Z",
            "format": "date-time"
        })
    }
}

/// In the JSON Schema: a calendar date, YYYY-MM-DD (`jiff::civil::Date`).
#[cfg(not(target_arch = "wasm32"))]
pub struct SchemaDate;

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for SchemaDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A calendar date, YYYY-MM-DD",
            "format": "date"
        })
    }
}
