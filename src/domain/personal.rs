//! Which fields of a record are about a person, and where each may go:
//! the one list that files, the public database and erasure follow.

use super::record::{AnyRecord, Community, RecordKind};

/// Where a copy of a record is going, and so which personal fields it keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The committee's own copies: this phone, full backups, the
    /// committee's database. Everything stays.
    Committee,
    /// The community's public database, read by every resident: only a
    /// contact sealed for the committee stays.
    Public,
    /// A redacted file, shared with anyone: nothing personal stays.
    Shared,
}

/// One personal field of a kind of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonalField {
    /// Where it lies in the record's JSON object (`["organiser", "phone"]`).
    pub path: &'static [&'static str],
    /// Ciphertext only the committee's key opens, rather than plain text.
    pub sealed: bool,
}

impl PersonalField {
    pub const fn plain(path: &'static [&'static str]) -> Self {
        PersonalField {
            path,
            sealed: false,
        }
    }

    pub const fn sealed(path: &'static [&'static str]) -> Self {
        PersonalField { path, sealed: true }
    }

    /// Whether a copy for `audience` keeps this field.
    pub fn kept_for(self, audience: Audience) -> bool {
        match audience {
            Audience::Committee => true,
            Audience::Public => self.sealed,
            Audience::Shared => false,
        }
    }

    /// The path as the server's validation writes it: `organiser.phone`.
    pub fn dotted(self) -> String {
        self.path.join(".")
    }
}

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
        let fields = self.kind().personal();
        for (field, value) in fields.iter().zip(self.personal_mut()) {
            if !field.kept_for(audience) {
                value.clear();
            }
        }
    }

    /// A copy that came back from `audience` (the public database, a
    /// redacted file) keeps what this phone knows of the fields it could
    /// not carry, so such a copy never erases them.
    pub fn keep_personal_from(&mut self, mine: &AnyRecord, audience: Audience) {
        if self.kind() != mine.kind() {
            return;
        }
        let fields = self.kind().personal();
        let mut mine = mine.clone();
        let known = mine.personal_mut();
        for ((field, value), known) in fields.iter().zip(self.personal_mut()).zip(known) {
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
