//! What an import says: a file's kinds of record, why a file was refused,
//! each problem of a file, and each clash with this phone.

use super::{date_label, time_range, I18n};
use crate::domain::holidays::ArrangementProblem;
use crate::domain::RecordKind;
use crate::exchange::{Conflict, ImportProblem, ProblemReason, ReadError};
use crate::ui::i18n::*;
use std::collections::HashMap;
use uuid::Uuid;

/// "预约" / "Bookings".
pub fn kind_name(i18n: I18n, kind: RecordKind) -> String {
    match kind {
        RecordKind::Space => t_string!(i18n, data.kind_spaces),
        RecordKind::Booking => t_string!(i18n, data.kind_bookings),
        RecordKind::Volunteer => t_string!(i18n, data.kind_volunteers),
        RecordKind::Activity => t_string!(i18n, data.kind_activities),
        RecordKind::Shift => t_string!(i18n, data.kind_shifts),
        RecordKind::Assignment => t_string!(i18n, data.kind_assignments),
        RecordKind::HolidayYear => t_string!(i18n, data.kind_holiday_years),
        RecordKind::Erasure => t_string!(i18n, data.kind_erasures),
    }
    .to_string()
}

pub fn read_error(i18n: I18n, e: &ReadError) -> String {
    match e {
        ReadError::NotJson { line, column } => {
            t_string!(i18n, exchange.not_json, line = *line, column = *column).to_string()
        }
        ReadError::NotLinli => t_string!(i18n, exchange.not_linli).to_string(),
        ReadError::TooNew { version } => {
            t_string!(i18n, exchange.too_new, version = *version).to_string()
        }
        ReadError::TooLarge { limit_bytes } => {
            t_string!(i18n, exchange.too_large, mb = *limit_bytes / (1024 * 1024)).to_string()
        }
        ReadError::Malformed { path, .. } => match e.broken_place() {
            Some(place) if place.missing => t_string!(
                i18n,
                exchange.malformed_missing,
                kind = kind_name(i18n, place.kind),
                position = place.position + 1,
                field = place.field
            )
            .to_string(),
            Some(place) => t_string!(
                i18n,
                exchange.malformed_field,
                kind = kind_name(i18n, place.kind),
                position = place.position + 1,
                field = place.field
            )
            .to_string(),
            None if path.is_empty() => t_string!(i18n, exchange.malformed_somewhere).to_string(),
            None => t_string!(i18n, exchange.malformed, path = path.clone()).to_string(),
        },
        ReadError::Holidays(p) => arrangement_problem(i18n, p),
    }
}

/// Why a holiday arrangement file is refused, ending like every refusal:
/// nothing was changed.
pub fn arrangement_problem(i18n: I18n, p: &ArrangementProblem) -> String {
    let day = |d: &jiff::civil::Date| date_label(i18n, *d);
    match p {
        ArrangementProblem::Unreadable => t_string!(i18n, holiday.bad_unreadable).to_string(),
        ArrangementProblem::Year(year) => {
            t_string!(i18n, holiday.bad_year, year = *year).to_string()
        }
        ArrangementProblem::NoDays => t_string!(i18n, holiday.bad_no_days).to_string(),
        ArrangementProblem::TooManyDays => t_string!(i18n, holiday.bad_too_many).to_string(),
        ArrangementProblem::DateOutsideYear(d) => {
            t_string!(i18n, holiday.bad_outside, date = d.to_string()).to_string()
        }
        ArrangementProblem::DateTwice(d) => {
            t_string!(i18n, holiday.bad_twice, date = day(d)).to_string()
        }
        ArrangementProblem::Name(d) => t_string!(i18n, holiday.bad_name, date = day(d)).to_string(),
        ArrangementProblem::WorkdayNotWeekend(d) => {
            t_string!(i18n, holiday.bad_workday, date = day(d)).to_string()
        }
    }
}

pub fn problem(i18n: I18n, p: &ImportProblem) -> String {
    t_string!(
        i18n,
        exchange.problem,
        kind = kind_name(i18n, p.kind),
        position = p.position + 1,
        field = p.field,
        reason = problem_reason(i18n, p.reason)
    )
    .to_string()
}

/// Why a record was refused, on its own.
pub fn problem_reason(i18n: I18n, reason: ProblemReason) -> String {
    match reason {
        ProblemReason::DuplicateId => t_string!(i18n, exchange.reason_duplicate).to_string(),
        ProblemReason::Empty => t_string!(i18n, exchange.reason_empty).to_string(),
        ProblemReason::EndNotAfterStart => t_string!(i18n, exchange.reason_end).to_string(),
        ProblemReason::CapacityZero => t_string!(i18n, exchange.reason_capacity).to_string(),
        ProblemReason::HeadCount => t_string!(i18n, exchange.reason_head_count).to_string(),
        ProblemReason::TooLong { limit } => {
            t_string!(i18n, exchange.reason_too_long, limit = limit).to_string()
        }
        ProblemReason::OverlapsInFile => t_string!(i18n, exchange.reason_overlap).to_string(),
        ProblemReason::Holidays(p) => arrangement_problem(i18n, &p),
        ProblemReason::MissingReference(kind) => {
            t_string!(i18n, exchange.reason_missing, kind = kind_name(i18n, kind)).to_string()
        }
    }
}

pub fn conflict_text(i18n: I18n, c: &Conflict, names: &HashMap<Uuid, String>) -> String {
    match c {
        Conflict::Booking { mine, theirs } => {
            let time = format!(
                "{} {}",
                date_label(i18n, theirs.start.date()),
                time_range(i18n, theirs.start, theirs.end)
            );
            t_string!(
                i18n,
                exchange.conflict_booking,
                theirs = theirs.title.clone(),
                mine = mine.title.clone(),
                time = time
            )
            .to_string()
        }
        Conflict::Shifts {
            volunteer,
            mine,
            theirs,
        } => {
            let time = format!(
                "{} {}",
                date_label(i18n, theirs.1.start.date()),
                time_range(i18n, theirs.1.start, theirs.1.end)
            );
            t_string!(
                i18n,
                exchange.conflict_shift,
                name = names.get(volunteer).cloned().unwrap_or_default(),
                theirs = theirs.1.role.clone(),
                mine = mine.1.role.clone(),
                time = time
            )
            .to_string()
        }
    }
}
