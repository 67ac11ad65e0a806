//! Fault injection for the store's own tests (feature `fault-injection`,
//! never in the app): make the next batch write fail part-way, the way a
//! full disk or a killed tab would, to check that nothing is left behind.

use super::error::{StoreError, StoreErrorKind};
use std::cell::Cell;

thread_local! {
    static NEXT_WRITE_FAILS: Cell<Option<(usize, StoreErrorKind)>> = const { Cell::new(None) };
}

/// The next batch write aborts its transaction after queueing `after`
/// records and reports `kind`.
pub fn fail_next_write(after: usize, kind: StoreErrorKind) {
    NEXT_WRITE_FAILS.with(|f| f.set(Some((after, kind))));
}

/// Called by the write after queueing `queued` records: the failure to
/// report, once, if one is armed for this point.
pub(super) fn failure_at(queued: usize) -> Option<StoreError> {
    NEXT_WRITE_FAILS.with(|f| match f.get() {
        Some((after, kind)) if after == queued => {
            f.set(None);
            Some(StoreError::new(
                kind,
                format!("injected after {queued} writes"),
            ))
        }
        _ => None,
    })
}
