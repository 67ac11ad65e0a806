//! What the record forms share: inputs bound to a draft, reading a draft
//! into checked fields with each problem put on show by its field.

use super::format::{self, I18n};
use super::save::{save, Save};
use crate::domain::roster_form::{RosterField, RosterProblem};
use crate::domain::Record;
use crate::store::StoreError;
use leptos::prelude::*;
use uuid::Uuid;

/// A form's save: the record is written, then `go` takes its id (to the
/// record's screen).
pub fn save_record<R: Record>(go: impl Fn(Uuid) + 'static) -> Save<R, StoreError> {
    save(
        |state, record: R| async move {
            let id = record.id();
            state.store().put(record).await.map(|()| id)
        },
        go,
    )
}

/// The problems of a roster form (activity, shift, duty template).
pub type Problems = RwSignal<Vec<(RosterField, RosterProblem)>>;

/// The translated problem of `field`, for `draft_input`.
pub fn problem_of(
    i18n: I18n,
    problems: Problems,
    field: RosterField,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        problems.with(|ps| {
            ps.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, p)| format::roster_problem(i18n, *p))
        })
    }
}

/// A labelled input bound to one field of a form's draft, with the field's
/// problem (if any) said right under it.
pub fn draft_input<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    label: impl Fn() -> String + Send + Sync + 'static,
    name: &'static str,
    kind: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    problem: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let inputmode = if kind == "number" { "numeric" } else { "text" };
    let kind = if kind == "number" { "text" } else { kind };
    view! {
        <label class="field">
            <span>{label}</span>
            <input type=kind name=name inputmode=inputmode
                prop:value=move || draft.with(get)
                on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                aria-invalid=move || problem().is_some().to_string()
                aria-describedby=move || problem().map(|_| format!("{name}-error")) />
        </label>
        {move || problem().map(|p| view! { <p class="field-error" role="alert" id=format!("{name}-error") data-field=name>{p}</p> })}
    }
}

/// The checked fields, or `None` after putting every problem on show.
pub fn read_or_flag<T, P: Send + Sync + 'static>(
    read: Result<T, Vec<P>>,
    problems: RwSignal<Vec<P>>,
) -> Option<T> {
    match read {
        Ok(fields) => {
            problems.set(Vec::new());
            Some(fields)
        }
        Err(found) => {
            problems.set(found);
            super::save::show_first_problem();
            None
        }
    }
}
