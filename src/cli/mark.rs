//! `dateline mark ID… --read|--unread|--star|--unstar`: changes what the desk state says of
//! stories. Any version's id (or a unique prefix) names its story; every id is found before
//! anything changes, so an unknown one (exit 2) changes nothing.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use dateline::catalog::{Catalog, Doc};
use dateline::state::DeskState;
use dateline::versions::short_id;

use super::open::catalog_or_samples;
use super::output::print;
use super::settings::Settings;

// Four flags of which clap lets exactly one through: what the command line reads, not state.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("mark").required(true).multiple(false))]
pub(crate) struct MarkArgs {
    /// The stories: any version's id, or a unique prefix of it (see `dateline list`).
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// Mark them read (their newest version: a newer one makes them unread again).
    #[arg(long, group = "mark")]
    read: bool,
    /// Mark them unread (no version of them read).
    #[arg(long, group = "mark")]
    unread: bool,
    /// Star them (the star stays through new versions).
    #[arg(long, group = "mark")]
    star: bool,
    /// Take their stars off (off every version).
    #[arg(long, group = "mark")]
    unstar: bool,
}

pub(crate) fn run(settings: &Settings, args: &MarkArgs) -> Result<ExitCode> {
    let catalog = catalog_or_samples(settings)?;
    let docs = args
        .ids
        .iter()
        .map(|id| catalog.find(id))
        .collect::<Result<Vec<_>, _>>()?;
    // clap lets exactly one of the four through.
    let (change, done): (fn(&mut DeskState, &Catalog, Doc), &str) = if args.read {
        (DeskState::mark_read, "read")
    } else if args.unread {
        (DeskState::mark_unread, "unread")
    } else if args.star {
        (DeskState::star, "starred")
    } else {
        (DeskState::unstar, "unstarred")
    };
    DeskState::update(&settings.archive, |state| {
        for &doc in &docs {
            change(state, &catalog, doc);
        }
    })?;
    print(&done_lines(&catalog, &docs, &format!("{done:<9}")))?;
    Ok(ExitCode::SUCCESS)
}

/// A line per story of what was done to it (`marks`, `rm`): `DONE  ID  HEADLINE`, of its
/// newest version.
pub(crate) fn done_lines(catalog: &Catalog, docs: &[Doc], done: &str) -> String {
    let mut said = String::new();
    for &doc in docs {
        let newest = catalog.newest(doc);
        let _ = writeln!(
            said,
            "{done}  {}  {}",
            short_id(catalog.id(newest)),
            catalog.headline(newest)
        );
    }
    said
}
