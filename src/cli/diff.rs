//! `dateline diff ID [--from V] [--to V]`: what changed between two versions of a story, as
//! unified lines (`diff::unified`) under a header naming both. One version alone has nothing
//! to compare: said on stderr, exit 0 (as `git diff` with no changes); an unknown version is
//! an error (exit 2).

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use jiff::tz::TimeZone;

use dateline::catalog::{Catalog, Doc};
use dateline::{diff, versions};

use super::open::{catalog_or_samples, find_present};
use super::output::print;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Any version's id, or a unique prefix of it (see `dateline history`).
    id: String,
    /// The version to compare from: a label as the copy writes it (`3`, `"UPDATE 2"`), else a
    /// position (`1` or `v1` = the first version), else a version's id or prefix. Default:
    /// the version before `--to`.
    #[arg(long, value_name = "V")]
    from: Option<String>,
    /// The version to compare to, read the same way. Default: the newest.
    #[arg(long, value_name = "V")]
    to: Option<String>,
}

pub(crate) fn run(settings: &Settings, args: &DiffArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    let doc = find_present(settings, &catalog, &args.id)?;
    let chain = catalog.versions(doc).to_vec();
    let story = versions::short_id(catalog.chain_id(doc));
    if chain.len() < 2 && args.from.is_none() && args.to.is_none() {
        eprintln!("dateline: story {story} has one version only; nothing to compare");
        return Ok(ExitCode::SUCCESS);
    }
    let to = match &args.to {
        Some(given) => versions::pick(&catalog, &chain, given)?,
        None => chain.last().copied().unwrap_or(doc),
    };
    let from = if let Some(given) = &args.from {
        versions::pick(&catalog, &chain, given)?
    } else {
        let at = chain.iter().position(|&d| d == to).unwrap_or(0);
        let Some(&before) = at.checked_sub(1).and_then(|i| chain.get(i)) else {
            eprintln!(
                "dateline: {} is the first version of story {story}; nothing before it to compare",
                versions::name(&catalog, to)
            );
            return Ok(ExitCode::SUCCESS);
        };
        before
    };
    let changes = diff::diff(&catalog.article(from)?, &catalog.article(to)?);
    let mut out = format!("{}  →  {}\n", header(&catalog, from), header(&catalog, to));
    if changes.is_empty() {
        out.push_str("(no changes in the text)\n");
    } else {
        out.push_str(&diff::unified(&changes));
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `v2 (UPDATE 1) · 9c1d2e3f · 2025-12-02 10:00`.
fn header(catalog: &Catalog, doc: Doc) -> String {
    format!(
        "{} · {} · {}",
        versions::name(catalog, doc),
        versions::short_id(catalog.id(doc)),
        versions::when(catalog, doc, &TimeZone::system())
    )
}
