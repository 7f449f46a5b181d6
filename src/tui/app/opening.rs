//! The reader before its archive's whole catalogue is open: the newest stories (from the
//! archive's front page) on screen at once, with the archive's counts, until the catalogue
//! opening behind them arrives and takes their place, the selection kept on its story.

use crate::tui::shared::Shared;

use super::kept::Opening;
use super::state::{App, Notice};

impl App {
    /// Shows the catalogue given to [`App::new`] as the newest stories of an archive of
    /// `stories` stories (`versions` versions) whose whole catalogue is on its way (as
    /// `Action::Reloaded`).
    #[must_use]
    pub fn opening(mut self, stories: usize, versions: usize) -> App {
        self.opening = Some(Opening {
            stories,
            versions,
            said: format!("Opening all {stories} stories…"),
        });
        self
    }

    /// Whether only the newest stories are in: keys wait until the rest are.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// What the status line says while the catalogue opens.
    pub(super) fn opening_said(&self) -> Option<&str> {
        self.opening.as_ref().map(|o| o.said.as_str())
    }

    /// Stories in the archive (a story's versions counted once).
    pub fn stories(&self) -> usize {
        self.opening
            .as_ref()
            .map_or_else(|| self.catalog.stories(), |o| o.stories)
    }

    /// Versions in the archive (its stories counted with all their versions).
    pub fn archive_versions(&self) -> usize {
        self.opening
            .as_ref()
            .map_or_else(|| self.catalog.len(), |o| o.versions)
    }

    /// The whole catalogue is open: it replaces the newest stories, on the same story.
    pub(super) fn opened(&mut self, shared: Shared) -> bool {
        self.opening = None;
        let hold = self.held();
        let old = self.swap_catalog(shared.0);
        let damaged = self.catalog.damaged().len();
        if damaged > 0 && self.status.is_none() {
            self.status = Some(Notice::Damaged(damaged).said());
        }
        self.renumbered(&old, hold);
        true
    }

    /// The whole catalogue could not be opened: the newest stories stay, and the list says
    /// it holds only them.
    pub(super) fn open_failed(&mut self, message: &str) -> bool {
        self.opening = None;
        self.count_unread();
        self.status = Some(format!(
            "Only the newest {} stories are shown: {message}",
            self.catalog.stories()
        ));
        true
    }
}
