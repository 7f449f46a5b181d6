//! The prompt line (query, filters, result count) and the status bar (messages and key hints
//! drawn from the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::text::truncate_to_width;

use super::super::action::Action;
use super::super::app::App;
use super::super::keymap::Keymap;
use super::super::theme::Theme;

pub fn draw_prompt(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    if app.editing || !app.query.is_empty() {
        spans.push(Span::styled("/", theme.accent));
        spans.push(Span::raw(app.query.clone()));
        if app.editing {
            spans.push(Span::styled("▏", theme.accent));
        }
        spans.push(Span::raw("  "));
    }
    for f in &app.filters {
        spans.push(Span::styled(
            format!("[{}: {} ×]", f.kind.name(), f.name),
            theme.entity(f.kind),
        ));
        spans.push(Span::raw(" "));
    }
    if !spans.is_empty() {
        spans.push(Span::styled(
            format!("{} of {}", app.rows.len(), app.catalog.len()),
            theme.dim,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

pub fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let hints: Vec<String> = if app.is_typing() {
        vec!["enter done".into(), "esc clear".into()]
    } else {
        // A message needs the room more than the full set of hints; help lists every key.
        let all: &[(Action, &str)] = &[
            (Action::Search, "search"),
            (Action::NextPane, "pane"),
            (Action::Open, "open"),
            (Action::Entities, "names"),
            (Action::Export, "export"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ];
        let shown = if app.status.is_some() { &all[5..] } else { all };
        shown
            .iter()
            .filter_map(|(action, label)| keymap.hint(*action).map(|k| format!("{k} {label}")))
            .collect()
    };
    let hints = hints.join("  ");
    let width = usize::from(area.width);
    let message = app.status.clone().unwrap_or_default();
    let room = width.saturating_sub(hints.chars().count() + 2);
    let message = truncate_to_width(&message, room);
    let gap = width.saturating_sub(message.chars().count() + hints.chars().count());
    let line = Line::from(vec![
        Span::raw(message),
        Span::raw(" ".repeat(gap)),
        Span::raw(truncate_to_width(&hints, width)),
    ])
    .style(theme.status);
    frame.render_widget(line, area);
}
