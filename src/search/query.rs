//! The query language: fzf's extended syntax (space = AND, `|` = OR, `'exact`, `^prefix`,
//! `suffix$`, `!negation`) plus field filters (`person:`, `place:`, `org:`, `agency:`,
//! `since:`, `until:`) and full-text words (`text:`), parsed into a [`Query`].

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

    /// The fuzzy and exact words, for highlighting in the reading pane.
    #[cfg(feature = "tui")]
    pub(crate) fn highlight_terms(&self) -> Vec<String> {
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
    } else if let Some(v) = lower.strip_prefix("text:") {
        Term::Text(v.to_string())
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
    let empty = matches!(&term, Term::Fuzzy(s) | Term::Exact(s) | Term::Prefix(s) | Term::Suffix(s) | Term::Text(s) if s.trim().is_empty());
    (!empty).then_some(Atom { term, negated })
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
}
