//! The space form: what a keeper types, what it becomes, what is refused.

use linli::domain::space_form::*;
use linli::domain::SpaceKind;

fn draft() -> SpaceDraft {
    SpaceDraft {
        name: " 青年夜校教室 ".into(),
        kind: Some(SpaceKind::Classroom),
        location: "三楼".into(),
        capacity: "30".into(),
        hours: [
            "18:00-21:30".into(),
            "18:00–21:30".into(),
            "".into(),
            "18:00~21:30".into(),
            "18:00-21:30".into(),
            "09:00-12:00，14:00-17:00".into(),
            "14:00-17:00, 09:00-12:00".into(),
        ],
        slot_minutes: "30".into(),
        min_minutes: "60".into(),
        max_minutes: "180".into(),
        advance_days: "30".into(),
        buffer_minutes: "15".into(),
        needs_approval: true,
        amenities: "水槽、操作台, 投影仪".into(),
        notes: String::new(),
    }
}

#[test]
fn a_well_filled_form_becomes_a_space() {
    let fields = read_space_draft(&draft()).expect("valid");
    assert_eq!(fields.name, "青年夜校教室");
    assert_eq!(fields.capacity, 30);
    assert_eq!(
        fields
            .opening_hours
            .iter()
            .filter(|p| p.weekday == 3)
            .count(),
        0,
        "Wednesday closed"
    );
    assert_eq!(
        fields
            .opening_hours
            .iter()
            .filter(|p| p.weekday == 7)
            .count(),
        2
    );
    let sunday: Vec<String> = fields
        .opening_hours
        .iter()
        .filter(|p| p.weekday == 7)
        .map(|p| p.opens.to_string())
        .collect();
    assert_eq!(sunday, vec!["09:00", "14:00"], "periods sorted");
    assert_eq!(fields.rules.buffer_minutes, 15);
    assert!(fields.rules.needs_approval);
    assert_eq!(fields.amenities, vec!["水槽", "操作台", "投影仪"]);
}

#[test]
fn each_problem_is_tied_to_its_field() {
    let mut d = draft();
    d.name = "  ".into();
    d.capacity = "0".into();
    d.hours[0] = "21:00-18:00".into();
    d.hours[1] = "9点到5点".into();
    d.hours[2] = "08:00-12:00, 11:00-13:00".into();
    d.min_minutes = "240".into();
    d.max_minutes = "120".into();
    d.buffer_minutes = "1500".into();
    d.slot_minutes = "abc".into();
    let problems = read_space_draft(&d).expect_err("invalid");
    for expected in [
        (SpaceField::Name, SpaceProblem::Required),
        (SpaceField::Capacity, SpaceProblem::CapacityZero),
        (SpaceField::Hours(1), SpaceProblem::ClosesBeforeOpens),
        (SpaceField::Hours(2), SpaceProblem::HoursUnreadable),
        (SpaceField::Hours(3), SpaceProblem::PeriodsOverlap),
        (SpaceField::MinMinutes, SpaceProblem::MinOverMax),
        (SpaceField::Buffer, SpaceProblem::LongerThanADay),
        (SpaceField::Slot, SpaceProblem::NotANumber),
    ] {
        assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
    }
    assert_eq!(problems.len(), 8);
}

#[test]
fn day_hours_round_trip_through_their_text() {
    let periods = parse_day_hours("09:00-11:30, 14:00-17:00").expect("valid");
    let records: Vec<_> = periods
        .iter()
        .map(|(o, c)| linli::domain::OpeningPeriod {
            weekday: 1,
            opens: *o,
            closes: *c,
        })
        .collect();
    assert_eq!(format_day_hours(&records), "09:00-11:30, 14:00-17:00");
    assert_eq!(parse_day_hours(""), Ok(vec![]));
    assert_eq!(
        parse_day_hours("08:00-24:00"),
        Err(SpaceProblem::HoursUnreadable)
    );
}
