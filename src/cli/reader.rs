//! `dateline` with no subcommand on a terminal: the full-screen reader over the user's
//! archive, or over the built-in sample stories when there is none yet.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use dateline::embedded;
use dateline::tui::app::{App, Notice};
use dateline::tui::{self, keymap::Keymap, theme::Theme};

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
    let (catalog, source, notice) = match super::open_catalog(&context.archive_path)? {
        Some(catalog) => {
            let damaged = catalog.damaged().len();
            let notice = (damaged > 0).then_some(Notice::Damaged(damaged));
            (catalog, context.archive_path.display().to_string(), notice)
        }
        None => (
            embedded::catalog(),
            "built-in sample stories".to_string(),
            Some(Notice::Samples),
        ),
    };
    let export_dir = config
        .export_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut app =
        App::new(Arc::new(catalog), source, export_dir, config.measure).with_keymap(keymap);
    if let Some(notice) = notice {
        app = app.with_notice(notice);
    }
    tui::run(app, &theme)?;
    Ok(ExitCode::SUCCESS)
}
