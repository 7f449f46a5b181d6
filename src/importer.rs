//! Importing files into an archive: parse them on all cores, keep the stories not already
//! there (same content, or the same version of the same story), count those that are new
//! versions of a story already there or added before them, append them to the archive in input order (all or
//! nothing) and extend its index (a new segment, or the whole index written again after
//! [`file::MAX_SEGMENTS`]). The command line adds the progress bar and the lock.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

type Parsed = Vec<(u64, Result<Vec<Staged>, IngestError>)>;

/// Imports `files` into the archive at `path` (see [`Base`]). Files are parsed on all cores,
/// `progress` called once per file; new stories are appended in file order, all or nothing,
/// and indexed (`warn` hears if the index cannot be saved: the archive has the stories and
/// the index is rebuilt next time). Call it holding the archive's lock.
pub fn import(
    path: &Path,
    mut base: Base,
    files: &[PathBuf],
    options: Options,
    progress: &(dyn Fn() + Sync),
    warn: &dyn Fn(String),
) -> Result<Report, ArchiveError> {
    let parse = |batch: &[PathBuf]| -> Parsed {
        batch
            .par_iter()
            .map(|file| {
                let size = std::fs::metadata(file).map_or(0, |m| m.len());
                let result = pipeline::read_file(file, options)
                    .map(|articles| articles.into_iter().map(Staged::new).collect());
                progress();
                (size, result)
            })
            .collect()
    };
    let new = matches!(base, Base::New);
    let mut adding = Adding {
        path,
        seen: Seen::of(&mut base),
        report: Report::default(),
        appender: None,
        extending: Extending::NotYet,
        base: Some(base),
    };
    if new {
        adding.start()?;
    }
    let mut batches = files.chunks(BATCH);
    let mut pending = batches.next().map(parse).unwrap_or_default();
    for batch in batches {
        let (next, added) = rayon::join(|| parse(batch), || adding.add(pending));
        added?;
        pending = next;
    }
    adding.add(pending)?;
    adding.finish(warn)
}

/// How the catalogue grows during an import.
enum Extending {
    /// Nothing added yet.
    NotYet,
    /// The whole catalogue, to be written as one index.
    Builder(Box<Builder>),
    /// The new stories alone, to be written as the next segment of the index (`chain`, of
    /// `before` stories).
    Segment {
        chain: Vec<file::Link>,
        before: usize,
        builder: Box<Builder>,
    },
    /// The old index could not be read back: the archive is indexed again at the end.
    Reindex,
}

/// The state of an import between batches.
struct Adding<'a> {
    path: &'a Path,
    seen: Seen,
    report: Report,
    appender: Option<Appender>,
    /// The catalogue being extended, once there is something to add.
    extending: Extending,
    /// What the archive was, until then.
    base: Option<Base>,
}

impl Adding<'_> {
    /// Opens the append and takes the catalogue apart to extend it.
    fn start(&mut self) -> Result<(), ArchiveError> {
        if self.appender.is_none() {
            self.appender = Some(Appender::begin(self.path)?);
            self.extending = match self.base.take() {
                None | Some(Base::New) => Extending::Builder(Box::new(Builder::new())),
                Some(Base::Indexed(indexed)) => Extending::Segment {
                    builder: Box::new(Builder::numbered_from(indexed.stories)),
                    chain: indexed.chain,
                    before: indexed.stories,
                },
                Some(Base::Catalog(catalog)) => match catalog.into_builder() {
                    Ok(builder) => Extending::Builder(Box::new(builder)),
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
                            if self.seen.continues(&story) {
                                self.report.versions += 1;
                            }
                            new.push(story);
                        } else {
                            self.report.duplicates += 1;
                        }
                    }
                }
                Err(err) => self.report.failures.push(err),
            }
        }
        if new.is_empty() {
            return Ok(());
        }
        self.start()?;
        let (lines, prepared): (Vec<Vec<u8>>, Vec<Prepared>) =
            new.into_iter().map(|s| (s.line, s.prepared)).unzip();
        let starts = match &mut self.appender {
            Some(appender) => appender.write(&lines)?,
            None => Vec::new(),
        };
        if let Extending::Builder(builder) | Extending::Segment { builder, .. } =
            &mut self.extending
        {
            for ((p, start), line) in prepared.into_iter().zip(starts).zip(&lines) {
                let len = u32::try_from(line.len()).unwrap_or(u32::MAX);
                builder.push(p.at(LineRef { start, len }));
            }
        }
        Ok(())
    }

    fn finish(mut self, warn: &dyn Fn(String)) -> Result<Report, ArchiveError> {
        let read_err = |source| ArchiveError::Read {
            path: self.path.to_path_buf(),
            source,
        };
        let Some(appender) = self.appender.take() else {
            // Nothing new: the archive and its index are as they were.
            self.report.total = match &self.base {
                None | Some(Base::New) => 0,
                Some(Base::Indexed(indexed)) => indexed.stories,
                Some(Base::Catalog(catalog)) => catalog.len(),
            };
            return Ok(self.report);
        };
        appender.commit()?;
        let index = file::index_path(self.path);
        let cannot_save = |e: std::io::Error| {
            warn(format!(
                "{}: cannot save the index ({e}); it will be rebuilt next time",
                index.display()
            ));
        };
        let catalog = match std::mem::replace(&mut self.extending, Extending::NotYet) {
            Extending::Segment {
                chain,
                before,
                builder,
            } => {
                let stories = builder.finish(Bodies::Memory(Vec::new()));
                let saved = file::Fingerprint::of(self.path).and_then(|fingerprint| {
                    file::save_segment(&chain, before, &stories, fingerprint, &index)
                });
                if let Err(e) = saved {
                    cannot_save(e);
                }
                self.report.total = before + stories.len();
                return Ok(self.report);
            }
            Extending::Builder(builder) => {
                let file = std::fs::File::open(self.path).map_err(read_err)?;
                builder.finish(Bodies::Archive {
                    path: self.path.to_path_buf(),
                    file: Mutex::new(file),
                })
            }
            Extending::NotYet | Extending::Reindex => {
                Catalog::from_archive(self.path, &|_| {}).map_err(read_err)?
            }
        };
        if let Err(e) = file::Fingerprint::of(self.path)
            .and_then(|fingerprint| file::save(&catalog, fingerprint, &index))
        {
            cannot_save(e);
        }
        self.report.total = catalog.len();
        Ok(self.report)
    }
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
}
