//! The embedded default archive: the sample stories in `assets/stories/`, written for dateline
//! and built into the binary, shown whenever the user has no archive yet.

use crate::catalog::Catalog;
use crate::pipeline;

/// `(file name, text)` of every sample story, in file-name order.
pub const STORIES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/stories.rs"));

/// What the sample stories' year-less datelines (`SEOUL, Nov. 3 (Yonhap) --`) are read
/// against: the end of the year they are set in, so the samples read the same on any day.
/// They record no arrival time: undated samples stay undated, and list last.
pub const RECEIVED: &str = "2025-12-31T12:00:00Z";

/// The sample stories as a catalogue (held in memory), for the reader and the commands. Their
/// source paths read `embedded:NAME`.
pub fn catalog() -> Catalog {
    let received = RECEIVED.parse::<jiff::Timestamp>().ok();
    let articles = STORIES.iter().flat_map(|(name, text)| {
        let mut articles =
            pipeline::parse_bytes_at(&format!("embedded:{name}"), text.as_bytes(), None, received)
                .unwrap_or_default();
        for article in &mut articles {
            article.received = None;
        }
        articles
    });
    Catalog::from_articles(articles.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_story_parses_with_a_dateline_or_headline() {
        assert!(STORIES.len() >= 40, "only {} sample stories", STORIES.len());
        for (name, text) in STORIES {
            let articles = pipeline::parse_bytes(name, text.as_bytes(), None)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(articles.len(), 1, "{name}");
            let a = &articles[0];
            assert!(!a.headline.is_empty(), "{name}: no headline");
            assert!(
                a.paragraphs.len() >= 3,
                "{name}: {} paragraphs",
                a.paragraphs.len()
            );
        }
        assert_eq!(
            catalog().len(),
            STORIES.len(),
            "sample stories must not repeat"
        );
    }
}
