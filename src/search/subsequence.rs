//! Whether a term's letters occur in order through a headline (fzf's fuzzy match), the
//! check most stories get when a short term is in neither their headline nor their names.
//! An ASCII term is looked for 32 bytes a step: each letter is found by one comparison of
//! the step's bytes and the lowest bit past the last letter found.

use std::ops::Range;

use wide::u8x32;

/// Bytes compared per step.
const STEP: usize = 32;

/// Whether the characters of `needle` occur in order in `all[span]`.
pub(crate) fn in_order(needle: &[u8], all: &[u8], span: Range<usize>) -> bool {
    let Some(hay) = all.get(span.clone()) else {
        return false;
    };
    if !needle.is_ascii() {
        return chars_in_order(needle, hay);
    }
    let mut letters = needle.iter().map(|&b| u8x32::splat(b));
    let Some(mut letter) = letters.next() else {
        return true;
    };
    // The first byte still free for the next letter.
    let mut free = span.start;
    let mut step = span.start;
    while step < span.end {
        let bytes = u8x32::from(load(all, step));
        let within = match span.end - step {
            left if left >= STEP => u32::MAX,
            left => (1u32 << left) - 1,
        };
        loop {
            let after =
                u32::MAX.checked_shl(u32::try_from(free.saturating_sub(step)).unwrap_or(u32::MAX));
            let found = bytes.simd_eq(letter).to_bitmask() & within & after.unwrap_or(0);
            if found == 0 {
                break;
            }
            free = step + found.trailing_zeros() as usize + 1;
            match letters.next() {
                Some(next) => letter = next,
                None => return true,
            }
        }
        step += STEP;
    }
    false
}

/// `STEP` bytes of `all` from `at`, zeros past its end.
fn load(all: &[u8], at: usize) -> [u8; STEP] {
    if let Some(bytes) = all.get(at..).and_then(|b| b.first_chunk::<STEP>()) {
        return *bytes;
    }
    let mut bytes = [0; STEP];
    let rest = all.get(at..).unwrap_or_default();
    bytes[..rest.len()].copy_from_slice(rest);
    bytes
}

/// The same for a needle with characters beyond ASCII: each character's bytes together.
fn chars_in_order(needle: &[u8], hay: &[u8]) -> bool {
    let Ok(needle) = std::str::from_utf8(needle) else {
        return false;
    };
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
    use proptest::prelude::*;

    fn alone(needle: &str, hay: &str) -> bool {
        in_order(needle.as_bytes(), hay.as_bytes(), 0..hay.len())
    }

    /// The plain definition: each character found after the one before.
    fn reference(needle: &str, hay: &str) -> bool {
        let mut rest = hay.chars();
        needle.chars().all(|c| rest.any(|h| h == c))
    }

    #[test]
    fn subsequences() {
        assert!(alone("grncor", "grain corridor"));
        assert!(!alone("corgrn", "grain corridor"));
        assert!(alone("kra", "kraków line"));
        assert!(alone("ów", "kraków"));
        assert!(alone("", "x"));
        assert!(alone("aa", "banana"));
        assert!(!alone("aaaa", "banana"));
        let long = format!("{}b{}a", "x".repeat(40), "y".repeat(40));
        assert!(alone("ba", &long), "letters in different steps");
        assert!(!alone("ab", &long));
    }

    #[test]
    fn only_the_span_counts() {
        let all = b"abc|def|ghi";
        assert!(in_order(b"df", all, 4..7));
        assert!(!in_order(b"cd", all, 4..7), "before the span");
        assert!(!in_order(b"fg", all, 4..7), "after the span");
        assert!(!in_order(b"a", all, 4..20), "a span past the end");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Steps, the span's edges and bytes around it agree with the plain definition.
        #[test]
        fn agrees_with_the_definition(
            before in "[ab ]{0,40}",
            hay in "[abcé ]{0,100}",
            after in "[ab ]{0,40}",
            needle in "[abcé]{0,4}",
        ) {
            let all = format!("{before}{hay}{after}");
            let span = before.len()..before.len() + hay.len();
            prop_assert_eq!(
                in_order(needle.as_bytes(), all.as_bytes(), span),
                reference(&needle, &hay)
            );
        }
    }
}
