//! The interface language: Chinese unless this browser chose English.
//!
//! leptos_i18n reads the locale from a session cookie and, without one,
//! follows the browser's languages. The choice is kept in localStorage,
//! which outlives the browser, and written back into that cookie before the
//! app starts, so Linli opens in Chinese unless English was picked here.

use wasm_bindgen::JsCast;

const COOKIE: &str = "i18n_pref_locale";
const STORAGE_KEY: &str = "linli.locale";
const DEFAULT_LOCALE: &str = "zh-CN";
const LOCALES: [&str; 2] = ["zh-CN", "en"];

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Puts the remembered (or default) language where leptos_i18n looks.
pub fn restore_choice() {
    let saved = local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .filter(|l| LOCALES.contains(&l.as_str()));
    let locale = saved.as_deref().unwrap_or(DEFAULT_LOCALE);
    if let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let _ = doc.set_cookie(&format!("{COOKIE}={locale}; path=/; SameSite=Lax"));
    }
}

/// Remembers the language the user picked, across browser restarts.
pub fn remember_choice(locale: &str) {
    if let Some(storage) = local_storage() {
        // Private modes may refuse; the choice then lasts for this session.
        let _ = storage.set_item(STORAGE_KEY, locale);
    }
}
