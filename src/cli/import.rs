//! `dateline import PATH...`: parse files and folders in parallel, append the new stories to
//! the archive and extend its index; the last line says how many were imported, how many of
//! those are new versions of stories already there, and how many were duplicates or failed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use dateline::article::Format;
use dateline::catalog::file;
use dateline::importer::{self, Base, Commits};
use dateline::ingest::{self, Options};

use super::format_flag::parse_format;
use super::open::{lock_and_repair, open_catalog_with, report_damaged};
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Story files, or folders to search recursively.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Parse every file as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format: Option<Format>,
    /// While another import (or the watcher) writes to the archive, wait at most this many
    /// seconds for it, then give up (exit 2). Without it, wait as long as it takes.
    #[arg(long, value_name = "SECONDS")]
    lock_timeout: Option<f64>,
    /// Commit after this many new stories (and at least every 2 seconds): a kill loses at
    /// most the batch in flight.
    #[arg(long, value_name = "STORIES", default_value_t = 4096,
          value_parser = clap::value_parser!(u32).range(1..))]
    commit_every: u32,
    /// Leave out files whose name or path matches this glob (`SOURCES.tsv`, `*.jpg`,
    /// `**/drafts/**`). Repeat for several.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

/// Show a progress bar when an import is at least this many files.
const PROGRESS_FROM: usize = 50;

pub(crate) fn run(settings: &Settings, args: &ImportArgs) -> Result<ExitCode> {
    dateline::extract::warm_up_in_background();
    let path = &settings.archive;
    // A new archive in a folder that is not there yet: made, and said (a mistyped path shows).
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the archive's folder", dir.display()))?;
        eprintln!(
            "dateline: created the folder {} for the new archive",
            dir.display()
        );
    }
    let timeout = args
        .lock_timeout
        .map(|s| Duration::try_from_secs_f64(s.max(0.0)).unwrap_or(Duration::MAX));
    let lock = lock_and_repair(path, timeout)?;
    // A fresh index with room for a segment is all an import needs (not the catalogue).
    let base = match file::indexed(path) {
        Ok(Some(indexed)) => Base::Indexed(indexed),
        _ => match open_catalog_with(path, Some(&lock))? {
            Some(catalog) => {
                report_damaged(path, &catalog);
                Base::Catalog(Box::new(catalog))
            }
            None => Base::New,
        },
    };
    let (files, mut failures) = ingest::collect_files(&args.paths);
    let files = excluding(files, &args.exclude)?;
    let options = Options {
        format: args.format,
        max_file_bytes: settings.max_file_bytes,
    };

    let progress = if files.len() >= PROGRESS_FROM {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let warn = |message: String| eprintln!("dateline: {message}");
    let commits = Commits {
        stories: usize::try_from(args.commit_every).unwrap_or(usize::MAX),
        ..Commits::default()
    };
    let report = importer::import_with(
        path,
        base,
        &files,
        options,
        commits,
        &|| progress.inc(1),
        &warn,
    )?;
    progress.finish_and_clear();
    failures.extend(report.failures);
    for failure in &failures {
        eprintln!("dateline: {failure}");
    }
    let total = report.total;
    let versions = match report.versions {
        1 => "1 new version".to_string(),
        n => format!("{n} new versions"),
    };
    let stored = match total {
        1 => "1 story".to_string(),
        n => format!("{n} stories"),
    };
    eprintln!(
        "imported {}, duplicates {}, failed {} ({versions}; {stored} in {})",
        report.imported,
        report.duplicates,
        failures.len(),
        path.display()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `files` without those whose name or path matches one of the `--exclude` globs (said on
/// stderr when some were left out).
fn excluding(files: Vec<PathBuf>, globs: &[String]) -> Result<Vec<PathBuf>> {
    if globs.is_empty() {
        return Ok(files);
    }
    let mut set = globset::GlobSetBuilder::new();
    for glob in globs {
        set.add(
            globset::Glob::new(glob)
                .with_context(|| format!("--exclude {glob:?} is not a glob"))?,
        );
    }
    let set = set
        .build()
        .context("--exclude: the globs cannot be used together")?;
    let before = files.len();
    let kept: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| !(set.is_match(f) || f.file_name().is_some_and(|n| set.is_match(n))))
        .collect();
    if kept.len() < before {
        eprintln!(
            "dateline: left out {} file(s) matching --exclude",
            before - kept.len()
        );
    }
    Ok(kept)
}
