//! The watcher's loop: the folders watched, the files already there imported, then events
//! read in gulps, fed to the readiness state machine, and the ready files imported as soon
//! as no more events wait.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::ingest;

use super::batch::Batches;
use super::error::WatchError;
use super::events;
use super::options::WatchOptions;
use super::ready::Readiness;
use super::report::{WatchEvent, failed};

/// Most events read before the ready files are imported: a burst's events are read in big
/// gulps, but never so many that a batch waits long.
const GULP: usize = 20_000;

/// How often `stop` is looked at while nothing happens.
const TICK: Duration = Duration::from_millis(100);

/// Watches `folders` (recursively) and imports their story files into the archive at
/// `archive` until `stop` is set: the files already there first, then each file that lands,
/// once complete. Ready files are imported as soon as no more events are waiting, so a
/// single file is committed at once and a burst in big batches. `report` hears everything
/// that happens. A broken file is a [`WatchEvent::Failed`], never an error; errors are the
/// folders' (missing, cannot be watched) and the archive's (cannot be written).
pub fn watch(
    archive: &Path,
    folders: &[PathBuf],
    options: &WatchOptions,
    stop: &AtomicBool,
    report: &mut dyn FnMut(WatchEvent),
) -> Result<(), WatchError> {
    let folders = folders
        .iter()
        .map(|f| {
            std::fs::canonicalize(f)
                .ok()
                .filter(|c| c.is_dir())
                .ok_or_else(|| WatchError::Folder {
                    path: f.clone(),
                    message: "no such folder".into(),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let skip = events::Skip::new(archive, &folders);
    let (tx, rx) = mpsc::channel();
    let (_watcher, polling) = events::start(&folders, options, tx)?;
    report(WatchEvent::Watching { polling });

    let mut readiness = Readiness::new(options.settle, options.unclosed);
    let (files, failures) = ingest::collect_files(&folders);
    for failure in failures {
        report(failed(&failure));
    }
    let now = Instant::now();
    let mut queue: Vec<PathBuf> = files.into_iter().filter(|f| !skip.skips(f)).collect();
    for file in &queue {
        if let Some(stat) = events::stat(file) {
            readiness.known(file, stat, now);
        }
    }
    let mut importer = Batches::new(archive, options);
    loop {
        if !queue.is_empty() {
            importer.import(&queue, stop, report)?;
            queue.clear();
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let now = Instant::now();
        let wait = readiness
            .next_due()
            .map_or(TICK, |due| due.saturating_duration_since(now).min(TICK));
        let first = match rx.recv_timeout(wait) {
            Ok(event) => Some(event),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(WatchError::Stopped("its channel closed".into()));
            }
        };
        let mut gulp = first.into_iter().chain(rx.try_iter()).take(GULP);
        for event in gulp.by_ref() {
            match event {
                Ok(event) => {
                    events::apply(&event, &mut readiness, &skip, !polling, Instant::now());
                }
                Err(e) => report(WatchEvent::Notice {
                    message: format!("the file system watcher: {e}"),
                }),
            }
        }
        queue = readiness.ready(Instant::now());
    }
}
