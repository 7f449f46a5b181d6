//! The desk in the reader: opening a story marks it read (its newest version, so a new version
//! makes it unread again), `s` stars it, `u` marks it read or unread, `]`/`[` go to the next
//! or previous unread story and `U` lists unread stories only. Each change shows at once and
//! is written beside the archive by the runtime; changes other processes make arrive from the
//! follower.

use std::sync::Arc;

use crate::catalog::Doc;
use crate::state::DeskState;
use crate::tui::mode::Pane;

use super::kept::{Hold, Shown};
use super::state::{App, DeskChange, Effect};

impl App {
    /// Starts with the desk state read from beside the archive.
    #[must_use]
    pub fn with_desk(mut self, desk: DeskState) -> App {
        self.desk = desk;
        self.count_unread();
        if self.desk.has_removed() {
            let all = Arc::new(self.catalog.newest_first().to_vec());
            self.rows = self.listed(&all);
        }
        self
    }

    /// The desk state beside the archive could not be read: said, and nothing is written over
    /// it.
    #[must_use]
    pub fn with_desk_error(mut self, message: &str) -> App {
        self.status = Some(format!("{message} (read and starred marks are not kept)"));
        self.desk_unreadable = Some(message.to_string());
        self
    }

    /// The desk state as the reader has it.
    pub fn desk(&self) -> &DeskState {
        &self.desk
    }

    /// How many stories are unread.
    pub fn unread(&self) -> usize {
        self.unread
    }

    /// Whether only unread stories are listed.
    pub fn hides_read(&self) -> bool {
        self.hide_read
    }

    /// Whether `doc`'s story is read (its newest version is).
    pub fn is_read(&self, doc: Doc) -> bool {
        self.desk.chain_read(&self.catalog, doc)
    }

    /// Whether `doc`'s story carries a star.
    pub fn is_starred(&self, doc: Doc) -> bool {
        self.desk.chain_starred(&self.catalog, doc)
    }

    pub(super) fn count_unread(&mut self) {
        self.unread = self.desk.unread_count(&self.catalog);
    }

    /// The story the pane shows has been opened: it is read.
    pub(super) fn mark_opened(&mut self) {
        if let Some(doc) = self.selected_doc()
            && !self.is_read(doc)
        {
            // What changed since the version read last is there to see.
            if let Some(seen) = self.desk.last_read_version(&self.catalog, doc) {
                let key = self.key_name(
                    crate::tui::mode::Mode::List,
                    &crate::tui::action::Action::Versions,
                );
                self.status = Some(format!(
                    "Updated since you read it ({} → {}): {key} shows what changed",
                    self.version_name(seen),
                    self.version_name(self.catalog.newest(doc)),
                ));
            }
            self.set_read(doc, true);
        }
    }

    /// `u`: read becomes unread and unread read.
    pub(super) fn toggle_read(&mut self) {
        if let Some(doc) = self.selected_doc() {
            let read = !self.is_read(doc);
            self.set_read(doc, read);
            self.status = Some(if read { "Marked read" } else { "Marked unread" }.into());
        }
    }

    /// `s`: the story's star on or off.
    pub(super) fn toggle_star(&mut self) {
        let Some(doc) = self.selected_doc() else {
            return;
        };
        let starred = !self.is_starred(doc);
        // A star goes on the newest version, and comes off every version.
        let ids = if starred {
            vec![self.catalog.id(self.catalog.newest(doc)).to_string()]
        } else {
            self.chain_ids(doc)
        };
        self.change_desk(DeskChange::Star { ids, starred });
        self.status = Some(if starred { "Starred" } else { "Star taken off" }.into());
    }

    fn set_read(&mut self, doc: Doc, read: bool) {
        let was_read = self.is_read(doc);
        let ids = if read {
            vec![self.catalog.id(self.catalog.newest(doc)).to_string()]
        } else {
            self.chain_ids(doc)
        };
        self.change_desk(DeskChange::Read { ids, read });
        // One story changed: the count moves by one (counting them all is ~50 ms at 1M).
        match (was_read, self.is_read(doc)) {
            (false, true) => self.unread = self.unread.saturating_sub(1),
            (true, false) => self.unread += 1,
            _ => {}
        }
    }

    fn chain_ids(&self, doc: Doc) -> Vec<String> {
        self.catalog
            .versions(doc)
            .iter()
            .map(|&d| self.catalog.id(d).to_string())
            .collect()
    }

    /// Applies `change` here and asks the runtime to write it (not for the built-in samples,
    /// which have no archive to keep it beside).
    pub(super) fn change_desk(&mut self, change: DeskChange) {
        change.apply(&mut self.desk);
        if self.shown == Shown::Archive && self.desk_unreadable.is_none() {
            self.effects.push(Effect::Desk(change));
        }
    }

    /// `]` and `[`: the next (or previous) unread story in the list, wrapping around.
    pub(super) fn jump_unread(&mut self, forward: bool) {
        let n = self.rows.len();
        if n == 0 {
            return;
        }
        let found = (1..=n)
            .map(|step| {
                if forward {
                    (self.selected + step) % n
                } else {
                    (self.selected + n - step % n) % n
                }
            })
            .find(|&i| !self.is_read(self.rows[i]));
        match found {
            Some(index) => {
                self.focus(Pane::List);
                self.select(index);
            }
            None => self.status = Some("No unread stories here".into()),
        }
    }

    /// `U`: unread stories only, or all again; the selection stays on its story if it can.
    pub(super) fn toggle_hide_read(&mut self) {
        self.hide_read = !self.hide_read;
        self.status = Some(
            if self.hide_read {
                "Unread stories only (U lists all)"
            } else {
                "All stories"
            }
            .into(),
        );
        let hold = self.selected_doc().map(|doc| Hold { doc, screen_row: 0 });
        self.relist(hold);
    }

    /// What the list shows of `docs`: not the stories removed with `dateline rm`, nor read
    /// ones while they are hidden.
    pub(super) fn listed(&self, docs: &Arc<Vec<Doc>>) -> Arc<Vec<Doc>> {
        let removed = self.desk.has_removed();
        if !self.hide_read && !removed {
            return Arc::clone(docs);
        }
        Arc::new(
            docs.iter()
                .copied()
                .filter(|&d| !(self.hide_read && self.is_read(d)))
                .filter(|&d| !(removed && self.desk.chain_removed(&self.catalog, d)))
                .collect(),
        )
    }

    /// Another process changed the desk state.
    pub(super) fn desk_changed(&mut self, desk: DeskState) -> bool {
        if desk == self.desk {
            return false;
        }
        let removals = desk.removed_ids() != self.desk.removed_ids();
        self.desk = desk;
        self.count_unread();
        // Stories removed or brought back elsewhere: the list is searched again.
        if removals {
            self.search();
        }
        true
    }

    /// `v2` for a version, as the versions overlay numbers them.
    fn version_name(&self, doc: Doc) -> String {
        let versions = self.catalog.versions(doc);
        let n = versions.iter().position(|&d| d == doc).map_or(0, |i| i + 1);
        format!("v{n}")
    }
}
