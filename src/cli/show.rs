//! `dateline show ID`: one story reflowed to the terminal (or `--width N`), or as JSON.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::reflow;

use super::open::catalog_or_samples;
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The story's id, or a unique prefix of it (see `dateline list`).
    id: String,
    /// Wrap to N columns instead of the terminal width (capped by `measure` in the config).
    #[arg(long, short, value_name = "N")]
    width: Option<usize>,
    /// Print the parsed article as JSON instead.
    #[arg(long)]
    json: bool,
}

impl ShowArgs {
    /// `--width`, which [`Settings::width`] takes over the terminal's.
    pub(crate) fn width(&self) -> Option<usize> {
        self.width
    }
}

pub(crate) fn run(settings: &Settings, args: &ShowArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(&settings.archive)?;
    let article = catalog.article(catalog.find(&args.id)?)?;
    if args.json {
        print(&(serde_json::to_string_pretty(&article)? + "\n"))?;
    } else {
        print(&reflow::plain_text(&article, settings.width))?;
    }
    Ok(ExitCode::SUCCESS)
}
