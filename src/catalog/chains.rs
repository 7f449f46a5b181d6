//! Story versions in the catalogue: what each story says of its version and time (columns
//! kept in the index), and the chains they form — every version of one story, linked by its
//! identity or by the earlier versions it names — with the newest version of each as the one
//! lists and search show.

use fixedbitset::FixedBitSet;
use foldhash::HashMap;
use rayon::prelude::*;

use super::doc::Doc;
use crate::article::{Article, Status};

/// How a story's time is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum TimeKind {
    /// Neither published nor received: undated.
    None = 0,
    /// A publication date without a time of day.
    Date = 1,
    /// A publication time.
    Exact = 2,
    /// Only when the story reached the desk.
    Received = 3,
}

impl TimeKind {
    pub(crate) fn from_byte(b: u8) -> TimeKind {
        match b {
            1 => TimeKind::Date,
            2 => TimeKind::Exact,
            3 => TimeKind::Received,
            _ => TimeKind::None,
        }
    }
}

/// What the catalogue keeps of one story's version and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionFacts {
    /// Seconds since the epoch (UTC) the story orders by: published, else received.
    pub(crate) time: i64,
    pub(crate) time_kind: TimeKind,
    pub(crate) number: u32,
    pub(crate) status: u8,
    /// Seconds since the epoch of the embargo, or [`NONE`].
    pub(crate) embargo: i64,
    pub(crate) identity: u64,
    /// The feed id's hash, 0 without one.
    pub(crate) source_id: u64,
    /// Hashes of the earlier versions this copy names.
    pub(crate) previous: Vec<u64>,
}

/// No time.
pub(crate) const NONE: i64 = i64::MIN;

impl VersionFacts {
    pub(crate) fn of(article: &Article) -> VersionFacts {
        let (time, time_kind) = order_time(article);
        VersionFacts {
            time,
            time_kind,
            number: article.version_number(),
            status: status_byte(article.wire.status),
            embargo: article
                .wire
                .embargo
                .as_deref()
                .and_then(seconds)
                .unwrap_or(NONE),
            identity: hash(&article.identity()),
            source_id: article.source.id.as_deref().map_or(0, hash),
            previous: article.wire.previous.iter().map(|p| hash(p)).collect(),
        }
    }
}

/// The time a story orders by: its publication time; a publication date alone counts as the
/// time it was received when that was the same day, else as midday UTC; else when it was
/// received.
fn order_time(article: &Article) -> (i64, TimeKind) {
    let received = article.received.as_deref().and_then(seconds);
    match article.published.as_deref() {
        Some(p) if p.len() > 10 => match seconds(p) {
            Some(t) => (t, TimeKind::Exact),
            None => date_time(p, received),
        },
        Some(p) => date_time(p, received),
        None => received.map_or((NONE, TimeKind::None), |r| (r, TimeKind::Received)),
    }
}

fn date_time(published: &str, received: Option<i64>) -> (i64, TimeKind) {
    let Some(date) = published
        .get(..10)
        .and_then(|d| jiff::civil::Date::strptime("%Y-%m-%d", d).ok())
    else {
        return received.map_or((NONE, TimeKind::None), |r| (r, TimeKind::Received));
    };
    let midday = jiff::tz::Offset::UTC
        .to_timestamp(date.at(12, 0, 0, 0))
        .map_or(NONE, jiff::Timestamp::as_second);
    let same_day = received.is_some_and(|r| (r - midday).abs() <= 12 * 3600);
    (
        if same_day {
            received.unwrap_or(midday)
        } else {
            midday
        },
        TimeKind::Date,
    )
}

/// Seconds since the epoch of an RFC 3339 time or an ISO date (midnight UTC).
pub(crate) fn seconds(text: &str) -> Option<i64> {
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    let date = jiff::civil::Date::strptime("%Y-%m-%d", text.get(..10)?).ok()?;
    jiff::tz::Offset::UTC
        .to_timestamp(date.at(0, 0, 0, 0))
        .ok()
        .map(jiff::Timestamp::as_second)
}

fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    // Never 0, which stands for "none".
    foldhash::fast::FixedState::with_seed(0x0c4a_1a5e).hash_one(text) | 1
}

pub(crate) fn status_byte(status: Option<Status>) -> u8 {
    match status {
        None | Some(Status::Usable) => 0,
        Some(Status::Corrected) => 1,
        Some(Status::Withheld) => 2,
        Some(Status::Canceled) => 3,
        Some(Status::Embargoed) => 4,
    }
}

fn status_from_byte(b: u8) -> Status {
    match b {
        1 => Status::Corrected,
        2 => Status::Withheld,
        3 => Status::Canceled,
        4 => Status::Embargoed,
        _ => Status::Usable,
    }
}

/// Every story's version facts, column by column (as the index stores them).
#[derive(Debug, Clone, Default)]
pub(crate) struct VersionColumns {
    pub(crate) times: Vec<i64>,
    pub(crate) time_kinds: Vec<u8>,
    pub(crate) numbers: Vec<u32>,
    pub(crate) statuses: Vec<u8>,
    pub(crate) embargoes: Vec<i64>,
    pub(crate) identities: Vec<u64>,
    pub(crate) source_ids: Vec<u64>,
    pub(crate) previous: Vec<u64>,
    pub(crate) previous_ends: Vec<u64>,
}

impl VersionColumns {
    pub(crate) fn push(&mut self, facts: VersionFacts) {
        self.times.push(facts.time);
        self.time_kinds.push(facts.time_kind as u8);
        self.numbers.push(facts.number);
        self.statuses.push(facts.status);
        self.embargoes.push(facts.embargo);
        self.identities.push(facts.identity);
        self.source_ids.push(facts.source_id);
        self.previous.extend(facts.previous);
        self.previous_ends.push(self.previous.len() as u64);
    }

    pub(crate) fn extend(&mut self, other: VersionColumns) {
        let base = self.previous.len() as u64;
        self.times.extend(other.times);
        self.time_kinds.extend(other.time_kinds);
        self.numbers.extend(other.numbers);
        self.statuses.extend(other.statuses);
        self.embargoes.extend(other.embargoes);
        self.identities.extend(other.identities);
        self.source_ids.extend(other.source_ids);
        self.previous.extend(other.previous);
        self.previous_ends
            .extend(other.previous_ends.into_iter().map(|e| e + base));
    }

    pub(crate) fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether every column has `n` entries and the links' ends are in order.
    pub(crate) fn consistent(&self, n: usize) -> bool {
        [
            self.times.len(),
            self.time_kinds.len(),
            self.numbers.len(),
            self.statuses.len(),
            self.embargoes.len(),
            self.identities.len(),
            self.source_ids.len(),
            self.previous_ends.len(),
        ]
        .iter()
        .all(|&l| l == n)
            && self.previous_ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .previous_ends
                .last()
                .is_none_or(|&e| e == self.previous.len() as u64)
    }

    pub(crate) fn previous_of(&self, d: usize) -> &[u64] {
        let start = if d == 0 { 0 } else { self.previous_ends[d - 1] };
        let range = usize::try_from(start).unwrap_or(0)
            ..usize::try_from(self.previous_ends[d]).unwrap_or(0);
        self.previous.get(range).unwrap_or_default()
    }
}

/// Puts a chain's versions in order, oldest first: by the number each gives (`UPDATE 2`
/// after `UPDATE 1`, whatever their times), and an unnumbered version (a kill, a refile, a
/// correction) after every numbered one that came before it in time; then by time, then
/// archive order.
pub(crate) fn order_versions(versions: &mut [Doc], v: &VersionColumns) {
    let time = |d: Doc| v.times[d as usize];
    versions.sort_by_key(|&d| (time(d), d));
    let mut highest = 0;
    let mut keys: Vec<(u32, i64, Doc)> = Vec::with_capacity(versions.len());
    for &d in versions.iter() {
        let number = v.numbers[d as usize];
        highest = highest.max(number);
        keys.push((if number == 0 { highest } else { number }, time(d), d));
    }
    keys.sort_unstable();
    for (slot, (_, _, d)) in versions.iter_mut().zip(keys) {
        *slot = d;
    }
}

/// The root of `d`'s set in a union-find forest, halving the path on the way.
fn root(parent: &mut [u32], mut d: u32) -> u32 {
    while parent[d as usize] != d {
        let up = parent[parent[d as usize] as usize];
        parent[d as usize] = up;
        d = up;
    }
    d
}

/// The chains the stories form, and the order lists show them in.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chains {
    /// Each story's chain.
    pub(crate) chain_of: Vec<u32>,
    /// Each chain's versions, oldest first (version number, then time, then archive order),
    /// one chain after another.
    pub(crate) members: Vec<Doc>,
    pub(crate) starts: Vec<u32>,
    /// The newest version of each chain; `None` when every story is its own chain's.
    pub(crate) heads: Option<FixedBitSet>,
    /// Per story, what lists ask of its chain at every row, in two bytes ([`Facts`]): a
    /// million rows read these instead of chasing the chain through three tables each.
    pub(crate) facts: Vec<u16>,
}

/// The bits of [`Chains::facts`]: the chain's number of versions (saturating at 255), and
/// flags.
pub(crate) struct Facts;

impl Facts {
    pub(crate) const COUNT: u16 = 0xff;
    pub(crate) const HEAD: u16 = 1 << 8;
    pub(crate) const KILLED: u16 = 1 << 9;
    pub(crate) const CORRECTED: u16 = 1 << 10;
    /// The newest version is withheld.
    pub(crate) const WITHHELD: u16 = 1 << 11;
    /// The newest version has an embargo, or declares one.
    pub(crate) const EMBARGO: u16 = 1 << 12;
}

impl Chains {
    /// Links stories by identity and by the earlier versions they name.
    pub(crate) fn build(v: &VersionColumns) -> Chains {
        let n = v.len();
        let mut parent: Vec<u32> = (0..n)
            .map(|d| u32::try_from(d).unwrap_or(u32::MAX))
            .collect();
        let union = |parent: &mut Vec<u32>, a: u32, b: u32| {
            let (ra, rb) = (root(parent, a), root(parent, b));
            if ra != rb {
                // The earlier story is the root, so chains number in archive order.
                let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                parent[hi as usize] = lo;
            }
        };
        // Stories of one identity, found by sorting (identity, story) pairs on all cores: a
        // hash map of a million identities missed the cache at nearly every story.
        let mut by_identity: Vec<(u64, u32)> = v
            .identities
            .iter()
            .enumerate()
            .map(|(d, &identity)| (identity, u32::try_from(d).unwrap_or(u32::MAX)))
            .collect();
        by_identity.par_sort_unstable();
        for same in by_identity.chunk_by(|a, b| a.0 == b.0) {
            // The earliest story of the identity, as each later one joins it.
            let earliest = same[0].1;
            for &(_, d) in &same[1..] {
                union(&mut parent, earliest, d);
            }
        }
        if !v.previous.is_empty() {
            let by_source: HashMap<u64, u32> = v
                .source_ids
                .iter()
                .enumerate()
                .filter(|(_, s)| **s != 0)
                .map(|(d, s)| (*s, u32::try_from(d).unwrap_or(u32::MAX)))
                .collect();
            for d in 0..n {
                for link in v.previous_of(d) {
                    if let Some(&other) = by_source.get(link) {
                        union(&mut parent, other, u32::try_from(d).unwrap_or(u32::MAX));
                    }
                }
            }
        }
        // A chain's root is its earliest story, so roots come first and number chains in
        // archive order.
        let mut chain_of = vec![0u32; n];
        let mut sizes: Vec<u32> = Vec::new();
        for d in 0..n {
            let r = root(&mut parent, u32::try_from(d).unwrap_or(u32::MAX)) as usize;
            let c = if r == d {
                sizes.push(0);
                u32::try_from(sizes.len() - 1).unwrap_or(u32::MAX)
            } else {
                chain_of[r]
            };
            chain_of[d] = c;
            sizes[c as usize] += 1;
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut total = 0u32;
        for s in &sizes {
            starts.push(total);
            total += s;
        }
        starts.push(total);
        let mut fill = starts.clone();
        let mut members = vec![0 as Doc; n];
        for (d, &c) in chain_of.iter().enumerate() {
            let at = &mut fill[c as usize];
            members[*at as usize] = Doc::try_from(d).unwrap_or(Doc::MAX);
            *at += 1;
        }
        let chains = sizes.len();
        let mut killed = FixedBitSet::with_capacity(chains);
        let mut corrected = FixedBitSet::with_capacity(chains);
        let mut any_multi = false;
        for c in 0..chains {
            let range = starts[c] as usize..starts[c + 1] as usize;
            let versions = &mut members[range];
            if versions.len() > 1 {
                any_multi = true;
                order_versions(versions, v);
            }
            for &d in versions.iter() {
                match status_from_byte(v.statuses[d as usize]) {
                    Status::Canceled => killed.insert(c),
                    Status::Corrected => corrected.insert(c),
                    _ => {}
                }
            }
        }
        let heads = any_multi.then(|| {
            let mut set = FixedBitSet::with_capacity(n);
            for c in 0..chains {
                set.insert(members[starts[c + 1] as usize - 1] as usize);
            }
            set
        });
        let mut facts = vec![0u16; n];
        for c in 0..chains {
            let versions = &members[starts[c] as usize..starts[c + 1] as usize];
            let Some(&head) = versions.last() else {
                continue;
            };
            let head = head as usize;
            let mut chain = u16::try_from(versions.len()).unwrap_or(255).min(255);
            if killed.contains(c) {
                chain |= Facts::KILLED;
            }
            if corrected.contains(c) {
                chain |= Facts::CORRECTED;
            }
            match status_from_byte(v.statuses[head]) {
                Status::Withheld => chain |= Facts::WITHHELD,
                Status::Embargoed => chain |= Facts::EMBARGO,
                _ => {}
            }
            if v.embargoes[head] != NONE {
                chain |= Facts::EMBARGO;
            }
            for &d in versions {
                facts[d as usize] = chain;
            }
            facts[head] |= Facts::HEAD;
        }
        Chains {
            chain_of,
            members,
            starts,
            heads,
            facts,
        }
    }

    /// How many versions `doc`'s story has.
    pub(crate) fn count(&self, doc: Doc) -> usize {
        self.facts
            .get(doc as usize)
            .map_or(1, |f| usize::from(f & Facts::COUNT).max(1))
    }

    /// The versions of `doc`'s chain, oldest first.
    pub(crate) fn versions(&self, doc: Doc) -> &[Doc] {
        let Some(&c) = self.chain_of.get(doc as usize) else {
            return &[];
        };
        let c = c as usize;
        &self.members[self.starts[c] as usize..self.starts[c + 1] as usize]
    }

    /// The newest version of each chain, in archive order of the chains.
    pub(crate) fn heads(&self) -> impl Iterator<Item = Doc> + '_ {
        self.starts
            .windows(2)
            .map(|w| self.members[w[1] as usize - 1])
    }

    pub(crate) fn is_head(&self, doc: Doc) -> bool {
        self.facts
            .get(doc as usize)
            .is_none_or(|f| f & Facts::HEAD != 0)
    }

    /// What the chain of `doc` is at `now` (seconds since the epoch): killed if any version
    /// was; else withheld or under embargo as its newest version says; else corrected if any
    /// version was a correction.
    pub(crate) fn status(&self, v: &VersionColumns, doc: Doc, now: i64) -> Status {
        let Some(&facts) = self.facts.get(doc as usize) else {
            return Status::Usable;
        };
        if facts & Facts::KILLED != 0 {
            return Status::Canceled;
        }
        if facts & Facts::WITHHELD != 0 {
            return Status::Withheld;
        }
        if facts & Facts::EMBARGO != 0 {
            // Rare: only then is the newest version looked up.
            let head = self.versions(doc).last().copied().unwrap_or(doc) as usize;
            let embargo = v.embargoes[head];
            if embargo == NONE || embargo > now {
                return Status::Embargoed;
            }
        }
        if facts & Facts::CORRECTED != 0 {
            Status::Corrected
        } else {
            Status::Usable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;

    fn story(item: &str, version: &str, status: Option<Status>) -> Article {
        let mut a = Article {
            headline: format!("{item} {version}"),
            source: Source {
                item: Some(item.into()),
                ..Source::default()
            },
            ..Article::default()
        };
        a.wire.version = Some(version.into());
        a.wire.status = status;
        a
    }

    fn columns(stories: &[Article]) -> VersionColumns {
        let mut v = VersionColumns::default();
        for s in stories {
            v.push(VersionFacts::of(s));
        }
        v
    }

    #[test]
    fn versions_join_by_identity_in_version_order() {
        let stories = [
            story("a", "2", None),
            story("b", "1", None),
            story("a", "1", None),
            story("a", "3", Some(Status::Corrected)),
        ];
        let v = columns(&stories);
        let chains = Chains::build(&v);
        assert_eq!(chains.versions(0), [2, 0, 3]);
        assert_eq!(chains.versions(1), [1]);
        let heads: Vec<Doc> = chains.heads().collect();
        assert_eq!(heads, [3, 1]);
        assert!(chains.is_head(3) && !chains.is_head(0));
        assert_eq!(chains.status(&v, 0, 0), Status::Corrected);
        assert_eq!(chains.status(&v, 1, 0), Status::Usable);
    }

    #[test]
    fn an_unnumbered_kill_comes_after_the_updates_before_it() {
        let mut original = story("a", "", None);
        original.wire.version = None;
        original.published = Some("2026-12-02T08:00:00Z".into());
        let mut update = story("a", "UPDATE 1", None);
        update.published = Some("2026-12-02T09:00:00Z".into());
        let mut kill = story("a", "", Some(Status::Canceled));
        kill.wire.version = None;
        kill.published = Some("2026-12-02T10:00:00Z".into());
        // Arriving as kill, original, update.
        let v = columns(&[kill, original, update]);
        let chains = Chains::build(&v);
        assert_eq!(chains.versions(0), [1, 2, 0], "the kill is the newest");
    }

    #[test]
    fn a_kill_marks_the_whole_chain_and_links_join_other_ids() {
        let mut first = story("a", "1", None);
        first.source.id = Some("urn:one".into());
        let mut killed = story("b", "2", Some(Status::Canceled));
        killed.wire.previous = vec!["urn:one".into()];
        let later = story("b", "3", None);
        let v = columns(&[first, killed, later]);
        let chains = Chains::build(&v);
        assert_eq!(chains.versions(2), [0, 1, 2]);
        assert_eq!(chains.status(&v, 0, 0), Status::Canceled);
    }

    #[test]
    fn embargoes_end() {
        let mut a = story("a", "1", None);
        a.wire.embargo = Some("2030-01-01T00:00:00Z".into());
        let v = columns(&[a]);
        let chains = Chains::build(&v);
        let at = seconds("2030-01-01T00:00:00Z").unwrap();
        assert_eq!(chains.status(&v, 0, at - 1), Status::Embargoed);
        assert_eq!(chains.status(&v, 0, at), Status::Usable);
        assert!(chains.heads.is_none(), "no story has another version");
    }

    #[test]
    fn order_times() {
        let mut a = Article {
            published: Some("2025-12-02T09:30:00+01:00".into()),
            ..Article::default()
        };
        assert_eq!(
            order_time(&a),
            (seconds("2025-12-02T08:30:00Z").unwrap(), TimeKind::Exact)
        );
        a.published = Some("2025-12-02".into());
        a.received = Some("2025-12-02T15:00:00Z".into());
        assert_eq!(
            order_time(&a),
            (seconds("2025-12-02T15:00:00Z").unwrap(), TimeKind::Date)
        );
        a.received = Some("2026-01-05T15:00:00Z".into());
        assert_eq!(
            order_time(&a),
            (seconds("2025-12-02T12:00:00Z").unwrap(), TimeKind::Date)
        );
        a.published = None;
        assert_eq!(
            order_time(&a),
            (seconds("2026-01-05T15:00:00Z").unwrap(), TimeKind::Received)
        );
        a.received = None;
        assert_eq!(order_time(&a), (NONE, TimeKind::None));
    }
}
