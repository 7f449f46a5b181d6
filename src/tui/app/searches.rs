//! Saved searches in the reader: `S` names the current search in the prompt and saves it
//! beside the archive (use it as `@name` in any query, here or on the command line); `'`
//! lists the saved searches with how many stories each finds and how many of those are
//! unread (newsboat's query feeds), and Enter runs the one picked.

use crate::tui::action::Action;
use crate::tui::mode::{Overlay, Pane};

use super::picker::{Picker, SavedRow};
use super::state::{App, DeskChange};

impl App {
    /// `S`: starts typing a name for the search shown (its filters and query).
    pub(super) fn start_naming(&mut self) {
        if self.full_query().trim().is_empty() {
            let key = self.key_name(crate::tui::mode::Mode::List, &Action::Search);
            self.status = Some(format!("Search first ({key}), then save it with a name"));
            return;
        }
        self.naming = Some(String::new());
        self.editing = true;
        self.focus(Pane::List);
    }

    /// The name being typed for the search to save, if one is.
    pub fn naming(&self) -> Option<&str> {
        self.naming.as_deref()
    }

    /// Typing the name: letters, digits, `-` and `_`; Enter saves, Esc gives up.
    pub(super) fn update_naming(&mut self, action: &Action) {
        let Some(name) = self.naming.as_mut() else {
            return;
        };
        match action {
            Action::Insert(c) if c.is_alphanumeric() || *c == '-' || *c == '_' => name.push(*c),
            Action::Insert(_) => {
                self.status = Some("A name has letters, digits, - and _ only".into());
            }
            Action::Erase => {
                name.pop();
            }
            Action::Accept => self.save_named(),
            Action::Clear | Action::Back => {
                self.naming = None;
                self.editing = false;
                self.status = Some("Not saved".into());
            }
            _ => {}
        }
    }

    fn save_named(&mut self) {
        let name = self.naming.take().unwrap_or_default();
        self.editing = false;
        let query = self.full_query().trim().to_string();
        // Checked on a copy first: a bad name is said, and nothing is written.
        let mut check = self.desk.clone();
        if let Err(e) = check.save_search(&name, &query) {
            self.status = Some(e.to_string());
            return;
        }
        self.change_desk(DeskChange::SaveSearch {
            name: name.clone(),
            query,
        });
        self.status = Some(format!("Saved as @{name}"));
    }

    /// `'`: the saved searches with their counts (each query run once, here).
    pub(super) fn open_searches(&mut self) {
        if self.desk.searches().is_empty() {
            let search = self.key_name(crate::tui::mode::Mode::List, &Action::Search);
            let save = self.key_name(crate::tui::mode::Mode::List, &Action::SaveSearch);
            self.status = Some(format!(
                "No saved searches: search ({search}), then save it ({save})"
            ));
            return;
        }
        let saved = self.desk.searches().to_vec();
        let rows = saved
            .into_iter()
            .map(|s| SavedRow {
                counts: self.counts(&s.query),
                name: s.name,
                query: s.query,
            })
            .collect();
        self.picker = Picker { rows, selected: 0 };
        self.cover(Overlay::Searches);
    }

    /// How many stories `query` finds, and how many of them are unread.
    fn counts(&mut self, query: &str) -> Option<(usize, usize)> {
        let text = self.desk.expand(query).ok()?;
        let docs = self.session.run(&self.catalog, &text, &|| false)?;
        let unread = docs.iter().filter(|&&d| !self.is_read(d)).count();
        Some((docs.len(), unread))
    }

    /// Moves in the picker, or runs the search picked.
    pub(super) fn update_searches(&mut self, action: &Action) {
        let last = self.picker.rows.len().saturating_sub(1);
        match action {
            Action::Back | Action::SavedSearches => self.cover(Overlay::None),
            Action::Quit => self.quit = true,
            Action::Down => self.picker.selected = (self.picker.selected + 1).min(last),
            Action::Up => self.picker.selected = self.picker.selected.saturating_sub(1),
            Action::Top => self.picker.selected = 0,
            Action::Bottom => self.picker.selected = last,
            Action::Open => {
                if let Some(row) = self.picker.rows.get(self.picker.selected) {
                    let query = format!("@{}", row.name);
                    self.cover(Overlay::None);
                    self.focus(Pane::List);
                    self.filters.clear();
                    self.editing = false;
                    self.set_query(query);
                }
            }
            _ => {}
        }
    }

    /// The saved searches picker.
    pub fn picker(&self) -> &Picker {
        &self.picker
    }

    /// The search text as the search runs it: saved searches (`@name`) written out. A name
    /// that is not saved is said in the status line, and the text searched as it is.
    pub(super) fn expanded(&mut self, text: &str) -> String {
        if !text.contains('@') {
            return text.to_string();
        }
        match self.desk.expand(text) {
            Ok(expanded) => expanded,
            Err(e) => {
                self.status = Some(e.to_string());
                text.to_string()
            }
        }
    }
}
