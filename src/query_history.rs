//! The query history: the queries a person searched with in the reader, oldest first, one per
//! line in a file of the data folder (like fzf's `--history`), walked with Up and Down in the
//! prompt. A query searched again moves to the end; the file keeps the last [`KEEP`] and is
//! written atomically, so two readers never leave it half-written.

use std::path::{Path, PathBuf};

use crate::atomic::{self, Replace};

/// How many queries the file keeps.
pub const KEEP: usize = 1000;

/// The history file in the data folder of this user (`None`: no home to keep it in).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dateline").map(|dirs| dirs.data_dir().join("history"))
}

/// The queries in the file at `path`, oldest first; none when it does not exist.
pub fn load(path: &Path) -> std::io::Result<Vec<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Adds `query` to the file at `path` (read again first: another reader may have added to it),
/// making its folder if need be.
pub fn remember(path: &Path, query: &str) -> std::io::Result<()> {
    let mut entries = load(path)?;
    push(&mut entries, query);
    let mut text = entries.join("\n");
    text.push('\n');
    atomic::write(path, Replace::Yes, |out| out.write_all(text.as_bytes()))
}

/// Adds `query` at the end of `entries`, once, keeping the last [`KEEP`]. Line breaks become
/// spaces (one query a line); an empty query is not kept.
pub fn push(entries: &mut Vec<String>, query: &str) {
    let query = query.replace(['\n', '\r'], " ");
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    entries.retain(|e| e != query);
    entries.push(query.to_string());
    if entries.len() > KEEP {
        entries.drain(..entries.len() - KEEP);
    }
}

/// Walking the history from the prompt: Up goes back from what is being typed, Down forward
/// and, past the newest, back to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    entries: Vec<String>,
    /// The entry shown, while walking.
    at: Option<usize>,
    /// What was being typed when the walk began.
    draft: String,
}

impl Walk {
    pub fn new(entries: Vec<String>) -> Walk {
        Walk {
            entries,
            ..Walk::default()
        }
    }

    /// The query before the one shown (`current` is what the prompt holds now).
    pub fn back(&mut self, current: &str) -> Option<&str> {
        let at = match self.at {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(at) => at.checked_sub(1)?,
        };
        self.at = Some(at);
        self.entries.get(at).map(String::as_str)
    }

    /// The query after the one shown, or what was being typed after the newest.
    pub fn forward(&mut self) -> Option<String> {
        let at = self.at?;
        if at + 1 < self.entries.len() {
            self.at = Some(at + 1);
            return self.entries.get(at + 1).cloned();
        }
        self.at = None;
        Some(std::mem::take(&mut self.draft))
    }

    /// A query searched: kept at the end, and the walk starts again from there.
    pub fn remember(&mut self, query: &str) {
        push(&mut self.entries, query);
        self.at = None;
    }

    /// Typing ends the walk: the next Up starts from what is typed then.
    pub fn stop(&mut self) {
        self.at = None;
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_walks_back_and_down_returns_to_the_draft() {
        let mut walk = Walk::new(vec!["a".into(), "b".into(), "c".into()]);
        assert_eq!(walk.forward(), None, "nothing after the present");
        assert_eq!(walk.back("dra"), Some("c"));
        assert_eq!(walk.back("c"), Some("b"));
        assert_eq!(walk.back("b"), Some("a"));
        assert_eq!(walk.back("a"), None, "the oldest stays");
        assert_eq!(walk.forward().as_deref(), Some("b"));
        assert_eq!(walk.forward().as_deref(), Some("c"));
        assert_eq!(walk.forward().as_deref(), Some("dra"));
        assert_eq!(walk.forward(), None);
        assert_eq!(Walk::default().back("x"), None);
    }

    #[test]
    fn a_query_searched_again_moves_to_the_end_and_the_file_keeps_the_last() {
        let mut entries = vec!["a".to_string(), "b".to_string()];
        push(&mut entries, " a ");
        push(&mut entries, "");
        push(&mut entries, "two\nlines");
        assert_eq!(entries, ["b", "a", "two lines"]);
        let mut many: Vec<String> = (0..KEEP).map(|n| n.to_string()).collect();
        push(&mut many, "new");
        assert_eq!(many.len(), KEEP);
        assert_eq!(many.first().map(String::as_str), Some("1"));
    }

    #[test]
    fn the_file_round_trips_and_is_made_with_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("history");
        assert!(load(&path).unwrap().is_empty());
        remember(&path, "person:\"Kim Jong-un\"").unwrap();
        remember(&path, "urgency:1").unwrap();
        remember(&path, "person:\"Kim Jong-un\"").unwrap();
        assert_eq!(
            load(&path).unwrap(),
            ["urgency:1", "person:\"Kim Jong-un\""]
        );
    }
}
