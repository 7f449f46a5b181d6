//! What a watcher tells as it goes ([`WatchEvent`]), and the summary of a new story it
//! tells it with ([`Story`]).

use std::path::PathBuf;

use crate::alert::Alert;
use crate::article::Article;
use crate::ingest::IngestError;

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
    pub(super) fn of(article: &Article) -> Story {
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
    /// A file could not be read as a story (or at all); the watcher goes on. The message
    /// names the file.
    Failed { path: PathBuf, message: String },
    /// A batch was committed: `stories` new, `total` in the archive.
    Committed { stories: usize, total: usize },
    /// Something worth saying that is not a failure of a file (waiting for another writer,
    /// a repair, an index left unmerged).
    Notice { message: String },
}

/// A file that is not a story, as told.
pub(super) fn failed(error: &IngestError) -> WatchEvent {
    WatchEvent::Failed {
        path: PathBuf::from(error.path()),
        message: error.to_string(),
    }
}
