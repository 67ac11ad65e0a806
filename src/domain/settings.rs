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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            zone: CommunityZone::default(),
            me: None,
            onboarded: false,
            no_show_grace_minutes: DEFAULT_NO_SHOW_GRACE_MINUTES,
            roster_limits: FairnessLimits::default(),
        }
    }
}

/// Reads a grace time typed into the settings form.
pub fn parse_grace_minutes(text: &str) -> Option<u16> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|m| *m <= MAX_NO_SHOW_GRACE_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_saved_before_the_grace_time_existed_get_the_default() {
        let old: Settings = serde_json::from_str(r#"{"zone":"Asia/Shanghai","onboarded":true}"#)
            .expect("old settings still read");
        assert_eq!(old.no_show_grace_minutes, DEFAULT_NO_SHOW_GRACE_MINUTES);
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
}
