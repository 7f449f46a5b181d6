//! Building a catalogue: stories are added one by one to a [`Builder`] (from an archive file,
//! parsed on all cores, or from articles in memory; damaged lines and repeated ids skipped and
//! recorded), which sorts and indexes them. A catalogue is extended the same way with newly
//! imported stories.

use foldhash::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::chains::{Chains, VersionColumns, VersionFacts};
use super::doc::{Doc, FIELDS, Field};
use super::postings::{PostingsBuilder, TermBuf, to_usize};
use super::{Bodies, Catalog, EntityRow, Masks, PostingsSource, terms};
use crate::archive;
use crate::article::{Article, EntityKind};

/// Where a story's line sits in the archive file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LineRef {
    pub(crate) start: u64,
    pub(crate) len: u32,
}

/// What the catalogue keeps of one story, prepared (in parallel) before it is added.
#[derive(Debug)]
pub(crate) struct Prepared {
    fields: [String; FIELDS],
    agency: String,
    /// The headline, lower-cased.
    hay: String,
    /// Place, agency and entity names, lower-cased, each once.
    names: Vec<String>,
    masks: Masks,
    urgency: u8,
    entities: Vec<(EntityKind, String)>,
    terms: terms::Terms,
    facts: VersionFacts,
    line: LineRef,
}

impl Prepared {
    /// What the catalogue keeps of the story's version and time.
    pub(crate) fn facts(&self) -> &VersionFacts {
        &self.facts
    }

    pub(crate) fn new(article: &Article, line: LineRef) -> Prepared {
        let clean = |s: &str| s.replace(char::is_control, " ");
        let hay = clean(&article.headline).to_lowercase();
        let mut names: Vec<String> = Vec::new();
        let mentioned = [article.place(), article.agency_name()]
            .into_iter()
            .flatten()
            .chain(article.entities.iter().map(|e| e.name.as_str()))
            .chain(
                article
                    .entities
                    .iter()
                    .filter_map(|e| e.canonical.as_deref()),
            );
        for name in mentioned {
            let name = clean(name).to_lowercase();
            if !name.trim().is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
        let all = std::iter::once(hay.as_str())
            .chain(names.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        let masks = Masks::of(&all, hay.len());
        Prepared {
            fields: [
                article.id.clone(),
                article.date().unwrap_or("").to_string(),
                clean(article.place().unwrap_or("")),
                clean(&article.headline),
                article.source_key().unwrap_or_default(),
                clean(&article.source.path),
                article.published.clone().unwrap_or_default(),
                article.received.clone().unwrap_or_default(),
                clean(article.wire.version.as_deref().unwrap_or("")),
            ],
            agency: clean(article.agency_name().unwrap_or("")),
            hay,
            names,
            masks,
            urgency: article.wire.urgency.unwrap_or(0),
            entities: article
                .entities
                .iter()
                .map(|e| (e.kind, e.name.clone()))
                .collect(),
            terms: terms::story_terms(article),
            facts: VersionFacts::of(article),
            line,
        }
    }

    pub(crate) fn id(&self) -> &str {
        &self.fields[Field::Id as usize]
    }

    /// The same story, at `line` of the archive.
    #[must_use]
    pub(crate) fn at(mut self, line: LineRef) -> Prepared {
        self.line = line;
        self
    }
}

/// A catalogue under construction.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    /// The number of the first story (more than 0 when building an index segment: stories
    /// appended after an indexed archive's, numbered on from them in the posting lists).
    first_doc: Doc,
    text: String,
    field_ends: Vec<u64>,
    hay: String,
    hay_ends: Vec<u64>,
    names: String,
    name_ends: Vec<u64>,
    name_ids: HashMap<String, u32>,
    story_names: Vec<u32>,
    story_name_ends: Vec<u64>,
    masks: Vec<Masks>,
    urgency: Vec<u8>,
    agency_of: Vec<u16>,
    agencies: Vec<String>,
    agency_ids: HashMap<String, u16>,
    line_starts: Vec<u64>,
    line_lens: Vec<u32>,
    versions: VersionColumns,
    entity_counts: HashMap<(EntityKind, String), (String, u32)>,
    postings: PostingsBuilder,
    damaged: Vec<(usize, String)>,
    /// The ids of the stories [`Builder::add`] took, to skip a story that repeats one.
    ids: HashSet<String>,
    /// The keys (`story_key`) of stories before this builder's first, which
    /// [`Builder::add`] skips too: an indexed archive's, when its tail is indexed.
    known: Vec<Arc<[u128]>>,
    /// The archive lines read so far (see [`Catalog::lines`]).
    lines: u64,
}

impl Builder {
    pub(crate) fn new() -> Builder {
        let mut b = Builder::default();
        b.agencies.push(String::new());
        b.agency_ids.insert(String::new(), 0);
        b
    }

    /// A builder for stories appended after `first` others, on the archive's lines after
    /// `lines`: an index segment.
    pub(crate) fn numbered_from(first: usize, lines: u64) -> Builder {
        Builder {
            first_doc: Doc::try_from(first).unwrap_or(Doc::MAX),
            lines,
            ..Builder::new()
        }
    }

    /// Stories whose `story_key` is in one of `known` (sorted lists) are taken as repeats by
    /// [`Builder::add`]. (Shared lists are not copied.)
    pub(crate) fn knowing<K: Into<Arc<[u128]>>>(
        mut self,
        known: impl IntoIterator<Item = K>,
    ) -> Builder {
        self.known = known.into_iter().map(Into::into).collect();
        self
    }

    pub(crate) fn len(&self) -> usize {
        self.hay_ends.len()
    }

    /// Adds a story as the next one in the archive.
    pub(crate) fn push(&mut self, p: Prepared) {
        let doc = Doc::try_from(self.len())
            .ok()
            .and_then(|d| d.checked_add(self.first_doc))
            .unwrap_or(Doc::MAX);
        for f in &p.fields {
            self.text.push_str(f);
            self.field_ends.push(self.text.len() as u64);
        }
        self.masks.push(p.masks);
        self.hay.push_str(&p.hay);
        self.hay_ends.push(self.hay.len() as u64);
        for name in p.names {
            let next = u32::try_from(self.name_ends.len()).unwrap_or(u32::MAX);
            let id = *self.name_ids.entry(name).or_insert_with_key(|name| {
                self.names.push_str(name);
                self.name_ends.push(self.names.len() as u64);
                next
            });
            self.story_names.push(id);
        }
        self.story_name_ends.push(self.story_names.len() as u64);
        self.urgency.push(p.urgency);
        let next = u16::try_from(self.agencies.len()).unwrap_or(u16::MAX);
        let agency = *self.agency_ids.entry(p.agency.clone()).or_insert_with(|| {
            self.agencies.push(p.agency.clone());
            next
        });
        self.agency_of.push(agency);
        self.line_starts.push(p.line.start);
        self.line_lens.push(p.line.len);
        self.versions.push(p.facts);
        let mut seen = HashSet::default();
        for (kind, name) in p.entities {
            let key = (kind, name.to_lowercase());
            if seen.insert(key.clone()) {
                self.entity_counts.entry(key).or_insert_with(|| (name, 0)).1 += 1;
            }
        }
        for (term, hash) in p.terms.iter_hashed() {
            self.postings.add_hashed(term, hash, doc);
        }
        self.lines += 1;
    }

    /// Adds the story of line `number` of an archive (counting from 1), or records why not:
    /// the line did not parse, or its story's id came before. Whether it was added.
    ///
    /// This is the one rule by which stories become a catalogue, whether they come from an
    /// archive file or from memory. (An import decides before, by content id and feed id,
    /// what it appends, and [`Builder::push`]es that.)
    pub(crate) fn add(&mut self, number: usize, story: Result<Prepared, String>) -> bool {
        let known = |p: &Prepared| {
            let key = super::story_key(p.id());
            self.known.iter().any(|l| l.binary_search(&key).is_ok())
        };
        let added = match story {
            Ok(p) if self.ids.contains(p.id()) || known(&p) => {
                let reason = format!("repeats story {}", p.id());
                self.damaged.push((number, reason));
                false
            }
            Ok(p) => {
                self.ids.insert(p.id().to_string());
                self.push(p);
                true
            }
            Err(reason) => {
                self.damaged.push((number, reason));
                false
            }
        };
        self.lines = self.lines.max(number as u64);
        added
    }

    /// The catalogue, with its stories sorted newest first and its indexes in memory.
    pub(crate) fn finish(self, bodies: Bodies) -> Catalog {
        let mut catalog = Catalog {
            text: self.text,
            field_ends: self.field_ends,
            hay: self.hay,
            hay_ends: self.hay_ends,
            names: self.names,
            name_ends: self.name_ends,
            story_names: self.story_names,
            story_name_ends: self.story_name_ends,
            masks: self.masks,
            urgency: self.urgency,
            agency_of: self.agency_of,
            agencies: self.agencies,
            line_starts: self.line_starts,
            line_lens: self.line_lens,
            versions: self.versions,
            chains: Chains::default(),
            order: Vec::new(),
            rank: Vec::new(),
            entities: entity_rows(self.entity_counts),
            dict: self.postings.finish(),
            postings: PostingsSource::Memory,
            extra: Vec::new(),
            bodies,
            damaged: self.damaged,
            lines: self.lines,
            first_doc: self.first_doc,
            lineage: super::fresh_lineage(),
        };
        catalog.link_versions();
        catalog
    }
}

impl Catalog {
    /// A catalogue of articles held in memory (the embedded samples, tests), numbered as the
    /// lines of an archive holding them would be; a story that repeats an id is left out.
    pub(crate) fn from_articles(articles: Vec<Article>) -> Catalog {
        let prepared: Vec<Prepared> = articles
            .par_iter()
            .map(|a| Prepared::new(a, LineRef::default()))
            .collect();
        let mut builder = Builder::new();
        let kept: Vec<Article> = articles
            .into_iter()
            .zip(prepared)
            .enumerate()
            .filter_map(|(i, (article, p))| builder.add(i + 1, Ok(p)).then_some(article))
            .collect();
        builder.finish(Bodies::Memory(kept))
    }

    /// Reads and indexes a whole archive file: lines parsed on all cores, damaged lines and
    /// repeated ids skipped (and listed in [`Catalog::damaged`]). `progress` gets bytes read.
    pub(crate) fn from_archive(
        path: &Path,
        progress: &(dyn Fn(u64) + Sync),
    ) -> std::io::Result<Catalog> {
        Catalog::from_archive_part(path, 0..u64::MAX, Builder::new(), progress)
    }

    /// Reads and indexes the archive's lines in `bytes` (starting on a line) into `builder`,
    /// like [`Catalog::from_archive`]: a whole archive, its committed part, or a tail after an
    /// index (with a builder numbered on from it).
    pub(crate) fn from_archive_part(
        path: &Path,
        bytes: std::ops::Range<u64>,
        mut builder: Builder,
        progress: &(dyn Fn(u64) + Sync),
    ) -> std::io::Result<Catalog> {
        const BATCH: usize = 8192;
        let before = usize::try_from(builder.lines).unwrap_or(usize::MAX);
        let mut lines = archive::Lines::open(path, bytes.clone(), before)?;
        loop {
            let batch = lines.batch(BATCH)?;
            if batch.is_empty() {
                break;
            }
            progress(lines.offset() - bytes.start);
            let parsed: Vec<(usize, Result<Prepared, String>)> = batch
                .par_iter()
                .filter(|line| !line.is_blank())
                .map(|line| {
                    let at = LineRef {
                        start: line.start,
                        len: u32::try_from(line.bytes.len()).unwrap_or(u32::MAX),
                    };
                    let result = serde_json::from_slice::<Article>(&line.bytes)
                        .map(|a| Prepared::new(&a, at))
                        .map_err(|e| e.to_string());
                    (line.number, result)
                })
                .collect();
            for (number, story) in parsed {
                builder.add(number, story);
            }
        }
        let number = lines.number();
        // Blank lines at the end count too.
        builder.lines = builder.lines.max(number as u64);
        let file = std::fs::File::open(path)?;
        Ok(builder.finish(Bodies::Archive {
            path: path.to_path_buf(),
            file: Arc::new(Mutex::new(file)),
        }))
    }

    /// A builder holding this catalogue's stories, to add more after them (an import). The
    /// posting lists are read into memory to be continued.
    pub(crate) fn into_builder(self) -> std::io::Result<Builder> {
        let mut postings = PostingsBuilder::default();
        {
            // One read of all lists, then each sliced out (not a seek and read per term).
            let blob = self.postings_blob()?;
            for i in 0..self.dict.len() {
                let range = self.dict.range(i);
                let bytes = blob
                    .get(to_usize(range.start)..to_usize(range.end))
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
                postings.seed(
                    self.dict.term(i),
                    TermBuf {
                        bytes,
                        last: Some(self.dict.lasts[i]),
                        count: self.dict.counts[i],
                    },
                );
            }
        }
        // Segments' lists continue the first's (their stories come later).
        for (dict, source) in &self.extra {
            for i in 0..dict.len() {
                let list = self.list(dict, source, i).ok_or_else(|| {
                    std::io::Error::other("a posting list of an index segment is damaged")
                })?;
                for doc in list {
                    postings.add(dict.term(i), doc);
                }
            }
        }
        let agency_ids = self
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.clone(), u16::try_from(i).unwrap_or(u16::MAX)))
            .collect();
        let name_ids = (0..self.name_ends.len())
            .map(|i| {
                let id = u32::try_from(i).unwrap_or(u32::MAX);
                (self.name(id).to_string(), id)
            })
            .collect();
        let entity_counts = self
            .entities
            .into_iter()
            .map(|e| ((e.kind, e.name.to_lowercase()), (e.name, e.stories)))
            .collect();
        Ok(Builder {
            text: self.text,
            field_ends: self.field_ends,
            hay: self.hay,
            hay_ends: self.hay_ends,
            names: self.names,
            name_ends: self.name_ends,
            name_ids,
            story_names: self.story_names,
            story_name_ends: self.story_name_ends,
            masks: self.masks,
            urgency: self.urgency,
            agency_of: self.agency_of,
            agencies: self.agencies,
            agency_ids,
            line_starts: self.line_starts,
            line_lens: self.line_lens,
            versions: self.versions,
            first_doc: self.first_doc,
            entity_counts,
            postings,
            damaged: self.damaged,
            ids: HashSet::default(),
            known: Vec::new(),
            lines: self.lines,
        })
    }
}

impl Catalog {
    /// Adds an index segment's stories (numbered from 0 in `segment`'s columns, from this
    /// catalogue's length in its posting lists) after this catalogue's. Call
    /// [`Catalog::link_versions`] when the last is in.
    pub(crate) fn append(&mut self, segment: Catalog) {
        let offset = |ends: Vec<u64>, by: usize| ends.into_iter().map(move |e| e + by as u64);
        self.field_ends
            .extend(offset(segment.field_ends, self.text.len()));
        self.text.push_str(&segment.text);
        self.hay_ends
            .extend(offset(segment.hay_ends, self.hay.len()));
        self.hay.push_str(&segment.hay);
        // The segment's names table is appended whole: a name in both is checked twice by a
        // search, which costs less than looking every name up here.
        let names = u32::try_from(self.name_ends.len()).unwrap_or(u32::MAX);
        self.name_ends
            .extend(offset(segment.name_ends, self.names.len()));
        self.names.push_str(&segment.names);
        self.story_name_ends
            .extend(offset(segment.story_name_ends, self.story_names.len()));
        self.story_names.extend(
            segment
                .story_names
                .iter()
                .map(|&id| id.saturating_add(names)),
        );
        self.masks.extend(segment.masks);
        self.urgency.extend(segment.urgency);
        let agencies: Vec<u16> = segment
            .agencies
            .into_iter()
            .map(|name| {
                let at = self.agencies.iter().position(|a| *a == name);
                let at = at.unwrap_or_else(|| {
                    self.agencies.push(name);
                    self.agencies.len() - 1
                });
                u16::try_from(at).unwrap_or(u16::MAX)
            })
            .collect();
        self.agency_of.extend(
            segment
                .agency_of
                .iter()
                .map(|&a| agencies.get(usize::from(a)).copied().unwrap_or(0)),
        );
        self.line_starts.extend(segment.line_starts);
        self.line_lens.extend(segment.line_lens);
        self.versions.extend(segment.versions);
        let mut counts: HashMap<(EntityKind, String), (String, u32)> = HashMap::default();
        for row in std::mem::take(&mut self.entities)
            .into_iter()
            .chain(segment.entities)
        {
            let key = (row.kind, row.name.to_lowercase());
            counts.entry(key).or_insert_with(|| (row.name, 0)).1 += row.stories;
        }
        self.entities = entity_rows(counts);
        self.extra.push((segment.dict, segment.postings));
        self.extra.extend(segment.extra);
        self.damaged.extend(segment.damaged);
        self.lines = self.lines.max(segment.lines);
    }

    /// Links the stories into chains of versions and orders the newest of each: by time,
    /// newest first, undated last; among equal times, the one added later first.
    pub(crate) fn link_versions(&mut self) {
        self.chains = Chains::build(&self.versions);
        let times = &self.versions.times;
        // Sorted with each head's time beside it: a key looked up story by story cost a
        // cache miss a comparison (~45 ms at a million stories, now ~15).
        let mut keyed: Vec<(i64, Doc)> = self
            .chains
            .heads()
            .map(|d| (times[d as usize], d))
            .collect();
        // Newest first; among equal times, the one added later first.
        keyed.par_sort_unstable_by(|a, b| b.cmp(a));
        let order: Vec<Doc> = keyed.into_iter().map(|(_, d)| d).collect();
        self.rank = ranks(&order, self.len());
        self.order = order;
    }
}

/// Each story's position in `order`; stories not in it (older versions) get `u32::MAX`.
pub(crate) fn ranks(order: &[Doc], n: usize) -> Vec<u32> {
    let mut rank = vec![u32::MAX; n];
    for (position, &doc) in order.iter().enumerate() {
        rank[doc as usize] = u32::try_from(position).unwrap_or(u32::MAX);
    }
    rank
}

fn entity_rows(counts: HashMap<(EntityKind, String), (String, u32)>) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = counts
        .into_iter()
        .map(|((kind, _), (name, stories))| EntityRow {
            kind,
            name,
            stories,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.stories
            .cmp(&a.stories)
            .then_with(|| a.name.cmp(&b.name))
            .then(a.kind.cmp(&b.kind))
    });
    rows
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::{Dateline, Entity};
    use crate::catalog::FindError;

    pub(crate) fn story(headline: &str, date: Option<&str>, people: &[&str]) -> Article {
        let mut a = Article {
            headline: headline.into(),
            published: date.map(Into::into),
            dateline: Some(Dateline {
                place: Some("Paris".into()),
                agency: Some("AFP".into()),
                text: String::new(),
                ..Dateline::default()
            }),
            paragraphs: vec![format!("{headline}, the harbour said.")],
            entities: people
                .iter()
                .map(|p| Entity {
                    name: (*p).into(),
                    kind: EntityKind::Person,
                    mentions: vec![(*p).into()],
                    count: 1,
                    canonical: None,
                })
                .collect(),
            ..Article::default()
        };
        a.assign_id();
        a
    }

    #[test]
    fn fields_order_and_indexes() {
        let c = Catalog::from_articles(vec![
            story("Old news", Some("2024-01-01"), &["Marta Ellery"]),
            story("Undated", None, &[]),
            story(
                "New news",
                Some("2025-06-01"),
                &["Marta Ellery", "Lars Berg"],
            ),
            story("Also new", Some("2025-06-01"), &[]),
        ]);
        let heads: Vec<&str> = c.newest_first().iter().map(|&d| c.headline(d)).collect();
        assert_eq!(heads, ["Also new", "New news", "Old news", "Undated"]);
        assert_eq!(c.rank(2), 1);
        assert_eq!(c.date(1), None);
        assert_eq!(c.place(0), Some("Paris"));
        assert_eq!(c.agency(0), Some("AFP"));
        assert_eq!(c.lookup(b"pellery"), [0, 2]);
        assert_eq!(c.lookup(b"wharbour"), [0, 1, 2, 3]);
        assert_eq!(c.entities()[0].name, "Marta Ellery");
        assert_eq!(c.entities()[0].stories, 2);
        assert_eq!(c.headline_hay(2), "new news");
        let names: Vec<&str> = c.story_names(2).iter().map(|&n| c.name(n)).collect();
        assert_eq!(names, ["paris", "afp", "marta ellery", "lars berg"]);
        assert_eq!(
            c.story_names(0),
            &c.story_names(2)[..3],
            "names stored once"
        );
        assert_eq!(c.article(2).unwrap().headline, "New news");
        let id = c.id(3).to_string();
        assert_eq!(c.find(&id[..6]).unwrap(), 3);
        assert_eq!(c.find(&id).unwrap(), 3);
        assert!(matches!(c.find("zzzzzz"), Err(FindError::NotFound(_))));
        assert!(
            matches!(c.find(&id[..2]), Err(FindError::TooShort(_))),
            "a prefix needs 4 characters"
        );
        assert_eq!(
            c.find(&id[..6].to_ascii_uppercase()).unwrap(),
            3,
            "in any case"
        );
        // Ids that share a prefix: each candidate is named.
        let err = FindError::Ambiguous("abcd".into(), vec!["abcd12".into(), "abcd34".into()]);
        assert_eq!(
            err.to_string(),
            "id `abcd` is ambiguous: it starts abcd12, abcd34; give more of it"
        );
    }

    #[test]
    fn a_repeated_story_is_left_out_and_said_so() {
        let one = story("One", Some("2025-01-01"), &[]);
        let c = Catalog::from_articles(vec![one.clone(), story("Two", None, &[]), one]);
        assert_eq!(c.len(), 2);
        assert_eq!(c.article(1).unwrap().headline, "Two");
        assert_eq!(c.damaged().len(), 1);
        assert_eq!(c.damaged()[0].0, 3);
        assert!(c.damaged()[0].1.starts_with("repeats story"));
    }

    #[test]
    fn extending_keeps_postings_and_order() {
        let c = Catalog::from_articles(vec![story("B story", Some("2024-01-01"), &["Ann Lee"])]);
        let mut b = c.into_builder().unwrap();
        b.push(Prepared::new(
            &story("A story", Some("2025-01-01"), &["Ann Lee"]),
            LineRef::default(),
        ));
        let c = b.finish(Bodies::Memory(Vec::new()));
        assert_eq!(c.newest_first(), [1, 0]);
        assert_eq!(c.lookup(b"plee"), [0, 1]);
        assert_eq!(c.entities()[0].stories, 2);
    }

    #[test]
    fn versions_make_one_row_the_newest_shown() {
        let version = |n: &str, headline: &str, day: &str| {
            let mut a = story(headline, Some(day), &[]);
            a.source.id = Some("urn:x:talks".into());
            a.wire.version = Some(n.into());
            a.assign_id();
            a
        };
        let other = story("Other news", Some("2025-06-02"), &[]);
        // Out of order: version 2 before version 1.
        let c = Catalog::from_articles(vec![
            version("2", "Talks resume", "2025-06-03"),
            other,
            version("1", "Talks open", "2025-06-01"),
        ]);
        assert_eq!(c.len(), 3);
        assert_eq!(c.stories(), 2);
        assert_eq!(
            c.newest_first(),
            [0, 1],
            "one row per story, the newest version"
        );
        assert_eq!(c.versions(2), [2, 0]);
        assert_eq!(c.newest(2), 0);
        assert_eq!(c.chain_id(0), c.id(2));
        assert_eq!(c.version_label(0), Some("2"));
        assert!(c.is_newest(0) && !c.is_newest(2));
        let found =
            crate::search::search(&c, &crate::search::Query::parse("talks"), None, &|| false)
                .unwrap();
        assert_eq!(found.docs, [0], "search shows the newest version only");
    }
}
