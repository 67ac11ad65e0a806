//! 我能报名的班次: open shifts in the next two weeks that "me" can take,
//! each one tap from a sign-up through the usual guards.

use crate::domain::open_shifts::{shifts_i_can_take, OPEN_SHIFT_DAYS};
use crate::domain::{Activity, Assignment, IdSource, Meta, RandomIds, Shift, Volunteer};
use crate::store::{SaveAssignmentError, StoreResult};
use crate::ui::components::{when_loaded, Failure, RefusalList};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::parts::my_agenda::my_live_shifts;
use crate::ui::save::{save, Save};
use crate::ui::state::{use_store_data, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// A shift I could take, with its activity's title.
#[derive(Clone)]
pub struct OpenShift {
    pub shift: Shift,
    pub title: String,
}

/// Reads the next two weeks' shifts, who is on them and my own shifts,
/// and keeps those I could sign up for.
pub async fn load_open_shifts(state: AppState, me: &Volunteer) -> StoreResult<Vec<OpenShift>> {
    let store = state.store();
    let store = &store;
    let now = state.now_local();
    let shifts = store
        .shifts_between(now, now.plus_minutes(OPEN_SHIFT_DAYS * 24 * 60))
        .await?;
    // Today shows these beside my agenda, from a chunk loaded later: it
    // reads my shifts through the same helper rather than waiting on it.
    let (on_shifts, theirs) = futures::try_join!(
        futures::future::try_join_all(shifts.iter().map(|s| store.assignments_of_shift(s.meta.id))),
        my_live_shifts(store, me.meta.id),
    )?;
    let on_shifts: Vec<Assignment> = on_shifts.into_iter().flatten().collect();
    let limits = state.settings.with_untracked(|s| s.roster_limits);
    let open: Vec<Shift> = shifts_i_can_take(me, &shifts, &on_shifts, &theirs, limits, now)
        .into_iter()
        .cloned()
        .collect();
    futures::future::try_join_all(open.into_iter().map(|shift| async move {
        let title = store
            .get::<Activity>(shift.activity_id)
            .await?
            .map(|a| a.title)
            .unwrap_or_default();
        StoreResult::Ok(OpenShift { shift, title })
    }))
    .await
}

/// The title of the shift just signed up for. The page holds it (see
/// `provide`), so it outlives the list, which is drawn again after a save
/// (on Today, with the whole page), and it stays until the person leaves.
#[derive(Clone, Copy)]
pub struct SignedUpNotice(RwSignal<Option<String>>);

impl SignedUpNotice {
    fn new() -> Self {
        SignedUpNotice(RwSignal::new(None))
    }

    /// Called by a screen that shows an `OpenShiftList`.
    pub fn provide() {
        provide_context(SignedUpNotice::new());
    }
}

/// "Me" and the shifts I could take; None when nobody is "me" here.
pub async fn load_mine(state: AppState) -> StoreResult<Option<(Uuid, Vec<OpenShift>)>> {
    match state.me().await? {
        Some(me) => Ok(Some((me.meta.id, load_open_shifts(state, &me).await?))),
        None => Ok(None),
    }
}

/// The open shifts, at most `limit` of them, each with a sign-up button.
#[component]
pub fn OpenShiftList(me: Uuid, shifts: Vec<OpenShift>, limit: usize) -> impl IntoView {
    let i18n = use_i18n();
    let signed_up = use_context::<SignedUpNotice>()
        .unwrap_or_else(SignedUpNotice::new)
        .0;
    let signing: Save<(Uuid, String), SaveAssignmentError> = save(
        move |state, (shift, _title): (Uuid, String)| async move {
            let limits = state.settings.with_untracked(|s| s.roster_limits);
            let meta = Meta::new(
                RandomIds.next_id(),
                Timestamp::now(),
                &state.device.get_value(),
            );
            state
                .store()
                .save_assignments(
                    vec![],
                    vec![Assignment::new(meta, shift, me)],
                    limits,
                    state.moment(),
                )
                .await
        },
        |_moved: Vec<Assignment>| {},
    );
    let sign_up = move |shift: Uuid, title: String| {
        signed_up.set(Some(title.clone()));
        signing.run((shift, title));
    };
    let total = shifts.len();
    let shown: Vec<OpenShift> = shifts.into_iter().take(limit).collect();
    view! {
        <Failure kind=signing.store_failure() />
        {move || {
            let items: Vec<String> = signing
                .failure()
                .and_then(|e| e.refusals())
                .unwrap_or_default()
                .iter()
                .map(|r| format::assign_refusal(i18n, r))
                .collect();
            view! { <RefusalList items=items title=t_string!(i18n, assign_refusal.title).to_string() testid="open-shift-refusal" /> }
        }}
        {move || (signing.failure().is_none()).then(|| signed_up.get()).flatten().map(|title| view! {
            <p class="notice" role="status" data-testid="open-shift-signed-up">{t!(i18n, open_shifts.signed_up, title = move || title.clone())}</p>
        })}
        {if shown.is_empty() {
            view! { <p class="empty" data-testid="open-shifts-none">{t!(i18n, open_shifts.none, days = move || OPEN_SHIFT_DAYS)}</p> }.into_any()
        } else {
            view! {
                <ul class="list" data-testid="open-shifts">
                    {shown.into_iter().map(|o| {
                        let (start, end, day, id) = (o.shift.start, o.shift.end, o.shift.start.date(), o.shift.meta.id);
                        let title = o.title.clone();
                        view! {
                            <li class="item" data-testid="open-shift">
                                <span class="item-time">
                                    <span class="item-day">{move || format::date_label(i18n, day)}</span>
                                    {move || format::time_range(i18n, start, end)}
                                </span>
                                <span class="item-main">
                                    <A href=format!("/shifts/{id}") attr:class="item-title">{o.title}</A>
                                    <span class="item-sub">{o.shift.role.clone()}</span>
                                </span>
                                <button type="button" class="button small primary" data-testid="take-open-shift"
                                    disabled=move || signing.busy()
                                    on:click=move |_| sign_up(id, title.clone())>{t!(i18n, open_shifts.take)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(total > limit).then(|| view! {
            <A href="/open-shifts" attr:class="button small" attr:data-testid="all-open-shifts">{t!(i18n, open_shifts.all, count = move || total)}</A>
        })}
    }
}

/// How many shifts I could take Today shows; the rest are one tap away.
const ON_TODAY: usize = 3;

/// Today's "shifts I can take": its own reads, drawn from the rosters
/// chunk, so the guards and their words stay off the first visit's path.
#[component]
pub fn OpenShiftsOnToday() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store_data(load_mine);
    move || {
        when_loaded(data.get(), move |found| {
            found.map(|(me, shifts)| {
                view! {
                    <section aria-labelledby="open-shifts">
                        <h2 id="open-shifts">{t!(i18n, open_shifts.title)}</h2>
                        <OpenShiftList me=me shifts=shifts limit=ON_TODAY />
                    </section>
                }
            })
        })
    }
}
