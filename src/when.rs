//! Times as people read them on screen: a moment to the minute in a time zone
//! (`2026-12-02 14:05`, or `14:05` on the day it is read) and the time left until one
//! (`2h 10m`, or `2h10m` where room is short). Pure: the clock and the zone are the caller's.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `at` in `tz`, to the minute: `2026-12-02 14:05`.
pub fn local(at: Timestamp, tz: &TimeZone) -> String {
    // The civil time straight from the zone: no zoned value built (lists call this for
    // every row, a million times at scale).
    let t = tz.to_datetime(at);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// `at` in `tz` as seen at `now`: the time of day alone on the same local day
/// (`14:05`), else the date too (`2026-12-03 14:05`).
pub fn moment(at: Timestamp, now: Timestamp, tz: &TimeZone) -> String {
    let z = at.to_zoned_datetime(tz.clone());
    if z.date() == now.to_zoned_datetime(tz.clone()).date() {
        format!("{:02}:{:02}", z.hour(), z.minute())
    } else {
        local(at, tz)
    }
}

/// The time from `now` until `until`, in at most two units, minutes rounded up (so the
/// last minute reads `1m`, never `0m`): `1y 40d` (years of 365 days), `3d 4h`, `2h 10m`,
/// `2h`, `45m`. `compact` leaves out
/// the space (`2h10m`). `None` once `until` has come.
pub fn left(now: Timestamp, until: Timestamp, compact: bool) -> Option<String> {
    let seconds = until.as_second() - now.as_second();
    if seconds <= 0 {
        return None;
    }
    let minutes = (seconds + 59) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let (big, small) = match (days, hours) {
        (365.., _) => (
            format!("{}y", days / 365),
            (days % 365 > 0).then(|| format!("{}d", days % 365)),
        ),
        (0, 0) => return Some(format!("{minutes}m")),
        (0, h) => (
            format!("{h}h"),
            (minutes > 0).then(|| format!("{minutes}m")),
        ),
        (d, h) => (format!("{d}d"), (h > 0).then(|| format!("{h}h"))),
    };
    let gap = if compact { "" } else { " " };
    Some(match small {
        Some(small) => format!("{big}{gap}{small}"),
        None => big,
    })
}

/// Seconds from `now` until what [`left`] says of `until` next changes (its minute rounds
/// down a step, or the time comes); `None` once it has come.
pub fn next_change(now: Timestamp, until: Timestamp) -> Option<i64> {
    let seconds = until.as_second() - now.as_second();
    (seconds > 0).then(|| (seconds - 1) % 60 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn time_left_in_two_units_at_most() {
        let now = at("2026-12-02T10:00:00Z");
        let left = |until: &str, compact| left(now, at(until), compact);
        assert_eq!(
            left("2026-12-02T12:10:00Z", false).as_deref(),
            Some("2h 10m")
        );
        assert_eq!(left("2026-12-02T12:10:00Z", true).as_deref(), Some("2h10m"));
        assert_eq!(left("2026-12-02T12:00:00Z", true).as_deref(), Some("2h"));
        assert_eq!(
            left("2028-01-11T12:00:00Z", false).as_deref(),
            Some("1y 40d")
        );
        assert_eq!(left("2026-12-02T10:00:30Z", true).as_deref(), Some("1m"));
        assert_eq!(left("2026-12-02T10:45:00Z", false).as_deref(), Some("45m"));
        assert_eq!(
            left("2026-12-05T14:00:00Z", false).as_deref(),
            Some("3d 4h")
        );
        assert_eq!(left("2026-12-04T10:00:00Z", false).as_deref(), Some("2d"));
        assert_eq!(left("2026-12-02T10:00:00Z", false), None);
        assert_eq!(left("2026-12-01T10:00:00Z", false), None);
    }

    #[test]
    fn the_countdown_changes_when_its_minute_does() {
        let now = at("2026-12-02T10:00:00Z");
        assert_eq!(next_change(now, at("2026-12-02T12:10:00Z")), Some(60));
        assert_eq!(next_change(now, at("2026-12-02T12:10:01Z")), Some(1));
        assert_eq!(next_change(now, at("2026-12-02T10:00:30Z")), Some(30));
        assert_eq!(next_change(now, now), None);
    }

    #[test]
    fn moments_in_the_zone() {
        let tz = TimeZone::fixed(jiff::tz::offset(2));
        let now = at("2026-12-02T10:00:00Z");
        assert_eq!(local(at("2026-12-02T21:30:00Z"), &tz), "2026-12-02 23:30");
        assert_eq!(moment(at("2026-12-02T21:30:00Z"), now, &tz), "23:30");
        assert_eq!(
            moment(at("2026-12-02T22:30:00Z"), now, &tz),
            "2026-12-03 00:30",
            "past local midnight"
        );
        assert_eq!(
            moment(at("2026-12-02T22:30:00Z"), now, &TimeZone::UTC),
            "22:30"
        );
    }
}
