//! Every kind's form starts from its record (`…Draft::of`, in the domain)
//! and reads back to the same fields: editing a record and saving it
//! unchanged changes nothing.

use jiff::Timestamp;
use linli::domain::demo::demo_community;
use linli::domain::roster_form::{
    read_activity_draft, read_shift_draft, ActivityDraft, ShiftDraft,
};
use linli::domain::space_form::{read_space_draft, SpaceDraft};
use linli::domain::volunteer_form::{read_volunteer_draft, VolunteerDraft, VolunteerField};
use linli::domain::*;

fn community() -> Community {
    let now: Timestamp = "2026-12-02T01:10:00Z".parse().expect("timestamp");
    demo_community(now, CommunityZone::Shanghai, &DeviceId("d".into()), 3)
}

#[test]
fn a_record_read_into_its_form_reads_back_to_the_same_fields() {
    let c = community();
    let today: jiff::civil::Date = "2026-12-02".parse().expect("date");
    assert!(!c.spaces.is_empty() && !c.volunteers.is_empty() && !c.shifts.is_empty());
    for s in &c.spaces {
        let f = read_space_draft(&SpaceDraft::of(Some(s))).expect("a space reads back");
        assert_eq!(
            (&f.name, f.kind, &f.location, f.capacity, &f.rules, &f.notes),
            (&s.name, s.kind, &s.location, s.capacity, &s.rules, &s.notes)
        );
        assert_eq!(f.opening_hours.len(), s.opening_hours.len(), "{}", s.name);
    }
    for v in &c.volunteers {
        let f = read_volunteer_draft(&VolunteerDraft::of(Some(v), today)).expect("reads back");
        assert_eq!(
            (&f.name, &f.phone, &f.room, &f.teams, &f.skills, f.joined_on),
            (&v.name, &v.phone, &v.room, &v.teams, &v.skills, v.joined_on)
        );
    }
    for a in &c.activities {
        let f = read_activity_draft(&ActivityDraft::of(Some(a), today)).expect("reads back");
        assert_eq!(
            (&f.title, f.kind, &f.place, f.starts_on, f.ends_on, &f.team),
            (&a.title, a.kind, &a.place, a.starts_on, a.ends_on, &a.team)
        );
    }
    for s in &c.shifts {
        let activity = c
            .activities
            .iter()
            .find(|a| a.meta.id == s.activity_id)
            .expect("its activity");
        let f = read_shift_draft(&ShiftDraft::of(activity, Some(s))).expect("reads back");
        assert_eq!(
            (
                &f.role,
                f.start,
                f.end,
                f.needed_min,
                f.needed_max,
                &f.required_skill
            ),
            (
                &s.role,
                s.start,
                s.end,
                s.needed_min,
                s.needed_max,
                &s.required_skill
            )
        );
    }
}

#[test]
fn a_new_records_form_starts_readable_or_asks_only_for_what_a_person_types() {
    let c = community();
    let today: jiff::civil::Date = "2026-12-02".parse().expect("date");
    // A new space lacks only its name; a new volunteer their name and how
    // they agreed to what is kept; a new activity its title; a new shift
    // its role.
    let space = read_space_draft(&SpaceDraft::of(None)).expect_err("needs a name");
    assert_eq!(space.len(), 1);
    let volunteer =
        read_volunteer_draft(&VolunteerDraft::of(None, today)).expect_err("needs a name");
    assert_eq!(
        volunteer.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        [VolunteerField::Name, VolunteerField::Consent]
    );
    let activity = read_activity_draft(&ActivityDraft::of(None, today)).expect_err("needs a title");
    assert_eq!(activity.len(), 1);
    let shift =
        read_shift_draft(&ShiftDraft::of(&c.activities[0], None)).expect_err("needs a role");
    assert_eq!(shift.len(), 1);
}
