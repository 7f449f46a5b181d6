//! A small wire for the reader's tests, written here rather than parsed: a story in three
//! versions (an update, then a correction with a new headline and a quote given to someone
//! else), a story killed by its second version, one under embargo until 12:10, one withheld,
//! undated copy known only by its arrival, and last year's copy with a date alone. Read at
//! [`NOW`], in UTC.

use crate::article::{Article, Quote, Source, Status};
use crate::catalog::Catalog;

/// The time the tests read the wire at.
pub const NOW: &str = "2026-12-02T10:00:00Z";

fn story(item: Option<&str>, headline: &str, paragraphs: &[&str]) -> Article {
    Article {
        headline: headline.into(),
        source: Source {
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
    let start = in_paragraph.find(text).unwrap_or(0);
    Quote {
        text: text.into(),
        speaker: Some(speaker.into()),
        partial: false,
        paragraph,
        start,
        end: start + text.len(),
    }
}

/// The articles, in the order an archive would hold them.
pub fn articles() -> Vec<Article> {
    let lead = "Floods closed roads across the north on Monday after two days of rain.";
    let mayor = "“We are doing all we can,” the mayor, Jane Example, said.";
    let mayor_fixed = "“We are doing all we can,” the mayor, John Sample, said.";
    let schools = "Schools in three towns will stay shut until Wednesday.";
    let v1 = version(
        story(
            Some("urn:wire:floods"),
            "Floods close roads in the north",
            &[lead, "Rivers rose overnight."],
        ),
        "",
        "2026-12-02T07:30:00Z",
    );
    let mut v2 = version(
        story(
            Some("urn:wire:floods"),
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
            Some("urn:wire:floods"),
            "Floods close roads and schools in the north",
            &[
                lead,
                "Rivers rose overnight and kept rising.",
                mayor_fixed,
                schools,
            ],
        ),
        "UPDATE 2",
        "2026-12-02T09:40:00Z",
    );
    v3.wire.status = Some(Status::Corrected);
    v3.wire.advisory = Some("CORRECTS name of mayor in paragraph 3".into());
    v3.quotes = vec![quote(
        "We are doing all we can,",
        "John Sample",
        2,
        mayor_fixed,
    )];

    let bridge = version(
        story(
            Some("urn:wire:bridge"),
            "Bridge collapses after storm",
            &["A road bridge collapsed after the storm, police said."],
        ),
        "1",
        "2026-12-02T06:00:00Z",
    );
    let mut kill = version(
        story(
            Some("urn:wire:bridge"),
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

    let mut all = vec![v1, bridge, v2, embargoed, kill, withheld, undated, v3, old];
    for a in &mut all {
        a.assign_id();
    }
    all
}

/// Story `n`, published `n` minutes after 06:00 on the test day (later stories list first),
/// in the chain `item` when given (the live and desk tests).
pub fn numbered(n: usize, item: Option<&str>) -> Article {
    let mut a = Article {
        headline: format!("Story number {n}"),
        agency: Some("Wire".into()),
        published: Some(format!("2026-12-02T{:02}:{:02}:00Z", 6 + n / 60, n % 60)),
        paragraphs: vec![format!("What happened in story {n}.")],
        source: Source {
            item: item.map(str::to_string),
            ..Source::default()
        },
        ..Article::default()
    };
    a.assign_id();
    a
}

pub fn catalog() -> Catalog {
    Catalog::from_articles(articles())
}

pub fn now() -> jiff::Timestamp {
    NOW.parse().unwrap_or_default()
}
