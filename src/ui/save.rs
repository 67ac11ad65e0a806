//! The one way a screen writes. A [`Save`] wraps a store write in a Leptos
//! action: while it runs the screen shows it is busy; when it lands, every
//! page (and every other tab) reads again and `then` goes on — to the saved
//! record, say; when it fails, the failure is kept for the screen to show,
//! translated, until the next try.

use super::state::{use_app, AppState};
use crate::store::{SaveAssignmentError, SaveBookingError, StoreError, StoreErrorKind};
use leptos::prelude::*;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// One run of a write, ready to go. Every `Save` runs its writes through
/// an action of this one type: the action's machinery is compiled once,
/// not once per kind of write (which measurably grew the download).
type Job = Rc<RefCell<Option<Pin<Box<dyn Future<Output = ()>>>>>>;

/// A write a screen can run again and again.
pub struct Save<I: 'static, E: 'static> {
    action: Action<Job, ()>,
    start: StoredValue<Rc<dyn Fn(I) -> Job>, LocalStorage>,
    failure: RwSignal<Option<E>, LocalStorage>,
}

impl<I, E> Clone for Save<I, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, E> Copy for Save<I, E> {}

impl<I: 'static, E: Clone + 'static> Save<I, E> {
    /// Starts the write with `input`.
    pub fn run(&self, input: I) {
        self.failure.set(None);
        let job = self.start.with_value(|start| start(input));
        self.action.dispatch_local(job);
    }

    /// True while the write runs.
    pub fn busy(&self) -> bool {
        self.action.pending().get()
    }

    /// Why the last write did not land, if it did not.
    pub fn failure(&self) -> Option<E> {
        self.failure.get()
    }

    /// Forgets the last failure: the person changed what was refused.
    pub fn forget(&self) {
        self.failure.set(None);
    }
}

impl<I: 'static, E: Clone + Shown + 'static> Save<I, E> {
    /// The storage failure to explain, if the last write had one.
    pub fn store_failure(&self) -> Signal<Option<StoreErrorKind>> {
        let failure = self.failure;
        Signal::derive(move || failure.with(|f| f.as_ref().and_then(Shown::store_kind)))
    }
}

/// What a screen shows of a failed write: the storage failure, when it was
/// one (a rule that said no is shown by the screen that knows the rule).
pub trait Shown {
    fn store_kind(&self) -> Option<StoreErrorKind>;
}

impl Shown for StoreError {
    fn store_kind(&self) -> Option<StoreErrorKind> {
        Some(self.kind)
    }
}

impl Shown for StoreErrorKind {
    fn store_kind(&self) -> Option<StoreErrorKind> {
        Some(*self)
    }
}

impl Shown for SaveBookingError {
    fn store_kind(&self) -> Option<StoreErrorKind> {
        match self {
            SaveBookingError::Refused { .. } => None,
            SaveBookingError::Store(e) => Some(e.kind),
            SaveBookingError::NoSuchSpace { .. } => Some(StoreErrorKind::Failed),
        }
    }
}

impl Shown for SaveAssignmentError {
    fn store_kind(&self) -> Option<StoreErrorKind> {
        self.refusals().is_none().then(|| self.kind())
    }
}

/// Whether a write changes community data (and so what the backup
/// reminder counts), or only this phone's settings and marks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writes {
    Records,
    ThisPhone,
}

/// A write of community data: `write` runs with the input; when it lands
/// every page and tab reads again, and `then` gets what it returned.
pub fn save<I, T, E, Fut>(
    write: impl Fn(AppState, I) -> Fut + 'static,
    then: impl Fn(T) + 'static,
) -> Save<I, E>
where
    I: 'static,
    T: 'static,
    E: Clone + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    make(write, then, Writes::Records)
}

/// A task that changes no community data: a write of this phone's own
/// settings or marks (which tells the pages itself), or a file handed out.
pub fn act<I, T, E, Fut>(
    write: impl Fn(AppState, I) -> Fut + 'static,
    then: impl Fn(T) + 'static,
) -> Save<I, E>
where
    I: 'static,
    T: 'static,
    E: Clone + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    make(write, then, Writes::ThisPhone)
}

fn make<I, T, E, Fut>(
    write: impl Fn(AppState, I) -> Fut + 'static,
    then: impl Fn(T) + 'static,
    writes: Writes,
) -> Save<I, E>
where
    I: 'static,
    T: 'static,
    E: Clone + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    let state = use_app();
    let failure = RwSignal::new_local(None);
    let then = Rc::new(then);
    let start: Rc<dyn Fn(I) -> Job> = Rc::new(move |input: I| {
        let written = write(state, input);
        let then = then.clone();
        let job: Pin<Box<dyn Future<Output = ()>>> = Box::pin(async move {
            match written.await {
                Ok(done) => {
                    if writes == Writes::Records {
                        state.changed();
                    }
                    then(done);
                }
                Err(e) => {
                    failure.set(Some(e));
                    show_first_problem();
                }
            }
        });
        Rc::new(RefCell::new(Some(job)))
    });
    Save {
        action: runner(),
        start: StoredValue::new_local(start),
        failure,
    }
}

/// The action every `Save` runs its jobs with.
fn runner() -> Action<Job, ()> {
    Action::new_local(|job: &Job| {
        let run = job.borrow_mut().take();
        async move {
            if let Some(run) = run {
                run.await;
            }
        }
    })
}

/// After a refused save, once the screen shows why: focus the first field
/// marked wrong (or, where no field is, the first message) and bring it to
/// the middle of the screen, clear of the sticky top bar. Without this a
/// refusal out of view looks like nothing happened. The message itself has
/// `role="alert"`; a field points at its message with `aria-describedby`.
pub fn show_first_problem() {
    // The messages are drawn after this save's signals settle: look next frame.
    request_animation_frame(|| {
        let main = || document().query_selector("main");
        let Ok(Some(main)) = main() else {
            return;
        };
        let found = main
            .query_selector("[aria-invalid='true']")
            .ok()
            .flatten()
            .or_else(|| {
                main.query_selector(".refusal, .field-error, [role='alert']")
                    .ok()
                    .flatten()
            });
        let Some(el) = found else {
            return;
        };
        // Raw web-sys: neither Leptos nor gloo focuses or scrolls an element.
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            if el.tab_index() < 0
                && !el
                    .matches("input, select, textarea, button")
                    .unwrap_or(false)
            {
                // A message can take the focus, and stays out of the
                // tab order (tabindex -1).
                el.set_tab_index(-1);
            }
            let _ = el.focus();
        }
    });
}
