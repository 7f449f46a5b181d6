//! Small text helpers shared by ingest, extraction and export: sentence ends, word counts.

/// ASCII letters and digits, by byte (a byte outside ASCII is not one): the test of the
/// tight loops that find words without decoding characters.
pub(crate) const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b: u8 = 0;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "sr", "jr", "rev", "hon", "pres", "supt", "insp", "no", "vs",
    "inc", "ltd", "co", "corp", "bros", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "approx", "est", "fig",
    "al", "etc", "calif", "mass", "fla", "ga", "ill", "mich", "minn", "ariz", "conn", "colo",
    "tenn", "wash", "wis", "nev", "penn", "okla", "ore", "ky", "va", "md", "del", "ala", "ark",
    "kan", "neb", "vt",
];

/// Byte offsets where sentences end in `text` (just past the closing punctuation and any closing
/// quote or bracket). The last sentence need not be terminated.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    // Only the characters around a stop are decoded: the ASCII stops are found many bytes at
    // a time, and `…` (the only stop outside ASCII) by its own search, merged in order.
    let mut ends = Vec::new();
    let bytes = text.as_bytes();
    let three_dots = "…".as_bytes();
    let mut ascii = memchr::memchr3_iter(b'.', b'?', b'!', bytes).peekable();
    let mut ellipses = ELLIPSIS.find_iter(bytes).peekable();
    let mut i = 0;
    loop {
        while ascii.next_if(|&at| at < i).is_some() {}
        while ellipses.next_if(|&at| at < i).is_some() {}
        let at = match (ascii.peek(), ellipses.peek()) {
            (Some(&a), Some(&e)) => a.min(e),
            (Some(&a), None) => a,
            (None, Some(&e)) => e,
            (None, None) => break,
        };
        let c = if bytes[at] == three_dots[0] {
            '…'
        } else {
            char::from(bytes[at])
        };
        let mut j = at + c.len_utf8();
        let mut rest = text[j..].chars().peekable();
        while let Some(&q) = rest.peek() {
            if !matches!(q, '"' | '”' | '’' | '\'' | ')' | '»') {
                break;
            }
            j += q.len_utf8();
            rest.next();
        }
        let next_is_space = rest.peek().is_some_and(|c| c.is_whitespace());
        let next_starts = rest.find(|c| !c.is_whitespace()).is_some_and(|n| {
            n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '«')
        });
        if next_is_space && next_starts && !(c == '.' && is_abbreviation(&text[..at])) {
            ends.push(j);
        }
        i = j;
    }
    if ends.last() != Some(&text.trim_end().len()) && !text.trim().is_empty() {
        ends.push(text.trim_end().len());
    }
    ends
}

/// `f` of `text` in lower case, lower-cased on the stack (no new string), when `text` is
/// ASCII and short (at most 64 bytes); `None` otherwise, for the caller to lower-case it.
pub(crate) fn with_ascii_lower<R>(text: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    const SHORT: usize = 64;
    if !text.is_ascii() || text.len() > SHORT {
        return None;
    }
    let mut buf = [0u8; SHORT];
    let lower = &mut buf[..text.len()];
    lower.copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok().map(f)
}

/// `text` with ASCII letters lower-cased, into `buf` (emptied first): copied whole, then
/// lower-cased many bytes a step, for searching case-blind with a byte finder.
pub(crate) fn ascii_lower_into(buf: &mut Vec<u8>, text: &str) {
    buf.clear();
    buf.extend_from_slice(text.as_bytes());
    buf.make_ascii_lowercase();
}

/// `f` of `text` in lower case: lower-cased on the stack when short ASCII (see
/// [`with_ascii_lower`]), by `to_lowercase` otherwise.
pub(crate) fn lowered<R>(text: &str, f: impl Fn(&str) -> R) -> R {
    with_ascii_lower(text, &f).unwrap_or_else(|| f(&text.to_lowercase()))
}

/// The search for `…`, built once (building it costs more than searching a paragraph).
static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// Whether the word right before a full stop at the end of `before` is an abbreviation
/// (`Mr`, `Dec`, `U.S`, a single initial).
fn is_abbreviation(before: &str) -> bool {
    // Asked at every full stop: a set, not the list read through.
    static KNOWN: std::sync::LazyLock<foldhash::HashSet<&str>> =
        std::sync::LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let letters = || word.chars().filter(|c| c.is_alphabetic());
    // Initials and dotted acronyms: "J", "U.S", "D.C".
    if word.contains('.') {
        return true;
    }
    if letters().count() == 1 && word.chars().all(char::is_alphabetic) {
        return letters().all(char::is_uppercase);
    }
    // The letters lower-cased into a small buffer: the abbreviations are short ASCII words.
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in letters() {
        if !c.is_ascii() || n == buf.len() {
            return false;
        }
        buf[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|w| KNOWN.contains(w))
}

/// The first sentence of `text`.
/// Whether `a` and `b` are the same text but for case, as their `to_lowercase` forms would
/// compare, without making them (ASCII compared byte by byte).
pub(crate) fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.to_lowercase() == b.to_lowercase()
}

pub(crate) fn first_sentence(text: &str) -> &str {
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    text[..end].trim()
}

/// The search for two spaces, built once (building it cost as much as searching a paragraph).
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));

/// Whether `text` is already folded: words split by single spaces, no space at the ends, no
/// other white space.
pub(crate) fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Many bytes a step: a control byte (line ends, tabs and the rest below 0x20) or a double
    // space answers no (the careful fold decides the rest). The control test has no early
    // exit, so it is vectorised; the double space is a two-byte search.
    let controls = bytes.iter().fold(0u8, |any, &b| any | u8::from(b < b' '));
    if controls != 0 || DOUBLE_SPACE.find(bytes).is_some() {
        return false;
    }
    // White space outside ASCII (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) begins with
    // one of four bytes: only where they occur is it looked for.
    let other_space = |at: usize| is_space_outside_ascii(&bytes[at..]);
    text.is_ascii()
        || !(memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(other_space)
            || memchr::memchr_iter(0xE1, bytes).any(other_space))
}

/// Whether `bytes` open with white space outside ASCII (U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000: the rest of [`char::is_whitespace`]), read from
/// the bytes, so the curly quotes that share a first byte with them cost no decoding.
fn is_space_outside_ascii(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE3, 0x80, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
    )
}

/// [`fold_whitespace`], keeping the string itself when it is folded already.
pub(crate) fn fold_whitespace_owned(text: String) -> String {
    if is_folded(&text) {
        text
    } else {
        fold_whitespace(&text)
    }
}

/// Folds runs of white space into single spaces and trims the ends.
pub(crate) fn fold_whitespace(text: &str) -> String {
    fn fold<'a>(words: impl Iterator<Item = &'a str>, len: usize) -> String {
        let mut out = String::with_capacity(len);
        for word in words {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
    if is_folded(text) {
        return text.to_string();
    }
    // ASCII text (most copy) splits without decoding characters.
    if text.is_ascii() {
        fold(text.split_ascii_whitespace(), text.len())
    } else {
        fold(text.split_whitespace(), text.len())
    }
}

/// Cuts `text` to at most `width` terminal columns, ending with `…` when cut. Wide characters
/// (CJK, emoji) count two columns, combining marks none.
pub fn truncate_to_width(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_outside_ascii_read_from_bytes_are_char_is_whitespace() {
        for c in ('\u{80}'..='\u{FFFF}').chain('\u{10000}'..='\u{10FFFF}') {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(is_space_outside_ascii(bytes), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn splits_sentences_past_abbreviations() {
        let text = "Sen. Bernie Sanders spoke in Washington, D.C. on Monday. Mr. Smith left. The U.S. Army stayed.";
        let ends = sentence_ends(text);
        let sentences: Vec<&str> = ends
            .iter()
            .scan(0, |start, &end| {
                let s = text[*start..end].trim();
                *start = end;
                Some(s)
            })
            .collect();
        assert_eq!(
            sentences,
            [
                "Sen. Bernie Sanders spoke in Washington, D.C. on Monday.",
                "Mr. Smith left.",
                "The U.S. Army stayed."
            ]
        );
    }

    #[test]
    fn whitespace_folds_in_ascii_and_beyond() {
        assert_eq!(fold_whitespace("  a \t b\r\n\nc  "), "a b c");
        assert_eq!(
            fold_whitespace("Zürich\u{a0}\u{a0} Genève\u{2003}x"),
            "Zürich Genève x"
        );
        assert_eq!(fold_whitespace(" \n "), "");
        for folded in ["", "a", "a b", "Zürich “Genève” — x"] {
            assert!(is_folded(folded), "{folded:?}");
        }
        for not in [
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "a\u{2003}b",
            "a\u{3000}b",
            "a\u{b}b",
            "a\u{85}b",
            "a\u{1680}b",
            "a\u{2028}b",
            "a\u{205f}b",
        ] {
            assert!(!is_folded(not), "{not:?}");
        }
        // Across the blocks it is read in.
        let long = "word ".repeat(40);
        assert!(is_folded(long.trim_end()));
        // Spaces are at 4, 9, …, 64, …: each insert doubles one, in a block or across two.
        for at in [59, 60, 64, 65, 124, 125, 129] {
            let mut doubled = long.trim_end().to_string();
            doubled.insert(at, ' ');
            assert!(doubled.contains("  "));
            assert!(!is_folded(&doubled), "{at}");
            let mut spaced = long.trim_end().to_string();
            spaced.insert(at, '\u{a0}');
            assert!(!is_folded(&spaced), "{at}");
        }
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate_to_width("Zürich", 10), "Zürich");
        assert_eq!(truncate_to_width("Tokyo 東京都 trip", 9), "Tokyo 東…");
        assert_eq!(truncate_to_width("abcdef", 4), "abc…");
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            first_sentence("“We will win.” She left. Then more."),
            "“We will win.”"
        );
        assert_eq!(first_sentence("No end here"), "No end here");
        assert_eq!(
            first_sentence("Dec. 11 was cold. Yes."),
            "Dec. 11 was cold."
        );
    }
}
