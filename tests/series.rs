//! "This one", "this and following", "the whole series": which occurrences
//! a change touches and what it does to them; and who "me" is.

use jiff::Timestamp;
use linli::domain::series::{cancel_occurrences, edit_occurrences, occurrences_in_scope};
use linli::domain::*;
use uuid::Uuid;

mod common;
use common::*;

/// 周四大家谈: four Thursdays 19:00–20:30 from 26 November; the first
/// already happened, the third was cancelled on its own.
fn thursdays() -> Vec<Booking> {
    let series = Some(Uuid::from_u128(99));
    ["2026-11-26", "2026-12-03", "2026-12-10", "2026-12-17"]
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let mut b = booking(
                10 + i as u128,
                &format!("{day}T19:00"),
                &format!("{day}T20:30"),
            );
            b.title = "周四大家谈".into();
            b.series_id = series;
            if i == 2 {
                b.cancel("", "", ts(), &device());
            }
            b
        })
        .collect()
}

fn ts() -> Timestamp {
    "2026-11-27T01:00:00Z".parse().expect("ts")
}

fn starts(list: &[Booking]) -> Vec<String> {
    list.iter().map(|b| b.start.to_string()).collect()
}

#[test]
fn scopes_pick_the_live_future_occurrences() {
    let all = thursdays();
    let second = &all[1];
    let one = occurrences_in_scope(second, &all, SeriesScope::ThisOne, now());
    assert_eq!(starts(&one), ["2026-12-03T19:00"]);
    let following = occurrences_in_scope(second, &all, SeriesScope::ThisAndFollowing, now());
    // The cancelled 10 December stays cancelled; the past 26 November stays as it was.
    assert_eq!(starts(&following), ["2026-12-03T19:00", "2026-12-17T19:00"]);
    let last = &all[3];
    let whole = occurrences_in_scope(last, &all, SeriesScope::WholeSeries, now());
    assert_eq!(starts(&whole), ["2026-12-03T19:00", "2026-12-17T19:00"]);
    // A booking outside any series is only ever itself.
    let single = booking(1, "2026-12-01T10:00", "2026-12-01T11:00");
    let alone = occurrences_in_scope(&single, &all, SeriesScope::WholeSeries, now());
    assert_eq!(starts(&alone), ["2026-12-01T10:00"]);
}

#[test]
fn editing_following_moves_each_by_the_same_days_and_keeps_ids() {
    let all = thursdays();
    let original = all[1].clone();
    let mut edited = original.clone();
    // Friday instead of Thursday, 18:30–20:30, new title.
    edited.start = at("2026-12-04T18:30");
    edited.end = at("2026-12-04T20:30");
    edited.title = "周五大家谈".into();
    let changed = edit_occurrences(
        &original,
        &edited,
        &all,
        SeriesScope::ThisAndFollowing,
        now(),
        ts(),
        &DeviceId("other".into()),
    );
    assert_eq!(starts(&changed), ["2026-12-04T18:30", "2026-12-18T18:30"]);
    assert!(changed.iter().all(|b| b.end.minutes_until(b.start) == -120));
    assert!(changed.iter().all(|b| b.title == "周五大家谈"));
    assert_eq!(changed[1].meta.id, all[3].meta.id);
    assert!(changed.iter().all(|b| b.meta.device_id.0 == "other"));
    assert!(changed.iter().all(|b| b.series_id == all[0].series_id));
}

#[test]
fn editing_one_occurrence_leaves_the_others_alone() {
    let all = thursdays();
    let mut edited = all[3].clone();
    edited.expected_attendees = 30;
    let changed = edit_occurrences(
        &all[3],
        &edited,
        &all,
        SeriesScope::ThisOne,
        now(),
        ts(),
        &device(),
    );
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].meta.id, all[3].meta.id);
    assert_eq!(changed[0].expected_attendees, 30);
}

#[test]
fn cancelling_the_whole_series_records_why_and_skips_the_past() {
    let all = thursdays();
    let why = StatusChange {
        by: "陈敏".into(),
        reason: "场地维修".into(),
        device: Some(device()),
        no_show: false,
    };
    let cancelled = cancel_occurrences(
        &all[1],
        &all,
        SeriesScope::WholeSeries,
        &why,
        now(),
        ts(),
        &device(),
    );
    assert_eq!(starts(&cancelled), ["2026-12-03T19:00", "2026-12-17T19:00"]);
    assert!(cancelled
        .iter()
        .all(|b| b.status == BookingStatus::Cancelled && b.status_change.as_ref() == Some(&why)));
}

#[test]
fn scope_keys_round_trip() {
    for scope in SeriesScope::ALL {
        assert_eq!(SeriesScope::from_key(scope.key()), Some(scope));
    }
    assert_eq!(SeriesScope::from_key("some"), None);
}

fn volunteer(name: &str, phone: &str) -> Volunteer {
    Volunteer {
        meta: Meta::new(Uuid::from_u128(7), ts(), &device()),
        name: name.into(),
        phone: phone.into(),
        room: "3号楼 502".into(),
        teams: vec![],
        skills: vec![],
        notes: String::new(),
        active: true,
        joined_on: jiff::civil::date(2025, 3, 1),
        consent: None,
        walk_in: false,
    }
}

#[test]
fn an_organiser_is_me_by_phone_or_else_by_name() {
    let me = volunteer("陈敏", "138 1234 5678");
    let mine = Organiser::from_volunteer(&me);
    assert!(mine.is(&me));
    let same_phone = Organiser {
        name: "陈老师".into(),
        phone: "13812345678".into(),
        room: String::new(),
        sealed: String::new(),
    };
    assert!(same_phone.is(&me));
    let namesake = Organiser {
        name: "陈敏".into(),
        phone: "13900000000".into(),
        room: String::new(),
        sealed: String::new(),
    };
    assert!(!namesake.is(&me));
    let no_phone = Organiser {
        name: " 陈敏 ".into(),
        ..Organiser::default()
    };
    assert!(no_phone.is(&me));
    assert!(!Organiser::default().is(&volunteer("", "")));
}
