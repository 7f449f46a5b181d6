//! `dateline search QUERY`: the archive ranked by the query language the TUI's `/` uses.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::search::{self, Query};

use super::list::print_rows;
use super::open::catalog_or_samples;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// The query: fuzzy words (space = AND), `|` = OR, `'exact`, `^prefix`, `suffix$`,
    /// `!not`, and `person:`, `place:`, `org:`, `agency:`, `since:`, `until:` filters.
    #[arg(required = true, value_name = "QUERY", num_args = 1..)]
    query: Vec<String>,
    /// One JSON object per line, best match first.
    #[arg(long)]
    json: bool,
    /// Show at most N stories.
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
}

pub(crate) fn run(settings: &Settings, args: &SearchArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(&settings.archive)?;
    let query = Query::parse(&args.query.join(" "));
    let mut hits = search::search(&catalog, &query, None, &|| false)
        .map(|outcome| outcome.docs)
        .unwrap_or_default();
    hits.truncate(args.limit.unwrap_or(usize::MAX));
    print_rows(&catalog, &hits, args.json)?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
