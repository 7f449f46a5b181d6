//! `dateline` with no subcommand on a terminal: the full-screen reader over the user's
//! archive, or over the built-in sample stories when there is none yet.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use dateline::embedded;
use dateline::tui::{self, app::App};

use super::open::open_catalog;
use super::settings::Settings;

pub(crate) fn run(settings: &Settings) -> Result<ExitCode> {
    let (catalog, source, note) = match open_catalog(&settings.archive)? {
        Some(catalog) => {
            let note = (!catalog.damaged().is_empty()).then(|| {
                format!(
                    "{} damaged archive lines skipped (kept in the file; `dateline list` names them)",
                    catalog.damaged().len()
                )
            });
            (catalog, settings.archive.display().to_string(), note)
        }
        None => (
            embedded::catalog(),
            "built-in sample stories".to_string(),
            Some("No archive yet: these are the built-in samples. `dateline import PATH` starts yours.".to_string()),
        ),
    };
    let export_dir = settings.export_dir.clone();
    let mut app = App::new(Arc::new(catalog), source, export_dir, settings.measure);
    app.status = note;
    tui::run(app, &settings.theme, &settings.keymap)?;
    Ok(ExitCode::SUCCESS)
}
