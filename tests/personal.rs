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
    let person = c.volunteers[0].person();
    c.erasures.push(find_person(
        &c,
        &person,
        Meta::new(uuid::Uuid::nil(), now, &device),
    ));
    let mut out = Vec::new();
    for kind in RecordKind::ALL {
        let mut r = c
            .clone()
            .into_records()
            .into_iter()
            .find(|r| r.kind() == kind)
            .unwrap_or_else(|| panic!("the demo has a {kind:?}"));
        // Every optional part that holds a personal field, present.
        match &mut r {
            AnyRecord::Booking(b) => {
                b.requested_by = Some(String::new());
                b.status_change = Some(StatusChange::default());
            }
            AnyRecord::Volunteer(v) => {
                v.consent = Some(Consent {
                    at: now,
                    how: ConsentHow::Recorded,
                    by: String::new(),
                })
            }
            AnyRecord::Assignment(a) => {
                a.correction = Some(HoursCorrection {
                    minutes: 60,
                    reason: String::new(),
                    by: String::new(),
                    device: None,
                })
            }
            _ => {}
        }
        for (field, value) in r.personal_mut() {
            *value = format!("personal-{}", field.dotted());
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
        for field in fields {
            assert_eq!(
                at(&value, field.path),
                Some(&json!(format!("personal-{}", field.dotted()))),
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
            for (_, v) in a.personal_mut().into_iter().chain(b.personal_mut()) {
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
    // Residents' phones and rooms are on the list, kept from the public;
    // their names too, shown wherever the record goes.
    let listed =
        |kind: RecordKind, name: &str| kind.personal().iter().find(|f| f.dotted() == name).copied();
    for (kind, field) in [
        (RecordKind::Booking, "organiser.phone"),
        (RecordKind::Booking, "organiser.room"),
        (RecordKind::Volunteer, "phone"),
        (RecordKind::Volunteer, "room"),
    ] {
        let f = listed(kind, field).unwrap_or_else(|| panic!("{field}"));
        assert!(!f.kept_for(Audience::Public) && !f.kept_for(Audience::Shared));
    }
    for (kind, field) in [
        (RecordKind::Booking, "organiser.name"),
        (RecordKind::Volunteer, "name"),
    ] {
        let f = listed(kind, field).unwrap_or_else(|| panic!("{field}"));
        assert!(f.shown && f.kept_for(Audience::Shared));
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
                .filter(|f| !f.shown && f.sealed == sealed)
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
