//! `dateline rm ID… [--query QUERY] [--undo]`: removes stories (every version of each) from
//! everything that lists or shows them, by noting them in the desk state: `--undo` brings them
//! back, until `dateline compact` drops their lines from the archive for good.
//! `dateline compact` does that, under the archive's lock, atomically.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Args;

use dateline::compact;
use dateline::state::DeskState;

use super::mark::done_lines;
use super::open::{catalog_or_samples, lock_and_repair, open_catalog_with, query_stories};
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).multiple(true).args(["ids", "query"]))]
pub(crate) struct RmArgs {
    /// The stories' ids (any version's), or unique prefixes of them.
    #[arg(value_name = "ID")]
    ids: Vec<String>,
    /// Remove (or with `--undo`, bring back) every story this query finds.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
    /// Bring the stories back instead.
    #[arg(long)]
    undo: bool,
}

pub(crate) fn run(settings: &Settings, args: &RmArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    if !settings.archive.exists() {
        bail!("the built-in samples cannot be removed; `dateline import PATH` starts your archive");
    }
    let mut docs = Vec::new();
    for id in &args.ids {
        docs.push(catalog.find(id)?);
    }
    if let Some(text) = &args.query {
        let (mut found, state) = query_stories(settings, &catalog, text)?;
        // Removing finds what is listed; bringing back, what was removed.
        found.retain(|&d| state.chain_removed(&catalog, d) == args.undo);
        if found.is_empty() {
            bail!(
                "`{}` finds no story to {}",
                text.trim(),
                if args.undo { "bring back" } else { "remove" }
            );
        }
        docs.extend(found);
    }
    let mut seen = HashSet::new();
    docs.retain(|&d| seen.insert(catalog.newest(d)));
    DeskState::update(&settings.archive, |state| {
        for &doc in &docs {
            if args.undo {
                state.unremove(&catalog, doc);
            } else {
                state.remove(&catalog, doc);
            }
        }
    })?;
    let done = if args.undo { "restored" } else { "removed" };
    let mut said = done_lines(&catalog, &docs, done);
    if !args.undo {
        let _ = writeln!(
            said,
            "(`dateline rm --undo ID` brings a story back until `dateline compact` drops it for good)"
        );
    }
    print(&said)?;
    Ok(ExitCode::SUCCESS)
}

/// `dateline compact`: the removed stories' lines leave the archive for good.
pub(crate) fn compact(settings: &Settings) -> Result<ExitCode> {
    let path = &settings.archive;
    if !path.exists() {
        bail!("{}: no archive there to compact", path.display());
    }
    let lock = lock_and_repair(path, None)?;
    let state = DeskState::load(path)?;
    let removed: HashSet<String> = state.removed_ids().into_iter().collect();
    if removed.is_empty() {
        println!("nothing removed: the archive is as it was");
        return Ok(ExitCode::SUCCESS);
    }
    let done = compact::compact(path, &lock, &removed)
        .with_context(|| format!("{}: cannot compact the archive", path.display()))?;
    // The index is built again now, so the next command opens at once.
    open_catalog_with(path, Some(&lock))?;
    DeskState::update(path, DeskState::forget_removed)?;
    println!(
        "compacted {}: {} versions of removed stories dropped for good, {} kept",
        path.display(),
        done.dropped,
        done.kept
    );
    Ok(ExitCode::SUCCESS)
}
