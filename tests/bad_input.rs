//! Files that are not stories, or are broken stories (`tests/fixtures/bad/`, plus deep nesting
//! generated here): every one must fail cleanly, naming the file and saying what is wrong,
//! through the library and through `dateline import`; the size limit is checked before reading.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use dateline::article::Article;
use dateline::ingest::{IngestError, Options};
use dateline::pipeline;
use predicates::prelude::*;

const BAD: &str = "tests/fixtures/bad";
const GOOD_STORY: &str = "tests/fixtures/stories/ap-harbour.txt";

/// Generous: a parser that needs this long for a tiny file is looping or expanding entities.
const PATIENCE: Duration = Duration::from_secs(60);

/// Nested elements in the generated deep-markup file.
const DEPTH: usize = 5_000;

/// What a bad file must produce: message keywords (lower case, any one).
struct Case {
    file: &'static str,
    keywords: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "empty.txt",
        keywords: &["empty"],
    },
    Case {
        file: "whitespace.txt",
        keywords: &["empty"],
    },
    Case {
        file: "image.png",
        keywords: &["binary"],
    },
    Case {
        file: "archive.zip",
        keywords: &["binary"],
    },
    Case {
        file: "story.txt.gz",
        keywords: &["binary"],
    },
    Case {
        file: "document.pdf",
        keywords: &["binary"],
    },
    Case {
        file: "nul.bin",
        keywords: &["binary"],
    },
    Case {
        file: "bad-utf8.xml",
        keywords: &["utf-8", "encod"],
    },
    Case {
        file: "truncated.xml",
        keywords: &[
            "truncat",
            "unclosed",
            "ends",
            "end of",
            "eof",
            "unexpected end",
        ],
        // src/ingest/nitf.rs (and the shared XML reader, src/ingest/xml.rs).
    },
    Case {
        file: "entities.xml",
        keywords: &["entit", "doctype", "dtd"],
        // src/ingest/nitf.rs: must refuse the DOCTYPE's entities, never expand them.
    },
    Case {
        file: "wrong-types.json",
        keywords: &["type", "expected", "headline", "bodies"],
        // src/ingest/ninjs.rs.
    },
    Case {
        file: "truncated.json",
        keywords: &[
            "truncat",
            "unclosed",
            "ends",
            "end of",
            "eof",
            "unexpected end",
        ],
        // src/ingest/ninjs.rs.
    },
    Case {
        file: "no-items.rss",
        keywords: &["no item", "no <item", "no stor", "empty", "no entr"],
        // src/ingest/feed.rs.
    },
];

fn bad(file: &str) -> PathBuf {
    Path::new(BAD).join(file)
}

/// Markup nested `DEPTH` deep inside a NITF body: deep enough to overflow a recursive parser.
fn deep_markup() -> Vec<u8> {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<nitf><body><body.content>");
    xml.push_str(&"<div>".repeat(DEPTH));
    xml.push_str("<p>PARIS (AFP) - Deep inside.</p>");
    xml.push_str(&"</div>".repeat(DEPTH));
    xml.push_str("</body.content></body></nitf>\n");
    xml.into_bytes()
}

/// Runs `f` on its own thread, catching panics, and waits for it loosely: the point is that it
/// returns, not how fast.
fn survives<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.recv_timeout(PATIENCE) {
        Ok(Ok(value)) => value,
        Ok(Err(_)) => panic!("{what}: the parser panicked"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer within {PATIENCE:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the parser's thread died"),
    }
}

/// The error's message must start with the path and carry a keyword saying what is wrong.
fn check_error(path: &str, result: Result<Vec<Article>, IngestError>, keywords: &[&str]) {
    let err = match result {
        Ok(articles) => panic!(
            "{path}: expected an error, got {} article(s): {:?}",
            articles.len(),
            articles.first().map(|a| &a.headline)
        ),
        Err(err) => err.to_string(),
    };
    assert!(
        err.starts_with(&format!("{path}: ")),
        "the message should open with the path {path:?}: {err}"
    );
    let lower = err.to_lowercase();
    assert!(
        keywords.iter().any(|k| lower.contains(k)),
        "{path}: the message should say what is wrong (one of {keywords:?}): {err}"
    );
}

#[test]
fn every_bad_fixture_is_covered() {
    let mut on_disk: Vec<String> = std::fs::read_dir(BAD)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn parse_bytes_refuses_each_bad_file() {
    for case in CASES {
        let path = bad(case.file).display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let shown = path.clone();
        let result = survives(&path, move || pipeline::parse_bytes(&shown, &bytes, None));
        check_error(&path, result, case.keywords);
    }
}

#[test]
fn read_file_refuses_each_bad_file() {
    for case in CASES {
        let path = bad(case.file);
        let shown = path.display().to_string();
        let result = survives(&shown, move || {
            pipeline::read_file(&path, Options::default())
        });
        check_error(&shown, result, case.keywords);
    }
}

#[test]
fn deep_nesting_neither_overflows_nor_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.xml");
    std::fs::write(&path, deep_markup()).unwrap();
    let shown = path.display().to_string();

    let bytes = deep_markup();
    let name = shown.clone();
    let result = survives(&shown, move || pipeline::parse_bytes(&name, &bytes, None));
    // src/ingest/nitf.rs: a depth limit, reported as nesting too deep.
    check_error(&shown, result, &["nest", "deep", "depth"]);

    let result = survives(&shown, move || {
        pipeline::read_file(&path, Options::default())
    });
    check_error(&shown, result, &["nest", "deep", "depth"]);
}

#[test]
fn errors_do_not_depend_on_the_format_being_forced() {
    // Binary and empty input is refused before any parser sees it, whatever `--format` says.
    for format in dateline::article::Format::ALL {
        for file in ["empty.txt", "image.png", "nul.bin"] {
            let path = bad(file).display().to_string();
            let bytes = std::fs::read(&path).unwrap();
            let shown = path.clone();
            let result = survives(&path, move || {
                pipeline::parse_bytes(&shown, &bytes, Some(format))
            });
            let err = result.expect_err(&path).to_string();
            assert!(err.starts_with(&format!("{path}: ")), "{format}: {err}");
        }
    }
}

#[test]
fn import_reports_every_bad_file_and_keeps_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("incoming");
    std::fs::create_dir(&folder).unwrap();
    let mut bad_files = Vec::new();
    for case in CASES {
        let to = folder.join(case.file);
        std::fs::copy(bad(case.file), &to).unwrap();
        bad_files.push(to);
    }
    let deep = folder.join("deep.xml");
    std::fs::write(&deep, deep_markup()).unwrap();
    bad_files.push(deep);
    std::fs::copy(GOOD_STORY, folder.join("good.txt")).unwrap();

    let archive = dir.path().join("archive.jsonl");
    let out = Command::cargo_bin("dateline")
        .unwrap()
        .env_remove("DATELINE_CONFIG")
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .arg("--archive")
        .arg(&archive)
        .arg("import")
        .arg(&folder)
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for file in &bad_files {
        let prefix = format!("{}: ", file.display());
        assert!(
            stderr.lines().any(|l| l.contains(&prefix)),
            "{} not reported:\n{stderr}",
            file.display()
        );
    }
    assert!(
        stderr.contains(&format!(
            "imported 1, duplicates 0, failed {}",
            bad_files.len()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let archived = std::fs::read_to_string(&archive).unwrap();
    assert_eq!(archived.lines().count(), 1, "{archived}");
    assert!(
        archived.contains("Harbour town rebuilds sea wall"),
        "{archived}"
    );
}

/// A 2 MiB sparse file: all zeros, so reading it would give a "binary" error instead.
fn sparse_file(dir: &Path) -> PathBuf {
    let path = dir.join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(2 * 1024 * 1024).unwrap();
    path
}

#[test]
fn read_file_checks_the_size_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = sparse_file(dir.path());
    let options = Options {
        max_file_bytes: 1024 * 1024,
        ..Options::default()
    };
    let err = pipeline::read_file(&path, options).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message}"
    );
    assert!(
        message.contains("limit") && message.contains("max_file_mb"),
        "{message}"
    );
    assert!(!message.contains("binary"), "it was read: {message}");
}

#[test]
fn import_refuses_a_file_over_max_file_mb() {
    let dir = tempfile::tempdir().unwrap();
    let path = sparse_file(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "max_file_mb = 1\n").unwrap();
    Command::cargo_bin("dateline")
        .unwrap()
        .env_remove("DATELINE_CONFIG")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .arg("--config")
        .arg(&config)
        .arg("--archive")
        .arg(dir.path().join("archive.jsonl"))
        .arg("import")
        .arg(&path)
        .arg(GOOD_STORY)
        .timeout(PATIENCE)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: 2097152 bytes is over the 1048576-byte limit",
            path.display()
        )))
        .stderr(predicate::str::contains("max_file_mb"))
        .stderr(predicate::str::contains("binary").not())
        .stderr(predicate::str::contains(
            "imported 1, duplicates 0, failed 1",
        ));
}

/// Regression: the size on disk was trusted, so a device or a growing file was read whole.
#[cfg(unix)]
#[test]
fn a_device_reporting_no_size_is_read_only_up_to_the_limit() {
    let options = dateline::ingest::Options {
        max_file_bytes: 1024,
        ..dateline::ingest::Options::default()
    };
    let err = dateline::pipeline::read_file(std::path::Path::new("/dev/zero"), options)
        .expect_err("an endless file is refused");
    let message = err.to_string();
    assert!(message.starts_with("/dev/zero: "), "{message}");
    assert!(message.contains("limit"), "{message}");
}
