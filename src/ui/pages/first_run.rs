//! First run: load the demo community or start empty.

use crate::domain::Settings;
use crate::store::StoreError;
use crate::ui::components::Failure;
use crate::ui::demo::load_demo;
use crate::ui::i18n::*;
use crate::ui::save::{act, save, Save};
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn FirstRunPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let demo: Save<(), StoreError> = save(
        |state, ()| load_demo(state),
        move |()| state.onboarding.set(false),
    );
    let empty: Save<(), StoreError> = act(
        |state, ()| async move {
            let settings = Settings {
                onboarded: true,
                ..state.settings.get_untracked()
            };
            state.store().save_settings(&settings).await?;
            state.settings.set(settings);
            Ok(())
        },
        move |()| state.onboarding.set(false),
    );
    let busy = move || demo.busy() || empty.busy();

    view! {
        <main id="main" class="page first-run" tabindex="-1">
            <h1>{t!(i18n, first_run.title)}</h1>
            <p class="lead">{t!(i18n, first_run.intro)}</p>
            <Failure kind=demo.store_failure() />
            <Failure kind=empty.store_failure() />
            <div class="choice-list">
                // Never on a phone connected to a community (see load_demo).
                <Show when=move || state.connection.with(Option::is_none)>
                    <button
                        type="button"
                        class="choice primary"
                        data-testid="load-demo"
                        disabled=busy
                        on:click=move |_| demo.run(())
                    >
                        <strong>{t!(i18n, first_run.load_demo)}</strong>
                        <span>{t!(i18n, first_run.load_demo_hint)}</span>
                    </button>
                </Show>
                <button
                    type="button"
                    class="choice"
                    data-testid="start-empty"
                    disabled=busy
                    on:click=move |_| empty.run(())
                >
                    <strong>{t!(i18n, first_run.start_empty)}</strong>
                    <span>{t!(i18n, first_run.start_empty_hint)}</span>
                </button>
            </div>
            <Show when=busy>
                <p class="loading" aria-live="polite">{t!(i18n, first_run.loading_demo)}</p>
            </Show>
        </main>
    }
}
