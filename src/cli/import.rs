//! `dateline import PATH...`: parse files and folders in parallel, add new stories, save once.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use dateline::archive::{Archive, WriteLock};
use dateline::article::Format;
use dateline::importer;
use dateline::ingest::{self, Options};

use super::Context;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Story files, or folders to search recursively.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Parse every file as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = super::parse_format)]
    format: Option<Format>,
}

/// Show a progress bar when an import is at least this many files.
const PROGRESS_FROM: usize = 50;

pub fn run(context: &Context, args: &ImportArgs) -> Result<ExitCode> {
    let path = &context.archive_path;
    let _lock = WriteLock::acquire(path)?;
    let mut archive = super::load_archive(path)?.unwrap_or_default();
    let (files, mut failures) = ingest::collect_files(&args.paths);
    let options = Options {
        format: args.format,
        max_file_bytes: context.config.max_file_bytes(),
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
    let report = importer::import(&mut archive, &files, options, &|| progress.inc(1));
    progress.finish_and_clear();
    failures.extend(report.failures);
    let (imported, duplicates) = (report.imported, report.duplicates);
    for failure in &failures {
        eprintln!("dateline: {failure}");
    }
    if imported > 0 {
        archive.save(path)?;
    } else if !path.exists() {
        // An import that found nothing new still leaves an (empty) archive, so the embedded
        // samples stop standing in for it.
        Archive::default().save(path)?;
    }
    eprintln!(
        "imported {imported}, duplicates {duplicates}, failed {} ({} stories in {})",
        failures.len(),
        archive.len(),
        path.display()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
