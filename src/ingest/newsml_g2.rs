//! IPTC NewsML-G2: a newsMessage's itemSet or a bare newsItem, one draft per text item.
//! itemMeta and contentMeta give the metadata; the body is inline NITF, XHTML or text.
//! Picture and other media items are skipped; planning, concept, knowledge and package items
//! are named for what they are.

use super::dates;
use super::draft::{Draft, Refused};
use super::nitf;
use super::xml::{self, Element};
use crate::article::{Caption, Status, web_address};

pub fn parse(text: &str) -> Result<Vec<Draft>, Refused> {
    let root = xml::parse(text)?;
    let items: Vec<&Element> = if root.is("newsItem") {
        vec![&root]
    } else {
        root.find_all("newsItem")
    };
    if items.is_empty() {
        // What the file holds instead: the root itself, or the first item of a message.
        let other = std::iter::once(&root)
            .chain(root.find("itemSet").into_iter().flat_map(Element::elements))
            .find_map(|e| xml::what_is(&e.name));
        return Err(match other {
            Some(what) => Refused::NotAStory(what.to_string()),
            None => format!("<{}> holds no newsItem", root.name).into(),
        });
    }
    let drafts: Vec<Draft> = items.iter().filter_map(|i| item(i)).collect();
    if drafts.is_empty() {
        return Err("only picture or media items, no text".to_string().into());
    }
    Ok(drafts)
}

/// Item classes that carry no story text.
const MEDIA_CLASSES: &[&str] = &["picture", "graphic", "video", "audio", "composite"];

fn item(item: &Element) -> Option<Draft> {
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

    let mut draft = Draft {
        source_id: item.attr_text("guid"),
        ..Draft::default()
    };
    draft.wire.version = item.attr_text("version");
    draft.wire.language = item.attr_text("lang").or_else(|| {
        content_meta
            .and_then(|c| c.child("language"))
            .and_then(|l| l.attr_text("tag"))
    });

    if let Some(cm) = content_meta {
        draft.headline = headline(cm);
        draft.meta.byline = cm.child_text("by");
        draft.wire.slugline = cm.child_text("slugline");
        draft.wire.urgency = cm.child_text("urgency").and_then(|u| u.parse().ok());
        draft.meta.published = ["contentCreated", "firstCreated"]
            .iter()
            .filter_map(|n| cm.child_text(n))
            .find_map(|d| dates::timestamp(&d));
        draft.caption = cm
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
                && !draft.wire.subjects.contains(&s)
            {
                draft.wire.subjects.push(s);
            }
        }
        draft.meta.dateline = cm.child_text("dateline");
        draft.meta.located = cm
            .child("located")
            .and_then(|l| l.child_text("name").or_else(|| l.attr_text("literal")));
        draft.meta.agency = cm
            .child_text("creditline")
            .or_else(|| party(cm, "infoSource"));
    }
    if let Some(im) = item_meta {
        if draft.meta.published.is_none() {
            draft.meta.published = ["firstCreated", "versionCreated"]
                .iter()
                .filter_map(|n| im.child_text(n))
                .find_map(|d| dates::timestamp(&d));
        }
        draft.wire.ednote = im
            .children_named("edNote")
            .filter(|n| n.attr("pubconstraint").is_none() && n.elements().next().is_none())
            .map(Element::text)
            .find(|t| !t.is_empty());
        read_status(im, &mut draft);
    }
    draft.meta.holder = item
        .child("rightsInfo")
        .and_then(|r| party(r, "copyrightHolder"));
    if draft.meta.agency.is_none() {
        draft.meta.agency = item_meta.and_then(|m| party(m, "provider"));
    }

    let content = item.child("contentSet");
    if let Some(nitf_el) = content.and_then(|c| c.find("nitf")) {
        let inner = nitf::read(nitf_el);
        draft.paragraphs = inner.paragraphs;
        draft.headline = draft.headline.or(inner.headline);
        draft.caption = draft.caption.or(inner.caption);
        let meta = &mut draft.meta;
        meta.byline = meta.byline.take().or(inner.meta.byline);
        meta.dateline = meta.dateline.take().or(inner.meta.dateline);
        meta.dateline_date = inner.meta.dateline_date;
        meta.marked_dateline = inner.meta.marked_dateline;
        meta.agency = meta.agency.take().or(inner.meta.agency);
        meta.holder = meta.holder.take().or(inner.meta.holder);
    } else if let Some(inline) = content.and_then(|c| {
        c.children_named("inlineXML")
            .chain(c.children_named("inlineData"))
            .next()
    }) {
        let root = inline.find("body").unwrap_or(inline);
        let found = xml::body(root);
        draft.paragraphs = found.paragraphs;
        draft.meta.marked_dateline = found.dateline;
    }
    if draft.paragraphs.is_empty() {
        return None;
    }
    Some(draft)
}

/// The version signals of itemMeta: `pubStatus`, `embargoed`, a `previousVersion` link, a
/// correction `signal`.
fn read_status(item_meta: &Element, draft: &mut Draft) {
    let code = |e: &Element| {
        e.attr("qcode").or_else(|| e.attr("uri")).map(|q| {
            q.rsplit([':', '/'])
                .next()
                .unwrap_or(q)
                .to_ascii_lowercase()
        })
    };
    draft.wire.status =
        item_meta
            .child("pubStatus")
            .and_then(code)
            .and_then(|c| match c.as_str() {
                "canceled" | "cancelled" => Some(Status::Canceled),
                "withheld" => Some(Status::Withheld),
                _ => None,
            });
    if draft.wire.status.is_none()
        && item_meta
            .children_named("signal")
            .filter_map(code)
            .any(|c| c == "correction")
    {
        draft.wire.status = Some(Status::Corrected);
    }
    draft.wire.embargo = item_meta
        .child_text("embargoed")
        .and_then(|t| dates::timestamp(&t));
    // The item's own page (a self, canonical or alternate link); `seeAlso` links are
    // related pages, not the story.
    draft.wire.link = item_meta
        .children_named("link")
        .filter(|l| {
            l.attr("rel").is_some_and(|r| {
                let r = r.rsplit(':').next().unwrap_or(r).to_ascii_lowercase();
                matches!(r.as_str(), "self" | "canonical" | "alternate")
            })
        })
        .find_map(|l| l.attr("href").and_then(web_address));
    draft.wire.previous = item_meta
        .children_named("link")
        .filter(|l| {
            l.attr("rel")
                .is_some_and(|r| r.ends_with("previousVersion"))
        })
        .filter_map(|l| l.attr_text("residref").or_else(|| l.attr_text("href")))
        .collect();
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

/// A party's name: its literal, else its name element.
fn party(parent: &Element, name: &str) -> Option<String> {
    parent
        .children_named(name)
        .find_map(|p| p.attr_text("literal").or_else(|| p.child_text("name")))
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
    fn version_signals() {
        let doc = r#"<newsItem guid="urn:x:s" version="3"><itemMeta><itemClass qcode="ninat:text"/>
            <pubStatus qcode="stat:canceled"/><embargoed>2031-05-01T08:00:00Z</embargoed>
            <link rel="irel:previousVersion" residref="urn:x:s" version="2"/></itemMeta>
            <contentSet><inlineXML><html><body><p>Text.</p></body></html></inlineXML></contentSet></newsItem>"#;
        let d = &parse(doc).unwrap()[0];
        assert_eq!(d.wire.version.as_deref(), Some("3"));
        assert_eq!(d.wire.status, Some(Status::Canceled));
        assert_eq!(d.wire.embargo.as_deref(), Some("2031-05-01T08:00:00Z"));
        assert_eq!(d.wire.previous, vec!["urn:x:s"]);
        let doc = doc.replace("stat:canceled", "stat:usable").replace(
            "<embargoed>",
            "<signal qcode=\"sig:correction\"/><embargoed>",
        );
        assert_eq!(parse(&doc).unwrap()[0].wire.status, Some(Status::Corrected));
    }

    #[test]
    fn pictures_only_is_an_error() {
        let doc = r#"<newsMessage><itemSet><newsItem guid="p"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem></itemSet></newsMessage>"#;
        let Err(Refused::Malformed(err)) = parse(doc) else {
            panic!("pictures only");
        };
        assert!(err.contains("only picture"), "{err}");
    }

    #[test]
    fn items_that_are_no_story_say_what_they_are() {
        let Err(Refused::NotAStory(what)) = parse(r#"<planningItem guid="p"/>"#) else {
            panic!("a planning item is no story");
        };
        assert!(what.contains("planning item"), "{what}");
        let doc = r#"<newsMessage><itemSet><packageItem guid="k"/></itemSet></newsMessage>"#;
        let Err(Refused::NotAStory(what)) = parse(doc) else {
            panic!("a package item is no story");
        };
        assert!(what.contains("package item"), "{what}");
    }
}
