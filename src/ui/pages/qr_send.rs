//! The sending phone: the file as a QR code that changes several times a
//! second, what is being sent, and "stop". The screen is kept on (Wake
//! Lock) where the browser allows.

use crate::domain::{IdSource, RandomIds};
use crate::exchange::transfer::Sender;
use crate::ui::files::method;
use crate::ui::i18n::*;
use crate::ui::qr::code::{draw, modules_later};
use crate::ui::qr::compress::compress;
use crate::ui::qr::{use_handover, Parcel};
use gloo_timers::callback::Interval;
use js_sys::Reflect;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Frames a second: what a phone camera reads comfortably.
const FRAMES_PER_SECOND: u32 = 8;

#[component]
pub fn QrSendPage() -> impl IntoView {
    let i18n = use_i18n();
    let parcel = use_handover().sending.get_untracked();
    view! {
        <h1 data-testid="page-title">{t!(i18n, qr.send_title)}</h1>
        {match parcel {
            Some(parcel) => view! { <Sending parcel=parcel /> }.into_any(),
            None => view! {
                <p class="empty" data-testid="qr-nothing">{t!(i18n, qr.nothing)}</p>
                <A href="/data" attr:class="button">{t!(i18n, tabs.data)}</A>
            }.into_any(),
        }}
    }
}

#[component]
fn Sending(parcel: Parcel) -> impl IntoView {
    let i18n = use_i18n();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let shown = RwSignal::new(0u32);
    let blocks = RwSignal::new(0usize);
    let too_big = RwSignal::new(false);
    let sender = StoredValue::new_local(None::<Sender>);
    let Parcel {
        what,
        records,
        text,
    } = parcel;
    spawn_local(async move {
        let (bytes, compressed) = compress(text.as_bytes()).await;
        // A transfer id of its own, so two senders side by side never mix.
        let transfer = RandomIds.next_id().as_u128() as u32;
        match Sender::new(&bytes, compressed, transfer) {
            Some(s) => {
                blocks.set(s.blocks());
                sender.set_value(Some(s));
            }
            None => too_big.set(true),
        }
    });
    let ticker = Interval::new(1000 / FRAMES_PER_SECOND, move || {
        let Some(canvas) = canvas.get_untracked() else {
            return;
        };
        let n = shown.get_untracked();
        let Some(text) = sender.with_value(|s| s.as_ref().map(|s| s.frame(n))) else {
            return;
        };
        spawn_local(async move {
            if let Some((width, dark)) = modules_later(text).await {
                if draw(&canvas, width, &dark) && shown.get_untracked() == n {
                    shown.set(n + 1);
                }
            }
        });
    });
    let ticker = StoredValue::new_local(Some(ticker));
    let lock = StoredValue::new_local(None::<JsValue>);
    spawn_local(async move {
        if let Some(sentinel) = keep_screen_on().await {
            lock.set_value(Some(sentinel));
        }
    });
    on_cleanup(move || {
        ticker.update_value(|t| {
            t.take();
        });
        lock.update_value(|l| {
            if let Some(sentinel) = l.take() {
                release(&sentinel);
            }
        });
    });
    let stop = move |_| {
        let _ = window().history().and_then(|h| h.back());
    };
    view! {
        <p class="qr-what" data-testid="qr-sending">{move || t_string!(i18n, qr.sending, what = what.clone(), count = records).to_string()}</p>
        <Show when=move || too_big.get()>
            <p class="field-error" role="alert" data-testid="qr-too-big">{t!(i18n, qr.too_big)}</p>
        </Show>
        <div class="qr-stage">
            <canvas node_ref=canvas class="qr-canvas" width="720" height="720" data-testid="qr-canvas"
                data-frame=move || shown.get() data-blocks=move || blocks.get()
                aria-label=move || t_string!(i18n, qr.send_title).to_string() role="img"></canvas>
        </div>
        <p class="hint">{t!(i18n, qr.send_hint)}</p>
        <p class="muted" data-testid="qr-frames">{move || t_string!(i18n, qr.frames, count = shown.get()).to_string()}</p>
        <button type="button" class="button primary wide" data-testid="qr-stop" on:click=stop>{t!(i18n, qr.stop)}</button>
    }
}

/// Asks the browser to keep the screen on while frames are shown; the
/// lock's handle, where it has Wake Lock (raw calls: web-sys has it only
/// behind its unstable flag).
async fn keep_screen_on() -> Option<JsValue> {
    let lock = Reflect::get(&window().navigator(), &"wakeLock".into()).ok()?;
    let request = method(&lock, "request")?;
    let promise: js_sys::Promise = request
        .call1(&lock, &"screen".into())
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(promise).await.ok()
}

fn release(sentinel: &JsValue) {
    if let Some(release) = method(sentinel, "release") {
        let _ = release.call0(sentinel);
    }
}
