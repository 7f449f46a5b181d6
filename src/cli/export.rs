//! `dateline export ID --to DIR|-`: one story as a Markdown file (or on stdout).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::export;

use super::Context;

#[derive(Debug, Args)]
pub struct ExportArgs {
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

pub fn run(context: &Context, args: &ExportArgs) -> Result<ExitCode> {
    let catalog = context.catalog_or_samples()?;
    let article = catalog.article(catalog.find(&args.id)?)?;
    let article = &article;
    let dir = args
        .to
        .clone()
        .or_else(|| context.config.export_dir.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    if dir.as_os_str() == "-" {
        super::print(&export::markdown(article))?;
    } else {
        let path = export::write_to_dir(article, &dir, args.force)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
