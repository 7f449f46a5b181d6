//! One batch of ready files into the archive: the lock taken (waiting while another writer
//! holds it), what an interrupted writer left repaired, the importer run, the lock let go;
//! then the new stories, the alerts they match and the failures are told.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::alert;
use crate::archive::{ArchiveError, WriteLock};
use crate::article::Article;
use crate::catalog::file;
use crate::importer::{self, Base, Commits, Committed, Telling};

use super::error::WatchError;
use super::options::WatchOptions;
use super::report::{Story, WatchEvent, failed};

/// How often a busy lock is tried again.
const LOCK_RETRY: Duration = Duration::from_millis(25);

pub(super) struct Batches<'a> {
    archive: &'a Path,
    options: &'a WatchOptions,
}

impl<'a> Batches<'a> {
    pub(super) fn new(archive: &'a Path, options: &'a WatchOptions) -> Batches<'a> {
        Batches { archive, options }
    }

    /// Imports `files`, in one run of the importer (committing as it goes). Returns early,
    /// importing nothing, if `stop` is set while another writer holds the lock, and stops
    /// after the files being parsed when it is set during the import.
    pub(super) fn import(
        &mut self,
        files: &[PathBuf],
        stop: &AtomicBool,
        report: &mut dyn FnMut(WatchEvent),
    ) -> Result<(), WatchError> {
        let Some(lock) = self.lock(stop, report)? else {
            return Ok(());
        };
        let path = self.archive;
        let read_err = |source| ArchiveError::Read {
            path: path.to_path_buf(),
            source,
        };
        if let Some(repair) = file::repair(path, &lock, &|_| {}).map_err(read_err)? {
            report(WatchEvent::Notice {
                message: format!("{}: {repair}", path.display()),
            });
        }
        let warnings = Mutex::new(Vec::new());
        let warn = |message: String| {
            if let Ok(mut w) = warnings.lock() {
                w.push(message);
            }
        };
        let base = match file::indexed(path) {
            Ok(Some(indexed)) => Base::Indexed(indexed),
            _ if path.exists() => {
                let (catalog, _) =
                    file::open_locked(path, &lock, &|_| {}, &warn).map_err(read_err)?;
                Base::Catalog(Box::new(catalog))
            }
            _ => Base::New,
        };
        let commits = Commits {
            stories: self.options.commit_every.max(1),
            ..Commits::default()
        };
        // The import runs on its own thread and hands over each commit as it lands: its
        // stories are told while the next batch is parsed, not all at the end of the run
        // (at the end of a 100,000-file folder, or of a burst, that was every line at once).
        let (tx, rx) = std::sync::mpsc::channel::<Committed>();
        let result = std::thread::scope(|scope| {
            let import = scope.spawn(|| {
                let mut listen = move |committed: Committed| {
                    let _ = tx.send(committed);
                };
                let run = || {
                    importer::import_telling(
                        path,
                        base,
                        files,
                        self.options.ingest,
                        commits,
                        &|| {},
                        &warn,
                        Some(Telling {
                            committed: &mut listen,
                            stop,
                        }),
                    )
                };
                match &self.options.pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                }
            });
            for Committed { stories, total } in rx {
                let count = stories.len();
                self.tell(stories, report);
                report(WatchEvent::Committed {
                    stories: count,
                    total,
                });
            }
            import
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        drop(lock);
        for message in warnings.into_inner().unwrap_or_default() {
            report(WatchEvent::Notice { message });
        }
        let outcome = result?;
        for failure in &outcome.failures {
            report(failed(failure));
        }
        Ok(())
    }

    /// The archive's lock, waiting for another writer (said once); `None` if told to stop
    /// meanwhile.
    fn lock(
        &self,
        stop: &AtomicBool,
        report: &mut dyn FnMut(WatchEvent),
    ) -> Result<Option<WriteLock>, WatchError> {
        let mut said = false;
        loop {
            if let Some(lock) = WriteLock::try_acquire(self.archive)? {
                return Ok(Some(lock));
            }
            if !said {
                said = true;
                report(WatchEvent::Notice {
                    message: format!(
                        "{}: another process (an import or a watcher) is writing to the archive; waiting for it",
                        self.archive.display()
                    ),
                });
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            std::thread::sleep(LOCK_RETRY);
        }
    }

    /// Tells the stories of one commit, each followed by the alerts it matches.
    fn tell(&self, batch: Vec<(Article, bool)>, report: &mut dyn FnMut(WatchEvent)) {
        let (articles, versions): (Vec<_>, Vec<bool>) = batch.into_iter().unzip();
        let alerts = &self.options.alerts;
        let mut matches = alert::matching(alerts, &articles).into_iter().peekable();
        for (i, (article, version)) in articles.into_iter().zip(versions).enumerate() {
            report(WatchEvent::Added {
                story: Story::of(&article),
                version,
            });
            let mine: Vec<usize> = std::iter::from_fn(|| matches.next_if(|&(a, _)| a == i))
                .map(|(_, n)| n)
                .collect();
            if let Some((&last, rest)) = mine.split_last() {
                for &n in rest {
                    report(WatchEvent::Alert {
                        alert: alerts[n].clone(),
                        article: Box::new(article.clone()),
                    });
                }
                report(WatchEvent::Alert {
                    alert: alerts[last].clone(),
                    article: Box::new(article),
                });
            }
        }
    }
}
