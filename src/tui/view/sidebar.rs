//! The sidebar: the story's quotes (speaker, then the opening words) and its people, places and
//! organisations with mention counts.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::article::EntityKind;
use crate::text::truncate_to_width;

use crate::tui::app::{App, SidebarItem};
use crate::tui::layout::Panel;
use crate::tui::mode::Pane;
use crate::tui::theme::Theme;

use super::widgets::pane_block;

pub fn draw(frame: &mut Frame<'_>, panel: Panel, app: &App, theme: &Theme) {
    let focused = app.pane() == Pane::Sidebar;
    frame.render_widget(
        pane_block(" Quotes & names ".into(), focused, theme),
        panel.outer,
    );
    let inner = panel.inner;
    let width = usize::from(inner.width);
    let Some(article) = app.current() else {
        return;
    };
    let items = app.sidebar_items();
    let mut lines: Vec<ListItem<'_>> = Vec::new();
    let mut selected_line = None;
    let quote_count = article.quotes.len();
    lines.push(ListItem::new(Line::styled(
        format!("Quotes ({quote_count})"),
        theme.accent,
    )));
    for (i, item) in items.iter().enumerate() {
        if matches!(item, SidebarItem::Entity(0)) {
            lines.push(ListItem::new(Line::styled(
                format!("Names ({})", article.entities.len()),
                theme.accent,
            )));
        }
        if i == app.sidebar_selected() {
            selected_line = Some(lines.len());
        }
        let line = match item {
            SidebarItem::Quote(q) => {
                let quote = &article.quotes[*q];
                let who = quote.speaker.as_deref().unwrap_or("unattributed");
                let who = truncate_to_width(who, width.saturating_sub(4).max(4));
                let room = width.saturating_sub(who.chars().count() + 3);
                Line::from(vec![
                    Span::styled(who, theme.entity(EntityKind::Person)),
                    Span::raw(": "),
                    Span::styled(
                        truncate_to_width(&format!("“{}", quote.text), room),
                        theme.quote,
                    ),
                ])
            }
            SidebarItem::Entity(e) => {
                let entity = &article.entities[*e];
                let mark = match entity.kind {
                    EntityKind::Person => "person",
                    EntityKind::Place => "place ",
                    EntityKind::Organization => "org   ",
                };
                let count = format!(" {}", entity.count);
                let room = width.saturating_sub(mark.len() + 1 + count.len());
                Line::from(vec![
                    Span::styled(format!("{mark} "), theme.dim),
                    Span::styled(
                        truncate_to_width(&entity.name, room),
                        theme.entity(entity.kind),
                    ),
                    Span::styled(count, theme.dim),
                ])
            }
        };
        lines.push(ListItem::new(line));
    }
    // The same offset the state reads clicks with.
    let offset = app.sidebar_offset();
    let mut state = ListState::default()
        .with_selected(selected_line.filter(|_| focused))
        .with_offset(offset);
    frame.render_stateful_widget(
        List::new(lines).highlight_style(theme.selection),
        inner,
        &mut state,
    );
}
