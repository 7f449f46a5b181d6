//! What the state keeps across a change of list: what the list shows (the archive or the
//! samples, or the archive's newest stories while it opens), and where the selection was on
//! the screen. A leaf of the state's files.

use crate::catalog::Doc;

/// What the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// The user's archive.
    Archive,
    /// The built-in samples, for want of an archive (until one appears).
    Samples,
}

/// Where the selection was on the screen before the list changed: its story, and its row
/// counted from the top of the list's area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hold {
    pub doc: Doc,
    pub screen_row: usize,
}

/// What the list says of the whole archive while only its newest stories are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opening {
    pub stories: usize,
    pub versions: usize,
    /// What the status line says meanwhile.
    pub said: String,
}
