//! `dateline` with no subcommand on a terminal: the full-screen reader over the user's
//! archive, or over the built-in sample stories when there is none yet.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use dateline::catalog::file::Stamp;
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
    let (catalog, source, notice) = match open_catalog(&settings.archive)? {
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
    };
    tui::run(app, &settings.theme, desk)?;
    Ok(ExitCode::SUCCESS)
}
