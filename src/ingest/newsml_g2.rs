//! IPTC NewsML-G2: a newsMessage's itemSet or a bare newsItem, one article per text item.
//! itemMeta and contentMeta give the metadata; the body is inline NITF, XHTML or text.
//! Picture and other media items are skipped.

use super::nitf;
use super::xml::{self, Element};
use crate::article::{Article, Caption, Format, Source};

pub fn parse(text: &str, path: &str) -> Result<Vec<Article>, String> {
    let root = xml::parse(text)?;
    let items: Vec<&Element> = if root.is("newsItem") {
        vec![&root]
    } else {
        root.find_all("newsItem")
    };
    if items.is_empty() {
        return Err(format!("<{}> holds no newsItem", root.name));
    }
    let articles: Vec<Article> = items.iter().filter_map(|i| item(i, path)).collect();
    if articles.is_empty() {
        return Err("only picture or media items, no text".to_string());
    }
    Ok(articles)
}

/// Item classes that carry no story text.
const MEDIA_CLASSES: &[&str] = &["picture", "graphic", "video", "audio", "composite"];

fn item(item: &Element, path: &str) -> Option<Article> {
    let item_meta = item.child("itemMeta");
    let content_meta = item.child("contentMeta");
    let class = item_meta
        .and_then(|m| m.child("itemClass"))
        .and_then(|c| c.attr("qcode"))
        .unwrap_or_default();
    let class = class.rsplit(':').next().unwrap_or_default();
    if MEDIA_CLASSES.iter().any(|m| class.eq_ignore_ascii_case(m)) {
        return None;
    }

    let mut article = Article {
        source: Source {
            path: path.to_string(),
            format: Format::NewsmlG2,
            id: item.attr_text("guid"),
        },
        ..Article::default()
    };
    article.wire.version = item.attr_text("version");
    article.wire.language = item.attr_text("lang").or_else(|| {
        content_meta
            .and_then(|c| c.child("language"))
            .and_then(|l| l.attr_text("tag"))
    });

    let mut meta_dateline = None;
    let mut meta_agency = None;
    if let Some(cm) = content_meta {
        article.headline = headline(cm).unwrap_or_default();
        article.byline = cm.child("by").and_then(|b| xml::byline(&b.text()));
        article.wire.slugline = cm.child_text("slugline");
        article.wire.urgency = cm.child_text("urgency").and_then(|u| u.parse().ok());
        article.published = ["contentCreated", "firstCreated"]
            .iter()
            .filter_map(|n| cm.child_text(n))
            .find_map(|d| xml::iso_date(&d));
        article.caption = cm
            .children_named("description")
            .filter(|d| {
                d.attr("role")
                    .is_none_or(|r| r.ends_with("caption") || r.ends_with("summary"))
            })
            .map(Element::text)
            .find(|t| !t.is_empty())
            .map(|text| Caption { text, credit: None });
        for subject in cm.children_named("subject") {
            if let Some(s) = subject
                .attr_text("qcode")
                .or_else(|| subject.attr_text("literal"))
                .or_else(|| subject.child_text("name"))
                && !article.wire.subjects.contains(&s)
            {
                article.wire.subjects.push(s);
            }
        }
        meta_dateline = cm
            .child_text("dateline")
            .and_then(|d| xml::meta_dateline(&d))
            .or_else(|| {
                let located = cm.child("located")?;
                let name = located
                    .child_text("name")
                    .or_else(|| located.attr_text("literal"))?;
                xml::meta_dateline(&name)
            });
        meta_agency = cm
            .child_text("creditline")
            .and_then(|c| xml::agency(&c))
            .or_else(|| party(cm, "infoSource"));
    }
    if let Some(im) = item_meta {
        if article.published.is_none() {
            article.published = ["firstCreated", "versionCreated"]
                .iter()
                .filter_map(|n| im.child_text(n))
                .find_map(|d| xml::iso_date(&d));
        }
        article.wire.ednote = im
            .children_named("edNote")
            .filter(|n| n.attr("pubconstraint").is_none() && n.elements().next().is_none())
            .map(Element::text)
            .find(|t| !t.is_empty());
    }
    meta_agency = meta_agency
        .or_else(|| {
            item.child("rightsInfo")
                .and_then(|r| party(r, "copyrightHolder"))
        })
        .or_else(|| item_meta.and_then(|m| party(m, "provider")));

    let content = item.child("contentSet");
    if let Some(nitf_el) = content.and_then(|c| c.find("nitf")) {
        let story = nitf::read(nitf_el);
        article.paragraphs = story.article.paragraphs;
        if article.headline.is_empty() {
            article.headline = story.article.headline;
        }
        article.byline = article.byline.or(story.article.byline);
        article.caption = article.caption.or(story.article.caption);
        meta_dateline = meta_dateline.or(story.dateline);
        meta_agency = meta_agency.or(story.agency);
    } else if let Some(inline) = content.and_then(|c| {
        c.children_named("inlineXML")
            .chain(c.children_named("inlineData"))
            .next()
    }) {
        let root = inline.find("body").unwrap_or(inline);
        let found = xml::body(root);
        article.paragraphs = found.paragraphs;
        if let Some(text) = found.dateline {
            article.dateline = xml::meta_dateline(&text);
        }
    }
    if article.paragraphs.is_empty() {
        return None;
    }
    xml::settle(&mut article, meta_dateline, meta_agency);
    Some(article)
}

/// The main headline: one with no role (or the role "main"), best rank first.
fn headline(content_meta: &Element) -> Option<String> {
    content_meta
        .children_named("headline")
        .filter(|h| !h.text().is_empty())
        .min_by_key(|h| {
            let main = h.attr("role").is_none_or(|r| r.ends_with("main"));
            let rank: u32 = h.attr("rank").and_then(|r| r.parse().ok()).unwrap_or(0);
            (!main, rank)
        })
        .map(Element::text)
}

/// An agency from a party element: its literal, else its name.
fn party(parent: &Element, name: &str) -> Option<String> {
    parent.children_named(name).find_map(|p| {
        p.attr("literal")
            .and_then(xml::agency)
            .or_else(|| p.child_text("name").and_then(|n| xml::agency(&n)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_prefers_main_and_best_rank() {
        let cm = xml::parse(
            r#"<contentMeta><headline rank="3">Kicker</headline><headline role="x:sub">Sub</headline><headline rank="1">Main</headline></contentMeta>"#,
        )
        .unwrap();
        assert_eq!(headline(&cm).as_deref(), Some("Main"));
    }

    #[test]
    fn pictures_only_is_an_error() {
        let doc = r#"<newsMessage><itemSet><newsItem guid="p"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem></itemSet></newsMessage>"#;
        let err = parse(doc, "x").unwrap_err();
        assert!(err.contains("only picture"), "{err}");
    }
}
