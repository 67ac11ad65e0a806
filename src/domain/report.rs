//! The committee's month: what was held, who was served, who gave their
//! time and how the spaces were used, counted from the records the app
//! already keeps.
//!
//! Counting rules a committee can rely on:
//! - a booking or shift belongs to the month it **starts** in (a night
//!   patrol 22:00–02:00 on the 31st, a booking over midnight);
//! - tombstones never count; cancelled and declined bookings count only
//!   as no-show releases, when a keeper released them as such;
//! - a booking took place when someone checked it in; a shift took place
//!   when someone checked in or its served count was entered;
//! - hours are `Assignment::minutes_given`, so a lead's correction wins;
//!   each hour goes to the team of the shift's activity (or "no team"), so
//!   the teams' hours always add up to the total;
//! - a month that has not ended is counted **as of now**: bookings and
//!   shifts that have not started are left out, a booking under way counts
//!   its minutes so far, and the open hours run to now, so "so far" means
//!   what it says.

use super::activity::{Activity, ActivityKind, Place};
use super::assignment::{Assignment, AssignmentStatus};
use super::booking::{Booking, BookingStatus};
use super::shift::{Coverage, Shift};
use super::space::Space;
use super::time::{add_days, weekday_number, ClockTime, LocalDateTime};
use super::volunteer::Volunteer;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    /// 1 … 12.
    pub month: i8,
}

impl Month {
    pub fn new(year: i16, month: i8) -> Option<Month> {
        Date::new(year, month, 1)
            .ok()
            .map(|_| Month { year, month })
    }

    /// The month `date` is in.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The last month that has ended by `today`: what a committee reports.
    pub fn last_full(today: Date) -> Month {
        Month::of(today).previous()
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).unwrap_or(Date::ZERO)
    }

    pub fn previous(self) -> Month {
        Month::of(add_days(self.first_day(), -1))
    }

    pub fn next(self) -> Month {
        Month::of(add_days(self.first_day(), 31))
    }

    /// The `count` months ending with this one, oldest first.
    pub fn trailing(self, count: usize) -> Vec<Month> {
        let mut months = vec![self];
        for _ in 1..count {
            let earliest = months[months.len() - 1].previous();
            months.push(earliest);
        }
        months.reverse();
        months
    }

    pub fn days(self) -> impl Iterator<Item = Date> {
        let first = self.first_day();
        (0..i64::from(first.days_in_month())).map(move |d| add_days(first, d))
    }

    /// Midnight of its first day to midnight of the next month's: what
    /// the store reads by index range.
    pub fn span(self) -> (LocalDateTime, LocalDateTime) {
        (
            LocalDateTime::new(self.first_day(), ClockTime::MIDNIGHT),
            LocalDateTime::new(self.next().first_day(), ClockTime::MIDNIGHT),
        )
    }

    pub fn contains(self, at: LocalDateTime) -> bool {
        Month::of(at.date()) == self
    }

    /// "2026-11", as month inputs and file names write it.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }
}

/// Whose month: the whole community, or one space, activity or team.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    #[default]
    Community,
    Space(Uuid),
    Activity(Uuid),
    Team(String),
}

/// The records that never depend on the month: looked up by id.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    pub spaces: Vec<Space>,
    pub activities: Vec<Activity>,
    pub volunteers: Vec<Volunteer>,
}

/// What the store reads for one month: bookings and shifts starting in
/// it (by their start index), and the assignments of those shifts.
#[derive(Clone, Debug, Default)]
pub struct MonthRecords {
    pub month: Option<Month>,
    pub bookings: Vec<Booking>,
    pub shifts: Vec<Shift>,
    pub assignments: Vec<Assignment>,
}

/// Sessions held, by the activity's kind: for events and services a day
/// on which at least one of its shifts took place; for duties each shift
/// that took place (a patrol).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sessions {
    pub events: u32,
    pub services: u32,
    pub duties: u32,
}

/// One row of a table: a name and a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: Option<Uuid>,
    pub name: String,
    pub value: i64,
}

/// One activity's month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityRow {
    pub id: Uuid,
    pub title: String,
    pub kind: ActivityKind,
    pub sessions: u32,
    pub served: u32,
    pub minutes: i64,
}

/// One space's use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceUse {
    pub id: Uuid,
    pub name: String,
    pub booked_minutes: i64,
    pub open_minutes: i64,
    /// Bookings that took place (checked in).
    pub held: u32,
}

impl SpaceUse {
    /// Booked ÷ open, in whole percent; `None` for a space never open.
    pub fn percent(&self) -> Option<i64> {
        (self.open_minutes > 0).then(|| percent(self.booked_minutes, self.open_minutes))
    }
}

/// `part ÷ whole` in whole percent, rounded half up.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    (part * 200 + whole) / (whole * 2)
}

/// Everything the report says of one month in one scope.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthFigures {
    pub sessions: Sessions,
    /// Bookings that took place.
    pub bookings_held: u32,
    /// By the purpose typed on the booking ("" when none was typed).
    pub held_by_purpose: Vec<Row>,
    pub activities: Vec<ActivityRow>,
    /// Attendance of bookings that took place.
    pub served_at_bookings: u32,
    /// 服务人次 entered on shifts.
    pub served_at_activities: u32,
    pub minutes: i64,
    /// People who gave any time.
    pub volunteers_serving: u32,
    /// Minutes by the team of the activity; `name` "" is "no team".
    pub minutes_by_team: Vec<Row>,
    /// The ten who gave most, most first.
    pub top_volunteers: Vec<Row>,
    pub shifts: u32,
    pub places_filled: u32,
    pub places_needed: u32,
    pub shifts_short: u32,
    pub no_shows: u32,
    pub new_volunteers: u32,
    pub space_use: Vec<SpaceUse>,
    /// Booked minutes by weekday, Monday first.
    pub by_weekday: [i64; 7],
    /// Booked minutes by hour of the day.
    pub by_hour: [i64; 24],
    pub released_no_shows: u32,
}

impl MonthFigures {
    /// Activities held: sessions of events and services plus bookings
    /// that took place (duties are counted apart, as patrols are).
    pub fn activities_held(&self) -> u32 {
        self.sessions.events + self.sessions.services + self.bookings_held
    }

    pub fn people_served(&self) -> u32 {
        self.served_at_bookings + self.served_at_activities
    }

    pub fn booked_minutes(&self) -> i64 {
        self.space_use.iter().map(|s| s.booked_minutes).sum()
    }

    pub fn open_minutes(&self) -> i64 {
        self.space_use.iter().map(|s| s.open_minutes).sum()
    }

    /// Booked ÷ open over every space in scope.
    pub fn space_use_percent(&self) -> Option<i64> {
        let open = self.open_minutes();
        (open > 0).then(|| percent(self.booked_minutes(), open))
    }

    /// The space with the most booked time, for the paragraph.
    pub fn busiest_space(&self) -> Option<&SpaceUse> {
        self.space_use
            .iter()
            .filter(|s| s.booked_minutes > 0 && s.open_minutes > 0)
            .max_by(|a, b| {
                a.booked_minutes
                    .cmp(&b.booked_minutes)
                    .then_with(|| b.name.cmp(&a.name))
            })
    }

    /// Monday = 1 … Sunday = 7, the earliest of equals; `None` when nothing was booked.
    pub fn busiest_weekday(&self) -> Option<u8> {
        busiest(&self.by_weekday).map(|i| i as u8 + 1)
    }

    /// The hour (0–23) with most booked minutes.
    pub fn busiest_hour(&self) -> Option<u8> {
        busiest(&self.by_hour).map(|i| i as u8)
    }

    /// The figures a month is compared on, in the order they are shown.
    pub fn headline(&self) -> [(Figure, i64); 10] {
        [
            (Figure::ActivitiesHeld, self.activities_held().into()),
            (Figure::PeopleServed, self.people_served().into()),
            (Figure::VolunteerHours, self.minutes),
            (Figure::VolunteersServing, self.volunteers_serving.into()),
            (Figure::NewVolunteers, self.new_volunteers.into()),
            (Figure::PlacesFilled, self.places_filled.into()),
            (Figure::NoShows, self.no_shows.into()),
            (Figure::DutySessions, self.sessions.duties.into()),
            (
                Figure::SpaceUse,
                self.space_use_percent().unwrap_or_default(),
            ),
            (Figure::ReleasedNoShows, self.released_no_shows.into()),
        ]
    }
}

fn busiest(values: &[i64]) -> Option<usize> {
    let max = values.iter().copied().max().filter(|m| *m > 0)?;
    values.iter().position(|v| *v == max)
}

/// A figure shown with last month beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Figure {
    ActivitiesHeld,
    PeopleServed,
    /// In minutes.
    VolunteerHours,
    VolunteersServing,
    NewVolunteers,
    PlacesFilled,
    NoShows,
    DutySessions,
    /// In percent.
    SpaceUse,
    ReleasedNoShows,
}

/// How a figure moved since last month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Same,
}

impl Trend {
    pub fn of(now: i64, before: i64) -> Trend {
        match now.cmp(&before) {
            std::cmp::Ordering::Greater => Trend::Up,
            std::cmp::Ordering::Less => Trend::Down,
            std::cmp::Ordering::Equal => Trend::Same,
        }
    }
}

/// The teams named on activities and volunteers, sorted: the team scopes.
pub fn teams(directory: &Directory) -> Vec<String> {
    let mut teams: Vec<String> = directory
        .activities
        .iter()
        .filter(|a| !a.meta.deleted)
        .filter_map(|a| a.team.clone())
        .chain(
            directory
                .volunteers
                .iter()
                .filter(|v| !v.meta.deleted)
                .flat_map(|v| v.teams.iter().cloned()),
        )
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    teams.sort();
    teams.dedup();
    teams
}

/// Is this activity's work part of `scope`?
fn activity_in_scope(activity: &Activity, scope: &Scope) -> bool {
    match scope {
        Scope::Community => true,
        Scope::Activity(id) => activity.meta.id == *id,
        Scope::Space(id) => {
            matches!(activity.place, Place::Space { space_id, .. } if space_id == *id)
        }
        Scope::Team(team) => activity.team.as_deref().map(str::trim) == Some(team.as_str()),
    }
}

fn space_in_scope(space: Uuid, scope: &Scope) -> bool {
    match scope {
        Scope::Community => true,
        Scope::Space(id) => space == *id,
        Scope::Activity(_) | Scope::Team(_) => false,
    }
}

/// Minutes an opening week gives in `month`, up to `until` (a day after
/// it gives none, a period under way its minutes so far).
fn open_minutes(space: &Space, month: Month, until: Option<LocalDateTime>) -> i64 {
    month
        .days()
        .map(|day| {
            space
                .periods_on(weekday_number(day.weekday()))
                .iter()
                .map(|p| {
                    let opens = LocalDateTime::new(day, p.opens);
                    let closes = LocalDateTime::new(day, p.closes);
                    let closes = until.map_or(closes, |u| closes.min(u));
                    opens.minutes_until(closes)
                })
                .filter(|m| *m > 0)
                .sum::<i64>()
        })
        .sum()
}

/// Adds a booking's minutes to the hours of the day they fall in.
fn spread_over_hours(by_hour: &mut [i64; 24], start: LocalDateTime, end: LocalDateTime) {
    let mut at = start;
    // Bookings are at most a day long; the guard keeps a bad record cheap.
    let mut steps = 0;
    while at < end && steps < 48 {
        let hour = at.clock().hour().clamp(0, 23) as usize;
        let next_hour = at.plus_minutes(60 - i64::from(at.clock().minute()));
        let until = next_hour.min(end);
        by_hour[hour] += at.minutes_until(until);
        at = until;
        steps += 1;
    }
}

fn rows_from(counts: BTreeMap<String, i64>) -> Vec<Row> {
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|(name, value)| Row {
            id: None,
            name,
            value,
        })
        .collect();
    sort_rows(&mut rows);
    rows
}

/// Most first, then by name (and id, for two people of one name): one
/// order for every table of rows.
fn sort_rows(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Counts one month in one scope. `records` holds what starts in `month`
/// (more is ignored, so a wider read does no harm). A month not over by
/// now is counted as of `now` (see the module's rules).
pub fn month_figures(
    directory: &Directory,
    records: &MonthRecords,
    month: Month,
    scope: &Scope,
    now: LocalDateTime,
) -> MonthFigures {
    let until = (now < month.span().1).then_some(now);
    let started = |at: LocalDateTime| until.is_none_or(|u| at < u);
    let mut f = MonthFigures::default();
    let activities: HashMap<Uuid, &Activity> = directory
        .activities
        .iter()
        .filter(|a| !a.meta.deleted)
        .map(|a| (a.meta.id, a))
        .collect();
    let volunteers: HashMap<Uuid, &Volunteer> = directory
        .volunteers
        .iter()
        .filter(|v| !v.meta.deleted)
        .map(|v| (v.meta.id, v))
        .collect();

    // Spaces and their bookings.
    let mut uses: Vec<SpaceUse> = directory
        .spaces
        .iter()
        .filter(|s| !s.meta.deleted && space_in_scope(s.meta.id, scope))
        .filter(|s| s.active || records.bookings.iter().any(|b| b.space_id == s.meta.id))
        .map(|s| SpaceUse {
            id: s.meta.id,
            name: s.name.clone(),
            booked_minutes: 0,
            open_minutes: open_minutes(s, month, until),
            held: 0,
        })
        .collect();
    let mut by_purpose: BTreeMap<String, i64> = BTreeMap::new();
    for b in &records.bookings {
        if b.meta.deleted
            || !month.contains(b.start)
            || !started(b.start)
            || !space_in_scope(b.space_id, scope)
        {
            continue;
        }
        let Some(space) = uses.iter_mut().find(|u| u.id == b.space_id) else {
            continue;
        };
        if b.status == BookingStatus::Cancelled
            && b.status_change.as_ref().is_some_and(|c| c.no_show)
        {
            f.released_no_shows += 1;
        }
        if !b.is_live() {
            continue;
        }
        // A booking under way counts the minutes it has had.
        let end = until.map_or(b.end, |u| b.end.min(u));
        let minutes = b.start.minutes_until(end).max(0);
        space.booked_minutes += minutes;
        f.by_weekday[usize::from(weekday_number(b.start.weekday()) - 1)] += minutes;
        spread_over_hours(&mut f.by_hour, b.start, end);
        if let Some(check_in) = b.check_in {
            space.held += 1;
            f.bookings_held += 1;
            f.served_at_bookings += check_in.attendance;
            *by_purpose.entry(b.purpose.trim().to_string()).or_default() += 1;
        }
    }
    f.held_by_purpose = rows_from(by_purpose);
    uses.sort_by(|a, b| a.name.cmp(&b.name));
    f.space_use = uses;

    // Shifts, the people on them and their hours.
    let mut per_shift: HashMap<Uuid, Vec<&Assignment>> = HashMap::new();
    for a in records.assignments.iter().filter(|a| !a.meta.deleted) {
        per_shift.entry(a.shift_id).or_default().push(a);
    }
    let mut sessions: HashSet<(Uuid, Date)> = HashSet::new();
    let mut rows: BTreeMap<Uuid, ActivityRow> = BTreeMap::new();
    let mut by_team: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_volunteer: HashMap<Uuid, i64> = HashMap::new();
    let mut coverage = Vec::new();
    for shift in &records.shifts {
        if shift.meta.deleted || !month.contains(shift.start) || !started(shift.start) {
            continue;
        }
        let Some(activity) = activities.get(&shift.activity_id) else {
            continue;
        };
        if !activity_in_scope(activity, scope) {
            continue;
        }
        let people = per_shift.get(&shift.meta.id).map_or(&[][..], Vec::as_slice);
        coverage.push(Coverage {
            filled: people.iter().filter(|a| a.counts_toward_coverage()).count() as u32,
            needed_min: shift.needed_min,
            needed_max: shift.needed_max,
        });
        let served = shift.served.unwrap_or(0);
        let took_place = served > 0
            || people.iter().any(|a| {
                matches!(
                    a.status,
                    AssignmentStatus::CheckedIn | AssignmentStatus::Completed
                )
            });
        let row = rows.entry(activity.meta.id).or_insert_with(|| ActivityRow {
            id: activity.meta.id,
            title: activity.title.clone(),
            kind: activity.kind,
            sessions: 0,
            served: 0,
            minutes: 0,
        });
        // A patrol is one shift ("每日开展 6 次巡逻"); an event or a
        // service is one day, however many shifts it had.
        let new_session = match activity.kind {
            ActivityKind::Duty => took_place,
            _ => took_place && sessions.insert((activity.meta.id, shift.start.date())),
        };
        if new_session {
            row.sessions += 1;
            match activity.kind {
                ActivityKind::Event => f.sessions.events += 1,
                ActivityKind::Service => f.sessions.services += 1,
                ActivityKind::Duty => f.sessions.duties += 1,
            }
        }
        row.served += served;
        f.served_at_activities += served;
        let team = activity.team.as_deref().map(str::trim).unwrap_or_default();
        for a in people {
            if a.status == AssignmentStatus::NoShow {
                f.no_shows += 1;
            }
            let minutes = a.minutes_given(shift);
            if minutes <= 0 {
                continue;
            }
            f.minutes += minutes;
            row.minutes += minutes;
            *by_team.entry(team.to_string()).or_default() += minutes;
            *by_volunteer.entry(a.volunteer_id).or_default() += minutes;
        }
    }
    let gaps = Coverage::total(coverage);
    f.shifts = gaps.shifts;
    f.places_filled = gaps.filled;
    f.places_needed = gaps.needed;
    f.shifts_short = gaps.short_shifts;
    f.activities = rows.into_values().collect();
    f.activities.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| b.minutes.cmp(&a.minutes))
            .then_with(|| a.title.cmp(&b.title))
    });
    f.minutes_by_team = rows_from(by_team);
    f.volunteers_serving = by_volunteer.len() as u32;
    let name_of = |id: &Uuid| {
        volunteers
            .get(id)
            .map(|v| v.name.clone())
            .unwrap_or_default()
    };
    let mut top: Vec<Row> = by_volunteer
        .iter()
        .map(|(id, minutes)| Row {
            id: Some(*id),
            name: name_of(id),
            value: *minutes,
        })
        .collect();
    sort_rows(&mut top);
    top.truncate(10);
    f.top_volunteers = top;

    // New volunteers: joined this month; for a space or an activity,
    // those of them who served there.
    f.new_volunteers = volunteers
        .values()
        .filter(|v| {
            Month::of(v.joined_on) == month && until.is_none_or(|u| v.joined_on <= u.date())
        })
        .filter(|v| match scope {
            Scope::Community => true,
            Scope::Team(team) => v.teams.iter().any(|t| t.trim() == team),
            Scope::Space(_) | Scope::Activity(_) => by_volunteer.contains_key(&v.meta.id),
        })
        .count() as u32;
    f
}

/// "1,216": thousands grouped, as the reports write them.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// Minutes as hours: whole when whole, else to one decimal ("9.5").
pub fn hours(minutes: i64) -> String {
    let tenths = (minutes * 10 + 30).div_euclid(60);
    if tenths % 10 == 0 {
        return grouped(tenths / 10);
    }
    format!("{}.{}", grouped(tenths / 10), tenths % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_read_as_reports_write_them() {
        assert_eq!(grouped(1216), "1,216");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000_000), "1,000,000");
        assert_eq!(grouped(-1234), "-1,234");
        assert_eq!(hours(570), "9.5");
        assert_eq!(hours(20_520), "342");
        assert_eq!(hours(65), "1.1");
        assert_eq!(hours(61), "1");
        assert_eq!(hours(90_000), "1,500");
    }

    use super::*;

    #[test]
    fn months_step_over_years_and_parse() {
        let m = Month::new(2026, 1).unwrap();
        assert_eq!(m.previous(), Month::new(2025, 12).unwrap());
        assert_eq!(Month::new(2025, 12).unwrap().next(), m);
        assert_eq!(m.days().count(), 31);
        assert_eq!(Month::new(2024, 2).unwrap().days().count(), 29);
        assert_eq!(Month::parse("2026-03"), Month::new(2026, 3));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("march"), None);
        assert_eq!(m.key(), "2026-01");
        let last = Month::last_full(Date::new(2026, 12, 3).unwrap());
        assert_eq!(last, Month::new(2026, 11).unwrap());
        let months = last.trailing(12);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], Month::new(2025, 12).unwrap());
        assert_eq!(months[11], last);
    }

    #[test]
    fn percent_rounds_half_up_and_survives_zero() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(5, 0), 0);
    }

    #[test]
    fn hours_spread_over_the_clock() {
        let mut by_hour = [0; 24];
        let at = |h, m| LocalDateTime::from_parts(2026, 11, 2, h, m).unwrap();
        spread_over_hours(&mut by_hour, at(9, 30), at(11, 15));
        assert_eq!((by_hour[9], by_hour[10], by_hour[11]), (30, 60, 15));
        let mut late = [0; 24];
        let next = LocalDateTime::from_parts(2026, 11, 3, 1, 0).unwrap();
        spread_over_hours(&mut late, at(23, 0), next);
        assert_eq!((late[23], late[0]), (60, 60));
    }
}
