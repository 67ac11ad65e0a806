//! One module per screen.

mod activity_detail;
mod book;
mod booking_detail;
mod data;
mod find_space;
mod first_run;
mod my_bookings;
mod not_found;
mod rosters;
mod space_day;
mod space_detail;
mod space_form;
mod space_week;
mod spaces;
mod today;
mod volunteer_detail;
mod volunteers;

pub use activity_detail::ActivityDetailPage;
pub use book::{BookPage, EditBookingPage};
pub use booking_detail::BookingDetailPage;
pub use data::DataPage;
pub use find_space::FindSpacePage;
pub use first_run::FirstRunPage;
pub use my_bookings::MyBookingsPage;
pub use not_found::NotFoundPage;
pub use rosters::RostersPage;
pub use space_detail::SpaceDetailPage;
pub use space_form::{EditSpacePage, NewSpacePage};
pub use spaces::SpacesPage;
pub use today::TodayPage;
pub use volunteer_detail::VolunteerDetailPage;
pub use volunteers::VolunteersPage;
