//! The interface language: Chinese unless this browser chose English.
//!
//! leptos_i18n remembers the choice in a cookie and, without one, follows
//! the browser's languages. Linli is a Chinese app first, so before the
//! app starts a missing choice is written down as zh-CN.

use wasm_bindgen::JsCast;

const COOKIE: &str = "i18n_pref_locale";
const DEFAULT_LOCALE: &str = "zh-CN";

pub fn default_to_chinese() {
    let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    else {
        return;
    };
    let cookies = doc.cookie().unwrap_or_default();
    let chosen = cookies
        .split(';')
        .any(|c| c.trim_start().starts_with(&format!("{COOKIE}=")));
    if !chosen {
        // A year is long enough; every switch renews it.
        let _ = doc.set_cookie(&format!(
            "{COOKIE}={DEFAULT_LOCALE}; path=/; max-age=31536000; SameSite=Lax"
        ));
    }
}
