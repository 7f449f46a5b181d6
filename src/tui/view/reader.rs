//! The reading pane: the story reflowed to the pane (capped at the configured measure) and
//! centred, quotes, names and search matches styled, the wire's banners above it.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::Panel;
use crate::tui::mode::{Mode, Pane};
use crate::tui::theme::Theme;

use super::widgets::{pane_block, styled_line};
use crate::versions::short_id;

/// Draws the story as the state laid it out (cached; never laid out here).
pub fn draw(frame: &mut Frame<'_>, panel: Panel, app: &App, theme: &Theme) {
    // The story's id (as `list` shortens it) for `show`, `export` and `history`.
    let title = match app.current_doc() {
        Some(doc) => format!(" Story · {} ", short_id(app.catalog().id(doc))),
        None => " Story ".to_string(),
    };
    frame.render_widget(
        pane_block(title, app.pane() == Pane::Reader, theme),
        panel.outer,
    );
    let inner = panel.inner;
    if app.current_doc().is_none() {
        let text = if app.catalog().is_empty() {
            let quit = app.key_name(Mode::List, &Action::Quit);
            format!(
                "The archive is empty. Import stories with `dateline import PATH`; {quit} quits."
            )
        } else {
            let back = app.key_name(Mode::List, &Action::Back);
            format!("No story matches. {back} clears the query and the filters.")
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.dim)
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let doc = app.document();
    let pad = usize::from(inner.width).saturating_sub(doc.width) / 2;
    let lines: Vec<Line<'_>> = doc
        .lines
        .iter()
        .skip(app.reader_scroll())
        .take(usize::from(inner.height))
        .map(|line| {
            let mut spans = vec![Span::raw(" ".repeat(pad))];
            spans.extend(styled_line(line, theme));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
