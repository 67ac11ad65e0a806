//! The camera, and the QR codes in what it sees: the browser's
//! BarcodeDetector where it has one (Android's Chrome), the Rust decoder
//! (rqrr) over the frame's pixels where not (iPhones, most desktops).
//! Raw web-sys and JavaScript calls: gloo has no camera, and web-sys has
//! no BarcodeDetector.

use crate::ui::files::method;
use js_sys::{Array, Object, Reflect};
use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// Why the camera did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraError {
    /// No camera, or none free.
    NoCamera,
    /// The person (or the browser's settings) said no.
    Refused,
    /// The browser has no camera API (an old one, or not a secure page).
    Unsupported,
}

/// Opens the back camera into `video`.
pub async fn open(video: &HtmlVideoElement) -> Result<MediaStream, CameraError> {
    let devices = window()
        .navigator()
        .media_devices()
        .map_err(|_| CameraError::Unsupported)?;
    let constraints = MediaStreamConstraints::new();
    let wanted = Object::new();
    let _ = Reflect::set(&wanted, &"facingMode".into(), &"environment".into());
    constraints.set_video(&wanted);
    constraints.set_audio(&JsValue::FALSE);
    let asked = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|_| CameraError::Unsupported)?;
    let stream: MediaStream = match JsFuture::from(asked).await {
        Ok(s) => s.unchecked_into(),
        Err(e) => {
            let name = Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            return Err(match name.as_str() {
                "NotAllowedError" | "SecurityError" => CameraError::Refused,
                _ => CameraError::NoCamera,
            });
        }
    };
    video.set_src_object(Some(&stream));
    if let Ok(playing) = video.play() {
        let _ = JsFuture::from(playing).await;
    }
    Ok(stream)
}

/// Turns the camera off.
pub fn close(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// The browser's QR reader, when it has one.
pub fn barcode_detector() -> Option<JsValue> {
    let class = method(&js_sys::global(), "BarcodeDetector")?;
    let options = Object::new();
    let formats = Array::of1(&"qr_code".into());
    Reflect::set(&options, &"formats".into(), &formats).ok()?;
    Reflect::construct(&class, &Array::of1(&options)).ok()
}

/// The texts of the QR codes in the video's current frame.
pub async fn read(
    video: &HtmlVideoElement,
    canvas: &HtmlCanvasElement,
    detector: Option<&JsValue>,
) -> Vec<String> {
    if video.video_width() == 0 {
        return Vec::new();
    }
    if let Some(detector) = detector {
        return detect(detector, video).await.unwrap_or_default();
    }
    decode_pixels(video, canvas).unwrap_or_default()
}

async fn detect(detector: &JsValue, video: &HtmlVideoElement) -> Option<Vec<String>> {
    let detect = method(detector, "detect")?;
    let promise: js_sys::Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
    let found: Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    Some(
        found
            .iter()
            .filter_map(|code| Reflect::get(&code, &"rawValue".into()).ok()?.as_string())
            .collect(),
    )
}

/// The longest side a frame is read at: enough for a 61-module code at
/// arm's length, small enough to read several frames a second.
const READ_SIDE: u32 = 640;

fn decode_pixels(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<Vec<String>> {
    let (vw, vh) = (video.video_width(), video.video_height());
    let scale = (READ_SIDE as f64 / vw.max(vh) as f64).min(1.0);
    let (w, h) = (
        ((vw as f64 * scale) as u32).max(1),
        ((vh as f64 * scale) as u32).max(1),
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    // Kept in memory rather than on the GPU: every frame is read back, and
    // a GPU canvas makes each getImageData a slow readback.
    let settings = web_sys::ContextAttributes2d::new();
    settings.set_will_read_frequently(true);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context_with_context_options("2d", &settings)
        .ok()??
        .dyn_into()
        .ok()?;
    ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w as f64, h as f64)
        .ok()?;
    let pixels = ctx
        .get_image_data(0.0, 0.0, w as f64, h as f64)
        .ok()?
        .data();
    let (w, h) = (w as usize, h as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let i = (y * w + x) * 4;
        // Luma from green and red: close enough for black on white.
        ((pixels[i] as u16 + 2 * pixels[i + 1] as u16 + pixels[i + 2] as u16) / 4) as u8
    });
    Some(
        image
            .detect_grids()
            .into_iter()
            .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
            .collect(),
    )
}
