//! `dateline search QUERY`: the archive ranked by the query language the TUI's `/` uses, one
//! row per story (its newest version) as `list` prints them; a value the query cannot read
//! (`since:2026-13`) stops it with exit 2.

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
    /// `!not`, and `person:`, `place:`, `org:`, `agency:`, `text:` filters; `since:` and
    /// `until:` take YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM (local time), 2h, 30m, 3d,
    /// 1w, today or yesterday; `urgency:N` (1 = flash, most urgent, to 9), `urgency:<=N`,
    /// `<N`, `>=N`, `>N`.
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
    if !query.errors.is_empty() {
        for error in &query.errors {
            eprintln!("dateline: {error}");
        }
        return Ok(ExitCode::from(2));
    }
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
