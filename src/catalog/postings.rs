//! Posting lists: the ascending story numbers under each term of the word and name indexes,
//! delta-encoded as LEB128 varints, built by appending and read back with every number checked.

use super::doc::Doc;
use super::terms::term_hash;

/// A posting list being built: the encoded bytes, the last story added and how many.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermBuf {
    pub(crate) bytes: Vec<u8>,
    pub(crate) last: Option<Doc>,
    pub(crate) count: u32,
}

impl TermBuf {
    /// Appends `doc`, which must be greater than every story already in the list (a repeat of
    /// the last one is ignored).
    pub(crate) fn push(&mut self, doc: Doc) {
        let gap = match self.last {
            Some(last) if doc <= last => return,
            Some(last) => doc - last,
            None => doc,
        };
        write_varint(&mut self.bytes, gap);
        self.last = Some(doc);
        self.count += 1;
    }
}

/// Terms and their lists while an index is built or extended.
#[derive(Debug, Default)]
pub(crate) struct PostingsBuilder {
    /// Each term with its [`term_hash`] and its list.
    terms: hashbrown::HashTable<(Box<[u8]>, u64, TermBuf)>,
}

impl PostingsBuilder {
    /// Continues a list that already exists (its bytes, last story and length).
    pub(crate) fn seed(&mut self, term: &[u8], buf: TermBuf) {
        let hash = term_hash(term);
        self.terms
            .insert_unique(hash, (term.into(), hash, buf), |t| t.1);
    }

    pub(crate) fn add(&mut self, term: &[u8], doc: Doc) {
        self.add_hashed(term, term_hash(term), doc);
    }

    /// [`PostingsBuilder::add`] with the term's [`term_hash`] already known.
    pub(crate) fn add_hashed(&mut self, term: &[u8], hash: u64, doc: Doc) {
        let entry = self
            .terms
            .entry(hash, |t| &*t.0 == term, |t| t.1)
            .or_insert_with(|| (term.into(), hash, TermBuf::default()));
        entry.into_mut().2.push(doc);
    }

    /// The terms in byte order with their lists laid end to end.
    pub(crate) fn finish(self) -> Dictionary {
        let mut terms: Vec<(Box<[u8]>, TermBuf)> = self
            .terms
            .into_iter()
            .map(|(term, _, buf)| (term, buf))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut dict = Dictionary::default();
        for (term, buf) in terms {
            dict.text.extend_from_slice(&term);
            dict.text_ends.push(dict.text.len() as u64);
            dict.offsets.push(dict.blob.len() as u64);
            dict.blob.extend_from_slice(&buf.bytes);
            dict.counts.push(buf.count);
            dict.lasts.push(buf.last.unwrap_or(0));
        }
        dict.offsets.push(dict.blob.len() as u64);
        dict
    }
}

/// A sorted term dictionary and the lists' bytes (in memory, or left in the index file).
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// The terms, concatenated in byte order.
    pub(crate) text: Vec<u8>,
    /// Where each term ends in `text`.
    pub(crate) text_ends: Vec<u64>,
    /// Where each term's list starts in `blob`; one more entry, the end of the last list.
    pub(crate) offsets: Vec<u64>,
    pub(crate) counts: Vec<u32>,
    pub(crate) lasts: Vec<u32>,
    /// The lists' bytes when they are held in memory (empty when read from a file).
    pub(crate) blob: Vec<u8>,
}

impl Dictionary {
    pub fn len(&self) -> usize {
        self.text_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_ends.is_empty()
    }

    pub fn term(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.text_ends[i - 1] };
        let (start, end) = (to_usize(start), to_usize(self.text_ends[i]));
        self.text.get(start..end).unwrap_or_default()
    }

    /// The position of `term`, if the dictionary has it.
    pub(crate) fn find(&self, term: &[u8]) -> Option<usize> {
        let i = self.lower_bound(term);
        (i < self.len() && self.term(i) == term).then_some(i)
    }

    /// The positions of every term starting with `prefix`.
    pub(crate) fn prefixed(&self, prefix: &[u8]) -> std::ops::Range<usize> {
        let start = self.lower_bound(prefix);
        let mut end = start;
        while end < self.len() && self.term(end).starts_with(prefix) {
            end += 1;
        }
        start..end
    }

    fn lower_bound(&self, term: &[u8]) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.term(mid) < term {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The byte range of term `i`'s list within the postings blob.
    pub(crate) fn range(&self, i: usize) -> std::ops::Range<u64> {
        self.offsets[i]..self.offsets[i + 1]
    }

    /// Checks the structure read from a file: ascending ends and offsets within their data.
    pub(crate) fn validate(&self, blob_len: u64) -> Result<(), String> {
        let n = self.len();
        if self.offsets.len() != n + 1 || self.counts.len() != n || self.lasts.len() != n {
            return Err("term tables of different lengths".into());
        }
        if !is_ascending(&self.text_ends)
            || self.text_ends.last().copied().unwrap_or(0) != self.text.len() as u64
        {
            return Err("term text ends out of order".into());
        }
        if !is_ascending(&self.offsets) || self.offsets.last().copied().unwrap_or(0) != blob_len {
            return Err("posting offsets out of order".into());
        }
        Ok(())
    }
}

fn is_ascending(values: &[u64]) -> bool {
    values.windows(2).all(|w| w[0] <= w[1])
}

pub(crate) fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

pub(crate) fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(low_byte(value) | 0x80);
        value >>= 7;
    }
    out.push(low_byte(value));
}

fn low_byte(value: u32) -> u8 {
    value.to_le_bytes()[0] & 0x7f
}

/// Decodes a list of `count` stories, each below `limit`; `None` when the bytes are damaged.
pub(crate) fn decode(bytes: &[u8], count: u32, limit: usize) -> Option<Vec<Doc>> {
    let mut docs = Vec::with_capacity(to_usize(u64::from(count)).min(bytes.len()));
    let mut value: u32 = 0;
    let mut shift = 0;
    let mut previous: Option<Doc> = None;
    for &byte in bytes {
        if shift > 28 {
            return None;
        }
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            let doc = match previous {
                Some(p) => p.checked_add(value).filter(|_| value > 0)?,
                None => value,
            };
            if to_usize(u64::from(doc)) >= limit {
                return None;
            }
            docs.push(doc);
            previous = Some(doc);
            value = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
    (shift == 0 && docs.len() == to_usize(u64::from(count))).then_some(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_and_damage_is_caught() {
        let mut b = PostingsBuilder::default();
        for doc in [0, 5, 5, 300, 70_000] {
            b.add(b"wport", doc);
        }
        b.add(b"pmarta", 3);
        let dict = b.finish();
        assert_eq!(dict.len(), 2);
        let i = dict.find(b"wport").unwrap();
        let r = dict.range(i);
        let bytes = &dict.blob[to_usize(r.start)..to_usize(r.end)];
        assert_eq!(
            decode(bytes, dict.counts[i], 100_000).unwrap(),
            [0, 5, 300, 70_000]
        );
        assert!(
            decode(bytes, dict.counts[i], 1000).is_none(),
            "a story past the end"
        );
        assert!(
            decode(&bytes[..bytes.len() - 1], 4, 100_000).is_none(),
            "truncated"
        );
        assert!(decode(bytes, 3, 100_000).is_none(), "wrong count");
        assert!(dict.find(b"wpor").is_none());
        assert_eq!(dict.prefixed(b"wpo"), i..i + 1);
        assert!(dict.validate(dict.blob.len() as u64).is_ok());
    }

    #[test]
    fn seeded_lists_continue() {
        let mut first = PostingsBuilder::default();
        first.add(b"wa", 1);
        let dict = first.finish();
        let mut next = PostingsBuilder::default();
        next.seed(
            dict.term(0),
            TermBuf {
                bytes: dict.blob.clone(),
                last: Some(dict.lasts[0]),
                count: dict.counts[0],
            },
        );
        next.add(b"wa", 9);
        let dict = next.finish();
        assert_eq!(decode(&dict.blob, dict.counts[0], 10).unwrap(), [1, 9]);
    }
}
