//! An import as a named sequence, the same on every screen that takes a
//! file (chosen, or shared to the app):
//!
//! 1. **read** the text into a document (or say why it is not one);
//! 2. **check** every record against the file and this phone;
//! 3. **compare** with this phone: what is new, changed, deleted, and the
//!    clashes the merge would make;
//! 4. **settle** the clashes with the person's choices, round after round
//!    until none is left;
//! 5. **write** the resulting records in one transaction (the store's job).
//!
//! Steps 1–4 are plain Rust, so the whole sequence is tested natively; the
//! screen only reads the phone's records, lets the page paint between
//! steps, and writes at the end.

use super::format::{read_document, ExchangeDocument, ReadError};
use super::merge::{plan_import, settle, ImportPlan, Resolution, Settler};
use super::validate::{validate, ImportProblem};
use crate::domain::{AnyRecord, Community};
use std::collections::HashMap;
use uuid::Uuid;

/// Step 1: the file's text as a document.
pub fn read(text: &str) -> Result<ExchangeDocument, ReadError> {
    read_document(text)
}

/// Step 2: every problem of the file, judged with what this phone holds.
/// Nothing may be written while there is one.
pub fn check(document: &ExchangeDocument, local: &Community) -> Result<(), Vec<ImportProblem>> {
    let problems = validate(&document.records, local);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// A checked file compared with this phone: the preview the person sees.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub document: ExchangeDocument,
    pub plan: ImportPlan,
    /// Names of the volunteers on either side, for the clashes' wording.
    pub names: HashMap<Uuid, String>,
    /// Set when earlier choices left the clashes now shown.
    pub asked_again: bool,
}

/// Step 3: what importing the checked `document` would do to `local`.
pub fn compare(document: ExchangeDocument, local: &Community) -> Comparison {
    let plan = plan_import(local, &document.records);
    let names = local
        .volunteers
        .iter()
        .chain(document.records.volunteers.iter())
        .map(|v| (v.meta.id, v.name.clone()))
        .collect();
    Comparison {
        document,
        plan,
        names,
        asked_again: false,
    }
}

impl Comparison {
    /// The choices to offer first: "keep mine" for every clash.
    pub fn first_choices(&self) -> Vec<Resolution> {
        vec![Resolution::KeepMine; self.plan.conflicts.len()]
    }

    /// Step 4: settles the clashes with `choices`. Gives the records to
    /// write, all or none, once nothing is left to ask; otherwise this
    /// comparison now asks again about what is left.
    pub fn settle(
        &mut self,
        local: &Community,
        choices: &[Resolution],
        who: Settler,
    ) -> Option<Vec<AnyRecord>> {
        let settled = settle(local, &self.plan, choices, who);
        if settled.conflicts.is_empty() {
            return Some(settled.writes);
        }
        self.plan = settled;
        self.asked_again = true;
        None
    }
}

/// Why an import stopped before its preview.
#[derive(Clone, Debug, PartialEq)]
pub enum Stopped {
    Refused(ReadError),
    Invalid(Vec<ImportProblem>),
}

/// Steps 1–3 at once, for a caller with nothing to paint in between.
pub fn prepare(text: &str, local: &Community) -> Result<Comparison, Stopped> {
    let document = read(text).map_err(Stopped::Refused)?;
    check(&document, local).map_err(Stopped::Invalid)?;
    Ok(compare(document, local))
}
