//! A year's holiday arrangement loaded from a file: what it marks, which
//! saved occurrences it lists for review, and how it travels in a backup.

use jiff::civil::date;
use jiff::Timestamp;
use linli::domain::holidays::{holiday_year_id, ArrangementProblem, HolidayYear};
use linli::domain::*;
use linli::exchange::holidays::{affected, read_incoming, AffectedLink, Incoming};
use linli::exchange::{validate, ExchangeDocument, ProblemReason, ReadError};
use uuid::Uuid;

mod common;
use common::*;

fn test_year() -> HolidayArrangement {
    let text = std::fs::read("tests/fixtures/exchange/holidays-test-year.json").expect("fixture");
    match read_incoming(&text) {
        Ok(Incoming::Holidays(a)) => a,
        other => panic!("not an arrangement: {other:?}"),
    }
}

fn ts() -> Timestamp {
    "2026-12-02T01:00:00Z".parse().expect("ts")
}

fn shift(id: u128, start: &str) -> Shift {
    Shift {
        meta: Meta::new(Uuid::from_u128(id), ts(), &device()),
        activity_id: Uuid::from_u128(500),
        role: "巡逻".into(),
        start: at(start),
        end: at(start).plus_minutes(60),
        needed_min: 1,
        needed_max: 2,
        place: String::new(),
        notes: String::new(),
        required_skill: None,
        served: None,
    }
}

#[test]
fn loading_a_year_lists_the_saved_series_occurrences_and_shifts_on_dates_it_changes() {
    let year = test_year();
    let series = Some(Uuid::from_u128(77));
    let on_new_years_day = Booking {
        series_id: series,
        ..booking(1, "2027-01-01T19:00", "2027-01-01T20:00")
    };
    let ordinary_friday = Booking {
        series_id: series,
        ..booking(2, "2027-01-08T19:00", "2027-01-08T20:00")
    };
    // Booked once, by hand, for the holiday itself: not a series date.
    let one_off = booking(3, "2027-01-01T09:00", "2027-01-01T10:00");
    let mut cancelled = Booking {
        series_id: series,
        ..booking(4, "2027-01-02T19:00", "2027-01-02T20:00")
    };
    cancelled.status = BookingStatus::Cancelled;
    let local = Community {
        bookings: vec![on_new_years_day, ordinary_friday, one_off, cancelled],
        shifts: vec![
            shift(10, "2027-02-20T19:00"), // the make-up Saturday
            shift(11, "2027-02-10T19:00"), // Spring Festival
            shift(12, "2027-03-10T19:00"), // an ordinary Wednesday
            shift(13, "2026-12-01T19:00"), // past
        ],
        ..Community::default()
    };
    let before = HolidayCalendar::shipped();
    let (after, replaces, list) = affected(&year, &before, &local, date(2026, 12, 2));
    assert!(!replaces, "2027 is not shipped");
    assert_eq!(after.holiday(date(2027, 1, 1)), Some("元旦"));
    assert!(after.is_workday(date(2027, 2, 20)));
    let links: Vec<AffectedLink> = list.iter().map(|a| a.link).collect();
    assert_eq!(
        links,
        [
            AffectedLink::Booking(Uuid::from_u128(1)),
            AffectedLink::Shift(Uuid::from_u128(11)),
            AffectedLink::Shift(Uuid::from_u128(10)),
        ]
    );
    // The same year again changes nothing, so lists nothing.
    let (_, again, none) = affected(&year, &after, &local, date(2026, 12, 2));
    assert!(again);
    assert!(none.is_empty());
}

#[test]
fn a_file_that_is_neither_linli_nor_an_arrangement_is_not_linli() {
    assert_eq!(
        read_incoming(br#"{"year": 2027}"#),
        Err(ReadError::NotLinli)
    );
    assert_eq!(read_incoming(br#"[1, 2]"#), Err(ReadError::NotLinli));
    assert_eq!(
        read_incoming(br#"{"year": 1850, "days": []}"#),
        Err(ReadError::Holidays(ArrangementProblem::Year(1850)))
    );
    assert_eq!(
        read_incoming(br#"{"year": 2027, "days": []}"#),
        Err(ReadError::Holidays(ArrangementProblem::NoDays))
    );
}

#[test]
fn a_loaded_year_travels_in_a_backup_and_a_bad_one_in_a_file_is_a_problem() {
    let record = HolidayYear::new(test_year(), ts(), &device());
    assert_eq!(record.meta.id, holiday_year_id(2027));
    let community = Community {
        holiday_years: vec![record.clone()],
        ..Community::default()
    };
    let file = ExchangeDocument::new(
        community,
        linli::exchange::Covers::Everything,
        ts(),
        &device(),
    );
    let text = file.to_json();
    let read = match read_incoming(text.as_bytes()) {
        Ok(Incoming::Exchange(d)) => *d,
        other => panic!("a backup reads as one: {other:?}"),
    };
    assert_eq!(read.records.holiday_years, vec![record.clone()]);
    assert!(validate(&read.records, &Community::default()).is_empty());
    // A file from before arrangements travelled has no such section.
    let old = text.replace(",\"holiday_years\":[", ",\"ignored\":[");
    let read = match read_incoming(old.as_bytes()) {
        Ok(Incoming::Exchange(d)) => *d,
        other => panic!("{other:?}"),
    };
    assert!(read.records.holiday_years.is_empty());

    let mut bad = record;
    bad.arrangement.days[11].date = date(2027, 2, 17); // a Wednesday "worked"
    let problems = validate(
        &Community {
            holiday_years: vec![bad],
            ..Community::default()
        },
        &Community::default(),
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].reason,
        ProblemReason::Holidays(ArrangementProblem::WorkdayNotWeekend(date(2027, 2, 17)))
    );
}
