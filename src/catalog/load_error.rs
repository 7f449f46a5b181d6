//! Why an index file (or one of its segments) could not be loaded: each reason means the
//! catalogue is rebuilt from the archive, and says why.

use std::io;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no index yet")]
    Missing,
    #[error("the archive changed since it was indexed")]
    Stale,
    #[error("the index is damaged ({0})")]
    Damaged(String),
    #[error("the index could not be read ({0})")]
    Io(io::Error),
}

impl From<io::Error> for LoadError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            LoadError::Damaged("it is shorter than it says".into())
        } else {
            LoadError::Io(e)
        }
    }
}

pub(crate) fn damaged(why: impl Into<String>) -> LoadError {
    LoadError::Damaged(why.into())
}
