//! The front page's QR code on a sheet of its own, to print and pin up.

use crate::ui::i18n::*;
use crate::ui::qr::code::PosterCode;
use leptos::prelude::*;

/// The front page's code on a sheet of its own, to print and pin up.
#[component]
pub fn FrontPosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let print = move |_| {
        // A browser without printing (some in-app webviews) ignores it.
        let _ = window().print();
    };
    view! {
        <div class="print-bar no-print">
            <button type="button" class="button primary" data-testid="print" on:click=print>{t!(i18n, print.button)}</button>
        </div>
        <article class="sheet front-poster">
            <h1 data-testid="page-title">{t!(i18n, qr.front_title)}</h1>
            <PosterCode path="/".to_string() />
        </article>
    }
}
