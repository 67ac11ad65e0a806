//! A QR code drawn: on a canvas (the sending screen's frames) or as SVG
//! (printed posters, crisp at any size). The encoding itself runs in a
//! chunk of its own (`modules_later`).

use crate::ui::chunk::{from_chunk, ChunkMissing};
use qrcode::{Color, EcLevel, QrCode};
use wasm_bindgen::JsCast;

/// The modules of `text`'s QR code (medium error correction, the mode
/// its characters allow): its width and which modules are dark.
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((width, dark))
}

/// Quiet zone around a code, in modules, as readers expect.
const QUIET: usize = 4;

/// The sending canvas's side in pixels, about: each code is drawn with as
/// many whole pixels per module as fit in it.
pub const CANVAS_PX: usize = 720;

/// Draws a code's modules (`modules`) on `canvas`, square, whole pixels
/// per module, as close to `CANVAS_PX` as they fit. The scale comes from
/// that constant, never from the canvas's width: that width is the last
/// code's, and a larger code after it would shrink the next one for good.
pub fn draw(canvas: &web_sys::HtmlCanvasElement, width: usize, dark: &[bool]) -> bool {
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return false;
    };
    let side = width + 2 * QUIET;
    let scale = (CANVAS_PX / side).max(1);
    let size = (side * scale) as u32;
    if canvas.width() != size || canvas.height() != size {
        canvas.set_width(size);
        canvas.set_height(size);
    }
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, size as f64, size as f64);
    ctx.set_fill_style_str("#000");
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (x, y) = (i % width + QUIET, i / width + QUIET);
        ctx.fill_rect(
            (x * scale) as f64,
            (y * scale) as f64,
            scale as f64,
            scale as f64,
        );
    }
    true
}

/// A code's modules as SVG, one path of dark squares.
pub fn svg(width: usize, dark: &[bool]) -> String {
    let side = width + 2 * QUIET;
    let mut path = String::new();
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (x, y) = (i % width + QUIET, i / width + QUIET);
        path.push_str(&format!("M{x} {y}h1v1h-1z"));
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    )
}

/// A printed QR code of this deployment's own address for `path`, so a
/// resident who scans the paper on the door lands on that screen.
#[leptos::component]
pub fn PosterCode(path: String) -> impl leptos::IntoView {
    use crate::ui::i18n::*;
    use leptos::prelude::*;
    let i18n = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let url = format!("{origin}{path}");
    let asked = url.clone();
    let drawn = LocalResource::new(move || {
        let text = asked.clone();
        async move {
            modules_later(text)
                .await
                .map(|(width, dark)| svg(width, &dark))
                .unwrap_or_default()
        }
    });
    view! {
        <figure class="poster-code" data-testid="poster-code" data-url=url>
            <div class="poster-code-svg" inner_html=move || drawn.get().unwrap_or_default()></div>
            <figcaption>{t!(i18n, qr.poster_caption)}</figcaption>
        </figure>
    }
}

/// [`modules`] in a chunk of its own in a release build: the sending
/// screen and the printed sheets (two other chunks) share it, and the QR
/// encoder stays out of the first visit.
#[cfg_attr(
    all(target_arch = "wasm32", not(debug_assertions)),
    leptos::wasm_split::wasm_split(qrcode, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn modules_in_chunk(text: String) -> Result<Option<(usize, Vec<bool>)>, ChunkMissing> {
    Ok(modules(&text))
}

/// `text`'s QR code as (width, dark modules), fetching the encoder first
/// if it is not here yet; None when it does not fit a QR code or the
/// encoder could not be fetched.
pub async fn modules_later(text: String) -> Option<(usize, Vec<bool>)> {
    from_chunk!(modules_in_chunk(text)).ok().flatten()
}
