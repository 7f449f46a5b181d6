//! The archive file: a JSON Lines file of parsed articles, which the catalogue indexes and
//! imports append to. Imports append instead of rewriting (a million stories are gigabytes),
//! and an append is all or nothing: a journal beside the archive records its old length until
//! the new lines are on disk, so an interrupted import is rolled back by the next command.
//! Lines that do not parse are skipped when reading (the catalogue reports them) and never
//! touched by an append. Writers hold a lock beside the archive.

use std::path::{Path, PathBuf};

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
    pub(crate) fn try_acquire(path: &Path) -> Result<Option<WriteLock>, ArchiveError> {
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

/// An append in progress, in as many batches as an import needs. Until [`Appender::commit`]
/// the journal holds the archive's old length: dropping the appender (an error) cuts the
/// archive back to it, and a crash is rolled back by [`recover`]. Use it holding the
/// [`WriteLock`].
#[derive(Debug)]
pub(crate) struct Appender {
    path: PathBuf,
    /// Taken by `commit`; dropped unflushed otherwise.
    out: Option<std::io::BufWriter<std::fs::File>>,
    old_len: u64,
    at: u64,
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

    /// Makes the lines durable and ends the append.
    pub(crate) fn commit(mut self) -> Result<(), ArchiveError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_start_on_a_new_line_and_interrupted_ones_roll_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "{\"hand\": \"edited\"}").unwrap();
        let mut appender = Appender::begin(&path).unwrap();
        let starts = appender.write(&[b"one".to_vec(), b"two".to_vec()]).unwrap();
        appender.commit().unwrap();
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
    fn an_append_dropped_before_its_commit_is_cut_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "old\n").unwrap();
        let mut appender = Appender::begin(&path).unwrap();
        appender.write(&[b"new".to_vec()]).unwrap();
        drop(appender);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        assert!(!journal_path(&path).exists());
    }

    #[test]
    fn a_lock_is_exclusive_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let lock = WriteLock::acquire(&path).unwrap();
        assert!(WriteLock::try_acquire(&path).unwrap().is_none());
        drop(lock);
        assert!(WriteLock::try_acquire(&path).unwrap().is_some());
    }
}
