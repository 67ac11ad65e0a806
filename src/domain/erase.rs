//! Erasing a person (删除个人信息): their personal fields blanked in every
//! record that holds them, and an `Erasure` that goes with sync and with
//! files. A phone that receives it erases the same; an older copy of a
//! record, from a backup or a file passed around, comes in erased — as a
//! tombstone outlives the record it deletes. Counts and hours stay: an
//! erased volunteer's assignments still add up in the monthly report.

use super::erasure::{ErasedRecord, Erasure};
use super::meta::{Meta, Moment};
use super::personal::{Person, ERASED};
use super::record::{AnyRecord, Community, RecordKind};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// Finds `person` in `community`: their personal fields in every
/// record, and every free text that names them.
pub fn find_person(community: &Community, person: &Person, meta: Meta) -> Erasure {
    let mut records = Vec::new();
    for r in community.clone().into_records() {
        if r.kind() == RecordKind::Erasure {
            continue;
        }
        let mut fields: Vec<String> = r.about(person).iter().map(|f| f.dotted()).collect();
        // A personal field is theirs only as `about` says (another
        // 王芳芳 is not 王芳); a free text is theirs where it names them.
        let personal: Vec<String> = r.kind().personal().iter().map(|f| f.dotted()).collect();
        for (field, text) in r.texts() {
            if personal.iter().any(|p| p == field) {
                continue;
            }
            if person.is_mentioned_in(text) && !fields.iter().any(|f| f == field) {
                fields.push(field.to_string());
            }
        }
        if !fields.is_empty() {
            records.push(ErasedRecord {
                kind: r.kind(),
                id: r.meta().id,
                fields,
            });
        }
    }
    Erasure { meta, records }
}

/// What erasing a person writes: the erasure and every record it blanked,
/// each a change of `at` (so it wins over every earlier copy by time as
/// well as by the erasure).
pub fn erase(
    community: &Community,
    person: &Person,
    at: &Moment,
    id: Uuid,
) -> (Erasure, Vec<AnyRecord>) {
    let erasure = find_person(community, person, Meta::new(id, at.now, &at.device));
    let erased = Erased::of(std::slice::from_ref(&erasure));
    let mut writes = Vec::new();
    for mut r in community.clone().into_records() {
        if erased.apply(&mut r) {
            if let AnyRecord::Volunteer(v) = &mut r {
                // Nobody to call on: off every roster picker.
                v.active = false;
            }
            r.meta_mut().touch(at.now, &at.device);
            writes.push(r);
        }
    }
    (erasure, writes)
}

/// Every erasure a phone knows, by record: what an incoming or stored
/// record must have blanked.
#[derive(Clone, Debug, Default)]
pub struct Erased {
    fields: HashMap<(RecordKind, Uuid), Vec<String>>,
}

impl Erased {
    pub fn of<'a>(erasures: impl IntoIterator<Item = &'a Erasure>) -> Erased {
        let mut fields: HashMap<(RecordKind, Uuid), Vec<String>> = HashMap::new();
        for e in erasures.into_iter().filter(|e| !e.meta.deleted) {
            for r in &e.records {
                let list = fields.entry((r.kind, r.id)).or_default();
                for f in &r.fields {
                    if !list.contains(f) {
                        list.push(f.clone());
                    }
                }
            }
        }
        Erased { fields }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether `record` is one an erasure names.
    pub fn names(&self, kind: RecordKind, id: Uuid) -> bool {
        self.fields.contains_key(&(kind, id))
    }

    /// Blanks what the erasures name in `record`; true if anything
    /// changed. Its meta stays as it was: the same record erased on two
    /// phones is the same record, whichever way it travelled.
    pub fn apply(&self, record: &mut AnyRecord) -> bool {
        let Some(fields) = self.fields.get(&(record.kind(), record.meta().id)) else {
            return false;
        };
        let personal = record.kind().personal();
        let mut value = record.to_value();
        let mut changed = false;
        for dotted in fields {
            let path: Vec<&str> = dotted.split('.').collect();
            // A personal field erases to its own blank; a free text that
            // named the person reads as erased.
            let blank = personal
                .iter()
                .find(|f| f.path == path.as_slice())
                .map_or(ERASED, |f| f.erased_value());
            changed |= blank_at(&mut value, &path, blank);
        }
        if !changed {
            return false;
        }
        match AnyRecord::from_value(record.kind(), &value) {
            Ok(erased) => {
                *record = erased;
                true
            }
            // Only strings were replaced by strings: the record reads back.
            Err(_) => false,
        }
    }

    /// `community` with every named record blanked, and how many were.
    pub fn applied(&self, community: &Community) -> (Community, usize) {
        let mut count = 0;
        let records = community.clone().into_records().into_iter().map(|mut r| {
            if self.apply(&mut r) {
                count += 1;
            }
            r
        });
        let out = Community::from_records(records.collect::<Vec<_>>());
        (out, count)
    }
}

/// Sets the string at `path` to `blank`; false when there is none there or
/// it already reads so.
fn blank_at(value: &mut Value, path: &[&str], blank: &str) -> bool {
    let Some(slot) = path.iter().try_fold(value, |v, k| v.get_mut(*k)) else {
        return false;
    };
    match slot {
        Value::String(s) if s != blank => {
            *s = blank.to_string();
            true
        }
        _ => false,
    }
}
