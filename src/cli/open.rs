//! Opening the archive's catalogue for a command: repairing what an interrupted import left,
//! rebuilding a missing or stale index (with a progress bar for big archives), reporting
//! damaged lines, and the built-in samples while there is no archive yet. What the user is
//! told on stderr about the archive is said here.

use std::path::Path;

use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dateline::archive::WriteLock;
use dateline::catalog::{Catalog, Doc, file};
use dateline::embedded;
use dateline::state::DeskState;

use super::settings::Settings;

/// Archives from this size show progress while they are indexed.
const PROGRESS_BYTES: u64 = 64 << 20;

/// The catalogue of the settings' archive, or the embedded samples' when there is none yet
/// (said on stderr). An archive named with `--archive` that does not exist is an error, not
/// the samples: a mistyped path must not pass for an empty desk. Damaged lines are reported
/// on stderr.
pub(crate) fn catalog_or_samples(settings: &Settings) -> Result<Catalog> {
    let path = settings.archive.as_path();
    if let Some(catalog) = open_catalog(path)? {
        report_damaged(path, &catalog);
        return Ok(catalog);
    }
    if settings.archive_named {
        anyhow::bail!(
            "{}: no archive there (named by --archive); check the path, or create it with `dateline --archive {} import FILES`",
            path.display(),
            path.display()
        );
    }
    eprintln!(
        "dateline: no archive at {} yet; showing the {} built-in sample stories (`dateline import PATH` starts yours)",
        path.display(),
        embedded::STORIES.len()
    );
    Ok(embedded::catalog())
}

/// Says on stderr which lines of the archive could not be read.
pub(crate) fn report_damaged(path: &Path, catalog: &Catalog) {
    for (line, reason) in catalog.damaged() {
        eprintln!(
            "dateline: {}: line {line}: {reason} (skipped, kept in the file)",
            path.display()
        );
    }
}

/// Opens an archive's catalogue (`None`: no archive there), repairing it and rebuilding its
/// index when it is missing, stale or damaged, with a progress bar on a terminal for big
/// archives. While another process writes to the archive, what it has committed.
pub(crate) fn open_catalog(path: &Path) -> Result<Option<Catalog>> {
    open_catalog_with(path, None)
}

/// [`open_catalog`] for a command that holds the archive's `lock` already (an import).
pub(crate) fn open_catalog_with(path: &Path, lock: Option<&WriteLock>) -> Result<Option<Catalog>> {
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot read the archive", path.display()));
        }
    };
    let bar = ProgressBar::hidden();
    let progress = |bytes: u64| {
        if bar.is_hidden() && size >= PROGRESS_BYTES {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.set_length(size);
            bar.set_style(
                ProgressStyle::with_template(
                    "indexing {msg} {bar:40} {decimal_bytes}/{decimal_total_bytes}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message(path.display().to_string());
        }
        bar.set_position(bytes);
    };
    let warn = |message: String| eprintln!("dateline: {message}");
    let opened = match lock {
        Some(lock) => file::open_locked(path, lock, &progress, &warn),
        None => file::open(path, &progress, &warn),
    };
    let (catalog, origin) =
        opened.with_context(|| format!("{}: cannot read the archive", path.display()))?;
    bar.finish_and_clear();
    match origin {
        file::Origin::Repaired(repair) => report_repair(path, &repair),
        file::Origin::Rebuilt(reason) if size >= PROGRESS_BYTES => eprintln!(
            "dateline: indexed {} stories of {} ({reason})",
            catalog.len(),
            path.display()
        ),
        _ => {}
    }
    Ok(Some(catalog))
}

/// Says on stderr what repairing the archive did.
pub(crate) fn report_repair(path: &Path, repair: &file::Repair) {
    eprintln!("dateline: {}: {repair}", path.display());
}

/// Finds story `id` (or a prefix of it) for a command that reads one story; one removed with
/// `dateline rm` is an error that says how to bring it back.
pub(crate) fn find_present(settings: &Settings, catalog: &Catalog, id: &str) -> Result<Doc> {
    let doc = catalog.find(id)?;
    let state = DeskState::load(&settings.archive)?;
    if state.chain_removed(catalog, doc) {
        anyhow::bail!(
            "story {} was removed (`dateline rm --undo {}` brings it back, until `dateline compact`)",
            dateline::versions::short_id(catalog.id(doc)),
            dateline::versions::short_id(catalog.id(doc))
        );
    }
    Ok(doc)
}

/// The stories a `--query` finds (`export`, `rm`), best first, with the desk state it was
/// read with (`@NAME` expanded from it); a query that cannot be read is an error naming the
/// bad part.
pub(crate) fn query_stories(
    settings: &Settings,
    catalog: &Catalog,
    text: &str,
) -> Result<(Vec<Doc>, DeskState)> {
    let state = DeskState::load(&settings.archive)?;
    let query = dateline::search::Query::parse(&state.expand(text)?);
    if let Some(error) = query.errors.first() {
        anyhow::bail!("{error}");
    }
    let found = dateline::search::search(catalog, &query, None, &|| false)
        .map(|outcome| outcome.docs)
        .unwrap_or_default();
    Ok((found, state))
}

/// Takes the archive's write lock, waiting for another writer (said once) at most `timeout`,
/// then repairs what an interrupted writer left (said on stderr).
pub(crate) fn lock_and_repair(
    path: &Path,
    timeout: Option<std::time::Duration>,
) -> Result<WriteLock> {
    let lock = WriteLock::acquire_waiting(path, timeout, &|| {
        eprintln!(
            "dateline: {}: another process (an import or the watcher) is writing to the archive; waiting for it to finish",
            path.display()
        );
    })?;
    if let Some(repair) = file::repair(path, &lock, &|_| {})
        .with_context(|| format!("{}: cannot repair the archive", path.display()))?
    {
        report_repair(path, &repair);
    }
    Ok(lock)
}
