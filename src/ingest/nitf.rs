//! NITF 3.x (with or without a namespace): head and docdata metadata, body.head headline,
//! byline and dateline, body.content paragraphs and media captions. Also reads the NITF that
//! NewsML wraps around a story body.

use super::dates;
use super::draft::{Draft, Refused};
use super::xml::{self, Element};
use crate::article::{Caption, Status};

pub fn parse(text: &str) -> Result<Vec<Draft>, Refused> {
    let root = xml::parse(text)?;
    let nitf = if root.is("nitf") {
        &root
    } else if let Some(nitf) = root.find("nitf") {
        nitf
    } else if let Some(what) = xml::what_is(&root.name) {
        return Err(Refused::NotAStory(what.to_string()));
    } else {
        return Err(format!("the root element is <{}>, not <nitf>", root.name).into());
    };
    let draft = read(nitf);
    if draft.paragraphs.is_empty() {
        // A head with no body text is no story (ingest reports "no story text found").
        return Ok(vec![]);
    }
    Ok(vec![draft])
}

/// What a NITF document says.
pub fn read(nitf: &Element) -> Draft {
    let head = nitf.child("head");
    let docdata = head.and_then(|h| h.child("docdata"));
    let body = nitf.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));

    let mut draft = Draft {
        headline: body_head
            .and_then(|h| h.child("hedline"))
            .and_then(|h| h.child_text("hl1"))
            .or_else(|| head.and_then(|h| h.child_text("title"))),
        ..Draft::default()
    };
    draft.meta.byline = body_head
        .and_then(|h| h.child("byline"))
        .map(|b| b.text_without(&["byttl"]))
        .filter(|b| !b.is_empty());

    if let Some(doc) = docdata {
        draft.source_id = doc.child("doc-id").and_then(|d| d.attr_text("id-string"));
        draft.meta.published = ["date.issue", "date.release"]
            .iter()
            .filter_map(|n| doc.child(n).and_then(|d| d.attr("norm")))
            .find_map(dates::timestamp);
        draft.wire.urgency = doc
            .child("urgency")
            .and_then(|u| u.attr("ed-urg"))
            .and_then(|u| u.trim().parse().ok());
        draft.wire.ednote = doc.child("ed-msg").and_then(|m| m.attr_text("info"));
        let du_key = doc.child("du-key");
        draft.wire.slugline = du_key.and_then(|k| k.attr_text("key"));
        draft.wire.version =
            du_key.and_then(|k| k.attr_text("version").or_else(|| k.attr_text("generation")));
        // The du-key names the story across its versions; doc-ids often change with each.
        draft.item = draft
            .wire
            .slugline
            .as_ref()
            .map(|key| format!("nitf:{key}"));
        read_status(doc, &mut draft);
        if let Some(keys) = doc.child("key-list") {
            draft.wire.subjects = keys
                .children_named("keyword")
                .filter_map(|k| k.attr_text("key"))
                .collect();
        }
    }
    if draft.meta.published.is_none() {
        draft.meta.published = head
            .and_then(|h| h.find("pubdata"))
            .and_then(|p| p.attr("date.publication"))
            .and_then(dates::timestamp);
    }
    if let Some(tobject) = head.and_then(|h| h.child("tobject")) {
        for subject in tobject.children_named("tobject.subject") {
            if let Some(s) = subject
                .attr_text("tobject.subject.matter")
                .or_else(|| subject.attr_text("tobject.subject.type"))
                .or_else(|| subject.attr_text("tobject.subject.refnum"))
                && !draft.wire.subjects.contains(&s)
            {
                draft.wire.subjects.push(s);
            }
        }
    }
    draft.wire.language = nitf
        .attr_text("baselang")
        .or_else(|| nitf.attr_text("lang"));

    if let Some(dateline) = body_head.and_then(|h| h.child("dateline")) {
        let place = dateline
            .child("location")
            .map_or_else(|| dateline.text_without(&["story.date"]), Element::text);
        draft.meta.dateline = Some(place).filter(|p| !p.is_empty());
        draft.meta.dateline_date = dateline.child("story.date").and_then(|s| {
            s.attr("norm")
                .and_then(dates::timestamp)
                .or_else(|| dates::timestamp(&s.text()))
                .map(|t| t.get(..10).unwrap_or(&t).to_string())
        });
    }
    if draft.meta.published.is_none() {
        draft.meta.published.clone_from(&draft.meta.dateline_date);
    }

    if let Some(content) = body.and_then(|b| b.child("body.content")) {
        let found = xml::body(content);
        draft.paragraphs = found.paragraphs;
        draft.meta.marked_dateline = found.dateline;
        draft.caption = caption(content);
    }

    draft.meta.holder = docdata
        .and_then(|d| d.child("doc.copyright"))
        .and_then(|c| c.attr_text("holder"));
    draft.meta.agency = body_head
        .and_then(|h| h.child("distributor"))
        .map(Element::text)
        .filter(|d| !d.is_empty())
        .or_else(|| {
            docdata
                .and_then(|d| d.child("doc-id"))
                .and_then(|d| d.attr_text("regsrc"))
        });
    draft
}

/// docdata's `management-status` (usable, embargoed, withheld, canceled) and
/// `management-doc-idref` (the earlier version), and an embargo: a release time after the
/// issue time.
fn read_status(docdata: &Element, draft: &mut Draft) {
    draft.wire.status = docdata.attr("management-status").and_then(|s| {
        match s.trim().to_ascii_lowercase().as_str() {
            "canceled" | "cancelled" => Some(Status::Canceled),
            "withheld" => Some(Status::Withheld),
            "embargoed" => Some(Status::Embargoed),
            _ => None,
        }
    });
    draft.wire.previous = docdata
        .attr_text("management-doc-idref")
        .into_iter()
        .collect();
    let time = |name: &str| {
        docdata
            .child(name)
            .and_then(|d| d.attr("norm"))
            .and_then(dates::timestamp)
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
    };
    let release = time("date.release");
    let embargoed = draft.wire.status == Some(Status::Embargoed)
        || matches!((release, time("date.issue")), (Some(r), Some(i)) if r > i);
    if embargoed && let Some(release) = release {
        draft.wire.embargo = Some(release.to_string());
    }
}

fn caption(content: &Element) -> Option<Caption> {
    let media = content.find("media")?;
    let text = media.find_text("media-caption")?;
    let credit = media
        .find_text("media-producer")
        .or_else(|| media.find_text("credit"));
    Some(Caption { text, credit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_head_and_body() {
        let doc = r#"<nitf><head><title>T</title><docdata><doc-id id-string="X1"/>
            <date.issue norm="20200102T030405Z"/><urgency ed-urg="3"/></docdata></head>
            <body><body.head><hedline><hl1>Head</hl1></hedline>
            <byline>By Jo Ann Doe<byttl>Writer</byttl></byline></body.head>
            <body.content><p>LYON (XNA) - First.</p><p>Second.</p></body.content></body></nitf>"#;
        let drafts = parse(doc).unwrap();
        let d = &drafts[0];
        assert_eq!(d.headline.as_deref(), Some("Head"));
        assert_eq!(d.meta.byline.as_deref(), Some("By Jo Ann Doe"));
        assert_eq!(d.meta.published.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(d.source_id.as_deref(), Some("X1"));
        assert_eq!(d.wire.urgency, Some(3));
        assert_eq!(d.paragraphs, ["LYON (XNA) - First.", "Second."]);
    }

    #[test]
    fn version_and_status() {
        let doc = r#"<nitf><head><docdata management-status="embargoed" management-doc-idref="A-1">
            <doc-id id-string="A-2"/><du-key key="FLOODS" version="2"/>
            <date.issue norm="20300101T080000Z"/><date.release norm="20300101T120000Z"/></docdata></head>
            <body><body.content><p>Text.</p></body.content></body></nitf>"#;
        let d = &parse(doc).unwrap()[0];
        assert_eq!(d.item.as_deref(), Some("nitf:FLOODS"));
        assert_eq!(d.wire.version.as_deref(), Some("2"));
        assert_eq!(d.wire.previous, vec!["A-1"]);
        assert_eq!(d.wire.status, Some(Status::Embargoed));
        assert_eq!(d.wire.embargo.as_deref(), Some("2030-01-01T12:00:00Z"));
    }

    #[test]
    fn head_only_is_no_story() {
        assert!(
            parse("<nitf><head><title>T</title></head></nitf>")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn other_xml_says_what_it_is() {
        let Err(Refused::NotAStory(what)) = parse("<planningItem/>") else {
            panic!("a planning item is no story");
        };
        assert!(what.contains("planning item"), "{what}");
        let Err(Refused::Malformed(why)) = parse("<other/>") else {
            panic!("<other> is no NITF");
        };
        assert!(why.contains("<other>"), "{why}");
    }
}
