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
    /// Generate N synthetic stories: an archive at `--archive PATH`, or copy files in `--copy DIR`.
    Gen(GenArgs),
}

#[derive(Debug, Args)]
struct GenArgs {
    /// How many stories.
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
    let (bytes, target) = match (archive, &args.copy) {
        (Some(path), None) => {
            let replace = if args.force {
                Replace::Yes
            } else {
                Replace::No
            };
            let mut bytes = 0;
            atomic::write(path, replace, |out| {
                bytes = synth::write_archive(out, args.count, args.seed)?;
                Ok(())
            })
            .map_err(|err| match err.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    anyhow::anyhow!("it already exists (pass --force to replace it)")
                }
                _ => err.into(),
            })
            .with_context(|| format!("{}: cannot write the archive", path.display()))?;
            (bytes, path)
        }
        (None, Some(dir)) => {
            let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
            if occupied && !args.force {
                bail!(
                    "{}: the folder is not empty (pass --force to write into it)",
                    dir.display()
                );
            }
            let bytes = synth::write_copies(dir, args.count, args.seed)
                .with_context(|| format!("{}: cannot write the story files", dir.display()))?;
            (bytes, dir.as_path())
        }
        (Some(_), Some(_)) => bail!("give --archive PATH or --copy DIR, not both"),
        (None, None) => {
            bail!("say where to write: --archive PATH (an archive) or --copy DIR (story files)")
        }
    };
    eprintln!(
        "generated {} stories, {bytes} bytes in {:.2} s ({})",
        args.count,
        started.elapsed().as_secs_f64(),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}
