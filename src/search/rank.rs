//! Ordering a search's matches: best (lowest cost) first, newest first among equals. Few
//! matches are sorted; many are bucketed by cost in passes over the newest-first order, which
//! cost the same whatever the query, on all cores.

use rayon::prelude::*;

use super::check::NONE;
use crate::catalog::{Catalog, Doc};

/// Stories of the newest-first order bucketed by one task: enough to be worth a thread,
/// few enough that two cores stay busy to the end.
const PART: usize = 1 << 16;

/// The stories whose cost in `costs` (one a story, [`NONE`] for no match) is not `NONE`,
/// best first, then newest first. `matched`: how many there are.
pub(super) fn rank(catalog: &Catalog, costs: &[u8], matched: usize) -> Vec<Doc> {
    if matched < catalog.len() / 16 {
        let mut pairs: Vec<(Doc, u8)> = costs
            .iter()
            .enumerate()
            .filter(|&(_, &cost)| cost != NONE)
            .map(|(d, &cost)| (Doc::try_from(d).unwrap_or(Doc::MAX), cost))
            .collect();
        pairs.sort_unstable_by_key(|&(d, cost)| (cost, catalog.rank(d)));
        return pairs.into_iter().map(|(d, _)| d).collect();
    }
    bucketed(catalog, costs, matched, PART)
}

/// [`rank`] by buckets, `part` stories of the order to a task.
fn bucketed(catalog: &Catalog, costs: &[u8], matched: usize, part: usize) -> Vec<Doc> {
    // Each part of the order, bucketed by cost; then the buckets of every part, cost by
    // cost, part by part.
    let parts: Vec<Vec<Vec<Doc>>> = catalog
        .newest_first()
        .par_chunks(part)
        .map(|part| {
            let mut buckets: Vec<Vec<Doc>> = Vec::new();
            for &d in part {
                let cost = costs.get(d as usize).copied().unwrap_or(NONE);
                if cost != NONE {
                    let cost = usize::from(cost);
                    if buckets.len() <= cost {
                        buckets.resize_with(cost + 1, Vec::new);
                    }
                    buckets[cost].push(d);
                }
            }
            buckets
        })
        .collect();
    let worst = parts.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::with_capacity(matched);
    for cost in 0..worst {
        for part in &parts {
            if let Some(bucket) = part.get(cost) {
                out.extend_from_slice(bucket);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;

    /// The same order by a plain sort of (cost, place in the newest-first order).
    fn sorted(catalog: &Catalog, costs: &[u8]) -> Vec<Doc> {
        let mut docs: Vec<Doc> = (0..costs.len())
            .filter(|&d| costs[d] != NONE)
            .map(|d| Doc::try_from(d).unwrap())
            .collect();
        docs.sort_by_key(|&d| (costs[d as usize], catalog.rank(d)));
        docs
    }

    #[test]
    fn buckets_and_sorts_agree() {
        let stories: Vec<_> = (0..200)
            .map(|i| {
                let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + (i * 7) % 28);
                story(&format!("Story {i}"), Some(&date), &[])
            })
            .collect();
        let catalog = Catalog::from_articles(stories);
        for seed in 0..20u32 {
            // Dense and sparse costs, some of them no match.
            let costs: Vec<u8> = (0..200u32)
                .map(|d| match (d * 31 + seed * 17) % (3 + seed) {
                    0 => NONE,
                    c if seed % 2 == 0 || c < 2 => u8::try_from(c % 7).unwrap(),
                    _ => NONE,
                })
                .collect();
            let matched = costs.iter().filter(|&&c| c != NONE).count();
            let expected = sorted(&catalog, &costs);
            assert_eq!(rank(&catalog, &costs, matched), expected);
            assert_eq!(
                bucketed(&catalog, &costs, matched, 16),
                expected,
                "in parts"
            );
        }
    }
}
