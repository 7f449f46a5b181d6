//! Which texts can hold one of the gazetteer automaton's names: the first two words of every
//! name, hashed, so the automaton runs only over the few paragraphs where a name may begin.

use std::hash::{BuildHasher, Hasher};

use foldhash::HashSet;
use foldhash::fast::FixedState;

/// The openings of a set of names: the first two words of each (words are maximal runs of
/// letters and digits), hashed, and the first words that start in lower case.
#[derive(Debug)]
pub struct Openings {
    /// Hashes of the first two words of each name with two words or more.
    pairs: HashSet<u64>,
    /// Hashes of the single word of names with only one.
    singles: HashSet<u64>,
    /// First words that start in lower case (`al`, `sub`): other lower-case words open none.
    lower_firsts: Vec<String>,
    /// For each first byte of those, a bit for each of their lengths (under 64): most
    /// lower-case words are passed over at one glance.
    lower_first_shapes: [u64; 256],
}

/// The hasher of the words: fixed, so every thread and every build of the set agree.
const STATE: FixedState = FixedState::with_seed(0x6461_7465_6c69_6e65);

fn hash_one(word: &str) -> u64 {
    let mut h = STATE.build_hasher();
    h.write(word.as_bytes());
    h.finish()
}

fn hash_pair(first: &str, second: &str) -> u64 {
    let mut h = STATE.build_hasher();
    h.write(first.as_bytes());
    h.write_u8(0xFF);
    h.write(second.as_bytes());
    h.finish()
}

/// The maximal runs of letters and digits in `text`, in order.
fn words(text: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if text.is_ascii() {
        // Split byte by byte, without decoding characters.
        Box::new(
            text.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty()),
        )
    } else {
        Box::new(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty()),
        )
    }
}

impl Openings {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Openings {
        let mut openings = Openings {
            pairs: HashSet::default(),
            singles: HashSet::default(),
            lower_firsts: Vec::new(),
            lower_first_shapes: [0; 256],
        };
        for name in names {
            let mut w = words(name);
            let Some(first) = w.next() else {
                continue;
            };
            match w.next() {
                Some(second) => openings.pairs.insert(hash_pair(first, second)),
                None => openings.singles.insert(hash_one(first)),
            };
            if first.chars().next().is_some_and(char::is_lowercase)
                && !openings.lower_firsts.iter().any(|l| l == first)
            {
                openings.lower_firsts.push(first.to_string());
                openings.lower_first_shapes[usize::from(first.as_bytes()[0])] |=
                    1 << first.len().min(63);
            }
        }
        openings
    }

    /// Whether one of the names may occur in `text` on word boundaries: some word and the
    /// next open a name. False means none does; true, that one may (hashes can collide).
    pub fn may_occur_in(&self, text: &str) -> bool {
        // One pass over the words, runs of ASCII read many bytes at a time and only characters
        // outside ASCII decoded; a pair is hashed only after a word that can open a name
        // (capitalised, a digit, or a known one).
        let bytes = text.as_bytes();
        let alnum_at = |at: usize| -> Option<(bool, usize)> {
            match *bytes.get(at)? {
                b if b.is_ascii() => Some((crate::text::ASCII_ALNUM[usize::from(b)], 1)),
                _ => text
                    .get(at..)?
                    .chars()
                    .next()
                    .map(|c| (c.is_alphanumeric(), c.len_utf8())),
            }
        };
        let mut previous: Option<&str> = None;
        let mut i = 0;
        loop {
            // The next word's start.
            let start = loop {
                match alnum_at(i) {
                    None => return false,
                    Some((true, _)) => break i,
                    Some((false, len)) => i += len,
                }
            };
            // Its end.
            let mut end = start;
            loop {
                end += bytes[end..]
                    .iter()
                    .position(|&b| !crate::text::ASCII_ALNUM[usize::from(b)])
                    .unwrap_or(bytes.len() - end);
                match alnum_at(end) {
                    Some((true, len)) => end += len,
                    _ => break,
                }
            }
            let word = &text[start..end];
            if let Some(first) = previous
                && self.pairs.contains(&hash_pair(first, word))
            {
                return true;
            }
            previous = self.opens(word).then_some(word);
            if previous.is_some()
                && !self.singles.is_empty()
                && self.singles.contains(&hash_one(word))
            {
                return true;
            }
            i = end;
        }
    }

    /// Whether `word` can open a name: anything but a lower-case word no name opens with.
    fn opens(&self, word: &str) -> bool {
        let lead = word.as_bytes()[0];
        if lead.is_ascii_lowercase() {
            self.lower_first_shapes[usize::from(lead)] & (1 << word.len().min(63)) != 0
                && self.lower_firsts.iter().any(|l| l == word)
        } else {
            lead.is_ascii()
                || !word.chars().next().is_some_and(char::is_lowercase)
                || self.lower_firsts.iter().any(|l| l == word)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_may_occur_only_where_its_first_two_words_do() {
        let o = Openings::new([
            "Strait of Hormuz",
            "‘Ayn al ‘Arab",
            "sub-Saharan Africa",
            "6th of October City",
        ]);
        for text in [
            "Tankers crossed the Strait of Hormuz on Monday.",
            "Fighting near ‘Ayn al ‘Arab, known as Kobani.",
            "Growth in sub-Saharan Africa slowed.",
            "A bomb in 6th of October City, Cairo.",
        ] {
            assert!(o.may_occur_in(text), "{text}");
        }
        for text in [
            "The strait of Hormuz is narrow.",
            "Strait talk of Hormuz.",
            "Saharan dust and sub zero.",
            "",
        ] {
            assert!(!o.may_occur_in(text), "{text}");
        }
    }

    /// Every name the gazetteer's automaton holds may occur in its own text, and in a
    /// sentence around it.
    #[test]
    fn never_misses_a_name_the_gazetteer_would_find() {
        let g = &*super::super::gazetteer::GAZETTEER;
        let names = super::super::gazetteer::automaton_names(&g.names);
        assert!(names.len() > 1000, "{}", names.len());
        for name in &names {
            assert!(g.openings.may_occur_in(name), "{name}");
            let sentence = format!("Officials in {name}, said (on Monday).");
            assert!(g.openings.may_occur_in(&sentence), "{sentence}");
        }
    }
}
