//! The end of the copy, read one way for every format: editor and routing codes (`(T/RE1/P2)`),
//! end marks (`(END)`, `-30-`, `###`), rules, credit lines (`(Reporting by …)`, `… contributed to
//! this report.`, copyright), agency sign-offs (`Mi’raj News Agency (MINA)`, `dpa wsz jln`) and
//! the AP rule that sets off contributor lines, all kept as metadata out of the body; and the
//! "according to Anadolu Agency reports" credits inside the text.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::agencies;

/// Editor and routing codes at the end of the copy: `(T/RE1/P2)`.
static EDITOR_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\(([A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6}){1,6})\)\s*$").expect("regex")
});

/// End-of-story marks: `(END)`, `-30-`, `###`, `ENDS`.
static END_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\(?\s*ends?\s*\)?|-\s*30\s*-|#{3})\s*$").expect("regex")
});

// Word boundaries are ASCII ones (`(?-u:\b)`) next to ASCII words: a Unicode `\b` sends the
// regex engine from its fast DFA to a slow one on any non-ASCII text (curly quotes, names).

/// Credit lines: `(Reporting by …; Editing by …)`, `… contributed to this report.`, `Follow … on Twitter`.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:\(?\s*(?:reporting|writing|editing|additional reporting|compiled|translated|edited|written)\s+by(?-u:\b).*",
        r"|.{0,300}(?-u:\b)contributed(?: reporting)? to this (?:report|story)\.?",
        r"|follow(?-u:\b).{1,120}(?-u:\b)on (?:twitter|x|instagram|facebook|threads|bluesky|mastodon)(?-u:\b).*",
        r"|(?:copyright|©|\(c\)).{0,200})$"
    ))
    .expect("regex")
});

/// Whether `line` is a credit line ([`CREDIT_LINE`]). Most last paragraphs are story text:
/// the words a credit line must hold are looked for first, sparing the regex (whose
/// `.{0,300}` makes its lazy DFA slow to build over long text).
fn is_credit_line(line: &str) -> bool {
    const OPENERS: &[&str] = &[
        "reporting",
        "writing",
        "editing",
        "additional",
        "compiled",
        "translated",
        "edited",
        "written",
        "follow",
        "copyright",
        "©",
        "(c)",
    ];
    let head = line.trim_start_matches(|c: char| c == '(' || c.is_whitespace());
    let opens = |w: &str| {
        line.get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
            || head
                .get(..w.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
    };
    let contributed = || {
        line.as_bytes()
            .windows(11)
            .any(|w| w.eq_ignore_ascii_case(b"contributed"))
    };
    (OPENERS.iter().any(|w| opens(w)) || contributed()) && CREDIT_LINE.is_match(line)
}

/// The same credit closing the last paragraph: `… last month. (Reporting by X; Editing by Y)`.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(\((?:reporting|writing|editing|additional reporting)\s+by(?-u:\b)[^()]*\))\s*$",
    )
    .expect("regex")
});

static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[_\-=*~#.•\s]{3,}$").expect("regex"));

/// AP's rule before contributor and follow-up lines: `___`, `* * *`.
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:_{3,}|(?:\*\s*){3,})$").expect("regex"));

/// "according to Anadolu Agency reports": the agency the copy credits inside the text.
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:according to)\s+(?:(?i:the)\s+)?((?:\p{Lu}[\p{L}’'.-]*\s+){0,4}?(?:(?i:news\s+)?(?i:agency|press|news service|wire)|\p{Lu}[\p{L}’'.-]*))(?:[’']s)?\s+(?i:reports?|reporting)(?-u:\b)")
        .expect("regex")
});

/// What the end of the copy held.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Trailer {
    pub editor_codes: Vec<String>,
    pub credits: Vec<String>,
    /// The agency a sign-off line names.
    pub agency: Option<String>,
}

/// How many paragraphs may follow AP's rule for it to open the trailer.
const AFTER_RULE: usize = 3;

/// Takes editor codes, end marks, rules, credit and sign-off lines off the end of the copy.
/// The only paragraph is never taken.
pub fn strip(paragraphs: &mut Vec<String>) -> Trailer {
    let mut trailer = Trailer::default();
    let mut credits = Vec::new();
    // Only the last few paragraphs can hold the rule: the rest are not searched.
    let window = paragraphs.len().saturating_sub(AFTER_RULE + 1);
    if let Some(rule) = paragraphs[window..]
        .iter()
        .rposition(|p| {
            let p = p.trim();
            // The test the rule's first character makes turns most paragraphs away.
            p.starts_with(['_', '*']) && RULE.is_match(p)
        })
        .map(|i| window + i)
        && rule > 0
    {
        credits.extend(paragraphs.drain(rule..).skip(1).rev());
    }
    let only = |paragraphs: &Vec<String>| paragraphs.len() <= 1;
    loop {
        let alone = only(paragraphs);
        let Some(last) = paragraphs.last_mut() else {
            break;
        };
        // Editor codes and trailing credits close a bracket: most last paragraphs are spared
        // two searches through them. They are cut off the only paragraph too, if text is left.
        let bracketed = last.trim_end().ends_with(')');
        if let Some(caps) = bracketed.then(|| EDITOR_CODE.captures(last)).flatten() {
            let start = caps.get(0).map_or(last.len(), |m| m.start());
            if !(alone && last[..start].trim().is_empty()) {
                trailer.editor_codes.insert(0, caps[1].to_string());
                last.truncate(start);
                if last.trim().is_empty() {
                    paragraphs.pop();
                }
                continue;
            }
        }
        if let Some(caps) = bracketed.then(|| TRAILING_CREDIT.captures(last)).flatten() {
            let whole = caps.get(0).map_or(0, |m| m.start());
            if whole > 0 {
                credits.push(caps[1].to_string());
                last.truncate(whole);
                continue;
            }
        }
        if alone {
            break;
        }
        // The marks' and separators' first characters tell most last paragraphs apart
        // before their searches.
        let opening = last.trim_start();
        if opening.starts_with(['(', 'e', 'E', '-', '#']) && END_MARK.is_match(last) {
            trailer.editor_codes.insert(0, last.trim().to_string());
        } else if is_credit_line(last) {
            credits.push(last.clone());
        } else if (opening.is_empty()
            || opening.starts_with(['_', '-', '=', '*', '~', '#', '.', '•']))
            && SEPARATOR.is_match(last)
        {
            // A rule before the trailer carries nothing.
        } else if let Some(agency) = initials(last) {
            trailer.editor_codes.insert(0, last.clone());
            trailer.agency.get_or_insert(agency);
        } else if let Some(agency) = sign_off(last) {
            trailer.agency.get_or_insert(agency);
            credits.push(last.clone());
        } else {
            break;
        }
        paragraphs.pop();
    }
    credits.reverse();
    trailer.credits = credits;
    trailer
}

/// `dpa wsz jln npr`: an agency's code followed by editors' initials. Returns the agency.
/// The line is an agency's code of 2–13 lower-case letters (and `-`), then 1–12 editors'
/// initials of 1–10 lower-case letters, digits or `/` (read word by word: as a regex, its
/// counted Unicode classes took longer to compile than a small import takes to parse).
pub fn initials(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let code = words.next()?;
    let code_fits = code.chars().next().is_some_and(char::is_lowercase)
        && (2..=13).contains(&code.chars().count())
        && code.chars().all(|c| c.is_lowercase() || c == '-');
    let initials: Vec<&str> = words.collect();
    let initials_fit = (1..=12).contains(&initials.len())
        && initials.iter().all(|w| {
            (1..=10).contains(&w.chars().count())
                && w.chars()
                    .all(|c| c.is_lowercase() || c.is_numeric() || c == '/')
        });
    if !code_fits || !initials_fit {
        return None;
    }
    agencies::lookup(code)
        .or_else(|| code.split(['-', '/']).find_map(agencies::lookup))
        .map(str::to_string)
}

/// An agency sign-off line: `Mi’raj News Agency (MINA)`, `Example News Agency`. Returns the agency.
fn sign_off(block: &str) -> Option<String> {
    let words = block.split_whitespace().count();
    if words > 8 || block.len() > 80 || block.ends_with('.') {
        return None;
    }
    let (name, acronym) = match block.strip_suffix(')').and_then(|b| b.rsplit_once('(')) {
        Some((name, acr)) => (name.trim(), Some(acr.trim())),
        None => (block.trim(), None),
    };
    if !(agencies::looks_like_agency(name)
        || acronym.is_some_and(|a| agencies::lookup(a).is_some()))
    {
        return None;
    }
    let short = acronym
        .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_uppercase() || c == '-'))
        .map(str::to_string)
        .or_else(|| agencies::lookup(name).map(str::to_string))
        .unwrap_or_else(|| name.to_string());
    Some(short)
}

/// "according to X reports" credits found in the body (the text itself is kept), new ones
/// only.
pub fn credits_in_text(paragraphs: &[String], known: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // The regex finds no literal to skip ahead by (its opening words are in any case), so
    // paragraphs without the words are passed over first: lower-cased (ASCII) into one
    // buffer and searched for the words as they are, which runs many bytes at a time.
    let mut lower = Vec::new();
    let finder = memchr::memmem::Finder::new(b"according to");
    for paragraph in paragraphs {
        crate::text::ascii_lower_into(&mut lower, paragraph);
        if finder.find(&lower).is_none() {
            continue;
        }
        for m in ACCORDING_TO.find_iter(paragraph) {
            let credit = m.as_str();
            let credit = credit.get(..1).map(str::to_lowercase).unwrap_or_default()
                + credit.get(1..).unwrap_or("");
            if !found.contains(&credit) && !known.contains(&credit) {
                found.push(credit);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_all(paragraphs: &[&str]) -> (Vec<String>, Trailer) {
        let mut ps: Vec<String> = paragraphs.iter().map(|p| (*p).to_string()).collect();
        let trailer = strip(&mut ps);
        (ps, trailer)
    }

    #[test]
    fn codes_and_credits_leave_the_body() {
        let (ps, t) = strip_all(&[
            "The bank held rates. It said so. (T/RE1/P2)",
            "(Reporting by Jane Example; Editing by John Sample)",
        ]);
        assert_eq!(ps, ["The bank held rates. It said so."]);
        assert_eq!(t.editor_codes, ["T/RE1/P2"]);
        assert_eq!(
            t.credits,
            ["(Reporting by Jane Example; Editing by John Sample)"]
        );
    }

    #[test]
    fn sign_offs_name_the_agency() {
        let (ps, t) = strip_all(&["Leaders met.", "More talks.", "Example News Agency (ENA)"]);
        assert_eq!(ps.len(), 2);
        assert_eq!(t.agency.as_deref(), Some("ENA"));
        let (_, t) = strip_all(&["Es regnete.", "dpa wsz jln npr"]);
        assert_eq!(t.agency.as_deref(), Some("dpa"));
        assert_eq!(t.editor_codes, ["dpa wsz jln npr"]);
    }

    #[test]
    fn the_ap_rule_opens_the_trailer() {
        let (ps, t) = strip_all(&[
            "Schools reopened.",
            "___",
            "Associated Press writer Jane Example in Nairobi contributed.",
            "Follow Jane on X.",
        ]);
        assert_eq!(ps, ["Schools reopened."]);
        assert_eq!(t.credits.len(), 2);
        assert_eq!(
            t.credits[0],
            "Associated Press writer Jane Example in Nairobi contributed."
        );
    }

    #[test]
    fn the_only_paragraph_stays() {
        let (ps, _) = strip_all(&["(END)"]);
        assert_eq!(ps, ["(END)"]);
    }

    #[test]
    fn according_to_credit() {
        let ps = vec!["According to Anadolu Agency reports, talks went well.".to_string()];
        assert_eq!(
            credits_in_text(&ps, &[]),
            ["according to Anadolu Agency reports"]
        );
    }
}
