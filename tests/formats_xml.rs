//! The XML formats (NITF, NewsML-G2, NewsML 1.2) on invented fixtures
//! (tests/fixtures/formats/…): snapshots of the parsed articles, and hostile or broken input
//! that must fail fast with an error naming the problem.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use dateline::article::{Article, Format};
use dateline::pipeline;

fn fixture(path: &str) -> (String, Vec<u8>) {
    let full = format!("tests/fixtures/formats/{path}");
    let bytes = std::fs::read(&full).expect("fixture exists");
    (full, bytes)
}

/// The parsed articles without the extraction output, which has its own tests.
fn parse(path: &str) -> Vec<Article> {
    let (full, bytes) = fixture(path);
    let mut articles = pipeline::parse_bytes(&full, &bytes, None).expect("parses");
    for a in &mut articles {
        a.quotes.clear();
        a.entities.clear();
    }
    articles
}

fn error(name: &str, bytes: &[u8]) -> String {
    let start = Instant::now();
    let err = pipeline::parse_bytes(name, bytes, None)
        .expect_err("must fail")
        .to_string();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{name} took {:?}",
        start.elapsed()
    );
    err
}

macro_rules! snapshot {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_json_snapshot!(parse($file));
        }
    };
}

snapshot!(nitf_namespaced_with_media_caption, "nitf/namespaced.xml");
snapshot!(nitf_plain_with_body_dateline, "nitf/plain.xml");
snapshot!(
    newsml_g2_message_with_span_dateline_picture_and_inline_nitf,
    "newsml-g2/message.xml"
);
snapshot!(
    newsml_g2_prefixed_bare_item_preformatted_body,
    "newsml-g2/bare-item.xml"
);
snapshot!(newsml12_nitf_body, "newsml-1.2/nitf-body.xml");
snapshot!(
    newsml12_prefixed_cdata_html_body,
    "newsml-1.2/cdata-html.xml"
);

#[test]
fn formats_are_detected_from_the_root_element() {
    for (path, format) in [
        ("nitf/namespaced.xml", Format::Nitf),
        ("nitf/plain.xml", Format::Nitf),
        ("newsml-g2/message.xml", Format::NewsmlG2),
        ("newsml-g2/bare-item.xml", Format::NewsmlG2),
        ("newsml-1.2/nitf-body.xml", Format::Newsml12),
        ("newsml-1.2/cdata-html.xml", Format::Newsml12),
    ] {
        for a in parse(path) {
            assert_eq!(a.source.format, format, "{path}");
        }
    }
}

#[test]
fn picture_items_are_skipped() {
    let articles = parse("newsml-g2/message.xml");
    assert_eq!(articles.len(), 2);
    assert!(
        articles
            .iter()
            .all(|a| !a.headline.contains("Boote im Hafen"))
    );
}

#[test]
fn picture_only_message_says_so() {
    let (full, bytes) = fixture("newsml-g2/pictures.xml");
    let err = error(&full, &bytes);
    assert!(err.contains("only picture"), "{err}");
    assert!(err.contains("NewsML-G2"), "{err}");
}

#[test]
fn billion_laughs_is_refused() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        let body = format!("&{prev};").repeat(10);
        writeln!(doc, "<!ENTITY lol{i} \"{body}\">").unwrap();
    }
    doc.push_str("]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>\n");
    let err = error("laughs.xml", doc.as_bytes());
    assert!(err.starts_with("laughs.xml: not valid NITF"), "{err}");
    assert!(err.contains("DOCTYPE declares entities"), "{err}");
}

#[test]
fn undeclared_entities_are_never_expanded() {
    let doc = "<nitf><body><body.content><p>Fish &amp; chips &trade; &#169;</p></body.content></body></nitf>";
    let articles = pipeline::parse_bytes("e.xml", doc.as_bytes(), None).unwrap();
    assert_eq!(articles[0].paragraphs, ["Fish & chips &trade; ©"]);
}

#[test]
fn truncated_xml_names_the_open_element() {
    let (_, bytes) = fixture("nitf/plain.xml");
    let cut = &bytes[..bytes.len() * 2 / 3];
    let err = error("cut.xml", cut);
    assert!(err.contains("cut.xml: not valid NITF"), "{err}");
    assert!(err.contains("is it truncated?"), "{err}");
    assert!(err.contains("> (opened on line"), "{err}");
}

#[test]
fn deep_nesting_is_an_error() {
    let doc = format!(
        "<nitf>{}x{}</nitf>",
        "<p>".repeat(1000),
        "</p>".repeat(1000)
    );
    let err = error("deep.xml", doc.as_bytes());
    assert!(err.contains("nest deeper than 200"), "{err}");
}

#[test]
fn mismatched_tags_give_a_line() {
    let err = error("bad.xml", b"<nitf>\n<body>\n</head>\n</nitf>");
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn newsml_g2_items_that_are_no_story_say_what_they_are() {
    for (root, what) in [
        ("planningItem", "a NewsML-G2 planning item"),
        ("conceptItem", "a NewsML-G2 concept item"),
        ("knowledgeItem", "a NewsML-G2 knowledge item"),
        ("packageItem", "a NewsML-G2 package item"),
    ] {
        let doc = format!(
            r#"<?xml version="1.0"?><{root} xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1"><itemMeta/></{root}>"#
        );
        let err = error("item.xml", doc.as_bytes());
        assert!(err.starts_with(&format!("item.xml: {what}")), "{err}");
        assert!(err.ends_with("not a story"), "{err}");
    }
}
