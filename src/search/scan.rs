//! Finding a search term in many stories' haystacks at once, for ranking. The haystacks lie
//! one after another; one pass over their bytes checks 32 positions per step with vector
//! instructions and works out, for the whole step, which occurrences start or are whole
//! words. A short term like "an" occurs millions of times in a large archive: a searcher that
//! stops at each occurrence spends most of its time starting again.

use wide::u8x32;

use crate::catalog::Haystacks;

/// The cost of a term that does not occur.
pub(crate) const ABSENT: u8 = u8::MAX;

/// Positions checked per step.
const STEP: usize = 32;

/// The cost of `needle` in each of `hays` ([`ABSENT`] if it does not occur): its best
/// occurrence's, 0 a whole word, 2 the start of a word, 4 inside a word; one more for texts
/// outside the headline. An occurrence running into the next text counts for neither; each
/// text begins and ends words.
pub(crate) fn substring_costs(hays: Haystacks<'_>, needle: &[u8]) -> Vec<u8> {
    let mut scan = Scan {
        bytes: hays.bytes,
        needle,
        stories: Stories::new(hays),
        costs: vec![ABSENT; hays.ends.len()],
        outside: u8::from(hays.outside),
    };
    let len = needle.len();
    let bytes = hays.bytes;
    if len == 0 || scan.costs.is_empty() || bytes.len() < len {
        return scan.costs;
    }
    let last = bytes.len() - len;
    // A step reads the byte before its first position and the byte after its last
    // occurrence, so position 0 and the last few are checked one by one.
    scan.one(0);
    let mut at = 1;
    let probe = Probe::new(needle);
    while at + len + STEP <= bytes.len() {
        probe.step(&mut scan, at);
        at += STEP;
    }
    while at <= last {
        scan.one(at);
        at += 1;
    }
    scan.costs
}

/// The cost of a needle in one haystack, as [`substring_costs`] counts it, found by
/// `finder` (built for the needle once): what a story checked on its own costs, without the
/// set-up of a pass over many.
pub(crate) fn hay_cost(hay: &[u8], finder: &memchr::memmem::Finder<'_>, outside: bool) -> u8 {
    let len = finder.needle().len();
    if len == 0 {
        return ABSENT;
    }
    let mut best = ABSENT;
    let mut from = 0;
    // Occurrences may overlap ("  " in three spaces): each is looked at.
    while let Some(found) = hay.get(from..).and_then(|rest| finder.find(rest)) {
        let at = from + found;
        from = at + 1;
        let starts = at == 0 || !is_word_byte(hay[at - 1]);
        let ends = hay.get(at + len).is_none_or(|&b| !is_word_byte(b));
        let shape = match (starts, ends) {
            (true, true) => 0,
            (true, false) => 2,
            _ => 4,
        };
        best = best.min(shape + u8::from(outside));
        if shape == 0 {
            break;
        }
    }
    best
}

struct Scan<'a> {
    bytes: &'a [u8],
    needle: &'a [u8],
    stories: Stories<'a>,
    costs: Vec<u8>,
    outside: u8,
}

impl Scan<'_> {
    /// One position, checked byte by byte.
    fn one(&mut self, at: usize) {
        let len = self.needle.len();
        if self.bytes.get(at..at + len) != Some(self.needle) {
            return;
        }
        let bytes = self.bytes;
        let after_space = at == 0 || !is_word_byte(bytes[at - 1]);
        let before_space = bytes.get(at + len).is_none_or(|&b| !is_word_byte(b));
        self.block(
            at,
            1,
            Masks {
                hits: 1,
                after_space: u32::from(after_space),
                before_space: u32::from(before_space),
            },
        );
    }

    /// Records the occurrences at `at + j` for the bits `j` of `masks.hits` (`j < width`),
    /// story by story.
    fn block(&mut self, at: usize, width: usize, masks: Masks) {
        let len = self.needle.len();
        if !self.stories.seek(at) {
            return;
        }
        loop {
            let Story { i, start, end } = self.stories.current();
            // Positions of this story whose occurrence ends within it.
            let valid = range_mask(
                start.saturating_sub(at),
                (end + 1).saturating_sub(len).saturating_sub(at),
            );
            let hits = masks.hits & valid;
            if hits != 0 {
                // A story's haystack starts and ends words, whatever the bytes around it.
                let starts = hits & (masks.after_space | bit(start, at));
                let last = end.checked_sub(len).map_or(0, |p| bit(p, at));
                let wholes = starts & (masks.before_space | last);
                let shape = if wholes != 0 {
                    0
                } else if starts != 0 {
                    2
                } else {
                    4
                };
                let cost = shape + self.outside;
                self.costs[i] = self.costs[i].min(cost);
            }
            if end >= at + width || !self.stories.next() {
                break;
            }
        }
    }
}

/// The bit for `position` in the step at `at`, if it is in it.
fn bit(position: usize, at: usize) -> u32 {
    match position.checked_sub(at) {
        Some(j) if j < STEP => 1 << j,
        _ => 0,
    }
}

/// Bits `from..to` of a step's mask (clamped to the step).
fn range_mask(from: usize, to: usize) -> u32 {
    let (from, to) = (from.min(STEP), to.min(STEP));
    if to <= from {
        return 0;
    }
    let ones = |n: usize| (1u64 << n) - 1;
    u32::try_from(ones(to) - ones(from)).unwrap_or(u32::MAX)
}

/// Which positions of a step hold an occurrence, and whether a space (any byte that is not
/// part of a word) comes before and after it.
#[derive(Debug, Clone, Copy)]
struct Masks {
    hits: u32,
    after_space: u32,
    before_space: u32,
}

/// The needle's bytes as vectors, for a step.
struct Probe {
    first: u8x32,
    second: u8x32,
    last: u8x32,
}

impl Probe {
    fn new(needle: &[u8]) -> Probe {
        let byte = |i: usize| u8x32::splat(needle.get(i).copied().unwrap_or(0));
        Probe {
            first: byte(0),
            second: byte(1),
            last: byte(needle.len() - 1),
        }
    }

    /// Positions `at..at + STEP` (`at` ≥ 1, and `at + len + STEP` within the bytes).
    fn step(&self, scan: &mut Scan<'_>, at: usize) {
        let len = scan.needle.len();
        let load = |from: usize| {
            let chunk = scan.bytes.get(from..).and_then(|b| b.first_chunk::<STEP>());
            u8x32::from(chunk.copied().unwrap_or([0; STEP]))
        };
        let mut candidates = load(at).simd_eq(self.first) & load(at + len - 1).simd_eq(self.last);
        if len > 2 {
            candidates &= load(at + 1).simd_eq(self.second);
        }
        let mut hits = candidates.to_bitmask();
        if hits == 0 {
            return;
        }
        if len > 3 {
            let mut left = hits;
            while left != 0 {
                let j = left.trailing_zeros() as usize;
                left &= left - 1;
                if scan.bytes.get(at + j..at + j + len) != Some(scan.needle) {
                    hits &= !(1 << j);
                }
            }
        }
        if hits == 0 {
            return;
        }
        let masks = Masks {
            hits,
            after_space: !is_word(load(at - 1)).to_bitmask(),
            before_space: !is_word(load(at + len)).to_bitmask(),
        };
        scan.block(at, STEP, masks);
    }
}

/// Bytes that are part of a word (see [`is_word_byte`]), as all-ones lanes.
fn is_word(bytes: u8x32) -> u8x32 {
    let within = |from: u8, count: u8, v: u8x32| {
        let offset = v - u8x32::splat(from);
        offset.min(u8x32::splat(count - 1)).simd_eq(offset)
    };
    let letter = within(b'a', 26, bytes | u8x32::splat(0x20));
    let digit = within(b'0', 10, bytes);
    let high = bytes.max(u8x32::splat(0x80)).simd_eq(bytes);
    letter | digit | high
}

/// Letters, digits and any byte of a non-ASCII character count as inside a word.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The story a position falls in, walked forward through the haystacks.
struct Stories<'a> {
    hays: Haystacks<'a>,
    i: usize,
    start: usize,
}

#[derive(Debug, Clone, Copy)]
struct Story {
    i: usize,
    start: usize,
    end: usize,
}

impl<'a> Stories<'a> {
    fn new(hays: Haystacks<'a>) -> Stories<'a> {
        Stories {
            hays,
            i: 0,
            start: 0,
        }
    }

    fn end(&self, i: usize) -> usize {
        usize::try_from(self.hays.ends[i] - self.hays.base).unwrap_or(usize::MAX)
    }

    fn current(&self) -> Story {
        Story {
            i: self.i,
            start: self.start,
            end: self.end(self.i),
        }
    }

    /// Moves to the story holding `position`; false past the last.
    fn seek(&mut self, position: usize) -> bool {
        while self.end(self.i) <= position {
            if !self.next() {
                return false;
            }
        }
        true
    }

    fn next(&mut self) -> bool {
        if self.i + 1 >= self.hays.ends.len() {
            return false;
        }
        self.start = self.end(self.i);
        self.i += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(hay: &str, outside: bool, needle: &str) -> u8 {
        let ends = [hay.len() as u64];
        substring_costs(Haystacks::new(hay, 0, &ends, outside), needle.as_bytes())[0]
    }

    /// The same costs, occurrence by occurrence, text by text.
    fn reference(bytes: &[u8], ends: &[usize], outside: bool, needle: &[u8]) -> Vec<u8> {
        let mut start = 0;
        let mut costs = Vec::new();
        for &end in ends {
            let hay = &bytes[start..end];
            let mut best = ABSENT;
            for at in 0..hay.len() {
                if !hay[at..].starts_with(needle) {
                    continue;
                }
                let starts = at == 0 || !is_word_byte(hay[at - 1]);
                let ends = hay.get(at + needle.len()).is_none_or(|&b| !is_word_byte(b));
                let shape = match (starts, ends) {
                    (true, true) => 0,
                    (true, false) => 2,
                    _ => 4,
                };
                best = best.min(shape + u8::from(outside));
            }
            costs.push(best);
            start = end;
        }
        costs
    }

    #[test]
    fn costs_prefer_whole_words_and_headlines() {
        assert_eq!(one("port strike", false, "port"), 0);
        assert_eq!(one("ports strike", false, "port"), 2);
        assert_eq!(one("airport strike", false, "port"), 4);
        assert_eq!(one("paris port", true, "port"), 1);
        assert_eq!(one("storm", false, "port"), ABSENT);
        assert_eq!(
            one("airport port", false, "port"),
            0,
            "best occurrence, not first"
        );
        assert_eq!(one("kraków", false, "ów"), 4);
        let long = format!("{}an", "x".repeat(70));
        assert_eq!(one(&long, true, "an"), 5, "found by a vector step");
        assert_eq!(one(&long.replace("xan", " an"), true, "an"), 1);
    }

    #[test]
    fn an_occurrence_never_runs_into_the_next_story() {
        let hays = Haystacks {
            bytes: b"xananban",
            base: 100,
            ends: &[103, 105, 108],
            outside: false,
        };
        assert_eq!(substring_costs(hays, b"an"), [4, 0, 4]);
        assert_eq!(substring_costs(hays, b"na"), [ABSENT, ABSENT, ABSENT]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Vector steps, story boundaries inside steps, headlines and word edges agree with
        /// the byte-by-byte reference, on text dense with occurrences.
        #[test]
        fn agrees_with_byte_by_byte(
            stories in prop::collection::vec("[an .Aé1-]{0,90}", 1..12),
            needle in "[an .é]{1,5}",
            outside: bool,
        ) {
            let mut bytes = Vec::new();
            let mut ends = Vec::new();
            for text in &stories {
                bytes.extend_from_slice(text.as_bytes());
                ends.push(bytes.len() as u64 + 7);
            }
            let hays = Haystacks { bytes: &bytes, base: 7, ends: &ends, outside };
            let shifted: Vec<usize> = ends.iter().map(|&e| usize::try_from(e - 7).unwrap()).collect();
            let expected = reference(&bytes, &shifted, outside, needle.as_bytes());
            prop_assert_eq!(substring_costs(hays, needle.as_bytes()), expected.clone());
            // Story by story, as a story checked on its own is.
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            let mut start = 0;
            for (i, &end) in shifted.iter().enumerate() {
                prop_assert_eq!(hay_cost(&bytes[start..end], &finder, outside), expected[i]);
                start = end;
            }
        }
    }
}
