//! The entity browser: every person, place and organisation in the archive with its story
//! count, filtered fuzzily as you type; Enter filters the archive by the one chosen.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use crate::article::EntityKind;
use crate::text::truncate_to_width;
use crate::tui::app::App;
use crate::tui::layout::NamesAreas;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, areas: NamesAreas, app: &App, theme: &Theme) {
    let names = app.names();
    frame.render_widget(Clear, areas.outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(format!(
            " People, places, organisations · {} ",
            names.rows().len()
        ));
    frame.render_widget(block, areas.outer);
    frame.render_widget(
        Line::from(vec![
            Span::styled("filter: ", theme.accent),
            Span::raw(names.query().to_string()),
            Span::styled("▏", theme.accent),
        ]),
        areas.input,
    );
    let width = usize::from(areas.list.width);
    let height = usize::from(areas.list.height);
    // The same offset the state hit-tests clicks with.
    let offset = names.offset(height);
    let items: Vec<ListItem<'_>> = names
        .rows()
        .iter()
        .skip(offset)
        .take(height)
        .map(|&i| {
            let e = &app.catalog().entities()[i];
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
        .with_selected((!names.rows().is_empty()).then(|| names.selected() - offset));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selection),
        areas.list,
        &mut state,
    );
}
