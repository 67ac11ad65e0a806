//! Start-up and the route table.

use super::components::{ErrorPanel, Header, TabBar};
use super::i18n::*;
use super::locale;
use super::pages::FirstRunPage;
use super::screens::ScreenRoutes;
use super::state::AppState;
use crate::domain::{IdSource, RandomIds};
use crate::store::{schema, Store, StoreError};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::Router;

/// Entry point of the browser build: opens the store, then shows the app.
pub fn start() {
    console_error_panic_hook::set_once();
    super::marks::mark("linli-boot-wasm");
    // The reactive executor starts with the first mount, so the opening
    // itself runs on the plain wasm-bindgen executor.
    wasm_bindgen_futures::spawn_local(async {
        let opened = open_state().await;
        super::marks::mark("linli-boot-state");
        remove_boot_placeholder();
        match opened {
            Ok(state) => leptos::mount::mount_to_body(move || {
                provide_context(state);
                super::tabs::listen(move || state.heard_from_other_tab());
                state.follow_holidays();
                super::upkeep::expire_contacts_daily(state);
                view! { <App /> }
            }),
            Err(err) => {
                leptos::logging::error!("opening the store failed: {err}");
                leptos::mount::mount_to_body(move || view! { <StartupError err=err.clone() /> })
            }
        }
    });
}

/// index.html shows a mark while the wasm loads; the app replaces it.
fn remove_boot_placeholder() {
    if let Ok(Some(el)) = document().query_selector(".boot") {
        el.remove();
    }
}

async fn open_state() -> Result<AppState, StoreError> {
    let store = Store::open(schema::DB_NAME).await?;
    super::marks::mark("linli-boot-store");
    let device = store.device_id(|| RandomIds.next_id().to_string()).await?;
    let settings = store.settings().await?;
    // A phone that already holds records (restored, or from an earlier
    // version) never sees the first-run screen.
    let onboarding = !settings.onboarded && !store.holds_records().await?;
    let connection = store.connection().await?;
    Ok(AppState::new(
        store, device, settings, onboarding, connection,
    ))
}

#[component]
fn StartupError(err: StoreError) -> impl IntoView {
    view! {
        <I18nSubContextProvider initial_locale=Signal::stored(locale::chosen())>
            <DocumentLanguage />
            <main class="page">
                <ErrorPanel kind=err.kind />
            </main>
        </I18nSubContextProvider>
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    super::pwa::provide();
    let state = super::state::use_app();
    super::sync::SyncState::provide(state);
    super::elder::ElderMode::provide();
    super::qr::Handover::provide();
    view! {
        <I18nSubContextProvider initial_locale=Signal::stored(locale::chosen())>
            <DocumentLanguage />
            <AppTitle />
            <Router>
                <Header />
                <super::pwa::UpdateBanner />
                <Show
                    when=move || !state.onboarding.get()
                    fallback=|| view! { <FirstRunPage /> }
                >
                    <main id="main" class="page" tabindex="-1">
                        <ScreenRoutes />
                    </main>
                    <TabBar />
                </Show>
            </Router>
        </I18nSubContextProvider>
    }
}

/// Keeps `<html lang>` on the interface language (screen readers, fonts)
/// and `<html class>` on elder mode (the stylesheet's `html.elder`).
#[component]
fn DocumentLanguage() -> impl IntoView {
    let i18n = use_i18n();
    let elder = super::elder::use_elder();
    view! {
        <Html
            attr:lang=move || i18n.get_locale().as_str()
            attr:class=move || if elder.is_on() { "elder" } else { "" }
        />
    }
}

#[component]
fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title text=move || format!("{} · Linli", t_string!(i18n, app.name)) /> }
}
