//! Saving bookings: the rules are checked inside the same readwrite
//! transaction that writes, so two tabs (or two taps) racing cannot both
//! land overlapping bookings — IndexedDB runs overlapping readwrite
//! transactions one after the other.

use super::bulk;
use super::changes::Writes;
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::open::Store;
use super::schema::{IndexName, META_STORE, SYNC_LOG};
use crate::domain::booking_rules::{conflict_window, needs_rule_check};
use crate::domain::booking_waiting::{check_waiting, freed_by, move_in_window, moving_in};
use crate::domain::Interval;
use crate::domain::Place;
use crate::domain::{
    check_booking, Booking, BookingRefusal, LocalDateTime, Record, RecordKind, Space,
};
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use std::collections::HashMap;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use web_sys::{IdbKeyRange, IdbRequest};

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

/// The widest buffer the space form takes (under a day): the window read
/// for nearby bookings is asked for before the space's own rules are known.
const USUAL_BUFFER: u16 = 24 * 60 - 1;

/// The reads one booking's check needs, asked for together.
struct Asked {
    space: IdbRequest,
    nearby: Option<IdbRequest>,
    stored: IdbRequest,
}

/// Asks for the bookings of `booking`'s space that may collide with it in
/// a space with `buffer` minutes; extra ones are harmless (the check
/// measures each against the space's real buffer).
fn ask_nearby(
    tx: &Transaction<'_>,
    booking: &Booking,
    interval: Interval,
    buffer: u16,
) -> Result<IdbRequest, SaveBookingError> {
    let (from, to) = conflict_window(interval, buffer);
    ask_space_between(tx, booking.space_id, from, to)
}

/// Asks for the bookings of `space` starting from `from` up to `to`.
fn ask_space_between(
    tx: &Transaction<'_>,
    space: uuid::Uuid,
    from: LocalDateTime,
    to: LocalDateTime,
) -> Result<IdbRequest, SaveBookingError> {
    let id = JsValue::from_str(&space.to_string());
    let lower = js_sys::Array::of2(&id, &JsValue::from_str(&from.to_string()));
    let upper = js_sys::Array::of2(&id, &JsValue::from_str(&to.to_string()));
    let range = IdbKeyRange::bound_with_lower_open_and_upper_open(&lower, &upper, false, true)
        .map_err(|e| StoreError::from(indexed_db_futures::error::Error::from(e)))?;
    Ok(bulk::ask_index(
        tx,
        Booking::KIND.plural(),
        IndexName::BookingsBySpaceStart.name(),
        &range,
    )?)
}

/// A stored record's JSON, read into Rust.
fn parsed<T: serde::de::DeserializeOwned>(json: Option<String>) -> Result<Option<T>, StoreError> {
    json.map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(|e| StoreError::new(StoreErrorKind::Unreadable, e.to_string()))
}

impl Store {
    /// Checks and saves one booking (new, edited, with a new status, or
    /// on a waiting list); returns the waiting entries that moved in.
    pub async fn save_booking(
        &self,
        booking: Booking,
        now: LocalDateTime,
    ) -> Result<Vec<Booking>, SaveBookingError> {
        self.save_bookings(vec![booking], now).await
    }

    /// Checks and saves several bookings — e.g. the fitting dates of a
    /// series — in one transaction: all are saved, or none. A slot they
    /// free goes to its waiting list in the same transaction: the entries
    /// that moved in are returned.
    pub async fn save_bookings(
        &self,
        bookings: Vec<Booking>,
        now: LocalDateTime,
    ) -> Result<Vec<Booking>, SaveBookingError> {
        let (space_store, booking_store) = (RecordKind::Space.plural(), Booking::KIND.plural());
        let tx = self
            .tx(
                &[space_store, booking_store, META_STORE, SYNC_LOG],
                TransactionMode::Readwrite,
            )
            .await?;
        // Whether the change log is kept is asked beside the first
        // booking's reads: every read of a save is asked for at once and
        // the answers collected after, one wait instead of one per read.
        let mut writes = Writes::begin(&tx)?;
        // Occurrences moved together (a series edit) are checked against
        // each other's new times, never against their own old ones.
        let moving: std::collections::HashSet<_> = bookings.iter().map(|b| b.meta.id).collect();
        let mut saved: Vec<Booking> = Vec::new();
        // What each saved booking frees, in its space.
        let mut freed: Vec<(Space, Interval, Booking)> = Vec::new();
        for (index, booking) in bookings.into_iter().enumerate() {
            let interval = booking.interval();
            let asked = Asked {
                space: bulk::ask_get(&tx, space_store, &booking.space_id.to_string().into())?,
                nearby: match interval {
                    Some(interval) => Some(ask_nearby(&tx, &booking, interval, USUAL_BUFFER)?),
                    None => None,
                },
                stored: bulk::ask_get(&tx, booking_store, &booking.meta.id.to_string().into())?,
            };
            let space: Option<Space> = parsed(bulk::answer_json(&tx, &asked.space).await?)?;
            let Some(space) = space.filter(|s| !s.meta.deleted) else {
                return Err(SaveBookingError::NoSuchSpace { index });
            };
            let mut nearby: Vec<Booking> = match (&asked.nearby, interval) {
                // A buffer wider than usual (a space from a file) reads its
                // own wider window.
                (Some(_), Some(interval)) if space.rules.buffer_minutes > USUAL_BUFFER => {
                    let request = ask_nearby(&tx, &booking, interval, space.rules.buffer_minutes)?;
                    parsed(bulk::answer_json(&tx, &request).await?)?.unwrap_or_default()
                }
                (Some(request), _) => {
                    parsed(bulk::answer_json(&tx, request).await?)?.unwrap_or_default()
                }
                (None, _) => Vec::new(),
            };
            // Earlier items of this same save count with their new times.
            nearby.retain(|b| !b.meta.deleted && !moving.contains(&b.meta.id));
            nearby.extend(
                saved
                    .iter()
                    .filter(|s| s.space_id == booking.space_id)
                    .cloned(),
            );
            let stored: Option<Booking> = parsed(bulk::answer_json(&tx, &asked.stored).await?)?;
            let refusals = match needs_rule_check(stored.as_ref(), &booking) {
                false => Vec::new(),
                true if booking.is_waiting() => check_waiting(&booking, &space, &nearby, now),
                true => check_booking(&booking, &space, &nearby, now),
            };
            if !refusals.is_empty() {
                // Dropping the transaction aborts it: nothing is written.
                return Err(SaveBookingError::Refused { index, refusals });
            }
            writes.put(&booking)?;
            if let Some(interval) = freed_by(stored.as_ref(), &booking) {
                // A move frees the old slot in the old space.
                let old_space = match &stored {
                    Some(old) if old.space_id != space.meta.id => {
                        let asked =
                            bulk::ask_get(&tx, space_store, &old.space_id.to_string().into())?;
                        parsed(bulk::answer_json(&tx, &asked).await?)?
                    }
                    _ => Some(space.clone()),
                };
                if let Some(old_space) = old_space {
                    freed.push((old_space, interval, booking.clone()));
                }
            }
            saved.push(booking);
        }
        // The waiting lists are read after every write of this save, so
        // each entry is checked against the bookings as they now stand.
        let mut moved_in: Vec<Booking> = Vec::new();
        for (space, interval, change) in freed {
            let (from, to) = move_in_window(interval, space.rules.buffer_minutes);
            let request = ask_space_between(&tx, space.meta.id, from, to)?;
            let around: Vec<Booking> =
                parsed(bulk::answer_json(&tx, &request).await?)?.unwrap_or_default();
            let (at, device) = (change.meta.updated_at, &change.meta.device_id);
            for entry in moving_in(&space, interval, &around, now, at, device) {
                writes.put(&entry)?;
                moved_in.push(entry);
            }
        }
        writes.done().await?;
        tx.commit().await?;
        Ok(moved_in)
    }
}

/// Reads by the screens.
impl Store {
    /// Bookings of every space starting in `[from, to)`, earliest first.
    pub async fn bookings_between(
        &self,
        from: LocalDateTime,
        to: LocalDateTime,
    ) -> StoreResult<Vec<Booking>> {
        let range = KeyRange::Bound(from.to_string(), false, to.to_string(), true);
        self.range(IndexName::BookingsByStart, range).await
    }

    /// Bookings of one space starting in `[from, to)`, earliest first.
    pub async fn bookings_of_space(
        &self,
        space: Uuid,
        from: LocalDateTime,
        to: LocalDateTime,
    ) -> StoreResult<Vec<Booking>> {
        let id = space.to_string();
        let range = KeyRange::Bound(
            (id.clone(), from.to_string()),
            false,
            (id, to.to_string()),
            true,
        );
        self.range(IndexName::BookingsBySpaceStart, range).await
    }

    /// Every live space's name, by id.
    pub async fn space_names(&self) -> StoreResult<HashMap<Uuid, String>> {
        Ok(self
            .list::<Space>()
            .await?
            .into_iter()
            .map(|s| (s.meta.id, s.name))
            .collect())
    }

    /// Where an activity happens, as people say it: the space's name or
    /// the text the lead typed.
    pub async fn place_name(&self, place: &Place) -> StoreResult<String> {
        Ok(match place {
            Place::Text { text } => text.clone(),
            Place::Space { space_id, .. } => self
                .get::<Space>(*space_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default(),
        })
    }
}
