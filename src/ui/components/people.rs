//! A person on screen: "this is me", and a phone number shown masked.

use super::feedback::Failure;
use crate::store::StoreError;
use crate::ui::i18n::*;
use crate::ui::save::{act, Save};
use crate::ui::state::use_app;
use leptos::prelude::*;
use uuid::Uuid;

/// Sets or clears which volunteer this phone belongs to ("me").
#[component]
pub fn MeSwitch(id: Uuid, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let is_me = move || state.settings.with(|s| s.me == Some(id));
    let choose: Save<Option<Uuid>, StoreError> = act(
        |state, me| async move { state.update_settings(|s| s.me = me).await },
        |_| {},
    );
    let set = move |me: Option<Uuid>| choose.run(me);
    view! {
        <Failure kind=choose.store_failure() />
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
