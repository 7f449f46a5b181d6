//! `dateline search QUERY`: the archive ranked by the query language the TUI's `/` uses, one
//! row per story (its newest version) as `list` prints them; a value the query cannot read
//! (`since:2026-13`) stops it with exit 2. `@NAME` stands for a saved search, and
//! `--save NAME QUERY` saves one instead of searching.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::search::{self, Query};
use dateline::state::DeskState;

use super::list::{MarkFilters, print_rows};
use super::open::catalog_or_samples;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// The query: fuzzy words (space = AND), `|` = OR, `'exact`, `^prefix`, `suffix$`,
    /// `!not`, and `person:`, `place:`, `org:`, `agency:` filters; `text:WORD` for whole
    /// words of the headline and body (`text:harb*`: words starting `harb`); `since:` and
    /// `until:` take YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM (local time), 2h, 30m, 3d,
    /// 1w, today or yesterday; `urgency:N` (1 = flash, most urgent, to 9), `urgency:<=N`,
    /// `<N`, `>=N`, `>N`; `@NAME` is the search saved as NAME.
    #[arg(required = true, value_name = "QUERY", num_args = 1..)]
    query: Vec<String>,
    /// Save the query as NAME (letters, digits, `-`, `_`; replaces a search of that name)
    /// instead of searching; `@NAME` then stands for it in any query.
    #[arg(long, value_name = "NAME")]
    save: Option<String>,
    /// One JSON object per line, best match first.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    marks: MarkFilters,
    /// Show at most N stories.
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
}

pub(crate) fn run(settings: &Settings, args: &SearchArgs) -> Result<ExitCode> {
    let text = args.query.join(" ");
    if let Some(name) = &args.save {
        return save(settings, name, &text);
    }
    let state = DeskState::load(&settings.archive)?;
    let query = Query::parse(&state.expand(&text)?);
    if !query.errors.is_empty() {
        for error in &query.errors {
            eprintln!("dateline: {error}");
        }
        return Ok(ExitCode::from(2));
    }
    let catalog = catalog_or_samples(settings)?;
    let mut hits = search::search(&catalog, &query, None, &|| false)
        .map(|outcome| outcome.docs)
        .unwrap_or_default();
    args.marks.apply(&catalog, &state, &mut hits);
    hits.truncate(args.limit.unwrap_or(usize::MAX));
    print_rows(&catalog, &state, &hits, args.json)?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Saves `text` as `name` once it reads as a query (with the saved searches it names), else
/// says why with exit 2.
fn save(settings: &Settings, name: &str, text: &str) -> Result<ExitCode> {
    let mut trial = DeskState::load(&settings.archive)?;
    trial.save_search(name, text)?;
    let query = Query::parse(&trial.expand(&format!("@{name}"))?);
    if query.errors.is_empty() && query.groups.is_empty() {
        anyhow::bail!(
            "`{}` has no terms to search for; nothing saved",
            text.trim()
        );
    }
    if !query.errors.is_empty() {
        for error in &query.errors {
            eprintln!("dateline: {error}");
        }
        return Ok(ExitCode::from(2));
    }
    let mut saved = Ok(());
    DeskState::update(&settings.archive, |state| {
        saved = state.save_search(name, text);
    })?;
    saved?;
    println!("saved @{name}: {}", text.trim());
    Ok(ExitCode::SUCCESS)
}
