//! The screens beyond Today, in six chunks (spaces and bookings, rosters,
//! volunteers, data, the monthly report, QR transfer). The release build splits each chunk off the main
//! wasm (`scripts/split.mjs`, run by Trunk after its build), so a first
//! visit downloads the shell and Today; the chunks are fetched once Today
//! is painted, and the service worker keeps them for offline use. In a
//! debug build (wasm tests) the same functions are plain calls.
//!
//! Every screen beyond Today is one line of the table at the end of this
//! file — its route, its chunk and its page — from which the `Screen`
//! enum, the routes, each chunk's dispatch and the preloading are made.
//!
//! A chunk that cannot be fetched (the network dropped before it arrived)
//! is an error value shown with a retry button, never a panic.

use super::chunk::{from_chunk, ChunkMissing};
use super::i18n::*;
use super::pages::*;
use super::parts::open_shifts::OpenShiftsOnToday;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

/// Makes, from one table of chunks and their screens: the `Screen` enum;
/// each chunk's split point (in a release build; a plain function
/// otherwise), which builds its screens; `build`, which fetches a
/// screen's chunk and builds it; `fetch_all_chunks`; and `ScreenRoutes`,
/// the route table. A screen with a path has a route; one without is a
/// part of a page kept in that chunk.
macro_rules! screens {
    ($(
        $chunk:ident, $preload:ident, $build:ident {
            $( $(#[$doc:meta])* $screen:ident => $page:ident $( at $path:tt )?, )+
        }
    )+) => {
        /// A screen whose code lives in a chunk.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Screen {
            $($( $(#[$doc])* $screen, )+)+
        }

        $(
            #[cfg_attr(
                all(target_arch = "wasm32", not(debug_assertions)),
                leptos::wasm_split::wasm_split(
                    $chunk,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible,
                    preload($preload)
                )
            )]
            fn $build(screen: Screen) -> Result<AnyView, ChunkMissing> {
                Ok(match screen {
                    $( Screen::$screen => view! { <$page /> }.into_any(), )+
                    #[allow(unreachable_patterns)]
                    _ => view! { <NotFoundPage /> }.into_any(),
                })
            }
        )+

        /// Builds `screen`'s view, fetching its chunk first if it is not here yet.
        async fn build(screen: Screen) -> Result<AnyView, ChunkMissing> {
            match screen {
                $(
                    $( Screen::$screen )|+ => from_chunk!($build(screen)),
                )+
            }
        }

        /// Fetches every chunk once per page load, after the frame being
        /// drawn, so each screen opens at once. Called when Today is
        /// painted; a chunk that fails now is fetched again when its screen
        /// opens. (Offline use does not depend on this: the service worker
        /// caches every chunk.)
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
                        $( let _ = $preload().await; )+
                    })
                });
            }
        }

        /// The app's routes: Today, and every screen of the table.
        #[component]
        pub fn ScreenRoutes() -> impl IntoView {
            view! {
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=TodayPage />
                    $($($(
                        <Route path=path!($path) view=|| view! { <Lazy screen=Screen::$screen /> } />
                    )?)+)+
                </Routes>
            }
        }
    };
}

screens! {
    spaces, preload_spaces, spaces_screen {
        Spaces => SpacesPage at "/spaces",
        FindSpace => FindSpacePage at "/find",
        NewSpace => NewSpacePage at "/spaces/new",
        SpaceDetail => SpaceDetailPage at "/spaces/:id",
        EditSpace => EditSpacePage at "/spaces/:id/edit",
        Book => BookPage at "/spaces/:id/book",
        DoorSheet => DoorSheetPage at "/spaces/:id/door",
        MyBookings => MyBookingsPage at "/my-bookings",
        BookingDetail => BookingDetailPage at "/bookings/:id",
        EditBooking => EditBookingPage at "/bookings/:id/edit",
    }
    rosters, preload_rosters, rosters_screen {
        Rosters => RostersPage at "/rosters",
        NewActivity => NewActivityPage at "/rosters/new",
        ActivityDetail => ActivityDetailPage at "/rosters/:id",
        EditActivity => EditActivityPage at "/rosters/:id/edit",
        NewShift => NewShiftPage at "/rosters/:id/shifts/new",
        GenerateShifts => GenerateShiftsPage at "/rosters/:id/generate",
        CheckIn => CheckInPage at "/rosters/:id/check-in",
        RosterSheet => RosterSheetPage at "/rosters/:id/print",
        ShiftDetail => ShiftDetailPage at "/shifts/:id",
        EditShift => EditShiftPage at "/shifts/:id/edit",
        OpenShifts => OpenShiftsPage at "/open-shifts",
        /// Today's "shifts I can take", a part of Today kept in this chunk.
        TodayOpenShifts => OpenShiftsOnToday,
    }
    volunteers, preload_volunteers, volunteers_screen {
        Volunteers => VolunteersPage at "/volunteers",
        NewVolunteer => NewVolunteerPage at "/volunteers/new",
        VolunteerDetail => VolunteerDetailPage at "/volunteers/:id",
        EditVolunteer => EditVolunteerPage at "/volunteers/:id/edit",
        VolunteerPersonal => VolunteerPersonalPage at "/volunteers/:id/personal",
    }
    data, preload_data, data_screen {
        Data => DataPage at "/data",
        /// Elder mode's "more" tab: the places beyond its four tabs.
        More => MorePage at "/more",
        Privacy => PrivacyPage at "/privacy",
    }
    report, preload_report, report_screen {
        Report => ReportPage at "/report",
    }
    qr, preload_qr, qr_screen {
        QrSend => QrSendPage at "/qr/send",
        QrReceive => QrReceivePage at "/qr/receive",
        FrontPoster => FrontPosterPage at "/qr/poster",
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
