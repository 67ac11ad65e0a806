//! Changing several occurrences of a recurring series at once: "this one",
//! "this and following" or "the whole series".

use super::booking::{Booking, StatusChange};
use super::meta::DeviceId;
use super::time::{add_days, LocalDateTime};
use jiff::Timestamp;

/// Which occurrences of a series a change applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SeriesScope {
    #[default]
    ThisOne,
    ThisAndFollowing,
    WholeSeries,
}

impl SeriesScope {
    pub const ALL: [SeriesScope; 3] = [
        SeriesScope::ThisOne,
        SeriesScope::ThisAndFollowing,
        SeriesScope::WholeSeries,
    ];

    /// The value used in forms and links.
    pub fn key(self) -> &'static str {
        match self {
            SeriesScope::ThisOne => "one",
            SeriesScope::ThisAndFollowing => "following",
            SeriesScope::WholeSeries => "all",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The occurrences of `chosen`'s series that a change in `scope` touches:
/// live ones that have not ended yet (the past stays as it happened), and
/// `chosen` itself, earliest first.
pub fn occurrences_in_scope(
    chosen: &Booking,
    series: &[Booking],
    scope: SeriesScope,
    now: LocalDateTime,
) -> Vec<Booking> {
    let mut out: Vec<Booking> = match (scope, chosen.series_id) {
        (SeriesScope::ThisOne, _) | (_, None) => Vec::new(),
        (scope, Some(id)) => series
            .iter()
            .filter(|b| b.series_id == Some(id) && b.meta.id != chosen.meta.id)
            .filter(|b| b.is_live() && b.end > now)
            .filter(|b| scope == SeriesScope::WholeSeries || b.start >= chosen.start)
            .cloned()
            .collect(),
    };
    out.push(chosen.clone());
    out.sort_by_key(|b| b.start);
    out
}

/// Applies the edit that turned `original` into `edited` to every
/// occurrence in scope: the same title, organiser, space and people, the
/// same wall-clock times, and the same shift in days (moving Thursday's
/// occurrence to Friday moves each one a day). Ids, statuses, check-ins
/// and series stay each occurrence's own.
pub fn edit_occurrences(
    original: &Booking,
    edited: &Booking,
    series: &[Booking],
    scope: SeriesScope,
    now: LocalDateTime,
    at: Timestamp,
    device: &DeviceId,
) -> Vec<Booking> {
    let day_shift = (edited.start.date() - original.start.date()).get_days() as i64;
    let minutes = edited.start.minutes_until(edited.end);
    occurrences_in_scope(original, series, scope, now)
        .into_iter()
        .map(|mut b| {
            let start =
                LocalDateTime::new(add_days(b.start.date(), day_shift), edited.start.clock());
            b.start = start;
            b.end = start.plus_minutes(minutes);
            b.space_id = edited.space_id;
            b.title = edited.title.clone();
            b.purpose = edited.purpose.clone();
            b.organiser = edited.organiser.clone();
            b.expected_attendees = edited.expected_attendees;
            b.meta.touch(at, device);
            b
        })
        .collect()
}

/// Cancels every occurrence in scope with the same reason.
pub fn cancel_occurrences(
    chosen: &Booking,
    series: &[Booking],
    scope: SeriesScope,
    why: &StatusChange,
    now: LocalDateTime,
    at: Timestamp,
    device: &DeviceId,
) -> Vec<Booking> {
    occurrences_in_scope(chosen, series, scope, now)
        .into_iter()
        .filter_map(|mut b| b.cancel(&why.by, &why.reason, at, device).then_some(b))
        .collect()
}
