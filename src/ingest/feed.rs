//! Syndication feeds: RSS 2.0 (and RSS 1.0/RDF) `<item>`s and Atom `<entry>`s, one article
//! each.
//!
//! The XML is read with quick-xml into a small element tree, kept here so that this module
//! stands alone. DTD entities are never expanded (a `<!DOCTYPE>` is skipped, and an entity it
//! would define stays as written); nesting is limited; a file that ends inside an element is
//! an error naming that element. The HTML in descriptions and contents goes through
//! [`html::paragraphs`]; dateline, headline fallback, id and extraction are left to
//! `ingest::finish`.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{agencies, dates, html};
use crate::article::{Article, Format, Source, WireMeta};

/// Deeper than any real feed; a guard against hostile input, not a format rule.
const MAX_DEPTH: usize = 64;

pub fn parse(text: &str, _path: &str) -> Result<Vec<Article>, String> {
    let root = read_tree(text)?;
    match root.local() {
        "rss" | "RDF" => parse_rss(&root),
        "feed" => parse_atom(&root, text),
        other => Err(format!(
            "expected an <rss> or Atom <feed> root element, found <{other}>"
        )),
    }
}

/// One XML element: its name as written (`dc:creator`), attributes, child elements, the text
/// directly inside it (entities resolved, CDATA included) and the byte range of its content in
/// the source, for Atom `type="xhtml"` content.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
    inner: Range<usize>,
}

impl Element {
    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// Whether this element is `name`: the same qualified name, or for an unprefixed `name`
    /// the same local name under an `atom:` prefix.
    fn is(&self, name: &str) -> bool {
        self.name == name || (!name.contains(':') && self.name.strip_prefix("atom:") == Some(name))
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(name))
    }

    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(name))
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// All the text inside, child elements included, white space folded.
    fn all_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        crate::text::fold_whitespace(&out)
    }

    /// The text inside with its own line breaks, for plain-text content.
    fn all_text_lines(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        out.push_str(&self.text);
        for child in &self.children {
            out.push(' ');
            child.collect_text(out);
        }
    }

    /// The trimmed text of child `name`, if it has any.
    fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(Element::all_text)
            .filter(|t| !t.is_empty())
    }
}

/// Reads the document into a tree, refusing DTD expansion, deep nesting and truncation.
fn read_tree(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = position(&reader);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                return Err(xml_error(text, &stack, position(&reader), &err.to_string()));
            }
        };
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "elements nested more than {MAX_DEPTH} deep (line {})",
                        line_of(text, before)
                    ));
                }
                let mut element = open(&start);
                let after = position(&reader);
                element.inner = after..after;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = open(&start);
                attach(&mut stack, &mut root, element, text, before)?;
            }
            Event::End(_) => {
                if let Some(mut element) = stack.pop() {
                    element.inner.end = before;
                    attach(&mut stack, &mut root, element, text, before)?;
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let name = r.xml10_content();
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        top.text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        top.text.push_str(s);
                    } else {
                        // Not expanded: an HTML entity is decoded later with the HTML,
                        // anything a DTD would define stays as written.
                        top.text.push('&');
                        top.text.push_str(&name);
                        top.text.push(';');
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "the XML ends inside <{}> (opened on line {}): the file looks truncated",
            open.name,
            line_of(text, open.inner.start)
        ));
    }
    root.ok_or_else(|| "no XML elements found".to_string())
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn xml_error(text: &str, stack: &[Element], at: usize, message: &str) -> String {
    let rest = text.get(at..).unwrap_or("");
    // An error at or near the end of the input means the file was cut short.
    if let Some(open) = stack.last()
        && (rest.trim().is_empty() || !rest.contains('>'))
    {
        return format!(
            "the XML ends inside <{}> (opened on line {}): the file looks truncated",
            open.name,
            line_of(text, open.inner.start)
        );
    }
    format!("{message} (line {})", line_of(text, at))
}

fn line_of(text: &str, at: usize) -> usize {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].matches('\n').count() + 1
}

fn open(start: &BytesStart<'_>) -> Element {
    let attrs = start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), Cow::into_owned);
            (a.key.as_ref().to_string(), value)
        })
        .collect();
    Element {
        name: start.name().as_ref().to_string(),
        attrs,
        ..Element::default()
    }
}

fn attach(
    stack: &mut [Element],
    root: &mut Option<Element>,
    element: Element,
    text: &str,
    at: usize,
) -> Result<(), String> {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(element);
    } else if root.is_none() {
        *root = Some(element);
    } else {
        return Err(format!(
            "a second root element <{}> (line {})",
            element.name,
            line_of(text, at)
        ));
    }
    Ok(())
}

fn parse_rss(root: &Element) -> Result<Vec<Article>, String> {
    let channel = root.child("channel");
    // RSS 2.0 puts items in the channel, RSS 1.0 (RDF) beside it.
    let items: Vec<&Element> = channel
        .into_iter()
        .flat_map(|c| c.children_named("item"))
        .chain(root.children_named("item"))
        .collect();
    if items.is_empty() {
        return Err("the feed has no <item> elements".into());
    }
    let feed_agency = channel.and_then(|c| {
        [
            "title",
            "generator",
            "dc:publisher",
            "copyright",
            "dc:rights",
        ]
        .iter()
        .find_map(|f| c.child_text(f).and_then(|t| known_agency(&t)))
    });
    let language = channel.and_then(|c| {
        c.child_text("language")
            .or_else(|| c.child_text("dc:language"))
    });
    Ok(items
        .into_iter()
        .map(|item| rss_item(item, feed_agency.clone(), language.clone()))
        .collect())
}

fn rss_item(item: &Element, feed_agency: Option<String>, language: Option<String>) -> Article {
    let body = item
        .child_text("content:encoded")
        .or_else(|| item.child_text("description"))
        .map(|b| markup_paragraphs(&b))
        .unwrap_or_default();
    let byline = item
        .child_text("dc:creator")
        .or_else(|| item.child_text("author").map(|a| rss_author(&a)))
        .and_then(|b| clean_byline(&b));
    let published = ["pubDate", "dc:date", "published", "updated"]
        .iter()
        .find_map(|f| item.child_text(f).and_then(|t| dates::timestamp(&t)));
    let agency = item
        .child_text("source")
        .and_then(|s| known_agency(&s))
        .or(feed_agency);
    Article {
        source: Source {
            path: String::new(),
            format: Format::Rss,
            id: item.child_text("guid").or_else(|| item.child_text("link")),
        },
        headline: item
            .child_text("title")
            .map(|t| inline(&t))
            .unwrap_or_default(),
        published,
        agency,
        byline,
        paragraphs: body,
        wire: WireMeta {
            subjects: dedup(item.children_named("category").map(Element::all_text)),
            language: item.child_text("dc:language").or(language),
            ..WireMeta::default()
        },
        ..Article::default()
    }
}

/// RSS `author` is an e-mail address, often with the name in brackets:
/// `desk@example.com (Jane Example)`.
fn rss_author(author: &str) -> String {
    if let (Some(open), Some(close)) = (author.find('('), author.rfind(')'))
        && open < close
    {
        return author[open + 1..close].trim().to_string();
    }
    if author.contains('@') && !author.contains(' ') {
        return String::new();
    }
    author.to_string()
}

fn parse_atom(feed: &Element, source: &str) -> Result<Vec<Article>, String> {
    let entries: Vec<&Element> = feed.children_named("entry").collect();
    if entries.is_empty() {
        return Err("the feed has no <entry> elements".into());
    }
    let feed_agency = ["title", "generator", "rights", "subtitle"]
        .iter()
        .find_map(|f| feed.child_text(f).and_then(|t| known_agency(&t)))
        .or_else(|| {
            feed.children_named("author")
                .find_map(|a| a.child_text("name").and_then(|n| known_agency(&n)))
        });
    Ok(entries
        .into_iter()
        .map(|entry| atom_entry(entry, feed, source, feed_agency.clone()))
        .collect())
}

fn atom_entry(
    entry: &Element,
    feed: &Element,
    source: &str,
    feed_agency: Option<String>,
) -> Article {
    let body = entry
        .child("content")
        .filter(|c| c.attr("src").is_none())
        .map(|c| atom_text(c, source))
        .filter(|p| !p.is_empty())
        .or_else(|| entry.child("summary").map(|s| atom_text(s, source)))
        .unwrap_or_default();
    let authors: Vec<String> = entry
        .children_named("author")
        .filter_map(|a| a.child_text("name"))
        .filter_map(|n| clean_byline(&n))
        .collect();
    let published = ["published", "updated"]
        .iter()
        .find_map(|f| entry.child_text(f).and_then(|t| dates::timestamp(&t)));
    let entry_agency = entry
        .child("source")
        .and_then(|s| s.child_text("title"))
        .and_then(|t| known_agency(&t));
    Article {
        source: Source {
            path: String::new(),
            format: Format::Atom,
            id: entry.child_text("id"),
        },
        headline: entry
            .child("title")
            .map(|t| atom_text(t, source).join(" "))
            .unwrap_or_default(),
        published,
        agency: entry_agency.or(feed_agency),
        byline: (!authors.is_empty()).then(|| authors.join(", ")),
        paragraphs: body,
        wire: WireMeta {
            subjects: dedup(
                entry
                    .children_named("category")
                    .filter_map(|c| c.attr("term").or(c.attr("label")).map(str::to_string)),
            ),
            language: entry
                .attr("xml:lang")
                .or(feed.attr("xml:lang"))
                .map(str::to_string),
            ..WireMeta::default()
        },
        ..Article::default()
    }
}

/// An Atom text construct as paragraphs, by its `type`: `text` (the default), `html` (escaped
/// markup), or `xhtml` (markup inline, read from the source as written).
fn atom_text(element: &Element, source: &str) -> Vec<String> {
    match element.attr("type").unwrap_or("text") {
        "html" | "text/html" => html::paragraphs(&element.text),
        "xhtml" | "application/xhtml+xml" => {
            html::paragraphs(source.get(element.inner.clone()).unwrap_or(""))
        }
        _ => html::text_paragraphs(&element.all_text_lines()),
    }
}

/// RSS gives no type for descriptions: HTML when it looks like HTML, else plain text.
fn markup_paragraphs(text: &str) -> Vec<String> {
    if html::looks_like_html(text) {
        html::paragraphs(text)
    } else {
        html::text_paragraphs(text)
    }
}

/// A title that may carry HTML entities or a stray tag, as one line.
fn inline(text: &str) -> String {
    if html::looks_like_html(text) {
        html::paragraphs(text).join(" ")
    } else {
        html::unescape(text)
    }
}

fn clean_byline(name: &str) -> Option<String> {
    let name = html::unescape(name);
    let name = name
        .strip_prefix("By ")
        .or_else(|| name.strip_prefix("by "))
        .or_else(|| name.strip_prefix("BY "))
        .unwrap_or(&name)
        .trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The short name of an agency the text names: the whole text (`Reuters`), or one part of a
/// feed title split at ` - `, ` | `, `: ` and the like (`Reuters: World News`).
fn known_agency(text: &str) -> Option<String> {
    let text = html::unescape(text);
    agencies::lookup(&text)
        .or_else(|| {
            // Separators stand between spaces (or follow a colon), so `France-Presse` stays whole.
            let mut parts = text.clone();
            for sep in [" - ", " – ", " — ", " | ", " / ", ": ", ", "] {
                parts = parts.replace(sep, "\u{1}");
            }
            parts
                .split('\u{1}')
                .find_map(|part| agencies::lookup(part.trim()))
        })
        .map(str::to_string)
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = crate::text::fold_whitespace(&item);
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Reuters: Example News</title>
<item><title>Bridge opens &amp; traffic flows</title><guid>id-1</guid>
<pubDate>Tue, 04 Jun 2024 08:15:00 GMT</pubDate><dc:creator>By Jo Example</dc:creator>
<description><![CDATA[<p>First <b>para</b>.</p><p>Second.</p>]]></description>
<category>Transport</category></item>
<item><title>Second</title><link>http://x/2</link><description>Plain text.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let got = parse(RSS, "f.xml").unwrap();
        assert_eq!(got.len(), 2);
        let a = &got[0];
        assert_eq!(a.headline, "Bridge opens & traffic flows");
        assert_eq!(a.source.id.as_deref(), Some("id-1"));
        assert_eq!(a.published.as_deref(), Some("2024-06-04T08:15:00+00:00"));
        assert_eq!(a.byline.as_deref(), Some("Jo Example"));
        assert_eq!(a.paragraphs, vec!["First para.", "Second."]);
        assert_eq!(a.agency.as_deref(), Some("Reuters"));
        assert_eq!(a.wire.subjects, vec!["Transport"]);
        assert_eq!(got[1].source.id.as_deref(), Some("http://x/2"));
        assert_eq!(got[1].paragraphs, vec!["Plain text."]);
        assert_eq!(
            known_agency("Agence France-Presse - World").as_deref(),
            Some("AFP")
        );
        assert_eq!(known_agency("Example-Reuters Digest"), None);
    }

    #[test]
    fn atom_entries_and_xhtml() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Example wire</title>
<entry xml:lang="en"><title type="html">A &amp;lt;b&amp;gt; title</title><id>urn:1</id>
<updated>2024-06-04T08:15:00Z</updated><author><name>Jo Example</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Three.</p></div></content>
<category term="energy"/></entry></feed>"#;
        let got = parse(atom, "f.xml").unwrap();
        let a = &got[0];
        assert_eq!(a.source.format, Format::Atom);
        assert_eq!(a.headline, "A <b> title");
        assert_eq!(a.paragraphs, vec!["One & two.", "Three."]);
        assert_eq!(a.byline.as_deref(), Some("Jo Example"));
        assert_eq!(a.published.as_deref(), Some("2024-06-04T08:15:00Z"));
        assert_eq!(a.wire.subjects, vec!["energy"]);
        assert_eq!(a.wire.language.as_deref(), Some("en"));
        assert_eq!(a.agency, None);
    }

    #[test]
    fn truncated_names_the_open_element() {
        let err = parse("<rss><channel><item><title>Cut", "f.xml").unwrap_err();
        assert!(
            err.contains("<title>") && err.contains("truncated"),
            "{err}"
        );
        let err = parse("<rss><channel><item><ti", "f.xml").unwrap_err();
        assert!(err.contains("<item>"), "{err}");
    }

    #[test]
    fn dtd_entities_are_not_expanded() {
        let xml = r#"<!DOCTYPE rss [<!ENTITY boom "BOOM">]><rss><channel><item><title>a &boom; b</title><description>x</description></item></channel></rss>"#;
        let got = parse(xml, "f.xml").unwrap();
        assert!(!got[0].headline.contains("BOOM"), "{}", got[0].headline);
    }

    #[test]
    fn empty_feeds_and_deep_nesting() {
        let err = parse("<rss><channel><title>x</title></channel></rss>", "f.xml").unwrap_err();
        assert!(err.contains("no <item>"), "{err}");
        let err = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"></feed>"#,
            "f.xml",
        )
        .unwrap_err();
        assert!(err.contains("no <entry>"), "{err}");
        let deep = format!("<rss>{}{}</rss>", "<a>".repeat(100), "</a>".repeat(100));
        assert!(parse(&deep, "f.xml").unwrap_err().contains("nested"));
        assert!(parse("<html/>", "f.xml").unwrap_err().contains("<html>"));
    }

    #[test]
    fn authors_as_email() {
        assert_eq!(rss_author("desk@example.com (Jo Example)"), "Jo Example");
        assert_eq!(rss_author("desk@example.com"), "");
    }
}
