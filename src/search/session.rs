//! A search session: the queries of one search box over one catalogue, typed a character at
//! a time. A query that only adds to the last one (more letters, more AND terms) is run over
//! the last one's matches instead of the whole archive, and recent results are kept, so
//! Backspace is instant. A session given the stories of each name of its catalogue
//! ([`Names`]) walks those instead of every story's names, which short terms need.

use std::sync::Arc;

use fixedbitset::FixedBitSet;

use super::engine;
use super::name_stories::NameStories;
use super::query::Query;
use super::top;
use crate::catalog::{Catalog, Doc};

/// Results kept for going back (Backspace): enough for a long query typed and erased.
const KEEP: usize = 12;

/// Catalogues with fewer stories are searched whole in a few milliseconds: their first rows
/// are not looked for first.
const FIRST_FROM: usize = 1 << 17;

#[derive(Debug, Default)]
pub struct Session {
    /// Recent queries' text, stories best first, and match sets; newest last.
    recent: Vec<(String, Arc<Vec<Doc>>, FixedBitSet)>,
    names: Option<Names>,
}

/// The stories of each name, and of each headline word, of a catalogue, built for a session
/// beforehand (~80 MB and ~0.3 s of one core at a million stories): a reader builds them
/// beside typing, so that typing never waits for them. Searches without them get the same
/// results; only the first rows are not found ahead of the rest.
#[derive(Debug, Clone)]
pub struct Names(Arc<NameStories>);

impl Names {
    pub fn build(catalog: &Catalog) -> Names {
        Names(Arc::new(NameStories::build(catalog)))
    }

    /// These for `catalog`, grown by the stories it has after those these were built for:
    /// a fraction of building them again when a followed archive grows (`None` if `catalog`
    /// was not grown from theirs, by the follower).
    pub fn grown(&self, catalog: &Catalog) -> Option<Names> {
        self.0.grown(catalog).map(|grown| Names(Arc::new(grown)))
    }

    /// Whether these were built (or grown) for `catalog`.
    pub fn fits(&self, catalog: &Catalog) -> bool {
        self.0.fits(catalog)
    }
}

impl Session {
    /// Searches from now on walk `names` (built for the catalogue this session searches).
    pub fn use_names(&mut self, names: Names) {
        self.names = Some(names);
    }

    /// Drops the results kept for narrowing and Backspace, as a new search box would start,
    /// and keeps the [`Names`].
    pub fn forget(&mut self) {
        self.recent.clear();
    }

    /// [`Session::run`], the stories then put in `sort`'s order (a copy: what is kept for
    /// narrowing the next query stays as found).
    pub fn run_sorted(
        &mut self,
        catalog: &Catalog,
        text: &str,
        sort: super::sort::Sort,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Arc<Vec<Doc>>> {
        let docs = self.run(catalog, text, cancelled)?;
        if sort == super::sort::Sort::Found {
            return Some(docs);
        }
        let mut sorted = docs.as_ref().clone();
        sort.apply(catalog, &mut sorted);
        Some(Arc::new(sorted))
    }

    /// The first `n` stories [`Session::run`] will give for `text`, when a small part of the
    /// catalogue tells them (a large catalogue, a query not run lately): a list can be drawn
    /// with them while the whole search runs. `None` otherwise.
    pub fn first(&self, catalog: &Catalog, text: &str, n: usize) -> Option<Arc<Vec<Doc>>> {
        if catalog.len() < FIRST_FROM {
            return None;
        }
        let query = Query::parse(text);
        if self.kept(text, &query).is_some() {
            return None;
        }
        let names = self.names();
        top::top(
            catalog,
            names,
            &query,
            self.within(text),
            n,
            top::Limits::DEFAULT,
        )
        .map(Arc::new)
    }

    /// The stories of each name, when they were built for `catalog`.
    fn names(&self) -> Option<&NameStories> {
        self.names.as_ref().map(|names| &*names.0)
    }

    /// Where the results of `text` are kept, if they are: the same text, or text that reads
    /// as the same `query` (a space typed after a word).
    fn kept(&self, text: &str, query: &Query) -> Option<usize> {
        self.recent
            .iter()
            .position(|(t, ..)| t == text || Query::parse(t) == *query)
    }

    /// The matches of the latest query kept that `text` narrows, if any.
    fn within(&self, text: &str) -> Option<&FixedBitSet> {
        self.recent
            .iter()
            .rev()
            .find(|(previous, ..)| narrows(previous, text))
            .map(|(.., set)| set)
    }

    /// The stories matching `text`, best first; `None` if `cancelled` said so meanwhile.
    pub fn run(
        &mut self,
        catalog: &Catalog,
        text: &str,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Arc<Vec<Doc>>> {
        let query = Query::parse(text);
        if let Some(i) = self.kept(text, &query) {
            let entry = self.recent.remove(i);
            let docs = Arc::clone(&entry.1);
            self.recent.push(entry);
            return Some(docs);
        }
        let names = self.names().filter(|names| names.fits(catalog));
        let outcome = engine::search_with(catalog, names, &query, self.within(text), cancelled)?;
        let docs = Arc::new(outcome.docs);
        if self.recent.len() == KEEP {
            self.recent.remove(0);
        }
        self.recent
            .push((text.to_string(), Arc::clone(&docs), outcome.matched));
        Some(docs)
    }
}

/// Whether every story matching `next` must match `previous`: `next` only adds characters to
/// a fuzzy or exact term or adds AND terms. Alternatives (`|`) and negations (`!`) widen as
/// they grow, and a field filter being typed (`person:ma` → `person:mar`) is not a narrowing.
pub(crate) fn narrows(previous: &str, next: &str) -> bool {
    let Some(added) = next.strip_prefix(previous) else {
        return false;
    };
    if next.contains(['|', '!']) || previous.matches('"').count() % 2 == 1 {
        return false;
    }
    let last_word = previous.rsplit(char::is_whitespace).next().unwrap_or("");
    let continues_word = !added.starts_with(char::is_whitespace) && !last_word.is_empty();
    let field = last_word.contains(':');
    // `'` alone or `^` alone was an empty term (matching everything); any other end is a term.
    !(continues_word && field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;

    #[test]
    fn what_narrows() {
        assert!(narrows("", "p"));
        assert!(narrows("po", "por"));
        assert!(narrows("port", "port st"));
        assert!(narrows("person:\"ann lee\"", "person:\"ann lee\" k"));
        assert!(narrows("'po", "'por"));
        assert!(!narrows("port", "pot"));
        assert!(!narrows("port", "port | storm"));
        assert!(!narrows("port", "port !st"));
        assert!(!narrows("person:ma", "person:mar"));
        assert!(!narrows("person:\"ann", "person:\"ann lee\""));
    }

    #[test]
    fn narrowed_results_equal_full_searches() {
        let catalog = Catalog::from_articles(vec![
            story("Port strike spreads", Some("2025-01-02"), &["Marta Ellery"]),
            story("Airport reopens", Some("2025-01-03"), &[]),
            story("Storm closes ports", Some("2025-01-01"), &["Ann Lee"]),
            story("Portugal votes", None, &[]),
        ]);
        let never = || false;
        let mut session = Session::default();
        let mut prepared = Session::default();
        prepared.use_names(Names::build(&catalog));
        let mut typed = String::new();
        for c in "port st".chars() {
            typed.push(c);
            let narrowed = session.run(&catalog, &typed, &never).unwrap();
            let full = engine::search(&catalog, &Query::parse(&typed), None, &never).unwrap();
            assert_eq!(*narrowed, full.docs, "{typed}");
            let with_names = prepared.run(&catalog, &typed, &never).unwrap();
            assert_eq!(
                *with_names, full.docs,
                "{typed}, names walked from their stories"
            );
        }
        // Back to a shorter query: from the kept results.
        let back = session.run(&catalog, "po", &never).unwrap();
        assert_eq!(back.len(), 4);
        let heads: Vec<&str> = session
            .run(&catalog, "port", &never)
            .unwrap()
            .iter()
            .map(|&d| catalog.headline(d))
            .collect();
        assert_eq!(
            heads,
            [
                "Port strike spreads",
                "Storm closes ports",
                "Portugal votes",
                "Airport reopens"
            ]
        );
    }
}
