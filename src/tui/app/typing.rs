//! Text into the reader: characters and pastes into the query (or the names browser's filter),
//! the search each change starts, and the results that come back for it.

use std::sync::Arc;

use crate::catalog::Doc;
use crate::search::{Query, Sort};
use crate::tui::action::Action;
use crate::tui::edit::{self, Edit};
use crate::tui::mode::{Mode, Pane};
use crate::tui::query::SearchRequest;

use super::state::{App, Effect};

impl App {
    /// Types `text` at the prompt's cursor.
    pub(super) fn type_text(&mut self, text: &str) {
        edit::insert(&mut self.query, &mut self.cursor, text);
        self.history.stop();
        self.search();
    }

    /// Backspace: the character before the cursor.
    pub(super) fn erase(&mut self) {
        if edit::erase(&mut self.query, &mut self.cursor) {
            self.history.stop();
            self.search();
        }
    }

    /// Moves the cursor or deletes, as a shell prompt does.
    pub(super) fn edit(&mut self, edit: Edit) {
        if edit.apply(&mut self.query, &mut self.cursor) {
            self.history.stop();
            self.search();
        }
    }

    /// Up and Down in the prompt: the queries searched before.
    pub(super) fn walk_history(&mut self, back: bool) {
        let found = if back {
            self.history.back(&self.query).map(str::to_string)
        } else {
            self.history.forward()
        };
        if let Some(query) = found {
            self.set_query(query);
        }
    }

    /// Enter in the prompt: the query is kept, here and in the history file.
    pub(super) fn accept_query(&mut self) {
        self.editing = false;
        if !self.query.trim().is_empty() {
            self.history.remember(&self.query);
            self.effects.push(Effect::RememberQuery(self.query.clone()));
        }
    }

    /// The list in the next order (as found, newest first, by agency, by urgency).
    pub(super) fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.status = Some(
            match self.sort {
                Sort::Found => "Sorted as found: best match first (newest first without a query)",
                Sort::Time => "Sorted newest first",
                Sort::Agency => "Sorted by agency, A to Z",
                Sort::Urgency => "Sorted most urgent first",
            }
            .to_string(),
        );
        self.search();
    }

    /// Puts `query` in the prompt, the cursor at its end, and searches it.
    pub(super) fn set_query(&mut self, query: String) {
        self.query = query;
        self.cursor = self.query.len();
        self.search();
    }

    /// Clears the query; an empty one stops typing.
    pub(super) fn clear_query(&mut self) {
        self.history.stop();
        if self.query.is_empty() {
            self.editing = false;
        } else {
            self.query.clear();
            self.cursor = 0;
            self.search();
        }
    }

    /// Pasted text goes where typing would; pasted while browsing, it starts a query. Line
    /// breaks and other control characters become single spaces.
    pub(super) fn paste(&mut self, text: &str) {
        let mut clean = String::with_capacity(text.len());
        for c in text.chars() {
            if !c.is_control() {
                clean.push(c);
            } else if !clean.ends_with(' ') {
                clean.push(' ');
            }
        }
        match self.mode() {
            Mode::Help | Mode::Versions | Mode::Searches => {}
            Mode::Names => {
                self.browser
                    .insert(&clean, self.catalog.entities(), &self.matcher);
            }
            Mode::Prompt => self.type_text(&clean),
            Mode::List | Mode::Story | Mode::Sidebar => {
                self.editing = true;
                self.focus(Pane::List);
                self.type_text(clean.trim_start());
            }
        }
    }

    /// Starts a search for the current query and filters; results arrive as
    /// `Action::Searched`.
    pub(super) fn search(&mut self) {
        self.generation += 1;
        self.typed = Query::parse(&self.query);
        // What the query cannot mean is said (the rest of it is still searched).
        if let Some(error) = self.typed.errors.first() {
            self.status = Some(format!("Query: {error}"));
        } else if self
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("Query: "))
        {
            self.status = None;
        }
        let full = self.full_query();
        let request = SearchRequest {
            generation: self.generation,
            text: self.expanded(&full),
            sort: self.sort,
            first: self.layout.list_rows,
        };
        // Only the newest search matters: one still waiting here is replaced.
        self.effects.retain(|e| !matches!(e, Effect::Search(_)));
        self.effects.push(Effect::Search(request));
    }

    /// Results of a search; stale ones (an older generation) are dropped.
    pub(super) fn apply_results(&mut self, generation: u64, docs: &Arc<Vec<Doc>>) -> bool {
        if generation != self.generation {
            return false;
        }
        // The rest of what the list already shows the first rows of: where the user moved
        // meanwhile stays as it is (the rows shown are the first of these).
        if self.counting.take() == Some(generation) {
            self.rows = self.listed(docs);
            self.keep_selection_visible();
            return true;
        }
        self.show_results(docs)
    }

    /// The first rows of the newest search, ahead of the rest: shown as results are, the
    /// count marked as still counting. Not while the archive grew under the list, nor when
    /// a story selected further down is not among them: the selection is put back on its
    /// story once all the results are in.
    pub(super) fn apply_first_rows(&mut self, generation: u64, docs: &Arc<Vec<Doc>>) -> bool {
        let lower_down = self
            .selected_doc()
            .is_some_and(|doc| self.selected > 0 && !docs.contains(&doc));
        if generation != self.generation || self.hold.is_some() || lower_down {
            return false;
        }
        self.show_results(docs);
        self.counting = Some(generation);
        true
    }

    /// Shows `docs` as the results of a new search.
    fn show_results(&mut self, docs: &Arc<Vec<Doc>>) -> bool {
        if let Some(hold) = self.hold.take() {
            // The archive grew: the same story on the same screen row, if it still matches.
            self.rows = self.listed(docs);
            let newest = self.catalog.newest(hold.doc);
            self.restore(Some(hold), |app, _| {
                app.rows.iter().position(|&d| d == newest)
            });
            return true;
        }
        let keep = self.selected_doc();
        self.rows = self.listed(docs);
        // The story under the cursor stays selected if it still matches, when it is near
        // the top (a search over a million stories should not wait on a scan for it).
        self.selected = keep
            .and_then(|doc| self.rows.iter().take(10_000).position(|&d| d == doc))
            .unwrap_or(0);
        self.list_offset = 0;
        self.keep_selection_visible();
        if self.selected_doc() != keep {
            self.reading = None;
        }
        self.reader_scroll = 0;
        self.sidebar_selected = 0;
        self.match_cursor = None;
        true
    }

    /// Runs the pending search here and now (tests, benches, and archives small enough not to
    /// care); other effects stay for the runtime.
    pub fn search_now(&mut self) {
        let (searches, rest): (Vec<Effect>, Vec<Effect>) = self
            .take_effects()
            .into_iter()
            .partition(|e| matches!(e, Effect::Search(_)));
        self.effects = rest;
        for effect in searches {
            if let Effect::Search(request) = effect
                && let Some(docs) =
                    self.session
                        .run_sorted(&self.catalog, &request.text, request.sort, &|| false)
            {
                self.update(Action::Searched {
                    generation: request.generation,
                    docs,
                });
            }
        }
    }
}
