//! Moving around: the list's selection (always on screen), the story's scroll, the sidebar's
//! selection, focus and overlays, and the mouse and resizes — all measured by the one layout.

use crate::tui::layout::{self, Hit};
use crate::tui::mode::{Overlay, Pane};

use super::state::App;

/// Lines the mouse wheel moves by.
const WHEEL_STEP: isize = 3;

impl App {
    /// Rows one page of `pane` moves by.
    pub(super) fn page(&self, pane: Pane) -> isize {
        isize::try_from(self.layout.page_rows(pane))
            .unwrap_or(1)
            .max(1)
    }

    /// Moves the selection of `pane` (the story's scroll for the reader) by `delta` rows.
    pub(super) fn move_in(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::List => {
                let last = self.rows.len().saturating_sub(1);
                let next = self.selected.saturating_add_signed(delta).min(last);
                self.select(next);
            }
            Pane::Reader => {
                // The last page ends with the story's last line (as `G` in less).
                let shown = self.layout.page_rows(Pane::Reader);
                let max = self.document().lines.len().saturating_sub(shown);
                self.reader_scroll = self.reader_scroll.saturating_add_signed(delta).min(max);
            }
            Pane::Sidebar => {
                let last = self.sidebar_items().len().saturating_sub(1);
                self.sidebar_selected =
                    self.sidebar_selected.saturating_add_signed(delta).min(last);
            }
        }
    }

    pub(super) fn move_to_edge(&mut self, pane: Pane, end: bool) {
        let far = isize::MAX / 2;
        self.move_in(pane, if end { far } else { -far });
    }

    /// Selects list row `index` (a story index into `rows`), kept on screen.
    pub(super) fn select(&mut self, index: usize) {
        if index != self.selected {
            self.selected = index;
            self.reader_scroll = 0;
            self.sidebar_selected = 0;
            self.match_cursor = None;
            self.reading = None;
        }
        self.keep_selection_visible();
    }

    /// Scrolls the list so the selection is on one of the rows the layout gives it.
    pub(super) fn keep_selection_visible(&mut self) {
        let height = self.layout.list_rows;
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + height {
            self.list_offset = self.selected + 1 - height;
        }
        // A taller screen, or a shorter list, leaves no blank rows below the last story.
        let last_offset = self.rows.len().saturating_sub(height);
        self.list_offset = self.list_offset.min(last_offset);
        // From the top, what came in is in view.
        if self.list_offset == 0 {
            self.fresh = 0;
        }
    }

    pub(super) fn cycle_pane(&mut self, forward: bool) {
        self.focus(match (self.pane, forward) {
            (Pane::List, true) | (Pane::Sidebar, false) => Pane::Reader,
            (Pane::Reader, true) | (Pane::List, false) => Pane::Sidebar,
            (Pane::Sidebar, true) | (Pane::Reader, false) => Pane::List,
        });
    }

    /// Gives `pane` the keyboard (on a narrow screen that changes what is shown).
    pub(super) fn focus(&mut self, pane: Pane) {
        self.pane = pane;
        self.relayout();
    }

    /// Covers the panes with `overlay` (or uncovers them).
    pub(super) fn cover(&mut self, overlay: Overlay) {
        self.overlay = overlay;
        self.relayout();
    }

    /// Computes the layout again after the size, the focus or the overlay changed.
    fn relayout(&mut self) {
        self.layout = layout::compute(self.size.0, self.size.1, self.pane, self.overlay);
        self.keep_selection_visible();
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) -> bool {
        if self.size == (width, height) {
            return false;
        }
        self.size = (width, height);
        self.relayout();
        true
    }

    /// A left click: a list row selects its story; a pane takes the focus; a name in the
    /// names browser is selected.
    pub(super) fn click(&mut self, column: u16, row: u16) -> bool {
        match self.layout.hit(column, row) {
            Hit::ListRow(row) => {
                let index = self.list_offset + row;
                if index >= self.rows.len() {
                    return false;
                }
                self.focus(Pane::List);
                self.select(index);
                true
            }
            Hit::Pane(pane) => {
                self.focus(pane);
                true
            }
            Hit::NamesRow(row) => self.browser.click(row, self.layout.names_rows()),
            Hit::SidebarRow(row) => {
                // A quote or a name is selected (Enter then goes to it or filters by it).
                let (lines, _) = self.sidebar_lines();
                self.focus(Pane::Sidebar);
                if let Some(Some(item)) = lines.get(self.sidebar_offset() + row) {
                    self.sidebar_selected = *item;
                }
                true
            }
            Hit::VersionRow(row) => {
                let (rows, _) = self.layout.versions_rows();
                let index = self.versions.offset() + row;
                let hit = index < self.versions.rows().len();
                self.versions.select(index, rows);
                hit
            }
            Hit::VersionsDiff | Hit::Nothing => false,
        }
    }

    /// The wheel moves what is under the pointer, leaving the focus where it is.
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
        let delta = if down { WHEEL_STEP } else { -WHEEL_STEP };
        match self.layout.hit(column, row) {
            Hit::ListRow(_) | Hit::Pane(Pane::List) => self.move_in(Pane::List, delta),
            Hit::SidebarRow(_) => self.move_in(Pane::Sidebar, delta),
            Hit::Pane(pane) => self.move_in(pane, delta),
            Hit::NamesRow(_) => self.browser.move_by(delta),
            Hit::VersionRow(_) => {
                let (rows, _) = self.layout.versions_rows();
                self.versions.move_by(delta.signum(), rows);
            }
            Hit::VersionsDiff => {
                let lines = self.version_changes().len();
                self.versions.scroll_by(delta, lines);
            }
            Hit::Nothing => return false,
        }
        true
    }
}
