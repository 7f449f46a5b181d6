//! The file system's side of watching: the `notify` watcher (the system's own, inotify on
//! Linux, or polling), and its events turned into what [`Readiness`] is told: a close after
//! writing, a rename into place, a change, a removal. New folders are walked, since files
//! may land in them before they are watched.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Instant;

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{
    Event, EventKind, EventKindMask, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher,
};

use super::error::WatchError;
use super::options::WatchOptions;
use super::ready::{Readiness, Stat, ignored};

/// Starts watching `folders`, events sent to `tx`: the system's watcher unless polling is
/// asked for or the system's cannot be made. Returns the watcher (dropping it stops it) and
/// whether it polls.
pub(super) fn start(
    folders: &[PathBuf],
    options: &WatchOptions,
    tx: Sender<notify::Result<Event>>,
) -> Result<(Box<dyn Watcher + Send>, bool), WatchError> {
    // Closes after writing, but no opens and no closes after reading: every file the importer
    // reads would otherwise wake the watcher's thread (inotify's IN_OPEN, which notify 8 always
    // asked for), preempting a parsing thread: 2,300 against 858 context switches in a
    // 10,000-file burst into the 1M archive.
    let config = notify::Config::default()
        .with_poll_interval(options.poll_interval)
        .with_event_kinds(EventKindMask::CORE | EventKindMask::ACCESS_CLOSE);
    if !options.poll
        && let Ok(mut watcher) = RecommendedWatcher::new(tx.clone(), config)
        && watch_all(&mut watcher, folders).is_ok()
    {
        return Ok((Box::new(watcher), false));
    }
    let mut watcher = PollWatcher::new(tx, config).map_err(|e| WatchError::Folder {
        path: folders.first().cloned().unwrap_or_default(),
        message: e.to_string(),
    })?;
    watch_all(&mut watcher, folders)?;
    Ok((Box::new(watcher), true))
}

fn watch_all(watcher: &mut dyn Watcher, folders: &[PathBuf]) -> Result<(), WatchError> {
    for folder in folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| WatchError::Folder {
                path: folder.clone(),
                message: e.to_string(),
            })?;
    }
    Ok(())
}

/// Paths a watcher leaves alone: unfinished names, anything in a hidden folder under a
/// watched one, and the archive's own files (should it live in a watched folder).
#[derive(Debug)]
pub(super) struct Skip {
    archive: String,
    folders: Vec<PathBuf>,
}

impl Skip {
    pub(super) fn new(archive: &Path, folders: &[PathBuf]) -> Skip {
        let archive = std::fs::canonicalize(archive)
            .or_else(|_| {
                let parent = archive.parent().filter(|p| !p.as_os_str().is_empty());
                std::fs::canonicalize(parent.unwrap_or(Path::new(".")))
                    .map(|dir| dir.join(archive.file_name().unwrap_or_default()))
            })
            .unwrap_or_else(|_| archive.to_path_buf());
        Skip {
            archive: archive.to_string_lossy().into_owned(),
            folders: folders.to_vec(),
        }
    }

    pub(super) fn skips(&self, path: &Path) -> bool {
        if ignored(path) || path.to_string_lossy().starts_with(&self.archive) {
            return true;
        }
        let inside = self
            .folders
            .iter()
            .find_map(|folder| path.strip_prefix(folder).ok());
        inside.is_some_and(|rest| {
            rest.components()
                .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')))
        })
    }
}

/// The size and modification time of a regular file; `None` if it is not one (any more).
pub(super) fn stat(path: &Path) -> Option<Stat> {
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| Stat {
        size: meta.len(),
        mtime: meta.modified().ok(),
    })
}

/// Tells `readiness` what `event` means for the files it names.
/// `closes`: the watcher reports closes after writing (not a poller), so a written file waits
/// for its close.
pub(super) fn apply(
    event: &Event,
    readiness: &mut Readiness,
    skip: &Skip,
    closes: bool,
    now: Instant,
) {
    if event.need_rescan() {
        // The system dropped events (its queue overflowed): look at everything again; what
        // is unchanged since it was handed out stays handed out.
        for folder in &skip.folders {
            walk(folder, readiness, skip, now, false);
        }
        return;
    }
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
            for path in event.paths.iter().filter(|p| !skip.skips(p)) {
                match stat(path) {
                    Some(stat) => readiness.closed(path, stat, now),
                    None => readiness.removed(path),
                }
            }
        }
        EventKind::Access(_) => {}
        EventKind::Modify(ModifyKind::Name(RenameMode::From)) | EventKind::Remove(_) => {
            for path in &event.paths {
                readiness.removed(path);
            }
        }
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
            for path in &event.paths {
                moved_in(path, readiness, skip, now);
            }
        }
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
            if let [from, to] = event.paths.as_slice() {
                readiness.removed(from);
                moved_in(to, readiness, skip, now);
            }
        }
        EventKind::Create(CreateKind::Folder) => {
            for path in &event.paths {
                walk(path, readiness, skip, now, false);
            }
        }
        // Created, written, or changed as a poll saw it: wait for a close, or for it to settle.
        _ => {
            for path in &event.paths {
                changed(path, readiness, skip, closes, now);
            }
        }
    }
}

fn changed(path: &Path, readiness: &mut Readiness, skip: &Skip, closes: bool, now: Instant) {
    if path.is_dir() {
        walk(path, readiness, skip, now, false);
    } else if !skip.skips(path) {
        match stat(path) {
            Some(stat) if closes => readiness.written(path, stat, now),
            Some(stat) => readiness.seen(path, stat, now),
            None => readiness.removed(path),
        }
    }
}

/// A file or folder renamed into place: complete as it stands.
fn moved_in(path: &Path, readiness: &mut Readiness, skip: &Skip, now: Instant) {
    if path.is_dir() {
        walk(path, readiness, skip, now, true);
    } else if !skip.skips(path)
        && let Some(stat) = stat(path)
    {
        readiness.renamed_to(path, stat, now);
    }
}

/// The files of a folder that appeared: complete when `moved` in whole, else (a folder just
/// made, its files perhaps being written) seen and left to close or settle.
fn walk(folder: &Path, readiness: &mut Readiness, skip: &Skip, now: Instant, moved: bool) {
    let files = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    for entry in files {
        let path = entry.path();
        if skip.skips(path) {
            continue;
        }
        if let Some(stat) = stat(path) {
            if moved {
                readiness.renamed_to(path, stat, now);
            } else {
                readiness.seen(path, stat, now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_unfinished_names_hidden_folders_and_the_archive() {
        let skip = Skip::new(
            Path::new("/nonexistent/in/archive.jsonl"),
            &[PathBuf::from("/nonexistent/in")],
        );
        assert!(skip.skips(Path::new("/nonexistent/in/a.txt.part")));
        assert!(skip.skips(Path::new("/nonexistent/in/.git/a.txt")));
        assert!(skip.skips(Path::new("/nonexistent/in/archive.jsonl.idx")));
        assert!(!skip.skips(Path::new("/nonexistent/in/sub/a.txt")));
    }
}
