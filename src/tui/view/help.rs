//! The `?` overlay: every action with its keys, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::action::Action;
use super::super::keymap::Keymap;
use super::super::theme::Theme;
use super::centered;

pub fn draw(frame: &mut Frame<'_>, area: Rect, theme: &Theme, keymap: &Keymap) {
    let lines: Vec<Line<'_>> = Action::ALL
        .iter()
        .map(|action| {
            let keys: Vec<String> = keymap
                .keys_for(*action)
                .iter()
                .map(ToString::to_string)
                .collect();
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys.join(" ")
            };
            Line::from(vec![
                Span::styled(format!("{keys:>18}  "), theme.accent),
                Span::raw(action.description()),
            ])
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, 86, height);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(" Keys (any can be rebound in the config's [keys]) · esc closes ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
