//! China's public holidays and make-up workdays (调休), as the State
//! Council publishes them each year: which dates are days off (with the
//! holiday's name) and which weekend days are worked instead.
//!
//! The years known when the app was built ship with it (`holidays/*.json`,
//! from the MIT-licensed holiday-cn data, licence beside them); a committee
//! loads a later year as a file of the same shape, which then travels like
//! any record ([`HolidayYear`]). A year loaded replaces the shipped one.

pub use super::checks::ArrangementProblem;
use super::checks::{ProblemReason, Reference};
use super::meta::Meta;
use super::time::weekday_number;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

// The years shipped with the app (`holidays/*.json`, holiday-cn's files),
// turned into constants by build.rs.
include!(concat!(env!("OUT_DIR"), "/holidays.rs"));

/// The most dates one year's arrangement may list (a year lists 30–40).
pub const MAX_DAYS: usize = 120;
/// The longest holiday name accepted.
pub const MAX_NAME_CHARS: usize = 40;

/// One date of an arrangement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct HolidayDay {
    /// The holiday it belongs to: "国庆节", also on its make-up workdays.
    pub name: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "crate::domain::time::SchemaDate")
    )]
    pub date: Date,
    /// True for a day off; false for a weekend day worked instead (调休上班).
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// One year's arrangement in the shape holiday-cn publishes it, which is
/// also the shape of a file a committee loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct HolidayArrangement {
    pub year: i16,
    /// The State Council notices it was taken from.
    #[serde(default)]
    pub papers: Vec<String>,
    pub days: Vec<HolidayDay>,
}

/// A year's arrangement loaded on a phone: a record, so it travels in
/// backups and sync. Its id follows from the year, so two phones loading
/// the same year hold one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct HolidayYear {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub arrangement: HolidayArrangement,
}

impl HolidayYear {
    /// A record of `arrangement`, made on this phone now.
    pub fn new(
        arrangement: HolidayArrangement,
        now: jiff::Timestamp,
        device: &super::meta::DeviceId,
    ) -> Self {
        HolidayYear {
            meta: Meta::new(holiday_year_id(arrangement.year), now, device),
            arrangement,
        }
    }

    /// The texts a file may not make overlong: the holiday names.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        self.arrangement
            .days
            .iter()
            .map(|d| ("name", d.name.as_str()))
            .collect()
    }

    super::personal::no_personal_fields!();

    /// Points at nothing.
    pub fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// A year refused as a file of its own, or one whose id is not its
    /// year's (every phone holds one record a year).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        let wrong_id = self.meta.id != holiday_year_id(self.arrangement.year);
        let first = self.arrangement.problems().into_iter().next();
        first
            .or(wrong_id.then_some(ArrangementProblem::Unreadable))
            .map(|p| vec![("days", ProblemReason::Holidays(p))])
            .unwrap_or_default()
    }
}

/// The record id of a year's arrangement.
pub fn holiday_year_id(year: i16) -> Uuid {
    // A fixed prefix with the year in the last bits: the same on every
    // phone, never a random (v4) id.
    const BASE: u128 = 0x686f_6c69_6461_0000_8000_0000_0000_0000;
    Uuid::from_u128(BASE | year as u16 as u128)
}

impl HolidayArrangement {
    /// What is wrong with an arrangement read from a file, if anything.
    pub fn problems(&self) -> Vec<ArrangementProblem> {
        let mut out = Vec::new();
        if !(2000..=2100).contains(&self.year) {
            out.push(ArrangementProblem::Year(self.year));
            return out;
        }
        if self.days.is_empty() {
            out.push(ArrangementProblem::NoDays);
        }
        if self.days.len() > MAX_DAYS {
            out.push(ArrangementProblem::TooManyDays);
            return out;
        }
        let mut seen = std::collections::BTreeSet::new();
        for day in &self.days {
            // A year's notice may reach into the December before it
            // (holiday-cn's note) or the January after.
            let y = day.date.year();
            if y < self.year - 1 || y > self.year + 1 {
                out.push(ArrangementProblem::DateOutsideYear(day.date));
            }
            if !seen.insert(day.date) {
                out.push(ArrangementProblem::DateTwice(day.date));
            }
            let name = day.name.trim();
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                out.push(ArrangementProblem::Name(day.date));
            }
            if !day.is_off_day && weekday_number(day.date.weekday()) < 6 {
                out.push(ArrangementProblem::WorkdayNotWeekend(day.date));
            }
        }
        out
    }
}

/// What a date is, where an arrangement says anything about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayMark<'a> {
    /// 法定假日: a day off, with the holiday's name.
    Holiday(&'a str),
    /// 调休上班: a weekend day worked, for the holiday named.
    MakeUpWorkday(&'a str),
}

/// One date the calendar knows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    date: Date,
    name: String,
    off: bool,
    /// The arrangement (year) it came from.
    year: i16,
}

/// Every arrangement a phone knows: its dates sorted, looked up by binary
/// search (a sorted list, not a map: this is in the first download).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    entries: Vec<Entry>,
}

impl HolidayCalendar {
    /// The years shipped with the app.
    pub fn shipped() -> HolidayCalendar {
        let mut entries: Vec<Entry> = Vec::with_capacity(SHIPPED_DAYS.len());
        for &(year, first, end) in SHIPPED_YEARS {
            for &(y, m, d, name, off) in &SHIPPED_DAYS[first..end] {
                if let (Ok(date), Some(name)) =
                    (Date::new(y, m, d), SHIPPED_NAMES.get(name as usize))
                {
                    entries.push(Entry {
                        date,
                        name: name.to_string(),
                        off,
                        year,
                    });
                }
            }
        }
        let mut calendar = HolidayCalendar { entries };
        calendar.tidy();
        calendar
    }

    /// The shipped years with those loaded on the phone; a loaded year
    /// replaces the shipped one, a deleted one leaves it.
    pub fn with_loaded<'a>(years: impl IntoIterator<Item = &'a HolidayYear>) -> HolidayCalendar {
        let mut calendar = HolidayCalendar::shipped();
        for year in years {
            if !year.meta.deleted {
                calendar.set_year(&year.arrangement);
            }
        }
        calendar
    }

    /// Puts in `arrangement`, in place of any of the same year.
    pub fn set_year(&mut self, arrangement: &HolidayArrangement) {
        self.entries.retain(|e| e.year != arrangement.year);
        self.entries
            .extend(arrangement.days.iter().map(|day| Entry {
                date: day.date,
                name: day.name.trim().to_string(),
                off: day.is_off_day,
                year: arrangement.year,
            }));
        self.tidy();
    }

    /// Sorted by date; where two arrangements name one date (a notice
    /// reaching into the next year), the later arrangement's word stands.
    fn tidy(&mut self) {
        self.entries
            .sort_by_key(|e| (e.date, std::cmp::Reverse(e.year)));
        self.entries.dedup_by_key(|e| e.date);
    }

    /// The years it knows, in order.
    pub fn years(&self) -> Vec<i16> {
        let mut years: Vec<i16> = self.entries.iter().map(|e| e.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    fn entry(&self, date: Date) -> Option<&Entry> {
        let i = self.entries.binary_search_by_key(&date, |e| e.date).ok()?;
        self.entries.get(i)
    }

    /// What `date` is, if the arrangement says.
    pub fn mark(&self, date: Date) -> Option<DayMark<'_>> {
        self.entry(date).map(|e| {
            if e.off {
                DayMark::Holiday(&e.name)
            } else {
                DayMark::MakeUpWorkday(&e.name)
            }
        })
    }

    /// The name of the holiday `date` is a day off of.
    pub fn holiday(&self, date: Date) -> Option<&str> {
        match self.mark(date)? {
            DayMark::Holiday(name) => Some(name),
            DayMark::MakeUpWorkday(_) => None,
        }
    }

    /// Whether people work on `date`: Monday to Friday unless a holiday,
    /// and the weekend days made workdays.
    pub fn is_workday(&self, date: Date) -> bool {
        match self.mark(date) {
            Some(DayMark::Holiday(_)) => false,
            Some(DayMark::MakeUpWorkday(_)) => true,
            None => weekday_number(date.weekday()) <= 5,
        }
    }

    /// Dates whose mark differs between `self` and `newer` (a year loaded,
    /// replaced or removed), in order.
    pub fn changed_dates(&self, newer: &HolidayCalendar) -> Vec<Date> {
        let mut dates: Vec<Date> = self
            .entries
            .iter()
            .chain(&newer.entries)
            .map(|e| e.date)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates.retain(|d| self.mark(*d) != newer.mark(*d));
        dates
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_shipped_year_is_sound_and_built_in_as_published() {
        let files = [
            include_str!("holidays/2024.json"),
            include_str!("holidays/2025.json"),
            include_str!("holidays/2026.json"),
        ];
        let shipped = HolidayCalendar::shipped();
        assert_eq!(shipped.years(), vec![2024, 2025, 2026]);
        for text in files {
            let year: HolidayArrangement =
                serde_json::from_str(text).expect("a shipped year reads");
            assert_eq!(year.problems(), vec![], "{}", year.year);
            for day in &year.days {
                let want = if day.is_off_day {
                    DayMark::Holiday(&day.name)
                } else {
                    DayMark::MakeUpWorkday(&day.name)
                };
                assert_eq!(shipped.mark(day.date), Some(want), "{}", day.date);
            }
        }
    }

    #[test]
    fn national_day_2026_is_off_and_its_saturday_is_worked() {
        let c = HolidayCalendar::shipped();
        assert_eq!(c.holiday(date(2026, 10, 1)), Some("国庆节"));
        assert_eq!(c.holiday(date(2026, 10, 7)), Some("国庆节"));
        assert!(!c.is_workday(date(2026, 10, 5)));
        // Saturday 10 October 2026 is a make-up workday.
        assert_eq!(
            c.mark(date(2026, 10, 10)),
            Some(DayMark::MakeUpWorkday("国庆节"))
        );
        assert!(c.is_workday(date(2026, 10, 10)));
        // An ordinary Saturday and Monday.
        assert!(!c.is_workday(date(2026, 10, 17)));
        assert!(c.is_workday(date(2026, 10, 12)));
        assert_eq!(c.mark(date(2026, 10, 12)), None);
    }

    #[test]
    fn a_loaded_year_replaces_the_shipped_one_and_says_what_moved() {
        let shipped = HolidayCalendar::shipped();
        let mut changed = shipped.clone();
        changed.set_year(&HolidayArrangement {
            year: 2026,
            papers: vec![],
            days: vec![HolidayDay {
                name: "国庆节".into(),
                date: date(2026, 10, 1),
                is_off_day: true,
            }],
        });
        assert_eq!(changed.holiday(date(2026, 10, 1)), Some("国庆节"));
        assert_eq!(changed.holiday(date(2026, 10, 2)), None);
        let moved = shipped.changed_dates(&changed);
        assert!(moved.contains(&date(2026, 10, 2)));
        assert!(moved.contains(&date(2026, 10, 10)));
        assert!(!moved.contains(&date(2026, 10, 1)));
        // Other years untouched.
        assert_eq!(changed.holiday(date(2025, 10, 1)), Some("国庆节、中秋节"));
    }

    #[test]
    fn a_bad_arrangement_says_what_is_wrong() {
        let day = |d: Date, off: bool, name: &str| HolidayDay {
            name: name.into(),
            date: d,
            is_off_day: off,
        };
        let bad = HolidayArrangement {
            year: 2027,
            papers: vec![],
            days: vec![
                day(date(2027, 2, 6), true, "春节"),
                day(date(2027, 2, 6), true, "春节"),
                day(date(2030, 1, 1), true, "元旦"),
                day(date(2027, 3, 3), false, "春节"),
                day(date(2027, 5, 1), true, " "),
            ],
        };
        assert_eq!(
            bad.problems(),
            vec![
                ArrangementProblem::DateTwice(date(2027, 2, 6)),
                ArrangementProblem::DateOutsideYear(date(2030, 1, 1)),
                ArrangementProblem::WorkdayNotWeekend(date(2027, 3, 3)),
                ArrangementProblem::Name(date(2027, 5, 1)),
            ]
        );
        let far = HolidayArrangement {
            year: 1900,
            ..bad.clone()
        };
        assert_eq!(far.problems(), vec![ArrangementProblem::Year(1900)]);
    }

    #[test]
    fn the_id_of_a_year_is_the_same_everywhere() {
        assert_eq!(holiday_year_id(2027), holiday_year_id(2027));
        assert_ne!(holiday_year_id(2027), holiday_year_id(2028));
    }
}
