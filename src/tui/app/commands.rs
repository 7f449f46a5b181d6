//! What the bindable commands do beyond moving: open a story, quote or name; filter by a name;
//! step back; open the story's versions and read one; export and copy the story — asking first
//! when it was killed, is withheld or is under embargo; jump between search matches. Messages
//! name the keys as the keymap binds them.

use crate::export::{self, ExportError};
use crate::reflow;
use crate::tui::action::Action;
use crate::tui::external::External;
use crate::tui::mode::{Overlay, Pane};
use crate::tui::query::Filter;
use crate::tui::standing;

use super::state::{App, Effect, SidebarItem};

impl App {
    pub(super) fn open(&mut self) {
        match self.pane {
            Pane::List => {
                if self.current_doc().is_some() {
                    self.focus(Pane::Reader);
                    self.reader_scroll = 0;
                    self.mark_opened();
                }
            }
            Pane::Reader => {}
            Pane::Sidebar => match self.sidebar_items().get(self.sidebar_selected) {
                Some(SidebarItem::Quote(q)) => {
                    // Focus first: the story is laid out for the pane as it will be shown.
                    let q = *q;
                    self.focus(Pane::Reader);
                    self.reader_scroll = self.document().quote_lines.get(q).copied().unwrap_or(0);
                }
                Some(SidebarItem::Entity(e)) => {
                    if let Some(entity) = self.current().and_then(|a| a.entities.get(*e).cloned()) {
                        self.add_filter(Filter {
                            kind: entity.kind,
                            name: entity.name,
                        });
                        self.focus(Pane::List);
                    }
                }
                None => {}
            },
        }
    }

    /// The names browser's choice becomes a filter.
    pub(super) fn choose_name(&mut self) {
        if let Some(i) = self.browser.current() {
            let e = &self.catalog.entities()[i];
            let filter = Filter {
                kind: e.kind,
                name: e.name.clone(),
            };
            self.cover(Overlay::None);
            self.focus(Pane::List);
            self.add_filter(filter);
        }
    }

    /// Narrows the archive to the stories that name an entity (a removable filter).
    fn add_filter(&mut self, filter: Filter) {
        if !self.filters.contains(&filter) {
            self.status = Some(format!(
                "Filtered by {} {}",
                filter.kind.name(),
                filter.name
            ));
            self.filters.push(filter);
            self.search();
        }
    }

    pub(super) fn remove_filter(&mut self) {
        if let Some(filter) = self.filters.pop() {
            self.status = Some(format!(
                "Removed the filter {} {}",
                filter.kind.name(),
                filter.name
            ));
            self.search();
        }
    }

    /// Clears the query, then the filters, then returns to the list; never quits.
    pub(super) fn back(&mut self) {
        if !self.query.is_empty() {
            self.query.clear();
            self.cursor = 0;
            self.search();
        } else if !self.filters.is_empty() {
            self.filters.clear();
            self.status = Some("Removed the filters".into());
            self.search();
        } else if self.pane != Pane::List {
            self.focus(Pane::List);
        } else {
            self.status = None;
        }
    }

    /// The versions overlay over the story shown, the version read selected; a story with
    /// one version says so instead.
    pub(super) fn open_versions(&mut self) {
        let Some(doc) = self.current_doc() else {
            return;
        };
        let notes = self.story.notes(&self.catalog, doc);
        if notes.len() < 2 {
            self.status = Some(
                "This story has one version: no updates, corrections or kills to compare".into(),
            );
            return;
        }
        self.versions.open(&notes, doc);
        let count = u16::try_from(notes.len()).unwrap_or(u16::MAX);
        self.cover(Overlay::Versions { count });
        let (rows, _) = self.layout.versions_rows();
        self.versions.select(self.versions.selected(), rows);
    }

    /// The version picked in the overlay, in the reading pane.
    pub(super) fn read_version(&mut self) {
        let Some(doc) = self.versions.current() else {
            return;
        };
        self.reading = (!self.catalog.is_newest(doc)).then_some(doc);
        self.cover(Overlay::None);
        self.focus(Pane::Reader);
        self.reader_scroll = 0;
        self.sidebar_selected = 0;
        self.match_cursor = None;
    }

    /// Whether `action` (export or copy, `verb`) must wait for its key again: the story was
    /// killed, is withheld or is under embargo, and the key was not just pressed for it. The
    /// status line says why and which key goes ahead.
    fn cautioned(&mut self, action: Action, verb: &str) -> bool {
        let Some(doc) = self.current_doc() else {
            return false;
        };
        if self.warned.as_ref() == Some(&(doc, action.clone())) {
            return false;
        }
        let Some(why) = standing::caution(&self.catalog, doc, self.now, &self.tz) else {
            return false;
        };
        let key = self.key_name(self.mode(), &action);
        self.status = Some(format!("{why}; press {key} again to {verb} anyway"));
        self.warned = Some((doc, action));
        true
    }

    pub(super) fn export(&mut self) {
        if !self.marked.is_empty() {
            self.export_marked();
            return;
        }
        if self.cautioned(Action::Export, "export") {
            return;
        }
        let (Some(article), Some(doc)) = (self.current(), self.current_doc()) else {
            self.status = Some("No story selected: nothing to export".into());
            return;
        };
        let id = article.id.clone();
        let force = self.confirm_overwrite.as_deref() == Some(id.as_str());
        // The front matter records the story's chain and what it is now, as `export` does.
        let standing = export::Standing {
            chain: self.catalog.chain_id(doc),
            status: self.catalog.status(doc, self.now),
        };
        match export::write_document(&article, Some(&standing), &self.export_dir, force) {
            Ok(path) => {
                self.status = Some(format!("Exported to {}", path.display()));
                self.confirm_overwrite = None;
            }
            Err(ExportError::Exists { path }) => {
                let key = self.key_name(self.mode(), &Action::Export);
                self.status = Some(format!(
                    "{} exists; press {key} again to overwrite",
                    path.display()
                ));
                self.confirm_overwrite = Some(id);
            }
            Err(err) => self.status = Some(format!("Export failed: {err}")),
        }
    }

    pub(super) fn copy(&mut self) {
        if self.cautioned(Action::Copy, "copy") {
            return;
        }
        let Some(article) = self.current() else {
            self.status = Some("No story selected: nothing to copy".into());
            return;
        };
        // In the sidebar, what is selected there: a quote with who said it, or a name.
        let item = (self.pane == Pane::Sidebar)
            .then(|| self.sidebar_items().get(self.sidebar_selected).copied())
            .flatten();
        let (text, what) = match item {
            Some(SidebarItem::Quote(q)) => {
                let quote = &article.quotes[q];
                let (open, close) = article.quote_marks(quote);
                let source: Vec<&str> = [
                    Some(quote.speaker.as_deref().unwrap_or("unattributed")),
                    article.agency_name(),
                    article.date(),
                ]
                .into_iter()
                .flatten()
                .collect();
                let text = format!("{open}{}{close} — {}", quote.as_said(), source.join(", "));
                (text, "the quote")
            }
            Some(SidebarItem::Entity(e)) => (article.entities[e].name.clone(), "the name"),
            None => (reflow::unwrapped_text(&article), "the story"),
        };
        self.status = Some(format!(
            "Copied {what} ({} characters) to the clipboard",
            text.chars().count()
        ));
        self.effects.push(Effect::Copy(text));
    }

    /// `o`: the story's link in the browser.
    pub(super) fn open_link(&mut self) {
        let Some(article) = self.current() else {
            self.status = Some("No story selected: nothing to open".into());
            return;
        };
        if let Some(link) = &article.wire.link {
            self.effects
                .push(Effect::External(External::Link(link.clone())));
        } else {
            let edit = self.key_name(self.mode(), &Action::EditSource);
            self.status = Some(format!("This story has no link; {edit} opens its file"));
        }
    }

    /// `O`: the story's source file in the editor.
    pub(super) fn edit_source(&mut self) {
        let Some(article) = self.current() else {
            self.status = Some("No story selected: nothing to open".into());
            return;
        };
        let path = std::path::PathBuf::from(&article.source.path);
        if article.source.path.starts_with("embedded:") || !path.is_file() {
            self.status = Some(format!(
                "No file to open: {} is {}",
                article.source.path,
                if article.source.path.starts_with("embedded:") {
                    "a built-in sample"
                } else {
                    "not there any more"
                }
            ));
            return;
        }
        self.effects.push(Effect::External(External::Edit(path)));
    }

    /// `|`: the story, as Markdown, to the configured pipe command.
    pub(super) fn pipe_story(&mut self) {
        let Some(command) = self.pipe.clone() else {
            self.status = Some(
                "No pipe command: set `pipe = \"COMMAND\"` in the config (the story's Markdown goes to its stdin)"
                    .into(),
            );
            return;
        };
        let (Some(article), Some(doc)) = (self.current(), self.current_doc()) else {
            self.status = Some("No story selected: nothing to pipe".into());
            return;
        };
        let standing = export::Standing {
            chain: self.catalog.chain_id(doc),
            status: self.catalog.status(doc, self.now),
        };
        self.effects.push(Effect::External(External::Pipe {
            command,
            input: export::document(&article, Some(&standing)),
            env: crate::alert::story_env(&article),
            confirm: true,
        }));
    }

    pub(super) fn jump_match(&mut self, forward: bool) {
        // Focus first: the lines to jump to are those of the pane as it will be shown.
        let was = self.pane;
        self.focus(Pane::Reader);
        let doc = self.document();
        if doc.match_lines.is_empty() {
            self.focus(was);
            self.status = Some("No search matches in this story".into());
            return;
        }
        let n = doc.match_lines.len();
        let next = match (self.match_cursor, forward) {
            (None, true) => doc
                .match_lines
                .iter()
                .position(|l| *l >= self.reader_scroll)
                .unwrap_or(0),
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.match_cursor = Some(next);
        self.reader_scroll = doc.match_lines[next].saturating_sub(2);
        let (next_key, prev_key) = (
            self.key_name(self.mode(), &Action::NextMatch),
            self.key_name(self.mode(), &Action::PrevMatch),
        );
        self.status = Some(format!(
            "Match {} of {n} ({next_key} next, {prev_key} previous)",
            next + 1
        ));
    }
}
