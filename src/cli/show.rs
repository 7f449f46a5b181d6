//! `dateline show ID`: one story reflowed to the terminal (or `--width N`), opened by a notice
//! when it was killed, corrected, withheld or is under embargo, and by a note when a newer
//! version exists; or the article as JSON.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use dateline::{reflow, versions};

use super::open::{catalog_or_samples, find_present};
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The story's id, or a unique prefix of it (4 characters or more, any case; see
    /// `dateline list`).
    id: String,
    /// Wrap to N columns (20 to 1000) instead of the terminal width (capped by `measure` in
    /// the config).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    width: Option<u16>,
    /// Print the parsed article as JSON instead.
    #[arg(long)]
    json: bool,
}

impl ShowArgs {
    /// `--width`, which [`Settings::width`] takes over the terminal's.
    pub(crate) fn width(&self) -> Option<usize> {
        self.width.map(usize::from)
    }
}

pub(crate) fn run(settings: &Settings, args: &ShowArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    let doc = find_present(settings, &catalog, &args.id)?;
    let article = catalog.article(doc)?;
    if args.json {
        print(&(serde_json::to_string_pretty(&article)? + "\n"))?;
    } else {
        let notices: Vec<String> =
            versions::notice(&catalog, doc, Timestamp::now(), &TimeZone::system())?
                .into_iter()
                .chain(versions::newer_note(&catalog, doc))
                .collect();
        print(&reflow::with_notices(&notices, &article, settings.width))?;
    }
    Ok(ExitCode::SUCCESS)
}
