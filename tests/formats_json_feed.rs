//! ninjs, RSS and Atom: snapshots of `ingest::parse_bytes` on our own invented fixtures
//! (tests/fixtures/formats/{ninjs,rss,atom}), and bad input that must fail with a clear
//! message rather than panic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::Path;

use dateline::article::{Article, Format};
use dateline::pipeline;

fn parse(rel: &str) -> Vec<Article> {
    let path = Path::new("tests/fixtures/formats").join(rel);
    let bytes = std::fs::read(&path).expect("fixture exists");
    pipeline::parse_bytes(rel, &bytes, None).expect("parses")
}

fn error(name: &str, text: &str) -> String {
    pipeline::parse_bytes(name, text.as_bytes(), None)
        .expect_err("must fail")
        .to_string()
}

macro_rules! snapshot {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_json_snapshot!(parse($file));
        }
    };
}

snapshot!(
    ninjs_1x_flat_with_located_and_metadata,
    "ninjs/flat-1x.json"
);
snapshot!(ninjs_2x_html_body_roles_and_credit, "ninjs/v2-html.json");
snapshot!(ninjs_array_skips_picture_items, "ninjs/array-two.json");
snapshot!(rss_two_items_html_description, "rss/two-items.xml");
snapshot!(atom_two_entries_html_and_xhtml, "atom/two-entries.xml");

#[test]
fn formats_are_detected_from_content() {
    assert!(
        parse("ninjs/flat-1x.json")
            .iter()
            .all(|a| a.source.format == Format::Ninjs)
    );
    assert!(
        parse("rss/two-items.xml")
            .iter()
            .all(|a| a.source.format == Format::Rss)
    );
    assert!(
        parse("atom/two-entries.xml")
            .iter()
            .all(|a| a.source.format == Format::Atom)
    );
}

#[test]
fn json_with_wrong_types_names_the_field() {
    let err = error("a.json", r#"{"headline": 42, "body_text": "x"}"#);
    assert!(err.starts_with("a.json: not valid ninjs JSON"), "{err}");
    assert!(err.contains("`headline` is a number"), "{err}");

    let err = error(
        "b.json",
        r#"{"headlines": [{"value": "H"}], "bodies": "text"}"#,
    );
    assert!(err.contains("`bodies` is a string"), "{err}");

    let err = error("c.json", r#"[{"headline": "A", "body_text": "a"}, 7]"#);
    assert!(err.contains("item 2 is a number"), "{err}");

    // Metadata of the wrong type is skipped, not fatal.
    let ok = pipeline::parse_bytes(
        "d.json",
        br#"{"headline": "H", "body_text": "Words.", "urgency": [1], "subject": "x"}"#,
        None,
    )
    .unwrap();
    assert_eq!(ok[0].wire.urgency, None);
}

#[test]
fn truncated_json_is_an_error() {
    let err = error("t.json", r#"{"headline": "Cut off", "body_text": "The sto"#);
    assert!(err.starts_with("t.json: not valid ninjs JSON"), "{err}");
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn json_without_items_is_an_error() {
    let err = error("e.json", r#"{"something": "else"}"#);
    assert!(err.contains("no ninjs item"), "{err}");
}

#[test]
fn truncated_rss_names_the_unclosed_element() {
    let err = error(
        "cut.xml",
        "<rss version=\"2.0\"><channel><title>T</title><item><title>Half</title><description>Some te",
    );
    assert!(err.starts_with("cut.xml: not valid RSS"), "{err}");
    assert!(err.contains("<description>"), "{err}");
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn feeds_with_no_items_are_an_error() {
    let err = error(
        "empty.xml",
        "<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>",
    );
    assert!(err.contains("no <item> elements"), "{err}");
    let err = error(
        "empty-atom.xml",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Quiet</title></feed>",
    );
    assert!(err.starts_with("empty-atom.xml: not valid Atom"), "{err}");
    assert!(err.contains("no <entry> elements"), "{err}");
}

#[test]
fn billion_laughs_is_refused_as_in_every_xml_format() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title><description>Body.</description></item></channel></rss>"#;
    let err = pipeline::parse_bytes("lol.xml", xml.as_bytes(), None)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("lol.xml: not valid RSS"), "{err}");
    assert!(err.contains("DOCTYPE declares entities"), "{err}");
}
