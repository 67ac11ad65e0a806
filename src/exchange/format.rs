//! The exchange file: a header saying what it is and what it covers, then
//! the records by kind with their metadata (tombstones included).
//!
//! Versioned: a reader accepts every earlier format version, migrating it,
//! and refuses a newer one with a message that says to update the app.

use crate::domain::{Community, DeviceId, RecordKind};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// The `format` every Linli file names in its header.
pub const FORMAT_NAME: &str = "linli-exchange";

/// The version this app writes. Version 1 is the first.
pub const FORMAT_VERSION: u32 = 1;

/// The largest file an import accepts. A two-year community is ~15 MB.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// What the app calls itself in files it writes.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ExchangeDocument {
    pub header: Header,
    pub records: Community,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Header {
    /// Always "linli-exchange".
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaInstant")
    )]
    pub exported_at: Timestamp,
    pub device_id: DeviceId,
    pub covers: Covers,
    /// Phone numbers and rooms were removed before sharing.
    #[serde(default)]
    pub redacted: bool,
}

/// What part of a community a file holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Covers {
    /// The whole database: a backup.
    Everything,
    /// One activity's roster, with its shifts, assignments and volunteers.
    Roster { activity_id: Uuid },
    /// One space's bookings from `from` to `to`, both included.
    SpaceBookings {
        space_id: Uuid,
        #[cfg_attr(
            not(target_arch = "wasm32"),
            schemars(with = "crate::domain::time::SchemaDate")
        )]
        from: Date,
        #[cfg_attr(
            not(target_arch = "wasm32"),
            schemars(with = "crate::domain::time::SchemaDate")
        )]
        to: Date,
    },
    /// The booking requests of one organiser, for the keeper.
    MyRequests { organiser: String },
}

impl Header {
    /// The header of a file this app makes now.
    pub fn new(covers: Covers, at: Timestamp, device: &DeviceId) -> Self {
        Header {
            format: FORMAT_NAME.to_string(),
            format_version: FORMAT_VERSION,
            app_version: APP_VERSION.to_string(),
            exported_at: at,
            device_id: device.clone(),
            covers,
            redacted: false,
        }
    }
}

impl ExchangeDocument {
    pub fn new(records: Community, covers: Covers, at: Timestamp, device: &DeviceId) -> Self {
        ExchangeDocument {
            header: Header::new(covers, at, device),
            records,
        }
    }

    /// The file's text. Compact: these files travel over chat apps.
    pub fn to_json(&self) -> String {
        // Serialising plain records to a string cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The file as pieces: text, and where each kind's records go as the
    /// JSON array the store already holds as text. Joined, they are the
    /// same text as [`to_json`](Self::to_json): a backup of the whole
    /// community never parses its records into Rust only to write them
    /// out again (nor copies them into Rust at all).
    pub fn pieces(header: &Header) -> Vec<Piece> {
        let mut out = Vec::with_capacity(2 * RecordKind::ALL.len() + 1);
        let mut text = String::from("{\"header\":");
        text.push_str(&serde_json::to_string(header).unwrap_or_default());
        text.push_str(",\"records\":{");
        for (i, kind) in RecordKind::ALL.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push('"');
            text.push_str(kind.plural());
            text.push_str("\":");
            out.push(Piece::Text(std::mem::take(&mut text)));
            out.push(Piece::Records(*kind));
        }
        out.push(Piece::Text("}}".to_string()));
        out
    }

    /// [`pieces`](Self::pieces) joined with each kind's JSON array (a kind
    /// not given is an empty list).
    pub fn spliced(header: &Header, records: &[(RecordKind, String)]) -> String {
        let mut out = String::new();
        for piece in Self::pieces(header) {
            match piece {
                Piece::Text(text) => out.push_str(&text),
                Piece::Records(kind) => match records.iter().find(|(k, _)| *k == kind) {
                    Some((_, text)) => out.push_str(text),
                    None => out.push_str("[]"),
                },
            }
        }
        out
    }
}

/// A part of a file made by [`ExchangeDocument::pieces`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Every record of the kind, as a JSON array.
    Records(RecordKind),
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON: where it broke.
    NotJson { line: usize, column: usize },
    /// JSON, but not a Linli file.
    NotLinli,
    /// Written by a newer app.
    TooNew { version: u32 },
    /// Larger than any real community's file.
    TooLarge { limit_bytes: usize },
    /// A Linli file whose contents do not fit the format: where and why.
    Malformed { path: String, message: String },
    /// A holiday arrangement file that cannot be loaded: the first reason.
    Holidays(crate::domain::holidays::ArrangementProblem),
}

/// Where a malformed file broke, in the words of the records: the third
/// booking's `start`, or the first space missing its `capacity`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenPlace {
    pub kind: RecordKind,
    /// From 0, as in the file.
    pub position: usize,
    pub field: String,
    /// The field is absent, rather than present with a wrong value.
    pub missing: bool,
}

impl ReadError {
    /// The record and field a `Malformed` error points at, when it points
    /// inside a record (`records.bookings[3].start`).
    pub fn broken_place(&self) -> Option<BrokenPlace> {
        let ReadError::Malformed { path, message } = self else {
            return None;
        };
        let rest = path.strip_prefix("records.")?;
        let (plural, rest) = rest.split_once('[')?;
        let (position, rest) = rest.split_once(']')?;
        let kind = RecordKind::ALL.into_iter().find(|k| k.plural() == plural)?;
        let position = position.parse().ok()?;
        // serde names a missing field in its message: "missing field `capacity`".
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|m| m.split_once('`'))
            .map(|(field, _)| field.to_string());
        let field = match rest.strip_prefix('.') {
            Some(field) => field.to_string(),
            None => missing.clone()?,
        };
        Some(BrokenPlace {
            kind,
            position,
            missing: missing.as_deref() == Some(field.as_str()),
            field,
        })
    }
}

/// Reads a file's bytes: UTF-8 text (a byte-order mark is skipped), then
/// as [`read_document`]. Bytes that are not UTF-8 are no JSON; where they
/// start is said as a line and column, as for broken JSON.
pub fn read_document_bytes(bytes: &[u8]) -> Result<ExchangeDocument, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => read_document(text),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            Err(ReadError::NotJson { line, column })
        }
    }
}

/// Reads a file's text, migrating an earlier format version to this one.
pub fn read_document(text: &str) -> Result<ExchangeDocument, ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    let text = text.trim_start_matches('\u{feff}');
    // A first pass reads only the header (the records are skipped, not
    // built): a file of the current version is then read straight into
    // its records, and only an older one goes through a JSON tree to be
    // migrated. For a 20 MB file the tree was a third of the reading.
    let header = match leading_header(text).map_or_else(
        || serde_json::from_str::<HeaderProbe>(text).map(|probe| probe.header),
        |header| Ok(Some(header)),
    ) {
        Ok(header) => header,
        Err(_) => {
            // Broken JSON says where; valid JSON of another shape (a list,
            // a bare string) is simply not a Linli file.
            if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
                return Err(ReadError::NotJson {
                    line: e.line(),
                    column: e.column(),
                });
            }
            None
        }
    };
    let header = header.ok_or(ReadError::NotLinli)?;
    if header.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
        return Err(ReadError::NotLinli);
    }
    let version = header
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or(ReadError::NotLinli)?;
    // A version past u32 is newer still, never a wrapped-around old one.
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > FORMAT_VERSION {
        return Err(ReadError::TooNew { version });
    }
    if version == FORMAT_VERSION {
        return serde_json::from_str(text).map_err(|e| {
            // Broken JSON after a sound header says where, as without one.
            if let Err(broken) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
                return ReadError::NotJson {
                    line: broken.line(),
                    column: broken.column(),
                };
            }
            let value = serde_json::from_str(text).unwrap_or_default();
            malformed(&value, &e)
        });
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let value = migrate(value, version);
    ExchangeDocument::deserialize(&value).map_err(|e| malformed(&value, &e))
}

/// The header of a file that starts with it, as every file this app
/// writes does: read alone, without scanning the records after it (the
/// full read that follows checks the whole file).
fn leading_header(text: &str) -> Option<serde_json::Map<String, Value>> {
    let rest = text.trim_start().strip_prefix('{')?;
    let rest = rest.trim_start().strip_prefix("\"header\"")?;
    let rest = rest.trim_start().strip_prefix(':')?;
    let mut reader = serde_json::Deserializer::from_str(rest);
    serde_json::Map::deserialize(&mut reader).ok()
}

/// Just the header of a file; everything else is skipped unread.
#[derive(Deserialize)]
struct HeaderProbe {
    #[serde(default)]
    header: Option<serde_json::Map<String, serde_json::Value>>,
}

/// One step per released version; each turns version n into n + 1.
fn migrate(value: serde_json::Value, from: u32) -> serde_json::Value {
    // Version 1 is the first; its steps start when version 2 changes a
    // field. Version 0 never existed, so there is nothing to do yet.
    let _ = from;
    value
}

/// Names where the contents of `document` (the file as plain JSON) broke
/// the format, e.g. `records.bookings[3].start`.
fn malformed(document: &Value, error: &serde_json::Error) -> ReadError {
    ReadError::Malformed {
        path: broken_path(document),
        message: error.to_string(),
    }
}

/// Where a document that does not read is broken: the header and then each
/// record are tried on their own, and in the first that fails, the field
/// whose removal changes the error. (A path-tracking deserialiser over the
/// whole document did the same at the cost of a tenth of the download.)
fn broken_path(document: &Value) -> String {
    let header = &document["header"];
    if let Some(field) = broken_field(header, |v| Header::deserialize(v).map(drop)) {
        return format!("header{field}");
    }
    let records = &document["records"];
    if !records.is_object() {
        return "records".to_string();
    }
    for kind in RecordKind::ALL {
        let Some(list) = records.get(kind.plural()) else {
            return "records".to_string();
        };
        let Some(items) = list.as_array() else {
            return format!("records.{}", kind.plural());
        };
        for (i, item) in items.iter().enumerate() {
            if let Some(field) = broken_field(item, |v| Community::check_record(kind, v)) {
                return format!("records.{}[{i}]{field}", kind.plural());
            }
        }
    }
    String::new()
}

/// `None` when `value` reads; otherwise `.field` for a field that is
/// there but wrong, or nothing more when one is missing (the message
/// names it) or the value is no object at all.
pub(crate) fn broken_field(
    value: &Value,
    read: impl Fn(&Value) -> Result<(), serde_json::Error>,
) -> Option<String> {
    let error = read(value).err()?.to_string();
    let Some(object) = value
        .as_object()
        .filter(|_| !error.starts_with("missing field"))
    else {
        return Some(String::new());
    };
    // Fields are read in order and a missing one is noticed only at the
    // end: without the wrong field the record reads (it had a default) or
    // misses just that field; without any other field it still fails on
    // the wrong one.
    for key in object.keys() {
        let mut without = object.clone();
        without.remove(key);
        match read(&Value::Object(without)) {
            Ok(()) => return Some(format!(".{key}")),
            Err(e) if e.to_string().starts_with(&format!("missing field `{key}`")) => {
                return Some(format!(".{key}"))
            }
            Err(_) => {}
        }
    }
    Some(String::new())
}
