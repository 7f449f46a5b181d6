//! The terminal reader. `run` takes over the terminal (restored on exit and on panic), starts a
//! thread reading its events, the search worker and the follower of the archive, and runs the
//! loop: input → action → `update` → effects → draw, drawing only when something changed.
//!
//! State: `app` (with `app/`), over `action`, `mode`, `query`, `layout`, `reader` (the
//! story's document), `changes` (what changed between versions, laid out) and `standing`
//! (what the wire says of a story: marks, banners, cautions). Input: `key`, `keymap`,
//! `input`. Output: `view` (with `view/`), `theme`. Running: `runtime` (the loop,
//! terminal-free), `terminal`, `worker`, `follow` (with `shared`).

pub mod action;
pub mod app;
pub mod changes;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod follow;
pub mod input;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod mode;
pub mod query;
pub mod reader;
pub mod runtime;
pub mod shared;
pub mod standing;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod worker;

use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Result;

use crate::catalog::file::Stamp;
use crate::state::DeskState;
use crate::tui::app::App;
use crate::tui::query::SearchRequest;
use crate::tui::runtime::{Effects, Runtime};
use crate::tui::theme::Theme;
use crate::tui::worker::Searcher;

/// Runs the reader until the user quits. The app carries its keymap (`App::with_keymap`).
/// With `follow`, the reader follows that archive (opened at that stamp) as it grows.
pub fn run(mut app: App, theme: &Theme, follow: Option<(PathBuf, Option<Stamp>)>) -> Result<()> {
    let (inputs, received) = mpsc::channel();
    let mut effects = Live {
        searcher: Searcher::spawn(app.shared_catalog(), inputs.clone()),
        archive: follow.as_ref().map(|(archive, _)| archive.clone()),
    };
    if let Some((archive, stamp)) = follow {
        follow::spawn(archive, stamp, inputs.clone());
    }
    let terminal = terminal::setup()?;
    terminal::read_events(inputs);
    let mut runtime = Runtime::new(terminal, theme.clone());
    let mut received = received;
    let result = runtime.run(&mut app, &mut received, &mut effects);
    terminal::restore();
    result
}

/// Effects on the real terminal: searches on the worker, the clipboard through OSC 52, the
/// desk state written beside the archive.
struct Live {
    searcher: Searcher,
    archive: Option<PathBuf>,
}

impl Effects for Live {
    fn search(&mut self, request: SearchRequest) {
        self.searcher.search(request);
    }

    fn copy(&mut self, text: &str) -> Result<()> {
        terminal::copy_osc52(text)
    }

    fn use_catalog(&mut self, catalog: std::sync::Arc<crate::catalog::Catalog>) {
        self.searcher.use_catalog(catalog);
    }

    fn save_desk(&mut self, change: &crate::tui::app::DeskChange) -> Result<(), String> {
        let Some(archive) = &self.archive else {
            return Ok(());
        };
        DeskState::update(archive, |desk| change.apply(desk))
            .map(|_| ())
            .map_err(|e| format!("Not saved: {e}"))
    }
}
