//! Importing a file on the Data tab, as `exchange::import` lays it out:
//! read → check → compare (the preview, with its clashes) → settle → write,
//! with the page painting between steps and a progress line for big files.
//! A file shared to the installed app arrives here the same way.

use super::backup::backup_first;
use super::import_view::{affected_list, stage_view, HolidayPreview, Preview, Stage, Step};
use crate::domain::holidays::{HolidayArrangement, HolidayYear};
use crate::domain::{AnyRecord, HolidayCalendar};
use crate::exchange::format::MAX_FILE_BYTES;
use crate::exchange::holidays::{self, Incoming};
use crate::exchange::import::{self};
use crate::exchange::{ReadError, Resolution, Settler};
use crate::store::StoreErrorKind;
use crate::ui::components::Failure;
use crate::ui::files::{blob_bytes, chosen_file, let_the_page_breathe, take_shared_file};
use crate::ui::i18n::*;
use crate::ui::marks;
use crate::ui::save::{act, save, Save};
use crate::ui::state::{use_app, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

/// Why reading a file and the phone stopped.
enum Halt {
    Refused(ReadError),
    Store(StoreErrorKind),
}

/// Steps 1–3 for a file chosen or shared: the preview, or why not.
async fn examine(
    state: AppState,
    blob: web_sys::Blob,
    stage: RwSignal<Stage>,
) -> Result<(), StoreErrorKind> {
    marks::mark("linli-import-start");
    // A file larger than any community's is refused unread.
    if blob.size() > MAX_FILE_BYTES as f64 {
        stage.set(Stage::Refused(ReadError::TooLarge {
            limit_bytes: MAX_FILE_BYTES,
        }));
        return Ok(());
    }
    stage.set(Stage::Busy(Step::Reading {
        megabytes: blob.size() / 1_048_576.0,
    }));
    let_the_page_breathe().await;
    // The phone's records are read while the file is read and parsed:
    // neither waits for the other, and a file refused stops both.
    let file = async {
        let bytes = blob_bytes(&blob)
            .await
            .map_err(|_| Halt::Refused(ReadError::NotJson { line: 0, column: 0 }))?;
        marks::mark("linli-import-read");
        let incoming = holidays::read_incoming(&bytes).map_err(Halt::Refused)?;
        marks::mark("linli-import-parsed");
        Ok(incoming)
    };
    let store = state.store();
    let phone = async { store.community().await.map_err(|e| Halt::Store(e.kind)) };
    let (incoming, local) = match futures::try_join!(file, phone) {
        Ok(both) => both,
        Err(Halt::Refused(e)) => {
            stage.set(Stage::Refused(e));
            return Ok(());
        }
        Err(Halt::Store(kind)) => {
            stage.set(Stage::Idle);
            return Err(kind);
        }
    };
    marks::mark("linli-import-local");
    let document = match incoming {
        Incoming::Exchange(document) => *document,
        Incoming::Holidays(arrangement) => {
            let before: Arc<HolidayCalendar> = state.holidays.get_untracked();
            let today = state.now_local().date();
            let (_, replaces, affected) = holidays::affected(&arrangement, &before, &local, today);
            stage.set(Stage::Holidays(Box::new(HolidayPreview {
                arrangement,
                replaces,
                affected,
            })));
            marks::mark("linli-import-preview");
            return Ok(());
        }
    };
    let records = document.records.len();
    stage.set(Stage::Busy(Step::Checking { records }));
    let_the_page_breathe().await;
    if let Err(problems) = import::check(&document, &local) {
        stage.set(Stage::Invalid(problems));
        return Ok(());
    }
    marks::mark("linli-import-checked");
    stage.set(Stage::Busy(Step::Comparing { records }));
    let_the_page_breathe().await;
    let comparison = import::compare(document, &local);
    stage.set(Stage::Preview(Box::new(Preview {
        comparison,
        local: Arc::new(local),
        me: state.my_name().await,
    })));
    marks::mark("linli-import-preview");
    Ok(())
}

/// Step 5: what a settled import writes, and where the screen stands after.
#[derive(Clone)]
struct Writing {
    writes: Vec<AnyRecord>,
    /// The preview to go back to if the write fails.
    preview: Box<Preview>,
}

#[component]
pub fn ImportSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let stage = RwSignal::new(Stage::Idle);
    let choices = RwSignal::new(Vec::<Resolution>::new());
    let shared_missing = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H3>::new();
    // A file from outside (shared, or by QR code) opens the Data tab at its
    // top: its preview is brought into view once it is ready.
    let from_outside = StoredValue::new(false);

    let examining: Save<web_sys::Blob, StoreErrorKind> = act(
        move |state, blob| examine(state, blob, stage),
        move |()| {
            if let Stage::Preview(p) = stage.get_untracked() {
                choices.set(p.comparison.first_choices());
            }
            if from_outside.get_value() {
                bring_into_view(heading);
            }
        },
    );
    let chosen = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            examining.run(file.into());
        }
    };

    // A file shared to the app from another (a chat) arrives here through
    // the service worker's inbox: /data?shared=1.
    let shared: Save<(), StoreErrorKind> = act(
        |_, ()| async move { take_shared_file().await.map_err(|e| e.kind()) },
        move |found| match found {
            Some(blob) => examining.run(blob),
            None => {
                shared_missing.set(true);
                bring_into_view(heading);
            }
        },
    );
    // A file that arrived from outside — shared to the app from another
    // (/data?shared=1), or by QR code (/data?received=1) — is taken once:
    // the address drops its mark, so a reload does not look again.
    let arrived_by = |mark: &str| {
        let here = use_query_map().with_untracked(|q| q.get(mark).is_some());
        if here {
            use_navigate()(
                "/data",
                leptos_router::NavigateOptions {
                    replace: true,
                    // The page stays where the arrival puts it.
                    scroll: false,
                    ..Default::default()
                },
            );
        }
        here
    };
    if arrived_by("shared") {
        from_outside.set_value(true);
        shared.run(());
    }
    let handover = crate::ui::qr::use_handover();
    if arrived_by("received") {
        from_outside.set_value(true);
        let arrived = handover.received.try_update(Option::take).flatten();
        if let Some(blob) = arrived.and_then(|bytes| bytes_blob(&bytes)) {
            examining.run(blob);
        }
    }

    let writing: Save<Writing, StoreErrorKind> = save(
        move |state, w: Writing| async move {
            let count = w.writes.len();
            stage.set(Stage::Busy(Step::Writing { records: count }));
            marks::mark("linli-import-write");
            let_the_page_breathe().await;
            match state.store().import(w.writes).await {
                Ok(()) => Ok(count),
                Err(e) => {
                    stage.set(Stage::Preview(w.preview));
                    Err(e.kind)
                }
            }
        },
        move |count| {
            marks::mark("linli-import-done");
            stage.set(Stage::Done(count));
        },
    );
    // Step 4: settle with the choices made; ask again or write.
    let apply = move |_| {
        marks::mark("linli-import-apply");
        let Stage::Preview(mut p) = stage.get_untracked() else {
            return;
        };
        let why = t_string!(i18n, exchange.conflict_reason).to_string();
        let device = state.device.get_value();
        let me = p.me.clone();
        let who = Settler {
            by: &me,
            reason: &why,
            at: Timestamp::now(),
            device: &device,
        };
        let local = p.local.clone();
        match p.comparison.settle(&local, &choices.get_untracked(), who) {
            Some(writes) => writing.run(Writing { writes, preview: p }),
            None => {
                choices.set(p.comparison.first_choices());
                stage.set(Stage::Preview(p));
            }
        }
    };

    let replacing: Save<Box<Preview>, StoreErrorKind> = save(
        move |state, p: Box<Preview>| async move {
            // A backup of this phone first, always; a closed share sheet
            // stops here.
            if !backup_first(state).await? {
                return Ok(false);
            }
            let records = p.comparison.document.records.clone();
            stage.set(Stage::Busy(Step::Writing {
                records: records.len(),
            }));
            let_the_page_breathe().await;
            match state.store().replace_all(records).await {
                Ok(()) => Ok(true),
                Err(e) => {
                    stage.set(Stage::Preview(p));
                    Err(e.kind)
                }
            }
        },
        move |replaced| {
            if replaced {
                stage.set(Stage::Replaced);
            }
        },
    );
    let replace = move |_| {
        if let Stage::Preview(p) = stage.get_untracked() {
            replacing.run(p);
        }
    };

    // A holiday arrangement is one record, one write; a year loaded again
    // replaces the one before it (its id follows from the year).
    let loading_holidays: Save<HolidayArrangement, StoreErrorKind> = save(
        move |state, arrangement: HolidayArrangement| async move {
            let year = arrangement.year;
            let record = HolidayYear::new(arrangement, Timestamp::now(), &state.device.get_value());
            state.store().put(record).await.map_err(|e| e.kind)?;
            Ok(year)
        },
        move |year| stage.set(Stage::HolidaysLoaded(year)),
    );
    let load_holidays = move |_| {
        if let Stage::Holidays(p) = stage.get_untracked() {
            loading_holidays.run(p.arrangement);
        }
    };

    view! {
        <HolidayReview />
        <h3 node_ref=heading>{t!(i18n, exchange.import)}</h3>
        <Failure kind=loading_holidays.store_failure() />
        <Failure kind=examining.store_failure() />
        <Failure kind=shared.store_failure() />
        <Failure kind=writing.store_failure() />
        <Failure kind=replacing.store_failure() />
        {move || shared_missing.get().then(|| view! {
            <p class="notice" role="status" data-testid="shared-missing">{t!(i18n, exchange.shared_missing)}</p>
        })}
        <label class="field">
            <span>{t!(i18n, exchange.choose)}</span>
            <input type="file" name="import-file" accept=".json,application/json" on:change=chosen />
        </label>
        <div class="actions">
            <A href="/qr/receive" attr:class="button" attr:data-testid="qr-receive">{t!(i18n, qr.receive)}</A>
            <A href="/qr/poster" attr:class="button" attr:data-testid="qr-poster">{t!(i18n, qr.print_front)}</A>
        </div>
        {move || stage_view(i18n, stage, choices, apply, replace, load_holidays)}
        <Show when=move || matches!(stage.get(), Stage::Preview(_) | Stage::Holidays(_))>
            <button type="button" class="button" data-testid="cancel-import" on:click=move |_| stage.set(Stage::Idle)>{t!(i18n, exchange.cancel)}</button>
        </Show>
        <p class="hint"><a href="/linli-exchange.schema.json" target="_blank">{t!(i18n, exchange.schema)}</a></p>
    }
}

/// Scrolls the import's heading to the top of the screen. A page just
/// opened by a share is still filling in around it (the heading cannot
/// reach the top yet), and the router may put the page back at its top
/// once its screen is in: for a second, while nobody else has moved the
/// page since, it goes again.
fn bring_into_view(heading: NodeRef<leptos::html::H3>) {
    fn attempt(heading: NodeRef<leptos::html::H3>, frames_left: u8, ours: Option<f64>) {
        request_animation_frame(move || {
            let y = || window().scroll_y().unwrap_or(0.0);
            let mut ours = ours;
            if let Some(h) = heading.get_untracked() {
                // Below the sticky top bar's padding, give or take.
                let placed = h.get_bounding_client_rect().top() < 120.0;
                let untouched = ours.is_none_or(|o| (y() - o).abs() < 1.0) || y() < 1.0;
                if !placed && untouched {
                    h.scroll_into_view();
                    ours = Some(y());
                }
            }
            if frames_left > 0 {
                attempt(heading, frames_left - 1, ours);
            }
        });
    }
    attempt(heading, 60, None);
}

/// The saved occurrences a holiday arrangement from another phone
/// touches, until someone has looked at them.
#[component]
fn HolidayReview() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    move || {
        let list = state.holiday_review.get();
        (!list.is_empty()).then(|| view! {
            <section class="notice" id="holiday-review" aria-labelledby="holiday-review-title" data-testid="holiday-review">
                <h3 id="holiday-review-title">{t!(i18n, holiday.review_title)}</h3>
                <p>{t!(i18n, holiday.affected)}</p>
                {affected_list(i18n, list)}
                <button type="button" class="button small" data-testid="holiday-review-done"
                    on:click=move |_| state.holiday_review.set(Vec::new())>{t!(i18n, holiday.review_done)}</button>
            </section>
        })
    }
}

/// Bytes as a Blob, the shape a chosen file has.
fn bytes_blob(bytes: &[u8]) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
}
