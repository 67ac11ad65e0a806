//! The record types as one family: what the store and the file format
//! iterate over.

use super::{Activity, Assignment, Booking, Meta, Shift, Space, Volunteer};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use uuid::Uuid;

/// The kinds of record, in the order a file lists them (things pointed at
/// come before the things that point at them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Space,
    Booking,
    Volunteer,
    Activity,
    Shift,
    Assignment,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Space,
        RecordKind::Booking,
        RecordKind::Volunteer,
        RecordKind::Activity,
        RecordKind::Shift,
        RecordKind::Assignment,
    ];

    /// Plural name, used for IndexedDB stores and file sections.
    pub fn plural(self) -> &'static str {
        match self {
            RecordKind::Space => "spaces",
            RecordKind::Booking => "bookings",
            RecordKind::Volunteer => "volunteers",
            RecordKind::Activity => "activities",
            RecordKind::Shift => "shifts",
            RecordKind::Assignment => "assignments",
        }
    }
}

/// Implemented by every record type.
pub trait Record: Clone + Serialize + DeserializeOwned + 'static {
    const KIND: RecordKind;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn id(&self) -> Uuid {
        self.meta().id
    }
    fn into_any(self) -> AnyRecord;
}

macro_rules! records {
    ($($ty:ident),+) => {
        $(
            impl Record for $ty {
                const KIND: RecordKind = RecordKind::$ty;
                fn meta(&self) -> &Meta { &self.meta }
                fn meta_mut(&mut self) -> &mut Meta { &mut self.meta }
                fn into_any(self) -> AnyRecord { AnyRecord::$ty(self) }
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
        }
    };
}

records!(Space, Booking, Volunteer, Activity, Shift, Assignment);

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
}

impl Community {
    pub fn into_records(self) -> Vec<AnyRecord> {
        let mut out = Vec::new();
        out.extend(self.spaces.into_iter().map(AnyRecord::Space));
        out.extend(self.bookings.into_iter().map(AnyRecord::Booking));
        out.extend(self.volunteers.into_iter().map(AnyRecord::Volunteer));
        out.extend(self.activities.into_iter().map(AnyRecord::Activity));
        out.extend(self.shifts.into_iter().map(AnyRecord::Shift));
        out.extend(self.assignments.into_iter().map(AnyRecord::Assignment));
        out
    }

    pub fn len(&self) -> usize {
        self.spaces.len()
            + self.bookings.len()
            + self.volunteers.len()
            + self.activities.len()
            + self.shifts.len()
            + self.assignments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
