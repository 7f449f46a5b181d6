//! Conformance of the teletype formats (ANPA-1312, IPTC 7901) on invented stories written with
//! the real control bytes (tests/fixtures/formats), and detection leaving plain text alone.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::Path;

use dateline::article::{Article, Format};
use dateline::{ingest, pipeline};

fn parse(relative: &str) -> Vec<Article> {
    let path = Path::new("tests/fixtures/formats").join(relative);
    let bytes = std::fs::read(&path).expect("fixture exists");
    let display = format!("tests/fixtures/formats/{relative}");
    pipeline::parse_bytes(&display, &bytes, None).expect("parses")
}

macro_rules! snapshot {
    ($test:ident, $file:literal, $format:expr) => {
        #[test]
        fn $test() {
            let articles = parse($file);
            assert_eq!(articles.len(), 1);
            assert_eq!(articles[0].source.format, $format);
            insta::assert_json_snapshot!(articles[0]);
        }
    };
}

snapshot!(
    anpa_heading_byline_underscore_dateline_and_trailer,
    "anpa-1312/harbor-festival.anpa",
    Format::Anpa1312
);
snapshot!(
    anpa_latin1_without_mojibake,
    "anpa-1312/cafe-strike-latin1.anpa",
    Format::Anpa1312
);
snapshot!(
    iptc_indented_paragraphs_notebook_and_trailer,
    "iptc-7901/night-train.txt",
    Format::Iptc7901
);
snapshot!(
    iptc_latin1_german_von_byline_teaser_before_dateline,
    "iptc-7901/chor-latin1.txt",
    Format::Iptc7901
);
snapshot!(
    iptc_zczc_nnnn_framing,
    "iptc-7901/zczc-council.txt",
    Format::Iptc7901
);

/// No control character may reach any field of the output.
#[test]
fn no_control_characters_in_output() {
    for file in [
        "anpa-1312/harbor-festival.anpa",
        "anpa-1312/cafe-strike-latin1.anpa",
        "iptc-7901/night-train.txt",
        "iptc-7901/chor-latin1.txt",
        "iptc-7901/zczc-council.txt",
    ] {
        let json = serde_json::to_string(&parse(file)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut strings = Vec::new();
        collect_strings(&value, &mut strings);
        for s in strings {
            assert!(!s.chars().any(char::is_control), "{file}: {s:?}");
        }
    }
}

fn collect_strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn detection_leaves_plain_text_alone() {
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/fixtures/stories").unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(ingest::detect_teletype(&bytes), None, "{}", path.display());
        checked += 1;
    }
    assert!(checked > 0);
    // Stray control bytes inside ordinary text are not a teletype frame.
    let text = b"Council votes\n\nLONDON (Reuters) - A \x02stray\x03 byte.\n";
    assert_eq!(ingest::detect_teletype(text), None);
    let articles = pipeline::parse_bytes("stray.txt", text, None).unwrap();
    assert_eq!(articles[0].source.format, Format::Plain);
}
