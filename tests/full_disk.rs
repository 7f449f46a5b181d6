//! An import that cannot write (issue 13, "A crash-proof archive"): on a full disk or into a
//! folder it may not write to, it must fail with exit 2 and a message naming the path and the
//! system's cause once, leave no temporary files behind, and leave an archive and index that
//! `dateline bench check` passes, every story committed before still there.
//!
//! The full disk is a 2 MiB tmpfs, so those tests run only where one can be mounted (root with
//! the capability); the unwritable folder only where permissions bind (not root). Elsewhere a
//! test says why it skipped, and passes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use tempfile::TempDir;

/// `dateline` with its own home and config folders.
fn dateline(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dateline").unwrap();
    cmd.env_remove("DATELINE_CONFIG")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    cmd
}

/// A 2 MiB tmpfs, unmounted on drop (also when a test fails).
struct Tmpfs {
    dir: TempDir,
}

impl Tmpfs {
    fn mount() -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("full_disk: skipped: cannot mount a tmpfs here (it takes root)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmount = |args: &[&str]| {
            std::process::Command::new("umount")
                .args(args)
                .arg(self.dir.path())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !unmount(&[]) {
            // Busy (a process of a failed test still has a file open): detach it.
            unmount(&["-l"]);
        }
    }
}

/// An import that failed for want of space, and what the archive held before it.
struct FullDisk {
    /// The failed import's output.
    failed: Output,
    archive: PathBuf,
    /// The ids committed before it (`bench check --dump-ids` after the last import that
    /// succeeded).
    committed: PathBuf,
    work: TempDir,
    disk: Tmpfs,
}

/// Imports synthetic copy files, 50 at a time, into an archive on a 2 MiB tmpfs until an
/// import fails; `None` where no tmpfs can be mounted.
fn fill_the_disk() -> Option<FullDisk> {
    let disk = Tmpfs::mount()?;
    let work = tempfile::tempdir().unwrap();
    let copies = work.path().join("copies");
    dateline(work.path())
        .args(["bench", "gen", "1000", "--copy"])
        .arg(&copies)
        .assert()
        .success();
    let mut files: Vec<PathBuf> = std::fs::read_dir(copies.join("000000"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let archive = disk.path().join("archive.jsonl");
    let committed = work.path().join("committed-ids");
    std::fs::write(&committed, "").unwrap();
    for (n, chunk) in files.chunks(50).enumerate() {
        let out = dateline(work.path())
            .arg("--archive")
            .arg(&archive)
            .arg("import")
            .args(chunk)
            .output()
            .unwrap();
        if !out.status.success() {
            assert!(n > 0, "the first import already failed: {out:?}");
            return Some(FullDisk {
                failed: out,
                archive,
                committed,
                work,
                disk,
            });
        }
        // What succeeded is whole, and is what must survive the failure to come.
        dateline(work.path())
            .arg("--archive")
            .arg(&archive)
            .args(["bench", "check", "--dump-ids"])
            .arg(&committed)
            .assert()
            .success();
    }
    panic!("1,000 stories never filled 2 MiB");
}

impl FullDisk {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.failed.stderr).into_owned()
    }

    /// `bench check` on the archive, expecting what was committed: (exit code, output).
    fn check(&self) -> (Option<i32>, String) {
        let out = dateline(self.work.path())
            .arg("--archive")
            .arg(&self.archive)
            .args(["bench", "check", "--expect-ids"])
            .arg(&self.committed)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }
}

/// Temporary files (`.NAME.XXXX.tmp`) left in `dir`.
fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.starts_with('.') && Path::new(name).extension().is_some_and(|e| e == "tmp")
        })
        .collect()
}

#[test]
fn a_full_disk_fails_the_import_and_loses_nothing() {
    let Some(full) = fill_the_disk() else {
        return;
    };
    let stderr = full.stderr();
    assert_eq!(full.failed.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&full.archive.display().to_string()),
        "names the archive: {stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(temporary_files(full.disk.path()), Vec::<String>::new());
    // Whatever else the check says of the index, no story is lost, repeated or cut.
    let (_, report) = full.check();
    for kind in [
        "lost story",
        "repeated id",
        "half-written line",
        "damaged line",
    ] {
        assert!(!report.contains(&format!("problem: {kind}")), "{report}");
    }
}

#[test]
fn a_full_disk_is_said_once_and_leaves_an_archive_the_check_passes() {
    let Some(full) = fill_the_disk() else {
        return;
    };
    let stderr = full.stderr();
    assert_eq!(full.failed.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.matches("No space left on device").count(),
        1,
        "the cause once: {stderr}"
    );
    assert_eq!(
        stderr.matches(&full.archive.display().to_string()).count(),
        1,
        "the path once: {stderr}"
    );
    assert_eq!(temporary_files(full.disk.path()), Vec::<String>::new());
    let (code, report) = full.check();
    assert_eq!(code, Some(0), "{report}");
}

/// An import into a folder made read-only: (its output, the archive path); `None` where
/// permissions do not bind (root).
fn import_into_a_read_only_folder(home: &Path) -> Option<(Output, PathBuf)> {
    use std::os::unix::fs::PermissionsExt;
    let folder = home.join("read-only");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bound = std::fs::File::create(folder.join("probe")).is_err();
    let _ = std::fs::remove_file(folder.join("probe"));
    if !bound {
        eprintln!("full_disk: skipped: permissions do not bind here (running as root)");
        return None;
    }
    let archive = folder.join("archive.jsonl");
    let story = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories/ap-harbour.txt");
    let out = dateline(home)
        .arg("--archive")
        .arg(&archive)
        .arg("import")
        .arg(story)
        .output()
        .unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    Some((out, archive))
}

#[test]
fn an_unwritable_folder_fails_the_import_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let Some((out, archive)) = import_into_a_read_only_folder(home.path()) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&archive.display().to_string()), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    assert_eq!(
        temporary_files(&home.path().join("read-only")),
        Vec::<String>::new()
    );
}

#[test]
fn an_unwritable_folder_is_said_once() {
    let home = tempfile::tempdir().unwrap();
    let Some((out, archive)) = import_into_a_read_only_folder(home.path()) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("Permission denied").count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches(&archive.display().to_string()).count(),
        1,
        "{stderr}"
    );
}
