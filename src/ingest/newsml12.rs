//! NewsML 1.2: NewsML/NewsItem/NewsComponent trees, one draft per NewsItem with text.
//! NewsLines give headline, byline, dateline and credit; NewsManagement the dates and
//! urgency; the text ContentItems (NITF, XHTML or HTML in CDATA) the paragraphs.

use super::dates;
use super::draft::{Draft, Refused};
use super::nitf;
use super::xml::{self, Element};
use crate::article::Status;

pub fn parse(text: &str) -> Result<Vec<Draft>, Refused> {
    let root = xml::parse(text)?;
    let items: Vec<&Element> = if root.is("NewsItem") {
        vec![&root]
    } else {
        root.find_all("NewsItem")
    };
    if items.is_empty() {
        return Err(format!("<{}> holds no NewsItem", root.name).into());
    }
    let drafts: Vec<Draft> = items.iter().filter_map(|i| item(i)).collect();
    if drafts.is_empty() {
        return Err("only picture or media items, no text".to_string().into());
    }
    Ok(drafts)
}

fn item(item: &Element) -> Option<Draft> {
    let identifier = item.find("NewsIdentifier");
    let mut draft = Draft {
        source_id: identifier.and_then(|n| n.child_text("PublicIdentifier")),
        ..Draft::default()
    };
    draft.wire.version = identifier.and_then(|n| n.child_text("RevisionId"));
    // Provider, date and item id name the story across revisions (the public identifier
    // carries the revision too).
    draft.item = identifier.and_then(|n| {
        let part = |name: &str| n.child_text(name).unwrap_or_default();
        let id = n.child_text("NewsItemId")?;
        Some(format!(
            "newsml-1.2:{}:{}:{id}",
            part("ProviderId"),
            part("DateId")
        ))
    });
    if let Some(management) = item.child("NewsManagement") {
        draft.meta.published = ["FirstCreated", "ThisRevisionCreated"]
            .iter()
            .filter_map(|n| management.child_text(n))
            .find_map(|d| dates::timestamp(&d));
        draft.wire.urgency = management
            .child("Urgency")
            .and_then(|u| u.attr("FormalName"))
            .and_then(|u| u.trim().parse().ok());
        draft.wire.status = status(management);
    }
    draft.wire.language = item.attr_text("lang").or_else(|| {
        item.find("Language")
            .and_then(|l| l.attr_text("FormalName"))
            .map(|l| l.to_lowercase())
    });

    if let Some(lines) = item.find("NewsLines") {
        draft.headline = lines.child_text("HeadLine");
        draft.meta.byline = lines.child_text("ByLine");
        draft.wire.slugline = lines.child_text("SlugLine");
        draft.meta.dateline = lines.child_text("DateLine");
        draft.meta.agency = lines.child_text("CreditLine");
        if let Some(copyright) = lines.child_text("CopyrightLine") {
            draft.credits.push(copyright);
        }
    }
    if let Some(admin) = item.find("AdministrativeMetadata") {
        draft.meta.agency = draft
            .meta
            .agency
            .take()
            .or_else(|| party(admin, "Provider"))
            .or_else(|| party(admin, "Source"))
            .or_else(|| party(admin, "Creator"));
    }
    for subject in item.find_all("SubjectCode") {
        for code in subject.elements() {
            if let Some(s) = code.attr_text("FormalName")
                && !draft.wire.subjects.contains(&s)
            {
                draft.wire.subjects.push(s);
            }
        }
    }

    for content in item.find_all("ContentItem") {
        let media = content
            .child("MediaType")
            .and_then(|m| m.attr("FormalName"))
            .unwrap_or("Text");
        if !media.eq_ignore_ascii_case("text") {
            continue;
        }
        let Some(data) = content.child("DataContent") else {
            continue;
        };
        if let Some(nitf_el) = data.find("nitf") {
            let inner = nitf::read(nitf_el);
            draft.paragraphs.extend(inner.paragraphs);
            draft.headline = draft.headline.or(inner.headline);
            let meta = &mut draft.meta;
            meta.byline = meta.byline.take().or(inner.meta.byline);
            meta.dateline = meta.dateline.take().or(inner.meta.dateline);
            meta.marked_dateline = meta.marked_dateline.take().or(inner.meta.marked_dateline);
            meta.agency = meta.agency.take().or(inner.meta.agency);
            meta.holder = meta.holder.take().or(inner.meta.holder);
        } else {
            let found = xml::body(data.find("body").unwrap_or(data));
            draft.paragraphs.extend(found.paragraphs);
            draft.meta.marked_dateline = draft.meta.marked_dateline.take().or(found.dateline);
        }
    }
    if draft.paragraphs.is_empty() {
        return None;
    }
    Some(draft)
}

/// NewsManagement's `Status` (Usable, Embargoed, Withheld, Canceled) and an `Instruction` to
/// rectify (a correction) or to delete or kill (a kill).
fn status(management: &Element) -> Option<Status> {
    let formal = |name: &str| {
        management
            .children_named(name)
            .filter_map(|e| e.attr("FormalName"))
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
    };
    let instructions = formal("Instruction");
    if instructions.iter().any(|i| i == "kill" || i == "delete") {
        return Some(Status::Canceled);
    }
    let declared = formal("Status").into_iter().find_map(|s| match s.as_str() {
        "canceled" | "cancelled" => Some(Status::Canceled),
        "withheld" => Some(Status::Withheld),
        "embargoed" => Some(Status::Embargoed),
        _ => None,
    });
    declared.or_else(|| {
        instructions
            .iter()
            .any(|i| i == "rectify")
            .then_some(Status::Corrected)
    })
}

/// An agency from `<Provider><Party FormalName="AFP"/></Provider>`.
fn party(admin: &Element, role: &str) -> Option<String> {
    admin
        .children_named(role)
        .flat_map(|r| r.children_named("Party"))
        .find_map(|p| p.attr_text("FormalName"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_news_lines_and_cdata_body() {
        let doc = r#"<NewsML><NewsItem><NewsManagement><FirstCreated>20190304T101010Z</FirstCreated>
            <Urgency FormalName="2"/></NewsManagement><NewsComponent><NewsLines>
            <HeadLine>Head</HeadLine><DateLine>LILLE, March 4 (XNA) -</DateLine></NewsLines>
            <ContentItem><MediaType FormalName="Text"/><DataContent><![CDATA[<P>One.</P><P>Two.</P>]]>
            </DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"#;
        let d = &parse(doc).unwrap()[0];
        assert_eq!(d.headline.as_deref(), Some("Head"));
        assert_eq!(d.meta.published.as_deref(), Some("2019-03-04T10:10:10Z"));
        assert_eq!(d.meta.dateline.as_deref(), Some("LILLE, March 4 (XNA) -"));
        assert_eq!(d.paragraphs, ["One.", "Two."]);
        assert_eq!(d.wire.urgency, Some(2));
    }

    #[test]
    fn identity_without_the_revision_and_status() {
        let doc = r#"<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>x.org</ProviderId>
            <DateId>20190304</DateId><NewsItemId>TX-1</NewsItemId><RevisionId>3</RevisionId>
            <PublicIdentifier>urn:newsml:x.org:20190304:TX-1:3</PublicIdentifier></NewsIdentifier></Identification>
            <NewsManagement><Status FormalName="Usable"/><Instruction FormalName="Rectify"/></NewsManagement>
            <NewsComponent><ContentItem><MediaType FormalName="Text"/><DataContent><p>One.</p></DataContent>
            </ContentItem></NewsComponent></NewsItem></NewsML>"#;
        let d = &parse(doc).unwrap()[0];
        assert_eq!(d.item.as_deref(), Some("newsml-1.2:x.org:20190304:TX-1"));
        assert_eq!(d.wire.version.as_deref(), Some("3"));
        assert_eq!(d.wire.status, Some(Status::Corrected));
    }
}
