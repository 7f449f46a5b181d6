//! The one XML tree, for NITF, NewsML-G2, NewsML 1.2, RSS and Atom: built with quick-xml
//! (the only module that uses it) under one policy — a DOCTYPE that declares entities is
//! refused, never expanded; nesting is limited; a file cut short is reported with the element
//! left open — and one set of messages. Queries by local name, paragraph collection from story
//! bodies, and what a root element says the file is.

use std::sync::LazyLock;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use regex::Regex;

/// How deep elements may nest. Real wire copy stays far below; a hostile file does not.
pub const MAX_DEPTH: usize = 200;

/// A node of the tree: an element or a run of text (entities already decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element with its local name (prefix dropped) and attributes (local names too).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// Parses a whole document into its root element.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // The bottom of the stack is the document itself; entries remember where they opened.
    let mut stack: Vec<(Element, u64)> = vec![(Element::default(), 0)];
    loop {
        let at = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position().max(at);
                return Err(read_error(text, &stack, at, &e.to_string()));
            }
        };
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "elements nest deeper than {MAX_DEPTH} levels (at <{}>, line {})",
                        local(start.name().as_ref()),
                        line_at(text, at)
                    ));
                }
                stack.push((element_from(&start), at));
            }
            Event::Empty(start) => {
                let element = element_from(&start);
                top(&mut stack).children.push(Node::Element(element));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(format!(
                        "a closing tag with no open element (line {})",
                        line_at(text, at)
                    ));
                }
                if let Some((element, _)) = stack.pop() {
                    top(&mut stack).children.push(Node::Element(element));
                }
            }
            Event::Text(t) => push_text(top(&mut stack), &t.xml10_content()),
            Event::CData(c) => push_text(top(&mut stack), &c.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let decoded = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => predefined(&name),
                };
                // Any other entity would need the DTD: it stays as written, never expanded.
                match decoded {
                    Some(c) => push_text(top(&mut stack), c.encode_utf8(&mut [0; 4])),
                    None => push_text(top(&mut stack), &format!("&{name};")),
                }
            }
            Event::DocType(d) => {
                if d.xml10_content().to_ascii_uppercase().contains("<!ENTITY") {
                    return Err(format!(
                        "the DOCTYPE declares entities (line {}); entity definitions are refused, not expanded",
                        line_at(text, at)
                    ));
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if stack.len() > 1
        && let Some((open, at)) = stack.last()
    {
        return Err(truncated(text, open, *at));
    }
    let document = stack.pop().map(|(doc, _)| doc).unwrap_or_default();
    let mut roots = document.children.into_iter().filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    let root = roots
        .next()
        .ok_or_else(|| "no XML elements found".to_string())?;
    if let Some(second) = roots.next() {
        return Err(format!(
            "a second root element <{}> after <{}>",
            second.name, root.name
        ));
    }
    Ok(root)
}

fn truncated(text: &str, open: &Element, at: u64) -> String {
    format!(
        "the file ends inside <{}> (opened on line {}): is it truncated?",
        open.name,
        line_at(text, at)
    )
}

/// A reader error as the user should hear it: at or near the end of the input with an element
/// open, the file was cut short.
fn read_error(text: &str, stack: &[(Element, u64)], at: u64, message: &str) -> String {
    let rest = usize::try_from(at)
        .ok()
        .and_then(|at| text.get(at..))
        .unwrap_or("");
    if stack.len() > 1
        && let Some((open, opened)) = stack.last()
        && (rest.trim().is_empty() || !rest.contains('>'))
    {
        return truncated(text, open, *opened);
    }
    format!("{message} (line {})", line_at(text, at))
}

fn top(stack: &mut Vec<(Element, u64)>) -> &mut Element {
    if stack.is_empty() {
        stack.push((Element::default(), 0));
    }
    let last = stack.len() - 1;
    &mut stack[last].0
}

fn push_text(element: &mut Element, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(last)) = element.children.last_mut() {
        last.push_str(text);
    } else {
        element.children.push(Node::Text(text.to_string()));
    }
}

fn element_from(start: &BytesStart<'_>) -> Element {
    let attrs = start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = local(a.key.as_ref());
            (key, unescape(&a.value))
        })
        .collect();
    Element {
        name: local(start.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

/// The local part of a qualified name: `nitf:p` → `p`, `xml:lang` → `lang`.
fn local(name: &str) -> String {
    name.rsplit_once(':').map_or(name, |(_, l)| l).to_string()
}

fn line_at(text: &str, offset: u64) -> usize {
    let mut end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].matches('\n').count() + 1
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

/// Decodes the five predefined entities and character references; anything else stays as written.
pub fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(end) = after.find(';').filter(|e| *e <= 10)
            && let Some(c) = predefined(&after[..end])
        {
            out.push(c);
            rest = &after[end + 1..];
            continue;
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

impl Element {
    /// Whether the local name is `name`, ignoring ASCII case (`P` in HTML bodies, `HeadLine`).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A trimmed, non-empty attribute.
    pub fn attr_text(&self, name: &str) -> Option<String> {
        self.attr(name).map(fold).filter(|v| !v.is_empty())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(name))
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.is(name))
    }

    /// The first descendant named `name`, depth first.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for child in self.elements() {
            if child.is(name) {
                return Some(child);
            }
            if let Some(found) = child.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// Every descendant named `name`, in document order (not looking inside matches).
    pub fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for child in self.elements() {
            if child.is(name) {
                out.push(child);
            } else {
                child.collect(name, out);
            }
        }
    }

    /// All the text inside, as written (line breaks kept; `<br/>` becomes a space).
    pub fn raw_text(&self) -> String {
        let mut out = String::new();
        self.raw_into(&mut out, &|_| false);
        out
    }

    fn raw_into(&self, out: &mut String, skip: &dyn Fn(&Element) -> bool) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.is("br") => out.push(' '),
                Node::Element(e) if !skip(e) => e.raw_into(out, skip),
                Node::Element(_) => {}
            }
        }
    }

    /// The text inside with white space folded.
    pub fn text(&self) -> String {
        fold(&self.raw_text())
    }

    /// The text inside, leaving out descendants named in `skip`.
    pub fn text_without(&self, skip: &[&str]) -> String {
        let mut out = String::new();
        self.raw_into(&mut out, &|e| skip.iter().any(|s| e.is(s)));
        fold(&out)
    }

    /// The folded text of the first child named `name`, when it has any.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(Element::text)
            .filter(|t| !t.is_empty())
    }

    /// The folded text of the first descendant named `name`, when it has any.
    pub fn find_text(&self, name: &str) -> Option<String> {
        self.find_all(name)
            .into_iter()
            .map(Element::text)
            .find(|t| !t.is_empty())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|w| w.eq_ignore_ascii_case(class)))
    }
}

/// White space folded to single spaces, trimmed.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A story body: its paragraphs and, when the markup marks one, the dateline text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub paragraphs: Vec<String>,
    pub dateline: Option<String>,
}

/// Elements of a body that are not story text: page furniture, headings, media.
const NOT_TEXT: &[&str] = &[
    "head",
    "header",
    "footer",
    "title",
    "script",
    "style",
    "figure",
    "figcaption",
    "media",
    "hl1",
    "hl2",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "nav",
    "aside",
    "table",
];

/// The paragraphs of a body element (NITF `body.content`, an XHTML `body`, a NewsML
/// `DataContent`). `<p>` elements are the paragraphs; a body without any is read as text, and
/// text that holds escaped markup (CDATA HTML) is read as HTML.
pub fn body(root: &Element) -> Body {
    let mut body = Body::default();
    walk(root, &mut body);
    if body.paragraphs.is_empty() {
        let text = root.raw_text();
        body.paragraphs = if MARKUP.is_match(&text) {
            markup_paragraphs(&text)
        } else {
            plain_paragraphs(&text)
        };
    }
    body
}

fn walk(element: &Element, body: &mut Body) {
    for child in element.elements() {
        if NOT_TEXT.iter().any(|n| child.is(n)) {
            continue;
        }
        if child.is("p") {
            let mut raw = String::new();
            if body.dateline.is_none()
                && let Some(span) = dateline_span(child)
            {
                body.dateline = Some(span.text());
                child.raw_into(&mut raw, &|e| std::ptr::eq(e, span));
            } else {
                child.raw_into(&mut raw, &|_| false);
            }
            body.paragraphs.extend(split_preformatted(&raw));
        } else {
            walk(child, body);
        }
    }
}

fn dateline_span(p: &Element) -> Option<&Element> {
    p.elements().find_map(|e| {
        if e.has_class("dateline") {
            Some(e)
        } else {
            dateline_span(e)
        }
    })
}

static MARKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(?:p|div|br)(?-u:\b)[^>]*>").expect("markup regex"));
static BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?(?:p|div)(?-u:\b)[^>]*>").expect("block regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("tag regex"));
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("br regex"));

/// Paragraphs of HTML held as text (CDATA or escaped), read leniently: it need not be
/// well-formed, so it is split at block tags rather than parsed.
pub fn markup_paragraphs(html: &str) -> Vec<String> {
    let html = BR.replace_all(html, " ");
    BLOCK
        .split(&html)
        .flat_map(|chunk| split_preformatted(&unescape(&TAG.replace_all(chunk, ""))))
        .collect()
}

/// Paragraphs of plain text: blank lines separate them (and indented lines, in copy laid out
/// the teletype way).
pub fn plain_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").flat_map(split_preformatted).collect()
}

/// One paragraph's text, or several when it is pre-formatted wire copy: lines at the margin
/// continue a paragraph and an indented line starts one. Text whose every line is indented is
/// only pretty-printed XML, and stays one paragraph.
fn split_preformatted(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw.lines().collect();
    let later = lines.get(1..).unwrap_or_default();
    let indented = |l: &&str| l.starts_with("  ") || l.starts_with('\t');
    let has_indented = later.iter().any(|l| indented(l) && !l.trim().is_empty());
    let has_flush = later
        .iter()
        .any(|l| !l.is_empty() && !l.starts_with(char::is_whitespace));
    if !(has_indented && has_flush) {
        let one = fold(raw);
        return if one.is_empty() { vec![] } else { vec![one] };
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() || (i > 0 && indented(line)) {
            let done = fold(&current);
            if !done.is_empty() {
                out.push(done);
            }
            current.clear();
        }
        current.push(' ');
        current.push_str(line);
    }
    let done = fold(&current);
    if !done.is_empty() {
        out.push(done);
    }
    out
}

/// What a root element says the file is, when it is XML but no story: IPTC's own NewsML-G2
/// examples include planning, concept, knowledge and package items.
pub fn what_is(root: &str) -> Option<&'static str> {
    Some(match root.to_ascii_lowercase().as_str() {
        "planningitem" => "a NewsML-G2 planning item (a coverage plan)",
        "conceptitem" => "a NewsML-G2 concept item (an entry of a vocabulary)",
        "conceptset" => "a NewsML-G2 concept set (a vocabulary)",
        "knowledgeitem" => "a NewsML-G2 knowledge item (a set of concepts)",
        "packageitem" => {
            "a NewsML-G2 package item (a list of other items: import the news items it names)"
        }
        "catalog" => "a NewsML-G2 catalog (the codes of a vocabulary)",
        "html" => "an HTML page",
        "svg" => "an SVG image",
        "opml" => "an OPML list of feeds (import the feeds themselves)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_and_attributes() {
        let root = parse(r#"<n:a xmlns:n="u" xml:lang="en"><n:b k="1 &amp; 2"/></n:a>"#).unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("lang"), Some("en"));
        assert_eq!(root.child("B").and_then(|b| b.attr("k")), Some("1 & 2"));
    }

    #[test]
    fn only_predefined_and_numeric_entities() {
        let root = parse("<a>&lt;x&gt; &#233;&#x41; &nbsp;</a>").unwrap();
        assert_eq!(root.text(), "<x> éA &nbsp;");
        assert_eq!(unescape("a &amp;&amp; b &bogus; &#39;"), "a && b &bogus; '");
    }

    #[test]
    fn refuses_entity_declarations() {
        let err = parse("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>").unwrap_err();
        assert!(err.contains("DOCTYPE declares entities"), "{err}");
    }

    #[test]
    fn truncation_names_the_open_element() {
        let err = parse("<a>\n<b>\n<c>text").unwrap_err();
        assert!(
            err.contains("<c> (opened on line 3)") && err.contains("truncated"),
            "{err}"
        );
    }

    #[test]
    fn depth_is_limited() {
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        let err = parse(&deep).unwrap_err();
        assert!(err.contains("nest deeper"), "{err}");
    }

    #[test]
    fn inline_markup_joins_and_br_is_a_space() {
        let root = parse("<p>One <b>bold</b>word<br/>next</p>").unwrap();
        assert_eq!(root.text(), "One boldword next");
    }

    #[test]
    fn dateline_span_is_taken_out() {
        let root = parse(
            r#"<body><header><p>Kicker</p></header><p><span class="dateline">Lyon (XA) - </span>Text here.</p><p>Two.</p></body>"#,
        )
        .unwrap();
        let b = body(&root);
        assert_eq!(b.dateline.as_deref(), Some("Lyon (XA) -"));
        assert_eq!(b.paragraphs, ["Text here.", "Two."]);
    }

    #[test]
    fn preformatted_copy_splits_at_indented_lines() {
        let raw = "First line\ncontinues here.\n    Second para\ncontinues.\n    Third.";
        assert_eq!(
            split_preformatted(raw),
            [
                "First line continues here.",
                "Second para continues.",
                "Third."
            ]
        );
        let pretty = "One sentence\n        wrapped by an indenting printer.";
        assert_eq!(split_preformatted(pretty).len(), 1);
    }

    #[test]
    fn cdata_html_paragraphs() {
        let ps = markup_paragraphs("<P>One &amp; two.</P>\n<P> </P><P>Three<br>four</P>");
        assert_eq!(ps, ["One & two.", "Three four"]);
    }

    #[test]
    fn a_cut_tag_names_the_element_left_open() {
        let err = parse("<rss><channel><item><ti").unwrap_err();
        assert!(err.contains("<item>") && err.contains("truncated"), "{err}");
        let err = parse("<a/><b/>").unwrap_err();
        assert!(err.contains("second root"), "{err}");
    }

    #[test]
    fn roots_that_are_no_story() {
        assert!(what_is("planningItem").unwrap().contains("planning item"));
        assert!(what_is("packageItem").unwrap().contains("package item"));
        assert_eq!(what_is("nitf"), None);
    }
}
