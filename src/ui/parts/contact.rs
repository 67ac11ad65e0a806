//! A resident's phone number and room on a booking request: sealed on the
//! resident's phone before the request is saved, opened on committee phones
//! that hold the community's contact key (`sync::contact`, `crate::seal`).

use crate::domain::{masked_phone, Booking};
use crate::seal::{self, SealError};
use crate::sync::{Contact, ContactKey};
use crate::ui::i18n::*;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// On a resident's phone, seals the request's contact for the committee,
/// or, where the community has no contact key yet, leaves it out (the form
/// did not ask for it). Other phones' bookings are left as they are.
pub async fn seal_request(state: &AppState, booking: &mut Booking) -> Result<(), SealError> {
    if state.resident().is_none() {
        return Ok(());
    }
    let o = &mut booking.organiser;
    let contact = Contact {
        phone: o.phone.clone(),
        room: o.room.clone(),
    };
    o.sealed.clear();
    if contact.is_empty() {
        return Ok(());
    }
    match state.store().contact_key().await.ok().flatten() {
        Some(key) => o.sealed = seal::seal(&key, &contact).await?,
        None => {
            o.phone.clear();
            o.room.clear();
        }
    }
    Ok(())
}

/// Whether a resident's phone can send its contact: the community has a
/// contact key. Other phones always ask.
pub fn asks_contact(state: &AppState, key: Option<&ContactKey>) -> bool {
    state.resident().is_none() || key.is_some()
}

/// The phone and room a booking shows: its own, or on a committee phone a
/// resident's sealed contact opened with the community's key.
#[component]
pub fn BookingContact(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let o = booking.organiser;
    if !o.phone.is_empty() || !o.room.is_empty() || o.sealed.is_empty() || !state.manages() {
        return view! { <ContactFacts phone=o.phone room=o.room sealed=false /> }.into_any();
    }
    // Sealed by a resident: open it here if this phone holds the key.
    let opened = RwSignal::new(None::<Result<Contact, SealError>>);
    let sealed = o.sealed;
    spawn_local(async move {
        let key = state.store().contact_key().await.ok().flatten();
        let result = match key.filter(ContactKey::opens) {
            Some(key) => seal::open(&key, &sealed).await,
            None => Err(SealError::OtherKey),
        };
        opened.set(Some(result));
    });
    view! {
        {move || match opened.get() {
            None => ().into_any(),
            Some(Ok(c)) => view! { <ContactFacts phone=c.phone room=c.room sealed=true /> }.into_any(),
            Some(Err(e)) => view! {
                <dt>{t!(i18n, booking.phone)}</dt>
                <dd class="hint" data-testid="sealed-contact-closed">{move || match e {
                    SealError::OtherKey => t_string!(i18n, contact.no_key),
                    _ => t_string!(i18n, contact.unreadable),
                }}</dd>
            }.into_any(),
        }}
    }
    .into_any()
}

/// The phone and room as facts of the booking's list; a contact a
/// resident sealed says so under the last of them (inside it: the list
/// pairs every term with its description).
#[component]
fn ContactFacts(phone: String, room: String, sealed: bool) -> impl IntoView {
    let i18n = use_i18n();
    let tel = format!("tel:{phone}");
    let note = move || {
        view! { <small class="hint block" data-testid="sealed-contact-opened">{t!(i18n, contact.opened)}</small> }
    };
    let note_on_phone = sealed && room.is_empty();
    let note_on_room = sealed && !room.is_empty();
    view! {
        {(!phone.is_empty()).then(|| view! {
            <dt>{t!(i18n, booking.phone)}</dt>
            <dd data-testid="organiser-phone"><a href=tel.clone()>{masked_phone(&phone)}</a>{note_on_phone.then(note)}</dd>
        })}
        {(!room.is_empty()).then(|| view! {
            <dt>{t!(i18n, booking.room)}</dt>
            <dd data-testid="organiser-room">{room.clone()}{note_on_room.then(note)}</dd>
        })}
    }
}
