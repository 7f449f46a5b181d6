//! `dateline show ID`: one story reflowed to the terminal (or `--width N`), or as JSON.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::reflow;

use super::Context;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The story's id, or a unique prefix of it (see `dateline list`).
    id: String,
    /// Wrap to N columns instead of the terminal width (capped by `measure` in the config).
    #[arg(long, short, value_name = "N")]
    width: Option<usize>,
    /// Print the parsed article as JSON instead.
    #[arg(long)]
    json: bool,
}

pub fn run(context: &Context, args: &ShowArgs) -> Result<ExitCode> {
    let catalog = context.catalog_or_samples()?;
    let article = catalog.article(catalog.find(&args.id)?)?;
    let article = &article;
    if args.json {
        super::print(&(serde_json::to_string_pretty(article)? + "\n"))?;
    } else {
        let width = super::text_width(args.width, &context.config);
        super::print(&reflow::plain_text(article, width))?;
    }
    Ok(ExitCode::SUCCESS)
}
