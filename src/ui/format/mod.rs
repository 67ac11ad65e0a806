//! Dates, times, statuses and messages as the reader's language writes them.

pub mod exchange;
pub mod sync;

use super::i18n::*;
use crate::domain::time::weekday_number;
use crate::domain::{
    ActivityKind, AssignmentStatus, BookingStatus, DayMark, LocalDateTime, SpaceKind,
};
use crate::store::StoreErrorKind;
use jiff::civil::Date;
use leptos_i18n::I18nContext;

pub type I18n = I18nContext<Locale>;

/// A sentence about a number. English writes exactly one apart ("1
/// clash", "0 clashes", "2 clashes"); Chinese writes both alike. The form
/// for one is the key's `_single` twin in the locale files, and `count`
/// is what the sentence shows (`n => shown` when that is not `n` itself,
/// such as "1,216").
macro_rules! counted {
    ($i18n:expr, $n:expr, [$($one:tt)+], [$($many:tt)+] $(, $k:ident = $v:expr)*) => {
        $crate::ui::format::counted!($i18n, $n => $n, [$($one)+], [$($many)+] $(, $k = $v)*)
    };
    ($i18n:expr, $n:expr => $shown:expr, [$($one:tt)+], [$($many:tt)+] $(, $k:ident = $v:expr)*) => {{
        let shown = $shown;
        if $n == 1 {
            $crate::ui::i18n::t_string!($i18n, $($one)+, count = shown $(, $k = $v)*).to_string()
        } else {
            $crate::ui::i18n::t_string!($i18n, $($many)+, count = shown $(, $k = $v)*).to_string()
        }
    }};
}
pub(crate) use counted;

/// "1 shift", "3 shifts" (Chinese: the number alone, its sentence says 个班次).
pub fn shifts(i18n: I18n, n: u32) -> String {
    counted!(i18n, n, [count.shifts_single], [count.shifts])
}

/// "1 person", "3 people" (Chinese: the number alone).
pub fn people(i18n: I18n, n: u32) -> String {
    counted!(i18n, n, [count.people_single], [count.people])
}

/// "2 shifts short of 3 people": an activity's gaps.
pub fn gaps(i18n: I18n, short_shifts: u32, short_people: u32) -> String {
    t_string!(
        i18n,
        rosters.gaps,
        shifts = shifts(i18n, short_shifts),
        people = people(i18n, short_people)
    )
    .to_string()
}

pub fn weekday_name(i18n: I18n, weekday: u8) -> String {
    match weekday {
        1 => t_string!(i18n, weekday.mon).to_string(),
        2 => t_string!(i18n, weekday.tue).to_string(),
        3 => t_string!(i18n, weekday.wed).to_string(),
        4 => t_string!(i18n, weekday.thu).to_string(),
        5 => t_string!(i18n, weekday.fri).to_string(),
        6 => t_string!(i18n, weekday.sat).to_string(),
        _ => t_string!(i18n, weekday.sun).to_string(),
    }
}

/// "11月" / "Nov".
pub fn month_name(i18n: I18n, month: i8) -> String {
    match month {
        1 => t_string!(i18n, month.jan).to_string(),
        2 => t_string!(i18n, month.feb).to_string(),
        3 => t_string!(i18n, month.mar).to_string(),
        4 => t_string!(i18n, month.apr).to_string(),
        5 => t_string!(i18n, month.may).to_string(),
        6 => t_string!(i18n, month.jun).to_string(),
        7 => t_string!(i18n, month.jul).to_string(),
        8 => t_string!(i18n, month.aug).to_string(),
        9 => t_string!(i18n, month.sep).to_string(),
        10 => t_string!(i18n, month.oct).to_string(),
        11 => t_string!(i18n, month.nov).to_string(),
        _ => t_string!(i18n, month.dec).to_string(),
    }
}

/// A holiday's name in the reader's language: the State Council's names
/// are known ("国庆节、中秋节" is two); any other stays as the file wrote it.
pub fn holiday_name(i18n: I18n, name: &str) -> String {
    let one = |part: &str| match part.trim() {
        "元旦" => t_string!(i18n, holiday.n_new_year).to_string(),
        "春节" => t_string!(i18n, holiday.n_spring).to_string(),
        "清明节" => t_string!(i18n, holiday.n_qingming).to_string(),
        "劳动节" => t_string!(i18n, holiday.n_labour).to_string(),
        "端午节" => t_string!(i18n, holiday.n_dragon_boat).to_string(),
        "中秋节" => t_string!(i18n, holiday.n_mid_autumn).to_string(),
        "国庆节" => t_string!(i18n, holiday.n_national).to_string(),
        other => other.to_string(),
    };
    let parts: Vec<String> = name.split('、').map(one).collect();
    parts.join(if i18n.get_locale() == Locale::en {
        ", "
    } else {
        "、"
    })
}

/// "法定假日：国庆节" / "调休上班（国庆节）" for a marked date.
pub fn day_mark(i18n: I18n, mark: DayMark<'_>) -> String {
    match mark {
        DayMark::Holiday(name) => {
            t_string!(i18n, holiday.off, name = holiday_name(i18n, name)).to_string()
        }
        DayMark::MakeUpWorkday(name) => {
            t_string!(i18n, holiday.workday, name = holiday_name(i18n, name)).to_string()
        }
    }
}

/// A person's name as shown, or "(erased)" once they were erased.
pub fn person_name(i18n: I18n, name: &str) -> String {
    if name == crate::domain::ERASED {
        t_string!(i18n, personal.erased_name).to_string()
    } else {
        name.to_string()
    }
}

/// "11月27日 周五" / "Fri 27 Nov"; "2028年1月1日 周六" / "Sat 1 Jan 2028"
/// in another year.
pub fn date_label(i18n: I18n, date: Date) -> String {
    let weekday = weekday_name(i18n, weekday_number(date.weekday()));
    let month = month_name(i18n, date.month());
    if date.year() == this_year() {
        t_string!(
            i18n,
            fmt.date,
            month = month,
            day = date.day(),
            weekday = weekday
        )
        .to_string()
    } else {
        // A date of another year says which: a 2028 holiday, last
        // December's booking.
        t_string!(
            i18n,
            fmt.date_year,
            year = date.year(),
            month = month,
            day = date.day(),
            weekday = weekday
        )
        .to_string()
    }
}

/// The year it is now on the community's clock (`AppState::now_local`;
/// the default community zone outside the app, as on a start-up error).
fn this_year() -> i16 {
    leptos::prelude::use_context::<crate::ui::state::AppState>()
        .map(|state| state.now_local())
        .unwrap_or_else(|| crate::domain::CommunityZone::default().local(jiff::Timestamp::now()))
        .date()
        .year()
}

/// "19:00–20:30", with the end date left out when it is the same day.
pub fn time_range(i18n: I18n, start: LocalDateTime, end: LocalDateTime) -> String {
    t_string!(
        i18n,
        fmt.time_range,
        start = start.clock(),
        end = end.clock()
    )
    .to_string()
}

pub fn booking_status(i18n: I18n, status: BookingStatus) -> String {
    match status {
        BookingStatus::Requested => t_string!(i18n, booking_status.requested),
        BookingStatus::Confirmed => t_string!(i18n, booking_status.confirmed),
        BookingStatus::Declined => t_string!(i18n, booking_status.declined),
        BookingStatus::Cancelled => t_string!(i18n, booking_status.cancelled),
        BookingStatus::Waiting => t_string!(i18n, booking_status.waiting),
    }
    .to_string()
}

pub fn assignment_status(i18n: I18n, status: AssignmentStatus) -> String {
    match status {
        AssignmentStatus::SignedUp => t_string!(i18n, assignment_status.signed_up),
        AssignmentStatus::Confirmed => t_string!(i18n, assignment_status.confirmed),
        AssignmentStatus::CheckedIn => t_string!(i18n, assignment_status.checked_in),
        AssignmentStatus::Completed => t_string!(i18n, assignment_status.completed),
        AssignmentStatus::NoShow => t_string!(i18n, assignment_status.no_show),
        AssignmentStatus::Cancelled => t_string!(i18n, assignment_status.cancelled),
        AssignmentStatus::Waiting => t_string!(i18n, assignment_status.waiting),
    }
    .to_string()
}

pub fn space_kind(i18n: I18n, kind: SpaceKind) -> String {
    match kind {
        SpaceKind::CommonRoom => t_string!(i18n, space_kind.common_room),
        SpaceKind::MeetingHall => t_string!(i18n, space_kind.meeting_hall),
        SpaceKind::StudyRoom => t_string!(i18n, space_kind.study_room),
        SpaceKind::Gym => t_string!(i18n, space_kind.gym),
        SpaceKind::ReadingBar => t_string!(i18n, space_kind.reading_bar),
        SpaceKind::Classroom => t_string!(i18n, space_kind.classroom),
        SpaceKind::ToolRoom => t_string!(i18n, space_kind.tool_room),
        SpaceKind::Court => t_string!(i18n, space_kind.court),
        SpaceKind::Canteen => t_string!(i18n, space_kind.canteen),
        SpaceKind::Other => t_string!(i18n, space_kind.other),
    }
    .to_string()
}

pub fn activity_kind(i18n: I18n, kind: ActivityKind) -> String {
    match kind {
        ActivityKind::Event => t_string!(i18n, activity_kind.event),
        ActivityKind::Duty => t_string!(i18n, activity_kind.duty),
        ActivityKind::Service => t_string!(i18n, activity_kind.service),
    }
    .to_string()
}

/// What a resident should know and do about a storage failure.
pub fn store_error(i18n: I18n, kind: StoreErrorKind) -> String {
    match kind {
        StoreErrorKind::Unsupported => t_string!(i18n, errors.unsupported),
        StoreErrorKind::TooNew => t_string!(i18n, errors.too_new),
        StoreErrorKind::Blocked => t_string!(i18n, errors.blocked),
        StoreErrorKind::Superseded => t_string!(i18n, errors.superseded),
        StoreErrorKind::QuotaExceeded => t_string!(i18n, errors.quota),
        StoreErrorKind::Duplicate => t_string!(i18n, errors.duplicate),
        StoreErrorKind::Changed => t_string!(i18n, errors.changed),
        StoreErrorKind::Unreadable => t_string!(i18n, errors.unreadable),
        StoreErrorKind::Failed => t_string!(i18n, errors.failed),
    }
    .to_string()
}

/// A broken booking rule in words a resident can act on.
pub fn refusal(i18n: I18n, refusal: &crate::domain::BookingRefusal) -> String {
    use crate::domain::BookingRefusal as R;
    match refusal {
        R::EndNotAfterStart => t_string!(i18n, refusal.end_not_after_start).to_string(),
        R::SpaceRetired => t_string!(i18n, refusal.space_retired).to_string(),
        R::InThePast => t_string!(i18n, refusal.in_the_past).to_string(),
        R::TooFarAhead {
            advance_days,
            last_day,
        } => {
            let last = date_label(i18n, *last_day);
            counted!(
                i18n,
                *advance_days,
                [refusal.too_far_ahead_single],
                [refusal.too_far_ahead],
                last = last
            )
        }
        R::OutsideOpeningHours {
            closed_all_day: true,
        } => t_string!(i18n, refusal.closed_all_day).to_string(),
        R::OutsideOpeningHours {
            closed_all_day: false,
        } => t_string!(i18n, refusal.outside_hours).to_string(),
        R::OffSlotGrid { slot_minutes } => {
            t_string!(i18n, refusal.off_grid, minutes = *slot_minutes).to_string()
        }
        R::TooShort { min_minutes } => {
            counted!(
                i18n,
                *min_minutes,
                [refusal.too_short_single],
                [refusal.too_short]
            )
        }
        R::TooLong { max_minutes } => {
            counted!(
                i18n,
                *max_minutes,
                [refusal.too_long_single],
                [refusal.too_long]
            )
        }
        R::OverCapacity { capacity } => {
            t_string!(i18n, refusal.over_capacity, count = *capacity).to_string()
        }
        R::Overlaps {
            title, start, end, ..
        } => {
            let time = time_range(i18n, *start, *end);
            t_string!(i18n, refusal.overlaps, title = title.clone(), time = time).to_string()
        }
    }
}

pub fn assign_refusal(i18n: I18n, refusal: &crate::domain::AssignRefusal) -> String {
    use crate::domain::AssignRefusal as R;
    match refusal {
        R::BadShift => t_string!(i18n, assign_refusal.bad_shift).to_string(),
        R::AlreadyOnShift => t_string!(i18n, assign_refusal.already_on).to_string(),
        R::VolunteerInactive => t_string!(i18n, assign_refusal.inactive).to_string(),
        R::ShiftFull { max } => counted!(
            i18n,
            *max,
            [assign_refusal.full_single],
            [assign_refusal.full]
        ),
        R::Overlaps {
            role, start, end, ..
        } => {
            let time = format!(
                "{} {}",
                date_label(i18n, start.date()),
                time_range(i18n, *start, *end)
            );
            t_string!(
                i18n,
                assign_refusal.overlaps,
                role = role.clone(),
                time = time
            )
            .to_string()
        }
        R::DayLimit {
            limit_minutes,
            total_minutes,
        } => t_string!(
            i18n,
            assign_refusal.day_limit,
            total = *total_minutes,
            limit = *limit_minutes
        )
        .to_string(),
        R::ConsecutiveLimit { limit } => {
            counted!(
                i18n,
                *limit,
                [assign_refusal.consecutive_single],
                [assign_refusal.consecutive]
            )
        }
        R::TooLittleRest { min_rest, rest } => {
            t_string!(i18n, assign_refusal.rest, min = *min_rest, rest = *rest).to_string()
        }
    }
}

pub fn assign_warning(i18n: I18n, warning: &crate::domain::AssignWarning) -> String {
    match warning {
        crate::domain::AssignWarning::MissingSkill { skill } => {
            t_string!(i18n, assign_refusal.missing_skill, skill = skill.clone()).to_string()
        }
    }
}

pub fn roster_problem(i18n: I18n, p: crate::domain::roster_form::RosterProblem) -> String {
    use crate::domain::roster_form::RosterProblem as P;
    match p {
        P::Required => t_string!(i18n, roster_form.required),
        P::Unreadable => t_string!(i18n, roster_form.unreadable),
        P::EndBeforeStart => t_string!(i18n, roster_form.end_before_start),
        P::HeadCount => t_string!(i18n, roster_form.head_count),
        P::TooLong => t_string!(i18n, roster_form.too_long),
    }
    .to_string()
}

/// A size as people read it on a phone: "820 KB", "12.5 MB", "3.2 GB".
pub fn bytes_label(bytes: f64) -> String {
    const KB: f64 = 1024.0;
    let (value, unit) = if bytes < KB * KB {
        (bytes / KB, "KB")
    } else if bytes < KB * KB * KB {
        (bytes / (KB * KB), "MB")
    } else {
        (bytes / (KB * KB * KB), "GB")
    };
    if value < 10.0 && unit != "KB" {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

/// Who made a change, as the booking and hours screens say it.
pub fn changed_by(i18n: I18n, by: &crate::domain::ChangedBy) -> String {
    use crate::domain::ChangedBy as C;
    match by {
        C::Person(name) => name.clone(),
        C::ThisPhone(id) => t_string!(i18n, fmt.this_phone, id = id.clone()).to_string(),
        C::OtherPhone(id) => t_string!(i18n, fmt.other_phone, id = id.clone()).to_string(),
        C::Unknown => String::new(),
    }
}
