//! The Data tab's sync section: connect this phone to the community's
//! server; once connected, where sync stands, "sync now", disconnect, the
//! clashes to settle and the documents that did not go either way.

use crate::store::{StoreError, SyncSummary};
use crate::sync::{Connection, ContactKey, KeyFileProblem, Role};
use crate::ui::components::{when_loaded, Failure};
use crate::ui::files::{blob_bytes, chosen_file};
use crate::ui::format::{self, counted, sync as say};
use crate::ui::i18n::*;
use crate::ui::parts::notice::{NoticeFor, PrivacyNotice};
use crate::ui::parts::sync_clashes::Clashes;
use crate::ui::save::{act, Save};
use crate::ui::state::use_app;
use crate::ui::sync::{use_sync, ConnectError, Phase};
use gloo_timers::callback::Interval;
use jiff::Timestamp;
use leptos::prelude::*;

#[component]
pub fn SyncSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    view! {
        <section aria-labelledby="sync" data-testid="sync">
            <h2 id="sync">{t!(i18n, sync.title)}</h2>
            {move || match state.connection.get() {
                Some(connection) => view! { <Connected connection=connection /> }.into_any(),
                None => view! { <ConnectForm /> }.into_any(),
            }}
        </section>
    }
}

/// The typed connection details, in order: server, community, user, password.
type Details = (String, String, String, String);

#[component]
fn ConnectForm() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let server = RwSignal::new("/couchdb/".to_string());
    let community = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let connect: Save<Details, ConnectError> = act(
        move |state, (server, community, user, password): Details| async move {
            sync.connect(state, server, community, user, password).await
        },
        move |()| password.set(String::new()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        connect.run((
            server.get_untracked(),
            community.get_untracked(),
            user.get_untracked(),
            password.get_untracked(),
        ));
    };
    // Folded: most phones never have a server, and the Data tab's files
    // come first for them.
    view! {
        <p class="hint">{t!(i18n, sync.intro)}</p>
        <details class="more" data-testid="sync-setup">
        <summary>{t!(i18n, sync.open_form)}</summary>
        <form class="form" on:submit=submit data-testid="sync-connect-form">
            <label class="field">
                <span>{t!(i18n, sync.server)}</span>
                <input type="text" name="sync-server" autocomplete="url" bind:value=server />
                <small class="hint">{t!(i18n, sync.server_hint)}</small>
            </label>
            <label class="field">
                <span>{t!(i18n, sync.community)}</span>
                <input type="text" name="sync-community" autocapitalize="none" autocomplete="off" bind:value=community />
            </label>
            <label class="field">
                <span>{t!(i18n, sync.user)}</span>
                <input type="text" name="sync-user" autocapitalize="none" autocomplete="username" bind:value=user />
            </label>
            <label class="field">
                <span>{t!(i18n, sync.password)}</span>
                <input type="password" name="sync-password" autocomplete="current-password" bind:value=password />
                <small class="hint">{t!(i18n, sync.password_hint)}</small>
            </label>
            {move || connect.failure().map(|e| view! {
                <p class="error" role="alert" data-testid="sync-error">{say::connect_error(i18n, &e)}</p>
            })}
            <PrivacyNotice at=NoticeFor::Sync />
            <button type="submit" class="button primary" data-testid="sync-connect" disabled=move || connect.busy()>
                {t!(i18n, sync.connect)}
            </button>
        </form>
        </details>
    }
}

/// Now, moving on every half minute, for "3 分钟前".
fn ticking_now() -> RwSignal<Timestamp> {
    let now = RwSignal::new(Timestamp::now());
    let interval = Interval::new(30_000, move || now.set(Timestamp::now()));
    let interval = StoredValue::new_local(Some(interval));
    on_cleanup(move || {
        interval.update_value(|i| {
            i.take();
        })
    });
    now
}

/// Why a key file was not taken.
#[derive(Clone, Debug, PartialEq)]
enum KeyImportError {
    File(KeyFileProblem),
    /// Not the key the server publishes: its id, and the server's.
    OtherKey(String, String),
    Unreadable,
    Stored(crate::store::StoreErrorKind),
}

/// A committee phone's copy of the community's contact key: whether it has
/// one, and the key file to import (`sync::contact`).
#[component]
fn ContactKeySection(community: String) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let state = use_app();
    let key = LocalResource::new(move || {
        sync.tick.track();
        state.track();
        async move { state.store().contact_key().await.ok().flatten() }
    });
    let community = StoredValue::new(community);
    let imported = RwSignal::new(None::<String>);
    let import: Save<web_sys::File, KeyImportError> = act(
        move |state, file: web_sys::File| async move {
            let bytes = blob_bytes(&file)
                .await
                .map_err(|_| KeyImportError::Unreadable)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| KeyImportError::File(KeyFileProblem::NotAKeyFile))?;
            let key = ContactKey::from_key_file(&text, &community.get_value())
                .map_err(KeyImportError::File)?;
            let store = state.store();
            let held = store
                .contact_key()
                .await
                .map_err(|e| KeyImportError::Stored(e.kind))?;
            if let Some(server) = held.filter(|h| h.kid != key.kid) {
                return Err(KeyImportError::OtherKey(key.kid, server.kid));
            }
            store
                .import_contact_key(key.clone())
                .await
                .map_err(|e| KeyImportError::Stored(e.kind))?;
            state.refresh();
            Ok(key.kid)
        },
        move |kid: String| imported.set(Some(kid)),
    );
    let chosen = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            imported.set(None);
            import.run(file);
        }
    };
    let problem = move |e: KeyImportError| match e {
        KeyImportError::File(KeyFileProblem::NotAKeyFile) | KeyImportError::Unreadable => {
            t_string!(i18n, contact.key_not_a_key).to_string()
        }
        KeyImportError::File(KeyFileProblem::OtherCommunity(c)) => {
            t_string!(i18n, contact.key_other_community, community = c).to_string()
        }
        KeyImportError::File(KeyFileProblem::Damaged) => {
            t_string!(i18n, contact.key_damaged).to_string()
        }
        KeyImportError::OtherKey(kid, server) => {
            t_string!(i18n, contact.key_other_key, kid = kid, server = server).to_string()
        }
        KeyImportError::Stored(kind) => format::store_error(i18n, kind),
    };
    view! {
        <details class="contact-key" data-testid="contact-key">
            <summary>{t!(i18n, contact.key_title)}</summary>
            <p class="hint">{t!(i18n, contact.key_hint)}</p>
            <p data-testid="contact-key-state">{move || match key.get().flatten() {
                Some(k) if k.opens() => t_string!(i18n, contact.key_held, kid = k.kid).to_string(),
                Some(k) => t_string!(i18n, contact.key_public_only, kid = k.kid).to_string(),
                None => t_string!(i18n, contact.key_none).to_string(),
            }}</p>
            <label class="field">
                <span>{t!(i18n, contact.key_import)}</span>
                <input type="file" name="contact-key-file" accept=".json,application/json" on:change=chosen />
            </label>
            {move || imported.get().map(|kid| view! {
                <p class="notice" role="status" data-testid="contact-key-imported">{t!(i18n, contact.key_imported, kid = kid)}</p>
            })}
            {move || import.failure().map(|e| view! {
                <p class="error" role="alert" data-testid="contact-key-error">{problem(e)}</p>
            })}
        </details>
    }
}

#[component]
fn Connected(connection: Connection) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let sync = use_sync();
    // Read again after every write and after every round.
    let summary = LocalResource::new(move || {
        state.track();
        sync.tick.track();
        async move { state.store().sync_summary().await }
    });
    let now = ticking_now();
    let confirming = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let disconnect: Save<(), crate::store::StoreErrorKind> = act(
        move |state, ()| async move { sync.disconnect(state).await },
        move |()| confirming.set(false),
    );
    let sign_in: Save<String, ConnectError> = act(
        move |state, password: String| async move { sync.sign_in_again(state, password).await },
        move |()| password.set(String::new()),
    );
    let clear: Save<(), StoreError> = act(
        |state, ()| async move {
            state.store().clear_sync_problems().await?;
            state.refresh();
            Ok(())
        },
        |()| {},
    );
    let role = connection.role;
    let community = connection.community.clone();
    let account = move || {
        let role = match role {
            Role::Committee => t_string!(i18n, sync.role_committee),
            Role::Resident => t_string!(i18n, sync.role_resident),
        };
        t_string!(
            i18n,
            sync.connected_as,
            community = connection.community.clone(),
            user = connection.user.clone(),
            role = role
        )
        .to_string()
    };
    let phase_key = move || match sync.phase.get() {
        Phase::Idle => "idle",
        Phase::Working(_) => "working",
        Phase::Offline => "offline",
        Phase::Unreachable => "unreachable",
        Phase::SignedOut => "signed-out",
        Phase::Refused(_) => "refused",
        Phase::Stored(_) => "stored",
    };
    let status_line = move || {
        let zone = state.settings.with(|s| s.zone);
        let (pending, last) = summary
            .get()
            .and_then(Result::ok)
            .map(|s| (s.pending, s.last_synced))
            .unwrap_or_default();
        say::status(i18n, &sync.phase.get(), pending, last, now.get(), zone)
    };
    view! {
        <p class="sync-status" role="status" data-testid="sync-status" data-phase=phase_key>{status_line}</p>
        <p class="muted" data-testid="sync-account">{account}</p>
        {(role == Role::Resident).then(|| view! { <p class="hint">{t!(i18n, sync.resident_note)}</p> })}
        {(role == Role::Committee).then(|| view! { <ContactKeySection community=community.clone() /> })}
        <Show when=move || sync.phase.get() == Phase::SignedOut>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); sign_in.run(password.get_untracked()); }>
                <label class="field">
                    <span>{t!(i18n, sync.password)}</span>
                    <input type="password" name="sync-password" autocomplete="current-password" bind:value=password />
                </label>
                {move || sign_in.failure().map(|e| view! {
                    <p class="error" role="alert">{say::connect_error(i18n, &e)}</p>
                })}
                <button type="submit" class="button primary" data-testid="sync-sign-in">{t!(i18n, sync.sign_in_again)}</button>
            </form>
        </Show>
        <div class="actions-row">
            <button type="button" class="button primary" data-testid="sync-now"
                disabled=move || matches!(sync.phase.get(), Phase::Working(_))
                on:click=move |_| sync.sync_now(state)>{t!(i18n, sync.sync_now)}</button>
            <button type="button" class="button" data-testid="sync-disconnect"
                on:click=move |_| confirming.set(true)>{t!(i18n, sync.disconnect)}</button>
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alertdialog" aria-labelledby="sync-disconnect-q">
                <p id="sync-disconnect-q">{t!(i18n, sync.disconnect_confirm)}</p>
                <div class="actions-row">
                    <button type="button" class="button danger" data-testid="sync-disconnect-yes"
                        disabled=move || disconnect.busy() on:click=move |_| disconnect.run(())>{t!(i18n, sync.disconnect_yes)}</button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>{t!(i18n, sync.keep_connected)}</button>
                </div>
            </div>
        </Show>
        <Failure kind=disconnect.store_failure() />
        {move || when_loaded(summary.get(), move |s: SyncSummary| view! {
            <Clashes summary=s.clone() manages=role == Role::Committee />
            {(!s.problems.is_empty()).then(|| {
                let count = s.problems.len();
                view! {
                    <details class="sync-problems" data-testid="sync-problems">
                        <summary>{move || counted!(i18n, count, [sync.problems_single], [sync.problems])}</summary>
                        <ul class="list">
                            {s.problems.iter().map(|p| view! { <li class="item" data-testid="sync-problem">{say::problem(i18n, p)}</li> }).collect_view()}
                        </ul>
                        <button type="button" class="button" data-testid="sync-clear-problems" on:click=move |_| clear.run(())>{t!(i18n, sync.clear_problems)}</button>
                    </details>
                }
            })}
        })}
    }
}
