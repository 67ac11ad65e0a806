//! The exchange file: round trip, versions, hostile input, validation with
//! places, the merge (idempotent, order-independent, tombstones) and its
//! conflicts; and the JSON Schema in public/ kept in step with the types.

use jiff::Timestamp;
use linli::domain::demo::demo_community;
use linli::domain::*;
use linli::exchange::format::MAX_FILE_BYTES;
use linli::exchange::*;
use proptest::prelude::*;

fn ts(s: &str) -> Timestamp {
    s.parse().expect("ts")
}

fn demo(seed: u64) -> Community {
    demo_community(
        ts("2026-11-27T02:00:00Z"),
        CommunityZone::Shanghai,
        &DeviceId("phone-a".into()),
        seed,
    )
}

/// Settled on phone A by nobody in particular, at `at`.
fn settler(at: &str) -> Settler<'static> {
    static PHONE_A: std::sync::LazyLock<DeviceId> =
        std::sync::LazyLock::new(|| DeviceId("phone-a".into()));
    Settler {
        by: "",
        reason: "导入时发现冲突",
        at: ts(at),
        device: &PHONE_A,
    }
}

fn doc(records: Community) -> ExchangeDocument {
    ExchangeDocument::new(
        records,
        Covers::Everything,
        ts("2026-11-27T03:00:00Z"),
        &DeviceId("phone-a".into()),
    )
}

#[test]
fn a_backup_reads_back_exactly() {
    let d = doc(demo(1));
    let text = d.to_json();
    assert_eq!(read_document(&text), Ok(d.clone()));
    // A byte-order mark (Windows editors add one) does not matter.
    assert_eq!(read_document(&format!("\u{feff}{text}")), Ok(d.clone()));
    // Read as the phone reads a chosen file: its bytes.
    assert_eq!(read_document_bytes(text.as_bytes()), Ok(d.clone()));
    assert_eq!(
        read_document_bytes(format!("\u{feff}{text}").as_bytes()),
        Ok(d)
    );
}

#[test]
fn bytes_that_are_not_utf8_are_refused_where_they_start() {
    let text = doc(demo(1)).to_json();
    let pretty = text.replacen(",", ",\n", 3);
    let mut bytes = pretty.into_bytes();
    // A Latin-1 "é" inside the fourth line, after `"x`.
    let fourth = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .map(|(i, _)| i + 1)
        .expect("three line breaks");
    bytes.splice(fourth..fourth, *b"\"x\xe9\",");
    assert_eq!(
        read_document_bytes(&bytes),
        Err(ReadError::NotJson { line: 4, column: 3 })
    );
}

#[test]
fn a_sound_header_then_broken_json_says_where_it_breaks() {
    let whole = doc(demo(1)).to_json();
    assert!(whole.starts_with("{\"header\":"), "the header comes first");
    let broken = whole.replacen("\"records\":{", "\"records\":{,", 1);
    let at = broken.find(":{,").expect("the break") + 3;
    assert_eq!(
        read_document(&broken),
        Err(ReadError::NotJson {
            line: 1,
            column: at
        })
    );
}

#[test]
fn newer_files_foreign_files_and_broken_json_are_refused_with_the_reason() {
    let mut value: serde_json::Value = serde_json::from_str(&doc(demo(1)).to_json()).expect("json");
    value["header"]["format_version"] = serde_json::json!(FORMAT_VERSION + 1);
    assert_eq!(
        read_document(&value.to_string()),
        Err(ReadError::TooNew {
            version: FORMAT_VERSION + 1
        })
    );
    assert_eq!(read_document(r#"{"hello": 1}"#), Err(ReadError::NotLinli));
    assert_eq!(
        read_document("[1, 2"),
        Err(ReadError::NotJson { line: 1, column: 5 })
    );
    assert_eq!(
        read_document(""),
        Err(ReadError::NotJson { line: 1, column: 0 })
    );
    assert_eq!(
        read_document("[1, 2]"),
        Err(ReadError::NotLinli),
        "wrong top-level type"
    );
    let huge = " ".repeat(MAX_FILE_BYTES + 1);
    assert_eq!(
        read_document(&huge),
        Err(ReadError::TooLarge {
            limit_bytes: MAX_FILE_BYTES
        })
    );
    // Truncated: a file cut off in the middle of a record.
    let whole = doc(demo(1)).to_json();
    let cut = (0..=whole.len() / 2)
        .rev()
        .find(|i| whole.is_char_boundary(*i))
        .unwrap_or(0);
    assert!(matches!(
        read_document(&whole[..cut]),
        Err(ReadError::NotJson { .. })
    ));
    // A missing required field names the record it is missing from.
    let mut value: serde_json::Value = serde_json::from_str(&whole).expect("json");
    value["records"]["spaces"][0]
        .as_object_mut()
        .expect("object")
        .remove("capacity");
    match read_document(&value.to_string()) {
        Err(ReadError::Malformed { path, .. }) => assert_eq!(path, "records.spaces[0]"),
        other => panic!("expected a malformed file, got {other:?}"),
    }
    // A wrong type names the field.
    let mut value: serde_json::Value = serde_json::from_str(&whole).expect("json");
    value["records"]["volunteers"][0]["active"] = serde_json::json!("yes");
    match read_document(&value.to_string()) {
        Err(ReadError::Malformed { path, .. }) => {
            assert_eq!(path, "records.volunteers[0].active")
        }
        other => panic!("expected a malformed file, got {other:?}"),
    }

    // A Linli file with an impossible time names the place.
    let mut value: serde_json::Value = serde_json::from_str(&doc(demo(1)).to_json()).expect("json");
    value["records"]["bookings"][3]["start"] = serde_json::json!("2026-12-01T25:00");
    match read_document(&value.to_string()) {
        Err(ReadError::Malformed { path, .. }) => assert_eq!(path, "records.bookings[3].start"),
        other => panic!("expected a malformed file, got {other:?}"),
    }
}

#[test]
fn validation_names_the_record_the_field_and_the_reason() {
    let local = Community::default();
    assert_eq!(validate(&demo(1), &local), vec![]);
    let mut file = demo(1);
    file.bookings[2].end = file.bookings[2].start;
    file.assignments[5].shift_id = uuid::Uuid::from_u128(42);
    file.spaces[1].capacity = 0;
    let dup = file.volunteers[0].clone();
    file.volunteers.push(dup);
    let problems = validate(&file, &local);
    let places: Vec<(RecordKind, usize, &str, ProblemReason)> = problems
        .iter()
        .map(|p| (p.kind, p.position, p.field, p.reason))
        .collect();
    assert!(places.contains(&(
        RecordKind::Booking,
        2,
        "end",
        ProblemReason::EndNotAfterStart
    )));
    assert!(places.contains(&(
        RecordKind::Assignment,
        5,
        "shift_id",
        ProblemReason::MissingReference(RecordKind::Shift)
    )));
    assert!(places.contains(&(
        RecordKind::Space,
        1,
        "capacity",
        ProblemReason::CapacityZero
    )));
    let last = file.volunteers.len() - 1;
    assert!(places.contains(&(
        RecordKind::Volunteer,
        last,
        "id",
        ProblemReason::DuplicateId
    )));
    // Absurd text and two bookings of one space at once in the file.
    let mut odd = demo(1);
    odd.volunteers[3].name = "长".repeat(10_000);
    let mut twin = odd
        .bookings
        .iter()
        .find(|b| b.is_live())
        .expect("live")
        .clone();
    twin.meta.id = uuid::Uuid::from_u128(0x7717);
    odd.bookings.push(twin);
    let problems = validate(&odd, &local);
    assert!(problems.iter().any(|p| p.kind == RecordKind::Volunteer
        && p.position == 3
        && p.field == "name"
        && p.reason == ProblemReason::TooLong { limit: 2000 }));
    let last = odd.bookings.len() - 1;
    assert!(problems.iter().any(|p| p.kind == RecordKind::Booking
        && p.position == last
        && p.reason == ProblemReason::OverlapsInFile));
    // A roster file may point at volunteers this phone already has.
    let mut roster = Community::default();
    roster.assignments.push(demo(1).assignments[0].clone());
    let here = demo(1);
    assert_eq!(validate(&roster, &here), vec![]);
}

#[test]
fn importing_the_same_file_twice_changes_nothing_and_later_edits_win() {
    let base = demo(3);
    let first = plan_import(&Community::default(), &base);
    assert_eq!(first.counts[&RecordKind::Booking].new, base.bookings.len());
    let after = apply(&Community::default(), &first.writes);
    let again = plan_import(&after, &base);
    assert!(again.changes_nothing());
    assert_eq!(
        again.counts[&RecordKind::Volunteer].unchanged,
        base.volunteers.len()
    );

    // Phone B edits a booking later; phone A deleted a volunteer later still.
    let mut theirs = base.clone();
    let b = DeviceId("phone-b".into());
    theirs.bookings[0].title = "改过的标题".into();
    theirs.bookings[0]
        .meta
        .touch(ts("2026-11-28T00:00:00Z"), &b);
    theirs.volunteers[0].notes = "older edit".into();
    theirs.volunteers[0]
        .meta
        .touch(ts("2026-11-28T00:00:00Z"), &b);
    let mut mine = base.clone();
    mine.volunteers[0]
        .meta
        .tombstone(ts("2026-11-29T00:00:00Z"), &DeviceId("phone-a".into()));
    let plan = plan_import(&mine, &theirs);
    assert_eq!(plan.counts[&RecordKind::Booking].changed, 1);
    assert_eq!(
        plan.counts[&RecordKind::Volunteer].changed,
        0,
        "the later tombstone wins"
    );
    let merged = apply(&mine, &plan.writes);
    assert_eq!(merged.bookings[0].title, "改过的标题");
    assert!(merged.volunteers[0].meta.deleted);
    // The other way round: a tombstone in the file deletes here.
    let plan = plan_import(&theirs, &mine);
    assert_eq!(plan.counts[&RecordKind::Volunteer].deleted, 1);
}

#[test]
fn a_double_booked_slot_is_a_conflict_and_each_resolution_does_what_it_says() {
    let base = demo(4);
    let device = DeviceId("phone-b".into());
    let mine_booking = base
        .bookings
        .iter()
        .find(|b| b.is_live())
        .expect("a live booking")
        .clone();
    let mut theirs = mine_booking.clone();
    theirs.meta = Meta::new(
        uuid::Uuid::from_u128(0xBEEF),
        ts("2026-11-28T00:00:00Z"),
        &device,
    );
    theirs.title = "另一场活动".into();
    let file = Community {
        bookings: vec![theirs.clone()],
        ..Community::default()
    };
    let plan = plan_import(&base, &file);
    assert_eq!(plan.conflicts.len(), 1);
    assert!(
        matches!(&plan.conflicts[0], Conflict::Booking { mine, .. } if mine.meta.id == mine_booking.meta.id)
    );
    let check = |choice: Resolution| {
        let writes = resolve(&plan, &[choice], settler("2026-11-28T01:00:00Z"));
        let merged = apply(&base, &writes);
        // The choice leaves a trace that wins over both versions: the
        // same file again changes nothing and asks nothing.
        let again = plan_import(&merged, &file);
        assert!(
            again.changes_nothing(),
            "{choice:?}: the file again changes nothing"
        );
        assert!(again.conflicts.is_empty(), "{choice:?}: and asks nothing");
        let loser = merged
            .bookings
            .iter()
            .find(|b| {
                b.status == BookingStatus::Cancelled
                    && [mine_booking.meta.id, theirs.meta.id].contains(&b.meta.id)
            })
            .expect("the losing booking is kept, cancelled");
        let why = loser.status_change.clone().expect("with why");
        assert_eq!(why.reason, "导入时发现冲突");
        assert_eq!(
            why.changed_by(&DeviceId("phone-a".into())),
            ChangedBy::ThisPhone("phone-a".into()),
            "and which phone settled it"
        );
        let status = |id| {
            merged
                .bookings
                .iter()
                .find(|b| b.meta.id == id)
                .map(|b| b.status)
        };
        let live = merged
            .bookings
            .iter()
            .filter(|b| b.is_live())
            .cloned()
            .collect::<Vec<_>>();
        assert!(
            find_collisions(&live, |_| 0).is_empty(),
            "{choice:?} leaves no overlap"
        );
        (status(mine_booking.meta.id), status(theirs.meta.id))
    };
    assert_eq!(
        check(Resolution::KeepMine),
        (Some(mine_booking.status), Some(BookingStatus::Cancelled))
    );
    assert_eq!(
        check(Resolution::TakeTheirs),
        (Some(BookingStatus::Cancelled), Some(theirs.status))
    );
}

/// Random edits of one phone, made with `touch` like the app makes them.
fn edit(c: &mut Community, device: &str, seed: u64) {
    let mut ids = SeededIds::new(seed);
    let d = DeviceId(device.into());
    let at = Timestamp::from_second(1_800_000_000 + (ids.below(1000) * 60) as i64).expect("ts");
    for _ in 0..6 {
        match ids.below(4) {
            0 if !c.bookings.is_empty() => {
                let i = ids.below(c.bookings.len() as u64) as usize;
                c.bookings[i].title = format!("{device} {}", ids.below(100));
                c.bookings[i].meta.touch(at, &d);
            }
            1 if !c.volunteers.is_empty() => {
                let i = ids.below(c.volunteers.len() as u64) as usize;
                c.volunteers[i].meta.tombstone(at, &d);
            }
            2 if !c.shifts.is_empty() => {
                let i = ids.below(c.shifts.len() as u64) as usize;
                c.shifts[i].notes = format!("{device} note");
                c.shifts[i].meta.touch(at, &d);
            }
            _ => {
                let mut v = c.volunteers[0].clone();
                v.meta = Meta::new(ids.next_id(), at, &d);
                v.name = format!("新人 {device}");
                c.volunteers.push(v);
            }
        }
    }
}

fn sorted(mut c: Community) -> Community {
    c.spaces.sort_by_key(|r| r.meta.id);
    c.bookings.sort_by_key(|r| r.meta.id);
    c.volunteers.sort_by_key(|r| r.meta.id);
    c.activities.sort_by_key(|r| r.meta.id);
    c.shifts.sort_by_key(|r| r.meta.id);
    c.assignments.sort_by_key(|r| r.meta.id);
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn phones_that_swap_files_in_any_order_end_up_the_same(seed_a in 0u64..1000, seed_b in 0u64..1000, seed_c in 0u64..1000) {
        let base = demo(5);
        let (mut a, mut b, mut c) = (base.clone(), base.clone(), base.clone());
        edit(&mut a, "phone-a", seed_a);
        edit(&mut b, "phone-b", seed_b);
        edit(&mut c, "phone-c", seed_c);
        let import = |here: &Community, file: &Community| apply(here, &plan_import(here, file).writes);
        // Phone A receives B then C; phone B receives C then A; phone C receives A then B.
        let at_a = import(&import(&a, &b), &c);
        let at_b = import(&import(&b, &c), &a);
        let at_c = import(&import(&c, &a), &b);
        prop_assert_eq!(sorted(at_a.clone()), sorted(at_b));
        prop_assert_eq!(sorted(at_a.clone()), sorted(at_c));
        // The other order of each pair of files gives the same too.
        for (here, first, second) in [(&a, &c, &b), (&b, &a, &c), (&c, &b, &a)] {
            prop_assert_eq!(sorted(at_a.clone()), sorted(import(&import(here, first), second)));
        }
        // Files passed on: B forwards what it holds after hearing from A.
        let relayed = import(&c, &import(&b, &a));
        prop_assert_eq!(sorted(at_a.clone()), sorted(relayed));
        // And importing any of the files again changes nothing.
        for file in [&a, &b, &c] {
            prop_assert!(plan_import(&at_a, file).changes_nothing());
        }
    }
}

#[test]
fn the_published_json_schema_matches_the_record_types() {
    let schema = linli::exchange::schema::exchange_schema();
    let text = serde_json::to_string_pretty(&schema).expect("schema") + "\n";
    // Only standard formats: a strict validator knows nothing else.
    for format in text
        .match_indices("\"format\": \"")
        .map(|(i, _)| &text[i + 11..])
    {
        let name = format.split('"').next().unwrap_or_default();
        assert!(
            ["uuid", "date-time", "date"].contains(&name),
            "non-standard format {name}"
        );
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/linli-exchange.schema.json"
    );
    if std::env::var_os("LINLI_WRITE_SCHEMA").is_some() {
        std::fs::write(path, &text).expect("write the schema");
    }
    let published = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        published == text,
        "public/linli-exchange.schema.json is out of date: run LINLI_WRITE_SCHEMA=1 cargo test --test exchange"
    );
}

#[test]
fn a_roster_slice_carries_its_volunteers_and_imports_cleanly_into_an_empty_phone() {
    use linli::exchange::slices::*;
    let c = demo(6);
    let fair = c
        .activities
        .iter()
        .find(|a| a.title == "美食节")
        .expect("美食节");
    let slice = roster(&c, fair.meta.id);
    assert_eq!(slice.activities.len(), 1);
    assert_eq!(slice.shifts.len(), 6);
    assert!(!slice.assignments.is_empty());
    assert!(slice
        .assignments
        .iter()
        .all(|a| slice.volunteers.iter().any(|v| v.meta.id == a.volunteer_id)));
    assert_eq!(validate(&slice, &Community::default()), vec![]);

    let mut shared = slice.clone();
    redact(&mut shared);
    assert!(shared
        .volunteers
        .iter()
        .all(|v| v.phone.is_empty() && v.room.is_empty()));
    assert!(slice.volunteers.iter().any(|v| !v.phone.is_empty()));

    let space = c.spaces[0].meta.id;
    let from = jiff::civil::date(2026, 11, 27);
    let to = jiff::civil::date(2026, 12, 3);
    let week = space_bookings(&c, space, from, to);
    assert_eq!(week.spaces.len(), 1);
    assert!(week
        .bookings
        .iter()
        .all(|b| b.space_id == space && b.start.date() >= from && b.start.date() <= to));
    assert_eq!(validate(&week, &Community::default()), vec![]);
}

#[test]
fn csv_has_a_bom_quotes_commas_and_counts_hours() {
    use linli::exchange::csv_export::*;
    let mut c = demo(7);
    let fair = c
        .activities
        .iter()
        .find(|a| a.title == "美食节")
        .expect("美食节")
        .meta
        .id;
    let shift = c
        .shifts
        .iter()
        .find(|s| s.activity_id == fair)
        .expect("shift")
        .clone();
    let a = c
        .assignments
        .iter_mut()
        .find(|a| a.shift_id == shift.meta.id)
        .expect("someone on it");
    a.record_check_in(
        shift.start,
        ts("2026-12-01T00:00:00Z"),
        &DeviceId("x".into()),
    );
    a.record_check_out(
        shift.start.plus_minutes(90),
        ts("2026-12-01T00:00:00Z"),
        &DeviceId("x".into()),
    );
    let volunteer = a.volunteer_id;
    if let Some(v) = c.volunteers.iter_mut().find(|v| v.meta.id == volunteer) {
        v.name = "王, \"小\"芳".into();
    }
    let text = roster_csv(
        &c,
        fair,
        &["日期", "时间", "岗位", "志愿者", "电话", "状态", "时长"],
        |s| format!("{s:?}"),
    );
    assert!(text.starts_with("\u{feff}日期,时间,岗位,志愿者,电话,状态,时长\n"));
    assert!(text.contains("\"王, \"\"小\"\"芳\""), "{text}");
    assert!(text.contains("Completed,1.50"), "{text}");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert!(reader
        .records()
        .all(|r| r.map(|r| r.len() == 7).unwrap_or(false)));
}

#[test]
fn ics_events_have_stable_uids_and_utc_times() {
    use linli::exchange::ics::*;
    let c = demo(8);
    let b = c.bookings.iter().find(|b| b.is_live()).expect("live");
    let event = CalendarEvent::of_booking(b, "安家院儿, 一楼");
    let text = calendar("邻里", &[event], CommunityZone::Shanghai);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains(&format!("UID:booking-{}@linli\r\n", b.meta.id)));
    // Shanghai is eight hours ahead of UTC all year.
    let start = b.start.plus_minutes(-8 * 60);
    let expected = format!(
        "DTSTART:{}{:02}{:02}T{:02}{:02}00Z",
        start.date().year(),
        start.date().month(),
        start.date().day(),
        start.clock().hour(),
        start.clock().minute()
    );
    assert!(text.contains(&expected), "{text}");
    assert!(text.contains("LOCATION:安家院儿\\, 一楼"));
    assert!(text.lines().all(|l| l.len() <= 76), "lines are folded");
    // The same record exported again after a change keeps its UID.
    let mut later = b.clone();
    later.title = "改期".into();
    later
        .meta
        .touch(ts("2026-12-01T00:00:00Z"), &DeviceId("x".into()));
    let again = calendar(
        "邻里",
        &[CalendarEvent::of_booking(&later, "安家院儿")],
        CommunityZone::Shanghai,
    );
    assert!(again.contains(&format!("UID:booking-{}@linli", b.meta.id)));
}

#[test]
fn an_event_with_a_reminder_carries_one_valarm_and_a_cancelled_one_none() {
    use linli::exchange::ics::*;
    let c = demo(8);
    let shift = c.shifts.iter().find(|s| !s.meta.deleted).expect("a shift");
    let text = calendar(
        "我的班次",
        &[CalendarEvent::of_shift(shift, "美食节").reminding(60)],
        CommunityZone::Shanghai,
    );
    let alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
    assert_eq!(text.matches(alarm).count(), 1, "{text}");
    assert!(
        text.contains("TRIGGER:-PT60M\r\nEND:VALARM\r\nEND:VEVENT"),
        "{text}"
    );
    // 0 is "no reminder"; a cancelled event never rings.
    let none = calendar(
        "我的班次",
        &[CalendarEvent::of_shift(shift, "美食节").reminding(0)],
        CommunityZone::Shanghai,
    );
    assert!(!none.contains("VALARM"));
    let mut gone = shift.clone();
    gone.meta.deleted = true;
    let cancelled = calendar(
        "我的班次",
        &[CalendarEvent::of_shift(&gone, "美食节").reminding(30)],
        CommunityZone::Shanghai,
    );
    assert!(cancelled.contains("STATUS:CANCELLED") && !cancelled.contains("VALARM"));
}

#[test]
fn a_volunteer_put_into_overlapping_shifts_by_a_file_is_a_conflict() {
    let here = demo(9);
    let mine = here
        .assignments
        .iter()
        .find(|a| a.counts_toward_coverage())
        .expect("someone on a shift")
        .clone();
    let shift = here
        .shifts
        .iter()
        .find(|s| s.meta.id == mine.shift_id)
        .expect("shift")
        .clone();
    let other_shift = here
        .shifts
        .iter()
        .find(|s| s.meta.id != shift.meta.id && s.start < shift.end && shift.start < s.end)
        .cloned();
    // A new shift at the same time, from the other phone, with the same volunteer on it.
    let device = DeviceId("phone-b".into());
    let mut theirs_shift = other_shift.unwrap_or_else(|| shift.clone());
    theirs_shift.meta = Meta::new(
        uuid::Uuid::from_u128(0x5EED),
        ts("2026-11-28T00:00:00Z"),
        &device,
    );
    let theirs = Assignment::new(
        Meta::new(
            uuid::Uuid::from_u128(0xA5A5),
            ts("2026-11-28T00:00:00Z"),
            &device,
        ),
        theirs_shift.meta.id,
        mine.volunteer_id,
    );
    let file = Community {
        shifts: vec![theirs_shift],
        assignments: vec![theirs.clone()],
        ..Community::default()
    };
    let plan = plan_import(&here, &file);
    assert!(plan.conflicts.iter().any(|c| matches!(c,
        Conflict::Shifts { volunteer, mine: (m, _), theirs: (t, _) }
            if *volunteer == mine.volunteer_id && m.meta.id == mine.meta.id && t.meta.id == theirs.meta.id)));
    let writes = resolve(
        &plan,
        &vec![Resolution::KeepMine; plan.conflicts.len()],
        settler("2026-11-28T01:00:00Z"),
    );
    let merged = apply(&here, &writes);
    let kept = merged
        .assignments
        .iter()
        .find(|a| a.meta.id == theirs.meta.id)
        .expect("theirs kept");
    assert_eq!(kept.status, AssignmentStatus::Cancelled);
    let again = plan_import(&merged, &file);
    assert!(
        again.changes_nothing() && again.conflicts.is_empty(),
        "the file again asks nothing"
    );
}

/// What a phone does at the front desk: new bookings and moved ones, each
/// checked against this phone's own bookings as the app checks them, on a
/// few busy mornings so that two phones often take the same slot.
fn book_like_a_phone(c: &mut Community, device: &str, seed: u64) {
    let mut ids = SeededIds::new(seed);
    let d = DeviceId(device.into());
    let at = Timestamp::from_second(1_800_000_000 + (ids.below(1000) * 60) as i64).expect("ts");
    let space = c.spaces[0].clone();
    let first_day = c.bookings[0].start.date();
    for _ in 0..4 {
        let day = linli::domain::time::add_days(first_day, ids.below(2) as i64);
        let start_minute = 8 * 60 + 30 * ids.below(8) as u16;
        let start = LocalDateTime::new(
            day,
            ClockTime::from_minute_of_day(start_minute).expect("clock"),
        );
        let end = start.plus_minutes(60 + 30 * ids.below(3) as i64);
        let mut candidate = if ids.below(3) == 0 {
            // Move one of this space's bookings.
            let mine: Vec<usize> = (0..c.bookings.len())
                .filter(|i| c.bookings[*i].space_id == space.meta.id && c.bookings[*i].is_live())
                .collect();
            if mine.is_empty() {
                continue;
            }
            let mut b = c.bookings[mine[ids.below(mine.len() as u64) as usize]].clone();
            b.meta.touch(at, &d);
            b
        } else {
            let mut b = c.bookings[0].clone();
            b.meta = Meta::new(ids.next_id(), at, &d);
            b.series_id = None;
            b.space_id = space.meta.id;
            b.status = BookingStatus::Confirmed;
            b.title = format!("{device} {}", ids.below(100));
            b
        };
        candidate.start = start;
        candidate.end = end;
        let clash = c
            .bookings
            .iter()
            .any(|b| bookings_collide(&candidate, b, space.rules.buffer_minutes));
        if clash {
            continue;
        }
        match c
            .bookings
            .iter_mut()
            .find(|b| b.meta.id == candidate.meta.id)
        {
            Some(b) => *b = candidate,
            None => c.bookings.push(candidate),
        }
    }
}

/// Live bookings of one space whose times overlap, as (earlier id, later id).
fn double_bookings(c: &Community) -> Vec<(uuid::Uuid, uuid::Uuid)> {
    let mut pairs: Vec<_> = find_collisions(&c.bookings, |_| 0)
        .into_iter()
        .map(|(a, b)| (a.meta.id.min(b.meta.id), a.meta.id.max(b.meta.id)))
        .collect();
    pairs.sort();
    pairs
}

fn recorded(plan: &ImportPlan) -> Vec<(uuid::Uuid, uuid::Uuid)> {
    plan.conflicts
        .iter()
        .filter_map(|c| match c {
            Conflict::Booking { mine, theirs } => Some((
                mine.meta.id.min(theirs.meta.id),
                mine.meta.id.max(theirs.meta.id),
            )),
            Conflict::Shifts { .. } => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn a_merge_never_holds_a_double_booking_it_did_not_show(
        seed_a in 0u64..10_000,
        seed_b in 0u64..10_000,
        choices in proptest::collection::vec(0u8..2, 0..12),
    ) {
        let base = demo(5);
        let (mut a, mut b) = (base.clone(), base);
        book_like_a_phone(&mut a, "phone-a", seed_a);
        book_like_a_phone(&mut b, "phone-b", seed_b);
        prop_assert_eq!(double_bookings(&a), vec![]);
        prop_assert_eq!(validate(&b, &a), vec![]);
        let mut plan = plan_import(&a, &b.clone());
        let mut choices = choices.into_iter().map(|c| Resolution::ALL[c as usize]);
        // Settled round by round, as the preview asks again when choices
        // uncover a clash. Each round drops or cancels, so it ends.
        let mut rounds = 0;
        loop {
            // Every overlap these writes would make is a listed conflict.
            let shown = recorded(&plan);
            for pair in double_bookings(&apply(&a, &plan.writes)) {
                prop_assert!(shown.contains(&pair), "overlap {:?} not shown", pair);
            }
            if plan.conflicts.is_empty() {
                break;
            }
            rounds += 1;
            prop_assert!(rounds <= 20, "settling does not end");
            let these: Vec<Resolution> = plan.conflicts.iter().filter_map(|_| choices.next()).collect();
            plan = settle(&a, &plan, &these, settler("2027-01-01T00:00:00Z"));
        }
        prop_assert_eq!(double_bookings(&apply(&a, &plan.writes)), vec![]);
    }
}

#[test]
fn two_phones_booking_the_same_mornings_do_clash_in_most_runs() {
    // Guards the property above against testing nothing: its edits must
    // actually produce conflicts.
    let clashing = (0..40u64)
        .filter(|seed| {
            let base = demo(5);
            let (mut a, mut b) = (base.clone(), base);
            book_like_a_phone(&mut a, "phone-a", *seed);
            book_like_a_phone(&mut b, "phone-b", seed + 1000);
            !plan_import(&a, &b).conflicts.is_empty()
        })
        .count();
    assert!(clashing >= 20, "only {clashing} of 40 runs clashed");
}

#[test]
fn keeping_mine_where_the_file_moved_a_booking_cancels_the_moved_one_everywhere() {
    // Phone B moved the food fair to another day and moved a class into the
    // morning it left; phone A booked the fair's new slot. Keeping A's
    // booking cancels B's moved fair (not back to its old day, where B's
    // class now is): nothing more to ask, on either phone.
    let base = demo(5);
    let (mut a, mut b) = (base.clone(), base);
    book_like_a_phone(&mut a, "phone-a", 6496);
    book_like_a_phone(&mut b, "phone-b", 7502);
    let plan = plan_import(&a, &b);
    assert_eq!(plan.conflicts.len(), 2);
    let done = settle(
        &a,
        &plan,
        &[Resolution::KeepMine; 2],
        settler("2027-01-01T00:00:00Z"),
    );
    assert!(done.conflicts.is_empty());
    let at_a = apply(&a, &done.writes);
    assert_eq!(double_bookings(&at_a), vec![]);
    assert!(
        plan_import(&at_a, &b).changes_nothing(),
        "B's file again changes nothing"
    );
    // B receives A's result: nothing to settle, and both phones hold the same.
    let from_a = plan_import(&b, &at_a);
    assert!(from_a.conflicts.is_empty());
    let at_b = apply(&b, &from_a.writes);
    assert_eq!(sorted(at_a), sorted(at_b));
}

/// Imports `file` into `here` the way a person does: settles every clash
/// with the next choice of `choices` (round after round if asked again),
/// at `at` on `device`.
fn import_settling(
    here: &Community,
    file: &Community,
    choices: &mut impl Iterator<Item = Resolution>,
    at: Timestamp,
    device: &DeviceId,
) -> Community {
    let mut plan = plan_import(here, file);
    let who = Settler {
        by: "",
        reason: "导入时发现冲突",
        at,
        device,
    };
    for _ in 0..20 {
        if plan.conflicts.is_empty() {
            break;
        }
        let these: Vec<Resolution> = plan
            .conflicts
            .iter()
            .map(|_| choices.next().unwrap_or_default())
            .collect();
        plan = settle(here, &plan, &these, who);
    }
    assert!(plan.conflicts.is_empty(), "settling ends");
    apply(here, &plan.writes)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// Three phones book the same busy mornings, then pass files around in
    /// any order, each settling every clash with any choice. After each has
    /// heard from the others twice over, all hold the same, none holds a
    /// double booking, and no file asks anything again.
    #[test]
    fn phones_settling_clashes_any_way_end_up_the_same(
        seeds in (0u64..10_000, 0u64..10_000, 0u64..10_000),
        choices in proptest::collection::vec(0u8..2, 64),
        order in proptest::collection::vec((0usize..3, 0usize..2), 6..14),
    ) {
        let base = demo(5);
        let mut phones = [base.clone(), base.clone(), base];
        let names = ["phone-a", "phone-b", "phone-c"];
        book_like_a_phone(&mut phones[0], names[0], seeds.0);
        book_like_a_phone(&mut phones[1], names[1], seeds.1);
        book_like_a_phone(&mut phones[2], names[2], seeds.2);
        let mut choices = choices.into_iter().cycle().map(|c| Resolution::ALL[c as usize]);
        let mut clock = ts("2027-02-01T00:00:00Z");
        let mut pass = |phones: &mut [Community; 3], to: usize, from: usize, clock: &mut Timestamp| {
            *clock += jiff::SignedDuration::from_mins(1);
            let device = DeviceId(names[to].into());
            phones[to] = import_settling(&phones[to], &phones[from], &mut choices, *clock, &device);
        };
        // A random stretch of files passed on, then everyone hears from
        // everyone twice (A←B, A←C, B←A, … in rounds).
        for (to, skip) in order {
            let from = (to + 1 + skip) % 3;
            pass(&mut phones, to, from, &mut clock);
        }
        for _ in 0..2 {
            for to in 0..3 {
                for from in 0..3 {
                    if to != from {
                        pass(&mut phones, to, from, &mut clock);
                    }
                }
            }
        }
        for p in &phones {
            prop_assert_eq!(double_bookings(p), vec![]);
        }
        prop_assert_eq!(sorted(phones[0].clone()), sorted(phones[1].clone()));
        prop_assert_eq!(sorted(phones[0].clone()), sorted(phones[2].clone()));
        for here in &phones {
            for file in &phones {
                let again = plan_import(here, file);
                prop_assert!(again.changes_nothing() && again.conflicts.is_empty());
            }
        }
    }
}

#[test]
fn an_import_reads_checks_compares_and_settles_in_that_order() {
    use linli::exchange::import::{prepare, Stopped};
    let here = demo(4);
    // Not a file at all, then a file with a broken record: stopped early.
    assert!(matches!(prepare("{", &here), Err(Stopped::Refused(_))));
    let mut broken = demo(8);
    broken.bookings[0].end = broken.bookings[0].start;
    let text = doc(broken).to_json();
    assert!(matches!(prepare(&text, &here), Err(Stopped::Invalid(p)) if !p.is_empty()));
    // Another phone booked the same slot: one clash, settled either way.
    let mine = here
        .bookings
        .iter()
        .find(|b| b.is_live())
        .expect("live")
        .clone();
    let mut theirs = mine.clone();
    theirs.meta = Meta::new(
        uuid::Uuid::from_u128(0xFACE),
        ts("2026-11-28T00:00:00Z"),
        &DeviceId("phone-b".into()),
    );
    let file = Community {
        bookings: vec![theirs],
        ..Community::default()
    };
    let text = doc(file).to_json();
    for choice in Resolution::ALL {
        let mut preview = prepare(&text, &here).expect("a checked file");
        assert_eq!(preview.plan.conflicts.len(), 1);
        assert_eq!(preview.first_choices(), vec![Resolution::KeepMine]);
        let writes = preview
            .settle(&here, &[choice], settler("2026-11-28T01:00:00Z"))
            .expect("one choice settles one clash");
        let after = apply(&here, &writes);
        assert!(find_collisions(&after.bookings, |_| 0).is_empty());
        assert!(prepare(&text, &after)
            .expect("again")
            .plan
            .changes_nothing());
    }
}

/// Each kind's records as the store holds them: one JSON array of text.
fn stored_text(c: &Community, audience: Audience) -> Vec<(RecordKind, String)> {
    let mut out = Vec::new();
    for kind in RecordKind::ALL {
        let records: Vec<AnyRecord> = c
            .clone()
            .into_records()
            .into_iter()
            .filter(|r| r.kind() == kind)
            .collect();
        let mut text = b"[".to_vec();
        for (i, r) in records.iter().enumerate() {
            if i > 0 {
                text.push(b',');
            }
            r.write_json(&mut text).expect("writes");
        }
        text.push(b']');
        let mut text = String::from_utf8(text).expect("utf-8");
        let paths = kind.blanked_for(audience);
        if !paths.is_empty() {
            // What the store does to the browser's objects.
            let mut rows: serde_json::Value = serde_json::from_str(&text).expect("json");
            for row in rows.as_array_mut().expect("array") {
                for path in paths.iter() {
                    // A field the record leaves out stays out (as in the store).
                    let mut at = Some(&mut *row);
                    for part in path.iter() {
                        at = at.and_then(|v| v.get_mut(*part));
                    }
                    if let Some(at) = at.filter(|v| v.is_string()) {
                        *at = serde_json::Value::from("");
                    }
                }
            }
            text = rows.to_string();
        }
        out.push((kind, text));
    }
    out
}

#[test]
fn a_backup_spliced_from_the_stored_text_is_the_same_file_redacted_or_not() {
    use linli::exchange::outgoing::{document_name, Outgoing};
    let day: jiff::civil::Date = "2026-12-02".parse().expect("date");
    let at = ts("2026-12-02T01:10:00Z");
    let device = DeviceId("phone-a".into());
    for seed in 0..8 {
        let mut c = demo(seed);
        edit(&mut c, "phone-b", seed);
        for redacted in [false, true] {
            let made = Outgoing::document(
                c.clone(),
                Covers::Everything,
                "backup",
                redacted,
                (at, day),
                &device,
            );
            let mut header = Header::new(Covers::Everything, at, &device);
            header.redacted = redacted;
            let audience = if redacted {
                Audience::Shared
            } else {
                Audience::Committee
            };
            let spliced = ExchangeDocument::spliced(&header, &stored_text(&c, audience));
            assert_eq!(document_name("backup", redacted, day), made.name);
            if !redacted {
                // Byte for byte: the store's objects keep the records' field order.
                assert_eq!(spliced, made.text);
            }
            let (a, b) = (
                read_document(&spliced).expect("reads"),
                read_document(&made.text).expect("reads"),
            );
            assert_eq!(a, b, "redacting the stored text is redacting the records");
            assert_eq!(a.header.redacted, redacted);
            assert_eq!(
                a.records
                    .volunteers
                    .iter()
                    .all(|v| v.phone.is_empty() && v.room.is_empty()),
                redacted
            );
        }
    }
    // A kind the store has none of is an empty list.
    let empty = ExchangeDocument::spliced(&Header::new(Covers::Everything, at, &device), &[]);
    assert_eq!(
        read_document(&empty).expect("reads").records,
        Community::default()
    );
}

#[test]
fn outgoing_files_say_what_and_when_and_a_redacted_one_says_so() {
    use linli::exchange::outgoing::Outgoing;
    let day: jiff::civil::Date = "2026-12-02".parse().expect("date");
    let at = ts("2026-12-02T01:10:00Z");
    let device = DeviceId("phone-a".into());
    let whole = Outgoing::document(
        demo(3),
        Covers::Everything,
        "backup",
        false,
        (at, day),
        &device,
    );
    assert_eq!(
        (whole.name.as_str(), whole.mime),
        ("linli-backup-2026-12-02.json", "application/json")
    );
    let read = read_document(&whole.text).expect("reads back");
    assert!(!read.header.redacted && read.records.volunteers.iter().any(|v| !v.phone.is_empty()));
    let shared = Outgoing::document(
        demo(3),
        Covers::Everything,
        "backup",
        true,
        (at, day),
        &device,
    );
    assert_eq!(shared.name, "linli-backup-shared-2026-12-02.json");
    let read = read_document(&shared.text).expect("reads back");
    assert!(
        read.header.redacted
            && read
                .records
                .volunteers
                .iter()
                .all(|v| v.phone.is_empty() && v.room.is_empty())
    );
    assert_eq!(
        Outgoing::csv("hours", day, String::new()).name,
        "linli-hours-2026-12-02.csv"
    );
    assert_eq!(
        Outgoing::calendar("my-shifts", day, String::new()).mime,
        "text/calendar;charset=utf-8"
    );
}
