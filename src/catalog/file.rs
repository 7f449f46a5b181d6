//! Opening an archive's catalogue from the index beside it: the index's segment files
//! (`segment`), the repair of what an interrupted writer left (`repair`) and the merging of
//! segments as imports commit them (`merge`); the [`Stamp`] a reader checks to know its
//! archive changed (`stamp`).
//!
//! Whoever holds the archive's lock may change the archive and its index: opening with it
//! repairs what a killed writer left, indexes lines the index does not cover yet, and
//! rebuilds a missing, stale or damaged index. Opening while another process holds it (an
//! import, the watcher) changes nothing and reads only what that writer has committed: the
//! stories its index covers, never a batch in flight.

mod front;
#[cfg(test)]
mod front_tests;
mod merge;
mod repair;
mod segment;
mod stamp;

use std::io;
use std::path::Path;

use crate::archive::{self, WriteLock};
use crate::catalog::Catalog;
use crate::catalog::build::Builder;

pub use front::{Front, ROWS as FRONT_ROWS, front_path};
pub(crate) use merge::settle;
pub use repair::{Repair, repair};
#[cfg(test)]
pub(crate) use segment::tests as segment_tests;
pub(crate) use segment::{
    Fingerprint, Link, remove_segments_from, save, save_segment_when, save_when,
};
pub use segment::{Indexed, MAX_SEGMENTS, index_path, indexed, segment_path};
pub use stamp::Stamp;

/// How an archive's catalogue was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Loaded from a fresh index.
    Index,
    /// Loaded from the index after repairing what an interrupted writer left (or indexing
    /// lines appended after the index).
    Repaired(Repair),
    /// Rebuilt from the archive, and why (no index yet, stale, damaged).
    Rebuilt(String),
}

/// Opens an archive's catalogue: with the archive's lock when no one else holds it (see
/// [`open_locked`]), else read-only, as far as the writer holding it has committed.
/// `progress` gets bytes of archive read while indexing; `warn` hears what could not be saved.
pub fn open(
    archive: &Path,
    progress: &(dyn Fn(u64) + Sync),
    warn: &dyn Fn(String),
) -> io::Result<(Catalog, Origin)> {
    match WriteLock::try_acquire(archive) {
        Ok(Some(lock)) => open_locked(archive, &lock, progress, warn),
        // Someone is writing, or the folder cannot be written (no lock file): change nothing.
        Ok(None) | Err(_) => open_committed(archive, progress),
    }
}

/// Opens an archive's catalogue holding its lock: repairs the archive ([`repair`]), then
/// loads the index, or rebuilds it from the archive when it is missing, stale or damaged
/// (saved as the new index when the folder is writable; `warn` hears if not).
pub fn open_locked(
    archive: &Path,
    lock: &WriteLock,
    progress: &(dyn Fn(u64) + Sync),
    warn: &dyn Fn(String),
) -> io::Result<(Catalog, Origin)> {
    let repaired = repair(archive, lock, progress)?;
    let index = index_path(archive);
    let len = std::fs::metadata(archive)?.len();
    let reason = match segment::load(&index, archive) {
        Ok((catalog, covered)) if covered == len => {
            let origin = repaired.map_or(Origin::Index, Origin::Repaired);
            // Held by the lock, the archive is the file the catalogue covers.
            if let Ok(fingerprint) = Fingerprint::of(archive) {
                keep_front(archive, &catalog, fingerprint);
            }
            return Ok((catalog, origin));
        }
        Ok(_) => "the archive changed since it was indexed".to_string(),
        Err(e) => e.to_string(),
    };
    let catalog = Catalog::from_archive(archive, progress)?;
    match Fingerprint::of(archive).and_then(|f| save(&catalog, f, &index).map(|_| f)) {
        Ok(fingerprint) => keep_front(archive, &catalog, fingerprint),
        Err(e) => warn(format!(
            "{}: cannot save the index ({e}); it will be rebuilt next time",
            index.display()
        )),
    }
    Ok((catalog, Origin::Rebuilt(reason)))
}

/// Writes the archive's front page for `catalog`, which covers the whole archive in the state
/// `fingerprint`. One that cannot be written (a read-only folder, a full disk) is left out
/// without a word: it only makes the reader start sooner.
pub(crate) fn keep_front(archive: &Path, catalog: &Catalog, fingerprint: Fingerprint) {
    let _ = front::keep(archive, catalog, fingerprint);
}

/// Carries the archive's front page from the state `before` on to `fingerprint`, in which an
/// import appended `batch` (`joins_before`: whether each of its stories is another version of
/// a story there before it), or removes it when it cannot be (see `front::extend`). Silent,
/// as [`keep_front`].
pub(crate) fn extend_front(
    archive: &Path,
    before: Option<Fingerprint>,
    batch: &Catalog,
    joins_before: &[bool],
    fingerprint: Fingerprint,
) {
    let done = before.map(|b| front::extend(archive, b, batch, joins_before, fingerprint));
    if !matches!(done, Some(Ok(()))) {
        let _ = std::fs::remove_file(front_path(archive));
    }
}

/// Why a saved index cannot be used as it stands: what [`open`] repairs or rebuilds it for.
pub use crate::catalog::load_error::LoadError as Unusable;

/// The saved index and its segments as they stand, never repaired or rebuilt and nothing
/// written: for checks that must see what readers trust. An index that does not cover the
/// whole archive is [`Unusable::Stale`].
pub fn load_saved(archive: &Path) -> Result<Catalog, Unusable> {
    let len = std::fs::metadata(archive)?.len();
    match segment::load(&index_path(archive), archive)? {
        (catalog, covered) if covered == len => Ok(catalog),
        _ => Err(Unusable::Stale),
    }
}

/// Opens the catalogue of what is committed, changing nothing: the stories the index covers,
/// and lines after it that are committed (not a batch in flight) indexed in memory. An index
/// that cannot be used is rebuilt in memory from the committed part of the archive. What an
/// open reader uses to follow its archive, whether or not a writer holds the lock, without
/// ever getting in a writer's way.
pub fn open_committed(
    archive: &Path,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<(Catalog, Origin)> {
    open_committed_upto(archive, progress).map(|(catalog, origin, _)| (catalog, origin))
}

/// [`open_committed`], and how far into the archive (in bytes) the catalogue reads.
pub(crate) fn open_committed_upto(
    archive: &Path,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<(Catalog, Origin, u64)> {
    // The length first, the journal after: bytes there were before a writer's journal
    // appeared are committed, and its journal says how far its own are.
    let before = Fingerprint::of(archive).ok();
    let len = std::fs::metadata(archive)?.len();
    let journal = archive::journal(archive).map_err(io::Error::other)?;
    // The front page is kept when the catalogue covers the whole file, which no one touched
    // while it opened.
    let whole = |catalog: &Catalog, upto: u64| {
        if let Some(before) = before
            && journal.is_none()
            && upto == before.len
            && Fingerprint::of(archive).ok() == Some(before)
        {
            keep_front(archive, catalog, before);
        }
    };
    let committed = |covered: u64| match journal {
        Some(journal) => journal.max(covered).min(len).max(covered),
        None => len.max(covered),
    };
    let index = index_path(archive);
    let mut loaded = segment::load(&index, archive);
    // A merge replaces two segments by one: a walk at that instant can end early. Look again.
    for _ in 0..3 {
        match &loaded {
            Ok((_, covered)) if committed(*covered) > *covered => {
                std::thread::sleep(std::time::Duration::from_millis(10));
                loaded = segment::load(&index, archive);
            }
            _ => break,
        }
    }
    match loaded {
        Ok((mut catalog, covered)) => {
            let upto = committed(covered);
            if upto > covered {
                let (ids, _) = catalog.story_keys();
                let builder =
                    Builder::numbered_from(catalog.len(), catalog.lines).knowing(vec![ids]);
                let tail = Catalog::from_archive_part(archive, covered..upto, builder, progress)?;
                catalog.append(tail);
                catalog.link_versions();
            }
            whole(&catalog, upto);
            Ok((catalog, Origin::Index, upto))
        }
        Err(e) => {
            let reason = e.to_string();
            let upto = committed(0);
            let catalog = Catalog::from_archive_part(archive, 0..upto, Builder::new(), progress)?;
            whole(&catalog, upto);
            Ok((catalog, Origin::Rebuilt(reason), upto))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;
    use crate::catalog::file::segment::tests::add_stories;

    fn open_quiet(path: &Path) -> (Catalog, Origin) {
        open(path, &|_| {}, &|w| panic!("{w}")).unwrap()
    }

    /// An archive of two committed stories (indexed), then a writer's journal and the line
    /// it is halfway through.
    fn archive_mid_append(path: &Path) -> u64 {
        let stories = [
            story("Port strike", Some("2025-01-02"), &["Marta Ellery"]),
            story("Storm", Some("2025-01-03"), &[]),
        ];
        add_stories(path, &[], 0, &stories);
        let committed = std::fs::metadata(path).unwrap().len();
        std::fs::write(archive::journal_path(path), committed.to_string()).unwrap();
        let mut text = std::fs::read(path).unwrap();
        text.extend_from_slice(b"{\"id\": \"half-writ");
        std::fs::write(path, text).unwrap();
        committed
    }

    #[test]
    fn a_reader_sees_what_a_writer_committed_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let committed = archive_mid_append(&path);
        let before = std::fs::read(&path).unwrap();
        let writer = WriteLock::acquire(&path).unwrap();
        let (catalog, origin) = open_quiet(&path);
        assert_eq!(origin, Origin::Index);
        assert_eq!(catalog.len(), 2);
        assert!(
            catalog.damaged().is_empty(),
            "the half-written line is not read"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "nothing repaired under a writer"
        );

        // A committed line the index does not cover (appended by hand before the writer
        // began, so its journal starts after it): a reader indexes it in memory; the line in
        // flight after it stays unread.
        let late = serde_json::to_string(&story("Late", None, &[])).unwrap() + "\n";
        let mut text = before[..usize::try_from(committed).unwrap()].to_vec();
        text.extend_from_slice(late.as_bytes());
        let journal = text.len();
        text.extend_from_slice(b"{\"half");
        std::fs::write(&path, &text).unwrap();
        std::fs::write(archive::journal_path(&path), journal.to_string()).unwrap();
        let (catalog, _) = open_quiet(&path);
        assert_eq!(catalog.len(), 3);
        assert_eq!(catalog.article(2).unwrap().headline, "Late");
        assert!(catalog.damaged().is_empty());

        // Once the writer is gone, the next open repairs: the batch in flight is cut off.
        drop(writer);
        let (catalog, origin) = open_quiet(&path);
        assert!(
            matches!(&origin, Origin::Repaired(r) if r.cut == 6 && r.indexed == 1),
            "{origin:?}"
        );
        assert_eq!(catalog.len(), 3);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), journal as u64);
        assert!(!archive::journal_path(&path).exists());
        assert_eq!(open_quiet(&path).1, Origin::Index);
    }

    #[test]
    fn a_reader_without_an_index_rebuilds_only_what_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        archive_mid_append(&path);
        std::fs::remove_file(index_path(&path)).unwrap();
        let _writer = WriteLock::acquire(&path).unwrap();
        let (catalog, origin) = open_quiet(&path);
        assert_eq!(origin, Origin::Rebuilt("no index yet".into()));
        assert_eq!(catalog.len(), 2);
        assert!(catalog.damaged().is_empty());
        assert!(!index_path(&path).exists(), "a reader saves nothing");
    }

    #[test]
    fn the_index_a_killed_writer_left_still_serves_after_the_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        archive_mid_append(&path);
        // The cut restores the time the index recorded, so the index is still the archive's.
        let (catalog, origin) = open_quiet(&path);
        assert!(
            matches!(&origin, Origin::Repaired(r) if r.indexed == 0),
            "{origin:?}"
        );
        assert_eq!(catalog.len(), 2);
        assert_eq!(open_quiet(&path).1, Origin::Index);
    }

    #[test]
    fn an_open_catalogue_survives_its_archive_changing_underneath_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let batch = |from: usize| -> Vec<_> {
            (from..from + 3)
                .map(|n| story(&format!("Story {n}"), Some("2025-02-01"), &["Ann Lee"]))
                .collect()
        };
        let mut chain = add_stories(&path, &[], 0, &batch(0));
        let (catalog, _) = open_quiet(&path);
        let readable = |c: &Catalog| (0..3).all(|d| c.article(d).is_ok());

        // Batches appended, segments merged, the index written whole: the open catalogue
        // reads on (its index files are held open, the archive only grew).
        for round in 1..4 {
            chain = add_stories(&path, &chain, round * 3, &batch(round * 3));
            settle(&index_path(&path), &path, &mut chain).unwrap();
        }
        let (grown, _) = open_quiet(&path);
        assert_eq!(grown.len(), 12);
        assert!(readable(&catalog));
        assert_eq!(catalog.lookup(b"plee"), [0, 1, 2]);
        let whole = grown
            .into_builder()
            .unwrap()
            .finish(crate::catalog::Bodies::Memory(Vec::new()));
        save(&whole, Fingerprint::of(&path).unwrap(), &index_path(&path)).unwrap();
        assert_eq!(catalog.lookup(b"plee"), [0, 1, 2]);

        // Truncated: a story that is gone is an error to show, not a panic or another story.
        let text = std::fs::read(&path).unwrap();
        let first = text.iter().position(|&b| b == b'\n').unwrap() + 1;
        std::fs::write(&path, &text[..first + 10]).unwrap();
        assert!(catalog.article(0).is_ok());
        assert!(catalog.article(1).is_err());
        // Replaced (a new file renamed over it): the open file is still the old one, whole.
        let replacement = dir.path().join("new.jsonl");
        std::fs::write(&replacement, "{}\n").unwrap();
        std::fs::rename(&replacement, &path).unwrap();
        assert!(catalog.article(0).is_ok());
        // And the next open reads what is there now.
        let (now, origin) = open_quiet(&path);
        assert!(matches!(origin, Origin::Rebuilt(_)), "{origin:?}");
        assert_eq!((now.len(), now.damaged().len()), (0, 1));
    }
}
