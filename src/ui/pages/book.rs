//! Booking a space, or changing a booking: a form read by the domain's
//! booking form, every rule checked on save, and when a rule says no, what
//! would fit instead. The repeat and its preview are in
//! `parts::booking_series`.

use crate::domain::booking_form::{
    read_booking_draft, read_repeat, BookingDraft, BookingField, BookingProblem, RepeatKind, Wanted,
};
use crate::domain::series::edit_occurrences;
use crate::domain::{Booking, IdSource, Interval, RandomIds, SeriesScope, Space, Volunteer};
use crate::store::StoreResult;
use crate::ui::components::{form_page, Done, Failure};
use crate::ui::format;
use crate::ui::forms::{Bound, Input};
use crate::ui::i18n::*;
use crate::ui::parts::booking_refusal::{Outcome, Refusal};
use crate::ui::parts::booking_series::{
    series_previewer, RepeatFields, ScopeChoice, SeriesPreview, SeriesPreviewList,
};
use crate::ui::parts::booking_write::{write, Next, Write};
use crate::ui::parts::contact::asks_contact;
use crate::ui::parts::notice::{NoticeFor, PrivacyNotice};
use crate::ui::save::{save, Save};
use crate::ui::state::{use_app, use_store_data, AppState};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::HashSet;
use uuid::Uuid;

async fn load(state: AppState, id: Uuid) -> StoreResult<Option<(Space, Option<Volunteer>)>> {
    let Some(space) = state.store().get_live::<Space>(id).await? else {
        return Ok(None);
    };
    Ok(Some((space, state.me().await?)))
}

#[component]
pub fn BookPage() -> impl IntoView {
    form_page("/spaces", load, |(space, me)| {
        view! { <BookForm space=space existing=None series=Vec::new() me=me /> }
    })
}

type Editing = (Space, Booking, Vec<Booking>);

async fn load_booking(state: AppState, id: Uuid) -> StoreResult<Option<Editing>> {
    let store = state.store();
    let Some(booking) = store.get_live::<Booking>(id).await? else {
        return Ok(None);
    };
    let Some(space) = store.get::<Space>(booking.space_id).await? else {
        return Ok(None);
    };
    // The other occurrences, for "this and following" and "whole series".
    let series = match booking.series_id {
        Some(series) => store
            .list::<Booking>()
            .await?
            .into_iter()
            .filter(|b| b.series_id == Some(series))
            .collect(),
        None => Vec::new(),
    };
    Ok(Some((space, booking, series)))
}

/// Changing one booking, or one, the following or every occurrence of a
/// series, in the same form.
#[component]
pub fn EditBookingPage() -> impl IntoView {
    form_page("/spaces", load_booking, |(space, booking, series)| {
        view! { <BookForm space=space existing=Some(booking) series=series me=None /> }
    })
}

#[component]
fn BookForm(
    space: Space,
    existing: Option<Booking>,
    series: Vec<Booking>,
    me: Option<Volunteer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let navigate = use_navigate();
    let rules = space.rules;
    // "Find a free space" and the day view pass the wanted time along.
    let query = use_query_map().get_untracked();
    let wanted = Wanted {
        date: query.get("date"),
        start: query.get("start"),
        end: query.get("end"),
        people: query.get("people"),
    };
    // The day view's "候补" on a taken slot: the form joins its waiting list.
    let to_wait = existing.is_none() && query.get("wait").is_some();
    let draft = RwSignal::new(match &existing {
        Some(b) => BookingDraft::of(b),
        None => BookingDraft::new(state.now_local(), &rules, me.as_ref(), wanted),
    });
    let editing = existing.is_some();
    let in_series = series.iter().filter(|b| b.is_live()).count() > 1;
    let scope = RwSignal::new(SeriesScope::ThisOne);
    let series = StoredValue::new(series);
    let existing = StoredValue::new(existing);
    let space_value = StoredValue::new(space.clone());
    let preview = RwSignal::new(None::<SeriesPreview>);
    let chosen = RwSignal::new(HashSet::<Uuid>::new());
    let tried = RwSignal::new(false);
    // Problems are named once the person tried to save, and follow the typing.
    let problems = move || {
        if !tried.get() {
            return Vec::new();
        }
        draft.with(|d| read_booking_draft(d).err().unwrap_or_default())
    };
    let problem = move |field: BookingField| problems().into_iter().find(|(f, _)| *f == field);

    let space_id = space.meta.id;
    let space_name = space.name.clone();
    let needs_approval = rules.needs_approval;
    let saving: Save<Write, Outcome> = save(write, move |(to, done): Next| {
        let link = match to {
            Some(id) => Done::link(
                done.unwrap_or(if editing {
                    Done::Changed
                } else {
                    Done::Created
                }),
                id,
            ),
            None => match existing.get_value() {
                Some(b) => Done::link(Done::Changed, b.meta.id),
                None => format!("/spaces/{space_id}"),
            },
        };
        navigate(&link, Default::default());
    });
    let previewing = series_previewer(space_value, preview, chosen);
    let outcome = move || saving.failure().unwrap_or_default();
    // Whether this phone can seal a resident's contact (its community's key).
    let contact_key = use_store_data(|state| async move {
        if state.resident().is_none() {
            return Ok(None);
        }
        state.store().contact_key().await
    });

    // The booking the form describes; None while a field is unreadable.
    let drafted = move || {
        tried.set(true);
        let d = draft.get_untracked();
        let fields = read_booking_draft(&d).ok()?;
        let (now, device) = (Timestamp::now(), state.device.get_value());
        Some(match existing.get_value() {
            Some(old) => fields.apply_to(old, now, &device),
            None => {
                let new =
                    fields.new_booking(&space_value.get_value(), RandomIds.next_id(), now, &device);
                match state.resident() {
                    Some(account) => new.asked_by(&account),
                    None => new,
                }
            }
        })
    };
    let join_waiting = Callback::new(move |()| {
        if let Some(booking) = drafted() {
            saving.run(Write::Wait(Box::new(booking)));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(booking) = drafted() else {
            crate::ui::save::show_first_problem();
            return;
        };
        let d = draft.get_untracked();
        if to_wait && d.repeat == RepeatKind::Once {
            saving.run(Write::Wait(Box::new(booking)));
            return;
        }
        let (now, device) = (Timestamp::now(), state.device.get_value());
        if d.repeat != RepeatKind::Once {
            // An unreadable repeat is said under its fields.
            let Ok(Some(rec)) = read_repeat(&d, booking.start.date()) else {
                crate::ui::save::show_first_problem();
                return;
            };
            let mut template = booking;
            template.series_id = Some(RandomIds.next_id());
            previewing.run((template, rec.dates()));
            return;
        }
        let changes = match existing.get_value() {
            Some(old) if scope.get_untracked() != SeriesScope::ThisOne => {
                series.with_value(|all| {
                    let scope = scope.get_untracked();
                    edit_occurrences(&old, &booking, all, scope, state.now_local(), now, &device)
                })
            }
            _ => vec![booking.clone()],
        };
        if changes.len() > 1 {
            saving.run(Write::Occurrences(changes));
        } else {
            saving.run(Write::One(Box::new(booking)));
        }
    };
    let save_series = move || {
        let Some(list) = preview.get_untracked() else {
            return;
        };
        let picked: Vec<Booking> = chosen.with_untracked(|ids| {
            list.into_iter()
                .filter(|(b, _)| ids.contains(&b.meta.id))
                .map(|(b, _)| b)
                .collect()
        });
        if !picked.is_empty() {
            preview.set(None);
            saving.run(Write::Series(picked));
        }
    };
    let pick_time = move |t: Interval| {
        draft.update(|d| d.take_time(t.start, t.end));
        saving.forget();
    };
    let busy = Signal::derive(move || saving.busy() || previewing.busy());
    let repeating = move || draft.with(|d| d.repeat != RepeatKind::Once);
    let repeat_unreadable = move || {
        tried.get()
            && draft.with(|d| {
                let day = d.times().map(|(s, _)| s.date());
                day.is_some_and(|day| read_repeat(d, day).is_err())
            })
    };

    let field = move |name, input, label: fn(format::I18n) -> String, get, set, checked| {
        booking_field(draft, i18n, problem, name, input, label, get, set, checked)
    };
    let time = Input::Time(Some(rules.slot_minutes));

    view! {
        <h1 data-testid="page-title">
            {move || match existing.get_value() {
                Some(b) => t_string!(i18n, book.edit_title, title = b.title.clone()).to_string(),
                None => t_string!(i18n, book.title, space = space_name.clone()).to_string(),
            }}
        </h1>
        <Show when=move || needs_approval>
            <p class="hint">{t!(i18n, book.needs_approval)}</p>
        </Show>
        {to_wait.then(|| view! { <p class="hint" data-testid="slot-taken-hint">{t!(i18n, slot_waiting.taken_hint)}</p> })}
        <form class="form" on:submit=submit novalidate=true>
            // The date on a row of its own and the two times on the next,
            // so a 360 px phone shows every value whole.
            {field("date", Input::Date, |i| t_string!(i, book.date).to_string(), |d| d.date.clone(), |d, v| { d.date = v; d.follow_date() }, None)}
            <div class="field-row">
                {field("start", time, |i| t_string!(i, book.start).to_string(), |d| d.start.clone(), |d, v| d.start = v, None)}
                {field("end", time, |i| t_string!(i, book.end).to_string(), |d| d.end.clone(), |d, v| d.end = v, None)}
            </div>
            {move || problem(BookingField::Times).map(|(_, p)| view! { <p class="field-error" role="alert">{problem_text(i18n, p)}</p> })}
            {field("title", Input::Text, |i| t_string!(i, book.event_title).to_string(), |d| d.title.clone(), |d, v| d.title = v, Some(BookingField::Title))}
            {field("purpose", Input::Text, |i| t_string!(i, book.purpose).to_string(), |d| d.purpose.clone(), |d, v| d.purpose = v, None)}
            {field("organiser", Input::Text, |i| t_string!(i, book.organiser).to_string(), |d| d.organiser.clone(), |d, v| d.organiser = v, Some(BookingField::Organiser))}
            // A resident's phone asks for a phone and room only when it can
            // send them to the committee sealed; it says which.
            {move || {
                let key = contact_key.get().and_then(Result::ok).flatten();
                asks_contact(&state, key.as_ref())
            }.then(|| view! {
                <div class="field-row">
                    {field("phone", Input::Tel, |i| t_string!(i, book.phone).to_string(), |d| d.phone.clone(), |d, v| d.phone = v, None)}
                    {field("room", Input::Text, |i| t_string!(i, book.room).to_string(), |d| d.room.clone(), |d, v| d.room = v, None)}
                </div>
            })}
            <ContactHint contact_key=contact_key />
            <PrivacyNotice at=NoticeFor::Booking />
            {field("attendees", Input::Count, |i| t_string!(i, book.attendees).to_string(), |d| d.attendees.clone(), |d, v| d.attendees = v, Some(BookingField::Attendees))}
            {in_series.then(|| view! { <ScopeChoice scope=scope /> })}
            {(!editing).then(|| view! { <RepeatFields draft=draft preview=preview /> })}
            <Show when=repeat_unreadable>
                <p class="field-error" role="alert">{problem_text(i18n, BookingProblem::RepeatUnreadable)}</p>
            </Show>
            <Failure kind=saving.store_failure() />
            <Failure kind=previewing.store_failure() />
            {move || outcome().unsealed.then(|| view! {
                <p class="field-error" role="alert" data-testid="contact-unsealed">{t!(i18n, contact.unsealed)}</p>
            })}
            <Refusal outcome=Signal::derive(outcome) pick_time=pick_time
                join_waiting=(!editing).then_some(join_waiting) />
            <button type="submit" class="button primary" data-testid="submit-booking" disabled=move || busy.get()>
                {move || submit_label(i18n, busy.get(), repeating(), to_wait, editing)}
            </button>
        </form>
        {move || preview.get().map(|list| view! {
            <SeriesPreviewList list=list chosen=chosen busy=busy save=save_series />
        })}
    }
}

fn problem_text(i18n: format::I18n, p: BookingProblem) -> String {
    match p {
        BookingProblem::Required => t_string!(i18n, book.required),
        BookingProblem::TimeUnreadable => t_string!(i18n, book.bad_time),
        BookingProblem::NumberUnreadable => t_string!(i18n, book.bad_number),
        BookingProblem::RepeatUnreadable => t_string!(i18n, series.unreadable),
    }
    .to_string()
}

/// One input of the booking form, bound to the draft, with its problem
/// said under it once the person tried to save.
#[allow(clippy::too_many_arguments)]
fn booking_field(
    draft: RwSignal<BookingDraft>,
    i18n: format::I18n,
    problem: impl Fn(BookingField) -> Option<(BookingField, BookingProblem)>
        + Copy
        + Send
        + Sync
        + 'static,
    name: &'static str,
    input: Input,
    label: fn(format::I18n) -> String,
    get: fn(&BookingDraft) -> String,
    set: fn(&mut BookingDraft, String),
    checked: Option<BookingField>,
) -> impl IntoView {
    let said = move || {
        checked
            .and_then(problem)
            .map(|(_, p)| problem_text(i18n, p))
    };
    Bound::new(draft, name, input, get, set).field(move || label(i18n), said)
}

/// Under the phone and room (or in their place): where a resident's
/// contact goes.
#[component]
fn ContactHint(
    contact_key: LocalResource<StoreResult<Option<crate::sync::ContactKey>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    move || {
        let key = contact_key.get().and_then(Result::ok).flatten();
        if !asks_contact(&state, key.as_ref()) {
            view! { <p class="hint" data-testid="contact-not-asked">{t!(i18n, contact.not_asked)}</p> }.into_any()
        } else if state.resident().is_some() {
            view! { <p class="hint" data-testid="contact-sealed-hint">{t!(i18n, contact.sealed_hint)}</p> }.into_any()
        } else {
            ().into_any()
        }
    }
}

/// What the form's button says.
fn submit_label(
    i18n: format::I18n,
    busy: bool,
    repeating: bool,
    to_wait: bool,
    editing: bool,
) -> String {
    if busy {
        t_string!(i18n, book.saving)
    } else if repeating {
        t_string!(i18n, series.preview)
    } else if to_wait {
        t_string!(i18n, slot_waiting.join)
    } else if editing {
        t_string!(i18n, book.save_changes)
    } else {
        t_string!(i18n, book.submit)
    }
    .to_string()
}
