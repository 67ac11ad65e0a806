//! A person's data on their page: how they agreed to what is kept, and
//! erasing them everywhere — after a confirmation that names what goes.

use crate::domain::{
    find_person, Consent, ConsentHow, IdSource, Meta, Person, RandomIds, RecordKind,
};
use crate::store::{StoreErrorKind, StoreResult};
use crate::ui::components::Failure;
use crate::ui::format::{self, counted, exchange::kind_name};
use crate::ui::i18n::*;
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use std::collections::BTreeMap;
use uuid::Uuid;

/// "Agreed on …, recorded by …", or that nothing was recorded.
#[component]
pub fn ConsentLine(consent: Option<Consent>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Some(c) = consent.clone() else {
            return t_string!(i18n, personal.consent_none).to_string();
        };
        let zone = use_app().settings.with_untracked(|s| s.zone);
        let date = format::date_label(i18n, zone.local(c.at).date());
        match c.how {
            ConsentHow::OwnPhone => t_string!(i18n, personal.consent_own, date = date).to_string(),
            ConsentHow::Recorded => t_string!(
                i18n,
                personal.consent_recorded,
                date = date,
                by = c.by.clone()
            )
            .to_string(),
        }
    }
}

/// What erasing would touch, by kind: read when the person asks, so the
/// confirmation names it.
async fn what_goes(state: AppState, person: Person) -> StoreResult<BTreeMap<RecordKind, usize>> {
    let community = state.store().community().await?;
    let meta = Meta::new(
        Uuid::nil(),
        jiff::Timestamp::now(),
        &state.device.get_value(),
    );
    let mut counts = BTreeMap::new();
    for r in find_person(&community, &person, meta).records {
        *counts.entry(r.kind).or_insert(0) += 1;
    }
    Ok(counts)
}

/// "Erase this person's data…": asks, naming the records and what stays,
/// then erases on this phone; sync and files take it further.
#[component]
pub fn ErasePerson(person: Person, #[prop(into)] name: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let asking: RwSignal<Option<BTreeMap<RecordKind, usize>>> = RwSignal::new(None);
    let done: RwSignal<Option<usize>> = RwSignal::new(None);
    let reading = RwSignal::new(None::<StoreErrorKind>);
    let ask = {
        let person = person.clone();
        move |_| {
            let person = person.clone();
            leptos::task::spawn_local(async move {
                match what_goes(state, person).await {
                    Ok(counts) => asking.set(Some(counts)),
                    Err(e) => reading.set(Some(e.kind)),
                }
            });
        }
    };
    let erasing: Save<Person, StoreErrorKind> = save(
        |state, person: Person| async move {
            let moment = state.moment();
            state
                .store()
                .erase_person(&person, &moment, RandomIds.next_id())
                .await
                .map_err(|e| e.kind)
        },
        move |count| {
            asking.set(None);
            done.set(Some(count));
        },
    );
    let name = StoredValue::new(name);
    let person = StoredValue::new(person);
    view! {
        <div class="erase-person">
            <Failure kind=Signal::derive(move || reading.get()) />
            <Failure kind=erasing.store_failure() />
            {move || done.get().map(|count| view! {
                <p class="notice" role="status" data-testid="erased-done">{move || counted!(i18n, count, [personal.erased_done_single], [personal.erased_done])}</p>
            })}
            <Show
                when=move || asking.with(Option::is_some)
                fallback=move || view! {
                    <button type="button" class="button danger" data-testid="erase-person" on:click=ask.clone()>
                        {t!(i18n, personal.erase)}
                    </button>
                }
            >
                <div class="warning" role="alertdialog" aria-labelledby="erase-q" data-testid="erase-confirm">
                    <p id="erase-q">
                        {move || {
                            let count: usize = asking.with(|a| a.as_ref().map(|m| m.values().sum()).unwrap_or(0));
                            counted!(i18n, count, [personal.erase_confirm_single], [personal.erase_confirm], name = name.get_value())
                        }}
                    </p>
                    <ul class="erase-kinds">
                        {move || asking.get().unwrap_or_default().into_iter().map(|(kind, n)| view! {
                            <li>{kind_name(i18n, kind)}" · "{n}</li>
                        }).collect_view()}
                    </ul>
                    <p>{t!(i18n, personal.erase_keeps)}</p>
                    <div class="actions-row">
                        <button type="button" class="button danger" data-testid="erase-person-yes"
                            disabled=move || erasing.busy()
                            on:click=move |_| erasing.run(person.get_value())>{t!(i18n, personal.erase_yes)}</button>
                        <button type="button" class="button" data-testid="erase-person-no" on:click=move |_| asking.set(None)>{t!(i18n, personal.erase_cancel)}</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
