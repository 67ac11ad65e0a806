//! The record of a person erased (删除个人信息): which fields of which
//! records were blanked. It goes with sync and with files like any record;
//! what it does to other records is `domain::erase`.

use super::checks::{ProblemReason, Reference};
use super::kind::RecordKind;
use super::meta::Meta;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One person erased: which fields of which records were blanked. It
/// holds ids and field names only, nothing about the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Erasure {
    #[serde(flatten)]
    pub meta: Meta,
    pub records: Vec<ErasedRecord>,
}

/// The fields of one record that held the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ErasedRecord {
    pub kind: RecordKind,
    pub id: Uuid,
    /// Dotted paths in the record (`organiser.phone`).
    pub fields: Vec<String>,
}

impl Erasure {
    /// Nothing typed freely (see `Record::texts`).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }

    super::personal::no_personal_fields!();

    /// Points at nothing: the records it names may be on no phone yet.
    pub fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// Nothing to judge on its own (see `Record::problems`).
    pub fn problems(&self) -> Vec<(&'static str, ProblemReason)> {
        Vec::new()
    }
}
