//! Shared fixtures of the domain tests: a space like 安家院儿 and bookings
//! in it, at fixed times.

#![allow(dead_code)]

use linli::domain::*;
use uuid::Uuid;

pub fn at(s: &str) -> LocalDateTime {
    s.parse().expect("test time")
}

pub fn clock(s: &str) -> ClockTime {
    s.parse().expect("test clock")
}

pub fn device() -> DeviceId {
    DeviceId("phone".into())
}

/// 安家院儿-like: open 08:00–21:00 every day except Sunday, 30-min grid.
pub fn space(buffer: u16) -> Space {
    let opening_hours = (1..=6)
        .map(|weekday| OpeningPeriod {
            weekday,
            opens: clock("08:00"),
            closes: clock("21:00"),
        })
        .collect();
    Space {
        meta: Meta::new(
            Uuid::from_u128(1),
            "2026-01-01T00:00:00Z".parse().expect("ts"),
            &device(),
        ),
        name: "安家院儿".into(),
        kind: SpaceKind::CommonRoom,
        location: String::new(),
        capacity: 40,
        opening_hours,
        rules: BookingRules {
            slot_minutes: 30,
            min_minutes: 60,
            max_minutes: 240,
            advance_days: 30,
            buffer_minutes: buffer,
            needs_approval: false,
        },
        amenities: vec![],
        notes: String::new(),
        active: true,
    }
}

pub fn booking(id: u128, start: &str, end: &str) -> Booking {
    Booking {
        meta: Meta::new(
            Uuid::from_u128(id),
            "2026-11-01T00:00:00Z".parse().expect("ts"),
            &device(),
        ),
        space_id: Uuid::from_u128(1),
        title: format!("booking {id}"),
        purpose: String::new(),
        organiser: Organiser {
            name: "陈敏".into(),
            ..Organiser::default()
        },
        start: at(start),
        end: at(end),
        expected_attendees: 10,
        status: BookingStatus::Confirmed,
        series_id: None,
        check_in: None,
        notes: String::new(),
        status_change: None,
        requested_by: None,
        moved_in_at: None,
    }
}

/// "Now" for these tests: Friday 27 November 2026, 08:00.
pub fn now() -> LocalDateTime {
    at("2026-11-27T08:00")
}
