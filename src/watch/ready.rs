//! When a file in a watched folder is complete: a pure state machine, fed what the file
//! system said about each path (its size and modification time, a close after writing, a
//! rename into place, a removal) and the time, asked which files are ready to import. No
//! file system and no clock of its own, so tests drive it step by step.
//!
//! A file is ready when its writer closed it, when it was renamed into place (a rename is
//! atomic: the writer finished under another name), or when its size and modification time
//! have not changed for the settle time (polling, or a writer whose close was not seen). A
//! file handed out is not handed out again unless it changes (rewritten in place: the
//! importer decides whether that is a new version or a duplicate).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What a file looks like on disk: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    pub mtime: Option<SystemTime>,
}

/// What is known of one path.
#[derive(Debug, Clone)]
struct Seen {
    stat: Stat,
    /// When `stat` last changed.
    since: Instant,
    /// Closed after writing (or renamed into place) since it last changed.
    closed: bool,
    /// A write was reported by a watcher that reports closes too: wait for the close.
    writing: bool,
    /// What the file was when it was last handed out.
    handed: Option<Stat>,
}

/// See the module documentation.
#[derive(Debug)]
pub struct Readiness {
    settle: Duration,
    unclosed: Duration,
    files: HashMap<PathBuf, Seen>,
}

impl Readiness {
    /// A file is ready once unchanged for `settle` when only its changes are seen, or for
    /// `unclosed` when it was being written and its close was never reported.
    pub fn new(settle: Duration, unclosed: Duration) -> Readiness {
        Readiness {
            settle,
            unclosed,
            files: HashMap::new(),
        }
    }

    /// The file at `path` was seen as `stat` (found by a poll or in a new folder): ready
    /// once it settles.
    pub fn seen(&mut self, path: &Path, stat: Stat, now: Instant) {
        match self.files.get_mut(path) {
            Some(seen) if seen.stat == stat => {}
            Some(seen) => {
                seen.stat = stat;
                seen.since = now;
                seen.closed = false;
            }
            None => {
                self.files.insert(
                    path.to_path_buf(),
                    Seen {
                        stat,
                        since: now,
                        closed: false,
                        writing: false,
                        handed: None,
                    },
                );
            }
        }
    }

    /// The system reported a write to `path` (which then was `stat`), and will report its
    /// close: ready when closed, however long the writer pauses (or after `unclosed`).
    pub fn written(&mut self, path: &Path, stat: Stat, now: Instant) {
        self.seen(path, stat, now);
        if let Some(seen) = self.files.get_mut(path) {
            seen.writing = true;
            seen.closed = false;
        }
    }

    /// Its writer closed the file at `path`, which then was `stat`.
    pub fn closed(&mut self, path: &Path, stat: Stat, now: Instant) {
        self.seen(path, stat, now);
        if let Some(seen) = self.files.get_mut(path) {
            seen.closed = true;
            seen.writing = false;
        }
    }

    /// A file was renamed (or moved) to `path`: complete as it stands.
    pub fn renamed_to(&mut self, path: &Path, stat: Stat, now: Instant) {
        self.closed(path, stat, now);
    }

    /// The file at `path` is gone (deleted, or renamed away): forgotten. A folder's files
    /// go with it.
    pub fn removed(&mut self, path: &Path) {
        if self.files.remove(path).is_none() {
            self.files.retain(|file, _| !file.starts_with(path));
        }
    }

    /// A file found in the folders when watching starts, `wall` being the time by the wall
    /// clock: if its modification time is at least the settle time old, it is complete, to be
    /// imported at once (and then known, not handed out again until it changes); if younger
    /// (or unknown), its writer may still be at it, so it is seen and left to close or
    /// settle. Returns whether it is complete.
    pub fn found(&mut self, path: &Path, stat: Stat, now: Instant, wall: SystemTime) -> bool {
        let settled = stat
            .mtime
            .and_then(|mtime| wall.duration_since(mtime).ok())
            .is_some_and(|age| age >= self.settle);
        if settled {
            self.known(path, stat, now);
        } else {
            self.seen(path, stat, now);
        }
        settled
    }

    /// A file already dealt with (imported at start): not handed out until it changes.
    pub fn known(&mut self, path: &Path, stat: Stat, now: Instant) {
        self.files.insert(
            path.to_path_buf(),
            Seen {
                stat,
                since: now,
                closed: true,
                writing: false,
                handed: Some(stat),
            },
        );
    }

    /// The files that are ready at `now` and were not handed out as they are, in path order;
    /// they count as handed out.
    pub fn ready(&mut self, now: Instant) -> Vec<PathBuf> {
        let (settle, unclosed) = (self.settle, self.unclosed);
        let mut ready: Vec<PathBuf> = self
            .files
            .iter_mut()
            .filter(|(_, seen)| seen.handed != Some(seen.stat) && now >= seen.due(settle, unclosed))
            .map(|(path, seen)| {
                seen.handed = Some(seen.stat);
                path.clone()
            })
            .collect();
        ready.sort();
        ready
    }

    /// When the next file waiting to settle will be ready (if nothing else happens to it).
    pub fn next_due(&self) -> Option<Instant> {
        self.files
            .values()
            .filter(|seen| seen.handed != Some(seen.stat))
            .map(|seen| seen.due(self.settle, self.unclosed))
            .min()
    }

    /// How many files are waiting to be ready.
    pub fn waiting(&self) -> usize {
        self.files
            .values()
            .filter(|seen| seen.handed != Some(seen.stat))
            .count()
    }
}

impl Seen {
    /// When the file is ready if nothing more happens to it.
    fn due(&self, settle: Duration, unclosed: Duration) -> Instant {
        if self.closed {
            self.since
        } else if self.writing {
            self.since + unclosed
        } else {
            self.since + settle
        }
    }
}

/// Whether a file name is one to leave alone until it is renamed: hidden (`.name`, the
/// temporary name of many writers) or marked unfinished (`*.part`, `*.tmp`).
pub fn ignored(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return true;
    };
    let name = name.to_string_lossy();
    name.starts_with('.')
        || Path::new(name.as_ref())
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("part") || ext.eq_ignore_ascii_case("tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTLE: Duration = Duration::from_secs(1);
    const UNCLOSED: Duration = Duration::from_secs(30);

    fn stat(size: u64, secs: u64) -> Stat {
        Stat {
            size,
            mtime: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
        }
    }

    fn ms(start: Instant, n: u64) -> Instant {
        start + Duration::from_millis(n)
    }

    fn names(paths: Vec<PathBuf>) -> Vec<String> {
        paths.into_iter().map(|p| p.display().to_string()).collect()
    }

    #[test]
    fn a_file_written_slowly_is_ready_when_closed_not_before() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        let p = Path::new("in/a.txt");
        r.written(p, stat(10, 1), t);
        assert!(r.ready(ms(t, 500)).is_empty());
        r.written(p, stat(20, 2), ms(t, 900));
        // Held open through a long pause: not ready while its close is awaited.
        assert!(r.ready(ms(t, 5000)).is_empty());
        r.closed(p, stat(30, 3), ms(t, 6000));
        assert_eq!(names(r.ready(ms(t, 6000))), ["in/a.txt"]);
        assert!(r.ready(ms(t, 9000)).is_empty(), "handed out once");
        assert_eq!(r.waiting(), 0);
        // A writer whose close never comes: ready after the long wait.
        let q = Path::new("in/b.txt");
        r.written(q, stat(5, 1), t);
        assert_eq!(r.next_due(), Some(t + UNCLOSED));
        assert_eq!(names(r.ready(t + UNCLOSED)), ["in/b.txt"]);
    }

    #[test]
    fn without_a_close_a_file_is_ready_once_it_settles() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        let p = Path::new("a.txt");
        r.seen(p, stat(10, 1), t);
        r.seen(p, stat(20, 1), ms(t, 600));
        assert_eq!(r.next_due(), Some(ms(t, 1600)));
        assert!(r.ready(ms(t, 1599)).is_empty());
        // The same size and time seen again (a poll) does not restart the clock.
        r.seen(p, stat(20, 1), ms(t, 1500));
        assert_eq!(names(r.ready(ms(t, 1600))), ["a.txt"]);
        assert_eq!(r.next_due(), None);
    }

    /// `scripts/torture.sh` (TORTURE_SEED=520958737, round 21): a watcher started while a
    /// file was being written imported its first half at once, then the whole file as a new
    /// version of it.
    #[test]
    fn a_file_being_written_when_watching_starts_is_not_imported_half_written() {
        let t = Instant::now();
        let wall = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        let old = Path::new("old.txt");
        assert!(
            r.found(old, stat(10, 990), t, wall),
            "settled long ago: at once"
        );
        assert!(r.ready(ms(t, 5000)).is_empty(), "and not handed out again");
        let half = Path::new("half.txt");
        let young = Stat {
            size: 5,
            mtime: Some(wall - Duration::from_millis(200)),
        };
        assert!(!r.found(half, young, t, wall));
        assert!(r.ready(t).is_empty());
        // Its writer goes on, then closes it: ready then, once.
        r.written(half, stat(8, 1000), ms(t, 100));
        assert!(r.ready(ms(t, 5000)).is_empty());
        r.closed(half, stat(10, 1000), ms(t, 6000));
        assert_eq!(names(r.ready(ms(t, 6000))), ["half.txt"]);
        assert!(r.ready(ms(t, 9000)).is_empty());
        // One whose writer is never heard from again is ready once it settles.
        let quiet = Path::new("quiet.txt");
        assert!(!r.found(quiet, young, t, wall));
        assert_eq!(names(r.ready(t + SETTLE)), ["quiet.txt"]);
        // Without a modification time, too.
        let unknown = Stat {
            size: 3,
            mtime: None,
        };
        assert!(!r.found(Path::new("u.txt"), unknown, t, wall));
    }

    #[test]
    fn a_file_renamed_into_place_is_ready_at_once() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        r.renamed_to(Path::new("b.txt"), stat(99, 5), t);
        assert_eq!(names(r.ready(t)), ["b.txt"]);
    }

    #[test]
    fn a_part_file_waits_for_its_rename() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        let part = Path::new("c.txt.part");
        assert!(ignored(part) && ignored(Path::new(".c.txt")) && ignored(Path::new("x.TMP")));
        assert!(!ignored(Path::new("c.txt")) && !ignored(Path::new("part")));
        // The plumbing never feeds ignored names; their rename away and into place it does.
        r.removed(part);
        r.renamed_to(Path::new("c.txt"), stat(40, 7), ms(t, 10));
        assert_eq!(names(r.ready(ms(t, 10))), ["c.txt"]);
    }

    #[test]
    fn a_file_rewritten_in_place_is_ready_again() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        let p = Path::new("d.txt");
        r.known(p, stat(10, 1), t);
        assert!(r.ready(ms(t, 5000)).is_empty(), "imported at start");
        r.closed(p, stat(10, 1), ms(t, 5000));
        assert!(r.ready(ms(t, 5000)).is_empty(), "a close without a change");
        r.seen(p, stat(12, 9), ms(t, 6000));
        r.closed(p, stat(12, 9), ms(t, 6001));
        assert_eq!(names(r.ready(ms(t, 6001))), ["d.txt"]);
        // Rewritten with the same bytes but touched: ready again (the importer skips it).
        r.closed(p, stat(12, 10), ms(t, 7000));
        assert_eq!(names(r.ready(ms(t, 7000))), ["d.txt"]);
    }

    #[test]
    fn a_deleted_file_is_forgotten() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        let p = Path::new("e.txt");
        r.seen(p, stat(10, 1), t);
        r.removed(p);
        assert!(r.ready(ms(t, 5000)).is_empty());
        assert_eq!(r.next_due(), None);
        // A folder moved away takes its files along.
        r.seen(Path::new("sub/f.txt"), stat(1, 1), t);
        r.removed(Path::new("sub"));
        assert_eq!(r.waiting(), 0);
        // The same name later is a new file.
        r.closed(p, stat(10, 1), ms(t, 6000));
        assert_eq!(names(r.ready(ms(t, 6000))), ["e.txt"]);
    }

    #[test]
    fn a_burst_is_handed_out_together_in_path_order() {
        let t = Instant::now();
        let mut r = Readiness::new(SETTLE, UNCLOSED);
        for n in (0..1000).rev() {
            let p = PathBuf::from(format!("burst/{n:04}.txt"));
            r.seen(&p, stat(5, 1), t);
            if n % 2 == 0 {
                r.closed(&p, stat(10, 2), ms(t, 1));
            }
        }
        let closed = r.ready(ms(t, 2));
        assert_eq!(closed.len(), 500);
        assert!(closed.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(r.waiting(), 500);
        assert_eq!(r.ready(ms(t, 1000)).len(), 500, "the rest once settled");
    }
}
