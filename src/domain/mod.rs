//! Plain records and the rules users rely on. No browser, no UI: this layer
//! is tested natively and is the same on every phone.

pub mod activity;
pub mod assignment;
pub mod backup_reminder;
pub mod big_community;
pub mod booking;
pub mod booking_form;
pub mod booking_rules;
pub mod booking_waiting;
pub mod checks;
pub mod clash;
pub mod demo;
pub mod duty_template;
pub mod erase;
pub mod erasure;
pub mod expiry;
pub mod held_about;
pub mod holidays;
pub mod kind;
pub mod meta;
pub mod open_shifts;
pub mod personal;
pub mod record;
pub mod recurrence;
pub mod report;
pub mod roster_form;
pub mod roster_rules;
pub mod series;
pub mod settings;
pub mod shift;
pub mod space;
pub mod space_form;
pub mod time;
pub mod volunteer;
pub mod volunteer_form;
pub mod waiting_list;

pub use activity::{Activity, ActivityKind, Place};
pub use assignment::{
    coverage, hours_totals, Assignment, AssignmentStatus, HoursCorrection, HoursTotals,
};
pub use booking::{bookings_collide, Booking, BookingStatus, CheckIn, Organiser, StatusChange};
pub use booking_rules::{
    check_booking, free_spaces, suggest_times, BookingRefusal, SuggestionRequest,
};
pub use checks::{ProblemReason, Reference, MAX_TEXT_CHARS};
pub use clash::{find_clashes, find_collisions, Clash, Settler};
pub use duty_template::{DutyDays, DutyTemplate, ShiftPlan, TemplateProblem};
pub use erase::{erase, find_person, Erased};
pub use erasure::{ErasedRecord, Erasure};
pub use holidays::{DayMark, HolidayArrangement, HolidayCalendar, HolidayDay};
pub use meta::{ChangedBy, DeviceId, IdSource, Meta, Moment, RandomIds, SeededIds};
pub use personal::{Audience, Person, PersonalField, ERASED};
pub use record::{AnyRecord, Community, EachKind, EachKindPair, Record, RecordKind};
pub use recurrence::{preview_series, OccurrenceCheck, Recurrence, Repeat, Until};
pub use roster_rules::{
    check_assignment, cover_candidates, AssignCheck, AssignRefusal, AssignWarning, CoverOption,
    FairnessLimits,
};
pub use series::SeriesScope;
pub use settings::Settings;
pub use shift::{shifts_overlap, Coverage, GapSummary, Shift};
pub use space::{BookingRules, OpeningPeriod, Space, SpaceKind};
pub use time::{ClockTime, CommunityZone, Interval, LocalDateTime};
pub use volunteer::{masked_phone, volunteer_matches, SearchQuery, SearchText, Volunteer};
pub use volunteer::{Consent, ConsentHow};
