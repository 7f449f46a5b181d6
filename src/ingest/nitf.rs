//! NITF 3.x (with or without a namespace): head and docdata metadata, body.head headline,
//! byline and dateline, body.content paragraphs and media captions. Also reads the NITF that
//! NewsML wraps around a story body.

use super::xml::{self, Element};
use crate::article::{Article, Caption, Dateline, Format, Source};

pub fn parse(text: &str, path: &str) -> Result<Vec<Article>, String> {
    let root = xml::parse(text)?;
    let nitf = if root.is("nitf") {
        &root
    } else {
        root.find("nitf")
            .ok_or_else(|| format!("the root element is <{}>, not <nitf>", root.name))?
    };
    let story = read(nitf);
    if story.article.paragraphs.is_empty() {
        // A head with no body text is no story (ingest reports "no story text found").
        return Ok(vec![]);
    }
    let mut article = story.article;
    article.source = Source {
        path: path.to_string(),
        format: Format::Nitf,
        id: article.source.id.take(),
    };
    xml::settle(&mut article, story.dateline, story.agency);
    Ok(vec![article])
}

/// What a NITF document says, before the lead rules settle dateline and agency.
pub struct Story {
    pub article: Article,
    /// The dateline from the `<dateline>` element.
    pub dateline: Option<Dateline>,
    /// The agency from the metadata (copyright holder, distributor, doc-id source).
    pub agency: Option<String>,
}

pub fn read(nitf: &Element) -> Story {
    let head = nitf.child("head");
    let docdata = head.and_then(|h| h.child("docdata"));
    let body = nitf.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));

    let mut article = Article {
        headline: body_head
            .and_then(|h| h.child("hedline"))
            .and_then(|h| h.child_text("hl1"))
            .or_else(|| head.and_then(|h| h.child_text("title")))
            .unwrap_or_default(),
        byline: body_head
            .and_then(|h| h.child("byline"))
            .and_then(|b| xml::byline(&b.text_without(&["byttl"]))),
        ..Article::default()
    };

    if let Some(doc) = docdata {
        article.source.id = doc.child("doc-id").and_then(|d| d.attr_text("id-string"));
        article.published = ["date.issue", "date.release"]
            .iter()
            .filter_map(|n| doc.child(n).and_then(|d| d.attr("norm")))
            .find_map(xml::iso_date);
        article.wire.urgency = doc
            .child("urgency")
            .and_then(|u| u.attr("ed-urg"))
            .and_then(|u| u.trim().parse().ok());
        article.wire.ednote = doc.child("ed-msg").and_then(|m| m.attr_text("info"));
        article.wire.slugline = doc.child("du-key").and_then(|k| k.attr_text("key"));
        article.wire.version = doc.child("du-key").and_then(|k| k.attr_text("version"));
        if let Some(keys) = doc.child("key-list") {
            article.wire.subjects = keys
                .children_named("keyword")
                .filter_map(|k| k.attr_text("key"))
                .collect();
        }
    }
    if article.published.is_none() {
        article.published = head
            .and_then(|h| h.find("pubdata"))
            .and_then(|p| p.attr("date.publication"))
            .and_then(xml::iso_date);
    }
    if let Some(tobject) = head.and_then(|h| h.child("tobject")) {
        for subject in tobject.children_named("tobject.subject") {
            if let Some(s) = subject
                .attr_text("tobject.subject.matter")
                .or_else(|| subject.attr_text("tobject.subject.type"))
                .or_else(|| subject.attr_text("tobject.subject.refnum"))
                && !article.wire.subjects.contains(&s)
            {
                article.wire.subjects.push(s);
            }
        }
    }
    article.wire.language = nitf
        .attr_text("baselang")
        .or_else(|| nitf.attr_text("lang"));

    let dateline_el = body_head.and_then(|h| h.child("dateline"));
    let mut dateline = dateline_el.and_then(|d| {
        let place = d
            .child("location")
            .map_or_else(|| d.text_without(&["story.date"]), Element::text);
        xml::meta_dateline(&place)
    });
    let story_date = dateline_el
        .and_then(|d| d.child("story.date"))
        .and_then(|s| {
            s.attr("norm")
                .and_then(xml::iso_date)
                .or_else(|| xml::iso_date(&s.text()))
        });
    if let Some(d) = &mut dateline
        && d.date.is_none()
    {
        d.date.clone_from(&story_date);
    }
    if article.published.is_none() {
        article.published = story_date;
    }

    if let Some(content) = body.and_then(|b| b.child("body.content")) {
        let found = xml::body(content);
        article.paragraphs = found.paragraphs;
        if let Some(text) = found.dateline {
            dateline = xml::meta_dateline(&text).or(dateline);
        }
        article.caption = caption(content);
    }

    let agency = docdata
        .and_then(|d| d.child("doc.copyright"))
        .and_then(|c| c.attr("holder"))
        .and_then(xml::agency)
        .or_else(|| {
            body_head
                .and_then(|h| h.child("distributor"))
                .and_then(|d| xml::agency(&d.text()))
        })
        .or_else(|| {
            docdata
                .and_then(|d| d.child("doc-id"))
                .and_then(|d| d.attr("regsrc"))
                .and_then(xml::agency)
        });
    Story {
        article,
        dateline,
        agency,
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
        let articles = parse(doc, "x.xml").unwrap();
        let a = &articles[0];
        assert_eq!(a.headline, "Head");
        assert_eq!(a.byline.as_deref(), Some("Jo Ann Doe"));
        assert_eq!(a.published.as_deref(), Some("2020-01-02"));
        assert_eq!(a.source.id.as_deref(), Some("X1"));
        assert_eq!(a.wire.urgency, Some(3));
        assert_eq!(a.place(), Some("LYON"));
        assert_eq!(a.paragraphs, ["First.", "Second."]);
    }

    #[test]
    fn head_only_is_no_story() {
        assert!(
            parse("<nitf><head><title>T</title></head></nitf>", "x")
                .unwrap()
                .is_empty()
        );
    }
}
