//! The terminal reader. `run` takes over the terminal (restored on exit and on panic), starts a
//! thread reading its events, the search worker and the follower of the archive, and runs the
//! loop: input → action → `update` → effects → draw, drawing only when something changed.
//!
//! State: `app` (with `app/`), over `action`, `mode`, `query`, `layout`, `reader` (the
//! story's document), `changes` (what changed between versions, laid out) and `standing`
//! (what the wire says of a story: marks, banners, cautions). Input: `key`, `keymap`,
//! `input`. Output: `view` (with `view/`), `theme`. Running: `runtime` (the loop,
//! terminal-free), `terminal`, `worker`, `follow` (with `shared`), `watching`.

pub mod action;
pub mod app;
pub mod changes;
pub mod edit;
pub mod external;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod follow;
pub mod guide;
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
pub mod watching;
pub mod worker;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use anyhow::Result;

use crate::catalog::file::Stamp;
use crate::config::NotifyConfig;
use crate::state::DeskState;
use crate::tui::app::App;
use crate::tui::query::SearchRequest;
use crate::tui::runtime::{Effects, Runtime};
use crate::tui::theme::Theme;
use crate::tui::worker::Searcher;
use crate::watch::WatchOptions;

/// What the reader does beside showing stories: the archive it follows, how alerts reach the
/// person, and the folders it watches itself.
#[derive(Debug, Default)]
pub struct Desk {
    /// The archive, and its stamp when its catalogue was opened (`None`: no archive yet).
    pub follow: Option<(PathBuf, Option<Stamp>)>,
    /// How alerts are delivered (`[notify]`).
    pub notify: NotifyConfig,
    /// Folders to import story files from as they land (`--watch`, `[watch] folders`).
    pub watch: Vec<PathBuf>,
    /// How they are watched.
    pub watch_options: WatchOptions,
    /// The query history's file (`None`: searches are not kept).
    pub history: Option<PathBuf>,
    /// The app shows the archive's newest stories only (`App::opening`): the whole
    /// catalogue is opened behind them, then followed.
    pub opening: bool,
}

/// Runs the reader until the user quits. The app carries its keymap (`App::with_keymap`).
/// The reader follows `desk`'s archive as it grows and, given folders, watches them.
pub fn run(mut app: App, theme: &Theme, desk: Desk) -> Result<()> {
    let (inputs, received) = mpsc::channel();
    let mut effects = Live {
        searcher: Searcher::spawn(app.shared_catalog(), inputs.clone()),
        archive: desk.follow.as_ref().map(|(archive, _)| archive.clone()),
        notify: desk.notify,
        history: desk.history,
        pause: None,
    };
    let terminal = terminal::setup()?;
    let pause = external::Pause::new();
    effects.pause = Some(Arc::clone(&pause));
    terminal::read_events(inputs.clone(), pause);
    let mut runtime = Runtime::new(terminal, theme.clone());
    let mut received = received;
    // The first frame before the archive is opened, followed or watched: on the front page,
    // the whole catalogue's open would take the cores it is drawn on.
    let mut result = runtime.start(&mut app, &mut effects);
    let stop = Arc::new(AtomicBool::new(false));
    let mut watcher = None;
    if let Some((archive, stamp)) = desk.follow {
        if !desk.watch.is_empty() {
            watcher = Some(watching::spawn(
                archive.clone(),
                desk.watch,
                desk.watch_options,
                Arc::clone(&stop),
                inputs.clone(),
            ));
        }
        if desk.opening {
            follow::spawn_opening(archive, stamp, inputs);
        } else {
            follow::spawn(archive, stamp, app.shared_catalog(), inputs);
        }
    }
    if result.is_ok() {
        result = runtime.carry_on(&mut app, &mut received, &mut effects);
    }
    terminal::restore();
    // The watcher finishes the batch it is importing, and commits it.
    stop.store(true, Ordering::Relaxed);
    if let Some(watcher) = watcher {
        let _ = watcher.join();
    }
    result
}

/// Effects on the real terminal: searches on the worker, the clipboard through OSC 52, the
/// desk state written beside the archive, alerts delivered.
struct Live {
    searcher: Searcher,
    archive: Option<PathBuf>,
    notify: NotifyConfig,
    history: Option<PathBuf>,
    /// The event thread's pause, for programs that take the terminal.
    pause: Option<Arc<external::Pause>>,
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

    fn alert(&mut self, alert: &crate::alert::Alert, article: &crate::article::Article) {
        if let Some(sequence) = crate::alert::notification(self.notify.method, alert, article) {
            // A notification that cannot be written is not worth stopping the reader for.
            let _ = terminal::write_raw(&sequence);
        }
        if let Some(command) = &self.notify.command {
            let _ = crate::alert::run_command(command, alert, article);
        }
    }

    fn save_desk(&mut self, change: &crate::tui::app::DeskChange) -> Result<(), String> {
        let Some(archive) = &self.archive else {
            return Ok(());
        };
        DeskState::update(archive, |desk| change.apply(desk))
            .map(|_| ())
            .map_err(|e| format!("Not saved: {e}"))
    }

    fn external(&mut self, run: &external::External) -> Result<String, String> {
        if !run.takes_terminal() {
            return run.run();
        }
        if let Some(pause) = &self.pause {
            pause.hold();
        }
        terminal::restore();
        let said = run.run();
        let resumed = terminal::resume();
        if let Some(pause) = &self.pause {
            pause.release();
        }
        resumed.map_err(|e| format!("{e:#}"))?;
        said
    }

    fn remember_query(&mut self, query: &str) -> Result<(), String> {
        let Some(path) = &self.history else {
            return Ok(());
        };
        crate::query_history::remember(path, query)
            .map_err(|e| format!("Query history not saved to {}: {e}", path.display()))
    }
}
