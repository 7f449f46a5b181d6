//! Watching folders: every story file already in them is imported, then every file that
//! lands (recursively) as soon as it is complete, through the importer, the archive's lock
//! taken only while a batch is imported. What happens is told as [`WatchEvent`]s: new
//! stories, alerts, failures, commits. `dateline watch` prints them; the reader can run
//! [`watch`] in a thread. When a file is complete is decided by `ready` (pure, tested step by
//! step), the file system's events are read in `events`, a batch is imported in `batch`.

mod batch;
mod events;
mod ready;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::alert::Alert;
use crate::archive::ArchiveError;
use crate::article::Article;
use crate::importer::Commits;
use crate::ingest::{self, Options};

pub use ready::{Readiness, Stat, ignored};

/// How to watch.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Poll the folders instead of asking the system to tell of changes (network file
    /// systems); also used when the system's watcher cannot be made.
    pub poll: bool,
    /// How often the folders are polled, when they are.
    pub poll_interval: Duration,
    /// Under polling (or for a file found in a new folder), a file is complete once its size
    /// and modification time have stayed the same this long.
    pub settle: Duration,
    /// A file the system reported being written is complete when closed, or, if its close
    /// never comes, once unchanged this long.
    pub unclosed: Duration,
    /// Saved queries announced when a new story matches them.
    pub alerts: Vec<Alert>,
    /// How files are read.
    pub ingest: Options,
    /// Commit a big batch in pieces of this many stories (a small one commits at once).
    pub commit_every: usize,
}

impl Default for WatchOptions {
    fn default() -> WatchOptions {
        WatchOptions {
            poll: false,
            poll_interval: Duration::from_millis(500),
            settle: Duration::from_secs(1),
            unclosed: Duration::from_secs(30),
            alerts: Vec::new(),
            ingest: Options::default(),
            commit_every: Commits::default().stories,
        }
    }
}

/// What a new story looks like in a watcher's announcements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: String,
    pub headline: String,
    pub agency: Option<String>,
    pub place: Option<String>,
    /// Published, else received, as the copy gives it.
    pub time: Option<String>,
    /// The file it came from.
    pub path: String,
}

impl Story {
    fn of(article: &Article) -> Story {
        Story {
            id: article.id.clone(),
            headline: article.headline.clone(),
            agency: article.agency_name().map(str::to_string),
            place: article.place().map(str::to_string),
            time: article
                .published
                .clone()
                .or_else(|| article.received.clone()),
            path: article.source.path.clone(),
        }
    }
}

/// What a watcher tells as it goes.
#[derive(Debug, Clone)]
pub enum WatchEvent {
    /// The folders are watched (`polling`: by polling them), before the files already there
    /// are imported.
    Watching { polling: bool },
    /// A new story was committed (`version`: another version of a story already there).
    Added { story: Story, version: bool },
    /// A new story matches an alert (told after its `Added`).
    Alert { alert: Alert, article: Box<Article> },
    /// A file could not be read as a story (or at all); the watcher goes on.
    Failed { path: PathBuf, message: String },
    /// A batch was committed: `stories` new, `total` in the archive.
    Committed { stories: usize, total: usize },
    /// Something worth saying that is not a failure of a file (waiting for another writer,
    /// a repair, an index left unmerged).
    Notice { message: String },
}

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error("{path}: cannot watch it: {message}")]
    Folder { path: PathBuf, message: String },
    #[error("the file system watcher stopped: {0}")]
    Stopped(String),
}

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
    let mut importer = batch::Batches::new(archive, options);
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

fn failed(error: &ingest::IngestError) -> WatchEvent {
    WatchEvent::Failed {
        path: PathBuf::from(error.path()),
        message: error.to_string(),
    }
}
