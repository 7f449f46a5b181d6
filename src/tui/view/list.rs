//! The list of stories, one row per story (its newest version; the rows in `row.rs`); the
//! selected row always on screen; how many are listed of how many stories in the title.

use ratatui::Frame;
use ratatui::widgets::{List, ListItem, ListState};

use crate::search::Sort;
use crate::tui::app::App;
use crate::tui::layout::Panel;
use crate::tui::mode::Pane;
use crate::tui::theme::Theme;

use super::row::row;
use super::widgets::pane_block;

/// Draws the rows the state scrolled to, in the panel the layout gave the list: the same
/// rows the state pages by, so the highlight is always on the selected story.
pub fn draw(frame: &mut Frame<'_>, panel: Panel, app: &App, theme: &Theme) {
    // Counted once anything has been read (before, every story is unread), and once every
    // story is in.
    let unread = if app.desk().has_marks() && !app.is_opening() {
        format!("{} unread · ", app.unread())
    } else {
        String::new()
    };
    let hidden = if app.hides_read() { " (unread)" } else { "" };
    let sort = match app.sort() {
        Sort::Found => String::new(),
        sort => format!(" · by {}", sort.name()),
    };
    let title = format!(
        " {unread}{} of {}{hidden}{sort} ",
        app.row_count(),
        app.stories()
    );
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
        .map(|&doc| ListItem::new(row(app, doc, width, theme)))
        .collect();
    let mut state = ListState::default().with_selected(
        (!app.rows().is_empty()).then(|| app.selected().saturating_sub(app.list_offset())),
    );
    let list = List::new(items).highlight_style(theme.selection);
    frame.render_stateful_widget(list, panel.inner, &mut state);
}
