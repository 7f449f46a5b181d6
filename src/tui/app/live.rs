//! The archive growing under the open reader: a newer catalogue (from the follower) replaces
//! the old one while the selection, the list's scroll and the story being read stay where
//! they are; what came in above is counted ("N new") until the user goes to the top.

use std::sync::Arc;

use crate::catalog::{Catalog, Doc};
use crate::search::Session;
use crate::tui::mode::{Overlay, Pane};
use crate::tui::shared::Shared;

use super::kept::{Hold, Shown};
use super::state::{App, Effect};
use super::story::Story;

impl App {
    /// Takes the archive's newer catalogue; whether the screen changed.
    pub(super) fn reload(&mut self, shared: Shared) -> bool {
        if self.is_opening() {
            return self.opened(shared);
        }
        let catalog = shared.0;
        if Arc::ptr_eq(&catalog, &self.catalog) {
            return false;
        }
        let hold = self.held();
        let old = self.swap_catalog(Arc::clone(&catalog));
        if !grew_from(&old, &catalog) {
            // Replaced or cut: start again at the top, on the same story if it is still there.
            self.source_notice_done();
            self.renumbered(&old, hold.map(|h| Hold { screen_row: 0, ..h }));
            return true;
        }
        let added = catalog.len() - old.len();
        if added == 0 {
            return false;
        }
        self.source_notice_done();
        self.fresh += added;
        self.count_unread();
        self.check_alerts(old.len());
        // The story being read stays on screen when a newer version of it comes in.
        if let Some(h) = hold
            && self.pane != Pane::List
            && self.reading.is_none()
            && catalog.newest(h.doc) != h.doc
        {
            self.reading = Some(h.doc);
            let key = self.key_name(
                crate::tui::mode::Mode::List,
                &crate::tui::action::Action::Versions,
            );
            self.status = Some(format!(
                "A newer version of this story came in: {key} shows what changed"
            ));
        }
        self.relist(hold);
        true
    }

    /// The selected story and the screen row it is on, to put it back there after a change
    /// of list.
    pub(super) fn held(&self) -> Option<Hold> {
        self.selected_doc().map(|doc| Hold {
            doc,
            screen_row: self.selected.saturating_sub(self.list_offset),
        })
    }

    /// Takes `catalog` in place of the one shown (the searcher too), dropping what was kept of
    /// the old one: cached stories and what their versions say (a chain may have grown),
    /// results kept for narrowing a query, the names browser's list (unless it is open).
    /// Returns the old catalogue.
    pub(super) fn swap_catalog(&mut self, catalog: Arc<Catalog>) -> Arc<Catalog> {
        if self.overlay != Overlay::Entities {
            self.browser.reset(catalog.entities(), &self.matcher);
        }
        self.effects
            .push(Effect::UseCatalog(Shared(Arc::clone(&catalog))));
        self.story = Story::default();
        self.session = Session::default();
        std::mem::replace(&mut self.catalog, catalog)
    }

    /// Lists a catalogue that numbers its stories anew (not `old` grown): nothing is fresh,
    /// read or alerted of it yet, and `hold`'s story, found by id, keeps its screen row if it
    /// is still there.
    pub(super) fn renumbered(&mut self, old: &Catalog, hold: Option<Hold>) {
        let same = hold.and_then(|h| {
            let doc = self.catalog.find(old.id(h.doc)).ok()?;
            Some(Hold { doc, ..h })
        });
        self.fresh = 0;
        self.reading = None;
        self.alerted.clear();
        self.count_unread();
        self.relist(same);
    }

    /// Lists the stories again over the current catalogue, keeping `hold`'s story on its
    /// screen row: at once without a query, when the results come back with one.
    pub(super) fn relist(&mut self, hold: Option<Hold>) {
        if self.query.is_empty() && self.filters.is_empty() {
            let all = Arc::new(self.catalog.newest_first().to_vec());
            self.rows = self.listed(&all);
            if self.hide_read {
                self.restore(hold, |app, doc| {
                    let newest = app.catalog.newest(doc);
                    app.rows.iter().position(|&d| d == newest)
                });
            } else {
                self.restore(hold, |app, doc| app.catalog.row_of(doc));
            }
        } else {
            self.hold = hold;
            self.search();
        }
    }

    /// Puts the selection back on `hold`'s story (its newest version's row, found by `row`),
    /// on the same screen row; else at the top.
    pub(super) fn restore(&mut self, hold: Option<Hold>, row: impl Fn(&App, Doc) -> Option<usize>) {
        let found = hold.and_then(|h| row(self, h.doc).map(|r| (r, h.screen_row)));
        if let Some((index, screen_row)) = found {
            self.selected = index;
            self.list_offset = index.saturating_sub(screen_row);
            self.keep_selection_visible();
        } else {
            self.selected = 0;
            self.list_offset = 0;
            self.reading = None;
            self.reader_scroll = 0;
            self.sidebar_selected = 0;
            self.match_cursor = None;
        }
        if self.list_offset == 0 {
            self.fresh = 0;
        }
    }

    /// How many stories came in above since the list was last seen from its top.
    pub fn fresh(&self) -> usize {
        self.fresh
    }

    /// The "no archive yet" note goes once the archive has stories.
    fn source_notice_done(&mut self) {
        if self.shown == Shown::Samples {
            self.shown = Shown::Archive;
            self.status = None;
            if let Some(archive) = &self.follows {
                self.source.clone_from(archive);
            }
        }
    }

    /// The follower could not open the archive again; what is shown stays.
    pub(super) fn reload_failed(&mut self, message: &str) -> bool {
        if self.is_opening() {
            return self.open_failed(message);
        }
        self.status = Some(format!("The archive changed but cannot be read: {message}"));
        true
    }
}

/// Whether `new` is `old` with stories added after it (the same stories under the same
/// numbers), rather than another archive.
fn grew_from(old: &Catalog, new: &Catalog) -> bool {
    let Ok(n) = Doc::try_from(old.len()) else {
        return false;
    };
    if new.len() < old.len() {
        return false;
    }
    if n == 0 {
        return true;
    }
    [0, n / 2, n - 1].iter().all(|&d| old.id(d) == new.id(d))
}
