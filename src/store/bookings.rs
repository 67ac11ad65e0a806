//! Saving bookings: the rules are checked inside the same readwrite
//! transaction that writes, so two tabs (or two taps) racing cannot both
//! land overlapping bookings — IndexedDB runs overlapping readwrite
//! transactions one after the other.

use super::bulk;
use super::error::StoreError;
use super::repo::Store;
use super::schema::{IndexName, META_STORE, SYNC_LOG};
use super::sync::note_changes;
use crate::domain::booking_rules::{conflict_window, needs_rule_check};
use crate::domain::{
    check_booking, Booking, BookingRefusal, LocalDateTime, Record, RecordKind, Space,
};
use crate::sync::doc_id;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;

/// Why bookings were not saved. Nothing was written in either case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveBookingError {
    /// The booking at this position of the list breaks these rules.
    Refused {
        index: usize,
        refusals: Vec<BookingRefusal>,
    },
    /// The booking names a space that does not exist (or was deleted).
    NoSuchSpace {
        index: usize,
    },
    Store(StoreError),
}

impl From<StoreError> for SaveBookingError {
    fn from(e: StoreError) -> Self {
        SaveBookingError::Store(e)
    }
}

impl From<indexed_db_futures::error::Error> for SaveBookingError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        SaveBookingError::Store(e.into())
    }
}

impl Store {
    /// Checks and saves one booking (new, edited, or with a new status).
    pub async fn save_booking(
        &self,
        booking: Booking,
        now: LocalDateTime,
    ) -> Result<(), SaveBookingError> {
        self.save_bookings(vec![booking], now).await
    }

    /// Checks and saves several bookings — e.g. the fitting dates of a
    /// series — in one transaction: all are saved, or none.
    pub async fn save_bookings(
        &self,
        bookings: Vec<Booking>,
        now: LocalDateTime,
    ) -> Result<(), SaveBookingError> {
        let (space_store, booking_store) = (RecordKind::Space.plural(), Booking::KIND.plural());
        let tx = self
            .tx(
                &[space_store, booking_store, META_STORE, SYNC_LOG],
                TransactionMode::Readwrite,
            )
            .await?;
        let spaces = tx.object_store(space_store)?;
        let store = tx.object_store(booking_store)?;
        // Occurrences moved together (a series edit) are checked against
        // each other's new times, never against their own old ones.
        let moving: std::collections::HashSet<_> = bookings.iter().map(|b| b.meta.id).collect();
        let mut saved: Vec<Booking> = Vec::new();
        for (index, booking) in bookings.into_iter().enumerate() {
            let space: Option<Space> = spaces.get(booking.space_id.to_string()).serde()?.await?;
            let Some(space) = space.filter(|s| !s.meta.deleted) else {
                return Err(SaveBookingError::NoSuchSpace { index });
            };
            let mut nearby = match booking.interval() {
                Some(interval) => {
                    let (from, to) = conflict_window(interval, space.rules.buffer_minutes);
                    let id = booking.space_id.to_string();
                    let range = KeyRange::Bound(
                        (id.clone(), from.to_string()),
                        false,
                        (id, to.to_string()),
                        true,
                    );
                    let rows = store
                        .index(IndexName::BookingsBySpaceStart.name())?
                        .get_all::<Booking>()
                        .with_query::<(String, String), _>(range)
                        .serde()?
                        .await?;
                    rows.collect::<Result<Vec<Booking>, _>>()?
                }
                None => Vec::new(),
            };
            // Earlier items of this same save count with their new times.
            nearby.retain(|b| !b.meta.deleted && !moving.contains(&b.meta.id));
            nearby.extend(
                saved
                    .iter()
                    .filter(|s| s.space_id == booking.space_id)
                    .cloned(),
            );
            let stored: Option<Booking> = store.get(booking.meta.id.to_string()).serde()?.await?;
            let refusals = if needs_rule_check(stored.as_ref(), &booking) {
                check_booking(&booking, &space, &nearby, now)
            } else {
                Vec::new()
            };
            if !refusals.is_empty() {
                // Dropping the transaction aborts it: nothing is written.
                return Err(SaveBookingError::Refused { index, refusals });
            }
            bulk::put_record(&store, &booking)?;
            saved.push(booking);
        }
        note_changes(
            &tx,
            saved.iter().map(|b| doc_id(RecordKind::Booking, b.meta.id)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
