//! Pieces of screens that are not screens themselves: a space's day and
//! week, the export buttons, backup and import, "my" agendas, the repeat
//! part of the booking form.

pub mod backup;
pub mod booking_refusal;
pub mod booking_series;
pub mod booking_write;
pub mod contact;
pub mod exports;
pub mod forget;
pub mod import;
mod import_view;
pub mod month_report;
pub mod my_agenda;
pub mod my_exports;
pub mod notice;
pub mod open_shifts;
pub mod personal;
pub mod report_charts;
mod report_sections;
pub mod served_count;
pub mod shift_people;
pub mod slot_queue;
pub mod space_day;
pub mod space_week;
pub mod sync;
pub mod sync_clashes;
