//! What the end-to-end tests that drive the real binary share: a sandbox with its own archive
//! and environment (no user config, no user data). Each test file adds what it needs to it.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses part of it

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use tempfile::TempDir;

pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn archive(&self) -> PathBuf {
        self.dir.path().join("archive.jsonl")
    }

    /// `dateline --archive ARCHIVE ARGS…` with the sandbox's environment only.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.arg("--archive").arg(self.archive()).args(args);
        cmd
    }

    /// The archive's lines: how many, and their ids (each once).
    pub fn archive_ids(&self) -> (usize, HashSet<String>) {
        let text = std::fs::read_to_string(self.archive()).unwrap();
        let ids: Vec<String> = text
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["id"].as_str().unwrap().to_string()
            })
            .collect();
        (ids.len(), ids.into_iter().collect())
    }

    /// `dateline` with the sandbox's environment only.
    pub fn bare_cmd(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("dateline"));
        cmd.env_remove("DATELINE_CONFIG")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }
}
