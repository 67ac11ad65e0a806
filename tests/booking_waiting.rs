//! Waiting lists of a space's slots (候补这个时段): who gets a slot that
//! comes free, in the order people joined, and only when every booking
//! rule allows it — with a property that a waiting list never moves in a
//! booking that breaks one.

use jiff::Timestamp;
use linli::domain::booking_waiting::*;
use linli::domain::*;
use proptest::prelude::*;

mod common;
use common::*;

fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

/// A waiting entry that joined at `joined`.
fn waiting(id: u128, start: &str, end: &str, joined: &str) -> Booking {
    let mut b = booking(id, start, end).waiting();
    b.meta.created_at = ts(joined);
    b.meta.updated_at = ts(joined);
    b
}

fn cancelled(mut b: Booking) -> Booking {
    assert!(b.cancel("陈敏", "", ts("2026-11-27T00:30:00Z"), &device()));
    b
}

fn freed(start: &str, end: &str) -> Interval {
    Interval::new(at(start), at(end)).expect("interval")
}

/// When the morning of 28 November came free in these tests.
fn moved_at() -> Timestamp {
    ts("2026-11-27T05:00:00Z")
}

/// Who moves in when 10:00–12:00 on the 28th comes free.
fn morning_freed(s: &Space, all: &[Booking], now: LocalDateTime) -> Vec<Booking> {
    let morning = freed("2026-11-28T10:00", "2026-11-28T12:00");
    moving_in(s, morning, all, now, moved_at(), &device())
}

fn ids(list: &[Booking]) -> Vec<u128> {
    list.iter().map(|b| b.meta.id.as_u128()).collect()
}

#[test]
fn joining_checks_every_rule_but_the_slot_being_taken() {
    let s = space(0);
    let taken = vec![booking(10, "2026-11-28T10:00", "2026-11-28T12:00")];
    let mut entry = waiting(
        20,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T00:00:00Z",
    );
    assert!(check_waiting(&entry, &s, &taken, now()).is_empty());
    entry.expected_attendees = 99;
    assert_eq!(
        check_waiting(&entry, &s, &taken, now()),
        vec![BookingRefusal::OverCapacity { capacity: 40 }]
    );
    let mut sunday = waiting(
        21,
        "2026-11-29T10:00",
        "2026-11-29T12:00",
        "2026-11-27T00:00:00Z",
    );
    sunday.title = "周日".into();
    assert!(
        !check_waiting(&sunday, &s, &taken, now()).is_empty(),
        "closed on Sunday"
    );
}

#[test]
fn only_a_taken_slot_may_be_waited_out() {
    let s = space(0);
    let taken = vec![booking(10, "2026-11-28T10:00", "2026-11-28T12:00")];
    let mut wanted = booking(11, "2026-11-28T11:00", "2026-11-28T12:00");
    assert!(only_taken(&check_booking(&wanted, &s, &taken, now())));
    wanted.expected_attendees = 99;
    assert!(!only_taken(&check_booking(&wanted, &s, &taken, now())));
    assert!(!only_taken(&[]), "a free slot is booked, not waited for");
}

#[test]
fn the_first_to_join_moves_in_when_the_booking_is_cancelled() {
    let s = space(0);
    let holder = cancelled(booking(10, "2026-11-28T10:00", "2026-11-28T12:00"));
    let second = waiting(
        21,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T02:00:00Z",
    );
    let first = waiting(
        22,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T01:00:00Z",
    );
    let all = vec![holder, second, first];
    let moved = morning_freed(&s, &all, now());
    assert_eq!(ids(&moved), vec![22], "joined first, so first in");
    assert_eq!(
        moved[0].status,
        BookingStatus::Confirmed,
        "the space needs no approval"
    );
    assert_eq!(moved[0].moved_in_at, Some(moved_at()));
    assert_eq!(moved[0].meta.updated_at, moved_at());
}

#[test]
fn a_cancelled_booking_names_who_moved_into_its_time_by_its_own_change() {
    let s = space(0);
    let holder = cancelled(booking(10, "2026-11-28T10:00", "2026-11-28T12:00"));
    let first = waiting(
        22,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T01:00:00Z",
    );
    let morning = freed("2026-11-28T10:00", "2026-11-28T12:00");
    let freed_at = holder.meta.updated_at;
    let moved = moving_in(
        &s,
        morning,
        &[holder.clone(), first],
        now(),
        freed_at,
        &device(),
    );
    // Another booking in the same time, moved in by an earlier change, and
    // one stamped by this change in the afternoon: neither is this one's.
    let mut earlier = booking(23, "2026-11-28T11:00", "2026-11-28T12:00");
    earlier.moved_in_at = Some(ts("2026-11-26T05:00:00Z"));
    let mut afternoon = booking(24, "2026-11-28T15:00", "2026-11-28T16:00");
    afternoon.moved_in_at = Some(freed_at);
    let mut after = vec![holder.clone(), earlier, afternoon];
    after.extend(moved);
    let names = |list: Vec<&Booking>| list.iter().map(|b| b.meta.id.as_u128()).collect::<Vec<_>>();
    assert_eq!(names(moved_in_after(&holder, &s, &after)), vec![22]);
    let live = booking(10, "2026-11-28T10:00", "2026-11-28T12:00");
    assert!(
        moved_in_after(&live, &s, &after).is_empty(),
        "a booking that still holds its time gave nothing up"
    );
}

#[test]
fn a_space_that_needs_approval_gets_a_request_and_a_resident_account_always_does() {
    let mut s = space(0);
    let holder = cancelled(booking(10, "2026-11-28T10:00", "2026-11-28T12:00"));
    let entry = waiting(
        20,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T01:00:00Z",
    );
    s.rules.needs_approval = true;
    let all = vec![holder.clone(), entry.clone()];
    let moved = morning_freed(&s, &all, now());
    assert_eq!(moved[0].status, BookingStatus::Requested);
    s.rules.needs_approval = false;
    let mut asked = entry;
    asked.requested_by = Some("resident-502".into());
    let moved = morning_freed(&s, &[holder, asked], now());
    assert_eq!(moved[0].status, BookingStatus::Requested);
}

#[test]
fn someone_who_now_breaks_a_rule_is_passed_over_and_keeps_waiting() {
    let s = space(0);
    let holder = cancelled(booking(10, "2026-11-28T10:00", "2026-11-28T12:00"));
    let mut too_many = waiting(
        21,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T01:00:00Z",
    );
    too_many.expected_attendees = 41;
    let fits = waiting(
        22,
        "2026-11-28T10:00",
        "2026-11-28T11:00",
        "2026-11-27T02:00:00Z",
    );
    let all = vec![holder, too_many, fits];
    let moved = morning_freed(&s, &all, now());
    assert_eq!(ids(&moved), vec![22]);
}

#[test]
fn an_entry_that_would_collide_with_one_moved_in_before_it_keeps_waiting() {
    let s = space(0);
    let holder = cancelled(booking(10, "2026-11-28T10:00", "2026-11-28T12:00"));
    let morning = waiting(
        21,
        "2026-11-28T10:00",
        "2026-11-28T11:00",
        "2026-11-27T01:00:00Z",
    );
    let clash = waiting(
        22,
        "2026-11-28T10:30",
        "2026-11-28T11:30",
        "2026-11-27T02:00:00Z",
    );
    let later = waiting(
        23,
        "2026-11-28T11:00",
        "2026-11-28T12:00",
        "2026-11-27T03:00:00Z",
    );
    let all = vec![holder, later, clash, morning];
    let moved = morning_freed(&s, &all, now());
    assert_eq!(
        ids(&moved),
        vec![21, 23],
        "both halves fill; the clash waits"
    );
}

#[test]
fn a_slot_still_held_moves_nobody_in_and_the_past_is_never_filled() {
    let s = space(0);
    let holder = booking(10, "2026-11-28T10:00", "2026-11-28T12:00");
    let entry = waiting(
        20,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T01:00:00Z",
    );
    let all = vec![holder.clone(), entry.clone()];
    assert!(morning_freed(&s, &all, now()).is_empty());
    let all = vec![cancelled(holder), entry];
    let later = at("2026-11-28T10:30");
    assert!(morning_freed(&s, &all, later).is_empty());
}

#[test]
fn places_in_the_queue_count_who_joined_earlier_for_an_overlapping_time() {
    let a = waiting(
        21,
        "2026-11-28T10:00",
        "2026-11-28T12:00",
        "2026-11-27T01:00:00Z",
    );
    let b = waiting(
        22,
        "2026-11-28T11:00",
        "2026-11-28T12:00",
        "2026-11-27T02:00:00Z",
    );
    let elsewhere = waiting(
        23,
        "2026-11-28T14:00",
        "2026-11-28T15:00",
        "2026-11-27T00:00:00Z",
    );
    let all = vec![a.clone(), b.clone(), elsewhere.clone()];
    assert_eq!(place_in_queue(&a, &all), Some(1));
    assert_eq!(place_in_queue(&b, &all), Some(2));
    assert_eq!(place_in_queue(&elsewhere, &all), Some(1));
    let holder = booking(10, "2026-11-28T10:00", "2026-11-28T12:00");
    assert_eq!(
        place_in_queue(&holder, &all),
        None,
        "a booking is not waiting"
    );
    let behind = waiting_behind(&holder, &space(0), &all);
    assert_eq!(
        behind
            .iter()
            .map(|b| b.meta.id.as_u128())
            .collect::<Vec<_>>(),
        vec![21, 22]
    );
}

#[test]
fn what_a_change_frees() {
    let live = booking(10, "2026-11-28T10:00", "2026-11-28T12:00");
    let whole = live.interval();
    assert_eq!(freed_by(Some(&live), &cancelled(live.clone())), whole);
    let mut moved = live.clone();
    moved.start = at("2026-11-28T14:00");
    moved.end = at("2026-11-28T15:00");
    assert_eq!(freed_by(Some(&live), &moved), whole);
    let mut renamed = live.clone();
    renamed.title = "新名字".into();
    assert_eq!(freed_by(Some(&live), &renamed), None);
    assert_eq!(freed_by(None, &live), None);
    let entry = waiting(
        20,
        "2026-11-28T10:00",
        "2026-11-28T11:00",
        "2026-11-27T01:00:00Z",
    );
    assert_eq!(
        freed_by(None, &entry),
        entry.interval(),
        "a new entry looks at its own time"
    );
    let mut gone = live.clone();
    gone.meta.deleted = true;
    assert_eq!(freed_by(Some(&live), &gone), whole);
}

#[test]
fn leaving_the_list_is_a_cancellation_and_a_no_show_release_needs_a_booking() {
    let mut entry = waiting(
        20,
        "2026-11-28T10:00",
        "2026-11-28T11:00",
        "2026-11-27T01:00:00Z",
    );
    assert!(!entry
        .clone()
        .release_as_no_show("keeper", "", moved_at(), &device()));
    assert!(entry.cancel("陈敏", "", moved_at(), &device()));
    assert_eq!(entry.status, BookingStatus::Cancelled);
    assert!(!entry.is_waiting());
}

#[test]
fn waiting_entries_travel_in_files_and_older_files_read_as_before() {
    let entry = waiting(
        20,
        "2026-11-28T10:00",
        "2026-11-28T11:00",
        "2026-11-27T01:00:00Z",
    );
    let json = serde_json::to_string(&entry).expect("json");
    assert!(json.contains(r#""status":"waiting""#));
    assert!(
        !json.contains("moved_in_at"),
        "only a moved-in entry says when"
    );
    let back: Booking = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, entry);
}

#[derive(Clone, Debug)]
enum Step {
    Book {
        day: i64,
        slot: i64,
        len: i64,
        people: u32,
    },
    Wait {
        day: i64,
        slot: i64,
        len: i64,
        people: u32,
    },
    Cancel {
        pick: usize,
    },
    Move {
        pick: usize,
        day: i64,
        slot: i64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0i64..3, 0i64..22, 2i64..7, 1u32..50).prop_map(|(day, slot, len, people)| Step::Book {
            day,
            slot,
            len,
            people
        }),
        (0i64..3, 0i64..22, 2i64..7, 1u32..50).prop_map(|(day, slot, len, people)| Step::Wait {
            day,
            slot,
            len,
            people
        }),
        any::<usize>().prop_map(|pick| Step::Cancel { pick }),
        (any::<usize>(), 0i64..3, 0i64..22).prop_map(|(pick, day, slot)| Step::Move {
            pick,
            day,
            slot
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever is booked, waited for, cancelled or moved, a waiting list
    /// never moves in a booking that breaks a rule, never double-books, and
    /// never passes over someone who joined earlier and would have fitted.
    #[test]
    fn a_waiting_list_never_moves_in_a_booking_that_breaks_a_rule(
        steps in proptest::collection::vec(step(), 1..50),
        buffer in prop_oneof![Just(0u16), Just(30)],
        approval in any::<bool>(),
    ) {
        let mut s = space(buffer);
        s.rules.needs_approval = approval;
        let mut ledger: Vec<Booking> = Vec::new();
        let base = at("2026-11-28T08:00");
        let place = |day: i64, slot: i64, len: i64| {
            let start = base.plus_minutes(day * 1440 + slot * 30);
            (start, start.plus_minutes(len * 30))
        };
        for (n, st) in steps.into_iter().enumerate() {
            let t = Timestamp::from_second(1_795_000_000 + n as i64 * 60).expect("ts");
            let mut changed: Option<(Option<Booking>, Booking)> = None;
            match st {
                Step::Book { day, slot, len, people } | Step::Wait { day, slot, len, people } => {
                    let wait = matches!(st, Step::Wait { .. });
                    let mut b = booking(1000 + n as u128, "2026-11-28T08:00", "2026-11-28T09:00");
                    (b.start, b.end) = place(day, slot, len);
                    b.expected_attendees = people;
                    b.meta.created_at = t;
                    if wait {
                        b = b.waiting();
                        if check_waiting(&b, &s, &ledger, now()).is_empty() {
                            ledger.push(b.clone());
                            changed = Some((None, b));
                        }
                    } else if check_booking(&b, &s, &ledger, now()).is_empty() {
                        ledger.push(b);
                    }
                }
                Step::Cancel { pick } if !ledger.is_empty() => {
                    let i = pick % ledger.len();
                    let old = ledger[i].clone();
                    if ledger[i].cancel("test", "", t, &device()) {
                        changed = Some((Some(old), ledger[i].clone()));
                    }
                }
                Step::Move { pick, day, slot } if !ledger.is_empty() => {
                    let i = pick % ledger.len();
                    let old = ledger[i].clone();
                    let mut moved = old.clone();
                    let len = old.start.minutes_until(old.end);
                    moved.start = place(day, slot, 0).0;
                    moved.end = moved.start.plus_minutes(len);
                    if moved.is_live() && check_booking(&moved, &s, &ledger, now()).is_empty() {
                        ledger[i] = moved.clone();
                        changed = Some((Some(old), moved));
                    }
                }
                _ => {}
            }
            let Some((old, new)) = changed else { continue };
            let Some(freed) = freed_by(old.as_ref(), &new) else { continue };
            let before = ledger.clone();
            let moved = moving_in(&s, freed, &ledger, now(), t, &device());
            for m in &moved {
                let i = ledger.iter().position(|b| b.meta.id == m.meta.id).expect("moved one is in the ledger");
                prop_assert!(ledger[i].is_waiting(), "only waiting entries move in");
                ledger[i] = m.clone();
            }
            for m in &moved {
                prop_assert!(check_booking(m, &s, &ledger, now()).is_empty(), "moved in against a rule: {:?}", m);
            }
            prop_assert!(find_collisions(&ledger, |_| buffer).is_empty(), "double booking after step {}", n);
            // Nobody earlier in the queue who would fit now was passed over.
            for w in queue(&s, freed, &before) {
                if moved.iter().any(|m| m.meta.id == w.meta.id) { continue; }
                let mut probe = w.clone();
                probe.move_in(approval, t, &device());
                prop_assert!(!check_booking(&probe, &s, &ledger, now()).is_empty(), "{:?} was passed over", w.meta.id);
            }
        }
    }
}
