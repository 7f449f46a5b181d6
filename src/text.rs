//! Small text helpers shared by ingest, extraction and export: sentence ends, word counts.

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
    let mut ends = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '»') {
                j += 1;
            }
            let next_is_space = j < chars.len() && chars[j].1.is_whitespace();
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = k < chars.len()
                && (chars[k].1.is_uppercase()
                    || chars[k].1.is_numeric()
                    || matches!(chars[k].1, '"' | '“' | '‘' | '\'' | '(' | '«'));
            if next_is_space && next_starts && !(c == '.' && is_abbreviation(&text[..at])) {
                let end = chars.get(j).map_or(text.len(), |(pos, _)| *pos);
                ends.push(end);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if ends.last() != Some(&text.trim_end().len()) && !text.trim().is_empty() {
        ends.push(text.trim_end().len());
    }
    ends
}

/// Whether the word right before a full stop at the end of `before` is an abbreviation
/// (`Mr`, `Dec`, `U.S`, a single initial).
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    // Initials and dotted acronyms: "J", "U.S", "D.C".
    if word.contains('.') || (letters.chars().count() == 1 && word.chars().all(char::is_alphabetic))
    {
        return letters.chars().all(char::is_uppercase) || word.contains('.');
    }
    ABBREVIATIONS.contains(&letters.to_lowercase().as_str())
}

/// The first sentence of `text`.
pub(crate) fn first_sentence(text: &str) -> &str {
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    text[..end].trim()
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
