use crate::ui::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, app.not_found)}</h1>
        <p><A href="/">{t!(i18n, app.go_home)}</A></p>
    }
}
