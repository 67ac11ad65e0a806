//! 长辈模式 (elder mode): larger text, larger touch targets, stronger
//! contrast and a simpler Today, for older residents (MIIT's 适老化 rules).
//!
//! Like the language, the choice belongs to the phone, not the community:
//! it is kept in localStorage and never exported or synced. The look is
//! the stylesheet's (`html.elder`); screens that change what they show
//! (Today) read the mode from context.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const STORAGE_KEY: &str = "linli.elder";

/// Whether elder mode is on, shared by every screen.
#[derive(Clone, Copy)]
pub struct ElderMode(pub RwSignal<bool>);

impl ElderMode {
    /// Starts from this phone's remembered choice (off when none).
    pub fn provide() -> Self {
        let on = LocalStorage::get::<bool>(STORAGE_KEY).unwrap_or(false);
        let mode = ElderMode(RwSignal::new(on));
        provide_context(mode);
        mode
    }

    pub fn is_on(self) -> bool {
        self.0.get()
    }

    /// Turns the mode on or off and remembers it on this phone.
    pub fn toggle(self) {
        let on = !self.0.get_untracked();
        self.0.set(on);
        // Private modes may refuse; the choice then lasts for this visit.
        let _ = LocalStorage::set(STORAGE_KEY, on);
    }
}

/// The mode from context; off where none was provided (the start-up error).
pub fn use_elder() -> ElderMode {
    use_context::<ElderMode>().unwrap_or_else(|| ElderMode(RwSignal::new(false)))
}
