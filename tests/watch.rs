//! `dateline watch` end to end: the real binary on a temporary archive and folder, story
//! files written slowly, renamed into place, renamed from `.part`, rewritten and dropped in
//! bursts; the stories awaited through `dateline list --json`, the `ALERT` lines read from
//! stdout, then SIGTERM: exit 0, nothing lost, nothing twice.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

use common::Sandbox;

/// Generous: the machine may be busy; nothing here measures speed.
const PATIENCE: Duration = Duration::from_secs(60);

impl Sandbox {
    /// A sandbox with its watched folder.
    fn with_inbox() -> Sandbox {
        let sandbox = Sandbox::new();
        std::fs::create_dir_all(sandbox.inbox()).unwrap();
        sandbox
    }

    fn inbox(&self) -> PathBuf {
        self.dir.path().join("in")
    }

    /// The version counts `list --json` shows, by headline.
    fn versions(&self, headline: &str) -> usize {
        let out = self.cmd(&["list", "--json"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["headline"] == headline)
            .and_then(|v| v["versions"].as_u64())
            .map_or(0, |n| usize::try_from(n).unwrap())
    }

    /// `dateline watch IN ARGS…`, its stdout gathered line by line as it runs.
    fn watch(&self, args: &[&str]) -> Watcher {
        let mut cmd = self.cmd(&["watch"]);
        cmd.arg(self.inbox()).args(args);
        let mut child = cmd.spawn().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().unwrap();
        let gathered = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                gathered.lock().unwrap().push(line.unwrap());
            }
        });
        Watcher { child, lines }
    }

    /// The headlines `list --json` shows (stories, newest version each).
    fn headlines(&self) -> Vec<String> {
        let out = self.cmd(&["list", "--json"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["headline"].as_str().unwrap().to_string()
            })
            .collect()
    }

    fn wait_for_headlines(&self, wanted: &[&str]) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let have = self.headlines();
            if wanted.iter().all(|w| have.iter().any(|h| h == w)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "still waiting for {wanted:?}; the archive lists {have:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The archive's stories with this headline, as JSON.
    fn stories(&self, headline: &str) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.archive())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["headline"] == headline)
            .collect()
    }
}

struct Watcher {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Watcher {
    fn wait_for_line(&self, wanted: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.lines.lock().unwrap().iter().any(|l| l == wanted) {
            assert!(
                Instant::now() < deadline,
                "no line {wanted:?} in {:?}",
                self.lines.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGTERM, then the exit status and stderr.
    fn terminate(mut self) -> (i32, String, Vec<String>) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut self.child.stderr.take().unwrap(), &mut stderr).unwrap();
        let code = self.child.wait().unwrap().code().unwrap_or(-1);
        // The reader thread ends at EOF; give it a moment to take the last lines.
        std::thread::sleep(Duration::from_millis(100));
        let lines = self.lines.lock().unwrap().clone();
        (code, stderr, lines)
    }
}

/// A plain-text story we write ourselves: headline, dateline lead, a closing paragraph.
fn story(headline: &str, body: &str) -> String {
    format!(
        "{headline}\n\nNAIROBI, Dec 2, 2025 (Reuters) - {body}\n\nMore rain is due on Friday.\n"
    )
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn files_written_slowly_renamed_and_rewritten_are_imported_once_each() {
    let sandbox = Sandbox::with_inbox();
    let inbox = sandbox.inbox();
    write(
        &inbox.join("before.txt"),
        &story("Port reopens after storm", "The port reopened on Tuesday."),
    );
    let watcher = sandbox.watch(&["--alert", "'floods", "--alert", "agency:reuters 'bridge"]);
    sandbox.wait_for_headlines(&["Port reopens after storm"]);

    // Written slowly, held open: never read half-way (a pause longer than the settle time).
    let slow = story(
        "Floods close roads",
        "Floods closed roads across the city on Monday, officials said.",
    );
    let (first, rest) = slow.split_at(slow.len() / 2);
    let mut file = std::fs::File::create(inbox.join("slow.txt")).unwrap();
    file.write_all(first.as_bytes()).unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    file.write_all(rest.as_bytes()).unwrap();
    drop(file);

    // Renamed into place from a hidden temporary name, and from a `.part` name; in a new
    // subfolder for good measure.
    let tmp = inbox.join(".bridge.txt.tmp");
    write(
        &tmp,
        &story("Bridge shut for repairs", "The bridge was shut on Monday."),
    );
    std::fs::rename(&tmp, inbox.join("bridge.txt")).unwrap();
    std::fs::create_dir(inbox.join("sub")).unwrap();
    let part = inbox.join("sub/schools.txt.part");
    write(
        &part,
        &story("Schools stay closed", "Schools stayed closed on Monday."),
    );
    std::thread::sleep(Duration::from_millis(300));
    std::fs::rename(&part, inbox.join("sub/schools.txt")).unwrap();
    sandbox.wait_for_headlines(&[
        "Floods close roads",
        "Bridge shut for repairs",
        "Schools stay closed",
    ]);

    // Rewritten in place: a new version of the story (its label is not part of the headline).
    write(
        &inbox.join("slow.txt"),
        &story(
            "UPDATE 1-Floods close roads",
            "Floods closed roads and schools across the city on Monday, officials said.",
        ),
    );
    let deadline = Instant::now() + PATIENCE;
    while sandbox.versions("Floods close roads") < 2 {
        assert!(Instant::now() < deadline, "the rewrite never landed");
        std::thread::sleep(Duration::from_millis(100));
    }
    watcher.wait_for_line("ALERT agency:reuters 'bridge: Bridge shut for repairs");
    // A deleted file is forgotten; nothing leaves the archive.
    std::fs::remove_file(inbox.join("bridge.txt")).unwrap();

    let (code, stderr, lines) = watcher.terminate();
    assert_eq!(code, 0, "{stderr}");
    let (count, ids) = sandbox.archive_ids();
    assert_eq!((count, ids.len()), (5, 5), "{lines:?}");
    let floods = sandbox.stories("Floods close roads");
    assert_eq!(floods.len(), 2);
    let paragraphs = floods[0]["paragraphs"].to_string();
    assert!(
        paragraphs.contains("More rain is due on Friday."),
        "read whole: {paragraphs}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("  Reuters  Floods close roads")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("  Reuters  Floods close roads  (new version)")),
        "{lines:?}"
    );
    let flood_alerts = lines
        .iter()
        .filter(|l| *l == "ALERT 'floods: Floods close roads")
        .count();
    assert_eq!(flood_alerts, 2, "both versions: {lines:?}");
    let alerts = lines.iter().filter(|l| l.starts_with("ALERT ")).count();
    assert_eq!(alerts, 3, "{lines:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_burst_is_imported_whole_and_a_broken_file_does_not_stop_the_watcher() {
    let sandbox = Sandbox::with_inbox();
    let watcher = sandbox.watch(&[]);
    std::thread::sleep(Duration::from_millis(300));
    write(&sandbox.inbox().join("broken.txt"), "\0\0\0 not a story");
    let out = sandbox
        .bare_cmd()
        .args(["bench", "gen", "300", "--seed", "7", "--copy"])
        .arg(sandbox.inbox().join("burst"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deadline = Instant::now() + PATIENCE;
    while !sandbox.archive().exists() || sandbox.archive_ids().0 < 300 {
        assert!(Instant::now() < deadline, "the burst never landed whole");
        std::thread::sleep(Duration::from_millis(200));
    }
    write(
        &sandbox.inbox().join("after.txt"),
        &story("Ferry resumes service", "The ferry resumed service."),
    );
    sandbox.wait_for_headlines(&["Ferry resumes service"]);
    let (code, stderr, lines) = watcher.terminate();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("broken.txt"), "{stderr}");
    let (count, ids) = sandbox.archive_ids();
    assert_eq!((count, ids.len()), (301, 301));
    assert_eq!(lines.len(), 301, "one line per story");
}

#[test]
fn polling_finds_files_too_and_a_restart_imports_nothing_twice() {
    let sandbox = Sandbox::with_inbox();
    let watcher = sandbox.watch(&["--poll"]);
    std::thread::sleep(Duration::from_millis(300));
    let tmp = sandbox.inbox().join("a.part");
    write(&tmp, &story("Dam level rises", "The dam rose a metre."));
    std::fs::rename(&tmp, sandbox.inbox().join("a.txt")).unwrap();
    write(
        &sandbox.inbox().join("b.txt"),
        &story("Rail line floods", "The rail line flooded."),
    );
    sandbox.wait_for_headlines(&["Dam level rises", "Rail line floods"]);
    let (code, stderr, _) = watcher.terminate();
    assert_eq!(code, 0, "{stderr}");

    // Started again over the same folder: the files there are in already.
    let watcher = sandbox.watch(&[]);
    write(
        &sandbox.inbox().join("c.txt"),
        &story("Power returns", "Power returned to the city."),
    );
    sandbox.wait_for_headlines(&["Power returns"]);
    let (code, stderr, lines) = watcher.terminate();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(sandbox.archive_ids().1.len(), 3);
}

#[test]
fn a_missing_folder_is_an_error() {
    let sandbox = Sandbox::with_inbox();
    let out = sandbox
        .cmd(&["watch"])
        .arg(sandbox.dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

#[test]
fn the_config_names_the_folders_the_alerts_and_the_command() {
    let sandbox = Sandbox::with_inbox();
    let config = sandbox.dir.path().join("config.toml");
    let ran = sandbox.dir.path().join("ran.txt");
    std::fs::write(
        &config,
        format!(
            "[watch]\nfolders = [{inbox:?}]\n\n[[alerts]]\nname = \"floods\"\nquery = \"'floods agency:reuters\"\n\n\
             [notify]\nmethod = \"osc9\"\ncommand = 'printf \"%s|%s\" \"$DATELINE_ALERT\" \"$DATELINE_HEADLINE\" > {ran:?}.tmp && mv {ran:?}.tmp {ran:?}'\n",
            inbox = sandbox.inbox().display().to_string(),
            ran = ran.display().to_string(),
        ),
    )
    .unwrap();
    let mut cmd = sandbox.cmd(&["--config"]);
    cmd.arg(&config).arg("watch");
    let child = cmd.spawn().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let watcher = Watcher { child, lines };
    std::thread::sleep(Duration::from_millis(300));
    write(
        &sandbox.inbox().join("a.txt"),
        &story("Floods close roads", "Floods closed roads."),
    );
    let deadline = Instant::now() + PATIENCE;
    while !ran.exists() {
        assert!(Instant::now() < deadline, "the alert command never ran");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&ran).unwrap(),
        "floods|Floods close roads"
    );
    let mut watcher = watcher;
    let mut stdout = String::new();
    let out = watcher.child.stdout.take().unwrap();
    let (code, stderr, _) = watcher.terminate();
    std::io::Read::read_to_string(&mut { out }, &mut stdout).unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("ALERT floods: Floods close roads\n"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no escape sequences into a pipe");
}
