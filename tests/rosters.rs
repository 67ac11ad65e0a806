//! The roster's guards at their edges, cover suggestions, duty templates
//! and hours; and a property: no assign/withdraw/swap sequence ever puts a
//! volunteer in two overlapping shifts or a shift over its maximum.

use jiff::civil::date;
use jiff::Timestamp;
use linli::domain::*;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

mod common;
use common::{at, clock, device};

fn ts() -> Timestamp {
    "2026-11-27T01:00:00Z".parse().expect("ts")
}

fn meta(id: u128) -> Meta {
    Meta::new(Uuid::from_u128(id), ts(), &device())
}

fn volunteer(id: u128, name: &str, skills: &[&str]) -> Volunteer {
    Volunteer {
        meta: meta(id),
        name: name.into(),
        phone: String::new(),
        room: String::new(),
        teams: vec!["保安机动队".into()],
        skills: skills.iter().map(|s| s.to_string()).collect(),
        notes: String::new(),
        active: true,
        joined_on: date(2025, 1, 1),
        consent: None,
        walk_in: false,
    }
}

fn shift(id: u128, start: &str, end: &str, max: u32) -> Shift {
    Shift {
        meta: meta(id),
        activity_id: Uuid::from_u128(500),
        role: "巡逻".into(),
        start: at(start),
        end: at(end),
        needed_min: 1,
        needed_max: max,
        place: String::new(),
        notes: String::new(),
        required_skill: None,
        served: None,
    }
}

fn on(id: u128, shift: &Shift, volunteer: &Volunteer) -> Assignment {
    Assignment::new(meta(id), shift.meta.id, volunteer.meta.id)
}

#[test]
fn overlapping_shifts_are_refused_and_touching_ones_are_not() {
    let li = volunteer(1, "李强", &[]);
    let morning = shift(10, "2026-12-05T07:00", "2026-12-05T08:00", 2);
    let touching = shift(11, "2026-12-05T08:00", "2026-12-05T09:00", 2);
    let overlapping = shift(12, "2026-12-05T07:59", "2026-12-05T09:00", 2);
    let theirs = vec![(on(100, &morning, &li), morning.clone())];
    let none = FairnessLimits::default();
    assert!(check_assignment(&li, &touching, &[], &theirs, none).allowed());
    let check = check_assignment(&li, &overlapping, &[], &theirs, none);
    assert!(matches!(
        check.refusals.as_slice(),
        [AssignRefusal::Overlaps { shift, .. }] if *shift == morning.meta.id
    ));
    // A withdrawn assignment no longer blocks the time.
    let mut gone = on(100, &morning, &li);
    gone.withdraw(ts(), &device());
    assert!(check_assignment(&li, &overlapping, &[], &[(gone, morning)], none).allowed());
}

#[test]
fn a_shift_never_exceeds_its_maximum_and_nobody_is_on_it_twice() {
    let patrol = shift(10, "2026-12-05T07:00", "2026-12-05T08:00", 2);
    let (a, b, c) = (
        volunteer(1, "甲", &[]),
        volunteer(2, "乙", &[]),
        volunteer(3, "丙", &[]),
    );
    let mut present = vec![on(100, &patrol, &a), on(101, &patrol, &b)];
    let none = FairnessLimits::default();
    let check = check_assignment(&c, &patrol, &present, &[], none);
    assert_eq!(check.refusals, [AssignRefusal::ShiftFull { max: 2 }]);
    let again = check_assignment(&a, &patrol, &present, &[], none);
    assert_eq!(again.refusals, [AssignRefusal::AlreadyOnShift]);
    // A no-show frees the place.
    present[1].mark_no_show(ts(), &device());
    assert!(check_assignment(&c, &patrol, &present, &[], none).allowed());
    let mut inactive = volunteer(4, "丁", &[]);
    inactive.active = false;
    assert_eq!(
        check_assignment(&inactive, &patrol, &[], &[], none).refusals,
        [AssignRefusal::VolunteerInactive]
    );
}

#[test]
fn a_missing_skill_is_a_warning_not_a_refusal() {
    let mut clinic = shift(10, "2026-12-05T09:00", "2026-12-05T11:00", 3);
    clinic.required_skill = Some("急救".into());
    let nurse = volunteer(1, "黄娇娇", &["急救"]);
    let helper = volunteer(2, "王芳", &["法律明白人"]);
    let none = FairnessLimits::default();
    assert_eq!(
        check_assignment(&nurse, &clinic, &[], &[], none),
        AssignCheck::default()
    );
    let check = check_assignment(&helper, &clinic, &[], &[], none);
    assert!(check.allowed());
    assert_eq!(
        check.warnings,
        [AssignWarning::MissingSkill {
            skill: "急救".into()
        }]
    );
}

#[test]
fn fairness_limits_refuse_exactly_past_their_edges() {
    let v = volunteer(1, "张伟", &[]);
    let s7 = shift(10, "2026-12-05T07:00", "2026-12-05T08:00", 2);
    let s8 = shift(11, "2026-12-05T08:00", "2026-12-05T09:00", 2);
    let s9 = shift(12, "2026-12-05T09:20", "2026-12-05T10:20", 2);
    let s12 = shift(13, "2026-12-05T12:00", "2026-12-05T13:00", 2);
    let theirs = vec![
        (on(100, &s7, &v), s7.clone()),
        (on(101, &s8, &v), s8.clone()),
    ];

    // Two hours already that day: a third is exactly 180 minutes.
    let day = |m| FairnessLimits {
        max_minutes_per_day: Some(m),
        ..FairnessLimits::default()
    };
    assert!(check_assignment(&v, &s12, &[], &theirs, day(180)).allowed());
    assert_eq!(
        check_assignment(&v, &s12, &[], &theirs, day(179)).refusals,
        [AssignRefusal::DayLimit {
            limit_minutes: 179,
            total_minutes: 180
        }]
    );

    // 07–08, 08–09 and 09:20 (a 20-minute gap) make a run of three.
    let run = |n| FairnessLimits {
        max_consecutive_shifts: Some(n),
        ..FairnessLimits::default()
    };
    assert!(check_assignment(&v, &s9, &[], &theirs, run(3)).allowed());
    assert_eq!(
        check_assignment(&v, &s9, &[], &theirs, run(2)).refusals,
        [AssignRefusal::ConsecutiveLimit { limit: 2 }]
    );
    // 12:00 is far enough from 09:00 to start a new run.
    assert!(check_assignment(&v, &s12, &[], &theirs, run(2)).allowed());

    let rest = |m| FairnessLimits {
        min_rest_minutes: Some(m),
        ..FairnessLimits::default()
    };
    assert!(check_assignment(&v, &s9, &[], &theirs, rest(20)).allowed());
    assert_eq!(
        check_assignment(&v, &s9, &[], &theirs, rest(21)).refusals,
        [AssignRefusal::TooLittleRest {
            min_rest: 21,
            rest: 20
        }]
    );
}

#[test]
fn cover_lists_free_skilled_volunteers_with_fewest_hours_first() {
    let mut night = shift(10, "2026-12-05T21:00", "2026-12-05T22:00", 2);
    night.required_skill = Some("巡逻".into());
    let earlier = shift(11, "2026-12-03T21:00", "2026-12-03T23:00", 2);
    let clash = shift(12, "2026-12-05T20:30", "2026-12-05T21:30", 2);
    let busy = volunteer(1, "忙人", &["巡逻"]);
    let tired = volunteer(2, "老周", &["巡逻"]);
    let fresh = volunteer(3, "小赵", &["巡逻"]);
    let unskilled = volunteer(4, "新人", &[]);
    let mut done = on(101, &earlier, &tired);
    done.record_check_out(at("2026-12-03T23:00"), ts(), &device());
    let assignments = vec![on(100, &clash, &busy), done];
    let shifts: HashMap<Uuid, Shift> = [earlier, clash, night.clone()]
        .into_iter()
        .map(|s| (s.meta.id, s))
        .collect();
    let options = cover_candidates(
        &night,
        &[busy, tired, fresh, unskilled],
        &assignments,
        &shifts,
        FairnessLimits::default(),
    );
    let names: Vec<(&str, i64)> = options
        .iter()
        .map(|o| (o.volunteer.name.as_str(), o.minutes_this_month))
        .collect();
    assert_eq!(names, [("小赵", 0), ("老周", 120)]);
}

fn patrols() -> DutyTemplate {
    DutyTemplate {
        role: "巡逻".into(),
        starts: ["07:00", "09:00", "12:00", "15:00", "18:00", "21:00"]
            .iter()
            .map(|c| clock(c))
            .collect(),
        minutes: 60,
        needed_min: 2,
        needed_max: 2,
        place: "小区东门".into(),
        required_skill: None,
        weekdays: vec![],
        days: DutyDays::Weekdays,
        stagger_minutes: 0,
    }
}

#[test]
fn a_daily_template_makes_six_patrols_a_day_and_a_staggered_one_shifts_alternate_days() {
    let activity = Uuid::from_u128(500);
    let mut ids = SeededIds::new(1);
    let (from, to) = (date(2026, 12, 7), date(2026, 12, 13));
    let plan = patrols().plan(
        activity,
        from,
        to,
        &[],
        &HashSet::new(),
        &mut ids,
        ts(),
        &device(),
        &HolidayCalendar::shipped(),
    );
    assert_eq!(plan.create.len(), 42);
    assert!(plan
        .create
        .iter()
        .all(|s| s.start.minutes_until(s.end) == 60
            && s.needed_min == 2
            && s.activity_id == activity));
    assert_eq!(plan.create[0].start, at("2026-12-07T07:00"));
    assert_eq!(plan.create[41].start, at("2026-12-13T21:00"));

    let staggered = DutyTemplate {
        stagger_minutes: 30,
        weekdays: vec![1, 2],
        ..patrols()
    };
    let slots = staggered.slots(from, to, &HolidayCalendar::shipped());
    // Monday and Tuesday only; Tuesday (the second day) half an hour later.
    assert_eq!(slots.len(), 12);
    assert_eq!(slots[0].0, at("2026-12-07T07:00"));
    assert_eq!(slots[6].0, at("2026-12-08T07:30"));
    assert_eq!(slots[11].1, at("2026-12-08T22:30"));
    assert!(patrols().problems(from, to).is_empty());
    assert_eq!(
        patrols().problems(to, from),
        [TemplateProblem::PeriodBackwards]
    );
    let broken = DutyTemplate {
        role: " ".into(),
        starts: vec![],
        needed_min: 3,
        ..patrols()
    };
    assert_eq!(
        broken.problems(from, to),
        [
            TemplateProblem::NoRole,
            TemplateProblem::NoStartTimes,
            TemplateProblem::HeadCount
        ]
    );
}

#[test]
fn regenerating_keeps_staffed_shifts_and_replaces_the_rest() {
    let activity = Uuid::from_u128(500);
    let mut ids = SeededIds::new(2);
    let day = date(2026, 12, 7);
    let first = patrols().plan(
        activity,
        day,
        day,
        &[],
        &HashSet::new(),
        &mut ids,
        ts(),
        &device(),
        &HolidayCalendar::shipped(),
    );
    assert_eq!(first.create.len(), 6);
    // Same template again: nothing to do.
    let again = patrols().plan(
        activity,
        day,
        day,
        &first.create,
        &HashSet::new(),
        &mut ids,
        ts(),
        &device(),
        &HolidayCalendar::shipped(),
    );
    assert_eq!(
        (again.create.len(), again.remove.len(), again.keep.len()),
        (0, 0, 6)
    );

    // Patrols move to the half hour; the 07:00 one has people on it.
    let staffed: HashSet<Uuid> = [first.create[0].meta.id].into_iter().collect();
    let moved = DutyTemplate {
        starts: ["07:30", "09:30"].iter().map(|c| clock(c)).collect(),
        ..patrols()
    };
    let plan = moved.plan(
        activity,
        day,
        day,
        &first.create,
        &staffed,
        &mut ids,
        ts(),
        &device(),
        &HolidayCalendar::shipped(),
    );
    assert_eq!(plan.keep.len(), 1);
    assert_eq!(plan.keep[0].start, at("2026-12-07T07:00"));
    assert_eq!(plan.remove.len(), 5);
    assert!(plan.remove.iter().all(|s| s.meta.deleted));
    let starts: Vec<String> = plan
        .create
        .iter()
        .map(|s| s.start.clock().to_string())
        .collect();
    assert_eq!(starts, ["07:30", "09:30"]);
}

#[test]
fn hours_come_from_times_or_the_shift_length_or_a_correction_and_cross_midnight() {
    let v = volunteer(1, "老周", &[]);
    let night = shift(10, "2026-12-31T22:00", "2027-01-01T02:00", 2);
    let mut a = on(100, &night, &v);
    a.record_check_in(at("2026-12-31T22:10"), ts(), &device());
    a.record_check_out(at("2027-01-01T01:40"), ts(), &device());
    assert_eq!(a.minutes_given(&night), 210);
    let mut plain = on(101, &night, &v);
    plain.record_check_out(at("2027-01-01T02:00"), ts(), &device());
    assert_eq!(plain.minutes_given(&night), 240, "completed without times");
    plain.correct_hours(
        HoursCorrection {
            minutes: 90,
            reason: "提前离开".into(),
            by: "组长".into(),
            device: None,
        },
        ts(),
        &device(),
    );
    assert_eq!(plain.minutes_given(&night), 90);
    let mut missed = on(102, &night, &v);
    missed.mark_no_show(ts(), &device());
    assert_eq!(missed.minutes_given(&night), 0);

    let (months, years) =
        hours_totals(&[(a, night.clone()), (plain, night.clone()), (missed, night)]);
    // The night counts in the month and year it starts.
    assert_eq!(
        months.get(&(2026, 12)),
        Some(&HoursTotals {
            minutes: 300,
            shifts: 2,
            no_shows: 1
        })
    );
    assert_eq!(years.get(&2026).map(|t| t.minutes), Some(300));
    assert_eq!(years.get(&2027), None);
}

#[test]
fn a_mistaken_tap_at_check_in_is_taken_back_one_step() {
    let v = volunteer(1, "老周", &[]);
    let s = shift(10, "2026-12-02T09:00", "2026-12-02T11:00", 2);
    let signed_up = on(100, &s, &v);
    let mut a = signed_up.clone();
    assert!(
        !a.undo_check_in_step(ts(), &device()),
        "nothing to take back"
    );
    a.record_check_in(at("2026-12-02T09:05"), ts(), &device());
    a.record_check_out(at("2026-12-02T10:30"), ts(), &device());
    assert!(a.undo_check_in_step(ts(), &device()));
    assert_eq!(
        (a.status, a.check_in, a.check_out),
        (
            AssignmentStatus::CheckedIn,
            Some(at("2026-12-02T09:05")),
            None
        )
    );
    assert!(a.undo_check_in_step(ts(), &device()));
    assert_eq!((a.status, a.check_in), (AssignmentStatus::SignedUp, None));
    assert!(
        a.meta.updated_at > signed_up.meta.updated_at,
        "each step is a change"
    );
    let mut missed = signed_up.clone();
    missed.mark_no_show(ts(), &device());
    assert!(!missed.counts_toward_coverage());
    assert!(missed.undo_check_in_step(ts(), &device()));
    assert_eq!(missed.status, AssignmentStatus::SignedUp);
    // Holding a place again means the guards look at it once more.
    assert!(linli::domain::roster_rules::assignment_needs_check(
        Some(&{
            let mut m = signed_up.clone();
            m.mark_no_show(ts(), &device());
            m
        }),
        &missed
    ));
}

#[derive(Clone, Debug)]
enum Command {
    Assign { volunteer: usize, shift: usize },
    Withdraw { pick: usize },
    Swap { pick: usize, to: usize },
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        3 => (0..6usize, 0..10usize).prop_map(|(volunteer, shift)| Command::Assign { volunteer, shift }),
        1 => (0..64usize).prop_map(|pick| Command::Withdraw { pick }),
        1 => (0..64usize, 0..6usize).prop_map(|(pick, to)| Command::Swap { pick, to }),
    ]
}

/// Ten shifts on one morning, some overlapping, of one to three places.
fn morning_shifts() -> Vec<Shift> {
    (0..10u128)
        .map(|i| {
            let start = at("2026-12-05T07:00").plus_minutes(i as i64 * 40);
            let mut s = shift(
                1000 + i,
                &start.to_string(),
                &start.plus_minutes(60).to_string(),
                1 + (i % 3) as u32,
            );
            s.role = format!("岗位 {i}");
            s
        })
        .collect()
}

proptest! {
    #[test]
    fn no_command_sequence_double_books_a_volunteer_or_overfills_a_shift(
        commands in prop::collection::vec(command(), 1..60)
    ) {
        let shifts = morning_shifts();
        let by_id: HashMap<Uuid, Shift> = shifts.iter().map(|s| (s.meta.id, s.clone())).collect();
        let volunteers: Vec<Volunteer> = (0..6u128).map(|i| volunteer(i + 1, &format!("志愿者{i}"), &[])).collect();
        let mut all: Vec<Assignment> = Vec::new();
        let mut next = 5000u128;
        let try_assign = |all: &Vec<Assignment>, v: &Volunteer, s: &Shift| {
            let theirs: Vec<(Assignment, Shift)> = all
                .iter()
                .filter(|a| a.volunteer_id == v.meta.id)
                .map(|a| (a.clone(), by_id[&a.shift_id].clone()))
                .collect();
            check_assignment(v, s, all, &theirs, FairnessLimits::default()).allowed()
        };
        for c in commands {
            match c {
                Command::Assign { volunteer, shift } => {
                    let (v, s) = (&volunteers[volunteer], &shifts[shift]);
                    if try_assign(&all, v, s) {
                        next += 1;
                        all.push(on(next, s, v));
                    }
                }
                Command::Withdraw { pick } => {
                    let n = all.len();
                    if n > 0 {
                        all[pick % n].withdraw(ts(), &device());
                    }
                }
                Command::Swap { pick, to } => {
                    let live: Vec<usize> = (0..all.len()).filter(|i| all[*i].counts_toward_coverage()).collect();
                    if live.is_empty() { continue; }
                    let i = live[pick % live.len()];
                    let s = by_id[&all[i].shift_id].clone();
                    let v = &volunteers[to];
                    // The cover is checked as if the giver had already left.
                    let mut trial = all.clone();
                    trial[i].withdraw(ts(), &device());
                    if try_assign(&trial, v, &s) {
                        next += 1;
                        trial.push(on(next, &s, v));
                        all = trial;
                    }
                }
            }
        }
        let live: Vec<&Assignment> = all.iter().filter(|a| a.counts_toward_coverage()).collect();
        for s in &shifts {
            let n = live.iter().filter(|a| a.shift_id == s.meta.id).count() as u32;
            prop_assert!(n <= s.needed_max, "{} has {n} of at most {}", s.role, s.needed_max);
        }
        for v in &volunteers {
            let mine: Vec<&Shift> = live.iter().filter(|a| a.volunteer_id == v.meta.id).map(|a| &by_id[&a.shift_id]).collect();
            for (i, a) in mine.iter().enumerate() {
                for b in &mine[i + 1..] {
                    prop_assert!(a.meta.id != b.meta.id && !shifts_overlap(a, b), "{} in {} and {}", v.name, a.role, b.role);
                }
            }
        }
    }
}

#[test]
fn search_finds_by_name_phone_digits_team_or_skill() {
    let mut v = volunteer(1, "黄娇娇", &["First aid"]);
    v.phone = "138 1234 5678".into();
    for query in ["黄娇", " 娇娇 ", "5678", "1234567", "保安", "first AID", ""] {
        assert!(volunteer_matches(&v, query), "{query:?} finds her");
    }
    for query in ["王", "9999", "56", "青年"] {
        assert!(!volunteer_matches(&v, query), "{query:?} does not");
    }
}

#[test]
fn the_volunteer_form_names_each_problem_and_splits_lists() {
    use linli::domain::volunteer_form::*;
    let draft = VolunteerDraft {
        name: " 王芳 ".into(),
        phone: "138-1234 5678".into(),
        teams: "保安机动队、青年志愿者, 保安机动队".into(),
        skills: "急救，法律明白人".into(),
        joined_on: "2026-03-01".into(),
        consent: Some(ConsentHow::Recorded),
        consent_by: " 李主任 ".into(),
        ..VolunteerDraft::default()
    };
    let fields = read_volunteer_draft(&draft).expect("a good draft");
    assert_eq!(fields.name, "王芳");
    assert_eq!(fields.teams, ["保安机动队", "青年志愿者"]);
    assert_eq!(fields.skills, ["急救", "法律明白人"]);
    let mut v = volunteer(9, "旧名", &[]);
    v.walk_in = true;
    let at: Timestamp = "2026-03-01T02:00:00Z".parse().expect("instant");
    fields.clone().apply_to(&mut v, at);
    assert_eq!((v.name.as_str(), v.meta.id), ("王芳", Uuid::from_u128(9)));
    // The consent is recorded, with who and when; a walk-in is now a volunteer.
    let consent = v.consent.clone().expect("consent recorded");
    assert_eq!(
        (consent.how, consent.by.as_str(), consent.at),
        (ConsentHow::Recorded, "李主任", at)
    );
    assert!(!v.walk_in);
    // Saving the same consent again keeps when it was given.
    fields.apply_to(
        &mut v,
        at.checked_add(jiff::Span::new().hours(5)).expect("later"),
    );
    assert_eq!(v.consent.as_ref().map(|c| c.at), Some(at));
    // No consent chosen, or recorded without who: the form says so.
    let none = VolunteerDraft {
        consent: None,
        ..draft.clone()
    };
    assert_eq!(
        read_volunteer_draft(&none),
        Err(vec![(VolunteerField::Consent, VolunteerProblem::Required)])
    );
    let nobody = VolunteerDraft {
        consent_by: " ".into(),
        ..draft.clone()
    };
    assert_eq!(
        read_volunteer_draft(&nobody),
        Err(vec![(
            VolunteerField::ConsentBy,
            VolunteerProblem::Required
        )])
    );
    let own = VolunteerDraft {
        consent: Some(ConsentHow::OwnPhone),
        consent_by: String::new(),
        ..draft
    };
    assert!(
        read_volunteer_draft(&own).is_ok(),
        "given on their own phone, nobody records it"
    );

    let bad = VolunteerDraft {
        name: "  ".into(),
        phone: "12ab".into(),
        joined_on: "2026-02-30".into(),
        consent: Some(ConsentHow::OwnPhone),
        ..VolunteerDraft::default()
    };
    assert_eq!(
        read_volunteer_draft(&bad),
        Err(vec![
            (VolunteerField::Name, VolunteerProblem::Required),
            (VolunteerField::Phone, VolunteerProblem::PhoneUnreadable),
            (VolunteerField::JoinedOn, VolunteerProblem::DateUnreadable),
        ])
    );
}

#[test]
fn roster_forms_name_their_problems_and_a_night_shift_ends_next_morning() {
    use linli::domain::roster_form::*;
    let night = ShiftDraft {
        role: "夜间巡逻".into(),
        date: "2026-12-05".into(),
        start: "22:00".into(),
        end: "02:00".into(),
        needed_min: "2".into(),
        needed_max: "3".into(),
        ..ShiftDraft::default()
    };
    let fields = read_shift_draft(&night).expect("a night shift");
    assert_eq!(fields.end, at("2026-12-06T02:00"));
    let bad = ShiftDraft {
        role: "".into(),
        start: "25:00".into(),
        needed_min: "3".into(),
        needed_max: "2".into(),
        ..night.clone()
    };
    assert_eq!(
        read_shift_draft(&bad),
        Err(vec![
            (RosterField::Role, RosterProblem::Required),
            (RosterField::Start, RosterProblem::Unreadable),
            (RosterField::NeededMax, RosterProblem::HeadCount),
        ])
    );

    let activity = ActivityDraft {
        title: "美食节".into(),
        starts_on: "2026-12-12".into(),
        ends_on: "2026-12-11".into(),
        ..ActivityDraft::default()
    };
    assert_eq!(
        read_activity_draft(&activity),
        Err(vec![(RosterField::EndsOn, RosterProblem::EndBeforeStart)])
    );

    let template = TemplateDraft {
        role: "巡逻".into(),
        starts: "07:00, 09:00，12:00".into(),
        minutes: "60".into(),
        needed_min: "2".into(),
        needed_max: "2".into(),
        stagger: "30".into(),
        from: "2026-12-07".into(),
        to: "2026-12-13".into(),
        ..TemplateDraft::default()
    };
    let (t, from, to) = read_template_draft(&template).expect("a template");
    assert_eq!(t.starts.len(), 3);
    assert_eq!((from, to), (date(2026, 12, 7), date(2026, 12, 13)));
    let long = TemplateDraft {
        starts: "7点".into(),
        to: "2028-01-01".into(),
        ..template
    };
    assert_eq!(
        read_template_draft(&long).map(|_| ()),
        Err(vec![
            (RosterField::Starts, RosterProblem::Unreadable),
            (RosterField::EndsOn, RosterProblem::TooLong)
        ])
    );
}

#[test]
fn a_form_makes_a_new_record_or_changes_one_keeping_its_id_and_history() {
    use linli::domain::roster_form::*;
    use linli::domain::volunteer_form::*;
    let mut ids = SeededIds::new(3);
    let t = ts();
    let later: Timestamp = "2026-11-28T00:00:00Z".parse().expect("ts");
    // A shift: new, then edited.
    let draft = ShiftDraft {
        role: "巡逻".into(),
        date: "2026-12-02".into(),
        start: "22:00".into(),
        end: "02:00".into(),
        needed_min: "2".into(),
        needed_max: "3".into(),
        ..ShiftDraft::default()
    };
    let fields = read_shift_draft(&draft).expect("reads");
    let activity = Uuid::from_u128(77);
    let made = fields
        .clone()
        .into_record(None, activity, t, &device(), &mut ids);
    assert_eq!(
        (made.activity_id, made.role.as_str(), made.end),
        (activity, "巡逻", at("2026-12-03T02:00"))
    );
    let mut again = fields.clone();
    again.role = "夜巡".into();
    let edited = again.into_record(
        Some(made.clone()),
        Uuid::from_u128(1),
        later,
        &device(),
        &mut ids,
    );
    assert_eq!(
        (edited.meta.id, edited.activity_id, edited.meta.created_at),
        (made.meta.id, activity, made.meta.created_at)
    );
    assert!(edited.meta.updated_at > made.meta.updated_at);
    // A volunteer keeps being inactive through an edit.
    let v = read_volunteer_draft(&VolunteerDraft {
        name: "老周".into(),
        joined_on: "2026-01-05".into(),
        consent: Some(ConsentHow::OwnPhone),
        ..VolunteerDraft::default()
    })
    .expect("reads");
    let new = v.clone().into_record(None, t, &device(), &mut ids);
    assert!(new.active);
    let mut resting = new.clone();
    resting.active = false;
    let kept = v.into_record(Some(resting), later, &device(), &mut ids);
    assert_eq!((kept.meta.id, kept.active), (new.meta.id, false));
}

#[test]
fn a_workday_patrol_skips_national_day_and_covers_the_make_up_saturday() {
    let holidays = HolidayCalendar::shipped();
    let workdays = DutyTemplate {
        days: DutyDays::Workdays,
        starts: vec![clock("19:00")],
        ..patrols()
    };
    // 2026: 1–7 October off, Saturday 10 October worked (调休).
    let slots = workdays.slots(date(2026, 9, 28), date(2026, 10, 11), &holidays);
    let days: Vec<String> = slots.iter().map(|(s, _)| s.date().to_string()).collect();
    assert_eq!(
        days,
        [
            "2026-09-28",
            "2026-09-29",
            "2026-09-30",
            "2026-10-08",
            "2026-10-09",
            "2026-10-10"
        ]
    );
    // Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 worked.
    let spring = workdays.slots(date(2026, 2, 9), date(2026, 3, 1), &holidays);
    let days: Vec<String> = spring.iter().map(|(s, _)| s.date().to_string()).collect();
    assert_eq!(
        days,
        [
            "2026-02-09",
            "2026-02-10",
            "2026-02-11",
            "2026-02-12",
            "2026-02-13",
            "2026-02-14",
            "2026-02-24",
            "2026-02-25",
            "2026-02-26",
            "2026-02-27",
            "2026-02-28"
        ]
    );
    // Ticked weekdays ignore the arrangement: every day of the holiday.
    let daily = patrols().slots(date(2026, 10, 1), date(2026, 10, 7), &holidays);
    assert_eq!(daily.len(), 7 * 6);
}

// Waiting lists (候补).

fn joined(id: u128, shift: &Shift, volunteer: &Volunteer, minute: i64) -> Assignment {
    let when = ts() + jiff::SignedDuration::from_mins(minute);
    Assignment::waiting(
        Meta::new(Uuid::from_u128(id), when, &device()),
        shift.meta.id,
        volunteer.meta.id,
    )
}

fn waiting(
    entry: Assignment,
    volunteer: &Volunteer,
    theirs: Vec<(Assignment, Shift)>,
) -> waiting_list::Waiting {
    waiting_list::Waiting {
        entry,
        volunteer: Some(volunteer.clone()),
        theirs,
    }
}

#[test]
fn where_i_stand_with_a_shift_on_it_waiting_or_free_to_sign_up_or_wait() {
    use waiting_list::{standing, Standing};
    let patrol = shift(10, "2026-12-05T07:00", "2026-12-05T08:00", 1);
    let before = at("2026-12-04T20:00");
    let (a, b, c, d) = (
        volunteer(1, "甲", &[]),
        volunteer(2, "乙", &[]),
        volunteer(3, "丙", &[]),
        volunteer(4, "丁", &[]),
    );
    assert_eq!(
        standing(&patrol, &[], a.meta.id, before),
        Standing::MaySignUp
    );
    let on_shift = vec![
        on(100, &patrol, &a),
        joined(201, &patrol, &c, 20),
        joined(200, &patrol, &b, 10),
    ];
    assert_eq!(
        standing(&patrol, &on_shift, a.meta.id, before),
        Standing::On
    );
    assert_eq!(
        standing(&patrol, &on_shift, b.meta.id, before),
        Standing::Waiting {
            place: 1,
            entry: Box::new(on_shift[2].clone())
        }
    );
    assert!(matches!(
        standing(&patrol, &on_shift, c.meta.id, before),
        Standing::Waiting { place: 2, .. }
    ));
    assert_eq!(
        standing(&patrol, &on_shift, d.meta.id, before),
        Standing::MayWait
    );
    assert_eq!(
        standing(&patrol, &on_shift, d.meta.id, at("2026-12-05T07:10")),
        Standing::Closed
    );
}

#[test]
fn the_waiting_list_moves_in_the_first_who_joined_and_may_take_the_place() {
    let mut patrol = shift(10, "2026-12-05T07:00", "2026-12-05T08:00", 1);
    patrol.required_skill = Some("急救".into());
    let before = at("2026-12-04T20:00");
    let (a, b, c, d) = (
        volunteer(1, "甲", &["急救"]),
        volunteer(2, "乙", &[]),
        volunteer(3, "丙", &["急救"]),
        volunteer(4, "丁", &["急救"]),
    );
    let mut gone = on(100, &patrol, &a);
    gone.withdraw(ts(), &device());
    // 乙 joined first but lacks the skill; 丙 is on a shift at that time; 丁 may.
    let other = shift(11, "2026-12-05T07:30", "2026-12-05T09:00", 3);
    let list = vec![
        waiting(joined(200, &patrol, &d, 30), &d, vec![]),
        waiting(joined(201, &patrol, &b, 10), &b, vec![]),
        waiting(
            joined(202, &patrol, &c, 20),
            &c,
            vec![(on(101, &other, &c), other.clone())],
        ),
    ];
    let on_shift: Vec<Assignment> = std::iter::once(gone.clone())
        .chain(list.iter().map(|w| w.entry.clone()))
        .collect();
    let none = FairnessLimits::default();
    let order: Vec<Uuid> = waiting_list::queue(patrol.meta.id, on_shift.iter())
        .iter()
        .map(|a| a.volunteer_id)
        .collect();
    assert_eq!(
        order,
        [b.meta.id, c.meta.id, d.meta.id],
        "joined first, first"
    );
    assert_eq!(
        waiting_list::first_to_move_in(&patrol, &on_shift, &list, none, before),
        Some(Uuid::from_u128(200))
    );
    // Full again (甲 back on it): nobody moves.
    let full: Vec<Assignment> = on_shift
        .iter()
        .cloned()
        .chain([on(102, &patrol, &a)])
        .collect();
    assert_eq!(
        waiting_list::first_to_move_in(&patrol, &full, &list, none, before),
        None
    );
    // Once the shift has started, the list no longer fills it.
    assert_eq!(
        waiting_list::first_to_move_in(&patrol, &on_shift, &list, none, at("2026-12-05T07:00")),
        None
    );
    // An inactive volunteer is passed over too.
    let mut retired = d.clone();
    retired.active = false;
    let list = vec![waiting(joined(200, &patrol, &d, 30), &retired, vec![])];
    assert_eq!(
        waiting_list::first_to_move_in(&patrol, &on_shift, &list, none, before),
        None
    );
}

proptest! {
    #[test]
    fn a_waiting_list_never_moves_in_someone_who_breaks_a_guard(
        people in prop::collection::vec((any::<bool>(), any::<bool>(), prop::collection::vec(0..10usize, 0..4), 0..500i64), 1..8),
        filled in 0..3usize,
        per_day in prop::option::of(30u32..300),
        rest in prop::option::of(0u16..120),
    ) {
        let shifts = morning_shifts();
        let target = {
            let mut s = shifts[4].clone();
            s.needed_max = 2;
            s.required_skill = Some("急救".into());
            s
        };
        let limits = FairnessLimits { max_minutes_per_day: per_day, max_consecutive_shifts: None, min_rest_minutes: rest };
        let before = at("2026-12-04T20:00");
        let mut on_shift: Vec<Assignment> = (0..filled as u128)
            .map(|i| on(9000 + i, &target, &volunteer(8000 + i, "在岗", &[])))
            .collect();
        let mut list = Vec::new();
        for (i, (active, skilled, others, minute)) in people.into_iter().enumerate() {
            let i = i as u128;
            let mut v = volunteer(100 + i, &format!("候补{i}"), if skilled { &["急救"] } else { &[] });
            v.active = active;
            let theirs: Vec<(Assignment, Shift)> = others
                .into_iter()
                .filter(|k| *k != 4)
                .enumerate()
                .map(|(j, k)| (on(3000 + i * 10 + j as u128, &shifts[k], &v), shifts[k].clone()))
                .collect();
            let entry = joined(500 + i, &target, &v, minute);
            on_shift.push(entry.clone());
            list.push(waiting(entry, &v, theirs));
        }
        let chosen = waiting_list::first_to_move_in(&target, &on_shift, &list, limits, before);
        let passes = |w: &waiting_list::Waiting| {
            let check = check_assignment(w.volunteer.as_ref().expect("v"), &target, &on_shift, &w.theirs, limits);
            check.allowed() && check.warnings.is_empty()
        };
        let queue: Vec<Uuid> = waiting_list::queue(target.meta.id, on_shift.iter()).iter().map(|a| a.meta.id).collect();
        match chosen {
            Some(id) => {
                let w = list.iter().find(|w| w.entry.meta.id == id).expect("from the list");
                prop_assert!(passes(w), "moved in someone a guard refuses");
                // Everyone ahead of them in the queue could not take it.
                for ahead in queue.iter().take_while(|q| **q != id) {
                    let w = list.iter().find(|w| w.entry.meta.id == *ahead).expect("listed");
                    prop_assert!(!passes(w));
                }
            }
            None => prop_assert!(filled >= 2 || list.iter().all(|w| !passes(w))),
        }
    }
}

#[test]
fn shifts_i_can_take_are_the_open_ones_i_am_free_and_skilled_for_soonest_first() {
    let me = volunteer(1, "我", &["急救"]);
    let other = volunteer(2, "别人", &[]);
    let now = at("2026-12-02T09:10");
    let mine = shift(10, "2026-12-05T07:00", "2026-12-05T08:00", 2);
    let clash = shift(11, "2026-12-05T07:30", "2026-12-05T08:30", 2);
    let full = shift(12, "2026-12-06T07:00", "2026-12-06T08:00", 1);
    let mut skilled = shift(13, "2026-12-04T07:00", "2026-12-04T08:00", 2);
    skilled.required_skill = Some("急救".into());
    let mut unskilled_for = shift(14, "2026-12-04T09:00", "2026-12-04T10:00", 2);
    unskilled_for.required_skill = Some("驾驶".into());
    let past = shift(15, "2026-12-02T08:00", "2026-12-02T10:00", 2);
    let far = shift(16, "2026-12-16T09:10", "2026-12-16T10:00", 2);
    let last_day = shift(17, "2026-12-16T09:00", "2026-12-16T10:00", 2);
    let open = shift(18, "2026-12-03T19:00", "2026-12-03T21:00", 3);
    let shifts = vec![
        mine.clone(),
        clash,
        full.clone(),
        skilled,
        unskilled_for,
        past,
        far,
        last_day,
        open,
    ];
    let on_shifts = vec![on(100, &mine, &me), on(101, &full, &other)];
    let theirs = vec![(on(100, &mine, &me), mine.clone())];
    let ids: Vec<u128> = open_shifts::shifts_i_can_take(
        &me,
        &shifts,
        &on_shifts,
        &theirs,
        FairnessLimits::default(),
        now,
    )
    .iter()
    .map(|s| s.meta.id.as_u128())
    .collect();
    // Not mine (already on it), the clash, the full one, the skill I lack,
    // the one that started, or what starts 14 days on or later.
    assert_eq!(ids, [18, 13, 17]);
    // A fairness limit counts too: at most an hour a day leaves out the
    // two-hour evening shift.
    let limits = FairnessLimits {
        max_minutes_per_day: Some(60),
        ..FairnessLimits::default()
    };
    let ids: Vec<u128> =
        open_shifts::shifts_i_can_take(&me, &shifts, &on_shifts, &theirs, limits, now)
            .iter()
            .map(|s| s.meta.id.as_u128())
            .collect();
    assert_eq!(ids, [13, 17]);
}
