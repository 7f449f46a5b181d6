//! The `dateline` binary: parse the arguments, run the command, turn the outcome into an exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser as _;

/// mimalloc instead of the system allocator: parsing and extraction make many small strings
/// on all cores, where glibc's allocator cost a fifth of import time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dateline: {err:#}");
            ExitCode::from(2)
        }
    }
}
