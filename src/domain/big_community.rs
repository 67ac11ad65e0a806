//! A "big community" for measuring: a committee's two years of records —
//! by default 50 spaces, 20,000 bookings (half in weekly series), 3,000
//! volunteers, 500 activities, 5,000 shifts and 30,000 assignments with
//! check-ins. Deterministic for a seed and a size, and valid by
//! construction: no two live bookings of a space overlap and nobody holds
//! two overlapping shifts, so the file imports without a problem.

use super::demo::{GIVEN_NAMES, SURNAMES};
use super::time::add_days;
use super::*;
use jiff::Timestamp;

/// How many records of each kind to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub spaces: usize,
    pub bookings: usize,
    pub volunteers: usize,
    pub activities: usize,
    /// Shifts per activity.
    pub shifts_per_activity: usize,
    /// People per shift.
    pub people_per_shift: usize,
}

impl Size {
    pub const BIG: Size = Size {
        spaces: 50,
        bookings: 20_000,
        volunteers: 3_000,
        activities: 500,
        shifts_per_activity: 10,
        people_per_shift: 6,
    };
    pub const MEDIUM: Size = Size {
        spaces: 20,
        bookings: 4_000,
        volunteers: 600,
        activities: 100,
        shifts_per_activity: 10,
        people_per_shift: 6,
    };
    pub const SMALL: Size = Size {
        spaces: 5,
        bookings: 400,
        volunteers: 100,
        activities: 20,
        shifts_per_activity: 10,
        people_per_shift: 4,
    };
    /// One activity's roster of 40 volunteers: 10 shifts of 6, 111 records
    /// — what the benchmark moves phone to phone by QR code.
    pub const ROSTER: Size = Size {
        spaces: 0,
        bookings: 0,
        volunteers: 40,
        activities: 1,
        shifts_per_activity: 10,
        people_per_shift: 6,
    };

    pub fn named(name: &str) -> Option<Size> {
        match name {
            "big" => Some(Size::BIG),
            "medium" => Some(Size::MEDIUM),
            "small" => Some(Size::SMALL),
            "roster" => Some(Size::ROSTER),
            _ => None,
        }
    }
}

/// The records span this many days, half before `now` and half after.
const DAYS: i64 = 730;
/// Two-hour slots from 08:00: the first four hold weekly series, the last
/// three one-off bookings, so the two never meet.
const SERIES_SLOTS: i64 = 4;
const ONE_OFF_SLOTS: i64 = 3;
const WEEKS_PER_SERIES: i64 = 26;

/// Shifts of an activity: this many two-hour times from 08:00, each with
/// `shifts_per_activity / TIMES` roles side by side.
const TIMES: usize = 5;

fn at(date: jiff::civil::Date, hour: i64) -> LocalDateTime {
    LocalDateTime::new(
        date,
        ClockTime::from_minute_of_day((hour * 60) as u16).unwrap_or(ClockTime::MIDNIGHT),
    )
}

/// Builds the community around `now` in `zone`.
pub fn big_community(
    seed: u64,
    size: Size,
    now: Timestamp,
    zone: CommunityZone,
    device: &DeviceId,
) -> Community {
    let mut ids = SeededIds::new(seed);
    let meta = |ids: &mut SeededIds| Meta::new(ids.next_id(), now, device);
    let today = zone.local(now).date();
    let local_now = zone.local(now);
    let first_day = add_days(today, -DAYS / 2);
    let mut out = Community::default();

    for i in 0..size.spaces {
        let opening_hours = (1..=7)
            .map(|weekday| OpeningPeriod {
                weekday,
                opens: ClockTime::from_minute_of_day(7 * 60).unwrap_or(ClockTime::MIDNIGHT),
                closes: ClockTime::from_minute_of_day(22 * 60).unwrap_or(ClockTime::MIDNIGHT),
            })
            .collect();
        out.spaces.push(Space {
            meta: meta(&mut ids),
            name: format!("{}号活动室", i + 1),
            kind: SpaceKind::CommonRoom,
            location: format!("{}号楼 底层", 1 + i % 30),
            capacity: 30 + (i as u32 % 5) * 10,
            opening_hours,
            rules: BookingRules {
                advance_days: 400,
                ..BookingRules::default()
            },
            amenities: vec!["桌椅".into()],
            notes: String::new(),
            active: true,
        });
    }

    for i in 0..size.volunteers {
        out.volunteers.push(Volunteer {
            meta: meta(&mut ids),
            name: format!(
                "{}{}{}",
                SURNAMES[i % SURNAMES.len()],
                GIVEN_NAMES[(i / SURNAMES.len()) % GIVEN_NAMES.len()],
                i / (SURNAMES.len() * GIVEN_NAMES.len()) + 1
            ),
            phone: format!("139{:08}", ids.below(100_000_000)),
            room: format!("{}号楼 {}0{}", 1 + i % 30, 1 + i % 18, 1 + i % 4),
            teams: vec![["青年志愿者", "安家团", "保安机动队"][i % 3].into()],
            skills: Vec::new(),
            notes: String::new(),
            active: true,
            joined_on: add_days(first_day, -(ids.below(400) as i64)),
            consent: None,
            walk_in: false,
        });
    }

    // Bookings: each space takes its share, half as weekly series (26
    // weeks at one weekday and slot) and half as one-offs spread evenly
    // over the evening slots of the two years.
    let spaces: Vec<(uuid::Uuid, u32)> =
        out.spaces.iter().map(|s| (s.meta.id, s.capacity)).collect();
    for (s, (space_id, capacity)) in spaces.iter().enumerate() {
        let share = size.bookings / size.spaces.max(1)
            + usize::from(s < size.bookings % size.spaces.max(1));
        let in_series = share / 2;
        let booking = |ids: &mut SeededIds, start: LocalDateTime, series_id, title: String| {
            let end = start.plus_minutes(90 + 30 * (ids.below(2) as i64));
            let past = end <= local_now;
            let attendees = 5 + ids.below(u64::from(*capacity - 5)) as u32;
            Booking {
                meta: Meta::new(ids.next_id(), now, device),
                space_id: *space_id,
                title,
                purpose: String::new(),
                organiser: Organiser {
                    name: format!(
                        "{}老师",
                        SURNAMES[ids.below(SURNAMES.len() as u64) as usize]
                    ),
                    phone: format!("138{:08}", ids.below(100_000_000)),
                    room: format!("{}号楼", 1 + ids.below(30)),
                    sealed: String::new(),
                },
                start,
                end,
                expected_attendees: attendees,
                status: BookingStatus::Confirmed,
                series_id,
                check_in: past.then(|| CheckIn {
                    at: start.plus_minutes(5),
                    attendance: attendees,
                }),
                notes: String::new(),
                status_change: None,
                requested_by: None,
                moved_in_at: None,
            }
        };
        // Series j: weekday j % 7, slot (j / 7) % 4, block of 26 weeks j / 28.
        let mut made = 0;
        let mut j = 0i64;
        while made < in_series && j < 7 * SERIES_SLOTS * (DAYS / 7 / WEEKS_PER_SERIES) {
            let series_id = Some(ids.next_id());
            let (weekday, slot, block) = (j % 7, (j / 7) % SERIES_SLOTS, j / (7 * SERIES_SLOTS));
            let title = format!(
                "{}班 第{}期",
                ["书法", "太极", "合唱", "英语", "编织", "象棋", "舞蹈"][weekday as usize],
                block + 1
            );
            for week in 0..WEEKS_PER_SERIES {
                if made == in_series {
                    break;
                }
                let day = add_days(first_day, (block * WEEKS_PER_SERIES + week) * 7 + weekday);
                let b = booking(&mut ids, at(day, 8 + 2 * slot), series_id, title.clone());
                out.bookings.push(b);
                made += 1;
            }
            j += 1;
        }
        let one_offs = share - made;
        let places = DAYS * ONE_OFF_SLOTS;
        for k in 0..one_offs as i64 {
            let place = k * places / (one_offs as i64).max(1);
            let day = add_days(first_day, place / ONE_OFF_SLOTS);
            let slot = SERIES_SLOTS + place % ONE_OFF_SLOTS;
            let title = format!(
                "{}活动",
                ["读书会", "议事会", "生日会", "讲座", "亲子"][(k % 5) as usize]
            );
            out.bookings
                .push(booking(&mut ids, at(day, 8 + 2 * slot), None, title));
        }
    }

    // Activities one a day or so across the two years; each shift takes a
    // different run of volunteers, so nobody is in two shifts at once.
    let roles = (size.shifts_per_activity / TIMES).max(1);
    let volunteer_ids: Vec<uuid::Uuid> = out.volunteers.iter().map(|v| v.meta.id).collect();
    let mut next_person = 0usize;
    for a in 0..size.activities {
        let day = add_days(
            first_day,
            (a as i64) * DAYS / (size.activities as i64).max(1),
        );
        let activity_id = ids.next_id();
        out.activities.push(Activity {
            meta: Meta::new(activity_id, now, device),
            title: format!(
                "{}（第{}场）",
                ["社区清洁日", "夜间巡逻", "助老送餐", "义卖集市", "防疫宣传"][a % 5],
                a + 1
            ),
            kind: [
                ActivityKind::Event,
                ActivityKind::Duty,
                ActivityKind::Service,
            ][a % 3],
            place: Place::Text {
                text: "小区东门".into(),
            },
            starts_on: day,
            ends_on: day,
            description: String::new(),
            team: None,
        });
        for s in 0..size.shifts_per_activity {
            let (time, role) = ((s / roles) as i64 % TIMES as i64, s % roles);
            let start = at(day, 8 + 2 * time);
            let end = start.plus_minutes(120);
            let shift = Shift {
                meta: meta(&mut ids),
                activity_id,
                role: ["签到", "引导", "后勤", "安全"][role % 4].into(),
                start,
                end,
                needed_min: size.people_per_shift as u32 / 2,
                needed_max: size.people_per_shift as u32 + 2,
                place: String::new(),
                notes: String::new(),
                required_skill: None,
                served: None,
            };
            let past = end <= local_now;
            for _ in 0..size.people_per_shift {
                let volunteer_id = volunteer_ids[next_person % volunteer_ids.len().max(1)];
                next_person += 1;
                let (status, check_in, check_out) = if past {
                    (AssignmentStatus::Completed, Some(start), Some(end))
                } else {
                    (AssignmentStatus::Confirmed, None, None)
                };
                out.assignments.push(Assignment {
                    meta: meta(&mut ids),
                    shift_id: shift.meta.id,
                    volunteer_id,
                    status,
                    check_in,
                    check_out,
                    correction: None,
                    moved_in_at: None,
                });
            }
            out.shifts.push(shift);
        }
    }
    out
}
