//! Saying what went wrong: a storage failure explained, a list of the
//! rules a change broke; and "loading" or the failure while data is read.

use super::chrome::Loading;
use crate::store::{StoreErrorKind, StoreResult};
use crate::ui::format;
use crate::ui::i18n::*;
use leptos::prelude::*;

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

/// The storage failure `kind` holds, if any, explained.
#[component]
pub fn Failure(#[prop(into)] kind: Signal<Option<StoreErrorKind>>) -> impl IntoView {
    move || kind.get().map(|kind| view! { <ErrorPanel kind=kind /> })
}

/// The rules a change broke, each translated, under an optional heading,
/// with whatever the screen adds below (what would fit instead); nothing
/// when the list is empty.
#[component]
pub fn RefusalList(
    items: Vec<String>,
    #[prop(optional, into)] title: Option<String>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="refusal" role="alert" data-testid=testid>
                {title.map(|t| view! { <h2>{t}</h2> })}
                <ul>{items.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                {children.map(|c| c())}
            </section>
        }
    })
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
