//! Backup and exchange on the Data tab: export everything (or redacted),
//! and import a file — checked first, previewed with its clashes, then
//! written in one transaction; or replace the phone's data with it.

use crate::domain::backup_reminder::{backup_due, BackupDue};
use crate::domain::{AnyRecord, Community, RecordKind};
use crate::exchange::format::MAX_FILE_BYTES;
use crate::exchange::slices::redact;
use crate::exchange::{
    plan_import, read_document, settle, validate, Conflict, Covers, ExchangeDocument, ImportPlan,
    ImportProblem, KindCounts, ProblemReason, ReadError, Resolution, Settler,
};
use crate::store::StoreErrorKind;
use crate::ui::components::ErrorPanel;
use crate::ui::durable;
use crate::ui::files::{
    blob_text, chosen_file, deliver, let_the_page_breathe, take_shared_file, Delivered,
};
use crate::ui::format::{self, I18n};
use crate::ui::i18n::*;
use crate::ui::marks;
use crate::ui::state::{use_app, use_store_data, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

/// How many problems of a bad file are listed before "and N more".
const PROBLEMS_SHOWN: usize = 20;

/// Where an import stands.
#[derive(Clone)]
enum Stage {
    Idle,
    Busy(Step),
    Refused(ReadError),
    Invalid(Vec<ImportProblem>),
    Preview(Box<Preview>),
    Done(usize),
    Replaced,
}

/// The steps of an import, in order, with how much each is working on.
#[derive(Clone, Copy)]
enum Step {
    Reading { megabytes: f64 },
    Checking { records: usize },
    Comparing { records: usize },
    Writing { records: usize },
}

impl Step {
    const COUNT: u8 = 4;

    fn number(self) -> u8 {
        match self {
            Step::Reading { .. } => 1,
            Step::Checking { .. } => 2,
            Step::Comparing { .. } => 3,
            Step::Writing { .. } => 4,
        }
    }
}

#[derive(Clone)]
struct Preview {
    document: ExchangeDocument,
    plan: ImportPlan,
    local_names: std::collections::HashMap<uuid::Uuid, String>,
    /// This phone's records the plan was made against.
    local: std::sync::Arc<Community>,
    /// Set when earlier choices uncovered the clashes now shown.
    asked_again: bool,
    /// Who this phone belongs to, recorded on what a choice cancels.
    me: String,
}

/// The file name says what and when: `linli-backup-2026-11-27.json`.
pub fn file_name(what: &str, state: AppState, ext: &str) -> String {
    format!("linli-{what}-{}.{ext}", state.now_local().date())
}

/// A file to hand over: name, media type, text.
pub struct Outgoing {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

impl Outgoing {
    /// An exchange file of `records`; a redacted one has no phones or rooms
    /// and says so in its header and its name.
    pub fn document(
        state: AppState,
        mut records: Community,
        covers: Covers,
        what: &str,
        redacted: bool,
    ) -> Self {
        if redacted {
            redact(&mut records);
        }
        let mut document =
            ExchangeDocument::new(records, covers, Timestamp::now(), &state.device.get_value());
        document.header.redacted = redacted;
        let what = if redacted {
            format!("{what}-shared")
        } else {
            what.to_string()
        };
        Outgoing {
            name: file_name(&what, state, "json"),
            mime: "application/json",
            text: document.to_json(),
        }
    }

    pub fn csv(state: AppState, what: &str, text: String) -> Self {
        Outgoing {
            name: file_name(what, state, "csv"),
            mime: "text/csv;charset=utf-8",
            text,
        }
    }

    pub fn calendar(state: AppState, what: &str, text: String) -> Self {
        Outgoing {
            name: file_name(what, state, "ics"),
            mime: "text/calendar;charset=utf-8",
            text,
        }
    }
}

/// "Leave out phones and rooms", for files shared with residents.
#[component]
pub fn RedactChoice(redacted: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check">
            <input type="checkbox" name="redact" prop:checked=move || redacted.get()
                on:change=move |ev| redacted.set(event_target_checked(&ev)) />
            <span>{t!(i18n, exchange.redact)}</span>
        </label>
    }
}

/// A button that makes a file from the store and shares or downloads it.
#[component]
pub fn ExportButton<F, Fut>(
    label: impl Fn() -> String + Send + Sync + 'static,
    testid: &'static str,
    make: F,
    /// While true the button does nothing (its inputs are not valid yet).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView
where
    F: Fn(AppState) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Outgoing, StoreErrorKind>> + 'static,
{
    let i18n = use_i18n();
    let state = use_app();
    let done = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<StoreErrorKind>);
    let click = move |_| {
        leptos::task::spawn_local(async move {
            let file = match make(state).await {
                Ok(f) => f,
                Err(kind) => {
                    failure.set(Some(kind));
                    return;
                }
            };
            match deliver(&file.name, file.mime, &file.text).await {
                Ok(Delivered::Cancelled) => {}
                Ok(_) => done.set(Some(file.name)),
                Err(_) => failure.set(Some(StoreErrorKind::Failed)),
            }
        });
    };
    view! {
        <button type="button" class="button small" data-testid=testid on:click=click disabled=move || disabled.get()>{label}</button>
        {move || failure.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
        {move || done.get().map(|name| view! { <p class="notice" role="status">{t!(i18n, exchange.exported, name = move || name.clone())}</p> })}
    }
}

/// Exports the whole database and records when, for the backup reminder.
async fn backup(state: AppState, redacted: bool) -> Result<(String, Delivered), String> {
    let store = state.store();
    marks::mark("linli-export-start");
    let records = store.community().await.map_err(|e| e.detail)?;
    let file = Outgoing::document(state, records, Covers::Everything, "backup", redacted);
    marks::mark("linli-export-ready");
    let how = deliver(&file.name, file.mime, &file.text).await?;
    // Only a full export counts as a backup.
    if !redacted && how != Delivered::Cancelled {
        store
            .set_last_backup_at(Timestamp::now())
            .await
            .map_err(|e| e.detail)?;
        state.refresh();
    }
    Ok((file.name, how))
}

/// The backup made before replacing or emptying this phone: true once the
/// file was saved or shared. A share sheet closed without sharing saved
/// nothing, so the caller must not go on (false).
pub(super) async fn backup_first(state: AppState) -> Result<bool, StoreErrorKind> {
    match backup(state, false).await {
        Ok((_, Delivered::Downloaded | Delivered::Shared)) => Ok(true),
        Ok((_, Delivered::Cancelled)) => Ok(false),
        Err(_) => Err(StoreErrorKind::Failed),
    }
}

/// Today's gentle nudge: the data changed since the last backup, and that
/// was long enough ago (Settings: `backup_reminder_days`). One tap saves.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let last = use_store_data(|state| async move { state.store().last_backup_at().await });
    let failure = RwSignal::new(None::<StoreErrorKind>);
    let due = move || {
        let last = last.get()?.ok()?;
        let days = state.settings.with(|s| s.backup_reminder_days);
        backup_due(last, durable::changes(), Timestamp::now(), days)
    };
    let save = move |_| {
        leptos::task::spawn_local(async move {
            if backup(state, false).await.is_err() {
                failure.set(Some(StoreErrorKind::Failed));
            }
        });
    };
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
                    {move || failure.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
                    <p>{text}</p>
                    <button type="button" class="button primary small" data-testid="backup-now" on:click=save>
                        {t!(i18n, exchange.backup_now)}
                    </button>
                </aside>
            }
        })
    }
}

#[component]
pub fn BackupSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let last = use_store_data(|state| async move { state.store().last_backup_at().await });
    let redacted = RwSignal::new(false);
    let exported = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<StoreErrorKind>);
    let stage = RwSignal::new(Stage::Idle);
    let choices = RwSignal::new(Vec::<Resolution>::new());

    let export = move |_| {
        leptos::task::spawn_local(async move {
            match backup(state, redacted.get_untracked()).await {
                Ok((name, Delivered::Downloaded | Delivered::Shared)) => exported.set(Some(name)),
                Ok((_, Delivered::Cancelled)) => {}
                Err(_) => failure.set(Some(StoreErrorKind::Failed)),
            }
        });
    };

    // Reads, checks and compares a file, chosen or shared, up to its preview.
    let examine = move |blob: web_sys::Blob| async move {
        marks::mark("linli-import-start");
        // A file larger than any community's is refused unread.
        if blob.size() > MAX_FILE_BYTES as f64 {
            stage.set(Stage::Refused(ReadError::TooLarge {
                limit_bytes: MAX_FILE_BYTES,
            }));
            return;
        }
        let megabytes = blob.size() / 1_048_576.0;
        stage.set(Stage::Busy(Step::Reading { megabytes }));
        let_the_page_breathe().await;
        let Ok(Some(text)) = blob_text(&blob).await else {
            stage.set(Stage::Refused(ReadError::NotJson { line: 0, column: 0 }));
            return;
        };
        let document = match read_document(&text) {
            Ok(d) => d,
            Err(e) => {
                stage.set(Stage::Refused(e));
                return;
            }
        };
        let records = document.records.len();
        stage.set(Stage::Busy(Step::Checking { records }));
        let_the_page_breathe().await;
        let local = match state.store().community().await {
            Ok(c) => c,
            Err(e) => {
                failure.set(Some(e.kind));
                stage.set(Stage::Idle);
                return;
            }
        };
        let problems = validate(&document.records, &local);
        if !problems.is_empty() {
            stage.set(Stage::Invalid(problems));
            return;
        }
        stage.set(Stage::Busy(Step::Comparing { records }));
        let_the_page_breathe().await;
        let plan = plan_import(&local, &document.records);
        let local_names = local
            .volunteers
            .iter()
            .chain(document.records.volunteers.iter())
            .map(|v| (v.meta.id, v.name.clone()))
            .collect();
        choices.set(vec![Resolution::KeepMine; plan.conflicts.len()]);
        stage.set(Stage::Preview(Box::new(Preview {
            document,
            plan,
            local_names,
            local: std::sync::Arc::new(local),
            asked_again: false,
            me: state.my_name().await,
        })));
        marks::mark("linli-import-preview");
    };

    let chosen = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = chosen_file(&input) else {
            return;
        };
        // The same file may be chosen again after a fix.
        input.set_value("");
        leptos::task::spawn_local(examine(file.into()));
    };

    // A file shared to the app from another (a chat) arrives here through
    // the service worker's inbox: /data?shared=1.
    let shared_missing = RwSignal::new(false);
    if use_query_map().with_untracked(|q| q.get("shared").is_some()) {
        let navigate = leptos_router::hooks::use_navigate();
        leptos::task::spawn_local(async move {
            // Reloading afterwards should not look for it again.
            navigate(
                "/data",
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
            match take_shared_file().await {
                Ok(Some(blob)) => examine(blob).await,
                Ok(None) => shared_missing.set(true),
                Err(_) => failure.set(Some(StoreErrorKind::Failed)),
            }
        });
    }

    let apply = move |_| {
        marks::mark("linli-import-apply");
        let Stage::Preview(p) = stage.get_untracked() else {
            return;
        };
        let why = t_string!(i18n, exchange.conflict_reason).to_string();
        let device = state.device.get_value();
        let settled = settle(
            &p.local,
            &p.plan,
            &choices.get_untracked(),
            Settler {
                by: &p.me,
                reason: &why,
                at: Timestamp::now(),
                device: &device,
            },
        );
        if !settled.conflicts.is_empty() {
            choices.set(vec![Resolution::KeepMine; settled.conflicts.len()]);
            stage.set(Stage::Preview(Box::new(Preview {
                plan: settled,
                asked_again: true,
                ..*p
            })));
            return;
        }
        let writes: Vec<AnyRecord> = settled.writes;
        let count = writes.len();
        leptos::task::spawn_local(async move {
            stage.set(Stage::Busy(Step::Writing { records: count }));
            marks::mark("linli-import-write");
            let_the_page_breathe().await;
            match state.store().import(writes).await {
                Ok(()) => {
                    marks::mark("linli-import-done");
                    state.changed();
                    stage.set(Stage::Done(count));
                }
                Err(e) => {
                    failure.set(Some(e.kind));
                    stage.set(Stage::Preview(p));
                }
            }
        });
    };

    let replace = move |_| {
        let Stage::Preview(p) = stage.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            // A backup of this phone first, always.
            match backup_first(state).await {
                Ok(true) => {}
                Ok(false) => return,
                Err(kind) => {
                    failure.set(Some(kind));
                    return;
                }
            }
            stage.set(Stage::Busy(Step::Writing {
                records: p.document.records.len(),
            }));
            let_the_page_breathe().await;
            match state.store().replace_all(p.document.records.clone()).await {
                Ok(()) => {
                    state.changed();
                    stage.set(Stage::Replaced);
                }
                Err(e) => {
                    failure.set(Some(e.kind));
                    stage.set(Stage::Preview(p));
                }
            }
        });
    };

    view! {
        <section aria-labelledby="exchange">
            <h2 id="exchange">{t!(i18n, exchange.title)}</h2>
            <p class="hint">{t!(i18n, exchange.intro)}</p>
            {move || failure.get().map(|kind| view! { <ErrorPanel kind=kind /> })}
            <p data-testid="last-backup">
                {move || match last.get().and_then(Result::ok).flatten() {
                    Some(at) => {
                        let when = state.settings.with_untracked(|s| s.zone).local(at);
                        t_string!(i18n, exchange.last_backup, when = format!("{} {}", format::date_label(i18n, when.date()), when.clock())).to_string()
                    }
                    None => t_string!(i18n, exchange.never).to_string(),
                }}
            </p>
            <RedactChoice redacted=redacted />
            <button type="button" class="button primary" data-testid="export-all" on:click=export>{t!(i18n, exchange.export_all)}</button>
            {move || exported.get().map(|name| view! {
                <p class="notice" role="status" data-testid="exported">{t!(i18n, exchange.exported, name = move || name.clone())}</p>
            })}

            <h3>{t!(i18n, exchange.import)}</h3>
            {move || shared_missing.get().then(|| view! {
                <p class="notice" role="status" data-testid="shared-missing">{t!(i18n, exchange.shared_missing)}</p>
            })}
            <label class="field">
                <span>{t!(i18n, exchange.choose)}</span>
                <input type="file" name="import-file" accept=".json,application/json" on:change=chosen />
            </label>
            {move || stage_view(i18n, stage, choices, apply, replace)}
            <Show when=move || matches!(stage.get(), Stage::Preview(_))>
                <button type="button" class="button" data-testid="cancel-import" on:click=move |_| stage.set(Stage::Idle)>{t!(i18n, exchange.cancel)}</button>
            </Show>
            <p class="hint"><a href="/linli-exchange.schema.json" target="_blank">{t!(i18n, exchange.schema)}</a></p>
        </section>
    }
}

fn stage_view(
    i18n: I18n,
    stage: RwSignal<Stage>,
    choices: RwSignal<Vec<Resolution>>,
    apply: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    replace: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> AnyView {
    match stage.get() {
        Stage::Idle => ().into_any(),
        Stage::Busy(step) => view! {
            <div class="import-progress" role="status" data-testid="import-stage" data-step=step.number()>
                <progress max=Step::COUNT value=step.number() aria-label=move || t_string!(i18n, exchange.progress_label)></progress>
                <p>
                    {move || t_string!(i18n, exchange.step_of, step = step.number(), count = Step::COUNT).to_string()}
                    " "
                    {move || match step {
                        Step::Reading { megabytes } => t_string!(i18n, exchange.stage_reading, mb = format!("{megabytes:.1}")).to_string(),
                        Step::Checking { records } => t_string!(i18n, exchange.stage_checking, count = records).to_string(),
                        Step::Comparing { records } => t_string!(i18n, exchange.stage_comparing, count = records).to_string(),
                        Step::Writing { records } => t_string!(i18n, exchange.stage_writing, count = records).to_string(),
                    }}
                </p>
            </div>
        }
        .into_any(),
        Stage::Refused(e) => view! {
            <section class="refusal" role="alert" data-testid="import-refused"><p>{read_error(i18n, &e)}</p></section>
        }
        .into_any(),
        Stage::Invalid(problems) => {
            let count = problems.len();
            let more = count.saturating_sub(PROBLEMS_SHOWN);
            view! {
                <section class="refusal" role="alert" data-testid="import-problems">
                    <h3>{t!(i18n, exchange.problems, count = move || count)}</h3>
                    <ul>{problems.iter().take(PROBLEMS_SHOWN).map(|p| view! { <li>{problem(i18n, p)}</li> }).collect_view()}</ul>
                    {(more > 0).then(|| view! { <p>{t!(i18n, exchange.more_problems, count = move || more)}</p> })}
                </section>
            }
            .into_any()
        }
        Stage::Preview(p) => preview_view(i18n, *p, choices, apply, replace),
        Stage::Done(count) => view! {
            <p class="notice" role="status" data-testid="imported">{t!(i18n, exchange.imported, count = move || count)}</p>
        }
        .into_any(),
        Stage::Replaced => view! {
            <p class="notice" role="status" data-testid="replaced">{t!(i18n, exchange.replaced)}</p>
        }
        .into_any(),
    }
}

fn preview_view(
    i18n: I18n,
    p: Preview,
    choices: RwSignal<Vec<Resolution>>,
    apply: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    replace: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> AnyView {
    let header = p.document.header.clone();
    let state = use_app();
    let made = state
        .settings
        .with_untracked(|s| s.zone)
        .local(header.exported_at);
    let device = header.device_id.0.chars().take(8).collect::<String>();
    let nothing = p.plan.changes_nothing();
    let conflicts = p.plan.conflicts.clone();
    let asked_again = p.asked_again;
    let names = p.local_names.clone();
    let rows: Vec<(RecordKind, KindCounts)> = p.plan.counts.clone().into_iter().collect();
    view! {
        <section aria-labelledby="import-preview" data-testid="import-preview">
            <h3 id="import-preview">{t!(i18n, exchange.preview)}</h3>
            <p class="hint">{move || t_string!(i18n, exchange.covers, device = device.clone(), when = format!("{} {}", format::date_label(i18n, made.date()), made.clock())).to_string()}</p>
            <table class="counts import-counts" data-testid="import-counts">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, exchange.col_kind)}</th>
                        <th scope="col">{t!(i18n, exchange.col_new)}</th>
                        <th scope="col">{t!(i18n, exchange.col_changed)}</th>
                        <th scope="col">{t!(i18n, exchange.col_unchanged)}</th>
                        <th scope="col">{t!(i18n, exchange.col_deleted)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(kind, c)| view! {
                        <tr data-kind=kind.plural()>
                            <th scope="row">{move || kind_name(i18n, kind)}</th>
                            <td data-col="new">{c.new}</td>
                            <td data-col="changed">{c.changed}</td>
                            <td data-col="unchanged">{c.unchanged}</td>
                            <td data-col="deleted">{c.deleted}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {nothing.then(|| view! { <p class="notice" data-testid="import-nothing">{t!(i18n, exchange.nothing)}</p> })}
            {(!conflicts.is_empty()).then(|| {
                let count = conflicts.len();
                view! {
                    {asked_again.then(|| view! {
                        <p class="notice" role="status" data-testid="asked-again">{t!(i18n, exchange.asked_again)}</p>
                    })}
                    <h3>{t!(i18n, exchange.conflicts, count = move || count)}</h3>
                    <ul class="list" data-testid="import-conflicts">
                        {conflicts.into_iter().enumerate().map(|(i, c)| view! {
                            <li class="item conflict" data-testid="conflict">
                                <span class="item-main">
                                    <span>{conflict_text(i18n, &c, &names)}</span>
                                    <span class="conflict-choices" role="radiogroup">
                                        {[(Resolution::KeepMine, "mine"), (Resolution::TakeTheirs, "theirs")].into_iter().map(|(r, key)| view! {
                                            <label class="check">
                                                <input type="radio" name=format!("conflict-{i}") value=key
                                                    prop:checked=move || choices.with(|c| c.get(i) == Some(&r))
                                                    on:change=move |_| choices.update(|c| { if let Some(x) = c.get_mut(i) { *x = r; } }) />
                                                <span>{move || match r {
                                                    Resolution::KeepMine => t_string!(i18n, exchange.keep_mine),
                                                    Resolution::TakeTheirs => t_string!(i18n, exchange.take_theirs),
                                                }}</span>
                                            </label>
                                        }).collect_view()}
                                    </span>
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
            <div class="actions-row">
                {(!nothing).then(|| view! { <button type="button" class="button primary" data-testid="apply-import" on:click=apply.clone()>{t!(i18n, exchange.apply)}</button> })}
            </div>
            <p class="hint">{t!(i18n, exchange.replace_hint)}</p>
            <button type="button" class="button danger" data-testid="replace-all" on:click=replace.clone()>{t!(i18n, exchange.replace)}</button>
        </section>
    }
    .into_any()
}

fn kind_name(i18n: I18n, kind: RecordKind) -> String {
    match kind {
        RecordKind::Space => t_string!(i18n, data.kind_spaces),
        RecordKind::Booking => t_string!(i18n, data.kind_bookings),
        RecordKind::Volunteer => t_string!(i18n, data.kind_volunteers),
        RecordKind::Activity => t_string!(i18n, data.kind_activities),
        RecordKind::Shift => t_string!(i18n, data.kind_shifts),
        RecordKind::Assignment => t_string!(i18n, data.kind_assignments),
    }
    .to_string()
}

fn read_error(i18n: I18n, e: &ReadError) -> String {
    match e {
        ReadError::NotJson { line, column } => {
            t_string!(i18n, exchange.not_json, line = *line, column = *column).to_string()
        }
        ReadError::NotLinli => t_string!(i18n, exchange.not_linli).to_string(),
        ReadError::TooNew { version } => {
            t_string!(i18n, exchange.too_new, version = *version).to_string()
        }
        ReadError::TooLarge { limit_bytes } => {
            t_string!(i18n, exchange.too_large, mb = *limit_bytes / (1024 * 1024)).to_string()
        }
        ReadError::Malformed { path, .. } => match e.broken_place() {
            Some(place) if place.missing => t_string!(
                i18n,
                exchange.malformed_missing,
                kind = kind_name(i18n, place.kind),
                position = place.position + 1,
                field = place.field
            )
            .to_string(),
            Some(place) => t_string!(
                i18n,
                exchange.malformed_field,
                kind = kind_name(i18n, place.kind),
                position = place.position + 1,
                field = place.field
            )
            .to_string(),
            None => t_string!(i18n, exchange.malformed, path = path.clone()).to_string(),
        },
    }
}

fn problem(i18n: I18n, p: &ImportProblem) -> String {
    let reason = match p.reason {
        ProblemReason::DuplicateId => t_string!(i18n, exchange.reason_duplicate).to_string(),
        ProblemReason::Empty => t_string!(i18n, exchange.reason_empty).to_string(),
        ProblemReason::EndNotAfterStart => t_string!(i18n, exchange.reason_end).to_string(),
        ProblemReason::CapacityZero => t_string!(i18n, exchange.reason_capacity).to_string(),
        ProblemReason::HeadCount => t_string!(i18n, exchange.reason_head_count).to_string(),
        ProblemReason::TooLong { limit } => {
            t_string!(i18n, exchange.reason_too_long, limit = limit).to_string()
        }
        ProblemReason::OverlapsInFile => t_string!(i18n, exchange.reason_overlap).to_string(),
        ProblemReason::MissingReference(kind) => {
            t_string!(i18n, exchange.reason_missing, kind = kind_name(i18n, kind)).to_string()
        }
    };
    t_string!(
        i18n,
        exchange.problem,
        kind = kind_name(i18n, p.kind),
        position = p.position + 1,
        field = p.field,
        reason = reason
    )
    .to_string()
}

fn conflict_text(
    i18n: I18n,
    c: &Conflict,
    names: &std::collections::HashMap<uuid::Uuid, String>,
) -> String {
    match c {
        Conflict::Booking { mine, theirs } => {
            let time = format!(
                "{} {}",
                format::date_label(i18n, theirs.start.date()),
                format::time_range(i18n, theirs.start, theirs.end)
            );
            t_string!(
                i18n,
                exchange.conflict_booking,
                theirs = theirs.title.clone(),
                mine = mine.title.clone(),
                time = time
            )
            .to_string()
        }
        Conflict::Shifts {
            volunteer,
            mine,
            theirs,
        } => {
            let time = format!(
                "{} {}",
                format::date_label(i18n, theirs.1.start.date()),
                format::time_range(i18n, theirs.1.start, theirs.1.end)
            );
            t_string!(
                i18n,
                exchange.conflict_shift,
                name = names.get(volunteer).cloned().unwrap_or_default(),
                theirs = theirs.1.role.clone(),
                mine = mine.1.role.clone(),
                time = time
            )
            .to_string()
        }
    }
}
