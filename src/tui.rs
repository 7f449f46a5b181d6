//! The terminal reader: set up the terminal (restored on exit and on panic), run the event
//! loop (key → action → update → draw), and search on a worker thread so typing never waits.

pub mod action;
pub mod app;
pub mod keymap;
pub mod reader;
pub mod theme;
pub mod view;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::{Position, Rect};

use crate::catalog::Doc;
use crate::search::Session;
use action::Action;
use app::{App, Pane, SearchRequest};
use keymap::Keymap;
use theme::Theme;

/// Runs the reader until the user quits.
pub fn run(mut app: App, theme: &Theme, keymap: &Keymap) -> std::io::Result<()> {
    // ratatui's hook restores the screen and raw mode on panic; ours adds mouse capture.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let result = execute!(std::io::stdout(), EnableMouseCapture)
        .and_then(|()| event_loop(&mut terminal, &mut app, theme, keymap));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    keymap: &Keymap,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let generation = Arc::new(AtomicU64::new(0));
    let (requests, results) = spawn_searcher(app, Arc::clone(&generation));
    while !app.quit {
        terminal.draw(|frame| view::draw(frame, app, theme, keymap))?;
        if event::poll(Duration::from_millis(40))? {
            // Handle every event already waiting before drawing again.
            loop {
                handle(app, keymap, &event::read()?);
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if let Some(request) = app.pending_search.take() {
            // A newer query makes any search still running stop early.
            generation.store(request.generation, Ordering::Relaxed);
            let _ = requests.send(request);
        }
        while let Ok((generation, hits)) = results.try_recv() {
            app.apply_results(generation, hits);
        }
        if let Some(text) = app.clipboard.take() {
            copy_osc52(&text)?;
        }
    }
    Ok(())
}

/// Search results for the event loop: the request's generation and the stories.
type Results = (u64, Arc<Vec<Doc>>);

/// The search worker: takes the newest request, skips any it was sent meanwhile, answers.
/// Its session narrows growing queries and keeps recent results for Backspace.
fn spawn_searcher(
    app: &App,
    generation: Arc<AtomicU64>,
) -> (mpsc::Sender<SearchRequest>, mpsc::Receiver<Results>) {
    let (request_tx, request_rx) = mpsc::channel::<SearchRequest>();
    let (result_tx, result_rx) = mpsc::channel();
    let catalog = Arc::clone(&app.catalog);
    std::thread::spawn(move || {
        let mut session = Session::default();
        while let Ok(mut request) = request_rx.recv() {
            while let Ok(newer) = request_rx.try_recv() {
                request = newer;
            }
            let mine = request.generation;
            let cancelled = || generation.load(Ordering::Relaxed) != mine;
            if let Some(docs) = session.run(&catalog, &request.text, &cancelled)
                && result_tx.send((mine, docs)).is_err()
            {
                break;
            }
        }
    });
    (request_tx, result_rx)
}

/// One terminal event into the app.
pub fn handle(app: &mut App, keymap: &Keymap, event: &Event) {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => handle_key(app, keymap, key),
        Event::Mouse(mouse) => handle_mouse(app, *mouse),
        Event::Resize(w, h) => {
            app.size = (*w, *h);
            app.keep_selection_visible();
        }
        _ => {}
    }
}

fn handle_key(app: &mut App, keymap: &Keymap, key: &KeyEvent) {
    if app.is_typing() {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char(c) if !ctrl => app.type_char(c),
            KeyCode::Backspace => app.erase_char(),
            KeyCode::Enter if app.editing => app.finish_editing(),
            KeyCode::Enter => app.update(Action::Open),
            KeyCode::Esc => app.update(Action::Back),
            KeyCode::Down => app.update(Action::Down),
            KeyCode::Up => app.update(Action::Up),
            KeyCode::PageDown => app.update(Action::PageDown),
            KeyCode::PageUp => app.update(Action::PageUp),
            _ => {
                if let Some(action) = keymap.action(key) {
                    app.update(action);
                }
            }
        }
        return;
    }
    if let Some(action) = keymap.action(key) {
        app.update(action);
    }
}

fn handle_mouse(app: &mut App, mouse: MouseEvent) {
    let areas = view::areas(Rect::new(0, 0, app.size.0, app.size.1), app.pane);
    let at = Position::new(mouse.column, mouse.row);
    let pane = if areas.list.is_some_and(|r| r.contains(at)) {
        Pane::List
    } else if areas.sidebar.is_some_and(|r| r.contains(at)) {
        Pane::Sidebar
    } else {
        Pane::Reader
    };
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(list) = areas.list.filter(|r| r.contains(at)) {
                let row = usize::from(mouse.row.saturating_sub(list.y + 1));
                app.click_row(row);
            } else {
                app.pane = pane;
            }
        }
        MouseEventKind::ScrollDown => app.scroll(pane, true),
        MouseEventKind::ScrollUp => app.scroll(pane, false),
        _ => {}
    }
}

/// Puts text on the clipboard through the terminal (OSC 52), which works over SSH too.
fn copy_osc52(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
