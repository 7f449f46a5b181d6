//! `dateline search QUERY`: the archive ranked by the query language the TUI's `/` uses.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::article::Article;
use dateline::search::{Query, Searcher};

use super::Context;

#[derive(Debug, Args)]
pub struct SearchArgs {
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

pub fn run(context: &Context, args: &SearchArgs) -> Result<ExitCode> {
    let archive = context.archive_or_samples()?;
    let stories = archive.newest_first();
    let searcher = Searcher::new(stories.iter().copied());
    let query = Query::parse(&args.query.join(" "));
    let hits: Vec<&Article> = searcher
        .search(&query)
        .into_iter()
        .take(args.limit.unwrap_or(usize::MAX))
        .map(|hit| stories[hit.index])
        .collect();
    super::list::print_rows(&hits, args.json)?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
