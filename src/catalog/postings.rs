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

    /// One dictionary of this one's lists and `later`'s, both held in memory, where every
    /// story of `later` comes after every story of this one: a term in both has its lists
    /// joined. `None` when they are not both in memory or `later` does not come after.
    pub(crate) fn followed_by(&self, later: &Dictionary) -> Option<Dictionary> {
        let in_memory =
            |d: &Dictionary| d.offsets.last().copied().unwrap_or(0) == d.blob.len() as u64;
        if !in_memory(self) || !in_memory(later) {
            return None;
        }
        let mut out = Dictionary::default();
        let push = |out: &mut Dictionary, term: &[u8], count: u32, last: Doc, lists: &[&[u8]]| {
            out.text.extend_from_slice(term);
            out.text_ends.push(out.text.len() as u64);
            out.offsets.push(out.blob.len() as u64);
            for l in lists {
                out.blob.extend_from_slice(l);
            }
            out.counts.push(count);
            out.lasts.push(last);
        };
        let (mut i, mut j) = (0, 0);
        while i < self.len() || j < later.len() {
            let order = match (i < self.len(), j < later.len()) {
                (true, true) => self.term(i).cmp(later.term(j)),
                (true, false) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    push(
                        &mut out,
                        self.term(i),
                        self.counts[i],
                        self.lasts[i],
                        &[self.held_list(i)?],
                    );
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    let (count, last) = (later.counts[j], later.lasts[j]);
                    push(&mut out, later.term(j), count, last, &[later.held_list(j)?]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    // The later list's first story is written whole; joined, it is the gap
                    // from the earlier list's last.
                    let rest = later.held_list(j)?;
                    let (first, len) = first_varint(rest)?;
                    let gap = first.checked_sub(self.lasts[i]).filter(|g| *g > 0)?;
                    let mut joint = Vec::with_capacity(5);
                    write_varint(&mut joint, gap);
                    let count = self.counts[i].checked_add(later.counts[j])?;
                    let lists = [self.held_list(i)?, &joint, rest.get(len..)?];
                    push(&mut out, self.term(i), count, later.lasts[j], &lists);
                    i += 1;
                    j += 1;
                }
            }
        }
        out.offsets.push(out.blob.len() as u64);
        Some(out)
    }

    /// The bytes of term `i`'s list, held in memory.
    fn held_list(&self, i: usize) -> Option<&[u8]> {
        let r = self.range(i);
        self.blob.get(to_usize(r.start)..to_usize(r.end))
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

/// The first number of a list and how many bytes it takes.
fn first_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
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

    fn lists_of(dict: &Dictionary) -> Vec<(String, Vec<Doc>)> {
        (0..dict.len())
            .map(|i| {
                let r = dict.range(i);
                let bytes = &dict.blob[to_usize(r.start)..to_usize(r.end)];
                let docs = decode(bytes, dict.counts[i], usize::MAX).unwrap();
                assert_eq!(docs.last().copied(), Some(dict.lasts[i]));
                (String::from_utf8(dict.term(i).to_vec()).unwrap(), docs)
            })
            .collect()
    }

    #[test]
    fn a_later_dictionary_joins_an_earlier_one_term_by_term() {
        let build = |postings: &[(&str, &[Doc])]| {
            let mut b = PostingsBuilder::default();
            for (term, docs) in postings {
                for &doc in *docs {
                    b.add(term.as_bytes(), doc);
                }
            }
            b.finish()
        };
        let earlier = build(&[("wb", &[1, 200]), ("wd", &[3]), ("wf", &[0])]);
        let later = build(&[("wa", &[300]), ("wb", &[201, 90_000]), ("wf", &[70_000])]);
        let joined = earlier.followed_by(&later).unwrap();
        assert!(joined.validate(joined.blob.len() as u64).is_ok());
        let expected: Vec<(String, Vec<Doc>)> = [
            ("wa", vec![300]),
            ("wb", vec![1, 200, 201, 90_000]),
            ("wd", vec![3]),
            ("wf", vec![0, 70_000]),
        ]
        .into_iter()
        .map(|(t, d)| (t.to_string(), d))
        .collect();
        assert_eq!(lists_of(&joined), expected);
        // Joined as if built at once.
        let whole = build(&[
            ("wa", &[300]),
            ("wb", &[1, 200, 201, 90_000]),
            ("wd", &[3]),
            ("wf", &[0, 70_000]),
        ]);
        assert_eq!(joined.blob, whole.blob);
        assert_eq!(joined.text, whole.text);

        assert!(
            later.followed_by(&earlier).is_none(),
            "a later list that does not come after"
        );
        let mut on_file = earlier.clone();
        on_file.blob.clear();
        assert!(
            on_file.followed_by(&later).is_none(),
            "lists left in a file"
        );
        assert_eq!(
            lists_of(&Dictionary::default().followed_by(&later).unwrap()),
            lists_of(&later)
        );
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
