//! `dateline export ID… [--query QUERY] --to DIR|-`: stories as Markdown files (or on stdout),
//! each one's front matter saying where the version stands (chain, version, status): the ids
//! named, and every story a query finds. Killed copy, and copy under embargo until the embargo
//! ends, is refused unless `--force`; a story refused or failed is said and the others are
//! still exported (exit 2 at the end).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use dateline::article::Status;
use dateline::catalog::{Catalog, Doc};
use dateline::export::{self, Standing};
use dateline::versions;

use super::open::{catalog_or_samples, find_present, query_stories};
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).multiple(true).args(["ids", "query"]))]
pub(crate) struct ExportArgs {
    /// The stories' ids (any version's), or unique prefixes of them.
    #[arg(value_name = "ID")]
    ids: Vec<String>,
    /// Export every story this query finds (the search language: `person:putin since:2024-06`).
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
    /// The folder to write to, or `-` for stdout (default: `export_dir` from the config, else
    /// the current folder).
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// Overwrite a file of the same name; export killed copy, or copy still under embargo.
    #[arg(long)]
    force: bool,
}

impl ExportArgs {
    /// `--to`, which [`Settings::export_dir`] takes over the config.
    pub(crate) fn to(&self) -> Option<&Path> {
        self.to.as_deref()
    }
}

pub(crate) fn run(settings: &Settings, args: &ExportArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    let mut docs = Vec::new();
    for id in &args.ids {
        docs.push(find_present(settings, &catalog, id)?);
    }
    if let Some(text) = &args.query {
        let (mut found, state) = query_stories(settings, &catalog, text)?;
        if state.has_removed() {
            found.retain(|&d| !state.chain_removed(&catalog, d));
        }
        if found.is_empty() {
            bail!("`{}` finds no story; nothing exported", text.trim());
        }
        docs.extend(found);
    }
    // Each story once, in the order named.
    let mut seen = std::collections::HashSet::new();
    docs.retain(|&d| seen.insert(d));
    let now = Timestamp::now();
    let mut failed = 0;
    for doc in docs {
        if let Err(e) = export_one(settings, &catalog, doc, now, args.force) {
            eprintln!("dateline: {e:#}");
            failed += 1;
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Exports story `doc`: to stdout with `--to -`, else as a file whose path is printed.
fn export_one(
    settings: &Settings,
    catalog: &Catalog,
    doc: Doc,
    now: Timestamp,
    force: bool,
) -> Result<()> {
    let status = catalog.status(doc, now);
    if !force {
        refuse(catalog, doc, status, now)?;
    }
    let article = catalog.article(doc)?;
    let standing = Standing {
        chain: catalog.chain_id(doc),
        status,
    };
    let dir = &settings.export_dir;
    if dir.as_os_str() == "-" {
        print(&export::document(&article, Some(&standing)))?;
    } else {
        let path = export::write_document(&article, Some(&standing), dir, force)?;
        println!("{}", path.display());
    }
    Ok(())
}

/// Stops the export of killed and withheld copy, and of copy whose embargo has not ended,
/// saying why (the reader asks first for the same three).
fn refuse(catalog: &Catalog, doc: Doc, status: Status, now: Timestamp) -> Result<()> {
    let id = versions::short_id(catalog.id(doc));
    match status {
        Status::Canceled => match versions::reason(catalog, doc, Status::Canceled)? {
            Some(why) => bail!(
                "story {id} was killed ({why}) and must not be used; pass `--force` to export it anyway"
            ),
            None => bail!(
                "story {id} was killed and must not be used; pass `--force` to export it anyway"
            ),
        },
        Status::Withheld => match versions::reason(catalog, doc, Status::Withheld)? {
            Some(why) => bail!(
                "story {id} is withheld ({why}) and must not be used yet; pass `--force` to export it anyway"
            ),
            None => bail!(
                "story {id} is withheld and must not be used yet; pass `--force` to export it anyway"
            ),
        },
        Status::Embargoed => match catalog.embargo(doc) {
            Some(until) => bail!(
                "story {id} is under embargo until {} ({} left); pass `--force` to export it anyway",
                dateline::when::local(until, &TimeZone::system()),
                versions::time_left(now, until)
            ),
            None => bail!(
                "story {id} is under embargo (the copy gives no end); pass `--force` to export it anyway"
            ),
        },
        _ => Ok(()),
    }
}
