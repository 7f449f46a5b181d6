//! `dateline export ID --to DIR|-`: one story as a Markdown file (or on stdout), its front
//! matter saying where the version stands (chain, version, status). Killed copy, and copy
//! under embargo until the embargo ends, is refused unless `--force`.

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

use super::open::catalog_or_samples;
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The story's id (any version's), or a unique prefix of it.
    id: String,
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
    let doc = catalog.find(&args.id)?;
    let now = Timestamp::now();
    let status = catalog.status(doc, now);
    if !args.force {
        refuse(&catalog, doc, status, now)?;
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
        let path = export::write_document(&article, Some(&standing), dir, args.force)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
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
