//! CSV for spreadsheets: UTF-8 with a byte-order mark so that Excel on
//! Windows shows Chinese correctly, written by the csv crate (quoting
//! included) rather than joined by hand.

use crate::domain::{hours_totals, AssignmentStatus, BookingStatus, Community};
use std::collections::HashMap;
use uuid::Uuid;

const BOM: &str = "\u{feff}";

/// A cell a spreadsheet will show as text, never run as a formula.
///
/// Excel and LibreOffice treat a cell that starts with `=`, `+`, `-` or `@`
/// (or a tab or carriage return before one) as a formula: a volunteer named
/// `=HYPERLINK(…)` would become a live link. Following OWASP's CSV-injection
/// advice such a cell gets a leading apostrophe. A plain number such as
/// `-1.5` is no formula and stays as it is, so sums still work.
pub fn neutralise_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// `-12`, `-0.50`: an optional minus, digits, at most one decimal point.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn to_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row would only be skipped.
    let _ = w.write_record(header.iter().map(|h| neutralise_cell(h).into_owned()));
    for row in rows {
        let _ = w.write_record(row.iter().map(|cell| neutralise_cell(cell).into_owned()));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// Any table shown on a screen, as the same rows (the monthly report's
/// tables): the CSV rules above, header first.
pub fn table_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    to_text(&header, rows.to_vec())
}

fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

/// One row per person on each shift of an activity: date, time, role,
/// volunteer, phone, status, hours. `header` has those seven column names
/// in the user's language; `status` names a status.
pub fn roster_csv(
    c: &Community,
    activity: Uuid,
    header: &[&str; 7],
    status: impl Fn(AssignmentStatus) -> String,
) -> String {
    let people: HashMap<Uuid, (&str, &str)> = c
        .volunteers
        .iter()
        .map(|v| (v.meta.id, (v.name.as_str(), v.phone.as_str())))
        .collect();
    let mut shifts: Vec<_> = c
        .shifts
        .iter()
        .filter(|s| s.activity_id == activity && !s.meta.deleted)
        .collect();
    shifts.sort_by_key(|s| (s.start, s.role.clone()));
    let mut rows = Vec::new();
    for s in shifts {
        let time = format!("{}-{}", s.start.clock(), s.end.clock());
        let mut on: Vec<_> = c
            .assignments
            .iter()
            .filter(|a| a.shift_id == s.meta.id && !a.meta.deleted)
            .collect();
        on.sort_by_key(|a| people.get(&a.volunteer_id).map(|p| p.0).unwrap_or(""));
        if on.is_empty() {
            rows.push(vec![
                s.start.date().to_string(),
                time.clone(),
                s.role.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for a in on {
            let (name, phone) = people.get(&a.volunteer_id).copied().unwrap_or(("", ""));
            rows.push(vec![
                s.start.date().to_string(),
                time.clone(),
                s.role.clone(),
                name.to_string(),
                phone.to_string(),
                status(a.status),
                hours(a.minutes_given(s)),
            ]);
        }
    }
    to_text(header, rows)
}

/// A space's bookings: date, start, end, title, organiser, phone, status,
/// people expected, people who came.
pub fn bookings_csv(
    c: &Community,
    space: Uuid,
    header: &[&str; 9],
    status: impl Fn(BookingStatus) -> String,
) -> String {
    let mut list: Vec<_> = c
        .bookings
        .iter()
        .filter(|b| b.space_id == space && !b.meta.deleted)
        .collect();
    list.sort_by_key(|b| b.start);
    let rows = list
        .into_iter()
        .map(|b| {
            vec![
                b.start.date().to_string(),
                b.start.clock().to_string(),
                b.end.clock().to_string(),
                b.title.clone(),
                b.organiser.name.clone(),
                b.organiser.phone.clone(),
                status(b.status),
                b.expected_attendees.to_string(),
                b.check_in
                    .map(|c| c.attendance.to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    to_text(header, rows)
}

/// Hours per volunteer in one month: name, teams, shifts done, hours,
/// no-shows. Volunteers with nothing that month are left out.
pub fn hours_csv(c: &Community, year: i16, month: i8, header: &[&str; 5]) -> String {
    let shifts: HashMap<Uuid, _> = c.shifts.iter().map(|s| (s.meta.id, s)).collect();
    let mut volunteers: Vec<_> = c.volunteers.iter().filter(|v| !v.meta.deleted).collect();
    volunteers.sort_by(|a, b| a.name.cmp(&b.name));
    let mut rows = Vec::new();
    for v in volunteers {
        let pairs: Vec<_> = c
            .assignments
            .iter()
            .filter(|a| a.volunteer_id == v.meta.id)
            .filter_map(|a| shifts.get(&a.shift_id).map(|s| (a.clone(), (*s).clone())))
            .collect();
        let (months, _) = hours_totals(&pairs);
        if let Some(t) = months
            .get(&(year, month))
            .filter(|t| t.shifts > 0 || t.no_shows > 0)
        {
            rows.push(vec![
                v.name.clone(),
                v.teams.join("、"),
                t.shifts.to_string(),
                hours(t.minutes),
                t.no_shows.to_string(),
            ]);
        }
    }
    to_text(header, rows)
}
