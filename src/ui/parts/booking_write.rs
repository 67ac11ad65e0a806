//! What the booking form writes, all through the store's checked saves:
//! one booking, several occurrences of a series, a new series, or a place
//! on a taken time's waiting list; a refusal comes back with what would
//! fit instead.

use crate::domain::booking_waiting::only_taken;
use crate::domain::Booking;
use crate::store::SaveBookingError;
use crate::ui::components::Done;
use crate::ui::parts::booking_refusal::{alternatives, Outcome};
use crate::ui::parts::contact::seal_request;
use crate::ui::state::AppState;
use jiff::civil::Date;
use uuid::Uuid;

/// The writes the form makes, all through the store's checked saves.
#[derive(Clone)]
pub enum Write {
    /// One booking, new or changed; refused ones get suggestions.
    One(Box<Booking>),
    /// An edit of several occurrences of a series, all or none.
    Occurrences(Vec<Booking>),
    /// The dates of a new series ticked in its preview.
    Series(Vec<Booking>),
    /// A new booking put on the waiting list of the slot it wants.
    Wait(Box<Booking>),
}

/// Where a write leads: the booking it made (if one) and what to say.
pub type Next = (Option<Uuid>, Option<Done>);

/// A resident's contact sealed for the committee in every booking `what`
/// writes (`parts::contact`).
async fn seal_contacts(state: &AppState, what: &mut Write) -> Result<(), Outcome> {
    let bookings: Vec<&mut Booking> = match what {
        Write::One(b) | Write::Wait(b) => vec![b.as_mut()],
        Write::Occurrences(list) | Write::Series(list) => list.iter_mut().collect(),
    };
    for booking in bookings {
        seal_request(state, booking).await.map_err(|_| Outcome {
            unsealed: true,
            ..Outcome::default()
        })?;
    }
    Ok(())
}

/// Writes `what`; on success, where to go next.
pub async fn write(state: AppState, mut what: Write) -> Result<Next, Outcome> {
    seal_contacts(&state, &mut what).await?;
    let now = state.now_local();
    let store = state.store();
    match what {
        Write::One(booking) => {
            crate::ui::marks::mark("linli-booking-save");
            match store.save_booking(*booking.clone(), now).await {
                Ok(_) => {
                    crate::ui::marks::mark("linli-booking-saved");
                    Ok((Some(booking.meta.id), None))
                }
                Err(SaveBookingError::Refused { refusals, .. }) => {
                    let can_wait = only_taken(&refusals);
                    let mut outcome = alternatives(state, &booking, refusals, now).await;
                    outcome.can_wait = can_wait;
                    Err(outcome)
                }
                Err(e) => Err(Outcome::failed(e)),
            }
        }
        Write::Wait(booking) => {
            let id = booking.meta.id;
            match store.save_booking(booking.waiting(), now).await {
                // The time came free before the entry joined: it moved
                // straight in, and says so as a new booking.
                Ok(moved) if moved.iter().any(|b| b.meta.id == id) => {
                    Ok((Some(id), Some(Done::Created)))
                }
                Ok(_) => Ok((Some(id), Some(Done::Joined))),
                Err(SaveBookingError::Refused { refusals, .. }) => Err(Outcome {
                    refusals,
                    ..Outcome::default()
                }),
                Err(e) => Err(Outcome::failed(e)),
            }
        }
        Write::Occurrences(changes) => {
            let dates: Vec<Date> = changes.iter().map(|b| b.start.date()).collect();
            match store.save_bookings(changes, now).await {
                Ok(_) => Ok((None, None)),
                // Which date of the series broke which rule.
                Err(SaveBookingError::Refused { index, refusals }) => Err(Outcome {
                    refusals,
                    on_date: dates.get(index).copied(),
                    ..Outcome::default()
                }),
                Err(e) => Err(Outcome::failed(e)),
            }
        }
        Write::Series(picked) => match store.save_bookings(picked, now).await {
            Ok(_) => Ok((None, None)),
            // Someone booked in between: the fresh refusal shows on the form.
            Err(SaveBookingError::Refused { refusals, .. }) => Err(Outcome {
                refusals,
                ..Outcome::default()
            }),
            Err(e) => Err(Outcome::failed(e)),
        },
    }
}
