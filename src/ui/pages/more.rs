//! 更多 (More): in elder mode the tab bar keeps four tabs with labels of
//! full size, and the rest of the app is one tap further, here, as big
//! buttons.

use crate::ui::components::MORE_PLACES;
use crate::ui::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MorePage() -> impl IntoView {
    let i18n = use_i18n();
    let name = move |href: &str| match href {
        "/volunteers" => t_string!(i18n, tabs.volunteers),
        "/my-bookings" => t_string!(i18n, me.title),
        "/open-shifts" => t_string!(i18n, open_shifts.title),
        "/report" => t_string!(i18n, report.title),
        _ => t_string!(i18n, more.data),
    };
    view! {
        <h1 data-testid="page-title">{t!(i18n, more.title)}</h1>
        <nav class="more-list" aria-labelledby="more-places" data-testid="more-list">
            <h2 id="more-places" class="visually-hidden">{t!(i18n, more.title)}</h2>
            {MORE_PLACES.map(|href| view! {
                <A href=href attr:class="button" attr:data-testid=format!("more-{}", &href[1..])>{move || name(href)}</A>
            }).collect_view()}
        </nav>
    }
}
