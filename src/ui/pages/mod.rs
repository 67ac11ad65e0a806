//! The screens, one module per route (or pair of routes: new and edit).
//! A screen uses `components`, `parts`, the store and the domain; it never
//! uses another screen.

mod activity_detail;
mod activity_form;
mod book;
mod booking_detail;
mod check_in;
mod data;
mod find_space;
mod first_run;
mod generate_shifts;
mod more;
mod my_bookings;
mod not_found;
mod open_shifts;
mod print_sheets;
mod report;
mod rosters;
mod shift_detail;
mod shift_form;
mod space_detail;
mod space_form;
mod spaces;
mod today;
mod volunteer_detail;
mod volunteer_form;
mod volunteers;

pub use activity_detail::ActivityDetailPage;
pub use activity_form::{EditActivityPage, NewActivityPage};
pub use book::{BookPage, EditBookingPage};
pub use booking_detail::BookingDetailPage;
pub use check_in::CheckInPage;
pub use data::DataPage;
pub use find_space::FindSpacePage;
pub use first_run::FirstRunPage;
pub use generate_shifts::GenerateShiftsPage;
pub use more::MorePage;
pub use my_bookings::MyBookingsPage;
pub use not_found::NotFoundPage;
pub use open_shifts::OpenShiftsPage;
pub use print_sheets::{DoorSheetPage, RosterSheetPage};
pub use report::ReportPage;
pub use rosters::RostersPage;
pub use shift_detail::ShiftDetailPage;
pub use shift_form::{EditShiftPage, NewShiftPage};
pub use space_detail::SpaceDetailPage;
pub use space_form::{EditSpacePage, NewSpacePage};
pub use spaces::SpacesPage;
pub use today::TodayPage;
pub use volunteer_detail::VolunteerDetailPage;
pub use volunteer_form::{EditVolunteerPage, NewVolunteerPage};
pub use volunteers::VolunteersPage;
