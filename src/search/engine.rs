//! Running a query over a catalogue. Name and word filters come from the indexes; the other
//! terms are checked chunk by chunk on all cores (`check`), each story's cost going into one
//! byte of an array. Matches are ranked from that array (`rank`) by how well they match
//! (whole word, word start, inside a word; in the headline or elsewhere; then letters
//! scattered in order through the headline) and, within a rank, newest first.

use fixedbitset::FixedBitSet;
use rayon::prelude::*;

use super::check::{Check, Chunk, NONE, Setting};
use super::indexed::{indexed, indexed_set};
use super::name_stories::NameStories;
use super::query::{Atom, Query};
use super::rank::rank;
use crate::catalog::{Catalog, Doc};

/// What a search found: stories best first, and the set of them (for narrowing).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub docs: Vec<Doc>,
    pub(crate) matched: FixedBitSet,
}

/// Stories are checked in chunks this size; cancellation is looked at between chunks.
const CHUNK: usize = 8192;

/// A chunk in which at least one story in this many is to be checked has its substring terms
/// found in one pass over all its haystacks, instead of story by story: about where the
/// pass (~0.1 ms for a chunk's headlines) costs what as many stories checked one by one
/// cost. A long query typed over ~20% of the stories ("washington") was checked story by
/// story at one in four, at ~30% more CPU a keystroke.
const DENSE: usize = 16;

/// Runs `query` over the stories in `within` (all when `None`). Returns `None` if `cancelled`
/// said so while it ran: a newer query made this one obsolete.
pub fn search(
    catalog: &Catalog,
    query: &Query,
    within: Option<&FixedBitSet>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    search_with(catalog, None, query, within, cancelled)
}

/// [`search`], with the stories of each name when a session built them.
pub(crate) fn search_with(
    catalog: &Catalog,
    names: Option<&NameStories>,
    query: &Query,
    within: Option<&FixedBitSet>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    let n = catalog.len();
    let (allowed, to_check) = prepare(catalog, query, within);
    if cancelled() {
        return None;
    }
    let setting = Setting {
        catalog,
        names,
        stories: allowed.as_ref().map_or(n, |set| set.count_ones(..)),
    };
    let scanned: Vec<Vec<Check>> = to_check
        .iter()
        .map(|group| group.iter().map(|a| Check::new(&setting, a)).collect())
        .collect();
    if scanned.is_empty() {
        let Some(set) = allowed else {
            return Some(everything(catalog));
        };
        let mut costs = vec![NONE; n];
        for d in set.ones() {
            costs[d] = 0;
        }
        return Some(Outcome {
            docs: rank(catalog, &costs, set.count_ones(..)),
            matched: set,
        });
    }
    // Every story's cost, chunk by chunk on all cores, with the chunk's bits of the set.
    let mut costs = vec![NONE; n];
    let chunks: Option<Vec<(Vec<usize>, usize)>> = costs
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, out)| {
            if cancelled() {
                return None;
            }
            Some(chunk_costs(
                catalog,
                &scanned,
                allowed.as_ref(),
                c * CHUNK,
                out,
            ))
        })
        .collect();
    let chunks = chunks?;
    if cancelled() {
        return None;
    }
    let matched = chunks.iter().map(|(_, count)| count).sum();
    let set =
        FixedBitSet::with_capacity_and_blocks(n, chunks.into_iter().flat_map(|(blocks, _)| blocks));
    Some(Outcome {
        docs: rank(catalog, &costs, matched),
        matched: set,
    })
}

/// What every search of `query` starts from: the stories it may match (`None`: all), from
/// `within`, the index filters and the newest version of each chain; and the groups left to
/// check story by story.
pub(super) fn prepare<'q>(
    catalog: &Catalog,
    query: &'q Query,
    within: Option<&FixedBitSet>,
) -> (Option<FixedBitSet>, Vec<&'q Vec<Atom>>) {
    let n = catalog.len();
    let mut allowed: Option<FixedBitSet> = within.cloned();
    let (from_index, to_check): (Vec<_>, Vec<_>) = query
        .groups
        .iter()
        .partition(|group| group.iter().all(|a| !a.negated && indexed(&a.term)));
    for group in from_index {
        let mut set = FixedBitSet::with_capacity(n);
        for atom in group {
            set.union_with(&indexed_set(catalog, &atom.term));
        }
        match &mut allowed {
            Some(a) => a.intersect_with(&set),
            None => allowed = Some(set),
        }
    }
    // Lists show the newest version of each story: older versions never match.
    if let Some(newest) = catalog.newest_set() {
        match &mut allowed {
            Some(a) => a.intersect_with(newest),
            None => allowed = Some(newest.clone()),
        }
    }
    (allowed, to_check)
}

/// The costs of the stories from `first` on, into `out` ([`NONE`] for no match): every
/// group must match; a group costs its best atom; a story costs the sum. Returns the
/// chunk's blocks of the set of matches, and how many there are.
fn chunk_costs(
    catalog: &Catalog,
    groups: &[Vec<Check>],
    allowed: Option<&FixedBitSet>,
    first: usize,
    out: &mut [u8],
) -> (Vec<usize>, usize) {
    let bits = usize::BITS as usize;
    let len = out.len();
    // The stories that may match, at cost 0 so far.
    let mut alive: Vec<u16> = Vec::with_capacity(len);
    if let Some(set) = allowed {
        let blocks = set.as_slice().get(first / bits..).unwrap_or_default();
        for (b, &block) in blocks.iter().enumerate().take(len.div_ceil(bits)) {
            let mut block = block;
            while block != 0 {
                let i = b * bits + block.trailing_zeros() as usize;
                block &= block - 1;
                if let (Some(cost), Ok(place)) = (out.get_mut(i), u16::try_from(i)) {
                    *cost = 0;
                    alive.push(place);
                }
            }
        }
    } else {
        out.fill(0);
        alive.extend((0..len).map(|i| u16::try_from(i).unwrap_or(u16::MAX)));
    }
    let mut best = vec![NONE; len];
    for group in groups {
        // Stories an earlier group did not match are not checked again.
        alive.retain(|&i| out[usize::from(i)] != NONE);
        if alive.is_empty() {
            break;
        }
        let chunk = Chunk {
            first,
            len,
            alive: &alive,
            dense: alive.len() * DENSE >= len,
        };
        for check in group {
            check.lower(catalog, &chunk, &mut best);
        }
        for &i in &alive {
            let i = usize::from(i);
            out[i] = match best[i] {
                NONE => NONE,
                // A sum never reads as no match.
                cost => out[i].saturating_add(cost).min(NONE - 1),
            };
            best[i] = NONE;
        }
    }
    let mut count = 0;
    let blocks = out
        .chunks(bits)
        .map(|costs| {
            let mut block = 0;
            for (j, &cost) in costs.iter().enumerate() {
                block |= usize::from(cost != NONE) << j;
            }
            count += block.count_ones() as usize;
            block
        })
        .collect();
    (blocks, count)
}

/// The empty query: every story, newest first.
fn everything(catalog: &Catalog) -> Outcome {
    let matched = catalog.newest_set().cloned().unwrap_or_else(|| {
        let mut all = FixedBitSet::with_capacity(catalog.len());
        all.insert_range(..);
        all
    });
    Outcome {
        docs: catalog.newest_first().to_vec(),
        matched,
    }
}
