//! Files the app hands out: a name that says what and when, a media type,
//! and the text. The browser side only delivers them (share or download).

use super::format::{Covers, ExchangeDocument};
use super::slices::redact;
use crate::domain::{Community, DeviceId};
use jiff::civil::Date;
use jiff::Timestamp;

/// A file to hand over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
    /// What an exchange file holds, in words a sending screen can show.
    pub about: Option<About>,
}

/// An exchange file's subject (the activity or space it is about) and
/// how many records it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    pub subject: Option<String>,
    pub records: usize,
}

/// An exchange file's name: a redacted one says so.
pub fn document_name(what: &str, redacted: bool, day: Date) -> String {
    if redacted {
        file_name(&format!("{what}-shared"), day, "json")
    } else {
        file_name(what, day, "json")
    }
}

/// `linli-backup-2026-11-27.json`: what, and the community's date.
pub fn file_name(what: &str, day: Date, ext: &str) -> String {
    format!("linli-{what}-{day}.{ext}")
}

impl Outgoing {
    /// An exchange file of `records` made at `at` on `device`; a redacted
    /// one has no phones or rooms and says so in its header and its name.
    pub fn document(
        mut records: Community,
        covers: Covers,
        what: &str,
        redacted: bool,
        (at, day): (Timestamp, Date),
        device: &DeviceId,
    ) -> Self {
        if redacted {
            redact(&mut records);
        }
        let about = About {
            subject: records
                .activities
                .first()
                .map(|a| a.title.clone())
                .or_else(|| records.spaces.first().map(|s| s.name.clone())),
            records: records.len(),
        };
        let mut document = ExchangeDocument::new(records, covers, at, device);
        document.header.redacted = redacted;
        Outgoing {
            name: document_name(what, redacted, day),
            mime: "application/json",
            text: document.to_json(),
            about: Some(about),
        }
    }

    /// Everything held about one person (`domain::held_about`), as a file
    /// to hand to them: plain JSON, indented, each record as stored.
    pub fn held_about(
        held: &crate::domain::held_about::HeldAbout,
        at: Timestamp,
        day: Date,
    ) -> Self {
        let document = serde_json::json!({
            "linli_personal_export": 1,
            "made_at": at.to_string(),
            "held": held,
        });
        Outgoing {
            name: file_name("personal", day, "json"),
            mime: "application/json",
            // Plain data with string keys: this cannot fail.
            text: serde_json::to_string_pretty(&document).unwrap_or_default(),
            about: None,
        }
    }

    /// A table for spreadsheets (see `csv_export`).
    pub fn csv(what: &str, day: Date, text: String) -> Self {
        Outgoing {
            name: file_name(what, day, "csv"),
            mime: "text/csv;charset=utf-8",
            text,
            about: None,
        }
    }

    /// A calendar (see `ics`).
    pub fn calendar(what: &str, day: Date, text: String) -> Self {
        Outgoing {
            name: file_name(what, day, "ics"),
            mime: "text/calendar;charset=utf-8",
            text,
            about: None,
        }
    }
}
