//! Times in queries: the values of `since:` and `until:` — a year, a month, a day, a time of
//! day (`2026-12-01T09:00`, in the local time zone unless it says `Z` or an offset), or a
//! relative form (`2h`, `30m`, `3d`, `1w`, `today`, `yesterday`) — to the first and the
//! last second they cover.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// The stretch of time a value names: `start` inclusive, `end` exclusive (seconds since the
/// epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: i64,
    pub end: i64,
}

/// What the forms are, for error messages.
pub const FORMS: &str =
    "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, 2h, 30m, 3d, 1w, today or yesterday";

/// The period `value` names, read at `now` in `tz`; `None` when it is no time.
pub fn period(value: &str, now: Timestamp, tz: &TimeZone) -> Option<Period> {
    let value = value.trim();
    let local_day = |date: Date| -> Option<Period> {
        let start = date
            .to_zoned_datetime(tz.clone())
            .ok()?
            .timestamp()
            .as_second();
        let next = date.tomorrow().ok()?;
        let end = next
            .to_zoned_datetime(tz.clone())
            .ok()?
            .timestamp()
            .as_second();
        Some(Period { start, end })
    };
    let today = now.to_zoned_datetime(tz.clone()).date();
    match value {
        "today" | "now" => return local_day(today),
        "yesterday" => return local_day(today.yesterday().ok()?),
        _ => {}
    }
    if let Some(span) = relative(value) {
        let at = now.checked_sub(span).ok()?.as_second();
        return Some(Period { start: at, end: at });
    }
    if let Ok(at) = value.parse::<Timestamp>() {
        let at = at.as_second();
        return Some(Period {
            start: at,
            end: at + 1,
        });
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    match value.split('-').collect::<Vec<_>>().as_slice() {
        [y] if y.len() == 4 && digits(y) => {
            let year: i16 = y.parse().ok()?;
            let start = local_day(Date::new(year, 1, 1).ok()?)?.start;
            let end = local_day(Date::new(year + 1, 1, 1).ok()?)?.start;
            return Some(Period { start, end });
        }
        [y, m] if y.len() == 4 && digits(y) && m.len() <= 2 && digits(m) => {
            let first = Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?;
            let next = first.last_of_month().tomorrow().ok()?;
            return Some(Period {
                start: local_day(first)?.start,
                end: local_day(next)?.start,
            });
        }
        _ => {}
    }
    if let Ok(date) = Date::strptime("%Y-%m-%d", value) {
        return local_day(date);
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = DateTime::strptime(format, value) {
            let at = dt
                .to_zoned_datetime(tz.clone())
                .ok()?
                .timestamp()
                .as_second();
            let width = if format.ends_with("%S") { 1 } else { 60 };
            return Some(Period {
                start: at,
                end: at + width,
            });
        }
    }
    None
}

/// `2h`, `30m`, `3d`, `1w`: so long before now.
fn relative(value: &str) -> Option<Span> {
    let unit = value.chars().last()?;
    let n: i64 = value[..value.len() - unit.len_utf8()].parse().ok()?;
    if !(0..=100_000).contains(&n) {
        return None;
    }
    match unit {
        'm' => Some(Span::new().minutes(n)),
        'h' => Some(Span::new().hours(n)),
        'd' => Some(Span::new().hours(n * 24)),
        'w' => Some(Span::new().hours(n * 24 * 7)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_second()
    }

    fn read(value: &str) -> Option<(i64, i64)> {
        let now: Timestamp = "2026-12-02T14:00:00Z".parse().unwrap();
        let tz = TimeZone::fixed(jiff::tz::offset(1));
        period(value, now, &tz).map(|p| (p.start, p.end))
    }

    #[test]
    fn calendar_forms_in_the_local_zone() {
        assert_eq!(
            read("2026-12-01"),
            Some((at("2026-11-30T23:00:00Z"), at("2026-12-01T23:00:00Z")))
        );
        assert_eq!(
            read("2026-12"),
            Some((at("2026-11-30T23:00:00Z"), at("2026-12-31T23:00:00Z")))
        );
        assert_eq!(
            read("2026"),
            Some((at("2025-12-31T23:00:00Z"), at("2026-12-31T23:00:00Z")))
        );
        assert_eq!(
            read("2026-12-01T09:00"),
            Some((at("2026-12-01T08:00:00Z"), at("2026-12-01T08:01:00Z")))
        );
        assert_eq!(
            read("2026-12-01T09:00:00Z"),
            Some((at("2026-12-01T09:00:00Z"), at("2026-12-01T09:00:01Z")))
        );
    }

    #[test]
    fn relative_forms() {
        assert_eq!(read("2h").map(|p| p.0), Some(at("2026-12-02T12:00:00Z")));
        assert_eq!(read("3d").map(|p| p.0), Some(at("2026-11-29T14:00:00Z")));
        assert_eq!(
            read("today"),
            Some((at("2026-12-01T23:00:00Z"), at("2026-12-02T23:00:00Z")))
        );
        assert_eq!(
            read("yesterday").map(|p| p.0),
            Some(at("2026-11-30T23:00:00Z"))
        );
    }

    #[test]
    fn malformed_values() {
        for value in ["2026-13", "soon", "2026-12-40", "h", "12x", "-3d", ""] {
            assert_eq!(read(value), None, "{value}");
        }
    }
}
