//! The monthly report counted by hand: November 2026 in a small community,
//! with the records a committee gets wrong when it counts on paper — a
//! night patrol over midnight, a booking over the month's end, cancelled,
//! declined and deleted records, a lead's corrected hours.

use jiff::civil::date;
use linli::domain::report::*;
use linli::domain::*;
use proptest::prelude::*;
use uuid::Uuid;

mod common;
use common::*;

const ANJIA: u128 = 1;
const ROOM: u128 = 2;
const MEALS: u128 = 101;
const PATROL: u128 = 102;
const CLINIC: u128 = 103;
const GONE: u128 = 104;
const WANG: u128 = 201;
const LI: u128 = 202;
const ZHANG: u128 = 203;
const DELETED: u128 = 204;
const ZHAO: u128 = 205;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn meta(n: u128) -> Meta {
    Meta::new(
        id(n),
        "2026-12-01T00:00:00Z".parse().expect("ts"),
        &device(),
    )
}

fn deleted(mut m: Meta) -> Meta {
    m.deleted = true;
    m
}

/// Counts a month that is over: "now" is long after it.
fn figures(
    directory: &Directory,
    records: &MonthRecords,
    month: Month,
    scope: &Scope,
) -> MonthFigures {
    month_figures(directory, records, month, scope, at("2030-01-01T00:00"))
}

fn november() -> Month {
    Month::new(2026, 11).expect("month")
}

/// A second room, open every day 09:00–12:00.
fn room() -> Space {
    let mut s = space(0);
    s.meta = meta(ROOM);
    s.name = "活动室".into();
    s.opening_hours = (1..=7)
        .map(|weekday| OpeningPeriod {
            weekday,
            opens: clock("09:00"),
            closes: clock("12:00"),
        })
        .collect();
    s
}

fn activity(
    n: u128,
    title: &str,
    kind: ActivityKind,
    team: Option<&str>,
    place: Place,
) -> Activity {
    Activity {
        meta: meta(n),
        title: title.into(),
        kind,
        place,
        starts_on: date(2026, 1, 1),
        ends_on: date(2026, 12, 31),
        description: String::new(),
        team: team.map(str::to_string),
    }
}

fn volunteer(n: u128, name: &str, joined: jiff::civil::Date, team: &str) -> Volunteer {
    Volunteer {
        meta: meta(n),
        name: name.into(),
        phone: String::new(),
        room: String::new(),
        teams: vec![team.into()],
        skills: vec![],
        notes: String::new(),
        active: true,
        joined_on: joined,
        consent: None,
        walk_in: false,
    }
}

fn shift(
    n: u128,
    activity: u128,
    start: &str,
    end: &str,
    needed: (u32, u32),
    served: Option<u32>,
) -> Shift {
    Shift {
        meta: meta(n),
        activity_id: id(activity),
        role: "值守".into(),
        start: at(start),
        end: at(end),
        needed_min: needed.0,
        needed_max: needed.1,
        place: String::new(),
        notes: String::new(),
        required_skill: None,
        served,
    }
}

fn on(n: u128, shift: u128, volunteer: u128, status: AssignmentStatus) -> Assignment {
    Assignment {
        status,
        ..Assignment::new(meta(n), id(shift), id(volunteer))
    }
}

fn timed(mut a: Assignment, from: &str, to: Option<&str>) -> Assignment {
    a.check_in = Some(at(from));
    a.check_out = to.map(at);
    a
}

fn held(mut b: Booking, attendance: u32, purpose: &str) -> Booking {
    b.check_in = Some(CheckIn {
        at: b.start,
        attendance,
    });
    b.purpose = purpose.into();
    b
}

fn in_room(mut b: Booking) -> Booking {
    b.space_id = id(ROOM);
    b
}

fn fixture() -> (Directory, MonthRecords) {
    let mut idle = space(0);
    idle.meta = meta(3);
    idle.name = "旧仓库".into();
    idle.active = false;
    let directory = Directory {
        spaces: vec![space(0), room(), idle],
        activities: vec![
            activity(
                MEALS,
                "助老送餐",
                ActivityKind::Service,
                Some("青年志愿者"),
                Place::Text {
                    text: "各楼栋".into(),
                },
            ),
            activity(
                PATROL,
                "夜间巡逻",
                ActivityKind::Duty,
                Some("保安机动队"),
                Place::Text {
                    text: "小区东门".into(),
                },
            ),
            activity(
                CLINIC,
                "义诊义剪",
                ActivityKind::Event,
                None,
                Place::Space {
                    space_id: id(ANJIA),
                    booking_id: None,
                },
            ),
            Activity {
                meta: deleted(meta(GONE)),
                ..activity(
                    GONE,
                    "已删除的活动",
                    ActivityKind::Event,
                    None,
                    Place::Text {
                        text: String::new(),
                    },
                )
            },
        ],
        volunteers: vec![
            volunteer(WANG, "王芳", date(2026, 11, 5), "青年志愿者"),
            volunteer(LI, "李强", date(2025, 3, 1), "保安机动队"),
            volunteer(ZHANG, "张伟", date(2026, 11, 20), "青年志愿者"),
            Volunteer {
                meta: deleted(meta(DELETED)),
                ..volunteer(DELETED, "删除", date(2026, 11, 10), "青年志愿者")
            },
            volunteer(ZHAO, "赵磊", date(2026, 10, 31), "保安机动队"),
        ],
    };
    let mut cancelled = held(
        booking(5, "2026-11-03T09:00", "2026-11-03T10:00"),
        50,
        "讲座",
    );
    cancelled.status = BookingStatus::Cancelled;
    let mut declined = held(
        booking(6, "2026-11-04T10:00", "2026-11-04T12:00"),
        30,
        "讲座",
    );
    declined.status = BookingStatus::Declined;
    let tombstone = Booking {
        meta: deleted(meta(7)),
        ..held(
            booking(7, "2026-11-05T10:00", "2026-11-05T12:00"),
            40,
            "讲座",
        )
    };
    let mut released = booking(8, "2026-11-06T19:00", "2026-11-06T20:00");
    assert!(released.release_as_no_show(
        "陈敏",
        "未按时到场",
        "2026-11-06T11:20:00Z".parse().expect("ts"),
        &device()
    ));
    let bookings = vec![
        held(
            booking(1, "2026-11-02T09:00", "2026-11-02T11:00"),
            20,
            "睦邻微课堂",
        ),
        held(
            booking(2, "2026-11-09T09:00", "2026-11-09T11:00"),
            18,
            "睦邻微课堂",
        ),
        booking(3, "2026-11-11T14:00", "2026-11-11T16:30"),
        // Over the month's end: counts in November, where it starts.
        held(booking(4, "2026-11-30T22:00", "2026-12-01T01:00"), 6, ""),
        cancelled,
        declined,
        tombstone,
        released,
        in_room(held(
            booking(9, "2026-11-12T09:00", "2026-11-12T10:00"),
            8,
            "议事会",
        )),
        // October's, read along by a wider range: not November's.
        held(
            booking(10, "2026-10-31T23:00", "2026-11-01T01:00"),
            5,
            "睦邻微课堂",
        ),
    ];
    let shifts = vec![
        shift(
            301,
            MEALS,
            "2026-11-03T11:00",
            "2026-11-03T13:00",
            (2, 3),
            Some(40),
        ),
        shift(
            302,
            MEALS,
            "2026-11-03T14:00",
            "2026-11-03T15:00",
            (1, 2),
            Some(10),
        ),
        // The night patrol over midnight into December.
        shift(
            303,
            PATROL,
            "2026-11-30T22:00",
            "2026-12-01T02:00",
            (2, 2),
            None,
        ),
        shift(
            304,
            PATROL,
            "2026-11-10T22:00",
            "2026-11-10T23:00",
            (2, 2),
            None,
        ),
        shift(
            305,
            CLINIC,
            "2026-11-21T09:00",
            "2026-11-21T11:00",
            (1, 2),
            Some(25),
        ),
        // October's patrol over midnight into November: October's.
        shift(
            306,
            PATROL,
            "2026-10-31T22:00",
            "2026-11-01T02:00",
            (1, 2),
            None,
        ),
        shift(
            307,
            GONE,
            "2026-11-05T09:00",
            "2026-11-05T10:00",
            (1, 2),
            Some(99),
        ),
        Shift {
            meta: deleted(meta(308)),
            ..shift(
                308,
                MEALS,
                "2026-11-07T11:00",
                "2026-11-07T13:00",
                (1, 2),
                Some(99),
            )
        },
    ];
    let mut corrected = timed(
        on(407, 303, ZHAO, AssignmentStatus::Completed),
        "2026-11-30T22:00",
        Some("2026-12-01T02:00"),
    );
    corrected.correction = Some(HoursCorrection {
        minutes: 90,
        reason: "提前离开".into(),
        by: "组长".into(),
        device: None,
    });
    let assignments = vec![
        timed(
            on(401, 301, WANG, AssignmentStatus::Completed),
            "2026-11-03T11:00",
            Some("2026-11-03T13:00"),
        ),
        on(402, 301, ZHANG, AssignmentStatus::Completed),
        on(403, 301, ZHAO, AssignmentStatus::NoShow),
        Assignment {
            meta: deleted(meta(404)),
            ..on(404, 301, LI, AssignmentStatus::Completed)
        },
        // Checked in, never out: present, but no hours yet.
        timed(
            on(405, 302, WANG, AssignmentStatus::CheckedIn),
            "2026-11-03T14:10",
            None,
        ),
        timed(
            on(406, 303, LI, AssignmentStatus::Completed),
            "2026-11-30T22:00",
            Some("2026-12-01T02:00"),
        ),
        corrected,
        on(408, 303, ZHANG, AssignmentStatus::Cancelled),
        on(409, 304, LI, AssignmentStatus::NoShow),
        on(410, 306, LI, AssignmentStatus::Completed),
        on(411, 307, WANG, AssignmentStatus::Completed),
        on(412, 308, WANG, AssignmentStatus::Completed),
    ];
    (
        directory,
        MonthRecords {
            month: Some(november()),
            bookings,
            shifts,
            assignments,
        },
    )
}

fn row(name: &str, value: i64) -> (String, i64) {
    (name.to_string(), value)
}

fn rows(list: &[Row]) -> Vec<(String, i64)> {
    list.iter().map(|r| (r.name.clone(), r.value)).collect()
}

#[test]
fn november_for_the_whole_community_counted_by_hand() {
    let (directory, records) = fixture();
    let f = figures(&directory, &records, november(), &Scope::Community);

    // Held: the three checked-in bookings of 安家院儿 (one over the month's
    // end) and one of 活动室; one service day (two shifts of 3 Nov), one
    // patrol night (30 Nov; the 10 Nov patrol nobody came to was not held),
    // one event day kept by its served count alone.
    assert_eq!(f.bookings_held, 4);
    assert_eq!(
        f.sessions,
        Sessions {
            events: 1,
            services: 1,
            duties: 1
        }
    );
    assert_eq!(f.activities_held(), 6);
    let held: Vec<_> = f
        .space_use
        .iter()
        .map(|u| (u.name.as_str(), u.held))
        .collect();
    assert_eq!(held, [("安家院儿", 3), ("活动室", 1)]);
    assert_eq!(
        rows(&f.held_by_purpose),
        [row("睦邻微课堂", 2), row("", 1), row("议事会", 1)]
    );

    // Served: 20 + 18 + 6 + 8 at bookings, 40 + 10 + 25 entered on shifts.
    assert_eq!(f.served_at_bookings, 52);
    assert_eq!(f.served_at_activities, 75);
    assert_eq!(f.people_served(), 127);

    // Hours: 王芳 120 (times), 张伟 120 (completed without times: the
    // shift's length), 李强 240 (22:00–02:00), 赵磊 90 (corrected from 240).
    assert_eq!(f.minutes, 570);
    assert_eq!(f.volunteers_serving, 4);
    assert_eq!(
        rows(&f.minutes_by_team),
        [row("保安机动队", 330), row("青年志愿者", 240)]
    );
    assert_eq!(
        rows(&f.top_volunteers),
        [
            row("李强", 240),
            row("张伟", 120),
            row("王芳", 120),
            row("赵磊", 90)
        ]
    );
    let activities: Vec<_> = f
        .activities
        .iter()
        .map(|a| (a.title.as_str(), a.sessions, a.served, a.minutes))
        .collect();
    assert_eq!(
        activities,
        [
            ("夜间巡逻", 1, 0, 330),
            ("助老送餐", 1, 50, 240),
            ("义诊义剪", 1, 25, 0)
        ]
    );

    // Shifts 301–305: filled 2 + 1 + 2 + 0 + 0 of 2 + 1 + 2 + 2 + 1.
    assert_eq!(
        (f.shifts, f.places_filled, f.places_needed, f.shifts_short),
        (5, 5, 8, 2)
    );
    assert_eq!(f.no_shows, 2);
    assert_eq!(
        f.new_volunteers, 2,
        "王芳 and 张伟; not the deleted one, not October's 赵磊"
    );
    assert_eq!(f.released_no_shows, 1);

    // Space use: 安家院儿 is open 25 days × 13 h = 19,500 min and booked
    // 120 + 120 + 150 + 180 = 570; 活动室 30 × 180 = 5,400 and booked 60.
    // The inactive store room with no bookings is left out.
    let uses: Vec<_> = f
        .space_use
        .iter()
        .map(|u| {
            (
                u.name.as_str(),
                u.booked_minutes,
                u.open_minutes,
                u.percent(),
            )
        })
        .collect();
    assert_eq!(
        uses,
        [
            ("安家院儿", 570, 19_500, Some(3)),
            ("活动室", 60, 5_400, Some(1))
        ]
    );
    assert_eq!(f.space_use_percent(), Some(3));
    assert_eq!(f.busiest_space().map(|s| s.name.as_str()), Some("安家院儿"));
    // Mondays: 120 + 120 + 180; 9 o'clock: 60 + 60 + 60.
    assert_eq!(f.by_weekday, [420, 0, 150, 60, 0, 0, 0]);
    assert_eq!(f.busiest_weekday(), Some(1));
    assert_eq!(f.busiest_hour(), Some(9));
    assert_eq!((f.by_hour[22], f.by_hour[23], f.by_hour[0]), (60, 60, 60));
}

#[test]
fn one_team_one_space_one_activity() {
    let (directory, records) = fixture();
    let team = figures(
        &directory,
        &records,
        november(),
        &Scope::Team("青年志愿者".into()),
    );
    assert_eq!(
        team.sessions,
        Sessions {
            events: 0,
            services: 1,
            duties: 0
        }
    );
    assert_eq!(
        (team.minutes, team.served_at_activities, team.no_shows),
        (240, 50, 1)
    );
    assert_eq!((team.bookings_held, team.space_use.len()), (0, 0));
    assert_eq!(team.new_volunteers, 2);

    let anjia = figures(&directory, &records, november(), &Scope::Space(id(ANJIA)));
    assert_eq!(anjia.bookings_held, 3);
    assert_eq!(anjia.served_at_bookings, 44);
    assert_eq!(anjia.sessions.events, 1, "义诊义剪 is held in 安家院儿");
    assert_eq!(anjia.activities_held(), 4);
    assert_eq!(anjia.people_served(), 69);
    assert_eq!(anjia.released_no_shows, 1);
    assert_eq!(anjia.space_use_percent(), Some(3));
    assert_eq!(anjia.new_volunteers, 0);

    let patrol = figures(
        &directory,
        &records,
        november(),
        &Scope::Activity(id(PATROL)),
    );
    assert_eq!(patrol.sessions.duties, 1);
    assert_eq!(
        (patrol.minutes, patrol.volunteers_serving, patrol.no_shows),
        (330, 2, 1)
    );
    assert_eq!(
        (patrol.shifts, patrol.places_filled, patrol.places_needed),
        (2, 2, 4)
    );
    assert_eq!(patrol.bookings_held, 0);
}

#[test]
fn october_holds_what_started_in_october() {
    let (directory, records) = fixture();
    let october = november().previous();
    let f = figures(&directory, &records, october, &Scope::Community);
    assert_eq!(f.bookings_held, 1);
    assert_eq!(f.served_at_bookings, 5);
    assert_eq!(f.sessions.duties, 1);
    assert_eq!(
        f.minutes, 240,
        "the shift's length: 李强 completed without times"
    );
    assert_eq!(f.new_volunteers, 1, "赵磊 joined on 31 October");
    // Compared month to month, figure by figure.
    let now = figures(&directory, &records, november(), &Scope::Community).headline();
    let before = f.headline();
    assert_eq!(now[0], (Figure::ActivitiesHeld, 6));
    assert_eq!(before[0], (Figure::ActivitiesHeld, 1));
    assert_eq!(Trend::of(now[0].1, before[0].1), Trend::Up);
    assert_eq!(Trend::of(now[2].1, before[2].1), Trend::Up);
    assert_eq!(Trend::of(1, 1), Trend::Same);
}

#[test]
fn this_month_so_far_counts_what_has_started_against_the_hours_open_until_now() {
    let (directory, records) = fixture();
    // Monday 9 November, 10:00: the 09:00–11:00 booking is half over.
    let f = month_figures(
        &directory,
        &records,
        november(),
        &Scope::Community,
        at("2026-11-09T10:00"),
    );
    let uses: Vec<_> = f
        .space_use
        .iter()
        .map(|u| (u.name.as_str(), u.booked_minutes, u.open_minutes))
        .collect();
    // 安家院儿: 2–7 Nov × 13 h + 08:00–10:00 today = 4,800 min open;
    // booked 120 (2 Nov) + 60 of today's 120. 活动室: 1–8 Nov × 3 h +
    // 09:00–10:00 = 1,500, its 12 Nov booking not yet.
    assert_eq!(uses, [("安家院儿", 180, 4_800), ("活动室", 0, 1_500)]);
    assert_eq!(f.by_weekday, [180, 0, 0, 0, 0, 0, 0]);
    assert_eq!((f.by_hour[9], f.by_hour[10], f.by_hour[14]), (120, 60, 0));
    assert_eq!((f.bookings_held, f.served_at_bookings), (2, 38));
    assert_eq!(f.released_no_shows, 1);
    // The two meal shifts of 3 Nov; the patrols and the clinic are later.
    assert_eq!(f.shifts, 2);
    assert_eq!((f.minutes, f.no_shows), (240, 1));
    assert_eq!(
        f.new_volunteers, 1,
        "王芳 joined on 5 Nov; 张伟 joins on 20 Nov"
    );

    // Before the month starts, nothing of it has happened; once it is
    // over, "now" changes nothing.
    let ahead = month_figures(
        &directory,
        &records,
        november(),
        &Scope::Community,
        at("2026-10-20T12:00"),
    );
    assert_eq!(
        (ahead.booked_minutes(), ahead.open_minutes(), ahead.shifts),
        (0, 0, 0)
    );
    let over = month_figures(
        &directory,
        &records,
        november(),
        &Scope::Community,
        at("2026-12-01T00:00"),
    );
    assert_eq!(
        over,
        figures(&directory, &records, november(), &Scope::Community)
    );
}

#[test]
fn an_empty_month_has_nothing_to_be_busiest_at() {
    let (directory, _) = fixture();
    let f = figures(
        &directory,
        &MonthRecords::default(),
        november(),
        &Scope::Community,
    );
    assert_eq!(
        (f.activities_held(), f.people_served(), f.minutes),
        (0, 0, 0)
    );
    assert_eq!(f.busiest_weekday(), None);
    assert_eq!(f.busiest_hour(), None);
    assert!(f.busiest_space().is_none());
    assert_eq!(teams(&directory), ["保安机动队", "青年志愿者"]);
}

/// Random shifts of random activities (some with a team, some without),
/// with random people, statuses, times and corrections.
fn random_month() -> impl Strategy<Value = (Directory, MonthRecords)> {
    let teams = [None, Some("甲队"), Some("乙队"), Some("丙队")];
    let assignment = (
        0u128..6,
        0usize..6,
        0i64..300,
        proptest::option::of(0i64..600),
        any::<bool>(),
    );
    let a_shift = (
        0u128..5,
        0i64..(30 * 24),
        30i64..600,
        proptest::collection::vec(assignment, 0..5),
    );
    (
        proptest::collection::vec(0usize..4, 5),
        proptest::collection::vec(a_shift, 0..25),
    )
        .prop_map(move |(activity_teams, shifts)| {
            let activities = activity_teams
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    activity(
                        1000 + i as u128,
                        "a",
                        ActivityKind::Service,
                        teams[*t],
                        Place::Text {
                            text: String::new(),
                        },
                    )
                })
                .collect();
            let volunteers = (0..6)
                .map(|v| volunteer(2000 + v, "v", date(2026, 1, 1), "甲队"))
                .collect();
            let statuses = [
                AssignmentStatus::SignedUp,
                AssignmentStatus::Confirmed,
                AssignmentStatus::CheckedIn,
                AssignmentStatus::Completed,
                AssignmentStatus::NoShow,
                AssignmentStatus::Cancelled,
            ];
            let start = at("2026-11-01T00:00");
            let mut records = MonthRecords::default();
            for (n, (act, offset_hours, length, people)) in shifts.into_iter().enumerate() {
                let shift_id = 3000 + n as u128;
                let s_start = start.plus_minutes(offset_hours * 60);
                let mut s = shift(
                    shift_id,
                    1000 + act,
                    "2026-11-01T00:00",
                    "2026-11-01T01:00",
                    (1, 9),
                    None,
                );
                s.start = s_start;
                s.end = s_start.plus_minutes(length);
                records.shifts.push(s);
                for (k, (v, status, worked, correction, timed_in)) in people.into_iter().enumerate()
                {
                    let mut a = on(
                        shift_id * 100 + k as u128,
                        shift_id,
                        2000 + v,
                        statuses[status],
                    );
                    if timed_in {
                        a.check_in = Some(s_start);
                        a.check_out = Some(s_start.plus_minutes(worked + 1));
                    }
                    a.correction = correction.map(|minutes| HoursCorrection {
                        minutes,
                        reason: "改".into(),
                        by: String::new(),
                        device: None,
                    });
                    records.assignments.push(a);
                }
            }
            (
                Directory {
                    spaces: vec![],
                    activities,
                    volunteers,
                },
                records,
            )
        })
}

proptest! {
    #[test]
    fn the_teams_hours_add_up_to_the_total((directory, records) in random_month()) {
        let f = figures(&directory, &records, november(), &Scope::Community);
        let by_team: i64 = f.minutes_by_team.iter().map(|r| r.value).sum();
        prop_assert_eq!(by_team, f.minutes);
        // And each team's row is what that team's own report says.
        for r in f.minutes_by_team.iter().filter(|r| !r.name.is_empty()) {
            let own = figures(&directory, &records, november(), &Scope::Team(r.name.clone()));
            prop_assert_eq!(own.minutes, r.value);
        }
        let by_activity: i64 = f.activities.iter().map(|a| a.minutes).sum();
        prop_assert_eq!(by_activity, f.minutes);
        prop_assert!(f.top_volunteers.len() <= 10);
        prop_assert!(f.top_volunteers.windows(2).all(|w| w[0].value >= w[1].value));
    }
}
