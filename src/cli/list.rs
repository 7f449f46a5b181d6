//! `dateline list`: the archive newest first, as aligned columns or JSON Lines.

use std::io::IsTerminal as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use dateline::article::EntityKind;
use dateline::catalog::{Catalog, Doc, Field};
use dateline::search::{self, Atom, Query, Term};
use dateline::text::truncate_to_width;

use super::open::catalog_or_samples;
use super::settings::Settings;

#[derive(Debug, Default, Args)]
pub(crate) struct ListArgs {
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

pub(crate) fn run(settings: &Settings, args: &ListArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(&settings.archive)?;
    let filters = [
        (EntityKind::Person, &args.person),
        (EntityKind::Place, &args.place),
        (EntityKind::Organization, &args.organization),
    ];
    let query = Query {
        groups: filters
            .into_iter()
            .filter_map(|(kind, name)| {
                name.as_ref().map(|n| {
                    vec![Atom {
                        term: Term::Entity(kind, n.to_lowercase()),
                        negated: false,
                    }]
                })
            })
            .collect(),
        errors: Vec::new(),
    };
    let mut stories = search::search(&catalog, &query, None, &|| false)
        .map(|outcome| outcome.docs)
        .unwrap_or_default();
    stories.truncate(args.limit.unwrap_or(usize::MAX));
    print_rows(&catalog, &stories, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints stories as aligned rows (id, date, agency, place, headline) or as JSON Lines.
pub(crate) fn print_rows(catalog: &Catalog, stories: &[Doc], json: bool) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if json {
        for &doc in stories {
            serde_json::to_writer(&mut out, &row(catalog, doc))?;
            out.write_all(b"\n")?;
        }
    } else {
        // On a terminal, rows fit its width; into a pipe, headlines stay whole for grep.
        let width = if std::io::stdout().is_terminal() {
            textwrap::termwidth().max(60)
        } else {
            usize::MAX
        };
        for &doc in stories {
            let id = catalog.id(doc);
            let place = truncate_to_width(catalog.place(doc).unwrap_or(""), 16);
            let agency = truncate_to_width(catalog.agency(doc).unwrap_or(""), 8);
            let (agency_pad, place_pad) = (8 - agency.width(), 16 - place.width());
            write!(
                out,
                "{:<8}  {:<10}  {agency}{:agency_pad$}  {place}{:place_pad$}  ",
                id.get(..8).unwrap_or(id),
                catalog.date(doc).unwrap_or("undated"),
                "",
                "",
            )?;
            let headline = catalog.headline(doc);
            if width == usize::MAX {
                writeln!(out, "{headline}")?;
            } else {
                let room = width
                    .saturating_sub(8 + 2 + 10 + 2 + 8 + 2 + 16 + 2)
                    .max(20);
                writeln!(out, "{}", truncate_to_width(headline, room))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn row(catalog: &Catalog, doc: Doc) -> Row<'_> {
    Row {
        id: catalog.id(doc),
        date: catalog.date(doc),
        agency: catalog.agency(doc),
        place: catalog.place(doc),
        headline: catalog.headline(doc),
        source: catalog.field(doc, Field::SourcePath),
    }
}
