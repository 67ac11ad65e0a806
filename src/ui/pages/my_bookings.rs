//! My bookings: everything the person set as "me" on this phone has booked,
//! from today on, and the file to send the requests to the keeper.

use crate::ui::components::when_loaded;
use crate::ui::i18n::*;
use crate::ui::parts::my_agenda::{load_my_bookings, MyAgenda, MyBookings, NobodyIsMe};
use crate::ui::parts::my_exports::MyRequestsExport;
use crate::ui::state::use_store_data;
use leptos::prelude::*;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_store_data(load_my_bookings);
    view! {
        <h1 data-testid="page-title">{t!(i18n, me.title)}</h1>
        {move || when_loaded(data.get(), move |mine: Option<MyBookings>| match mine {
            None => view! { <NobodyIsMe /> }.into_any(),
            Some(mine) => {
                let name = mine.me.name.clone();
                view! {
                    <p class="hint">{t!(i18n, me.intro, name = move || name.clone())}</p>
                    <MyRequestsExport />
                    <MyAgenda mine=mine limit=usize::MAX />
                }.into_any()
            }
        })}
    }
}
