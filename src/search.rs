//! The query language and ranked search over an archive: fzf's extended syntax (space = AND,
//! `|` = OR, `'exact`, `^prefix`, `suffix$`, `!negation`) plus field filters (`person:`,
//! `place:`, `org:`, `agency:`, `since:`, `until:`), fuzzy terms scored by fuzzy-matcher.
//! Serves the TUI's `/` and `dateline search` alike.

use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::article::{Article, EntityKind};

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Fuzzy(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// `person:`, `place:`, `org:`: the story names an entity of this kind by this name.
    Entity(EntityKind, String),
    Agency(String),
    Since(String),
    Until(String),
}

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
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut groups: Vec<Vec<Atom>> = Vec::new();
        let mut join_next = false;
        for word in split_words(text) {
            if word == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let Some(atom) = parse_atom(&word) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if join_next => group.push(atom),
                _ => groups.push(vec![atom]),
            }
            join_next = false;
        }
        Query { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The fuzzy and exact words, for highlighting in the reading pane.
    pub fn highlight_terms(&self) -> Vec<String> {
        self.groups
            .iter()
            .flatten()
            .filter(|a| !a.negated)
            .filter_map(|a| match &a.term {
                Term::Fuzzy(s) | Term::Exact(s) | Term::Prefix(s) | Term::Suffix(s) => {
                    Some(s.clone())
                }
                _ => None,
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

fn parse_atom(word: &str) -> Option<Atom> {
    let (negated, word) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    if word.is_empty() {
        return None;
    }
    let lower = word.to_lowercase();
    let field = |prefix: &str| lower.strip_prefix(prefix).map(|v| v.replace('_', " "));
    let term = if let Some(v) = field("person:") {
        Term::Entity(EntityKind::Person, v)
    } else if let Some(v) = field("place:") {
        Term::Entity(EntityKind::Place, v)
    } else if let Some(v) = field("org:") {
        Term::Entity(EntityKind::Organization, v)
    } else if let Some(v) = field("agency:") {
        Term::Agency(v)
    } else if let Some(v) = field("since:") {
        Term::Since(v)
    } else if let Some(v) = field("until:") {
        Term::Until(v)
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
    let empty = matches!(&term, Term::Fuzzy(s) | Term::Exact(s) | Term::Prefix(s) | Term::Suffix(s) if s.is_empty());
    (!empty).then_some(Atom { term, negated })
}

/// What search needs of each story, prepared once per archive.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Lower-cased headline, place, agency and entity names, space-separated.
    pub haystack: String,
    /// Characters of the headline at the start of the haystack (for highlights in lists).
    pub headline_chars: usize,
    pub date: Option<String>,
    pub agency: String,
    /// Lower-cased names and forms of each entity, by kind.
    pub names: Vec<(EntityKind, String)>,
}

impl Entry {
    pub fn new(article: &Article) -> Entry {
        let mut haystack = article.headline.to_lowercase();
        let headline_chars = haystack.chars().count();
        for extra in [article.place(), article.agency_name()]
            .into_iter()
            .flatten()
        {
            haystack.push(' ');
            haystack.push_str(&extra.to_lowercase());
        }
        let mut names = Vec::new();
        for e in &article.entities {
            haystack.push(' ');
            haystack.push_str(&e.name.to_lowercase());
            names.push((e.kind, e.name.to_lowercase()));
            for m in &e.mentions {
                names.push((e.kind, m.to_lowercase()));
            }
        }
        Entry {
            haystack,
            headline_chars,
            date: article.date().map(str::to_string),
            agency: article.agency_name().unwrap_or("").to_lowercase(),
            names,
        }
    }
}

/// A story that matched: its index in the archive's order, its score, and the character
/// positions of matched letters in its headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
    pub headline_matches: Vec<usize>,
}

/// The search over one archive: entries prepared once, queried many times.
pub struct Searcher {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl Searcher {
    pub fn new<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Searcher {
        Searcher {
            entries: articles.into_iter().map(Entry::new).collect(),
            matcher: SkimMatcherV2::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every story matching `query`, best first (ties keep archive order). Returns `None` when
    /// `generation` moved past `mine` meanwhile: a newer query made this one obsolete.
    pub fn search_cancellable(
        &self,
        query: &Query,
        generation: &AtomicU64,
        mine: u64,
    ) -> Option<Vec<Hit>> {
        let mut hits = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if index % 1024 == 0 && generation.load(Ordering::Relaxed) != mine {
                return None;
            }
            if let Some(hit) = self.score(index, entry, query) {
                hits.push(hit);
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        Some(hits)
    }

    /// Every story matching `query`, best first.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let never = AtomicU64::new(0);
        self.search_cancellable(query, &never, 0)
            .unwrap_or_default()
    }

    fn score(&self, index: usize, entry: &Entry, query: &Query) -> Option<Hit> {
        let mut total = 0;
        let mut headline_matches = Vec::new();
        for group in &query.groups {
            let mut best: Option<(i64, Vec<usize>)> = None;
            for atom in group {
                let matched = self.atom(entry, atom);
                let matched = match (matched, atom.negated) {
                    (Some(_), true) => None,
                    (None, true) => Some((0, Vec::new())),
                    (m, false) => m,
                };
                if let Some((score, indices)) = matched
                    && best.as_ref().is_none_or(|(s, _)| score > *s)
                {
                    best = Some((score, indices));
                }
            }
            let (score, indices) = best?;
            total += score;
            headline_matches.extend(indices.into_iter().filter(|i| *i < entry.headline_chars));
        }
        headline_matches.sort_unstable();
        headline_matches.dedup();
        Some(Hit {
            index,
            score: total,
            headline_matches,
        })
    }

    /// Whether one atom matches (ignoring negation), with a score and matched positions.
    fn atom(&self, entry: &Entry, atom: &Atom) -> Option<(i64, Vec<usize>)> {
        let hay = &entry.haystack;
        let found_at = |needle: &str, at: Option<usize>| {
            at.map(|byte| {
                let start = hay[..byte].chars().count();
                (
                    i64::try_from(needle.chars().count()).unwrap_or(i64::MAX / 16) * 16,
                    (start..start + needle.chars().count()).collect(),
                )
            })
        };
        match &atom.term {
            Term::Fuzzy(s) => self.matcher.fuzzy_indices(hay, s),
            Term::Exact(s) => found_at(s, hay.find(s.as_str())),
            Term::Prefix(s) => found_at(s, hay.starts_with(s.as_str()).then_some(0)),
            Term::Suffix(s) => {
                // The headline is the "line" fzf anchors to.
                let headline: String = hay.chars().take(entry.headline_chars).collect();
                headline
                    .ends_with(s.as_str())
                    .then(|| found_at(s, Some(headline.len() - s.len())))
                    .flatten()
            }
            Term::Entity(kind, name) => entry
                .names
                .iter()
                .any(|(k, n)| k == kind && (n == name || n.split_whitespace().any(|w| w == name)))
                .then(|| (0, Vec::new())),
            Term::Agency(a) => entry.agency.contains(a.as_str()).then(|| (0, Vec::new())),
            Term::Since(d) => entry
                .date
                .as_deref()
                .is_some_and(|date| date >= d.as_str())
                .then(|| (0, Vec::new())),
            Term::Until(d) => entry
                .date
                .as_deref()
                .is_some_and(|date| date.get(..d.len()).unwrap_or(date) <= d.as_str())
                .then(|| (0, Vec::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Dateline, Entity};

    fn story(headline: &str, date: &str, agency: &str, people: &[&str]) -> Article {
        Article {
            headline: headline.into(),
            published: Some(date.into()),
            dateline: Some(Dateline {
                place: Some("Paris".into()),
                agency: Some(agency.into()),
                text: String::new(),
                ..Dateline::default()
            }),
            entities: people
                .iter()
                .map(|p| Entity {
                    name: (*p).into(),
                    kind: EntityKind::Person,
                    mentions: vec![(*p).into(), p.rsplit(' ').next().unwrap_or(p).into()],
                    count: 1,
                })
                .collect(),
            ..Article::default()
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            story(
                "Grain corridor talks resume",
                "2025-06-19",
                "Reuters",
                &["Lars Henriksen"],
            ),
            story("Storm closes ports on the coast", "2025-02-06", "AFP", &[]),
            story(
                "Central bank holds rates",
                "2025-03-12",
                "Reuters",
                &["Marta Ellery"],
            ),
            story(
                "Port workers strike over pay",
                "2024-11-04",
                "AP",
                &["Marta Ellery"],
            ),
        ]
    }

    fn headlines(query: &str) -> Vec<String> {
        let articles = corpus();
        let searcher = Searcher::new(&articles);
        searcher
            .search(&Query::parse(query))
            .into_iter()
            .map(|h| articles[h.index].headline.clone())
            .collect()
    }

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
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn fuzzy_and_and_or() {
        assert_eq!(headlines("grncor"), ["Grain corridor talks resume"]);
        assert_eq!(headlines("port !strike").len(), 1);
        assert_eq!(headlines("'bank | 'storm").len(), 2);
        assert_eq!(headlines("^central"), ["Central bank holds rates"]);
        assert_eq!(headlines("pay$"), ["Port workers strike over pay"]);
        assert_eq!(headlines("").len(), 4, "an empty query matches every story");
    }

    #[test]
    fn field_filters() {
        assert_eq!(headlines("person:ellery").len(), 2);
        assert_eq!(
            headlines("person:\"marta ellery\" agency:reuters"),
            ["Central bank holds rates"]
        );
        assert_eq!(headlines("since:2025-03 until:2025-06-30").len(), 2);
        assert_eq!(headlines("org:reuters").len(), 0);
    }

    #[test]
    fn highlights_fall_in_the_headline() {
        let articles = corpus();
        let searcher = Searcher::new(&articles);
        let hits = searcher.search(&Query::parse("'grain"));
        assert_eq!(hits[0].headline_matches, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_newer_query_cancels_an_older_one() {
        let articles = corpus();
        let searcher = Searcher::new(&articles);
        let generation = AtomicU64::new(2);
        assert!(
            searcher
                .search_cancellable(&Query::parse("port"), &generation, 1)
                .is_none()
        );
        assert!(
            searcher
                .search_cancellable(&Query::parse("port"), &generation, 2)
                .is_some()
        );
    }
}
