//! The booking rules at their edges, recurrence expansion, suggestions,
//! and a property: no command sequence ever double-books a space.

use jiff::civil::{date, Date, Weekday};
use jiff::Timestamp;
use linli::domain::recurrence::nth_weekday;
use linli::domain::*;
use proptest::prelude::*;
use uuid::Uuid;

mod common;
use common::*;

#[test]
fn touching_bookings_are_allowed_without_a_buffer_and_a_one_minute_overlap_is_not() {
    let s = space(0);
    let existing = vec![booking(10, "2026-11-28T10:00", "2026-11-28T11:00")];
    assert!(check_booking(
        &booking(11, "2026-11-28T11:00", "2026-11-28T12:00"),
        &s,
        &existing,
        now()
    )
    .is_empty());
    assert!(check_booking(
        &booking(12, "2026-11-28T09:00", "2026-11-28T10:00"),
        &s,
        &existing,
        now()
    )
    .is_empty());
    // 10:59 is off the 30-minute grid, so use a 1-minute grid for the 1-minute overlap.
    let mut fine = space(0);
    fine.rules.slot_minutes = 1;
    let refused = check_booking(
        &booking(13, "2026-11-28T10:59", "2026-11-28T12:00"),
        &fine,
        &existing,
        now(),
    );
    assert!(
        matches!(refused.as_slice(), [BookingRefusal::Overlaps { other, .. }] if other.as_u128() == 10)
    );
}

#[test]
fn the_buffer_keeps_time_free_on_both_sides() {
    let s = space(30);
    let existing = vec![booking(10, "2026-11-28T10:00", "2026-11-28T11:00")];
    assert!(!check_booking(
        &booking(11, "2026-11-28T11:00", "2026-11-28T12:00"),
        &s,
        &existing,
        now()
    )
    .is_empty());
    assert!(check_booking(
        &booking(12, "2026-11-28T11:30", "2026-11-28T12:30"),
        &s,
        &existing,
        now()
    )
    .is_empty());
    assert!(!check_booking(
        &booking(13, "2026-11-28T08:30", "2026-11-28T10:00"),
        &s,
        &existing,
        now()
    )
    .is_empty());
    assert!(
        check_booking(
            &booking(15, "2026-11-28T08:30", "2026-11-28T09:30"),
            &s,
            &existing,
            now()
        )
        .is_empty(),
        "exactly the buffer apart"
    );
    assert!(check_booking(
        &booking(14, "2026-11-28T08:00", "2026-11-28T09:30"),
        &s,
        &existing,
        now()
    )
    .is_empty());
}

#[test]
fn opening_hours_and_closed_days_are_enforced() {
    let s = space(0);
    // Sunday 29 November: closed all day.
    let sunday = check_booking(
        &booking(1, "2026-11-29T10:00", "2026-11-29T11:00"),
        &s,
        &[],
        now(),
    );
    assert_eq!(
        sunday,
        vec![BookingRefusal::OutsideOpeningHours {
            closed_all_day: true
        }]
    );
    let late = check_booking(
        &booking(2, "2026-11-28T20:30", "2026-11-28T21:30"),
        &s,
        &[],
        now(),
    );
    assert_eq!(
        late,
        vec![BookingRefusal::OutsideOpeningHours {
            closed_all_day: false
        }]
    );
    assert!(check_booking(
        &booking(3, "2026-11-28T20:00", "2026-11-28T21:00"),
        &s,
        &[],
        now()
    )
    .is_empty());
    let overnight = check_booking(
        &booking(4, "2026-11-28T20:00", "2026-11-30T09:00"),
        &s,
        &[],
        now(),
    );
    assert!(overnight.contains(&BookingRefusal::OutsideOpeningHours {
        closed_all_day: false
    }));
}

#[test]
fn the_advance_window_the_past_and_the_time_grid() {
    let s = space(0);
    let last = check_booking(
        &booking(1, "2026-12-26T10:00", "2026-12-26T11:00"),
        &s,
        &[],
        now(),
    );
    assert!(
        last.is_empty(),
        "exactly 30 days ahead is allowed: {last:?}"
    );
    let beyond = check_booking(
        &booking(2, "2026-12-28T10:00", "2026-12-28T11:00"),
        &s,
        &[],
        now(),
    );
    assert_eq!(
        beyond,
        vec![BookingRefusal::TooFarAhead {
            advance_days: 30,
            last_day: date(2026, 12, 27)
        }]
    );
    let past = check_booking(
        &booking(3, "2026-11-26T10:00", "2026-11-26T11:00"),
        &s,
        &[],
        now(),
    );
    assert_eq!(past, vec![BookingRefusal::InThePast]);
    let off = check_booking(
        &booking(4, "2026-11-28T10:10", "2026-11-28T11:10"),
        &s,
        &[],
        now(),
    );
    assert_eq!(off, vec![BookingRefusal::OffSlotGrid { slot_minutes: 30 }]);
    let backwards = check_booking(
        &booking(5, "2026-11-28T11:00", "2026-11-28T10:00"),
        &s,
        &[],
        now(),
    );
    assert_eq!(backwards, vec![BookingRefusal::EndNotAfterStart]);
}

#[test]
fn duration_capacity_and_retired_spaces() {
    let mut s = space(0);
    assert!(check_booking(
        &booking(1, "2026-11-28T10:00", "2026-11-28T11:00"),
        &s,
        &[],
        now()
    )
    .is_empty());
    assert_eq!(
        check_booking(
            &booking(2, "2026-11-28T10:00", "2026-11-28T10:30"),
            &s,
            &[],
            now()
        ),
        vec![BookingRefusal::TooShort { min_minutes: 60 }]
    );
    assert!(check_booking(
        &booking(3, "2026-11-28T10:00", "2026-11-28T14:00"),
        &s,
        &[],
        now()
    )
    .is_empty());
    assert_eq!(
        check_booking(
            &booking(4, "2026-11-28T10:00", "2026-11-28T14:30"),
            &s,
            &[],
            now()
        ),
        vec![BookingRefusal::TooLong { max_minutes: 240 }]
    );
    let mut crowd = booking(5, "2026-11-28T10:00", "2026-11-28T11:00");
    crowd.expected_attendees = 41;
    assert_eq!(
        check_booking(&crowd, &s, &[], now()),
        vec![BookingRefusal::OverCapacity { capacity: 40 }]
    );
    crowd.expected_attendees = 40;
    assert!(check_booking(&crowd, &s, &[], now()).is_empty());
    s.active = false;
    assert_eq!(
        check_booking(&crowd, &s, &[], now()),
        vec![BookingRefusal::SpaceRetired]
    );
}

#[test]
fn cancelled_and_declined_bookings_free_their_slot_and_status_changes_are_recorded() {
    let s = space(0);
    let mut first = booking(1, "2026-11-28T10:00", "2026-11-28T11:00");
    let second = booking(2, "2026-11-28T10:00", "2026-11-28T11:00");
    assert!(!check_booking(&second, &s, std::slice::from_ref(&first), now()).is_empty());
    let t: Timestamp = "2026-11-27T01:00:00Z".parse().expect("ts");
    assert!(first.cancel("陈敏", "改期", t, &device()));
    assert_eq!(first.status, BookingStatus::Cancelled);
    assert_eq!(
        first.status_change,
        Some(StatusChange {
            by: "陈敏".into(),
            reason: "改期".into(),
            device: Some(device()),
            no_show: false,
        })
    );
    assert!(
        !first.cancel("陈敏", "again", t, &device()),
        "cancelling twice does nothing"
    );
    assert!(check_booking(&second, &s, &[first], now()).is_empty());

    let mut request = booking(3, "2026-11-28T12:00", "2026-11-28T13:00");
    request.status = BookingStatus::Requested;
    assert!(request.decline("居委", "与联席会议冲突", t, &device()));
    assert_eq!(request.status, BookingStatus::Declined);
    assert!(!request.is_live(), "a declined request frees its slot");
    assert_eq!(
        request.status_change.as_ref().map(|c| c.reason.as_str()),
        Some("与联席会议冲突")
    );
    let mut other = booking(4, "2026-11-28T14:00", "2026-11-28T15:00");
    other.status = BookingStatus::Requested;
    assert!(other.approve("居委", t, &device()));
    assert_eq!(other.status, BookingStatus::Confirmed);
    assert!(
        !other.approve("居委", t, &device()),
        "only requests can be approved"
    );
}

#[test]
fn suggestions_are_free_valid_and_nearest_first() {
    let s = space(15);
    let existing = vec![
        booking(10, "2026-11-28T09:00", "2026-11-28T11:00"),
        booking(11, "2026-11-28T13:00", "2026-11-28T15:00"),
    ];
    let wanted = booking(20, "2026-11-28T10:00", "2026-11-28T11:00");
    assert!(!check_booking(&wanted, &s, &existing, now()).is_empty());
    let ask = |wanted: &Booking, days_after: i64, limit: usize| {
        suggest_times(SuggestionRequest {
            space: &s,
            existing: &existing,
            wanted,
            now: now(),
            days_after,
            limit,
        })
    };
    let times = ask(&wanted, 0, 3);
    // 12:00-13:00 would end inside the 15-minute buffer before the 13:00 booking.
    assert_eq!(
        times.iter().map(|i| i.start).collect::<Vec<_>>(),
        vec![
            at("2026-11-28T11:30"),
            at("2026-11-28T15:30"),
            at("2026-11-28T16:00")
        ]
    );
    for i in times {
        assert_eq!(i.minutes(), 60, "the wanted length");
        let mut probe = wanted.clone();
        (probe.start, probe.end) = (i.start, i.end);
        assert!(check_booking(&probe, &s, &existing, now()).is_empty());
    }
    // Sunday is closed: suggestions come from the following days.
    let sunday = booking(21, "2026-11-29T10:00", "2026-11-29T11:00");
    let next = ask(&sunday, 2, 2);
    assert!(!next.is_empty() && next.iter().all(|t| t.start.date() == date(2026, 11, 30)));
}

#[test]
fn a_booking_longer_than_the_maximum_is_offered_the_longest_allowed_at_its_start() {
    let s = space(0);
    let max = s.rules.max_minutes as i64;
    // Free all afternoon, but asked for longer than the space allows.
    let wanted = booking(30, "2026-11-30T13:00", "2026-11-30T13:00");
    let mut wanted = wanted;
    wanted.end = wanted.start.plus_minutes(max + 120);
    let refusals = check_booking(&wanted, &s, &[], now());
    assert!(refusals.contains(&BookingRefusal::TooLong {
        max_minutes: s.rules.max_minutes
    }));
    let times = suggest_times(SuggestionRequest {
        space: &s,
        existing: &[],
        wanted: &wanted,
        now: now(),
        days_after: 2,
        limit: 4,
    });
    assert!(!times.is_empty(), "something is offered");
    assert_eq!(times[0].start, wanted.start, "first at the wanted start");
    for i in &times {
        assert_eq!(i.minutes(), max, "the longest the space allows");
        let mut probe = wanted.clone();
        (probe.start, probe.end) = (i.start, i.end);
        assert!(check_booking(&probe, &s, &[], now()).is_empty());
    }
    // And one shorter than the minimum gets the minimum.
    let mut short = wanted.clone();
    short.end = short.start.plus_minutes(1);
    let times = suggest_times(SuggestionRequest {
        space: &s,
        existing: &[],
        wanted: &short,
        now: now(),
        days_after: 0,
        limit: 2,
    });
    let min = (s.rules.min_minutes as i64).max(s.rules.slot_minutes as i64);
    assert!(!times.is_empty() && times.iter().all(|i| i.minutes() == min));
}

#[test]
fn free_spaces_lists_the_spaces_that_would_accept_the_booking() {
    let mut big = space(0);
    big.meta.id = Uuid::from_u128(1);
    big.name = "红色议事厅".into();
    big.capacity = 30;
    let mut small = space(0);
    small.meta.id = Uuid::from_u128(2);
    small.name = "共享工具屋".into();
    small.capacity = 6;
    let mut busy = space(0);
    busy.meta.id = Uuid::from_u128(3);
    busy.name = "安家院儿".into();
    busy.capacity = 40;
    let mut taken = booking(10, "2026-11-28T10:00", "2026-11-28T11:00");
    taken.space_id = busy.meta.id;
    let spaces = vec![small.clone(), big.clone(), busy.clone()];
    let mut want = booking(20, "2026-11-28T10:00", "2026-11-28T11:00");
    want.expected_attendees = 5;
    let free: Vec<&str> = free_spaces(&spaces, &[taken.clone()], &want, now())
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        free,
        vec!["红色议事厅", "共享工具屋"],
        "largest first, the busy one left out"
    );
    want.expected_attendees = 12;
    let free: Vec<&str> = free_spaces(&spaces, &[taken], &want, now())
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(free, vec!["红色议事厅"]);
}

fn weekly(weekdays: &[u8], every: u8, from: Date, until: Until) -> Recurrence {
    Recurrence {
        repeat: Repeat::Weekly {
            weekdays: weekdays.to_vec(),
            every_weeks: every,
        },
        starts_on: from,
        until,
    }
}

#[test]
fn weekly_series_every_thursday_and_every_other_week() {
    let thursdays = weekly(
        &[4],
        1,
        date(2026, 11, 27),
        Until::Date {
            date: date(2026, 12, 31),
        },
    )
    .dates();
    assert_eq!(
        thursdays.first(),
        Some(&date(2026, 12, 3)),
        "the first Thursday on or after the start"
    );
    assert_eq!(thursdays.len(), 5);
    assert!(thursdays.iter().all(|d| d.weekday() == Weekday::Thursday));
    let fortnightly = weekly(&[2, 6], 2, date(2026, 11, 23), Until::Count { count: 5 }).dates();
    assert_eq!(
        fortnightly,
        vec![
            date(2026, 11, 24),
            date(2026, 11, 28),
            date(2026, 12, 8),
            date(2026, 12, 12),
            date(2026, 12, 22)
        ]
    );
    assert!(
        weekly(&[], 1, date(2026, 11, 23), Until::Count { count: 5 })
            .dates()
            .is_empty()
    );
}

#[test]
fn monthly_by_date_skips_months_without_that_day() {
    let rec = Recurrence {
        repeat: Repeat::MonthlyByDate { day: 31 },
        starts_on: date(2026, 1, 1),
        until: Until::Date {
            date: date(2026, 12, 31),
        },
    };
    let months: Vec<i8> = rec.dates().iter().map(|d| d.month()).collect();
    assert_eq!(months, vec![1, 3, 5, 7, 8, 10, 12]);
    let leap = Recurrence {
        repeat: Repeat::MonthlyByDate { day: 29 },
        starts_on: date(2027, 12, 1),
        until: Until::Count { count: 3 },
    };
    assert_eq!(
        leap.dates(),
        vec![date(2027, 12, 29), date(2028, 1, 29), date(2028, 2, 29)]
    );
}

#[test]
fn monthly_by_weekday_first_monday_fifth_monday_and_last_friday() {
    let joint = Recurrence {
        repeat: Repeat::MonthlyByWeekday { nth: 1, weekday: 1 },
        starts_on: date(2026, 11, 27),
        until: Until::Count { count: 3 },
    };
    assert_eq!(
        joint.dates(),
        vec![date(2026, 12, 7), date(2027, 1, 4), date(2027, 2, 1)]
    );
    let fifth = Recurrence {
        repeat: Repeat::MonthlyByWeekday { nth: 5, weekday: 1 },
        starts_on: date(2026, 1, 1),
        until: Until::Date {
            date: date(2026, 12, 31),
        },
    };
    assert_eq!(
        fifth.dates(),
        vec![
            date(2026, 3, 30),
            date(2026, 6, 29),
            date(2026, 8, 31),
            date(2026, 11, 30)
        ]
    );
    assert_eq!(
        nth_weekday(date(2026, 2, 1), -1, 5),
        Some(date(2026, 2, 27))
    );
    assert_eq!(nth_weekday(date(2026, 2, 1), 6, 5), None);
}

#[test]
fn series_preview_marks_conflicts_and_keeps_wall_clock_time() {
    let s = space(15);
    let existing = vec![booking(10, "2026-12-10T19:30", "2026-12-10T20:00")];
    let template = booking(100, "2026-12-03T19:00", "2026-12-03T20:30");
    let dates = weekly(&[4], 1, date(2026, 12, 1), Until::Count { count: 4 }).dates();
    let preview = preview_series(&template, &dates, &s, &existing, now());
    let fits: Vec<bool> = preview
        .iter()
        .map(|(_, c)| *c == OccurrenceCheck::Fits)
        .collect();
    assert_eq!(fits, vec![true, false, true, true]);
    assert!(preview
        .iter()
        .all(|(b, _)| b.start.clock() == clock("19:00") && b.end.clock() == clock("20:30")));
    let ids: std::collections::HashSet<_> = preview.iter().map(|(b, _)| b.meta.id).collect();
    assert_eq!(ids.len(), 4, "each occurrence has its own id");
}

#[derive(Clone, Debug)]
enum Command {
    Create {
        day: i64,
        slot: i64,
        len: i64,
        buffer_case: u8,
    },
    Edit {
        pick: usize,
        day: i64,
        slot: i64,
        len: i64,
    },
    Cancel {
        pick: usize,
    },
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (0i64..5, 0i64..26, 2i64..9, 0u8..3).prop_map(|(day, slot, len, buffer_case)| {
            Command::Create {
                day,
                slot,
                len,
                buffer_case,
            }
        }),
        (any::<usize>(), 0i64..5, 0i64..26, 2i64..9).prop_map(|(pick, day, slot, len)| {
            Command::Edit {
                pick,
                day,
                slot,
                len,
            }
        }),
        any::<usize>().prop_map(|pick| Command::Cancel { pick }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever residents create, move or cancel, a space is never double-booked.
    #[test]
    fn no_command_sequence_double_books_a_space(commands in proptest::collection::vec(command(), 1..60), buffer in prop_oneof![Just(0u16), Just(15), Just(30)]) {
        let s = space(buffer);
        let mut ledger: Vec<Booking> = Vec::new();
        let t: Timestamp = "2026-11-27T00:00:00Z".parse().expect("ts");
        let base = at("2026-11-28T08:00");
        let place = |day: i64, slot: i64, len: i64| {
            let start = base.plus_minutes(day * 1440 + slot * 30);
            (start, start.plus_minutes(len * 30))
        };
        for (n, cmd) in commands.into_iter().enumerate() {
            match cmd {
                Command::Create { day, slot, len, buffer_case } => {
                    let mut b = booking(1000 + n as u128, "2026-11-28T08:00", "2026-11-28T09:00");
                    (b.start, b.end) = place(day, slot, len);
                    if buffer_case == 0 { b.status = BookingStatus::Requested; }
                    if check_booking(&b, &s, &ledger, now()).is_empty() {
                        ledger.push(b);
                    }
                }
                Command::Edit { pick, day, slot, len } if !ledger.is_empty() => {
                    let i = pick % ledger.len();
                    let mut moved = ledger[i].clone();
                    (moved.start, moved.end) = place(day, slot, len);
                    if check_booking(&moved, &s, &ledger, now()).is_empty() {
                        ledger[i] = moved;
                    }
                }
                Command::Cancel { pick } if !ledger.is_empty() => {
                    let i = pick % ledger.len();
                    ledger[i].cancel("test", "", t, &device());
                }
                _ => {}
            }
            let collisions = find_collisions(&ledger, |_| buffer);
            prop_assert!(collisions.is_empty(), "double booking after step {}: {:?}", n, collisions);
        }
    }
}

#[test]
fn status_changes_on_a_held_slot_skip_the_time_rules() {
    use linli::domain::booking_rules::needs_rule_check;
    let old = booking(1, "2026-11-27T07:00", "2026-11-27T08:00");
    assert!(
        needs_rule_check(None, &old),
        "a new booking is always checked"
    );
    let mut checked_in = old.clone();
    checked_in.check_in = Some(CheckIn {
        at: at("2026-11-27T07:05"),
        attendance: 8,
    });
    assert!(
        !needs_rule_check(Some(&old), &checked_in),
        "checking in after the start is fine"
    );
    let mut moved = old.clone();
    moved.end = at("2026-11-27T09:00");
    assert!(needs_rule_check(Some(&old), &moved));
    let mut bigger = old.clone();
    bigger.expected_attendees += 1;
    assert!(needs_rule_check(Some(&old), &bigger));
    let mut cancelled = old.clone();
    cancelled.status = BookingStatus::Cancelled;
    assert!(
        needs_rule_check(Some(&cancelled), &old),
        "reviving a cancelled booking is checked"
    );
}

#[test]
fn a_day_view_marks_taken_free_and_blocked_slots() {
    use linli::domain::booking_rules::{day_slots, SlotState};
    let s = space(30);
    let existing = vec![booking(10, "2026-11-28T10:00", "2026-11-28T11:00")];
    let template = booking(99, "2026-11-28T08:00", "2026-11-28T09:00");
    let slots = day_slots(&s, &existing, &template, date(2026, 11, 28), now());
    assert_eq!(slots.len(), 26, "08:00–21:00 in 30-minute slots");
    let state_at = |t: &str| {
        slots
            .iter()
            .find(|x| x.start == at(t))
            .map(|x| x.state.clone())
    };
    assert!(matches!(
        state_at("2026-11-28T10:00"),
        Some(SlotState::Taken { .. })
    ));
    assert!(matches!(
        state_at("2026-11-28T10:30"),
        Some(SlotState::Taken { .. })
    ));
    assert_eq!(
        state_at("2026-11-28T09:00"),
        Some(SlotState::Blocked),
        "an hour from 09:00 runs into the buffer"
    );
    assert_eq!(
        state_at("2026-11-28T08:00"),
        Some(SlotState::Free),
        "08:00–09:00 ends a buffer before 10:00"
    );
    assert_eq!(
        state_at("2026-11-28T11:00"),
        Some(SlotState::Blocked),
        "inside the buffer after 11:00"
    );
    assert_eq!(state_at("2026-11-28T11:30"), Some(SlotState::Free));
    assert_eq!(
        state_at("2026-11-28T20:30"),
        Some(SlotState::Blocked),
        "too short before closing"
    );
    assert!(
        day_slots(&s, &existing, &template, date(2026, 11, 29), now()).is_empty(),
        "closed on Sunday"
    );
}
