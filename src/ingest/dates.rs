//! Dates as the wire writes them, in one place: dateline dates in any of the wire's languages
//! (`June 19`, `Dec. 11, 2015`, `5 May 2025`, `1 dic`, `3 mars`, `1. Dezember`, `DEC 1`,
//! `1996-08-30`, with or without a weekday), metadata timestamps (RFC 3339, ISO 8601 basic as
//! NITF writes it, RFC 2822 as RSS writes it), teletype trailer stamps, two-digit years, and
//! the year of a date written without one.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::lexicon::calendar;

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

    /// ISO 8601, a missing year taken as the one that puts the date nearest to `reference`
    /// (an ISO date or time): `Dec. 31` in copy dated 2025-01-02 is 2024-12-31.
    pub fn iso_near(self, reference: Option<&str>) -> Option<String> {
        if self.year.is_some() {
            return self.iso();
        }
        let reference = reference?;
        let year: i16 = reference.get(..4)?.parse().ok()?;
        let reference = Date::strptime("%Y-%m-%d", reference.get(..10)?).ok()?;
        [year - 1, year, year + 1]
            .into_iter()
            .filter_map(|y| Date::new(y, self.month, self.day).ok())
            .min_by_key(|d| d.since(reference).map_or(i32::MAX, |s| s.get_days().abs()))
            .map(|d| d.to_string())
    }
    /// ISO 8601, a missing year taken as the one that puts the date nearest `received` (an RFC
    /// 3339 time) but never more than a day after it: copy cannot be dated later than it
    /// arrived, give or take a time zone. `Dec 31` received on 2025-01-02 is 2024-12-31; `Jan
    /// 2` received on 2024-12-31 is 2024-01-02, not a day in the future.
    pub fn iso_before(self, received: &str) -> Option<String> {
        if self.year.is_some() {
            return self.iso();
        }
        let reference = Date::strptime("%Y-%m-%d", received.get(..10)?).ok()?;
        let latest = reference.tomorrow().ok()?;
        let year = reference.year();
        [year - 1, year, year + 1]
            .into_iter()
            .filter_map(|y| Date::new(y, self.month, self.day).ok())
            .filter(|d| *d <= latest)
            .min_by_key(|d| d.since(reference).map_or(i32::MAX, |s| s.get_days().abs()))
            .map(|d| d.to_string())
    }
}

/// The date forms, as one alternation with named groups: ISO; month first (`June 19, 2024`,
/// `DEC 1`); day first (`5 May 2025`, `1 dic`, `1. Dezember 2024`, `1 de diciembre de 2024`).
fn date_pattern() -> String {
    let months = calendar::month_alternation();
    let weekdays = calendar::weekday_alternation();
    format!(
        r"(?:(?:{weekdays})\.?,?\s+)?(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})|(?P<m1>{months})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?(?P<m2>{months})\.?(?:,?\s+(?:de\s+)?(?P<y2>\d{{4}}))?)"
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
    // Every form has a day in ASCII digits (others do not parse): without one, the big
    // regex need not run.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let caps = AT_END.captures(text)?;
    let date = from_captures(&caps)?;
    let start = caps.name("date").map_or(0, |m| m.start());
    Some((date, start))
}

fn from_captures(c: &regex::Captures<'_>) -> Option<LooseDate> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let (year, month, day) = if let Some(y) = num("iy") {
        (Some(y), i8::try_from(num("im")?).ok()?, num("id")?)
    } else if let Some(m) = c.name("m1") {
        (num("y1"), calendar::month(m.as_str())?, num("d1")?)
    } else {
        (
            num("y2"),
            calendar::month(c.name("m2")?.as_str())?,
            num("d2")?,
        )
    };
    let day = i8::try_from(day).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(LooseDate { year, month, day })
}

/// A calendar date from numbers as stamps write them; two-digit years are 1970–2069.
pub fn civil(year: i16, month: i16, day: i16) -> Option<Date> {
    let year = match year {
        y @ 0..=69 => 2000 + y,
        y @ 70..=99 => 1900 + y,
        y => y,
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A metadata timestamp to ISO: RFC 3339 (`2024-06-19T10:00:00Z`, also the common `+0000`
/// offset without a colon), ISO 8601 basic as NITF and NewsML write it (`20151210T191044Z`,
/// `20240710`), RFC 2822 as RSS writes it (`Wed, 19 Jun 2024 10:00:00 GMT`), or a written
/// date. A time with an offset stays a full RFC 3339 time; a time without an offset (a local
/// time in an unknown zone), or anything only a date can be read from, gives `YYYY-MM-DD`.
pub fn timestamp(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(caps) = ISO_TIME.captures(text) {
        let date = format!("{}-{}-{}", &caps["y"], &caps["m"], &caps["d"]);
        Date::strptime("%Y-%m-%d", &date).ok()?;
        let (Some(hh), Some(mi), Some(offset)) =
            (caps.name("hh"), caps.name("mi"), caps.name("offset"))
        else {
            return Some(date);
        };
        let ss = caps.name("ss").map_or("00", |s| s.as_str());
        let frac = caps.name("frac").map_or("", |f| f.as_str());
        let offset = match offset.as_str() {
            "z" | "Z" => "Z".to_string(),
            o if o.len() == 5 => format!("{}:{}", &o[..3], &o[3..]),
            o if o.len() == 3 => format!("{o}:00"),
            o => o.to_string(),
        };
        let full = format!("{date}T{}:{}:{ss}{frac}{offset}", hh.as_str(), mi.as_str());
        return match full.parse::<jiff::Timestamp>() {
            Ok(_) => Some(full),
            Err(_) => Some(date),
        };
    }
    let parser = jiff::fmt::rfc2822::DateTimeParser::new().relaxed_weekday(true);
    if let Ok(zoned) = parser.parse_zoned_datetime(text) {
        return Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    // Whatever else: an ISO date opening something longer (`2016-05-12T00:05:13+02:00[Europe/Oslo]`),
    // or a written date at the start (`19 June 2024 10:00 Europe/Paris`).
    if let Some(caps) = ISO_DATE_FIRST.captures(text) {
        let date = format!("{}-{}-{}", &caps["y"], &caps["m"], &caps["d"]);
        return Date::strptime("%Y-%m-%d", &date).ok().map(|_| date);
    }
    let words: Vec<&str> = text.split_whitespace().take(5).collect();
    (1..=words.len())
        .rev()
        .find_map(|n| parse(&words[..n].join(" ")))
        .and_then(LooseDate::iso)
}

static ISO_DATE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})[Tt\s]").expect("date regex")
});

/// ISO 8601, extended (`2024-06-19T10:00:00+02:00`) or basic (`20240619T100000+0200`).
static ISO_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})",
        r"(?:[Tt ](?P<hh>\d{2}):?(?P<mi>\d{2})(?::?(?P<ss>\d{2})(?P<frac>\.\d+)?)?",
        r"\s*(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$"
    ))
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
        assert_eq!(parse("DEC 1"), Some(d(None, 12, 1)));
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
    fn the_wires_languages() {
        assert_eq!(parse("1 dic"), Some(d(None, 12, 1)));
        assert_eq!(parse("3 mars"), Some(d(None, 3, 3)));
        assert_eq!(parse("1. Dezember 2024"), Some(d(Some(2024), 12, 1)));
        assert_eq!(parse("10 juil 2024"), Some(d(Some(2024), 7, 10)));
        assert_eq!(parse("1 de diciembre de 2024"), Some(d(Some(2024), 12, 1)));
        assert_eq!(parse("mardi 3 mars"), Some(d(None, 3, 3)));
    }

    #[test]
    fn iso_needs_a_year_and_a_real_day() {
        assert_eq!(d(Some(2024), 6, 19).iso().as_deref(), Some("2024-06-19"));
        assert_eq!(d(None, 6, 19).iso(), None);
        assert_eq!(d(Some(2023), 2, 30).iso(), None);
    }

    #[test]
    fn a_missing_year_is_the_nearest_one() {
        let dec31 = d(None, 12, 31);
        assert_eq!(
            dec31.iso_near(Some("2025-01-02")).as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(
            dec31.iso_near(Some("2024-12-30T10:00:00Z")).as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(dec31.iso_near(None), None);
    }

    #[test]
    fn a_missing_year_is_never_after_the_copy_arrived() {
        let received = "2025-01-02T08:00:00Z";
        assert_eq!(
            d(None, 12, 31).iso_before(received).as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(
            d(None, 1, 3).iso_before(received).as_deref(),
            Some("2025-01-03"),
            "a day ahead: a time zone"
        );
        assert_eq!(
            d(None, 1, 5).iso_before(received).as_deref(),
            Some("2024-01-05"),
            "never days ahead"
        );
        assert_eq!(
            d(Some(1996), 8, 30).iso_before(received).as_deref(),
            Some("1996-08-30")
        );
    }

    #[test]
    fn trailing_date_and_its_offset() {
        let (date, at) = strip_trailing("MOSCOW, June 19").unwrap();
        assert_eq!(date, d(None, 6, 19));
        assert_eq!(&"MOSCOW, June 19"[..at], "MOSCOW, ");
        let (date, at) = strip_trailing("LONDON 1996-08-30").unwrap();
        assert_eq!(date.year, Some(1996));
        assert_eq!(&"LONDON 1996-08-30"[..at], "LONDON ");
        let (date, _) = strip_trailing("MADRID, 1 dic").unwrap();
        assert_eq!(date, d(None, 12, 1));
        assert!(strip_trailing("Nagpur (India)").is_none());
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(civil(13, 11, 13).map(Date::year), Some(2013));
        assert_eq!(civil(96, 8, 30).map(Date::year), Some(1996));
        assert_eq!(civil(2015, 2, 30), None);
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
            timestamp("20151210T191044Z").as_deref(),
            Some("2015-12-10T19:10:44Z")
        );
        assert_eq!(
            timestamp("20160512T000513+0200").as_deref(),
            Some("2016-05-12T00:05:13+02:00")
        );
        assert_eq!(
            timestamp("2013-07-09T10:37:00").as_deref(),
            Some("2013-07-09")
        );
        assert_eq!(timestamp("20240710").as_deref(), Some("2024-07-10"));
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
        assert_eq!(
            timestamp("2016-05-12T00:05:13+02:00[Europe/Oslo]").as_deref(),
            Some("2016-05-12")
        );
        assert_eq!(timestamp("2013-13-09"), None);
        assert_eq!(timestamp("4/4/2018"), None);
        assert_eq!(timestamp("soon"), None);
    }
}
