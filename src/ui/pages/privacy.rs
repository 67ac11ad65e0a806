//! The community's full notice on personal data, linked from every place
//! that takes it.

use crate::ui::components::BackLink;
use crate::ui::i18n::*;
use crate::ui::parts::notice::FullNotice;
use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <BackLink href="/" />
        <h1 data-testid="page-title">{t!(i18n, notice.title)}</h1>
        <article class="privacy-text" data-testid="privacy-text">
            <FullNotice />
        </article>
    }
}
