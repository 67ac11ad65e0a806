//! Record screens: the record a route names, read and drawn again when it
//! changes; forms filled once that say when their record changed; and
//! inputs held by the screen so that a redraw keeps what is typed.

use super::chrome::BackLink;
use super::feedback::when_loaded;
use crate::store::StoreResult;
use crate::ui::i18n::*;
use crate::ui::state::{use_store_data, AppState};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use uuid::Uuid;

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
