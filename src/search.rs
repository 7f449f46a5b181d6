//! Search: a query language (fzf's extended syntax plus `person:`, `place:`, `org:`,
//! `agency:`, `since:`, `until:`, `urgency:` filters and `text:` words) parsed in `query`, run over a
//! catalogue in `engine`, narrowed as a query grows in `session`; the TUI's `/` and
//! `dateline search` share them. This file declares and re-exports the parts (which depend
//! on each other, never on it) and tests them together.

mod check;
pub(crate) mod engine;
// Marking matches and ranking names are for the reader's screens alone.
mod headline_words;
#[cfg(feature = "tui")]
pub(crate) mod highlight;
mod indexed;
mod name_stories;
#[cfg(feature = "tui")]
pub(crate) mod names;
mod query;
mod rank;
mod scan;
pub(crate) mod session;
mod sort;
mod subsequence;
mod top;
mod when;

pub use engine::{Outcome, search};
pub use query::{Atom, Query, Term};
pub use session::{Names, Session};
pub use sort::Sort;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Dateline, Entity, EntityKind};
    use crate::catalog::Catalog;

    fn story(headline: &str, date: &str, agency: &str, people: &[&str]) -> Article {
        Article {
            headline: headline.into(),
            published: Some(date.into()),
            dateline: Some(Dateline {
                place: Some("Paris".into()),
                agency: Some(agency.into()),
                text: String::new(),
                ..Dateline::default()
            }),
            paragraphs: vec![format!("{headline}.")],
            entities: people
                .iter()
                .map(|p| Entity {
                    name: (*p).into(),
                    kind: EntityKind::Person,
                    mentions: vec![(*p).into(), p.rsplit(' ').next().unwrap_or(p).into()],
                    count: 1,
                    canonical: None,
                })
                .collect(),
            ..Article::default()
        }
    }

    fn corpus() -> Vec<Article> {
        let mut stories = vec![
            story(
                "Grain corridor talks resume",
                "2025-06-19",
                "Reuters",
                &["Lars Henriksen"],
            ),
            story("Storm closes ports on the coast", "2025-02-06", "AFP", &[]),
            story(
                "Central bank holds rates",
                "2025-03-12",
                "Reuters",
                &["Marta Ellery"],
            ),
            story(
                "Port workers strike over pay",
                "2024-11-04",
                "AP",
                &["Marta Ellery"],
            ),
        ];
        for s in &mut stories {
            s.assign_id();
        }
        stories
    }

    fn headlines(query: &str) -> Vec<String> {
        let catalog = Catalog::from_articles(corpus());
        let never = || false;
        search(&catalog, &Query::parse(query), None, &never)
            .unwrap()
            .docs
            .into_iter()
            .map(|d| catalog.headline(d).to_string())
            .collect()
    }

    #[test]
    fn fuzzy_and_and_or() {
        assert_eq!(headlines("grncor"), ["Grain corridor talks resume"]);
        assert_eq!(headlines("port !strike").len(), 1);
        assert_eq!(headlines("'bank | 'storm").len(), 2);
        assert_eq!(headlines("^central"), ["Central bank holds rates"]);
        assert_eq!(headlines("pay$"), ["Port workers strike over pay"]);
        assert_eq!(headlines("").len(), 4, "an empty query matches every story");
    }

    #[test]
    fn field_filters() {
        assert_eq!(headlines("person:ellery").len(), 2);
        assert_eq!(
            headlines("person:\"marta ellery\" agency:reuters"),
            ["Central bank holds rates"]
        );
        assert_eq!(headlines("since:2025-03 until:2025-06-30").len(), 2);
        assert_eq!(headlines("org:reuters").len(), 0);
    }

    #[test]
    fn full_text_words_and_prefixes() {
        assert_eq!(headlines("text:holds"), ["Central bank holds rates"]);
        assert_eq!(
            headlines("text:\"port workers\""),
            ["Port workers strike over pay"]
        );
        assert_eq!(headlines("text:corr*"), ["Grain corridor talks resume"]);
        assert_eq!(headlines("text:bank | text:storm").len(), 2);
        assert_eq!(headlines("!text:bank").len(), 3);
        assert!(headlines("text:zebra").is_empty());
    }

    #[test]
    fn best_matches_first_then_newest() {
        // A whole word in the headline beats a word start, which beats scattered letters
        // (newer stories first among equals).
        assert_eq!(
            headlines("port"),
            [
                "Port workers strike over pay",
                "Storm closes ports on the coast"
            ]
        );
        assert_eq!(
            headlines("ra"),
            [
                "Central bank holds rates",
                "Grain corridor talks resume",
                "Storm closes ports on the coast",
                "Port workers strike over pay",
            ]
        );
    }

    #[test]
    fn urgency_filters() {
        let mut stories = corpus();
        // Grain: a flash; storm: urgent; bank: routine (5); port: no urgency given.
        for (story, urgency) in stories.iter_mut().zip([Some(1), Some(3), Some(5), None]) {
            story.wire.urgency = urgency;
        }
        let catalog = Catalog::from_articles(stories);
        let count = |query: &str| {
            let q = Query::parse(query);
            assert!(q.errors.is_empty(), "{query}");
            search(&catalog, &q, None, &|| false).unwrap().docs.len()
        };
        assert_eq!(count("urgency:1"), 1);
        assert_eq!(count("urgency:<=3"), 2);
        assert_eq!(count("urgency:<3"), 1);
        assert_eq!(count("urgency:>=3"), 2);
        assert_eq!(count("urgency:>3"), 1);
        assert_eq!(count("urgency:<1"), 0);
        assert_eq!(
            count("!urgency:1"),
            3,
            "copy without an urgency is not a flash"
        );
        assert_eq!(count("urgency:1 | urgency:5"), 2);
        assert_eq!(count("port urgency:<=3"), 1);
    }

    #[test]
    fn a_cancelled_search_returns_nothing() {
        let catalog = Catalog::from_articles(corpus());
        assert!(search(&catalog, &Query::parse("port"), None, &|| true).is_none());
    }
}
