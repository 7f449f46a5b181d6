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
