//! The list of stories: date, agency, dateline place, headline with matched letters marked; the
//! selected row always on screen; the count in the title.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::search::highlight::headline_matches;
use crate::text::truncate_to_width;

use crate::tui::app::App;
use crate::tui::layout::Panel;
use crate::tui::mode::Pane;
use crate::tui::theme::Theme;

use super::widgets::pane_block;

/// Draws the rows the state scrolled to, in the panel the layout gave the list: the same
/// rows the state pages by, so the highlight is always on the selected story.
pub fn draw(frame: &mut Frame<'_>, panel: Panel, app: &App, theme: &Theme) {
    let title = format!(" {} of {} ", app.rows().len(), app.catalog().len());
    frame.render_widget(
        pane_block(title, app.pane() == Pane::List, theme),
        panel.outer,
    );
    let width = usize::from(panel.inner.width);
    let height = usize::from(panel.inner.height);
    let items: Vec<ListItem<'_>> = app
        .rows()
        .iter()
        .skip(app.list_offset())
        .take(height)
        .map(|&doc| {
            let c = app.catalog();
            let date = c.date(doc).unwrap_or("undated");
            let agency = truncate_to_width(c.agency(doc).unwrap_or(""), 7);
            let place = truncate_to_width(c.place(doc).unwrap_or(""), 12);
            let fixed = format!("{date:<10} {agency:<7} {place:<12} ");
            let wide = width >= 60;
            let prefix = if wide { fixed } else { format!("{date:<10} ") };
            // Flashes and bulletins (urgency 1-2) and urgent copy (3) carry a mark.
            let mark = match c.urgency(doc) {
                Some(1 | 2) => "!! ",
                Some(3) => "! ",
                _ => "",
            };
            let room = width.saturating_sub(
                unicode_width::UnicodeWidthStr::width(prefix.as_str()) + mark.len(),
            );
            let headline = truncate_to_width(c.headline(doc), room);
            let matches = headline_matches(app.typed(), &headline, app.matcher());
            let mut spans = vec![
                Span::styled(prefix, theme.dim),
                Span::styled(mark, theme.accent),
            ];
            spans.extend(highlighted(&headline, &matches, theme.highlight));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default().with_selected(
        (!app.rows().is_empty()).then(|| app.selected().saturating_sub(app.list_offset())),
    );
    let list = List::new(items).highlight_style(theme.selection);
    frame.render_stateful_widget(list, panel.inner, &mut state);
}

/// Spans of `text` with the characters at `matches` (char positions) in `style`.
fn highlighted(text: &str, matches: &[usize], style: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let marked = matches.binary_search(&i).is_ok();
        if marked != run_marked && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), run_marked, style));
        }
        run_marked = marked;
        run.push(if c.is_control() { ' ' } else { c });
    }
    if !run.is_empty() {
        spans.push(styled(run, run_marked, style));
    }
    spans
}

fn styled(text: String, marked: bool, style: Style) -> Span<'static> {
    if marked {
        Span::styled(text, style)
    } else {
        Span::raw(text)
    }
}
