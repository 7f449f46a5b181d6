//! Watching folders: every story file already in them is imported, then every file that
//! lands (recursively) as soon as it is complete, through the importer, the archive's lock
//! taken only while a batch is imported. What happens is told as [`WatchEvent`]s: new
//! stories, alerts, failures, commits. `dateline watch` prints them; the reader can run
//! [`watch`] in a thread. When a file is complete is decided by `ready` (pure, tested step by
//! step), the file system's events are read in `events`, a batch is imported in `batch`,
//! and `run` is the loop. This file declares and re-exports the parts (which never import it).

mod batch;
mod error;
mod events;
mod options;
mod ready;
mod report;
mod run;

pub use error::WatchError;
pub use options::WatchOptions;
pub use ready::{Readiness, Stat, ignored};
pub use report::{Story, WatchEvent};
pub use run::watch;
