//! `dateline list`: the archive newest first, one row per story (its newest version), as
//! aligned columns or JSON Lines, with what the desk state says of each (read, starred);
//! `search` prints its results the same way.

use std::io::IsTerminal as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use dateline::article::EntityKind;
use dateline::catalog::{Catalog, Doc, Field};
use dateline::search::{self, Atom, Query, Term};
use dateline::state::DeskState;
use dateline::text::truncate_to_width;
use dateline::versions;

use super::open::catalog_or_samples;
use super::settings::Settings;

#[derive(Debug, Default, Args)]
pub(crate) struct ListArgs {
    /// One JSON object per line for scripts: id, date, agency, place, headline, source, chain,
    /// versions, version, status, published, received, read, starred.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    marks: MarkFilters,
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

/// `--unread` and `--starred`, which `list` and `search` share.
#[derive(Debug, Default, Args)]
pub(crate) struct MarkFilters {
    /// Only stories not read yet (a new version makes a story unread again).
    #[arg(long)]
    unread: bool,
    /// Only starred stories.
    #[arg(long)]
    starred: bool,
}

impl MarkFilters {
    /// Keeps the stories these filters let through (both: stories both unread and starred),
    /// never one removed.
    pub(crate) fn apply(&self, catalog: &Catalog, state: &DeskState, stories: &mut Vec<Doc>) {
        // Stories removed with `dateline rm` are listed by nothing.
        if state.has_removed() {
            stories.retain(|&d| !state.chain_removed(catalog, d));
        }
        if self.unread {
            stories.retain(|&d| !state.chain_read(catalog, d));
        }
        if self.starred {
            stories.retain(|&d| state.chain_starred(catalog, d));
        }
    }
}

/// A story as `--json` prints it: its newest version, and its chain.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    date: Option<&'a str>,
    agency: Option<&'a str>,
    place: Option<&'a str>,
    headline: &'a str,
    source: &'a str,
    /// The id of the story's first version.
    chain: &'a str,
    versions: usize,
    /// The newest version's label, as the copy gives it.
    version: Option<&'a str>,
    status: &'static str,
    published: Option<&'a str>,
    received: Option<&'a str>,
    /// Whether the newest version has been read.
    read: bool,
    /// Whether any version is starred.
    starred: bool,
}

pub(crate) fn run(settings: &Settings, args: &ListArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    let state = DeskState::load(&settings.archive)?;
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
    args.marks.apply(&catalog, &state, &mut stories);
    stories.truncate(args.limit.unwrap_or(usize::MAX));
    print_rows(&catalog, &state, &stories, args.json)?;
    // As `search` (and grep): 1 when nothing is listed.
    Ok(if stories.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints stories (newest versions) as aligned rows or as JSON Lines. A row: id, the desk's
/// marks (`N` unread, `*` starred; a column only once some story is read or starred), time
/// (see [`versions::when`]), the version mark (`v3` for a third version) and the status mark
/// (`KILLED`, `CORRECTED`, `EMBARGOED`, `WITHHELD`), each a column only when the archive has
/// stories with several versions or a status, agency, place, headline.
pub(crate) fn print_rows(
    catalog: &Catalog,
    state: &DeskState,
    stories: &[Doc],
    json: bool,
) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let now = Timestamp::now();
    if json {
        for &doc in stories {
            serde_json::to_writer(&mut out, &row(catalog, state, doc, now))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    let tz = TimeZone::system();
    // Column widths from what the archive holds, not row by row: rows are written as they
    // are read, in one pass (a million of them at scale).
    let when_width = if catalog.has_received_only() { 17 } else { 16 };
    let version_width = catalog.longest_chain().map_or(0, |n| format!("v{n}").len());
    let status_width = if catalog.has_statuses() { 9 } else { 0 };
    // Before anything is read or starred, every story would be marked unread: no column.
    let marks_width = if state.has_marks() { 2 } else { 0 };
    let room_for = |width: usize| if width == 0 { 0 } else { width + 2 };
    // On a terminal, rows fit its width; into a pipe, headlines stay whole for grep.
    let room = if std::io::stdout().is_terminal() {
        let fixed = 8
            + 2
            + when_width
            + 2
            + room_for(marks_width)
            + room_for(version_width)
            + room_for(status_width)
            + 8
            + 2
            + 16
            + 2;
        Some(textwrap::termwidth().max(60).saturating_sub(fixed).max(20))
    } else {
        None
    };
    for &doc in stories {
        let place = truncate_to_width(catalog.place(doc).unwrap_or(""), 16);
        let agency = truncate_to_width(catalog.agency(doc).unwrap_or(""), 8);
        let (agency_pad, place_pad) = (8 - agency.width(), 16 - place.width());
        write!(out, "{:<8}  ", versions::short_id(catalog.id(doc)))?;
        if marks_width > 0 {
            let unread = if state.chain_read(catalog, doc) {
                ' '
            } else {
                'N'
            };
            let starred = if state.chain_starred(catalog, doc) {
                '*'
            } else {
                ' '
            };
            write!(out, "{unread}{starred}  ")?;
        }
        write!(out, "{:<when_width$}  ", versions::when(catalog, doc, &tz))?;
        if version_width > 0 {
            let mark = versions::version_mark(catalog, doc).unwrap_or_default();
            write!(out, "{mark:<version_width$}  ")?;
        }
        if status_width > 0 {
            let mark = versions::status_mark(catalog.status(doc, now)).unwrap_or_default();
            write!(out, "{mark:<status_width$}  ")?;
        }
        write!(
            out,
            "{agency}{:agency_pad$}  {place}{:place_pad$}  ",
            "", ""
        )?;
        let headline = catalog.headline(doc);
        match room {
            None => writeln!(out, "{headline}")?,
            Some(room) => writeln!(out, "{}", truncate_to_width(headline, room))?,
        }
    }
    out.flush()?;
    Ok(())
}

fn row<'a>(catalog: &'a Catalog, state: &DeskState, doc: Doc, now: Timestamp) -> Row<'a> {
    Row {
        id: catalog.id(doc),
        date: catalog.date(doc),
        agency: catalog.agency(doc),
        place: catalog.place(doc),
        headline: catalog.headline(doc),
        source: catalog.field(doc, Field::SourcePath),
        chain: catalog.chain_id(doc),
        versions: catalog.versions(doc).len().max(1),
        version: catalog.version_label(doc),
        status: catalog.status(doc, now).name(),
        published: catalog.published(doc),
        received: catalog.received(doc),
        read: state.chain_read(catalog, doc),
        starred: state.chain_starred(catalog, doc),
    }
}
