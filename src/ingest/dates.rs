//! Dates as agencies write them in datelines and date lines: `June 19`, `Dec. 11, 2015`,
//! `5 May 2025`, `1996-08-30`, with or without a weekday; to ISO `YYYY-MM-DD` when the year is known.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// A calendar date as written; the year may be missing (`Dec. 11`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseDate {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}

impl LooseDate {
    /// ISO 8601 when the year is known and the date exists.
    pub fn iso(self) -> Option<String> {
        let year = self.year?;
        Date::new(year, self.month, self.day)
            .ok()
            .map(|d| d.to_string())
    }
}

const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// The date forms, as one alternation with named groups. Used anchored at the end of a dateline.
fn date_pattern() -> String {
    format!(
        r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})|(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})\.?(?:,?\s+(?P<y2>\d{{4}}))?)"
    )
}

static AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[\s,])(?P<date>{})\s*,?\s*$",
        date_pattern()
    ))
    .expect("date regex")
});

static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*(?P<date>{})\s*$", date_pattern())).expect("date regex")
});

/// Parses a string that is nothing but a date.
pub fn parse(text: &str) -> Option<LooseDate> {
    WHOLE.captures(text).and_then(|c| from_captures(&c))
}

/// Finds a date at the end of `text`; returns it and the byte offset where it starts
/// (including a separating comma or space).
pub fn strip_trailing(text: &str) -> Option<(LooseDate, usize)> {
    let caps = AT_END.captures(text)?;
    let date = from_captures(&caps)?;
    let start = caps.name("date").map_or(0, |m| m.start());
    Some((date, start))
}

fn from_captures(c: &regex::Captures<'_>) -> Option<LooseDate> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let (year, month, day) = if let Some(y) = num("iy") {
        (Some(y), num("im")?, num("id")?)
    } else if let Some(m) = c.name("m1") {
        (num("y1"), month_number(m.as_str())?, num("d1")?)
    } else {
        (num("y2"), month_number(c.name("m2")?.as_str())?, num("d2")?)
    };
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(LooseDate { year, month, day })
}

fn month_number(name: &str) -> Option<i16> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == key)
        .and_then(|i| i16::try_from(i + 1).ok())
}

/// A feed or metadata timestamp to ISO: RFC 3339 (`2024-06-19T10:00:00Z`, also the common
/// `+0000` offset without a colon), RFC 822/2822 as RSS writes it (`Wed, 19 Jun 2024 10:00:00
/// GMT`), or a bare date. A full time with an offset stays a full RFC 3339 time; a time without
/// an offset, or anything only a date can be read from, gives `YYYY-MM-DD`.
pub fn timestamp(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(caps) = ISO_TIME.captures(text) {
        let date = &caps["date"];
        Date::strptime("%Y-%m-%d", date).ok()?;
        let (Some(time), Some(offset)) = (caps.name("time"), caps.name("offset")) else {
            return Some(date.to_string());
        };
        let offset = match offset.as_str() {
            "z" | "Z" => "Z".to_string(),
            o if o.len() == 5 => format!("{}:{}", &o[..3], &o[3..]),
            o => o.to_string(),
        };
        let time = time.as_str();
        let time = if time.len() == 5 {
            format!("{time}:00")
        } else {
            time.to_string()
        };
        let full = format!("{date}T{time}{offset}");
        return match full.parse::<jiff::Timestamp>() {
            Ok(_) => Some(full),
            Err(_) => Some(date.to_string()),
        };
    }
    let parser = jiff::fmt::rfc2822::DateTimeParser::new().relaxed_weekday(true);
    if let Ok(zoned) = parser.parse_zoned_datetime(text) {
        return Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    // Whatever else: a date at the start (`19 June 2024 10:00 Europe/Paris`).
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    (1..=words.len())
        .rev()
        .find_map(|n| parse(&words[..n].join(" ")))
        .and_then(LooseDate::iso)
}

static ISO_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?P<offset>[Zz]|[+-]\d{2}:?\d{2})?)?$")
        .expect("timestamp regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: Option<i16>, month: i8, day: i8) -> LooseDate {
        LooseDate { year, month, day }
    }

    #[test]
    fn written_forms() {
        assert_eq!(parse("June 19"), Some(d(None, 6, 19)));
        assert_eq!(parse("Dec. 11"), Some(d(None, 12, 11)));
        assert_eq!(parse("Aug 27"), Some(d(None, 8, 27)));
        assert_eq!(parse("Sept. 3, 2024"), Some(d(Some(2024), 9, 3)));
        assert_eq!(parse("5 May 2025"), Some(d(Some(2025), 5, 5)));
        assert_eq!(parse("1996-08-30"), Some(d(Some(1996), 8, 30)));
        assert_eq!(
            parse("Wednesday, June 19, 2024"),
            Some(d(Some(2024), 6, 19))
        );
        assert_eq!(parse("June 41"), None);
        assert_eq!(parse("Junebug 4"), None);
    }

    #[test]
    fn iso_needs_a_year_and_a_real_day() {
        assert_eq!(d(Some(2024), 6, 19).iso().as_deref(), Some("2024-06-19"));
        assert_eq!(d(None, 6, 19).iso(), None);
        assert_eq!(d(Some(2023), 2, 30).iso(), None);
    }

    #[test]
    fn trailing_date_and_its_offset() {
        let (date, at) = strip_trailing("MOSCOW, June 19").unwrap();
        assert_eq!(date, d(None, 6, 19));
        assert_eq!(&"MOSCOW, June 19"[..at], "MOSCOW, ");
        let (date, at) = strip_trailing("LONDON 1996-08-30").unwrap();
        assert_eq!(date.year, Some(1996));
        assert_eq!(&"LONDON 1996-08-30"[..at], "LONDON ");
        assert!(strip_trailing("Nagpur (India)").is_none());
    }

    #[test]
    fn timestamps_to_iso() {
        assert_eq!(
            timestamp("2017-08-24T01:58:40+0000").as_deref(),
            Some("2017-08-24T01:58:40+00:00")
        );
        assert_eq!(
            timestamp("2019-05-10T16:02:28+02:00").as_deref(),
            Some("2019-05-10T16:02:28+02:00")
        );
        assert_eq!(
            timestamp("2013-07-09T10:37Z").as_deref(),
            Some("2013-07-09T10:37:00Z")
        );
        assert_eq!(
            timestamp("2013-07-09T10:37:00").as_deref(),
            Some("2013-07-09")
        );
        assert_eq!(timestamp("2013-07-09").as_deref(), Some("2013-07-09"));
        assert_eq!(
            timestamp("Wed, 19 Jun 2024 10:00:00 GMT").as_deref(),
            Some("2024-06-19T10:00:00+00:00")
        );
        assert_eq!(
            timestamp("Mon, 19 Jun 2024 10:00:00 -0500").as_deref(),
            Some("2024-06-19T10:00:00-05:00")
        );
        assert_eq!(timestamp("19 June 2024").as_deref(), Some("2024-06-19"));
        assert_eq!(timestamp("2013-13-09"), None);
        assert_eq!(timestamp("soon"), None);
    }
}
