//! A story as reflowed plain text for a given width: what `dateline show` prints, opened by
//! its notices (killed, corrected, embargoed, a newer version) when it has any.

use std::fmt::Write as _;

use textwrap::{Options, WordSeparator, WordSplitter};

use crate::article::Article;

/// The metadata line: date · dateline · agency · byline.
pub fn metadata_line(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(date) = article.date() {
        parts.push(date.to_string());
    }
    if let Some(d) = &article.dateline {
        match (&d.place, &d.region) {
            (Some(p), Some(r)) => parts.push(format!("{p}, {r}")),
            (Some(p), None) => parts.push(p.clone()),
            _ => {}
        }
    }
    if let Some(agency) = article.agency_name() {
        parts.push(agency.to_string());
    }
    if let Some(byline) = &article.byline {
        parts.push(format!("By {byline}"));
    }
    parts.join(" · ")
}

/// How story text is wrapped to `width` columns everywhere (the reader, `show`): lines break
/// only at spaces, never after a hyphen or a slash inside a word, so `Kim Jong-un`,
/// `Russian-Korean` and paths stay whole; only a word longer than the line is cut.
pub fn wrap_options(width: usize) -> Options<'static> {
    Options::new(width)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
}

/// What copy without a headline of its own would otherwise say twice: its headline is its
/// lead sentence (the parser derived it), and the photo caption often says it again. The
/// reader and `show` say it once, as the headline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Repeats {
    /// The first paragraph is the headline (and holds no quote): it is not shown again.
    pub lead: bool,
    /// The caption's text says what the headline says: only its credit is shown.
    pub caption: bool,
}

impl Repeats {
    pub fn of(article: &Article) -> Repeats {
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let headline = words(&article.headline);
        if headline.len() < 4 {
            return Repeats::default();
        }
        let lead = article.paragraphs.first().is_some_and(|first| {
            words(first) == headline && !article.quotes.iter().any(|q| q.paragraph == 0)
        });
        // Every word of the headline in the caption, and little else (a date, a credit).
        let caption = article.caption.as_ref().is_some_and(|c| {
            let caption = words(&c.text);
            headline.iter().all(|w| caption.contains(w)) && caption.len() <= headline.len() * 3 / 2
        });
        Repeats { lead, caption }
    }
}

/// The whole story wrapped to `width` columns: headline, metadata, caption, paragraphs,
/// then credits and the story's id and source.
pub fn plain_text(article: &Article, width: usize) -> String {
    let width = width.max(20);
    let options = wrap_options(width);
    let mut out = String::new();
    let block = |text: &str, out: &mut String| {
        for line in textwrap::wrap(text, &options) {
            let _ = writeln!(out, "{line}");
        }
    };
    block(&article.headline, &mut out);
    let meta = metadata_line(article);
    if !meta.is_empty() {
        block(&meta, &mut out);
    }
    let repeats = Repeats::of(article);
    if let Some(caption) = caption_text(article, repeats) {
        out.push('\n');
        block(&format!("[{caption}]"), &mut out);
    }
    for paragraph in article.paragraphs.iter().skip(usize::from(repeats.lead)) {
        out.push('\n');
        block(paragraph, &mut out);
    }
    let wire = wire_line(article);
    if !wire.is_empty() {
        out.push('\n');
        block(&wire, &mut out);
    }
    if !article.credits.is_empty() || !article.editor_codes.is_empty() {
        out.push('\n');
        for credit in &article.credits {
            block(credit, &mut out);
        }
        if !article.editor_codes.is_empty() {
            block(
                &format!("Codes: {}", article.editor_codes.join(" ")),
                &mut out,
            );
        }
    }
    out.push('\n');
    block(
        &format!(
            "id {} · {} ({})",
            article.id, article.source.path, article.source.format
        ),
        &mut out,
    );
    out
}

/// The story for pasting elsewhere: headline, metadata, caption and each paragraph on a line
/// of its own (unwrapped: the place it is pasted into wraps it), blank lines between, then the
/// credits.
pub fn unwrapped_text(article: &Article) -> String {
    let mut blocks = vec![article.headline.clone()];
    let meta = metadata_line(article);
    if !meta.is_empty() {
        blocks.push(meta);
    }
    if let Some(caption) = &article.caption {
        let credit = caption
            .credit
            .as_ref()
            .map(|c| format!(" (Photo: {c})"))
            .unwrap_or_default();
        blocks.push(format!("[{}{credit}]", caption.text));
    }
    blocks.extend(article.paragraphs.iter().cloned());
    blocks.extend(article.credits.iter().cloned());
    let mut out = blocks
        .into_iter()
        .filter(|b| !b.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}

/// [`plain_text`] opened by notices (`*** KILLED: … ***`, `EMBARGOED until …`, a newer
/// version), each wrapped to the width, then a blank line.
pub fn with_notices(notices: &[String], article: &Article, width: usize) -> String {
    let options = wrap_options(width.max(20));
    let mut out = String::new();
    for notice in notices {
        for line in textwrap::wrap(notice, &options) {
            let _ = writeln!(out, "{line}");
        }
    }
    if !notices.is_empty() {
        out.push('\n');
    }
    out.push_str(&plain_text(article, width));
    out
}

/// What the wire calls copy of urgency `u` when it is urgent (the list marks 1-2 `!!` and 3
/// `!`).
pub fn urgency_name(u: u8) -> Option<&'static str> {
    match u {
        1 => Some("flash"),
        2 => Some("bulletin"),
        3 => Some("urgent"),
        _ => None,
    }
}

/// The caption as shown: its text and its credit (`… (Photo: X)`), or the credit alone when
/// the text repeats the headline; `None` when there is nothing to show.
pub fn caption_text(article: &Article, repeats: Repeats) -> Option<String> {
    let caption = article.caption.as_ref()?;
    let credit = caption.credit.as_deref().filter(|c| !c.trim().is_empty());
    let text = Some(caption.text.trim()).filter(|t| !t.is_empty() && !repeats.caption);
    match (text, credit) {
        (Some(text), Some(credit)) => Some(format!("{text} (Photo: {credit})")),
        (Some(text), None) => Some(text.to_string()),
        (None, Some(credit)) => Some(format!("Photo: {credit}")),
        (None, None) => None,
    }
}

/// The credits and the editor codes in one line (`Reporting by … · Codes: ABC/DEF`).
#[cfg_attr(not(feature = "tui"), allow(dead_code))]
pub(crate) fn credits_line(article: &Article) -> String {
    let mut parts: Vec<String> = article.credits.clone();
    if !article.editor_codes.is_empty() {
        parts.push(format!("Codes: {}", article.editor_codes.join(" ")));
    }
    parts.join(" · ")
}

/// Wire metadata in one line: urgency, slug, version, embargo, subjects, editor's note.
pub(crate) fn wire_line(article: &Article) -> String {
    wire_parts(article, true).join(" · ")
}

/// The parts of [`wire_line`]; the version's only `with_version` (the reader says it
/// already, as its place in the story's chain).
pub(crate) fn wire_parts(article: &Article, with_version: bool) -> Vec<String> {
    let w = &article.wire;
    let mut parts = Vec::new();
    if let Some(u) = w.urgency {
        match urgency_name(u) {
            Some(name) => parts.push(format!("Urgency {u} ({name})")),
            None => parts.push(format!("Urgency {u}")),
        }
    }
    if let Some(s) = &w.slugline {
        parts.push(format!("Slug {s}"));
    }
    if let Some(v) = w.version.as_ref().filter(|_| with_version) {
        parts.push(format!("Version {v}"));
    }
    if let Some(e) = &w.embargo {
        parts.push(format!("Embargoed until {e}"));
    }
    if !w.subjects.is_empty() {
        parts.push(format!("Subjects: {}", w.subjects.join(", ")));
    }
    if let Some(n) = &w.ednote {
        parts.push(format!("Editor's note: {n}"));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_headline_is_said_once() {
        use crate::article::Caption;
        let lead = "Ministers of two port cities met in Velmar on Monday to sign a ferry pact";
        let mut article = Article {
            headline: lead.into(),
            caption: Some(Caption {
                text: format!("{lead}, June 3, 2024"),
                credit: Some("Example Agency".into()),
            }),
            paragraphs: vec![format!("{lead}."), "The pact runs ten years.".into()],
            ..Article::default()
        };
        let text = plain_text(&article, 200);
        assert_eq!(text.matches("Ministers of two").count(), 1, "{text}");
        assert!(text.contains("[Photo: Example Agency]"), "{text}");
        assert!(text.contains("The pact runs ten years."));
        // A headline of its own, or a caption saying more, is shown as it is.
        article.headline = "Ferry pact signed".into();
        let text = plain_text(&article, 200);
        assert_eq!(text.matches("Ministers of two").count(), 2, "{text}");
        assert_eq!(Repeats::of(&article), Repeats::default());
    }

    #[test]
    fn lines_break_only_at_spaces_never_inside_a_name() {
        let text = "Leaders met as Kim Jong-un hailed Russian-Korean ties in /srv/wires/in/today";
        for width in 20..=40 {
            let lines: Vec<String> = textwrap::wrap(text, wrap_options(width))
                .into_iter()
                .map(String::from)
                .collect();
            assert!(
                lines.iter().all(|l| !l.ends_with('-') && !l.ends_with('/')),
                "{width}: {lines:?}"
            );
            assert!(
                lines.iter().any(|l| l.contains("Jong-un"))
                    && lines.iter().any(|l| l.contains("Russian-Korean")),
                "{width}: {lines:?}"
            );
        }
    }
    use crate::article::Dateline;

    #[test]
    fn wraps_every_line_to_the_width() {
        let article = Article {
            id: "abc123abc123".into(),
            headline: "Ministers agree on a long grain corridor deal after all-night talks".into(),
            published: Some("2025-06-19".into()),
            dateline: Some(Dateline {
                place: Some("MOSCOW".into()),
                agency: Some("Reuters".into()),
                text: "MOSCOW, June 19 (Reuters) -".into(),
                ..Dateline::default()
            }),
            paragraphs: vec!["Ministers agreed on Thursday to extend the corridor for a year, officials said, after talks that ran through the night.".into()],
            ..Article::default()
        };
        let text = plain_text(&article, 30);
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30),
            "{text}"
        );
        assert!(text.contains("2025-06-19 · MOSCOW · Reuters"));
    }

    #[test]
    fn notices_open_the_story() {
        let article = Article {
            headline: "Quake".into(),
            paragraphs: vec!["A quake hit.".into()],
            ..Article::default()
        };
        let text = with_notices(
            &[
                "*** KILLED: this story is withdrawn and must not be used ***".into(),
                "A newer version exists.".into(),
            ],
            &article,
            30,
        );
        assert!(
            text.starts_with("*** KILLED: this story is\nwithdrawn and must not be used\n***\nA newer version exists.\n\nQuake\n"),
            "{text}"
        );
        assert_eq!(with_notices(&[], &article, 30), plain_text(&article, 30));
    }

    #[test]
    fn wire_metadata_is_shown() {
        let article = Article {
            headline: "Quake".into(),
            paragraphs: vec!["A quake hit.".into()],
            wire: crate::article::WireMeta {
                urgency: Some(2),
                slugline: Some("QUAKE-COAST".into()),
                subjects: vec!["disaster".into()],
                ..crate::article::WireMeta::default()
            },
            ..Article::default()
        };
        let text = plain_text(&article, 80);
        assert!(
            text.contains("Urgency 2 (bulletin) · Slug QUAKE-COAST · Subjects: disaster"),
            "{text}"
        );
        let md = crate::export::markdown(&article);
        assert!(
            md.contains("urgency: \"2\"") && md.contains("slugline: \"QUAKE-COAST\""),
            "{md}"
        );
    }
}
