//! Following the archive while the reader is open: a thread checks the archive's [`Stamp`]
//! four times a second and, when any process (an import, the watcher, another reader's
//! watcher) has committed to it, sends the loop the catalogue grown by what was committed
//! (read without the lock, changing nothing; see [`Follower`]); and likewise the desk state
//! (read, starred, saved searches) when another process changed it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::catalog::Catalog;
use crate::catalog::file::{self, Stamp};
use crate::catalog::follower::{Followed, Follower};
use crate::state::DeskState;
use crate::tui::input::Input;
use crate::tui::shared::Shared;

/// How much lower the follower thread's CPU priority is than the reader's (Linux).
const FOLLOWER_NICE: i32 = 5;

/// How often the archive is checked.
pub const INTERVAL: Duration = Duration::from_millis(250);

/// Starts following `archive`, whose catalogue `catalog` was opened at `stamp` (`None`: there
/// was no archive, and the first one to appear is sent). Stops when the loop has gone.
pub fn spawn(archive: PathBuf, stamp: Option<Stamp>, catalog: Arc<Catalog>, inputs: Sender<Input>) {
    std::thread::spawn(move || {
        let follower = Follower::new(archive.clone(), stamp.map(|s| (catalog, s)));
        follow(&archive, stamp, follower, &inputs);
    });
}

/// Opens `archive`'s whole catalogue (as a command would: repairing what a killed writer
/// left, rebuilding a missing index) and sends it, while the reader shows its newest stories;
/// then follows it from `stamp`, taken before the reader started.
pub fn spawn_opening(archive: PathBuf, stamp: Option<Stamp>, inputs: Sender<Input>) {
    std::thread::spawn(move || {
        let warned = inputs.clone();
        let warn = move |message: String| {
            let _ = warned.send(Input::Note(message));
        };
        let (input, opened) = match file::open(&archive, &|_| {}, &warn) {
            Ok((catalog, _)) => {
                let catalog = Arc::new(catalog);
                let opened = stamp.map(|s| (Arc::clone(&catalog), s));
                (Input::Archive(Shared(catalog)), opened)
            }
            Err(e) => (
                Input::ArchiveFailed(format!("{}: {e}", archive.display())),
                None,
            ),
        };
        if inputs.send(input).is_ok() {
            let follower = Follower::new(archive.clone(), opened);
            follow(&archive, stamp, follower, &inputs);
        }
    });
}

/// Checks the archive and the desk state every [`INTERVAL`] and sends what changed, from the
/// archive state `stamp`, until the loop has gone.
fn follow(archive: &Path, stamp: Option<Stamp>, mut follower: Follower, inputs: &Sender<Input>) {
    // Growing (or opening again) a big catalogue takes a core for a moment: typing comes
    // first. On Linux a thread's nice value is its own (elsewhere it would be the whole
    // reader's).
    crate::priority::nicer_thread(FOLLOWER_NICE);
    // Linking versions sorts, and opening again hashes, on all cores: on threads of its own
    // (started from this one, so as nice), never on the pool the reader's searches run on.
    let pool = crate::priority::own_pool("dateline-follow");
    let mut seen = stamp;
    let mut desk_seen = DeskState::modified(archive);
    loop {
        std::thread::sleep(INTERVAL);
        let desk_now = DeskState::modified(archive);
        if desk_now != desk_seen {
            desk_seen = desk_now;
            let input = match DeskState::load(archive) {
                Ok(desk) => Input::Desk(desk),
                Err(e) => Input::Note(e.to_string()),
            };
            if inputs.send(input).is_err() {
                break;
            }
        }
        let Some(now) = Stamp::of(archive).filter(|now| Some(*now) != seen) else {
            continue;
        };
        seen = Some(now);
        let mut step = || follower.follow(now);
        let found = match &pool {
            Some(pool) => pool.install(step),
            None => step(),
        };
        let input = match found {
            Ok(Followed::Grown(catalog) | Followed::Opened(catalog)) => {
                Input::Archive(Shared(catalog))
            }
            Ok(Followed::Unchanged) => continue,
            Err(e) => Input::ArchiveFailed(format!("{}: {e}", archive.display())),
        };
        if inputs.send(input).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::catalog::build::tests::story;
    use crate::catalog::file::segment_tests::add_stories;

    #[test]
    fn a_commit_by_another_process_arrives_as_a_new_catalogue() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let chain = add_stories(&path, &[], 0, &[story("First", Some("2025-01-02"), &[])]);
        let (tx, rx) = mpsc::channel();
        let (opened, _) = file::open_committed(&path, &|_| {}).unwrap();
        spawn(path.clone(), Stamp::of(&path), Arc::new(opened), tx);
        assert!(
            rx.recv_timeout(INTERVAL * 3).is_err(),
            "nothing changed, nothing sent"
        );
        add_stories(
            &path,
            &chain,
            1,
            &[story("Second", Some("2025-01-03"), &[])],
        );
        let Ok(Input::Archive(Shared(catalog))) = rx.recv_timeout(Duration::from_secs(10)) else {
            panic!("no catalogue came");
        };
        assert_eq!(catalog.len(), 2);
        assert_eq!(catalog.headline(catalog.newest_first()[0]), "Second");
    }
}
