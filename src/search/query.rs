//! The query language: fzf's extended syntax (space = AND, `|` = OR, `'exact`, `^prefix`,
//! `suffix$`, `!negation`) plus field filters (`person:`, `place:`, `org:`, `agency:`,
//! `since:`, `until:`, `urgency:`) and full-text words (`text:`), parsed into a [`Query`].

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::when;
use crate::article::EntityKind;

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Fuzzy(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// `person:`, `place:`, `org:`: the story names an entity of this kind by this name.
    Entity(EntityKind, String),
    /// `text:`: the story's headline or body has every one of these words (`harb*` for any
    /// word starting `harb`).
    Text(String),
    Agency(String),
    /// `since:`: stories from this second on (seconds since the epoch).
    Since(i64),
    /// `until:`: stories before this second (the end of the period named).
    Until(i64),
    /// `urgency:`: stories whose wire urgency lies in `min..=max` (1 is a flash, the most
    /// urgent); copy that gives no urgency matches none.
    Urgency {
        min: u8,
        max: u8,
    },
}

/// The urgencies `urgency:` takes: 1 (a flash, the most urgent) to 9 (IPTC's scale).
const URGENCIES: std::ops::RangeInclusive<u8> = 1..=9;

/// A term, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub term: Term,
    pub negated: bool,
}

/// A parsed query: every group must match (AND); a group matches when any atom does (OR).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Atom>>,
    /// Values that could not be read (`since:2026-13`), each with what is allowed; the terms
    /// are left out of the query.
    pub errors: Vec<String>,
}

impl Query {
    /// Parses `text` now, times in the local time zone.
    pub fn parse(text: &str) -> Query {
        Query::parse_at(text, Timestamp::now(), &TimeZone::system())
    }

    /// Parses `text` with relative times (`2h`, `today`) read at `now` in `tz`.
    pub fn parse_at(text: &str, now: Timestamp, tz: &TimeZone) -> Query {
        let mut groups: Vec<Vec<Atom>> = Vec::new();
        let mut errors = Vec::new();
        let mut join_next = false;
        // A quote opened and never closed would swallow the rest of the query silently.
        if text.matches('"').count() % 2 == 1 {
            let open = text.rfind('"').unwrap_or(0);
            let start = text[..open].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            errors.push(format!(
                "`{}` opens a quote that is not closed; add the closing `\"`",
                text[start..].trim_end()
            ));
        }
        for word in split_words(text) {
            if word == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let atom = match parse_atom(&word, now, tz) {
                Ok(Some(atom)) => atom,
                Ok(None) => continue,
                Err(message) => {
                    errors.push(message);
                    continue;
                }
            };
            match groups.last_mut() {
                Some(group) if join_next => group.push(atom),
                _ => groups.push(vec![atom]),
            }
            join_next = false;
        }
        Query { groups, errors }
    }

    /// The fuzzy and exact words, for highlighting in the reading pane.
    #[cfg(feature = "tui")]
    pub(crate) fn highlight_terms(&self) -> Vec<String> {
        self.groups
            .iter()
            .flatten()
            .filter(|a| !a.negated)
            .flat_map(|a| match &a.term {
                Term::Fuzzy(s) | Term::Exact(s) | Term::Prefix(s) | Term::Suffix(s) => {
                    vec![s.clone()]
                }
                // `text:` words (`harb*` marks what starts `harb`), for `n`/`N` too.
                Term::Text(s) => s
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    }
}

/// Splits on spaces, keeping `"double quoted"` stretches together (`person:"Kim Jong-un"`).
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The query language's fields.
const FIELDS: [&str; 8] = [
    "person:", "place:", "org:", "agency:", "text:", "since:", "until:", "urgency:",
];

/// How a field is written, for the message about one left empty.
fn field_example(field: &str) -> &'static str {
    match field {
        "person:" => "`person:\"Kim Jong-un\"` or `person:kim`",
        "place:" => "`place:antwerp`",
        "org:" => "`org:who`",
        "agency:" => "`agency:reuters`",
        "text:" => "`text:word` (`text:harb*` for words starting `harb`)",
        "urgency:" => "`urgency:1` or `urgency:<=2`",
        _ => "a time: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, 2h, 3d, today or yesterday",
    }
}

fn parse_atom(word: &str, now: Timestamp, tz: &TimeZone) -> Result<Option<Atom>, String> {
    let (negated, word) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    if word.is_empty() {
        return Ok(None);
    }
    // A field with nothing after it (`since:`, `person:`) is a mistake, not a match-all.
    if let Some(field) = FIELDS.iter().find(|f| word.eq_ignore_ascii_case(f)) {
        return Err(format!(
            "`{field}` has no value; write it as {}",
            field_example(field)
        ));
    }
    let time = |field: &str, value: &str| {
        if value.is_empty() {
            return Ok(None);
        }
        when::period(value, now, tz)
            .map(Some)
            .ok_or_else(|| format!("`{field}:{value}` is not a time; use {}", when::FORMS))
    };
    let lower = word.to_lowercase();
    let field = |prefix: &str| lower.strip_prefix(prefix).map(|v| v.replace('_', " "));
    let term = if let Some(v) = field("person:") {
        Term::Entity(EntityKind::Person, v)
    } else if let Some(v) = field("place:") {
        Term::Entity(EntityKind::Place, v)
    } else if let Some(v) = field("org:") {
        Term::Entity(EntityKind::Organization, v)
    } else if let Some(v) = lower.strip_prefix("text:") {
        Term::Text(v.to_string())
    } else if let Some(v) = field("agency:") {
        Term::Agency(v)
    } else if let Some(v) = lower.strip_prefix("since:") {
        match time("since", v)? {
            Some(period) => Term::Since(period.start),
            None => return Ok(None),
        }
    } else if let Some(v) = lower.strip_prefix("until:") {
        match time("until", v)? {
            Some(period) => Term::Until(period.end.max(period.start + 1)),
            None => return Ok(None),
        }
    } else if let Some(v) = lower.strip_prefix("urgency:") {
        if v.is_empty() {
            return Ok(None);
        }
        let (min, max) = urgency(v).ok_or_else(|| {
            format!(
                "`urgency:{v}` is not an urgency; use 1 (flash, most urgent) to 9, or <=N, <N, >=N, >N"
            )
        })?;
        Term::Urgency { min, max }
    } else if let Some(v) = lower.strip_prefix('\'') {
        Term::Exact(v.to_string())
    } else if let Some(v) = lower.strip_prefix('^') {
        Term::Prefix(v.to_string())
    } else if let Some(v) = lower.strip_suffix('$') {
        Term::Suffix(v.to_string())
    } else if negated {
        // fzf: a negated plain term is an exact match.
        Term::Exact(lower)
    } else {
        Term::Fuzzy(lower)
    };
    let empty = matches!(&term, Term::Fuzzy(s) | Term::Exact(s) | Term::Prefix(s) | Term::Suffix(s) | Term::Text(s) if s.trim().is_empty());
    Ok((!empty).then_some(Atom { term, negated }))
}

/// The urgencies `N`, `<=N`, `<N`, `>=N` or `>N` (N from 1 to 9) name, as an inclusive range
/// (empty for `<1` and `>9`).
fn urgency(value: &str) -> Option<(u8, u8)> {
    let (op, number) = match value.find(|c: char| c.is_ascii_digit()) {
        Some(at) => value.split_at(at),
        None => return None,
    };
    let n: u8 = number.parse().ok().filter(|n| URGENCIES.contains(n))?;
    let (first, last) = (*URGENCIES.start(), *URGENCIES.end());
    match op {
        "" | "=" => Some((n, n)),
        "<=" => Some((first, n)),
        "<" => Some((first, n - 1)),
        ">=" => Some((n, last)),
        ">" => Some((n + 1, last)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_extended_syntax() {
        let q =
            Query::parse("port !strike 'bank | ^grain person:\"Marta Ellery\" since:2025-01-01");
        assert_eq!(q.groups.len(), 5);
        assert_eq!(q.groups[2].len(), 2, "{q:?}");
        assert!(q.groups[1][0].negated);
        assert_eq!(
            q.groups[3][0].term,
            Term::Entity(EntityKind::Person, "marta ellery".into())
        );
        assert!(Query::parse("   ").groups.is_empty());
    }

    #[test]
    fn times_and_their_errors() {
        let now: Timestamp = "2026-12-02T14:00:00Z".parse().unwrap();
        let q = Query::parse_at("port since:2h until:2026-12-02", now, &TimeZone::UTC);
        assert_eq!(q.groups[1][0].term, Term::Since(now.as_second() - 7200));
        assert_eq!(
            q.groups[2][0].term,
            Term::Until(
                "2026-12-03T00:00:00Z"
                    .parse::<Timestamp>()
                    .unwrap()
                    .as_second()
            )
        );
        assert!(q.errors.is_empty());
        let q = Query::parse_at("port since:2026-13", now, &TimeZone::UTC);
        assert_eq!(q.groups.len(), 1, "the bad term is left out");
        assert_eq!(q.errors.len(), 1);
        assert!(
            q.errors[0].starts_with("`since:2026-13` is not a time"),
            "{q:?}"
        );
        let empty = Query::parse_at("port since:", now, &TimeZone::UTC);
        assert_eq!(empty.groups.len(), 1);
        assert!(
            empty.errors[0].starts_with("`since:` has no value"),
            "{empty:?}"
        );
        let unclosed = Query::parse_at("port person:\"kim jong", now, &TimeZone::UTC);
        assert_eq!(
            unclosed.errors,
            ["`person:\"kim jong` opens a quote that is not closed; add the closing `\"`"]
        );
    }

    #[test]
    fn urgencies_and_their_errors() {
        let urgency = |text: &str| {
            let q = Query::parse(text);
            assert!(q.errors.is_empty(), "{text}: {q:?}");
            match &q.groups[0][0].term {
                Term::Urgency { min, max } => (*min, *max),
                other => panic!("{text}: {other:?}"),
            }
        };
        assert_eq!(urgency("urgency:1"), (1, 1));
        assert_eq!(urgency("urgency:<=2"), (1, 2));
        assert_eq!(urgency("urgency:<3"), (1, 2));
        assert_eq!(urgency("urgency:>=4"), (4, 9));
        assert_eq!(urgency("URGENCY:>4"), (5, 9));
        assert!(
            Query::parse("urgency:").errors[0].contains("`urgency:1`"),
            "an empty field says how it is written"
        );
        for bad in [
            "urgency:x",
            "urgency:<=",
            "urgency:0",
            "urgency:10",
            "urgency:=<2",
            "urgency:2x",
        ] {
            let q = Query::parse(&format!("port {bad}"));
            assert_eq!(q.groups.len(), 1, "{bad}: the bad term is left out");
            assert_eq!(q.errors.len(), 1, "{bad}");
            assert!(q.errors[0].contains("is not an urgency"), "{q:?}");
        }
    }
}
