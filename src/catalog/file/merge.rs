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
/// caller holds the lock of) while they are of like size; `chain` is updated. The segments the
/// rule takes are merged in one pass, not pairwise (a big new segment after a few small ones
/// would otherwise be written again once per small one). A merge that fails leaves the
/// segments as they were.
pub(crate) fn settle(index: &Path, archive: &Path, chain: &mut Vec<Link>) -> io::Result<()> {
    let sizes: Vec<u64> = chain.iter().map(|l| l.stories).collect();
    let first = merged_from(&sizes);
    if first + 1 >= chain.len() {
        return Ok(());
    }
    let merged = merge_run(index, archive, first, &chain[first..])?;
    chain.truncate(first);
    chain.push(merged);
    Ok(())
}

/// Where the run of segments the size rule merges starts: while the newest (after merging)
/// holds at least half as many stories as the one before, the two are one (the index itself,
/// at 0, never merges).
fn merged_from(sizes: &[u64]) -> usize {
    let mut first = sizes.len().saturating_sub(1);
    let mut newest = sizes.last().copied().unwrap_or(0);
    while first >= 2 && newest * 2 >= sizes[first - 1] {
        first -= 1;
        newest += sizes[first];
    }
    first
}

/// Writes the segments `k`, `k + 1`, … (`run`) as segment `k`, then removes the others' files.
/// Until they are removed they do not follow the new segment `k` (the first of them names the
/// old one as its predecessor), so a crash between the two steps loses nothing.
fn merge_run(index: &Path, archive: &Path, k: usize, run: &[Link]) -> io::Result<Link> {
    let load = |n: usize, expected: Link| -> io::Result<Catalog> {
        let (file, header) = open_segment(&segment_path(index, n)).map_err(io::Error::other)?;
        if header.link() != expected {
            return Err(io::Error::other(
                "an index segment changed while it was merged",
            ));
        }
        load_segment(file, &header, archive).map_err(io::Error::other)
    };
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return Err(io::Error::other("no segment to merge"));
    };
    let mut merged = load(k, *first)?;
    for (n, link) in run.iter().enumerate().skip(1) {
        merged.append(load(k + n, *link)?);
    }
    // Posting lists keep their story numbers; the builder only gathers them into one table.
    let merged = merged.into_builder()?.finish(Bodies::Memory(Vec::new()));
    let link = write_segment(
        &merged,
        last.fingerprint,
        first.start,
        &segment_path(index, k),
        || Ok(()),
    )?;
    remove_segments_from(index, k + 1);
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;

    /// One pass takes the segments the pairwise rule would merge one after another.
    #[test]
    fn the_run_merged_is_the_one_pairwise_merges_make() {
        let pairwise = |sizes: &[u64]| {
            let mut s = sizes.to_vec();
            while s.len() >= 3 && s[s.len() - 1] * 2 >= s[s.len() - 2] {
                let last = s.pop().unwrap_or(0);
                if let Some(before) = s.last_mut() {
                    *before += last;
                }
            }
            s.len() - 1
        };
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..2000 {
            let sizes: Vec<u64> = (0..rng.usize(1..9)).map(|_| rng.u64(1..5000)).collect();
            assert_eq!(merged_from(&sizes), pairwise(&sizes), "{sizes:?}");
        }
        assert_eq!(merged_from(&[1_000_000, 16, 4, 1, 4096]), 1);
        assert_eq!(merged_from(&[1_000_000, 8192, 1808]), 2);
    }

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
