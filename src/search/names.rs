//! Ranking names (people, places, organisations) against what is typed in the entity
//! browser: the query as a whole word, then at the start of a word, then inside one, as the
//! story search ranks; then its letters scattered in order, by fuzzy-matcher's score. So
//! "kow" puts Kowalski before Kofi Walsh, however many stories name Walsh.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::scan::{ABSENT, substring_costs};
use crate::catalog::Haystacks;

/// How well `query` (lower-cased) matches `name`, lower first; `None` if it does not.
pub(crate) fn rank(matcher: &SkimMatcherV2, name: &str, query: &str) -> Option<(u8, i64)> {
    let lower = name.to_lowercase();
    let ends = [lower.len() as u64];
    match substring_costs(Haystacks::new(&lower, 0, &ends, false), query.as_bytes())[0] {
        ABSENT => matcher.fuzzy_match(&lower, query).map(|score| (6, -score)),
        cost => Some((cost, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_before_scattered_letters() {
        let m = SkimMatcherV2::default();
        let order = |query: &str, names: &[&'static str]| -> Vec<&'static str> {
            let mut ranked: Vec<(Option<(u8, i64)>, &'static str)> =
                names.iter().map(|n| (rank(&m, n, query), *n)).collect();
            ranked.retain(|r| r.0.is_some());
            ranked.sort();
            ranked.into_iter().map(|r| r.1).collect()
        };
        assert_eq!(
            order("kow", &["Kofi Walsh", "Tariq Kowalski", "Makowski", "Lee"]),
            ["Tariq Kowalski", "Makowski", "Kofi Walsh"]
        );
        assert_eq!(
            order("lee", &["Ann Leeds", "Lee", "Ashlee"]),
            ["Lee", "Ann Leeds", "Ashlee"]
        );
    }
}
