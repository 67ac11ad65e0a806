//! Store errors as values the UI can explain to a resident.

use indexed_db_futures::error::{DomException, Error, OpenDbError};
use std::fmt;

/// What went wrong, in terms a person can act on. The UI turns each kind
/// into a translated message; `detail` is for the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreErrorKind {
    /// The browser offers no IndexedDB (some private modes).
    Unsupported,
    /// The saved data was written by a newer version of the app.
    TooNew,
    /// Another tab keeps an older version of the database open.
    Blocked,
    /// A newer version of the app, in another tab, upgraded the database:
    /// this page must reload.
    Superseded,
    /// The phone's storage is full.
    QuotaExceeded,
    /// A record with that id already exists.
    Duplicate,
    /// The phone changed after an import's preview in a way the preview
    /// did not settle (a clashing booking made in another tab).
    Changed,
    /// Stored data could not be read back.
    Unreadable,
    /// Anything else the browser refused.
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    pub kind: StoreErrorKind,
    pub detail: String,
}

impl StoreError {
    pub fn new(kind: StoreErrorKind, detail: impl Into<String>) -> Self {
        StoreError {
            kind,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.detail)
    }
}

impl std::error::Error for StoreError {}

fn dom_kind(e: &DomException) -> StoreErrorKind {
    match e {
        DomException::ConstraintError(_) => StoreErrorKind::Duplicate,
        DomException::DataCloneError(_) => StoreErrorKind::Unreadable,
        DomException::Other(ex) => match ex.name().as_str() {
            "QuotaExceededError" => StoreErrorKind::QuotaExceeded,
            "VersionError" => StoreErrorKind::TooNew,
            _ => StoreErrorKind::Failed,
        },
        _ => StoreErrorKind::Failed,
    }
}

impl From<Error> for StoreError {
    fn from(e: Error) -> Self {
        let kind = match &e {
            Error::DomException(d) => dom_kind(d),
            Error::Serialisation(_) => StoreErrorKind::Unreadable,
            _ => StoreErrorKind::Failed,
        };
        StoreError::new(kind, e.to_string())
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> Self {
        match e {
            OpenDbError::Base(inner) => inner.into(),
            OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => {
                StoreError::new(StoreErrorKind::Unsupported, e.to_string())
            }
            other => StoreError::new(StoreErrorKind::Failed, other.to_string()),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<StoreErrorKind> for StoreError {
    fn from(kind: StoreErrorKind) -> Self {
        StoreError::new(kind, format!("{kind:?}"))
    }
}
