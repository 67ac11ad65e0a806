//! The store against real IndexedDB in headless Chromium.
//! Run with: scripts/test.sh (or see its wasm step).
#![cfg(target_arch = "wasm32")]

use jiff::Timestamp;
use linli::domain::demo::demo_community;
use linli::domain::*;
use linli::store::{schema, Batch, Store, StoreErrorKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test uses.
fn unique_name(tag: &str) -> String {
    format!(
        "linli-test-{tag}-{}",
        (js_sys::Math::random() * 1e12) as u64
    )
}

fn demo() -> Community {
    let now: Timestamp = "2026-11-27T02:00:00Z".parse().expect("timestamp");
    demo_community(
        now,
        CommunityZone::Shanghai,
        &DeviceId("test-device".into()),
        11,
    )
}

fn at(s: &str) -> LocalDateTime {
    s.parse().expect("time")
}

async fn store_with(tag: &str, community: &Community) -> Store {
    let store = Store::open(&unique_name(tag)).await.expect("open");
    let mut batch = Batch::default();
    for record in community.clone().into_records() {
        batch.ops.push(linli::store::BatchOp::Insert(record));
    }
    store.write(batch).await.expect("write demo");
    store
}

#[wasm_bindgen_test]
async fn put_get_and_list_round_trip_every_kind() {
    let community = demo();
    let store = store_with("roundtrip", &community).await;
    let counts = store.counts().await.expect("counts");
    for kind in RecordKind::ALL {
        assert_eq!(counts.get(kind), community.count(kind), "{kind:?}");
    }

    let booking = &community.bookings[3];
    let read: Option<Booking> = store.get(booking.meta.id).await.expect("get");
    assert_eq!(
        read.as_ref(),
        Some(booking),
        "a booking reads back exactly as written"
    );
    let activity = &community.activities[0];
    assert_eq!(
        store
            .get::<Activity>(activity.meta.id)
            .await
            .expect("get")
            .as_ref(),
        Some(activity)
    );
    assert_eq!(
        store.get::<Space>(uuid::Uuid::nil()).await.expect("get"),
        None
    );

    let mut space = community.spaces[0].clone();
    space.capacity = 55;
    space.meta.touch(
        "2026-11-28T00:00:00Z".parse().expect("ts"),
        &DeviceId("other".into()),
    );
    store.put(space.clone()).await.expect("put");
    assert_eq!(
        store.get::<Space>(space.meta.id).await.expect("get"),
        Some(space)
    );
    assert_eq!(
        store.counts().await.expect("counts").get(RecordKind::Space),
        community.spaces.len(),
        "put replaces"
    );
    store.close();
}

#[wasm_bindgen_test]
async fn range_queries_follow_the_indexes() {
    let community = demo();
    let store = store_with("range", &community).await;
    let (from, to) = (at("2026-11-27T00:00"), at("2026-11-28T00:00"));

    let mut expected: Vec<_> = community
        .bookings
        .iter()
        .filter(|b| b.start >= from && b.start < to)
        .cloned()
        .collect();
    expected.sort_by_key(|b| b.start);
    let got = store.bookings_between(from, to).await.expect("range");
    assert!(!got.is_empty());
    assert_eq!(
        got.iter().map(|b| b.start).collect::<Vec<_>>(),
        expected.iter().map(|b| b.start).collect::<Vec<_>>()
    );
    assert!(
        got.windows(2).all(|w| w[0].start <= w[1].start),
        "index order is time order"
    );

    let space = community.spaces[0].meta.id;
    let week_to = at("2026-12-04T00:00");
    let of_space = store
        .bookings_of_space(space, from, week_to)
        .await
        .expect("space range");
    let expected_space = community
        .bookings
        .iter()
        .filter(|b| b.space_id == space && b.start >= from && b.start < week_to)
        .count();
    assert_eq!(of_space.len(), expected_space);
    assert!(of_space.iter().all(|b| b.space_id == space));

    let patrol = community
        .activities
        .iter()
        .find(|a| a.title == "非机动车巡逻")
        .expect("patrol");
    let shifts = store
        .shifts_of_activity(patrol.meta.id)
        .await
        .expect("shifts");
    assert_eq!(
        shifts.len(),
        community
            .shifts
            .iter()
            .filter(|s| s.activity_id == patrol.meta.id)
            .count()
    );
    assert!(shifts.windows(2).all(|w| w[0].start <= w[1].start));
    let day_shifts = store
        .shifts_between(from, to)
        .await
        .expect("shifts by start");
    assert_eq!(
        day_shifts.len(),
        community
            .shifts
            .iter()
            .filter(|s| s.start >= from && s.start < to)
            .count()
    );

    let shift = &community.shifts[0];
    let on_shift = store
        .assignments_of_shift(shift.meta.id)
        .await
        .expect("by shift");
    assert_eq!(
        on_shift.len(),
        community
            .assignments
            .iter()
            .filter(|a| a.shift_id == shift.meta.id)
            .count()
    );
    let volunteer = community.assignments[0].volunteer_id;
    let mine = store
        .assignments_of_volunteer(volunteer)
        .await
        .expect("by volunteer");
    assert_eq!(
        mine.len(),
        community
            .assignments
            .iter()
            .filter(|a| a.volunteer_id == volunteer)
            .count()
    );
    store.close();
}

#[wasm_bindgen_test]
async fn tombstones_hide_records_but_keep_them() {
    let community = demo();
    let store = store_with("tombstone", &community).await;
    let target = community
        .bookings
        .iter()
        .find(|b| b.start.date() == at("2026-11-27T00:00").date())
        .expect("a booking today");
    let now: Timestamp = "2026-11-27T03:00:00Z".parse().expect("ts");
    assert!(store
        .tombstone::<Booking>(target.meta.id, now, &DeviceId("phone-b".into()))
        .await
        .expect("tombstone"));
    let kept: Booking = store
        .get(target.meta.id)
        .await
        .expect("get")
        .expect("still stored");
    assert!(kept.meta.deleted);
    assert_eq!(kept.meta.updated_at, now);
    assert_eq!(kept.meta.device_id, DeviceId("phone-b".into()));
    assert!(store
        .list::<Booking>()
        .await
        .expect("list")
        .iter()
        .all(|b| b.meta.id != target.meta.id));
    assert_eq!(
        store.list_all::<Booking>().await.expect("all").len(),
        community.bookings.len()
    );
    let day = store
        .bookings_between(at("2026-11-27T00:00"), at("2026-11-28T00:00"))
        .await
        .expect("range");
    assert!(
        day.iter().all(|b| b.meta.id != target.meta.id),
        "range queries skip tombstones"
    );
    assert!(!store
        .tombstone::<Booking>(uuid::Uuid::nil(), now, &DeviceId("x".into()))
        .await
        .expect("missing"));
    store.close();
}

#[wasm_bindgen_test]
async fn a_phone_holds_records_until_only_tombstones_are_left() {
    let empty = store_with("holds-empty", &Community::default()).await;
    assert!(!empty.holds_records().await.expect("empty"));
    empty.close();

    let community = demo();
    let full = store_with("holds-full", &community).await;
    assert!(full.holds_records().await.expect("full"));
    full.close();

    // More tombstones than one page read, and the live record last by id.
    let mut bookings = community.bookings.clone();
    bookings.sort_by_key(|b| b.meta.id.to_string());
    assert!(bookings.len() > 70, "{} bookings", bookings.len());
    let last = bookings.pop().expect("a booking");
    let gone = Community {
        bookings: bookings
            .into_iter()
            .map(|mut b| {
                b.meta.deleted = true;
                b
            })
            .collect(),
        ..Community::default()
    };
    let store = store_with("holds-tombstones", &gone).await;
    assert!(!store.holds_records().await.expect("tombstones only"));
    store.put(last).await.expect("put");
    assert!(store.holds_records().await.expect("one live"));
    store.close();
}

#[wasm_bindgen_test]
async fn a_batch_whose_fiftieth_write_fails_changes_nothing() {
    let community = demo();
    let store = Store::open(&unique_name("batch")).await.expect("open");
    let existing = community.spaces[0].clone();
    store.put(existing.clone()).await.expect("seed one space");
    let before_volunteers = store.list_all::<Volunteer>().await.expect("list");
    let before_spaces = store.list_all::<Space>().await.expect("list");

    let mut batch = Batch::default();
    for v in community.volunteers.iter().take(40) {
        batch.insert(v.clone());
    }
    for s in community.spaces.iter().skip(1).take(8) {
        batch.insert(s.clone());
    }
    batch.insert(community.activities[0].clone());
    assert_eq!(batch.ops.len(), 49);
    batch.insert(existing.clone()); // the 50th: this id is already stored
    batch.settings = Some(Settings {
        onboarded: true,
        ..Settings::default()
    });

    let err = store
        .write(batch)
        .await
        .expect_err("the duplicate must fail the batch");
    assert_eq!(err.kind, StoreErrorKind::Duplicate);
    assert_eq!(
        store.list_all::<Volunteer>().await.expect("list"),
        before_volunteers,
        "no volunteer was written"
    );
    assert_eq!(
        store.list_all::<Space>().await.expect("list"),
        before_spaces,
        "spaces unchanged"
    );
    assert!(
        !store.settings().await.expect("settings").onboarded,
        "settings in the batch were not saved either"
    );
    store.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_opens_under_the_current_schema() {
    let name = unique_name("upgrade");
    let community = demo();
    {
        // Built exactly as the first release built it.
        let v1 = Store::from_database(schema::open_at(&name, 1).await.expect("open v1"));
        assert_eq!(v1.version(), 1);
        let mut batch = Batch::default();
        for record in community.clone().into_records() {
            batch.ops.push(linli::store::BatchOp::Put(record));
        }
        v1.write(batch).await.expect("write v1");
        v1.save_settings(&Settings {
            onboarded: true,
            ..Settings::default()
        })
        .await
        .expect("settings");
        v1.close();
    }
    let store = Store::open(&name).await.expect("open current");
    assert_eq!(store.version(), schema::SCHEMA_VERSION);
    assert_eq!(
        store.counts().await.expect("counts").total(),
        community.len()
    );
    assert!(store.settings().await.expect("settings").onboarded);
    // The store added since (version 3) takes a holiday arrangement.
    let year = linli::domain::holidays::HolidayYear::new(
        linli::domain::HolidayArrangement {
            year: 2027,
            papers: vec![],
            days: vec![linli::domain::HolidayDay {
                name: "元旦".into(),
                date: jiff::civil::date(2027, 1, 1),
                is_off_day: true,
            }],
        },
        jiff::Timestamp::UNIX_EPOCH,
        &linli::domain::DeviceId("upgrade".into()),
    );
    store.put(year.clone()).await.expect("put a holiday year");
    assert_eq!(
        store
            .list_all::<linli::domain::holidays::HolidayYear>()
            .await
            .expect("holiday years"),
        vec![year]
    );
    // Every index of the current schema answers.
    let (from, to) = (at("2026-11-01T00:00"), at("2027-01-01T00:00"));
    assert_eq!(
        store
            .bookings_between(from, to)
            .await
            .expect("by_start")
            .len(),
        community.bookings.len()
    );
    assert!(!store
        .shifts_between(from, to)
        .await
        .expect("shifts by_start")
        .is_empty());
    store.close();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_refused_with_a_clear_kind() {
    let name = unique_name("newer");
    schema::open_at(&name, schema::SCHEMA_VERSION + 1)
        .await
        .expect("open newer")
        .close();
    let err = match Store::open(&name).await {
        Ok(_) => panic!("an older app must not open a newer database"),
        Err(e) => e,
    };
    assert_eq!(err.kind, StoreErrorKind::TooNew);
}

#[wasm_bindgen_test]
async fn device_id_settings_and_backup_time_persist() {
    let name = unique_name("meta");
    let store = Store::open(&name).await.expect("open");
    let first = store
        .device_id(|| "device-1".to_string())
        .await
        .expect("device");
    let again = store
        .device_id(|| "device-2".to_string())
        .await
        .expect("device");
    assert_eq!(first, again, "the device id is made once");
    let me = Some(uuid::Uuid::from_u128(7));
    store
        .save_settings(&Settings {
            me,
            onboarded: true,
            zone: CommunityZone::Shanghai,
            no_show_grace_minutes: 20,
            ..Settings::default()
        })
        .await
        .expect("save");
    assert_eq!(store.last_backup_at().await.expect("backup"), None);
    let t: Timestamp = "2026-11-20T08:00:00Z".parse().expect("ts");
    store.set_last_backup_at(t).await.expect("set backup");
    store.close();

    let reopened = Store::open(&name).await.expect("reopen");
    assert_eq!(
        reopened
            .device_id(|| "device-3".to_string())
            .await
            .expect("device"),
        first
    );
    assert_eq!(reopened.settings().await.expect("settings").me, me);
    assert_eq!(reopened.last_backup_at().await.expect("backup"), Some(t));
    reopened.clear_all().await.expect("clear");
    assert_eq!(reopened.counts().await.expect("counts").total(), 0);
    assert_eq!(
        reopened
            .device_id(|| "device-4".to_string())
            .await
            .expect("device"),
        first,
        "clearing keeps the device"
    );
    reopened.close();
}

fn new_booking(community: &Community, n: u128, start: &str, end: &str) -> Booking {
    let mut b = community.bookings[0].clone();
    b.meta = Meta::new(
        uuid::Uuid::from_u128(0xB00C_0000 + n),
        "2026-11-27T00:00:00Z".parse().expect("ts"),
        &DeviceId("tab".into()),
    );
    b.space_id = community.spaces[0].meta.id; // 安家院儿, open 08:00–21:00, 15-minute buffer
    b.title = format!("race {n}");
    b.start = at(start);
    b.end = at(end);
    b.status = BookingStatus::Confirmed;
    b.series_id = None;
    b.check_in = None;
    b.expected_attendees = 10;
    b
}

#[wasm_bindgen_test]
async fn saving_a_booking_checks_the_rules_inside_its_transaction() {
    use linli::store::SaveBookingError;
    let community = demo();
    let store = store_with("save-booking", &community).await;
    let now = at("2026-11-27T08:00");
    // A free evening slot in 安家院儿 far from the demo's bookings.
    let first = new_booking(&community, 1, "2026-12-16T20:00", "2026-12-16T21:00");
    let taken = community
        .bookings
        .iter()
        .filter(|b| b.space_id == first.space_id && b.start.date() == first.start.date())
        .count();
    assert_eq!(taken, 0, "the test slot's day is empty in the demo");
    store
        .save_booking(first.clone(), now)
        .await
        .expect("a free slot saves");
    let clash = new_booking(&community, 2, "2026-12-16T19:30", "2026-12-16T20:30");
    match store.save_booking(clash.clone(), now).await {
        Err(SaveBookingError::Refused { index: 0, refusals }) => assert!(
            refusals.iter().any(
                |r| matches!(r, BookingRefusal::Overlaps { other, .. } if *other == first.meta.id)
            ),
            "{refusals:?}"
        ),
        other => panic!("expected an overlap refusal, got {other:?}"),
    }
    assert_eq!(
        store.get::<Booking>(clash.meta.id).await.expect("get"),
        None,
        "nothing written"
    );

    // A series whose third date clashes is refused whole.
    let series: Vec<Booking> = ["2026-12-17", "2026-12-18", "2026-12-16"]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            new_booking(
                &community,
                10 + i as u128,
                &format!("{d}T20:00"),
                &format!("{d}T21:00"),
            )
        })
        .collect();
    match store.save_bookings(series.clone(), now).await {
        Err(SaveBookingError::Refused { index: 2, .. }) => {}
        other => panic!("expected the third to be refused, got {other:?}"),
    }
    for b in &series {
        assert_eq!(
            store.get::<Booking>(b.meta.id).await.expect("get"),
            None,
            "no part of the series was saved"
        );
    }
    // Moving the booking itself is not a clash with its old time.
    let mut moved = first.clone();
    moved.start = at("2026-12-16T19:30");
    store
        .save_booking(moved.clone(), now)
        .await
        .expect("an edit does not collide with itself");
    assert_eq!(
        store
            .get::<Booking>(first.meta.id)
            .await
            .expect("get")
            .map(|b| b.start),
        Some(moved.start)
    );

    // Occurrences moved together are checked against each other's new
    // times, not their old ones: swapping two bookings in one save works.
    let morning = new_booking(&community, 30, "2026-12-18T10:00", "2026-12-18T11:00");
    let noon = new_booking(&community, 31, "2026-12-18T12:00", "2026-12-18T13:00");
    store
        .save_bookings(vec![morning.clone(), noon.clone()], now)
        .await
        .expect("two free slots");
    let (mut later, mut earlier) = (morning.clone(), noon.clone());
    (later.start, later.end) = (noon.start, noon.end);
    (earlier.start, earlier.end) = (morning.start, morning.end);
    store
        .save_bookings(vec![later, earlier], now)
        .await
        .expect("a swap in one save is no clash");
    let mut onto = noon.clone();
    (onto.start, onto.end) = (at("2026-12-18T14:00"), at("2026-12-18T15:00"));
    let mut clash = morning.clone();
    (clash.start, clash.end) = (at("2026-12-18T14:30"), at("2026-12-18T15:30"));
    assert!(
        store.save_bookings(vec![onto, clash], now).await.is_err(),
        "two moved onto the same time still clash"
    );
    store.close();
}

#[wasm_bindgen_test]
async fn a_cancelled_booking_goes_to_the_first_on_its_waiting_list_in_the_same_save() {
    use linli::store::SaveBookingError;
    let community = demo();
    let store = store_with("slot-waiting", &community).await;
    let now = at("2026-11-27T08:00");
    let holder = new_booking(&community, 50, "2026-12-16T19:00", "2026-12-16T20:00");
    store
        .save_booking(holder.clone(), now)
        .await
        .expect("free slot");
    let joined = |n: u128, when: &str| {
        let mut b = new_booking(&community, n, "2026-12-16T19:00", "2026-12-16T20:00").waiting();
        b.meta.created_at = when.parse().expect("ts");
        b
    };
    let (first, second) = (
        joined(51, "2026-11-27T01:00:00Z"),
        joined(52, "2026-11-27T02:00:00Z"),
    );
    // Joined in the other order: the queue is the time joined, not the save.
    for entry in [&second, &first] {
        let moved = store
            .save_booking(entry.clone(), now)
            .await
            .expect("joining a taken slot");
        assert!(moved.is_empty(), "the slot is still held");
    }
    // The waiting list still keeps every other rule.
    let mut too_many = joined(53, "2026-11-27T03:00:00Z");
    too_many.expected_attendees = 10_000;
    match store.save_booking(too_many.clone(), now).await {
        Err(SaveBookingError::Refused { refusals, .. }) => assert!(
            refusals
                .iter()
                .all(|r| matches!(r, BookingRefusal::OverCapacity { .. })),
            "{refusals:?}"
        ),
        other => panic!("expected over capacity, got {other:?}"),
    }
    assert_eq!(
        store.get::<Booking>(too_many.meta.id).await.expect("get"),
        None
    );

    let mut cancelled = holder.clone();
    let at_cancel: jiff::Timestamp = "2026-11-27T05:00:00Z".parse().expect("ts");
    assert!(cancelled.cancel("陈敏", "", at_cancel, &DeviceId("keeper".into())));
    let moved = store.save_booking(cancelled, now).await.expect("cancel");
    assert_eq!(
        moved.iter().map(|b| b.meta.id).collect::<Vec<_>>(),
        vec![first.meta.id]
    );
    let stored = store
        .get::<Booking>(first.meta.id)
        .await
        .expect("get")
        .expect("kept");
    assert!(stored.is_live(), "moved in: {:?}", stored.status);
    assert_eq!(
        stored.moved_in_at,
        Some(at_cancel),
        "stamped with the cancellation"
    );
    let still = store
        .get::<Booking>(second.meta.id)
        .await
        .expect("get")
        .expect("kept");
    assert!(still.is_waiting(), "the second keeps waiting");

    // A time that is free when someone asks to wait for it is simply theirs.
    let free = joined(54, "2026-11-27T06:00:00Z");
    let mut free = free;
    (free.start, free.end) = (at("2026-12-16T15:00"), at("2026-12-16T16:00"));
    let moved = store
        .save_booking(free.clone(), now)
        .await
        .expect("free time");
    assert_eq!(moved.len(), 1);
    assert!(store
        .get::<Booking>(free.meta.id)
        .await
        .expect("get")
        .expect("kept")
        .is_live());
    store.close();
}

#[wasm_bindgen_test]
async fn a_buffer_wider_than_the_form_allows_still_finds_the_booking_it_reaches() {
    use linli::store::SaveBookingError;
    // A space from a file may carry a buffer the form refuses (over a
    // day); the save reads bookings further back than usual for it.
    let mut community = demo();
    community.spaces[0].rules.buffer_minutes = 3000;
    let store = store_with("wide-buffer", &community).await;
    let now = at("2026-11-27T08:00");
    let first = new_booking(&community, 40, "2026-12-16T08:00", "2026-12-16T09:00");
    store
        .save_booking(first.clone(), now)
        .await
        .expect("a free slot saves");
    // 48 hours after the first ends: inside 3,000 minutes, and starting
    // more than two days after it.
    let later = new_booking(&community, 41, "2026-12-18T09:00", "2026-12-18T10:00");
    match store.save_booking(later, now).await {
        Err(SaveBookingError::Refused { refusals, .. }) => assert!(
            refusals.iter().any(
                |r| matches!(r, BookingRefusal::Overlaps { other, .. } if *other == first.meta.id)
            ),
            "{refusals:?}"
        ),
        other => panic!("expected the buffer to refuse it, got {other:?}"),
    }
    store.close();
}

#[wasm_bindgen_test]
async fn two_tabs_racing_for_one_slot_cannot_both_win() {
    let community = demo();
    let name = unique_name("race");
    let tab_a = Store::open(&name).await.expect("tab a");
    let mut seed = Batch::default();
    seed.put(community.spaces[0].clone());
    tab_a.write(seed).await.expect("seed the space");
    let tab_b = Store::open(&name).await.expect("tab b");
    let now = at("2026-11-27T08:00");
    let a = new_booking(&community, 21, "2026-12-02T10:00", "2026-12-02T11:00");
    let b = new_booking(&community, 22, "2026-12-02T10:30", "2026-12-02T11:30");
    let (ra, rb) = futures::join!(
        tab_a.save_booking(a.clone(), now),
        tab_b.save_booking(b.clone(), now)
    );
    assert!(
        ra.is_ok() != rb.is_ok(),
        "exactly one tab wins: {ra:?} / {rb:?}"
    );
    let stored = tab_a.list::<Booking>().await.expect("list");
    assert_eq!(stored.len(), 1);
    assert!(find_collisions(&stored, |_| 15).is_empty());
    tab_a.close();
    tab_b.close();
}

/// A shift of one place and two fresh volunteers, written to a new store.
async fn one_place_shift(tag: &str) -> (String, Shift, Volunteer, Volunteer) {
    let community = demo();
    let mut shift = community.shifts[0].clone();
    shift.meta.id = uuid::Uuid::from_u128(0x5_1F7);
    shift.start = at("2027-01-05T07:00");
    shift.end = at("2027-01-05T08:00");
    (shift.needed_min, shift.needed_max) = (1, 1);
    shift.required_skill = None;
    let person = |n: u128, name: &str| {
        let mut v = community.volunteers[0].clone();
        v.meta.id = uuid::Uuid::from_u128(0xF00 + n);
        v.name = name.into();
        v.active = true;
        v
    };
    let (a, b) = (person(1, "甲"), person(2, "乙"));
    let name = unique_name(tag);
    let store = Store::open(&name).await.expect("open");
    let mut seed = Batch::default();
    seed.put(shift.clone()).put(a.clone()).put(b.clone());
    store.write(seed).await.expect("seed");
    store.close();
    (name, shift, a, b)
}

/// The instant of a roster save in these tests: a day before the shifts.
fn moment() -> Moment {
    Moment {
        now: "2026-11-28T00:00:00Z".parse().expect("ts"),
        local: at("2026-11-28T08:00"),
        device: DeviceId("tab".into()),
    }
}

fn assignment(n: u128, shift: &Shift, v: &Volunteer) -> Assignment {
    Assignment::new(
        Meta::new(
            uuid::Uuid::from_u128(0xA55_0000 + n),
            "2026-11-27T00:00:00Z".parse().expect("ts"),
            &DeviceId("tab".into()),
        ),
        shift.meta.id,
        v.meta.id,
    )
}

#[wasm_bindgen_test]
async fn two_leads_racing_for_the_last_place_cannot_both_win() {
    let (name, shift, a, b) = one_place_shift("assign-race").await;
    let tab_a = Store::open(&name).await.expect("tab a");
    let tab_b = Store::open(&name).await.expect("tab b");
    let limits = FairnessLimits::default();
    let (ra, rb) = futures::join!(
        tab_a.save_assignments(vec![], vec![assignment(1, &shift, &a)], limits, moment()),
        tab_b.save_assignments(vec![], vec![assignment(2, &shift, &b)], limits, moment())
    );
    assert!(
        ra.is_ok() != rb.is_ok(),
        "exactly one wins: {ra:?} / {rb:?}"
    );
    let on_shift = tab_a
        .assignments_of_shift(shift.meta.id)
        .await
        .expect("read");
    assert_eq!(on_shift.len(), 1);
    tab_a.close();
    tab_b.close();
}

fn tombstoned(shift: &Shift) -> Shift {
    let mut gone = shift.clone();
    gone.meta.tombstone(
        "2026-11-28T00:00:00Z".parse().expect("ts"),
        &DeviceId("tab".into()),
    );
    gone
}

/// What a regeneration plans: remove `shift` (empty when planned) and make
/// one new shift in another hour.
fn plan_replacing(shift: &Shift, new_id: u128) -> ShiftPlan {
    let mut made = shift.clone();
    made.meta.id = uuid::Uuid::from_u128(new_id);
    made.start = at("2027-01-05T09:00");
    made.end = at("2027-01-05T10:00");
    ShiftPlan {
        create: vec![made],
        remove: vec![tombstoned(shift)],
        keep: vec![],
    }
}

#[wasm_bindgen_test]
async fn deleting_or_regenerating_a_shift_while_someone_signs_up_never_drops_the_sign_up() {
    use linli::store::SaveAssignmentError;
    let limits = FairnessLimits::default();
    let now: Timestamp = "2026-11-28T00:00:00Z".parse().expect("ts");
    let device = DeviceId("tab".into());
    // Each race in both orders: whichever transaction starts first wins,
    // and the other is refused whole.
    let mut outcomes = std::collections::HashSet::new();
    for (round, delete_first) in [(0u128, true), (1, false), (2, true), (3, false)] {
        let regenerate = round >= 2;
        let (name, shift, a, _) = one_place_shift(&format!("shift-race-{round}")).await;
        let tab_a = Store::open(&name).await.expect("tab a");
        let tab_b = Store::open(&name).await.expect("tab b");
        let removal = async {
            if regenerate {
                tab_a
                    .apply_shift_plan(plan_replacing(&shift, 0xBEE + round))
                    .await
            } else {
                tab_a.delete_shift(shift.meta.id, now, &device).await
            }
        };
        let sign_up = tab_b.save_assignments(
            vec![],
            vec![assignment(10 + round, &shift, &a)],
            limits,
            moment(),
        );
        let (removed, signed) = if delete_first {
            futures::join!(removal, sign_up)
        } else {
            let (s, r) = futures::join!(sign_up, removal);
            (r, s)
        };
        assert!(
            removed.is_ok() != signed.is_ok(),
            "round {round}: exactly one wins: {removed:?} / {signed:?}"
        );
        let stored = tab_a
            .get::<Shift>(shift.meta.id)
            .await
            .expect("read")
            .expect("kept as a record");
        let people: Vec<Assignment> = tab_a
            .assignments_of_shift(shift.meta.id)
            .await
            .expect("read")
            .into_iter()
            .filter(Assignment::counts_toward_coverage)
            .collect();
        outcomes.insert((regenerate, removed.is_ok()));
        if removed.is_ok() {
            assert!(
                stored.meta.deleted && people.is_empty(),
                "round {round}: gone, and nobody on it"
            );
            assert!(matches!(signed, Err(SaveAssignmentError::Missing { .. })));
        } else {
            assert!(
                !stored.meta.deleted && people.len() == 1,
                "round {round}: the sign-up stands"
            );
            let expected = if regenerate {
                SaveAssignmentError::PlanOutdated
            } else {
                SaveAssignmentError::ShiftHasPeople
            };
            assert_eq!(removed, Err(expected));
            if regenerate {
                let made = tab_a
                    .get::<Shift>(uuid::Uuid::from_u128(0xBEE + round))
                    .await
                    .expect("read");
                assert_eq!(made, None, "round {round}: the refused plan made nothing");
            }
        }
        tab_a.close();
        tab_b.close();
    }
    // Both endings were seen, for deletion and for regeneration alike.
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
}

#[wasm_bindgen_test]
async fn the_same_generation_applied_from_two_tabs_makes_its_shifts_once() {
    use linli::store::SaveAssignmentError;
    let (name, shift, _, _) = one_place_shift("plan-twice").await;
    let tab_a = Store::open(&name).await.expect("tab a");
    let tab_b = Store::open(&name).await.expect("tab b");
    let mut second = plan_replacing(&shift, 0xC0DE);
    // The other tab planned the same shifts with ids of its own.
    second.create[0].meta.id = uuid::Uuid::from_u128(0xC0DF);
    let (ra, rb) = futures::join!(
        tab_a.apply_shift_plan(plan_replacing(&shift, 0xC0DE)),
        tab_b.apply_shift_plan(second)
    );
    assert!(
        ra.is_ok() && rb == Err(SaveAssignmentError::PlanOutdated),
        "{ra:?} / {rb:?}"
    );
    let all = tab_a
        .shifts_of_activity(shift.activity_id)
        .await
        .expect("read");
    assert_eq!(
        all.iter()
            .filter(|s| s.start == at("2027-01-05T09:00"))
            .count(),
        1
    );
    tab_a.close();
    tab_b.close();
}

#[wasm_bindgen_test]
async fn assigning_checks_and_writes_in_one_transaction() {
    use linli::store::SaveAssignmentError;
    let (name, shift, a, b) = one_place_shift("assign").await;
    let store = Store::open(&name).await.expect("open");
    let limits = FairnessLimits::default();
    let first = assignment(1, &shift, &a);
    store
        .save_assignments(vec![], vec![first.clone()], limits, moment())
        .await
        .expect("a free place");

    // A walk-in and their assignment land together — or, as here, neither:
    // the shift is full, so the new volunteer is not written either.
    let mut walk_in = b.clone();
    walk_in.meta.id = uuid::Uuid::from_u128(0xF99);
    walk_in.name = "临时来的".into();
    match store
        .save_assignments(
            vec![walk_in.clone()],
            vec![assignment(2, &shift, &walk_in)],
            limits,
            moment(),
        )
        .await
    {
        Err(SaveAssignmentError::Refused { index: 0, refusals }) => {
            assert_eq!(refusals, [AssignRefusal::ShiftFull { max: 1 }])
        }
        other => panic!("expected a full shift, got {other:?}"),
    }
    assert_eq!(
        store.get::<Volunteer>(walk_in.meta.id).await.expect("get"),
        None,
        "the walk-in was not written"
    );

    // Swap: the giver's withdrawal and the cover in one save.
    let mut gives_up = first.clone();
    gives_up.withdraw(
        "2026-11-28T00:00:00Z".parse().expect("ts"),
        &DeviceId("tab".into()),
    );
    store
        .save_assignments(
            vec![],
            vec![gives_up, assignment(3, &shift, &b)],
            limits,
            moment(),
        )
        .await
        .expect("a swap frees the place it fills");
    let live: Vec<Assignment> = store
        .assignments_of_shift(shift.meta.id)
        .await
        .expect("read")
        .into_iter()
        .filter(|x| x.counts_toward_coverage())
        .collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].volunteer_id, b.meta.id);

    // Checking in needs no guard, even on a full shift.
    let mut arrived = live[0].clone();
    arrived.record_check_in(
        at("2027-01-05T06:55"),
        "2026-11-28T00:00:00Z".parse().expect("ts"),
        &DeviceId("tab".into()),
    );
    store
        .save_assignments(vec![], vec![arrived], limits, moment())
        .await
        .expect("check-in saves");
    store.close();
}

#[wasm_bindgen_test]
async fn a_withdrawal_moves_in_the_first_waiting_person_who_passes_every_guard() {
    let (name, shift, a, b) = one_place_shift("waiting").await;
    let store = Store::open(&name).await.expect("open");
    let limits = FairnessLimits::default();
    // 丙 joined the list first but is on another shift at the same time.
    let mut c = b.clone();
    c.meta.id = uuid::Uuid::from_u128(0xF0C);
    c.name = "丙".into();
    let mut clash = shift.clone();
    clash.meta.id = uuid::Uuid::from_u128(0x5_1F8);
    let mut seed = Batch::default();
    seed.put(c.clone()).put(clash.clone());
    store.write(seed).await.expect("seed");
    store
        .save_assignments(
            vec![],
            vec![assignment(1, &shift, &a), assignment(2, &clash, &c)],
            limits,
            moment(),
        )
        .await
        .expect("a on the shift, 丙 on the other");
    let joined = |n: u128, v: &Volunteer, when: &str| {
        Assignment::waiting(
            Meta::new(
                uuid::Uuid::from_u128(0xB00 + n),
                when.parse().expect("ts"),
                &DeviceId("tab".into()),
            ),
            shift.meta.id,
            v.meta.id,
        )
    };
    let (first, second) = (
        joined(1, &c, "2026-11-27T01:00:00Z"),
        joined(2, &b, "2026-11-27T02:00:00Z"),
    );
    let moved = store
        .save_assignments(
            vec![],
            vec![first.clone(), second.clone()],
            limits,
            moment(),
        )
        .await
        .expect("joining a full shift's list needs no place");
    assert!(moved.is_empty());

    let mut gives_up = assignment(1, &shift, &a);
    gives_up.withdraw(moment().now, &moment().device);
    let moved = store
        .save_assignments(vec![], vec![gives_up], limits, moment())
        .await
        .expect("withdrawal");
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].meta.id, second.meta.id, "乙 moved in, 丙 skipped");
    let on_shift = store
        .assignments_of_shift(shift.meta.id)
        .await
        .expect("read");
    let live: Vec<&Assignment> = on_shift
        .iter()
        .filter(|x| x.counts_toward_coverage())
        .collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].volunteer_id, b.meta.id);
    assert_eq!(live[0].moved_in_at, Some(moment().now));
    assert!(
        on_shift
            .iter()
            .any(|x| x.meta.id == first.meta.id && x.is_waiting()),
        "丙 still waits"
    );

    // A place freed once the shift has started is not filled from the list.
    let mut late = moment();
    late.local = at("2027-01-05T07:30");
    let mut no_show = live[0].clone();
    no_show.mark_no_show(late.now, &late.device);
    let moved = store
        .save_assignments(vec![], vec![no_show], limits, late.clone())
        .await
        .expect("no-show");
    assert!(moved.is_empty());
    store.close();
}

#[wasm_bindgen_test]
async fn the_whole_community_reads_back_and_replace_swaps_it_in_one_go() {
    let community = demo();
    let store = store_with("exchange", &community).await;
    let mut deleted = community.volunteers[0].clone();
    deleted.meta.tombstone(
        "2026-11-28T00:00:00Z".parse().expect("ts"),
        &DeviceId("tab".into()),
    );
    store
        .import(vec![AnyRecord::Volunteer(deleted.clone())])
        .await
        .expect("import");
    let read = store.community().await.expect("read");
    assert_eq!(read.len(), community.len(), "tombstones are read too");
    assert!(read
        .volunteers
        .iter()
        .any(|v| v.meta.id == deleted.meta.id && v.meta.deleted));

    let device = store.device_id(|| "kept".into()).await.expect("device");
    let small = Community {
        spaces: community.spaces[..2].to_vec(),
        ..Community::default()
    };
    store.replace_all(small.clone()).await.expect("replace");
    let after = store.community().await.expect("read");
    assert_eq!(after.len(), 2);
    assert_eq!(
        store.device_id(|| "new".into()).await.expect("device"),
        device,
        "the device id stays"
    );
    store.close();
}

#[wasm_bindgen_test]
async fn the_text_a_backup_is_made_of_is_every_record_and_redacting_it_changes_nothing_stored() {
    use linli::domain::Audience;
    use linli::exchange::slices::redact;
    use linli::exchange::{Covers, ExchangeDocument, Header};
    let community = demo();
    let store = store_with("backup-text", &community).await;
    let header = Header::new(
        Covers::Everything,
        "2026-12-02T01:00:00Z".parse().expect("ts"),
        &DeviceId("test-device".into()),
    );
    let texts = |parts: Vec<(RecordKind, js_sys::JsString)>| {
        parts
            .into_iter()
            .map(|(kind, text)| (kind, String::from(text)))
            .collect::<Vec<_>>()
    };
    // A record written on its own (not in a batch) is stored in the same
    // form: a booking with empty optional fields, made a tombstone.
    let booking = community
        .bookings
        .iter()
        .find(|b| b.series_id.is_none() && b.check_in.is_none())
        .expect("a plain booking");
    assert!(store
        .tombstone::<Booking>(
            booking.meta.id,
            "2026-11-28T00:00:00Z".parse().expect("ts"),
            &DeviceId("tab".into()),
        )
        .await
        .expect("tombstone"));
    let stored = store.community().await.expect("read");

    let whole = texts(
        store
            .community_text(Audience::Committee)
            .await
            .expect("text"),
    );
    let file = ExchangeDocument::spliced(&header, &whole);
    let expected = ExchangeDocument {
        header: header.clone(),
        records: stored.clone(),
    }
    .to_json();
    assert_eq!(file, expected, "the same file as the records would make");

    let shared = texts(store.community_text(Audience::Shared).await.expect("text"));
    let read = linli::exchange::read_document(&ExchangeDocument::spliced(&header, &shared))
        .expect("reads back");
    let mut redacted = stored.clone();
    redact(&mut redacted);
    assert_eq!(read.records, redacted);
    assert!(read.records.volunteers.iter().all(|v| v.phone.is_empty()));
    assert!(stored.volunteers.iter().any(|v| !v.phone.is_empty()));
    assert_eq!(
        store.community().await.expect("read"),
        stored,
        "nothing stored changed"
    );
    store.close();
}

#[cfg(feature = "fault-injection")]
#[wasm_bindgen_test]
async fn an_import_aborted_midway_leaves_nothing_behind() {
    use linli::exchange::plan_import;
    use linli::store::faults::fail_next_write;
    let community = demo();
    let store = store_with("aborted-import", &community).await;
    let before = store.community().await.expect("read");
    // Another phone's community (all new records) plus an edit of ours.
    let mut file = demo_community(
        "2026-11-27T02:00:00Z".parse().expect("ts"),
        CommunityZone::Shanghai,
        &DeviceId("other-phone".into()),
        12,
    );
    let mut renamed = community.volunteers[0].clone();
    renamed.name = "改过名的人".into();
    renamed.meta.touch(
        "2026-11-28T00:00:00Z".parse().expect("ts"),
        &DeviceId("other-phone".into()),
    );
    file.volunteers.push(renamed);
    let writes = plan_import(&before, &file).writes;
    assert!(
        writes.len() > 200,
        "a file big enough to stop in the middle"
    );

    fail_next_write(writes.len() / 2, StoreErrorKind::QuotaExceeded);
    let err = store
        .import(writes.clone())
        .await
        .expect_err("the injected failure stops the import");
    assert_eq!(err.kind, StoreErrorKind::QuotaExceeded);
    assert_eq!(
        store.community().await.expect("read"),
        before,
        "not one record of the half-written import is left"
    );

    // The store is still usable, and the same import then goes through whole.
    store.import(writes.clone()).await.expect("import");
    let after = store.community().await.expect("read");
    assert_eq!(after.len(), before.len() + writes.len() - 1);
    assert!(after.volunteers.iter().any(|v| v.name == "改过名的人"));
    store.close();
}

#[wasm_bindgen_test]
async fn a_batch_of_thousands_lands_in_chunks_and_a_late_failure_still_undoes_it_all() {
    let community = demo();
    let store = Store::open(&unique_name("chunks")).await.expect("open");
    let mut ids = SeededIds::new(99);
    let many: Vec<Volunteer> = (0..5000)
        .map(|i| {
            let mut v = community.volunteers[i % community.volunteers.len()].clone();
            v.meta.id = ids.next_id();
            v
        })
        .collect();
    let mut batch = Batch::default();
    for v in &many {
        batch.insert(v.clone());
    }
    batch.insert(many[10].clone()); // the 5001st, in the third chunk: a duplicate
    let err = store
        .write(batch)
        .await
        .expect_err("the duplicate fails the batch");
    assert_eq!(err.kind, StoreErrorKind::Duplicate);
    assert_eq!(store.list_all::<Volunteer>().await.expect("list").len(), 0);

    let mut batch = Batch::default();
    for v in &many {
        batch.insert(v.clone());
    }
    store
        .write(batch)
        .await
        .expect("five thousand in one batch");
    assert_eq!(
        store.list_all::<Volunteer>().await.expect("list").len(),
        5000
    );
    store.close();
}

#[cfg(feature = "fault-injection")]
#[wasm_bindgen_test]
async fn a_connection_the_browser_dropped_is_reopened_and_the_write_goes_through() {
    let community = demo();
    let store = store_with("dropped", &community).await;
    // What some phones do to a backgrounded app.
    store.drop_connection();
    let mut booking = community.bookings[0].clone();
    booking.title = "重连之后".into();
    let mut batch = Batch::default();
    batch.put(booking.clone());
    store
        .write(batch)
        .await
        .expect("write after the connection dropped");
    let read: Option<Booking> = store.get(booking.meta.id).await.expect("read");
    assert_eq!(read.map(|b| b.title), Some("重连之后".to_string()));
    assert_eq!(
        store
            .counts()
            .await
            .expect("counts")
            .get(RecordKind::Booking),
        community.bookings.len()
    );
    store.close();
}

#[wasm_bindgen_test]
async fn a_newer_version_in_another_tab_takes_the_database_without_waiting() {
    let community = demo();
    let store = store_with("superseded", &community).await;
    let told = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = told.clone();
    store.on_superseded(move || flag.set(true));
    // The other tab: the same database at a higher version. Were this
    // store to keep its connection, the open would be blocked for good.
    let newer = schema::open_at(&store.name(), schema::SCHEMA_VERSION + 1)
        .await
        .expect("the newer version opens");
    assert!(told.get(), "this store was told to let go");
    assert!(store.is_superseded());
    let err = store
        .counts()
        .await
        .expect_err("a superseded store refuses");
    assert_eq!(err.kind, StoreErrorKind::Superseded);
    newer.close();
}

// ---------------------------------------------------------------------
// Sync: the change log, and each round's writes in one transaction.

mod sync_side {
    use super::*;
    use linli::store::faults::fail_next_write;
    use linli::sync::{doc_id, Applied, Connection, Database, Known, Local, Role, Seq, Stamp};
    use std::collections::BTreeSet;

    fn connection(role: Role) -> Connection {
        Connection {
            server: "/couchdb/".into(),
            community: "test".into(),
            user: "li".into(),
            role,
        }
    }

    async fn outgoing_ids(store: &Store, db: Database) -> BTreeSet<uuid::Uuid> {
        store
            .outgoing(db)
            .await
            .expect("outgoing")
            .records
            .iter()
            .map(|r| r.meta().id)
            .collect()
    }

    #[wasm_bindgen_test]
    async fn a_phone_logs_its_changes_only_while_connected_and_offers_everything_it_had_on_connecting(
    ) {
        let community = demo();
        let store = store_with("sync-log", &community).await;
        assert!(outgoing_ids(&store, Database::Committee).await.is_empty());
        store
            .connect(connection(Role::Committee))
            .await
            .expect("connect");
        // Connecting offers every record; the public database only takes
        // spaces and bookings.
        assert_eq!(
            outgoing_ids(&store, Database::Committee).await.len(),
            community.len()
        );
        assert_eq!(
            outgoing_ids(&store, Database::Public).await.len(),
            community.spaces.len() + community.bookings.len()
        );
        // Once pushed, only what changes after is offered.
        for db in Database::ALL {
            let upto = store.outgoing(db).await.expect("outgoing").upto;
            store
                .apply(
                    db,
                    Applied {
                        pushed_to: Some(upto),
                        ..Applied::default()
                    },
                )
                .await
                .expect("mark");
            assert!(outgoing_ids(&store, db).await.is_empty());
        }
        // Every write path notes what it changed.
        let now = Timestamp::now();
        let device = DeviceId("test-device".into());
        let mut booking = community.bookings[0].clone();
        booking.title = "改了".into();
        booking.meta.touch(now, &device);
        store.put(booking.clone()).await.expect("put");
        let space = community.spaces[1].meta.id;
        store
            .tombstone::<Space>(space, now, &device)
            .await
            .expect("tombstone");
        let shift = community.shifts[0].clone();
        let mut moved = shift.clone();
        moved.notes = "带水".into();
        moved.meta.touch(now, &device);
        store
            .save_shift(moved, FairnessLimits::default())
            .await
            .expect("save shift");
        let want: BTreeSet<uuid::Uuid> = [booking.meta.id, space, shift.meta.id].into();
        assert_eq!(outgoing_ids(&store, Database::Committee).await, want);
        assert_eq!(
            outgoing_ids(&store, Database::Public).await,
            [booking.meta.id, space].into()
        );
        // Disconnected: the records stay, the log goes.
        store.disconnect().await.expect("disconnect");
        assert_eq!(store.connection().await.expect("read"), None);
        assert!(outgoing_ids(&store, Database::Committee).await.is_empty());
        assert_eq!(
            store.counts().await.expect("counts").total(),
            community.len() - 1
        );
    }

    #[wasm_bindgen_test]
    async fn pulled_records_and_the_checkpoint_land_together_or_not_at_all() {
        let store = Store::open(&unique_name("sync-apply")).await.expect("open");
        store
            .connect(connection(Role::Committee))
            .await
            .expect("connect");
        let community = demo();
        let writes = community.clone().into_records();
        let known: Vec<(String, Known)> = writes
            .iter()
            .map(|r| {
                let id = doc_id(r.kind(), r.meta().id);
                (
                    id,
                    Known {
                        rev: "1-a".into(),
                        stamp: Stamp::of(r.meta()),
                    },
                )
            })
            .collect();
        let applied = Applied {
            writes: writes.clone(),
            known: known.clone(),
            pulled_to: Some(Seq(serde_json::json!("42-abc"))),
            ..Applied::default()
        };
        // A failure half-way (a full disk) leaves the phone as it was.
        fail_next_write(writes.len() / 2, StoreErrorKind::QuotaExceeded);
        let failed = store.apply(Database::Committee, applied.clone()).await;
        assert_eq!(
            failed.map_err(|e| e.kind),
            Err(StoreErrorKind::QuotaExceeded)
        );
        assert_eq!(store.counts().await.expect("counts").total(), 0);
        assert_eq!(
            store
                .checkpoint(Database::Committee)
                .await
                .expect("checkpoint"),
            Seq::default()
        );
        assert!(store
            .outgoing(Database::Committee)
            .await
            .expect("outgoing")
            .known
            .is_empty());
        // Again, whole: records, revisions and checkpoint are all there.
        store
            .apply(Database::Committee, applied)
            .await
            .expect("apply");
        assert_eq!(
            store.counts().await.expect("counts").total(),
            community.len()
        );
        assert_eq!(
            store
                .checkpoint(Database::Committee)
                .await
                .expect("checkpoint"),
            Seq(serde_json::json!("42-abc"))
        );
        // Pulled records are not offered back to the database they came
        // from, but go to the other one.
        assert!(outgoing_ids(&store, Database::Committee).await.is_empty());
        assert_eq!(
            outgoing_ids(&store, Database::Public).await.len(),
            community.spaces.len() + community.bookings.len()
        );
    }

    #[wasm_bindgen_test]
    async fn a_change_saved_while_a_pull_ran_is_not_overwritten_by_it() {
        let community = demo();
        let store = store_with("sync-race", &community).await;
        store
            .connect(connection(Role::Committee))
            .await
            .expect("connect");
        let original = community.spaces[0].clone();
        let near = store
            .neighbourhood(&Community {
                spaces: vec![original.clone()],
                ..Community::default()
            })
            .await
            .expect("read");
        assert!(near
            .records
            .spaces
            .iter()
            .any(|s| s.meta.id == original.meta.id));
        let mut pulled = original.clone();
        pulled.name = "服务器上的".into();
        pulled.meta.touch(
            "2026-12-01T01:00:00Z".parse().expect("ts"),
            &DeviceId("other".into()),
        );
        let mut mine = original.clone();
        mine.name = "本机刚改的".into();
        mine.meta.touch(
            "2026-12-01T02:00:00Z".parse().expect("ts"),
            &DeviceId("test-device".into()),
        );
        store.put(mine.clone()).await.expect("save");
        store
            .apply(
                Database::Committee,
                Applied {
                    writes: vec![pulled.into_any()],
                    seen: near.seen,
                    ..Applied::default()
                },
            )
            .await
            .expect("apply");
        assert_eq!(
            store.get::<Space>(original.meta.id).await.expect("get"),
            Some(mine)
        );
    }

    #[wasm_bindgen_test]
    async fn the_neighbourhood_of_a_booking_holds_its_space_and_every_booking_of_it() {
        let community = demo();
        let store = store_with("sync-near", &community).await;
        let booking = community
            .bookings
            .iter()
            .find(|b| b.is_live())
            .expect("a booking")
            .clone();
        let near = store
            .neighbourhood(&Community {
                bookings: vec![booking.clone()],
                ..Community::default()
            })
            .await
            .expect("read");
        let same_space = community
            .bookings
            .iter()
            .filter(|b| b.space_id == booking.space_id)
            .count();
        assert_eq!(near.records.bookings.len(), same_space);
        assert_eq!(near.records.spaces.len(), 1);
        assert_eq!(near.records.spaces[0].meta.id, booking.space_id);
        assert!(near.records.volunteers.is_empty());
    }
}

/// The report's reads by index range give the same month as counting
/// over every record of the phone.
#[wasm_bindgen_test]
async fn a_months_report_reads_the_same_as_counting_everything() {
    use linli::domain::report::{month_figures, Directory, Month, MonthRecords, Scope};
    let mut community = demo();
    // A tombstone in the month: never read, never counted.
    community.bookings[0].meta.deleted = true;
    let store = store_with("report", &community).await;
    let november = Month::new(2026, 11).expect("month");
    let mut read = store
        .month_records(&[november, november.previous()])
        .await
        .expect("months");
    assert_eq!(read.len(), 2);
    assert_eq!(read[1].month, Some(november.previous()));
    let records = read.swap_remove(0);
    let (from, to) = november.span();
    assert!(
        !records.bookings.is_empty()
            && !records.shifts.is_empty()
            && !records.assignments.is_empty()
    );
    assert!(records
        .bookings
        .iter()
        .all(|b| !b.meta.deleted && b.start >= from && b.start < to));
    assert!(records
        .shifts
        .iter()
        .all(|s| s.start >= from && s.start < to));
    let shift_ids: std::collections::HashSet<_> =
        records.shifts.iter().map(|s| s.meta.id).collect();
    assert!(records
        .assignments
        .iter()
        .all(|a| shift_ids.contains(&a.shift_id)));
    let expected_assignments = community
        .assignments
        .iter()
        .filter(|a| !a.meta.deleted && shift_ids.contains(&a.shift_id))
        .count();
    assert_eq!(records.assignments.len(), expected_assignments);

    let directory = store.report_directory().await.expect("directory");
    let everything = MonthRecords {
        month: None,
        bookings: community.bookings.clone(),
        shifts: community.shifts.clone(),
        assignments: community.assignments.clone(),
    };
    let all = Directory {
        spaces: community.spaces.clone(),
        activities: community.activities.clone(),
        volunteers: community.volunteers.clone(),
    };
    // Counted once November is over.
    let after = november.next().span().1;
    let read = month_figures(&directory, &records, november, &Scope::Community, after);
    let counted = month_figures(&all, &everything, november, &Scope::Community, after);
    assert_eq!(read, counted);
    assert!(read.minutes > 0 && read.activities_held() > 0);
}

/// An import writes what its preview planned, judged again inside its
/// transaction: a booking another tab makes between the preview and the
/// tap is never doubled, and a later edit made there is never overwritten.
#[wasm_bindgen_test]
async fn an_import_is_judged_again_against_what_another_tab_wrote_since_its_preview() {
    use linli::exchange::plan_import;
    let community = demo();
    let name = unique_name("import-race");
    let tab_a = Store::open(&name).await.expect("tab a");
    let mut seed = Batch::default();
    seed.put(community.spaces[0].clone());
    let kept = new_booking(&community, 30, "2026-12-03T09:00", "2026-12-03T10:00");
    seed.put(kept.clone());
    tab_a.write(seed).await.expect("seed");
    let tab_b = Store::open(&name).await.expect("tab b");
    let now = at("2026-11-27T08:00");

    // Another phone's file: a new booking, and an edit of `kept`.
    let mut file = Community::default();
    file.spaces.push(community.spaces[0].clone());
    let mut theirs = new_booking(&community, 31, "2026-12-02T10:00", "2026-12-02T11:00");
    theirs.meta.device_id = DeviceId("phone-b".into());
    file.bookings.push(theirs.clone());
    let mut edited = kept.clone();
    edited.title = "the file's title".into();
    edited.meta.updated_at = "2026-11-27T01:00:00Z".parse().expect("ts");
    file.bookings.push(edited.clone());
    let preview = plan_import(&tab_a.community().await.expect("read"), &file);
    assert!(preview.conflicts.is_empty());
    assert_eq!(preview.writes.len(), 2);

    // After the preview, another tab books the file's slot and edits `kept` later.
    let mine = new_booking(&community, 32, "2026-12-02T10:30", "2026-12-02T11:30");
    tab_b
        .save_booking(mine.clone(), now)
        .await
        .expect("the other tab books");
    let mut later = kept.clone();
    later.title = "this phone's later title".into();
    later.meta.updated_at = "2026-11-27T03:00:00Z".parse().expect("ts");
    tab_b
        .save_booking(later.clone(), now)
        .await
        .expect("the other tab edits");

    let refused = tab_a
        .import(preview.writes.clone())
        .await
        .expect_err("refused");
    assert_eq!(refused.kind, StoreErrorKind::Changed);
    let stored = tab_a.list::<Booking>().await.expect("list");
    assert_eq!(stored.len(), 2, "nothing of the file was written");
    assert!(find_collisions(&stored, |_| 15).is_empty());

    // Without the clash, the file's new booking comes in and the later
    // edit made here stays.
    tab_b
        .tombstone::<Booking>(
            mine.meta.id,
            "2026-11-27T04:00:00Z".parse().expect("ts"),
            &DeviceId("tab".into()),
        )
        .await
        .expect("the other tab deletes its booking");
    tab_a.import(preview.writes.clone()).await.expect("imports");
    let stored = tab_a.list::<Booking>().await.expect("list");
    let title = |id| {
        stored
            .iter()
            .find(|b| b.meta.id == id)
            .map(|b| b.title.clone())
    };
    assert_eq!(
        title(later.meta.id).as_deref(),
        Some("this phone's later title")
    );
    assert_eq!(title(theirs.meta.id).as_deref(), Some("race 31"));

    // Racing: the import and a clashing booking at once. One wins.
    let name = unique_name("import-race-2");
    let (tab_a, tab_b) = (
        Store::open(&name).await.expect("tab a"),
        Store::open(&name).await.expect("tab b"),
    );
    let mut seed = Batch::default();
    seed.put(community.spaces[0].clone());
    tab_a.write(seed).await.expect("seed");
    let preview = plan_import(&tab_a.community().await.expect("read"), &file);
    let (imported, booked) = futures::join!(
        tab_a.import(preview.writes.clone()),
        tab_b.save_booking(mine.clone(), now)
    );
    assert!(
        imported.is_ok() != booked.is_ok(),
        "exactly one lands: {imported:?} / {booked:?}"
    );
    let stored = tab_a.list::<Booking>().await.expect("list");
    assert!(find_collisions(&stored, |_| 15).is_empty());
    tab_a.close();
    tab_b.close();
}

/// The demo volunteer with the most assignments.
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
        .expect("volunteers")
}

fn holds(c: &Community, text: &str) -> bool {
    serde_json::to_string(c).expect("json").contains(text)
}

#[wasm_bindgen_test]
async fn an_erased_person_stays_erased_whatever_comes_in_later() {
    let old = demo();
    let person = busiest(&old);
    let mut old = old;
    old.bookings[0].organiser = Organiser::from_volunteer(&person);
    let store = store_with("erase", &old).await;
    let count = store
        .erase_person(&person.person(), &moment(), uuid::Uuid::from_u128(0xE1))
        .await
        .expect("erase");
    assert!(count >= 2, "the volunteer and their booking: {count}");
    let now = store.community().await.expect("read");
    assert!(!holds(&now, &person.name) && !holds(&now, &person.phone));
    assert_eq!(now.erasures.len(), 1);
    assert_eq!(store.erasures().await.expect("erasures").len(), 1);

    // The old backup through the import's preview and write.
    let plan = linli::exchange::plan_import(&now, &old);
    store.import(plan.writes).await.expect("import");
    assert!(!holds(
        &store.community().await.expect("read"),
        &person.name
    ));

    // A copy of the person's record changed later on a phone that had not
    // heard of the erasure, written without any preview: the store itself
    // erases it on the way in.
    let mut later = person.clone();
    later.room = "12号楼 1201".into();
    later.meta.touch(
        "2026-12-30T00:00:00Z".parse().expect("ts"),
        &DeviceId("phone-c".into()),
    );
    store
        .import(vec![AnyRecord::Volunteer(later)])
        .await
        .expect("import");
    let after = store.community().await.expect("read");
    assert!(!holds(&after, &person.name) && !holds(&after, "12号楼 1201"));

    // Replacing the whole phone with the old backup keeps the erasure.
    store.replace_all(old.clone()).await.expect("replace");
    let replaced = store.community().await.expect("read");
    assert!(!holds(&replaced, &person.name) && !holds(&replaced, &person.phone));
    assert_eq!(replaced.volunteers.len(), old.volunteers.len());
}

#[wasm_bindgen_test]
async fn contacts_past_keeping_are_blanked_once_a_day() {
    let mut c = demo();
    c.bookings[0].organiser.phone = "13911112222".into();
    c.bookings[0].organiser.room = "1号楼 101".into();
    let store = store_with("expire", &c).await;
    // Six months after the demo's last booking ended.
    let last = c.bookings.iter().map(|b| b.end).max().expect("bookings");
    let day = last
        .date()
        .checked_add(jiff::Span::new().months(6))
        .expect("date");
    let local = LocalDateTime::new(day, ClockTime::from_hm(9, 0).expect("time"));
    let at = Moment {
        now: local
            .to_timestamp(&CommunityZone::Shanghai.time_zone())
            .expect("instant"),
        local,
        device: DeviceId("tab".into()),
    };
    let blanked = store.expire_contacts(6, &at).await.expect("expire");
    assert!(blanked.is_some_and(|n| n >= 1), "{blanked:?}");
    let b: Booking = store
        .get(c.bookings[0].meta.id)
        .await
        .expect("get")
        .expect("there");
    assert!(b.organiser.phone.is_empty() && b.organiser.room.is_empty());
    assert_eq!(b.title, c.bookings[0].title);
    assert_eq!(
        store.expire_contacts(6, &at).await.expect("again"),
        None,
        "once a day"
    );
    let after = store.community().await.expect("read");
    assert!(after
        .bookings
        .iter()
        .all(|b| b.organiser.phone.is_empty() && b.organiser.room.is_empty()));
}
