//! One server document per record: its id, its body (the record as an
//! exchange file holds it), and the stamp that says which version of the
//! record a server revision holds.

use crate::domain::{AnyRecord, Audience, Meta, RecordKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The two databases of a community on its server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Database {
    /// Every record; only committee accounts may read or write it.
    Committee,
    /// Spaces and bookings without phone numbers or rooms, and the holiday
    /// arrangements: residents read it and leave their requests in it.
    Public,
}

impl Database {
    pub const ALL: [Database; 2] = [Database::Committee, Database::Public];

    /// How this phone's stores name the database.
    pub fn key(self) -> &'static str {
        match self {
            Database::Committee => "committee",
            Database::Public => "public",
        }
    }

    /// The database's name on the server, from the community's name.
    pub fn server_name(self, community: &str) -> String {
        match self {
            Database::Committee => community.to_string(),
            Database::Public => format!("{community}-public"),
        }
    }

    /// Whether records of `kind` go to this database.
    pub fn takes(self, kind: RecordKind) -> bool {
        match self {
            Database::Committee => true,
            Database::Public => matches!(
                kind,
                RecordKind::Space | RecordKind::Booking | RecordKind::HolidayYear
            ),
        }
    }

    /// Who reads its documents, and so which personal fields they carry.
    pub fn audience(self) -> Audience {
        match self {
            Database::Committee => Audience::Committee,
            Database::Public => Audience::Public,
        }
    }

    /// Whether personal fields are left out of its documents.
    pub fn redacts(self) -> bool {
        self.audience() != Audience::Committee
    }
}

/// A record's document id: its kind and its UUID, `booking:…`.
pub fn doc_id(kind: RecordKind, id: Uuid) -> String {
    format!("{}:{id}", kind.name())
}

/// The kind and UUID of a Linli document id; `None` for anything else
/// (a design document, a stray document someone else wrote).
pub fn parse_doc_id(id: &str) -> Option<(RecordKind, Uuid)> {
    let (kind, uuid) = id.split_once(':')?;
    let kind = RecordKind::ALL.into_iter().find(|k| k.name() == kind)?;
    Some((kind, Uuid::parse_str(uuid).ok()?))
}

/// Which version of a record: when and where it last changed, and whether
/// it is a tombstone. Two versions with one stamp are the same change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stamp(pub String);

impl Stamp {
    pub fn of(meta: &Meta) -> Stamp {
        Stamp(format!(
            "{}|{}|{}",
            meta.updated_at,
            meta.device_id.0,
            u8::from(meta.deleted)
        ))
    }

    /// Whether the version this stamp names is a later change than
    /// `meta`'s, by the merge order (`Meta::wins_over`).
    pub fn wins_over(&self, meta: &Meta) -> bool {
        let Some((at, rest)) = self.0.split_once('|') else {
            return false;
        };
        let Some((device, deleted)) = rest.rsplit_once('|') else {
            return false;
        };
        let Ok(at) = at.parse::<jiff::Timestamp>() else {
            return false;
        };
        (at, device, deleted == "1") > (meta.updated_at, meta.device_id.0.as_str(), meta.deleted)
    }
}

/// What this phone knows of a document on a server: its revision, and the
/// version of the record that revision holds (empty when the document
/// could not be read).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub rev: String,
    pub stamp: Stamp,
}

impl Known {
    /// The generation of a revision (`3-abc…` is 3): a later revision of a
    /// document never has a smaller one.
    pub fn generation(&self) -> u64 {
        self.rev
            .split_once('-')
            .and_then(|(n, _)| n.parse().ok())
            .unwrap_or(0)
    }
}

/// The document of `record` for a database: `_id`, `_rev` when the
/// server's revision is known, then the record's own fields. Linli's
/// `deleted` is an ordinary field: a tombstone is a document like any
/// other, never CouchDB's `_deleted`, so deletions merge by Linli's rule.
pub fn to_doc(record: &AnyRecord, rev: Option<&str>, audience: Audience) -> Value {
    let mut record = record.clone();
    record.blank_for(audience);
    let mut doc = Map::new();
    doc.insert(
        "_id".into(),
        Value::String(doc_id(record.kind(), record.meta().id)),
    );
    if let Some(rev) = rev {
        doc.insert("_rev".into(), Value::String(rev.to_string()));
    }
    if let Value::Object(fields) = record.to_value() {
        doc.extend(fields);
    }
    Value::Object(doc)
}

/// Why a server document was not taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocReason {
    /// Its id is not a Linli record's.
    NotARecord,
    /// Its `id` field names another record than its document id.
    IdMismatch,
    /// A field is missing or of the wrong type (empty when no one field is
    /// to blame).
    Unreadable { field: String },
    /// A rule of the record is broken (see the import's checks).
    Rule {
        field: String,
        reason: crate::exchange::ProblemReason,
    },
    /// A kind of record this database never holds (a volunteer in the
    /// public database).
    WrongDatabase,
    /// Deleted on the server by other means than Linli's tombstones.
    DeletedOnServer,
    /// The server refused this phone's change, with its reason.
    Refused { reason: String },
}

/// The record a document holds. Fields a newer app added are ignored, as
/// in a file; the server's own `_` fields are not the record's.
pub fn from_doc(doc: &Value) -> Result<AnyRecord, DocReason> {
    let id = doc.get("_id").and_then(Value::as_str).unwrap_or_default();
    let (kind, uuid) = parse_doc_id(id).ok_or(DocReason::NotARecord)?;
    if doc.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Err(DocReason::DeletedOnServer);
    }
    let mut body = doc.as_object().cloned().unwrap_or_default();
    body.retain(|k, _| !k.starts_with('_'));
    let body = Value::Object(body);
    let record = AnyRecord::from_value(kind, &body).map_err(|_| DocReason::Unreadable {
        field: crate::exchange::format::broken_field(&body, |v| {
            AnyRecord::from_value(kind, v).map(drop)
        })
        .unwrap_or_default()
        .trim_start_matches('.')
        .to_string(),
    })?;
    if record.meta().id != uuid {
        return Err(DocReason::IdMismatch);
    }
    Ok(record)
}
