//! Clashes that sync revealed, as the Data tab shows them for a keeper
//! to settle (`domain::clash`), and the notice that points there.

use crate::domain::clash;
use crate::domain::{AnyRecord, Community, RecordKind};
use crate::exchange::Settler;
use crate::store::{StoreError, SyncSummary};
use crate::sync::Clash;
use crate::ui::components::Failure;
use crate::ui::format::I18n;
use crate::ui::format::{self, counted};
use crate::ui::i18n::*;
use crate::ui::save::{save, Save};
use crate::ui::state::{use_store_data, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// One side of a clash, as a line a keeper recognises.
pub(crate) fn side_text(i18n: I18n, records: &Community, kind: RecordKind, id: Uuid) -> String {
    match kind {
        RecordKind::Booking => records
            .bookings
            .iter()
            .find(|b| b.meta.id == id)
            .map(|b| {
                format!(
                    "{} · {} · {} {}",
                    b.title,
                    b.organiser.name,
                    format::date_label(i18n, b.start.date()),
                    format::time_range(i18n, b.start, b.end)
                )
            })
            .unwrap_or_default(),
        RecordKind::Assignment => records
            .assignments
            .iter()
            .find(|a| a.meta.id == id)
            .and_then(|a| records.shifts.iter().find(|s| s.meta.id == a.shift_id))
            .map(|s| {
                format!(
                    "{} · {} {}",
                    s.role,
                    format::date_label(i18n, s.start.date()),
                    format::time_range(i18n, s.start, s.end)
                )
            })
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The heading of a clash: the space, or the volunteer on two shifts.
pub(crate) fn clash_title(i18n: I18n, records: &Community, c: &Clash) -> String {
    match c.kind {
        RecordKind::Booking => records
            .bookings
            .iter()
            .find(|b| b.meta.id == c.a)
            .and_then(|b| records.spaces.iter().find(|s| s.meta.id == b.space_id))
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        _ => {
            let name = records
                .assignments
                .iter()
                .find(|a| a.meta.id == c.a)
                .and_then(|a| {
                    records
                        .volunteers
                        .iter()
                        .find(|v| v.meta.id == a.volunteer_id)
                })
                .map(|v| v.name.clone())
                .unwrap_or_default();
            t_string!(i18n, sync.clash_shifts, name = name).to_string()
        }
    }
}

/// Settles a clash by keeping `keep`: the other side is cancelled (or
/// withdrawn) with the reason, and goes to every phone like any change.
pub(crate) async fn settle(
    state: AppState,
    clash: Clash,
    keep: Uuid,
    records: Community,
    reason: String,
) -> Result<(), StoreError> {
    let by = state.my_name().await;
    let device = state.device.get_value();
    let who = Settler {
        by: &by,
        reason: &reason,
        at: Timestamp::now(),
        device: &device,
    };
    let loser: Option<AnyRecord> = clash::settle(&clash, keep, &records, who);
    match loser {
        Some(record) => state.store().import(vec![record]).await,
        None => Ok(()),
    }
}

#[component]
pub(crate) fn Clashes(summary: SyncSummary, manages: bool) -> impl IntoView {
    let i18n = use_i18n();
    let records = StoredValue::new(summary.clash_records);
    let choose: Save<(Clash, Uuid), StoreError> = save(
        move |state, (clash, keep): (Clash, Uuid)| {
            let reason = t_string!(i18n, sync.clash_reason).to_string();
            settle(state, clash, keep, records.get_value(), reason)
        },
        |()| {},
    );
    let clashes = summary.clashes;
    (!clashes.is_empty()).then(|| {
        let count = clashes.len();
        view! {
            // A resident may not settle: they learn what it means for them.
            {if manages {
                view! {
                    <h3>{t!(i18n, sync.clashes, count = move || count)}</h3>
                    <p class="hint">{t!(i18n, sync.clashes_hint)}</p>
                }.into_any()
            } else {
                view! {
                    <h3 data-testid="sync-clashes-waiting">{t!(i18n, sync.clashes_waiting, count = move || count)}</h3>
                    <p class="hint">{t!(i18n, sync.clashes_waiting_hint)}</p>
                }.into_any()
            }}
            <Failure kind=choose.store_failure() />
            <ul class="list" data-testid="sync-clashes">
                {clashes.into_iter().map(|c| {
                    let title = records.with_value(|r| clash_title(i18n, r, &c));
                    view! {
                        <li class="item conflict" data-testid="sync-clash">
                            <span class="item-main">
                                <span class="item-title">{title}</span>
                                {[c.a, c.b].into_iter().map(|id| {
                                    let text = records.with_value(|r| side_text(i18n, r, c.kind, id));
                                    view! {
                                        <span class="clash-side">
                                            <span>{text}</span>
                                            {manages.then(|| view! {
                                                <button type="button" class="button" data-testid="sync-keep" data-keep=id.to_string()
                                                    disabled=move || choose.busy()
                                                    on:click=move |_| choose.run((c, id))>{t!(i18n, sync.keep)}</button>
                                            })}
                                        </span>
                                    }
                                }).collect_view()}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// Today's pointer to clashes waiting for a keeper on the Data tab.
#[component]
pub fn ClashNotice() -> impl IntoView {
    let i18n = use_i18n();
    let summary = use_store_data(move |state| async move {
        if state.connection.get_untracked().is_none() || !state.manages() {
            return Ok(0);
        }
        Ok(state.store().sync_summary().await?.clashes.len())
    });
    move || {
        let count = summary.get().and_then(Result::ok).unwrap_or(0);
        (count > 0).then(|| {
            view! {
                <p class="notice" role="status" data-testid="clash-notice">
                    <A href="/data">{move || counted!(i18n, count, [sync.clash_notice_single], [sync.clash_notice])}</A>
                </p>
            }
        })
    }
}
