//! What every screen stands in: the app bar with the language switch, the
//! tab bar, the way back, and "loading".

use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::locale;
use leptos::prelude::*;
use leptos_router::components::A;

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
        locale::remember_choice(next.as_ref());
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, app.skip_to_content)}</a>
        <header class="app-bar">
            <span class="app-name">{t!(i18n, app.name)}</span>
            <crate::ui::pwa::OfflineBadge />
            <div class="bar-actions">
                <ElderSwitch />
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
            </div>
        </header>
    }
}

/// 长辈模式 on or off in one tap; pressed shows as a tick, not by colour.
#[component]
fn ElderSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let elder = crate::ui::elder::use_elder();
    view! {
        <button
            type="button"
            class="elder-switch"
            data-testid="elder-switch"
            aria-pressed=move || if elder.is_on() { "true" } else { "false" }
            on:click=move |_| elder.toggle()
        >
            <span class="elder-tick" aria-hidden="true">{move || if elder.is_on() { "✓ " } else { "" }}</span>
            {t!(i18n, app.elder_mode)}
        </button>
    }
}

/// The tabs: where each goes, what marks it, and its name. Five show in
/// normal mode; elder mode shows the first three and "more" (the
/// stylesheet picks), so that four labels of 20 px fit a 360 px phone.
const TABS: [(&str, &str, &str); 6] = [
    ("/", "today", "◷"),
    ("/spaces", "spaces", "⌂"),
    ("/rosters", "rosters", "☰"),
    ("/volunteers", "volunteers", "☺"),
    ("/data", "data", "⇅"),
    ("/more", "more", "⋯"),
];

/// Where elder mode's "more" leads, in the order its page lists them
/// (`pages/more.rs`); on each of them "more" is the tab marked.
pub const MORE_PLACES: [&str; 5] = [
    "/volunteers",
    "/my-bookings",
    "/open-shifts",
    "/report",
    "/data",
];

/// The tabs at the bottom of the phone screen.
#[component]
pub fn TabBar() -> impl IntoView {
    let i18n = use_i18n();
    let name = move |tab: &str| match tab {
        "today" => t_string!(i18n, tabs.today),
        "spaces" => t_string!(i18n, tabs.spaces),
        "rosters" => t_string!(i18n, tabs.rosters),
        "volunteers" => t_string!(i18n, tabs.volunteers),
        "more" => t_string!(i18n, tabs.more),
        _ => t_string!(i18n, tabs.data),
    };
    // "More" is the current tab on every place it leads to, not only on
    // itself: a plain link (the router still takes its taps) whose
    // aria-current says so.
    let location = leptos_router::hooks::use_location();
    let under_more = move || {
        let path = location.pathname.get();
        path == "/more"
            || MORE_PLACES
                .iter()
                .any(|p| path == *p || path.starts_with(&format!("{p}/")))
    };
    view! {
        <nav class="tab-bar" aria-label=move || t_string!(i18n, tabs.label)>
            {TABS.map(|(href, tab, icon)| if tab == "more" {
                view! {
                    <a href=href data-tab=tab aria-current=move || under_more().then_some("page")>
                        <span class="tab-icon" aria-hidden="true">{icon}</span>
                        <span>{move || name(tab)}</span>
                    </a>
                }.into_any()
            } else {
                view! {
                    <A href=href exact=href == "/" attr:data-tab=tab>
                        <span class="tab-icon" aria-hidden="true">{icon}</span>
                        <span>{move || name(tab)}</span>
                    </A>
                }.into_any()
            }).collect_view()}
        </nav>
    }
}

/// The days of the week as boxes to tick (1 = Monday).
#[component]
pub fn WeekdayPicks(
    /// Whether a day is ticked.
    ticked: impl Fn(u8) -> bool + Copy + Send + Sync + 'static,
    /// A day ticked (true) or unticked.
    pick: impl Fn(u8, bool) + Copy + Send + Sync + 'static,
    #[prop(optional, into)] label: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="weekday-picks" role="group" aria-label=move || label.map(|l| l.get())>
            {(1..=7u8).map(|wd| view! {
                <label class="check">
                    <input type="checkbox" name=format!("weekday-{wd}")
                        prop:checked=move || ticked(wd)
                        on:change=move |ev| pick(wd, event_target_checked(&ev)) />
                    <span>{move || format::weekday_name(i18n, wd)}</span>
                </label>
            }).collect_view()}
        </div>
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
