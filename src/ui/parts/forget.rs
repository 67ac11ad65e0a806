//! Deleting the community from this phone (a phone handed to someone
//! else, or a fresh start): every record, setting, the server's sign-in,
//! the browser's saved preferences and the app's caches — after a
//! confirmation that names what goes, and always a backup file first.

use super::backup::backup_first;
use crate::domain::{RecordKind, Settings};
use crate::store::{Counts, StoreErrorKind, StoreResult};
use crate::ui::components::Failure;
use crate::ui::durable;
use crate::ui::format::exchange::kind_name;
use crate::ui::i18n::*;
use crate::ui::save::{act, Save};
use crate::ui::state::{use_app, use_store_data, AppState};
use leptos::prelude::*;

async fn counts(state: AppState) -> StoreResult<Counts> {
    state.store().counts().await
}

/// What the browser keeps for this site beside IndexedDB: preferences in
/// local and session storage, and the service worker's caches (which it
/// fills again on the next visit).
async fn forget_browser_storage() {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::clear();
    gloo_storage::SessionStorage::clear();
    // gloo has no Cache Storage API: web-sys directly.
    let Ok(caches) = web_sys::window().map(|w| w.caches()).transpose() else {
        return;
    };
    let Some(caches) = caches else { return };
    let Ok(keys) = wasm_bindgen_futures::JsFuture::from(caches.keys()).await else {
        return;
    };
    for key in js_sys::Array::from(&keys).iter() {
        if let Some(name) = key.as_string() {
            let _ = wasm_bindgen_futures::JsFuture::from(caches.delete(&name)).await;
        }
    }
}

#[component]
pub fn ForgetCommunity() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let asking = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let held = use_store_data(counts);
    // Always a backup file first; a closed share sheet stops here.
    let clear: Save<(), StoreErrorKind> = act(
        |state, ()| async move {
            if !backup_first(state).await? {
                return Ok(false);
            }
            state.store().clear_all().await.map_err(|e| e.kind)?;
            forget_browser_storage().await;
            Ok(true)
        },
        move |cleared| {
            if cleared {
                state.settings.set(Settings::default());
                state.connection.set(None);
                durable::forget_changes();
                state.refresh();
                state.onboarding.set(true);
                navigate("/", Default::default());
            }
        },
    );
    let losses = move || {
        let counts = held.get().and_then(Result::ok).unwrap_or_default();
        RecordKind::ALL
            .into_iter()
            .filter(|k| counts.get(*k) > 0)
            .map(|k| format!("{} {}", kind_name(i18n, k), counts.get(k)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let server = move || {
        state
            .connection
            .with(|c| c.as_ref().map(|c| c.community.clone()))
    };
    view! {
        <section aria-labelledby="clear">
            <h2 id="clear">{t!(i18n, data.clear_title)}</h2>
            <Failure kind=clear.store_failure() />
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="button danger" data-testid="clear-data" on:click=move |_| asking.set(true)>
                        {t!(i18n, data.clear)}
                    </button>
                }
            >
                <div class="warning" role="alertdialog" aria-labelledby="clear-confirm" data-testid="clear-confirm">
                    <p id="clear-confirm">{t!(i18n, data.clear_confirm)}</p>
                    <p data-testid="clear-losses">{losses}</p>
                    {move || server().map(|community| view! {
                        <p data-testid="clear-server">{t!(i18n, data.clear_server, community = community.clone())}</p>
                    })}
                    <div class="actions-row">
                        <button type="button" class="button danger" data-testid="clear-data-yes" on:click=move |_| clear.run(())>{t!(i18n, data.clear_yes)}</button>
                        <button type="button" class="button" data-testid="clear-data-no" on:click=move |_| asking.set(false)>{t!(i18n, exchange.cancel)}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
