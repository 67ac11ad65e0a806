//! People's data in the store: erasing a person, expiring contacts, and
//! every erasure applied to what comes in from a file or a server — each
//! inside the transaction of the write it belongs to, with the domain's
//! rules (`domain::erasure`, `domain::expiry`).

use super::bulk;
use super::changes::Writes;
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::open::Store;
use super::schema::{self, IndexName, META_STORE};
use crate::domain::expiry::expire_contacts;
use crate::domain::{
    erase, AnyRecord, Booking, Community, Erased, Erasure, Moment, Person, RecordKind, Volunteer,
};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use std::collections::HashSet;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use web_sys::IdbKeyRange;

/// The meta store's key of the last day contacts were looked at.
const KEY_EXPIRY_DAY: &str = "contacts_expired_on";

fn unreadable(e: impl std::fmt::Display) -> StoreError {
    StoreError::new(StoreErrorKind::Unreadable, e.to_string())
}

/// One record by kind and id, as stored.
pub(super) async fn get_record(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
) -> StoreResult<Option<AnyRecord>> {
    let text = bulk::get_json(tx, kind.plural(), &JsValue::from_str(&id.to_string())).await?;
    let Some(text) = text else {
        return Ok(None);
    };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(unreadable)?;
    AnyRecord::from_value(kind, &value)
        .map(Some)
        .map_err(unreadable)
}

/// What an incoming batch becomes under every erasure: the records as
/// they came (nothing of an erased person in them), and the records to
/// write as this phone's own change — incoming ones an erasure blanked
/// (the other end still holds the person), and stored ones a newly
/// arrived erasure names.
pub(super) struct Erasing {
    pub as_they_came: Vec<AnyRecord>,
    pub erased: Vec<AnyRecord>,
}

/// Applies the erasures this phone holds, and those among `incoming`, to
/// `incoming` and to this phone's records the new ones name.
pub(super) async fn erasing(
    tx: &Transaction<'_>,
    incoming: Vec<AnyRecord>,
) -> StoreResult<Erasing> {
    // A sync round that brought nothing reads nothing more.
    if incoming.is_empty() {
        return Ok(Erasing {
            as_they_came: incoming,
            erased: Vec::new(),
        });
    }
    let stored: Vec<Erasure> = bulk::read_all(tx).await?;
    let known: HashSet<Uuid> = stored.iter().map(|e| e.meta.id).collect();
    let arriving: Vec<Erasure> = incoming
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Erasure(e) if !known.contains(&e.meta.id) => Some(e.clone()),
            _ => None,
        })
        .collect();
    let erased = Erased::of(stored.iter().chain(&arriving));
    let mut out = Erasing {
        as_they_came: Vec::with_capacity(incoming.len()),
        erased: Vec::new(),
    };
    if erased.is_empty() {
        out.as_they_came = incoming;
        return Ok(out);
    }
    let mut seen: HashSet<(RecordKind, Uuid)> = HashSet::new();
    for mut r in incoming {
        seen.insert((r.kind(), r.meta().id));
        if erased.apply(&mut r) {
            out.erased.push(r);
        } else {
            out.as_they_came.push(r);
        }
    }
    // This phone's own copies of what the new erasures name.
    let named = Erased::of(&arriving);
    for e in &arriving {
        for r in &e.records {
            if !seen.insert((r.kind, r.id)) {
                continue;
            }
            if let Some(mut mine) = get_record(tx, r.kind, r.id).await? {
                if named.apply(&mut mine) {
                    out.erased.push(mine);
                }
            }
        }
    }
    Ok(out)
}

impl Store {
    /// Erases `person` from every record this phone holds, and keeps the
    /// erasure so that every copy arriving later is erased too. One
    /// transaction; the records to erase are found inside it. Returns how
    /// many records held them.
    pub async fn erase_person(&self, person: &Person, at: &Moment, id: Uuid) -> StoreResult<usize> {
        let tx = self
            .tx(&schema::all_store_names(), TransactionMode::Readwrite)
            .await?;
        let community = bulk::read_community(&tx).await?;
        let (erasure, writes) = erase(&community, person, at, id);
        let count = erasure.records.len();
        let mut writing = Writes::begin(&tx)?;
        let ops = writes
            .into_iter()
            .chain([AnyRecord::Erasure(erasure)])
            .map(|r| (r, false));
        writing.queue(ops.collect()).await?;
        writing.done().await?;
        bulk::commit(tx).await?;
        Ok(count)
    }

    /// The erasures this phone holds.
    pub async fn erasures(&self) -> StoreResult<Vec<Erasure>> {
        self.list_all::<Erasure>().await
    }

    /// Blanks every contact past keeping (`domain::expiry`) as this
    /// phone's change, at most once a day: what the app does when it
    /// starts. Returns how many records it blanked (`None`: already done
    /// today). Reads only bookings that started before the earliest day
    /// one could expire, and the walk-ins.
    pub async fn expire_contacts(&self, months: u16, at: &Moment) -> StoreResult<Option<usize>> {
        let today = at.local.date().to_string();
        let tx = self
            .tx(&schema::all_store_names(), TransactionMode::Readwrite)
            .await?;
        let done = bulk::get_json(&tx, META_STORE, &JsValue::from_str(KEY_EXPIRY_DAY)).await?;
        if done.as_deref() == Some(&serde_json::to_string(&today).map_err(unreadable)?) {
            return Ok(None);
        }
        let mut around = Community::default();
        if months > 0 {
            around.bookings = bookings_started_before(&tx, at, months).await?;
            around.volunteers = bulk::read_all::<Volunteer>(&tx)
                .await?
                .into_iter()
                .filter(|v| v.walk_in)
                .collect();
            for v in &around.volunteers {
                let range = IdbKeyRange::only(&JsValue::from_str(&v.meta.id.to_string()))
                    .map_err(|e| bulk::failure(&tx, e))?;
                let text = bulk::read_index_json(
                    &tx,
                    RecordKind::Assignment.plural(),
                    IndexName::AssignmentsByVolunteer.name(),
                    &range,
                )
                .await?;
                let assignments: Vec<crate::domain::Assignment> =
                    serde_json::from_str(&text).map_err(unreadable)?;
                for a in &assignments {
                    if let Some(AnyRecord::Shift(s)) =
                        get_record(&tx, RecordKind::Shift, a.shift_id).await?
                    {
                        around.shifts.push(s);
                    }
                }
                around.assignments.extend(assignments);
            }
        }
        let writes = expire_contacts(&around, months, at);
        let count = writes.len();
        let mut writing = Writes::begin(&tx)?;
        writing
            .queue(writes.into_iter().map(|r| (r, false)).collect())
            .await?;
        writing.done().await?;
        tx.object_store(META_STORE)?
            .put(today)
            .with_key(KEY_EXPIRY_DAY.to_string())
            .serde()?;
        bulk::commit(tx).await?;
        Ok(Some(count))
    }
}

/// The bookings that started before the first day any could have
/// expired by `at` (a booking ends after it starts).
async fn bookings_started_before(
    tx: &Transaction<'_>,
    at: &Moment,
    months: u16,
) -> StoreResult<Vec<Booking>> {
    // Months are not all as long: a few days more than the months back
    // reads every booking that could be due; the domain decides which are.
    let Ok(cutoff) = at
        .local
        .date()
        .checked_sub(jiff::Span::new().months(i64::from(months)))
        .and_then(|d| d.checked_add(jiff::Span::new().days(4)))
    else {
        return Ok(Vec::new());
    };
    let bound = serde_json::to_value(crate::domain::LocalDateTime::new(
        cutoff.tomorrow().unwrap_or(cutoff),
        crate::domain::ClockTime::MIDNIGHT,
    ))
    .map_err(unreadable)?;
    let bound = JsValue::from_str(bound.as_str().unwrap_or_default());
    let range =
        IdbKeyRange::upper_bound_with_open(&bound, true).map_err(|e| bulk::failure(tx, e))?;
    let text = bulk::read_index_json(
        tx,
        RecordKind::Booking.plural(),
        IndexName::BookingsByStart.name(),
        &range,
    )
    .await?;
    serde_json::from_str(&text).map_err(unreadable)
}
