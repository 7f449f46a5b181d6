//! `dateline export ID --to DIR|-`: one story as a Markdown file (or on stdout).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::export;

use super::open::catalog_or_samples;
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The story's id, or a unique prefix of it.
    id: String,
    /// The folder to write to, or `-` for stdout (default: `export_dir` from the config, else
    /// the current folder).
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// Overwrite a file of the same name.
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
    let catalog = catalog_or_samples(&settings.archive)?;
    let article = catalog.article(catalog.find(&args.id)?)?;
    let dir = &settings.export_dir;
    if dir.as_os_str() == "-" {
        print(&export::markdown(&article))?;
    } else {
        let path = export::write_to_dir(&article, dir, args.force)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
