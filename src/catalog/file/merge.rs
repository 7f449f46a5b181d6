//! Merging index segments as an import commits batches, so a long import (or a day of the
//! watcher) leaves a few segments, not one per batch: while the newest segment holds at least
//! half as many stories as the one before, the two are written as one (size tiers, as a
//! log-structured merge does). The index itself (segment 0) is never merged: writing it whole
//! is the catalogue's job when segments run out.

use std::io;
use std::path::Path;

use super::segment::{
    Link, load_segment, open_segment, remove_segments_from, segment_path, write_segment,
};
use crate::catalog::Bodies;
use crate::catalog::Catalog;

/// Merges the last segments of `chain` (the index of the archive at `archive`, which the
/// caller holds the lock of) while they are of like size; `chain` is updated. A merge that
/// fails leaves the segments as they were.
pub(crate) fn settle(index: &Path, archive: &Path, chain: &mut Vec<Link>) -> io::Result<()> {
    while chain.len() >= 3 {
        let n = chain.len();
        if chain[n - 1].stories * 2 < chain[n - 2].stories {
            break;
        }
        let merged = merge_pair(index, archive, n - 2, chain[n - 2], chain[n - 1])?;
        chain.truncate(n - 2);
        chain.push(merged);
    }
    Ok(())
}

/// Writes segments `k` and `k + 1` (`first`, `second`) as segment `k`, then removes the
/// second's file. Until it is removed it does not follow the new segment `k` (it names the
/// old one as its predecessor), so a crash between the two steps loses nothing.
fn merge_pair(
    index: &Path,
    archive: &Path,
    k: usize,
    first: Link,
    second: Link,
) -> io::Result<Link> {
    let load = |n: usize, expected: Link| -> io::Result<Catalog> {
        let (file, header) = open_segment(&segment_path(index, n)).map_err(io::Error::other)?;
        if header.link() != expected {
            return Err(io::Error::other(
                "an index segment changed while it was merged",
            ));
        }
        load_segment(file, &header, archive).map_err(io::Error::other)
    };
    let mut merged = load(k, first)?;
    merged.append(load(k + 1, second)?);
    // Posting lists keep their story numbers; the builder only gathers them into one table.
    let merged = merged.into_builder()?.finish(Bodies::Memory(Vec::new()));
    let link = write_segment(
        &merged,
        second.fingerprint,
        first.start,
        &segment_path(index, k),
    )?;
    remove_segments_from(index, k + 1);
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;

    #[test]
    fn like_sized_segments_merge_and_the_catalogue_stays_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let index = super::super::index_path(&path);
        std::fs::write(&path, "").unwrap();
        let mut chain = Vec::new();
        let mut added = 0;
        // An index of four stories, then segments of 2, 2, 1 and 4.
        for (round, n) in [4usize, 2, 2, 1, 4].into_iter().enumerate() {
            let stories: Vec<_> = (0..n)
                .map(|i| {
                    story(
                        &format!("Round {round} story {i}"),
                        Some("2025-03-01"),
                        &["Ann Lee"],
                    )
                })
                .collect();
            chain =
                crate::catalog::file::segment::tests::add_stories(&path, &chain, added, &stories);
            added += n;
            settle(&index, &path, &mut chain).unwrap();
        }
        let sizes: Vec<u64> = chain.iter().map(|l| l.stories).collect();
        // 2 and 2 merged into 4; 1 stayed (less than half of 4); 4 took the 1, then 5 the 4.
        assert_eq!(sizes, [4, 9]);
        let (loaded, covered) = crate::catalog::file::segment::load(&index, &path).unwrap();
        assert_eq!(covered, std::fs::metadata(&path).unwrap().len());
        let rebuilt = Catalog::from_archive(&path, &|_| {}).unwrap();
        assert_eq!(loaded.len(), 13);
        assert_eq!(loaded.newest_first(), rebuilt.newest_first());
        assert_eq!(loaded.lookup(b"plee").len(), 13);
        assert_eq!(loaded.lookup(b"wround"), rebuilt.lookup(b"wround"));
        assert_eq!(loaded.entities(), rebuilt.entities());
        assert!(
            !segment_path(&index, 2).exists(),
            "merged-away files are gone"
        );
    }
}
