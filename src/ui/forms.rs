//! What the record forms share: inputs bound to a draft, reading a draft
//! into checked fields, and saving a record before moving on.

use super::state::AppState;
use crate::domain::Record;
use crate::store::StoreErrorKind;
use leptos::prelude::*;

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
                aria-invalid=move || problem().is_some().to_string() />
        </label>
        {move || problem().map(|p| view! { <p class="field-error" role="alert" data-field=name>{p}</p> })}
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
            None
        }
    }
}

/// Saves one record, tells every page, then goes to `then(id)`; a failure
/// is put on show instead.
pub fn save_then_go<R: Record + 'static>(
    state: AppState,
    record: R,
    failure: RwSignal<Option<StoreErrorKind>>,
    go: impl FnOnce(uuid::Uuid) + 'static,
) {
    leptos::task::spawn_local(async move {
        let id = record.meta().id;
        match state.store().put(record).await {
            Ok(()) => {
                state.changed();
                go(id);
            }
            Err(e) => failure.set(Some(e.kind)),
        }
    });
}
