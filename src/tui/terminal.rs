//! The real terminal: raw mode, the alternate screen, mouse capture and bracketed paste turned
//! on, and all of them turned off again on exit and on panic; the thread that reads its events
//! into the loop's inputs; the clipboard through OSC 52.

use std::io::Write;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine as _;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::tui::external::Pause;
use crate::tui::input::Input;

/// Takes over the terminal. ratatui's hook restores the screen and raw mode on panic; ours,
/// installed first so it runs after that, turns the mouse and bracketed paste off too.
pub fn setup() -> Result<DefaultTerminal> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        previous(info);
    }));
    let terminal = ratatui::try_init().context("could not set up the terminal")?;
    if let Err(err) = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste) {
        restore();
        return Err(err).context("could not turn on the mouse and bracketed paste");
    }
    Ok(terminal)
}

/// Takes the terminal again after a program that had it ended: raw mode, the alternate
/// screen, the mouse and bracketed paste (the caller redraws everything).
pub fn resume() -> Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode().context("could not set up the terminal")?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )
    .context("could not set up the terminal")
}

/// Gives the terminal back as it was.
pub fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// Reads terminal events on a thread of their own, so the loop can wait on one channel for
/// them and for search results alike, until the process ends; `pause` stops it while another
/// program has the terminal.
pub fn read_events(inputs: mpsc::Sender<Input>, pause: Arc<Pause>) {
    std::thread::spawn(move || {
        loop {
            // While a program the reader started has the terminal, its keys are its own.
            if !pause.may_read() {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            }
            match event::poll(Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(err) => {
                    let _ = inputs.send(Input::Failed(err.to_string()));
                    break;
                }
            }
            let input = match event::read() {
                Ok(event) => Input::Event(event),
                Err(err) => Input::Failed(err.to_string()),
            };
            let failed = matches!(input, Input::Failed(_));
            if inputs.send(input).is_err() || failed {
                break;
            }
        }
    });
}

/// Puts text on the clipboard through the terminal (OSC 52), which works over SSH too.
/// Writes an escape sequence (a bell, a desktop notification) straight to the terminal.
pub fn write_raw(sequence: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(sequence.as_bytes())?;
    out.flush().context("could not write to the terminal")
}

pub fn copy_osc52(text: &str) -> Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush().context("could not write to the terminal")
}
