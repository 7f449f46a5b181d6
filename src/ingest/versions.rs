//! What copy says about its own version and status, read the same way for every format: the
//! wire's headline prefixes (`UPDATE 2-`, `REFILE-`, `CORRECTED-`, `RPT-`, `WRAPUP 1-`,
//! `(LEAD)`, `(2nd LD)`, `ALERT-`, `URGENT-`, `FLASH-`), advisory lines opening the copy
//! (`(Adds minister's reaction in paragraph 3)`), and kill and correction notices (`KILL`,
//! `STORY WITHDRAWN`, `ELIMINATE`, `CORRECTS …`).

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Status;

/// One prefix at the start of a headline: a numbered update (`UPDATE 2-`), a flag
/// (`REFILE-`), or a bracketed lead mark (`(2nd LD)`).
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?P<numbered>UPDATE|WRAPUP)\s*(?P<n>\d{1,2})\s*[-–:]\s*",
        r"|(?P<flag>REFILE|CORRECTED|CORRECTION|RPT|REPEAT|ALERT|URGENT|FLASH|KILL|WITHDRAWN|ELIMINATE)\s*[-–:]\s*",
        r"|\((?P<lead>(?i:lead|urgent|\d{1,2}(?:st|nd|rd|th)\s+(?:ld|lead)))\)\s*)"
    ))
    .expect("prefix regex")
});

/// An advisory paragraph: a bracketed note that opens with what the version does, or an
/// editors' note in capitals.
static ADVISORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\(\s*(?P<note>(?i:adds?|updates?|recasts?|corrects?|changes?|removes?|fixes|refiles?",
        r"|inserts?|deletes?|moves?|rewrites?|writes through|replaces?|repeats?|clarifies|restores?",
        r"|withdraws?|kills?|eliminates?|releads?|tops|expands?|combines?|new|advisory|editors?['’]?s?\s+note",
        r"|eds?|note)(?-u:\b)[^()]{0,300})\)",
        r"|(?P<caps>(?:EDITORS?['’]?\s*NOTE|EDS?|KILL|ELIMINATE|STORY WITHDRAWN|MANDATORY KILL|CORRECTION|CORRECTED)(?::|\s).{0,300}|STORY WITHDRAWN|KILL|ELIMINATE))$"
    ))
    .expect("advisory regex")
});

/// A kill: the notice opens with it, or says it in so many words.
static KILL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\W*(?:KILL|KILLED|ELIMINATE|WITHDRAWN|WITHDRAWAL|(?:MANDATORY\s+)?KILL)(?-u:\b)",
        r"|(?i:(?-u:\b)(?:kill this story|kills? (?:the |this )?story|story (?:is |has been )?withdrawn",
        r"|eliminate this story|mandatory kill)(?-u:\b))"
    ))
    .expect("kill regex")
});

/// A correction: the notice or label opens with it.
static CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?i:corrects?|corrected|correction|refiles?|refiled|refile)(?-u:\b)")
        .expect("correction regex")
});

/// A headline without its wire prefixes, and what they said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefixes {
    pub headline: String,
    /// A version label the prefixes give (`UPDATE 2`, `2nd LD`, `LEAD`).
    pub label: Option<String>,
    pub status: Option<Status>,
    /// The urgency a flash, alert or urgent prefix gives.
    pub urgency: Option<u8>,
}

/// Takes the wire's prefixes off a headline (`CORRECTED-UPDATE 2-Oil rises` → `Oil rises`).
pub fn strip_headline(headline: &str) -> Prefixes {
    let mut out = Prefixes::default();
    let mut rest = headline.trim();
    while let Some(caps) = PREFIX.captures(rest) {
        let whole = caps.get(0).map_or(0, |m| m.end());
        if whole >= rest.len() {
            break;
        }
        if let (Some(word), Some(n)) = (caps.name("numbered"), caps.name("n")) {
            out.label
                .get_or_insert_with(|| format!("{} {}", word.as_str(), n.as_str()));
        } else if let Some(lead) = caps.name("lead") {
            match lead.as_str().to_ascii_uppercase().as_str() {
                "URGENT" => {
                    out.urgency.get_or_insert(3);
                }
                _ => {
                    out.label.get_or_insert_with(|| lead.as_str().to_string());
                }
            }
        } else if let Some(flag) = caps.name("flag") {
            match flag.as_str() {
                "REFILE" | "CORRECTED" | "CORRECTION" => {
                    out.status = Some(stronger(out.status, Status::Corrected));
                }
                "KILL" | "WITHDRAWN" | "ELIMINATE" => out.status = Some(Status::Canceled),
                "FLASH" => out.urgency = Some(1),
                "ALERT" => {
                    out.urgency.get_or_insert(2);
                }
                "URGENT" => {
                    out.urgency.get_or_insert(3);
                }
                _ => {}
            }
        }
        rest = rest[whole..].trim_start();
    }
    out.headline = rest.to_string();
    out
}

/// The advisory an opening paragraph is, if it is one: its text without the brackets.
pub fn advisory(paragraph: &str) -> Option<String> {
    // Every advisory opens with a bracket or one of the capitalised words above: the rest
    // (most opening paragraphs) are turned away before the search with captures.
    const OPENINGS: [&str; 7] = [
        "(",
        "ED",
        "KILL",
        "ELIMINATE",
        "STORY WITHDRAWN",
        "MANDATORY KILL",
        "CORRECT",
    ];
    let paragraph = paragraph.trim();
    if !OPENINGS.iter().any(|o| paragraph.starts_with(o)) {
        return None;
    }
    let caps = ADVISORY.captures(paragraph)?;
    let text = caps
        .name("note")
        .or_else(|| caps.name("caps"))
        .map_or("", |m| m.as_str());
    Some(crate::text::fold_whitespace(text))
}

/// The status a notice, advisory or version label declares: a kill, else a correction.
pub fn status_of(text: &str) -> Option<Status> {
    if KILL.is_match(text) {
        Some(Status::Canceled)
    } else if CORRECTION.is_match(text) {
        Some(Status::Corrected)
    } else {
        None
    }
}

/// Of two statuses, the one that says more: killed, then withheld, embargoed, corrected.
pub fn stronger(a: Option<Status>, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Canceled => 4,
        Status::Withheld => 3,
        Status::Embargoed => 2,
        Status::Corrected => 1,
        Status::Usable => 0,
    };
    match a {
        Some(a) if rank(a) >= rank(b) => a,
        _ => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_prefixes_come_off_the_headline() {
        let p = strip_headline("UPDATE 2-Oil rises as stocks fall");
        assert_eq!(p.headline, "Oil rises as stocks fall");
        assert_eq!(p.label.as_deref(), Some("UPDATE 2"));
        let p = strip_headline("CORRECTED-UPDATE 1-Rates held");
        assert_eq!(
            (p.headline.as_str(), p.label.as_deref(), p.status),
            ("Rates held", Some("UPDATE 1"), Some(Status::Corrected))
        );
        let p = strip_headline("(2nd LD) Talks resume in Seoul");
        assert_eq!(p.label.as_deref(), Some("2nd LD"));
        assert_eq!(p.headline, "Talks resume in Seoul");
        let p = strip_headline("(LEAD) Talks resume");
        assert_eq!(p.label.as_deref(), Some("LEAD"));
        let p = strip_headline("FLASH-Quake hits coast");
        assert_eq!(
            (p.urgency, p.headline.as_str()),
            (Some(1), "Quake hits coast")
        );
        assert_eq!(
            strip_headline("REFILE-WRAPUP 1-Floods").label.as_deref(),
            Some("WRAPUP 1")
        );
        assert_eq!(strip_headline("RPT-Markets calm").headline, "Markets calm");
    }

    #[test]
    fn headlines_that_only_look_prefixed_stay() {
        for h in [
            "PRECIOUS-Gold rises",
            "Update on the talks",
            "UPDATE 2-",
            "Alert-level raised near volcano",
            "Kill switch for AI debated",
        ] {
            assert_eq!(strip_headline(h).headline, h.trim(), "{h}");
        }
    }

    #[test]
    fn advisories() {
        assert_eq!(
            advisory("(Adds minister's reaction in paragraph 3)").as_deref(),
            Some("Adds minister's reaction in paragraph 3")
        );
        assert_eq!(
            advisory("(Corrects spelling of name in paragraph 5)").as_deref(),
            Some("Corrects spelling of name in paragraph 5")
        );
        assert_eq!(
            advisory("STORY WITHDRAWN").as_deref(),
            Some("STORY WITHDRAWN")
        );
        assert_eq!(
            advisory("KILL: This story has been withdrawn.").as_deref(),
            Some("KILL: This story has been withdrawn.")
        );
        // Each capitalised opening the regex knows passes the test before it.
        for note in [
            "EDITORS' NOTE: embargoed until 1200 GMT",
            "EDITORS’ NOTE: moves with photos",
            "EDS: adds quote",
            "ED: clarifies",
            "ELIMINATE",
            "MANDATORY KILL: legal reasons",
            "CORRECTION: fixes the date",
            "CORRECTED: spelling",
            "  KILL  ",
        ] {
            assert!(advisory(note).is_some(), "{note}");
        }
        assert_eq!(advisory("(Reuters) is not an advisory"), None);
        assert_eq!(advisory("Adds up to a lot of money, officials said."), None);
        assert_eq!(advisory("(Photo: Example Agency)"), None);
        assert_eq!(
            advisory("CORRECTED-Floods close roads"),
            None,
            "a prefixed headline"
        );
    }

    #[test]
    fn kills_and_corrections() {
        assert_eq!(status_of("KILL: story withdrawn"), Some(Status::Canceled));
        assert_eq!(
            status_of("Editors: kill this story."),
            Some(Status::Canceled)
        );
        assert_eq!(status_of("ELIMINATE"), Some(Status::Canceled));
        assert_eq!(
            status_of("Corrects to show troops withdrawn on Monday"),
            Some(Status::Corrected)
        );
        assert_eq!(status_of("REFILE"), Some(Status::Corrected));
        assert_eq!(status_of("Adds reaction"), None);
        assert_eq!(status_of("Troops withdrawn from the border"), None);
        assert_eq!(
            stronger(Some(Status::Canceled), Status::Corrected),
            Status::Canceled
        );
        assert_eq!(
            stronger(Some(Status::Corrected), Status::Withheld),
            Status::Withheld
        );
    }
}
