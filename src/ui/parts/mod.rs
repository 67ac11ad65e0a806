//! Pieces of screens that are not screens themselves: a space's day and
//! week, the export buttons, backup and import, "my" agendas, the repeat
//! part of the booking form.

pub mod backup;
pub mod booking_refusal;
pub mod booking_series;
pub mod contact;
pub mod exports;
pub mod import;
pub mod my_agenda;
pub mod open_shifts;
pub mod report_charts;
pub mod shift_people;
pub mod space_day;
pub mod space_week;
pub mod sync;
