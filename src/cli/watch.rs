//! `dateline watch DIR…`: import the story files in folders, then each one that lands, as
//! the library's watcher tells; a line per new story on stdout (`HH:MM  AGENCY  HEADLINE`),
//! an `ALERT NAME: HEADLINE` line per alert it matches, failures on stderr. SIGINT and
//! SIGTERM end it after the batch in flight is committed (exit 0).

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::{Context as _, Result, bail};
use clap::Args;

use dateline::alert::{self, Alert};
use dateline::article::Format;
use dateline::ingest::Options;
use dateline::watch::{self, Story, WatchEvent, WatchOptions};

use super::format_flag::parse_format;
use super::settings::Settings;

#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Folders to watch, recursively (else `[watch] folders` in the config).
    #[arg(value_name = "DIR")]
    folders: Vec<PathBuf>,
    /// Announce new stories that match this query (the search language), besides the
    /// config's `[[alerts]]`; may be given more than once.
    #[arg(long = "alert", value_name = "QUERY")]
    alerts: Vec<String>,
    /// Poll the folders every 500 ms instead of asking the system (for network file
    /// systems, where change events do not arrive).
    #[arg(long)]
    poll: bool,
    /// Parse every file as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format: Option<Format>,
}

/// How much lower the watcher's CPU priority is (`nice`) where the idle scheduling class is
/// not to be had: a reader typing beside a burst keeps the cores it needs.
const WATCH_NICE: i32 = 15;

pub(crate) fn run(settings: &Settings, args: &WatchArgs) -> Result<ExitCode> {
    // A watcher works in the background: it yields the cores to a reader on the same machine
    // (its parsing threads, started later, inherit this).
    dateline::priority::idle(WATCH_NICE);
    dateline::extract::warm_up_in_background();
    let folders = if args.folders.is_empty() {
        settings.watch_folders.clone()
    } else {
        args.folders.clone()
    };
    if folders.is_empty() {
        bail!(
            "no folder to watch: name one (`dateline watch DIR`) or set `[watch] folders` in the config"
        );
    }
    let mut alerts = settings.alerts.clone();
    alerts.extend(args.alerts.iter().map(|q| Alert::from_query(q)));
    let options = WatchOptions {
        poll: args.poll,
        alerts,
        ingest: Options {
            format: args.format,
            max_file_bytes: settings.max_file_bytes,
        },
        ..WatchOptions::default()
    };
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // A second signal while the first is being honoured ends the process at once.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)))
            .context("cannot listen for SIGINT and SIGTERM")?;
    }
    let terminal = std::io::stdout().is_terminal();
    // Lines go out a commit at a time (a burst's thousands in a few writes), alerts at once.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut broken: Option<std::io::Error> = None;
    let mut report = |event: WatchEvent| {
        if let Err(e) = tell(&mut out, event, settings, terminal) {
            broken.get_or_insert(e);
        }
    };
    let watched = watch::watch(&settings.archive, &folders, &options, &stop, &mut report);
    if let Err(e) = out.flush() {
        broken.get_or_insert(e);
    }
    watched?;
    if let Some(e) = broken {
        return Err(e).context("cannot write to stdout");
    }
    Ok(ExitCode::SUCCESS)
}

/// Says what happened: stories and alerts on stdout, the rest on stderr.
fn tell(
    out: &mut impl std::io::Write,
    event: WatchEvent,
    settings: &Settings,
    terminal: bool,
) -> std::io::Result<()> {
    match event {
        WatchEvent::Watching { polling } => {
            let how = if polling {
                "polling every 500 ms"
            } else {
                "told of changes by the system"
            };
            eprintln!(
                "dateline: watching ({how}); importing into {}; Ctrl-C stops",
                settings.archive.display()
            );
        }
        WatchEvent::Added { story, version } => {
            writeln!(out, "{}", line(&story, version, &local_hhmm()))?;
        }
        WatchEvent::Alert { alert, article } => {
            writeln!(
                out,
                "ALERT {}: {}",
                one_line(&alert.name),
                one_line(&article.headline)
            )?;
            if terminal
                && let Some(seq) = alert::notification(settings.notify.method, &alert, &article)
            {
                write!(out, "{seq}")?;
            }
            out.flush()?;
            if let Some(command) = &settings.notify.command
                && let Err(e) = alert::run_command(command, &alert, &article)
            {
                eprintln!("dateline: cannot run the alert command ({e})");
            }
        }
        WatchEvent::Failed { message, .. } | WatchEvent::Notice { message } => {
            out.flush()?;
            eprintln!("dateline: {message}");
        }
        WatchEvent::Committed { .. } => out.flush()?,
    }
    Ok(())
}

/// `HH:MM  AGENCY  HEADLINE`, and `(new version)` after a new version of a story there.
fn line(story: &Story, version: bool, hhmm: &str) -> String {
    let agency = story.agency.as_deref().map_or("-".to_string(), one_line);
    let marker = if version { "  (new version)" } else { "" };
    format!("{hhmm}  {agency}  {}{marker}", one_line(&story.headline))
}

/// The time now, on the local clock.
fn local_hhmm() -> String {
    jiff::tz::TimeZone::system()
        .to_datetime(jiff::Timestamp::now())
        .strftime("%H:%M")
        .to_string()
}

/// Text on one line with no control characters (a headline cannot move the cursor).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_line_names_time_agency_headline_and_versions() {
        let mut story = Story {
            id: "x".into(),
            headline: "Floods\nclose roads".into(),
            agency: Some("Reuters".into()),
            place: None,
            time: None,
            path: "in/a.txt".into(),
        };
        assert_eq!(
            line(&story, false, "09:05"),
            "09:05  Reuters  Floods close roads"
        );
        story.agency = None;
        assert_eq!(
            line(&story, true, "09:05"),
            "09:05  -  Floods close roads  (new version)"
        );
    }
}
