//! When the Today tab reminds the user to save a backup: the data changed
//! since the last backup, and that backup (or the first change, if there
//! never was one) is at least the set number of days old.

use jiff::Timestamp;

/// When this phone's data first changed and when it last did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Changes {
    pub first: Timestamp,
    pub last: Timestamp,
}

/// Why a backup is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupDue {
    /// No backup yet; the data has existed this many whole days.
    Never { days: i64 },
    /// The last backup is this many whole days old.
    DaysAgo { days: i64 },
}

fn whole_days(from: Timestamp, to: Timestamp) -> i64 {
    (to.as_second() - from.as_second()).div_euclid(86_400)
}

/// Is a reminder due now? `remind_after_days` 0 means never.
pub fn backup_due(
    last_backup: Option<Timestamp>,
    changes: Option<Changes>,
    now: Timestamp,
    remind_after_days: u16,
) -> Option<BackupDue> {
    let changes = changes?;
    if remind_after_days == 0 {
        return None;
    }
    let reminder = match last_backup {
        Some(at) if changes.last <= at => return None,
        Some(at) => BackupDue::DaysAgo {
            days: whole_days(at, now),
        },
        None => BackupDue::Never {
            days: whole_days(changes.first, now),
        },
    };
    let (BackupDue::DaysAgo { days } | BackupDue::Never { days }) = reminder;
    (days >= i64::from(remind_after_days)).then_some(reminder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn changes(first: &str, last: &str) -> Option<Changes> {
        Some(Changes {
            first: at(first),
            last: at(last),
        })
    }

    #[test]
    fn a_phone_with_no_changes_is_never_reminded() {
        assert_eq!(backup_due(None, None, at("2027-01-01T00:00:00Z"), 7), None);
    }

    #[test]
    fn without_any_backup_the_reminder_waits_the_set_days_from_the_first_change() {
        let c = changes("2026-12-01T10:00:00Z", "2026-12-07T09:00:00Z");
        assert_eq!(backup_due(None, c, at("2026-12-08T09:59:59Z"), 7), None);
        assert_eq!(
            backup_due(None, c, at("2026-12-08T10:00:00Z"), 7),
            Some(BackupDue::Never { days: 7 })
        );
    }

    #[test]
    fn an_old_backup_reminds_only_when_something_changed_after_it() {
        let backup = Some(at("2026-12-01T10:00:00Z"));
        let before = changes("2026-11-01T00:00:00Z", "2026-12-01T09:00:00Z");
        let after = changes("2026-11-01T00:00:00Z", "2026-12-03T09:00:00Z");
        let now = at("2026-12-12T10:00:00Z");
        assert_eq!(backup_due(backup, before, now, 7), None);
        assert_eq!(
            backup_due(backup, after, now, 7),
            Some(BackupDue::DaysAgo { days: 11 })
        );
        // A recent backup with a change after it: not yet.
        assert_eq!(
            backup_due(backup, after, at("2026-12-05T10:00:00Z"), 7),
            None
        );
    }

    #[test]
    fn zero_days_turns_the_reminder_off() {
        let c = changes("2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z");
        assert_eq!(backup_due(None, c, at("2026-12-31T00:00:00Z"), 0), None);
    }
}
