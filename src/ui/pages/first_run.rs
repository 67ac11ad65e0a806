//! First run: load the demo community or start empty.

use crate::domain::demo::demo_community;
use crate::domain::{IdSource, Settings};
use crate::store::{Batch, BrowserIds, StoreErrorKind};
use crate::ui::components::ErrorPanel;
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;

/// Writes the demo community and marks onboarding done, in one transaction.
pub async fn load_demo(state: AppState) -> Result<(), StoreErrorKind> {
    let settings = Settings {
        onboarded: true,
        ..state.settings.get_untracked()
    };
    let seed = BrowserIds.next_id().as_u64_pair().0;
    let device = state.device.get_value();
    let community = demo_community(Timestamp::now(), settings.zone, &device, seed);
    let mut batch = Batch {
        settings: Some(settings.clone()),
        ..Batch::default()
    };
    for record in community.into_records() {
        batch.ops.push(crate::store::BatchOp::Insert(record));
    }
    state.store().write(batch).await.map_err(|e| e.kind)?;
    state.settings.set(settings);
    state.changed();
    Ok(())
}

#[component]
pub fn FirstRunPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<StoreErrorKind>);

    let demo = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match load_demo(state).await {
                Ok(()) => state.onboarding.set(false),
                Err(kind) => error.set(Some(kind)),
            }
            busy.set(false);
        });
    };
    let empty = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let settings = Settings {
                onboarded: true,
                ..state.settings.get_untracked()
            };
            match state.store().save_settings(&settings).await {
                Ok(()) => {
                    state.settings.set(settings);
                    state.onboarding.set(false);
                }
                Err(e) => error.set(Some(e.kind)),
            }
            busy.set(false);
        });
    };

    view! {
        <main id="main" class="page first-run" tabindex="-1">
            <h1>{t!(i18n, first_run.title)}</h1>
            <p class="lead">{t!(i18n, first_run.intro)}</p>
            {move || error.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
            <div class="choice-list">
                <button
                    type="button"
                    class="choice primary"
                    data-testid="load-demo"
                    disabled=move || busy.get()
                    on:click=demo
                >
                    <strong>{t!(i18n, first_run.load_demo)}</strong>
                    <span>{t!(i18n, first_run.load_demo_hint)}</span>
                </button>
                <button
                    type="button"
                    class="choice"
                    data-testid="start-empty"
                    disabled=move || busy.get()
                    on:click=empty
                >
                    <strong>{t!(i18n, first_run.start_empty)}</strong>
                    <span>{t!(i18n, first_run.start_empty_hint)}</span>
                </button>
            </div>
            <Show when=move || busy.get()>
                <p class="loading" aria-live="polite">{t!(i18n, first_run.loading_demo)}</p>
            </Show>
        </main>
    }
}
