//! The benchmark's big community: the sizes asked for, valid, and the same
//! for the same seed.

use jiff::Timestamp;
use linli::domain::big_community::{big_community, Size};
use linli::domain::*;
use linli::exchange::validate;
use std::collections::HashMap;

fn make(seed: u64, size: Size) -> Community {
    let now: Timestamp = "2026-11-27T02:00:00Z".parse().expect("timestamp");
    big_community(
        seed,
        size,
        now,
        CommunityZone::Shanghai,
        &DeviceId("bench".into()),
    )
}

fn nobody_in_two_shifts_at_once(c: &Community) -> bool {
    let shifts: HashMap<_, _> = c.shifts.iter().map(|s| (s.meta.id, s)).collect();
    let mut by_volunteer: HashMap<_, Vec<&Shift>> = HashMap::new();
    for a in &c.assignments {
        by_volunteer
            .entry(a.volunteer_id)
            .or_default()
            .push(shifts[&a.shift_id]);
    }
    by_volunteer.values_mut().all(|list| {
        list.sort_by_key(|s| s.start);
        list.windows(2).all(|w| !shifts_overlap(w[0], w[1]))
    })
}

#[test]
fn the_big_community_has_the_sizes_of_two_busy_years() {
    let c = make(7, Size::BIG);
    assert_eq!(
        [
            c.spaces.len(),
            c.bookings.len(),
            c.volunteers.len(),
            c.activities.len(),
            c.shifts.len(),
            c.assignments.len()
        ],
        [50, 20_000, 3_000, 500, 5_000, 30_000]
    );
    let in_series = c.bookings.iter().filter(|b| b.series_id.is_some()).count();
    assert!(in_series >= 9_000, "{in_series} bookings in series");
    let checked_in = c
        .assignments
        .iter()
        .filter(|a| a.check_in.is_some())
        .count();
    assert!(checked_in > 10_000, "{checked_in} check-ins");
    assert!(find_collisions(&c.bookings, |_| 0).is_empty());
    assert!(nobody_in_two_shifts_at_once(&c));
    let span = c
        .bookings
        .iter()
        .map(|b| b.start.date())
        .max()
        .zip(c.bookings.iter().map(|b| b.start.date()).min());
    let (last, first) = span.expect("bookings");
    assert!((last - first).get_days() > 700, "two years of bookings");
}

#[test]
fn smaller_sizes_import_into_an_empty_phone_without_a_problem() {
    for size in [Size::SMALL, Size::MEDIUM, Size::ROSTER] {
        let c = make(3, size);
        assert_eq!(validate(&c, &Community::default()), vec![]);
        assert!(find_collisions(&c.bookings, |_| 0).is_empty());
        assert!(nobody_in_two_shifts_at_once(&c));
        assert_eq!(c.shifts.len(), size.activities * size.shifts_per_activity);
        assert_eq!(c.assignments.len(), c.shifts.len() * size.people_per_shift);
    }
}

#[test]
fn the_roster_size_is_one_activity_of_forty_volunteers_in_about_110_records() {
    let c = make(7, Size::ROSTER);
    assert_eq!(c.activities.len(), 1);
    assert_eq!(c.volunteers.len(), 40);
    assert!(c.spaces.is_empty() && c.bookings.is_empty());
    let everyone_serves = c
        .volunteers
        .iter()
        .all(|v| c.assignments.iter().any(|a| a.volunteer_id == v.meta.id));
    assert!(everyone_serves, "the roster carries all 40");
    let records = 1 + c.shifts.len() + c.volunteers.len() + c.assignments.len();
    assert_eq!(records, 111);
}

#[test]
fn the_same_seed_gives_the_same_community_and_another_seed_another() {
    assert_eq!(make(11, Size::SMALL), make(11, Size::SMALL));
    assert_ne!(make(11, Size::SMALL), make(12, Size::SMALL));
}
