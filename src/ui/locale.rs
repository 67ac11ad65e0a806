//! The interface language: Chinese unless this browser chose English.
//!
//! The choice is kept in localStorage, which outlives the browser, and
//! handed to the i18n context as its starting locale; the browser's own
//! languages are not consulted, so Linli opens in Chinese unless English
//! was picked here.

use super::i18n::Locale;

const STORAGE_KEY: &str = "linli.locale";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered language, or Chinese.
pub fn chosen() -> Locale {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|l| l.parse().ok())
        .unwrap_or(Locale::zh_CN)
}

/// Remembers the language the user picked, across browser restarts.
pub fn remember_choice(locale: &str) {
    if let Some(storage) = local_storage() {
        // Private modes may refuse; the choice then lasts for this session.
        let _ = storage.set_item(STORAGE_KEY, locale);
    }
}
