//! `dateline list`: the archive newest first, as aligned columns or JSON Lines.

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use dateline::article::{Article, EntityKind};
use dateline::text::truncate_to_width;

use super::Context;

#[derive(Debug, Default, Args)]
pub struct ListArgs {
    /// One JSON object per line (id, date, agency, place, headline, source) for scripts.
    #[arg(long)]
    json: bool,
    /// Show at most N stories.
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
    /// Only stories that name this person (full name or any form used, any case).
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only stories that name this place.
    #[arg(long, value_name = "NAME")]
    place: Option<String>,
    /// Only stories that name this organisation.
    #[arg(long = "org", value_name = "NAME")]
    organization: Option<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    date: Option<&'a str>,
    agency: Option<&'a str>,
    place: Option<&'a str>,
    headline: &'a str,
    source: &'a str,
}

pub fn run(context: &Context, args: &ListArgs) -> Result<ExitCode> {
    let archive = context.archive_or_samples()?;
    let filters = [
        (EntityKind::Person, &args.person),
        (EntityKind::Place, &args.place),
        (EntityKind::Organization, &args.organization),
    ];
    let stories: Vec<&Article> = archive
        .newest_first()
        .into_iter()
        .filter(|a| {
            filters
                .iter()
                .all(|(kind, name)| name.as_ref().is_none_or(|n| a.names(*kind, n)))
        })
        .take(args.limit.unwrap_or(usize::MAX))
        .collect();
    print_rows(&stories, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints stories as aligned rows (id, date, agency, place, headline) or as JSON Lines.
pub fn print_rows(stories: &[&Article], json: bool) -> Result<()> {
    let shown = stories.iter();
    let mut out = String::new();
    if json {
        for a in shown {
            out.push_str(&serde_json::to_string(&row(a))?);
            out.push('\n');
        }
    } else {
        // On a terminal, rows fit its width; into a pipe, headlines stay whole for grep.
        let width = if std::io::stdout().is_terminal() {
            textwrap::termwidth().max(60)
        } else {
            usize::MAX
        };
        for a in shown {
            let place = truncate_to_width(a.place().unwrap_or(""), 16);
            let agency = truncate_to_width(a.agency_name().unwrap_or(""), 8);
            let fixed = format!(
                "{:<8}  {:<10}  {}{}  {}{}  ",
                a.id.get(..8).unwrap_or(&a.id),
                a.date().unwrap_or("undated"),
                agency,
                " ".repeat(8 - agency.width()),
                place,
                " ".repeat(16 - place.width()),
            );
            let room = width.saturating_sub(fixed.width()).max(20);
            let _ = writeln!(out, "{fixed}{}", truncate_to_width(&a.headline, room));
        }
    }
    super::print(&out)
}

fn row(a: &Article) -> Row<'_> {
    Row {
        id: &a.id,
        date: a.date(),
        agency: a.agency_name(),
        place: a.place(),
        headline: &a.headline,
        source: &a.source.path,
    }
}
