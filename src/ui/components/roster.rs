//! Pieces of rosters shown on several screens.

use crate::domain::Coverage;
use crate::ui::i18n::*;
use leptos::prelude::*;

/// "2/3" people on a shift, marked when short.
#[component]
pub fn CoverageBadge(coverage: Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let class = if coverage.short_by() > 0 {
        "badge badge-short"
    } else {
        "badge badge-ok"
    };
    let (filled, needed) = (coverage.filled, coverage.needed_min);
    view! {
        <span class=class data-testid="coverage">
            {t!(i18n, fmt.coverage, filled = move || filled, needed = move || needed)}
        </span>
    }
}
