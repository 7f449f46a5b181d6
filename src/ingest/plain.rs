//! Plain-text agency copy: the text split into paragraphs (blank lines, or indents, separate
//! them; hard-wrapped lines are joined), and the date-and-caption line that opens some
//! republished copy. The headline, byline, dateline and trailer are the lead stage's to read.

use std::sync::LazyLock;

use regex::Regex;

use super::draft::{Draft, Meta};
use crate::article::Caption;
use crate::text;

/// The date-and-caption line that opens some republished copy:
/// ` date 2024-06-20 Leaders met in Pyongyang … (photo: Anadolu Agency)`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})(?-u:\b)[\s,.:–—-]*(.*)$").expect("regex")
});

/// A photo credit closing a caption: `(photo: X)`, `(Photo by X)`, `(Picture: X)`.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[(\[]\s*(?:photo(?:graph)?|picture|image|foto|credit)s?\s*(?:by|:|-)?\s*([^)\]]+?)\s*[)\]]\s*$")
        .expect("regex")
});

/// Reads one plain-text story (already decoded). `None` when the text holds no paragraphs.
pub fn parse(text: &str) -> Option<Draft> {
    let mut blocks = split_blocks(text);
    let mut draft = Draft::default();
    if let Some(caps) = blocks.first().and_then(|b| DATE_LINE.captures(b)) {
        draft.meta = Meta {
            published: Some(caps[1].to_string()),
            ..Meta::default()
        };
        draft.caption = caption(&caps[2]);
        blocks.remove(0);
    }
    if blocks.is_empty() {
        return None;
    }
    draft.paragraphs = blocks;
    Some(draft)
}

/// What a plain-text file holds instead of a story, when it is a table (a delivery's manifest,
/// a spreadsheet export): every line cut by tabs into the same number of fields, or a file
/// named `.csv`. Read from the file's bytes, as decoding turns tabs into spaces; `name` is
/// the file's name or path.
pub fn table(bytes: &[u8], name: &str) -> Option<&'static str> {
    let named_csv = std::path::Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
    if named_csv {
        return Some("a comma-separated table (.csv)");
    }
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|l| !l.is_empty());
    // Paragraphs indented by a tab are copy, not cells: lines are trimmed first.
    let fields = |line: &[u8]| memchr::memchr_iter(b'\t', line).count() + 1;
    let first = fields(lines.next()?);
    if first == 1 {
        return None;
    }
    let mut rows = 1;
    for line in lines {
        if fields(line) != first {
            return None;
        }
        rows += 1;
    }
    (rows > 1).then_some("a tab-separated table")
}

/// Splits text into paragraphs. Blank lines separate paragraphs and hard-wrapped lines inside
/// one are joined; copy without any blank line takes each line (or indented line) as one.
fn split_blocks(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let content: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let has_blank_separators = lines
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .any(|l| l.trim().is_empty());
    if !has_blank_separators {
        return content.iter().map(|l| text::fold_whitespace(l)).collect();
    }
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut previous_indented = false;
    for line in lines {
        // A paragraph indent (after unindented lines) also opens a paragraph.
        let indented = line.starts_with("  ") || line.starts_with('\u{3000}');
        let opens_paragraph = indented && !previous_indented;
        if (line.trim().is_empty() || opens_paragraph) && !current.is_empty() {
            blocks.push(text::fold_whitespace_owned(current.join(" ")));
            current.clear();
        }
        if !line.trim().is_empty() {
            current.push(line);
        }
        previous_indented = indented;
    }
    if !current.is_empty() {
        blocks.push(text::fold_whitespace_owned(current.join(" ")));
    }
    blocks
}

fn caption(text: &str) -> Option<Caption> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match PHOTO_CREDIT.captures(text) {
        Some(caps) => Caption {
            text: text[..caps.get(0).map_or(text.len(), |m| m.start())]
                .trim()
                .to_string(),
            credit: Some(caps[1].trim().to_string()),
        },
        None => Caption {
            text: text.to_string(),
            credit: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_told_from_stories() {
        let manifest = "file\tsource\tlicence\nstory-1.txt\tWire A\tresearch use\n";
        assert_eq!(
            table(manifest.as_bytes(), "in/SOURCES.tsv"),
            Some("a tab-separated table")
        );
        assert_eq!(
            table(manifest.as_bytes(), "in/manifest"),
            Some("a tab-separated table")
        );
        assert_eq!(
            table("id,headline\n1,Talks\n".as_bytes(), "in/index.CSV"),
            Some("a comma-separated table (.csv)")
        );
        // Copy with a table in it: the headline and paragraphs are not cut by tabs.
        let story = "Markets close higher\n\nLONDON (Wire) - Shares rose.\n\nFTSE\t8,100\t+0.4%\nDAX\t18,200\t+0.2%\n";
        assert_eq!(table(story.as_bytes(), "in/markets.txt"), None);
        // One line with a tab is not a table.
        assert_eq!(table("Headline\twith a tab\n".as_bytes(), "in/a.txt"), None);
        assert_eq!(table("".as_bytes(), "in/a.txt"), None);
        // Paragraphs indented by tabs.
        assert_eq!(
            table("\tHeadline\n\tLONDON - Text.\n".as_bytes(), "in/a.txt"),
            None
        );
    }

    #[test]
    fn date_line_with_caption() {
        let d = parse(" date 2025-04-02 Fishermen unload their catch (photo: Example Photo Agency)\n\nValletta, ENA – Text.\n").unwrap();
        assert_eq!(d.meta.published.as_deref(), Some("2025-04-02"));
        let caption = d.caption.unwrap();
        assert_eq!(caption.text, "Fishermen unload their catch");
        assert_eq!(caption.credit.as_deref(), Some("Example Photo Agency"));
        assert_eq!(d.paragraphs, ["Valletta, ENA – Text."]);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let d = parse("Title\n\nBERLIN (dpa) - The first line\nwraps here.\n\nNext.\n").unwrap();
        assert_eq!(
            d.paragraphs,
            [
                "Title",
                "BERLIN (dpa) - The first line wraps here.",
                "Next."
            ]
        );
    }

    #[test]
    fn indented_lines_open_paragraphs() {
        let d = parse("Title\n\nBERLIN (dpa) - One\ncontinues.\n  Two starts\n  here.\n").unwrap();
        assert_eq!(
            d.paragraphs,
            ["Title", "BERLIN (dpa) - One continues.", "Two starts here."]
        );
    }

    #[test]
    fn lines_without_blank_lines_are_paragraphs() {
        let d = parse("Title\nOne.\nTwo.\n").unwrap();
        assert_eq!(d.paragraphs, ["Title", "One.", "Two."]);
    }

    #[test]
    fn empty_text_has_no_draft() {
        assert!(parse("\n\n").is_none());
    }
}
