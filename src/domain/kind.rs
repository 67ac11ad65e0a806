//! The kinds of record, by name: what stores, files and server documents
//! are keyed by.

use serde::{Deserialize, Serialize};

/// The kinds of record, in the order a file lists them (things pointed at
/// come before the things that point at them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Space,
    Booking,
    Volunteer,
    Activity,
    Shift,
    Assignment,
    /// A year's public holidays and make-up workdays, loaded from a file.
    HolidayYear,
    /// A person erased: which fields of which records were blanked.
    Erasure,
}

impl RecordKind {
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Space,
        RecordKind::Booking,
        RecordKind::Volunteer,
        RecordKind::Activity,
        RecordKind::Shift,
        RecordKind::Assignment,
        RecordKind::HolidayYear,
        RecordKind::Erasure,
    ];

    /// Singular name, as serde writes the kind: the start of a record's
    /// document id on a sync server (`booking:…`).
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Space => "space",
            RecordKind::Booking => "booking",
            RecordKind::Volunteer => "volunteer",
            RecordKind::Activity => "activity",
            RecordKind::Shift => "shift",
            RecordKind::Assignment => "assignment",
            RecordKind::HolidayYear => "holiday_year",
            RecordKind::Erasure => "erasure",
        }
    }

    /// Plural name, used for IndexedDB stores and file sections.
    pub fn plural(self) -> &'static str {
        match self {
            RecordKind::Space => "spaces",
            RecordKind::Booking => "bookings",
            RecordKind::Volunteer => "volunteers",
            RecordKind::Activity => "activities",
            RecordKind::Shift => "shifts",
            RecordKind::Assignment => "assignments",
            RecordKind::HolidayYear => "holiday_years",
            RecordKind::Erasure => "erasures",
        }
    }
}
