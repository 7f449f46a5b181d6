//! The catalogue: a compact, column-wise view of an archive holding only what the list,
//! search and entity views need (ids, dates, places, agencies, headlines and their names for
//! search, the name and word indexes). Built from articles, or loaded from the index file
//! beside the archive ([`file`](mod@file)); story bodies stay in the archive and are read on
//! demand.

pub(crate) mod build;
pub(crate) mod chain_keys;
mod chains;
mod columns;
mod doc;
mod extend;
pub mod file;
pub mod follower;
mod load_error;
pub mod postings;
pub(crate) mod terms;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::article::{Article, EntityKind, Status};
pub use chains::TimeKind;
pub(crate) use chains::seconds;
use chains::{Chains, NONE, VersionColumns};
use doc::FIELDS;
pub use doc::{Doc, Field};
use postings::{Dictionary, to_usize};

/// A person, place or organisation across the archive, for the entity browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRow {
    pub kind: EntityKind,
    pub name: String,
    pub(crate) stories: u32,
}

/// Where stories' full text comes from. A file is shared by the catalogues grown from one
/// another (seek and read happen under its lock).
#[derive(Debug, Clone)]
pub(crate) enum Bodies {
    /// Articles held in memory (the embedded samples, tests).
    Memory(Vec<Article>),
    /// Lines of the archive file, read by offset.
    Archive {
        path: PathBuf,
        file: Arc<Mutex<File>>,
    },
}

/// Where posting lists come from: in `Dictionary::blob`, or a section of the index file
/// (shared as [`Bodies`]' file is).
#[derive(Debug, Clone)]
pub(crate) enum PostingsSource {
    Memory,
    File { file: Arc<Mutex<File>>, base: u64 },
}

/// Why [`Catalog::find`] found no story.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no story with id `{0}` (see `dateline list`)")]
    NotFound(String),
    #[error("id `{0}` is ambiguous: it starts {ids}; give more of it", ids = .1.join(", "))]
    Ambiguous(String, Vec<String>),
    #[error(
        "no story with id `{0}`, and an id prefix needs at least 4 characters (see `dateline list`)"
    )]
    TooShort(String),
}

/// The fewest characters of an id that find a story by prefix.
pub const MIN_PREFIX: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("{path}: cannot read story {doc}: {source}")]
    Io {
        path: PathBuf,
        doc: Doc,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the archive changed since it was indexed (story {doc} is not where the index says); restart dateline to re-index"
    )]
    Moved { path: PathBuf, doc: Doc },
}

/// See the module documentation.
#[derive(Debug)]
pub struct Catalog {
    pub(crate) text: String,
    /// End of each field of each story in `text` (`doc * FIELDS + field`).
    pub(crate) field_ends: Vec<u64>,
    /// Lower-cased headline of each story, one after another.
    pub(crate) hay: String,
    pub(crate) hay_ends: Vec<u64>,
    /// Distinct places, agencies and entity names, lower-cased, one after another: they recur
    /// from story to story, so search checks each once, not once per story.
    pub(crate) names: String,
    pub(crate) name_ends: Vec<u64>,
    /// Each story's names (numbers into `names`), one story after another.
    pub(crate) story_names: Vec<u32>,
    pub(crate) story_name_ends: Vec<u64>,
    /// Which letters and digits each story's headline and names have, and where ([`Masks`]).
    pub(crate) masks: Vec<Masks>,
    pub(crate) urgency: Vec<u8>,
    pub(crate) agency_of: Vec<u16>,
    /// Distinct agencies as written; index 0 is "no agency".
    pub(crate) agencies: Vec<String>,
    /// Byte offset and length of each story's line in the archive.
    pub(crate) line_starts: Vec<u64>,
    pub(crate) line_lens: Vec<u32>,
    /// Each story's version facts and times.
    pub(crate) versions: VersionColumns,
    /// The chains of versions the stories form (derived from `versions`).
    pub(crate) chains: Chains,
    /// The newest version of each chain, newest first (undated last).
    pub(crate) order: Vec<Doc>,
    /// Each story's position in `order` (`u32::MAX` for older versions).
    pub(crate) rank: Vec<u32>,
    pub(crate) entities: Vec<EntityRow>,
    pub(crate) dict: Dictionary,
    pub(crate) postings: PostingsSource,
    /// The dictionaries and lists of index segments added by imports (story numbers are the
    /// catalogue's), after `dict`'s.
    pub(crate) extra: Vec<(Dictionary, PostingsSource)>,
    pub(crate) bodies: Bodies,
    /// Lines of the archive that did not parse (line number, reason), from the last build.
    pub(crate) damaged: Vec<(usize, String)>,
    /// How many lines of the archive its stories come from (damaged and blank ones too): the
    /// next story appended is on the line after. Kept in the index, to number the lines of a
    /// tail indexed later.
    pub(crate) lines: u64,
    /// The number its first story has in the posting lists: 0, but for an index segment
    /// loaded alone (to be merged), whose stories are numbered on from the ones before.
    pub(crate) first_doc: Doc,
    /// Which catalogue this is, or was grown from ([`Catalog::extended`]): catalogues of one
    /// lineage number their first stories and names alike, so what was built for one holds
    /// for the same stories of a later one.
    pub(crate) lineage: u64,
}

/// A lineage no catalogue has had.
pub(crate) fn fresh_lineage() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Catalog {
    pub fn len(&self) -> usize {
        self.hay_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hay_ends.is_empty()
    }

    pub fn field(&self, doc: Doc, field: Field) -> &str {
        let i = doc as usize * FIELDS + field as usize;
        let start = if i == 0 { 0 } else { self.field_ends[i - 1] };
        self.text
            .get(to_usize(start)..to_usize(self.field_ends[i]))
            .unwrap_or_default()
    }

    pub fn id(&self, doc: Doc) -> &str {
        self.field(doc, Field::Id)
    }

    pub fn headline(&self, doc: Doc) -> &str {
        self.field(doc, Field::Headline)
    }

    pub fn date(&self, doc: Doc) -> Option<&str> {
        Some(self.field(doc, Field::Date)).filter(|d| !d.is_empty())
    }

    pub fn place(&self, doc: Doc) -> Option<&str> {
        Some(self.field(doc, Field::Place)).filter(|d| !d.is_empty())
    }

    pub fn agency(&self, doc: Doc) -> Option<&str> {
        self.agencies
            .get(usize::from(self.agency_of[doc as usize]))
            .map(String::as_str)
            .filter(|a| !a.is_empty())
    }

    /// The wire's urgency when it is not the default (the reader marks urgent copy).
    #[cfg(feature = "tui")]
    pub(crate) fn urgency(&self, doc: Doc) -> Option<u8> {
        Some(self.urgency[doc as usize]).filter(|u| *u != 0)
    }

    /// The story's headline, lower-cased: what search reads of it story by story.
    pub fn headline_hay(&self, doc: Doc) -> &str {
        let d = doc as usize;
        let start = if d == 0 { 0 } else { self.hay_ends[d - 1] };
        self.hay
            .get(to_usize(start)..to_usize(self.hay_ends[d]))
            .unwrap_or_default()
    }

    /// Every lower-cased headline, one after another, and where `doc`'s lies in them.
    pub(crate) fn headline_span(&self, doc: Doc) -> (&[u8], std::ops::Range<usize>) {
        let d = doc as usize;
        let start = if d == 0 { 0 } else { self.hay_ends[d - 1] };
        (
            self.hay.as_bytes(),
            to_usize(start)..to_usize(self.hay_ends[d]),
        )
    }

    /// The lower-cased headlines of the stories in `docs`, one after another.
    pub(crate) fn headline_hays(&self, docs: std::ops::Range<usize>) -> Haystacks<'_> {
        let ends = self.hay_ends.get(docs.clone()).unwrap_or_default();
        let base = match docs.start {
            0 => 0,
            d => self.hay_ends.get(d - 1).copied().unwrap_or(0),
        };
        Haystacks::new(&self.hay, base, ends, false)
    }

    /// Every distinct place, agency and entity name of the archive, lower-cased, one after
    /// another (the numbers [`Catalog::story_names`] gives).
    pub(crate) fn name_hays(&self) -> Haystacks<'_> {
        Haystacks::new(&self.names, 0, &self.name_ends, true)
    }

    /// The [`story_key`]s of every story's id, and of the feed ids there are, each list
    /// sorted (what an import checks for duplicates).
    pub(crate) fn story_keys(&self) -> (Vec<u128>, Vec<u128>) {
        let docs = 0..Doc::try_from(self.len()).unwrap_or(Doc::MAX);
        let mut ids: Vec<u128> = docs.clone().map(|d| story_key(self.id(d))).collect();
        let mut sources: Vec<u128> = docs
            .map(|d| self.field(d, Field::SourceKey))
            .filter(|k| !k.is_empty())
            .map(story_key)
            .collect();
        ids.sort_unstable();
        sources.sort_unstable();
        (ids, sources)
    }

    /// The story's place, agency and entity names, as numbers [`Catalog::name`] reads.
    pub fn story_names(&self, doc: Doc) -> &[u32] {
        let d = doc as usize;
        let start = if d == 0 {
            0
        } else {
            self.story_name_ends[d - 1]
        };
        self.story_names
            .get(to_usize(start)..to_usize(self.story_name_ends[d]))
            .unwrap_or_default()
    }

    /// The name numbered `id`, lower-cased.
    pub fn name(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.name_ends[i - 1] };
        self.names
            .get(to_usize(start)..to_usize(self.name_ends[i]))
            .unwrap_or_default()
    }

    pub(crate) fn masks(&self, doc: Doc) -> Masks {
        self.masks[doc as usize]
    }

    /// The newest version of each story, newest first: what lists show, one row per chain.
    pub fn newest_first(&self) -> &[Doc] {
        &self.order
    }

    /// How many stories there are, counting a story's versions once.
    pub fn stories(&self) -> usize {
        self.order.len()
    }

    /// The versions of `doc`'s story, oldest first (by version number, then time).
    pub fn versions(&self, doc: Doc) -> &[Doc] {
        self.chains.versions(doc)
    }

    /// The newest version of `doc`'s story.
    pub fn newest(&self, doc: Doc) -> Doc {
        self.versions(doc).last().copied().unwrap_or(doc)
    }

    /// Where `doc`'s story stands in [`Catalog::newest_first`] (by its newest version).
    pub fn row_of(&self, doc: Doc) -> Option<usize> {
        let rank = *self.rank.get(self.newest(doc) as usize)?;
        (rank != u32::MAX).then_some(rank as usize)
    }

    /// How many versions `doc`'s story has.
    pub fn version_count(&self, doc: Doc) -> usize {
        self.chains.count(doc)
    }

    /// Whether `doc` is the newest version of its story.
    pub fn is_newest(&self, doc: Doc) -> bool {
        self.chains.is_head(doc)
    }

    /// The stories lists show (the newest version of each), when some stories have older
    /// versions; `None` when every story is the only version of itself.
    pub(crate) fn newest_set(&self) -> Option<&fixedbitset::FixedBitSet> {
        self.chains.heads.as_ref()
    }

    /// The id a story's chain goes by: the id of its first version.
    pub fn chain_id(&self, doc: Doc) -> &str {
        self.id(self.versions(doc).first().copied().unwrap_or(doc))
    }

    /// The version label the copy gives (`5`, `UPDATE 2`, `2nd Ld-Writethru`).
    pub fn version_label(&self, doc: Doc) -> Option<&str> {
        Some(self.field(doc, Field::Version)).filter(|v| !v.is_empty())
    }

    /// What the story is at `now`: killed if any version was; withheld or under embargo as
    /// its newest version says; corrected if any version was a correction; else usable.
    pub fn status(&self, doc: Doc, now: jiff::Timestamp) -> Status {
        self.chains.status(&self.versions, doc, now.as_second())
    }

    /// The embargo of a story's newest version, if it has one.
    pub fn embargo(&self, doc: Doc) -> Option<jiff::Timestamp> {
        let e = self.versions.embargoes[self.newest(doc) as usize];
        (e != NONE)
            .then(|| jiff::Timestamp::from_second(e).ok())
            .flatten()
    }

    /// `published` as the story gives it (a date, or an RFC 3339 time).
    pub fn published(&self, doc: Doc) -> Option<&str> {
        Some(self.field(doc, Field::Published)).filter(|v| !v.is_empty())
    }

    /// When the story reached the desk (RFC 3339).
    pub fn received(&self, doc: Doc) -> Option<&str> {
        Some(self.field(doc, Field::Received)).filter(|v| !v.is_empty())
    }

    /// The time the story orders by (published, else received) and how it is known.
    pub fn time(&self, doc: Doc) -> (Option<jiff::Timestamp>, TimeKind) {
        let d = doc as usize;
        let t = self.versions.times[d];
        let kind = TimeKind::from_byte(self.versions.time_kinds[d]);
        let at = (t != NONE)
            .then(|| jiff::Timestamp::from_second(t).ok())
            .flatten();
        (at, kind)
    }

    /// The most versions any story has, when some story has more than one.
    pub fn longest_chain(&self) -> Option<usize> {
        self.chains.heads.as_ref()?;
        self.chains
            .starts
            .windows(2)
            .map(|w| (w[1] - w[0]) as usize)
            .max()
    }

    /// Whether any story is dated only by when it reached the desk (lists mark its time `~`).
    pub fn has_received_only(&self) -> bool {
        self.versions
            .time_kinds
            .contains(&(TimeKind::Received as u8))
    }

    /// Whether any version declares a status or an embargo (lists then give it a column).
    pub fn has_statuses(&self) -> bool {
        self.versions.statuses.iter().any(|&s| s != 0)
            || self.versions.embargoes.iter().any(|&e| e != NONE)
    }

    /// The seconds a story orders by, for comparisons (`i64::MIN` when undated).
    pub(crate) fn seconds(&self, doc: Doc) -> i64 {
        self.versions.times[doc as usize]
    }

    /// A story's place in [`Catalog::newest_first`].
    pub(crate) fn rank(&self, doc: Doc) -> u32 {
        self.rank[doc as usize]
    }

    /// Every entity across the archive, most stories first.
    pub fn entities(&self) -> &[EntityRow] {
        &self.entities
    }

    pub(crate) fn agencies(&self) -> &[String] {
        &self.agencies
    }

    pub(crate) fn agency_index(&self, doc: Doc) -> usize {
        usize::from(self.agency_of[doc as usize])
    }

    /// Archive lines that did not parse when this catalogue was built.
    pub fn damaged(&self) -> &[(usize, String)] {
        &self.damaged
    }

    /// The term dictionary of the word and name indexes (of the first index segment: the
    /// whole archive unless imports have added segments since).
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// Every segment's dictionary and where its lists are, oldest first.
    fn segments(&self) -> impl Iterator<Item = (&Dictionary, &PostingsSource)> {
        std::iter::once((&self.dict, &self.postings)).chain(self.extra.iter().map(|(d, p)| (d, p)))
    }

    /// The stories under entry `i` of a segment's dictionary, ascending; `None` if the index
    /// is damaged.
    fn list(&self, dict: &Dictionary, source: &PostingsSource, i: usize) -> Option<Vec<Doc>> {
        let range = dict.range(i);
        let count = dict.counts[i];
        match source {
            PostingsSource::Memory => {
                let bytes = dict.blob.get(to_usize(range.start)..to_usize(range.end))?;
                postings::decode(bytes, count, self.doc_limit())
            }
            PostingsSource::File { file, base } => {
                let mut bytes = vec![0; to_usize(range.end - range.start)];
                let mut file = file.lock().ok()?;
                file.seek(SeekFrom::Start(base + range.start)).ok()?;
                file.read_exact(&mut bytes).ok()?;
                postings::decode(&bytes, count, self.doc_limit())
            }
        }
    }

    /// One past the highest story number the posting lists may hold.
    fn doc_limit(&self) -> usize {
        to_usize(u64::from(self.first_doc)) + self.len()
    }

    /// The stories under every term starting with `prefix` (`tag` byte + start of a key), a
    /// term's list after another (a story may come more than once).
    pub(crate) fn lookup_prefixed(&self, prefix: &[u8]) -> Vec<Doc> {
        let mut docs = Vec::new();
        for (dict, source) in self.segments() {
            for i in dict.prefixed(prefix) {
                docs.extend(self.list(dict, source, i).unwrap_or_default());
            }
        }
        docs
    }

    /// Every posting list's bytes, laid end to end: borrowed when in memory, else read from
    /// the index file in one go.
    pub(crate) fn postings_blob(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.postings {
            PostingsSource::Memory => Ok(std::borrow::Cow::Borrowed(&self.dict.blob)),
            PostingsSource::File { file, base } => {
                let len = self.dict.offsets.last().copied().unwrap_or(0);
                let mut bytes = vec![0; to_usize(len)];
                let mut file = file
                    .lock()
                    .map_err(|_| std::io::Error::other("index handle poisoned"))?;
                file.seek(SeekFrom::Start(*base))?;
                file.read_exact(&mut bytes)?;
                Ok(std::borrow::Cow::Owned(bytes))
            }
        }
    }

    /// The postings of a whole term (`tag` byte + key), ascending, or an empty list.
    pub(crate) fn lookup(&self, term: &[u8]) -> Vec<Doc> {
        let mut docs = Vec::new();
        for (dict, source) in self.segments() {
            if let Some(list) = dict.find(term).and_then(|i| self.list(dict, source, i)) {
                docs.extend(list);
            }
        }
        docs
    }

    /// Finds a story by id or by a unique id prefix (at least 4 characters, any case), as git
    /// does.
    pub fn find(&self, id: &str) -> Result<Doc, FindError> {
        let docs = 0..u32::try_from(self.len()).unwrap_or(u32::MAX);
        if let Some(doc) = docs.clone().find(|&d| self.id(d).eq_ignore_ascii_case(id)) {
            return Ok(doc);
        }
        if id.chars().count() < MIN_PREFIX {
            return Err(FindError::TooShort(id.to_string()));
        }
        let prefix = id.to_ascii_lowercase();
        let matches: Vec<Doc> = docs
            .filter(|&d| self.id(d).to_ascii_lowercase().starts_with(&prefix))
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(FindError::NotFound(id.to_string())),
            many => Err(FindError::Ambiguous(
                id.to_string(),
                many.iter().map(|&d| self.id(d).to_string()).collect(),
            )),
        }
    }

    /// The whole story: from memory, or its archive line read and parsed (and checked to be
    /// the story the index says it is).
    pub fn article(&self, doc: Doc) -> Result<Article, BodyError> {
        match &self.bodies {
            Bodies::Memory(articles) => Ok(articles[doc as usize].clone()),
            Bodies::Archive { path, file } => {
                let d = doc as usize;
                let io = |source| BodyError::Io {
                    path: path.clone(),
                    doc,
                    source,
                };
                let mut bytes = vec![0; self.line_lens[d] as usize];
                {
                    let mut file = file
                        .lock()
                        .map_err(|_| io(std::io::Error::other("archive handle poisoned")))?;
                    file.seek(SeekFrom::Start(self.line_starts[d]))
                        .map_err(io)?;
                    file.read_exact(&mut bytes).map_err(io)?;
                }
                match serde_json::from_slice::<Article>(&bytes) {
                    Ok(article) if article.id == self.id(doc) => Ok(article),
                    _ => Err(BodyError::Moved {
                        path: path.clone(),
                        doc,
                    }),
                }
            }
        }
    }
}

/// A 128-bit hash of a story id or feed id, for finding duplicates without keeping the ids:
/// two different ids share one about once in 10^29 comparisons.
pub(crate) fn story_key(text: &str) -> u128 {
    use std::hash::BuildHasher;
    let half = |seed| u128::from(foldhash::fast::FixedState::with_seed(seed).hash_one(text));
    half(0x5eed_0001) << 64 | half(0x5eed_0002)
}

/// Texts that lie one after another (headlines of consecutive stories, or the names table),
/// for scanning many at once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Haystacks<'a> {
    pub(crate) bytes: &'a [u8],
    /// Where the first text starts, in the numbering `ends` uses.
    pub(crate) base: u64,
    pub(crate) ends: &'a [u64],
    /// Whether these texts are outside the headline (names), which ranks a match lower.
    pub(crate) outside: bool,
}

impl<'a> Haystacks<'a> {
    /// The texts of `all` ending at `ends`, the first starting at `base`.
    pub(crate) fn new(all: &'a str, base: u64, ends: &'a [u64], outside: bool) -> Haystacks<'a> {
        let end = ends.last().copied().unwrap_or(base);
        Haystacks {
            bytes: all
                .as_bytes()
                .get(to_usize(base)..to_usize(end))
                .unwrap_or_default(),
            base,
            ends,
            outside,
        }
    }
}

/// Letter sets of one haystack, as [`char_mask`] bits: enough to rank a one-letter query
/// without reading the haystack.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// Every letter and digit.
    pub(crate) any: u64,
    /// Letters that start a word.
    pub(crate) starts: u64,
    /// Letters in the headline.
    pub(crate) head: u64,
    /// Letters that start a word of the headline.
    pub(crate) head_starts: u64,
}

impl Masks {
    pub(crate) fn of(hay: &str, headline: usize) -> Masks {
        let headline = hay.get(..headline).unwrap_or(hay);
        Masks {
            any: char_mask(hay),
            starts: word_start_mask(hay),
            head: char_mask(headline),
            head_starts: word_start_mask(headline),
        }
    }
}

fn word_start_mask(text: &str) -> u64 {
    let mut mask = 0;
    let mut previous = b' ';
    for b in text.bytes() {
        if !previous.is_ascii_alphanumeric() && previous < 0x80 {
            mask |= char_mask_byte(b);
        }
        previous = b;
    }
    mask
}

fn char_mask_byte(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        0x80.. => 1 << 63,
        _ => 0,
    }
}

/// Bits for the letters and digits in `text` (a–z, 0–9), bit 63 for any other non-space
/// character outside ASCII: a story can match a query only if it has every bit the query has.
pub(crate) fn char_mask(text: &str) -> u64 {
    text.bytes().fold(0, |mask, b| mask | char_mask_byte(b))
}
