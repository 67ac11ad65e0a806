//! 更多 (More): in elder mode the tab bar keeps four tabs with labels of
//! full size, and the rest of the app is one tap further, here, as big
//! buttons.

use crate::ui::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MorePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 data-testid="page-title">{t!(i18n, more.title)}</h1>
        <nav class="more-list" aria-labelledby="more-places" data-testid="more-list">
            <h2 id="more-places" class="visually-hidden">{t!(i18n, more.title)}</h2>
            <A href="/volunteers" attr:class="button" attr:data-testid="more-volunteers">{t!(i18n, tabs.volunteers)}</A>
            <A href="/my-bookings" attr:class="button" attr:data-testid="more-my-bookings">{t!(i18n, me.title)}</A>
            <A href="/open-shifts" attr:class="button" attr:data-testid="more-open-shifts">{t!(i18n, open_shifts.title)}</A>
            <A href="/report" attr:class="button" attr:data-testid="more-report">{t!(i18n, report.title)}</A>
            <A href="/data" attr:class="button" attr:data-testid="more-data">{t!(i18n, more.data)}</A>
        </nav>
    }
}
