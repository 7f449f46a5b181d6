//! Drawing: one function per part of the screen, each drawing into the areas the state's
//! layout gives it. Views read the app and the theme and draw; they never change state. This
//! file only dispatches; the parts and their shared widgets live in `view/`.

mod entities;
mod help;
mod list;
mod reader;
mod row;
mod searches;
mod sidebar;
mod status;
mod versions;
mod widgets;

use ratatui::Frame;

use crate::tui::app::App;
use crate::tui::mode::Overlay;
use crate::tui::theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let layout = app.layout();
    if !layout.fits {
        widgets::too_small(frame, layout.screen);
        return;
    }
    widgets::title(frame, layout.title, app, theme);
    if let Some(panel) = layout.list {
        list::draw(frame, panel, app, theme);
    }
    reader::draw(frame, layout.reader, app, theme);
    if let Some(panel) = layout.sidebar {
        sidebar::draw(frame, panel, app, theme);
    }
    status::draw_prompt(frame, layout.prompt, app, theme);
    status::draw_status(frame, layout.status, app, theme);
    match (app.overlay(), layout.help, layout.names, layout.versions) {
        (Overlay::Help, Some(rect), _, _) => help::draw(frame, rect, app, theme),
        (Overlay::Entities, _, Some(areas), _) => entities::draw(frame, areas, app, theme),
        (Overlay::Versions { .. }, _, _, Some(areas)) => {
            versions::draw(frame, areas, app, theme);
        }
        _ => {}
    }
    if let (Overlay::Searches, Some(rect)) = (app.overlay(), layout.searches) {
        searches::draw(frame, rect, app, theme);
    }
}
