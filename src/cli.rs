//! The command line: clap definitions, turned into typed options, and the shared context
//! (config, archive path) every subcommand starts from.

mod bench;
mod export;
mod extract;
mod import;
mod list;
#[cfg(feature = "tui")]
mod reader;
mod search;
mod show;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};

use dateline::article::Format;
use dateline::catalog::{Catalog, file::Origin};
use dateline::config::{self, Config};
use dateline::embedded;

/// A terminal reader for wire-service news stories.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, max_term_width = 100)]
pub struct Args {
    /// The archive file (JSON Lines) to use instead of the configured one.
    #[arg(long, global = true, value_name = "PATH")]
    archive: Option<PathBuf>,
    /// The config file (else $DATELINE_CONFIG, else the platform config folder).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse story files and folders (recursively) and add them to the archive.
    Import(import::ImportArgs),
    /// List the archive, newest first.
    List(list::ListArgs),
    /// Search the archive: fuzzy words and field filters, best match first (exit 1: none).
    Search(search::SearchArgs),
    /// Show one story, reflowed to the terminal width.
    Show(show::ShowArgs),
    /// Export one story to a Markdown file.
    Export(export::ExportArgs),
    /// Parse (and extract from) story files without touching the archive.
    Extract(extract::ExtractArgs),
    /// Benchmark helpers: generate synthetic archives and story files.
    Bench(bench::BenchArgs),
}

/// What every command starts from.
pub struct Context {
    pub config: Config,
    pub archive_path: PathBuf,
}

impl Context {
    fn new(archive: Option<&Path>, config_flag: Option<&Path>) -> Result<Context> {
        let explicit = config::explicit_config_path(config_flag).is_some();
        let config = match config::config_path(config_flag) {
            Some(path) => config::load(&path, explicit)?,
            None => Config::default(),
        };
        let archive_path = archive
            .map(Path::to_path_buf)
            .or_else(|| config.archive.clone())
            .or_else(config::default_archive_path)
            .context("no archive path: the platform has no data folder; pass --archive PATH")?;
        Ok(Context {
            config,
            archive_path,
        })
    }

    /// The user's archive's catalogue, or the embedded samples' when there is none yet.
    /// Damaged lines are reported on stderr.
    pub fn catalog_or_samples(&self) -> Result<Catalog> {
        if let Some(catalog) = open_catalog(&self.archive_path)? {
            for (line, reason) in catalog.damaged() {
                eprintln!(
                    "dateline: {}: line {line}: {reason} (skipped, kept in the file)",
                    self.archive_path.display()
                );
            }
            return Ok(catalog);
        }
        eprintln!(
            "dateline: no archive at {} yet; showing the {} built-in sample stories (`dateline import PATH` starts yours)",
            self.archive_path.display(),
            embedded::STORIES.len()
        );
        Ok(embedded::catalog())
    }
}

/// Opens an archive's catalogue (`None`: no archive there), rebuilding its index when it is
/// missing, stale or damaged, with a progress bar on a terminal for big archives.
pub fn open_catalog(path: &Path) -> Result<Option<Catalog>> {
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot read the archive", path.display()));
        }
    };
    if dateline::archive::recover_if_abandoned(path)? {
        eprintln!(
            "dateline: {}: rolled back an import that was interrupted",
            path.display()
        );
    }
    let bar = indicatif::ProgressBar::hidden();
    let progress = |bytes: u64| {
        if bar.is_hidden() && size >= PROGRESS_BYTES {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(size);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "indexing {msg} {bar:40} {decimal_bytes}/{decimal_total_bytes}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message(path.display().to_string());
        }
        bar.set_position(bytes);
    };
    let warn = |message: String| eprintln!("dateline: {message}");
    let (catalog, origin) = dateline::catalog::file::open(path, &progress, &warn)
        .with_context(|| format!("{}: cannot read the archive", path.display()))?;
    bar.finish_and_clear();
    if let Origin::Rebuilt(reason) = origin
        && size >= PROGRESS_BYTES
    {
        eprintln!(
            "dateline: indexed {} stories of {} ({reason})",
            catalog.len(),
            path.display()
        );
    }
    Ok(Some(catalog))
}

/// Archives from this size show progress while they are indexed.
const PROGRESS_BYTES: u64 = 64 << 20;

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        archive,
        config,
        command,
    } = args;
    let command = match command {
        // Benchmark helpers write only where they are told: no config, no default archive.
        Some(Command::Bench(a)) => return bench::run(archive.as_deref(), &a),
        other => other,
    };
    let context = Context::new(archive.as_deref(), config.as_deref())?;
    match command {
        Some(Command::Import(a)) => import::run(&context, &a),
        Some(Command::List(a)) => list::run(&context, &a),
        Some(Command::Show(a)) => show::run(&context, &a),
        Some(Command::Search(a)) => search::run(&context, &a),
        Some(Command::Export(a)) => export::run(&context, &a),
        Some(Command::Extract(a)) => extract::run(&context, &a),
        // `bench` returned above.
        Some(Command::Bench(_)) | None => no_subcommand(&context),
    }
}

/// Without a subcommand: the reader on a terminal, the list into a pipe.
fn no_subcommand(context: &Context) -> Result<ExitCode> {
    #[cfg(feature = "tui")]
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return reader::run(context);
    }
    list::run(context, &list::ListArgs::default())
}

/// `--format NAME` values.
fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{name}`; one of: {}", names.join(", "))
    })
}

/// A broken pipe (`dateline list | head`) is a normal way for output to end.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes text to stdout, locked and buffered.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The width to reflow to: `--width`, else the terminal's width capped at the configured measure.
pub fn text_width(flag: Option<usize>, config: &Config) -> usize {
    flag.unwrap_or_else(|| {
        let term = textwrap::termwidth();
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            term.min(config.measure)
        } else {
            config.measure
        }
    })
    .max(20)
}
