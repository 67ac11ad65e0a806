//! Recurring series: "every Thursday 19:00", "the first Monday of each
//! month". A series expands into dates; each occurrence keeps the same
//! wall-clock time in the community's zone.

use super::booking::{bookings_collide, Booking};
use super::booking_rules::{check_booking, BookingRefusal};
use super::space::Space;
use super::time::{add_days, weekday_number, LocalDateTime};
use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};

/// No series expands past this many occurrences, whatever its end says.
pub const MAX_OCCURRENCES: usize = 366;

/// How a series repeats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Repeat {
    /// On the given weekdays (1 = Monday) of every `every_weeks`-th week.
    Weekly { weekdays: Vec<u8>, every_weeks: u8 },
    /// On one day of the month; months without that day are skipped.
    MonthlyByDate { day: u8 },
    /// On the n-th weekday of the month (n = 1..=5, or -1 for the last);
    /// months without a fifth one are skipped.
    MonthlyByWeekday { nth: i8, weekday: u8 },
}

/// When a series stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Until {
    /// Up to and including this date.
    Date { date: Date },
    /// After this many occurrences.
    Count { count: u16 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub repeat: Repeat,
    /// The first date the series may fall on.
    pub starts_on: Date,
    pub until: Until,
}

impl Recurrence {
    /// Every date of the series, in order.
    pub fn dates(&self) -> Vec<Date> {
        let (last, max) = match self.until {
            Until::Date { date } => (date, MAX_OCCURRENCES),
            Until::Count { count } => (Date::MAX, (count as usize).min(MAX_OCCURRENCES)),
        };
        let mut out = Vec::new();
        let mut push = |d: Date| -> bool {
            if d < self.starts_on {
                return true;
            }
            if d > last || out.len() >= max {
                return false;
            }
            out.push(d);
            true
        };
        match &self.repeat {
            Repeat::Weekly {
                weekdays,
                every_weeks,
            } => {
                let every = (*every_weeks).max(1) as i64;
                let monday = add_days(
                    self.starts_on,
                    1 - weekday_number(self.starts_on.weekday()) as i64,
                );
                let mut days: Vec<u8> = weekdays
                    .iter()
                    .copied()
                    .filter(|d| (1..=7).contains(d))
                    .collect();
                days.sort_unstable();
                days.dedup();
                if days.is_empty() {
                    return out;
                }
                'weeks: for week in 0.. {
                    let week_start = add_days(monday, week * 7 * every);
                    for &wd in &days {
                        if !push(add_days(week_start, wd as i64 - 1)) {
                            break 'weeks;
                        }
                    }
                    if week > (MAX_OCCURRENCES as i64) * 5 {
                        break;
                    }
                }
            }
            Repeat::MonthlyByDate { day } => {
                for month in months_from(self.starts_on) {
                    if let Ok(d) = Date::new(month.year(), month.month(), *day as i8) {
                        if !push(d) {
                            break;
                        }
                    }
                }
            }
            Repeat::MonthlyByWeekday { nth, weekday } => {
                for month in months_from(self.starts_on) {
                    if let Some(d) = nth_weekday(month, *nth, *weekday) {
                        if !push(d) {
                            break;
                        }
                    }
                }
            }
        }
        out
    }
}

/// The first day of each month from `start`'s month on, for up to 40 years.
fn months_from(start: Date) -> impl Iterator<Item = Date> {
    let first = start.first_of_month();
    (0..480i32).map_while(move |i| first.checked_add(i.months()).ok())
}

/// The `nth` (1..=5, or -1 for last) `weekday` (1 = Monday) of `month`.
pub fn nth_weekday(month: Date, nth: i8, weekday: u8) -> Option<Date> {
    let first = month.first_of_month();
    let last = month.last_of_month();
    if nth == -1 {
        let back = (weekday_number(last.weekday()) as i64 - weekday as i64).rem_euclid(7);
        return Some(add_days(last, -back));
    }
    if !(1..=5).contains(&nth) {
        return None;
    }
    let ahead = (weekday as i64 - weekday_number(first.weekday()) as i64).rem_euclid(7);
    let d = add_days(first, ahead + 7 * (nth as i64 - 1));
    (d <= last).then_some(d)
}

/// What saving one occurrence of a series would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OccurrenceCheck {
    Fits,
    /// Breaks rules of the space (hours, window …) or overlaps a booking.
    Refused(Vec<BookingRefusal>),
}

/// Checks every occurrence of a series built from `template` (its times of
/// day, space, title …) against the space's rules and existing bookings,
/// and against the earlier occurrences of the same series.
pub fn preview_series(
    template: &Booking,
    dates: &[Date],
    space: &Space,
    existing: &[Booking],
    now: LocalDateTime,
) -> Vec<(Booking, OccurrenceCheck)> {
    let minutes = template.start.minutes_until(template.end);
    let clock = template.start.clock();
    let mut accepted: Vec<Booking> = Vec::new();
    let mut out = Vec::new();
    for (i, date) in dates.iter().enumerate() {
        let mut occurrence = template.clone();
        // Each occurrence gets its own id, derived so previews are stable.
        occurrence.meta.id =
            uuid::Uuid::from_u128(template.meta.id.as_u128().wrapping_add(i as u128 + 1));
        occurrence.start = LocalDateTime::new(*date, clock);
        occurrence.end = occurrence.start.plus_minutes(minutes);
        let mut refusals = check_booking(&occurrence, space, existing, now);
        for earlier in &accepted {
            if bookings_collide(&occurrence, earlier, space.rules.buffer_minutes) {
                refusals.push(BookingRefusal::Overlaps {
                    other: earlier.meta.id,
                    title: earlier.title.clone(),
                    start: earlier.start,
                    end: earlier.end,
                });
            }
        }
        let check = if refusals.is_empty() {
            accepted.push(occurrence.clone());
            OccurrenceCheck::Fits
        } else {
            OccurrenceCheck::Refused(refusals)
        };
        out.push((occurrence, check));
    }
    out
}
