//! The record types as one family: what the store and the file format
//! iterate over.

use super::checks::{ProblemReason, Reference};
use super::erasure::Erasure;
use super::holidays::HolidayYear;
pub use super::kind::RecordKind;
use super::personal::{Audience, Person, PersonalField};
use super::{Activity, Assignment, Booking, Meta, Shift, Space, Volunteer};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use uuid::Uuid;

/// Implemented by every record type.
pub trait Record: Clone + PartialEq + Serialize + DeserializeOwned + 'static {
    const KIND: RecordKind;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn id(&self) -> Uuid {
        self.meta().id
    }
    fn into_any(self) -> AnyRecord;
    /// The free texts a person typed, by field name: what a file may not
    /// make longer than any real name or note.
    fn texts(&self) -> Vec<(&'static str, &str)>;
    /// The fields about a person (`domain::personal`).
    const PERSONAL: &'static [PersonalField];
    /// Those of `PERSONAL` the record holds, with their values.
    fn personal_mut(&mut self) -> Vec<(PersonalField, &mut String)>;
    /// Those of `PERSONAL` that are about `person`.
    fn about(&self, person: &Person) -> Vec<PersonalField>;
    /// The records this one cannot stand without.
    fn references(&self) -> Vec<Reference>;
    /// What is wrong with the record on its own, by field (a tombstone
    /// is never judged).
    fn problems(&self) -> Vec<(&'static str, ProblemReason)>;
}

/// Something done to each kind of record in turn, with the records typed.
pub trait EachKind {
    fn kind<R: Record>(&mut self, records: &[R]);
}

/// Something done to each kind of record of two communities side by side.
pub trait EachKindPair {
    fn kind<R: Record>(&mut self, here: &[R], there: &[R]);
}

/// Writes, once, everything that goes by kind: the `Record` impls, the
/// `AnyRecord` enum, and `Community`'s access by kind. Each kind is named
/// with its type and its `Community` field.
macro_rules! records {
    ($($ty:ident $field:ident),+) => {
        $(
            impl Record for $ty {
                const KIND: RecordKind = RecordKind::$ty;
                fn meta(&self) -> &Meta { &self.meta }
                fn meta_mut(&mut self) -> &mut Meta { &mut self.meta }
                fn into_any(self) -> AnyRecord { AnyRecord::$ty(self) }
                fn texts(&self) -> Vec<(&'static str, &str)> { $ty::texts(self) }
                const PERSONAL: &'static [PersonalField] = $ty::PERSONAL;
                fn personal_mut(&mut self) -> Vec<(PersonalField, &mut String)> { $ty::personal_mut(self) }
                fn about(&self, person: &Person) -> Vec<PersonalField> { $ty::about(self, person) }
                fn references(&self) -> Vec<Reference> { $ty::references(self) }
                fn problems(&self) -> Vec<(&'static str, ProblemReason)> { $ty::problems(self) }
            }
        )+

        /// A record of any kind.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum AnyRecord { $($ty($ty)),+ }

        impl AnyRecord {
            pub fn kind(&self) -> RecordKind {
                match self { $(AnyRecord::$ty(_) => RecordKind::$ty),+ }
            }
            pub fn meta(&self) -> &Meta {
                match self { $(AnyRecord::$ty(r) => &r.meta),+ }
            }
            pub fn meta_mut(&mut self) -> &mut Meta {
                match self { $(AnyRecord::$ty(r) => &mut r.meta),+ }
            }
            /// The personal fields it holds, with their values.
            pub fn personal_mut(&mut self) -> Vec<(PersonalField, &mut String)> {
                match self { $(AnyRecord::$ty(r) => r.personal_mut()),+ }
            }
            /// Its personal fields that are about `person`.
            pub fn about(&self, person: &Person) -> Vec<PersonalField> {
                match self { $(AnyRecord::$ty(r) => r.about(person)),+ }
            }
            /// The free texts a person typed, by field.
            pub fn texts(&self) -> Vec<(&'static str, &str)> {
                match self { $(AnyRecord::$ty(r) => r.texts()),+ }
            }
            /// The records it cannot stand without.
            pub fn references(&self) -> Vec<Reference> {
                match self { $(AnyRecord::$ty(r) => r.references()),+ }
            }
            /// Reads a record of `kind` from JSON (fields it does not know
            /// are ignored, as in a file).
            pub fn from_value(kind: RecordKind, value: &serde_json::Value) -> serde_json::Result<AnyRecord> {
                match kind { $(RecordKind::$ty => $ty::deserialize(value).map(AnyRecord::$ty)),+ }
            }
            /// The record as a JSON object, the way files and the store hold it.
            pub fn to_value(&self) -> serde_json::Value {
                // Records are plain data with string keys: this cannot fail.
                match self { $(AnyRecord::$ty(r) => serde_json::to_value(r).unwrap_or_default()),+ }
            }
            /// Appends the record as JSON, the way files and the store hold it.
            pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
                match self { $(AnyRecord::$ty(r) => serde_json::to_writer(out, r)),+ }
            }
        }

        impl RecordKind {
            /// The fields of this kind that are about a person.
            pub fn personal(self) -> &'static [PersonalField] {
                match self { $(RecordKind::$ty => $ty::PERSONAL),+ }
            }
        }

        impl Community {
            /// Every record, kind after kind in file order.
            pub fn into_records(self) -> Vec<AnyRecord> {
                let mut out = Vec::with_capacity(self.len());
                $(out.extend(self.$field.into_iter().map(AnyRecord::$ty));)+
                out
            }

            /// Records grouped by kind, each kind in the order given.
            pub fn from_records(records: impl IntoIterator<Item = AnyRecord>) -> Community {
                let mut c = Community::default();
                for r in records {
                    match r { $(AnyRecord::$ty(x) => c.$field.push(x)),+ }
                }
                c
            }

            /// How many records of `kind`, tombstones included.
            pub fn count(&self, kind: RecordKind) -> usize {
                match kind { $(RecordKind::$ty => self.$field.len()),+ }
            }

            /// The ids of the records of `kind`, in order.
            pub fn ids(&self, kind: RecordKind) -> Vec<Uuid> {
                match kind { $(RecordKind::$ty => self.$field.iter().map(|r| r.meta.id).collect()),+ }
            }

            /// Whether `value` reads as a record of `kind`.
            pub fn check_record(kind: RecordKind, value: &serde_json::Value) -> serde_json::Result<()> {
                match kind { $(RecordKind::$ty => $ty::deserialize(value).map(drop)),+ }
            }

            /// Replaces the records of `kind` with those of a JSON array.
            pub fn set_from_json(&mut self, kind: RecordKind, text: &str) -> serde_json::Result<()> {
                match kind { $(RecordKind::$ty => self.$field = serde_json::from_str(text)?),+ }
                Ok(())
            }

            /// Runs `each` on every kind's records, typed.
            pub fn each_kind(&self, each: &mut impl EachKind) {
                $(each.kind(&self.$field);)+
            }

            /// Runs `each` on every kind's records here and in `there`.
            pub fn each_kind_with(&self, there: &Community, each: &mut impl EachKindPair) {
                $(each.kind(&self.$field, &there.$field);)+
            }
        }
    };
}

records!(
    Space spaces,
    Booking bookings,
    Volunteer volunteers,
    Activity activities,
    Shift shifts,
    Assignment assignments,
    HolidayYear holiday_years,
    Erasure erasures
);

/// Everything one community holds, grouped by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Community {
    pub spaces: Vec<Space>,
    pub bookings: Vec<Booking>,
    pub volunteers: Vec<Volunteer>,
    pub activities: Vec<Activity>,
    pub shifts: Vec<Shift>,
    pub assignments: Vec<Assignment>,
    /// Absent from files made before holiday arrangements travelled.
    #[serde(default)]
    pub holiday_years: Vec<HolidayYear>,
    /// People erased (`domain::erasure`); absent from earlier files.
    #[serde(default)]
    pub erasures: Vec<Erasure>,
}

impl Community {
    pub fn len(&self) -> usize {
        RecordKind::ALL.iter().map(|k| self.count(*k)).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

// Who sees which personal fields (`domain::personal`), for every kind.

impl RecordKind {
    /// The paths of the fields a copy for `audience` leaves empty.
    pub fn blanked_for(self, audience: Audience) -> Vec<&'static [&'static str]> {
        self.personal()
            .iter()
            .filter(|f| !f.kept_for(audience))
            .map(|f| f.path)
            .collect()
    }
}

impl AnyRecord {
    /// Empties the personal fields a copy for `audience` may not carry.
    pub fn blank_for(&mut self, audience: Audience) {
        // The committee's copies keep everything: nothing to look at.
        if audience == Audience::Committee {
            return;
        }
        for (field, value) in self.personal_mut() {
            if !field.kept_for(audience) {
                value.clear();
            }
        }
    }

    /// A copy that came back from `audience` (the public database, a
    /// redacted file) keeps what this phone knows of the fields it could
    /// not carry, so such a copy never erases them.
    pub fn keep_personal_from(&mut self, mine: &AnyRecord, audience: Audience) {
        // Every pulled record of the committee's database passes here: a
        // copy that carried everything needs nothing, and no clone.
        if audience == Audience::Committee || self.kind() != mine.kind() {
            return;
        }
        let mut mine = mine.clone();
        let known = mine.personal_mut();
        for (field, value) in self.personal_mut() {
            let Some((_, known)) = known.iter().find(|(f, _)| *f == field) else {
                continue;
            };
            if !field.kept_for(audience) && value.is_empty() {
                value.clone_from(known);
            }
        }
    }
}

impl Community {
    /// Empties, in every record, the personal fields `audience` may not see.
    pub fn blank_for(&mut self, audience: Audience) {
        if audience == Audience::Committee {
            return;
        }
        let records = std::mem::take(self).into_records();
        *self = Community::from_records(records.into_iter().map(|mut r| {
            r.blank_for(audience);
            r
        }));
    }
}
