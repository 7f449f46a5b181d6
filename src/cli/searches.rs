//! `dateline searches`: the saved searches, one a line, with how many stories each matches now
//! and how many of those are unread; `--remove NAME` forgets one.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use dateline::search::{self, Query};
use dateline::state::DeskState;

use super::open::catalog_or_samples;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct SearchesArgs {
    /// One JSON object per line: name, query, total, unread.
    #[arg(long)]
    json: bool,
    /// Forget the search saved as NAME instead.
    #[arg(long, value_name = "NAME")]
    remove: Option<String>,
}

/// A saved search as `--json` prints it.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    query: &'a str,
    /// Stories (list rows) it matches now.
    total: usize,
    /// How many of them are unread.
    unread: usize,
}

pub(crate) fn run(settings: &Settings, args: &SearchesArgs) -> Result<ExitCode> {
    if let Some(name) = &args.remove {
        let mut removed = false;
        DeskState::update(&settings.archive, |state| {
            removed = state.remove_search(name);
        })?;
        if !removed {
            anyhow::bail!("no saved search `@{name}` (see `dateline searches`)");
        }
        println!("removed @{name}");
        return Ok(ExitCode::SUCCESS);
    }
    let state = DeskState::load(&settings.archive)?;
    if state.searches().is_empty() {
        eprintln!(
            "dateline: no saved searches yet (`dateline search --save NAME QUERY` saves one)"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let catalog = catalog_or_samples(settings)?;
    let mut rows = Vec::new();
    let mut code = ExitCode::SUCCESS;
    for saved in state.searches() {
        let query = match state.expand(&saved.query) {
            Ok(text) => Query::parse(&text),
            Err(e) => {
                eprintln!("dateline: @{}: {e}", saved.name);
                code = ExitCode::from(2);
                continue;
            }
        };
        for error in &query.errors {
            eprintln!("dateline: @{}: {error}", saved.name);
            code = ExitCode::from(2);
        }
        if !query.errors.is_empty() {
            continue;
        }
        let hits = search::search(&catalog, &query, None, &|| false)
            .map(|outcome| outcome.docs)
            .unwrap_or_default();
        rows.push(Row {
            name: &saved.name,
            query: &saved.query,
            total: hits.len(),
            unread: hits
                .iter()
                .filter(|&&d| !state.chain_read(&catalog, d))
                .count(),
        });
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        for row in &rows {
            serde_json::to_writer(&mut out, row)?;
            out.write_all(b"\n")?;
        }
    } else {
        let width = rows
            .iter()
            .map(|r| r.name.chars().count() + 1)
            .max()
            .unwrap_or(0);
        for row in &rows {
            writeln!(
                out,
                "{:<width$}  {:>7}  {:>7} unread  {}",
                format!("@{}", row.name),
                row.total,
                row.unread,
                row.query
            )?;
        }
    }
    out.flush()?;
    Ok(code)
}
