//! Pieces every part of the screen draws with: the bordered pane, the title line and the
//! message for a terminal too small to use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::theme::Theme;

/// A bordered block, its border in the accent colour when its pane has focus.
pub fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        Style::new()
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}

/// The top line: how many stories, and from where.
pub fn title(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let title = format!(
        " dateline · {} stories · {}",
        app.catalog().len(),
        app.source()
    );
    frame.render_widget(Line::styled(title, theme.accent), area);
}

pub fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "dateline needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
