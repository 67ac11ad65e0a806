//! The booking form as rules: typed text in, checked fields or problems
//! out; defaults for a new booking; what an edit keeps; the repeat.

mod common;

use common::*;
use jiff::Timestamp;
use linli::domain::booking_form::*;
use linli::domain::*;
use uuid::Uuid;

fn t() -> Timestamp {
    "2026-11-27T02:00:00Z".parse().expect("ts")
}

fn filled() -> BookingDraft {
    let mut d = BookingDraft::new(now(), &space(0).rules, None, Wanted::default());
    d.date = "2026-12-03".into();
    d.start = "19:00".into();
    d.end = "20:30".into();
    d.title = " 周四大家谈 ".into();
    d.organiser = "陈敏".into();
    d
}

#[test]
fn a_new_booking_starts_on_the_grid_an_hour_ahead_organised_by_me() {
    // 08:00 on a 30-minute grid: 09:00, an hour long (the shortest booking).
    let d = BookingDraft::new(now(), &space(0).rules, None, Wanted::default());
    assert_eq!(
        (d.date.as_str(), d.start.as_str(), d.end.as_str()),
        ("2026-11-27", "09:00", "10:00")
    );
    assert_eq!(d.attendees, "10");
    assert_eq!(d.repeat, RepeatKind::Once);
    // Late in the evening the suggestion stops at 20:00.
    let late = BookingDraft::new(
        at("2026-11-27T21:40"),
        &space(0).rules,
        None,
        Wanted::default(),
    );
    assert_eq!(late.start, "20:00");
    // "Find a free space" passes its time along, and "me" organises.
    let me = Volunteer {
        meta: Meta::new(Uuid::from_u128(9), t(), &device()),
        name: "王芳".into(),
        phone: "13812345678".into(),
        room: "3号楼 502".into(),
        teams: vec![],
        skills: vec![],
        notes: String::new(),
        active: true,
        joined_on: "2026-01-01".parse().expect("date"),
        consent: None,
        walk_in: false,
    };
    let wanted = Wanted {
        date: Some("2026-12-03".into()),
        start: Some("14:00".into()),
        end: Some(String::new()),
        people: Some("12".into()),
    };
    let d = BookingDraft::new(now(), &space(0).rules, Some(&me), wanted);
    assert_eq!(
        (d.date.as_str(), d.start.as_str(), d.end.as_str()),
        ("2026-12-03", "14:00", "10:00")
    );
    assert_eq!(
        (d.organiser.as_str(), d.phone.as_str(), d.attendees.as_str()),
        ("王芳", "13812345678", "12")
    );
}

#[test]
fn each_problem_is_named_with_its_field() {
    let mut d = filled();
    d.title = "  ".into();
    d.organiser.clear();
    d.attendees = "0".into();
    d.start = "7pm".into();
    let problems = read_booking_draft(&d).expect_err("problems");
    assert_eq!(
        problems,
        vec![
            (BookingField::Times, BookingProblem::TimeUnreadable),
            (BookingField::Title, BookingProblem::Required),
            (BookingField::Organiser, BookingProblem::Required),
            (BookingField::Attendees, BookingProblem::NumberUnreadable),
        ]
    );
    let fields = read_booking_draft(&filled()).expect("fields");
    assert_eq!(fields.title, "周四大家谈");
    assert_eq!(
        (fields.start, fields.end),
        (at("2026-12-03T19:00"), at("2026-12-03T20:30"))
    );
}

#[test]
fn a_new_booking_waits_for_approval_where_the_space_asks_and_an_edit_keeps_its_history() {
    let fields = read_booking_draft(&filled()).expect("fields");
    let mut hall = space(0);
    hall.rules.needs_approval = true;
    let made = fields
        .clone()
        .new_booking(&hall, Uuid::from_u128(50), t(), &device());
    assert_eq!(
        (made.status, made.space_id),
        (BookingStatus::Requested, hall.meta.id)
    );
    assert_eq!(
        fields
            .clone()
            .new_booking(&space(0), Uuid::from_u128(51), t(), &device())
            .status,
        BookingStatus::Confirmed
    );

    let mut old = booking(7, "2026-12-03T09:00", "2026-12-03T10:00");
    old.series_id = Some(Uuid::from_u128(70));
    old.notes = "钥匙在门卫".into();
    let edited = fields.apply_to(old.clone(), t(), &device());
    assert_eq!(edited.meta.id, old.meta.id);
    assert!(edited.meta.updated_at > old.meta.updated_at);
    assert_eq!(
        (edited.series_id, edited.status, &edited.notes),
        (old.series_id, old.status, &old.notes)
    );
    assert_eq!(edited.title, "周四大家谈");
    // Its form shows what it holds.
    let again = BookingDraft::of(&edited);
    assert_eq!(
        (again.start.as_str(), again.end.as_str()),
        ("19:00", "20:30")
    );
}

#[test]
fn a_weekly_series_follows_the_date_until_weekdays_are_picked() {
    let mut d = filled();
    assert_eq!(RepeatKind::from_key("weekly"), Some(RepeatKind::Weekly));
    assert_eq!(RepeatKind::from_key("yearly"), None);
    d.repeat = RepeatKind::Weekly;
    d.follow_date();
    assert_eq!(d.weekdays, vec![4], "Thursday 3 December");
    d.date = "2026-12-05".into();
    d.follow_date();
    assert_eq!(d.weekdays, vec![6]);
    d.pick_weekday(1, true);
    d.date = "2026-12-03".into();
    d.follow_date();
    assert_eq!(
        d.weekdays,
        vec![6, 1],
        "picked by hand: the date no longer moves them"
    );
    let first: jiff::civil::Date = "2026-12-03".parse().expect("date");
    let series = read_repeat(&d, first).expect("reads").expect("a series");
    assert_eq!(series.dates().len(), 4);
    d.count = "many".into();
    assert_eq!(
        read_repeat(&d, first),
        Err(BookingProblem::RepeatUnreadable)
    );
    d.until = "2026-12-31".into();
    assert!(read_repeat(&d, first).expect("until a date").is_some());
    d.weekdays.clear();
    assert_eq!(
        read_repeat(&d, first),
        Err(BookingProblem::RepeatUnreadable)
    );
    d.repeat = RepeatKind::Once;
    assert_eq!(read_repeat(&d, first), Ok(None));
    d.repeat = RepeatKind::MonthlyByWeekday;
    d.nth = "-1".into();
    assert!(matches!(
        read_repeat(&d, first),
        Ok(Some(Recurrence {
            repeat: Repeat::MonthlyByWeekday {
                nth: -1,
                weekday: 4
            },
            ..
        }))
    ));
}
