//! `dateline history ID`: every version of a story, newest first — when, which version
//! (`v3 (UPDATE 2)`: its place in the chain and the copy's label), its id, what it declared (`KILLED`, `CORRECTED`…), headline
//! and advisory — or one JSON object per version.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use dateline::catalog::{Catalog, Doc};
use dateline::versions;

use super::open::{catalog_or_samples, find_present};
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// Any version's id, or a unique prefix of it (see `dateline list`).
    id: String,
    /// One JSON object per version, newest first: id, version, published, received,
    /// headline, advisory, status (of that version).
    #[arg(long)]
    json: bool,
}

/// One version as `--json` prints it.
#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    /// The label the copy gives (`UPDATE 2`, `5`), if any.
    version: Option<&'a str>,
    published: Option<&'a str>,
    received: Option<&'a str>,
    headline: &'a str,
    advisory: Option<String>,
    /// What this version says of itself, now.
    status: &'static str,
}

/// One version as a line shows it.
struct Line {
    when: String,
    name: String,
    id: String,
    status: &'static str,
    headline: String,
    advisory: Option<String>,
}

pub(crate) fn run(settings: &Settings, args: &HistoryArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    let doc = find_present(settings, &catalog, &args.id)?;
    let now = Timestamp::now();
    let chain: Vec<Doc> = catalog.versions(doc).iter().rev().copied().collect();
    if args.json {
        let mut out = String::new();
        for &d in &chain {
            let article = catalog.article(d)?;
            let entry = Entry {
                id: catalog.id(d),
                version: catalog.version_label(d),
                published: catalog.published(d),
                received: catalog.received(d),
                headline: &article.headline,
                advisory: versions::advisory(&article).map(str::to_string),
                status: versions::own_status(&article, now).name(),
            };
            out.push_str(&serde_json::to_string(&entry)?);
            out.push('\n');
        }
        print(&out)?;
    } else {
        let lines = chain
            .iter()
            .map(|&d| line(&catalog, d, now))
            .collect::<Result<Vec<_>>>()?;
        print(&layout(&lines))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn line(catalog: &Catalog, doc: Doc, now: Timestamp) -> Result<Line> {
    let article = catalog.article(doc)?;
    Ok(Line {
        when: versions::when(catalog, doc, &TimeZone::system()),
        name: versions::name(catalog, doc),
        id: versions::short_id(catalog.id(doc)).to_string(),
        status: versions::status_mark(versions::own_status(&article, now)).unwrap_or(""),
        headline: article.headline.clone(),
        advisory: versions::advisory(&article).map(|a| {
            if a.starts_with('(') {
                a.to_string()
            } else {
                format!("({a})")
            }
        }),
    })
}

/// The lines in aligned columns; the status column only when some version has one.
fn layout(lines: &[Line]) -> String {
    let widest = |cell: fn(&Line) -> &str| lines.iter().map(|l| cell(l).width()).max();
    let when = widest(|l| &l.when).unwrap_or(0);
    let name = widest(|l| &l.name).unwrap_or(0);
    let status = widest(|l| l.status).unwrap_or(0);
    let mut out = String::new();
    for l in lines {
        let mut cells = vec![pad(&l.when, when), pad(&l.name, name), l.id.clone()];
        if status > 0 {
            cells.push(pad(l.status, status));
        }
        cells.push(l.headline.clone());
        cells.extend(l.advisory.clone());
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
