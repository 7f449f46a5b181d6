//! The screen's geometry, computed in one place from the terminal size, the focused pane and
//! the overlay: every area the views draw into, the rows and columns the state pages and wraps
//! by, and what a mouse position hits. A pure function of those three inputs, so the state, the
//! runtime and the views cannot disagree about where anything is.

use ratatui::layout::{Constraint, Layout as Split, Margin, Position, Rect};

use crate::tui::guide;
use crate::tui::mode::{Overlay, Pane};

/// Below this the screen shows a message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the sidebar stands beside the list and the story.
const WIDE: u16 = 120;
const SIDEBAR_WIDTH: u16 = 34;
/// Columns kept free on each side of the story's text inside its border.
const READER_MARGIN: u16 = 1;
const HELP_WIDTH: u16 = 86;
const NAMES_WIDTH: u16 = 70;
const VERSIONS_WIDTH: u16 = 110;

/// A bordered pane: the border's rectangle and what lies inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panel {
    pub outer: Rect,
    pub inner: Rect,
}

impl Panel {
    fn new(outer: Rect) -> Panel {
        Panel {
            outer,
            inner: outer.inner(Margin::new(1, 1)),
        }
    }

    fn contains(&self, at: Position) -> bool {
        self.outer.contains(at)
    }

    /// The inner row under `at`, counted from the first inner row.
    fn row_at(&self, at: Position) -> Option<usize> {
        self.inner
            .contains(at)
            .then(|| usize::from(at.y - self.inner.y))
    }
}

/// The names browser: its frame, the filter line and the list of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamesAreas {
    pub outer: Rect,
    pub input: Rect,
    pub list: Rect,
}

/// The versions overlay: its frame, the list of versions, the line naming the two compared,
/// and what changed between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionsAreas {
    pub outer: Rect,
    pub list: Rect,
    pub divider: Rect,
    pub diff: Rect,
}

impl VersionsAreas {
    /// Columns what changed may be wrapped to (inside a margin of one on each side).
    pub fn diff_width(&self) -> usize {
        usize::from(self.diff.width.saturating_sub(2 * READER_MARGIN))
    }
}

/// Where everything goes on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub screen: Rect,
    /// False below `MIN_WIDTH`×`MIN_HEIGHT`: the screen then shows only a message.
    pub fits: bool,
    pub title: Rect,
    /// Absent when the screen is narrow and the sidebar has the focus.
    pub list: Option<Panel>,
    pub reader: Panel,
    /// Absent when the screen is narrow and the sidebar does not have the focus.
    pub sidebar: Option<Panel>,
    pub prompt: Rect,
    pub status: Rect,
    /// Rows of stories the list shows; the same whether or not the list is on screen, so the
    /// selection stays visible when the focus brings it back.
    pub list_rows: usize,
    /// Columns the story may be wrapped to (inside the border and margins).
    pub reader_width: usize,
    pub help: Option<Rect>,
    /// The saved searches picker, over the panes.
    pub searches: Option<Rect>,
    pub names: Option<NamesAreas>,
    pub versions: Option<VersionsAreas>,
}

/// What a screen cell is part of, for the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A story row of the list (0 = the first row shown).
    ListRow(usize),
    /// A pane outside any row (a border, or the list below its last story).
    Pane(Pane),
    /// A row of the names browser (0 = the first shown).
    NamesRow(usize),
    /// A line of the sidebar (0 = the first shown).
    SidebarRow(usize),
    /// A row of the versions overlay's list (0 = the first shown).
    VersionRow(usize),
    /// What changed, in the versions overlay.
    VersionsDiff,
    /// Anything else: the title, the prompt, the status line, an overlay's border.
    Nothing,
}

/// The layout for a `width`×`height` screen with `focus` on a pane: three columns when wide;
/// when narrow, the list or the sidebar shares the screen with the story, whichever has focus.
pub fn compute(width: u16, height: u16, focus: Pane, overlay: Overlay) -> Layout {
    let screen = Rect::new(0, 0, width, height);
    let [title, main, prompt, status] = Split::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let (list, reader, sidebar) = if width >= WIDE {
        let [list, reader, sidebar] = Split::horizontal([
            Constraint::Percentage(40),
            Constraint::Min(30),
            Constraint::Length(SIDEBAR_WIDTH),
        ])
        .areas(main);
        (Some(list), reader, Some(sidebar))
    } else if focus == Pane::Sidebar {
        let [reader, sidebar] =
            Split::horizontal([Constraint::Min(20), Constraint::Percentage(45)]).areas(main);
        (None, reader, Some(sidebar))
    } else {
        let [list, reader] =
            Split::horizontal([Constraint::Percentage(45), Constraint::Min(20)]).areas(main);
        (Some(list), reader, None)
    };
    let reader = Panel::new(reader);
    let help = (overlay == Overlay::Help).then(|| centered(screen, HELP_WIDTH, help_height()));
    let names = (overlay == Overlay::Entities).then(|| {
        let outer = centered(screen, NAMES_WIDTH, height.saturating_sub(4));
        let [input, list] = Split::vertical([Constraint::Length(1), Constraint::Min(1)])
            .areas(outer.inner(Margin::new(1, 1)));
        NamesAreas { outer, input, list }
    });
    let searches = (overlay == Overlay::Searches)
        .then(|| centered(screen, NAMES_WIDTH, height.saturating_sub(4)));
    let versions = match overlay {
        Overlay::Versions { count } => Some(versions_areas(main, count)),
        _ => None,
    };
    Layout {
        screen,
        fits: width >= MIN_WIDTH && height >= MIN_HEIGHT,
        title,
        list: list.map(Panel::new),
        reader,
        sidebar: sidebar.map(Panel::new),
        prompt,
        status,
        list_rows: usize::from(main.inner(Margin::new(1, 1)).height).max(1),
        reader_width: usize::from(reader.inner.width.saturating_sub(2 * READER_MARGIN)),
        help,
        searches,
        names,
        versions,
    }
}

/// The versions overlay over the panes: the list as tall as there are versions, up to a third
/// of the overlay; what changed below it.
fn versions_areas(main: Rect, count: u16) -> VersionsAreas {
    let outer = centered(main, VERSIONS_WIDTH, main.height);
    let inner = outer.inner(Margin::new(1, 1));
    let rows = count.clamp(1, (inner.height / 3).max(1));
    let [list, divider, diff] = Split::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    VersionsAreas {
        outer,
        list,
        divider,
        diff,
    }
}

impl Layout {
    /// Rows one page of `pane` moves by: what the pane shows at once.
    pub fn page_rows(&self, pane: Pane) -> usize {
        let shown = match pane {
            Pane::List => return self.list_rows,
            Pane::Reader => Some(self.reader),
            Pane::Sidebar => self.sidebar,
        };
        shown.map_or(self.list_rows, |p| usize::from(p.inner.height).max(1))
    }

    /// Rows the names browser shows at once.
    pub fn names_rows(&self) -> usize {
        self.names.map_or(1, |n| usize::from(n.list.height).max(1))
    }

    /// Rows the versions overlay shows of the list, and of what changed.
    pub fn versions_rows(&self) -> (usize, usize) {
        self.versions.map_or((1, 1), |v| {
            (
                usize::from(v.list.height).max(1),
                usize::from(v.diff.height).max(1),
            )
        })
    }

    /// What the cell at (`column`, `row`) is part of.
    pub fn hit(&self, column: u16, row: u16) -> Hit {
        let at = Position::new(column, row);
        if let Some(versions) = self.versions {
            return if versions.list.contains(at) {
                Hit::VersionRow(usize::from(row - versions.list.y))
            } else if versions.diff.contains(at) {
                Hit::VersionsDiff
            } else {
                Hit::Nothing
            };
        }
        if let Some(names) = self.names {
            return if names.list.contains(at) {
                Hit::NamesRow(usize::from(row - names.list.y))
            } else {
                Hit::Nothing
            };
        }
        if self.help.is_some() {
            return Hit::Nothing;
        }
        if let Some(list) = self.list.filter(|p| p.contains(at)) {
            return list.row_at(at).map_or(Hit::Pane(Pane::List), Hit::ListRow);
        }
        if self.reader.contains(at) {
            return Hit::Pane(Pane::Reader);
        }
        if let Some(sidebar) = self.sidebar.filter(|p| p.contains(at)) {
            return sidebar
                .row_at(at)
                .map_or(Hit::Pane(Pane::Sidebar), Hit::SidebarRow);
        }
        Hit::Nothing
    }
}

/// Rows of the help overlay: its body (the actions a browsing key can be bound to, the marks,
/// the query language) and the border (the typing keys are on its bottom edge). A screen
/// shorter than that scrolls it.
fn help_height() -> u16 {
    u16::try_from(guide::rows() + 2).unwrap_or(u16::MAX)
}

/// A rectangle of `width`×`height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use crate::tui::layout::*;

    #[test]
    fn the_list_rows_are_the_rows_inside_its_border() {
        let layout = compute(80, 24, Pane::List, Overlay::None);
        let list = layout
            .list
            .expect("a narrow screen shows the list with the list focused");
        assert_eq!(layout.list_rows, usize::from(list.inner.height));
        assert_eq!(
            layout.list_rows,
            24 - 3 - 2,
            "title, prompt, status and the border"
        );
        // With the sidebar focused on a narrow screen the list is gone but keeps its rows.
        let side = compute(80, 24, Pane::Sidebar, Overlay::None);
        assert!(side.list.is_none() && side.sidebar.is_some());
        assert_eq!(side.list_rows, layout.list_rows);
    }

    #[test]
    fn wide_screens_show_three_panes_and_the_reader_width_follows_the_pane() {
        let layout = compute(120, 40, Pane::Reader, Overlay::None);
        assert!(layout.list.is_some() && layout.sidebar.is_some());
        assert_eq!(
            layout.reader_width,
            usize::from(layout.reader.outer.width) - 4
        );
        let narrow = compute(80, 24, Pane::Sidebar, Overlay::None);
        assert_ne!(narrow.reader_width, layout.reader_width);
    }

    #[test]
    fn hits_name_the_row_or_the_pane() {
        let layout = compute(80, 24, Pane::List, Overlay::None);
        let list = layout.list.unwrap();
        assert_eq!(layout.hit(list.inner.x, list.inner.y), Hit::ListRow(0));
        assert_eq!(layout.hit(list.inner.x, list.inner.y + 3), Hit::ListRow(3));
        assert_eq!(
            layout.hit(list.outer.x, list.outer.y),
            Hit::Pane(Pane::List)
        );
        let reader = layout.reader.inner;
        assert_eq!(layout.hit(reader.x, reader.y), Hit::Pane(Pane::Reader));
        assert_eq!(layout.hit(0, 0), Hit::Nothing, "the title line");
        let help = compute(80, 24, Pane::List, Overlay::Help);
        assert_eq!(help.hit(list.inner.x, list.inner.y), Hit::Nothing);
        let names = compute(80, 24, Pane::List, Overlay::Entities);
        let n = names.names.unwrap();
        assert_eq!(names.hit(n.list.x, n.list.y + 2), Hit::NamesRow(2));
    }

    #[test]
    fn the_versions_list_is_as_tall_as_the_versions_up_to_a_third() {
        let few = compute(80, 24, Pane::List, Overlay::Versions { count: 3 });
        let v = few.versions.expect("the overlay is laid out");
        assert_eq!(v.list.height, 3);
        assert_eq!(v.divider.y, v.list.y + 3);
        assert_eq!(v.diff.y, v.divider.y + 1);
        assert_eq!(
            v.diff.bottom() + 1,
            v.outer.bottom(),
            "the diff fills the rest"
        );
        assert_eq!(few.versions_rows(), (3, usize::from(v.diff.height)));
        let many = compute(80, 24, Pane::List, Overlay::Versions { count: 40 });
        let m = many.versions.unwrap();
        assert!(m.list.height <= m.outer.height / 3, "{m:?}");
        assert_eq!(
            few.hit(v.list.x, v.list.y + 1),
            Hit::VersionRow(1),
            "a row of the list"
        );
        assert_eq!(few.hit(v.diff.x + 2, v.diff.y + 2), Hit::VersionsDiff);
        assert!(v.diff_width() <= usize::from(v.diff.width));
    }

    #[test]
    fn tiny_screens_do_not_fit_but_still_lay_out() {
        let layout = compute(30, 8, Pane::List, Overlay::Entities);
        assert!(!layout.fits);
        assert!(layout.list_rows >= 1 && layout.names_rows() >= 1);
    }
}
