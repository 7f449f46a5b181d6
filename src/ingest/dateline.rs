//! The dateline grammar, the one reading of the line that opens agency copy, whatever the
//! format it came in. A dateline is a place, an optional region and/or date, the agency, then a
//! separator:
//!
//! - place first, then a dash of any kind: `MOSCOW, June 19 (Reuters) -`, `Pyongyang, MINA –`,
//!   `Aug 27 (Reuters) -`, `LONDON 1996-08-30 -`, `Paris (AFP) –`;
//! - agency first: `(ANSA) - ROME, DEC 1 -`;
//! - the Spanish `.-` after the agency: `MADRID, 1 dic (EFE).-`;
//! - a colon after the agency, Nordic style: `OSLO (NTB):`, `København /ritzau/:`;
//! - joint credits in the bracket: `Berlin (tca/dpa) -`, `München (dpa/lby) -`;
//! - dates in the wire's languages, with or without a year (resolved later against the copy's
//!   own date).
//!
//! It must carry evidence (an agency, a date, or a place in capitals), so prose with a dash is
//! never taken for one. One general rule, no per-agency cases.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{self, LooseDate};
use crate::article::Dateline;
use crate::lexicon::agencies;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub dateline: Dateline,
    /// The date as written, possibly without a year (resolved later against the story's date).
    pub date: Option<LooseDate>,
    /// Byte offset in the paragraph where the story text starts after the separator.
    pub rest_start: usize,
}

/// Any dash agencies put after a dateline: hyphen or underscore between spaces (a hyphen inside
/// `AL-AIN` or `1996-08-30` is not one), en or em dash, double hyphen.
static DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:[–—]|--)(?:\s+|$)|\s*[–—]|\s+[-_](?:\s+|$)").expect("dash regex")
});

/// The separators that follow only a credit: `(EFE).-`, `(NTB):`, `/ritzau/:`.
static AFTER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[)/]\s*(?:\.\s*-\s*|:(?:\s+|$))").expect("credit separator regex")
});

/// An agency credit opening the paragraph: `(ANSA) -`.
static AGENCY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(([^()]{2,40})\)\s*(?:[-–—_]+)(?:\s+|$)").expect("agency-first regex")
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

/// Finds a dateline at the start of `paragraph`, in any of its forms.
pub fn parse(paragraph: &str) -> Option<Found> {
    agency_first(paragraph).or_else(|| place_first(paragraph))
}

/// Reads a dateline given apart from the text (a metadata field, a marked-up span), where the
/// separator may be missing: `STOCKHOLM, Aug 29, 2014 (AFP) -`, `Strasbourg, 10 juil 2024
/// (AFP)`, `København /ritzau/`, `Helsinki`.
pub fn parse_field(text: &str) -> Option<Dateline> {
    let text = crate::text::fold_whitespace(text);
    if text.is_empty() {
        return None;
    }
    if let Some(found) = parse(&text).or_else(|| parse(&format!("{text} -")))
        && (found.dateline.place.is_some() || found.dateline.agency.is_some())
    {
        return Some(Dateline {
            text: text.clone(),
            ..found.dateline
        });
    }
    // Looser than in copy: a field is a dateline by position, so a bare place is one.
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "-–—:".contains(c));
    let (rest, agency) = match trimmed.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((rest, agency)) => (rest.trim(), Some(agency.trim().to_string())),
        None => (trimmed, None),
    };
    let place = rest.split(',').next().unwrap_or("").trim();
    let place_ok = !place.is_empty()
        && place.chars().any(char::is_alphabetic)
        && !place.chars().any(|c| c.is_ascii_digit())
        && place.chars().count() <= 40
        && place.split_whitespace().count() <= 5;
    if !place_ok && agency.is_none() {
        return None;
    }
    Some(Dateline {
        place: place_ok.then(|| place.to_string()),
        agency,
        text,
        ..Dateline::default()
    })
}

/// `(ANSA) - ROME, DEC 1 - text`: the credit, then a place-first dateline or the text.
fn agency_first(paragraph: &str) -> Option<Found> {
    let m = AGENCY_FIRST.captures(paragraph)?;
    let whole = m.get(0)?;
    let name = m.get(1)?.as_str().trim();
    // Opening the paragraph, a bracket before a dash is a credit when it reads as one or as
    // a name (`(Sports Network) -`), not a note (`(Adds quotes) -`, `(UPDATE 1) -`).
    let named = name.split_whitespace().count() <= 5
        && name.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.chars().any(|c| c.is_ascii_digit())
        });
    if !agencies::is_credit(name) && !named {
        return None;
    }
    let rest = &paragraph[whole.end()..];
    if let Some(inner) = place_first(rest).filter(|f| f.dateline.place.is_some()) {
        let end = whole.end() + inner.rest_start;
        return Some(Found {
            dateline: Dateline {
                agency: Some(name.to_string()),
                text: paragraph[..end].trim().to_string(),
                ..inner.dateline
            },
            date: inner.date,
            rest_start: end,
        });
    }
    Some(Found {
        dateline: Dateline {
            agency: Some(name.to_string()),
            text: whole.as_str().trim().to_string(),
            ..Dateline::default()
        },
        date: None,
        rest_start: whole.end(),
    })
}

/// The place-first forms: the prefix up to the first separator, read by [`parse_prefix`].
fn place_first(paragraph: &str) -> Option<Found> {
    if !separator_may_start_in_reach(paragraph) {
        return None;
    }
    let dash = DASH.find(paragraph);
    let credit = AFTER_CREDIT.find(paragraph);
    // The separator that comes first; one after a credit starts after the bracket or slash.
    let (prefix_end, rest_start, after_credit) = match (dash, credit) {
        (Some(d), Some(c)) if c.start() < d.start() => (c.start() + 1, c.end(), true),
        (Some(d), _) => (d.start(), d.end(), false),
        (None, Some(c)) => (c.start() + 1, c.end(), true),
        (None, None) => return None,
    };
    if prefix_end > MAX_PREFIX || prefix_end == 0 {
        return None;
    }
    let rest = &paragraph[rest_start..];
    // A lead is prose: an all-capitals line after the dash is a headline such as
    // `CRICKET - LEICESTERSHIRE TAKE OVER AT TOP`.
    if !rest.trim().is_empty() && !rest.chars().any(char::is_lowercase) {
        return None;
    }
    let prefix = paragraph[..prefix_end].trim();
    let parts = parse_prefix(prefix)?;
    if after_credit && parts.agency.is_none() {
        return None;
    }
    Some(Found {
        dateline: Dateline {
            place: parts.place.map(str::to_string),
            region: parts.region.map(str::to_string),
            date: parts.date.and_then(LooseDate::iso),
            agency: parts.agency.map(str::to_string),
            text: paragraph[..rest_start].trim().to_string(),
        },
        date: parts.date,
        rest_start,
    })
}

/// Whether a match of [`DASH`] or [`AFTER_CREDIT`] may start within [`MAX_PREFIX`] bytes
/// (else the searches, which read a paragraph without one to its end, need not run). Every
/// match holds a dash, a hyphen, an underscore, a bracket or a slash (a dash's first byte is
/// 0xE2), with only white space before it in the match: one that starts in reach has its
/// first such byte in reach too, or white space from there to it.
fn separator_may_start_in_reach(paragraph: &str) -> bool {
    let Some(first) = paragraph
        .bytes()
        .position(|b| matches!(b, 0xE2 | b'-' | b'_' | b')' | b'/'))
    else {
        return false;
    };
    if first <= MAX_PREFIX {
        return true;
    }
    let mut reach = MAX_PREFIX;
    while !paragraph.is_char_boundary(reach) {
        reach -= 1;
    }
    paragraph[reach..first].chars().all(char::is_whitespace)
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

    // The agency: last in brackets or between slashes, or bare after the last comma.
    if let Some(inner) = rest.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && agencies::is_credit(&inner[open + 1..])
    {
        agency = Some(inner[open + 1..].trim());
        rest = trim_commas(&inner[..open]);
    } else if let Some(inner) = rest.strip_suffix('/')
        && let Some(open) = inner.rfind('/')
        && is_slashed_credit(&inner[open + 1..])
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
        let acronym_after_title_case =
            agencies::is_acronym(name) && before.chars().any(char::is_lowercase);
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

/// A credit between slashes, as Nordic agencies sign: `/ritzau/`, `/TT/`.
fn is_slashed_credit(name: &str) -> bool {
    let name = name.trim();
    (2..=30).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
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

    /// The test before the searches turns away only paragraphs in which neither separator
    /// starts within reach.
    #[test]
    fn a_separator_out_of_reach_is_told_before_the_search() {
        let separators = [
            " – ",
            " - ",
            "--",
            " _ ",
            "—",
            " (AFP) - ",
            "(EFE).- ",
            "/ritzau/: ",
        ];
        let fillers = ["x", " ", "\u{a0}", "“", "é", "\u{2003}"];
        for sep in separators {
            for filler in fillers {
                for at in [0, 50, 100, 105, 109, 110, 111, 115, 130, 300] {
                    for gap in [0, 1, 5, 40] {
                        let mut p = "a".repeat(at.min(20));
                        while p.len() < at {
                            p.push_str(filler);
                        }
                        p.push_str(&" ".repeat(gap));
                        p.push_str(sep);
                        p.push_str("text follows here.");
                        let starts = |m: Option<regex::Match<'_>>| {
                            m.is_some_and(|m| m.start() <= MAX_PREFIX)
                        };
                        if starts(DASH.find(&p)) || starts(AFTER_CREDIT.find(&p)) {
                            assert!(separator_may_start_in_reach(&p), "{p:?}");
                        }
                    }
                }
            }
        }
        assert!(!separator_may_start_in_reach(
            "No separator at all in this one."
        ));
    }

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
    fn every_lead_style() {
        check(
            "(ANSA) - ROME, DEC 1 - Talks began.",
            "ROME",
            "",
            "",
            "ANSA",
        );
        check("MADRID, 1 dic (EFE).- Llovió.", "MADRID", "", "", "EFE");
        check("OSLO (NTB): Det regnet.", "OSLO", "", "", "NTB");
        check(
            "København /ritzau/: Det regnede.",
            "København",
            "",
            "",
            "ritzau",
        );
        check(
            "Berlin (tca/dpa) - Es regnete.",
            "Berlin",
            "",
            "",
            "tca/dpa",
        );
        check(
            "München (dpa/lby) - Es regnete.",
            "München",
            "",
            "",
            "dpa/lby",
        );
        check("LYON, 3 mars (AFP) - Il pleut.", "LYON", "", "", "AFP");
        check(
            "Strasbourg, 10 juil 2024 (AFP) - Il pleut.",
            "Strasbourg",
            "",
            "2024-07-10",
            "AFP",
        );
        let found = parse("MADRID, 1 dic (EFE).- Llovió.").unwrap();
        assert_eq!(found.dateline.text, "MADRID, 1 dic (EFE).-");
        assert_eq!(
            &"MADRID, 1 dic (EFE).- Llovió."[found.rest_start..],
            "Llovió."
        );
        let lead = "(ANSA) - ROME, DEC 1 - Talks began.";
        let found = parse(lead).unwrap();
        assert_eq!(&lead[found.rest_start..], "Talks began.");
        assert_eq!(found.dateline.text, "(ANSA) - ROME, DEC 1 -");
    }

    #[test]
    fn agency_first_needs_a_credit_or_a_name() {
        check("(Sports Wire) - Teams met.", "", "", "", "Sports Wire");
        assert_eq!(dl("(Adds quotes) - Teams met."), None);
        assert_eq!(dl("(UPDATE 1) - Teams met."), None);
    }

    #[test]
    fn a_colon_or_spanish_dash_needs_a_credit() {
        for lead in [
            "Paris: the city woke late.",
            "The plan (in short): nothing changes.",
            "Prices rose (again).- Nobody was surprised.",
        ] {
            assert_eq!(dl(lead), None, "{lead}");
        }
    }

    #[test]
    fn fields_without_a_separator() {
        let d = parse_field("Tromsø").unwrap();
        assert_eq!(d.place.as_deref(), Some("Tromsø"));
        let d = parse_field("Lille, 10 juil 2024 (XNA)").unwrap();
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref(), d.date.as_deref()),
            (Some("Lille"), Some("XNA"), Some("2024-07-10"))
        );
        let d = parse_field("København /ritzau/").unwrap();
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("København"), Some("ritzau"))
        );
        assert!(parse_field("4/4/2018").is_none());
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
