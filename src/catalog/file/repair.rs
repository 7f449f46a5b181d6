//! Repairing an archive after an interrupted writer, in time proportional to the damage: the
//! batch it was writing is cut off (the journal and the index say how far it had committed),
//! and committed lines the index does not cover (hand-appended, or after a damaged segment)
//! are indexed as a new segment, never the whole archive again.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant, UNIX_EPOCH};

use super::segment::{self, Fingerprint, MAX_SEGMENTS, covered, index_path, save_segment};
use crate::archive::{self, WriteLock};
use crate::catalog::Catalog;
use crate::catalog::build::Builder;

/// What a repair did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Bytes of an unfinished batch cut off the end of the archive.
    pub cut: u64,
    /// Stories indexed from committed lines the index did not cover.
    pub indexed: usize,
    pub took: Duration,
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut done = Vec::new();
        if self.cut > 0 {
            done.push(format!(
                "cut off the unfinished batch of an interrupted import ({} bytes)",
                self.cut
            ));
        }
        if self.indexed > 0 || self.cut == 0 {
            let stories = match self.indexed {
                1 => "1 story".to_string(),
                n => format!("{n} stories"),
            };
            done.push(format!("indexed {stories} the index did not cover"));
        }
        write!(
            f,
            "{} in {} ms; every committed story is kept",
            done.join(", "),
            self.took.as_millis()
        )
    }
}

/// Repairs the archive at `path`, holding its lock: what a journal says an interrupted
/// append had not committed is cut off, and committed lines after the index are indexed as
/// its next segment (`progress` gets bytes read). `None` when there was nothing to do. An
/// index that cannot be used at all is left to the catalogue to rebuild.
pub fn repair(
    path: &Path,
    _lock: &WriteLock,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<Option<Repair>> {
    let started = Instant::now();
    let len = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            archive::cut_back(path, 0, None).map_err(io::Error::other)?;
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let journal = archive::journal(path).map_err(io::Error::other)?;
    let index = index_path(path);
    let chain = segment::walk(&index, path, |_, _| Ok(())).ok();
    let covered = chain.as_deref().map_or(0, covered);
    // The index is the commit: a batch it covers is committed even if the journal had not
    // moved on yet.
    let committed = journal.map_or(len, |j| j.max(covered)).min(len);
    let mut cut = 0;
    if journal.is_some() {
        let last = chain.as_deref().and_then(<[_]>::last);
        let mtime = last
            .filter(|l| l.fingerprint.len == committed)
            .map(|l| UNIX_EPOCH + Duration::from_nanos(l.fingerprint.mtime_ns));
        cut = archive::cut_back(path, committed, mtime).map_err(io::Error::other)?;
    }
    let mut indexed = 0;
    if let Some(chain) = chain
        && committed > covered
        && chain.len() < MAX_SEGMENTS
    {
        indexed = index_tail(path, &chain, covered..committed, progress)?;
    } else if cut == 0 {
        return Ok(None);
    }
    Ok(Some(Repair {
        cut,
        indexed,
        took: started.elapsed(),
    }))
}

/// Indexes the archive's `bytes` after the index `chain` as its next segment; returns how
/// many stories that was (a line repeating an indexed story's id is skipped, as a rebuild
/// would).
fn index_tail(
    path: &Path,
    chain: &[segment::Link],
    bytes: std::ops::Range<u64>,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<usize> {
    let indexed = segment::indexed_part(path).map_err(io::Error::other)?;
    if indexed.chain != chain {
        return Err(io::Error::other("the index changed while it was repaired"));
    }
    let lines = chain.last().map_or(0, |l| l.lines);
    let builder = Builder::numbered_from(indexed.stories, lines).knowing(indexed.ids);
    let tail = Catalog::from_archive_part(path, bytes, builder, progress)?;
    let fingerprint = Fingerprint::of(path)?;
    save_segment(
        chain,
        indexed.stories,
        &tail,
        fingerprint,
        &index_path(path),
    )?;
    Ok(tail.len())
}
