//! Per-device settings kept in the store's meta store.

use super::roster_rules::FairnessLimits;
use super::time::CommunityZone;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Minutes after its start when an unclaimed booking may be released,
/// unless the keeper set another grace time on this phone.
pub const DEFAULT_NO_SHOW_GRACE_MINUTES: u16 = 15;

/// The longest grace time the settings accept: half a day.
pub const MAX_NO_SHOW_GRACE_MINUTES: u16 = 720;

/// Days after which an unsaved change earns a backup reminder, unless this
/// phone set another number.
pub const DEFAULT_BACKUP_REMINDER_DAYS: u16 = 7;

/// The longest the settings accept: a year. 0 turns the reminder off.
pub const MAX_BACKUP_REMINDER_DAYS: u16 = 365;

/// Minutes before a shift when the phone's calendar reminds (VALARM in
/// every .ics the app writes), unless this phone set another; 0 none.
pub const DEFAULT_SHIFT_ALARM_MINUTES: u16 = 60;

/// Minutes before a booking when the phone's calendar reminds.
pub const DEFAULT_BOOKING_ALARM_MINUTES: u16 = 30;

/// The earliest reminder the settings accept: a day ahead.
pub const MAX_ALARM_MINUTES: u16 = 1440;

fn default_shift_alarm() -> u16 {
    DEFAULT_SHIFT_ALARM_MINUTES
}

fn default_booking_alarm() -> u16 {
    DEFAULT_BOOKING_ALARM_MINUTES
}

fn default_grace() -> u16 {
    DEFAULT_NO_SHOW_GRACE_MINUTES
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub zone: CommunityZone,
    /// The volunteer this phone belongs to ("me"), if set.
    #[serde(default)]
    pub me: Option<Uuid>,
    /// True once the user chose "demo" or "start empty" on first run.
    #[serde(default)]
    pub onboarded: bool,
    /// Minutes after a booking's start before it may be marked a no-show.
    #[serde(default = "default_grace")]
    pub no_show_grace_minutes: u16,
    /// The roster's fairness limits; none by default.
    #[serde(default)]
    pub roster_limits: FairnessLimits,
    /// Days an unsaved change may wait before Today asks for a backup; 0 never.
    #[serde(default = "default_reminder_days")]
    pub backup_reminder_days: u16,
    /// The community's name as reports print it ("安家社区"); empty until typed.
    #[serde(default)]
    pub community_name: String,
    /// Minutes before a shift a calendar file's reminder rings; 0 none.
    #[serde(default = "default_shift_alarm")]
    pub shift_alarm_minutes: u16,
    /// Minutes before a booking a calendar file's reminder rings; 0 none.
    #[serde(default = "default_booking_alarm")]
    pub booking_alarm_minutes: u16,
    /// Months a booking's (or a walk-in's) contact is kept after it was
    /// last needed (`domain::expiry`); 0 until erased by hand.
    #[serde(default = "default_contact_months")]
    pub contact_months: u16,
    /// The community's own notice on personal data; empty: the default.
    #[serde(default)]
    pub privacy_notice: String,
}

fn default_contact_months() -> u16 {
    super::expiry::DEFAULT_CONTACT_MONTHS
}

fn default_reminder_days() -> u16 {
    DEFAULT_BACKUP_REMINDER_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            zone: CommunityZone::default(),
            me: None,
            onboarded: false,
            no_show_grace_minutes: DEFAULT_NO_SHOW_GRACE_MINUTES,
            roster_limits: FairnessLimits::default(),
            backup_reminder_days: DEFAULT_BACKUP_REMINDER_DAYS,
            community_name: String::new(),
            shift_alarm_minutes: DEFAULT_SHIFT_ALARM_MINUTES,
            booking_alarm_minutes: DEFAULT_BOOKING_ALARM_MINUTES,
            contact_months: default_contact_months(),
            privacy_notice: String::new(),
        }
    }
}

/// Reads a whole number from 0 to `max` typed into the settings form.
pub fn parse_whole_up_to(text: &str, max: u16) -> Option<u16> {
    text.trim().parse::<u16>().ok().filter(|n| *n <= max)
}

/// Reads a grace time typed into the settings form.
pub fn parse_grace_minutes(text: &str) -> Option<u16> {
    parse_whole_up_to(text, MAX_NO_SHOW_GRACE_MINUTES)
}

/// Reads a calendar reminder's minutes typed into the settings form.
pub fn parse_alarm_minutes(text: &str) -> Option<u16> {
    parse_whole_up_to(text, MAX_ALARM_MINUTES)
}

/// Reads the months contacts are kept, typed into the settings form.
pub fn parse_contact_months(text: &str) -> Option<u16> {
    parse_whole_up_to(text, super::expiry::MAX_CONTACT_MONTHS)
}

/// Reads the backup reminder's number of days typed into the settings form.
pub fn parse_reminder_days(text: &str) -> Option<u16> {
    parse_whole_up_to(text, MAX_BACKUP_REMINDER_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_saved_before_the_grace_time_existed_get_the_default() {
        let old: Settings = serde_json::from_str(r#"{"zone":"Asia/Shanghai","onboarded":true}"#)
            .expect("old settings still read");
        assert_eq!(old.no_show_grace_minutes, DEFAULT_NO_SHOW_GRACE_MINUTES);
        assert_eq!(old.backup_reminder_days, DEFAULT_BACKUP_REMINDER_DAYS);
        assert!(old.onboarded);
    }

    #[test]
    fn grace_minutes_are_whole_minutes_up_to_half_a_day() {
        assert_eq!(parse_grace_minutes(" 30 "), Some(30));
        assert_eq!(parse_grace_minutes("0"), Some(0));
        assert_eq!(parse_grace_minutes("721"), None);
        assert_eq!(parse_grace_minutes("-5"), None);
        assert_eq!(parse_grace_minutes("ten"), None);
    }

    #[test]
    fn reminder_days_are_whole_days_up_to_a_year() {
        assert_eq!(parse_reminder_days(" 14 "), Some(14));
        assert_eq!(parse_reminder_days("0"), Some(0));
        assert_eq!(parse_reminder_days("366"), None);
        assert_eq!(parse_reminder_days("a week"), None);
    }
}

/// Which fairness-limit field could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitField {
    MinutesPerDay,
    InARow,
    Rest,
}

/// Reads the fairness limits as typed; a blank field means no limit.
pub fn read_limits(
    minutes_per_day: &str,
    in_a_row: &str,
    rest: &str,
) -> Result<FairnessLimits, Vec<LimitField>> {
    fn optional<T: std::str::FromStr + PartialOrd + Default>(
        text: &str,
        field: LimitField,
        bad: &mut Vec<LimitField>,
    ) -> Option<T> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match text.parse::<T>() {
            Ok(n) if n > T::default() => Some(n),
            _ => {
                bad.push(field);
                None
            }
        }
    }
    let mut bad = Vec::new();
    let limits = FairnessLimits {
        max_minutes_per_day: optional(minutes_per_day, LimitField::MinutesPerDay, &mut bad)
            .filter(|m: &u32| *m <= 24 * 60),
        max_consecutive_shifts: optional(in_a_row, LimitField::InARow, &mut bad),
        min_rest_minutes: optional(rest, LimitField::Rest, &mut bad),
    };
    if minutes_per_day
        .trim()
        .parse::<u32>()
        .is_ok_and(|m| m > 24 * 60)
    {
        bad.push(LimitField::MinutesPerDay);
    }
    if bad.is_empty() {
        Ok(limits)
    } else {
        Err(bad)
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn blank_limits_are_none_and_nonsense_is_named() {
        assert_eq!(read_limits("", " ", ""), Ok(FairnessLimits::default()));
        assert_eq!(
            read_limits("240", "3", "30"),
            Ok(FairnessLimits {
                max_minutes_per_day: Some(240),
                max_consecutive_shifts: Some(3),
                min_rest_minutes: Some(30),
            })
        );
        assert_eq!(
            read_limits("1500", "0", "x"),
            Err(vec![
                LimitField::InARow,
                LimitField::Rest,
                LimitField::MinutesPerDay
            ])
        );
    }
}
