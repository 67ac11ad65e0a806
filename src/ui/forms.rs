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

/// How an input takes its value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Digits typed as text: the phone shows its number pad, the browser
    /// no spinner.
    Digits,
    /// A whole number of at least one (`type=number`).
    Count,
    Tel,
    Date,
    /// A time of day, offered in steps of this many minutes when given.
    Time(Option<u16>),
}

impl Input {
    fn html_type(self) -> &'static str {
        match self {
            Input::Text | Input::Digits => "text",
            Input::Count => "number",
            Input::Tel => "tel",
            Input::Date => "date",
            Input::Time(_) => "time",
        }
    }

    fn inputmode(self) -> &'static str {
        match self {
            Input::Digits | Input::Count => "numeric",
            Input::Tel => "tel",
            _ => "text",
        }
    }
}

/// One input bound to one field of a form's draft: every form's fields
/// are made by this, so they type, read back and say their problem alike.
pub struct Bound<D: 'static> {
    pub draft: RwSignal<D>,
    pub name: &'static str,
    pub input: Input,
    pub get: fn(&D) -> String,
    pub set: fn(&mut D, String),
}

impl<D: Send + Sync + 'static> Bound<D> {
    pub fn new(
        draft: RwSignal<D>,
        name: &'static str,
        input: Input,
        get: fn(&D) -> String,
        set: fn(&mut D, String),
    ) -> Self {
        Bound {
            draft,
            name,
            input,
            get,
            set,
        }
    }

    /// The input alone, for a label the caller writes; `changed` runs
    /// after each change is taken.
    pub fn input(
        self,
        problem: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
        changed: impl Fn() + Send + Sync + 'static,
    ) -> impl IntoView {
        let Bound {
            draft,
            name,
            input,
            get,
            set,
        } = self;
        let step = match input {
            Input::Time(Some(minutes)) => Some((u32::from(minutes) * 60).to_string()),
            _ => None,
        };
        view! {
            <input type=input.html_type() name=name inputmode=input.inputmode() step=step
                min=(input == Input::Count).then_some("1")
                prop:value=move || draft.with(get)
                on:input=move |ev| { draft.update(|d| set(d, event_target_value(&ev))); changed(); }
                aria-invalid=move || problem().is_some().to_string()
                aria-describedby=move || problem().map(|_| format!("{name}-error")) />
        }
    }

    /// The input with its label, and its problem (if any) said right under it.
    pub fn field(
        self,
        label: impl Fn() -> String + Send + Sync + 'static,
        problem: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    ) -> impl IntoView {
        let name = self.name;
        view! {
            <label class="field">
                <span>{label}</span>
                {self.input(problem, || {})}
            </label>
            {move || problem().map(|p| view! { <p class="field-error" role="alert" id=format!("{name}-error") data-field=name>{p}</p> })}
        }
    }
}

/// A labelled input bound to one field of a form's draft (`kind`: "text",
/// "number" for digits, "tel", "date" or "time").
pub fn draft_input<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    label: impl Fn() -> String + Send + Sync + 'static,
    name: &'static str,
    kind: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    problem: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let input = match kind {
        "number" => Input::Digits,
        "date" => Input::Date,
        "time" => Input::Time(None),
        "tel" => Input::Tel,
        _ => Input::Text,
    };
    Bound::new(draft, name, input, get, set).field(label, problem)
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
