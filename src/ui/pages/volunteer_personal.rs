//! Everything Linli holds about one volunteer (个人信息查阅): a page to
//! print and a file to save, in the language the phone shows — what a
//! committee hands over when someone asks.

use crate::domain::held_about::{held_about, HeldAbout};
use crate::domain::report::hours;
use crate::domain::Volunteer;
use crate::exchange::outgoing::Outgoing;
use crate::store::StoreResult;
use crate::ui::components::detail_page;
use crate::ui::format::{self, exchange::kind_name};
use crate::ui::i18n::*;
use crate::ui::parts::exports::ExportButton;
use crate::ui::parts::personal::ConsentLine;
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;
use uuid::Uuid;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<(Volunteer, HeldAbout)>> {
    let store = state.store();
    let Some(v) = store.get_live::<Volunteer>(id).await? else {
        return Ok(None);
    };
    let community = store.community().await?;
    let held = held_about(&community, &v.person());
    Ok(Some((v, held)))
}

#[component]
pub fn VolunteerPersonalPage() -> impl IntoView {
    detail_page(
        "/volunteers",
        load,
        |(v, held)| view! { <HeldView volunteer=v held=held /> },
    )
}

#[component]
fn HeldView(volunteer: Volunteer, held: HeldAbout) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.now_local().date();
    let v = volunteer;
    let id = v.meta.id;
    let file = move |state: AppState| async move {
        let store = state.store();
        let v = store
            .get_live::<Volunteer>(id)
            .await
            .map_err(|e| e.kind)?
            .ok_or(crate::store::StoreErrorKind::Failed)?;
        let community = store.community().await.map_err(|e| e.kind)?;
        let held = held_about(&community, &v.person());
        Ok(Outgoing::held_about(
            &held,
            jiff::Timestamp::now(),
            state.now_local().date(),
        ))
    };
    let name = v.name.clone();
    let total = hours(held.total_minutes);
    view! {
        <h1 data-testid="page-title">{t!(i18n, personal.export_title, name = name.clone())}</h1>
        <p class="hint">{t!(i18n, personal.export_intro)}</p>
        <p class="muted">{move || t_string!(i18n, personal.made_on, date = format::date_label(i18n, today)).to_string()}</p>
        <div class="actions-row no-print">
            <button type="button" class="button" data-testid="print" on:click=move |_| { let _ = window().print(); }>{t!(i18n, personal.print)}</button>
            <ExportButton label=move || t_string!(i18n, personal.export_file).to_string() testid="export-personal" make=file />
        </div>
        <section aria-labelledby="held-contact">
            <h2 id="held-contact">{t!(i18n, personal.export_contact)}</h2>
            <dl class="facts" data-testid="held-contact">
                <dt>{t!(i18n, volunteer_form.name)}</dt><dd>{v.name.clone()}</dd>
                <dt>{t!(i18n, volunteers.phone)}</dt><dd>{v.phone.clone()}</dd>
                <dt>{t!(i18n, volunteers.room)}</dt><dd>{v.room.clone()}</dd>
                <dt>{t!(i18n, volunteers.teams)}</dt><dd>{v.teams.join("、")}</dd>
                <dt>{t!(i18n, volunteers.skills)}</dt><dd>{v.skills.join("、")}</dd>
                <dt>{t!(i18n, volunteer_form.notes)}</dt><dd>{v.notes.clone()}</dd>
                <dt>{t!(i18n, volunteers.joined_on)}</dt><dd>{move || format::date_label(i18n, v.joined_on)}</dd>
                <dt>{t!(i18n, personal.consent_label)}</dt><dd><ConsentLine consent=v.consent.clone() /></dd>
            </dl>
        </section>
        <section aria-labelledby="held-shifts">
            <h2 id="held-shifts">{t!(i18n, personal.export_shifts)}</h2>
            <p data-testid="held-total">{t!(i18n, personal.export_total)} " " {t!(i18n, fmt.hours, count = move || total.clone())}</p>
            <ul class="list" data-testid="held-shifts">
                {held.shifts.into_iter().map(|s| {
                    let (start, end, day) = (s.shift.start, s.shift.end, s.shift.start.date());
                    let status = s.assignment.status;
                    let h = hours(s.minutes);
                    view! {
                        <li class="item">
                            <span>{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))}</span>
                            " · " {s.activity.clone()} " · " {s.shift.role.clone()}
                            " · " {move || format::assignment_status(i18n, status)}
                            " · " {t!(i18n, fmt.hours, count = move || h.clone())}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="held-bookings">
            <h2 id="held-bookings">{t!(i18n, personal.export_bookings)}</h2>
            {if held.bookings.is_empty() {
                view! { <p class="empty">{t!(i18n, personal.export_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="held-bookings">
                        {held.bookings.into_iter().map(|b| {
                            let (start, end, day, status) = (b.start, b.end, b.start.date(), b.status);
                            view! {
                                <li>{move || format!("{} {}", format::date_label(i18n, day), format::time_range(i18n, start, end))} " · " {b.title.clone()} " · " {move || format::booking_status(i18n, status)}
                                    {(!b.organiser.phone.is_empty() || !b.organiser.room.is_empty()).then(|| format!(" · {} {}", b.organiser.phone, b.organiser.room))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="held-mentions">
            <h2 id="held-mentions">{t!(i18n, personal.export_mentions)}</h2>
            {if held.mentions.is_empty() {
                view! { <p class="empty">{t!(i18n, personal.export_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="held-mentions">
                        {held.mentions.into_iter().map(|m| {
                            let kind = m.kind;
                            let fields = m.fields.join(", ");
                            view! { <li>{move || t_string!(i18n, personal.field, kind = kind_name(i18n, kind), field = fields.clone()).to_string()}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
