//! The receiving phone: the camera, a progress bar that fills as frames
//! arrive in any order, a note for codes that are not Linli's, and the
//! import preview once the file is whole.

use crate::exchange::transfer::{Heard, Receiver};
use crate::ui::i18n::*;
use crate::ui::marks;
use crate::ui::qr::camera::{self, CameraError};
use crate::ui::qr::compress::decompress;
use crate::ui::qr::use_handover;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Where the receiving stands.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Starting,
    Scanning {
        have: usize,
        need: usize,
    },
    Failed(CameraError),
    /// The frames came together but the file did not unpack.
    Unreadable,
    Done,
}

/// A passing remark on the last code seen.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Note {
    Foreign,
    Damaged,
    /// Another phone's transfer is in view too; the first one goes on.
    OtherInView,
    /// The file under way stopped showing; another one is being received.
    StartedOver,
}

/// A pause between reads: the camera and the phone get to breathe.
const READ_EVERY_MS: u32 = 50;

#[component]
pub fn QrReceivePage() -> impl IntoView {
    let i18n = use_i18n();
    let handover = use_handover();
    let navigate = use_navigate();
    let video = NodeRef::<leptos::html::Video>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let status = RwSignal::new(Status::Starting);
    let note = RwSignal::new(None::<Note>);
    let alive = Arc::new(AtomicBool::new(true));
    let started = AtomicBool::new(false);
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    let navigate = StoredValue::new_local(navigate);
    Effect::new(move |_| {
        let (Some(video), Some(canvas)) = (video.get(), canvas.get()) else {
            return;
        };
        if started.swap(true, Ordering::Relaxed) {
            return;
        }
        let alive = alive.clone();
        spawn_local(async move {
            let stream = match camera::open(&video).await {
                Ok(stream) => stream,
                Err(e) => {
                    status.set(Status::Failed(e));
                    return;
                }
            };
            let detector = camera::barcode_detector();
            let mut receiver = Receiver::new();
            let scanning = |have, need| {
                // "Started over on the new code" stays while that one comes in.
                note.update(|n| {
                    if *n != Some(Note::StartedOver) {
                        *n = None;
                    }
                });
                status.set(Status::Scanning { have, need });
            };
            while alive.load(Ordering::Relaxed) {
                for text in camera::read(&video, &canvas, detector.as_ref()).await {
                    match receiver.hear(&text) {
                        Heard::Progress { have, need } => {
                            marks::mark("linli-qr-frame");
                            scanning(have, need);
                        }
                        Heard::Repeat { have, need } => scanning(have, need),
                        Heard::Foreign => note.set(Some(Note::Foreign)),
                        Heard::Damaged => note.set(Some(Note::Damaged)),
                        Heard::OtherInView => note.set(Some(Note::OtherInView)),
                        Heard::StartedOver { have, need } => {
                            marks::mark("linli-qr-frame");
                            status.set(Status::Scanning { have, need });
                            note.set(Some(Note::StartedOver));
                        }
                        Heard::Done {
                            payload,
                            compressed,
                        } => {
                            marks::mark("linli-qr-whole");
                            camera::close(&stream);
                            let file = if compressed {
                                decompress(&payload).await
                            } else {
                                Some(payload)
                            };
                            match file {
                                Some(bytes) => {
                                    status.set(Status::Done);
                                    handover.received.set(Some(bytes));
                                    navigate.with_value(|go| {
                                        go("/data?received=1", Default::default())
                                    });
                                }
                                None => status.set(Status::Unreadable),
                            }
                            return;
                        }
                    }
                }
                TimeoutFuture::new(READ_EVERY_MS).await;
            }
            camera::close(&stream);
        });
    });
    let percent = move || match status.get() {
        Status::Scanning { have, need } if need > 0 => have * 100 / need,
        Status::Done => 100,
        _ => 0,
    };
    view! {
        <h1 data-testid="page-title">{t!(i18n, qr.receive_title)}</h1>
        <p class="hint">{t!(i18n, qr.receive_hint)}</p>
        {move || match status.get() {
            Status::Failed(e) => view! {
                <section class="error-panel" role="alert" data-testid="qr-camera-failed" data-reason=format!("{e:?}")>
                    <p>{match e {
                        CameraError::NoCamera => t_string!(i18n, qr.no_camera),
                        CameraError::Refused => t_string!(i18n, qr.refused),
                        CameraError::Unsupported => t_string!(i18n, qr.unsupported),
                    }}</p>
                    <A href="/data" attr:class="button primary" attr:data-testid="qr-use-file">{t!(i18n, qr.use_file)}</A>
                </section>
            }.into_any(),
            Status::Unreadable => view! {
                <p class="field-error" role="alert" data-testid="qr-unreadable">{t!(i18n, qr.unreadable)}</p>
            }.into_any(),
            _ => view! {
                <div class="qr-progress">
                    <progress max="100" value=move || percent().to_string() data-testid="qr-progress"></progress>
                    <p role="status" data-testid="qr-received">
                        {move || match status.get() {
                            Status::Starting => t_string!(i18n, qr.waiting).to_string(),
                            Status::Done => t_string!(i18n, qr.done).to_string(),
                            _ => t_string!(i18n, qr.received, percent = percent()).to_string(),
                        }}
                    </p>
                </div>
            }.into_any(),
        }}
        {move || note.get().map(|n| view! {
            <p class="muted" data-testid="qr-note" data-note=format!("{n:?}")>
                {match n {
                    Note::Foreign => t_string!(i18n, qr.foreign),
                    Note::Damaged => t_string!(i18n, qr.damaged),
                    Note::OtherInView => t_string!(i18n, qr.other_in_view),
                    Note::StartedOver => t_string!(i18n, qr.started_over),
                }}
            </p>
        })}
        <div class="qr-stage">
            // No picture to show once the camera failed: no empty black box.
            <video node_ref=video class="qr-video" autoplay=true muted=true playsinline=true data-testid="qr-video"
                hidden=move || matches!(status.get(), Status::Failed(_) | Status::Unreadable | Status::Done)></video>
        </div>
        <canvas node_ref=canvas class="qr-reading" hidden=true></canvas>
        <A href="/data" attr:class="button" attr:data-testid="qr-use-file-always">{t!(i18n, qr.use_file)}</A>
    }
}
