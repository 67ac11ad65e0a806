//! Pieces shared by several pages.

use super::format;
use super::i18n::*;
use super::state::{use_app, use_store_data, AppState};
use crate::store::{StoreErrorKind, StoreResult};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::future::Future;
use uuid::Uuid;

/// The app bar: name and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = match i18n.get_locale() {
            Locale::zh_CN => Locale::en,
            Locale::en => Locale::zh_CN,
        };
        i18n.set_locale(next);
        super::locale::remember_choice(next.as_ref());
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, app.skip_to_content)}</a>
        <header class="app-bar">
            <span class="app-name">{t!(i18n, app.name)}</span>
            <super::pwa::OfflineBadge />
            <button
                type="button"
                class="lang-switch"
                data-testid="lang-switch"
                aria-label=move || t_string!(i18n, app.switch_language_label)
                on:click=switch
            >
                {t!(i18n, app.switch_language)}
            </button>
        </header>
    }
}

/// The five tabs at the bottom of the phone screen.
#[component]
pub fn TabBar() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tab-bar" aria-label=move || t_string!(i18n, tabs.label)>
            <A href="/" exact=true attr:data-tab="today">
                <span class="tab-icon" aria-hidden="true">"◷"</span>
                <span>{t!(i18n, tabs.today)}</span>
            </A>
            <A href="/spaces" attr:data-tab="spaces">
                <span class="tab-icon" aria-hidden="true">"⌂"</span>
                <span>{t!(i18n, tabs.spaces)}</span>
            </A>
            <A href="/rosters" attr:data-tab="rosters">
                <span class="tab-icon" aria-hidden="true">"☰"</span>
                <span>{t!(i18n, tabs.rosters)}</span>
            </A>
            <A href="/volunteers" attr:data-tab="volunteers">
                <span class="tab-icon" aria-hidden="true">"☺"</span>
                <span>{t!(i18n, tabs.volunteers)}</span>
            </A>
            <A href="/data" attr:data-tab="data">
                <span class="tab-icon" aria-hidden="true">"⇅"</span>
                <span>{t!(i18n, tabs.data)}</span>
            </A>
        </nav>
    }
}

/// A translated explanation of a storage failure.
#[component]
pub fn ErrorPanel(kind: StoreErrorKind) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="error-panel" role="alert">
            <h2>{t!(i18n, errors.title)}</h2>
            <p>{move || format::store_error(i18n, kind)}</p>
        </section>
    }
}

/// Shows "loading" until `data` arrives, the error if reading failed, and
/// otherwise what `render` makes of it.
pub fn when_loaded<T, V>(data: Option<StoreResult<T>>, render: impl FnOnce(T) -> V) -> AnyView
where
    V: IntoView + 'static,
{
    match data {
        None => view! { <Loading /> }.into_any(),
        Some(Err(err)) => {
            leptos::logging::error!("{err}");
            view! { <ErrorPanel kind=err.kind /> }.into_any()
        }
        Some(Ok(value)) => render(value).into_any(),
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" aria-live="polite">{t!(i18n, app.loading)}</p> }
}

/// A heading with a link back to the list it belongs to.
#[component]
pub fn BackLink(href: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <A href=href attr:class="back-link">
            <span aria-hidden="true">"‹ "</span>
            {t!(i18n, app.back)}
        </A>
    }
}

/// One booking in a list: time, title, where, and its status.
#[component]
pub fn BookingItem(
    booking: crate::domain::Booking,
    #[prop(optional)] space_name: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = booking.status;
    let (start, end) = (booking.start, booking.end);
    let status_class = match status {
        crate::domain::BookingStatus::Requested => "badge badge-wait",
        crate::domain::BookingStatus::Confirmed => "badge badge-ok",
        _ => "badge badge-off",
    };
    let attendance = booking.check_in.map(|c| c.attendance);
    view! {
        <li class="item booking-item" data-status=format!("{status:?}").to_lowercase()>
            <span class="item-time">{move || format::time_range(i18n, start, end)}</span>
            <span class="item-main">
                <A href=format!("/bookings/{}", booking.meta.id) attr:class="item-title">{booking.title.clone()}</A>
                <span class="item-sub">
                    {space_name.map(|n| view! { <span class="item-space">{n}</span> })}
                    <span>{booking.organiser.name.clone()}</span>
                    {attendance.map(|n| view! { <span>{t!(i18n, booking.checked_in, count = move || n)}</span> })}
                </span>
            </span>
            <span class=status_class>{move || format::booking_status(i18n, status)}</span>
        </li>
    }
}

/// Bookings under a heading per day, each with its space's name.
#[component]
pub fn BookingDays(
    days: Vec<(jiff::civil::Date, Vec<crate::domain::Booking>)>,
    spaces: std::collections::HashMap<Uuid, String>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div data-testid=testid>
            {days.into_iter().map(|(day, list)| {
                let spaces = spaces.clone();
                view! {
                    <h3 class="day-heading">{move || format::date_label(i18n, day)}</h3>
                    <ul class="list">
                        {list.into_iter().map(|b| {
                            let name = spaces.get(&b.space_id).cloned().unwrap_or_default();
                            view! { <BookingItem booking=b space_name=name /> }
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
        </div>
    }
}

/// "2/3" people on a shift, marked when short.
#[component]
pub fn CoverageBadge(coverage: crate::domain::Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let class = if coverage.short_by() > 0 {
        "badge badge-short"
    } else {
        "badge badge-ok"
    };
    let (filled, needed) = (coverage.filled, coverage.needed_min);
    view! {
        <span class=class data-testid="coverage">
            {t!(i18n, fmt.coverage, filled = move || filled, needed = move || needed)}
        </span>
    }
}

/// The `:id` of the current route, if it is a well-formed id.
fn route_id() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| Uuid::parse_str(&id).ok())
    })
}

/// A detail screen: a link back to its list, then the record the route's
/// `:id` names, or a "not found" note when it names nothing live.
pub fn detail_page<T, Fut, V>(
    back: &'static str,
    load: impl Fn(AppState, Uuid) -> Fut + Copy + 'static,
    render: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = StoreResult<Option<T>>> + 'static,
    V: IntoView + 'static,
{
    let id = route_id();
    let data = use_store_data(move |state| {
        let id = id.get();
        async move {
            match id {
                Some(id) => load(state, id).await,
                None => Ok(None),
            }
        }
    });
    view! {
        <BackLink href=back />
        {move || when_loaded(data.get(), move |found: Option<T>| match found {
            Some(record) => render(record).into_any(),
            None => view! { <MissingRecord back=back /> }.into_any(),
        })}
    }
}

/// Shown when a link names a record that does not exist (or was deleted).
#[component]
fn MissingRecord(back: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, app.not_found_record)}</h1>
        <p><A href=back>{t!(i18n, app.back)}</A></p>
    }
}

/// Sets or clears which volunteer this phone belongs to ("me").
#[component]
pub fn MeSwitch(id: Uuid, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let error = RwSignal::new(None::<StoreErrorKind>);
    let is_me = move || state.settings.with(|s| s.me == Some(id));
    let set = move |me: Option<Uuid>| {
        leptos::task::spawn_local(async move {
            if let Err(e) = state.update_settings(|s| s.me = me).await {
                error.set(Some(e.kind));
            }
        });
    };
    view! {
        {move || error.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
        <div class="me-switch" data-testid="me-switch">
            {move || if is_me() {
                let name = name.clone();
                view! {
                    <p class="notice" data-testid="is-me">{t!(i18n, me.is_me, name = move || name.clone())}</p>
                    <button type="button" class="button small" data-testid="not-me" on:click=move |_| set(None)>{t!(i18n, me.not_me)}</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button small" data-testid="this-is-me" on:click=move |_| set(Some(id))>{t!(i18n, me.this_is_me)}</button>
                }.into_any()
            }}
        </div>
    }
}

/// A phone number masked in view, revealed by a tap, then callable.
#[component]
pub fn Phone(phone: String) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    if phone.is_empty() {
        return view! { <span></span> }.into_any();
    }
    let tel = format!("tel:{}", phone.replace(' ', ""));
    let masked = crate::domain::masked_phone(&phone);
    view! {
        <span class="phone" data-testid="phone">
            {move || if shown.get() { phone.clone() } else { masked.clone() }}
            " "
            <Show when=move || !shown.get()>
                <button type="button" class="link-button" data-testid="reveal-phone" on:click=move |_| shown.set(true)>{t!(i18n, volunteers.reveal)}</button>
            </Show>
            <Show when=move || shown.get()>
                <a href=tel.clone() class="button small" data-testid="call">{t!(i18n, volunteers.call)}</a>
            </Show>
        </span>
    }
    .into_any()
}
