//! Erasing a person: gone from every record that held them, the report's
//! numbers unchanged, and never brought back by an older copy, whatever
//! order phones pass their files in. Contact details expiring on their day.

use jiff::Timestamp;
use linli::domain::demo::demo_community;
use linli::domain::expiry::{expire_contacts, DEFAULT_CONTACT_MONTHS};
use linli::domain::report::{month_figures, Directory, Month, MonthFigures, MonthRecords, Scope};
use linli::domain::*;
use linli::exchange::*;
use proptest::prelude::*;

fn ts(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn demo(seed: u64) -> Community {
    demo_community(
        ts("2026-11-27T02:00:00Z"),
        CommunityZone::Shanghai,
        &DeviceId("phone-a".into()),
        seed,
    )
}

fn moment(at: &str, device: &str) -> Moment {
    let now = ts(at);
    Moment {
        now,
        local: CommunityZone::Shanghai.local(now),
        device: DeviceId(device.into()),
    }
}

/// The volunteer with the most assignments: someone the report counts.
fn busiest(c: &Community) -> Volunteer {
    c.volunteers
        .iter()
        .max_by_key(|v| {
            c.assignments
                .iter()
                .filter(|a| a.volunteer_id == v.meta.id)
                .count()
        })
        .cloned()
        .expect("the demo has volunteers")
}

/// The demo, with the person also organising a booking, cancelling
/// another, correcting hours, and named in a shift's note.
fn with_traces_of(mut c: Community, v: &Volunteer) -> Community {
    c.bookings[0].organiser = Organiser::from_volunteer(v);
    c.bookings[0].requested_by = Some("resident-138".into());
    c.bookings[1].status_change = Some(StatusChange {
        by: v.name.clone(),
        reason: "下雨".into(),
        device: None,
        no_show: false,
    });
    if let Some(a) = c
        .assignments
        .iter_mut()
        .find(|a| a.volunteer_id != v.meta.id)
    {
        a.correction = Some(HoursCorrection {
            minutes: 90,
            reason: "忘记签退".into(),
            by: v.name.clone(),
            device: None,
        });
    }
    c.shifts[0].notes = format!("钥匙找{}拿", v.name);
    c
}

/// Every string anywhere in the community, as a file would carry it.
fn all_text(c: &Community) -> String {
    serde_json::to_string(c).expect("json")
}

fn november(c: &Community) -> MonthFigures {
    let directory = Directory {
        spaces: c.spaces.clone(),
        activities: c.activities.clone(),
        volunteers: c.volunteers.clone(),
    };
    let records = MonthRecords {
        month: None,
        bookings: c.bookings.clone(),
        shifts: c.shifts.clone(),
        assignments: c.assignments.clone(),
    };
    let month = Month::new(2026, 11).expect("month");
    let now = moment("2027-01-01T00:00:00Z", "phone-a").local;
    let mut f = month_figures(&directory, &records, month, &Scope::Community, now);
    // Names are what erasure takes; the numbers must stay.
    for row in f.top_volunteers.iter_mut() {
        row.name.clear();
    }
    f
}

#[test]
fn erasing_a_volunteer_takes_them_out_of_every_record_and_keeps_the_numbers() {
    let base = demo(3);
    let person = busiest(&base);
    let c = with_traces_of(base, &person);
    assert!(all_text(&c).contains(&person.name) && all_text(&c).contains(&person.phone));
    let before = november(&c);

    let at = moment("2026-12-08T02:00:00Z", "phone-a");
    let (erasure, writes) = erase(&c, &person.person(), &at, uuid::Uuid::from_u128(77));
    let mut after = apply(&c, &writes);
    after.erasures.push(erasure.clone());

    let text = all_text(&after);
    assert!(!text.contains(&person.name), "the name is nowhere");
    assert!(!text.contains(&person.phone), "nor the phone");
    assert!(!text.contains(&person.room), "nor the room");
    assert!(!text.contains("resident-138"), "nor their server account");
    // The erasure itself holds ids and field names only.
    assert!(!serde_json::to_string(&erasure)
        .expect("json")
        .contains(&person.name));
    let v = after
        .volunteers
        .iter()
        .find(|x| x.meta.id == person.meta.id)
        .expect("the record stays, for the hours");
    assert!(v.is_erased() && !v.active && v.phone.is_empty() && v.room.is_empty());
    assert_eq!(
        (v.teams.clone(), v.joined_on),
        (person.teams.clone(), person.joined_on)
    );
    // Each written record is a change of this phone, newer than before.
    for w in &writes {
        assert_eq!(w.meta().updated_at, at.now);
    }
    // The report's numbers for the month are the same.
    assert_eq!(november(&after), before);
    // Nobody else lost anything: the other volunteers are as they were.
    for (x, y) in c.volunteers.iter().zip(&after.volunteers) {
        if x.meta.id != person.meta.id {
            assert_eq!(x, y);
        }
    }
}

#[test]
fn erasing_a_resident_by_the_phone_on_their_bookings_finds_every_one() {
    let mut c = demo(4);
    let resident = Organiser {
        name: "钱阿姨".into(),
        phone: "139 0000 1234".into(),
        room: "9号楼 101".into(),
        sealed: String::new(),
    };
    c.bookings[2].organiser = resident.clone();
    // Another spelling of the same number, and a different name typed.
    c.bookings[3].organiser = Organiser {
        name: "钱".into(),
        phone: "13900001234".into(),
        ..resident.clone()
    };
    let person = Person {
        volunteer: None,
        name: resident.name.clone(),
        phone: resident.phone.clone(),
    };
    let (erasure, writes) = erase(
        &c,
        &person,
        &moment("2026-12-08T02:00:00Z", "phone-a"),
        uuid::Uuid::from_u128(5),
    );
    let ids: Vec<_> = erasure.records.iter().map(|r| r.id).collect();
    assert!(ids.contains(&c.bookings[2].meta.id) && ids.contains(&c.bookings[3].meta.id));
    let after = apply(&c, &writes);
    for b in &after.bookings[2..4] {
        assert_eq!(
            (
                b.organiser.name.as_str(),
                b.organiser.phone.as_str(),
                b.organiser.room.as_str()
            ),
            (ERASED, "", "")
        );
        assert_eq!(
            b.title,
            c.bookings[2..4]
                .iter()
                .find(|x| x.meta.id == b.meta.id)
                .map(|x| x.title.clone())
                .unwrap_or_default(),
            "the booking itself stays"
        );
    }
}

#[test]
fn an_older_backup_imported_after_the_erasure_does_not_bring_the_person_back() {
    let base = demo(5);
    let person = busiest(&base);
    let old_backup = with_traces_of(base, &person);
    let (erasure, writes) = erase(
        &old_backup,
        &person.person(),
        &moment("2026-12-08T02:00:00Z", "phone-a"),
        uuid::Uuid::from_u128(9),
    );
    let mut here = apply(&old_backup, &writes);
    here.erasures.push(erasure);
    let plan = plan_import(&here, &old_backup);
    assert!(
        plan.changes_nothing(),
        "the old copies come in erased, and lose"
    );
    // The preview says what the erasure kept out.
    let kept_out: usize = plan.counts.values().map(|k| k.erased).sum();
    assert!(kept_out >= 4, "{kept_out}");
    // Even where the old copy is newer than the erasure (an edit made on
    // a phone that had not heard of it), it comes in erased.
    let mut edited = old_backup.clone();
    let v = edited
        .volunteers
        .iter_mut()
        .find(|v| v.meta.id == person.meta.id)
        .expect("there");
    v.room = "12号楼 1201".into();
    v.meta
        .touch(ts("2026-12-09T00:00:00Z"), &DeviceId("phone-c".into()));
    let after = apply(&here, &plan_import(&here, &edited).writes);
    assert!(!all_text(&after).contains(&person.name));
    assert!(!all_text(&after).contains("12号楼 1201"));
}

/// Random edits of one phone, made later than the erasure, some of them to
/// the erased person's own records.
fn edit(c: &mut Community, device: &str, seed: u64, person: &Volunteer) {
    let mut ids = SeededIds::new(seed);
    let d = DeviceId(device.into());
    let at = Timestamp::from_second(1_800_000_000 + (ids.below(1000) * 60) as i64).expect("ts");
    for _ in 0..6 {
        match ids.below(4) {
            0 => {
                let i = ids.below(c.bookings.len() as u64) as usize;
                c.bookings[i].title = format!("{device} {}", ids.below(100));
                c.bookings[i].meta.touch(at, &d);
            }
            1 => {
                // The person's record, edited by someone who knows nothing.
                if let Some(v) = c
                    .volunteers
                    .iter_mut()
                    .find(|v| v.meta.id == person.meta.id)
                {
                    v.notes = format!("{device} 的备注");
                    v.meta.touch(at, &d);
                }
            }
            2 => {
                let i = ids.below(c.shifts.len() as u64) as usize;
                c.shifts[i].notes = format!("{device} note");
                c.shifts[i].meta.touch(at, &d);
            }
            _ => {
                if let Some(b) = c.bookings.iter_mut().find(|b| b.organiser.is(person)) {
                    b.purpose = format!("{device} 改了用途");
                    b.meta.touch(at, &d);
                }
            }
        }
    }
}

fn sorted(c: Community) -> Community {
    let mut records = c.into_records();
    records.sort_by_key(|r| (r.kind(), r.meta().id));
    Community::from_records(records)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn an_erasure_wins_over_every_older_copy_in_any_order(seed_b in 0u64..1000, seed_c in 0u64..1000, erase_at in 0i64..2000) {
        let base = demo(5);
        let person = busiest(&base);
        let base = with_traces_of(base, &person);
        let (mut a, mut b, mut c) = (base.clone(), base.clone(), base.clone());
        // Phone A erases the person, at a time before, among or after the
        // others' edits.
        let when = Timestamp::from_second(1_800_000_000 + erase_at * 30).expect("ts");
        let at = Moment { now: when, local: CommunityZone::Shanghai.local(when), device: DeviceId("phone-a".into()) };
        let (erasure, writes) = erase(&a, &person.person(), &at, uuid::Uuid::from_u128(1));
        a = apply(&a, &writes);
        a.erasures.push(erasure);
        edit(&mut b, "phone-b", seed_b, &person);
        edit(&mut c, "phone-c", seed_c, &person);
        let import = |here: &Community, file: &Community| apply(here, &plan_import(here, file).writes);
        let at_a = sorted(import(&import(&a, &b), &c));
        for (here, first, second) in [(&b, &c, &a), (&c, &a, &b), (&a, &c, &b), (&b, &a, &c), (&c, &b, &a)] {
            prop_assert_eq!(&at_a, &sorted(import(&import(here, first), second)));
        }
        // Old files passed on: C hears of the erasure through B.
        prop_assert_eq!(&at_a, &sorted(import(&c, &import(&b, &a))));
        // And B's and C's old files, imported again anywhere, change nothing.
        for file in [&b, &c, &base] {
            prop_assert!(plan_import(&at_a, file).changes_nothing());
        }
        let text = all_text(&at_a);
        prop_assert!(!text.contains(&person.name) && !text.contains(&person.phone));
    }
}

#[test]
fn contacts_expire_exactly_on_their_day_and_nothing_else_changes() {
    let mut c = demo(6);
    // A walk-in whose only shift is the demo's earliest.
    let first = c
        .shifts
        .iter()
        .min_by_key(|s| s.end)
        .cloned()
        .expect("a shift");
    let mut walk_in = c.volunteers[0].clone();
    walk_in.meta.id = uuid::Uuid::from_u128(4242);
    walk_in.walk_in = true;
    walk_in.phone = "137 1111 2222".into();
    c.volunteers.push(walk_in.clone());
    let mut a = c.assignments[0].clone();
    a.meta.id = uuid::Uuid::from_u128(4243);
    a.volunteer_id = walk_in.meta.id;
    a.shift_id = first.meta.id;
    c.assignments.push(a);

    let latest_end = c.bookings.iter().map(|b| b.end).max().expect("bookings");
    let earliest_end = c.bookings.iter().map(|b| b.end).min().expect("bookings");
    // Run on each day from the first booking's end to six months after
    // the last: a booking's contact goes on the day six months after it
    // ended, never before.
    let last_day = latest_end
        .date()
        .checked_add(jiff::Span::new().months(6))
        .expect("date");
    let mut days = vec![earliest_end.date()];
    while days[days.len() - 1] < last_day {
        let next = days[days.len() - 1]
            .checked_add(jiff::Span::new().days(7))
            .expect("next week");
        days.push(next.min(last_day));
    }
    for day in days {
        let noon = LocalDateTime::new(day, ClockTime::from_hm(12, 0).expect("noon"))
            .to_timestamp(&CommunityZone::Shanghai.time_zone())
            .expect("instant");
        let at = Moment {
            now: noon,
            local: CommunityZone::Shanghai.local(noon),
            device: DeviceId("phone-b".into()),
        };
        let written = expire_contacts(&c, DEFAULT_CONTACT_MONTHS, &at);
        for w in &written {
            match w {
                AnyRecord::Booking(b) => {
                    let old = c
                        .bookings
                        .iter()
                        .find(|x| x.meta.id == b.meta.id)
                        .expect("old");
                    let due = old
                        .end
                        .date()
                        .checked_add(jiff::Span::new().months(6))
                        .expect("due");
                    assert!(day >= due, "{} expired on {day}, due {due}", old.title);
                    assert!(
                        b.organiser.phone.is_empty()
                            && b.organiser.room.is_empty()
                            && b.organiser.sealed.is_empty()
                    );
                    // Only the contact, and the change's stamp.
                    let mut same = b.clone();
                    same.organiser.phone.clone_from(&old.organiser.phone);
                    same.organiser.room.clone_from(&old.organiser.room);
                    same.organiser.sealed.clone_from(&old.organiser.sealed);
                    same.meta = old.meta.clone();
                    assert_eq!(&same, old);
                    assert_eq!(b.meta.updated_at, noon);
                }
                AnyRecord::Volunteer(v) => {
                    assert_eq!(v.meta.id, walk_in.meta.id, "only the walk-in");
                    let due = first
                        .end
                        .date()
                        .checked_add(jiff::Span::new().months(6))
                        .expect("due");
                    assert!(day >= due);
                    assert!(v.phone.is_empty() && v.name == walk_in.name);
                }
                other => panic!("{:?} was not to expire", other.kind()),
            }
        }
        // What was due and still held a contact was written.
        for b in &c.bookings {
            let due = b
                .end
                .date()
                .checked_add(jiff::Span::new().months(6))
                .expect("due");
            let held = !(b.organiser.phone.is_empty()
                && b.organiser.room.is_empty()
                && b.organiser.sealed.is_empty());
            let was_written = written.iter().any(|w| w.meta().id == b.meta.id);
            assert_eq!(
                was_written,
                held && day >= due && !b.meta.deleted,
                "{} on {day}",
                b.title
            );
        }
        c = apply(&c, &written);
    }
    assert!(
        c.bookings
            .iter()
            .filter(|b| !b.meta.deleted)
            .all(|b| b.organiser.phone.is_empty()),
        "all gone in the end"
    );
    // Set to 0, nothing ever expires.
    let far = moment("2040-01-01T00:00:00Z", "phone-b");
    assert!(expire_contacts(&demo(6), 0, &far).is_empty());
}

#[test]
fn what_is_held_about_a_person_is_what_erasing_them_would_take() {
    use linli::domain::held_about::held_about;
    let base = demo(3);
    let person = busiest(&base);
    let c = with_traces_of(base, &person);
    let held = held_about(&c, &person.person());
    assert_eq!(
        held.volunteer.as_ref().map(|v| v.meta.id),
        Some(person.meta.id)
    );
    assert!(
        held.bookings
            .iter()
            .any(|b| b.meta.id == c.bookings[0].meta.id),
        "the booking they made"
    );
    let theirs = c
        .assignments
        .iter()
        .filter(|a| a.volunteer_id == person.meta.id && !a.meta.deleted)
        .count();
    assert_eq!(held.shifts.len(), theirs, "every shift of theirs");
    assert_eq!(
        held.total_minutes,
        held.shifts.iter().map(|s| s.minutes).sum::<i64>()
    );
    // The status change, the hours correction and the note that name them.
    let kinds: Vec<RecordKind> = held.mentions.iter().map(|m| m.kind).collect();
    for kind in [
        RecordKind::Booking,
        RecordKind::Assignment,
        RecordKind::Shift,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    // Once erased, nothing is found under their name or phone.
    let (_, writes) = erase(
        &c,
        &person.person(),
        &moment("2026-12-08T02:00:00Z", "phone-a"),
        uuid::Uuid::from_u128(8),
    );
    let after = apply(&c, &writes);
    let again = held_about(
        &after,
        &Person {
            volunteer: None,
            name: person.name.clone(),
            phone: person.phone.clone(),
        },
    );
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn another_person_whose_name_contains_theirs_keeps_everything() {
    let mut c = demo(7);
    c.volunteers[0].name = "王芳".into();
    c.volunteers[0].phone = "13800000001".into();
    c.volunteers[1].name = "王芳芳".into();
    c.volunteers[1].phone = "13800000002".into();
    c.bookings[0].organiser = Organiser::from_volunteer(&c.volunteers[1]);
    let (_, writes) = erase(
        &c,
        &c.volunteers[0].person(),
        &moment("2026-12-08T02:00:00Z", "phone-a"),
        uuid::Uuid::from_u128(3),
    );
    let after = apply(&c, &writes);
    assert_eq!(after.volunteers[1], c.volunteers[1]);
    assert_eq!(after.bookings[0], c.bookings[0]);
    assert!(after.volunteers[0].is_erased());
}

#[test]
fn a_roster_passed_on_carries_the_erasure_of_anyone_on_it() {
    use linli::exchange::slices::roster;
    let old = demo(3);
    let person = busiest(&old);
    let (erasure, writes) = erase(
        &old,
        &person.person(),
        &moment("2026-12-08T02:00:00Z", "phone-a"),
        uuid::Uuid::from_u128(4),
    );
    let mut here = apply(&old, &writes);
    here.erasures.push(erasure.clone());
    let shift = old
        .assignments
        .iter()
        .find(|a| a.volunteer_id == person.meta.id)
        .and_then(|a| old.shifts.iter().find(|s| s.meta.id == a.shift_id))
        .expect("a shift of theirs");
    let slice = roster(&here, shift.activity_id);
    assert_eq!(
        slice.erasures,
        vec![erasure],
        "the erasure goes with the roster"
    );
    // An activity nobody erased served carries none.
    if let Some(other) = old.activities.iter().find(|a| {
        !old.shifts.iter().any(|s| {
            s.activity_id == a.meta.id
                && old
                    .assignments
                    .iter()
                    .any(|x| x.shift_id == s.meta.id && x.volunteer_id == person.meta.id)
        })
    }) {
        assert!(roster(&here, other.meta.id).erasures.is_empty());
    }
    // A phone with the old copy that imports the roster erases them.
    let there = apply(&old, &plan_import(&old, &slice).writes);
    let there = Community {
        erasures: vec![],
        ..there
    };
    assert!(!all_text(&there).contains(&person.phone));
}
