//! What a reader checks to know its archive changed: the file's identity and its committed
//! length, read from two `stat`s and the journal — cheap enough to ask several times a second.

use std::path::Path;

use crate::archive;

/// The state of an archive as far as a reader can see it. Two stamps differ when a writer
/// committed a batch (the committed length moved on), when the file was replaced (a
/// compaction, a copy) or cut, and when it appeared or went; a batch still being written
/// changes nothing here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The committed length: the journal's while a writer appends, else the file's.
    committed: u64,
    /// Which file it is (the inode on Unix; 0 elsewhere, where replacing shows in the length
    /// or the time).
    file: u64,
    /// When the file was made or replaced (on Unix, the change time of its inode).
    made: Option<std::time::SystemTime>,
}

impl Stamp {
    /// The archive's stamp; `None` when there is no archive (yet).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let journal = archive::journal(path).ok().flatten();
        let committed = journal.map_or(meta.len(), |j| j.min(meta.len()));
        Some(Stamp {
            committed,
            file: identity(&meta),
            made: meta.created().ok(),
        })
    }

    /// How long the archive is as far as it is committed.
    pub fn committed(&self) -> u64 {
        self.committed
    }

    /// Whether `other` is of the same file: not replaced in between, so whatever was
    /// committed to it at the earlier stamp is still there, unless it was cut to less.
    pub fn same_file(&self, other: &Stamp) -> bool {
        self.file == other.file && self.made == other.made
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino() ^ meta.dev().rotate_left(32)
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_in_flight_changes_nothing_its_commit_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        assert_eq!(Stamp::of(&path), None, "no archive");
        std::fs::write(&path, "{}\n").unwrap();
        let first = Stamp::of(&path).unwrap();
        assert_eq!(Stamp::of(&path), Some(first), "nothing changed");

        // A writer starts a batch: the journal holds the committed length, the file grows.
        std::fs::write(archive::journal_path(&path), "3").unwrap();
        std::fs::write(&path, "{}\n{\"half").unwrap();
        assert_eq!(
            Stamp::of(&path),
            Some(first),
            "a batch in flight is not seen"
        );

        // It commits: the journal moves on.
        std::fs::write(archive::journal_path(&path), "9").unwrap();
        let committed = Stamp::of(&path).unwrap();
        assert_ne!(committed, first);
        std::fs::remove_file(archive::journal_path(&path)).unwrap();
        std::fs::write(&path, "{}\n{\"a\":1}\n").unwrap();
        assert_ne!(
            Stamp::of(&path).unwrap(),
            committed,
            "finished: the file's length"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_of_the_same_length_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        std::fs::write(&path, "{\"a\":1}\n").unwrap();
        let before = Stamp::of(&path).unwrap();
        let other = dir.path().join("compacted");
        std::fs::write(&other, "{\"b\":2}\n").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert_ne!(Stamp::of(&path).unwrap(), before);
    }
}
