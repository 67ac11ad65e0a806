//! No input reaches a panic. The app's release build aborts on one, so the
//! file reader, the checks and the merge must answer every byte string and
//! every JSON value, however hostile, with an error or a result.
//!
//! A few thousand cases run with the test command. A long run:
//! `LINLI_FUZZ_CASES=100000 cargo test --release --test hostile_input`.

use jiff::Timestamp;
use linli::domain::demo::demo_community;
use linli::domain::*;
use linli::exchange::csv_export::{bookings_csv, hours_csv, roster_csv};
use linli::exchange::ics::{calendar, CalendarEvent};
use linli::exchange::slices::redact;
use linli::exchange::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::{json, Value};
use std::sync::LazyLock;

fn cases(default: u32) -> u32 {
    std::env::var("LINLI_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn now() -> Timestamp {
    "2026-12-02T01:10:00Z".parse().expect("timestamp")
}

/// The phone the files are imported into: the demo community.
static PHONE: LazyLock<Community> = LazyLock::new(|| {
    demo_community(
        now(),
        CommunityZone::Shanghai,
        &DeviceId("phone-a".into()),
        3,
    )
});

/// A real file to break: a small slice of another phone's demo, as JSON.
static FILE: LazyLock<Value> = LazyLock::new(|| {
    let all = demo_community(
        now(),
        CommunityZone::Shanghai,
        &DeviceId("phone-b".into()),
        4,
    );
    // A few records that point only at each other, so the file passes
    // every check until it is damaged.
    let mut c = Community {
        spaces: all.spaces[..3].to_vec(),
        ..Community::default()
    };
    let spaces: Vec<_> = c.spaces.iter().map(|s| s.meta.id).collect();
    c.bookings = all
        .bookings
        .iter()
        .filter(|b| spaces.contains(&b.space_id))
        .take(6)
        .cloned()
        .collect();
    let shift_ids: Vec<_> = all.assignments.iter().map(|a| a.shift_id).take(3).collect();
    c.shifts = all
        .shifts
        .iter()
        .filter(|s| shift_ids.contains(&s.meta.id))
        .cloned()
        .collect();
    c.activities = all
        .activities
        .iter()
        .filter(|a| c.shifts.iter().any(|s| s.activity_id == a.meta.id))
        .cloned()
        .collect();
    c.assignments = all
        .assignments
        .iter()
        .filter(|a| shift_ids.contains(&a.shift_id))
        .cloned()
        .collect();
    c.volunteers = all
        .volunteers
        .iter()
        .filter(|v| c.assignments.iter().any(|a| a.volunteer_id == v.meta.id))
        .cloned()
        .collect();
    let doc = ExchangeDocument::new(c, Covers::Everything, now(), &DeviceId("phone-b".into()));
    serde_json::from_str(&doc.to_json()).expect("json")
});

/// Everything the app does with a file, from its text to the exports of
/// the merged result. Returns whether the file got as far as a merge.
fn import_everything(text: &str) -> bool {
    let doc = match read_document(text) {
        Ok(doc) => doc,
        Err(e) => {
            // The message the app shows is built from these.
            let _ = e.broken_place();
            let _ = format!("{e:?}");
            return false;
        }
    };
    let local = &*PHONE;
    if !validate(&doc.records, local).is_empty() {
        return false;
    }
    let plan = plan_import(local, &doc.records);
    let here = DeviceId("phone-a".into());
    for choice in Resolution::ALL {
        let who = Settler {
            by: "",
            reason: "导入时发现冲突",
            at: now(),
            device: &here,
        };
        let settled = settle(local, &plan, &vec![choice; plan.conflicts.len()], who);
        let mut merged = apply(local, &settled.writes);
        for activity in merged.activities.iter().take(2) {
            roster_csv(&merged, activity.meta.id, &["a"; 7], |s| format!("{s:?}"));
        }
        for space in merged.spaces.iter().take(2) {
            bookings_csv(&merged, space.meta.id, &["b"; 9], |s| format!("{s:?}"));
        }
        hours_csv(&merged, 2026, 12, &["h"; 5]);
        let events: Vec<CalendarEvent> = merged
            .bookings
            .iter()
            .map(|b| CalendarEvent::of_booking(b, "space"))
            .chain(
                merged
                    .shifts
                    .iter()
                    .map(|s| CalendarEvent::of_shift(s, "activity")),
            )
            .collect();
        let ics = calendar("名称", &events, CommunityZone::Shanghai);
        assert!(
            ics.split("\r\n").all(|line| !line.contains(['\r', '\n'])),
            "every calendar line ends where iCalendar says"
        );
        redact(&mut merged);
        let again = ExchangeDocument::new(merged, Covers::Everything, now(), &here).to_json();
        assert!(read_document(&again).is_ok(), "what was merged reads back");
    }
    true
}

/// Strings a hostile or careless file may hold where a value belongs.
fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2026-02-30T25:61".to_string()),
        Just("2026-13-01T09:00".to_string()),
        Just("-0001-01-01T00:00".to_string()),
        Just("9999-12-31T23:59".to_string()),
        Just("24:00".to_string()),
        Just("99:99".to_string()),
        Just("2026-12-02T09:00:00+08:00".to_string()),
        Just("\u{202e}\u{0000}\u{feff}𝕃𝕚𝕟𝕝𝕚".to_string()),
        Just("=HYPERLINK(\"http://x\",\"y\")".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("00000000-0000-0000-0000-000000000000".to_string()),
        Just("x".repeat(5000)),
        "\\PC{0,40}",
        "[0-9T:\\-]{0,20}",
    ]
}

/// Any JSON value: wrong types, huge and negative numbers, odd text,
/// nesting a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(json!(1e308)),
        Just(json!(-1)),
        Just(json!(4294967296u64)),
        Just(json!(0.5)),
        odd_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every place (path of keys and indexes) in `value`.
fn places(value: &Value, here: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut next = here.clone();
                next.push(PathStep::Key(k.clone()));
                places(v, next, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut next = here.clone();
                next.push(PathStep::Index(i));
                places(v, next, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(value: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    let mut v = value;
    for step in path {
        v = match step {
            PathStep::Key(k) => v.get_mut(k.as_str())?,
            PathStep::Index(i) => v.get_mut(*i)?,
        };
    }
    Some(v)
}

/// One change a broken or hostile file may carry.
#[derive(Clone, Debug)]
enum Damage {
    /// The value at some place replaced by any other.
    Replace(usize, Value),
    /// A field removed.
    Remove(usize),
    /// A record copied within its list (duplicate ids, overlaps).
    Duplicate(usize),
    /// A value wrapped in hundreds of arrays.
    Nest(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<usize>(), any_json()).prop_map(|(at, v)| Damage::Replace(at, v)),
        2 => any::<usize>().prop_map(Damage::Remove),
        1 => any::<usize>().prop_map(Damage::Duplicate),
        1 => (any::<usize>(), 1usize..400).prop_map(|(at, depth)| Damage::Nest(at, depth)),
    ]
}

fn damaged(damages: &[Damage]) -> String {
    let mut doc = FILE.clone();
    for d in damages {
        let mut all = Vec::new();
        places(&doc, Vec::new(), &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match d {
            Damage::Replace(at, v) => {
                if let Some(slot) = at_mut(&mut doc, &pick(*at)) {
                    *slot = v.clone();
                }
            }
            Damage::Remove(at) => {
                let path = pick(*at);
                if let Some((PathStep::Key(k), parent)) = path.split_last() {
                    if let Some(Value::Object(map)) = at_mut(&mut doc, parent) {
                        map.remove(k);
                    }
                }
            }
            Damage::Duplicate(at) => {
                let path = pick(*at);
                if let Some((PathStep::Index(i), parent)) = path.split_last() {
                    if let Some(Value::Array(items)) = at_mut(&mut doc, parent) {
                        let copy = items[*i].clone();
                        items.push(copy);
                    }
                }
            }
            Damage::Nest(at, depth) => {
                if let Some(slot) = at_mut(&mut doc, &pick(*at)) {
                    let mut v = slot.take();
                    for _ in 0..*depth {
                        v = Value::Array(vec![v]);
                    }
                    *slot = v;
                }
            }
        }
    }
    doc.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1500)))]

    #[test]
    fn any_bytes_are_refused_or_read_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        // The browser decodes a file as UTF-8, replacing what is not.
        import_everything(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn any_json_is_refused_or_read_never_a_panic(value in any_json()) {
        import_everything(&value.to_string());
    }

    #[test]
    fn a_damaged_real_file_is_refused_or_merged_never_a_panic(damages in prop::collection::vec(damage(), 1..5)) {
        import_everything(&damaged(&damages));
    }
}

#[test]
fn the_damage_reaches_the_merge_in_some_cases() {
    // Guards the property above against testing only the parser: some
    // damaged files must pass every check and be merged.
    let whole = read_document(&FILE.to_string()).expect("the undamaged file reads");
    assert_eq!(validate(&whole.records, &PHONE), vec![]);
    assert!(
        import_everything(&FILE.to_string()),
        "the undamaged file merges"
    );
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(damage(), 1..3);
    let merged = (0..300)
        .filter(|_| {
            let d = strategy.new_tree(&mut runner).expect("case").current();
            import_everything(&damaged(&d))
        })
        .count();
    assert!(
        merged >= 20,
        "only {merged} of 300 damaged files were merged"
    );
}

#[test]
fn impossible_times_and_deep_nesting_are_refused_with_a_reason() {
    let mut doc = FILE.clone();
    doc["records"]["bookings"][0]["start"] = json!("2026-02-30T25:61");
    let err = read_document(&doc.to_string()).expect_err("refused");
    let place = err.broken_place().expect("a place");
    assert_eq!(
        (place.kind, place.position, place.field.as_str()),
        (RecordKind::Booking, 0, "start")
    );

    // Built as text: a value this deep would overflow any recursive walk.
    // Some nesting is named where it is; far too much is refused unplaced.
    let nested = |depth: usize| {
        let mut doc = FILE.clone();
        doc["records"]["spaces"][0]["notes"] = json!("DEEP");
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        read_document(&doc.to_string().replace("\"DEEP\"", &deep)).expect_err("refused")
    };
    let place = nested(100).broken_place().expect("a place");
    assert_eq!(
        (place.kind, place.position, place.field.as_str()),
        (RecordKind::Space, 0, "notes")
    );
    assert!(matches!(nested(100_000), ReadError::Malformed { .. }));
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    // Nesting where the header belongs is not a Linli file.
    let text = format!("{{\"header\": {deep}}}");
    let refused = read_document(&text);
    assert!(matches!(refused, Err(ReadError::NotLinli)), "{refused:?}");
    // Nor is a header whose version does not fit: it is newer, not wrapped round.
    let mut doc = FILE.clone();
    doc["header"]["format_version"] = json!(u64::from(u32::MAX) + 2);
    assert!(matches!(
        read_document(&doc.to_string()),
        Err(ReadError::TooNew { .. })
    ));
}
