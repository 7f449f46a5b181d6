//! The reading pane: the story reflowed to the pane (capped at the configured measure) and
//! centred, quotes, names and search matches styled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Pane};
use super::super::reader::{self, Role};
use super::super::theme::Theme;
use super::pane_block;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let block = pane_block(" Story ".into(), app.pane == Pane::Reader, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(article) = app.current() else {
        let text = if app.catalog.is_empty() {
            "The archive is empty. Import stories with `dateline import PATH`."
        } else {
            "No story matches. Esc clears the query and the filters."
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim), inner);
        return;
    };
    let pane_width = usize::from(inner.width.saturating_sub(2));
    let doc = reader::layout(&article, pane_width, app.measure, &app.highlight_terms());
    let pad = usize::from(inner.width).saturating_sub(doc.width) / 2;
    let lines: Vec<Line<'_>> = doc
        .lines
        .iter()
        .skip(app.reader_scroll)
        .take(usize::from(inner.height))
        .map(|line| {
            let mut spans = vec![Span::raw(" ".repeat(pad))];
            spans.extend(styled_line(line, theme));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Splits a line at its marks' edges and styles each piece by the last mark covering it.
fn styled_line(line: &reader::Line, theme: &Theme) -> Vec<Span<'static>> {
    let mut cuts: Vec<usize> = vec![0, line.text.len()];
    for (range, _) in &line.marks {
        cuts.push(range.start.min(line.text.len()));
        cuts.push(range.end.min(line.text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.retain(|c| line.text.is_char_boundary(*c));
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let style = line
                .marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(Style::new(), |style, (_, role)| {
                    style.patch(role_style(*role, theme))
                });
            Span::styled(line.text[w[0]..w[1]].to_string(), style)
        })
        .collect()
}

fn role_style(role: Role, theme: &Theme) -> Style {
    match role {
        Role::Headline => theme.headline,
        Role::Meta | Role::Caption => theme.dim,
        Role::Quote => theme.quote,
        Role::Entity(kind) => theme.entity(kind),
        Role::Match => theme.highlight,
    }
}
