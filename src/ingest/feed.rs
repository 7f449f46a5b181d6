//! Syndication feeds: RSS 2.0 (and RSS 1.0/RDF) `<item>`s and Atom `<entry>`s, one draft
//! each, read from the one XML tree (`xml.rs`). The HTML in descriptions and contents goes
//! through [`html::paragraphs`].

use super::dates;
use super::draft::{Draft, Refused};
use super::html;
use super::xml::{self, Element};
use crate::article::web_address;
use crate::lexicon::agencies;

pub fn parse(text: &str) -> Result<Vec<Draft>, Refused> {
    let root = xml::parse(text)?;
    if root.is("rss") || root.is("RDF") {
        parse_rss(&root)
    } else if root.is("feed") {
        parse_atom(&root)
    } else if let Some(what) = xml::what_is(&root.name) {
        Err(Refused::NotAStory(what.to_string()))
    } else {
        Err(format!(
            "expected an <rss> or Atom <feed> root element, found <{}>",
            root.name
        )
        .into())
    }
}

fn parse_rss(root: &Element) -> Result<Vec<Draft>, Refused> {
    let channel = root.child("channel");
    // RSS 2.0 puts items in the channel, RSS 1.0 (RDF) beside it.
    let items: Vec<&Element> = channel
        .into_iter()
        .flat_map(|c| c.children_named("item"))
        .chain(root.children_named("item"))
        .collect();
    if items.is_empty() {
        return Err("the feed has no <item> elements".to_string().into());
    }
    let feed_agency = channel.and_then(|c| {
        ["title", "generator", "publisher", "copyright", "rights"]
            .iter()
            .find_map(|f| c.child_text(f).and_then(|t| known_agency(&t)))
    });
    let language = channel.and_then(|c| c.child_text("language"));
    Ok(items
        .into_iter()
        .map(|item| rss_item(item, feed_agency.as_deref(), language.as_deref()))
        .collect())
}

fn rss_item(item: &Element, feed_agency: Option<&str>, language: Option<&str>) -> Draft {
    let body = item
        .child("encoded")
        .or_else(|| item.child("description"))
        .map(|b| markup_paragraphs(&b.raw_text()))
        .unwrap_or_default();
    let mut draft = Draft {
        source_id: item.child_text("guid").or_else(|| item.child_text("link")),
        headline: item.child_text("title").map(|t| inline(&t)),
        paragraphs: body,
        ..Draft::default()
    };
    // The item's page; a guid that is a permalink when there is no link.
    draft.wire.link = item
        .child_text("link")
        .and_then(|l| web_address(&l))
        .or_else(|| {
            item.child("guid")
                .filter(|g| g.attr("isPermaLink") != Some("false"))
                .and_then(|g| web_address(&g.text()))
        });
    draft.meta.byline = item
        .child_text("creator")
        .or_else(|| item.child_text("author").map(|a| rss_author(&a)))
        .map(|b| html::unescape(&b))
        .filter(|b| !b.is_empty());
    draft.meta.published = ["pubDate", "date", "published", "updated"]
        .iter()
        .find_map(|f| item.child_text(f).and_then(|t| dates::timestamp(&t)));
    draft.meta.received = received(item);
    draft.meta.agency = item
        .child_text("source")
        .and_then(|s| known_agency(&s))
        .or_else(|| feed_agency.map(str::to_string));
    draft.wire.subjects = dedup(item.children_named("category").map(Element::text));
    draft.wire.language = item
        .child_text("language")
        .or_else(|| language.map(str::to_string));
    draft
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

fn parse_atom(feed: &Element) -> Result<Vec<Draft>, Refused> {
    let entries: Vec<&Element> = feed.children_named("entry").collect();
    if entries.is_empty() {
        return Err("the feed has no <entry> elements".to_string().into());
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
        .map(|entry| atom_entry(entry, feed, feed_agency.as_deref()))
        .collect())
}

fn atom_entry(entry: &Element, feed: &Element, feed_agency: Option<&str>) -> Draft {
    let body = entry
        .child("content")
        .filter(|c| c.attr("src").is_none())
        .map(atom_text)
        .filter(|p| !p.is_empty())
        .or_else(|| entry.child("summary").map(atom_text))
        .unwrap_or_default();
    let authors: Vec<String> = entry
        .children_named("author")
        .filter_map(|a| a.child_text("name"))
        .map(|n| html::unescape(&n))
        .filter(|n| !n.is_empty())
        .collect();
    let mut draft = Draft {
        source_id: entry.child_text("id"),
        headline: entry.child("title").map(|t| atom_text(t).join(" ")),
        paragraphs: body,
        ..Draft::default()
    };
    // The entry's page: its `alternate` link (the default rel).
    draft.wire.link = entry
        .children_named("link")
        .filter(|l| l.attr("rel").is_none_or(|r| r == "alternate"))
        .find_map(|l| l.attr("href").and_then(web_address));
    draft.meta.byline = (!authors.is_empty()).then(|| authors.join(", "));
    draft.meta.published = ["published", "updated"]
        .iter()
        .find_map(|f| entry.child_text(f).and_then(|t| dates::timestamp(&t)));
    draft.meta.received = received(entry);
    draft.meta.agency = entry
        .child("source")
        .and_then(|s| s.child_text("title"))
        .and_then(|t| known_agency(&t))
        .or_else(|| feed_agency.map(str::to_string));
    draft.wire.subjects = dedup(
        entry
            .children_named("category")
            .filter_map(|c| c.attr("term").or(c.attr("label")).map(str::to_string)),
    );
    draft.wire.language = entry.attr("lang").or(feed.attr("lang")).map(str::to_string);
    draft
}

/// When an item was last put on the wire: its own update time (Atom `updated`, RSS
/// `atom:updated` or `dc:modified`), when it gives one.
fn received(item: &Element) -> Option<String> {
    ["updated", "modified"]
        .iter()
        .find_map(|f| item.child_text(f).and_then(|t| dates::timestamp(&t)))
}

/// An Atom text construct as paragraphs, by its `type`: `text` (the default), `html` (escaped
/// markup), or `xhtml` (markup inline, read from the tree).
fn atom_text(element: &Element) -> Vec<String> {
    match element.attr("type").unwrap_or("text") {
        "html" | "text/html" => html::paragraphs(&element.raw_text()),
        "xhtml" | "application/xhtml+xml" => xml::body(element).paragraphs,
        _ => html::text_paragraphs(&element.raw_text()),
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

/// The short name of an agency a feed's title, source or rights names (`Reuters: World News`).
fn known_agency(text: &str) -> Option<String> {
    agencies::named_in(&html::unescape(text)).map(str::to_string)
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

    fn parsed(text: &str) -> Vec<Draft> {
        parse(text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn refused(text: &str) -> String {
        match parse(text) {
            Err(Refused::Malformed(why) | Refused::NotAStory(why)) => why,
            Ok(_) => panic!("parsed"),
        }
    }

    #[test]
    fn rss_items() {
        let got = parsed(RSS);
        assert_eq!(got.len(), 2);
        let d = &got[0];
        assert_eq!(d.headline.as_deref(), Some("Bridge opens & traffic flows"));
        assert_eq!(d.source_id.as_deref(), Some("id-1"));
        assert_eq!(
            d.meta.published.as_deref(),
            Some("2024-06-04T08:15:00+00:00")
        );
        assert_eq!(d.meta.byline.as_deref(), Some("By Jo Example"));
        assert_eq!(d.paragraphs, vec!["First para.", "Second."]);
        assert_eq!(d.meta.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.wire.subjects, vec!["Transport"]);
        assert_eq!(got[1].source_id.as_deref(), Some("http://x/2"));
        assert_eq!(d.wire.link, None, "a guid that is no address is no link");
        assert_eq!(got[1].wire.link.as_deref(), Some("http://x/2"));
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
<link rel="enclosure" href="https://x.example/a.jpg"/><link href="https://x.example/story/1"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Three.</p></div></content>
<category term="energy"/></entry></feed>"#;
        let got = parsed(atom);
        let d = &got[0];
        assert_eq!(d.headline.as_deref(), Some("A <b> title"));
        assert_eq!(d.paragraphs, vec!["One & two.", "Three."]);
        assert_eq!(d.meta.byline.as_deref(), Some("Jo Example"));
        assert_eq!(d.meta.published.as_deref(), Some("2024-06-04T08:15:00Z"));
        assert_eq!(d.wire.subjects, vec!["energy"]);
        assert_eq!(d.wire.language.as_deref(), Some("en"));
        assert_eq!(d.meta.agency, None);
        assert_eq!(d.wire.link.as_deref(), Some("https://x.example/story/1"));
    }

    #[test]
    fn truncated_names_the_open_element() {
        let err = refused("<rss><channel><item><title>Cut");
        assert!(
            err.contains("<title>") && err.contains("truncated"),
            "{err}"
        );
        let err = refused("<rss><channel><item><ti");
        assert!(err.contains("<item>"), "{err}");
    }

    #[test]
    fn dtd_entities_are_refused_as_everywhere() {
        let xml = r#"<!DOCTYPE rss [<!ENTITY boom "BOOM">]><rss><channel><item><title>a &boom; b</title><description>x</description></item></channel></rss>"#;
        let err = refused(xml);
        assert!(err.contains("DOCTYPE declares entities"), "{err}");
    }

    #[test]
    fn empty_feeds_and_deep_nesting() {
        let err = refused("<rss><channel><title>x</title></channel></rss>");
        assert!(err.contains("no <item>"), "{err}");
        let err = refused(r#"<feed xmlns="http://www.w3.org/2005/Atom"></feed>"#);
        assert!(err.contains("no <entry>"), "{err}");
        let deep = format!("<rss>{}{}</rss>", "<a>".repeat(300), "</a>".repeat(300));
        assert!(refused(&deep).contains("nest deeper"));
        assert!(refused("<html/>").contains("HTML page"));
    }

    #[test]
    fn authors_as_email() {
        assert_eq!(rss_author("desk@example.com (Jo Example)"), "Jo Example");
        assert_eq!(rss_author("desk@example.com"), "");
    }
}
