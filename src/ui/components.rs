//! Pieces shared by several pages.

use super::format;
use super::i18n::*;
use super::state::{use_app, use_store_data, AppState};
use crate::store::{StoreErrorKind, StoreResult};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::any::Any;
use std::collections::HashMap;
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
            // The accessible name starts with the visible word (WCAG 2.5.3),
            // and that word is marked as the language it is in.
            <button
                type="button"
                class="lang-switch"
                data-testid="lang-switch"
                aria-label=move || t_string!(i18n, app.switch_language_label)
                on:click=switch
            >
                <span lang=move || match i18n.get_locale() {
                    Locale::zh_CN => "en",
                    Locale::en => "zh-CN",
                }>{t!(i18n, app.switch_language)}</span>
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

/// What a screen's inputs hold, kept by the screen itself rather than by the
/// part of it that is drawn again whenever the data changes (a save in
/// another tab redraws a detail page; the reason being typed stays).
#[derive(Clone, Copy)]
struct ScreenInputs {
    owner: StoredValue<Owner>,
    kept: StoredValue<HashMap<String, Box<dyn Any + Send + Sync>>>,
}

/// A signal for something typed or chosen on the current screen, created
/// once per `key` for as long as the screen is open. Outside a screen made
/// by `detail_page` or `form_page` it is a plain signal.
pub fn kept<T: Clone + Send + Sync + 'static>(
    key: impl Into<String>,
    initial: impl FnOnce() -> T,
) -> RwSignal<T> {
    let Some(screen) = use_context::<ScreenInputs>() else {
        return RwSignal::new(initial());
    };
    let key = key.into();
    let found = screen.kept.with_value(|m| {
        m.get(&key)
            .and_then(|b| b.downcast_ref::<RwSignal<T>>())
            .copied()
    });
    if let Some(signal) = found {
        return signal;
    }
    let signal = screen
        .owner
        .with_value(|o| o.with(|| RwSignal::new(initial())));
    screen.kept.update_value(|m| {
        m.insert(key, Box::new(signal));
    });
    signal
}

fn provide_screen_inputs() {
    if let Some(owner) = Owner::current() {
        provide_context(ScreenInputs {
            owner: StoredValue::new(owner),
            kept: StoredValue::new(HashMap::new()),
        });
    }
}

/// The route's record as read now, with the id it was read for; read
/// again after every write.
type Reading<T> = Memo<Option<(Option<Uuid>, StoreResult<Option<T>>)>>;

fn read_route_record<T, Fut>(load: impl Fn(AppState, Uuid) -> Fut + Copy + 'static) -> Reading<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
    Fut: Future<Output = StoreResult<Option<T>>> + 'static,
{
    let id = route_id();
    let data = use_store_data(move |state| {
        let id = id.get();
        async move {
            let found = match id {
                Some(id) => load(state, id).await,
                None => Ok(None),
            };
            Ok((id, found))
        }
    });
    // Redraw only when what was read differs: a write elsewhere that does
    // not touch this record leaves the screen as it is.
    Memo::new(move |_| data.get().map(|r| r.unwrap_or_else(|e| (None, Err(e)))))
}

/// The record as `render` shows it, "loading", the error, or "not found".
fn record_view<T, V>(
    read: Option<StoreResult<Option<T>>>,
    back: &'static str,
    render: impl Fn(T) -> V,
) -> AnyView
where
    V: IntoView + 'static,
{
    when_loaded(read, move |found: Option<T>| match found {
        Some(record) => render(record).into_any(),
        None => view! { <MissingRecord back=back /> }.into_any(),
    })
}

/// A detail screen: a link back to its list, then the record the route's
/// `:id` names, or a "not found" note when it names nothing live. It is
/// drawn again when that record (or what `load` reads with it) changes.
pub fn detail_page<T, Fut, V>(
    back: &'static str,
    load: impl Fn(AppState, Uuid) -> Fut + Copy + 'static,
    render: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    Fut: Future<Output = StoreResult<Option<T>>> + 'static,
    V: IntoView + 'static,
{
    provide_screen_inputs();
    let reading = read_route_record(load);
    view! {
        <BackLink href=back />
        {move || record_view(reading.get().map(|(_, r)| r), back, render)}
    }
}

/// A form screen for the route's record. The form is filled from the
/// record once and keeps what the person types: when the record changes
/// underneath (another tab, an import) it says so and offers the new
/// version instead of wiping the typing.
pub fn form_page<T, Fut, V>(
    back: &'static str,
    load: impl Fn(AppState, Uuid) -> Fut + Copy + 'static,
    render: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    Fut: Future<Output = StoreResult<Option<T>>> + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    provide_screen_inputs();
    let latest = read_route_record(load);
    // The version the form was filled from.
    let shown = RwSignal::new(None::<(Option<Uuid>, StoreResult<Option<T>>)>);
    Effect::new(move |_| {
        let Some((id, now)) = latest.get() else {
            return;
        };
        // The first reading, or another record's (the route moved on).
        if shown.with_untracked(|s| s.as_ref().is_none_or(|(at, _)| *at != id)) {
            shown.set(Some((id, now)));
        }
    });
    let changed = move || {
        let (Some((a, was)), Some((b, now))) = (shown.get(), latest.get()) else {
            return None;
        };
        (a == b && was != now).then_some(matches!(now, Ok(None)))
    };
    let take_new = move |_| shown.set(latest.get_untracked());
    view! {
        <BackLink href=back />
        {move || changed().map(|gone| view! {
            <section class="changed-elsewhere" role="status" data-testid="changed-elsewhere">
                {if gone {
                    view! { <p>{t!(i18n, app.deleted_elsewhere)}</p> }.into_any()
                } else {
                    view! {
                        <p>{t!(i18n, app.changed_elsewhere)}</p>
                        <button type="button" class="button small" data-testid="load-new-version" on:click=take_new>
                            {t!(i18n, app.load_new_version)}
                        </button>
                    }.into_any()
                }}
            </section>
        })}
        {move || record_view(shown.get().map(|(_, r)| r), back, render)}
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
