//! `dateline bench gen N`: synthetic archives and story files for scale benchmarks. The stories
//! come from `dateline::synth`; this adds where to write, the refusal to overwrite, the timing.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};

use dateline::atomic::{self, Replace};
use dateline::synth;

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
}

#[derive(Debug, Args)]
struct GenArgs {
    /// How many story versions: archive lines, or copy files (a story's versions count one each).
    #[arg(value_name = "N")]
    count: u64,
    /// Write plain-text agency copy files into DIR (DIR/000000/000000123.txt, 1,000 a folder)
    /// instead of an archive.
    #[arg(long, value_name = "DIR")]
    copy: Option<std::path::PathBuf>,
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
    let BenchCommand::Gen(gen_args) = &args.command;
    generate(archive, gen_args)
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
