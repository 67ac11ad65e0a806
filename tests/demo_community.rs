//! The demo community keeps the rules users rely on, whatever day it is built.

use jiff::Timestamp;
use linli::domain::demo::{self, demo_community};
use linli::domain::*;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn build(now: &str, seed: u64) -> (Community, LocalDateTime) {
    let now: Timestamp = now.parse().expect("timestamp");
    let zone = CommunityZone::Shanghai;
    (
        demo_community(now, zone, &DeviceId("demo".into()), seed),
        zone.local(now),
    )
}

fn check_invariants(c: &Community, today: jiff::civil::Date) {
    let spaces: HashMap<_, _> = c.spaces.iter().map(|s| (s.meta.id, s)).collect();
    // No two live bookings of one space overlap, buffer included.
    let collisions = find_collisions(&c.bookings, |id| {
        spaces.get(&id).map_or(0, |s| s.rules.buffer_minutes)
    });
    assert!(
        collisions.is_empty(),
        "overlapping bookings: {collisions:?}"
    );
    for b in &c.bookings {
        let space = spaces
            .get(&b.space_id)
            .expect("booking points at a real space");
        let interval = b.interval().expect("booking ends after it starts");
        assert!(
            space.is_open_for(interval),
            "{} at {} is inside opening hours of {}",
            b.title,
            b.start,
            space.name
        );
    }
    // Every assignment points at a real shift and volunteer; nobody is in two overlapping shifts.
    let shifts: HashMap<_, _> = c.shifts.iter().map(|s| (s.meta.id, s)).collect();
    let volunteers: HashSet<_> = c.volunteers.iter().map(|v| v.meta.id).collect();
    let mut held: HashMap<_, Vec<&Shift>> = HashMap::new();
    for a in &c.assignments {
        let shift = shifts
            .get(&a.shift_id)
            .expect("assignment points at a real shift");
        assert!(
            volunteers.contains(&a.volunteer_id),
            "assignment points at a real volunteer"
        );
        if a.counts_toward_coverage() {
            let mine = held.entry(a.volunteer_id).or_default();
            assert!(
                mine.iter().all(|other| !shifts_overlap(other, shift)),
                "volunteer in two overlapping shifts"
            );
            mine.push(shift);
        }
    }
    for s in &c.shifts {
        let cov = coverage(s, &c.assignments);
        assert!(
            cov.filled <= s.needed_max,
            "shift {} over its maximum",
            s.role
        );
        assert!(
            c.activities.iter().any(|a| a.meta.id == s.activity_id),
            "shift points at a real activity"
        );
    }
    // Every id is unique across the whole community.
    let ids: Vec<_> = c
        .clone()
        .into_records()
        .iter()
        .map(|r| r.meta().id)
        .collect();
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "ids are unique");
    // The Today tab is never empty on a demo.
    assert!(
        c.bookings.iter().any(|b| b.start.date() == today),
        "bookings today"
    );
    assert!(
        c.shifts.iter().any(|s| s.start.date() == today),
        "shifts today"
    );
}

#[test]
fn demo_has_the_spaces_teams_and_meetings_of_the_reports() {
    let (c, now) = build("2026-11-27T02:00:00Z", 1);
    let names: Vec<&str> = c.spaces.iter().map(|s| s.name.as_str()).collect();
    for name in [
        "安家院儿",
        "红色议事厅",
        "自习室",
        "健身房",
        "书吧",
        "青年夜校教室",
        "共享工具屋",
        "篮球场",
    ] {
        assert!(names.contains(&name), "space {name}");
    }
    assert!(
        c.volunteers.len() >= 35 && c.volunteers.len() <= 45,
        "about 40 volunteers"
    );
    for team in [
        demo::TEAM_PATROL,
        demo::TEAM_ANJIA,
        demo::TEAM_PARTY,
        demo::TEAM_YOUTH,
    ] {
        assert!(
            c.volunteers
                .iter()
                .any(|v| v.teams.iter().any(|t| t == team)),
            "team {team}"
        );
    }
    let squad = c
        .volunteers
        .iter()
        .filter(|v| v.teams.iter().any(|t| t == demo::TEAM_PATROL))
        .count();
    assert_eq!(squad, 12, "the 12-person patrol squad");
    let thursdays: Vec<_> = c
        .bookings
        .iter()
        .filter(|b| b.title == "周四大家谈")
        .collect();
    assert!(thursdays.len() >= 4, "weekly Thursday talk over a month");
    assert!(thursdays
        .iter()
        .all(|b| b.start.weekday() == jiff::civil::Weekday::Thursday));
    assert!(thursdays
        .windows(2)
        .all(|w| w[0].series_id == w[1].series_id && w[0].series_id.is_some()));
    let joint: Vec<_> = c
        .bookings
        .iter()
        .filter(|b| b.title == "联席会议")
        .collect();
    assert!(
        !joint.is_empty() && joint.iter().all(|b| b.start.date().day() <= 7),
        "first-Monday joint meeting"
    );
    let festival = c
        .activities
        .iter()
        .find(|a| a.title == "美食节")
        .expect("food festival");
    let festival_shifts = c
        .shifts
        .iter()
        .filter(|s| s.activity_id == festival.meta.id)
        .count();
    assert!(festival_shifts >= 5, "festival helper shifts");
    let patrol = c
        .activities
        .iter()
        .find(|a| a.title == "非机动车巡逻")
        .expect("patrols");
    let today = now.date();
    let patrols_today = c
        .shifts
        .iter()
        .filter(|s| s.activity_id == patrol.meta.id && s.start.date() == today)
        .count();
    assert_eq!(patrols_today, 6, "six e-bike patrols a day");
    // Bookings span about a month around today.
    let first = c.bookings.iter().map(|b| b.start).min().expect("bookings");
    let last = c.bookings.iter().map(|b| b.start).max().expect("bookings");
    assert!(first.date() < today && last.date() > today);
    assert!(first.minutes_until(last) >= 25 * 24 * 60);
    assert!(
        c.bookings
            .iter()
            .any(|b| b.status == BookingStatus::Requested),
        "some bookings await approval"
    );
    assert!(
        c.bookings.iter().any(|b| b.check_in.is_some()),
        "past bookings were checked in"
    );
    check_invariants(&c, today);
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let (a, _) = build("2026-11-27T02:00:00Z", 42);
    let (b, _) = build("2026-11-27T02:00:00Z", 42);
    assert_eq!(a, b);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any day of the year (month ends, year ends, leap days) and any seed.
    #[test]
    fn demo_keeps_invariants_on_any_day(day in 0i64..(366 * 3), minute in 0i64..1440, seed in any::<u64>()) {
        let start: Timestamp = "2026-01-01T00:00:00Z".parse().expect("timestamp");
        let now = start + jiff::SignedDuration::from_mins(day * 1440 + minute);
        let c = demo_community(now, CommunityZone::Shanghai, &DeviceId("p".into()), seed);
        check_invariants(&c, CommunityZone::Shanghai.local(now).date());
    }
}

/// The days the end-to-end suite is also run on (`tests/e2e/dates.spec.ts`):
/// each weekday, a month end, the year's end and a leap day.
pub const GUARD_DAYS: [&str; 10] = [
    "2026-11-30",
    "2026-12-01",
    "2026-12-02",
    "2026-12-03",
    "2026-12-04",
    "2026-12-05",
    "2026-12-06",
    "2027-01-31",
    "2026-12-31",
    "2028-02-29",
];

#[test]
fn demo_keeps_invariants_on_every_guard_day() {
    for day in GUARD_DAYS {
        let (c, now) = build(&format!("{day}T01:10:00Z"), 7);
        assert_eq!(now.date().to_string(), day);
        check_invariants(&c, now.date());
        let patrol = c
            .activities
            .iter()
            .find(|a| a.title == "非机动车巡逻")
            .expect("patrols");
        let patrols_today = c
            .shifts
            .iter()
            .filter(|s| s.activity_id == patrol.meta.id && s.start.date() == now.date())
            .count();
        assert_eq!(patrols_today, 6, "six e-bike patrols on {day}");
    }
}
