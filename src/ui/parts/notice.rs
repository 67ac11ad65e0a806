//! The short notice where personal data is taken (告知): what is kept,
//! why, who sees it, for how long — with the community's full notice a
//! tap away.

use crate::ui::i18n::*;
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::components::A;

/// Where the data is taken.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NoticeFor {
    Volunteer,
    Booking,
    Sync,
}

#[component]
pub fn PrivacyNotice(at: NoticeFor) -> impl IntoView {
    let i18n = use_i18n();
    let months = use_app().settings.with_untracked(|s| s.contact_months);
    let text = move || match at {
        NoticeFor::Volunteer => t_string!(i18n, notice.volunteer).to_string(),
        NoticeFor::Booking => t_string!(i18n, notice.booking, months = months).to_string(),
        NoticeFor::Sync => t_string!(i18n, notice.sync).to_string(),
    };
    view! {
        <p class="hint privacy-notice" data-testid="privacy-notice">
            {text} " " <A href="/privacy" attr:data-testid="privacy-link">{t!(i18n, notice.full)}</A>
        </p>
    }
}

/// The full notice: the community's own text, or the default one.
#[component]
pub fn FullNotice() -> impl IntoView {
    let i18n = use_i18n();
    let own = use_app()
        .settings
        .with_untracked(|s| s.privacy_notice.clone());
    let text = move || {
        if own.trim().is_empty() {
            t_string!(i18n, notice.default_text).to_string()
        } else {
            own.clone()
        }
    };
    move || {
        text()
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .map(|p| view! { <p>{p}</p> })
            .collect_view()
    }
}
