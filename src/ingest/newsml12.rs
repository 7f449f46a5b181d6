//! NewsML 1.2: NewsML/NewsItem/NewsComponent trees, one article per NewsItem with text.
//! NewsLines give headline, byline, dateline and credit; NewsManagement the dates and
//! urgency; the text ContentItems (NITF, XHTML or HTML in CDATA) the paragraphs.

use super::nitf;
use super::xml::{self, Element};
use crate::article::{Article, Format, Source};

pub fn parse(text: &str, path: &str) -> Result<Vec<Article>, String> {
    let root = xml::parse(text)?;
    let items: Vec<&Element> = if root.is("NewsItem") {
        vec![&root]
    } else {
        root.find_all("NewsItem")
    };
    if items.is_empty() {
        return Err(format!("<{}> holds no NewsItem", root.name));
    }
    let articles: Vec<Article> = items.iter().filter_map(|i| item(i, path)).collect();
    if articles.is_empty() {
        return Err("only picture or media items, no text".to_string());
    }
    Ok(articles)
}

fn item(item: &Element, path: &str) -> Option<Article> {
    let mut article = Article {
        source: Source {
            path: path.to_string(),
            format: Format::Newsml12,
            id: item
                .find("NewsIdentifier")
                .and_then(|n| n.child_text("PublicIdentifier")),
        },
        ..Article::default()
    };
    article.wire.version = item
        .find("NewsIdentifier")
        .and_then(|n| n.child_text("RevisionId"));
    if let Some(management) = item.child("NewsManagement") {
        article.published = ["FirstCreated", "ThisRevisionCreated"]
            .iter()
            .filter_map(|n| management.child_text(n))
            .find_map(|d| xml::iso_date(&d));
        article.wire.urgency = management
            .child("Urgency")
            .and_then(|u| u.attr("FormalName"))
            .and_then(|u| u.trim().parse().ok());
    }
    article.wire.language = item.attr_text("lang").or_else(|| {
        item.find("Language")
            .and_then(|l| l.attr_text("FormalName"))
            .map(|l| l.to_lowercase())
    });

    let mut meta_dateline = None;
    let mut meta_agency = None;
    if let Some(lines) = item.find("NewsLines") {
        article.headline = lines.child_text("HeadLine").unwrap_or_default();
        article.byline = lines.child_text("ByLine").and_then(|b| xml::byline(&b));
        article.wire.slugline = lines.child_text("SlugLine");
        meta_dateline = lines
            .child_text("DateLine")
            .and_then(|d| xml::meta_dateline(&d));
        meta_agency = lines.child_text("CreditLine").and_then(|c| xml::agency(&c));
        if let Some(copyright) = lines.child_text("CopyrightLine") {
            article.credits.push(copyright);
        }
    }
    if let Some(admin) = item.find("AdministrativeMetadata") {
        meta_agency = meta_agency
            .or_else(|| party(admin, "Provider"))
            .or_else(|| party(admin, "Source"))
            .or_else(|| party(admin, "Creator"));
    }
    for subject in item.find_all("SubjectCode") {
        for code in subject.elements() {
            if let Some(s) = code.attr_text("FormalName")
                && !article.wire.subjects.contains(&s)
            {
                article.wire.subjects.push(s);
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
            let story = nitf::read(nitf_el);
            article.paragraphs.extend(story.article.paragraphs);
            if article.headline.is_empty() {
                article.headline = story.article.headline;
            }
            article.byline = article.byline.or(story.article.byline);
            meta_dateline = meta_dateline.or(story.dateline);
            meta_agency = meta_agency.or(story.agency);
        } else {
            let found = xml::body(data.find("body").unwrap_or(data));
            article.paragraphs.extend(found.paragraphs);
            if article.dateline.is_none()
                && let Some(text) = found.dateline
            {
                article.dateline = xml::meta_dateline(&text);
            }
        }
    }
    if article.paragraphs.is_empty() {
        return None;
    }
    xml::settle(&mut article, meta_dateline, meta_agency);
    Some(article)
}

/// An agency from `<Provider><Party FormalName="AFP"/></Provider>`.
fn party(admin: &Element, role: &str) -> Option<String> {
    admin
        .children_named(role)
        .flat_map(|r| r.children_named("Party"))
        .find_map(|p| p.attr("FormalName").and_then(xml::agency))
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
        let a = &parse(doc, "x").unwrap()[0];
        assert_eq!(a.headline, "Head");
        assert_eq!(a.published.as_deref(), Some("2019-03-04"));
        assert_eq!(a.place(), Some("LILLE"));
        assert_eq!(a.agency.as_deref(), Some("XNA"));
        assert_eq!(a.paragraphs, ["One.", "Two."]);
        assert_eq!(a.wire.urgency, Some(2));
    }
}
