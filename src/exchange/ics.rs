//! iCalendar (.ics) for phone calendars: "my shifts" and a space's
//! bookings. Each event's UID is its record id, so importing a newer file
//! updates the events instead of adding copies; times are written in UTC
//! from the community's zone, so every calendar shows them right. An
//! event may carry a reminder (VALARM) so the phone's calendar rings
//! before it, offline.

use crate::domain::{Booking, BookingStatus, CommunityZone, LocalDateTime, Shift};
use jiff::Timestamp;

/// One calendar event.
pub struct CalendarEvent {
    pub uid: String,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub changed: Timestamp,
    pub cancelled: bool,
    /// Minutes before the start the phone's calendar reminds; 0 none.
    pub alarm_minutes: u16,
}

impl CalendarEvent {
    pub fn of_shift(shift: &Shift, activity_title: &str) -> Self {
        CalendarEvent {
            uid: format!("shift-{}@linli", shift.meta.id),
            start: shift.start,
            end: shift.end,
            summary: format!("{} · {}", shift.role, activity_title),
            location: shift.place.clone(),
            description: shift.notes.clone(),
            changed: shift.meta.updated_at,
            cancelled: shift.meta.deleted,
            alarm_minutes: 0,
        }
    }

    pub fn of_booking(booking: &Booking, space_name: &str) -> Self {
        CalendarEvent {
            uid: format!("booking-{}@linli", booking.meta.id),
            start: booking.start,
            end: booking.end,
            summary: booking.title.clone(),
            location: space_name.to_string(),
            description: booking.purpose.clone(),
            changed: booking.meta.updated_at,
            cancelled: booking.meta.deleted
                || matches!(
                    booking.status,
                    BookingStatus::Cancelled | BookingStatus::Declined
                ),
            alarm_minutes: 0,
        }
    }

    /// The same event, reminding `minutes` before it starts (0: never).
    pub fn reminding(self, minutes: u16) -> Self {
        CalendarEvent {
            alarm_minutes: minutes,
            ..self
        }
    }
}

/// Text escaped as RFC 5545 asks: backslash, semicolon, comma, newline.
/// A carriage return (Windows line ends, a pasted note) is a line break
/// too; left raw it would end the property early.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\r', '\n'], "\\n")
}

/// Lines longer than 75 octets are folded, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(ch);
        used += n;
    }
    out
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A whole calendar. Events whose local time does not exist in the zone
/// (none do in China) are left out rather than guessed.
pub fn calendar(name: &str, events: &[CalendarEvent], zone: CommunityZone) -> String {
    let tz = zone.time_zone();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Linli//Linli//ZH".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for e in events {
        let (Some(start), Some(end)) = (e.start.to_timestamp(&tz), e.end.to_timestamp(&tz)) else {
            continue;
        };
        lines.push("BEGIN:VEVENT".to_string());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}", utc(e.changed)));
        lines.push(format!("LAST-MODIFIED:{}", utc(e.changed)));
        // Later versions of one event must carry a higher sequence.
        lines.push(format!("SEQUENCE:{}", e.changed.as_second().max(0)));
        lines.push(format!("DTSTART:{}", utc(start)));
        lines.push(format!("DTEND:{}", utc(end)));
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&e.location)));
        }
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        lines.push(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        // The phone's own calendar rings, with no server and no network.
        if e.alarm_minutes > 0 && !e.cancelled {
            lines.push("BEGIN:VALARM".to_string());
            lines.push("ACTION:DISPLAY".to_string());
            lines.push(format!("DESCRIPTION:{}", escape(&e.summary)));
            lines.push(format!("TRIGGER:-PT{}M", e.alarm_minutes));
            lines.push("END:VALARM".to_string());
        }
        lines.push("END:VEVENT".to_string());
    }
    lines.push("END:VCALENDAR".to_string());
    lines
        .iter()
        .map(|l| fold(l))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}
