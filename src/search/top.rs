//! The first rows of a search's order, found before the rest of it, so that a list of a
//! million stories can be redrawn on a keystroke before every story's cost is known.
//!
//! Matches are ordered by cost, then newest first. If no story outside a small set costs
//! less than some floor `L`, then the set's stories costing less than `L` come first, and
//! the stories costing exactly `L` follow in newest-first order: walking that order, each
//! one met at `L` takes the next row. The floors come from the indexes (`Check::floor`): a
//! letter costs 2 at best; a term costs less than 2, 4 or 6 only in stories whose headline
//! has a word that is, starts with or holds it (`HeadlineWords` lists them) or that carry a
//! name that does. The first `n` rows are known once `n` stories are found that way,
//! usually after checking a few thousand stories of a million.

use fixedbitset::FixedBitSet;
use rayon::prelude::*;

use super::check::{Check, Floor, NONE, Setting};
use super::engine::prepare;
use super::name_stories::NameStories;
use super::query::Query;
use crate::catalog::{Catalog, Doc};

/// How much checking story by story the first rows may take before the whole search is
/// the quicker way.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The most stories a bound may except, all checked first.
    pub(crate) excepted: usize,
    /// The most stories a term's floor may list: what they cost is then known from the
    /// lists, though there are too many of them to except.
    pub(crate) known: usize,
    /// The most stories the walk checks.
    pub(crate) walked: usize,
    /// A cost with more stories than this has its newest found by a walk, not a sort.
    pub(crate) sorted: usize,
}

impl Limits {
    pub(crate) const DEFAULT: Limits = Limits {
        excepted: 1 << 17,
        known: 1 << 19,
        walked: 1 << 15,
        sorted: 1 << 12,
    };
}

/// Excepted stories checked by one task.
const EXCEPTED_PART: usize = 4096;

/// How often the walk looks at how fast it finds rows, in stories.
const CHECKPOINT: usize = 2048;

/// The most groups (AND terms) a query may have for its first rows to be looked for.
const MOST_GROUPS: usize = 16;

/// The first `n` stories the whole search would give, in its order; `None` when fewer
/// match, or when they cannot be told apart from the rest by checking a small part of the
/// catalogue (the whole search must run).
pub(crate) fn top(
    catalog: &Catalog,
    names: Option<&NameStories>,
    query: &Query,
    within: Option<&FixedBitSet>,
    n: usize,
    limits: Limits,
) -> Option<Vec<Doc>> {
    let (allowed, to_check) = prepare(catalog, query, within);
    // Sums of costs are capped by the whole search; a bound this high would meet the cap.
    if to_check.is_empty() || to_check.len() > MOST_GROUPS || n == 0 {
        return None;
    }
    let may_match = |d: Doc| allowed.as_ref().is_none_or(|a| a.contains(d as usize));
    // Names are looked up story by story: building every story's best name (what the whole
    // search does) costs more than the few thousand stories checked here.
    let setting = Setting {
        catalog,
        names: None,
        stories: catalog.len(),
    };
    let mut groups: Vec<Vec<Check>> = to_check
        .iter()
        .map(|group| group.iter().map(|a| Check::new(&setting, a)).collect())
        .collect();
    let (floor, excepted) = bound(catalog, names, &mut groups, limits);
    // Ascending and each once, through a set (quicker than sorting tens of thousands).
    let mut set = FixedBitSet::with_capacity(catalog.len());
    set.extend(excepted.iter().map(|&d| d as usize));
    if let Some(allowed) = &allowed {
        set.intersect_with(allowed);
    }
    let excepted: Vec<Doc> = set.ones().filter_map(|d| Doc::try_from(d).ok()).collect();
    // The excepted stories costing less than the floor, on all cores.
    let found: Vec<(u8, Doc)> = match floor.checked_sub(1) {
        Some(limit) => excepted
            .par_chunks(EXCEPTED_PART)
            .flat_map_iter(|part| {
                part.iter()
                    .filter_map(|&d| Some((cost_within(catalog, &groups, d, limit)?, d)))
                    .collect::<Vec<_>>()
            })
            .collect(),
        None => Vec::new(),
    };
    let mut rows = in_order(catalog, found, floor, n, limits.sorted);
    // Then the stories costing the floor, newest first.
    let from_excepted = rows.len();
    let mut walked = 0;
    for &d in catalog.newest_first() {
        if rows.len() >= n {
            break;
        }
        if !may_match(d) {
            continue;
        }
        walked += 1;
        if walked > limits.walked {
            return None;
        }
        // At the rate rows were found so far, the rest would take longer than the walk may.
        if walked % CHECKPOINT == 0 {
            let gained = rows.len() - from_excepted;
            let wanted = n.saturating_sub(rows.len());
            if gained == 0 || walked + wanted * walked / gained > limits.walked {
                return None;
            }
        }
        if cost_within(catalog, &groups, d, floor) == Some(floor) {
            rows.push(d);
        }
    }
    // The whole order walked without `n` rows: the rows costing more are not known yet.
    (rows.len() >= n).then_some(rows)
}

/// The first `n` of `found` (stories with their costs, each below `floor`) best first,
/// newest first among equals. A cost with many stories has its newest found by walking the
/// newest-first order, not by sorting them all.
fn in_order(
    catalog: &Catalog,
    found: Vec<(u8, Doc)>,
    floor: u8,
    n: usize,
    sorted: usize,
) -> Vec<Doc> {
    let mut buckets: Vec<Vec<Doc>> = vec![Vec::new(); usize::from(floor)];
    for (cost, d) in found {
        if let Some(bucket) = buckets.get_mut(usize::from(cost)) {
            bucket.push(d);
        }
    }
    let mut rows = Vec::with_capacity(n);
    for mut bucket in buckets {
        let wanted = n.saturating_sub(rows.len());
        if wanted == 0 {
            break;
        }
        if bucket.len() <= wanted.max(sorted) {
            bucket.sort_unstable_by_key(|&d| catalog.rank(d));
            rows.extend(bucket.into_iter().take(wanted));
        } else {
            let mut set = FixedBitSet::with_capacity(catalog.len());
            set.extend(bucket.iter().map(|&d| d as usize));
            let newest = catalog.newest_first().iter();
            rows.extend(newest.filter(|&&d| set.contains(d as usize)).take(wanted));
        }
    }
    rows
}

/// The floor of a story's cost outside the stories returned: the sum of the floors of the
/// groups bounded (a group's floor is the least of its atoms'), groups with the fewest
/// stories excepted first, while they are few enough to check. A group left out, or
/// whose floor is 0, adds nothing and excepts nothing.
fn bound(
    catalog: &Catalog,
    names: Option<&NameStories>,
    groups: &mut [Vec<Check>],
    limits: Limits,
) -> (u8, Vec<Doc>) {
    let mut bounded: Vec<(u8, Vec<Doc>)> = Vec::new();
    for group in groups {
        let floors: Vec<Floor> = group
            .iter_mut()
            .map(|check| check.floor(catalog, names, limits.known, limits.excepted))
            .collect();
        let least = floors.iter().map(|f| f.at_least).min().unwrap_or(0);
        if least > 0 {
            bounded.push((least, floors.into_iter().flat_map(|f| f.except).collect()));
        }
    }
    bounded.sort_by_key(|(_, except)| except.len());
    let mut floor = 0u8;
    let mut excepted = Vec::new();
    for (least, except) in bounded {
        if excepted.len() + except.len() > limits.excepted {
            break;
        }
        floor = floor.saturating_add(least);
        excepted.extend(except);
    }
    (floor.min(NONE - 1), excepted)
}

/// A story's cost as the whole search counts it (every group must match, a group costs its
/// best atom, the story the sum), if at most `limit`.
fn cost_within(catalog: &Catalog, groups: &[Vec<Check>], d: Doc, limit: u8) -> Option<u8> {
    let mut total = 0u8;
    for group in groups {
        let left = limit - total;
        let best = group
            .iter()
            .filter_map(|c| c.cost_within(catalog, d, left))
            .min()?;
        total += best;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;
    use crate::search::engine::search_with;

    /// From everything checked up front to a walk that gives up at once.
    const LIMITS: [Limits; 4] = [
        Limits::DEFAULT,
        Limits {
            excepted: 40,
            known: 1000,
            walked: 400,
            sorted: 0,
        },
        Limits {
            excepted: 0,
            known: 0,
            walked: 1000,
            sorted: 10,
        },
        Limits {
            excepted: 5,
            known: 20,
            walked: 20,
            sorted: 1,
        },
    ];

    /// Headlines of a few shapes, dates spread so that the newest-first order differs from
    /// the order stories came in; names that share words with headlines; one headline with a
    /// word longer than the index keeps.
    fn catalog(stories: usize) -> Catalog {
        let words = [
            "port", "ports", "airport", "te", "tea", "steam", "ten", "talks", "minister", "min",
            "storm", "kim", "jong", "un", "union", "sigrid", "harbour", "teacher",
        ];
        let people = [
            "Sigrid Hansen",
            "Kim Jong Un",
            "Te Mana",
            "Ann Porter",
            "Minh Le",
        ];
        let mut articles: Vec<_> = (0..stories)
            .map(|i| {
                let pick = |k: usize| words[(i * 7 + k * 13 + i / 5) % words.len()];
                let headline = format!("{} {} {} {} {i}", pick(0), pick(1), pick(2), pick(i % 3));
                let date = format!("2025-{:02}-{:02}", 1 + (i * 5) % 12, 1 + (i * 11) % 28);
                let named: Vec<&str> = (0..i % 3).map(|k| people[(i + k) % people.len()]).collect();
                story(&headline, Some(&date), &named)
            })
            .collect();
        articles.push(story(
            "Harbourteamministerportunionsteaketttlestormjongkimtalks vote",
            Some("2020-01-01"),
            &[],
        ));
        Catalog::from_articles(articles)
    }

    #[test]
    fn the_first_rows_are_the_whole_search_s() {
        let catalog = catalog(600);
        let names = NameStories::build(&catalog);
        let mut found = [0; LIMITS.len()];
        for text in [
            "t",
            "te",
            "tea",
            "ten",
            "port",
            "po",
            "p",
            "min",
            "mi",
            "sigrid h",
            "kim",
            "un",
            "'te",
            "te !storm",
            "te | storm",
            "jong un",
            "an",
            "xq",
            "s t",
            "harbour te",
            "eam",
            "ortu",
            "ettl",
            "ketttle",
            "rp",
        ] {
            let query = Query::parse(text);
            let whole = search_with(&catalog, Some(&names), &query, None, &|| false)
                .unwrap()
                .docs;
            for n in [1, 5, 20, 80] {
                for (l, limits) in LIMITS.into_iter().enumerate() {
                    for stories in [Some(&names), None] {
                        if let Some(first) = top(&catalog, stories, &query, None, n, limits) {
                            found[l] += 1;
                            let expected = &whole[..n.min(whole.len())];
                            assert_eq!(first, expected, "{text:?}, {n} rows, {limits:?}");
                        }
                    }
                }
            }
        }
        // Every way of finding them was tried, and the tightest gives up more often.
        assert!(found.iter().all(|&f| f > 20), "{found:?}");
        assert!(found[3] < found[0], "{found:?}");
    }

    #[test]
    fn a_whole_word_bound_finds_the_rows_that_cost_less_first() {
        // "te" is a whole word of few headlines and starts many: the few come first even
        // though they are the oldest.
        let mut articles: Vec<_> = (0..200)
            .map(|i| story(&format!("tenders {i}"), Some("2025-06-01"), &[]))
            .collect();
        articles.push(story("old te story", Some("2020-01-01"), &[]));
        articles.push(story("older story", Some("2019-01-01"), &["Te Mana"]));
        let catalog = Catalog::from_articles(articles);
        let names = NameStories::build(&catalog);
        // Only the whole word's stories may be checked up front.
        let limits = Limits {
            excepted: 3,
            known: 3,
            walked: 100,
            sorted: 0,
        };
        let query = Query::parse("te");
        let first = top(&catalog, Some(&names), &query, None, 3, limits).unwrap();
        let heads: Vec<&str> = first.iter().map(|&d| catalog.headline(d)).collect();
        assert_eq!(heads[..2], ["old te story", "older story"]);
        assert!(heads[2].starts_with("tenders"));
        // Without the stories of each name, the bound cannot see whole words of names.
        assert_eq!(top(&catalog, None, &query, None, 3, limits), None);
    }

    #[test]
    fn a_long_word_is_found() {
        let mut articles: Vec<_> = (0..100)
            .map(|i| story(&format!("Budget talks {i}"), Some("2025-06-01"), &[]))
            .collect();
        articles.push(story(
            "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz repealed",
            Some("2019-01-01"),
            &[],
        ));
        let catalog = Catalog::from_articles(articles);
        let names = NameStories::build(&catalog);
        for text in ["rindfleisch", "gesetz", "budget"] {
            let query = Query::parse(text);
            let whole = search_with(&catalog, Some(&names), &query, None, &|| false)
                .unwrap()
                .docs;
            let first = top(&catalog, Some(&names), &query, None, 1, Limits::DEFAULT);
            assert_eq!(first.as_deref(), Some(&whole[..1]), "{text}");
        }
    }

    #[test]
    fn within_a_narrower_search() {
        let catalog = catalog(400);
        let names = NameStories::build(&catalog);
        let within = search_with(&catalog, Some(&names), &Query::parse("t"), None, &|| false)
            .unwrap()
            .matched;
        let query = Query::parse("te");
        let whole = search_with(&catalog, Some(&names), &query, Some(&within), &|| false)
            .unwrap()
            .docs;
        let first = top(&catalog, Some(&names), &query, Some(&within), 10, LIMITS[1]).unwrap();
        assert_eq!(first, whole[..10]);
    }
}
