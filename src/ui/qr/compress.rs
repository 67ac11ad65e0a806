//! Smaller frames, fewer of them: the browser's own CompressionStream
//! (deflate-raw) where it has one, the file as it is where not. Raw
//! JavaScript calls: web-sys has these only behind its unstable flag.

use crate::ui::files::method;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const FORMAT: &str = "deflate-raw";

/// Runs `bytes` through a CompressionStream or DecompressionStream
/// (`class`); None where the browser has none, or it fails.
async fn through(class: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let global = js_sys::global();
    let constructor = method(&global, class)?;
    let stream = Reflect::construct(&constructor, &Array::of1(&JsValue::from_str(FORMAT))).ok()?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let source: JsValue = blob.stream().into();
    let pipe = method(&source, "pipeThrough")?;
    let out: web_sys::ReadableStream = pipe.call1(&source, &stream).ok()?.dyn_into().ok()?;
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// `bytes` compressed, and whether they were.
pub async fn compress(bytes: &[u8]) -> (Vec<u8>, bool) {
    match through("CompressionStream", bytes).await {
        Some(smaller) if smaller.len() < bytes.len() => (smaller, true),
        _ => (bytes.to_vec(), false),
    }
}

/// The bytes a compressed transfer carried; None when they do not unpack.
pub async fn decompress(bytes: &[u8]) -> Option<Vec<u8>> {
    through("DecompressionStream", bytes).await
}
