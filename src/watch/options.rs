//! How a watcher watches: polling or not, how long a file must settle, the alerts, how files
//! are read, how big a commit may grow and on which threads files are parsed.

use std::sync::Arc;
use std::time::Duration;

use crate::alert::Alert;
use crate::importer::Commits;
use crate::ingest::Options;

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
    /// Import a big batch in pieces of this many files, each committed (and in commits of at
    /// most this many stories): a stop waits for one piece. A small batch commits at once.
    pub commit_every: usize,
    /// The threads files are parsed on (`None`: rayon's global pool). A reader watching
    /// folders itself parses on threads of its own in the idle class, so the searches it runs
    /// on the global pool never queue behind a burst.
    pub pool: Option<Arc<rayon::ThreadPool>>,
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
            pool: None,
        }
    }
}
