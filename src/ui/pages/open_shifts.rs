//! 我能报名的班次, the whole list: every shift in the next two weeks that
//! "me" could take.

use crate::ui::components::when_loaded;
use crate::ui::i18n::*;
use crate::ui::parts::my_agenda::NobodyIsMe;
use crate::ui::parts::open_shifts::{load_mine, OpenShiftList, SignedUpNotice};
use crate::ui::state::use_store_data;
use leptos::prelude::*;

#[component]
pub fn OpenShiftsPage() -> impl IntoView {
    let i18n = use_i18n();
    SignedUpNotice::provide();
    let data = use_store_data(load_mine);
    view! {
        <h1 data-testid="page-title">{t!(i18n, open_shifts.title)}</h1>
        <p class="page-note">{t!(i18n, open_shifts.intro)}</p>
        {move || when_loaded(data.get(), |found| match found {
            Some((me, shifts)) => view! { <OpenShiftList me=me shifts=shifts limit=usize::MAX /> }.into_any(),
            None => view! { <NobodyIsMe /> }.into_any(),
        })}
    }
}
