//! The index's terms: which words of a story's body go into the full-text index, and which
//! keys a named person, place or organisation is found by (`person:ellery` finds "Marta
//! Ellery"). Query and index use these same functions, so they always agree.

use crate::article::{Article, EntityKind};

/// The first byte of a term says which index it belongs to.
pub(crate) const WORD: u8 = b'w';

pub(crate) fn kind_tag(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => b'p',
        EntityKind::Place => b'l',
        EntityKind::Organization => b'o',
    }
}

/// Words shorter than this are not indexed (nor searched for).
pub(crate) const MIN_WORD: usize = 2;
/// Longer "words" are URLs, hashes and table rules: not worth an index entry.
pub(crate) const MAX_WORD: usize = 40;

/// The body's words as the full-text index keys them: lower-cased runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| (MIN_WORD..=MAX_WORD).contains(&w.chars().count()))
        .map(str::to_lowercase)
}

/// A name as the entity index keys it: lower-cased, spaces folded.
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The hash of a term, the same in every thread and process, so a story's terms are hashed
/// once (where they are told apart, on the parsing threads) and the index builder reuses it.
pub(crate) fn term_hash(term: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    const STATE: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x7465_726d);
    STATE.hash_one(term)
}

/// The distinct terms of one story, in one buffer, each with its [`term_hash`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    blob: Vec<u8>,
    spans: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    /// The terms so far, by hash (indexes into `spans`): a repeat is dropped as it comes.
    seen: hashbrown::HashTable<u32>,
}

impl Terms {
    fn start(&mut self, tag: u8) -> usize {
        let at = self.blob.len();
        self.blob.push(tag);
        at
    }

    /// Keeps the term written from `start` on, unless it is there already.
    fn end(&mut self, start: usize) {
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let term = &self.blob[start..];
        let hash = term_hash(term);
        let (blob, spans) = (&self.blob, &self.spans);
        let same = |&i: &u32| {
            let (a, b) = spans[i as usize];
            &blob[a as usize..b as usize] == term
        };
        if self.seen.find(hash, same).is_some() {
            self.blob.truncate(start);
            return;
        }
        let index = to_u32(self.spans.len());
        self.spans.push((to_u32(start), to_u32(self.blob.len())));
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.seen
            .insert_unique(hash, index, |&i| hashes[i as usize]);
    }

    fn reserve(&mut self, terms: usize) {
        self.spans.reserve(terms);
        self.hashes.reserve(terms);
        self.blob.reserve(terms * 8);
        self.seen.reserve(terms, |_| 0);
    }

    fn add(&mut self, tag: u8, key: &str) {
        let start = self.start(tag);
        self.blob.extend_from_slice(key.as_bytes());
        self.end(start);
    }

    /// Adds a word lower-cased, without a new string for the usual ASCII word.
    fn add_word(&mut self, word: &str) {
        if word.is_ascii() {
            self.add_ascii_word(word.as_bytes());
        } else {
            let start = self.start(WORD);
            self.blob.extend_from_slice(word.to_lowercase().as_bytes());
            self.end(start);
        }
    }

    fn add_ascii_word(&mut self, word: &[u8]) {
        let start = self.start(WORD);
        self.blob.extend(word.iter().map(u8::to_ascii_lowercase));
        self.end(start);
    }

    /// Adds a word already in lower case.
    fn add_lower_word(&mut self, word: &[u8]) {
        let start = self.start(WORD);
        self.blob.extend_from_slice(word);
        self.end(start);
    }

    /// Lets go of the table that told repeats apart: the terms are kept until indexed.
    fn seal(mut self) -> Terms {
        self.seen = hashbrown::HashTable::new();
        self
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.spans
            .iter()
            .map(|&(a, b)| &self.blob[a as usize..b as usize])
    }

    /// Each term with its [`term_hash`].
    pub(crate) fn iter_hashed(&self) -> impl Iterator<Item = (&[u8], u64)> {
        self.iter().zip(self.hashes.iter().copied())
    }
}

/// Every term one story is indexed under: body words (headline and paragraphs), and for each
/// entity its full name, each form used and each word of them.
pub(crate) fn story_terms(article: &Article) -> Terms {
    let mut terms = Terms::default();
    // Room for the distinct terms of a story of this length, so the table seldom grows.
    let bytes: usize = article.paragraphs.iter().map(String::len).sum();
    terms.reserve(bytes / 12 + 64);
    let mut lower = Vec::new();
    for part in std::iter::once(&article.headline).chain(&article.paragraphs) {
        if part.is_ascii() {
            // The same words as below, split without decoding characters: the part lower-cased
            // whole (many bytes a step), then runs of letters and digits, a table look-up a byte.
            crate::text::ascii_lower_into(&mut lower, part);
            let bytes = lower.as_slice();
            let alnum = |at: usize| crate::text::ASCII_ALNUM[usize::from(bytes[at])];
            let mut at = 0;
            while at < bytes.len() {
                while at < bytes.len() && !alnum(at) {
                    at += 1;
                }
                let start = at;
                while at < bytes.len() && alnum(at) {
                    at += 1;
                }
                if (MIN_WORD..=MAX_WORD).contains(&(at - start)) {
                    terms.add_lower_word(&bytes[start..at]);
                }
            }
            continue;
        }
        // Split at ASCII separators without decoding first; only the pieces with other
        // characters in them (curly quotes, accented names) are split again by characters.
        for piece in part.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric()) {
            if piece.is_ascii() {
                if (MIN_WORD..=MAX_WORD).contains(&piece.len()) {
                    terms.add_ascii_word(piece.as_bytes());
                }
                continue;
            }
            for word in piece
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| (MIN_WORD..=MAX_WORD).contains(&w.chars().count()))
            {
                terms.add_word(word);
            }
        }
    }
    for e in &article.entities {
        let tag = kind_tag(e.kind);
        // The gazetteer's name too: `place:"united states"` finds the story that says `U.S.`.
        for form in std::iter::once(&e.name)
            .chain(&e.mentions)
            .chain(&e.canonical)
        {
            let key = name_key(form);
            for word in key.split(' ').filter(|w| !w.is_empty()) {
                terms.add(tag, word);
            }
            terms.add(tag, &key);
        }
    }
    terms.seal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Entity;

    /// The index's fast splitting finds the very words a query's [`words`] does.
    #[test]
    fn indexed_words_are_the_query_words() {
        let texts = [
            "Plain ASCII text, with a-hyphen and 2024's numbers: x y zz.",
            "“Ça suffit,” said Zoë Ünal — Łódź’s mayor; İstanbul’da ÉTÉ 42km²",
            "Ωmega’s “quoted” words\u{a0}and\u{2003}spaces, 日本語 text ‘here’",
        ];
        for text in texts {
            let a = Article {
                headline: text.into(),
                ..Article::default()
            };
            let mut expected: Vec<String> = Vec::new();
            for w in words(text) {
                if !expected.contains(&w) {
                    expected.push(w);
                }
            }
            let got: Vec<String> = story_terms(&a)
                .iter()
                .map(|t| String::from_utf8(t[1..].to_vec()).unwrap())
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn words_and_name_keys() {
        let w: Vec<String> = words("Port-workers' strike, day 2: «Ça suffit» a").collect();
        assert_eq!(w, ["port", "workers", "strike", "day", "ça", "suffit"]);
        assert_eq!(name_key("  Marta   Ellery "), "marta ellery");
        let a = Article {
            headline: "Strike".into(),
            entities: vec![Entity {
                name: "Marta Ellery".into(),
                kind: EntityKind::Person,
                mentions: vec!["Ellery".into()],
                count: 2,
                canonical: None,
            }],
            ..Article::default()
        };
        let terms = story_terms(&a);
        for t in ["wstrike", "pmarta ellery", "pmarta", "pellery"] {
            assert!(terms.iter().any(|term| term == t.as_bytes()), "{t}");
        }
    }
}
