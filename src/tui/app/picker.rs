//! The saved searches picker's rows (name, query, counts) and its selection. A leaf of the
//! state's files.

/// A saved search as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRow {
    pub name: String,
    pub query: String,
    /// Stories it finds, and how many of them are unread (`None`: the query is in error).
    pub counts: Option<(usize, usize)>,
}

/// The picker's rows, counted when it opens, and the one selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub rows: Vec<SavedRow>,
    pub selected: usize,
}
