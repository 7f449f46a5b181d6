//! `dateline bench gen N`: synthetic archives and story files for scale benchmarks. The stories
//! come from `dateline::synth`; this adds where to write, the refusal to overwrite, the timing.
//! `dateline bench check`: the archive's invariants (`dateline::check`), printed as counts and
//! problems, for the crash tests (`scripts/torture.sh`, `tests/full_disk.rs`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};

use dateline::atomic::{self, Replace};
use dateline::{check, synth};

#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Generate N synthetic story versions: an archive at `--archive PATH`, or copy files in
    /// `--copy DIR`.
    ///
    /// About a tenth of the stories come in 2–4 versions (updates, some corrections, about 1 in
    /// 200 killed), each version a line of the archive or a file of its own: N counts versions,
    /// so 1,000,000 gives about 875,000 stories, the rows `list` shows.
    Gen(GenArgs),
    /// Check the archive at `--archive PATH` and its index: every line a whole story, no id
    /// twice, the saved index (never rebuilt) equal to a fresh rebuild, `list` and `search`
    /// in agreement. Prints what it checked; exit 0 when all holds, 1 with the problems.
    ///
    /// An import a kill interrupted is rolled back first, as any reader does.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// A file of story ids, one a line, that must each be in the archive exactly once (what
    /// earlier imports committed).
    #[arg(long, value_name = "FILE")]
    expect_ids: Option<PathBuf>,
    /// Write the id of every story line of the archive (every version), one a line, in
    /// archive order, to FILE.
    #[arg(long, value_name = "FILE")]
    dump_ids: Option<PathBuf>,
    /// How many stories to draw index lookups and searches from.
    #[arg(long, value_name = "N", default_value_t = 300)]
    sample: usize,
}

#[derive(Debug, Args)]
struct GenArgs {
    /// How many story versions: archive lines, or copy files (a story's versions count one each).
    #[arg(value_name = "N")]
    count: u64,
    /// Write plain-text agency copy files into DIR (DIR/000000/000000123.txt, 1,000 a folder)
    /// instead of an archive.
    #[arg(long, value_name = "DIR")]
    copy: Option<PathBuf>,
    /// The same N and seed give the same bytes.
    #[arg(long, value_name = "S", default_value_t = synth::DEFAULT_SEED)]
    seed: u64,
    /// Replace an existing archive, or write into a folder that is not empty.
    #[arg(long)]
    force: bool,
}

/// `archive` is the global `--archive` as given: only an explicit path is written to, never
/// the configured archive.
pub(crate) fn run(archive: Option<&Path>, args: &BenchArgs) -> Result<ExitCode> {
    match &args.command {
        BenchCommand::Gen(gen_args) => generate(archive, gen_args),
        BenchCommand::Check(check_args) => {
            let Some(archive) = archive else {
                bail!("say which archive to check: --archive PATH");
            };
            check(archive, check_args)
        }
    }
}

fn check(archive: &Path, args: &CheckArgs) -> Result<ExitCode> {
    let expect_ids = match &args.expect_ids {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read the expected ids", file.display()))?
            .lines()
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    };
    let options = check::Options {
        sample: args.sample,
        expect_ids,
    };
    let report = check::check(archive, &options)?;
    if let Some(file) = &args.dump_ids {
        atomic::write(file, Replace::Yes, |out| {
            for id in &report.ids {
                writeln!(out, "{id}")?;
            }
            Ok(())
        })
        .with_context(|| format!("{}: cannot write the ids", file.display()))?;
    }
    let mut out = std::io::stdout().lock();
    for line in report.summary() {
        writeln!(out, "{line}")?;
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn generate(archive: Option<&Path>, args: &GenArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let (written, target) = match (archive, &args.copy) {
        (Some(path), None) => {
            let replace = if args.force {
                Replace::Yes
            } else {
                Replace::No
            };
            let mut written = synth::Written::default();
            atomic::write(path, replace, |out| {
                written = synth::write_archive(out, args.count, args.seed)?;
                Ok(())
            })
            .map_err(|err| match err.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    anyhow::anyhow!("it already exists (pass --force to replace it)")
                }
                _ => err.into(),
            })
            .with_context(|| format!("{}: cannot write the archive", path.display()))?;
            (written, path)
        }
        (None, Some(dir)) => {
            let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
            if occupied && !args.force {
                bail!(
                    "{}: the folder is not empty (pass --force to write into it)",
                    dir.display()
                );
            }
            let written = synth::write_copies(dir, args.count, args.seed)
                .with_context(|| format!("{}: cannot write the story files", dir.display()))?;
            (written, dir.as_path())
        }
        (Some(_), Some(_)) => bail!("give --archive PATH or --copy DIR, not both"),
        (None, None) => {
            bail!("say where to write: --archive PATH (an archive) or --copy DIR (story files)")
        }
    };
    eprintln!(
        "generated {} versions of {} stories, {} bytes in {:.2} s ({})",
        written.versions,
        written.stories,
        written.bytes,
        started.elapsed().as_secs_f64(),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}
