//! How the catalogue numbers its stories and lays out their text fields: the vocabulary every
//! part of the catalogue (columns, posting lists, the index file) shares, kept in a file of
//! its own so none of them has to reach back into the catalogue for it.

/// A story's number in the catalogue: its position in the archive file, counting stories.
pub type Doc = u32;

/// The per-story text fields, in the order they are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Field {
    Id = 0,
    /// `YYYY-MM-DD`, empty when undated.
    Date,
    Place,
    Headline,
    /// The version key, `identity@label`, when the copy numbers its versions (duplicate
    /// detection), else empty.
    SourceKey,
    /// The file the story came from, as given to `import`.
    SourcePath,
    /// `published` as the story gives it (a date, or an RFC 3339 time), else empty.
    Published,
    /// When the story reached the desk (RFC 3339), else empty.
    Received,
    /// The version label (`5`, `UPDATE 2`, `2nd Ld-Writethru`), else empty.
    Version,
}

/// How many [`Field`]s each story has.
pub(crate) const FIELDS: usize = 9;
