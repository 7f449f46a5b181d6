//! Whether a story joins a story already there as another version, answered without opening
//! the catalogue: the identities, feed ids and earlier-version links of an index segment's
//! stories, sorted (kept in the index's keys section, which an import reads), and the same
//! for the stories an import adds as it goes. The rule is the one chains are built by: the
//! same identity, or a link from one to the other's feed id.

use foldhash::HashSet;

use super::chains::{VersionColumns, VersionFacts};

/// The chain keys of a set of stories, each list sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ChainKeys {
    pub(crate) identities: Vec<u64>,
    /// Feed ids (their hashes; stories without one are left out).
    pub(crate) feeds: Vec<u64>,
    /// The earlier versions the stories name.
    pub(crate) links: Vec<u64>,
}

impl ChainKeys {
    pub(crate) fn of(v: &VersionColumns) -> ChainKeys {
        let sorted = |values: &[u64]| {
            let mut list: Vec<u64> = values.iter().copied().filter(|&k| k != 0).collect();
            list.sort_unstable();
            list.dedup();
            list
        };
        ChainKeys {
            identities: sorted(&v.identities),
            feeds: sorted(&v.source_ids),
            links: sorted(&v.previous),
        }
    }

    /// Whether a story with these facts is another version of one of these stories.
    pub(crate) fn joins(&self, facts: &VersionFacts) -> bool {
        self.joins_keys(facts.identity, facts.source_id, &facts.previous)
    }

    /// [`ChainKeys::joins`] for a story's identity, feed id and earlier versions.
    pub(crate) fn joins_keys(&self, identity: u64, source_id: u64, previous: &[u64]) -> bool {
        let has = |list: &[u64], key: u64| list.binary_search(&key).is_ok();
        has(&self.identities, identity)
            || (source_id != 0 && has(&self.links, source_id))
            || previous.iter().any(|&p| has(&self.feeds, p))
    }
}

/// The chain keys of the stories an import has added so far.
#[derive(Debug, Default)]
pub(crate) struct ChainSets {
    identities: HashSet<u64>,
    feeds: HashSet<u64>,
    links: HashSet<u64>,
}

impl ChainSets {
    /// Whether a story with these facts is another version of one added so far.
    pub(crate) fn joins(&self, facts: &VersionFacts) -> bool {
        self.joins_keys(facts.identity, facts.source_id, &facts.previous)
    }

    /// [`ChainSets::joins`] for a story's identity, feed id and earlier versions.
    pub(crate) fn joins_keys(&self, identity: u64, source_id: u64, previous: &[u64]) -> bool {
        self.identities.contains(&identity)
            || (source_id != 0 && self.links.contains(&source_id))
            || previous.iter().any(|p| self.feeds.contains(p))
    }

    pub(crate) fn add(&mut self, facts: &VersionFacts) {
        self.add_keys(facts.identity, facts.source_id, &facts.previous);
    }

    /// [`ChainSets::add`] for a story's identity, feed id and earlier versions.
    pub(crate) fn add_keys(&mut self, identity: u64, source_id: u64, previous: &[u64]) {
        self.identities.insert(identity);
        if source_id != 0 {
            self.feeds.insert(source_id);
        }
        self.links.extend(previous.iter().copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Source};

    fn story(item: &str, feed: Option<&str>, previous: &[&str]) -> VersionFacts {
        let mut a = Article {
            source: Source {
                item: Some(item.into()),
                id: feed.map(str::to_string),
                ..Source::default()
            },
            ..Article::default()
        };
        a.wire.previous = previous.iter().map(|p| (*p).to_string()).collect();
        VersionFacts::of(&a)
    }

    #[test]
    fn identity_or_a_link_either_way_joins() {
        let there = [
            story("a", Some("urn:a:1"), &[]),
            story("b", Some("urn:b:2"), &["urn:b:1"]),
        ];
        let mut columns = VersionColumns::default();
        let mut sets = ChainSets::default();
        for facts in &there {
            columns.push(facts.clone());
            sets.add(facts);
        }
        let keys = ChainKeys::of(&columns);
        for (facts, joins) in [
            (story("a", Some("urn:a:2"), &[]), true),
            (story("x", Some("urn:x:2"), &["urn:a:1"]), true),
            (story("y", Some("urn:b:1"), &[]), true),
            (story("z", Some("urn:z:1"), &["urn:nowhere"]), false),
            (story("w", None, &[]), false),
        ] {
            assert_eq!(keys.joins(&facts), joins, "{facts:?}");
            assert_eq!(sets.joins(&facts), joins, "{facts:?}");
        }
    }
}
