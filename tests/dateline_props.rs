//! Properties of the dateline parser, through its public API only: it never panics, it reads
//! every well-formed dateline it is shown (place, optional region and date, agency in brackets
//! or bare, any dash), and it never takes prose with dashes in it for a dateline.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::fmt::Write as _;

use dateline::ingest::dateline::parse;
use proptest::prelude::*;
use proptest::sample::select;

/// Places as agencies write them: capitals, Title case, several words, particles, accents.
const PLACES: &[&str] = &[
    "MOSCOW",
    "Paris",
    "KUALA LUMPUR",
    "Rio de Janeiro",
    "ZÜRICH",
    "São Paulo",
    "Bogotá",
    "NEW YORK",
    "ST. LOUIS",
    "AL-AIN",
    "N'DJAMENA",
    "Saint-Étienne",
    "Pyongyang",
    "REYKJAVÍK",
];

const REGIONS: &[&str] = &[
    "Mass.",
    "North Korea",
    "India",
    "United Arab Emirates",
    "Brazil",
    "D.C.",
];

const DATES: &[&str] = &[
    "June 19",
    "Dec. 11",
    "Aug 27",
    "5 May 2025",
    "1996-08-30",
    "June 19, 2024",
    "Wednesday, June 19, 2024",
    "March 2nd",
];

/// Agencies from the table (`assets/agencies.tsv`), as short names and as full names.
const AGENCIES: &[&str] = &[
    "AP",
    "Reuters",
    "AFP",
    "dpa",
    "UPI",
    "MINA",
    "Xinhua",
    "Yonhap",
    "Kyodo",
    "KCNA",
    "TASS",
    "EFE",
    "ANSA",
    "Bernama",
    "Petra",
    "Anadolu Agency",
    "Agence France-Presse",
    "Associated Press",
];

/// Every dash agencies use, with the spacing each needs: a hyphen or underscore only counts
/// between spaces; en and em dashes count tight too.
const DASHES: &[&str] = &[" - ", " _ ", " – ", "–", " — ", "—", " -- ", "-- "];

/// A lead sentence: a capitalised word, then lower-case words.
fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z]{1,9}", 2..12).prop_map(|words| {
        let mut text = words.join(" ");
        let first = text[..1].to_ascii_uppercase();
        text.replace_range(..1, &first);
        text.push('.');
        text
    })
}

#[derive(Debug, Clone)]
struct Generated {
    lead: String,
    place: &'static str,
    agency: &'static str,
    rest: String,
}

fn well_formed() -> impl Strategy<Value = Generated> {
    (
        select(PLACES),
        prop::option::of(select(REGIONS)),
        prop::option::of(select(DATES)),
        select(AGENCIES),
        any::<bool>(),
        select(DASHES),
        sentence(),
    )
        .prop_map(|(place, region, date, agency, bracketed, dash, rest)| {
            let mut lead = place.to_string();
            for part in region.into_iter().chain(date) {
                lead.push_str(", ");
                lead.push_str(part);
            }
            if bracketed {
                write!(lead, " ({agency})").unwrap();
            } else {
                write!(lead, ", {agency}").unwrap();
            }
            lead.push_str(dash);
            lead.push_str(&rest);
            Generated {
                lead,
                place,
                agency,
                rest,
            }
        })
}

/// Prose with dashes inside: lower-case words, the first capitalised, dashes between clauses.
fn prose_with_dashes() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((sentence(), select(DASHES)), 1..4),
        sentence(),
    )
        .prop_map(|(clauses, last)| {
            let mut text = String::new();
            for (i, (clause, dash)) in clauses.into_iter().enumerate() {
                let clause = clause.trim_end_matches('.');
                if i == 0 {
                    text.push_str(clause);
                } else {
                    text.push_str(&clause.to_lowercase());
                }
                text.push_str(dash);
            }
            text.push_str(&last.to_lowercase());
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn never_panics_on_any_string(text in any::<String>()) {
        if let Some(found) = parse(&text) {
            prop_assert!(text.is_char_boundary(found.rest_start));
        }
    }

    #[test]
    fn never_panics_on_dateline_shaped_noise(
        text in "[A-Za-zÜéíÀ0-9 ,.()'’_–—-]{0,160}"
    ) {
        if let Some(found) = parse(&text) {
            prop_assert!(found.rest_start <= text.len());
            prop_assert!(text.is_char_boundary(found.rest_start));
        }
    }

    #[test]
    fn reads_every_well_formed_dateline(g in well_formed()) {
        let found = parse(&g.lead);
        prop_assert!(found.is_some(), "no dateline in {:?}", g.lead);
        let found = found.unwrap();
        prop_assert_eq!(found.dateline.place.as_deref(), Some(g.place), "{}", g.lead);
        prop_assert_eq!(found.dateline.agency.as_deref(), Some(g.agency), "{}", g.lead);
        prop_assert_eq!(&g.lead[found.rest_start..], g.rest.as_str(), "{}", g.lead);
    }

    #[test]
    fn prose_with_dashes_is_no_dateline(text in prose_with_dashes()) {
        prop_assert_eq!(parse(&text), None, "{}", text);
    }
}
