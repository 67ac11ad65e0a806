//! Files in and out of the browser: Web Share with a file where the
//! browser offers it (phones), a download otherwise; and reading a file
//! the user chose. Nothing here touches the network.

use js_sys::{Array, Function, Object, Promise, Reflect};
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

fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "browser error".to_string())
}

/// Hands `text` to the user as a file called `name`.
pub async fn deliver(name: &str, mime: &str, text: &str) -> Result<Delivered, String> {
    let window = web_sys::window().ok_or("no window")?;
    let parts = Array::of1(&JsValue::from_str(text));
    let navigator: JsValue = window.navigator().into();
    let can_share = Reflect::get(&navigator, &"canShare".into())
        .ok()
        .filter(JsValue::is_function);
    if let Some(can_share) = can_share {
        let options = web_sys::FilePropertyBag::new();
        options.set_type(mime);
        let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options)
            .map_err(js_error)?;
        let data = Object::new();
        Reflect::set(&data, &"files".into(), &Array::of1(&file)).map_err(js_error)?;
        Reflect::set(&data, &"title".into(), &JsValue::from_str(name)).map_err(js_error)?;
        let allowed = can_share
            .unchecked_ref::<Function>()
            .call1(&navigator, &data)
            .map(|v| v.is_truthy())
            .unwrap_or(false);
        let share = Reflect::get(&navigator, &"share".into())
            .ok()
            .filter(JsValue::is_function);
        if let (true, Some(share)) = (allowed, share) {
            let promise = share
                .unchecked_ref::<Function>()
                .call1(&navigator, &data)
                .map_err(js_error)?;
            return match JsFuture::from(Promise::from(promise)).await {
                Ok(_) => Ok(Delivered::Shared),
                Err(e) if error_name(&e) == "AbortError" => Ok(Delivered::Cancelled),
                // Some browsers refuse a share they said they could do.
                Err(_) => download(&window, name, mime, &parts),
            };
        }
    }
    download(&window, name, mime, &parts)
}

fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn download(
    window: &web_sys::Window,
    name: &str,
    mime: &str,
    parts: &Array,
) -> Result<Delivered, String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(parts, &options).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let document = window.document().ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "not a link".to_string())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started by the next task; the URL can go then.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    Ok(Delivered::Downloaded)
}

/// The first file chosen in a file input.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files().and_then(|list| list.get(0))
}

/// The text of a file, chosen or shared.
pub async fn blob_text(blob: &web_sys::Blob) -> Result<Option<String>, String> {
    let text = JsFuture::from(blob.text()).await.map_err(js_error)?;
    Ok(text.as_string())
}

/// Where public/sw.js leaves a file another app shared to Linli (the
/// manifest's `share_target`): not a `linli-` cache, so updates keep it.
const INBOX: &str = "shared-inbox";
const INBOX_ENTRY: &str = "/shared-file";

/// Takes the file shared to the app, once: it leaves the inbox as it is
/// read, so a reload does not import it again.
pub async fn take_shared_file() -> Result<Option<web_sys::Blob>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let caches = window.caches().map_err(js_error)?;
    let cache: web_sys::Cache = JsFuture::from(caches.open(INBOX))
        .await
        .map_err(js_error)?
        .unchecked_into();
    let hit = JsFuture::from(cache.match_with_str(INBOX_ENTRY))
        .await
        .map_err(js_error)?;
    let Ok(response) = hit.dyn_into::<web_sys::Response>() else {
        return Ok(None);
    };
    let blob: web_sys::Blob = JsFuture::from(response.blob().map_err(js_error)?)
        .await
        .map_err(js_error)?
        .unchecked_into();
    JsFuture::from(cache.delete_with_str(INBOX_ENTRY))
        .await
        .map_err(js_error)?;
    Ok(Some(blob))
}

/// Lets the browser paint (a progress line) before long work goes on.
pub async fn let_the_page_breathe() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}
