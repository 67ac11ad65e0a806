//! Properties of the wall-clock time model.

use linli::domain::*;
use proptest::prelude::*;

fn any_local() -> impl Strategy<Value = LocalDateTime> {
    (2000i16..2100, 1i8..=12, 1i8..=28, 0i8..24, 0i8..60).prop_map(|(y, mo, d, h, mi)| {
        LocalDateTime::from_parts(y, mo, d, h, mi).expect("valid parts")
    })
}

proptest! {
    #[test]
    fn text_round_trips_and_sorts_like_time(a in any_local(), b in any_local()) {
        let (ta, tb) = (a.to_string(), b.to_string());
        prop_assert_eq!(ta.parse::<LocalDateTime>().ok(), Some(a));
        prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
    }

    #[test]
    fn adding_minutes_is_undone_by_subtracting(a in any_local(), m in -100_000i64..100_000) {
        let moved = a.plus_minutes(m);
        prop_assert_eq!(a.minutes_until(moved), m);
        prop_assert_eq!(moved.plus_minutes(-m), a);
    }

    #[test]
    fn overlap_is_symmetric_and_buffers_only_widen(
        a in any_local(), la in 1i64..600, b in any_local(), lb in 1i64..600, buffer in 0u16..120
    ) {
        let x = Interval::new(a, a.plus_minutes(la)).expect("positive length");
        let y = Interval::new(b, b.plus_minutes(lb)).expect("positive length");
        prop_assert_eq!(x.overlaps(y), y.overlaps(x));
        if x.overlaps(y) {
            prop_assert!(x.widened(buffer).overlaps(y));
        }
    }

    #[test]
    fn shanghai_wall_clock_survives_a_round_trip_through_instants(a in any_local()) {
        let zone = CommunityZone::Shanghai;
        let instant = a.to_timestamp(&zone.time_zone()).expect("Shanghai has no gaps since 1991");
        prop_assert_eq!(zone.local(instant), a);
    }
}
