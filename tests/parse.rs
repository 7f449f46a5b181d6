//! Snapshots of parsed articles for our own fixture stories (tests/fixtures/stories).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::Path;

use dateline::ingest::Options;
use dateline::pipeline;

/// The fixture as it reads when its file reached the desk at a fixed time (2025-12-02 09:30
/// UTC): the modification time is `received`, and dates a dateline without a year.
fn parse(name: &str) -> dateline::article::Article {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(Path::new("tests/fixtures/stories").join(name), &path).unwrap();
    let received = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_667_800);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(received)
        .unwrap();
    let mut articles = pipeline::read_file(&path, Options::default()).expect("parses");
    assert_eq!(articles.len(), 1);
    let mut article = articles.remove(0);
    article.source.path = format!("tests/fixtures/stories/{name}");
    article
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
    reuters_dateline_with_date_and_credit_line,
    "reuters-rates.txt"
);
snapshot!(ap_byline_and_trailer_after_rule, "ap-harbour.txt");
snapshot!(
    date_caption_line_bare_agency_code_and_sign_off,
    "mina-water-summit.txt"
);
snapshot!(no_dateline_headline_from_first_line, "no-dateline.txt");
snapshot!(no_place_no_headline, "no-place.txt");
snapshot!(utf8_bom_and_crlf, "bom-crlf.txt");
snapshot!(latin1_without_mojibake, "latin1.txt");

#[test]
fn broken_files_name_the_file_and_the_problem() {
    let dir = Path::new("tests/fixtures/broken");
    let messages: Vec<String> = ["empty.txt", "photo.txt", "story.xml"]
        .iter()
        .map(|name| {
            pipeline::read_file(&dir.join(name), Options::default())
                .expect_err("must fail")
                .to_string()
        })
        .collect();
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn too_large_file_is_refused_before_reading() {
    let path = Path::new("tests/fixtures/stories/reuters-rates.txt");
    let err = pipeline::read_file(
        path,
        Options {
            max_file_bytes: 100,
            ..Options::default()
        },
    )
    .expect_err("over the limit");
    assert!(err.to_string().contains("over the 100-byte limit"), "{err}");
}

#[test]
fn markdown_of_fixture_stories() {
    for (name, file) in [
        ("markdown_seed_style", "mina-water-summit.txt"),
        ("markdown_ap_style", "ap-harbour.txt"),
    ] {
        insta::assert_snapshot!(name, dateline::export::markdown(&parse(file)));
    }
}
