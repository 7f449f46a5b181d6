//! Several processes on one archive: two imports at once are serialised by the lock and both
//! succeed without duplicates; a writer that finds the lock taken says so once and waits (or
//! gives up after `--lock-timeout`); a reader during an import sees only committed batches;
//! the desk state survives `kill -9` at any moment of a `mark`, keeping every mark made.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

mod common;

use common::Sandbox;

const STORIES: &str = "tests/fixtures/stories";

impl Sandbox {
    /// `n` synthetic story files in a folder of the sandbox.
    fn copies(&self, n: usize) -> PathBuf {
        let dir = self.dir.path().join("copies");
        let out = self
            .bare_cmd()
            .args(["bench", "gen", &n.to_string(), "--copy"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn two_imports_at_once_are_serialised_and_both_succeed() {
    let sb = Sandbox::new();
    let copies = sb.copies(600);
    let a = sb.cmd(&["import", path_arg(&copies)]).spawn().unwrap();
    let b = sb.cmd(&["import", path_arg(&copies)]).spawn().unwrap();
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    let said: Vec<String> = [&a, &b].iter().map(|o| stderr(o)).collect();
    // One imported everything, the other found it all there.
    let mut counts: Vec<bool> = said
        .iter()
        .map(|s| s.contains("imported 600, duplicates 0"))
        .collect();
    counts.sort_unstable();
    assert_eq!(counts, [false, true], "{said:?}");
    assert!(
        said.iter()
            .any(|s| s.contains("imported 0, duplicates 600")),
        "{said:?}"
    );
    for s in &said {
        assert!(s.matches("waiting for it to finish").count() <= 1, "{s}");
    }
    let (lines, ids) = sb.archive_ids();
    assert_eq!((lines, ids.len()), (600, 600));
}

#[test]
fn a_writer_that_finds_the_lock_taken_says_so_once_and_waits() {
    let sb = Sandbox::new();
    let lock = dateline::archive::WriteLock::acquire(&sb.archive()).unwrap();

    let out = sb
        .cmd(&["import", "--lock-timeout", "0.3", STORIES])
        .output()
        .unwrap();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert_eq!(
        said.matches("waiting for it to finish").count(),
        1,
        "{said}"
    );
    assert!(said.contains("gave up (raise --lock-timeout)"), "{said}");
    assert!(!sb.archive().exists(), "nothing written");

    // Without a timeout it waits as long as the lock is held, then imports.
    let mut waiting = sb.cmd(&["import", STORIES]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert!(waiting.try_wait().unwrap().is_none(), "still waiting");
    drop(lock);
    let out = waiting.wait_with_output().unwrap();
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(
        said.matches("waiting for it to finish").count(),
        1,
        "{said}"
    );
    assert!(said.contains("imported 7, duplicates 0"), "{said}");
}

#[test]
fn a_reader_during_an_import_sees_only_committed_batches() {
    let sb = Sandbox::new();
    let copies = sb.copies(1200);
    let mut import = sb
        .cmd(&["import", "--commit-every", "200", path_arg(&copies)])
        .spawn()
        .unwrap();
    // List while the import runs: every count seen is a whole number of committed batches
    // (200 stories each) or all of them, never a half-written line (which a reader would
    // report as damaged).
    let mut seen = Vec::new();
    while import.try_wait().unwrap().is_none() {
        let out = sb.cmd(&["list", "--json"]).output().unwrap();
        let said = stderr(&out);
        assert!(!said.contains("skipped, kept in the file"), "{said}");
        if !out.status.success() || said.contains("no archive at") {
            // Before the import made the archive: the built-in samples.
            continue;
        }
        let versions: u64 = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["versions"].as_u64().unwrap()
            })
            .sum();
        seen.push(versions);
    }
    assert!(import.wait().unwrap().success());
    assert!(seen.is_sorted(), "{seen:?}");
    assert!(
        seen.iter().any(|&n| n > 0 && n < 1200),
        "no reader ran mid-import: {seen:?}"
    );
    for n in &seen {
        assert!(n % 200 == 0, "saw {n} stories: {seen:?}");
    }
}

/// The desk state beside the archive, as `dateline` writes it: starred ids.
fn starred_ids(sandbox: &Sandbox) -> HashSet<String> {
    let state = dateline::state::DeskState::load(&sandbox.archive())
        .expect("the state file is whole after every kill");
    sandbox
        .archive_ids()
        .1
        .into_iter()
        .filter(|id| state.is_starred(id))
        .collect()
}

#[test]
fn the_desk_state_survives_kill_9_mid_write_and_keeps_every_mark_made() {
    let sandbox = Sandbox::new();
    let copies = sandbox.copies(40);
    let out = sandbox
        .cmd(&["import", path_arg(&copies)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The list's rows: each story's newest version, which a star goes on.
    let out = sandbox.cmd(&["list", "--json"]).output().unwrap();
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(l).unwrap();
            row["id"].as_str().unwrap().to_string()
        })
        .collect();
    let mut kept = HashSet::new();
    let mut killed = 0;
    for (i, id) in ids.iter().enumerate() {
        let mut child = sandbox.cmd(&["mark", id, "--star"]).spawn().unwrap();
        // Every other one is killed a moment in: before, during or after its write.
        if i % 2 == 1 {
            std::thread::sleep(Duration::from_millis(i as u64 % 13));
            let _ = child.kill();
        }
        let status = child.wait().unwrap();
        if status.success() {
            kept.insert(id.clone());
        } else {
            killed += 1;
        }
        let starred = starred_ids(&sandbox);
        assert!(
            kept.is_subset(&starred),
            "a mark that was made was lost: {:?}",
            kept.difference(&starred).collect::<Vec<_>>()
        );
    }
    assert!(killed > 0, "some marks were killed");
    assert!(
        kept.len() >= ids.len() / 2,
        "{} of {} kept",
        kept.len(),
        ids.len()
    );
    eprintln!("{killed} of {} marks killed", ids.len());
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp") || n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
