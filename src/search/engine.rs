//! Running a query over a catalogue. Name and word filters come from the indexes; the other
//! terms are checked story by story on all cores, behind a letter-mask prefilter. Matches are
//! ranked by how well they match (whole word, word start, inside a word; in the headline or
//! elsewhere; then letters scattered in order through the headline) and, within a rank, newest
//! first.

use fixedbitset::FixedBitSet;
use memchr::memmem::Finder;
use rayon::prelude::*;

use super::{Atom, Query, Term};
use crate::catalog::terms::{self, WORD};
use crate::catalog::{Catalog, Doc, char_mask};

/// What a search found: stories best first, and the set of them (for narrowing).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub docs: Vec<Doc>,
    pub matched: FixedBitSet,
}

/// Stories are checked in chunks this size; cancellation is looked at between chunks.
const CHUNK: usize = 8192;

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
                let mut found = Vec::new();
                let mut visit = |d: usize| {
                    let d = doc(d);
                    if let Some(cost) = cost(catalog, d, &scanned) {
                        found.push((d, cost));
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
    let mut matched = FixedBitSet::with_capacity(catalog.len());
    matched.insert_range(..);
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
                        for i in catalog.dictionary().prefixed(&key) {
                            let list = catalog.postings(i).unwrap_or_default();
                            docs.extend(list.into_iter().map(|d| d as usize));
                        }
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
    Fuzzy {
        needle: String,
        finder: Finder<'static>,
        mask: u64,
    },
    Exact {
        finder: Finder<'static>,
        mask: u64,
    },
    /// A one-letter term, ranked from the story's letter masks alone.
    Letter(u64),
    Prefix(String),
    Suffix(String),
    /// Stories from an index (a negated or mixed name or word filter).
    Set(FixedBitSet),
    /// Which agencies (by catalogue index) match.
    Agencies(Vec<bool>),
    Since(String),
    Until(String),
    Not(Box<Check>),
}

impl Check {
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
            Term::Fuzzy(s) => Check::Fuzzy {
                needle: s.clone(),
                finder: Finder::new(s.as_bytes()).into_owned(),
                mask: char_mask(s),
            },
            Term::Exact(s) => Check::Exact {
                finder: Finder::new(s.as_bytes()).into_owned(),
                mask: char_mask(s),
            },
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
            Term::Since(d) => Check::Since(d.clone()),
            Term::Until(d) => Check::Until(d.clone()),
        };
        if atom.negated {
            Check::Not(Box::new(check))
        } else {
            check
        }
    }

    /// `None`: no match; else the cost of the match (0 best).
    fn cost(&self, catalog: &Catalog, d: Doc) -> Option<u8> {
        match self {
            Check::Fuzzy {
                needle,
                finder,
                mask,
            } => {
                if catalog.mask(d) & mask != *mask {
                    return None;
                }
                // Letters scattered in order count in the headline only (the "line" fzf
                // matches); names, place and agency match as substrings.
                let (hay, headline) = catalog.haystack_bytes(d);
                substring_cost(hay, headline, finder)
                    .or_else(|| is_subsequence(needle, &hay[..headline]).then_some(6))
            }
            Check::Exact { finder, mask } => {
                if catalog.mask(d) & mask != *mask {
                    return None;
                }
                let (hay, headline) = catalog.haystack_bytes(d);
                substring_cost(hay, headline, finder)
            }
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
            Check::Prefix(s) => catalog.haystack(d).0.starts_with(s.as_str()).then_some(0),
            Check::Suffix(s) => {
                let (hay, headline) = catalog.haystack(d);
                hay.get(..headline)
                    .is_some_and(|h| h.ends_with(s.as_str()))
                    .then_some(0)
            }
            Check::Set(set) => set.contains(d as usize).then_some(0),
            Check::Agencies(ok) => ok
                .get(catalog.agency_index(d))
                .copied()
                .unwrap_or(false)
                .then_some(0),
            Check::Since(since) => catalog
                .date(d)
                .is_some_and(|date| date >= since.as_str())
                .then_some(0),
            Check::Until(until) => catalog
                .date(d)
                .is_some_and(|date| date.get(..until.len()).unwrap_or(date) <= until.as_str())
                .then_some(0),
            Check::Not(inner) => inner.cost(catalog, d).is_none().then_some(0),
        }
    }
}

/// Every group must match; a group costs its best atom; a story costs the sum.
fn cost(catalog: &Catalog, d: Doc, groups: &[Vec<Check>]) -> Option<u8> {
    let mut total = 0u8;
    for group in groups {
        let best = group.iter().filter_map(|c| c.cost(catalog, d)).min()?;
        total = total.saturating_add(best);
    }
    Some(total)
}

/// The cost of the best of a term's first four occurrences: 0 a whole word, 2 the start
/// of a word, 4 inside a word; one more outside the headline. `None` if it does not occur.
fn substring_cost(bytes: &[u8], headline: usize, finder: &Finder<'_>) -> Option<u8> {
    let len = finder.needle().len();
    let mut best: Option<u8> = None;
    for at in finder.find_iter(bytes).take(4) {
        let starts = at == 0 || !is_word_byte(bytes[at - 1]);
        let ends = at + len >= bytes.len() || !is_word_byte(bytes[at + len]);
        let shape = match (starts, ends) {
            (true, true) => 0,
            (true, false) => 2,
            _ => 4,
        };
        let cost = shape + u8::from(at >= headline);
        best = Some(best.map_or(cost, |b| b.min(cost)));
        if cost == 0 {
            break;
        }
    }
    best
}

/// Letters, digits and any byte of a non-ASCII character count as inside a word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether the characters of `needle` occur in `hay` in order (fzf's fuzzy match).
fn is_subsequence(needle: &str, hay: &[u8]) -> bool {
    let mut at = 0;
    let mut buf = [0u8; 4];
    for c in needle.chars() {
        let found = if c.is_ascii() {
            memchr::memchr(c as u8, &hay[at..])
        } else {
            memchr::memmem::find(&hay[at..], c.encode_utf8(&mut buf).as_bytes())
        };
        match found {
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
    fn costs_prefer_whole_words_and_headlines() {
        let cost = |hay: &str, headline: usize, needle: &str| {
            substring_cost(hay.as_bytes(), headline, &Finder::new(needle.as_bytes()))
        };
        assert_eq!(cost("port strike", 11, "port"), Some(0));
        assert_eq!(cost("ports strike", 12, "port"), Some(2));
        assert_eq!(cost("airport strike", 14, "port"), Some(4));
        assert_eq!(cost("storm paris port", 5, "port"), Some(1));
        assert_eq!(cost("storm", 5, "port"), None);
        assert!(is_subsequence("grncor", b"grain corridor"));
        assert!(!is_subsequence("corgrn", b"grain corridor"));
        assert!(is_subsequence("kra", "kraków line".as_bytes()));
        assert!(is_subsequence("ów", "kraków".as_bytes()));
    }
}
