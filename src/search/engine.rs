//! Running a query over a catalogue. Name and word filters come from the indexes; the other
//! terms are checked story by story on all cores, behind a letter-mask prefilter. Matches are
//! ranked by how well they match (whole word, word start, inside a word; in the headline or
//! elsewhere; then letters scattered in order through the headline) and, within a rank, newest
//! first.

use fixedbitset::FixedBitSet;
use rayon::prelude::*;

use super::query::{Atom, Query, Term};
use super::scan::{ABSENT, substring_costs};
use crate::catalog::terms::{self, WORD};
use crate::catalog::{Catalog, Doc, char_mask};

/// What a search found: stories best first, and the set of them (for narrowing).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub docs: Vec<Doc>,
    pub(crate) matched: FixedBitSet,
}

/// Stories are checked in chunks this size; cancellation is looked at between chunks.
const CHUNK: usize = 8192;

/// A chunk in which at least one story in this many is to be checked has its substring terms
/// found in one pass over all its haystacks, instead of story by story.
const DENSE: usize = 4;

/// Runs `query` over the stories in `within` (all when `None`). Returns `None` if `cancelled`
/// said so while it ran: a newer query made this one obsolete.
pub fn search(
    catalog: &Catalog,
    query: &Query,
    within: Option<&FixedBitSet>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    let n = catalog.len();
    let mut allowed: Option<FixedBitSet> = within.cloned();
    let mut scanned = Vec::new();
    for group in &query.groups {
        if group.iter().all(|a| !a.negated && indexed(&a.term)) {
            let mut set = FixedBitSet::with_capacity(n);
            for atom in group {
                set.union_with(&indexed_set(catalog, &atom.term));
            }
            match &mut allowed {
                Some(a) => a.intersect_with(&set),
                None => allowed = Some(set),
            }
        } else {
            scanned.push(
                group
                    .iter()
                    .map(|a| Check::new(catalog, a))
                    .collect::<Vec<_>>(),
            );
        }
    }
    // Lists show the newest version of each story: older versions never match.
    if let Some(newest) = catalog.newest_set() {
        match &mut allowed {
            Some(a) => a.intersect_with(newest),
            None => allowed = Some(newest.clone()),
        }
    }
    if cancelled() {
        return None;
    }
    let matches: Vec<(Doc, u8)> = if scanned.is_empty() {
        match &allowed {
            Some(set) => set.ones().map(|d| (doc(d), 0)).collect(),
            None => return Some(everything(catalog)),
        }
    } else {
        let chunks = n.div_ceil(CHUNK);
        let parts: Option<Vec<Vec<(Doc, u8)>>> = (0..chunks)
            .into_par_iter()
            .map(|c| {
                if cancelled() {
                    return None;
                }
                let range = c * CHUNK..((c + 1) * CHUNK).min(n);
                let dense = allowed
                    .as_ref()
                    .is_none_or(|set| set.count_ones(range.clone()) * DENSE >= range.len());
                let known: Vec<Vec<Option<Vec<u8>>>> = scanned
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .map(|check| {
                                check.substring().filter(|_| dense).map(|s| {
                                    substring_costs(catalog.headline_hays(range.clone()), s)
                                })
                            })
                            .collect()
                    })
                    .collect();
                let first = range.start;
                let mut found = Vec::new();
                let mut visit = |d: usize| {
                    if let Some(cost) = cost(catalog, doc(d), &scanned, &known, d - first) {
                        found.push((doc(d), cost));
                    }
                };
                match &allowed {
                    Some(set) => ones_in(set, range).for_each(&mut visit),
                    None => range.for_each(&mut visit),
                }
                Some(found)
            })
            .collect();
        parts?.concat()
    };
    if cancelled() {
        return None;
    }
    let mut set = FixedBitSet::with_capacity(n);
    for &(d, _) in &matches {
        set.insert(d as usize);
    }
    Some(Outcome {
        docs: rank(catalog, matches),
        matched: set,
    })
}

/// The members of `set` within `range` (which starts on a block boundary), skipping empty
/// blocks whole.
fn ones_in(set: &FixedBitSet, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let bits = usize::BITS as usize;
    let blocks = set.as_slice();
    let first = range.start / bits;
    let last = range.end.div_ceil(bits).min(blocks.len());
    (first..last)
        .flat_map(move |b| {
            let mut block = blocks[b];
            std::iter::from_fn(move || {
                if block == 0 {
                    return None;
                }
                let bit = block.trailing_zeros() as usize;
                block &= block - 1;
                Some(b * bits + bit)
            })
        })
        .filter(move |d| range.contains(d))
}

fn doc(d: usize) -> Doc {
    Doc::try_from(d).unwrap_or(Doc::MAX)
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

/// Best first: by cost, then newest first. Few matches are sorted; many are bucketed by cost
/// in one pass over the newest-first order, which costs the same whatever the query.
fn rank(catalog: &Catalog, mut matches: Vec<(Doc, u8)>) -> Vec<Doc> {
    if matches.len() < catalog.len() / 16 {
        matches.sort_unstable_by_key(|&(d, cost)| (cost, catalog.rank(d)));
        return matches.into_iter().map(|(d, _)| d).collect();
    }
    let mut costs = vec![u8::MAX; catalog.len()];
    let mut counts = [0usize; 256];
    for &(d, cost) in &matches {
        costs[catalog.rank(d) as usize] = cost;
        counts[usize::from(cost)] += 1;
    }
    let mut starts = [0usize; 256];
    let mut total = 0;
    for (start, count) in starts.iter_mut().zip(counts) {
        *start = total;
        total += count;
    }
    let mut out = vec![0; matches.len()];
    for (&d, &cost) in catalog.newest_first().iter().zip(&costs) {
        if cost != u8::MAX {
            let slot = &mut starts[usize::from(cost)];
            out[*slot] = d;
            *slot += 1;
        }
    }
    out
}

fn indexed(term: &Term) -> bool {
    matches!(term, Term::Entity(..) | Term::Text(_))
}

/// The stories an index term holds: every word of `text:` (AND), the name of `person:` etc.
fn indexed_set(catalog: &Catalog, term: &Term) -> FixedBitSet {
    let n = catalog.len();
    let mut set = FixedBitSet::with_capacity(n);
    match term {
        Term::Entity(kind, name) => {
            let mut key = vec![terms::kind_tag(*kind)];
            key.extend_from_slice(terms::name_key(name).as_bytes());
            set.extend(catalog.lookup(&key).into_iter().map(|d| d as usize));
        }
        Term::Text(text) => {
            set.insert_range(..);
            let mut any = false;
            for word in text.split_whitespace() {
                let (stem, prefix) = match word.strip_suffix('*') {
                    Some(stem) => (stem, true),
                    None => (word, false),
                };
                for w in terms::words(stem) {
                    any = true;
                    let mut key = vec![WORD];
                    key.extend_from_slice(w.as_bytes());
                    let mut docs = FixedBitSet::with_capacity(n);
                    if prefix {
                        docs.extend(
                            catalog
                                .lookup_prefixed(&key)
                                .into_iter()
                                .map(|d| d as usize),
                        );
                    } else {
                        docs.extend(catalog.lookup(&key).into_iter().map(|d| d as usize));
                    }
                    set.intersect_with(&docs);
                }
            }
            if !any {
                set.clear();
            }
        }
        _ => {}
    }
    set
}

/// One atom, prepared for checking story after story.
enum Check {
    Fuzzy(Substring),
    Exact(Substring),
    /// A one-letter term, ranked from the story's letter masks alone.
    Letter(u64),
    Prefix(String),
    Suffix(String),
    /// Stories from an index (a negated or mixed name or word filter).
    Set(FixedBitSet),
    /// Which agencies (by catalogue index) match.
    Agencies(Vec<bool>),
    Since(i64),
    Until(i64),
    /// Urgencies from `.0` to `.1`; 0 (no urgency given) is never in it.
    Urgency(u8, u8),
    Not(Box<Check>),
}

impl Check {
    /// The text of a positive fuzzy or exact term (found as a substring).
    fn substring(&self) -> Option<&[u8]> {
        match self {
            Check::Fuzzy(s) | Check::Exact(s) => Some(s.needle.as_bytes()),
            _ => None,
        }
    }

    fn new(catalog: &Catalog, atom: &Atom) -> Check {
        let one_letter = |s: &str| {
            let mut bytes = s.bytes();
            match (bytes.next(), bytes.next()) {
                (Some(b), None) if b.is_ascii_alphanumeric() => Some(char_mask(s)),
                _ => None,
            }
        };
        let check = match &atom.term {
            Term::Fuzzy(s) | Term::Exact(s) if one_letter(s).is_some() => {
                Check::Letter(one_letter(s).unwrap_or(0))
            }
            Term::Fuzzy(s) => Check::Fuzzy(Substring::new(catalog, s)),
            Term::Exact(s) => Check::Exact(Substring::new(catalog, s)),
            Term::Prefix(s) => Check::Prefix(s.clone()),
            Term::Suffix(s) => Check::Suffix(s.clone()),
            Term::Entity(..) | Term::Text(_) => Check::Set(indexed_set(catalog, &atom.term)),
            Term::Agency(a) => Check::Agencies(
                catalog
                    .agencies()
                    .iter()
                    .map(|name| !name.is_empty() && name.to_lowercase().contains(a.as_str()))
                    .collect(),
            ),
            Term::Since(t) => Check::Since(*t),
            Term::Until(t) => Check::Until(*t),
            Term::Urgency { min, max } => Check::Urgency((*min).max(1), *max),
        };
        if atom.negated {
            Check::Not(Box::new(check))
        } else {
            check
        }
    }

    /// `None`: no match; else the cost of the match (0 best). `known`: the substring cost of
    /// a fuzzy or exact term, when found beforehand for the whole chunk.
    fn cost(&self, catalog: &Catalog, d: Doc, known: Option<u8>) -> Option<u8> {
        match self {
            Check::Fuzzy(s) => {
                // Letters scattered in order count in the headline only (the "line" fzf
                // matches); names, place and agency match as substrings.
                match s.cost(catalog, d, known)? {
                    ABSENT => (catalog.masks(d).head & s.mask == s.mask
                        && is_subsequence(&s.needle, catalog.headline_hay(d).as_bytes()))
                    .then_some(6),
                    cost => Some(cost),
                }
            }
            Check::Exact(s) => s.cost(catalog, d, known).filter(|&cost| cost != ABSENT),
            Check::Letter(bit) => {
                let m = catalog.masks(d);
                if m.any & bit == 0 {
                    None
                } else if m.head_starts & bit != 0 {
                    Some(2)
                } else if m.starts & bit != 0 {
                    Some(3)
                } else if m.head & bit != 0 {
                    Some(4)
                } else {
                    Some(5)
                }
            }
            Check::Prefix(s) => catalog.headline_hay(d).starts_with(s.as_str()).then_some(0),
            Check::Suffix(s) => catalog.headline_hay(d).ends_with(s.as_str()).then_some(0),
            Check::Set(set) => set.contains(d as usize).then_some(0),
            Check::Agencies(ok) => ok
                .get(catalog.agency_index(d))
                .copied()
                .unwrap_or(false)
                .then_some(0),
            // Stories order by published, else received; undated ones match no time.
            Check::Since(since) => (catalog.seconds(d) >= *since).then_some(0),
            Check::Until(until) => {
                let t = catalog.seconds(d);
                (t != i64::MIN && t < *until).then_some(0)
            }
            Check::Urgency(min, max) => (*min..=*max)
                .contains(&catalog.urgency[d as usize])
                .then_some(0),
            Check::Not(inner) => inner.cost(catalog, d, None).is_none().then_some(0),
        }
    }
}

/// A term matched as a substring of the headline and names.
struct Substring {
    needle: String,
    /// The letters it has (a story without one of them cannot match).
    mask: u64,
    /// Its cost in each name of the catalogue: names recur from story to story, so each is
    /// checked once per query. `None` when it is in no name.
    names: Option<Vec<u8>>,
}

impl Substring {
    fn new(catalog: &Catalog, needle: &str) -> Substring {
        Substring {
            needle: needle.to_string(),
            mask: char_mask(needle),
            names: Some(substring_costs(catalog.name_hays(), needle.as_bytes()))
                .filter(|costs| costs.iter().any(|&c| c != ABSENT)),
        }
    }

    /// `None` if the story lacks a letter of the term, else its best cost in the headline
    /// (`known`, when found for the chunk beforehand) and names ([`ABSENT`]: it does not occur).
    fn cost(&self, catalog: &Catalog, d: Doc, known: Option<u8>) -> Option<u8> {
        if catalog.mask(d) & self.mask != self.mask {
            return None;
        }
        let headline = known.unwrap_or_else(|| {
            let range = d as usize..d as usize + 1;
            substring_costs(catalog.headline_hays(range), self.needle.as_bytes())[0]
        });
        let Some(names) = self.names.as_ref().filter(|_| headline != 0) else {
            return Some(headline);
        };
        let names = catalog
            .story_names(d)
            .iter()
            .filter_map(|&id| names.get(id as usize).copied())
            .min()
            .unwrap_or(ABSENT);
        Some(headline.min(names))
    }
}

/// Every group must match; a group costs its best atom; a story costs the sum. `known`: per
/// check, substring costs found beforehand for the chunk; `i`: the story's place in it.
fn cost(
    catalog: &Catalog,
    d: Doc,
    groups: &[Vec<Check>],
    known: &[Vec<Option<Vec<u8>>>],
    i: usize,
) -> Option<u8> {
    let mut total = 0u8;
    for (group, known) in groups.iter().zip(known) {
        let best = group
            .iter()
            .zip(known)
            .filter_map(|(c, k)| c.cost(catalog, d, k.as_ref().map(|k| k[i])))
            .min()?;
        total = total.saturating_add(best);
    }
    Some(total)
}

/// Whether the characters of `needle` occur in `hay` in order (fzf's fuzzy match).
fn is_subsequence(needle: &str, hay: &[u8]) -> bool {
    if needle.is_ascii() {
        // Byte by byte: headlines are short, and a call per letter costs more than the loop.
        let mut rest = hay;
        for &c in needle.as_bytes() {
            match rest.iter().position(|&b| b == c) {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
        return true;
    }
    let mut at = 0;
    let mut buf = [0u8; 4];
    for c in needle.chars() {
        match memchr::memmem::find(&hay[at..], c.encode_utf8(&mut buf).as_bytes()) {
            Some(i) => at += i + c.len_utf8(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequences() {
        assert!(is_subsequence("grncor", b"grain corridor"));
        assert!(!is_subsequence("corgrn", b"grain corridor"));
        assert!(is_subsequence("kra", "kraków line".as_bytes()));
        assert!(is_subsequence("ów", "kraków".as_bytes()));
        assert!(is_subsequence("", b"x"));
        assert!(is_subsequence("aa", b"banana"));
        assert!(!is_subsequence("aaaa", b"banana"));
    }
}
