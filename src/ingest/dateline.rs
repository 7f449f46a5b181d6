//! The dateline that opens a lead: a place, an optional region and/or date, the agency in
//! brackets or bare, then a dash of any kind (`MOSCOW, June 19 (Reuters) -`, `Pyongyang, MINA –`,
//! `Aug 27 (Reuters) -`, `LONDON 1996-08-30 -`). One general rule, no per-agency cases.

use std::sync::LazyLock;

use regex::Regex;

use super::agencies;
use super::dates::{self, LooseDate};
use crate::article::Dateline;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub dateline: Dateline,
    /// The date as written, possibly without a year (resolved later against the story's date).
    pub date: Option<LooseDate>,
    /// Byte offset in the paragraph where the story text starts after the dash.
    pub rest_start: usize,
}

/// Any dash agencies put after a dateline: hyphen or underscore between spaces (a hyphen inside
/// `AL-AIN` or `1996-08-30` is not one), en or em dash, double hyphen.
static DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:[–—]|--)(?:\s+|$)|\s*[–—]|\s+[-_](?:\s+|$)").expect("dash regex")
});

/// How far into a paragraph a dateline may reach.
const MAX_PREFIX: usize = 110;

/// Words that open wire flashes and headlines in capitals but are no place.
const NOT_PLACES: &[&str] = &[
    "URGENT",
    "BREAKING",
    "FLASH",
    "BULLETIN",
    "ALERT",
    "UPDATE",
    "UPDATED",
    "CORRECTED",
    "CORRECTION",
    "REFILE",
    "REPEAT",
    "ADVISORY",
    "EDITORS",
    "NOTE",
    "EXCLUSIVE",
    "ANALYSIS",
    "FACTBOX",
    "INSIGHT",
    "COLUMN",
    "PREVIEW",
    "WRAPUP",
    "KILL",
    "EMBARGOED",
];

/// Lower-case words allowed inside place names (`Rio de Janeiro`, `Stratford-upon-Avon`).
const PARTICLES: &[&str] = &[
    "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "am", "an", "der", "den",
    "di", "du", "on", "upon", "sur", "en", "bin", "ibn", "of", "y", "im", "ob", "the",
];

/// Finds a dateline at the start of `paragraph`.
pub fn parse(paragraph: &str) -> Option<Found> {
    let dash = DASH.find(paragraph)?;
    if dash.start() > MAX_PREFIX || dash.start() == 0 {
        return None;
    }
    let rest = &paragraph[dash.end()..];
    // A lead is prose: an all-capitals line after the dash is a headline such as
    // `CRICKET - LEICESTERSHIRE TAKE OVER AT TOP`.
    if !rest.trim().is_empty() && !rest.chars().any(char::is_lowercase) {
        return None;
    }
    let prefix = paragraph[..dash.start()].trim();
    let parts = parse_prefix(prefix)?;
    Some(Found {
        dateline: Dateline {
            place: parts.place.map(str::to_string),
            region: parts.region.map(str::to_string),
            date: parts.date.and_then(LooseDate::iso),
            agency: parts.agency.map(str::to_string),
            text: paragraph[..dash.end()].trim().to_string(),
        },
        date: parts.date,
        rest_start: dash.end(),
    })
}

struct Parts<'a> {
    place: Option<&'a str>,
    region: Option<&'a str>,
    date: Option<LooseDate>,
    agency: Option<&'a str>,
}

fn parse_prefix(prefix: &str) -> Option<Parts<'_>> {
    let mut rest = trim_commas(prefix);
    let mut agency = None;

    // The agency: last in brackets, or bare after the last comma.
    if let Some(inner) = rest.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && is_agency(inner[open + 1..].trim())
    {
        agency = Some(inner[open + 1..].trim());
        rest = trim_commas(&inner[..open]);
    }
    if agency.is_none()
        && let Some(comma) = rest.rfind(',')
    {
        let name = rest[comma + 1..].trim();
        let before = &rest[..comma];
        // An unknown acronym after a Title-case place (`Valletta, ENA`) is an agency; after
        // a place in capitals (`DAKAR, SN`) it may be a region code, so the table decides.
        let acronym_after_title_case = is_acronym(name) && before.chars().any(char::is_lowercase);
        if agencies::looks_like_agency(name) || acronym_after_title_case {
            agency = Some(name);
            rest = trim_commas(before);
        }
    }

    // The date, right before the agency.
    let mut date = None;
    if let Some((found, at)) = dates::strip_trailing(rest) {
        date = Some(found);
        rest = trim_commas(&rest[..at]);
    }

    // The place and its region: `DAKAR, Senegal`, `CAMBRIDGE, Mass.`, `Nagpur (India)`.
    let (place, region) = if rest.is_empty() {
        (None, None)
    } else if let Some((place, region)) = rest
        .strip_suffix(')')
        .and_then(|r| r.split_once('('))
        .map(|(p, r)| (p.trim(), r.trim()))
    {
        (Some(place), Some(region))
    } else if let Some((place, region)) = rest.split_once(',') {
        (Some(place.trim()), Some(trim_commas(region)))
    } else {
        (Some(rest), None)
    };

    if !place.is_none_or(is_place) || !region.is_none_or(is_place) {
        return None;
    }
    // A Title-case phrase before a dash is too often prose ("Kim Jong-un – the leader –"):
    // without an agency or a date, only the classic all-capitals place counts.
    let evidence = agency.is_some() || date.is_some() || place.is_some_and(is_capitals_place);
    if !evidence || (place.is_none() && region.is_some()) {
        return None;
    }
    Some(Parts {
        place,
        region,
        date,
        agency,
    })
}

fn trim_commas(s: &str) -> &str {
    s.trim().trim_end_matches(',').trim_end()
}

fn is_agency(name: &str) -> bool {
    is_acronym(name) || agencies::looks_like_agency(name)
}

fn is_acronym(name: &str) -> bool {
    (2..=6).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase() || c == '-')
}

/// A place name: up to five words, each capitalised or a particle, letters and `.-'’` only.
fn is_place(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if name.is_empty() || name.len() > 45 || words.is_empty() || words.len() > 5 {
        return false;
    }
    let chars_ok = name
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    chars_ok
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || PARTICLES.contains(w)
                || w.starts_with("al-")
                || w.starts_with("el-")
        })
        && words.first().is_some_and(|w| !PARTICLES.contains(w))
}

fn is_capitals_place(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !name.chars().any(char::is_lowercase)
        && !NOT_PLACES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (place, region, date, agency, text) of the dateline found in `lead`.
    fn dl(lead: &str) -> Option<(String, String, String, String, String)> {
        parse(lead).map(|f| {
            let d = f.dateline;
            let s = |o: Option<String>| o.unwrap_or_default();
            (s(d.place), s(d.region), s(d.date), s(d.agency), d.text)
        })
    }

    fn check(lead: &str, place: &str, region: &str, date: &str, agency: &str) {
        let (p, r, d, a, _) = dl(lead).unwrap_or_else(|| panic!("no dateline in {lead:?}"));
        assert_eq!(
            (p.as_str(), r.as_str(), d.as_str(), a.as_str()),
            (place, region, date, agency),
            "{lead}"
        );
    }

    #[test]
    fn agency_styles() {
        check(
            "MOSCOW, June 19 (Reuters) - Talks began.",
            "MOSCOW",
            "",
            "",
            "Reuters",
        );
        check(
            "PYONGYANG, North Korea (AP) — The leader spoke.",
            "PYONGYANG",
            "North Korea",
            "",
            "AP",
        );
        check("Paris (AFP) - Ministers met.", "Paris", "", "", "AFP");
        check(
            "Berlin (dpa) -  Die Regierung said so.",
            "Berlin",
            "",
            "",
            "dpa",
        );
        check(
            "Pyongyang, MINA – Leaders met.",
            "Pyongyang",
            "",
            "",
            "MINA",
        );
        check(
            "CAMBRIDGE, Mass., Dec. 11 (UPI) — Young voters lean left.",
            "CAMBRIDGE",
            "Mass.",
            "",
            "UPI",
        );
        check(
            "Aug 27 (Reuters) - A briefing was held.",
            "",
            "",
            "",
            "Reuters",
        );
        check(
            "Nagpur (India) (AFP) – A brisk fifty won it.",
            "Nagpur",
            "India",
            "",
            "AFP",
        );
        check(
            "SEOUL, Nov. 3 (Yonhap) -- Exports rose.",
            "SEOUL",
            "",
            "",
            "Yonhap",
        );
        check(
            "BEIJING, March 2 (Xinhua) _ Trains ran late.",
            "BEIJING",
            "",
            "",
            "Xinhua",
        );
        check(
            "MADRID, 5 May 2025 (EFE) - Rain fell.",
            "MADRID",
            "",
            "2025-05-05",
            "EFE",
        );
        check(
            "Istanbul, Anadolu Agency – Markets rallied.",
            "Istanbul",
            "",
            "",
            "Anadolu Agency",
        );
        check(
            "Amman, Petra – The king travelled.",
            "Amman",
            "",
            "",
            "Petra",
        );
        check(
            "KUALA LUMPUR, Jan 4 (Bernama) -- Palm oil fell.",
            "KUALA LUMPUR",
            "",
            "",
            "Bernama",
        );
        check(
            "Valletta (ENA) – Fishermen sailed.",
            "Valletta",
            "",
            "",
            "ENA",
        );
        check(
            "WASHINGTON (AP)—The Senate voted.",
            "WASHINGTON",
            "",
            "",
            "AP",
        );
    }

    #[test]
    fn dates_and_no_agency() {
        check(
            "LONDON 1996-08-30 - Simmons took four.",
            "LONDON",
            "",
            "1996-08-30",
            "",
        );
        check(
            "ST. LOUIS 1996-08-30 - Jones said Friday.",
            "ST. LOUIS",
            "",
            "1996-08-30",
            "",
        );
        check(
            "AL-AIN, United Arab Emirates 1996-12-06 - Japan began.",
            "AL-AIN",
            "United Arab Emirates",
            "1996-12-06",
            "",
        );
        check(
            "MOSCOW, June 19, 2024 (Reuters) - Talks.",
            "MOSCOW",
            "",
            "2024-06-19",
            "Reuters",
        );
        check(
            "Paris, Wednesday, June 19, 2024 - Talks went on.",
            "Paris",
            "",
            "2024-06-19",
            "",
        );
        check("WASHINGTON — The Senate voted.", "WASHINGTON", "", "", "");
        check(
            "FARMINGTON HILLS, Mich. 1996-08-30 - Shares rose.",
            "FARMINGTON HILLS",
            "Mich.",
            "1996-08-30",
            "",
        );
        check(
            "N'DJAMENA 1996-08-30 - The government closed it.",
            "N'DJAMENA",
            "",
            "1996-08-30",
            "",
        );
        check(
            "RIO DE JANEIRO, Brazil (AP) — Carnival began.",
            "RIO DE JANEIRO",
            "Brazil",
            "",
            "AP",
        );
        check(
            "Rio de Janeiro (AFP) – Carnival began.",
            "Rio de Janeiro",
            "",
            "",
            "AFP",
        );
        check(
            "ZÜRICH, Switzerland (dpa) – Der Franken stieg.",
            "ZÜRICH",
            "Switzerland",
            "",
            "dpa",
        );
        check(
            "WASHINGTON, D.C. (AP) — Lawmakers met.",
            "WASHINGTON",
            "D.C.",
            "",
            "AP",
        );
    }

    #[test]
    fn date_without_year_keeps_month_and_day() {
        let found = parse("CAMBRIDGE, Mass., Dec. 11 (UPI) — Text.").unwrap();
        assert_eq!(found.dateline.date, None);
        assert_eq!(
            found.date,
            Some(LooseDate {
                year: None,
                month: 12,
                day: 11
            })
        );
        assert_eq!(found.dateline.text, "CAMBRIDGE, Mass., Dec. 11 (UPI) —");
        assert_eq!(
            &"CAMBRIDGE, Mass., Dec. 11 (UPI) — Text."[found.rest_start..],
            "Text."
        );
    }

    #[test]
    fn dateline_alone_on_its_line() {
        let found = parse("PYONGYANG, North Korea (AP) —").unwrap();
        assert_eq!(found.dateline.place.as_deref(), Some("PYONGYANG"));
        assert_eq!(found.rest_start, "PYONGYANG, North Korea (AP) —".len());
    }

    #[test]
    fn traps_that_are_not_datelines() {
        for lead in [
            "The vote – the first since 2019 – was close.",
            "Kim Jong-un – the leader – spoke on Monday.",
            "Officials said on Monday - and again on Tuesday - that talks would go on.",
            "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.",
            "Far East Gold - Moribund market seen continuing.",
            "URGENT - Quake hits the coast.",
            "Russian President Vladimir Putin and North Korean Chairman Kim Jong-un met in Pyongyang.",
            "It was a long day — for everyone.",
            "In 2019 – a year of storms – the river rose.",
            "– A dash opens this line.",
            "A very long first clause that runs on well past any dateline length before it meets a dash - here.",
        ] {
            assert_eq!(dl(lead), None, "{lead}");
        }
    }

    #[test]
    fn en_dash_inside_the_lead_is_left_alone() {
        let lead = "Paris (AFP) – Talks – the first in years – opened.";
        let found = parse(lead).unwrap();
        assert_eq!(
            &lead[found.rest_start..],
            "Talks – the first in years – opened."
        );
    }
}
