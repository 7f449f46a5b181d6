//! The reader watching folders itself (`dateline --watch DIR`, `[watch] folders`): the
//! library's watcher on a thread in the idle class with parsing threads of its own, importing
//! into the archive the reader follows (the follower shows what it commits, like any other
//! writer's); what it has to say about files that are not stories goes to the status line.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;

use crate::tui::input::Input;
use crate::watch::{self, WatchEvent, WatchOptions};

/// Starts watching `folders` into `archive` until `stop` is set.
pub fn spawn(
    archive: PathBuf,
    folders: Vec<PathBuf>,
    options: WatchOptions,
    stop: Arc<AtomicBool>,
    inputs: Sender<Input>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        // Typing comes first: the watcher's thread and the threads it parses on (started from
        // it, so they inherit this) are in the idle class, and they are not the global pool
        // the reader's searches run on.
        crate::priority::idle_thread();
        let pool = crate::priority::own_pool("dateline-watch").map(Arc::new);
        let options = WatchOptions { pool, ..options };
        let mut report = |event: WatchEvent| {
            let note = match event {
                // The message names the file.
                WatchEvent::Failed { message, .. } | WatchEvent::Notice { message } => {
                    Some(message)
                }
                // Stories show through the follower; alerts are the reader's own.
                _ => None,
            };
            if let Some(note) = note {
                let _ = inputs.send(Input::Note(note));
            }
        };
        if let Err(e) = watch::watch(&archive, &folders, &options, &stop, &mut report) {
            let _ = inputs.send(Input::Note(format!("The watcher stopped: {e}")));
        }
    })
}
