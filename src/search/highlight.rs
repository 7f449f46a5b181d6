//! Which characters of a headline a query matched, for marking them in lists. Computed only
//! for the rows on screen: fuzzy terms by fuzzy-matcher's matched indices, exact, prefix and
//! suffix terms by where they occur.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{Query, Term};

/// Character positions in `headline` matched by the query's terms, ascending.
pub(crate) fn headline_matches(
    query: &Query,
    headline: &str,
    matcher: &SkimMatcherV2,
) -> Vec<usize> {
    let lower = headline.to_lowercase();
    if lower.chars().count() != headline.chars().count() {
        // Lower-casing changed the length (rare letters): positions would not line up.
        return Vec::new();
    }
    let mut found = Vec::new();
    let span = |at: Option<usize>, needle: &str| {
        at.map(|byte| {
            let start = lower[..byte].chars().count();
            (start..start + needle.chars().count()).collect::<Vec<_>>()
        })
    };
    for atom in query.groups.iter().flatten().filter(|a| !a.negated) {
        let positions = match &atom.term {
            Term::Fuzzy(s) => lower.find(s.as_str()).map_or_else(
                || matcher.fuzzy_indices(&lower, s).map(|(_, i)| i),
                |at| span(Some(at), s),
            ),
            Term::Exact(s) => span(lower.find(s.as_str()), s),
            Term::Prefix(s) => span(lower.starts_with(s.as_str()).then_some(0), s),
            Term::Suffix(s) => span(
                lower.ends_with(s.as_str()).then(|| lower.len() - s.len()),
                s,
            ),
            _ => None,
        };
        found.extend(positions.unwrap_or_default());
    }
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_substrings_and_scattered_letters() {
        let m = SkimMatcherV2::default();
        let q = |s: &str| Query::parse(s);
        assert_eq!(
            headline_matches(&q("'grain"), "Grain corridor", &m),
            [0, 1, 2, 3, 4]
        );
        assert_eq!(headline_matches(&q("cor"), "Grain corridor", &m), [6, 7, 8]);
        assert_eq!(
            headline_matches(&q("grncor").clone(), "Grain corridor", &m).len(),
            6
        );
        assert_eq!(
            headline_matches(&q("dor$"), "Grain corridor", &m),
            [11, 12, 13]
        );
        assert!(headline_matches(&q("person:x"), "Grain", &m).is_empty());
    }
}
