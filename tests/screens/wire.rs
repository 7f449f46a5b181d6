//! A small wire for the screen tests, written as an archive and opened as the reader opens
//! one: a story in three versions (an update, then a correction with a new headline and a
//! quote given to someone else), a story killed by its second version, a flash under embargo
//! until 12:10, a withheld story, undated copy known only by when it arrived, and last year's
//! copy with a date alone. Read at [`NOW`].

use std::io::Write;

use dateline::article::{Article, Quote, Source, Status};
use dateline::catalog::{Catalog, file};

pub const NOW: &str = "2026-12-02T10:00:00Z";

pub fn now() -> jiff::Timestamp {
    NOW.parse().unwrap()
}

fn story(item: Option<&str>, headline: &str, paragraphs: &[&str]) -> Article {
    Article {
        headline: headline.into(),
        source: Source {
            path: "wire".into(),
            item: item.map(str::to_string),
            ..Source::default()
        },
        agency: Some("Wire".into()),
        paragraphs: paragraphs.iter().map(|p| (*p).to_string()).collect(),
        ..Article::default()
    }
}

fn version(mut a: Article, label: &str, published: &str) -> Article {
    a.wire.version = (!label.is_empty()).then(|| label.into());
    a.published = Some(published.into());
    a
}

fn quote(text: &str, speaker: &str, paragraph: usize, in_paragraph: &str) -> Quote {
    let start = in_paragraph.find(text).unwrap();
    Quote {
        text: text.into(),
        speaker: Some(speaker.into()),
        partial: false,
        paragraph,
        start,
        end: start + text.len(),
    }
}

fn articles() -> Vec<Article> {
    let lead = "Floods closed roads across the north on Monday after two days of rain.";
    let mayor = "“We are doing all we can,” the mayor, Jane Example, said.";
    let fixed = "“We are doing all we can,” the mayor, John Sample, said.";
    let schools = "Schools in three towns will stay shut until Wednesday.";
    let floods = Some("urn:wire:floods");
    let v1 = version(
        story(
            floods,
            "Floods close roads in the north",
            &[lead, "Rivers rose overnight."],
        ),
        "",
        "2026-12-02T07:30:00Z",
    );
    let mut v2 = version(
        story(
            floods,
            "Floods close roads in the north",
            &[lead, "Rivers rose overnight and kept rising.", mayor],
        ),
        "UPDATE 1",
        "2026-12-02T08:15:00Z",
    );
    v2.wire.advisory = Some("(Adds mayor's comment in paragraph 3)".into());
    v2.quotes = vec![quote("We are doing all we can,", "Jane Example", 2, mayor)];
    let mut v3 = version(
        story(
            floods,
            "Floods close roads and schools in the north",
            &[
                lead,
                "Rivers rose overnight and kept rising.",
                fixed,
                schools,
            ],
        ),
        "UPDATE 2",
        "2026-12-02T09:40:00Z",
    );
    v3.wire.status = Some(Status::Corrected);
    v3.wire.advisory = Some("CORRECTS name of mayor in paragraph 3".into());
    v3.quotes = vec![quote("We are doing all we can,", "John Sample", 2, fixed)];

    let bridge = Some("urn:wire:bridge");
    let first = version(
        story(
            bridge,
            "Bridge collapses after storm",
            &["A road bridge collapsed after the storm, police said."],
        ),
        "1",
        "2026-12-02T06:00:00Z",
    );
    let mut kill = version(
        story(
            bridge,
            "KILL: Bridge collapses after storm",
            &["Editors: the story is withdrawn. Do not use it."],
        ),
        "2",
        "2026-12-02T09:00:00Z",
    );
    kill.wire.status = Some(Status::Canceled);
    kill.wire.advisory = Some("KILL: a bridge did not collapse".into());

    let mut embargoed = story(
        None,
        "Central bank to cut rates, report says",
        &["The central bank will cut its main rate, a report due at noon says."],
    );
    embargoed.published = Some("2026-12-02T09:50:00Z".into());
    embargoed.wire.status = Some(Status::Embargoed);
    embargoed.wire.embargo = Some("2026-12-02T12:10:00Z".into());
    embargoed.wire.urgency = Some(2);

    let mut withheld = story(None, "Minister to resign", &["The minister will resign."]);
    withheld.published = Some("2026-12-01T18:00:00Z".into());
    withheld.wire.status = Some(Status::Withheld);

    let mut undated = story(
        None,
        "Harbour reopens after dredging",
        &["The harbour reopened to ships on Monday."],
    );
    undated.received = Some("2026-12-02T07:45:00Z".into());

    let mut old = story(None, "Port traffic rose in October", &["Traffic rose."]);
    old.published = Some("2025-11-20".into());

    let mut all = vec![v1, first, v2, embargoed, kill, withheld, undated, v3, old];
    for a in &mut all {
        a.assign_id();
    }
    all
}

/// The wire as an archive in a new folder, and its catalogue.
pub fn catalog() -> (tempfile::TempDir, Catalog) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.jsonl");
    let mut out = std::fs::File::create(&path).unwrap();
    for a in articles() {
        writeln!(out, "{}", serde_json::to_string(&a).unwrap()).unwrap();
    }
    drop(out);
    let (catalog, _) = file::open(&path, &|_| {}, &|_| {}).unwrap();
    (dir, catalog)
}
