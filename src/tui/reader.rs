//! The reading pane's document: a story reflowed with textwrap to a width, each line with the
//! byte ranges to highlight (quotes, entity names, search matches), and where each paragraph,
//! quote and match landed — so the view only styles and `n`/`N` and the sidebar can jump. Above
//! the story, what the wire says of it: a kill, a correction, an embargo, an older version.

use std::ops::Range;

use crate::article::{Article, EntityKind};
use crate::reflow;

/// What a stretch of text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Headline,
    Meta,
    Caption,
    Quote,
    Entity(EntityKind),
    Match,
    /// A kill, a hold or an embargo.
    Warning,
    /// A correction, an older version, a quote given to someone else.
    Notice,
    /// What a newer version took out (a whole paragraph or headline).
    Removed,
    /// Words a newer version took out of a paragraph it rewrote.
    Struck,
    /// What a newer version put in.
    Added,
}

/// What the wire says of the story, shown above and beside its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// Lines above the headline: each a banner ([`Role::Warning`] or [`Role::Notice`]).
    pub banners: Vec<(String, Role)>,
    /// Which version this is, for the metadata line (`version 2 of 3 (UPDATE 1)`).
    pub version: Option<String>,
}

/// One screen line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// Styled stretches, as byte ranges into `text`; later ones win where they overlap.
    pub marks: Vec<(Range<usize>, Role)>,
}

/// The laid-out story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<Line>,
    /// Where each quote of the article starts (line index).
    pub quote_lines: Vec<usize>,
    /// Lines holding a search match, in order.
    pub match_lines: Vec<usize>,
    /// The width the text was wrapped to.
    pub width: usize,
}

/// `text` wrapped to `width` columns, each line marked with `role` all along (when given) and
/// with the stretches of `marks` (byte ranges into `text`) that fall on it.
pub fn wrap_marked(
    text: &str,
    width: usize,
    role: Option<Role>,
    marks: &[(Range<usize>, Role)],
) -> Vec<Line> {
    let clean = sanitize(text);
    let options = reflow::wrap_options(width.max(1));
    wrap_with_offsets(&clean, &options)
        .into_iter()
        .map(|(text, start)| {
            let end = start + text.len();
            let mut line_marks = Vec::new();
            if let Some(role) = role {
                line_marks.push((0..text.len(), role));
            }
            for (range, role) in marks {
                let from = range.start.max(start);
                let to = range.end.min(end);
                if from < to {
                    line_marks.push((from - start..to - start, *role));
                }
            }
            Line {
                text,
                marks: line_marks,
            }
        })
        .collect()
}

/// Lays out `article` for a pane `pane_width` columns wide, capped at `measure`; `terms` are
/// the search words to mark; `head` what the wire says of it.
pub fn layout(
    article: &Article,
    pane_width: usize,
    measure: usize,
    terms: &[String],
    head: &Head,
) -> Document {
    let width = pane_width.min(measure).max(10);
    let mut doc = Document {
        width,
        ..Document::default()
    };
    let options = reflow::wrap_options(width);
    let push_block =
        |doc: &mut Document, text: &str, role: Option<Role>, marks: &[(Range<usize>, Role)]| {
            for mut line in wrap_marked(text, width, role, marks) {
                for term_range in find_terms(&line.text, terms) {
                    line.marks.push((term_range, Role::Match));
                }
                if line.marks.iter().any(|(_, r)| *r == Role::Match) {
                    doc.match_lines.push(doc.lines.len());
                }
                doc.lines.push(line);
            }
        };
    for (banner, role) in &head.banners {
        push_block(&mut doc, banner, Some(*role), &[]);
    }
    if !head.banners.is_empty() {
        doc.lines.push(blank());
    }
    push_block(&mut doc, &article.headline, Some(Role::Headline), &[]);
    let meta = [Some(reflow::metadata_line(article)), head.version.clone()]
        .into_iter()
        .flatten()
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if !meta.is_empty() {
        push_block(&mut doc, &meta, Some(Role::Meta), &[]);
    }
    // The advisory, unless a banner already says it.
    if let Some(advisory) =
        article.wire.advisory.as_deref().filter(|a| {
            !a.trim().is_empty() && !head.banners.iter().any(|(b, _)| b.contains(a.trim()))
        })
    {
        push_block(&mut doc, advisory.trim(), Some(Role::Meta), &[]);
    }
    // What the wire says of the copy, as `show` prints it: urgency, slug, version, embargo,
    // subjects, editor's note; then credits and editor codes.
    let wire = reflow::wire_parts(article, head.version.is_none()).join(" · ");
    for line in [wire, reflow::credits_line(article)] {
        if !line.is_empty() {
            push_block(&mut doc, &line, Some(Role::Meta), &[]);
        }
    }
    // Copy without a headline of its own says its lead once, as the headline.
    let repeats = reflow::Repeats::of(article);
    if let Some(caption) = reflow::caption_text(article, repeats) {
        doc.lines.push(blank());
        push_block(&mut doc, &caption, Some(Role::Caption), &[]);
    }
    let mut quote_starts: Vec<(usize, usize, usize)> = article
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| (q.paragraph, q.start, i))
        .collect();
    quote_starts.sort_unstable();
    doc.quote_lines = vec![0; article.quotes.len()];
    for (p, paragraph) in article.paragraphs.iter().enumerate() {
        if p == 0 && repeats.lead {
            continue;
        }
        doc.lines.push(blank());
        let first_line = doc.lines.len();
        let marks = paragraph_marks(article, p, paragraph);
        push_block(&mut doc, paragraph, None, &marks);
        // A quote's line: the last line starting at or before the quote.
        let starts: Vec<usize> = wrap_with_offsets(&sanitize(paragraph), &options)
            .into_iter()
            .map(|(_, start)| start)
            .collect();
        for &(_, qstart, qi) in quote_starts.iter().filter(|(qp, _, _)| *qp == p) {
            let within = starts.iter().filter(|s| **s <= qstart).count().max(1);
            doc.quote_lines[qi] = first_line + within - 1;
        }
    }
    doc
}

pub fn blank() -> Line {
    Line {
        text: String::new(),
        marks: Vec::new(),
    }
}

/// Control characters never reach the terminal, whatever the archive holds. Each becomes as
/// many spaces as it had bytes, so byte offsets into the text stay valid.
fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Wraps `text` and returns each line with its byte offset in `text` (textwrap borrows its
/// lines from the input when it does not hyphenate, so the offset is where the slice starts).
fn wrap_with_offsets(text: &str, options: &textwrap::Options<'_>) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for line in textwrap::wrap(text, options) {
        let line = line.into_owned();
        let start = text[cursor..]
            .find(line.as_str())
            .map_or(cursor, |i| cursor + i);
        cursor = start + line.len();
        out.push((line, start));
    }
    out
}

/// Quotes and entity mentions in one paragraph, as byte ranges.
fn paragraph_marks(article: &Article, p: usize, paragraph: &str) -> Vec<(Range<usize>, Role)> {
    let mut marks = Vec::new();
    for e in &article.entities {
        for mention in &e.mentions {
            for (at, _) in paragraph.match_indices(mention.as_str()) {
                let before = paragraph[..at].chars().next_back();
                let after = paragraph[at + mention.len()..].chars().next();
                if before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
                {
                    marks.push((at..at + mention.len(), Role::Entity(e.kind)));
                }
            }
        }
    }
    for q in article.quotes.iter().filter(|q| q.paragraph == p) {
        // A quote continued over paragraphs runs to the end of its first paragraph.
        let end = if q.end <= paragraph.len() && q.start <= q.end {
            q.end
        } else {
            paragraph.len()
        };
        if q.start < paragraph.len() {
            marks.insert(0, (q.start..end, Role::Quote));
        }
    }
    marks
}

/// Case-insensitive occurrences of the search words in a line.
fn find_terms(line: &str, terms: &[String]) -> Vec<Range<usize>> {
    let lower = line.to_lowercase();
    if lower.len() != line.len() {
        // Lower-casing changed byte lengths (rare scripts): skip marking rather than mis-mark.
        return Vec::new();
    }
    let mut out = Vec::new();
    for term in terms.iter().filter(|t| t.len() >= 2) {
        for (at, _) in lower.match_indices(term.as_str()) {
            out.push(at..at + term.len());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::article::{Entity, Quote};
    use crate::tui::reader::*;

    fn article() -> Article {
        Article {
            headline: "Ministers agree on a grain corridor after long talks".into(),
            published: Some("2025-06-19".into()),
            paragraphs: vec![
                "Lars Henriksen said the corridor would open in July, after talks in Oslo.".into(),
                "“We have waited long enough for this,” Henriksen said on Thursday.".into(),
            ],
            quotes: vec![Quote {
                text: "We have waited long enough for this,".into(),
                speaker: Some("Lars Henriksen".into()),
                partial: false,
                paragraph: 1,
                start: 3,
                end: 39,
            }],
            entities: vec![Entity {
                name: "Lars Henriksen".into(),
                kind: EntityKind::Person,
                mentions: vec!["Lars Henriksen".into(), "Henriksen".into()],
                count: 2,
                canonical: None,
            }],
            ..Article::default()
        }
    }

    #[test]
    fn wraps_to_the_measure_and_marks_quotes_entities_and_matches() {
        let doc = layout(
            &article(),
            200,
            30,
            &["corridor".to_string()],
            &Head::default(),
        );
        assert_eq!(doc.width, 30);
        assert!(
            doc.lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.text.as_str()) <= 30)
        );
        assert!(
            doc.lines
                .iter()
                .any(|l| l.marks.iter().any(|(_, r)| *r == Role::Quote))
        );
        assert!(doc.lines.iter().any(|l| {
            l.marks
                .iter()
                .any(|(_, r)| *r == Role::Entity(EntityKind::Person))
        }));
        assert!(
            doc.match_lines.len() >= 2,
            "headline and body mention the corridor"
        );
        let quote_line = &doc.lines[doc.quote_lines[0]];
        assert!(quote_line.text.contains("We have"), "{quote_line:?}");
    }

    #[test]
    fn narrow_panes_still_lay_out() {
        let doc = layout(&article(), 3, 80, &[], &Head::default());
        assert_eq!(doc.width, 10);
        assert!(!doc.lines.is_empty());
    }

    #[test]
    fn banners_stand_above_the_headline_and_the_version_joins_the_metadata() {
        let mut a = article();
        a.wire.advisory = Some("(Adds Henriksen quote)".into());
        let head = Head {
            banners: vec![("KILLED — withdrawn".into(), Role::Warning)],
            version: Some("version 2 of 3".into()),
        };
        let doc = layout(&a, 80, 80, &[], &head);
        assert_eq!(doc.lines[0].text, "KILLED — withdrawn");
        assert_eq!(
            doc.lines[0].marks,
            vec![(0..doc.lines[0].text.len(), Role::Warning)]
        );
        assert_eq!(doc.lines[1].text, "");
        assert!(doc.lines[2].text.starts_with("Ministers agree"));
        assert_eq!(doc.lines[3].text, "2025-06-19 · version 2 of 3");
        assert_eq!(doc.lines[4].text, "(Adds Henriksen quote)");
        let quote_line = &doc.lines[doc.quote_lines[0]];
        assert!(
            quote_line.text.contains("We have"),
            "quotes still land: {quote_line:?}"
        );
        let said = Head {
            banners: vec![("CORRECTED — (Adds Henriksen quote)".into(), Role::Notice)],
            version: None,
        };
        let doc = layout(&a, 80, 80, &[], &said);
        assert!(
            !doc.lines.iter().any(|l| l.text == "(Adds Henriksen quote)"),
            "the banner said it already"
        );
    }

    #[test]
    fn control_characters_never_reach_the_screen() {
        let mut a = article();
        a.paragraphs[0] = "Evil \u{1b}[2J text \u{7}".into();
        let doc = layout(&a, 80, 80, &[], &Head::default());
        assert!(
            doc.lines
                .iter()
                .all(|l| !l.text.chars().any(char::is_control))
        );
    }
}
