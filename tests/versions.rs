//! Story versions from the command line: every format's version and status signals join
//! chains and set statuses (`tests/fixtures/versions/`), an import never drops a new version
//! and counts them, `list`/`search` show one row per story with its marks, `history` and
//! `diff` read a chain, `show` opens with its notices, `export` refuses killed copy and copy
//! under embargo. Files get fixed modification times (their `received`) and the child runs in
//! a fixed time zone, so the output is the same on any machine.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const FIXTURES: &str = "tests/fixtures/versions";

/// When each fixture reached the desk: second versions of plain copy (which carries a date
/// but no time) arrive later the same day, so they order after their first version.
const ARRIVALS: &[(&str, &str)] = &[
    ("plain/floods-v1.txt", "2025-12-02T09:00:00Z"),
    ("plain/floods-v2.txt", "2025-12-02T11:20:00Z"),
    ("plain/quake-v1.txt", "2025-12-03T08:00:00Z"),
    ("plain/quake-kill.txt", "2025-12-03T10:00:00Z"),
    ("plain/budget-v1.txt", "2025-12-04T09:00:00Z"),
    ("plain/budget-corrected.txt", "2025-12-04T15:00:00Z"),
];
const DEFAULT_ARRIVAL: &str = "2025-12-10T12:00:00Z";

/// A sandbox with its own home, config and data folders, a copy of the fixtures with fixed
/// modification times, and an archive.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sb = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_tree(Path::new(FIXTURES), &sb.copy(""));
        sb
    }

    /// A fixture's copy in the sandbox (`""`: the folder of them all).
    fn copy(&self, name: &str) -> PathBuf {
        let root = self.dir.path().join("wire");
        if name.is_empty() {
            root
        } else {
            root.join(name)
        }
    }

    fn archive(&self) -> PathBuf {
        self.dir.path().join("archive.jsonl")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("dateline").unwrap();
        cmd.env_remove("DATELINE_CONFIG")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("COLUMNS", "100")
            .env("TZ", "UTC")
            .arg("--archive")
            .arg(self.archive());
        cmd
    }

    /// Imports fixtures (paths inside the copy) and returns the last line on stderr.
    fn import(&self, names: &[&str]) -> String {
        let out = self
            .cmd()
            .arg("import")
            .args(names.iter().map(|n| self.copy(n)))
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{stderr}");
        stderr.lines().last().unwrap_or_default().to_string()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `list --json`, one value per story.
    fn rows(&self) -> Vec<Value> {
        self.stdout(&["list", "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// The `list --json` row of the story with this headline.
    fn row(&self, headline: &str) -> Value {
        self.rows()
            .into_iter()
            .find(|r| r["headline"] == headline)
            .unwrap_or_else(|| panic!("no story {headline:?}"))
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let name = entry
                .path()
                .strip_prefix(FIXTURES)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let at = ARRIVALS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(DEFAULT_ARRIVAL, |(_, t)| t);
            let at: jiff::Timestamp = at.parse().unwrap();
            let at = std::time::UNIX_EPOCH
                + std::time::Duration::from_secs(at.as_second().try_into().unwrap());
            std::fs::File::options()
                .write(true)
                .open(&target)
                .unwrap()
                .set_modified(at)
                .unwrap();
        }
    }
}

/// Every format's own signals: which versions make one story, which is the newest, what the
/// story's status is and the newest's label.
#[test]
fn every_format_links_its_versions_and_reads_their_status() {
    let sb = Sandbox::new();
    let last = sb.import(&[""]);
    assert!(
        last.starts_with("imported 28, duplicates 0, failed 0 (12 new versions; 28 stories in "),
        "{last}"
    );
    // headline, versions, status, the newest's label, the newest's file.
    let expected: &[(&str, u64, &str, Option<&str>, &str)] = &[
        // plain: headline prefixes with the same agency, place and day.
        (
            "Floods close roads across the Rift Valley",
            2,
            "usable",
            Some("UPDATE 1"),
            "floods-v2.txt",
        ),
        (
            "Strong quake shakes coastal towns",
            2,
            "canceled",
            None,
            "quake-kill.txt",
        ),
        (
            "Finance minister resigns over budget row",
            2,
            "corrected",
            None,
            "budget-corrected.txt",
        ),
        (
            "Power cut hits the market district",
            1,
            "usable",
            None,
            "undated-power-cut.txt",
        ),
        // NewsML-G2: guid and version; a correction signal; pubStatus canceled; embargoed.
        (
            "Harwick quay reopens after storm repairs",
            2,
            "corrected",
            Some("2"),
            "quay-v2.xml",
        ),
        (
            "Island ferry runs aground in fog",
            2,
            "canceled",
            Some("2"),
            "ferry.xml",
        ),
        (
            "Harwick council to double harbour budget",
            1,
            "embargoed",
            Some("1"),
            "budget-embargoed.xml",
        ),
        (
            "Fish stocks recover in northern waters, report says",
            1,
            "usable",
            Some("1"),
            "report-embargo-over.xml",
        ),
        // ninjs: evolvedfrom joins two uris; pubstatus withheld; embargoed.
        (
            "Old bridge to close for a year of repairs",
            2,
            "usable",
            Some("5"),
            "bridge-v5.json",
        ),
        (
            "Mayors of river towns meet on flood plan",
            2,
            "withheld",
            Some("2"),
            "summit.json",
        ),
        (
            "Tollbury votes on new ring road",
            1,
            "embargoed",
            Some("1"),
            "vote-embargoed.json",
        ),
        // NITF: du-key key and version; management-doc-idref alone; management-status.
        (
            "Dam gates opened as river rises",
            2,
            "usable",
            Some("2"),
            "dam-v2.xml",
        ),
        (
            "Miners trapped after tunnel collapse",
            2,
            "canceled",
            None,
            "mine-v2.xml",
        ),
        // NewsML 1.2: NewsItemId and RevisionId; an instruction to rectify.
        (
            "Rail strike halts trains in the north",
            2,
            "corrected",
            Some("2"),
            "rail-r2.xml",
        ),
        // RSS: the same guid with other content.
        (
            "Library fire destroys rare maps",
            2,
            "usable",
            None,
            "feed-evening.xml",
        ),
        // ANPA: the slug, and a writethru.
        (
            "Winter storm batters coast, cutting power",
            2,
            "usable",
            Some("1st Ld-Writethru"),
            "storm-1st-ld.anpa",
        ),
    ];
    let rows = sb.rows();
    assert_eq!(rows.len(), expected.len(), "one row per story: {rows:#?}");
    for &(headline, versions, status, version, file) in expected {
        let row = rows
            .iter()
            .find(|r| r["headline"] == headline)
            .unwrap_or_else(|| panic!("no story {headline:?}"));
        assert_eq!(row["versions"], versions, "{headline}");
        assert_eq!(row["status"], status, "{headline}");
        assert_eq!(row["version"].as_str(), version, "{headline}");
        assert!(
            row["source"].as_str().unwrap().ends_with(file),
            "{headline}: the newest version is in {file}: {row}"
        );
    }
}

/// The interface scripts rely on: every field `list --json` printed before, and the version
/// fields.
#[test]
fn list_json_rows_carry_the_chain() {
    let sb = Sandbox::new();
    sb.import(&["plain/floods-v1.txt", "plain/floods-v2.txt"]);
    let rows = sb.rows();
    assert_eq!(rows.len(), 1);
    let row = rows[0].as_object().unwrap();
    let keys: Vec<&str> = row.keys().map(String::as_str).collect();
    let mut expected = [
        "id",
        "date",
        "agency",
        "place",
        "headline",
        "source",
        "chain",
        "versions",
        "version",
        "status",
        "published",
        "received",
        "read",
        "starred",
    ];
    let mut keys = keys.clone();
    keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    let history: Vec<Value> = sb
        .stdout(&["history", row["id"].as_str().unwrap(), "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(row["id"], history[0]["id"], "the newest version's id");
    assert_eq!(row["chain"], history[1]["id"], "the first version's id");
    assert_eq!(row["published"], "2025-12-02");
    assert_eq!(row["received"], "2025-12-02T11:20:00Z");
    assert_eq!(row["date"], "2025-12-02");
}

/// v1, then v2, then v1 again: one story of two versions, the repeat a duplicate. And v2
/// before v1 into another archive: the same story.
#[test]
fn a_new_version_joins_its_story_in_either_order() {
    let sb = Sandbox::new();
    assert!(
        sb.import(&["plain/floods-v1.txt"])
            .starts_with("imported 1, duplicates 0, failed 0 (0 new versions; 1 story in ")
    );
    assert!(
        sb.import(&["plain/floods-v2.txt"])
            .starts_with("imported 1, duplicates 0, failed 0 (1 new version; 2 stories in ")
    );
    assert!(
        sb.import(&["plain/floods-v1.txt"])
            .starts_with("imported 0, duplicates 1, failed 0 (0 new versions; 2 stories in ")
    );
    let row = sb.row("Floods close roads across the Rift Valley");
    assert_eq!(row["versions"], 2);
    assert_eq!(row["version"], "UPDATE 1");
    assert!(row["source"].as_str().unwrap().ends_with("floods-v2.txt"));
    let id = row["id"].as_str().unwrap().to_string();

    let history = sb.stdout(&["history", &id]);
    insta::assert_snapshot!("history_of_an_update", history);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains(&id[..8]), "newest first: {history}");
    let diff = sb.stdout(&["diff", &id]);
    insta::assert_snapshot!("diff_of_an_update", diff);
    assert!(
        diff.contains("[-three-]") && diff.contains("{+four+}"),
        "{diff}"
    );

    let other = Sandbox::new();
    assert!(
        other
            .import(&["plain/floods-v2.txt"])
            .starts_with("imported 1, duplicates 0, failed 0 (0 new versions;")
    );
    assert!(
        other
            .import(&["plain/floods-v1.txt"])
            .starts_with("imported 1, duplicates 0, failed 0 (1 new version;")
    );
    let rows = other.rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], id.as_str(), "v2 is the newest either way");
    assert_eq!(rows[0]["versions"], 2);
    assert_eq!(other.stdout(&["history", &id]), history);
}

#[test]
fn list_rows_show_the_time_and_the_marks() {
    let sb = Sandbox::new();
    sb.import(&[""]);
    let list = sb.stdout(&["list"]);
    insta::assert_snapshot!("list_with_versions", list);
    let line = |headline: &str| {
        list.lines()
            .find(|l| l.ends_with(headline))
            .unwrap_or_else(|| panic!("no row {headline:?}: {list}"))
            .to_string()
    };
    // The time column is as wide as `~2025-12-10 12:00`.
    let quay = line("Harwick quay reopens after storm repairs");
    assert!(
        quay.contains("  2025-12-05 10:30   v2  CORRECTED  XNA "),
        "{quay}"
    );
    let plain = line("Finance minister resigns over budget row");
    assert!(
        plain.contains(&format!("  {:<17}  v2  CORRECTED  Reuters ", "2025-12-04")),
        "a date without a time: {plain}"
    );
    let undated = line("Power cut hits the market district");
    let words: Vec<&str> = undated.split_whitespace().collect();
    assert_eq!(
        words[1..4],
        ["~2025-12-10", "12:00", "Power"],
        "undated copy shows when it was received, and no marks: {undated}"
    );
    // Times are local.
    let berlin = sb
        .cmd()
        .env("TZ", "Europe/Berlin")
        .arg("list")
        .output()
        .unwrap();
    let berlin = String::from_utf8(berlin.stdout).unwrap();
    assert!(
        berlin
            .lines()
            .any(|l| l.contains("2025-12-05 11:30") && l.ends_with("storm repairs")),
        "{berlin}"
    );
    // `search` prints the same rows (its columns as wide as its own rows need).
    let found = sb.stdout(&["search", "harwick quay"]);
    let words = |line: &str| {
        line.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(found.lines().next().map(words), Some(words(&quay)));
}

#[test]
fn search_stops_on_a_time_it_cannot_read() {
    let sb = Sandbox::new();
    sb.import(&["plain"]);
    sb.cmd()
        .args(["search", "floods since:2026-13"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "dateline: `since:2026-13` is not a time; use YYYY,",
        ));
    let found = sb.stdout(&["search", "since:2025-12-03", "until:2025-12-03"]);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("Strong quake"), "{found}");
}

#[test]
fn history_json_says_what_each_version_declared() {
    let sb = Sandbox::new();
    sb.import(&["newsml-g2"]);
    let id = sb.row("Harwick quay reopens after storm repairs")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let versions: Vec<Value> = sb
        .stdout(&["history", &id, "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["id"], id.as_str());
    assert_eq!(versions[0]["version"], "2");
    assert_eq!(versions[0]["status"], "corrected");
    assert_eq!(
        versions[0]["advisory"],
        "Corrects name of harbour master in paragraph 2"
    );
    assert_eq!(versions[0]["published"], "2025-12-05T10:30:00Z");
    assert_eq!(versions[0]["received"], "2025-12-10T12:00:00Z");
    assert_eq!(versions[1]["version"], "1");
    assert_eq!(versions[1]["status"], "usable");
    assert_eq!(versions[1]["advisory"], Value::Null);
    let history = sb.stdout(&["history", &versions[1]["id"].as_str().unwrap()[..6]]);
    insta::assert_snapshot!("history_of_a_correction", history);

    // One version: one line.
    let budget = sb.row("Harwick council to double harbour budget");
    let one = sb.stdout(&["history", budget["id"].as_str().unwrap()]);
    assert_eq!(one.lines().count(), 1, "{one}");
    assert!(one.contains("v1 (1)") && one.contains("EMBARGOED"), "{one}");
}

#[test]
fn diff_picks_versions_by_label_position_or_id() {
    let sb = Sandbox::new();
    sb.import(&["ninjs"]);
    let id = sb.row("Old bridge to close for a year of repairs")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let newest_first: Vec<String> = sb
        .stdout(&["history", &id, "--json"])
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let default = sb.stdout(&["diff", &id]);
    insta::assert_snapshot!("diff_of_an_evolved_item", default);
    assert!(
        default.starts_with("v1 (4) · ") && default.contains("  →  v2 (5) · "),
        "{default}"
    );
    for (from, to) in [
        ("4", "5"),
        ("1", "v2"),
        ("v1", "5"),
        (&newest_first[1][..6], &newest_first[0][..]),
    ] {
        assert_eq!(
            sb.stdout(&["diff", &id, "--from", from, "--to", to]),
            default,
            "--from {from} --to {to}"
        );
    }
    // `--from` alone compares it with the newest; the same version twice has no changes.
    assert_eq!(sb.stdout(&["diff", &id, "--from", "4"]), default);
    assert!(
        sb.stdout(&["diff", &id, "--from", "5", "--to", "5"])
            .ends_with("(no changes in the text)\n")
    );
    // `--to` the first version: nothing before it.
    sb.cmd()
        .args(["diff", &id, "--to", "1"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("is the first version"));
    sb.cmd()
        .args(["diff", &id, "--from", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no version `9`"))
        .stderr(predicate::str::contains("(its versions: v1 (4) "));
    // One version: nothing to compare, and no error (as `git diff`).
    let vote = sb.row("Tollbury votes on new ring road");
    sb.cmd()
        .args(["diff", vote["id"].as_str().unwrap()])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "one version only; nothing to compare",
        ));
}

#[test]
fn show_opens_with_kills_corrections_embargoes_and_newer_versions() {
    let sb = Sandbox::new();
    sb.import(&["plain", "newsml-g2"]);
    let show = |headline: &str, version: usize| {
        let id = sb.row(headline)["id"].as_str().unwrap().to_string();
        let history: Vec<Value> = sb
            .stdout(&["history", &id, "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let id = history[version]["id"].as_str().unwrap().to_string();
        sb.stdout(&["show", &id, "--width", "72"])
    };
    let killed = show("Strong quake shakes coastal towns", 0);
    assert!(
        killed.starts_with("*** KILLED: This story has been withdrawn."),
        "{killed}"
    );
    let corrected = show("Finance minister resigns over budget row", 0);
    assert!(
        corrected
            .starts_with("CORRECTED: Corrects day of resignation in paragraph 1 to Wednesday\n\n"),
        "{corrected}"
    );
    let embargoed = show("Harwick council to double harbour budget", 0);
    assert!(
        embargoed.starts_with("EMBARGOED until 2099-01-01 06:00 (") && embargoed.contains("left)"),
        "{embargoed}"
    );
    let over = show("Fish stocks recover in northern waters, report says", 0);
    assert!(over.starts_with("Fish stocks recover"), "{over}");
    let older = show("Harwick quay reopens after storm repairs", 1);
    assert!(older.starts_with("CORRECTED: "), "{older}");
    assert!(
        older.contains("This is version 1 of 2. A newer version exists: v2 (2), id "),
        "{older}"
    );
    // `--json` prints the article as it was.
    let id = sb.row("Strong quake shakes coastal towns")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let json: Value = serde_json::from_str(&sb.stdout(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["id"], id.as_str());
    assert_eq!(json["wire"]["status"], "canceled");
}

#[test]
fn export_refuses_killed_copy_unless_forced() {
    let sb = Sandbox::new();
    sb.import(&["plain"]);
    let row = sb.row("Strong quake shakes coastal towns");
    let id = row["id"].as_str().unwrap();
    let notes = sb.dir.path().join("notes");
    sb.cmd()
        .args(["export", id, "--to"])
        .arg(&notes)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "was killed (This story has been withdrawn.",
        ))
        .stderr(predicate::str::contains("--force"));
    assert!(!notes.exists(), "nothing was written");
    sb.cmd()
        .args(["export", id, "--force", "--to"])
        .arg(&notes)
        .assert()
        .success();
    let file = std::fs::read_dir(&notes).unwrap().next().unwrap().unwrap();
    let md = std::fs::read_to_string(file.path()).unwrap();
    assert!(md.contains("\nstatus: \"canceled\"\n"), "{md}");
    assert!(
        md.contains(&format!(
            "\nchain: \"{}\"\n",
            row["chain"].as_str().unwrap()
        )),
        "{md}"
    );
    // An earlier version of killed copy is killed copy too.
    let first = row["chain"].as_str().unwrap();
    sb.cmd()
        .args(["export", first, "--to", "-"])
        .assert()
        .code(2)
        .stdout("");
    // Usable copy records its status and version.
    let floods = sb.row("Floods close roads across the Rift Valley");
    let md = sb.stdout(&["export", floods["id"].as_str().unwrap(), "--to", "-"]);
    assert!(
        md.contains("\nversion: \"UPDATE 1\"\nstatus: \"usable\"\n"),
        "{md}"
    );
}

#[test]
fn export_waits_for_the_embargo() {
    let sb = Sandbox::new();
    sb.import(&["newsml-g2"]);
    let budget = sb.row("Harwick council to double harbour budget");
    let id = budget["id"].as_str().unwrap();
    sb.cmd()
        .args(["export", id, "--to", "-"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "is under embargo until 2099-01-01 06:00 (",
        ))
        .stderr(predicate::str::contains(" left); pass `--force`"));
    let md = sb.stdout(&["export", id, "--force", "--to", "-"]);
    assert!(md.contains("\nstatus: \"embargoed\"\n"), "{md}");
    // An embargo that has ended no longer blocks.
    let report = sb.row("Fish stocks recover in northern waters, report says");
    let md = sb.stdout(&["export", report["id"].as_str().unwrap(), "--to", "-"]);
    assert!(md.contains("\nstatus: \"usable\"\n"), "{md}");
    assert!(md.contains("\nembargo: \"2025-12-05T07:30:00Z\"\n"), "{md}");
}
