//! One story, every format, every lead style: the lead stage must read the same dateline,
//! agency, byline and date whether the copy came as plain text, NITF, NewsML-G2, NewsML 1.2,
//! ninjs, RSS, Atom, ANPA-1312 or IPTC 7901. The stories are written here, in each format's
//! own shape, around the same lead.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use dateline::article::{Article, Format};
use dateline::ingest;

/// A lead style: the dateline as the copy writes it, and what it must read as.
struct Style {
    dateline: &'static str,
    place: &'static str,
    /// The credit as the dateline writes it.
    credit: &'static str,
    /// The agency of the story (a joint credit's known agency).
    agency: &'static str,
    /// The dateline's date, resolved against the story's own date (2025-12-01).
    date: Option<&'static str>,
}

const STYLES: &[Style] = &[
    Style {
        dateline: "MOSCOW, June 19 (Reuters) -",
        place: "MOSCOW",
        credit: "Reuters",
        agency: "Reuters",
        date: Some("2025-06-19"),
    },
    Style {
        dateline: "PYONGYANG, North Korea (AP) —",
        place: "PYONGYANG",
        credit: "AP",
        agency: "AP",
        date: None,
    },
    Style {
        dateline: "Pyongyang, MINA –",
        place: "Pyongyang",
        credit: "MINA",
        agency: "MINA",
        date: None,
    },
    Style {
        dateline: "(ANSA) - ROME, DEC 1 -",
        place: "ROME",
        credit: "ANSA",
        agency: "ANSA",
        date: Some("2025-12-01"),
    },
    Style {
        dateline: "MADRID, 1 dic (EFE).-",
        place: "MADRID",
        credit: "EFE",
        agency: "EFE",
        date: Some("2025-12-01"),
    },
    Style {
        dateline: "LYON, 30 nov (AFP) -",
        place: "LYON",
        credit: "AFP",
        agency: "AFP",
        date: Some("2025-11-30"),
    },
    Style {
        dateline: "OSLO (NTB):",
        place: "OSLO",
        credit: "NTB",
        agency: "NTB",
        date: None,
    },
    Style {
        dateline: "København /ritzau/:",
        place: "København",
        credit: "ritzau",
        agency: "Ritzau",
        date: None,
    },
    Style {
        dateline: "Berlin (tca/dpa) -",
        place: "Berlin",
        credit: "tca/dpa",
        agency: "dpa",
        date: None,
    },
    Style {
        dateline: "München (dpa/lby) -",
        place: "München",
        credit: "dpa/lby",
        agency: "dpa",
        date: None,
    },
];

const HEADLINE: &str = "Harbour talks run late into the night";
const LEAD: &str = "Port workers and owners talked for eleven hours on Monday without a deal.";
const SECOND: &str = "A mediator said the two sides would meet again on Wednesday.";
const BYLINE: &str = "Jane Example";

/// The story in each format, around `lead` (the dateline and its first sentence).
fn files(style: &Style) -> Vec<(Format, String)> {
    let lead = format!("{} {LEAD}", style.dateline);
    let stamp_agency = style.agency;
    vec![
        (
            Format::Plain,
            format!("date 2025-12-01\n\n{HEADLINE}\n\nBy {BYLINE}\n\n{lead}\n\n{SECOND}\n"),
        ),
        (
            Format::Nitf,
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><title>{HEADLINE}</title><docdata><doc-id id-string="P-1"/>
<date.issue norm="20251201T093000Z"/></docdata></head>
<body><body.head><hedline><hl1>{HEADLINE}</hl1></hedline><byline>By {BYLINE}</byline></body.head>
<body.content><p>{lead}</p><p>{SECOND}</p></body.content></body></nitf>"#
            ),
        ),
        (
            Format::NewsmlG2,
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:p1" version="1">
<itemMeta><itemClass qcode="ninat:text"/><versionCreated>2025-12-01T09:30:00Z</versionCreated></itemMeta>
<contentMeta><headline>{HEADLINE}</headline><by>By {BYLINE}</by></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
<p>{lead}</p><p>{SECOND}</p></body></html></inlineXML></contentSet></newsItem>"#
            ),
        ),
        (
            Format::Newsml12,
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<NewsML><NewsItem><NewsManagement><FirstCreated>20251201T093000Z</FirstCreated></NewsManagement>
<NewsComponent><NewsLines><HeadLine>{HEADLINE}</HeadLine><ByLine>By {BYLINE}</ByLine></NewsLines>
<ContentItem><MediaType FormalName="Text"/><DataContent><![CDATA[<p>{lead}</p><p>{SECOND}</p>]]></DataContent>
</ContentItem></NewsComponent></NewsItem></NewsML>"#
            ),
        ),
        (
            Format::Ninjs,
            serde_json::json!({
                "uri": "urn:x:p1",
                "type": "text",
                "headline": HEADLINE,
                "byline": format!("By {BYLINE}"),
                "versioncreated": "2025-12-01T09:30:00Z",
                "body_text": format!("{lead}\n\n{SECOND}"),
            })
            .to_string(),
        ),
        (
            Format::Rss,
            format!(
                r#"<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example desk</title><item><title>{HEADLINE}</title><guid>p1</guid>
<pubDate>Mon, 01 Dec 2025 09:30:00 GMT</pubDate><dc:creator>{BYLINE}</dc:creator>
<description><![CDATA[<p>{lead}</p><p>{SECOND}</p>]]></description></item></channel></rss>"#
            ),
        ),
        (
            Format::Atom,
            format!(
                r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Example desk</title>
<entry><title>{HEADLINE}</title><id>urn:x:p1</id><updated>2025-12-01T09:30:00Z</updated>
<author><name>{BYLINE}</name></author>
<content type="html">&lt;p&gt;{lead}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</content></entry></feed>"#
            ),
        ),
        (
            Format::Anpa1312,
            format!(
                "\u{16}\u{16}\u{1}X0001\u{1f}local\nr a\u{13}\u{11} BC-Harbour-Talks   12-01 0120\n\u{2}^{HEADLINE}<\n^By {BYLINE}=\n\t   {lead}\n\t   {SECOND}\n\u{3}{stamp_agency}-WF-12-01-25 0930GMT<\n\u{4}"
            ),
        ),
        (
            Format::Iptc7901,
            format!(
                "\u{1}abc001 3 i 120\n\nHarbour/talks/\n\u{2}{HEADLINE} =\nBy {BYLINE} =\n\n{lead}\n\n{SECOND}\n\u{3}010930 GMT Dec 25\n\u{4}"
            ),
        ),
    ]
}

/// What must be the same in every format.
#[derive(Debug, PartialEq, Eq)]
struct Read {
    place: Option<String>,
    credit: Option<String>,
    agency: Option<String>,
    byline: Option<String>,
    date: Option<String>,
    dateline_date: Option<String>,
    headline: String,
    lead: Option<String>,
}

fn read(article: &Article) -> Read {
    let d = article.dateline.clone().unwrap_or_default();
    Read {
        place: d.place,
        credit: d.agency,
        agency: article.agency.clone(),
        byline: article.byline.clone(),
        date: article.date().map(str::to_string),
        dateline_date: d.date,
        headline: article.headline.clone(),
        lead: article.paragraphs.first().cloned(),
    }
}

#[test]
fn every_format_reads_every_lead_style_the_same() {
    for style in STYLES {
        let want = Read {
            place: Some(style.place.to_string()),
            credit: Some(style.credit.to_string()),
            agency: Some(style.agency.to_string()),
            byline: Some(BYLINE.to_string()),
            date: Some("2025-12-01".to_string()),
            dateline_date: style.date.map(str::to_string),
            headline: HEADLINE.to_string(),
            lead: Some(LEAD.to_string()),
        };
        for (format, text) in files(style) {
            let name = format!("{}.{}", style.dateline, format.name());
            let articles = ingest::parse_bytes(&name, text.as_bytes(), None)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(articles.len(), 1, "{name}");
            let article = &articles[0];
            assert_eq!(article.source.format, format, "{name}: detected");
            assert_eq!(read(article), want, "{name}");
            assert_eq!(
                article.paragraphs.get(1).map(String::as_str),
                Some(SECOND),
                "{name}"
            );
        }
    }
}

/// Times agree to the second where the format carries one.
#[test]
fn publication_times_keep_their_time_and_zone() {
    let style = &STYLES[0];
    for (format, text) in files(style) {
        let article = ingest::parse_bytes("t", text.as_bytes(), None)
            .unwrap()
            .remove(0);
        let published = article.published.clone().unwrap();
        if format == Format::Plain {
            assert_eq!(published, "2025-12-01");
            continue;
        }
        let at: jiff::Timestamp = published
            .parse()
            .unwrap_or_else(|e| panic!("{format}: {published}: {e}"));
        assert_eq!(
            at,
            "2025-12-01T09:30:00Z".parse::<jiff::Timestamp>().unwrap(),
            "{format}"
        );
    }
}
