//! Importing files into an archive: parse them on all cores, keep the stories not already
//! there (same content, or same feed id), append them to the archive in input order (all or
//! nothing) and extend its index. The command line adds the progress bar and the lock.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::archive::{self, ArchiveError};
use crate::article::Article;
use crate::catalog::build::{Builder, LineRef, Prepared};
use crate::catalog::{Bodies, Catalog, Doc, Field, file};
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

/// The stories an archive already has, by content id and by feed id.
#[derive(Debug, Default)]
pub struct Seen {
    ids: HashSet<String>,
    sources: HashSet<String>,
}

impl Seen {
    pub fn of(catalog: &Catalog) -> Seen {
        let mut seen = Seen::default();
        for doc in 0..Doc::try_from(catalog.len()).unwrap_or(Doc::MAX) {
            seen.ids.insert(catalog.id(doc).to_string());
            let key = catalog.field(doc, Field::SourceKey);
            if !key.is_empty() {
                seen.sources.insert(key.to_string());
            }
        }
        seen
    }

    /// Whether `article` is new here; if so it is remembered.
    pub fn admit(&mut self, article: &Article) -> bool {
        let key = article
            .source
            .id
            .as_ref()
            .map(|id| format!("{}:{id}", article.source.format));
        if self.ids.contains(&article.id) || key.as_ref().is_some_and(|k| self.sources.contains(k))
        {
            return false;
        }
        self.ids.insert(article.id.clone());
        self.sources.extend(key);
        true
    }
}

/// Parses `files` in parallel (calling `progress` once per file, from any thread) and returns
/// the new stories in file order.
pub fn parse(
    seen: &mut Seen,
    files: &[PathBuf],
    options: Options,
    progress: &(dyn Fn() + Sync),
) -> (Vec<Article>, Report) {
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
    let mut new = Vec::new();
    for (size, result) in parsed {
        match result {
            Ok(articles) => {
                report.bytes += size;
                for article in articles {
                    if seen.admit(&article) {
                        report.imported += 1;
                        new.push(article);
                    } else {
                        report.duplicates += 1;
                    }
                }
            }
            Err(err) => report.failures.push(err),
        }
    }
    (new, report)
}

/// Appends `articles` to the archive at `path` and extends its catalogue (`None`: the archive
/// is new) with them; the index is saved beside it (`warn` hears if that fails: the archive
/// has the stories, and the index is rebuilt next time). Call it holding the archive's lock.
pub fn commit(
    path: &Path,
    catalog: Option<Catalog>,
    articles: &[Article],
    warn: &dyn Fn(String),
) -> Result<Catalog, ArchiveError> {
    let prepared: Vec<(Vec<u8>, Prepared)> = articles
        .par_iter()
        .map(|a| {
            let line = serde_json::to_vec(a).unwrap_or_default();
            (line, Prepared::new(a, LineRef::default()))
        })
        .collect();
    let (lines, prepared): (Vec<Vec<u8>>, Vec<Prepared>) = prepared.into_iter().unzip();
    let starts = archive::append(path, &lines)?;
    let read_err = |source| ArchiveError::Read {
        path: path.to_path_buf(),
        source,
    };
    let builder = match catalog.map(Catalog::into_builder) {
        None => Some(Builder::new()),
        Some(Ok(builder)) => Some(builder),
        Some(Err(_)) => None,
    };
    let catalog = match builder {
        Some(mut builder) => {
            for ((p, start), line) in prepared.into_iter().zip(starts).zip(&lines) {
                let len = u32::try_from(line.len()).unwrap_or(u32::MAX);
                builder.push(p.at(LineRef { start, len }));
            }
            let file = std::fs::File::open(path).map_err(read_err)?;
            builder.finish(Bodies::Archive {
                path: path.to_path_buf(),
                file: Mutex::new(file),
            })
        }
        // The old index could not be read back: index the whole archive again.
        None => Catalog::build_from_archive(path, &|_| {}).map_err(read_err)?,
    };
    let saved = file::Fingerprint::of(path)
        .and_then(|fingerprint| file::save(&catalog, fingerprint, &file::index_path(path)));
    if let Err(e) = saved {
        warn(format!(
            "{}: cannot save the index ({e}); it will be rebuilt next time",
            file::index_path(path).display()
        ));
    }
    Ok(catalog)
}
