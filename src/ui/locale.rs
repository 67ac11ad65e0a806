//! The interface language: Chinese unless this browser chose English.
//!
//! The choice is kept in localStorage, which outlives the browser, and
//! handed to the i18n context as its starting locale; the browser's own
//! languages are not consulted, so Linli opens in Chinese unless English
//! was picked here.

use super::i18n::Locale;
use gloo_storage::{LocalStorage, Storage};

const STORAGE_KEY: &str = "linli.locale";

/// The remembered language, or Chinese.
pub fn chosen() -> Locale {
    remembered()
        .and_then(|l| l.parse().ok())
        .unwrap_or(Locale::zh_CN)
}

/// The stored choice. Earlier versions kept it as plain text (`en`), not
/// JSON: such a value is read as it is, once, and kept in today's form.
fn remembered() -> Option<String> {
    if let Ok(locale) = LocalStorage::get::<String>(STORAGE_KEY) {
        return Some(locale);
    }
    let plain = LocalStorage::raw().get_item(STORAGE_KEY).ok().flatten()?;
    remember_choice(&plain);
    Some(plain)
}

/// Remembers the language the user picked, across browser restarts.
pub fn remember_choice(locale: &str) {
    // Private modes may refuse; the choice then lasts for this session.
    let _ = LocalStorage::set(STORAGE_KEY, locale);
}
