//! The screens beyond Today, in six chunks (spaces and bookings, rosters,
//! volunteers, data, the monthly report, QR transfer). The release build splits each chunk off the main
//! wasm (`scripts/split.mjs`, run by Trunk after its build), so a first
//! visit downloads the shell and Today; the chunks are fetched once Today
//! is painted, and the service worker keeps them for offline use. In a
//! debug build (wasm tests) the same functions are plain calls.
//!
//! A chunk that cannot be fetched (the network dropped before it arrived)
//! is an error value shown with a retry button, never a panic.

use super::i18n::*;
use super::pages::*;
use leptos::prelude::*;

/// A screen whose code lives in a chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Spaces,
    FindSpace,
    NewSpace,
    SpaceDetail,
    EditSpace,
    Book,
    DoorSheet,
    MyBookings,
    BookingDetail,
    EditBooking,
    Rosters,
    NewActivity,
    ActivityDetail,
    EditActivity,
    NewShift,
    GenerateShifts,
    CheckIn,
    RosterSheet,
    ShiftDetail,
    EditShift,
    OpenShifts,
    /// Today's "shifts I can take", a part of Today kept in this chunk.
    TodayOpenShifts,
    Volunteers,
    NewVolunteer,
    VolunteerDetail,
    EditVolunteer,
    Data,
    /// Elder mode's "more" tab: the places beyond its four tabs.
    More,
    Report,
    QrSend,
    QrReceive,
    FrontPoster,
}

/// The chunk's code did not arrive.
#[derive(Clone, Copy, Debug)]
pub struct ChunkMissing;

#[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// The split point of a chunk in a release build; a plain function
/// otherwise. `$preload` fetches the chunk without showing anything.
macro_rules! chunk {
    ($chunk:ident, $preload:ident, fn $name:ident($screen:ident) $body:block) => {
        #[cfg_attr(
                                            all(target_arch = "wasm32", not(debug_assertions)),
                                            leptos::wasm_split::wasm_split(
                                                $chunk,
                                                wasm_split_path = ::leptos::wasm_split,
                                                fallible,
                                                preload($preload)
                                            )
                                        )]
        fn $name($screen: Screen) -> Result<AnyView, ChunkMissing> {
            Ok($body)
        }
    };
}

chunk!(spaces, preload_spaces, fn spaces_screen(screen) {
    match screen {
        Screen::Spaces => view! { <SpacesPage /> }.into_any(),
        Screen::FindSpace => view! { <FindSpacePage /> }.into_any(),
        Screen::NewSpace => view! { <NewSpacePage /> }.into_any(),
        Screen::SpaceDetail => view! { <SpaceDetailPage /> }.into_any(),
        Screen::EditSpace => view! { <EditSpacePage /> }.into_any(),
        Screen::Book => view! { <BookPage /> }.into_any(),
        Screen::DoorSheet => view! { <DoorSheetPage /> }.into_any(),
        Screen::MyBookings => view! { <MyBookingsPage /> }.into_any(),
        Screen::BookingDetail => view! { <BookingDetailPage /> }.into_any(),
        Screen::EditBooking => view! { <EditBookingPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
});

chunk!(rosters, preload_rosters, fn rosters_screen(screen) {
    match screen {
        Screen::Rosters => view! { <RostersPage /> }.into_any(),
        Screen::NewActivity => view! { <NewActivityPage /> }.into_any(),
        Screen::ActivityDetail => view! { <ActivityDetailPage /> }.into_any(),
        Screen::EditActivity => view! { <EditActivityPage /> }.into_any(),
        Screen::NewShift => view! { <NewShiftPage /> }.into_any(),
        Screen::GenerateShifts => view! { <GenerateShiftsPage /> }.into_any(),
        Screen::CheckIn => view! { <CheckInPage /> }.into_any(),
        Screen::RosterSheet => view! { <RosterSheetPage /> }.into_any(),
        Screen::ShiftDetail => view! { <ShiftDetailPage /> }.into_any(),
        Screen::EditShift => view! { <EditShiftPage /> }.into_any(),
        Screen::OpenShifts => view! { <OpenShiftsPage /> }.into_any(),
        Screen::TodayOpenShifts => view! { <crate::ui::parts::open_shifts::OpenShiftsOnToday /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
});

chunk!(volunteers, preload_volunteers, fn volunteers_screen(screen) {
    match screen {
        Screen::Volunteers => view! { <VolunteersPage /> }.into_any(),
        Screen::NewVolunteer => view! { <NewVolunteerPage /> }.into_any(),
        Screen::VolunteerDetail => view! { <VolunteerDetailPage /> }.into_any(),
        Screen::EditVolunteer => view! { <EditVolunteerPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
});

chunk!(data, preload_data, fn data_screen(screen) {
    match screen {
        Screen::Data => view! { <DataPage /> }.into_any(),
        Screen::More => view! { <MorePage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
});

chunk!(qr, preload_qr, fn qr_screen(screen) {
    match screen {
        Screen::QrSend => view! { <crate::ui::qr::send::QrSendPage /> }.into_any(),
        Screen::QrReceive => view! { <crate::ui::qr::receive::QrReceivePage /> }.into_any(),
        Screen::FrontPoster => view! { <crate::ui::qr::code::FrontPosterPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
});

chunk!(report, preload_report, fn report_screen(screen) {
    match screen {
        Screen::Report => view! { <ReportPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    }
});

/// The modules of `text`'s QR code, made in a chunk of their own: the
/// sending screen and the printed sheets (two other chunks) share it, and
/// the QR encoder stays out of the first visit.
#[cfg_attr(
    all(target_arch = "wasm32", not(debug_assertions)),
    leptos::wasm_split::wasm_split(qrcode, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn qr_modules_here(text: String) -> Result<Option<(usize, Vec<bool>)>, ChunkMissing> {
    Ok(crate::ui::qr::code::modules(&text))
}

/// `text`'s QR code as (width, dark modules); None when it does not fit a
/// QR code or the chunk could not be fetched.
pub async fn qr_modules(text: String) -> Option<(usize, Vec<bool>)> {
    #[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
    let made = qr_modules_here(text).await;
    #[cfg(not(all(target_arch = "wasm32", not(debug_assertions))))]
    let made = qr_modules_here(text);
    made.ok().flatten()
}

/// Builds `screen`'s view, fetching its chunk first if it is not here yet.
async fn build(screen: Screen) -> Result<AnyView, ChunkMissing> {
    // In a release build each chunk function is async (it may fetch).
    #[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
    macro_rules! call {
        ($f:ident) => {
            $f(screen).await
        };
    }
    #[cfg(not(all(target_arch = "wasm32", not(debug_assertions))))]
    macro_rules! call {
        ($f:ident) => {
            $f(screen)
        };
    }
    use Screen::*;
    match screen {
        Spaces | FindSpace | NewSpace | SpaceDetail | EditSpace | Book | DoorSheet | MyBookings
        | BookingDetail | EditBooking => call!(spaces_screen),
        Rosters | NewActivity | ActivityDetail | EditActivity | NewShift | GenerateShifts
        | CheckIn | RosterSheet | ShiftDetail | EditShift | OpenShifts | TodayOpenShifts => {
            call!(rosters_screen)
        }
        Volunteers | NewVolunteer | VolunteerDetail | EditVolunteer => call!(volunteers_screen),
        Data | More => call!(data_screen),
        Report => call!(report_screen),
        QrSend | QrReceive | FrontPoster => call!(qr_screen),
    }
}

/// Fetches every chunk once per page load, after the frame being drawn,
/// so each screen opens at once. Called when Today is painted; a chunk
/// that fails now is fetched again when its screen opens. (Offline use
/// does not depend on this: the service worker caches every chunk.)
pub fn fetch_all_chunks() {
    #[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
    {
        thread_local! {
            static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        }
        if STARTED.replace(true) {
            return;
        }
        request_animation_frame(|| {
            leptos::task::spawn_local(async {
                let _ = preload_spaces().await;
                let _ = preload_rosters().await;
                let _ = preload_volunteers().await;
                let _ = preload_data().await;
                let _ = preload_report().await;
                let _ = preload_qr().await;
            })
        });
    }
}

/// A route's view: the screen, once its chunk is here; a translated
/// message with "retry" if it could not be fetched.
#[component]
pub fn Lazy(screen: Screen) -> impl IntoView {
    let i18n = use_i18n();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, app.loading)}</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match build(screen).await {
                        Ok(view) => view,
                        Err(ChunkMissing) => view! {
                            <section class="error-panel" role="alert" data-testid="screen-missing">
                                <p>{t!(i18n, app.screen_missing)}</p>
                                <button
                                    type="button"
                                    class="button primary"
                                    data-testid="screen-retry"
                                    on:click=move |_| attempt.update(|n| *n += 1)
                                >
                                    {t!(i18n, app.retry)}
                                </button>
                            </section>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
