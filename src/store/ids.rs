//! Record and device ids from the browser's cryptographic random source.

use crate::domain::IdSource;
use uuid::Uuid;

/// Draws version-4 UUIDs from `crypto.getRandomValues`.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserIds;

impl IdSource for BrowserIds {
    fn next_id(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
            .unwrap_or(false);
        if !filled {
            // No Web Crypto (very old browser): fall back to Math.random,
            // still unique enough for one community's records.
            for b in bytes.iter_mut() {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}
