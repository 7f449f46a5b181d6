//! The command line: clap's definitions, then [`run`], which resolves the [`Settings`] once
//! and hands them to the subcommand. The shared pieces live in leaf files (`settings`,
//! `open`, `output`, `format_flag`) that the subcommands use; nothing here is used by them.

mod bench;
mod diff;
mod export;
mod extract;
mod format_flag;
mod history;
mod import;
mod list;
mod mark;
mod open;
mod output;
#[cfg(feature = "tui")]
mod reader;
mod rm;
mod search;
mod searches;
mod settings;
mod shell;
mod show;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};

pub(crate) use output::is_broken_pipe;
use settings::{Flags, Settings};

/// A terminal reader for wire-service news stories.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, max_term_width = 100)]
pub(crate) struct Args {
    /// The archive file (JSON Lines) to use instead of the configured one.
    #[arg(long, global = true, value_name = "PATH")]
    archive: Option<PathBuf>,
    /// The config file (else $DATELINE_CONFIG, else the platform config folder).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// The reader watches these folders itself, importing story files as they land (else
    /// `[watch] folders` in the config). Repeat for several.
    #[arg(long, value_name = "DIR")]
    watch: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse story files and folders (recursively) and add them to the archive.
    Import(import::ImportArgs),
    /// List the archive, newest first (exit 1: nothing to list).
    List(list::ListArgs),
    /// Search the archive: fuzzy words and field filters, best match first (exit 1: none);
    /// `--save NAME` keeps the query as `@NAME`.
    Search(search::SearchArgs),
    /// Mark stories read or unread, starred or not.
    Mark(mark::MarkArgs),
    /// Remove stories (ids, or every story `--query` finds) from every list; `--undo` brings
    /// them back until `dateline compact`.
    Rm(rm::RmArgs),
    /// Drop the removed stories' lines from the archive for good.
    Compact,
    /// The saved searches, with how many stories each matches and how many are unread.
    Searches(searches::SearchesArgs),
    /// Show one story, reflowed to the terminal width.
    Show(show::ShowArgs),
    /// List a story's versions, newest first.
    History(history::HistoryArgs),
    /// Show what changed between two versions of a story.
    Diff(diff::DiffArgs),
    /// Export stories to Markdown files: ids, and every story `--query` finds.
    Export(export::ExportArgs),
    /// Watch folders: import their story files, then each one that lands; announce alerts.
    Watch(watch::WatchArgs),
    /// Parse (and extract from) story files without touching the archive.
    Extract(extract::ExtractArgs),
    /// Benchmark helpers: generate synthetic archives and story files, check an archive.
    Bench(bench::BenchArgs),
    /// Print the shell completion script: `dateline completions bash > …` (bash, zsh, fish,
    /// elvish, powershell).
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff): `dateline man > dateline.1`.
    Man,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let Args {
        archive,
        config,
        watch: watch_folders,
        command,
    } = args;
    // Benchmark helpers write only where they are told: no config, no default archive.
    if let Some(Command::Bench(a)) = &command {
        return bench::run(archive.as_deref(), a);
    }
    // Completions and the man page describe the command line; they read no config.
    match &command {
        Some(Command::Completions(a)) => return shell::completions(a, Args::command()),
        Some(Command::Man) => return shell::man(Args::command()),
        _ => {}
    }
    let flags = Flags {
        archive: archive.as_deref(),
        config: config.as_deref(),
        width: match &command {
            Some(Command::Show(a)) => a.width(),
            _ => None,
        },
        export_to: match &command {
            Some(Command::Export(a)) => a.to(),
            _ => None,
        },
        #[cfg(feature = "tui")]
        no_color: Flags::no_color_from_env(),
    };
    let settings = Settings::resolve(&flags)?;
    match &command {
        Some(Command::Import(a)) => import::run(&settings, a),
        Some(Command::List(a)) => list::run(&settings, a),
        Some(Command::Show(a)) => show::run(&settings, a),
        Some(Command::History(a)) => history::run(&settings, a),
        Some(Command::Diff(a)) => diff::run(&settings, a),
        Some(Command::Search(a)) => search::run(&settings, a),
        Some(Command::Mark(a)) => mark::run(&settings, a),
        Some(Command::Rm(a)) => rm::run(&settings, a),
        Some(Command::Compact) => rm::compact(&settings),
        Some(Command::Searches(a)) => searches::run(&settings, a),
        Some(Command::Export(a)) => export::run(&settings, a),
        Some(Command::Extract(a)) => extract::run(&settings, a),
        Some(Command::Watch(a)) => watch::run(&settings, a),
        // `bench`, `completions` and `man` returned above.
        Some(Command::Bench(_) | Command::Completions(_) | Command::Man) | None => {
            no_subcommand(&settings, watch_folders)
        }
    }
}

/// Without a subcommand: the reader on a terminal (watching `watch` folders, else the
/// configured ones), the list into a pipe.
fn no_subcommand(settings: &Settings, watch: Vec<PathBuf>) -> Result<ExitCode> {
    #[cfg(feature = "tui")]
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return reader::run(settings, watch);
    }
    #[cfg(not(feature = "tui"))]
    let _ = watch;
    list::run(settings, &list::ListArgs::default())
}
