//! The command line end to end: import → list → show → export, duplicates, broken files,
//! damaged archive lines, an interrupted write, config errors, the embedded sample archive.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const STORIES: &str = "tests/fixtures/stories";
const BROKEN: &str = "tests/fixtures/broken";

/// A sandbox: its own home, config and data folders, so the user's real ones are never touched.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn archive(&self) -> PathBuf {
        self.path("archive.jsonl")
    }

    /// `dateline` with the sandbox's environment and `--archive` set.
    fn cmd(&self) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.arg("--archive").arg(self.archive());
        cmd
    }

    /// `dateline` with the sandbox's environment only.
    fn bare_cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("dateline").unwrap();
        cmd.env_remove("DATELINE_CONFIG")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("COLUMNS", "100");
        cmd
    }

    fn import(&self, paths: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().arg("import").args(paths).assert()
    }

    fn ids(&self) -> Vec<String> {
        let out = self.cmd().args(["list", "--json"]).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["id"].as_str().unwrap().to_string()
            })
            .collect()
    }
}

fn fixture_count() -> usize {
    std::fs::read_dir(STORIES).unwrap().count()
}

#[test]
fn import_list_show_export() {
    let sb = Sandbox::new();
    sb.import(&[STORIES])
        .success()
        .stderr(predicate::str::contains(format!(
            "imported {}, duplicates 0, failed 0",
            fixture_count()
        )));

    // list: newest first, one line per story.
    let out = sb.cmd().arg("list").output().unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert_eq!(list.lines().count(), fixture_count(), "{list}");
    // Newest first; a dateline without a year ("Aug 27 (Reuters) -") is dated by when its file
    // reached the desk (its modification time), so it is not undated.
    let position = |text: &str| list.lines().position(|l| l.contains(text)).unwrap();
    assert!(position("2025-03-14") < position("2025-02-04"), "{list}");
    assert!(
        !list
            .lines()
            .any(|l| l.contains("undated") && l.contains("Shipping rates")),
        "{list}"
    );
    assert!(
        list.contains("FREEDONIA CITY") && list.contains("Reuters"),
        "{list}"
    );

    // show: reflowed to the width asked for.
    let id = sb
        .ids()
        .into_iter()
        .find(|id| {
            let out = sb.cmd().args(["show", id, "--json"]).output().unwrap();
            String::from_utf8_lossy(&out.stdout).contains("Freedonia holds rates")
        })
        .unwrap();
    let out = sb
        .cmd()
        .args(["show", &id[..6], "--width", "40"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
    assert!(
        text.contains("2025-02-04 · FREEDONIA CITY · Reuters"),
        "{text}"
    );

    // export: a Markdown file named for the date and headline; no overwrite without --force.
    let notes = sb.path("notes");
    sb.cmd()
        .args(["export", &id, "--to"])
        .arg(&notes)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2025-02-04-central-bank-of-freedonia-holds-rates",
        ));
    let file = std::fs::read_dir(&notes)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(
        md.starts_with("---\n") && md.contains("# Central bank of Freedonia"),
        "{md}"
    );
    sb.cmd()
        .args(["export", &id, "--to"])
        .arg(&notes)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));
    sb.cmd()
        .args(["export", &id, "--force", "--to"])
        .arg(&notes)
        .assert()
        .success();
    sb.cmd()
        .args(["export", &id, "--to", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("---\n"));
}

#[test]
fn archive_flag_goes_before_or_after_the_subcommand() {
    let sb = Sandbox::new();
    sb.bare_cmd()
        .arg("import")
        .arg(STORIES)
        .arg("--archive")
        .arg(sb.archive())
        .assert()
        .success();
    sb.bare_cmd()
        .arg("--archive")
        .arg(sb.archive())
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| {
            s.lines().count() == fixture_count()
        }));
}

#[test]
fn duplicates_are_skipped() {
    let sb = Sandbox::new();
    sb.import(&[STORIES]).success();
    sb.import(&[STORIES, "tests/fixtures/stories/latin1.txt"])
        .success()
        .stderr(predicate::str::contains(format!(
            "imported 0, duplicates {}, failed 0",
            fixture_count() + 1
        )));
    assert_eq!(sb.ids().len(), fixture_count());
}

#[test]
fn broken_files_are_reported_and_the_rest_imports() {
    let sb = Sandbox::new();
    sb.import(&[BROKEN, STORIES])
        .code(1)
        .stderr(predicate::str::contains("empty.txt: the file is empty"))
        .stderr(predicate::str::contains(
            "photo.txt: this looks like a binary file",
        ))
        .stderr(predicate::str::contains("story.xml:"))
        .stderr(predicate::str::contains(format!(
            "imported {}, duplicates 0, failed 3",
            fixture_count()
        )));
    assert_eq!(sb.ids().len(), fixture_count());
    sb.import(&["no/such/file.txt"])
        .code(1)
        .stderr(predicate::str::contains("no/such/file.txt: cannot read it"));
}

#[test]
fn damaged_archive_line_is_reported_and_kept() {
    let sb = Sandbox::new();
    sb.import(&["tests/fixtures/stories/reuters-rates.txt"])
        .success();
    let good = std::fs::read_to_string(sb.archive()).unwrap();
    std::fs::write(sb.archive(), format!("{good}{{\"id\": \"broken\n")).unwrap();

    sb.cmd()
        .args(["list", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("line 2:"))
        .stdout(predicate::function(|s: &str| s.lines().count() == 1));

    sb.import(&["tests/fixtures/stories/ap-harbour.txt"])
        .success();
    let after = std::fs::read_to_string(sb.archive()).unwrap();
    assert_eq!(after.lines().count(), 3, "{after}");
    assert!(
        after.contains("{\"id\": \"broken"),
        "the damaged line was dropped"
    );
}

#[test]
fn interrupted_write_leaves_the_old_archive() {
    let sb = Sandbox::new();
    sb.import(&["tests/fixtures/stories/no-place.txt"])
        .success();
    let before = std::fs::read(sb.archive()).unwrap();
    assert!(
        before.len() < 2048,
        "the first archive must fit under the limit"
    );

    // A file-size limit of 4 KiB kills the process (SIGXFSZ) in the middle of writing the
    // larger archive: a real interruption, not a simulated one.
    let bin = assert_cmd::cargo::cargo_bin("dateline");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -f 4 && exec "$0" --archive "$1" import "$2""#)
        .arg(&bin)
        .arg(sb.archive())
        .arg(STORIES)
        .env("HOME", sb.dir.path())
        .env("XDG_CONFIG_HOME", sb.path("config"))
        .env_remove("DATELINE_CONFIG")
        .status()
        .unwrap();
    assert!(!status.success(), "the write should have been cut off");
    // The next command that opens the archive cuts the unfinished batch off.
    let listed = sb.cmd().arg("list").assert().success();
    let stderr = String::from_utf8_lossy(&listed.get_output().stderr).to_string();
    assert!(stderr.contains("cut off the unfinished batch"), "{stderr}");
    assert_eq!(std::fs::read(sb.archive()).unwrap(), before);

    // The next import goes through, sweeps the half-written temp file, and reads cleanly.
    sb.import(&[STORIES]).success();
    assert_eq!(sb.ids().len(), fixture_count());
    let temps = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(temps, 0);
}

#[test]
fn fresh_machine_lists_the_embedded_samples() {
    let sb = Sandbox::new();
    let out = sb.bare_cmd().arg("list").output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.lines().count() >= 40, "{list}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("built-in sample stories"),
        "a fresh user is told where the stories come from"
    );
    // The samples can be read and exported like any story.
    let id: String = list.split_whitespace().next().unwrap().to_string();
    sb.bare_cmd().args(["show", &id]).assert().success();
    sb.bare_cmd()
        .args(["export", &id, "--to", "-"])
        .assert()
        .success();
}

#[test]
fn extract_json_follows_the_contract() {
    let sb = Sandbox::new();
    let out = sb
        .bare_cmd()
        .args(["extract", "--json"])
        .arg(Path::new(STORIES).join("mina-water-summit.txt"))
        .arg(Path::new(BROKEN).join("empty.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: the file is empty"));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["source"]["format"], "plain");
    assert_eq!(v["dateline"]["place"], "Amman");
    assert_eq!(v["agency"], "MINA");
    assert_eq!(v["published"], "2025-03-14");
    assert!(v["quotes"].is_array() && v["entities"].is_array());
    assert!(!sb.archive().exists(), "extract must not touch the archive");
}

#[test]
fn config_errors_name_the_file_and_the_key() {
    let sb = Sandbox::new();
    let config = sb.path("bad.toml");
    std::fs::write(&config, "measure = 80\ncolour = \"red\"\n").unwrap();
    sb.cmd()
        .arg("--config")
        .arg(&config)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml"))
        .stderr(predicate::str::contains("colour"));
    std::fs::write(&config, "measure = 5\n").unwrap();
    sb.cmd()
        .env("DATELINE_CONFIG", &config)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("measure"));
}

/// Keys and colours are checked before any command runs, not only when the reader opens: a
/// typo in `[keys]` must not pass silently through a month of `dateline list`.
#[cfg(feature = "tui")]
#[test]
fn bad_keys_and_colours_stop_every_command_naming_the_file() {
    let sb = Sandbox::new();
    let config = sb.path("bad.toml");
    for (text, key) in [
        ("[keys]\nq = \"fly\"\n", "keys.q"),
        ("[theme]\naccent = \"plaid\"\n", "theme.accent"),
    ] {
        std::fs::write(&config, text).unwrap();
        for command in [
            &["list"][..],
            &["show", "abcd"],
            &["export", "abcd", "--to", "-"],
        ] {
            sb.cmd()
                .arg("--config")
                .arg(&config)
                .args(command)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains("bad.toml"))
                .stderr(predicate::str::contains(key));
        }
    }
}

#[test]
fn config_sets_the_archive_and_the_measure() {
    let sb = Sandbox::new();
    let config = sb.path("config.toml");
    let archive = sb.path("elsewhere.jsonl");
    std::fs::write(
        &config,
        format!(
            "archive = {:?}\nmeasure = 30\n",
            archive.display().to_string()
        ),
    )
    .unwrap();
    sb.bare_cmd()
        .arg("--config")
        .arg(&config)
        .args(["import", "tests/fixtures/stories/reuters-rates.txt"])
        .assert()
        .success();
    assert!(archive.exists());
    let out = sb
        .bare_cmd()
        .arg("--config")
        .arg(&config)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let id = v["id"].as_str().unwrap();
    let out = sb
        .bare_cmd()
        .arg("--config")
        .arg(&config)
        .args(["show", id])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
}

#[test]
fn broken_pipe_is_not_an_error() {
    let sb = Sandbox::new();
    let bin = assert_cmd::cargo::cargo_bin("dateline");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#""$0" list | head -n 1"#)
        .arg(&bin)
        .env("HOME", sb.dir.path())
        .env("XDG_DATA_HOME", sb.path("data"))
        .env("XDG_CONFIG_HOME", sb.path("config"))
        .env_remove("DATELINE_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn list_filters_by_person_place_and_organisation() {
    let sb = Sandbox::new();
    sb.import(&[STORIES]).success();
    let count = |args: &[&str]| {
        let out = sb
            .cmd()
            .args(["list", "--json"])
            .args(args)
            .output()
            .unwrap();
        let rows = String::from_utf8(out.stdout).unwrap().lines().count();
        // Exit 1 when nothing is listed, as `search`.
        assert_eq!(out.status.code(), Some(i32::from(rows == 0)));
        rows
    };
    assert_eq!(count(&["--person", "Marta Ellery"]), 1);
    assert_eq!(
        count(&["--person", "ellery"]),
        1,
        "any form of the name, any case"
    );
    assert_eq!(count(&["--place", "Amman"]), 1);
    assert_eq!(count(&["--org", "Department of Marine Resources"]), 1);
    assert_eq!(count(&["--person", "Marta Ellery", "--place", "Amman"]), 0);
    assert_eq!(count(&["--place", "Atlantis"]), 0);
}

#[test]
fn extract_json_carries_quotes_and_entities() {
    let sb = Sandbox::new();
    let out = sb
        .bare_cmd()
        .args([
            "extract",
            "--json",
            "tests/fixtures/stories/reuters-rates.txt",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2);
    assert!(
        quotes.iter().all(|q| q["speaker"] == "Marta Ellery"),
        "{quotes:?}"
    );
    let people: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "person")
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(people, ["Marta Ellery"]);
}

#[test]
fn the_index_is_kept_beside_the_archive_and_rebuilt_when_damaged_or_stale() {
    let sb = Sandbox::new();
    sb.import(&[STORIES]).success();
    let index = sb.path("archive.jsonl.index");
    let fresh = std::fs::read(&index).expect("import writes the index");
    let listed = sb.ids();
    assert_eq!(listed.len(), fixture_count());

    // A damaged index is never trusted: the archive is read again and the index rewritten.
    let mut damaged = fresh.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0xff;
    std::fs::write(&index, &damaged).unwrap();
    assert_eq!(sb.ids(), listed);
    assert_ne!(std::fs::read(&index).unwrap(), damaged, "rewritten");

    // The archive edited by hand (a story removed): the stale index is not used.
    let text = std::fs::read_to_string(sb.archive()).unwrap();
    let kept: Vec<&str> = text.lines().skip(1).collect();
    std::fs::write(sb.archive(), kept.join("\n") + "\n").unwrap();
    assert_eq!(sb.ids().len(), fixture_count() - 1);

    // Full-text search reads the word index; show reads the story by its offset.
    let out = sb
        .cmd()
        .args(["search", "--json", "text:said"])
        .output()
        .unwrap();
    let found = String::from_utf8(out.stdout).unwrap();
    assert!(!found.is_empty(), "text: finds body words");
    let id: serde_json::Value = serde_json::from_str(found.lines().next().unwrap()).unwrap();
    sb.cmd()
        .args(["show", "--width", "60", id["id"].as_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("said"));
}

#[test]
fn bench_gen_writes_an_archive_that_lists() {
    let sb = Sandbox::new();
    let out = sb.cmd().args(["bench", "gen", "60"]).output().unwrap();
    assert!(out.status.success());
    // `generated 60 versions of 54 stories, …`: some stories come in several versions.
    let said = String::from_utf8(out.stderr).unwrap();
    let stories: usize = said
        .strip_prefix("generated 60 versions of ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    assert!((40..60).contains(&stories), "{said}");
    assert_eq!(
        sb.ids().len(),
        stories,
        "list --json: the newest version of each"
    );
    let out = sb.cmd().arg("list").output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert_eq!(list.lines().count(), stories, "one row a story: {list}");
    assert!(
        list.lines().all(|l| [
            "Reuters", "AP", "AFP", "dpa", "Anadolu", "MINA", "EFE", "ANSA", "Kyodo", "PTI"
        ]
        .iter()
        .any(|a| l.contains(a))),
        "{list}"
    );

    // Same N and seed, same bytes; an existing archive is kept unless --force.
    let first = std::fs::read(sb.archive()).unwrap();
    sb.cmd()
        .args(["bench", "gen", "60"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));
    sb.cmd()
        .args(["bench", "gen", "60", "--force"])
        .assert()
        .success();
    assert_eq!(std::fs::read(sb.archive()).unwrap(), first);

    // Story files import without a failure, to the same ids and the same stories.
    let copies = sb.path("copies");
    sb.bare_cmd()
        .args(["bench", "gen", "60", "--copy"])
        .arg(&copies)
        .assert()
        .success();
    sb.bare_cmd()
        .arg("--archive")
        .arg(sb.path("imported.jsonl"))
        .arg("import")
        .arg(&copies)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "imported 60, duplicates 0, failed 0",
        ));
    let line_ids = |path: &Path| {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
            .collect::<std::collections::HashSet<_>>()
    };
    let ids = line_ids(&sb.path("imported.jsonl"));
    assert_eq!(ids.len(), 60);
    assert_eq!(ids, line_ids(&sb.archive()));
    let out = sb
        .bare_cmd()
        .arg("--archive")
        .arg(sb.path("imported.jsonl"))
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        stories
    );

    // Without --archive or --copy it writes nowhere, least of all the configured archive.
    sb.bare_cmd()
        .args(["bench", "gen", "5"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--copy DIR"));
}

/// Copy for the desk-state tests: a story in two versions and a flash.
const FERRY_V1: &str = "Ferry strike halts island crossings

VALLETTA, Dec 5, 2025 (Reuters) - Ferry crews walked out on Friday, halting crossings to the islands, the operator said.

Talks are set for Monday.
";
const FERRY_V2: &str = "UPDATE 1-Ferry strike halts island crossings

(Adds union comment in paragraph 2)

VALLETTA, Dec 5, 2025 (Reuters) - Ferry crews walked out on Friday, halting crossings to the islands, the operator said.

\"We will stay out until the rota changes,\" a union official said.

Talks are set for Monday.
";
const DAM_FLASH: &str = "FLASH-Dam bursts above river town

RIVERTON, Dec 6, 2025 (AP) - A dam burst above the town on Saturday, officials said.
";

impl Sandbox {
    /// Writes `text` to a file named `name` in the sandbox; its path.
    fn story(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// `list --json` with these flags: each row as JSON.
    fn rows(&self, flags: &[&str]) -> Vec<serde_json::Value> {
        let out = self
            .cmd()
            .args(["list", "--json"])
            .args(flags)
            .output()
            .unwrap();
        let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // Exit 1 when nothing is listed, as `search`.
        assert_eq!(
            out.status.code(),
            Some(i32::from(rows.is_empty())),
            "{out:?}"
        );
        rows
    }
}

#[test]
fn read_and_starred_stories_follow_their_versions() {
    let sb = Sandbox::new();
    let v1 = sb.story("ferry-v1.txt", FERRY_V1);
    let flash = sb.story("dam.txt", DAM_FLASH);
    sb.import(&[&v1, &flash]).success();
    let rows = sb.rows(&[]);
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["read"] == false && r["starred"] == false)
    );
    let ferry = |rows: &[serde_json::Value]| {
        rows.iter()
            .find(|r| r["headline"].as_str().unwrap().starts_with("Ferry"))
            .map(|r| r["id"].as_str().unwrap().to_string())
    };
    let first = ferry(&rows).unwrap();
    // Nothing marked yet: the list keeps its columns.
    let plain = sb.cmd().arg("list").output().unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(plain.lines().all(|l| l.as_bytes()[10] != b'N'), "{plain}");

    sb.cmd()
        .args(["mark", &first[..6], "--read"])
        .assert()
        .success()
        .stdout(predicate::str::contains("read").and(predicate::str::contains("Ferry strike")));
    sb.cmd().args(["mark", &first, "--star"]).assert().success();
    assert_eq!(sb.rows(&["--unread"]).len(), 1);
    let plain = sb.cmd().arg("list").output().unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    let line = |text: &str| {
        plain
            .lines()
            .find(|l| l.contains(text))
            .unwrap()
            .to_string()
    };
    assert_eq!(&line("Ferry")[8..14], "   *  ", "{plain}");
    assert_eq!(&line("Dam bursts")[8..14], "  N   ", "{plain}");

    // A new version: unread again, still starred.
    let v2 = sb.story("ferry-v2.txt", FERRY_V2);
    sb.import(&[&v2]).success();
    let unread = sb.rows(&["--unread"]);
    assert_eq!(unread.len(), 2, "{unread:?}");
    let starred = sb.rows(&["--starred", "--unread"]);
    assert_eq!(starred.len(), 1);
    assert_ne!(ferry(&starred).unwrap(), first, "the newest version's row");
    assert_eq!(starred[0]["versions"], 2);

    // The first version's id names the story: unstarring takes every star off.
    sb.cmd()
        .args(["mark", &first, "--unstar"])
        .assert()
        .success();
    assert!(sb.rows(&["--starred"]).is_empty());
    sb.cmd().args(["mark", &first, "--read"]).assert().success();
    assert_eq!(sb.rows(&["--unread"]).len(), 1);

    // Unknown ids change nothing; exactly one of the four marks.
    let before = std::fs::read(sb.path("archive.jsonl.state")).unwrap();
    sb.cmd()
        .args(["mark", &first, "nosuchid", "--unread"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nosuchid"));
    sb.cmd()
        .args(["mark", &first, "--read", "--star"])
        .assert()
        .code(2);
    sb.cmd().args(["mark", &first]).assert().code(2);
    assert_eq!(
        std::fs::read(sb.path("archive.jsonl.state")).unwrap(),
        before
    );

    // A damaged state file stops commands, naming it; it is never reset.
    std::fs::write(sb.path("archive.jsonl.state"), "{\"read\": [").unwrap();
    sb.cmd()
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "archive.jsonl.state: the desk state is damaged",
        ));
    sb.cmd().args(["mark", &first, "--read"]).assert().code(2);
    assert_eq!(
        std::fs::read_to_string(sb.path("archive.jsonl.state")).unwrap(),
        "{\"read\": ["
    );
}

#[test]
fn saved_searches_and_urgency() {
    let sb = Sandbox::new();
    let v1 = sb.story("ferry-v1.txt", FERRY_V1);
    let flash = sb.story("dam.txt", DAM_FLASH);
    sb.import(&[&v1, &flash]).success();
    let search = |query: &str| {
        let out = sb.cmd().args(["search", "--json", query]).output().unwrap();
        let rows = String::from_utf8(out.stdout).unwrap().lines().count();
        (out.status.code().unwrap(), rows)
    };
    assert_eq!(search("urgency:1"), (0, 1));
    assert_eq!(search("urgency:<=3 | ferry"), (0, 2));
    assert_eq!(search("urgency:>1"), (1, 0));
    sb.cmd()
        .args(["search", "urgency:<="])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`urgency:<=` is not an urgency"));

    sb.cmd()
        .args(["search", "--save", "strikes", "ferry | 'walkout"])
        .assert()
        .success()
        .stdout(predicate::str::contains("saved @strikes"));
    sb.cmd()
        .args(["search", "--save", "wire", "@strikes", "agency:reuters"])
        .assert()
        .success();
    sb.cmd()
        .args(["search", "--save", "bad", "since:2026-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a time"));
    sb.cmd()
        .args(["search", "--save", "empty", "|"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no terms"));
    sb.cmd()
        .args(["search", "--save", "no good", "ferry"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot name a saved search"));
    assert_eq!(search("@wire"), (0, 1));
    assert_eq!(search("@strikes urgency:1"), (1, 0));
    assert_eq!(search("dam | @strikes"), (0, 2), "one OR group joins an OR");
    sb.cmd()
        .args(["search", "dam | @wire"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`@wire` cannot be joined with `|`",
        ));
    sb.cmd()
        .args(["search", "@nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no saved search `@nope`"));

    let ferry = sb
        .rows(&[])
        .into_iter()
        .find(|r| r["headline"].as_str().unwrap().starts_with("Ferry"))
        .unwrap();
    sb.cmd()
        .args(["mark", ferry["id"].as_str().unwrap(), "--read"])
        .assert()
        .success();
    let out = sb.cmd().args(["searches", "--json"]).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            serde_json::json!({"name": "strikes", "query": "ferry | 'walkout", "total": 1, "unread": 0}),
            serde_json::json!({"name": "wire", "query": "@strikes agency:reuters", "total": 1, "unread": 0}),
        ]
    );
    sb.cmd()
        .arg("searches")
        .assert()
        .success()
        .stdout(predicate::str::contains("@strikes").and(predicate::str::contains("0 unread")));
    sb.cmd()
        .args(["searches", "--remove", "strikes"])
        .assert()
        .success();
    // @wire now names a search that is gone: said, and the exit code says so.
    sb.cmd()
        .arg("searches")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "@wire: no saved search `@strikes`",
        ));
}

#[test]
fn an_archive_named_with_archive_must_exist_and_import_says_it_makes_its_folder() {
    let sb = Sandbox::new();
    let missing = sb.path("typo").join("archive.jsonl");
    for args in [
        vec!["list"],
        vec!["show", "abcd"],
        vec!["search", "port"],
        vec!["export", "abcd", "--to", "-"],
    ] {
        sb.bare_cmd()
            .arg("--archive")
            .arg(&missing)
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{}: no archive there",
                missing.display()
            )));
    }
    sb.bare_cmd()
        .arg("--archive")
        .arg(&missing)
        .arg("import")
        .arg(Path::new(STORIES).join("mina-water-summit.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "created the folder {}",
            sb.path("typo").display()
        )));
    sb.bare_cmd()
        .arg("--archive")
        .arg(&missing)
        .arg("list")
        .assert()
        .success();
}

#[test]
fn completions_for_every_shell_and_the_man_page() {
    let sb = Sandbox::new();
    for (shell, marker) in [
        ("bash", "_dateline()"),
        ("zsh", "#compdef dateline"),
        ("fish", "complete -c dateline"),
        ("elvish", "edit:completion:arg-completer[dateline]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = sb.bare_cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("import") && script.contains("search"),
            "{shell}"
        );
    }
    sb.bare_cmd()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
    sb.bare_cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH dateline 1").and(predicate::str::contains("import")));
}

#[test]
fn bad_keys_and_theme_are_reported_by_every_subcommand() {
    let sb = Sandbox::new();
    let config = sb.path("config.toml");
    for (text, named) in [
        ("[keys]\nq = \"fly\"\n", "keys.q"),
        ("[theme]\naccent = \"not-a-colour\"\n", "theme.accent"),
    ] {
        std::fs::write(&config, text).unwrap();
        for args in [vec!["list"], vec!["search", "port"], vec!["show", "abcd"]] {
            sb.bare_cmd()
                .env("DATELINE_CONFIG", &config)
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(named));
        }
    }
}

#[test]
fn ids_are_found_from_four_characters_in_any_case_and_show_width_is_checked() {
    let sb = Sandbox::new();
    let out = sb.bare_cmd().arg("list").output().unwrap();
    let id = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    sb.bare_cmd()
        .args(["show", &id[..4].to_ascii_uppercase()])
        .assert()
        .success();
    sb.bare_cmd()
        .args(["show", &id[..3]])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 4 characters"));
    for width in ["19", "1001", "wide"] {
        sb.bare_cmd()
            .args(["show", &id, "--width", width])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--width"));
    }
    sb.bare_cmd()
        .args(["show", &id, "--width", "20"])
        .assert()
        .success();
}

#[test]
fn export_takes_several_ids_and_a_query() {
    let sb = Sandbox::new();
    sb.import(&[STORIES]).success();
    let ids = sb.ids();
    let out_dir = sb.path("md");
    let out = sb
        .cmd()
        .args(["export", &ids[0][..8], &ids[1], &ids[0]])
        .arg("--to")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        2,
        "each story once"
    );
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 2);
    let query_dir = sb.path("by-query");
    let out = sb
        .cmd()
        .args(["export", "--query", "person:\"Marta Ellery\"", "--to"])
        .arg(&query_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read_dir(&query_dir).unwrap().count(), 1);
    sb.cmd()
        .args(["export", "--query", "since:", "--to"])
        .arg(&query_dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`since:` has no value"));
    sb.cmd()
        .args(["export", "--to"])
        .arg(&query_dir)
        .assert()
        .code(2);
}

#[test]
fn import_leaves_out_what_exclude_names() {
    let sb = Sandbox::new();
    let dir = sb.path("drop");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    let story = std::fs::read_to_string(Path::new(STORIES).join("mina-water-summit.txt")).unwrap();
    std::fs::write(dir.join("story.txt"), &story).unwrap();
    std::fs::write(dir.join("SOURCES.tsv"), "file\tsource\nstory.txt\tx\n").unwrap();
    std::fs::write(
        dir.join("drafts").join("draft.txt"),
        story.replace("summit", "meeting"),
    )
    .unwrap();
    sb.cmd()
        .args([
            "import",
            "--exclude",
            "SOURCES.tsv",
            "--exclude",
            "**/drafts/**",
        ])
        .arg(&dir)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("left out 2 file(s) matching --exclude")
                .and(predicate::str::contains("imported 1,")),
        );
    sb.cmd()
        .args(["import", "--exclude", "[unclosed"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a glob"));
}

#[test]
fn rm_hides_stories_until_undone_and_compact_drops_them_for_good() {
    let sb = Sandbox::new();
    sb.import(&[STORIES]).success();
    let ids = sb.ids();
    let before = ids.len();
    let lines = |sb: &Sandbox| {
        std::fs::read_to_string(sb.archive())
            .unwrap()
            .lines()
            .count()
    };
    let lines_before = lines(&sb);
    sb.cmd()
        .args(["rm", &ids[0][..6]])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "removed  {}",
            &ids[0][..8]
        )));
    assert_eq!(sb.ids().len(), before - 1, "list leaves it out");
    sb.cmd()
        .args(["show", &ids[0]])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("was removed (`dateline rm --undo"));
    sb.cmd().args(["rm", "--undo", &ids[0]]).assert().success();
    assert_eq!(sb.ids().len(), before, "undone");
    // Removed again, then compacted: the lines go, the state forgets them, all else stays.
    sb.cmd().args(["rm", &ids[0], &ids[1]]).assert().success();
    sb.cmd()
        .arg("compact")
        .assert()
        .success()
        .stdout(predicate::str::contains("dropped for good"));
    assert!(lines(&sb) < lines_before);
    assert_eq!(sb.ids().len(), before - 2);
    sb.cmd()
        .args(["rm", "--undo", &ids[0]])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no story with id"));
    sb.cmd()
        .arg("compact")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing removed"));
}

#[test]
fn imports_carry_the_front_page_on_as_a_full_open_would_write_it() {
    let sb = Sandbox::new();
    let story = |dir: &str, name: &str, headline: &str, day: u32| {
        let folder = sb.path(dir);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(name),
            format!("{headline}\n\nLYON, Dec {day} (XNA) - It happened on day {day}.\n"),
        )
        .unwrap();
    };
    story("a", "1.txt", "Tram line opens", 2);
    story("a", "2.txt", "Bridge reopens", 4);
    story("a", "3.txt", "Harbour strike ends", 4);
    story("b", "4.txt", "Museum closes for works", 3);
    story("b", "5.txt", "Ferry timetable changes", 4);
    story("c", "6.txt", "Market moves to the square", 1);
    let front = sb.path("archive.jsonl.front");
    sb.import(&[sb.path("a").to_str().unwrap()]).success();
    assert!(front.exists(), "the first import writes it");

    // Imported into an indexed archive, as a segment: carried on, byte for byte what a full
    // open of the archive writes (equal times ordered as the catalogue orders them).
    sb.import(&[sb.path("b").to_str().unwrap()]).success();
    let carried = std::fs::read(&front).expect("carried on");
    std::fs::remove_file(&front).unwrap();
    assert_eq!(sb.ids().len(), 5);
    assert_eq!(std::fs::read(&front).unwrap(), carried);

    // Without a front page to carry on, none is made up; the next full open writes it.
    std::fs::remove_file(&front).unwrap();
    sb.import(&[sb.path("c").to_str().unwrap()]).success();
    assert!(!front.exists());
    assert_eq!(sb.ids().len(), 6);
    assert!(front.exists());
}
