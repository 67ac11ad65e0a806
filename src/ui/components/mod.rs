//! Pieces shared by several screens, by what they are for.

mod bookings;
mod calendar;
mod chrome;
mod feedback;
mod people;
mod roster;
mod screen;

pub use bookings::{BookingDays, BookingItem, Done};
pub use calendar::DayMarkNote;
pub use chrome::{BackLink, Header, Loading, TabBar, WeekdayPicks, MORE_PLACES};
pub use feedback::{when_loaded, ErrorPanel, Failure, RefusalList};
pub use people::{MeSwitch, Phone};
pub use roster::CoverageBadge;
pub use screen::{detail_page, form_page, kept};
