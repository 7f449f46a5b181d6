//! The versions overlay's state: a story's versions newest first with what each says of
//! itself, the one selected, how far the list and what changed are scrolled, and what changed
//! from the version before the selected one to it, laid out once per (version, width).
//! Knows nothing of the rest of the reader; the state hands it the catalogue's stories.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::catalog::Doc;
use crate::tui::reader::Line;
use crate::tui::standing::VersionNote;

/// What changed to one version, laid out: by (version, width).
type LaidOut = Option<((Doc, usize), Rc<Vec<Line>>)>;

#[derive(Debug, Default)]
pub struct Versions {
    /// Newest first.
    rows: Vec<VersionNote>,
    selected: usize,
    /// The first row of the list on screen.
    offset: usize,
    /// The first line of what changed on screen.
    scroll: usize,
    laid_out: RefCell<LaidOut>,
    /// How many times what changed was laid out (tests check the cache with it).
    layouts: Cell<usize>,
}

impl Versions {
    /// Starts over with a story's versions (`notes`, oldest first), `shown` selected.
    pub fn open(&mut self, notes: &[VersionNote], shown: Doc) {
        self.rows = notes.iter().rev().cloned().collect();
        self.selected = self.rows.iter().position(|n| n.doc == shown).unwrap_or(0);
        self.offset = 0;
        self.scroll = 0;
    }

    /// The versions, newest first.
    pub fn rows(&self) -> &[VersionNote] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected version.
    pub fn current(&self) -> Option<Doc> {
        self.rows.get(self.selected).map(|n| n.doc)
    }

    /// The version before the selected one, which it is compared with.
    pub fn previous(&self) -> Option<Doc> {
        self.rows.get(self.selected + 1).map(|n| n.doc)
    }

    /// The number of the version at row `index`, counting from the oldest (1).
    pub fn number(&self, index: usize) -> usize {
        self.rows.len().saturating_sub(index)
    }

    /// The first row of the list on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The first line of what changed on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Selects the version `delta` rows away, kept among the `height` rows shown; what
    /// changed starts again from its top.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.rows.len().saturating_sub(1);
        let next = self.selected.saturating_add_signed(delta).min(last);
        self.select(next, height);
    }

    /// Selects row `index`, kept among the `height` rows shown.
    pub fn select(&mut self, index: usize, height: usize) {
        if index >= self.rows.len() {
            return;
        }
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
        }
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// Scrolls what changed by `delta` lines, within its `lines`.
    pub fn scroll_by(&mut self, delta: isize, lines: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(1));
    }

    /// What changed to the selected version, `width` columns wide: laid out by `make` the
    /// first time it is asked for.
    pub fn changes(&self, width: usize, make: impl FnOnce() -> Vec<Line>) -> Rc<Vec<Line>> {
        let Some(doc) = self.current() else {
            return Rc::default();
        };
        if let Some((key, lines)) = self.laid_out.borrow().as_ref()
            && *key == (doc, width)
        {
            return Rc::clone(lines);
        }
        let lines = Rc::new(make());
        self.layouts.set(self.layouts.get() + 1);
        *self.laid_out.borrow_mut() = Some(((doc, width), Rc::clone(&lines)));
        lines
    }

    #[cfg(test)]
    pub fn layouts(&self) -> usize {
        self.layouts.get()
    }
}
