//! The stories under each word of a catalogue's headlines, words told apart as search tells
//! them (runs of letters, digits and bytes of non-ASCII characters, lower-cased): which
//! stories a term is, starts or is inside a word of the headline of. Built beside the
//! stories of each name, for finding a search's first rows (`top`); the word index cannot
//! say this, as it holds the words of whole stories.

use std::collections::BTreeMap;

use memchr::memmem::Finder;

use super::scan::is_word_byte;
use crate::catalog::{Catalog, Doc};

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct HeadlineWords {
    /// The distinct words in byte order, laid end to end; word `i` ends at `ends[i]`.
    text: Vec<u8>,
    ends: Vec<usize>,
    /// The stories of word `i` are `stories[starts[i]..starts[i + 1]]`, ascending.
    starts: Vec<usize>,
    stories: Vec<Doc>,
}

/// How a term lies in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Whole,
    Start,
    Inside,
}

impl HeadlineWords {
    /// One pass over the headlines on the calling thread numbers their words; the stories
    /// of each word are then laid out from the numbers.
    pub(crate) fn build(catalog: &Catalog) -> HeadlineWords {
        let n = catalog.len();
        let mut ids: foldhash::HashMap<&[u8], u32> = foldhash::HashMap::default();
        let mut words: Vec<&[u8]> = Vec::new();
        // Each story's distinct words, by number, story after story.
        let mut numbers: Vec<u32> = Vec::with_capacity(n * 8);
        let mut ends: Vec<usize> = Vec::with_capacity(n);
        for d in 0..n {
            let start = numbers.len();
            for word in headline_words(catalog, d) {
                let id = *ids.entry(word).or_insert_with(|| {
                    words.push(word);
                    u32::try_from(words.len() - 1).unwrap_or(u32::MAX)
                });
                // Headlines are short: a repeat is found by looking back.
                if !numbers[start..].contains(&id) {
                    numbers.push(id);
                }
            }
            ends.push(numbers.len());
        }
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_unstable_by_key(|&id| words[id]);
        let mut place = vec![0; words.len()];
        let mut counts = vec![0usize; words.len()];
        for &id in &numbers {
            counts[id as usize] += 1;
        }
        let mut built = HeadlineWords::default();
        built.starts.push(0);
        for (i, &id) in order.iter().enumerate() {
            place[id] = i;
            built.text.extend_from_slice(words[id]);
            built.ends.push(built.text.len());
            built.starts.push(built.starts[i] + counts[id]);
        }
        let mut next = built.starts.clone();
        built.stories = vec![0; numbers.len()];
        let mut start = 0;
        for (d, &end) in ends.iter().enumerate() {
            for &id in numbers.get(start..end).unwrap_or_default() {
                let at = &mut next[place[id as usize]];
                if let Some(slot) = built.stories.get_mut(*at) {
                    *slot = Doc::try_from(d).unwrap_or(Doc::MAX);
                }
                *at += 1;
            }
            start = end;
        }
        built
    }

    /// These for `catalog`, grown from the catalogue these were built for by the stories
    /// from `from` on: their words merged in, in byte order, each new story after the old
    /// ones under a word it shares with them.
    pub(crate) fn grown(&self, catalog: &Catalog, from: usize) -> HeadlineWords {
        let mut added: BTreeMap<&[u8], Vec<Doc>> = BTreeMap::new();
        let mut seen: Vec<&[u8]> = Vec::new();
        for d in from..catalog.len() {
            seen.clear();
            for word in headline_words(catalog, d) {
                if !seen.contains(&word) {
                    seen.push(word);
                    added
                        .entry(word)
                        .or_default()
                        .push(Doc::try_from(d).unwrap_or(Doc::MAX));
                }
            }
        }
        let more: usize = added.values().map(Vec::len).sum();
        let mut grown = HeadlineWords {
            text: Vec::with_capacity(self.text.len()),
            ends: Vec::with_capacity(self.len() + added.len()),
            starts: Vec::with_capacity(self.starts.len() + added.len()),
            stories: Vec::with_capacity(self.stories.len() + more),
        };
        grown.starts.push(0);
        let mut added = added.into_iter().peekable();
        for i in 0..self.len() {
            let word = self.word(i);
            while let Some((new, docs)) = added.next_if(|(new, _)| *new < word) {
                grown.push(new, &[], &docs);
            }
            let docs = added.next_if(|(new, _)| *new == word).map(|(_, docs)| docs);
            grown.push(word, self.of(i), docs.as_deref().unwrap_or_default());
        }
        for (new, docs) in added {
            grown.push(new, &[], &docs);
        }
        grown
    }

    /// Adds `word` as the next one, with the stories `old` then `new`.
    fn push(&mut self, word: &[u8], old: &[Doc], new: &[Doc]) {
        self.text.extend_from_slice(word);
        self.ends.push(self.text.len());
        self.stories.extend_from_slice(old);
        self.stories.extend_from_slice(new);
        self.starts.push(self.stories.len());
    }

    /// The stories of each headline word `needle` lies in as `shape` says, with its cost
    /// there as search counts it (0 the whole word, 2 its start, 4 inside it), if they are
    /// at most `most` stories in all (a story counted once a word); `None` if more.
    pub(crate) fn lists(
        &self,
        needle: &[u8],
        shape: Shape,
        most: usize,
    ) -> Option<Vec<(u8, &[Doc])>> {
        let words = self.words(needle, shape);
        let count: usize = words.iter().map(|&i| self.of(i).len()).sum();
        if count > most {
            return None;
        }
        let cost = |word: &[u8]| match word.strip_prefix(needle) {
            Some([]) => 0,
            Some(_) => 2,
            None => 4,
        };
        Some(
            words
                .into_iter()
                .map(|i| (cost(self.word(i)), self.of(i)))
                .collect(),
        )
    }

    /// The positions of the words `needle` lies in as `shape` says, ascending.
    fn words(&self, needle: &[u8], shape: Shape) -> Vec<usize> {
        let first = self.lower_bound(needle);
        match shape {
            Shape::Whole => (first < self.len() && self.word(first) == needle)
                .then_some(first)
                .into_iter()
                .collect(),
            Shape::Start => (first..self.len())
                .take_while(|&i| self.word(i).starts_with(needle))
                .collect(),
            Shape::Inside => self.containing(needle),
        }
    }

    /// The words with `needle` inside, found in one pass over all of them.
    fn containing(&self, needle: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let finder = Finder::new(needle);
        let (mut word, mut at) = (0, 0);
        // Occurrences may run from one word into the next: each is looked at.
        while let Some(hit) = self.text.get(at..).and_then(|rest| finder.find(rest)) {
            let position = at + hit;
            at = position + 1;
            while word < self.len() && self.ends[word] <= position {
                word += 1;
            }
            let inside = word < self.len() && position + needle.len() <= self.ends[word];
            if inside && found.last() != Some(&word) {
                found.push(word);
            }
        }
        found
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..self.ends[i]).unwrap_or_default()
    }

    fn of(&self, i: usize) -> &[Doc] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&from), Some(&to)) => self.stories.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    fn lower_bound(&self, needle: &[u8]) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < needle {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Whether search could find `needle` as a whole word, a word's start or inside a word:
/// it is made of word bytes alone.
pub(crate) fn is_word(needle: &[u8]) -> bool {
    !needle.is_empty() && needle.iter().all(|&b| is_word_byte(b))
}

/// The words of story `d`'s lower-cased headline.
fn headline_words(catalog: &Catalog, d: usize) -> impl Iterator<Item = &[u8]> {
    let doc = Doc::try_from(d).unwrap_or(Doc::MAX);
    catalog
        .headline_hay(doc)
        .as_bytes()
        .split(|&b| !is_word_byte(b))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;

    #[test]
    fn words_whole_started_and_inside() {
        let catalog = Catalog::from_articles(vec![
            story("Port strike: port closed", Some("2025-01-02"), &[]),
            story("Airport reopens", Some("2025-01-03"), &[]),
            story("Sports news from Kraków", Some("2025-01-01"), &[]),
            story("Ports and portals", None, &[]),
        ]);
        let words = HeadlineWords::build(&catalog);
        // Each story with its best cost.
        let stories = |needle: &str, shape| {
            let mut best = std::collections::BTreeMap::new();
            for (cost, docs) in words.lists(needle.as_bytes(), shape, 100).unwrap() {
                for &d in docs {
                    let c = best.entry(d).or_insert(cost);
                    *c = cost.min(*c);
                }
            }
            best.into_iter().collect::<Vec<(Doc, u8)>>()
        };
        assert_eq!(stories("port", Shape::Whole), [(0, 0)], "a story once");
        assert_eq!(stories("port", Shape::Start), [(0, 0), (3, 2)]);
        assert_eq!(
            stories("port", Shape::Inside),
            [(0, 0), (1, 4), (2, 4), (3, 2)]
        );
        assert_eq!(stories("kraków", Shape::Whole), [(2, 0)]);
        assert_eq!(stories("ów", Shape::Inside), [(2, 4)]);
        assert_eq!(stories("sr", Shape::Inside), [], "not across words");
        assert_eq!(words.lists(b"port", Shape::Inside, 4), None, "too many");
        assert!(is_word("kraków".as_bytes()));
        assert!(!is_word(b"port strike"));
    }
}
