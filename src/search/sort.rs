//! The orders a list of stories can be shown in: as found (best match first, newest first
//! without a query), newest first, by agency, or most urgent first. The reader's sort key and
//! `list`/`search --sort` share them.

use crate::catalog::{Catalog, Doc};

/// How a list of stories is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// As the search found them: best match first; newest first without a query.
    #[default]
    Found,
    /// Newest first (by the time the copy moved; undated last).
    Time,
    /// By agency, A to Z (copy without one last), each agency's as found.
    Agency,
    /// Most urgent first (flashes, then bulletins, urgent copy…; no urgency last), each
    /// level's as found.
    Urgency,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Found, Sort::Time, Sort::Agency, Sort::Urgency];

    /// The name the command line and the status line use.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Found => "found",
            Sort::Time => "time",
            Sort::Agency => "agency",
            Sort::Urgency => "urgency",
        }
    }

    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The next order, for a key that cycles through them.
    #[must_use]
    pub fn next(self) -> Sort {
        match self {
            Sort::Found => Sort::Time,
            Sort::Time => Sort::Agency,
            Sort::Agency => Sort::Urgency,
            Sort::Urgency => Sort::Found,
        }
    }

    /// Orders `docs` (stable: ties keep the order they came in).
    pub fn apply(self, catalog: &Catalog, docs: &mut [Doc]) {
        match self {
            Sort::Found => {}
            Sort::Time => {
                let times = &catalog.versions.times;
                docs.sort_by_key(|&d| std::cmp::Reverse(times[d as usize]));
            }
            Sort::Agency => {
                // Agencies ranked by name once; stories then compare by rank.
                let mut names: Vec<(usize, String)> = catalog
                    .agencies
                    .iter()
                    .map(|a| a.to_lowercase())
                    .enumerate()
                    .collect();
                names.sort_by(|a, b| (a.1.is_empty(), &a.1).cmp(&(b.1.is_empty(), &b.1)));
                let mut rank = vec![0u16; names.len()];
                for (r, (index, _)) in names.iter().enumerate() {
                    rank[*index] = u16::try_from(r).unwrap_or(u16::MAX);
                }
                let of = &catalog.agency_of;
                docs.sort_by_key(|&d| rank[usize::from(of[d as usize])]);
            }
            Sort::Urgency => {
                let urgency = &catalog.urgency;
                // 0 is "not given": after every level.
                docs.sort_by_key(|&d| urgency[d as usize].wrapping_sub(1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Dateline, WireMeta};

    fn story(headline: &str, time: &str, agency: &str, urgency: Option<u8>) -> Article {
        let mut article = Article {
            headline: headline.into(),
            published: Some(time.into()),
            dateline: Some(Dateline {
                agency: Some(agency.into()).filter(|a: &String| !a.is_empty()),
                ..Dateline::default()
            }),
            wire: WireMeta {
                urgency,
                ..WireMeta::default()
            },
            paragraphs: vec![format!("{headline} text.")],
            ..Article::default()
        };
        article.id = headline.into();
        article
    }

    fn headlines(catalog: &Catalog, docs: &[Doc]) -> Vec<String> {
        docs.iter()
            .map(|&d| catalog.headline(d).to_string())
            .collect()
    }

    #[test]
    fn each_order_sorts_and_keeps_ties_as_found() {
        let catalog = Catalog::from_articles(vec![
            story("b-old", "2024-01-01T08:00:00Z", "Reuters", Some(3)),
            story("a-new", "2024-03-01T08:00:00Z", "AFP", None),
            story("c-mid", "2024-02-01T08:00:00Z", "reuters", Some(1)),
            story("d-none", "2024-02-15T08:00:00Z", "", Some(3)),
        ]);
        let found: Vec<Doc> = vec![0, 1, 2, 3];
        let sorted = |sort: Sort| {
            let mut docs = found.clone();
            sort.apply(&catalog, &mut docs);
            headlines(&catalog, &docs)
        };
        assert_eq!(sorted(Sort::Found), ["b-old", "a-new", "c-mid", "d-none"]);
        assert_eq!(sorted(Sort::Time), ["a-new", "d-none", "c-mid", "b-old"]);
        assert_eq!(sorted(Sort::Agency), ["a-new", "b-old", "c-mid", "d-none"]);
        assert_eq!(sorted(Sort::Urgency), ["c-mid", "b-old", "d-none", "a-new"]);
    }

    #[test]
    fn names_round_trip_and_the_key_cycles_through_all() {
        let mut sort = Sort::default();
        for _ in 0..Sort::ALL.len() {
            assert_eq!(Sort::from_name(sort.name()), Some(sort));
            sort = sort.next();
        }
        assert_eq!(sort, Sort::Found);
    }
}
