//! `dateline` with no subcommand on a terminal: the full-screen reader over the user's
//! archive, or over the built-in sample stories when there is none yet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use dateline::archive::Archive;
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
    let (archive, source, note) = match Archive::load(&context.archive_path)? {
        Some(archive) => {
            let note = (!archive.damaged().is_empty()).then(|| {
                format!(
                    "{} damaged archive lines skipped (kept in the file; `dateline list` names them)",
                    archive.damaged().len()
                )
            });
            (archive, context.archive_path.display().to_string(), note)
        }
        None => (
            embedded::archive(),
            "built-in sample stories".to_string(),
            Some("No archive yet: these are the built-in samples. `dateline import PATH` starts yours.".to_string()),
        ),
    };
    let export_dir = config
        .export_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut app = App::new(
        archive.articles().to_vec(),
        source,
        export_dir,
        config.measure,
    );
    app.status = note;
    tui::run(app, &theme, &keymap)?;
    Ok(ExitCode::SUCCESS)
}
