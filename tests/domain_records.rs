//! Records, their file-format field names, and the booking/shift rules.

use jiff::Timestamp;
use linli::domain::*;
use serde_json::json;
use uuid::Uuid;

fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

fn at(s: &str) -> LocalDateTime {
    s.parse().expect("test time")
}

fn meta(id: u128) -> Meta {
    Meta::new(
        Uuid::from_u128(id),
        ts("2026-11-01T00:00:00Z"),
        &DeviceId("phone-a".into()),
    )
}

fn booking(id: u128, space: u128, start: &str, end: &str) -> Booking {
    Booking {
        meta: meta(id),
        space_id: Uuid::from_u128(space),
        title: "周四大家谈".into(),
        purpose: String::new(),
        organiser: Organiser {
            name: "陈敏".into(),
            phone: "13800001234".into(),
            room: "3号楼 101".into(),
            sealed: String::new(),
        },
        start: at(start),
        end: at(end),
        expected_attendees: 20,
        status: BookingStatus::Confirmed,
        series_id: None,
        check_in: None,
        notes: String::new(),
        status_change: None,
        requested_by: None,
        moved_in_at: None,
    }
}

#[test]
fn booking_serialises_with_stable_field_names() {
    let b = booking(1, 2, "2026-11-26T19:00", "2026-11-26T20:30");
    let value = serde_json::to_value(&b).expect("serialise");
    assert_eq!(value["id"], json!("00000000-0000-0000-0000-000000000001"));
    assert_eq!(
        value["space_id"],
        json!("00000000-0000-0000-0000-000000000002")
    );
    assert_eq!(value["start"], json!("2026-11-26T19:00"));
    assert_eq!(value["end"], json!("2026-11-26T20:30"));
    assert_eq!(value["status"], json!("confirmed"));
    assert_eq!(value["created_at"], json!("2026-11-01T00:00:00Z"));
    assert_eq!(value["device_id"], json!("phone-a"));
    assert_eq!(value["deleted"], json!(false));
    assert_eq!(value["organiser"]["room"], json!("3号楼 101"));
}

#[test]
fn every_record_kind_round_trips_through_json() {
    let community = demo::demo_community(
        ts("2026-11-27T02:00:00Z"),
        CommunityZone::Shanghai,
        &DeviceId("d".into()),
        7,
    );
    let text = serde_json::to_string(&community).expect("serialise");
    let back: Community = serde_json::from_str(&text).expect("deserialise");
    assert_eq!(back, community);
    for kind in RecordKind::ALL {
        assert!(text.contains(kind.plural()), "{kind:?} section present");
    }
}

#[test]
fn impossible_times_are_refused_when_reading() {
    for bad in [
        "2026-02-30T10:00",
        "2026-11-27T25:00",
        "2026-11-27 10:00",
        "2026-11-27T10:00:00",
        "yesterday",
    ] {
        assert!(
            bad.parse::<LocalDateTime>().is_err(),
            "{bad} must be refused"
        );
        let json = format!("\"{bad}\"");
        assert!(serde_json::from_str::<LocalDateTime>(&json).is_err());
    }
    assert!("24:00".parse::<ClockTime>().is_err());
    assert!("9:00".parse::<ClockTime>().is_err());
    assert_eq!(
        "09:05".parse::<ClockTime>().map(|c| c.minute_of_day()),
        Ok(545)
    );
}

#[test]
fn wall_clock_text_order_is_time_order_across_a_month_boundary() {
    let a = at("2026-11-30T23:30");
    let b = a.plus_minutes(45);
    assert_eq!(b.to_string(), "2026-12-01T00:15");
    assert!(a.to_string() < b.to_string());
    assert_eq!(a.minutes_until(b), 45);
    assert_eq!(
        at("2026-12-31T23:00").plus_minutes(120).to_string(),
        "2027-01-01T01:00"
    );
}

#[test]
fn shanghai_wall_clock_maps_to_utc_eight_hours_behind() {
    let zone = CommunityZone::Shanghai;
    let local = zone.local(ts("2026-11-30T16:30:00Z"));
    assert_eq!(local.to_string(), "2026-12-01T00:30");
    assert_eq!(
        local.to_timestamp(&zone.time_zone()),
        Some(ts("2026-11-30T16:30:00Z"))
    );
}

#[test]
fn bookings_of_one_space_collide_only_when_they_overlap_with_buffer() {
    let a = booking(1, 9, "2026-11-26T19:00", "2026-11-26T20:30");
    let touching = booking(2, 9, "2026-11-26T20:30", "2026-11-26T21:00");
    assert!(
        !bookings_collide(&touching, &a, 0),
        "back to back is fine without a buffer"
    );
    assert!(
        bookings_collide(&touching, &a, 15),
        "the 15-minute buffer keeps 20:30-20:45 free"
    );
    let other_space = booking(3, 8, "2026-11-26T19:30", "2026-11-26T20:00");
    assert!(!bookings_collide(&other_space, &a, 15));
    let mut cancelled = booking(4, 9, "2026-11-26T19:30", "2026-11-26T20:00");
    cancelled.status = BookingStatus::Cancelled;
    assert!(
        !bookings_collide(&cancelled, &a, 0),
        "cancelled bookings free their slot"
    );
    let mut requested = booking(5, 9, "2026-11-26T19:30", "2026-11-26T20:00");
    requested.status = BookingStatus::Requested;
    assert!(
        bookings_collide(&requested, &a, 0),
        "requests hold their slot"
    );
    assert!(
        !bookings_collide(&a, &a, 0),
        "a booking never collides with itself"
    );
}

#[test]
fn find_collisions_reports_each_overlapping_pair_once() {
    let list = vec![
        booking(1, 9, "2026-11-26T19:00", "2026-11-26T20:30"),
        booking(2, 9, "2026-11-26T20:00", "2026-11-26T21:00"),
        booking(3, 9, "2026-11-26T21:00", "2026-11-26T22:00"),
        booking(4, 8, "2026-11-26T19:00", "2026-11-26T22:00"),
    ];
    let pairs = find_collisions(&list, |_| 0);
    let ids: Vec<(u128, u128)> = pairs
        .iter()
        .map(|(a, b)| (a.meta.id.as_u128(), b.meta.id.as_u128()))
        .collect();
    assert_eq!(ids, vec![(1, 2)]);
    let with_buffer = find_collisions(&list, |_| 10);
    assert_eq!(
        with_buffer.len(),
        2,
        "a 10-minute buffer also separates 2 and 3"
    );
}

#[test]
fn opening_hours_allow_only_bookings_inside_one_period() {
    let space = Space {
        meta: meta(1),
        name: "青年夜校教室".into(),
        kind: SpaceKind::Classroom,
        location: String::new(),
        capacity: 30,
        opening_hours: vec![
            OpeningPeriod {
                weekday: 6,
                opens: "09:00".parse().unwrap(),
                closes: "12:00".parse().unwrap(),
            },
            OpeningPeriod {
                weekday: 6,
                opens: "14:00".parse().unwrap(),
                closes: "17:00".parse().unwrap(),
            },
        ],
        rules: BookingRules::default(),
        amenities: vec![],
        notes: String::new(),
        active: true,
    };
    let iv = |s: &str, e: &str| Interval::new(at(s), at(e)).expect("interval");
    // 2026-11-28 is a Saturday.
    assert!(space.is_open_for(iv("2026-11-28T09:00", "2026-11-28T12:00")));
    assert!(space.is_open_for(iv("2026-11-28T14:30", "2026-11-28T16:00")));
    assert!(
        !space.is_open_for(iv("2026-11-28T11:00", "2026-11-28T15:00")),
        "spans the lunch closure"
    );
    assert!(
        !space.is_open_for(iv("2026-11-27T14:30", "2026-11-27T16:00")),
        "closed on Friday"
    );
}

#[test]
fn tombstones_and_later_edits_win_merges() {
    let device_a = DeviceId("a".into());
    let device_b = DeviceId("b".into());
    let mut older = meta(1);
    let mut newer = older.clone();
    newer.touch(ts("2026-11-02T00:00:00Z"), &device_b);
    assert!(newer.wins_over(&older));
    assert!(!older.wins_over(&newer));
    // Same instant: the device id breaks the tie, the same way on every phone.
    let mut tie_a = older.clone();
    tie_a.touch(ts("2026-11-03T00:00:00Z"), &device_a);
    let mut tie_b = older.clone();
    tie_b.touch(ts("2026-11-03T00:00:00Z"), &device_b);
    assert!(tie_b.wins_over(&tie_a) && !tie_a.wins_over(&tie_b));
    // A phone whose clock is behind still moves the record forward.
    let before = older.updated_at;
    older.tombstone(ts("2020-01-01T00:00:00Z"), &device_a);
    assert!(older.deleted && older.updated_at > before);
}

#[test]
fn phone_numbers_are_masked_in_lists() {
    assert_eq!(masked_phone("13812345678"), "138****5678");
    assert_eq!(masked_phone("110"), "110");
}

#[test]
fn items_group_into_calendar_days_in_order() {
    let times = [
        "2026-11-30T09:00",
        "2026-11-30T19:00",
        "2026-12-01T08:00",
        "2026-12-03T10:00",
    ];
    let days = linli::domain::time::group_by_day(times.iter().map(|t| at(t)), |t| t.date());
    let shape: Vec<(String, usize)> = days.iter().map(|(d, v)| (d.to_string(), v.len())).collect();
    assert_eq!(
        shape,
        vec![
            ("2026-11-30".to_string(), 2),
            ("2026-12-01".to_string(), 1),
            ("2026-12-03".to_string(), 1)
        ]
    );
}
