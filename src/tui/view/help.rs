//! The help overlay: every browsing action with its keys, and the typing keys on its bottom
//! edge, all read from the keymap (so a rebound key shows as bound).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::edit::Edit;
use crate::tui::guide;
use crate::tui::mode::Mode;
use crate::tui::theme::Theme;

/// The modes whose keys the browsing lines list.
const BROWSING: [Mode; 3] = [Mode::List, Mode::Story, Mode::Sidebar];

pub fn draw(frame: &mut Frame<'_>, rect: Rect, app: &App, theme: &Theme) {
    let keymap = app.keymap();
    let row = |keys: String, text: String| {
        Line::from(vec![
            Span::styled(format!("{keys:>18}  "), theme.accent),
            Span::raw(text),
        ])
    };
    let lines: Vec<Line<'_>> = Action::ALL
        .iter()
        .filter(|action| !action.is_typing())
        .map(|action| {
            let mut keys = Vec::new();
            for mode in BROWSING {
                for key in keymap.keys_for(mode, action) {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys.join(" ")
            };
            row(keys, action.description().to_string())
        })
        .collect();
    let mut lines = lines;
    lines.extend(
        guide::LINES
            .iter()
            .map(|line| Line::from(Span::styled(*line, theme.dim))),
    );
    // A screen too short for it all scrolls (the moves of the help's keymap).
    let rows = usize::from(rect.height.saturating_sub(2));
    let more = lines.len() > rows;
    let lines: Vec<Line<'_>> = lines.into_iter().skip(app.help_scroll()).collect();
    let typing = |action: &Action, what: &str| {
        keymap
            .hint(Mode::Prompt, action)
            .map(|key| format!("{key} {what}"))
    };
    let typing: Vec<String> = [
        typing(&Action::Accept, "keeps the query"),
        typing(&Action::Clear, "clears it"),
        typing(&Action::Erase, "erases"),
        typing(&Action::HistoryPrev, "history"),
        typing(&Action::Edit(Edit::KillWord), "cuts a word"),
    ]
    .into_iter()
    .flatten()
    .collect();
    frame.render_widget(Clear, rect);
    let close = app.key_name(Mode::Help, &Action::Back);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(format!(
            " Keys (rebind any in the config's [keys] tables) · {close} closes{} ",
            if more {
                format!(" · {} scrolls", app.key_name(Mode::Help, &Action::Down))
            } else {
                String::new()
            }
        ))
        .title_bottom(format!(" typing a query: {} ", typing.join(" · ")));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
