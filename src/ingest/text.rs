//! Bytes to clean text: BOMs, UTF-8 or Latin-1/Windows-1252, line endings, control characters.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Why bytes could not be taken as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the file is empty")]
    Empty,
    #[error("this looks like a binary file ({0}), not story text")]
    Binary(&'static str),
    #[error(
        "its XML declaration says UTF-8, but byte {0} is not valid UTF-8 (re-save it as UTF-8 or fix the declared encoding)"
    )]
    NotUtf8(usize),
}

/// Decodes story bytes. A BOM decides the encoding; otherwise valid UTF-8 is UTF-8 and anything
/// else is read as Windows-1252 (a superset of Latin-1's printable range), so Latin-1 copy comes
/// out without mojibake. Line endings become `\n`; tabs become spaces; other control characters
/// (teletype codes, escapes) are dropped so that no story can drive the terminal.
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TextError::Empty);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(TextError::Binary(kind));
    }
    let text = to_unicode(bytes)?;
    Ok(clean(&text))
}

/// Decodes teletype copy (ANPA-1312, IPTC 7901) whose control characters (SOH, STX, ETX, EOT)
/// carry its structure: encoding and line endings as in [`decode`], controls kept for the
/// format's parser to read and drop.
pub fn decode_keeping_controls(bytes: &[u8]) -> Result<String, TextError> {
    if bytes
        .iter()
        .all(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return Err(TextError::Empty);
    }
    // Teletype framing uses control characters, never NUL bytes or file signatures.
    if let Some(kind) = binary_signature(bytes) {
        return Err(TextError::Binary(kind));
    }
    let text = to_unicode(bytes)?;
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The bytes as Unicode: a BOM decides the encoding; otherwise valid UTF-8 is UTF-8, invalid
/// UTF-8 under an XML declaration of UTF-8 is an error, and anything else is Windows-1252.
fn to_unicode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, TextError> {
    let (encoding, bom_len) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = &bytes[bom_len..];
    if encoding != UTF_8 {
        return Ok(encoding.decode_without_bom_handling(body).0);
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(std::borrow::Cow::Borrowed(s)),
        // XML that names its encoding has said what it is: reading it as Windows-1252 would
        // turn a damaged file into a plausible story full of mojibake.
        Err(e) if declares_utf8(body) => Err(TextError::NotUtf8(e.valid_up_to())),
        Err(_) => Ok(WINDOWS_1252.decode_without_bom_handling(body).0),
    }
}

/// The bytes a character [`clean`] changes may begin with: ASCII controls but the line feed,
/// DEL, and the lead bytes of the C1 controls (0xC2) and of U+2028/U+2029 (0xE2).
const MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize;
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xe2] = true;
    table
};

/// The first byte from `from` (at most `bytes.len()`) on that [`MAY_CHANGE`] holds. Eight bytes
/// a step while they are all printable ASCII (two word tests, no false "clean"); a step that
/// may hold one (a line feed, a curly quote) is looked at a byte at a time.
fn next_may_change(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes[i..].first_chunk::<8>() {
        let w = u64::from_le_bytes(*chunk);
        // A byte below 0x20, or one of 0x7F and above.
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let del_or_high = (w.wrapping_add(ONES) | w) & HIGH;
        if below_space | del_or_high != 0
            && let Some(at) = chunk.iter().position(|&b| MAY_CHANGE[usize::from(b)])
        {
            return Some(i + at);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| MAY_CHANGE[usize::from(b)])
        .map(|at| i + at)
}

/// Line endings to `\n`, tabs to spaces, other controls (C0, DEL, C1) removed.
pub fn clean(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Runs of ordinary text are copied whole; only bytes that may start a character to change
    // (ASCII controls, and the lead bytes of C1 controls and U+2028/U+2029) are decoded.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match next_may_change(bytes, i) {
            Some(at) => i = at,
            None => break,
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let replacement = match c {
            '\r' if bytes.get(i + 1) == Some(&b'\n') => Some(""),
            '\r' | '\u{2028}' | '\u{2029}' => Some("\n"),
            '\t' => Some(" "),
            c if c.is_control() => Some(""),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&text[copied..i]);
            out.push_str(replacement);
            copied = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `bytes` open with an XML declaration whose `encoding` is UTF-8.
fn declares_utf8(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = &bytes[start..bytes.len().min(start + 200)];
    let Some(decl) = head
        .strip_prefix(b"<?xml")
        .and_then(|d| d.windows(2).position(|w| w == b"?>").map(|end| &d[..end]))
    else {
        return false;
    };
    let decl = String::from_utf8_lossy(decl).to_ascii_lowercase();
    let Some((_, value)) = decl.split_once("encoding") else {
        return false;
    };
    let value = value.trim_start().trim_start_matches('=').trim_start();
    value.starts_with("\"utf-8\"")
        || value.starts_with("'utf-8'")
        || value.starts_with("\"utf8\"")
        || value.starts_with("'utf8'")
}

/// Recognises common binary files by their magic numbers, and anything with NUL bytes early on.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "zip archive"),
        (b"%PDF", "PDF document"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x7FELF", "executable"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text carries NULs legitimately; its BOM is checked by the caller.
    if Encoding::for_bom(head).is_none() && head.contains(&0) {
        return Some("it contains NUL bytes");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let text = decode(b"\xEF\xBB\xBFHello\r\nworld\r\n").unwrap();
        assert_eq!(text, "Hello\nworld\n");
    }

    /// The word-at-a-time search finds the byte a plain scan finds, wherever it lies.
    #[test]
    fn next_may_change_is_the_plain_scan() {
        let plain = |bytes: &[u8], from: usize| {
            bytes[from..]
                .iter()
                .position(|&b| MAY_CHANGE[usize::from(b)])
                .map(|at| from + at)
        };
        let specials: [&[u8]; 8] = [
            b"\t",
            b"\r",
            b"\n",
            b"\x7f",
            b"\x00",
            "\u{85}".as_bytes(),
            "“".as_bytes(),
            "\u{2028}".as_bytes(),
        ];
        for special in specials {
            for len in 0..40 {
                for at in 0..=len {
                    let mut bytes = vec![b'a'; len];
                    bytes.splice(at..at, special.iter().copied());
                    bytes.extend_from_slice(b" ~}");
                    for from in 0..bytes.len() {
                        assert_eq!(next_may_change(&bytes, from), plain(&bytes, from));
                    }
                }
            }
        }
        assert_eq!(next_may_change(b"", 0), None);
    }

    #[test]
    fn clean_changes_only_line_ends_tabs_and_controls() {
        let text = "a\r\nb\rc\td\u{2028}e\u{2029}f\u{7}g\u{7f}h\u{85}i\u{a0}j – “k” é\u{2026}\r";
        assert_eq!(clean(text), "a\nb\nc d\ne\nfghi\u{a0}j – “k” é\u{2026}\n");
    }

    #[test]
    fn latin1_is_read_without_mojibake() {
        // "Zürich – Erdoğan" cannot be Latin-1, but "Zürich, café" can.
        let text = decode(b"Z\xFCrich, caf\xE9").unwrap();
        assert_eq!(text, "Zürich, café");
    }

    #[test]
    fn windows_1252_quotes() {
        let text = decode(b"\x93Yes,\x94 she said \x96 twice").unwrap();
        assert_eq!(text, "“Yes,” she said – twice");
    }

    #[test]
    fn utf16_with_bom() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&bytes).unwrap(), "Hi");
    }

    #[test]
    fn control_and_escape_characters_are_dropped() {
        let text = decode(b"\x01\x16Title\x1b[31m red\x07\tend\rnext").unwrap();
        assert_eq!(text, "Title[31m red end\nnext");
    }

    #[test]
    fn xml_declaring_utf8_with_invalid_bytes_is_an_error() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf>Z\xFCrich</nitf>";
        assert_eq!(decode(bytes), Err(TextError::NotUtf8(46)));
        // Without a declaration, or declaring Latin-1, the Windows-1252 reading stands.
        assert_eq!(
            decode(b"<nitf>Z\xFCrich</nitf>").unwrap(),
            "<nitf>Zürich</nitf>"
        );
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><p>caf\xE9</p>";
        assert!(decode(latin1).unwrap().ends_with("<p>café</p>"));
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"  \n\r\n"), Err(TextError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n...."),
            Err(TextError::Binary("PNG image"))
        );
        assert!(matches!(decode(b"abc\0def"), Err(TextError::Binary(_))));
    }
}
