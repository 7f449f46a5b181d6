//! The watcher's loop: the folders watched, the files already there imported, then events
//! read in gulps, fed to the readiness state machine, and the ready files imported as soon
//! as no more events wait.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

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
    let (now, wall) = (Instant::now(), SystemTime::now());
    // What is complete is imported at once; a file changed within the settle time may still
    // be being written, and waits like any other (never imported half written).
    let mut queue: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| !skip.skips(f))
        .filter(|f| events::stat(f).is_none_or(|stat| readiness.found(f, stat, now, wall)))
        .collect();
    let mut importer = Batches::new(archive, options);
    loop {
        // All at once, so a burst pays for opening the archive once; the importer commits
        // as it goes, and a stop ends it after the files being parsed.
        if !queue.is_empty() && !stop.load(Ordering::Relaxed) {
            importer.import(&queue, stop, report)?;
        }
        queue.clear();
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::alert::Alert;

    /// The reader's way in: `watch` in a thread, events over a channel, stopped by the flag.
    #[test]
    fn a_thread_hears_stories_alerts_and_failures_then_stops() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("in");
        std::fs::create_dir(&inbox).unwrap();
        let archive = dir.path().join("archive.jsonl");
        let story = |headline: &str| {
            format!(
                "{headline}\n\nNAIROBI, Dec 2, 2025 (Reuters) - {headline} today.\n\nMore later.\n"
            )
        };
        std::fs::write(inbox.join("old.txt"), story("Harbour wall rebuilt")).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        // As the reader has it: parsing on a pool of its own.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
        let options = WatchOptions {
            alerts: vec![Alert::from_query("'floods")],
            pool: Some(Arc::new(pool.unwrap())),
            ..WatchOptions::default()
        };
        let thread = {
            let (stop, archive, inbox) = (Arc::clone(&stop), archive.clone(), inbox.clone());
            std::thread::spawn(move || {
                watch(&archive, &[inbox], &options, &stop, &mut |event| {
                    let _ = tx.send(event);
                })
            })
        };
        let next = || rx.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(matches!(next(), WatchEvent::Watching { .. }));
        let WatchEvent::Added {
            story: old,
            version,
        } = next()
        else {
            panic!("the file already there first")
        };
        assert_eq!(
            (old.headline.as_str(), version),
            ("Harbour wall rebuilt", false)
        );
        assert!(matches!(
            next(),
            WatchEvent::Committed {
                stories: 1,
                total: 1
            }
        ));

        let tmp = inbox.join("new.txt.part");
        std::fs::write(&tmp, story("Floods close roads")).unwrap();
        std::fs::rename(&tmp, inbox.join("new.txt")).unwrap();
        let WatchEvent::Added { story: new, .. } = next() else {
            panic!("the new story")
        };
        assert_eq!(new.agency.as_deref(), Some("Reuters"));
        assert!(new.path.ends_with("new.txt"));
        let WatchEvent::Alert { alert, article } = next() else {
            panic!("its alert")
        };
        assert_eq!((alert.name.as_str(), article.id), ("'floods", new.id));
        assert!(matches!(
            next(),
            WatchEvent::Committed {
                stories: 1,
                total: 2
            }
        ));

        std::fs::write(inbox.join("empty.txt"), "").unwrap();
        let WatchEvent::Failed { path, .. } = next() else {
            panic!("an empty file is not a story")
        };
        assert!(path.ends_with("empty.txt"));
        stop.store(true, Ordering::Relaxed);
        thread.join().unwrap().unwrap();
    }

    /// Another writer holds the lock: the watcher says so once, waits, then imports.
    #[test]
    fn a_batch_waits_for_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("in");
        std::fs::create_dir(&inbox).unwrap();
        let archive = dir.path().join("archive.jsonl");
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let thread = {
            let (stop, archive, inbox) = (Arc::clone(&stop), archive.clone(), inbox.clone());
            std::thread::spawn(move || {
                watch(
                    &archive,
                    &[inbox],
                    &WatchOptions::default(),
                    &stop,
                    &mut |event| {
                        let _ = tx.send(event);
                    },
                )
            })
        };
        let next = || rx.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(matches!(next(), WatchEvent::Watching { .. }));
        let lock = crate::archive::WriteLock::acquire(&archive).unwrap();
        std::fs::write(
            inbox.join("a.txt"),
            "Dam opens\n\nLYON (XNA) - The dam opened on Monday.\n\nMore later.\n",
        )
        .unwrap();
        let WatchEvent::Notice { message } = next() else {
            panic!("told that it waits")
        };
        assert!(message.contains("waiting"), "{message}");
        drop(lock);
        assert!(matches!(next(), WatchEvent::Added { .. }));
        stop.store(true, Ordering::Relaxed);
        thread.join().unwrap().unwrap();
    }
}
