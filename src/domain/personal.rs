//! Which fields of a record are about a person, and where each may go:
//! the one list that files, the public database and erasure follow.

/// What an erased name, note or "by" reads afterwards: never empty, so a
/// record that needs a name still reads as whole. Contact fields are
/// erased to nothing.
pub const ERASED: &str = "—";

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
    /// Shown wherever the record is (a booking's organiser, a volunteer's
    /// name on a roster, who changed a status): every copy keeps it, and
    /// only erasing the person takes it away.
    pub shown: bool,
}

impl PersonalField {
    pub const fn plain(path: &'static [&'static str]) -> Self {
        PersonalField {
            path,
            sealed: false,
            shown: false,
        }
    }

    pub const fn sealed(path: &'static [&'static str]) -> Self {
        PersonalField {
            path,
            sealed: true,
            shown: false,
        }
    }

    pub const fn shown(path: &'static [&'static str]) -> Self {
        PersonalField {
            path,
            sealed: false,
            shown: true,
        }
    }

    /// Whether a copy for `audience` keeps this field.
    pub fn kept_for(self, audience: Audience) -> bool {
        if self.shown {
            return true;
        }
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

    /// What the field holds once its person is erased.
    pub fn erased_value(self) -> &'static str {
        if self.shown {
            ERASED
        } else {
            ""
        }
    }
}

/// Someone to find in the records: a volunteer (by their record), or a
/// resident known by the name and phone on their bookings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub volunteer: Option<uuid::Uuid>,
    pub name: String,
    pub phone: String,
}

impl Person {
    /// The phone's digits: how two spellings of one number compare.
    fn digits(phone: &str) -> String {
        phone.chars().filter(char::is_ascii_digit).collect()
    }

    /// Is `(name, phone)` this person? Phone numbers decide when both have
    /// one (two residents may share a name); otherwise the name does.
    pub fn is(&self, name: &str, phone: &str) -> bool {
        let (mine, theirs) = (Self::digits(&self.phone), Self::digits(phone));
        if !mine.is_empty() && !theirs.is_empty() {
            return mine == theirs;
        }
        self.is_named(name)
    }

    /// Is `phone` theirs (both numbers present, the same digits)?
    pub fn has_phone(&self, phone: &str) -> bool {
        let mine = Self::digits(&self.phone);
        !mine.is_empty() && mine == Self::digits(phone)
    }

    /// Does `name` (a "by", a name typed in a note's place) name them?
    pub fn is_named(&self, name: &str) -> bool {
        let (mine, theirs) = (self.name.trim(), name.trim());
        !mine.is_empty() && mine != ERASED && mine == theirs
    }

    /// Does a free text mention them by name? Only names of two or more
    /// characters are looked for, so one character never blanks a note.
    pub fn is_mentioned_in(&self, text: &str) -> bool {
        let name = self.name.trim();
        name.chars().count() >= 2 && name != ERASED && text.contains(name)
    }
}

/// What a kind with no personal fields says of them, inside its `impl`.
macro_rules! no_personal_fields {
    () => {
        /// Not about a person.
        pub const PERSONAL: &'static [$crate::domain::personal::PersonalField] = &[];

        pub fn personal_mut(
            &mut self,
        ) -> Vec<($crate::domain::personal::PersonalField, &mut String)> {
            Vec::new()
        }

        /// Holds nothing about anyone.
        pub fn about(
            &self,
            _person: &$crate::domain::personal::Person,
        ) -> Vec<$crate::domain::personal::PersonalField> {
            Vec::new()
        }
    };
}
pub(crate) use no_personal_fields;
