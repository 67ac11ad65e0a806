//! Every file in `tests/fixtures/exchange/` read as the import reads it:
//! the earlier-format files load, each broken or hostile one is refused
//! with the reason `expected.json` names, and a holiday arrangement (a
//! file of holiday-cn's shape) reads as one or is refused with its reason. The Playwright suite imports the
//! same files through the app and checks the message a resident sees.

use linli::domain::Community;
use linli::exchange::*;
use std::collections::BTreeMap;
use std::path::Path;

const FOLDER: &str = "tests/fixtures/exchange";

/// One file per format version ever released, oldest first. When version 2
/// comes, a v2 file joins and the v1 file goes on proving the migration.
const EARLIER_FORMAT_FILES: &[&str] = &["v1-small-community.json"];

/// What reading a file's bytes (as a phone reads a chosen file) into an
/// empty phone comes to, in a few words.
fn outcome(bytes: &[u8]) -> String {
    let document = match holidays::read_incoming(bytes) {
        Ok(holidays::Incoming::Exchange(d)) => *d,
        Ok(holidays::Incoming::Holidays(a)) => {
            let off = a.days.iter().filter(|d| d.is_off_day).count();
            return format!(
                "holidays {}: {off} off, {} worked",
                a.year,
                a.days.len() - off
            );
        }
        Err(ReadError::Holidays(p)) => return format!("holidays: {p:?}"),
        Err(ReadError::NotJson { .. }) => return "not json".into(),
        Err(ReadError::NotLinli) => return "not linli".into(),
        Err(ReadError::TooNew { version }) => return format!("too new: {version}"),
        Err(ReadError::TooLarge { .. }) => return "too large".into(),
        Err(e @ ReadError::Malformed { .. }) => {
            return match e.broken_place() {
                Some(p) if p.missing => format!("{:?}[{}] lacks {}", p.kind, p.position, p.field),
                Some(p) => format!("{:?}[{}].{} is wrong", p.kind, p.position, p.field),
                None => format!("{e:?}"),
            }
        }
    };
    let problems = validate(&document.records, &Community::default());
    if problems.is_empty() {
        return "ok".into();
    }
    problems
        .iter()
        .map(|p| format!("{:?}[{}].{}: {:?}", p.kind, p.position, p.field, p.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One entry of `expected.json`: what the file is, what reading it gives
/// natively, and (for the browser test) the Chinese message shown.
#[derive(serde::Deserialize)]
struct Expected {
    native: String,
}

fn expectations() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(Path::new(FOLDER).join("expected.json"))
        .expect("tests/fixtures/exchange/expected.json");
    serde_json::from_str(&text).expect("expected.json is an object of file → expectation")
}

#[test]
fn each_fixture_file_reads_as_expected() {
    let expected = expectations();
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(FOLDER).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name == "expected.json" {
            continue;
        }
        let want = expected
            .get(&name)
            .unwrap_or_else(|| panic!("{name} has no entry in expected.json"));
        let bytes = std::fs::read(&path).expect("fixture file");
        assert_eq!(outcome(&bytes), want.native, "{name}");
        seen.push(name);
    }
    assert_eq!(
        seen.len(),
        expected.len(),
        "expected.json names a file that is missing"
    );
}

#[test]
fn an_earlier_format_file_round_trips_through_the_current_writer() {
    for name in EARLIER_FORMAT_FILES {
        let text = std::fs::read_to_string(Path::new(FOLDER).join(name)).expect("fixture");
        let document = read_document(&text).expect("an earlier format reads");
        let again = read_document(&document.to_json()).expect("re-read");
        assert_eq!(again, document, "{name}");
        assert_eq!(again.header.format_version, FORMAT_VERSION);
    }
}
