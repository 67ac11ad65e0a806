//! A year's holiday arrangement as a file a committee loads: the same
//! shape as the arrangements shipped with the app (holiday-cn's), taken
//! through the Data tab's usual import. Reading tells it from a Linli file;
//! loading it is checked like any file; before it is written the person
//! sees which saved occurrences fall on dates it changes.

use super::format::{read_document_bytes, ExchangeDocument, ReadError};
use crate::domain::holidays::{ArrangementProblem, HolidayArrangement, HolidayCalendar};
use crate::domain::{Community, LocalDateTime};
use jiff::civil::Date;
use uuid::Uuid;

/// What a file chosen on the Data tab turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// A Linli file: records to check, compare and merge (boxed: it is
    /// far bigger than an arrangement).
    Exchange(Box<ExchangeDocument>),
    /// A year's public holidays and make-up workdays.
    Holidays(HolidayArrangement),
}

/// Step 1 for any file: a Linli file, or else a holiday arrangement (an
/// object with `year` and `days`), or why it is neither.
pub fn read_incoming(bytes: &[u8]) -> Result<Incoming, ReadError> {
    match read_document_bytes(bytes) {
        Ok(document) => Ok(Incoming::Exchange(Box::new(document))),
        Err(ReadError::NotLinli) => read_arrangement(bytes).map(Incoming::Holidays),
        Err(e) => Err(e),
    }
}

/// An arrangement from a file that is JSON but not a Linli file.
fn read_arrangement(bytes: &[u8]) -> Result<HolidayArrangement, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotLinli)?;
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|_| ReadError::NotLinli)?;
    if value.get("year").is_none() || value.get("days").is_none() {
        return Err(ReadError::NotLinli);
    }
    let arrangement: HolidayArrangement = serde_json::from_value(value)
        .map_err(|_| ReadError::Holidays(ArrangementProblem::Unreadable))?;
    match arrangement.problems().into_iter().next() {
        Some(problem) => Err(ReadError::Holidays(problem)),
        None => Ok(arrangement),
    }
}

/// A saved occurrence on a date whose arrangement a file changes: for a
/// person to look at, never moved by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Affected {
    /// Where it opens: a booking's page, or a shift's.
    pub link: AffectedLink,
    pub title: String,
    pub start: LocalDateTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AffectedLink {
    Booking(Uuid),
    Shift(Uuid),
}

/// What loading `arrangement` does: the calendar after it, whether it
/// replaces a year the phone knew, and the live occurrences from `today`
/// on — bookings of a series and shifts — on dates whose mark it changes.
pub fn affected(
    arrangement: &HolidayArrangement,
    before: &HolidayCalendar,
    local: &Community,
    today: Date,
) -> (HolidayCalendar, bool, Vec<Affected>) {
    let mut after = before.clone();
    after.set_year(arrangement);
    let replaces = before.years().contains(&arrangement.year);
    let list = affected_between(before, &after, local, today);
    (after, replaces, list)
}

/// The live occurrences from `today` on — bookings of a series and shifts
/// — on dates whose mark differs between two calendars: for an
/// arrangement that arrived some other way (sync, a backup).
pub fn affected_between(
    before: &HolidayCalendar,
    after: &HolidayCalendar,
    local: &Community,
    today: Date,
) -> Vec<Affected> {
    let changed = before.changed_dates(after);
    let moved = |date: Date| date >= today && changed.binary_search(&date).is_ok();
    let mut out: Vec<Affected> = local
        .bookings
        .iter()
        .filter(|b| b.is_live() && b.series_id.is_some() && moved(b.start.date()))
        .map(|b| Affected {
            link: AffectedLink::Booking(b.meta.id),
            title: b.title.clone(),
            start: b.start,
        })
        .collect();
    out.extend(
        local
            .shifts
            .iter()
            .filter(|s| !s.meta.deleted && moved(s.start.date()))
            .map(|s| Affected {
                link: AffectedLink::Shift(s.meta.id),
                title: s.role.clone(),
                start: s.start,
            }),
    );
    out.sort_by_key(|a| a.start);
    out
}
