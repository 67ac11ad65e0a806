//! Which fields of a record are about a person, and where each may go:
//! the one list that files, the public database and erasure follow.

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

/// What a kind with no personal fields says of them, inside its `impl`.
macro_rules! no_personal_fields {
    () => {
        /// Not about a person.
        pub const PERSONAL: &'static [$crate::domain::personal::PersonalField] = &[];

        pub fn personal_mut(&mut self) -> Vec<&mut String> {
            Vec::new()
        }
    };
}
pub(crate) use no_personal_fields;
