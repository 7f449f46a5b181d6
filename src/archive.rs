//! The archive: a JSON Lines file of parsed articles. Loading skips (and reports) damaged lines
//! but keeps them, so saving never drops them; saving is atomic (temp file + rename). Imports
//! append instead of rewriting (a million stories are gigabytes), and an append is all or
//! nothing: a journal beside the archive records its old length until the new lines are on
//! disk, so an interrupted import is rolled back by the next one.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::atomic::{self, Replace};

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{path}: cannot read the archive: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write the archive (the old archive is intact): {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// An exclusive lock on an archive, held from load to save by anything that rewrites it, so
/// two imports at once cannot lose each other's stories. Released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _file: std::fs::File,
}

impl WriteLock {
    /// Waits for the lock on `path` (a `PATH.lock` file beside it), then clears temporary
    /// files an interrupted writer left.
    pub fn acquire(path: &Path) -> Result<WriteLock, ArchiveError> {
        WriteLock::open(path, true)?.ok_or_else(|| ArchiveError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::other("the lock was not taken"),
        })
    }

    /// Takes the lock if no one holds it; `None` if someone does.
    pub fn try_acquire(path: &Path) -> Result<Option<WriteLock>, ArchiveError> {
        WriteLock::open(path, false)
    }

    fn open(path: &Path, wait: bool) -> Result<Option<WriteLock>, ArchiveError> {
        let lock_path = {
            let mut name = path.as_os_str().to_owned();
            name.push(".lock");
            PathBuf::from(name)
        };
        let err = |source| ArchiveError::Write {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(err)?;
        if wait {
            file.lock().map_err(err)?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
                Err(std::fs::TryLockError::Error(e)) => return Err(err(e)),
            }
        }
        atomic::sweep_stale(path);
        Ok(Some(WriteLock { _file: file }))
    }
}

/// A line of the archive that did not parse: where, why, and its text, kept for saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedLine {
    pub line: usize,
    pub reason: String,
    pub text: String,
}

impl std::fmt::Display for DamagedLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}: {} (skipped, kept in the file)",
            self.line, self.reason
        )
    }
}

#[derive(Debug, Clone)]
enum Entry {
    Article(usize),
    Damaged(usize),
}

/// An archive in memory, in file order.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    articles: Vec<Article>,
    damaged: Vec<DamagedLine>,
    order: Vec<Entry>,
    ids: HashSet<String>,
    source_ids: HashSet<String>,
}

/// What adding an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    Duplicate,
}

impl Archive {
    /// Reads an archive file. A missing file is `Ok(None)`: the caller decides what "no archive
    /// yet" means (the embedded sample archive, or an empty one to import into).
    pub fn load(path: &Path) -> Result<Option<Archive>, ArchiveError> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(ArchiveError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let mut archive = Archive::default();
        let reader = std::io::BufReader::new(file);
        for (i, line) in reader.split(b'\n').enumerate() {
            let bytes = line.map_err(|source| ArchiveError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            archive.push_line(i + 1, &bytes);
        }
        Ok(Some(archive))
    }

    /// An archive built from articles already in memory (the embedded sample stories).
    pub fn from_articles(articles: impl IntoIterator<Item = Article>) -> Archive {
        let mut archive = Archive::default();
        for article in articles {
            archive.add(article);
        }
        archive
    }

    fn push_line(&mut self, number: usize, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return;
        }
        match serde_json::from_str::<Article>(trimmed) {
            Ok(article) => {
                self.add(article);
            }
            Err(err) => {
                self.order.push(Entry::Damaged(self.damaged.len()));
                self.damaged.push(DamagedLine {
                    line: number,
                    reason: err.to_string(),
                    text: trimmed.to_string(),
                });
            }
        }
    }

    /// Adds an article unless one with the same content or the same feed id is already here.
    pub fn add(&mut self, article: Article) -> Added {
        let source_key = article.source_key();
        if self.ids.contains(&article.id)
            || source_key
                .as_ref()
                .is_some_and(|k| self.source_ids.contains(k))
        {
            return Added::Duplicate;
        }
        self.ids.insert(article.id.clone());
        if let Some(key) = source_key {
            self.source_ids.insert(key);
        }
        self.order.push(Entry::Article(self.articles.len()));
        self.articles.push(article);
        Added::New
    }

    /// Writes the archive atomically (see [`atomic::write`]): any failure, or a kill halfway,
    /// leaves the old file as it was.
    pub fn save(&self, path: &Path) -> Result<(), ArchiveError> {
        atomic::write(path, Replace::Yes, |out| {
            for entry in &self.order {
                match entry {
                    Entry::Article(i) => serde_json::to_writer(&mut *out, &self.articles[*i])?,
                    Entry::Damaged(i) => out.write_all(self.damaged[*i].text.as_bytes())?,
                }
                out.write_all(b"\n")?;
            }
            Ok(())
        })
        .map_err(|source| ArchiveError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn damaged(&self) -> &[DamagedLine] {
        &self.damaged
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Articles newest first (undated last), ties by headline.
    pub fn newest_first(&self) -> Vec<&Article> {
        let mut list: Vec<&Article> = self.articles.iter().collect();
        list.sort_by(|a, b| {
            b.date()
                .cmp(&a.date())
                .then_with(|| a.headline.cmp(&b.headline))
        });
        list
    }

    /// Finds an article by id or by a unique id prefix (at least 4 characters), as git does.
    pub fn find(&self, id: &str) -> Result<&Article, FindError> {
        if let Some(a) = self.articles.iter().find(|a| a.id == id) {
            return Ok(a);
        }
        if id.len() < 4 {
            return Err(FindError::NotFound(id.to_string()));
        }
        let matches: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| a.id.starts_with(id))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(FindError::NotFound(id.to_string())),
            many => Err(FindError::Ambiguous(
                id.to_string(),
                many.iter().map(|a| a.id.clone()).collect(),
            )),
        }
    }
}

/// The journal of an append in progress: `PATH.pending`, holding the archive's old length.
fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pending");
    PathBuf::from(name)
}

/// Rolls back an append that was interrupted (the journal is still there): the archive is cut
/// back to its length before it. Call it holding the [`WriteLock`]. Returns whether it did.
pub fn recover(path: &Path) -> Result<bool, ArchiveError> {
    let journal = journal_path(path);
    let err = |source| ArchiveError::Write {
        path: path.to_path_buf(),
        source,
    };
    let text = match std::fs::read_to_string(&journal) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(err(e)),
    };
    if let Ok(old_len) = text.trim().parse::<u64>() {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(err)?;
        if file.metadata().map_err(err)?.len() > old_len {
            file.set_len(old_len).map_err(err)?;
            file.sync_all().map_err(err)?;
        }
    }
    std::fs::remove_file(&journal).map_err(err)?;
    Ok(true)
}

/// For readers: rolls back an interrupted append if there is one and no import is running
/// (one that is would hold the lock). Returns whether it did.
pub fn recover_if_abandoned(path: &Path) -> Result<bool, ArchiveError> {
    if !journal_path(path).exists() {
        return Ok(false);
    }
    match WriteLock::try_acquire(path)? {
        Some(_lock) => recover(path),
        None => Ok(false),
    }
}

/// Appends lines (each one JSON article, without its newline) to the archive, creating it if
/// needed, and returns where each starts. All or nothing (see [`Appender`]). Call it holding
/// the [`WriteLock`].
pub fn append(path: &Path, lines: &[Vec<u8>]) -> Result<Vec<u64>, ArchiveError> {
    let mut appender = Appender::begin(path)?;
    let starts = appender.write(lines)?;
    appender.commit()?;
    Ok(starts)
}

/// An append in progress, in as many batches as an import needs. Until [`Appender::commit`]
/// the journal holds the archive's old length: dropping the appender (an error) cuts the
/// archive back to it, and a crash is rolled back by [`recover`]. Use it holding the
/// [`WriteLock`].
#[derive(Debug)]
pub struct Appender {
    path: PathBuf,
    /// Taken by `commit`; dropped unflushed otherwise.
    out: Option<std::io::BufWriter<std::fs::File>>,
    old_len: u64,
    at: u64,
}

impl Appender {
    pub fn begin(path: &Path) -> Result<Appender, ArchiveError> {
        use std::io::{Read, Seek, SeekFrom};
        let err = |source| ArchiveError::Write {
            path: path.to_path_buf(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(err)?;
        let old_len = file.metadata().map_err(err)?.len();
        // A last line without its newline (a hand edit) gets one, so ours start on a line.
        let mut needs_newline = false;
        if old_len > 0 {
            let mut last = [0u8];
            file.seek(SeekFrom::Start(old_len - 1)).map_err(err)?;
            file.read_exact(&mut last).map_err(err)?;
            needs_newline = last[0] != b'\n';
        }
        atomic::write(&journal_path(path), Replace::Yes, |out| {
            write!(out, "{old_len}")
        })
        .map_err(err)?;
        file.seek(SeekFrom::Start(old_len)).map_err(err)?;
        let mut appender = Appender {
            path: path.to_path_buf(),
            out: Some(std::io::BufWriter::with_capacity(1 << 20, file)),
            old_len,
            at: old_len,
        };
        if needs_newline {
            appender.write_raw(b"\n")?;
            appender.at += 1;
        }
        Ok(appender)
    }

    /// Writes lines after the ones already written; returns where each starts.
    pub fn write(&mut self, lines: &[Vec<u8>]) -> Result<Vec<u64>, ArchiveError> {
        let mut starts = Vec::with_capacity(lines.len());
        for line in lines {
            starts.push(self.at);
            self.write_raw(line)?;
            self.write_raw(b"\n")?;
            self.at += line.len() as u64 + 1;
        }
        Ok(starts)
    }

    fn write_raw(&mut self, bytes: &[u8]) -> Result<(), ArchiveError> {
        use std::io::Write;
        let result = match &mut self.out {
            Some(out) => out.write_all(bytes),
            None => Err(std::io::Error::other("the append has ended")),
        };
        result.map_err(|source| ArchiveError::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Makes the lines durable and ends the append.
    pub fn commit(mut self) -> Result<(), ArchiveError> {
        let err = |source| ArchiveError::Write {
            path: self.path.clone(),
            source,
        };
        let Some(out) = self.out.take() else {
            return Ok(());
        };
        let file = out.into_inner().map_err(|e| err(e.into_error()))?;
        let synced = file
            .sync_data()
            .and_then(|()| std::fs::remove_file(journal_path(&self.path)));
        if let Err(e) = synced {
            self.cut_back(&file);
            return Err(err(e));
        }
        Ok(())
    }

    /// Cuts the archive back to where the append began and drops the journal.
    fn cut_back(&self, file: &std::fs::File) {
        let _ = file.set_len(self.old_len);
        let _ = file.sync_all();
        let _ = std::fs::remove_file(journal_path(&self.path));
    }
}

impl Drop for Appender {
    fn drop(&mut self) {
        if let Some(out) = self.out.take() {
            // Unflushed lines are discarded, never written after the cut.
            let (file, _unwritten) = out.into_parts();
            self.cut_back(&file);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no story with id `{0}` (see `dateline list`)")]
    NotFound(String),
    #[error("id `{0}` is ambiguous: it starts {1:?}")]
    Ambiguous(String, Vec<String>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;

    fn article(headline: &str, date: &str) -> Article {
        let mut a = Article {
            headline: headline.into(),
            published: Some(date.into()),
            paragraphs: vec![format!("{headline} body.")],
            ..Article::default()
        };
        a.assign_id();
        a
    }

    #[test]
    fn duplicates_by_content_and_by_source_id() {
        let mut archive = Archive::default();
        assert_eq!(archive.add(article("One", "2025-01-01")), Added::New);
        assert_eq!(archive.add(article("One", "2025-01-01")), Added::Duplicate);
        let mut with_id = article("Two", "2025-01-02");
        with_id.source = Source {
            id: Some("urn:x:1".into()),
            ..Source::default()
        };
        let mut same_id = article("Two, corrected", "2025-01-02");
        same_id.source = with_id.source.clone();
        assert_eq!(archive.add(with_id), Added::New);
        assert_eq!(archive.add(same_id), Added::Duplicate);
        assert_eq!(archive.len(), 2);
    }

    #[test]
    fn damaged_lines_are_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let good = serde_json::to_string(&article("Good", "2025-01-01")).unwrap();
        std::fs::write(&path, format!("{good}\n{{not json\n\n")).unwrap();
        let mut archive = Archive::load(&path).unwrap().unwrap();
        assert_eq!(archive.len(), 1);
        assert_eq!(archive.damaged().len(), 1);
        assert_eq!(archive.damaged()[0].line, 2);
        archive.add(article("New", "2025-02-01"));
        archive.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "{not json");
    }

    #[test]
    fn missing_archive_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            Archive::load(&dir.path().join("none.jsonl"))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn failed_save_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "old\n").unwrap();
        // The target is a directory now: the rename must fail, the temp file must go.
        let target = dir.path().join("sub");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "x").unwrap();
        let archive = Archive::from_articles([article("A", "2025-01-01")]);
        assert!(archive.save(&target).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn appends_start_on_a_new_line_and_interrupted_ones_roll_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "{\"hand\": \"edited\"}").unwrap();
        let starts = append(&path, &[b"one".to_vec(), b"two".to_vec()]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\"hand\": \"edited\"}\none\ntwo\n");
        assert_eq!(starts, [19, 23]);
        assert!(!journal_path(&path).exists());
        // An append killed after writing part of its lines leaves its journal: recovery cuts
        // the archive back to where it was.
        std::fs::write(journal_path(&path), text.len().to_string()).unwrap();
        let mut partial = text.clone();
        partial.push_str("{\"half");
        std::fs::write(&path, &partial).unwrap();
        assert!(recover(&path).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert!(!recover(&path).unwrap(), "nothing left to recover");
    }

    #[test]
    fn find_by_prefix() {
        let a = article("A", "2025-01-01");
        let id = a.id.clone();
        let archive = Archive::from_articles([a, article("B", "2025-01-02")]);
        assert_eq!(archive.find(&id[..6]).unwrap().headline, "A");
        assert!(matches!(
            archive.find("zzzzzz"),
            Err(FindError::NotFound(_))
        ));
        assert!(matches!(archive.find("ab"), Err(FindError::NotFound(_))));
    }

    #[test]
    fn newest_first_puts_undated_last() {
        let mut undated = article("Z", "2025-01-01");
        undated.published = None;
        let archive = Archive::from_articles([
            undated,
            article("Old", "2024-01-01"),
            article("New", "2025-06-01"),
        ]);
        let heads: Vec<&str> = archive
            .newest_first()
            .iter()
            .map(|a| a.headline.as_str())
            .collect();
        assert_eq!(heads, ["New", "Old", "Z"]);
    }
}
