//! The installed, offline app: registers the service worker (`sw.js`,
//! written per build by `scripts/precache.mjs`), notices a newer build
//! waiting and lets the user choose when to switch to it, and follows
//! whether the network is there. Nothing here waits on the network.

use super::i18n::*;
use gloo_events::EventListener;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
// No crate wraps the service worker API: web-sys, with gloo's listeners.
use web_sys::{
    RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
    ServiceWorkerUpdateViaCache,
};

thread_local! {
    /// Set when the user asked for the new build: only then does a change
    /// of worker reload the page (the first install also changes it).
    static SWITCHING: Cell<bool> = const { Cell::new(false) };
    /// The service worker listeners: they watch for as long as the page
    /// lives, so they are kept here rather than dropped (which removes them).
    static WATCHING: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `listener` for the rest of the page's life.
fn keep(listener: EventListener) {
    WATCHING.with(|w| w.borrow_mut().push(listener));
}

#[derive(Clone, Copy)]
pub struct Pwa {
    /// A newer build is installed and waits for the user's "reload".
    pub update_ready: RwSignal<bool>,
    pub online: RwSignal<bool>,
    /// A newer version in another tab upgraded the database; this page
    /// let go of it and must reload before it can save anything.
    pub superseded: RwSignal<bool>,
}

pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

/// Starts the worker and the network watch; call once, inside the app.
pub fn provide() {
    let online = window().navigator().on_line();
    let pwa = Pwa {
        update_ready: RwSignal::new(false),
        online: RwSignal::new(online),
        superseded: RwSignal::new(false),
    };
    provide_context(pwa);
    super::state::use_app()
        .store()
        .on_superseded(move || pwa.superseded.set(true));
    // These listeners live as long as the page.
    let _ = window_event_listener(leptos::ev::online, move |_| pwa.online.set(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| pwa.online.set(false));
    if let Some(container) = container() {
        register(container, pwa);
    }
}

/// The page's service worker container, where the browser has one (not
/// on plain http other than localhost).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    has.then(|| navigator.service_worker())
}

fn register(container: ServiceWorkerContainer, pwa: Pwa) {
    let options = RegistrationOptions::new();
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options("/sw.js", &options);
    keep(EventListener::new(&container, "controllerchange", |_| {
        if SWITCHING.with(Cell::get) {
            let _ = window().location().reload();
        }
    }));
    let has_controller = container.controller().is_some();
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            // No worker (a private window, an odd host): the app still runs.
            return;
        };
        // Anything else (a stub that blocks workers resolves with nothing)
        // is treated as no worker.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        // A build that finished installing on an earlier visit.
        if has_controller && registration.waiting().is_some() {
            pwa.update_ready.set(true);
        }
        watch_installs(&registration, pwa);
        // Look for a newer build now; the browser also looks on navigation.
        // With the server unreachable the look fails: awaited here, so the
        // failure is not an unhandled rejection.
        if let Ok(looking) = registration.update() {
            let _ = wasm_bindgen_futures::JsFuture::from(looking).await;
        }
    });
}

/// A worker found later becomes "update ready" once installed, unless it
/// is the first one (then there is nothing to update from).
fn watch_installs(registration: &ServiceWorkerRegistration, pwa: Pwa) {
    let reg = registration.clone();
    keep(EventListener::new(registration, "updatefound", move |_| {
        let Some(worker) = reg.installing() else {
            return;
        };
        let watched = worker.clone();
        keep(EventListener::new(&worker, "statechange", move |_| {
            let controlled = container().and_then(|c| c.controller()).is_some();
            if watched.state() == ServiceWorkerState::Installed && controlled {
                pwa.update_ready.set(true);
            }
        }));
    }));
}

/// The user chose to switch: the waiting build takes over, and the page
/// reloads into it when it does. Data is untouched: it lives in IndexedDB.
fn switch_to_new_build() {
    let Some(container) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(found) = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await
        else {
            return;
        };
        let Some(waiting) = found
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|r| r.waiting())
        else {
            return;
        };
        SWITCHING.with(|s| s.set(true));
        let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
    });
}

/// "A new version is ready — reload", until the user taps it.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let pwa = use_pwa();
    let reload = |_| {
        let _ = window().location().reload();
    };
    view! {
        <Show when=move || pwa.superseded.get()>
            <div class="update-banner must" role="alert" data-testid="reload-needed">
                <span>{t!(i18n, pwa.superseded)}</span>
                <button type="button" class="button small" data-testid="reload-superseded" on:click=reload>
                    {t!(i18n, pwa.reload)}
                </button>
            </div>
        </Show>
        <Show when=move || pwa.update_ready.get() && !pwa.superseded.get()>
            <div class="update-banner" role="status" data-testid="update-ready">
                <span>{t!(i18n, pwa.update_ready)}</span>
                <button type="button" class="button small" data-testid="reload-update" on:click=move |_| switch_to_new_build()>
                    {t!(i18n, pwa.reload)}
                </button>
            </div>
        </Show>
    }
}

/// A quiet mark in the app bar while the network is gone.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let i18n = use_i18n();
    let pwa = use_pwa();
    view! {
        <Show when=move || !pwa.online.get()>
            <span class="offline-badge" role="status" data-testid="offline" title=move || t_string!(i18n, pwa.offline_hint)>
                {t!(i18n, pwa.offline)}
            </span>
        </Show>
    }
}

/// The build this page runs, as `sw.js` knows it (a short hash).
pub fn build_id() -> String {
    document()
        .query_selector("meta[name=linli-build]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default()
}
