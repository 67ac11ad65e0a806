//! What the holiday arrangement says of a date, wherever dates are shown.

use crate::domain::DayMark;
use crate::ui::format;
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use jiff::civil::Date;
use leptos::prelude::*;

/// "法定假日：国庆节" or "调休上班（国庆节）" for a date the arrangement
/// names; nothing for an ordinary day.
#[component]
pub fn DayMarkNote(#[prop(into)] date: Signal<Date>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    move || {
        let day = date.get();
        let (off, text) = state.holidays.with(|c| {
            c.mark(day)
                .map(|m| (matches!(m, DayMark::Holiday(_)), format::day_mark(i18n, m)))
        })?;
        Some(view! {
            <span class="day-mark" class:holiday=off data-testid="day-mark"
                data-mark=if off { "holiday" } else { "workday" }>{text}</span>
        })
    }
}
