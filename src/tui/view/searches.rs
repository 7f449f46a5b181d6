//! The saved searches picker: each saved search's name, query, how many stories it finds and
//! how many of them are unread; Enter runs the one selected.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use crate::text::truncate_to_width;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let picker = app.picker();
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(format!(" Saved searches · {} ", picker.rows.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let items: Vec<ListItem<'_>> = picker
        .rows
        .iter()
        .map(|row| {
            let counts = match row.counts {
                Some((total, unread)) => format!("{total} · {unread} unread"),
                None => "query in error".to_string(),
            };
            let name = format!("@{} ", row.name);
            let room = width.saturating_sub(name.chars().count() + counts.chars().count() + 1);
            let query = truncate_to_width(&row.query, room);
            let gap = room.saturating_sub(query.chars().count());
            ListItem::new(Line::from(vec![
                Span::styled(name, theme.accent),
                Span::styled(query, theme.dim),
                Span::raw(" ".repeat(gap + 1)),
                Span::raw(counts),
            ]))
        })
        .collect();
    let mut state =
        ListState::default().with_selected((!picker.rows.is_empty()).then_some(picker.selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selection),
        inner,
        &mut state,
    );
}
