//! The archive file: a JSON Lines file of parsed articles, which the catalogue indexes and
//! imports append to. Imports append instead of rewriting (a million stories are gigabytes),
//! in batches: each batch is written, synced and indexed, and only then committed. While a
//! writer appends, a journal beside the archive (`ARCHIVE.pending`) holds the length committed
//! so far, so a writer killed halfway loses only the batch it was writing: the next command
//! cuts the archive back to the committed length (`catalog::file::repair`). Lines that do not
//! parse are skipped when reading (the catalogue reports them) and never touched by an append.
//! Writers hold a lock beside the archive, and wait for each other.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::atomic::{self, Replace};

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    // The cause is the error's source: printed once, after this, by whoever reports it.
    #[error("{path}: cannot read the archive")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write the archive (what was committed before is kept)")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write the archive's index (what was committed before is kept)")]
    Index {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: another process (an import or the watcher) still held the archive after {waited:?}; gave up (raise --lock-timeout)"
    )]
    LockTimeout { path: PathBuf, waited: Duration },
}

/// An exclusive lock on an archive, held by an import from before it reads what the archive
/// has until its append is committed, so two imports at once cannot lose each other's
/// stories. Released on drop.
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

    /// Takes the lock, waiting for another writer to finish: `waiting` is told once when it
    /// has to wait, and after `timeout` (if any) it gives up with [`ArchiveError::LockTimeout`].
    pub fn acquire_waiting(
        path: &Path,
        timeout: Option<Duration>,
        waiting: &dyn Fn(),
    ) -> Result<WriteLock, ArchiveError> {
        if let Some(lock) = WriteLock::try_acquire(path)? {
            return Ok(lock);
        }
        waiting();
        let Some(timeout) = timeout else {
            return WriteLock::acquire(path);
        };
        let started = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            if let Some(lock) = WriteLock::try_acquire(path)? {
                return Ok(lock);
            }
            if started.elapsed() >= timeout {
                return Err(ArchiveError::LockTimeout {
                    path: path.to_path_buf(),
                    waited: timeout,
                });
            }
        }
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

/// The journal of an append in progress: `PATH.pending`, holding the archive's committed
/// length.
pub fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pending");
    PathBuf::from(name)
}

/// The committed length a journal records, when an append is (or was) in progress.
pub fn journal(path: &Path) -> Result<Option<u64>, ArchiveError> {
    match std::fs::read_to_string(journal_path(path)) {
        Ok(text) => Ok(text.trim().parse::<u64>().ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ArchiveError::Read {
            path: journal_path(path),
            source,
        }),
    }
}

/// Cuts the archive back to `len` (what was committed) and drops the journal: the batch an
/// interrupted append was writing goes, what it committed stays. The modification time goes
/// back to `mtime` when given (the committed state's, which the index recorded), so the index
/// still describes the file. Call it holding the [`WriteLock`]. Returns the bytes cut.
pub fn cut_back(
    path: &Path,
    len: u64,
    mtime: Option<std::time::SystemTime>,
) -> Result<u64, ArchiveError> {
    let err = |source| ArchiveError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut cut = 0;
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(file) => {
            let now = file.metadata().map_err(err)?.len();
            if now > len {
                file.set_len(len).map_err(err)?;
                if let Some(mtime) = mtime {
                    file.set_modified(mtime).map_err(err)?;
                }
                file.sync_all().map_err(err)?;
                cut = now - len;
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(e)),
    }
    match std::fs::remove_file(journal_path(path)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(err(e)),
        _ => {}
    }
    Ok(cut)
}

/// An append in progress, committed batch by batch. The journal holds the length committed so
/// far: dropping the appender (an error) cuts the archive back to it, and a crash is repaired
/// the same way by the next command. Use it holding the [`WriteLock`].
#[derive(Debug)]
pub(crate) struct Appender {
    path: PathBuf,
    /// Taken by `finish`; dropped unflushed otherwise.
    out: Option<std::io::BufWriter<std::fs::File>>,
    /// The length of the archive committed so far, and its modification time then (which
    /// the index recorded, and a cut back restores).
    committed: u64,
    committed_mtime: Option<std::time::SystemTime>,
    /// Where the next line starts.
    at: u64,
    /// The lines written so far going down on disk ahead of the commit, if under way.
    ahead: Option<SyncThread>,
}

impl Appender {
    pub(crate) fn begin(path: &Path) -> Result<Appender, ArchiveError> {
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
        let meta = file.metadata().map_err(err)?;
        let old_len = meta.len();
        // A last line without its newline (a hand edit) gets one, so ours start on a line.
        let mut needs_newline = false;
        if old_len > 0 {
            let mut last = [0u8];
            file.seek(SeekFrom::Start(old_len - 1)).map_err(err)?;
            file.read_exact(&mut last).map_err(err)?;
            needs_newline = last[0] != b'\n';
        }
        write_journal(path, old_len)?;
        file.seek(SeekFrom::Start(old_len)).map_err(err)?;
        let mut appender = Appender {
            path: path.to_path_buf(),
            out: Some(std::io::BufWriter::with_capacity(1 << 20, file)),
            committed: old_len,
            committed_mtime: meta.modified().ok(),
            at: old_len,
            ahead: None,
        };
        if needs_newline {
            appender.write_raw(b"\n")?;
            appender.at += 1;
        }
        Ok(appender)
    }

    /// Writes lines after the ones already written; returns where each starts.
    pub(crate) fn write(&mut self, lines: &[Vec<u8>]) -> Result<Vec<u64>, ArchiveError> {
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

    /// Puts the lines written so far on disk; returns the archive's length. They are not yet
    /// committed: that is [`Appender::committed`], once they are indexed.
    #[cfg(test)]
    pub(crate) fn sync(&mut self) -> Result<u64, ArchiveError> {
        let syncing = self.sync_beside()?;
        let len = syncing.len();
        syncing.wait()?;
        Ok(len)
    }

    /// Writes out what is buffered and puts the lines written so far on disk on a thread of
    /// its own, so the batch's index is written meanwhile; [`Syncing::wait`] says when they
    /// are down (and the archive's length then). Not yet committed, as [`Appender::sync`].
    pub(crate) fn sync_beside(&mut self) -> Result<Syncing, ArchiveError> {
        // The sync ahead is waited for first: its error is this one's.
        let ahead = self.ahead.take();
        let thread = self.sync_on_thread("archive sync", ahead)?;
        Ok(Syncing {
            path: self.path.clone(),
            len: self.at,
            thread,
        })
    }

    /// Starts putting the lines written so far on disk on a thread of its own, unless that is
    /// still under way: the commit's sync then has only the last of them left to wait for.
    pub(crate) fn write_back(&mut self) -> Result<(), ArchiveError> {
        if self.ahead.as_ref().is_some_and(|h| !h.is_finished()) {
            return Ok(());
        }
        // One that failed says so now (its error is not told twice).
        if let Some(done) = self.ahead.take() {
            joined(done).map_err(|source| ArchiveError::Write {
                path: self.path.clone(),
                source,
            })?;
        }
        if self.out.is_some() {
            self.ahead = Some(self.sync_on_thread("archive write-back", None)?);
        }
        Ok(())
    }

    /// Writes out what is buffered and syncs the file on a thread named `name`, once the sync
    /// `after` (if any) is done. The thread holds the same open file: its writes, and any
    /// error writing them back, are this one's.
    fn sync_on_thread(
        &mut self,
        name: &str,
        after: Option<SyncThread>,
    ) -> Result<SyncThread, ArchiveError> {
        use std::io::Write;
        let err = |source| ArchiveError::Write {
            path: self.path.clone(),
            source,
        };
        let out = self
            .out
            .as_mut()
            .ok_or_else(|| err(std::io::Error::other("the append has ended")))?;
        out.flush().map_err(err)?;
        let file = out.get_ref().try_clone().map_err(err)?;
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                after.map_or(Ok(()), joined)?;
                file.sync_data()
            })
            .map_err(err)
    }

    /// Whether lines were written since the last commit.
    pub(crate) fn has_uncommitted(&self) -> bool {
        self.at > self.committed
    }

    /// Records that the archive is committed up to `len` (its lines synced and indexed): the
    /// journal moves on, and a later failure cuts back only to here.
    pub(crate) fn committed(&mut self, len: u64) -> Result<(), ArchiveError> {
        self.committed = len;
        self.committed_mtime = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        write_journal(&self.path, len)
    }

    /// Ends the append: everything is committed, the journal goes.
    pub(crate) fn finish(mut self) -> Result<(), ArchiveError> {
        let out = self.out.take();
        drop(out);
        std::fs::remove_file(journal_path(&self.path)).map_err(|source| ArchiveError::Write {
            path: self.path.clone(),
            source,
        })
    }
}

/// The archive's lines being put on disk beside other work ([`Appender::sync_beside`]).
#[derive(Debug)]
pub(crate) struct Syncing {
    path: PathBuf,
    len: u64,
    thread: SyncThread,
}

/// A sync of the archive on a thread of its own.
type SyncThread = std::thread::JoinHandle<std::io::Result<()>>;

/// What a sync on a thread of its own came to.
fn joined(sync: SyncThread) -> std::io::Result<()> {
    sync.join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the sync stopped")))
}

impl Syncing {
    /// The archive's length once the lines are down.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// Waits until the lines are on disk.
    pub(crate) fn wait(self) -> Result<(), ArchiveError> {
        joined(self.thread).map_err(|source| ArchiveError::Write {
            path: self.path,
            source,
        })
    }
}

fn write_journal(path: &Path, len: u64) -> Result<(), ArchiveError> {
    atomic::write(&journal_path(path), Replace::Yes, |out| {
        write!(out, "{len}")
    })
    .map_err(|source| ArchiveError::Write {
        path: path.to_path_buf(),
        source,
    })
}

impl Drop for Appender {
    fn drop(&mut self) {
        if let Some(out) = self.out.take() {
            // Unflushed lines are discarded, never written after the cut; what was committed
            // stays.
            let (file, _unwritten) = out.into_parts();
            if file.metadata().is_ok_and(|m| m.len() > self.committed) {
                let _ = file.set_len(self.committed);
                if let Some(mtime) = self.committed_mtime {
                    let _ = file.set_modified(mtime);
                }
                let _ = file.sync_all();
            }
            let _ = std::fs::remove_file(journal_path(&self.path));
        }
    }
}

/// One line of the archive as read: its number (from 1), where it starts, its bytes with the
/// line end and trailing whitespace taken off, and whether it ended in a newline (the last
/// line of an interrupted append may not).
#[derive(Debug)]
pub struct RawLine {
    pub number: usize,
    pub start: u64,
    pub bytes: Vec<u8>,
    pub whole: bool,
}

impl RawLine {
    /// A line with nothing on it.
    pub fn is_blank(&self) -> bool {
        self.bytes.iter().all(u8::is_ascii_whitespace)
    }
}

/// The archive's lines in `bytes` (starting on a line), read in batches for parsing on all
/// cores: what indexing an archive and checking one both read.
pub struct Lines {
    reader: std::io::Take<std::io::BufReader<std::fs::File>>,
    offset: u64,
    number: usize,
}

impl Lines {
    /// Reads `path` from `bytes.start` to `bytes.end`, numbering lines on from `before`.
    pub fn open(path: &Path, bytes: std::ops::Range<u64>, before: usize) -> std::io::Result<Lines> {
        use std::io::{Read as _, Seek as _};
        let mut file = std::fs::File::open(path)?;
        file.seek(std::io::SeekFrom::Start(bytes.start))?;
        Ok(Lines {
            reader: std::io::BufReader::with_capacity(1 << 20, file)
                .take(bytes.end.saturating_sub(bytes.start)),
            offset: bytes.start,
            number: before,
        })
    }

    /// Up to `max` more lines; none at the end.
    pub fn batch(&mut self, max: usize) -> std::io::Result<Vec<RawLine>> {
        use std::io::BufRead as _;
        let mut batch = Vec::with_capacity(max);
        while batch.len() < max {
            let mut bytes = Vec::new();
            let read = self.reader.read_until(b'\n', &mut bytes)?;
            if read == 0 {
                break;
            }
            self.number += 1;
            let start = self.offset;
            self.offset += read as u64;
            let whole = bytes.last() == Some(&b'\n');
            while bytes.last().is_some_and(u8::is_ascii_whitespace) {
                bytes.pop();
            }
            batch.push(RawLine {
                number: self.number,
                start,
                bytes,
                whole,
            });
        }
        Ok(batch)
    }

    /// Where reading has got to (a byte offset in the file).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// How many lines have been numbered (those before included).
    pub fn number(&self) -> usize {
        self.number
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_start_on_a_new_line_and_commit_batch_by_batch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "{\"hand\": \"edited\"}").unwrap();
        let mut appender = Appender::begin(&path).unwrap();
        assert_eq!(journal(&path).unwrap(), Some(18));
        let starts = appender.write(&[b"one".to_vec(), b"two".to_vec()]).unwrap();
        assert_eq!(starts, [19, 23]);
        let len = appender.sync().unwrap();
        appender.committed(len).unwrap();
        assert_eq!(journal(&path).unwrap(), Some(27));
        appender.write(&[b"three".to_vec()]).unwrap();
        assert!(appender.has_uncommitted());
        // An error now: the uncommitted batch goes, the committed one stays.
        drop(appender);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"hand\": \"edited\"}\none\ntwo\n"
        );
        assert!(!journal_path(&path).exists());
    }

    #[test]
    fn a_finished_append_leaves_no_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let mut appender = Appender::begin(&path).unwrap();
        appender.write(&[b"one".to_vec()]).unwrap();
        let len = appender.sync().unwrap();
        appender.committed(len).unwrap();
        appender.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\n");
        assert!(!journal_path(&path).exists());
    }

    #[test]
    fn cutting_back_an_abandoned_batch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "one\ntwo\n{\"half").unwrap();
        std::fs::write(journal_path(&path), "8").unwrap();
        assert_eq!(cut_back(&path, 8, None).unwrap(), 6);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\ntwo\n");
        assert!(!journal_path(&path).exists());
        assert_eq!(cut_back(&path, 8, None).unwrap(), 0, "nothing left to cut");
    }

    #[test]
    fn a_lock_is_exclusive_until_dropped_and_a_writer_waits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let lock = WriteLock::acquire(&path).unwrap();
        assert!(WriteLock::try_acquire(&path).unwrap().is_none());
        let told = std::cell::Cell::new(0);
        let err = WriteLock::acquire_waiting(&path, Some(Duration::from_millis(120)), &|| {
            told.set(told.get() + 1);
        })
        .unwrap_err();
        assert!(matches!(err, ArchiveError::LockTimeout { .. }), "{err}");
        assert_eq!(told.get(), 1, "said once");
        drop(lock);
        assert!(WriteLock::try_acquire(&path).unwrap().is_some());
    }

    #[test]
    fn the_cause_is_not_in_the_message() {
        let err = ArchiveError::Write {
            path: "a.jsonl".into(),
            source: std::io::Error::from_raw_os_error(28),
        };
        assert_eq!(
            err.to_string(),
            "a.jsonl: cannot write the archive (what was committed before is kept)"
        );
    }
}
