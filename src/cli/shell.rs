//! `dateline completions SHELL` (clap_complete: bash, zsh, fish, elvish, powershell) and
//! `dateline man` (clap_mangen): both printed to stdout from the same definition of the
//! command line, so they never drift from it.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args as ClapArgs, Command};
use clap_complete::Shell;

#[derive(Debug, ClapArgs)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script for the shell, of `command` (the whole command line).
pub(crate) fn completions(args: &CompletionsArgs, mut command: Command) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "dateline", &mut out);
    std::io::stdout()
        .write_all(&out)
        .context("could not write the completions")?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page (roff) of `command`, for `dateline man > dateline.1`.
pub(crate) fn man(command: Command) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .context("could not render the man page")?;
    std::io::stdout()
        .write_all(&out)
        .context("could not write the man page")?;
    Ok(ExitCode::SUCCESS)
}
