//! Data: what this phone holds, and the demo for an empty phone.

use crate::domain::expiry::MAX_CONTACT_MONTHS;
use crate::domain::settings::{
    parse_alarm_minutes, parse_contact_months, parse_grace_minutes, parse_reminder_days,
    read_limits, LimitField, Settings, MAX_ALARM_MINUTES, MAX_BACKUP_REMINDER_DAYS,
    MAX_NO_SHOW_GRACE_MINUTES,
};
use crate::domain::RecordKind;
use crate::store::{schema, Counts, StoreError, StoreErrorKind};
use crate::ui::components::{when_loaded, Failure, Loading, MeSwitch};
use crate::ui::demo::load_demo;
use crate::ui::durable;
use crate::ui::format::{self, exchange::kind_name};
use crate::ui::i18n::*;
use crate::ui::parts::backup::BackupSection;
use crate::ui::parts::forget::ForgetCommunity;
use crate::ui::parts::import::ImportSection;
use crate::ui::parts::sync::SyncSection;
use crate::ui::save::{act, save, Save};
use crate::ui::state::{use_app, use_store_data};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let counts = use_store_data(|state| async move { state.store().counts().await });
    let loaded = RwSignal::new(false);
    let demo: Save<(), StoreError> = save(|state, ()| load_demo(state), move |()| loaded.set(true));
    let device = state.device.get_value().0;
    let zone = move || {
        serde_json::to_value(state.settings.get().zone)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let locale_name = move || match i18n.get_locale() {
        Locale::zh_CN => "简体中文",
        Locale::en => "English",
    };
    view! {
        <h1 data-testid="page-title">{t!(i18n, data.title)}</h1>
        <Failure kind=demo.store_failure() />
        <Show when=move || loaded.get()>
            <p class="notice" role="status">{t!(i18n, data.demo_loaded)}</p>
        </Show>
        <section class="report-link" aria-labelledby="report-link">
            <h2 id="report-link">{t!(i18n, data.report)}</h2>
            <p class="hint">{t!(i18n, data.report_hint)}</p>
            <A href="/report" attr:class="button" attr:data-testid="open-report">{t!(i18n, data.report)}</A>
        </section>
        <section aria-labelledby="records">
            <h2 id="records">{t!(i18n, data.records)}</h2>
            {move || when_loaded(counts.get(), move |c: Counts| {
                let total = c.total();
                view! {
                    <table class="counts" data-testid="record-counts">
                        <tbody>
                            {RecordKind::ALL.map(|kind| view! {
                                <tr><th scope="row">{move || kind_name(i18n, kind)}</th><td data-kind=kind.plural()>{c.get(kind)}</td></tr>
                            }).collect_view()}
                            <tr class="total"><th scope="row">{t!(i18n, data.total)}</th><td data-kind="total">{total}</td></tr>
                        </tbody>
                    </table>
                    // A connected phone would send the demo's made-up people
                    // to every phone of its community.
                    {(total == 0).then(|| match state.connection.get() {
                        Some(c) => view! {
                            <p class="hint" data-testid="no-demo-connected">
                                {t!(i18n, data.demo_not_when_connected, community = c.community.clone())}
                            </p>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="button primary" data-testid="data-load-demo"
                                disabled=move || demo.busy() on:click=move |_| demo.run(())>
                                {t!(i18n, data.load_demo)}
                            </button>
                            <p class="hint">{t!(i18n, data.demo_only_when_empty)}</p>
                        }.into_any(),
                    })}
                }
            })}
        </section>
        <SyncSection />
        <BackupSection>
            <ImportSection />
        </BackupSection>
        <StorageSection />
        <Preferences />
        <ForgetCommunity />
        <section aria-labelledby="device">
            <h2 id="device">{t!(i18n, data.this_device)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, data.device)}</dt>
                <dd class="mono" data-testid="device-id">{device}</dd>
                <dt>{t!(i18n, pwa.build)}</dt>
                <dd class="mono" data-testid="build-id">{format!("{} · {}", env!("CARGO_PKG_VERSION"), crate::ui::pwa::build_id())}</dd>
                <dt>{t!(i18n, data.schema)}</dt>
                <dd>{schema::SCHEMA_VERSION}</dd>
                <dt>{t!(i18n, data.zone)}</dt>
                <dd>{zone}</dd>
                <dt>{t!(i18n, data.language)}</dt>
                <dd>{locale_name}</dd>
            </dl>
        </section>
    }
}

/// Whether the browser keeps this phone's data even when space runs low,
/// and how much room it takes.
#[component]
fn StorageSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let status = LocalResource::new(move || {
        state.track();
        durable::storage_status()
    });
    let refused = RwSignal::new(false);
    let ask: Save<(), StoreErrorKind> = act(
        |_, ()| async { Ok(durable::ask_to_persist().await) },
        move |answer| {
            refused.set(answer != Some(true));
            status.refetch();
        },
    );
    view! {
        <section aria-labelledby="storage">
            <h2 id="storage">{t!(i18n, data.storage)}</h2>
            {move || match status.get() {
                None => view! { <Loading /> }.into_any(),
                Some(None) => view! { <p class="muted">{t!(i18n, data.storage_unknown)}</p> }.into_any(),
                Some(Some(s)) => view! {
                    <dl class="facts" data-testid="storage">
                        <dt>{t!(i18n, data.storage_kept)}</dt>
                        <dd data-testid="storage-persisted" data-persisted=s.persisted.to_string()>
                            {move || if s.persisted { t_string!(i18n, data.storage_kept_yes) } else { t_string!(i18n, data.storage_kept_no) }}
                        </dd>
                        <dt>{t!(i18n, data.storage_used)}</dt>
                        <dd data-testid="storage-used">{format::bytes_label(s.used)}</dd>
                        <dt>{t!(i18n, data.storage_free)}</dt>
                        <dd data-testid="storage-free">{format::bytes_label((s.quota - s.used).max(0.0))}</dd>
                    </dl>
                    {(!s.persisted).then(|| view! {
                        <p class="hint">{t!(i18n, data.storage_not_kept_hint)}</p>
                        <button type="button" class="button small" data-testid="ask-persist" on:click=move |_| ask.run(())>{t!(i18n, data.storage_ask)}</button>
                        <Show when=move || refused.get()>
                            <p class="notice" role="status" data-testid="persist-refused">{t!(i18n, data.storage_refused)}</p>
                        </Show>
                    })}
                }.into_any(),
            }}
        </section>
    }
}

/// This phone's settings: who uses it, and the no-show grace time.
#[component]
fn Preferences() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let me = use_store_data(|state| async move { state.me().await });
    let grace = RwSignal::new(
        state
            .settings
            .with_untracked(|s| s.no_show_grace_minutes)
            .to_string(),
    );
    let limits = state.settings.with_untracked(|s| s.roster_limits);
    let show = |n: Option<String>| n.unwrap_or_default();
    let per_day = RwSignal::new(show(limits.max_minutes_per_day.map(|n| n.to_string())));
    let in_a_row = RwSignal::new(show(limits.max_consecutive_shifts.map(|n| n.to_string())));
    let rest = RwSignal::new(show(limits.min_rest_minutes.map(|n| n.to_string())));
    let bad_limits = RwSignal::new(Vec::<LimitField>::new());
    let bad = RwSignal::new(false);
    let reminder_days = RwSignal::new(
        state
            .settings
            .with_untracked(|s| s.backup_reminder_days)
            .to_string(),
    );
    let bad_days = RwSignal::new(false);
    let (shift_alarm, booking_alarm) = state
        .settings
        .with_untracked(|s| (s.shift_alarm_minutes, s.booking_alarm_minutes));
    let shift_alarm = RwSignal::new(shift_alarm.to_string());
    let booking_alarm = RwSignal::new(booking_alarm.to_string());
    let bad_shift_alarm = RwSignal::new(false);
    let bad_booking_alarm = RwSignal::new(false);
    let contact_months = RwSignal::new(
        state
            .settings
            .with_untracked(|s| s.contact_months)
            .to_string(),
    );
    let bad_contact_months = RwSignal::new(false);
    let notice = RwSignal::new(state.settings.with_untracked(|s| s.privacy_notice.clone()));
    let saved = RwSignal::new(false);
    let store: Save<Settings, StoreError> = act(
        |state, next: Settings| async move { state.update_settings(|s| *s = next).await },
        move |()| saved.set(true),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let minutes = parse_grace_minutes(&grace.get_untracked());
        let limits = read_limits(
            &per_day.get_untracked(),
            &in_a_row.get_untracked(),
            &rest.get_untracked(),
        );
        let days = parse_reminder_days(&reminder_days.get_untracked());
        let shift_alarm = parse_alarm_minutes(&shift_alarm.get_untracked());
        let booking_alarm = parse_alarm_minutes(&booking_alarm.get_untracked());
        let months = parse_contact_months(&contact_months.get_untracked());
        bad_contact_months.set(months.is_none());
        bad.set(minutes.is_none());
        bad_days.set(days.is_none());
        bad_shift_alarm.set(shift_alarm.is_none());
        bad_booking_alarm.set(booking_alarm.is_none());
        bad_limits.set(limits.clone().err().unwrap_or_default());
        let (
            Some(minutes),
            Ok(limits),
            Some(days),
            Some(shift_alarm),
            Some(booking_alarm),
            Some(months),
        ) = (minutes, limits, days, shift_alarm, booking_alarm, months)
        else {
            crate::ui::save::show_first_problem();
            return;
        };
        store.run(Settings {
            no_show_grace_minutes: minutes,
            roster_limits: limits,
            backup_reminder_days: days,
            shift_alarm_minutes: shift_alarm,
            booking_alarm_minutes: booking_alarm,
            contact_months: months,
            privacy_notice: notice.get_untracked().trim().to_string(),
            ..state.settings.get_untracked()
        });
    };
    view! {
        <section aria-labelledby="settings">
            <h2 id="settings">{t!(i18n, data.settings)}</h2>
            <Failure kind=store.store_failure() />
            <h3>{t!(i18n, data.me)}</h3>
            {move || when_loaded(me.get(), move |me| match me {
                Some(v) => view! { <MeSwitch id=v.meta.id name=v.name /> }.into_any(),
                None => view! {
                    <p class="muted" data-testid="me-nobody">{t!(i18n, data.me_nobody)}</p>
                    <A href="/volunteers" attr:class="button small">{t!(i18n, me.choose)}</A>
                }.into_any(),
            })}
            <form class="form" on:submit=submit novalidate=true>
                {number_setting(
                    NumberSetting { name: "grace", max: MAX_NO_SHOW_GRACE_MINUTES, value: grace, bad },
                    move || t_string!(i18n, data.grace).to_string(),
                    move || t_string!(i18n, data.grace_hint).to_string(),
                    move || t_string!(i18n, data.grace_bad).to_string(),
                )}
                {number_setting(
                    NumberSetting { name: "reminder-days", max: MAX_BACKUP_REMINDER_DAYS, value: reminder_days, bad: bad_days },
                    move || t_string!(i18n, data.reminder_days).to_string(),
                    move || t_string!(i18n, data.reminder_hint).to_string(),
                    move || t_string!(i18n, data.reminder_bad).to_string(),
                )}
                {number_setting(
                    NumberSetting { name: "shift-alarm", max: MAX_ALARM_MINUTES, value: shift_alarm, bad: bad_shift_alarm },
                    move || t_string!(i18n, data.shift_alarm).to_string(),
                    move || t_string!(i18n, data.alarm_hint).to_string(),
                    move || t_string!(i18n, data.alarm_bad).to_string(),
                )}
                {number_setting(
                    NumberSetting { name: "booking-alarm", max: MAX_ALARM_MINUTES, value: booking_alarm, bad: bad_booking_alarm },
                    move || t_string!(i18n, data.booking_alarm).to_string(),
                    move || t_string!(i18n, data.alarm_hint).to_string(),
                    move || t_string!(i18n, data.alarm_bad).to_string(),
                )}
                <fieldset class="fieldset" data-testid="personal-settings">
                    <legend>{t!(i18n, personal.section)}</legend>
                    {number_setting(
                        NumberSetting { name: "contact-months", max: MAX_CONTACT_MONTHS, value: contact_months, bad: bad_contact_months },
                        move || t_string!(i18n, notice.contact_months).to_string(),
                        move || t_string!(i18n, notice.contact_months_hint).to_string(),
                        move || t_string!(i18n, notice.contact_months_bad).to_string(),
                    )}
                    <label class="field">
                        <span>{t!(i18n, notice.setting)}</span>
                        <textarea name="privacy-notice" rows="5" bind:value=notice></textarea>
                    </label>
                    <p class="hint">{t!(i18n, notice.setting_hint)} " " <A href="/privacy">{t!(i18n, notice.full)}</A></p>
                </fieldset>
                <fieldset class="fieldset">
                    <legend>{t!(i18n, data.limits)}</legend>
                    <p class="hint">{t!(i18n, data.limits_hint)}</p>
                    {limit_input(move || t_string!(i18n, data.limit_day).to_string(), "limit-day", per_day, bad_limits, LimitField::MinutesPerDay)}
                    {limit_input(move || t_string!(i18n, data.limit_row).to_string(), "limit-row", in_a_row, bad_limits, LimitField::InARow)}
                    {limit_input(move || t_string!(i18n, data.limit_rest).to_string(), "limit-rest", rest, bad_limits, LimitField::Rest)}
                </fieldset>
                <Show when=move || saved.get()>
                    <p class="notice" role="status" data-testid="settings-saved">{t!(i18n, data.settings_saved)}</p>
                </Show>
                <button type="submit" class="button" data-testid="save-settings">{t!(i18n, data.save_settings)}</button>
            </form>
        </section>
    }
}

/// A whole-number setting: its input, what it does, and its problem.
struct NumberSetting {
    name: &'static str,
    max: u16,
    value: RwSignal<String>,
    bad: RwSignal<bool>,
}

fn number_setting(
    field: NumberSetting,
    label: impl Fn() -> String + Send + Sync + 'static,
    hint: impl Fn() -> String + Send + Sync + 'static,
    problem: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let NumberSetting {
        name,
        max,
        value,
        bad,
    } = field;
    let hint_id = format!("{name}-hint");
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="number" name=name min="0" max=max.to_string() inputmode="numeric" bind:value=value
                aria-invalid=move || bad.get().to_string()
                aria-describedby={
                    let hint_id = hint_id.clone();
                    move || if bad.get() { format!("{name}-error {hint_id}") } else { hint_id.clone() }
                } />
        </label>
        <p class="hint" id=hint_id>{hint}</p>
        <Show when=move || bad.get()>
            <p class="field-error" role="alert" id=format!("{name}-error") data-field=name>{problem()}</p>
        </Show>
    }
}

/// One optional limit, with its problem said under it.
fn limit_input(
    label: impl Fn() -> String + Send + Sync + 'static,
    name: &'static str,
    value: RwSignal<String>,
    bad: RwSignal<Vec<LimitField>>,
    field: LimitField,
) -> impl IntoView {
    let i18n = use_i18n();
    let wrong = move || bad.with(|b| b.contains(&field));
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" inputmode="numeric" name=name bind:value=value aria-invalid=move || wrong().to_string()
                aria-describedby=move || wrong().then(|| format!("{name}-error")) />
        </label>
        <Show when=wrong>
            <p class="field-error" role="alert" id=format!("{name}-error") data-field=name>{t!(i18n, data.limit_bad)}</p>
        </Show>
    }
}
