//! HTML in story bodies (ninjs `body_html`, RSS `description`, Atom `content type="html"`) to
//! plain paragraphs: one string per block, white space folded, no markup, no empty paragraphs.
//!
//! html2text does the HTML parsing and entity decoding; it renders blocks separated by blank
//! lines, which is where paragraphs are cut. The trivial decorator adds no `[link]` brackets,
//! `*emphasis*` or list bullets, so only the words are left.

use html2text::render::TrivialDecorator;

/// Wide enough that html2text never wraps a paragraph; lines are folded back anyway.
const WIDTH: usize = 1_000_000;

/// The paragraphs of an HTML fragment or document. Markup that does not parse as a paragraph
/// structure (a bare run of text) gives one paragraph.
pub fn paragraphs(html: &str) -> Vec<String> {
    let rendered = if too_deep(html) { None } else { render(html) };
    let Some(text) = rendered else {
        // html2text fails only on pathological input, and slows down badly on very deep
        // nesting; either way, fall back to the text without tags.
        return strip_tags(html)
            .split("\n\n")
            .map(unescape)
            .filter(|p| !p.is_empty())
            .collect();
    };
    split_blocks(&text)
}

/// Plain text that may carry HTML entities (`AT&amp;T`, `&#8220;`, `&nbsp;`): the entities
/// decoded, white space folded. Angle brackets are kept as the text has them.
pub fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return crate::text::fold_whitespace(text);
    }
    // Escaping `<` and `>` first makes html2text read the whole string as text, so it decodes
    // every named entity HTML knows without treating anything as a tag.
    let escaped = format!("<p>{}</p>", text.replace('<', "&lt;").replace('>', "&gt;"));
    render(&escaped).map_or_else(
        || crate::text::fold_whitespace(text),
        |t| crate::text::fold_whitespace(&t),
    )
}

/// Plain text to paragraphs: blank lines separate them when the text has any (single line
/// breaks are then wrapping), else every line is one.
pub fn text_paragraphs(text: &str) -> Vec<String> {
    let has_blank = text.lines().any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() || !has_blank {
            current.push(' ');
            current.push_str(line);
            let folded = unescape(&current);
            if !folded.is_empty() {
                out.push(folded);
            }
            current.clear();
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    let folded = unescape(&current);
    if !folded.is_empty() {
        out.push(folded);
    }
    out
}

/// Whether `text` looks like HTML rather than plain text: it has a tag html2text would act on.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p>",
        "<p ",
        "<br",
        "<div",
        "<span",
        "<a ",
        "<em>",
        "<strong>",
        "<b>",
        "<i>",
        "<ul",
        "<ol",
        "<li",
        "<h1",
        "<h2",
        "<h3",
        "<blockquote",
        "<section",
        "<article",
        "<html",
        "<body",
        "<table",
        "</",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

fn render(html: &str) -> Option<String> {
    html2text::config::with_decorator(TrivialDecorator::new())
        // Table cells as plain lines, without the box-drawing borders.
        .raw_mode(true)
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), WIDTH)
        .ok()
}

/// Deeper element nesting than any story needs; html2text's time grows fast with depth.
const MAX_DEPTH: usize = 500;

/// Whether open tags nest deeper than [`MAX_DEPTH`], by a rough scan of the tags (void and
/// self-closed elements do not count).
fn too_deep(html: &str) -> bool {
    const VOID: &[&str] = &[
        "br", "img", "hr", "meta", "link", "input", "source", "wbr", "col", "area", "base",
        "embed", "param", "track",
    ];
    let mut depth: usize = 0;
    for tag in html.split('<').skip(1) {
        let Some(end) = tag.find('>') else { continue };
        let tag = &tag[..end];
        if let Some(rest) = tag.strip_prefix('/') {
            if !rest.is_empty() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return true;
        }
    }
    false
}

/// Blocks are separated by blank lines; lines inside a block (from `<br>` or the source's own
/// line breaks) are joined with a space.
fn split_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            push_block(&mut out, &mut current);
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    push_block(&mut out, &mut current);
    out
}

fn push_block(out: &mut Vec<String>, current: &mut String) {
    let folded = crate::text::fold_whitespace(current);
    if !folded.is_empty() {
        out.push(folded);
    }
    current.clear();
}

/// Tags removed by hand, block ends turned into paragraph breaks; only for the fallback.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name = tag.trim_start_matches('/').to_ascii_lowercase();
                if name.starts_with('p') || name.starts_with("br") || name.starts_with("div") {
                    out.push_str("\n\n");
                }
            }
            c if in_tag => tag.push(c),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_blocks_without_markup() {
        let html = "<p>First <b>bold</b> and\n<a href='x'>linked</a> words.</p>\n\n<p>  </p><p>Second&nbsp;one &amp; more.</p><div>Third<br>line</div>";
        assert_eq!(
            paragraphs(html),
            vec![
                "First bold and linked words.",
                "Second one & more.",
                "Third line"
            ]
        );
    }

    #[test]
    fn bare_text_is_one_paragraph() {
        assert_eq!(paragraphs("Just  words"), vec!["Just words"]);
        assert!(paragraphs("<p></p>").is_empty());
    }

    #[test]
    fn list_items_and_headings_keep_their_words() {
        let got = paragraphs("<h2>Sub head</h2><ul><li>one</li><li>two</li></ul>");
        assert!(got.concat().contains("Sub head"));
        assert!(got.iter().all(|p| !p.contains('*') && !p.contains('#')));
    }

    #[test]
    fn tables_without_borders_and_deep_nesting() {
        let got = paragraphs("<table><tr><td>Team</td><td>Goals</td></tr></table><p>After.</p>");
        assert!(
            got.iter().all(|p| !p.contains('│') && !p.contains('─')),
            "{got:?}"
        );
        assert!(got.concat().contains("Goals"));
        let deep = format!("{}deep{}", "<div>".repeat(2000), "</div>".repeat(2000));
        assert_eq!(paragraphs(&deep), vec!["deep"]);
        assert!(!too_deep("<p>a<br>b<img src=x/></p>"));
    }

    #[test]
    fn entities_in_plain_text() {
        assert_eq!(
            unescape("AT&amp;T says &#8220;no&#8221; &lt;b&gt; x<y"),
            "AT&T says \u{201c}no\u{201d} <b> x<y"
        );
        assert_eq!(unescape("  plain   text "), "plain text");
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<p>x</p>"));
        assert!(!looks_like_html("a < b and c > d"));
    }
}
