//! The entity browser: every person, place and organisation in the archive with its story
//! count, filtered fuzzily as you type; Enter filters the archive by the one chosen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use crate::article::EntityKind;
use crate::text::truncate_to_width;

use super::super::app::App;
use super::super::theme::Theme;
use super::centered;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let rect = centered(area, 70, area.height.saturating_sub(4));
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(format!(
            " People, places, organisations · {} ",
            app.browser_rows.len()
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [input, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Line::from(vec![
            Span::styled("filter: ", theme.accent),
            Span::raw(app.browser_query.clone()),
            Span::styled("▏", theme.accent),
        ]),
        input,
    );
    let width = usize::from(list_area.width);
    let height = usize::from(list_area.height);
    let offset = app
        .browser_selected
        .saturating_sub(height.saturating_sub(1));
    let items: Vec<ListItem<'_>> = app
        .browser_rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|&i| {
            let e = &app.catalog.entities()[i];
            let kind = match e.kind {
                EntityKind::Person => "person",
                EntityKind::Place => "place ",
                EntityKind::Organization => "org   ",
            };
            let count = format!(
                "{} {}",
                e.stories,
                if e.stories == 1 { "story" } else { "stories" }
            );
            let room = width.saturating_sub(kind.len() + count.len() + 3);
            let name = truncate_to_width(&e.name, room);
            let gap = room.saturating_sub(name.chars().count());
            ListItem::new(Line::from(vec![
                Span::styled(format!("{kind} "), theme.dim),
                Span::styled(name, theme.entity(e.kind)),
                Span::raw(" ".repeat(gap + 1)),
                Span::styled(count, theme.dim),
            ]))
        })
        .collect();
    let mut state = ListState::default()
        .with_selected((!app.browser_rows.is_empty()).then(|| app.browser_selected - offset));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selection),
        list_area,
        &mut state,
    );
}
