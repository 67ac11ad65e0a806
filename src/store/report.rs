//! The monthly report's reads: a month's bookings and shifts by their
//! start index and the people on those shifts by the shift index — never
//! the whole database — all asked for at once in one read-only
//! transaction, for as many months as are wanted at once.

use super::bulk;
use super::error::{StoreError, StoreErrorKind, StoreResult};
use super::open::Store;
use super::schema::IndexName;
use crate::domain::report::{Directory, Month, MonthRecords};
use crate::domain::{Activity, Assignment, Booking, Record, Shift, Space, Volunteer};
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use web_sys::{IdbKeyRange, IdbRequest};

fn unreadable(e: serde_json::Error) -> StoreError {
    StoreError::new(StoreErrorKind::Unreadable, e.to_string())
}

/// The records of an answered request, tombstones dropped.
async fn records<R: Record + DeserializeOwned>(
    tx: &Transaction<'_>,
    request: &IdbRequest,
) -> StoreResult<Vec<R>> {
    let text = bulk::answer_json(tx, request).await?.unwrap_or_default();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<R> = serde_json::from_str(&text).map_err(unreadable)?;
    rows.retain(|r| !r.meta().deleted);
    Ok(rows)
}

/// What the report needs of a record, every field it must have included;
/// the others (descriptions, phones, notes) stay in the browser and
/// take their defaults. Keys name properties at any depth (`place`'s too).
const META_KEYS: [&str; 5] = ["id", "created_at", "updated_at", "device_id", "deleted"];
const VOLUNTEER_KEYS: &[&str] = &["name", "teams", "active", "joined_on"];
const ACTIVITY_KEYS: &[&str] = &[
    "title",
    "kind",
    "place",
    "type",
    "space_id",
    "booking_id",
    "text",
    "starts_on",
    "ends_on",
    "team",
];

/// Live records of an answered request, read with only `keys` (and the
/// meta fields).
async fn slim<R: Record + DeserializeOwned>(
    tx: &Transaction<'_>,
    request: &IdbRequest,
    keys: &[&str],
) -> StoreResult<Vec<R>> {
    let keys: Vec<&str> = META_KEYS.iter().chain(keys).copied().collect();
    let text = bulk::answer_json_keeping(tx, request, &keys).await?;
    let mut rows: Vec<R> = serde_json::from_str(&text).map_err(unreadable)?;
    rows.retain(|r| !r.meta().deleted);
    Ok(rows)
}

fn key_error(e: JsValue) -> StoreError {
    StoreError::from(indexed_db_futures::error::Error::from(e))
}

/// `[from, to)` over the start index of a kind.
fn ask_started_in(tx: &Transaction<'_>, index: IndexName, month: Month) -> StoreResult<IdbRequest> {
    let (from, to) = month.span();
    let range = IdbKeyRange::bound_with_lower_open_and_upper_open(
        &JsValue::from_str(&from.to_string()),
        &JsValue::from_str(&to.to_string()),
        false,
        true,
    )
    .map_err(key_error)?;
    bulk::ask_index(tx, index.kind().plural(), index.name(), &range)
}

impl Store {
    /// Spaces, activities and volunteers (live ones): what a month's
    /// records are looked up in. Read once per visit of the report.
    pub async fn report_directory(&self) -> StoreResult<Directory> {
        let names = [Space::KIND, Activity::KIND, Volunteer::KIND].map(|k| k.plural());
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        let asked = names
            .iter()
            .map(|name| bulk::ask_all(&tx, name))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Directory {
            spaces: records(&tx, &asked[0]).await?,
            activities: slim(&tx, &asked[1], ACTIVITY_KEYS).await?,
            volunteers: slim(&tx, &asked[2], VOLUNTEER_KEYS).await?,
        })
    }

    /// For each of `months`: the bookings and shifts that start in it, and
    /// the assignments of those shifts. Every read of every month is asked
    /// for before the first answer is awaited, in one transaction.
    pub async fn month_records(&self, months: &[Month]) -> StoreResult<Vec<MonthRecords>> {
        let names = [Booking::KIND, Shift::KIND, Assignment::KIND].map(|k| k.plural());
        let tx = self.tx(&names, TransactionMode::Readonly).await?;
        let mut asked = Vec::with_capacity(months.len());
        for month in months {
            asked.push((
                ask_started_in(&tx, IndexName::BookingsByStart, *month)?,
                ask_started_in(&tx, IndexName::ShiftsByStart, *month)?,
            ));
        }
        let index = IndexName::AssignmentsByShift;
        let mut shifts_of = Vec::with_capacity(months.len());
        for (_, shifts) in &asked {
            let shifts: Vec<Shift> = records(&tx, shifts).await?;
            let mut people = Vec::with_capacity(shifts.len());
            for shift in &shifts {
                let only = IdbKeyRange::only(&JsValue::from_str(&shift.meta.id.to_string()))
                    .map_err(key_error)?;
                people.push(bulk::ask_index(
                    &tx,
                    index.kind().plural(),
                    index.name(),
                    &only,
                )?);
            }
            shifts_of.push((shifts, people));
        }
        let mut out = Vec::with_capacity(months.len());
        for ((month, (bookings, _)), (shifts, people)) in months.iter().zip(&asked).zip(shifts_of) {
            let text = bulk::answers_json(&tx, &people).await?;
            let mut assignments: Vec<Assignment> =
                serde_json::from_str(&text).map_err(unreadable)?;
            assignments.retain(|a| !a.meta.deleted);
            out.push(MonthRecords {
                month: Some(*month),
                bookings: records(&tx, bookings).await?,
                shifts,
                assignments,
            });
        }
        Ok(out)
    }
}
