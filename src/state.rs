//! The desk state: which stories have been read, which are starred, and the saved searches,
//! kept beside the archive in `ARCHIVE.state` (JSON). The archive is never written for them.
//!
//! *Read* is a set of version ids: a story (a chain, one list row) is read when its newest
//! version is, so a new version makes it unread again, and the newest version read is what the
//! reader shows the changes since. *Starred* is a set of version ids too, but a story is
//! starred when any of its versions is, so a star survives new versions; unstarring takes the
//! star off every version.
//!
//! Writers take a lock beside the file (`ARCHIVE.state.lock`), read the file again under it,
//! change it and write it atomically ([`crate::atomic`]), so two processes marking stories at
//! once never lose each other's marks. A damaged file is an error naming it, never reset.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::archive::{ArchiveError, WriteLock};
use crate::atomic::{self, Replace};
use crate::catalog::{Catalog, Doc};

/// How long [`DeskState::update`] waits for another process to finish its change.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// How deep saved searches may refer to other saved searches.
const MAX_DEPTH: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    // The cause is the error's source: printed once, after this, by whoever reports it.
    #[error("{path}: cannot read the desk state (read and starred stories, saved searches)")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the desk state is damaged: {reason}; fix the file or move it away (it is never reset on its own)"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error("{path}: cannot write the desk state (the file is as it was)")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: another process held the desk state for {waited:?}; gave up, nothing changed")]
    Locked { path: PathBuf, waited: Duration },
    #[error("`{0}` cannot name a saved search: use letters, digits, `-` and `_`")]
    BadName(String),
    #[error("the saved search `{0}` has no query")]
    EmptyQuery(String),
    #[error("no saved search `@{0}` (see `dateline searches`)")]
    UnknownSearch(String),
    #[error("saved searches refer to each other in a circle: {0}")]
    Cycle(String),
    #[error("saved searches refer to each other more than {MAX_DEPTH} deep: {0}")]
    TooDeep(String),
    #[error(
        "`@{0}` cannot be joined with `|`: it is not one term or one set of alternatives (`a | b`), and queries have no parentheses; save the whole alternative as a search of its own"
    )]
    AndInOr(String),
    #[error("`!@{0}`: a saved search cannot be negated")]
    Negated(String),
}

/// A query kept under a name, used as `@NAME` in any query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
}

/// See the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskState {
    read: IdSet,
    starred: IdSet,
    searches: Vec<SavedSearch>,
    /// Stories removed with `dateline rm` (every version's id): hidden everywhere, and
    /// brought back with `rm --undo`, until `dateline compact` drops them from the archive.
    removed: IdSet,
}

/// The file as written: ids sorted, so it diffs and reads well.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    #[serde(default)]
    read: Vec<String>,
    #[serde(default)]
    starred: Vec<String>,
    #[serde(default)]
    searches: Vec<SavedSearch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    removed: Vec<String>,
}

/// The desk state's file for the archive at `archive`: `ARCHIVE.state`.
pub fn state_path(archive: &Path) -> PathBuf {
    let mut name = archive.as_os_str().to_owned();
    name.push(".state");
    PathBuf::from(name)
}

impl DeskState {
    /// The desk state of the archive at `archive`; empty when it has none yet.
    pub fn load(archive: &Path) -> Result<DeskState, StateError> {
        let path = state_path(archive);
        match std::fs::read(&path) {
            Ok(bytes) => DeskState::from_bytes(&path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(DeskState::default()),
            Err(source) => Err(StateError::Read { path, source }),
        }
    }

    /// Changes the desk state of the archive at `archive` with `change`, holding its lock: the
    /// file is read again under the lock (another process may have changed it since it was
    /// loaded), changed, and written atomically. Returns the state written.
    pub fn update(
        archive: &Path,
        change: impl FnOnce(&mut DeskState),
    ) -> Result<DeskState, StateError> {
        let path = state_path(archive);
        let _lock =
            WriteLock::acquire_waiting(&path, Some(LOCK_WAIT), &|| {}).map_err(|e| match e {
                ArchiveError::LockTimeout { waited, .. } => StateError::Locked {
                    path: path.clone(),
                    waited,
                },
                ArchiveError::Read { source, .. }
                | ArchiveError::Write { source, .. }
                | ArchiveError::Index { source, .. } => StateError::Write {
                    path: path.clone(),
                    source,
                },
            })?;
        let mut state = DeskState::load(archive)?;
        change(&mut state);
        let bytes = state.to_bytes().map_err(|e| StateError::Write {
            path: path.clone(),
            source: e.into(),
        })?;
        atomic::write(&path, Replace::Yes, |out| out.write_all(&bytes))
            .map_err(|source| StateError::Write { path, source })?;
        Ok(state)
    }

    /// When the desk state of the archive at `archive` last changed (`None`: it has none, or
    /// it cannot be read): a cheap check for a reader to load it again when another process
    /// changed it. Every change replaces the file, so this moves on with each.
    pub fn modified(archive: &Path) -> Option<SystemTime> {
        std::fs::metadata(state_path(archive))
            .and_then(|m| m.modified())
            .ok()
    }

    fn from_bytes(path: &Path, bytes: &[u8]) -> Result<DeskState, StateError> {
        let damaged = |reason: String| StateError::Damaged {
            path: path.to_path_buf(),
            reason,
        };
        let file: StateFile = serde_json::from_slice(bytes).map_err(|e| damaged(e.to_string()))?;
        let mut names = HashSet::new();
        for search in &file.searches {
            check_name(&search.name).map_err(|e| damaged(e.to_string()))?;
            if !names.insert(search.name.as_str()) {
                return Err(damaged(format!(
                    "the saved search `{}` is there twice",
                    search.name
                )));
            }
        }
        Ok(DeskState {
            read: file.read.iter().map(String::as_str).collect(),
            starred: file.starred.iter().map(String::as_str).collect(),
            searches: file.searches,
            removed: file.removed.iter().map(String::as_str).collect(),
        })
    }

    fn to_bytes(&self) -> serde_json::Result<Vec<u8>> {
        let file = StateFile {
            read: self.read.sorted(),
            starred: self.starred.sorted(),
            searches: self.searches.clone(),
            removed: self.removed.sorted(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Whether this version was removed (`dateline rm`).
    pub fn is_removed(&self, id: &str) -> bool {
        self.removed.contains(id)
    }

    /// Whether any story is removed (else lists need no check).
    pub fn has_removed(&self) -> bool {
        !self.removed.is_empty()
    }

    /// Removes `doc`'s story: every version of it.
    pub fn remove(&mut self, catalog: &Catalog, doc: Doc) {
        for d in chain(catalog, doc) {
            self.removed.insert(catalog.id(d));
        }
    }

    /// Brings `doc`'s story back.
    pub fn unremove(&mut self, catalog: &Catalog, doc: Doc) {
        for d in chain(catalog, doc) {
            self.removed.remove(catalog.id(d));
        }
    }

    /// Whether `doc`'s story is removed (its newest version is).
    pub fn chain_removed(&self, catalog: &Catalog, doc: Doc) -> bool {
        !self.removed.is_empty() && self.is_removed(catalog.id(catalog.newest(doc)))
    }

    /// The ids removed, sorted (what `dateline compact` leaves out of the archive).
    pub fn removed_ids(&self) -> Vec<String> {
        self.removed.sorted()
    }

    /// Forgets removed ids (after `dateline compact` dropped them from the archive).
    pub fn forget_removed(&mut self) {
        self.removed = IdSet::default();
    }

    /// Whether this version has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// Whether this version carries a star.
    pub fn is_starred(&self, id: &str) -> bool {
        self.starred.contains(id)
    }

    /// Whether any story is read or starred (else lists need no marks).
    pub fn has_marks(&self) -> bool {
        !self.read.is_empty() || !self.starred.is_empty()
    }

    /// Whether `doc`'s story is read: its newest version is.
    pub fn chain_read(&self, catalog: &Catalog, doc: Doc) -> bool {
        self.is_read(catalog.id(catalog.newest(doc)))
    }

    /// Whether `doc`'s story is starred: any of its versions is.
    pub fn chain_starred(&self, catalog: &Catalog, doc: Doc) -> bool {
        !self.starred.is_empty() && chain(catalog, doc).any(|d| self.is_starred(catalog.id(d)))
    }

    /// The newest version of `doc`'s story that has been read, if any (what changed since it
    /// is what the reader has not seen).
    pub fn last_read_version(&self, catalog: &Catalog, doc: Doc) -> Option<Doc> {
        chain(catalog, doc)
            .rev()
            .find(|&d| self.is_read(catalog.id(d)))
    }

    /// How many stories (list rows) are unread, not counting removed ones: a look-up per
    /// row, on all cores.
    pub fn unread_count(&self, catalog: &Catalog) -> usize {
        use rayon::prelude::*;
        if self.read.is_empty() && self.removed.is_empty() {
            return catalog.stories();
        }
        catalog
            .newest_first()
            .par_iter()
            .filter(|&&d| {
                let id = catalog.id(d);
                !self.is_read(id) && !self.is_removed(id)
            })
            .count()
    }

    /// Marks `doc`'s story read: its newest version.
    pub fn mark_read(&mut self, catalog: &Catalog, doc: Doc) {
        self.read.insert(catalog.id(catalog.newest(doc)));
    }

    /// Marks `doc`'s story unread: no version of it is read.
    pub fn mark_unread(&mut self, catalog: &Catalog, doc: Doc) {
        for d in chain(catalog, doc) {
            self.read.remove(catalog.id(d));
        }
    }

    /// Stars `doc`'s story (its newest version carries the star).
    pub fn star(&mut self, catalog: &Catalog, doc: Doc) {
        self.starred.insert(catalog.id(catalog.newest(doc)));
    }

    /// Takes the star off `doc`'s story: off every version of it.
    pub fn unstar(&mut self, catalog: &Catalog, doc: Doc) {
        for d in chain(catalog, doc) {
            self.starred.remove(catalog.id(d));
        }
    }

    /// Marks these versions read or unread, by id.
    pub fn set_read<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>, read: bool) {
        for id in ids {
            if read {
                self.read.insert(id);
            } else {
                self.read.remove(id);
            }
        }
    }

    /// Stars these versions or takes their stars off, by id.
    pub fn set_starred<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>, starred: bool) {
        for id in ids {
            if starred {
                self.starred.insert(id);
            } else {
                self.starred.remove(id);
            }
        }
    }

    /// The saved searches, in the order they were first saved.
    pub fn searches(&self) -> &[SavedSearch] {
        &self.searches
    }

    /// Saves `query` as `name`, replacing a search of that name. The query is kept as typed
    /// (`@OTHER` in it stays a reference); checking that it parses is the caller's.
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<(), StateError> {
        check_name(name)?;
        if query.trim().is_empty() {
            return Err(StateError::EmptyQuery(name.to_string()));
        }
        let saved = SavedSearch {
            name: name.to_string(),
            query: query.trim().to_string(),
        };
        match self.searches.iter_mut().find(|s| s.name == name) {
            Some(old) => *old = saved,
            None => self.searches.push(saved),
        }
        Ok(())
    }

    /// Removes the search saved as `name`; whether there was one.
    pub fn remove_search(&mut self, name: &str) -> bool {
        let before = self.searches.len();
        self.searches.retain(|s| s.name != name);
        self.searches.len() != before
    }

    /// `query` with every `@NAME` word replaced by the query saved as NAME (recursively).
    ///
    /// The query language has no parentheses: a query is AND groups (space) of OR
    /// alternatives (`|`, which binds tighter). A saved query is such a list of AND groups, so
    /// putting its words in place of `@NAME` keeps its meaning wherever `@NAME` stands as an
    /// AND term of its own: `c @x` with `x` = `a | b` is `c a | b`, c AND (a OR b). Joined to
    /// others with `|` (`c | @x`), it keeps its meaning only when it is one group (`a | b`,
    /// giving `c | a | b`); a saved search of several AND groups (or none) there is an error,
    /// as is `!@x`. `@NAME` is a whole word (not inside quotes); NAME as
    /// [`DeskState::save_search`] allows. Unknown names, circles and references more than 8
    /// deep are errors.
    pub fn expand(&self, query: &str) -> Result<String, StateError> {
        self.expand_within(query, &mut Vec::new())
    }

    fn expand_within(&self, query: &str, stack: &mut Vec<String>) -> Result<String, StateError> {
        let words = raw_words(query);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            if let Some(name) = word.strip_prefix("!@").filter(|n| is_name(n)) {
                return Err(StateError::Negated(name.to_string()));
            }
            let Some(name) = word.strip_prefix('@').filter(|n| is_name(n)) else {
                out.push(word.clone());
                continue;
            };
            let saved = self
                .searches
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| StateError::UnknownSearch(name.to_string()))?;
            if stack.iter().any(|n| n == name) {
                let mut circle = stack.clone();
                circle.push(name.to_string());
                return Err(StateError::Cycle(at_names(&circle)));
            }
            if stack.len() >= MAX_DEPTH {
                let mut path = stack.clone();
                path.push(name.to_string());
                return Err(StateError::TooDeep(at_names(&path)));
            }
            stack.push(name.to_string());
            let inner = self.expand_within(&saved.query, stack)?;
            stack.pop();
            let mut inner = raw_words(&inner);
            // A saved search's unclosed quote ends with it: it must not swallow what follows.
            if let Some(last) = inner.last_mut().filter(|w| w.matches('"').count() % 2 == 1) {
                last.push('"');
            }
            // A `|` at either end would join the saved words to the query's own.
            while inner.first().is_some_and(|w| w == "|") {
                inner.remove(0);
            }
            while inner.last().is_some_and(|w| w == "|") {
                inner.pop();
            }
            let joined =
                (i > 0 && words[i - 1] == "|") || words.get(i + 1).is_some_and(|w| w == "|");
            if joined && groups(&inner) != 1 {
                return Err(StateError::AndInOr(name.to_string()));
            }
            out.extend(inner);
        }
        Ok(out.join(" "))
    }
}

/// The versions of `doc`'s story, oldest first.
fn chain(catalog: &Catalog, doc: Doc) -> impl DoubleEndedIterator<Item = Doc> + '_ {
    let versions = catalog.versions(doc);
    let alone = versions.is_empty().then_some(doc);
    versions.iter().copied().chain(alone)
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

fn check_name(name: &str) -> Result<(), StateError> {
    if is_name(name) {
        Ok(())
    } else {
        Err(StateError::BadName(name.to_string()))
    }
}

fn at_names(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("@{n}"))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The words of a query as typed, split where the query language splits them (on spaces
/// outside `"double quotes"`), quotes kept; an unclosed quote is closed, so the words can be
/// put inside another query without swallowing what follows.
fn raw_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    // An unclosed quote stays unclosed: the query parser names it.
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// How many AND groups these words make: words not joined by `|` to the one before.
fn groups(words: &[String]) -> usize {
    let mut count = 0;
    let mut joined = false;
    for word in words {
        if word == "|" {
            joined = count > 0;
        } else {
            if !joined {
                count += 1;
            }
            joined = false;
        }
    }
    count
}

/// Story ids, compactly: ids of 12 lower-case hex digits (every id dateline assigns) as
/// numbers, any other as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct IdSet {
    hex: HashSet<u64, foldhash::fast::RandomState>,
    other: BTreeSet<String>,
}

impl IdSet {
    fn key(id: &str) -> Option<u64> {
        let hex = id.len() == 12 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        hex.then(|| u64::from_str_radix(id, 16).ok()).flatten()
    }

    fn contains(&self, id: &str) -> bool {
        match IdSet::key(id) {
            Some(key) => self.hex.contains(&key),
            None => self.other.contains(id),
        }
    }

    fn insert(&mut self, id: &str) {
        match IdSet::key(id) {
            Some(key) => {
                self.hex.insert(key);
            }
            None => {
                self.other.insert(id.to_string());
            }
        }
    }

    fn remove(&mut self, id: &str) {
        match IdSet::key(id) {
            Some(key) => {
                self.hex.remove(&key);
            }
            None => {
                self.other.remove(id);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.hex.is_empty() && self.other.is_empty()
    }

    fn sorted(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.hex.iter().map(|k| format!("{k:012x}")).collect();
        ids.extend(self.other.iter().cloned());
        ids.sort_unstable();
        ids
    }
}

impl<'a> FromIterator<&'a str> for IdSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> IdSet {
        let mut set = IdSet::default();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::catalog::build::tests::story;

    /// Two stories: "Talks" in versions 1 and 2 (docs 2 and 0), "Other" alone (doc 1).
    fn catalog(with_third_version: bool) -> Catalog {
        let version = |n: &str, headline: &str, day: &str| {
            let mut a = story(headline, Some(day), &[]);
            a.source.id = Some("urn:x:talks".into());
            a.wire.version = Some(n.into());
            a.assign_id();
            a
        };
        let mut stories: Vec<Article> = vec![
            version("2", "Talks resume", "2025-06-03"),
            story("Other news", Some("2025-06-02"), &[]),
            version("1", "Talks open", "2025-06-01"),
        ];
        if with_third_version {
            stories.push(version("3", "Talks end", "2025-06-04"));
        }
        Catalog::from_articles(stories)
    }

    #[test]
    fn a_new_version_makes_a_story_unread_and_keeps_its_star() {
        let c = catalog(false);
        let mut state = DeskState::default();
        assert_eq!(state.unread_count(&c), 2);
        state.mark_read(&c, 2);
        assert!(
            state.chain_read(&c, 0) && state.chain_read(&c, 2),
            "marking any version marks the story"
        );
        assert!(
            state.is_read(c.id(0)) && !state.is_read(c.id(2)),
            "by its newest version"
        );
        assert_eq!(state.last_read_version(&c, 2), Some(0));
        assert_eq!(state.unread_count(&c), 1);
        state.star(&c, 2);
        assert!(state.chain_starred(&c, 2) && !state.chain_starred(&c, 1));

        // Version 3 arrives: the story is unread again, still starred, read up to version 2.
        let c = catalog(true);
        assert!(!state.chain_read(&c, 3));
        assert_eq!(state.last_read_version(&c, 3), Some(0));
        assert_eq!(state.unread_count(&c), 2);
        assert!(state.chain_starred(&c, 3));

        state.unstar(&c, 3);
        assert!(!state.chain_starred(&c, 0));
        state.set_read([c.id(2), c.id(3)], true);
        state.mark_unread(&c, 1);
        assert!(state.chain_read(&c, 0));
        state.mark_unread(&c, 0);
        assert!(
            !state.has_marks(),
            "unread removes every version: {state:?}"
        );
    }

    #[test]
    fn ids_keep_their_form_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive.jsonl");
        let ids = ["0a1b2c3d4e5f", "hand-made", "0A1B2C3D4E5F", "00000000000f"];
        let written = DeskState::update(&archive, |s| {
            s.set_read(ids, true);
            s.set_starred(["0a1b2c3d4e5f"], true);
        })
        .unwrap();
        let loaded = DeskState::load(&archive).unwrap();
        assert_eq!(loaded, written);
        for id in ids {
            assert!(loaded.is_read(id), "{id}");
        }
        assert!(!loaded.is_read("0a1b2c3d4e5"));
        assert!(loaded.is_starred("0a1b2c3d4e5f") && !loaded.is_starred("hand-made"));
        let text = std::fs::read_to_string(state_path(&archive)).unwrap();
        assert!(
            text.contains("\"00000000000f\"") && text.contains("\"0A1B2C3D4E5F\""),
            "{text}"
        );
    }

    #[test]
    fn no_file_is_an_empty_state_and_a_damaged_one_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive.jsonl");
        assert_eq!(DeskState::load(&archive).unwrap(), DeskState::default());
        assert!(DeskState::modified(&archive).is_none());
        for (text, says) in [
            ("{\"read\": [\"0a1b", "EOF"),
            ("{\"read\": 3}", "invalid type"),
            ("{\"red\": []}", "unknown field"),
            (
                "{\"searches\": [{\"name\": \"a b\", \"query\": \"x\"}]}",
                "`a b` cannot name",
            ),
        ] {
            std::fs::write(state_path(&archive), text).unwrap();
            let err = DeskState::load(&archive).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!(
                    "{}: the desk state is damaged",
                    state_path(&archive).display()
                )),
                "{err}"
            );
            assert!(err.contains(says), "{err}");
            // An update does not write over it either.
            assert!(DeskState::update(&archive, |s| s.set_read(["0a1b2c3d4e5f"], true)).is_err());
            assert_eq!(std::fs::read_to_string(state_path(&archive)).unwrap(), text);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temp() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive.jsonl");
        DeskState::update(&archive, |s| s.set_read(["0a1b2c3d4e5f"], true)).unwrap();
        let before = std::fs::read(state_path(&archive)).unwrap();
        // Take the lock first (it is created once), then make the folder read-only.
        drop(WriteLock::acquire(&state_path(&archive)).unwrap());
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = DeskState::update(&archive, |s| s.set_read(["111111111111"], true));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if is_root() {
            return; // root writes to a read-only folder all the same: nothing to check.
        }
        let err = result.unwrap_err();
        assert!(matches!(err, StateError::Write { .. }), "{err}");
        assert_eq!(std::fs::read(state_path(&archive)).unwrap(), before);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| Path::new(n).extension().is_none_or(|e| e != "tmp")),
            "{names:?}"
        );
    }

    #[cfg(unix)]
    fn is_root() -> bool {
        std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
    }

    #[test]
    fn concurrent_updates_lose_nothing_and_readers_never_see_half_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive.jsonl");
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (archive, done) = (archive.clone(), std::sync::Arc::clone(&done));
            std::thread::spawn(move || {
                let mut seen = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let state = DeskState::load(&archive).unwrap();
                    assert!(state.read.hex.len() >= seen, "a change was lost");
                    seen = state.read.hex.len();
                }
            })
        };
        let threads: Vec<_> = (0..4u64)
            .map(|t| {
                let archive = archive.clone();
                std::thread::spawn(move || {
                    for i in 0..25u64 {
                        let id = format!("{:012x}", t << 32 | i);
                        DeskState::update(&archive, |s| {
                            s.set_read([id.as_str()], true);
                            if i % 5 == 0 {
                                s.set_starred([id.as_str()], true);
                            }
                        })
                        .unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        reader.join().unwrap();
        let state = DeskState::load(&archive).unwrap();
        assert_eq!(state.read.hex.len(), 100);
        assert_eq!(state.starred.hex.len(), 20);
        assert!(DeskState::modified(&archive).is_some());
    }

    fn with_searches(searches: &[(&str, &str)]) -> DeskState {
        let mut state = DeskState::default();
        for (name, query) in searches {
            state.save_search(name, query).unwrap();
        }
        state
    }

    #[test]
    fn saved_searches_by_name() {
        let mut state = with_searches(&[("desk", "port"), ("flash", "urgency:1")]);
        state.save_search("desk", "  harbour  ").unwrap();
        assert_eq!(
            state.searches()[0],
            SavedSearch {
                name: "desk".into(),
                query: "harbour".into()
            }
        );
        assert_eq!(state.searches().len(), 2, "replaced in place");
        assert!(matches!(
            state.save_search("a b", "x"),
            Err(StateError::BadName(_))
        ));
        assert!(matches!(
            state.save_search("@a", "x"),
            Err(StateError::BadName(_))
        ));
        assert!(matches!(
            state.save_search("a", " "),
            Err(StateError::EmptyQuery(_))
        ));
        assert!(state.remove_search("desk"));
        assert!(!state.remove_search("desk"));
        assert_eq!(state.searches().len(), 1);
    }

    #[test]
    fn expanding_keeps_the_meaning_of_and_and_or() {
        let state = with_searches(&[
            ("ports", "port | harbour"),
            ("desk", "@ports since:1d"),
            ("quoted", "person:\"Ann Lee\" | place:\"New York"),
            ("edge", "| grain |"),
        ]);
        let expand = |q: &str| state.expand(q).unwrap();
        assert_eq!(expand("strike @ports"), "strike port | harbour");
        assert_eq!(expand("@desk !strike"), "port | harbour since:1d !strike");
        assert_eq!(
            expand("storm | @ports"),
            "storm | port | harbour",
            "one group joins an OR"
        );
        assert_eq!(
            expand("@quoted x"),
            "person:\"Ann Lee\" | place:\"New York\" x"
        );
        assert_eq!(expand("@edge rice"), "grain rice");
        assert_eq!(
            expand("'@ports mail@ports text:\"@ports\""),
            "'@ports mail@ports text:\"@ports\""
        );
        assert!(
            matches!(state.expand("storm | @desk"), Err(StateError::AndInOr(n)) if n == "desk")
        );
        assert!(matches!(
            state.expand("!@ports"),
            Err(StateError::Negated(_))
        ));
        let bare = with_searches(&[("bare", "|")]);
        assert_eq!(bare.expand("a @bare").unwrap(), "a");
        assert!(matches!(
            bare.expand("a | @bare"),
            Err(StateError::AndInOr(_))
        ));
        assert!(matches!(state.expand("@nope"), Err(StateError::UnknownSearch(n)) if n == "nope"));
        // Parsed, the expansion means what the saved search and the rest mean together.
        let q = crate::search::Query::parse(&expand("strike @ports"));
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[1].len(), 2);
    }

    #[test]
    fn circles_and_depth() {
        let state = with_searches(&[("a", "x @b"), ("b", "@c"), ("c", "@a")]);
        let err = state.expand("@a").unwrap_err();
        assert_eq!(
            err.to_string(),
            "saved searches refer to each other in a circle: @a → @b → @c → @a"
        );
        let deep: Vec<(String, String)> = (0..12)
            .map(|i| (format!("s{i}"), format!("@s{}", i + 1)))
            .collect();
        let mut state = DeskState::default();
        for (name, query) in &deep {
            state.save_search(name, query).unwrap();
        }
        state.save_search("s12", "end").unwrap();
        assert!(matches!(state.expand("@s0"), Err(StateError::TooDeep(_))));
        assert_eq!(state.expand("@s5").unwrap(), "end");
    }
}
