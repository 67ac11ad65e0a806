//! Files in and out of the browser: Web Share with a file where the
//! browser offers it (phones), a download otherwise; reading a file the
//! user chose, or the one another app shared to Linli. Nothing here
//! touches the network.

use crate::store::StoreErrorKind;
use gloo_timers::future::TimeoutFuture;
use gloo_utils::errors::JsError;
use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How a file left the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivered {
    Shared,
    Downloaded,
    /// The user closed the share sheet.
    Cancelled,
}

/// What the browser said when a file could not be made, handed out or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The DOMException's name (`QuotaExceededError`, `AbortError` …).
    pub name: String,
    pub message: String,
}

impl FileError {
    /// What to tell the user.
    pub fn kind(&self) -> StoreErrorKind {
        match self.name.as_str() {
            "QuotaExceededError" => StoreErrorKind::QuotaExceeded,
            _ => StoreErrorKind::Failed,
        }
    }
}

impl From<JsValue> for FileError {
    fn from(value: JsValue) -> Self {
        match JsError::try_from(value) {
            Ok(e) => FileError {
                name: e.name,
                message: e.message,
            },
            Err(other) => FileError {
                name: String::new(),
                message: other.to_string(),
            },
        }
    }
}

/// A method of `object` (or a class of the global object), when the
/// browser has it.
pub(crate) fn method(object: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// Hands `text` to the user as a file called `name`.
pub async fn deliver(name: &str, mime: &str, text: &str) -> Result<Delivered, FileError> {
    deliver_parts(name, mime, Array::of1(&JsValue::from_str(text))).await
}

/// Hands the strings `parts`, one after another, to the user as a file
/// called `name` (a big file's parts need not be joined first).
pub async fn deliver_parts(name: &str, mime: &str, parts: Array) -> Result<Delivered, FileError> {
    // Web Share with files has no crate of its own: it is called through
    // the navigator object, where the browser has it.
    let navigator: JsValue = window().navigator().into();
    if let (Some(can_share), Some(share)) =
        (method(&navigator, "canShare"), method(&navigator, "share"))
    {
        let options = web_sys::FilePropertyBag::new();
        options.set_type(mime);
        let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options)?;
        let data = Object::new();
        Reflect::set(&data, &"files".into(), &Array::of1(&file))?;
        Reflect::set(&data, &"title".into(), &JsValue::from_str(name))?;
        let allowed = can_share
            .call1(&navigator, &data)
            .map(|v| v.is_truthy())
            .unwrap_or(false);
        if allowed {
            let promise: Promise = share.call1(&navigator, &data)?.unchecked_into();
            return match JsFuture::from(promise).await.map_err(FileError::from) {
                Ok(_) => Ok(Delivered::Shared),
                Err(e) if e.name == "AbortError" => Ok(Delivered::Cancelled),
                // Some browsers refuse a share they said they could do.
                Err(_) => download(name, mime, &parts).await,
            };
        }
    }
    download(name, mime, &parts).await
}

async fn download(name: &str, mime: &str, parts: &Array) -> Result<Delivered, FileError> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started by the next task; the address can go then,
    // without holding up the caller.
    leptos::task::spawn_local(async move {
        TimeoutFuture::new(1000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(Delivered::Downloaded)
}

/// The file just chosen in the file input an event came from. The input
/// is emptied, so the same file may be chosen again (after a fix).
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|list| list.get(0))?;
    input.set_value("");
    Some(file)
}

/// The bytes of a file, chosen or shared. Copied into the app as they
/// are: decoding to the browser's text and encoding again for Rust took
/// most of a second for a big community's backup.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, FileError> {
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Where public/sw.js leaves a file another app shared to Linli (the
/// manifest's `share_target`): not a `linli-` cache, so updates keep it.
const INBOX: &str = "shared-inbox";
const INBOX_ENTRY: &str = "/shared-file";

/// Takes the file shared to the app, once: it leaves the inbox as it is
/// read, so a reload does not import it again.
pub async fn take_shared_file() -> Result<Option<web_sys::Blob>, FileError> {
    let caches = window().caches()?;
    let cache: web_sys::Cache = JsFuture::from(caches.open(INBOX)).await?.unchecked_into();
    let hit = JsFuture::from(cache.match_with_str(INBOX_ENTRY)).await?;
    let Ok(response) = hit.dyn_into::<web_sys::Response>() else {
        return Ok(None);
    };
    let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.unchecked_into();
    JsFuture::from(cache.delete_with_str(INBOX_ENTRY)).await?;
    Ok(Some(blob))
}

/// Lets the browser paint (a progress line) before long work goes on.
pub async fn let_the_page_breathe() {
    TimeoutFuture::new(0).await;
}
