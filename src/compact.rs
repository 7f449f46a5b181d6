//! Dropping removed stories from an archive for good (`dateline compact`): the lines of the
//! stories `dateline rm` removed are left out of a copy of the archive, written beside it and
//! renamed over it (a kill at any moment leaves the old archive or the new one, whole), and
//! the index is dropped so the next open builds it for the new archive.

use std::collections::HashSet;
use std::io::BufRead as _;
use std::path::Path;

use crate::archive::WriteLock;
use crate::atomic::{self, Replace};
use crate::catalog::file::{index_path, remove_segments_from};

/// What a compaction did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compacted {
    /// Lines (story versions) kept.
    pub kept: usize,
    /// Lines dropped: versions of removed stories.
    pub dropped: usize,
}

/// Rewrites the archive at `path` without the lines whose story id is in `removed`, holding
/// its `lock` (after a repair: no batch in flight). Lines that do not parse are kept as they
/// are (the catalogue reports them, as before).
pub fn compact<S: std::hash::BuildHasher>(
    path: &Path,
    _lock: &WriteLock,
    removed: &HashSet<String, S>,
) -> std::io::Result<Compacted> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
    }
    let mut done = Compacted::default();
    let input = std::io::BufReader::new(std::fs::File::open(path)?);
    atomic::write(path, Replace::Yes, |out| {
        for line in input.split(b'\n') {
            let line = line?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let gone = serde_json::from_slice::<Id>(&line).is_ok_and(|l| removed.contains(&l.id));
            if gone {
                done.dropped += 1;
                continue;
            }
            out.write_all(&line)?;
            out.write_all(b"\n")?;
            done.kept += 1;
        }
        Ok(())
    })?;
    // The index described the old lines: it goes, and is built again on the next open (one
    // left behind would not match the new archive's fingerprint either).
    remove_segments_from(&index_path(path), 0);
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_lines_go_the_rest_stay_in_order_and_the_index_goes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"aaa\",\"n\":1}\n{\"id\":\"bbb\",\"n\":2}\nnot json\n{\"id\":\"ccc\",\"n\":3}\n",
        )
        .unwrap();
        std::fs::write(index_path(&path), "old index").unwrap();
        let lock = WriteLock::acquire(&path).unwrap();
        let removed: HashSet<String> = ["bbb".to_string()].into();
        let done = compact(&path, &lock, &removed).unwrap();
        assert_eq!(
            done,
            Compacted {
                kept: 3,
                dropped: 1
            }
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"id\":\"aaa\",\"n\":1}\nnot json\n{\"id\":\"ccc\",\"n\":3}\n"
        );
        assert!(!index_path(&path).exists());
        let temps = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(temps, 0);
    }
}
