//! Why a watcher stopped: its folders or its archive, never a file in the folders.

use std::path::PathBuf;

use crate::archive::ArchiveError;

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error("{path}: cannot watch it: {message}")]
    Folder { path: PathBuf, message: String },
    #[error("the file system watcher stopped: {0}")]
    Stopped(String),
}
