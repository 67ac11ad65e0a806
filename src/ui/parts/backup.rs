//! Backups: the whole database as one file (shared or downloaded) on the
//! Data tab, the one saved first before a phone is replaced or emptied,
//! and Today's reminder when the last one is old.

use super::exports::{stamp, RedactChoice};
use crate::domain::backup_reminder::{backup_due, BackupDue};
use crate::domain::Audience;
use crate::exchange::outgoing::document_name;
use crate::exchange::Covers;
use crate::exchange::{ExchangeDocument, Header, Piece};
use crate::store::StoreErrorKind;
use crate::ui::components::Failure;
use crate::ui::durable;
use crate::ui::files::{deliver_parts, Delivered};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::marks;
use crate::ui::save::{act, Save};
use crate::ui::state::{use_app, use_store_data, AppState};
use jiff::Timestamp;
use leptos::prelude::*;

/// Exports the whole database and, for a full (not redacted) export that
/// was really handed over, records when, for the backup reminder.
async fn backup(state: AppState, redacted: bool) -> Result<(String, Delivered), StoreErrorKind> {
    let store = state.store();
    marks::mark("linli-export-start");
    let audience = if redacted {
        Audience::Shared
    } else {
        Audience::Committee
    };
    let records = store.community_text(audience).await.map_err(|e| e.kind)?;
    let (at, day) = stamp(state);
    let mut header = Header::new(Covers::Everything, at, &state.device.get_value());
    header.redacted = redacted;
    let name = document_name("backup", redacted, day);
    // The records stay the browser's text: the file is made of them
    // as they are, between the header's pieces.
    let parts = js_sys::Array::new();
    for piece in ExchangeDocument::pieces(&header) {
        match piece {
            Piece::Text(text) => parts.push(&text.into()),
            Piece::Records(kind) => match records.iter().find(|(k, _)| *k == kind) {
                Some((_, text)) => parts.push(text),
                None => parts.push(&"[]".into()),
            },
        };
    }
    marks::mark("linli-export-ready");
    let how = deliver_parts(&name, "application/json", parts)
        .await
        .map_err(|e| e.kind())?;
    if !redacted && how != Delivered::Cancelled {
        // A full disk here is said as such: the file went out, the mark
        // of when did not.
        store
            .set_last_backup_at(Timestamp::now())
            .await
            .map_err(|e| e.kind)?;
        state.refresh();
    }
    Ok((name, how))
}

/// The backup made before replacing or emptying this phone: true once the
/// file was saved or shared. A share sheet closed without sharing saved
/// nothing, so the caller must not go on (false).
pub async fn backup_first(state: AppState) -> Result<bool, StoreErrorKind> {
    let (_, how) = backup(state, false).await?;
    Ok(how != Delivered::Cancelled)
}

/// Today's gentle nudge: the data changed since the last backup, and that
/// was long enough ago (Settings: `backup_reminder_days`). One tap saves.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let last = use_store_data(|state| async move { state.store().last_backup_at().await });
    let due = move || {
        let last = last.get()?.ok()?;
        let days = state.settings.with(|s| s.backup_reminder_days);
        backup_due(last, durable::changes(), Timestamp::now(), days)
    };
    let save: Save<(), StoreErrorKind> = act(|state, ()| backup(state, false), |_| {});
    move || {
        due().map(|due| {
            let text = match due {
                BackupDue::Never { .. } => t_string!(i18n, exchange.remind_never).to_string(),
                BackupDue::DaysAgo { days } => {
                    t_string!(i18n, exchange.remind_days, days = days).to_string()
                }
            };
            view! {
                <aside class="reminder" data-testid="backup-reminder">
                    <Failure kind=save.store_failure() />
                    <p>{text}</p>
                    <button type="button" class="button primary small" data-testid="backup-now" on:click=move |_| save.run(())>
                        {t!(i18n, exchange.backup_now)}
                    </button>
                </aside>
            }
        })
    }
}

/// The Data tab's exchange section: the backup, then what follows it
/// there (the import).
#[component]
pub fn BackupSection(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let last = use_store_data(|state| async move { state.store().last_backup_at().await });
    let redacted = RwSignal::new(false);
    let exported = RwSignal::new(None::<String>);
    let export: Save<bool, StoreErrorKind> = act(backup, move |(name, how)| {
        if how != Delivered::Cancelled {
            exported.set(Some(name));
        }
    });
    let last_backup = move || match last.get().and_then(Result::ok).flatten() {
        Some(at) => {
            let when = state.settings.with_untracked(|s| s.zone).local(at);
            let when = format!("{} {}", format::date_label(i18n, when.date()), when.clock());
            t_string!(i18n, exchange.last_backup, when = when).to_string()
        }
        None => t_string!(i18n, exchange.never).to_string(),
    };
    view! {
        <section aria-labelledby="exchange">
            <h2 id="exchange">{t!(i18n, exchange.title)}</h2>
            <p class="hint">{t!(i18n, exchange.intro)}</p>
            <Failure kind=export.store_failure() />
            <p data-testid="last-backup">{last_backup}</p>
            <RedactChoice redacted=redacted />
            <button type="button" class="button primary" data-testid="export-all"
                on:click=move |_| export.run(redacted.get_untracked())>{t!(i18n, exchange.export_all)}</button>
            {move || exported.get().map(|name| view! {
                <p class="notice" role="status" data-testid="exported">{t!(i18n, exchange.exported, name = move || name.clone())}</p>
            })}
            {children()}
        </section>
    }
}
