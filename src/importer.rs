//! Importing files into an archive: parse them on all cores, keep the stories not already
//! there (same content, or the same version of the same story), count those that are new
//! versions of a story already there or added before them, and append them to the archive in
//! input order, committing a batch every few thousand stories or seconds ([`Commits`]): its
//! lines synced, then indexed as a segment (the index is the commit), then the journal moved
//! on. A kill loses at most the batch in flight; running the import again skips what was
//! committed. The command line adds the progress bar and the lock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use foldhash::HashSet;
use rayon::prelude::*;

use crate::archive::{Appender, ArchiveError};
use crate::article::Article;
use crate::catalog::build::{Builder, LineRef, Prepared};
use crate::catalog::chain_keys::{ChainKeys, ChainSets};
use crate::catalog::{Bodies, Catalog, file, story_key};
use crate::ingest::{IngestError, Options};
use crate::pipeline;

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub imported: usize,
    /// How many of the imported stories are other versions of a story already in the
    /// archive, or of one imported before them.
    pub versions: usize,
    pub duplicates: usize,
    pub failures: Vec<IngestError>,
    /// Bytes of story files read.
    pub bytes: u64,
    /// Stories in the archive afterwards.
    pub total: usize,
}

/// What an import adds to.
#[derive(Debug)]
pub enum Base {
    /// No archive yet: one is made, even if nothing is new.
    New,
    /// An indexed archive, known from its index's headers and keys: the new stories are
    /// indexed as a segment (the fast way into a big archive).
    Indexed(file::Indexed),
    /// An archive whose catalogue is open: the index is written whole.
    Catalog(Box<Catalog>),
}

/// The stories an archive already has, by content id and by version key, as `story_key`s (a
/// million ids as strings took longer to gather than a small import takes to parse), and
/// the chains they form, by [`ChainKeys`].
#[derive(Debug, Default)]
pub struct Seen {
    /// The archive's keys, sorted, a list per index segment (searched where they lie).
    indexed_ids: Vec<Vec<u128>>,
    indexed_sources: Vec<Vec<u128>>,
    indexed_chains: Vec<ChainKeys>,
    /// The keys of the stories this import adds.
    ids: HashSet<u128>,
    sources: HashSet<u128>,
    chains: ChainSets,
}

impl Seen {
    /// What `base` holds (an index's keys are moved here).
    pub fn of(base: &mut Base) -> Seen {
        let mut seen = Seen::default();
        match base {
            Base::New => {}
            Base::Indexed(indexed) => {
                seen.indexed_ids = std::mem::take(&mut indexed.ids);
                seen.indexed_sources = std::mem::take(&mut indexed.sources);
                seen.indexed_chains = std::mem::take(&mut indexed.chains);
            }
            Base::Catalog(catalog) => {
                let (ids, sources) = catalog.story_keys();
                seen.indexed_ids = vec![ids];
                seen.indexed_sources = vec![sources];
                seen.indexed_chains = vec![ChainKeys::of(&catalog.versions)];
            }
        }
        seen
    }

    /// Whether `article` is new here; if so it is remembered.
    pub fn admit(&mut self, article: &Article) -> bool {
        let source = article.source_key().as_deref().map(story_key);
        let id = story_key(&article.id);
        let known = |set: &HashSet<u128>, lists: &[Vec<u128>], key: u128| {
            set.contains(&key) || lists.iter().any(|l| l.binary_search(&key).is_ok())
        };
        if known(&self.ids, &self.indexed_ids, id)
            || source.is_some_and(|k| known(&self.sources, &self.indexed_sources, k))
        {
            return false;
        }
        self.ids.insert(id);
        self.sources.extend(source);
        true
    }

    /// Whether an admitted story is another version of a story already there or admitted
    /// before it; either way it is remembered.
    fn continues(&mut self, staged: &Staged) -> bool {
        let facts = staged.prepared.facts();
        let joins =
            self.chains.joins(facts) || self.indexed_chains.iter().any(|keys| keys.joins(facts));
        self.chains.add(facts);
        joins
    }
}

/// A parsed story ready to be added: its archive line and what the catalogue keeps of it.
#[derive(Debug)]
pub struct Staged {
    pub article: Article,
    line: Vec<u8>,
    prepared: Prepared,
}

impl Staged {
    pub fn new(article: Article) -> Staged {
        let line = serde_json::to_vec(&article).unwrap_or_default();
        let prepared = Prepared::new(&article, LineRef::default());
        Staged {
            article,
            line,
            prepared,
        }
    }
}

/// Files are parsed this many at a time: memory stays bounded however many are imported, and
/// one batch is added to the archive and index while the next is parsed.
const BATCH: usize = 512;

/// The size the last batches of an import halve down to.
const LAST_BATCH: usize = 64;

/// When an import commits what it has added: after so many new stories, or so long after its
/// last commit, whichever comes first (and at the end).
#[derive(Debug, Clone, Copy)]
pub struct Commits {
    pub stories: usize,
    pub every: Duration,
}

impl Default for Commits {
    /// Every 4,096 stories or 2 seconds: a kill loses at most that, and a batch is big enough
    /// that committing (a sync, a segment, a journal write) costs little next to parsing it.
    fn default() -> Commits {
        Commits {
            stories: 4096,
            every: Duration::from_secs(2),
        }
    }
}

type Parsed = Vec<(u64, Result<Vec<Staged>, IngestError>)>;

/// Imports `files` into the archive at `path` (see [`Base`]), committing by
/// [`Commits::default`]. Files are parsed on all cores, `progress` called once per file; new
/// stories are appended in file order and committed in batches (`warn` hears if the index
/// could not be merged). An error keeps every batch committed before it. Call it holding the
/// archive's lock, after repairing the archive.
pub fn import(
    path: &Path,
    base: Base,
    files: &[PathBuf],
    options: Options,
    progress: &(dyn Fn() + Sync),
    warn: &(dyn Fn(String) + Sync),
) -> Result<Report, ArchiveError> {
    import_with(
        path,
        base,
        files,
        options,
        Commits::default(),
        progress,
        warn,
    )
}

/// [`import`], committing by `commits`.
pub fn import_with(
    path: &Path,
    base: Base,
    files: &[PathBuf],
    options: Options,
    commits: Commits,
    progress: &(dyn Fn() + Sync),
    warn: &(dyn Fn(String) + Sync),
) -> Result<Report, ArchiveError> {
    import_telling(path, base, files, options, commits, progress, warn, None)
}

/// What one commit made durable: its stories in archive order, each with whether it is
/// another version of a story already there (what a watcher announces), and how many
/// stories the archive holds with them.
#[derive(Debug, Default)]
pub struct Committed {
    pub stories: Vec<(Article, bool)>,
    pub total: usize,
}

/// A watcher's hold on an import: who hears each commit's stories, and the flag that stops
/// it after the files being parsed (what is parsed is added and committed, the rest left).
pub struct Telling<'a> {
    pub committed: &'a mut (dyn FnMut(Committed) + Send + 'a),
    pub stop: &'a AtomicBool,
}

/// [`import_with`], telling `telling` after each commit which stories it made durable (so
/// a watcher announces only what a reader can see), and stopping early when it says so.
#[allow(clippy::too_many_arguments)] // import_with's, and the one listener
pub fn import_telling<'a>(
    path: &'a Path,
    mut base: Base,
    files: &[PathBuf],
    options: Options,
    commits: Commits,
    progress: &(dyn Fn() + Sync),
    warn: &'a (dyn Fn(String) + Sync),
    telling: Option<Telling<'a>>,
) -> Result<Report, ArchiveError> {
    let (committed, stop) = match telling {
        Some(Telling { committed, stop }) => (Some(committed), Some(stop)),
        None => (None, None),
    };
    let parse = |batch: &[PathBuf]| -> Parsed {
        batch
            .par_iter()
            .map(|file| {
                let (size, result) = match pipeline::read_file_sized(file, options) {
                    Ok((articles, size)) => {
                        (size, Ok(articles.into_iter().map(Staged::new).collect()))
                    }
                    Err(e) => (0, Err(e)),
                };
                progress();
                (size, result)
            })
            .collect()
    };
    let new = matches!(base, Base::New);
    let mut adding = Adding::new(path, &mut base, commits, warn);
    adding.base = Some(base);
    adding.listener = committed;
    if new {
        adding.start()?;
    }
    let mut batches = batches(files);
    let mut pending = batches.next().map(parse).unwrap_or_default();
    for batch in batches {
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            break;
        }
        let (next, added) = rayon::join(|| parse(batch), || adding.add(pending));
        added?;
        pending = next;
    }
    adding.add(pending)?;
    adding.finish()
}

/// The files in the batches they are parsed in: [`BATCH`] at a time, then the last of them in
/// halves down to [`LAST_BATCH`], so the batch added after all parsing is done (which the
/// other core has nothing to do beside) is a small one.
fn batches(files: &[PathBuf]) -> impl Iterator<Item = &[PathBuf]> {
    let mut rest = files;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let take = match rest.len() {
            n if n > BATCH => BATCH,
            n if n > LAST_BATCH => n.div_ceil(2),
            n => n,
        };
        let (batch, after) = rest.split_at(take);
        rest = after;
        Some(batch)
    })
}

/// How the index grows during an import.
enum Extending {
    /// Nothing added yet.
    NotYet,
    /// The whole catalogue, written as the index at the first commit (a new archive, or one
    /// whose index had to be opened whole).
    Whole(Box<Builder>),
    /// The old index could not be read back: the archive is indexed again at the first
    /// commit.
    Reindex,
    /// The stories since the last commit, to be written as the next segment of the index
    /// `chain` (of `before` stories).
    Segment {
        chain: Vec<file::Link>,
        before: usize,
        builder: Box<Builder>,
    },
}

/// The state of an import between batches.
pub(crate) struct Adding<'a> {
    path: &'a Path,
    seen: Seen,
    report: Report,
    appender: Option<Appender>,
    /// The catalogue being extended, once there is something to add.
    extending: Extending,
    /// What the archive was, until then.
    base: Option<Base>,
    commits: Commits,
    /// Stories added since the last commit, and when that was.
    uncommitted: usize,
    since: Instant,
    warn: &'a (dyn Fn(String) + Sync),
    /// Who hears of each commit's stories, and those stories meanwhile (kept only for them).
    listener: Option<&'a mut (dyn FnMut(Committed) + Send)>,
    uncommitted_stories: Vec<(Article, bool)>,
    /// The merge of like-sized index segments the last commit started, running beside the
    /// parsing; it has the chain, and gives it back when joined (before the next commit).
    settling: Option<Settling>,
    /// The chain keys of the stories this import has committed (for the front page, which
    /// needs to know which of a batch's stories continue a story there before the batch).
    committed_chains: ChainSets,
}

/// A merge of index segments on a thread of its own: the chain it settles, and how it went.
type Settling = std::thread::JoinHandle<(Vec<file::Link>, std::io::Result<()>)>;

impl<'a> Adding<'a> {
    fn new(
        path: &'a Path,
        base: &mut Base,
        commits: Commits,
        warn: &'a (dyn Fn(String) + Sync),
    ) -> Adding<'a> {
        Adding {
            path,
            seen: Seen::of(base),
            report: Report::default(),
            appender: None,
            extending: Extending::NotYet,
            base: None,
            commits,
            uncommitted: 0,
            since: Instant::now(),
            warn,
            listener: None,
            uncommitted_stories: Vec::new(),
            settling: None,
            committed_chains: ChainSets::default(),
        }
    }

    /// Opens the append and takes the catalogue apart to extend it.
    fn start(&mut self) -> Result<(), ArchiveError> {
        if self.appender.is_none() {
            self.appender = Some(Appender::begin(self.path)?);
            self.since = Instant::now();
            self.extending = match self.base.take() {
                None | Some(Base::New) => Extending::Whole(Box::new(Builder::new())),
                Some(Base::Indexed(indexed)) => Extending::Segment {
                    builder: Box::new(Builder::numbered_from(
                        indexed.stories,
                        indexed.chain.last().map_or(0, |l| l.lines),
                    )),
                    chain: indexed.chain,
                    before: indexed.stories,
                },
                Some(Base::Catalog(catalog)) => match catalog.into_builder() {
                    Ok(builder) => Extending::Whole(Box::new(builder)),
                    Err(_) => Extending::Reindex,
                },
            };
        }
        Ok(())
    }

    fn add(&mut self, parsed: Parsed) -> Result<(), ArchiveError> {
        let mut new = Vec::new();
        for (size, result) in parsed {
            match result {
                Ok(stories) => {
                    self.report.bytes += size;
                    for story in stories {
                        if self.seen.admit(&story.article) {
                            self.report.imported += 1;
                            let version = self.seen.continues(&story);
                            if version {
                                self.report.versions += 1;
                            }
                            new.push((story, version));
                        } else {
                            self.report.duplicates += 1;
                        }
                    }
                }
                Err(err) => self.report.failures.push(err),
            }
        }
        if new.is_empty() {
            return self.commit_when_due();
        }
        self.start()?;
        // In pieces that fill the batch being committed, so batches are the size asked.
        let mut new = new.into_iter().peekable();
        while new.peek().is_some() {
            let room = self.commits.stories.saturating_sub(self.uncommitted).max(1);
            let piece: Vec<(Staged, bool)> = new.by_ref().take(room).collect();
            self.write(piece)?;
            self.commit_when_due()?;
        }
        Ok(())
    }

    /// Appends stories (each with whether it is a new version) to the archive and the
    /// catalogue being extended; a listener's are kept for it until they are committed.
    fn write(&mut self, stories: Vec<(Staged, bool)>) -> Result<(), ArchiveError> {
        self.uncommitted += stories.len();
        let mut lines = Vec::with_capacity(stories.len());
        let mut prepared: Vec<Prepared> = Vec::with_capacity(stories.len());
        for (story, version) in stories {
            lines.push(story.line);
            prepared.push(story.prepared);
            if self.listener.is_some() {
                self.uncommitted_stories.push((story.article, version));
            }
        }
        let starts = match &mut self.appender {
            Some(appender) => {
                let starts = appender.write(&lines)?;
                appender.write_back()?;
                starts
            }
            None => Vec::new(),
        };
        if let Extending::Whole(builder) | Extending::Segment { builder, .. } = &mut self.extending
        {
            for ((p, start), line) in prepared.into_iter().zip(starts).zip(&lines) {
                let len = u32::try_from(line.len()).unwrap_or(u32::MAX);
                builder.push(p.at(LineRef { start, len }));
            }
        }
        Ok(())
    }

    fn commit_when_due(&mut self) -> Result<(), ArchiveError> {
        if self.uncommitted >= self.commits.stories
            || (self.uncommitted > 0 && self.since.elapsed() >= self.commits.every)
        {
            self.commit()?;
        }
        Ok(())
    }

    /// Commits what was added since the last commit: the lines synced, indexed (the commit
    /// itself), then the journal moved on; then like-sized segments are merged.
    fn commit(&mut self) -> Result<(), ArchiveError> {
        self.settled();
        let Some(appender) = &mut self.appender else {
            return Ok(());
        };
        let nothing_new =
            matches!(&self.extending, Extending::Segment { builder, .. } if builder.len() == 0);
        if nothing_new && !appender.has_uncommitted() {
            return Ok(());
        }
        // The lines go down on disk while the batch's index is written; the index is put in
        // place (the commit) only once they are there.
        let syncing = appender.sync_beside()?;
        let len = syncing.len();
        let mut synced = None;
        let ready = || {
            let done = syncing.wait();
            let ready = done
                .as_ref()
                .map_err(|_| std::io::Error::other("the archive's lines are not on disk"))
                .copied();
            synced = Some(done);
            ready
        };
        let index = file::index_path(self.path);
        // A save that failed waiting for the lines fails for the archive, not the index.
        let saved = |saved: std::io::Result<file::Link>,
                     synced: &mut Option<Result<(), ArchiveError>>| {
            match (saved, synced.take()) {
                (Ok(link), _) => Ok(link),
                (Err(_), Some(Err(archive))) => Err(archive),
                (Err(source), _) => Err(ArchiveError::Index {
                    path: index.clone(),
                    source,
                }),
            }
        };
        let fingerprint =
            file::Fingerprint::of(self.path).map_err(|source| ArchiveError::Read {
                path: self.path.to_path_buf(),
                source,
            })?;
        // The index extended by a segment, or written whole (the archive's first, or one
        // that could not be extended); and what the archive's front page becomes once the
        // batch is committed.
        let (mut chain, before, lines, front) =
            match std::mem::replace(&mut self.extending, Extending::NotYet) {
                Extending::NotYet => return Ok(()),
                Extending::Segment {
                    mut chain,
                    before,
                    builder,
                } => {
                    let stories = builder.finish(Bodies::Memory(Vec::new()));
                    let link = saved(
                        file::save_segment_when(
                            &chain,
                            before,
                            &stories,
                            fingerprint,
                            &index,
                            ready,
                        ),
                        &mut synced,
                    )?;
                    let was = chain.last().map(|l| l.fingerprint);
                    chain.push(link);
                    let (len, lines) = (stories.len(), stories.lines);
                    let joins_before = joins_before(
                        &mut self.committed_chains,
                        &self.seen.indexed_chains,
                        &stories,
                    );
                    let front: FrontUpdate = Box::new(move |path: &Path| {
                        file::extend_front(path, was, &stories, &joins_before, fingerprint);
                    });
                    (chain, before + len, lines, front)
                }
                whole => {
                    let catalog = match whole {
                        Extending::Whole(builder) => builder.finish(Bodies::Memory(Vec::new())),
                        _ => Catalog::from_archive(self.path, &|_| {}).map_err(|source| {
                            ArchiveError::Read {
                                path: self.path.to_path_buf(),
                                source,
                            }
                        })?,
                    };
                    let link = saved(
                        file::save_when(&catalog, fingerprint, &index, ready),
                        &mut synced,
                    )?;
                    let (len, lines) = (catalog.len(), catalog.lines);
                    // Only the keys are counted: every row of a whole front page is known.
                    joins_before(
                        &mut self.committed_chains,
                        &self.seen.indexed_chains,
                        &catalog,
                    );
                    let front: FrontUpdate = Box::new(move |path: &Path| {
                        file::keep_front(path, &catalog, fingerprint);
                    });
                    (vec![link], len, lines, front)
                }
            };
        appender.committed(len)?;
        front(self.path);
        self.uncommitted = 0;
        self.since = Instant::now();
        self.report.total = before;
        if let Some(listener) = &mut self.listener {
            listener(Committed {
                stories: std::mem::take(&mut self.uncommitted_stories),
                total: before,
            });
        }
        // Merging segments (a few hundred ms at a million stories) runs beside the parsing of
        // the next files instead of holding it up; the next commit waits for it.
        let archive = self.path.to_path_buf();
        self.settling = Some(std::thread::spawn(move || {
            let result = file::settle(&index, &archive, &mut chain);
            (chain, result)
        }));
        self.extending = Extending::Segment {
            builder: Box::new(Builder::numbered_from(before, lines)),
            chain: Vec::new(),
            before,
        };
        Ok(())
    }

    /// Waits for the merge of segments the last commit started, and takes its chain back (a
    /// merge that failed left the segments as they were: said, and the chain is as it was).
    fn settled(&mut self) {
        let Some(handle) = self.settling.take() else {
            return;
        };
        let index = file::index_path(self.path);
        let (settled, result) = match handle.join() {
            Ok(done) => done,
            Err(_) => {
                // The merge panicked: the index is read again from the files.
                (
                    self.reread_chain(),
                    Err(std::io::Error::other("the merge stopped")),
                )
            }
        };
        if let Err(e) = result {
            (self.warn)(format!(
                "{}: cannot merge the index's segments ({e}); they stay as they are",
                index.display()
            ));
        }
        if let Extending::Segment { chain, .. } = &mut self.extending {
            *chain = settled;
        }
    }

    /// The chain of the index as its files are now (after a merge that did not come back).
    fn reread_chain(&self) -> Vec<file::Link> {
        match file::indexed(self.path) {
            Ok(Some(indexed)) => indexed.chain,
            _ => Vec::new(),
        }
    }

    fn finish(mut self) -> Result<Report, ArchiveError> {
        if self.appender.is_none() {
            // Nothing new: the archive and its index are as they were.
            self.report.total = match &self.base {
                None | Some(Base::New) => 0,
                Some(Base::Indexed(indexed)) => indexed.stories,
                Some(Base::Catalog(catalog)) => catalog.len(),
            };
            return Ok(std::mem::take(&mut self.report));
        }
        self.commit()?;
        self.settled();
        if let Some(appender) = self.appender.take() {
            appender.finish()?;
        }
        Ok(std::mem::take(&mut self.report))
    }
}

impl Drop for Adding<'_> {
    /// An import that ends early (an error) still waits for a merge it started: the caller
    /// lets go of the lock next, and no other writer may find a merge half done.
    fn drop(&mut self) {
        if let Some(handle) = self.settling.take() {
            let _ = handle.join();
        }
    }
}

/// What a commit does to the archive's front page, once the batch is committed.
type FrontUpdate = Box<dyn FnOnce(&Path)>;

/// Whether each story of `batch`, about to be committed, is another version of a story the
/// archive had before it: one `indexed` before the import, or `committed` by it since. The
/// batch's keys are then counted as committed.
fn joins_before(committed: &mut ChainSets, indexed: &[ChainKeys], batch: &Catalog) -> Vec<bool> {
    let v = &batch.versions;
    let joins: Vec<bool> = (0..batch.len())
        .map(|d| {
            let (identity, source_id, previous) =
                (v.identities[d], v.source_ids[d], v.previous_of(d));
            committed.joins_keys(identity, source_id, previous)
                || indexed
                    .iter()
                    .any(|keys| keys.joins_keys(identity, source_id, previous))
        })
        .collect();
    for d in 0..batch.len() {
        committed.add_keys(v.identities[d], v.source_ids[d], v.previous_of(d));
    }
    joins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::WriteLock;
    use crate::article::Source;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/stories")
            .join(name)
    }

    fn import_quiet(path: &Path, base: Base, files: &[PathBuf]) -> Report {
        let _lock = WriteLock::acquire(path).unwrap();
        import(path, base, files, Options::default(), &|| {}, &|w| {
            panic!("{w}")
        })
        .unwrap()
    }

    fn story(headline: &str) -> Article {
        let mut a = Article {
            headline: headline.into(),
            paragraphs: vec![format!("{headline} body.")],
            ..Article::default()
        };
        a.assign_id();
        a
    }

    #[test]
    fn batches_taper_to_a_small_last_one_and_cover_every_file_in_order() {
        let files: Vec<PathBuf> = (0..1500).map(|n| PathBuf::from(n.to_string())).collect();
        let sizes = |n: usize| batches(&files[..n]).map(<[_]>::len).collect::<Vec<_>>();
        assert_eq!(sizes(1500), [512, 512, 238, 119, 60, 59]);
        assert_eq!(sizes(512), [256, 128, 64, 64]);
        assert_eq!(sizes(65), [33, 32]);
        assert_eq!(sizes(10), [10]);
        assert!(sizes(0).is_empty());
        let joined: Vec<&PathBuf> = batches(&files).flatten().collect();
        assert!(joined.iter().copied().eq(files.iter()));
    }

    #[test]
    fn duplicates_by_content_and_by_version() {
        let mut seen = Seen::of(&mut Base::New);
        assert!(seen.admit(&story("One")));
        assert!(!seen.admit(&story("One")), "the same content");
        let versioned = |headline: &str, version: &str| {
            let mut a = story(headline);
            a.source = Source {
                id: Some("urn:x:1".into()),
                ..Source::default()
            };
            a.wire.version = Some(version.into());
            a
        };
        let v4 = versioned("Two", "4");
        assert!(seen.admit(&v4));
        assert!(
            !seen.admit(&versioned("Two, refiled", "4")),
            "the same version of the same story"
        );
        let v5 = versioned("UPDATE 1-Two", "5");
        assert!(seen.admit(&v5), "a new version is never dropped");
        let mut corrected = versioned("UPDATE 1-Two, corrected", "5");
        corrected.wire.status = Some(crate::article::Status::Corrected);
        assert!(
            seen.admit(&corrected),
            "a correction reissued under the same label is another version"
        );
        let mut unnumbered = versioned("Two, rewritten", "");
        unnumbered.wire.version = None;
        assert!(seen.admit(&unnumbered), "new content under the same id");

        // What an archive already has counts too.
        let mut base = Base::Catalog(Box::new(Catalog::from_articles(vec![v4])));
        let mut seen = Seen::of(&mut base);
        assert!(!seen.admit(&versioned("Two, refiled", "4")));
        assert!(seen.admit(&v5));
        assert!(seen.admit(&story("One")));
    }

    #[test]
    fn new_versions_are_counted_against_the_import_and_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let copy = |name: &str, headline: &str, body: &str| {
            let file = dir.path().join(name);
            let text = format!(
                "{headline}\n\nNAIROBI, Dec 2, 2025 (Reuters) - {body}\n\nMore rain is due.\n"
            );
            std::fs::write(&file, text).unwrap();
            file
        };
        let v1 = copy("v1.txt", "Floods close roads", "Floods closed roads.");
        let v2 = copy(
            "v2.txt",
            "UPDATE 1-Floods close roads",
            "Floods closed roads and schools.",
        );
        let v3 = copy(
            "v3.txt",
            "UPDATE 2-Floods close roads",
            "Floods closed roads, schools and a bridge.",
        );
        let fix = copy(
            "fix.txt",
            "CORRECTED-UPDATE 2-Floods close roads",
            "Floods closed roads, schools and two bridges.",
        );
        let other = copy("other.txt", "Port reopens", "The port reopened.");
        let counts = |r: &Report| (r.imported, r.versions, r.duplicates);

        let report = import_quiet(&path, Base::New, &[v1.clone(), v2, other]);
        assert_eq!(counts(&report), (3, 1, 0), "v2 follows v1 in one import");
        let indexed = file::indexed(&path).unwrap().expect("a fresh index");
        let report = import_quiet(&path, Base::Indexed(indexed), &[v3, v1.clone()]);
        assert_eq!(
            counts(&report),
            (1, 1, 1),
            "v3 follows v1 and v2 in the index"
        );
        let (catalog, _) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        let report = import_quiet(&path, Base::Catalog(Box::new(catalog)), &[fix, v1]);
        assert_eq!(
            counts(&report),
            (1, 1, 1),
            "the correction is a version too"
        );
        let (catalog, _) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        assert_eq!((catalog.len(), catalog.stories()), (5, 2));
    }

    #[test]
    fn a_listener_hears_each_commit_s_stories_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let write = |name: &str, headline: &str, body: &str| {
            let file = dir.path().join(name);
            let text = format!("{headline}\n\nNAIROBI, Dec 2, 2025 (Reuters) - {body}\n");
            std::fs::write(&file, text).unwrap();
            file
        };
        let files = [
            write("a.txt", "Floods close roads", "Floods closed roads."),
            write("b.txt", "Port reopens", "The port reopened."),
            write(
                "c.txt",
                "UPDATE 1-Floods close roads",
                "Floods closed schools.",
            ),
        ];
        let _lock = WriteLock::acquire(&path).unwrap();
        let mut heard: Vec<Vec<(String, bool)>> = Vec::new();
        let mut totals = Vec::new();
        let mut listen = |committed: Committed| {
            // Each batch is durable when told: the journal is at the archive's end.
            let journal = crate::archive::journal(&path).unwrap();
            let len = std::fs::metadata(&path).unwrap().len();
            assert!(journal.is_none_or(|c| c == len));
            totals.push(committed.total);
            heard.push(
                committed
                    .stories
                    .into_iter()
                    .map(|(a, version)| (a.headline, version))
                    .collect(),
            );
        };
        let commits = Commits {
            stories: 2,
            every: Duration::from_secs(3600),
        };
        let report = import_telling(
            &path,
            Base::New,
            &files,
            Options::default(),
            commits,
            &|| {},
            &|w| panic!("{w}"),
            Some(Telling {
                committed: &mut listen,
                stop: &AtomicBool::new(false),
            }),
        )
        .unwrap();
        assert_eq!(report.imported, 3);
        let floods = "Floods close roads".to_string();
        assert_eq!(
            heard,
            [
                vec![(floods.clone(), false), ("Port reopens".into(), false)],
                vec![(floods, true)]
            ]
        );
        assert_eq!(totals, [2, 3]);
    }

    /// Commits of one story each: the merges of like-sized segments run beside the import,
    /// and what it leaves is a short chain the readers load as it stands.
    #[test]
    fn segments_merge_beside_the_import() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let lock = WriteLock::acquire(&path).unwrap();
        let first = story("Story 0");
        import_quiet_with(&path, Base::New, vec![first]);
        let stories: Vec<Article> = (1..=12).map(|n| story(&format!("Story {n}"))).collect();
        let base = Base::Indexed(file::indexed(&path).unwrap().unwrap());
        let report = import_quiet_with(&path, base, stories);
        assert_eq!((report.imported, report.total), (12, 13));
        let chain = file::indexed(&path).unwrap().unwrap().chain;
        // The index, then segments merged as they came while the newest held at least half
        // as many stories as the one before (twelve segments of one story each, unmerged).
        let sizes: Vec<u64> = chain.iter().map(|l| l.stories).collect();
        assert_eq!(sizes, [1, 8, 3, 1]);
        drop(lock);
        let (catalog, origin) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        assert_eq!(origin, file::Origin::Index);
        assert_eq!(catalog.len(), 13);
    }

    /// Adds `stories` as parsed, committing after each.
    fn import_quiet_with(path: &Path, mut base: Base, stories: Vec<Article>) -> Report {
        let commits = Commits {
            stories: 1,
            every: Duration::from_secs(3600),
        };
        let warn = |w: String| panic!("{w}");
        let new = matches!(base, Base::New);
        let mut adding = Adding::new(path, &mut base, commits, &warn);
        adding.base = Some(base);
        if new {
            adding.start().unwrap();
        }
        let staged = stories.into_iter().map(Staged::new).collect();
        adding.add(vec![(1, Ok(staged))]).unwrap();
        adding.finish().unwrap()
    }

    /// A watcher told to stop during an import: the files being parsed are added and
    /// committed, the rest left for the next run.
    #[test]
    fn a_stop_ends_the_import_after_the_files_being_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let files: Vec<PathBuf> = (0..BATCH + 40)
            .map(|n| {
                let file = dir.path().join(format!("{n:04}.txt"));
                let text = format!("Story {n}\n\nNAIROBI, Dec 2, 2025 (Reuters) - Body {n}.\n");
                std::fs::write(&file, text).unwrap();
                file
            })
            .collect();
        let stop = AtomicBool::new(false);
        let mut heard = 0;
        let mut listen = |committed: Committed| heard += committed.stories.len();
        let report = import_telling(
            &path,
            Base::New,
            &files,
            Options::default(),
            Commits::default(),
            // Told to stop while the first batch is parsed.
            &|| stop.store(true, Ordering::Relaxed),
            &|w| panic!("{w}"),
            Some(Telling {
                committed: &mut listen,
                stop: &stop,
            }),
        )
        .unwrap();
        assert_eq!((report.imported, report.total), (BATCH, BATCH));
        assert_eq!(heard, BATCH);
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert_eq!(lines, BATCH);
    }

    #[test]
    fn imports_append_skip_what_is_there_and_keep_damaged_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let report = import_quiet(&path, Base::New, &[fixture("reuters-rates.txt")]);
        assert_eq!(
            (report.imported, report.duplicates, report.total),
            (1, 0, 1)
        );

        // A hand-damaged line: the catalogue skips and names it, an import keeps it.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("{not json\n");
        std::fs::write(&path, &text).unwrap();
        let (catalog, _) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        assert_eq!(catalog.len(), 1);
        assert_eq!(catalog.damaged()[0].0, 2);
        let files = [fixture("reuters-rates.txt"), fixture("ap-harbour.txt")];
        let report = import_quiet(&path, Base::Catalog(Box::new(catalog)), &files);
        assert_eq!(
            (report.imported, report.duplicates, report.total),
            (1, 1, 2)
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "{not json");

        // Into an indexed archive: the same rules, the new story indexed as a segment.
        let indexed = file::indexed(&path).unwrap().expect("a fresh index");
        let mut files = files.to_vec();
        files.push(fixture("mina-water-summit.txt"));
        let report = import_quiet(&path, Base::Indexed(indexed), &files);
        assert_eq!(
            (report.imported, report.duplicates, report.total),
            (1, 2, 3)
        );
        assert!(file::segment_path(&file::index_path(&path), 1).exists());
        let (catalog, origin) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        assert_eq!(origin, file::Origin::Index);
        assert_eq!(catalog.len(), 3);
        let summit = catalog.article(2).unwrap();
        assert!(summit.source.path.ends_with("mina-water-summit.txt"));
    }

    #[test]
    fn batches_commit_as_they_fill_and_a_kill_keeps_the_committed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let lock = WriteLock::acquire(&path).unwrap();
        let stories: Vec<Article> = (1..=5).map(|n| story(&format!("Story {n}"))).collect();
        let parsed = |stories: &[Article]| -> Parsed {
            let staged = stories.iter().cloned().map(Staged::new).collect();
            vec![(1, Ok(staged))]
        };
        let commits = Commits {
            stories: 2,
            every: Duration::from_secs(3600),
        };
        let warn = |w: String| panic!("{w}");
        let mut base = Base::New;
        let mut adding = Adding::new(&path, &mut base, commits, &warn);
        adding.base = Some(base);
        adding.start().unwrap();
        adding.add(parsed(&stories)).unwrap();
        // Two batches of two committed (the index, then a segment); the fifth is in flight,
        // on disk but not committed, when the process is killed (after the merge of segments
        // the last commit started, which runs beside the import, is done).
        adding.settled();
        let Extending::Segment { chain, before, .. } = &adding.extending else {
            panic!("segments after the first commit")
        };
        assert_eq!((chain.len(), *before), (2, 4));
        let committed = crate::archive::journal(&path).unwrap().unwrap();
        let on_disk = adding.appender.as_mut().unwrap().sync().unwrap();
        assert!(on_disk > committed);
        std::mem::forget(adding);

        // What the next command sees: the committed stories, the batch in flight cut off.
        let repaired = file::repair(&path, &lock, &|_| {}).unwrap().unwrap();
        assert_eq!(repaired.cut, on_disk - committed);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), committed);
        drop(lock);
        let (catalog, origin) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        assert_eq!(origin, file::Origin::Index, "the index needed no rebuild");
        assert_eq!(catalog.len(), 4);

        // The same import again adds only what was lost.
        let lock = WriteLock::acquire(&path).unwrap();
        let mut base = Base::Indexed(file::indexed(&path).unwrap().unwrap());
        let mut adding = Adding::new(&path, &mut base, commits, &warn);
        adding.base = Some(base);
        adding.add(parsed(&stories)).unwrap();
        let report = adding.finish().unwrap();
        assert_eq!(
            (report.imported, report.duplicates, report.total),
            (1, 4, 5)
        );
        drop(lock);
        let (catalog, origin) = file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        assert_eq!(origin, file::Origin::Index);
        assert_eq!(catalog.len(), 5);
    }
}
