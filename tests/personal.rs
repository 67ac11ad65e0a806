//! Each kind's personal fields are listed once, in the domain: files,
//! the public database and the server's own validation all follow it.

use jiff::Timestamp;
use linli::domain::demo::demo_community;
use linli::domain::holidays::{HolidayArrangement, HolidayDay, HolidayYear};
use linli::domain::*;
use linli::sync::Database;
use serde_json::{json, Map, Value};

/// One record of every kind, with every personal field filled.
fn one_of_each() -> Vec<AnyRecord> {
    let now: Timestamp = "2026-12-02T01:10:00Z".parse().expect("timestamp");
    let device = DeviceId("phone-a".into());
    let mut c = demo_community(now, CommunityZone::Shanghai, &device, 7);
    c.holiday_years.push(HolidayYear::new(
        HolidayArrangement {
            year: 2027,
            papers: Vec::new(),
            days: vec![HolidayDay {
                name: "元旦".into(),
                date: "2027-01-01".parse().expect("date"),
                is_off_day: true,
            }],
        },
        now,
        &device,
    ));
    let mut out = Vec::new();
    for kind in RecordKind::ALL {
        let mut r = c
            .clone()
            .into_records()
            .into_iter()
            .find(|r| r.kind() == kind)
            .unwrap_or_else(|| panic!("the demo has a {kind:?}"));
        for (i, value) in r.personal_mut().into_iter().enumerate() {
            *value = format!("personal-{i}");
        }
        out.push(r);
    }
    out
}

fn at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, k| v.get(*k))
}

#[test]
fn each_listed_path_is_where_the_record_keeps_that_field() {
    for r in one_of_each() {
        let fields = r.kind().personal();
        let mut copy = r.clone();
        assert_eq!(fields.len(), copy.personal_mut().len(), "{:?}", r.kind());
        let value = r.to_value();
        for (i, field) in fields.iter().enumerate() {
            assert_eq!(
                at(&value, field.path),
                Some(&json!(format!("personal-{i}"))),
                "{:?} {}",
                r.kind(),
                field.dotted()
            );
        }
    }
}

#[test]
fn each_audience_keeps_only_what_it_may_see() {
    for r in one_of_each() {
        for audience in [Audience::Committee, Audience::Public, Audience::Shared] {
            let mut copy = r.clone();
            copy.blank_for(audience);
            let value = copy.to_value();
            for field in r.kind().personal() {
                let kept = at(&value, field.path).and_then(Value::as_str).unwrap_or("");
                assert_eq!(!kept.is_empty(), field.kept_for(audience), "{:?}", field);
            }
            // Nothing else changes.
            let (mut a, mut b) = (r.clone(), copy.clone());
            for v in a.personal_mut().into_iter().chain(b.personal_mut()) {
                v.clear();
            }
            assert_eq!(a, b);
            // A copy back from that audience erases nothing this phone knows.
            copy.keep_personal_from(&r, audience);
            let back = copy.to_value();
            for field in r.kind().personal().iter().filter(|f| !f.sealed) {
                assert_eq!(at(&back, field.path), at(&r.to_value(), field.path));
            }
        }
    }
    // Residents' phones and rooms are on the list; their names are not.
    let names: Vec<String> = RecordKind::Booking
        .personal()
        .iter()
        .chain(RecordKind::Volunteer.personal())
        .map(|f| f.dotted())
        .collect();
    for expected in ["organiser.phone", "organiser.room", "phone", "room"] {
        assert!(names.iter().any(|n| n == expected), "{expected}");
    }
}

/// The server's validation of the public database refuses exactly the
/// plain personal fields the domain lists, for exactly the kinds the
/// public database takes.
#[test]
fn the_public_databases_validation_follows_the_domains_list() {
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scripts/couchdb/validate-public.js"
    ))
    .expect("validate-public.js");
    let line = js
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("var personal = "))
        .expect("a `var personal = …;` line");
    let listed: Value = serde_json::from_str(line.trim_end_matches(';')).expect("the line is JSON");
    let mut expected = Map::new();
    for kind in RecordKind::ALL
        .into_iter()
        .filter(|k| Database::Public.takes(*k))
    {
        let fields = kind.personal();
        if fields.is_empty() {
            continue;
        }
        let names = |sealed: bool| -> Vec<String> {
            fields
                .iter()
                .filter(|f| f.sealed == sealed)
                .map(|f| f.dotted())
                .collect()
        };
        expected.insert(
            kind.name().into(),
            json!({ "plain": names(false), "sealed": names(true) }),
        );
    }
    assert_eq!(listed, Value::Object(expected));
    // And the kinds it lets in are the ones the phone sends there.
    let kinds = js
        .split("/^(")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("the document id pattern");
    let taken: Vec<&str> = RecordKind::ALL
        .into_iter()
        .filter(|k| Database::Public.takes(*k))
        .map(RecordKind::name)
        .collect();
    assert_eq!(kinds.split('|').collect::<Vec<_>>(), taken);
}

/// The committee's database takes every kind of record the phone has: a
/// kind added to the domain and forgotten there fails here, not on a
/// phone that cannot send it.
#[test]
fn the_committee_databases_validation_takes_every_kind() {
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scripts/couchdb/validate-committee.js"
    ))
    .expect("validate-committee.js");
    let kinds = js
        .split("/^(")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("the document id pattern");
    let all: Vec<&str> = RecordKind::ALL.into_iter().map(RecordKind::name).collect();
    assert_eq!(kinds.split('|').collect::<Vec<_>>(), all);
}
