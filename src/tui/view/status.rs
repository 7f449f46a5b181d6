//! The prompt line (query, filters, result count) and the status bar (messages and key hints
//! drawn from the keymap of the current mode).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::text::truncate_to_width;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::mode::Mode;
use crate::tui::theme::Theme;

pub fn draw_prompt(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    if let Some(name) = app.naming() {
        let line = Line::from(vec![
            Span::styled("save search as @", theme.accent),
            Span::raw(name.to_string()),
            Span::styled("▏", theme.accent),
            Span::styled("  (enter saves, esc gives up)", theme.dim),
        ]);
        frame.render_widget(line, area);
        return;
    }
    if app.is_editing() || !app.query().is_empty() {
        spans.push(Span::styled("/", theme.accent));
        let query = app.query();
        if app.is_editing() {
            // The cursor stands where typing goes.
            let (before, after) = query.split_at(app.cursor());
            spans.push(Span::raw(before.to_string()));
            spans.push(Span::styled("▏", theme.accent));
            spans.push(Span::raw(after.to_string()));
        } else {
            spans.push(Span::raw(query.to_string()));
        }
        spans.push(Span::raw("  "));
    }
    for f in app.filters() {
        spans.push(Span::styled(
            format!("[{}: {} ×]", f.kind.name(), f.name),
            theme.entity(f.kind),
        ));
        spans.push(Span::raw(" "));
    }
    if !spans.is_empty() {
        spans.push(Span::styled(
            format!("{} of {}", app.row_count(), app.stories()),
            theme.dim,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The hints of each mode, most useful first; a message leaves room for the last two only.
fn hints(mode: Mode) -> &'static [(Action, &'static str)] {
    match mode {
        Mode::Prompt => &[(Action::Accept, "done"), (Action::Clear, "clear")],
        Mode::Names => &[(Action::Open, "filter"), (Action::Back, "close")],
        Mode::Help => &[(Action::Back, "close")],
        Mode::Searches => &[
            (Action::Down, "next"),
            (Action::Open, "search"),
            (Action::Back, "close"),
        ],
        Mode::Versions => &[
            (Action::Down, "next"),
            (Action::PageDown, "scroll"),
            (Action::Open, "read"),
            (Action::Back, "close"),
        ],
        Mode::List | Mode::Story | Mode::Sidebar => &[
            (Action::Search, "search"),
            (Action::NextPane, "pane"),
            (Action::Open, "open"),
            (Action::Entities, "names"),
            (Action::Versions, "versions"),
            (Action::Export, "export"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    }
}

pub fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mode = app.mode();
    let all = hints(mode);
    // A message needs the room more than the full set of hints; help lists every key.
    let shown = if app.status().is_some() || app.fresh() > 0 {
        &all[all.len().saturating_sub(2)..]
    } else {
        all
    };
    let hints: Vec<String> = shown
        .iter()
        .filter_map(|(action, label)| {
            app.keymap()
                .hint(mode, action)
                .map(|k| format!("{k} {label}"))
        })
        .collect();
    let hints = hints.join("  ");
    let width = usize::from(area.width);
    let fresh = match app.fresh() {
        0 => String::new(),
        n => format!("{n} new  "),
    };
    let message = format!("{fresh}{}", app.status().unwrap_or_default());
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
