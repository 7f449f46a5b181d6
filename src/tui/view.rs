//! Drawing: the layout of the screen and one function per part. Views read the app and the
//! theme and draw; they never change state.

mod entities;
mod help;
mod list;
mod reader;
mod sidebar;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Overlay, Pane};
use super::keymap::Keymap;
use super::theme::Theme;

/// Below this the screen shows a message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the sidebar stands beside the list and the story.
const WIDE: u16 = 110;
const SIDEBAR_WIDTH: u16 = 34;

/// Where each part goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub list: Option<Rect>,
    pub reader: Rect,
    pub sidebar: Option<Rect>,
    pub prompt: Rect,
    pub status: Rect,
}

/// The layout for a screen of `area` with `focus` on a pane: three columns when wide; when
/// narrow, the list or the sidebar shares the screen with the story, whichever has focus.
pub fn areas(area: Rect, focus: Pane) -> Areas {
    let [title, main, prompt, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (list, reader, sidebar) = if area.width >= WIDE {
        let [list, reader, sidebar] = Layout::horizontal([
            Constraint::Percentage(34),
            Constraint::Min(30),
            Constraint::Length(SIDEBAR_WIDTH),
        ])
        .areas(main);
        (Some(list), reader, Some(sidebar))
    } else if focus == Pane::Sidebar {
        let [reader, sidebar] =
            Layout::horizontal([Constraint::Min(20), Constraint::Percentage(45)]).areas(main);
        (None, reader, Some(sidebar))
    } else {
        let [list, reader] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Min(20)]).areas(main);
        (Some(list), reader, None)
    };
    Areas {
        title,
        list,
        reader,
        sidebar,
        prompt,
        status,
    }
}

/// Columns the story is wrapped to in the reading pane (inside its border and margins).
pub fn reader_width(size: (u16, u16), focus: Pane) -> usize {
    let a = areas(Rect::new(0, 0, size.0, size.1), focus);
    usize::from(a.reader.width.saturating_sub(4))
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, keymap: &Keymap) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "dateline needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let a = areas(area, app.pane);
    let title = format!(" dateline · {} stories · {}", app.catalog.len(), app.source);
    frame.render_widget(Line::styled(title, theme.accent), a.title);
    if let Some(rect) = a.list {
        list::draw(frame, rect, app, theme);
    }
    reader::draw(frame, a.reader, app, theme);
    if let Some(rect) = a.sidebar {
        sidebar::draw(frame, rect, app, theme);
    }
    status::draw_prompt(frame, a.prompt, app, theme);
    status::draw_status(frame, a.status, app, theme, keymap);
    match app.overlay {
        Overlay::Help => help::draw(frame, area, theme, keymap),
        Overlay::Entities => entities::draw(frame, area, app, theme),
        Overlay::None => {}
    }
}

/// A bordered block, its border in the accent colour when its pane has focus.
fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
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

/// A rectangle of `width`×`height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
