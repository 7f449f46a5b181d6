//! `dateline` with no subcommand on a terminal: the full-screen reader over the user's
//! archive, or over the built-in sample stories when there is none yet.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use dateline::embedded;
use dateline::tui::{self, app::App, keymap::Keymap, theme::Theme};

use super::Context;

pub fn run(context: &Context) -> Result<ExitCode> {
    let config = &context.config;
    let file = config
        .source
        .clone()
        .unwrap_or_else(|| PathBuf::from("the built-in config"));
    let keymap = Keymap::from_config(&config.keys, &file)?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = Theme::from_config(&config.theme, &file, no_color)?;
    let (catalog, source, note) = match super::open_catalog(&context.archive_path)? {
        Some(catalog) => {
            let note = (!catalog.damaged().is_empty()).then(|| {
                format!(
                    "{} damaged archive lines skipped (kept in the file; `dateline list` names them)",
                    catalog.damaged().len()
                )
            });
            (catalog, context.archive_path.display().to_string(), note)
        }
        None => (
            embedded::catalog(),
            "built-in sample stories".to_string(),
            Some("No archive yet: these are the built-in samples. `dateline import PATH` starts yours.".to_string()),
        ),
    };
    let export_dir = config
        .export_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut app = App::new(Arc::new(catalog), source, export_dir, config.measure);
    app.status = note;
    tui::run(app, &theme, &keymap)?;
    Ok(ExitCode::SUCCESS)
}
