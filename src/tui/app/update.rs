//! `update`: the one place an action takes effect. Input that is not a key (a resize, the
//! mouse, a paste, search results) is handled first; a key's action then goes to the handler of
//! the mode it was read in.

use crate::tui::action::Action;
use crate::tui::mode::{Mode, Overlay, Pane};

use super::state::App;

impl App {
    /// Applies `action`; returns whether the screen needs drawing again.
    pub fn update(&mut self, action: Action) -> bool {
        self.now = (self.clock)();
        // Only the same key pressed again confirms; what the user did not press keeps it.
        let unpressed = matches!(
            action,
            Action::Resize { .. }
                | Action::Searched { .. }
                | Action::FirstRows { .. }
                | Action::Tick
                | Action::Reloaded(_)
                | Action::ReloadFailed(_)
                | Action::DeskChanged(_)
                | Action::Note(_)
        );
        if !unpressed && action != Action::Export {
            self.confirm_overwrite = None;
        }
        if !unpressed && !matches!(action, Action::Export | Action::Copy) {
            self.warned = None;
        }
        match action {
            // The time was taken above: what shows it is drawn again.
            Action::Tick => return true,
            Action::Interrupt => self.quit = true,
            Action::Resize { width, height } => return self.resize(width, height),
            Action::Searched { generation, docs } => return self.apply_results(generation, &docs),
            Action::FirstRows { generation, docs } => {
                return self.apply_first_rows(generation, &docs);
            }
            Action::Reloaded(catalog) => return self.reload(catalog),
            Action::ReloadFailed(message) => return self.reload_failed(&message),
            Action::DeskChanged(desk) => return self.desk_changed(desk),
            Action::Note(message) => {
                self.status = Some(message);
                return true;
            }
            Action::Click { column, row } => return self.click(column, row),
            Action::Wheel { column, row, down } => return self.wheel(column, row, down),
            Action::Paste(text) => self.paste(&text),
            action => match self.mode() {
                Mode::Help => return self.update_help(&action),
                Mode::Names => self.update_names(&action),
                Mode::Versions => self.update_versions(&action),
                Mode::Searches => self.update_searches(&action),
                Mode::Prompt => self.update_prompt(action),
                Mode::List | Mode::Story | Mode::Sidebar => self.update_browsing(&action),
            },
        }
        true
    }

    /// Browsing the list, the story or the sidebar.
    fn update_browsing(&mut self, action: &Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.help_scroll = 0;
                self.cover(Overlay::Help);
            }
            Action::Down => self.move_in(self.pane, 1),
            Action::Up => self.move_in(self.pane, -1),
            Action::Top => self.move_to_edge(self.pane, false),
            Action::Bottom => self.move_to_edge(self.pane, true),
            Action::HalfPageDown => self.move_in(self.pane, self.page(self.pane) / 2),
            Action::HalfPageUp => self.move_in(self.pane, -(self.page(self.pane) / 2)),
            Action::PageDown => self.move_in(self.pane, self.page(self.pane)),
            Action::PageUp => self.move_in(self.pane, -self.page(self.pane)),
            Action::NextPane => self.cycle_pane(true),
            Action::PrevPane => self.cycle_pane(false),
            Action::Open => self.open(),
            Action::Search => {
                self.editing = true;
                self.focus(Pane::List);
            }
            Action::Back => self.back(),
            Action::RemoveFilter => self.remove_filter(),
            Action::Export => self.export(),
            Action::Copy => self.copy(),
            Action::Entities => {
                self.browser.reset(self.catalog.entities(), &self.matcher);
                self.cover(Overlay::Entities);
            }
            Action::Versions => self.open_versions(),
            Action::NextMatch => self.jump_match(true),
            Action::PrevMatch => self.jump_match(false),
            Action::Star => self.toggle_star(),
            Action::ToggleRead => self.toggle_read(),
            Action::NextUnread => self.jump_unread(true),
            Action::PrevUnread => self.jump_unread(false),
            Action::HideRead => self.toggle_hide_read(),
            Action::SaveSearch => self.start_naming(),
            Action::SavedSearches => self.open_searches(),
            Action::Sort => self.cycle_sort(),
            Action::Mark => self.toggle_mark(),
            Action::OpenLink => self.open_link(),
            Action::EditSource => self.edit_source(),
            Action::Pipe => self.pipe_story(),
            // Typing actions mean nothing here (the keymap refuses to bind them here).
            Action::Interrupt
            | Action::Accept
            | Action::Edit(_)
            | Action::HistoryPrev
            | Action::HistoryNext
            | Action::Erase
            | Action::Clear
            | Action::Insert(_)
            | Action::Paste(_)
            | Action::Click { .. }
            | Action::Wheel { .. }
            | Action::Resize { .. }
            | Action::Searched { .. }
            | Action::FirstRows { .. }
            | Action::Tick
            | Action::Reloaded(_)
            | Action::ReloadFailed(_)
            | Action::DeskChanged(_)
            | Action::Note(_) => {}
        }
    }

    /// Typing a query: text edits it, moves go to the list, other actions act as browsing.
    /// Naming a search to save, text edits the name and Enter saves it.
    fn update_prompt(&mut self, action: Action) {
        if self.naming.is_some() {
            self.update_naming(&action);
            return;
        }
        match action {
            Action::Insert(c) => self.type_text(&c.to_string()),
            Action::Erase => self.erase(),
            Action::Edit(edit) => self.edit(edit),
            Action::HistoryPrev => self.walk_history(true),
            Action::HistoryNext => self.walk_history(false),
            Action::Accept => self.accept_query(),
            Action::Clear | Action::Back => self.clear_query(),
            Action::Down => self.move_in(Pane::List, 1),
            Action::Up => self.move_in(Pane::List, -1),
            Action::Top => self.move_to_edge(Pane::List, false),
            Action::Bottom => self.move_to_edge(Pane::List, true),
            Action::HalfPageDown => self.move_in(Pane::List, self.page(Pane::List) / 2),
            Action::HalfPageUp => self.move_in(Pane::List, -(self.page(Pane::List) / 2)),
            Action::PageDown => self.move_in(Pane::List, self.page(Pane::List)),
            Action::PageUp => self.move_in(Pane::List, -self.page(Pane::List)),
            other => self.update_browsing(&other),
        }
    }

    /// The versions overlay: moves pick a version, pages scroll what changed, Enter reads the
    /// one picked.
    fn update_versions(&mut self, action: &Action) {
        let (rows, diff_rows) = self.layout.versions_rows();
        let page = isize::try_from(diff_rows).unwrap_or(1);
        let lines = self.version_changes().len();
        match action {
            Action::Back | Action::Versions => self.cover(Overlay::None),
            Action::Quit => self.quit = true,
            Action::Down => self.versions.move_by(1, rows),
            Action::Up => self.versions.move_by(-1, rows),
            Action::Top => self.versions.move_by(isize::MIN / 2, rows),
            Action::Bottom => self.versions.move_by(isize::MAX / 2, rows),
            Action::PageDown => self.versions.scroll_by(page, lines),
            Action::PageUp => self.versions.scroll_by(-page, lines),
            Action::HalfPageDown => self.versions.scroll_by(page / 2, lines),
            Action::HalfPageUp => self.versions.scroll_by(-(page / 2), lines),
            Action::Open => self.read_version(),
            _ => {}
        }
    }

    /// The help overlay: moves scroll it (on a screen too short for it), the rest close it.
    fn update_help(&mut self, action: &Action) -> bool {
        let rows = self
            .layout
            .help
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1));
        let last = crate::tui::guide::rows().saturating_sub(rows);
        let by = |n: usize, down: bool, at: usize| {
            if down {
                (at + n).min(last)
            } else {
                at.saturating_sub(n)
            }
        };
        self.help_scroll = match action {
            Action::Help | Action::Back | Action::Quit => {
                self.cover(Overlay::None);
                return true;
            }
            Action::Down => by(1, true, self.help_scroll),
            Action::Up => by(1, false, self.help_scroll),
            Action::PageDown => by(rows, true, self.help_scroll),
            Action::PageUp => by(rows, false, self.help_scroll),
            Action::HalfPageDown => by(rows / 2, true, self.help_scroll),
            Action::HalfPageUp => by(rows / 2, false, self.help_scroll),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// The names browser: text filters the names, Enter filters the archive by the one chosen.
    fn update_names(&mut self, action: &Action) {
        let rows = self.layout.names_rows();
        let page = isize::try_from(rows).unwrap_or(1);
        match action {
            Action::Back | Action::Entities => self.cover(Overlay::None),
            Action::Clear => {
                if self.browser.query().is_empty() {
                    self.cover(Overlay::None);
                } else {
                    self.browser.reset(self.catalog.entities(), &self.matcher);
                }
            }
            Action::Quit => self.quit = true,
            Action::Insert(c) => {
                let text = c.to_string();
                self.browser
                    .insert(&text, self.catalog.entities(), &self.matcher);
            }
            Action::Erase => self.browser.erase(self.catalog.entities(), &self.matcher),
            Action::Down => self.browser.move_by(1),
            Action::Up => self.browser.move_by(-1),
            Action::PageDown => self.browser.move_by(page),
            Action::PageUp => self.browser.move_by(-page),
            Action::HalfPageDown => self.browser.move_by(page / 2),
            Action::HalfPageUp => self.browser.move_by(-(page / 2)),
            Action::Top => self.browser.move_by(isize::MIN / 2),
            Action::Bottom => self.browser.move_by(isize::MAX / 2),
            Action::Open | Action::Accept => self.choose_name(),
            _ => {}
        }
    }
}
