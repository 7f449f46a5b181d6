//! `dateline` with no subcommand on a terminal: the full-screen reader over the user's
//! archive, or over the built-in sample stories when there is none yet.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use dateline::catalog::file::{FRONT_ROWS, Front, Stamp};
use dateline::embedded;
use dateline::ingest::Options;
use dateline::state::DeskState;
use dateline::tui;
use dateline::tui::app::{App, Notice};
use dateline::watch::WatchOptions;

use super::open::open_catalog;
use super::settings::Settings;

pub(crate) fn run(settings: &Settings, watch: Vec<PathBuf>) -> Result<ExitCode> {
    // Taken before opening: a commit while it opens is caught up with at once.
    let stamp = Stamp::of(&settings.archive);
    // The newest stories first, when the archive's front page says which they are; the
    // whole catalogue then opens behind them.
    let front = Front::load(&settings.archive).and_then(|front| {
        let rows = ratatui::crossterm::terminal::size().map_or(FRONT_ROWS, |(_, h)| usize::from(h));
        let newest = front.catalog(&settings.archive, rows).ok()?;
        Some((front, newest))
    });
    let opening = front
        .as_ref()
        .map(|(front, _)| (to_usize(front.stories), to_usize(front.versions)));
    let (catalog, source, notice) = match front {
        Some((_, newest)) => (newest, settings.archive.display().to_string(), None),
        None => match open_catalog(&settings.archive)? {
            Some(catalog) => {
                let damaged = catalog.damaged().len();
                let notice = (damaged > 0).then_some(Notice::Damaged(damaged));
                (catalog, settings.archive.display().to_string(), notice)
            }
            None => (
                embedded::catalog(),
                "built-in sample stories".to_string(),
                Some(Notice::Samples),
            ),
        },
    };
    let mut app = App::new(
        Arc::new(catalog),
        source,
        settings.export_dir.clone(),
        settings.measure,
    )
    .with_keymap(settings.keymap.clone())
    .with_alerts(settings.alerts.clone())
    .with_pipe(settings.pipe.clone())
    .following(settings.archive.display().to_string());
    if let Some(notice) = notice {
        app = app.with_notice(notice);
    }
    if let Some((stories, versions)) = opening {
        app = app.opening(stories, versions);
    }
    let history = dateline::query_history::default_path();
    if let Some(path) = &history {
        match dateline::query_history::load(path) {
            Ok(queries) => app = app.with_history(queries),
            Err(e) => {
                app = app.with_note(format!(
                    "Query history not read from {}: {e}",
                    path.display()
                ));
            }
        }
    }
    match DeskState::load(&settings.archive) {
        Ok(desk) => app = app.with_desk(desk),
        // Shown, never reset: marking stays off until the file is mended.
        Err(e) => app = app.with_desk_error(&e.to_string()),
    }
    let watch = if watch.is_empty() {
        settings.watch_folders.clone()
    } else {
        watch
    };
    let desk = tui::Desk {
        follow: Some((settings.archive.clone(), stamp)),
        notify: settings.notify.clone(),
        watch,
        // The reader checks alerts itself, on whatever any process commits.
        watch_options: WatchOptions {
            ingest: Options {
                format: None,
                max_file_bytes: settings.max_file_bytes,
            },
            ..WatchOptions::default()
        },
        history,
        opening: opening.is_some(),
    };
    tui::run(app, &settings.theme, desk)?;
    Ok(ExitCode::SUCCESS)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
