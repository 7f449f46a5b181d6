//! Importing files into an archive: parse them on all cores, add the new stories in input
//! order, count duplicates and failures. The command line adds the progress bar and the lock.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::{Added, Archive};
use crate::ingest::{self, IngestError, Options};

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub imported: usize,
    pub duplicates: usize,
    pub failures: Vec<IngestError>,
    /// Bytes of story files read.
    pub bytes: u64,
}

/// Parses `files` in parallel (calling `progress` once per file, from any thread) and adds
/// every article to `archive` in file order.
pub fn import(
    archive: &mut Archive,
    files: &[PathBuf],
    options: Options,
    progress: &(dyn Fn() + Sync),
) -> Report {
    let parsed: Vec<_> = files
        .par_iter()
        .map(|file| {
            let size = std::fs::metadata(file).map_or(0, |m| m.len());
            let result = ingest::read_file(file, options);
            progress();
            (size, result)
        })
        .collect();
    let mut report = Report::default();
    for (size, result) in parsed {
        match result {
            Ok(articles) => {
                report.bytes += size;
                for article in articles {
                    match archive.add(article) {
                        Added::New => report.imported += 1,
                        Added::Duplicate => report.duplicates += 1,
                    }
                }
            }
            Err(err) => report.failures.push(err),
        }
    }
    report
}
