//! What the wire says, as the state shows it: the head above the story (banners, an older
//! version's note, which version it is), what changed between two versions for the overlay,
//! and how long the runtime may sleep before an embargo countdown on screen moves on.

use std::rc::Rc;
use std::time::Duration;

use crate::catalog::Doc;
use crate::tui::action::Action;
use crate::tui::changes;
use crate::tui::mode::Mode;
use crate::tui::reader::{Head, Line, Role, blank, wrap_marked};
use crate::tui::standing::{self, Tone};

use super::state::App;
use super::story;

impl App {
    /// What the wire says of `doc` now, for the top of the reading pane: its banners, a note
    /// when it is an older version, and which version it is.
    pub(super) fn head(&self, doc: Doc) -> Head {
        let notes = self.story.notes(&self.catalog, doc);
        let role = |tone| match tone {
            Tone::Warning => Role::Warning,
            Tone::Notice => Role::Notice,
        };
        let mut banners: Vec<(String, Role)> =
            standing::banners(&self.catalog, doc, &notes, self.now, &self.tz)
                .into_iter()
                .map(|(text, tone)| (text, role(tone)))
                .collect();
        if !self.catalog.is_newest(doc) {
            let key = self.key_name(Mode::Story, &Action::Versions);
            banners.push((
                format!("Older version — press {key} to see all"),
                Role::Notice,
            ));
        }
        Head {
            banners,
            version: standing::version_line(&self.catalog, doc),
        }
    }

    /// What changed from the version before the one selected in the versions overlay to it,
    /// laid out for the overlay (cached).
    pub fn version_changes(&self) -> Rc<Vec<Line>> {
        let width = self
            .layout
            .versions
            .map_or(self.measure, |v| v.diff_width())
            .min(self.measure);
        self.versions.changes(width, || {
            let Some(new) = self.versions.current() else {
                return Vec::new();
            };
            let Some(old) = self.versions.previous() else {
                let mut lines = vec![blank()];
                lines.extend(wrap_marked(
                    "The first version: there is none before it to compare with.",
                    width,
                    Some(Role::Meta),
                    &[],
                ));
                return lines;
            };
            let diff = crate::diff::diff(
                &story::read(&self.catalog, old),
                &story::read(&self.catalog, new),
            );
            changes::layout(&diff, width)
        })
    }

    /// How long the runtime may wait for input before the screen is out of date: until an
    /// embargo countdown on screen (in the list or above the story) next changes. `None`
    /// when nothing on screen counts down, so an idle reader sleeps.
    pub fn wake_in(&self) -> Option<Duration> {
        let now = (self.clock)();
        let listed = self.layout.list.map_or(0, |_| self.layout.list_rows);
        let shown = self
            .rows
            .iter()
            .skip(self.list_offset)
            .take(listed)
            .copied()
            .chain(self.current_doc());
        let seconds = standing::next_change(&self.catalog, shown, now)?;
        let wait = Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
        let past = Duration::from_nanos(u64::try_from(now.subsec_nanosecond()).unwrap_or(0));
        // Just past the second the countdown changes at.
        Some(wait.saturating_sub(past) + Duration::from_millis(5))
    }
}
