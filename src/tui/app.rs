//! The reader's state and `update`, the one place actions take effect. Searching and copying
//! are requested as effects (`pending_search`, `clipboard`) that the runtime carries out, so
//! state tests drive the app without a terminal or a thread.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::article::{Article, EntityKind};
use crate::catalog::{Catalog, Doc};
use crate::export::{self, ExportError};
use crate::reflow;
use crate::search::{Query, Session, names};

use super::action::Action;
use super::reader::{self, Document};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Sidebar,
}

/// What covers the panes, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Entities,
}

/// A filter the user added by choosing an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub kind: EntityKind,
    pub name: String,
}

impl Filter {
    /// The query term it stands for (`person:"Kim Jong-un"`).
    fn term(&self) -> String {
        let field = match self.kind {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "org",
        };
        format!("{field}:\"{}\"", self.name)
    }
}

/// An item of the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SidebarItem {
    Quote(usize),
    Entity(usize),
}

/// A search for the runtime to run: `generation` tells stale results from fresh ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    /// The query text: the filters, then what was typed (so typing only ever appends).
    pub text: String,
}

pub struct App {
    /// The archive's catalogue; whole stories are read from it on demand.
    pub catalog: Arc<Catalog>,
    /// The list: stories best match first (newest first without a query).
    pub rows: Arc<Vec<Doc>>,
    pub selected: usize,
    pub list_offset: usize,
    pub pane: Pane,
    pub overlay: Overlay,
    pub query: String,
    pub editing: bool,
    pub filters: Vec<Filter>,
    pub reader_scroll: usize,
    pub sidebar_selected: usize,
    pub status: Option<String>,
    pub generation: u64,
    pub pending_search: Option<SearchRequest>,
    /// Text to put on the clipboard (the runtime writes OSC 52).
    pub clipboard: Option<String>,
    pub quit: bool,
    pub browser_query: String,
    pub browser_rows: Vec<usize>,
    /// The browser query `browser_rows` were scored for.
    browser_scored: String,
    pub browser_selected: usize,
    pub export_dir: PathBuf,
    pub measure: usize,
    /// Terminal size, for page moves and the reading pane's width.
    pub size: (u16, u16),
    /// Where the archive came from, for the title ("embedded samples" or a path).
    pub source: String,
    /// The typed query, parsed, for marking matched letters in the list.
    pub typed: Query,
    pub matcher: SkimMatcherV2,
    confirm_overwrite: Option<String>,
    match_cursor: Option<usize>,
    /// The story under the selection, read once from the archive.
    loaded: RefCell<Option<(Doc, Rc<Article>)>>,
    /// Searches run here (tests; `search_now`) rather than on the runtime's worker.
    session: Session,
}

impl App {
    pub fn new(catalog: Arc<Catalog>, source: String, export_dir: PathBuf, measure: usize) -> App {
        let rows = Arc::new(catalog.newest_first().to_vec());
        let mut app = App {
            catalog,
            rows,
            selected: 0,
            list_offset: 0,
            pane: Pane::List,
            overlay: Overlay::None,
            query: String::new(),
            editing: false,
            filters: Vec::new(),
            reader_scroll: 0,
            sidebar_selected: 0,
            status: None,
            generation: 0,
            pending_search: None,
            clipboard: None,
            quit: false,
            browser_query: String::new(),
            browser_rows: Vec::new(),
            browser_scored: String::new(),
            browser_selected: 0,
            export_dir,
            measure,
            size: (80, 24),
            source,
            typed: Query::default(),
            matcher: SkimMatcherV2::default(),
            confirm_overwrite: None,
            match_cursor: None,
            loaded: RefCell::new(None),
            session: Session::default(),
        };
        app.refresh_browser();
        app
    }

    /// The story under the selection, read from the archive the first time it is shown. A
    /// story that cannot be read shows why instead of its text.
    pub fn current(&self) -> Option<Rc<Article>> {
        let doc = *self.rows.get(self.selected)?;
        if let Some((d, article)) = self.loaded.borrow().as_ref()
            && *d == doc
        {
            return Some(Rc::clone(article));
        }
        let article = Rc::new(self.catalog.article(doc).unwrap_or_else(|err| Article {
            id: self.catalog.id(doc).to_string(),
            headline: self.catalog.headline(doc).to_string(),
            paragraphs: vec![format!("This story cannot be shown: {err}")],
            ..Article::default()
        }));
        *self.loaded.borrow_mut() = Some((doc, Rc::clone(&article)));
        Some(article)
    }

    /// The story under the selection, by catalogue number.
    pub fn current_doc(&self) -> Option<Doc> {
        self.rows.get(self.selected).copied()
    }

    /// The query text as searched: the filters, then what was typed.
    pub fn full_query(&self) -> String {
        let mut text: Vec<String> = self.filters.iter().map(Filter::term).collect();
        text.push(self.query.clone());
        text.join(" ")
    }

    /// The words to highlight in the reading pane.
    pub fn highlight_terms(&self) -> Vec<String> {
        Query::parse(&self.query).highlight_terms()
    }

    /// The reading pane's document for the current story at the current size.
    pub fn document(&self) -> Document {
        let width = super::view::reader_width(self.size, self.pane);
        self.current()
            .map(|a| reader::layout(&a, width, self.measure, &self.highlight_terms()))
            .unwrap_or_default()
    }

    /// The sidebar's items: the story's quotes, then its entities.
    pub fn sidebar_items(&self) -> Vec<SidebarItem> {
        let Some(a) = self.current() else {
            return Vec::new();
        };
        (0..a.quotes.len())
            .map(SidebarItem::Quote)
            .chain((0..a.entities.len()).map(SidebarItem::Entity))
            .collect()
    }

    /// Rows of the list that fit on screen (for paging and keeping the selection visible).
    pub fn list_height(&self) -> usize {
        usize::from(self.size.1).saturating_sub(4).max(1)
    }

    pub fn update(&mut self, action: Action) {
        if action != Action::Export {
            self.confirm_overwrite = None;
        }
        match self.overlay {
            Overlay::Help => {
                if matches!(action, Action::Help | Action::Back | Action::Quit) {
                    self.overlay = Overlay::None;
                }
                return;
            }
            Overlay::Entities => {
                self.update_browser(action);
                return;
            }
            Overlay::None => {}
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::Top => self.move_to_edge(false),
            Action::Bottom => self.move_to_edge(true),
            Action::HalfPageDown => self.move_by(self.page() / 2),
            Action::HalfPageUp => self.move_by(-(self.page() / 2)),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::NextPane => self.cycle_pane(true),
            Action::PrevPane => self.cycle_pane(false),
            Action::Open => self.open(),
            Action::Search => {
                self.editing = true;
                self.pane = Pane::List;
            }
            Action::Back => self.back(),
            Action::RemoveFilter => {
                if self.filters.pop().is_some() {
                    self.search();
                }
            }
            Action::Export => self.export(),
            Action::Copy => self.copy(),
            Action::Entities => {
                self.overlay = Overlay::Entities;
                self.browser_query.clear();
                self.refresh_browser();
            }
            Action::NextMatch => self.jump_match(true),
            Action::PrevMatch => self.jump_match(false),
        }
    }

    /// A character typed while editing the query (or the entity browser's filter).
    pub fn type_char(&mut self, c: char) {
        if self.overlay == Overlay::Entities {
            self.browser_query.push(c);
            self.refresh_browser();
        } else if self.editing {
            self.query.push(c);
            self.search();
        }
    }

    /// Backspace while editing.
    pub fn erase_char(&mut self) {
        if self.overlay == Overlay::Entities {
            self.browser_query.pop();
            self.refresh_browser();
        } else if self.editing {
            self.query.pop();
            self.search();
        }
    }

    /// Ends editing the query (Enter): the list keeps the results.
    pub fn finish_editing(&mut self) {
        self.editing = false;
    }

    /// Whether typed characters go to a text field rather than to the keymap.
    pub fn is_typing(&self) -> bool {
        self.editing || self.overlay == Overlay::Entities
    }

    /// Starts a search for the current query and filters; results arrive by `apply_results`.
    fn search(&mut self) {
        self.generation += 1;
        self.typed = Query::parse(&self.query);
        self.pending_search = Some(SearchRequest {
            generation: self.generation,
            text: self.full_query(),
        });
    }

    /// Results of a search; stale ones (an older generation) are dropped.
    pub fn apply_results(&mut self, generation: u64, docs: Arc<Vec<Doc>>) {
        if generation != self.generation {
            return;
        }
        let keep = self.current_doc();
        self.rows = docs;
        // The story under the cursor stays selected if it still matches, when it is near
        // the top (a search over a million stories should not wait on a scan for it).
        self.selected = keep
            .and_then(|doc| self.rows.iter().take(10_000).position(|&d| d == doc))
            .unwrap_or(0);
        self.list_offset = 0;
        self.keep_selection_visible();
        self.reader_scroll = 0;
        self.sidebar_selected = 0;
        self.match_cursor = None;
    }

    /// Runs the pending search here and now (tests, and archives small enough to not care).
    pub fn search_now(&mut self) {
        if let Some(request) = self.pending_search.take()
            && let Some(docs) = self.session.run(&self.catalog, &request.text, &|| false)
        {
            self.apply_results(request.generation, docs);
        }
    }

    fn page(&self) -> isize {
        isize::try_from(self.list_height()).unwrap_or(1).max(1)
    }

    fn move_by(&mut self, delta: isize) {
        match self.pane {
            Pane::List => {
                let last = self.rows.len().saturating_sub(1);
                let next = self.selected.saturating_add_signed(delta).min(last);
                if next != self.selected {
                    self.selected = next;
                    self.reader_scroll = 0;
                    self.sidebar_selected = 0;
                    self.match_cursor = None;
                }
                self.keep_selection_visible();
            }
            Pane::Reader => {
                let max = self.document().lines.len().saturating_sub(1);
                self.reader_scroll = self.reader_scroll.saturating_add_signed(delta).min(max);
            }
            Pane::Sidebar => {
                let last = self.sidebar_items().len().saturating_sub(1);
                self.sidebar_selected =
                    self.sidebar_selected.saturating_add_signed(delta).min(last);
            }
        }
    }

    fn move_to_edge(&mut self, end: bool) {
        let far = isize::MAX / 2;
        self.move_by(if end { far } else { -far });
    }

    pub fn keep_selection_visible(&mut self) {
        let height = self.list_height();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + height {
            self.list_offset = self.selected + 1 - height;
        }
    }

    fn cycle_pane(&mut self, forward: bool) {
        self.pane = match (self.pane, forward) {
            (Pane::List, true) | (Pane::Sidebar, false) => Pane::Reader,
            (Pane::Reader, true) | (Pane::List, false) => Pane::Sidebar,
            (Pane::Sidebar, true) | (Pane::Reader, false) => Pane::List,
        };
    }

    fn open(&mut self) {
        match self.pane {
            Pane::List => {
                if self.current().is_some() {
                    self.pane = Pane::Reader;
                    self.reader_scroll = 0;
                }
            }
            Pane::Reader => {}
            Pane::Sidebar => match self.sidebar_items().get(self.sidebar_selected) {
                Some(SidebarItem::Quote(q)) => {
                    // Lay out for the pane as it will be shown: its width depends on focus.
                    let q = *q;
                    self.pane = Pane::Reader;
                    self.reader_scroll = self.document().quote_lines.get(q).copied().unwrap_or(0);
                }
                Some(SidebarItem::Entity(e)) => {
                    if let Some(entity) = self.current().and_then(|a| a.entities.get(*e).cloned()) {
                        let filter = Filter {
                            kind: entity.kind,
                            name: entity.name.clone(),
                        };
                        self.add_filter(filter);
                        self.pane = Pane::List;
                    }
                }
                None => {}
            },
        }
    }

    /// Narrows the archive to the stories that name an entity (a removable filter).
    pub fn add_filter(&mut self, filter: Filter) {
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

    fn back(&mut self) {
        if self.editing {
            if self.query.is_empty() {
                self.editing = false;
            } else {
                self.query.clear();
                self.search();
            }
        } else if !self.query.is_empty() {
            self.query.clear();
            self.search();
        } else if !self.filters.is_empty() {
            self.filters.clear();
            self.search();
        } else if self.pane != Pane::List {
            self.pane = Pane::List;
        } else {
            self.status = None;
        }
    }

    fn export(&mut self) {
        let Some(article) = self.current() else {
            return;
        };
        let id = article.id.clone();
        let force = self.confirm_overwrite.as_deref() == Some(id.as_str());
        match export::write_to_dir(&article, &self.export_dir, force) {
            Ok(path) => {
                self.status = Some(format!("Exported to {}", path.display()));
                self.confirm_overwrite = None;
            }
            Err(ExportError::Exists { path }) => {
                self.status = Some(format!(
                    "{} exists; press e again to overwrite",
                    path.display()
                ));
                self.confirm_overwrite = Some(id);
            }
            Err(err) => self.status = Some(format!("Export failed: {err}")),
        }
    }

    fn copy(&mut self) {
        if let Some(article) = self.current() {
            let text = reflow::plain_text(&article, self.measure);
            self.status = Some(format!(
                "Copied the story ({} characters) to the clipboard",
                text.chars().count()
            ));
            self.clipboard = Some(text);
        }
    }

    fn jump_match(&mut self, forward: bool) {
        let doc = self.document();
        if doc.match_lines.is_empty() {
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
        self.pane = Pane::Reader;
        self.status = Some(format!("Match {} of {n}", next + 1));
    }

    fn update_browser(&mut self, action: Action) {
        match action {
            Action::Back | Action::Entities => self.overlay = Overlay::None,
            Action::Quit => self.quit = true,
            Action::Down => self.browser_move(1),
            Action::Up => self.browser_move(-1),
            Action::PageDown | Action::HalfPageDown => self.browser_move(self.page()),
            Action::PageUp | Action::HalfPageUp => self.browser_move(-self.page()),
            Action::Top => self.browser_selected = 0,
            Action::Bottom => self.browser_selected = self.browser_rows.len().saturating_sub(1),
            Action::Open => {
                if let Some(&i) = self.browser_rows.get(self.browser_selected) {
                    let e = &self.catalog.entities()[i];
                    let filter = Filter {
                        kind: e.kind,
                        name: e.name.clone(),
                    };
                    self.overlay = Overlay::None;
                    self.pane = Pane::List;
                    self.add_filter(filter);
                }
            }
            _ => {}
        }
    }

    fn browser_move(&mut self, delta: isize) {
        let last = self.browser_rows.len().saturating_sub(1);
        self.browser_selected = self.browser_selected.saturating_add_signed(delta).min(last);
    }

    /// Filters the entity browser by its query: fuzzily, best first, on all cores; a query that
    /// grows only re-scores the names the shorter one kept.
    fn refresh_browser(&mut self) {
        use rayon::prelude::*;
        let query = self.browser_query.trim().to_lowercase();
        let entities = self.catalog.entities();
        if query.is_empty() {
            self.browser_rows = (0..entities.len()).collect();
        } else {
            let candidates: Vec<usize> = if !self.browser_scored.is_empty()
                && query.starts_with(self.browser_scored.as_str())
            {
                std::mem::take(&mut self.browser_rows)
            } else {
                (0..entities.len()).collect()
            };
            let matcher = &self.matcher;
            // Best match first; among equals, the name in most stories (the table's order).
            let mut ranked: Vec<((u8, i64), usize)> = candidates
                .into_par_iter()
                .filter_map(|i| names::rank(matcher, &entities[i].name, &query).map(|r| (r, i)))
                .collect();
            ranked.sort_unstable();
            self.browser_rows = ranked.into_iter().map(|(_, i)| i).collect();
        }
        self.browser_scored = query;
        self.browser_selected = 0;
    }

    /// A mouse click at a list row (0 = first visible row).
    pub fn click_row(&mut self, row: usize) {
        let index = self.list_offset + row;
        if index < self.rows.len() {
            self.pane = Pane::List;
            self.selected = index;
            self.reader_scroll = 0;
            self.sidebar_selected = 0;
        }
    }

    /// The mouse wheel over a pane.
    pub fn scroll(&mut self, pane: Pane, down: bool) {
        let keep = self.pane;
        self.pane = pane;
        self.move_by(if down { 3 } else { -3 });
        if pane != Pane::List {
            self.pane = keep;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    fn app() -> App {
        let dir = std::env::temp_dir().join(format!("dateline-app-test-{}", std::process::id()));
        App::new(Arc::new(embedded::catalog()), "samples".into(), dir, 80)
    }

    fn type_query(app: &mut App, text: &str) {
        app.update(Action::Search);
        for c in text.chars() {
            app.type_char(c);
        }
        app.search_now();
        app.finish_editing();
    }

    #[test]
    fn search_narrows_and_esc_clears_without_quitting() {
        let mut app = app();
        let all = app.rows.len();
        type_query(&mut app, "'galatasaray");
        assert_eq!(app.rows.len(), 1);
        assert!(app.current().unwrap().headline.contains("Galatasaray"));
        let headline = app.catalog.headline(app.rows[0]);
        assert!(
            !crate::search::highlight::headline_matches(&app.typed, headline, &app.matcher)
                .is_empty(),
            "matched letters are marked"
        );
        app.update(Action::Back);
        app.search_now();
        assert_eq!(app.rows.len(), all);
        for _ in 0..5 {
            app.update(Action::Back);
        }
        assert!(!app.quit, "Esc never quits");
        app.update(Action::Quit);
        assert!(app.quit);
    }

    #[test]
    fn stale_results_are_dropped() {
        let mut app = app();
        app.update(Action::Search);
        app.type_char('x');
        let old = app.pending_search.take().unwrap();
        app.type_char('y');
        let docs = Session::default()
            .run(&app.catalog, &old.text, &|| false)
            .unwrap();
        app.apply_results(old.generation, docs);
        assert_eq!(
            app.rows.len(),
            app.catalog.len(),
            "the older query's results were ignored"
        );
        app.search_now();
        assert!(app.rows.len() < app.catalog.len());
    }

    #[test]
    fn moving_keeps_the_selection_visible() {
        let mut app = app();
        app.size = (80, 14);
        app.update(Action::Bottom);
        assert_eq!(app.selected, app.rows.len() - 1);
        assert!(
            app.selected >= app.list_offset && app.selected < app.list_offset + app.list_height()
        );
        app.update(Action::Top);
        assert_eq!((app.selected, app.list_offset), (0, 0));
        app.update(Action::HalfPageDown);
        assert_eq!(app.selected, app.list_height() / 2);
        app.update(Action::PageUp);
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn sidebar_entity_filters_the_archive_and_the_filter_is_removable() {
        let mut app = app();
        let all = app.rows.len();
        app.update(Action::NextPane);
        app.update(Action::NextPane);
        assert_eq!(app.pane, Pane::Sidebar);
        let items = app.sidebar_items();
        let first_entity = items
            .iter()
            .position(|i| matches!(i, SidebarItem::Entity(_)))
            .unwrap();
        for _ in 0..first_entity {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        app.search_now();
        assert_eq!(app.filters.len(), 1);
        assert!(app.rows.len() < all);
        let filter = app.filters[0].clone();
        assert!(app.rows.iter().all(|&d| {
            app.catalog
                .article(d)
                .unwrap()
                .names(filter.kind, &filter.name)
        }));
        app.update(Action::RemoveFilter);
        app.search_now();
        assert!(app.filters.is_empty());
        assert_eq!(app.rows.len(), all);
    }

    #[test]
    fn sidebar_quote_scrolls_the_story_to_it() {
        let mut app = app();
        app.update(Action::PrevPane);
        assert_eq!(app.pane, Pane::Sidebar);
        let quotes = app.current().unwrap().quotes.len();
        assert!(quotes > 1);
        app.update(Action::Down);
        app.update(Action::Open);
        assert_eq!(app.pane, Pane::Reader);
        let doc = app.document();
        assert_eq!(app.reader_scroll, doc.quote_lines[1]);
        assert!(app.reader_scroll > 0);
    }

    #[test]
    fn entity_browser_filters_fuzzily_and_enter_applies() {
        let mut app = app();
        app.update(Action::Entities);
        assert_eq!(app.overlay, Overlay::Entities);
        assert_eq!(app.browser_rows.len(), app.catalog.entities().len());
        for c in "galatasaray".chars() {
            app.type_char(c);
        }
        assert!(!app.browser_rows.is_empty());
        assert_eq!(
            app.catalog.entities()[app.browser_rows[0]].name,
            "Galatasaray"
        );
        app.update(Action::Open);
        app.search_now();
        assert_eq!(app.overlay, Overlay::None);
        assert_eq!(app.filters[0].name, "Galatasaray");
        assert!(!app.rows.is_empty());
    }

    #[test]
    fn export_writes_markdown_and_asks_before_overwriting() {
        let mut app = app();
        let dir = tempfile::tempdir().unwrap();
        app.export_dir = dir.path().to_path_buf();
        app.update(Action::Export);
        let status = app.status.clone().unwrap();
        assert!(status.starts_with("Exported to "), "{status}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        app.update(Action::Export);
        assert!(app.status.as_deref().unwrap().contains("press e again"));
        app.update(Action::Export);
        assert!(app.status.as_deref().unwrap().starts_with("Exported to "));
    }

    #[test]
    fn copy_puts_the_story_on_the_clipboard() {
        let mut app = app();
        app.update(Action::Copy);
        let text = app.clipboard.take().unwrap();
        assert!(text.starts_with(&app.current().unwrap().headline[..10]));
    }

    #[test]
    fn n_and_shift_n_walk_the_matches() {
        let mut app = app();
        type_query(&mut app, "'the");
        app.update(Action::NextMatch);
        let first = app.reader_scroll;
        assert_eq!(app.pane, Pane::Reader);
        app.update(Action::NextMatch);
        app.update(Action::PrevMatch);
        assert_eq!(app.reader_scroll, first);
        assert!(app.status.as_deref().unwrap().starts_with("Match 1 of"));
    }

    #[test]
    fn mouse_click_selects_and_wheel_scrolls() {
        let mut app = app();
        app.click_row(3);
        assert_eq!(app.selected, 3);
        app.scroll(Pane::List, true);
        assert_eq!(app.selected, 6);
        app.scroll(Pane::Reader, true);
        assert_eq!(app.reader_scroll, 3);
        assert_eq!(app.pane, Pane::List, "the wheel does not move the focus");
    }

    #[test]
    fn help_overlay_opens_and_closes() {
        let mut app = app();
        app.update(Action::Help);
        assert_eq!(app.overlay, Overlay::Help);
        app.update(Action::Down);
        assert_eq!(
            app.selected, 0,
            "keys do not reach the panes under the overlay"
        );
        app.update(Action::Back);
        assert_eq!(app.overlay, Overlay::None);
    }
}
