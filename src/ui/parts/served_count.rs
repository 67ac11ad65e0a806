//! 服务人次 at the check-in table: how many residents each shift of the
//! day served, entered by its lead when the shift closes.

use crate::domain::shift::{read_served, ServedProblem};
use crate::domain::Shift;
use crate::store::SaveAssignmentError;
use crate::ui::components::{kept, Failure};
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::save::{save, Save};
use crate::ui::state::use_app;
use jiff::Timestamp;
use leptos::prelude::*;

/// 服务人次 per shift, entered as the day closes: what the monthly
/// report counts as people served by the activity.
#[component]
pub fn ServedCounts(shifts: Vec<Shift>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="served" aria-labelledby="served-title" data-testid="served-counts">
            <h2 id="served-title">{t!(i18n, checkin.served_title)}</h2>
            <p class="hint">{t!(i18n, checkin.served_hint)}</p>
            {shifts.into_iter().map(|s| view! { <ServedCount shift=s /> }).collect_view()}
        </section>
    }
}

#[component]
pub fn ServedCount(shift: Shift) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // Kept by the screen: a save redraws the list, and the notice stays.
    let key = shift.meta.id;
    let initial = shift.served.map(|n| n.to_string()).unwrap_or_default();
    let typed = kept(format!("served-{key}"), move || initial);
    let problem = kept(format!("served-problem-{key}"), || None::<ServedProblem>);
    let saved = kept(format!("served-saved-{key}"), || false);
    let (start, end, role) = (shift.start, shift.end, shift.role.clone());
    let shift = StoredValue::new(shift);
    let saving: Save<Shift, SaveAssignmentError> = save(
        |state, shift: Shift| async move {
            let limits = state.settings.with_untracked(|s| s.roster_limits);
            state.store().save_shift(shift, limits).await
        },
        move |()| saved.set(true),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        match read_served(&typed.get_untracked()) {
            Ok(count) => {
                problem.set(None);
                let mut s = shift.get_value();
                s.record_served(count, Timestamp::now(), &state.device.get_value());
                saving.run(s);
            }
            Err(p) => {
                problem.set(Some(p));
                crate::ui::save::show_first_problem();
            }
        }
    };
    let id = format!("served-{}", shift.with_value(|s| s.meta.id));
    let label_for = id.clone();
    view! {
        <form class="form served-form" on:submit=submit novalidate=true data-testid="served-form">
            <label class="field" for=label_for>
                <span>{move || t_string!(i18n, checkin.served_label, time = format::time_range(i18n, start, end), role = role.clone()).to_string()}</span>
                <input id=id type="text" inputmode="numeric" name="served" data-testid="served-input" maxlength="8"
                    bind:value=typed aria-invalid=move || problem.get().is_some().to_string() />
            </label>
            {move || problem.get().map(|p| view! {
                <p class="refusal" role="alert" data-testid="served-problem">{match p {
                    ServedProblem::NotANumber => t_string!(i18n, checkin.served_not_number),
                    ServedProblem::TooMany => t_string!(i18n, checkin.served_too_many),
                }}</p>
            })}
            <Failure kind=saving.store_failure() />
            <button type="submit" class="button small" data-testid="served-save" disabled=move || saving.busy()>{t!(i18n, checkin.served_save)}</button>
            <Show when=move || saved.get()>
                <p class="notice" role="status" data-testid="served-saved">{t!(i18n, checkin.served_saved)}</p>
            </Show>
        </form>
    }
}
