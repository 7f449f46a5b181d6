//! What arrives at the reader, turned into actions: terminal events (keys through the keymap
//! of the current mode, typed characters, pastes, the mouse, resizes), the search worker's
//! results, the follower's newer catalogue and the clock's wake-up. Nothing here changes state; `App::update` does.

use std::sync::Arc;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::catalog::Doc;
use crate::state::DeskState;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::shared::Shared;

/// One thing for the runtime's loop to handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// From the terminal.
    Event(Event),
    /// From the search worker: the stories for the request of `generation`.
    Searched {
        generation: u64,
        docs: Arc<Vec<Doc>>,
    },
    /// From the search worker: the first of them, found before the rest.
    FirstRows {
        generation: u64,
        docs: Arc<Vec<Doc>>,
    },
    /// Reading the terminal failed; the loop ends with this error.
    Failed(String),
    /// From the follower: the archive's catalogue after another commit.
    Archive(Shared),
    /// From the follower: the archive changed but could not be opened (said in the status).
    ArchiveFailed(String),
    /// From the follower: the desk state after another process changed it.
    Desk(DeskState),
    /// A message for the status line: the desk state could not be read (the follower) or
    /// written (the runtime), or the reader's watcher has something to say.
    Note(String),
    /// Nothing arrived before the time the app asked to be woken at (`App::wake_in`).
    Tick,
}

/// The action an input asks for, if any.
pub fn action(app: &App, input: Input) -> Option<Action> {
    match input {
        Input::Event(event) => event_action(app, event),
        Input::Searched { generation, docs } => Some(Action::Searched { generation, docs }),
        Input::FirstRows { generation, docs } => Some(Action::FirstRows { generation, docs }),
        Input::Tick => Some(Action::Tick),
        Input::Archive(catalog) => Some(Action::Reloaded(catalog)),
        Input::ArchiveFailed(message) => Some(Action::ReloadFailed(message)),
        Input::Desk(desk) => Some(Action::DeskChanged(desk)),
        Input::Note(message) => Some(Action::Note(message)),
        Input::Failed(_) => None,
    }
}

fn event_action(app: &App, event: Event) -> Option<Action> {
    match event {
        // Releases and repeats (reported by some terminals) would act twice.
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            // Ctrl-C leaves from anywhere, whatever `[keys]` binds.
            if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                return Some(Action::Interrupt);
            }
            app.keymap().action(app.mode(), &key)
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    down: false,
                }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
