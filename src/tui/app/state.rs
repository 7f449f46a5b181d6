//! The reader's state: what is listed, selected, focused, typed and shown, and the reads the
//! views draw from. Its fields are private to the state's files; only `update` changes them.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use foldhash::HashMap;
use fuzzy_matcher::skim::SkimMatcherV2;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::alert::Alert;
use crate::article::Article;
use crate::catalog::{Catalog, Doc};
use crate::query_history::Walk;
use crate::search::{Query, Session, Sort};
use crate::state::DeskState;
use crate::tui::action::Action;
use crate::tui::external::External;
use crate::tui::keymap::Keymap;
use crate::tui::layout::{self, Layout};
use crate::tui::mode::{Mode, Overlay, Pane};
use crate::tui::query::{Filter, SearchRequest};
use crate::tui::reader::Document;
use crate::tui::shared::Shared;

use super::browser::Browser;
use super::kept::{Hold, Shown};
use super::picker::Picker;
use super::story::Story;
use super::versions::Versions;

/// Where the time comes from: the system clock, or a test's.
pub type Clock = Rc<dyn Fn() -> Timestamp>;

/// An item of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarItem {
    Quote(usize),
    Entity(usize),
}

/// Work for the runtime: the state asks, the runtime carries it out, so state tests need
/// neither a terminal nor a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run this search; its results come back as `Action::Searched`.
    Search(SearchRequest),
    /// Put this text on the clipboard.
    Copy(String),
    /// Search this catalogue from now on (the archive grew).
    UseCatalog(Shared),
    /// Write this change to the desk state beside the archive.
    Desk(DeskChange),
    /// Deliver this alert for this new story (the bell or a notification, and the command).
    Alert { alert: Alert, article: Box<Article> },
    /// Keep this query in the history file.
    RememberQuery(String),
    /// Run a program on the story: its link, its file, the pipe command.
    External(External),
}

/// A change to the desk state, by version id, as the runtime writes it (under the state's
/// lock, onto what other processes wrote meanwhile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskChange {
    Read { ids: Vec<String>, read: bool },
    Star { ids: Vec<String>, starred: bool },
    SaveSearch { name: String, query: String },
}

impl DeskChange {
    /// Applies the change to `desk`.
    pub fn apply(&self, desk: &mut DeskState) {
        match self {
            DeskChange::Read { ids, read } => desk.set_read(ids.iter().map(String::as_str), *read),
            DeskChange::Star { ids, starred } => {
                desk.set_starred(ids.iter().map(String::as_str), *starred);
            }
            DeskChange::SaveSearch { name, query } => {
                // Names were checked when the change was made.
                let _ = desk.save_search(name, query);
            }
        }
    }
}

/// A note for the status line when the reader opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// There is no archive yet: the built-in samples are shown.
    Samples,
    /// This many archive lines could not be read and were skipped.
    Damaged(usize),
}

impl Notice {
    /// What the status line says.
    pub(super) fn said(self) -> String {
        match self {
            // Short enough for an 80-column status line beside its key hints.
            Notice::Samples => {
                "Built-in samples. `dateline import PATH` starts your archive.".to_string()
            }
            Notice::Damaged(lines) => format!(
                "{lines} damaged archive lines skipped (kept in the file; `dateline list` names them)"
            ),
        }
    }
}

pub struct App {
    /// The archive's catalogue; whole stories are read from it on demand.
    pub(super) catalog: Arc<Catalog>,
    /// The list: stories best match first (newest first without a query).
    pub(super) rows: Arc<Vec<Doc>>,
    pub(super) selected: usize,
    pub(super) list_offset: usize,
    pub(super) pane: Pane,
    pub(super) overlay: Overlay,
    /// Terminal size; with `pane` and `overlay` it makes `layout`.
    pub(super) size: (u16, u16),
    pub(super) layout: Layout,
    pub(super) query: String,
    /// Where the prompt's cursor is in `query` (a byte offset).
    pub(super) cursor: usize,
    /// The queries searched before, walked with Up and Down in the prompt.
    pub(super) history: Walk,
    pub(super) editing: bool,
    /// The command the pipe key sends the story to (`pipe` in the config).
    pub(super) pipe: Option<String>,
    /// The stories marked to act on together (`m`), by id.
    pub(super) marked: Vec<String>,
    /// How far the help overlay is scrolled (on a short screen).
    pub(super) help_scroll: usize,
    /// The order the list is in (the sort key cycles it).
    pub(super) sort: Sort,
    pub(super) filters: Vec<Filter>,
    pub(super) reader_scroll: usize,
    pub(super) sidebar_selected: usize,
    pub(super) status: Option<String>,
    pub(super) generation: u64,
    /// The list shows only the first rows of the search of this generation; the rest are
    /// coming.
    pub(super) counting: Option<u64>,
    pub(super) effects: Vec<Effect>,
    pub(super) quit: bool,
    pub(super) browser: Browser,
    pub(super) export_dir: PathBuf,
    pub(super) measure: usize,
    /// Where the archive came from, for the title ("embedded samples" or a path).
    pub(super) source: String,
    /// The typed query, parsed, for marking matched letters in the list.
    pub(super) typed: Query,
    pub(super) matcher: SkimMatcherV2,
    pub(super) keymap: Keymap,
    /// The story an export found already written: the next export of it overwrites.
    pub(super) confirm_overwrite: Option<String>,
    pub(super) match_cursor: Option<usize>,
    pub(super) story: Story,
    /// Searches run here (tests; `search_now`) rather than on the runtime's worker.
    pub(super) session: Session,
    pub(super) clock: Clock,
    /// The time when the last action was taken (what the screen is drawn for).
    pub(super) now: Timestamp,
    /// Times show in this zone.
    pub(super) tz: TimeZone,
    /// An older version of the selected story chosen in the versions overlay, read instead of
    /// the newest.
    pub(super) reading: Option<Doc>,
    pub(super) versions: Versions,
    /// The story and command (export, copy) the user was warned about: pressing the same key
    /// again goes ahead.
    pub(super) warned: Option<(Doc, Action)>,
    /// Stories that came in above the list's top row since it was last seen (`live.rs`).
    pub(super) fresh: usize,
    /// Where to put the selection back when the results of a search run again over a grown
    /// archive come in.
    pub(super) hold: Option<Hold>,
    /// What the list shows: the archive, or the built-in samples for want of one.
    pub(super) shown: Shown,
    /// The archive the reader follows (shown as the source once it replaces the samples).
    pub(super) follows: Option<String>,
    /// Which stories are read and starred, and the saved searches (`desk.rs`).
    pub(super) desk: DeskState,
    /// How many stories are unread (counted when the archive or the desk state changes).
    pub(super) unread: usize,
    /// Only unread stories are listed.
    pub(super) hide_read: bool,
    /// The config's alerts, and the stories that matched one as they came in (`alerts.rs`).
    pub(super) alerts: Vec<Alert>,
    pub(super) alerted: HashMap<Doc, usize>,
    /// The name being typed for the search to save (`searches.rs`).
    pub(super) naming: Option<String>,
    /// The saved searches picker's rows and selection.
    pub(super) picker: Picker,
    /// Why the desk state beside the archive could not be read: nothing is written over it.
    pub(super) desk_unreadable: Option<String>,
    /// Set while only the archive's newest stories are in (`opening.rs`).
    pub(super) opening: Option<super::kept::Opening>,
}

impl App {
    pub fn new(catalog: Arc<Catalog>, source: String, export_dir: PathBuf, measure: usize) -> App {
        let rows = Arc::new(catalog.newest_first().to_vec());
        let size = (80, 24);
        let mut app = App {
            catalog,
            rows,
            selected: 0,
            list_offset: 0,
            pane: Pane::List,
            overlay: Overlay::None,
            size,
            layout: layout::compute(size.0, size.1, Pane::List, Overlay::None),
            query: String::new(),
            cursor: 0,
            history: Walk::default(),
            editing: false,
            sort: Sort::default(),
            help_scroll: 0,
            marked: Vec::new(),
            pipe: None,
            filters: Vec::new(),
            reader_scroll: 0,
            sidebar_selected: 0,
            status: None,
            generation: 0,
            counting: None,
            effects: Vec::new(),
            quit: false,
            browser: Browser::default(),
            export_dir,
            measure,
            source,
            typed: Query::default(),
            matcher: SkimMatcherV2::default(),
            keymap: Keymap::default(),
            confirm_overwrite: None,
            match_cursor: None,
            story: Story::default(),
            session: Session::default(),
            clock: Rc::new(Timestamp::now),
            now: Timestamp::now(),
            tz: TimeZone::system(),
            reading: None,
            versions: Versions::default(),
            warned: None,
            fresh: 0,
            hold: None,
            shown: Shown::Archive,
            follows: None,
            desk: DeskState::default(),
            unread: 0,
            hide_read: false,
            desk_unreadable: None,
            alerts: Vec::new(),
            alerted: HashMap::default(),
            naming: None,
            picker: Picker::default(),
            opening: None,
        };
        app.unread = app.catalog.stories();
        app.browser.reset(app.catalog.entities(), &app.matcher);
        app
    }

    /// The keys to read input with, and to name in messages.
    #[must_use]
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    /// The command the pipe key sends the story to.
    #[must_use]
    pub fn with_pipe(mut self, command: Option<String>) -> App {
        self.pipe = command;
        self
    }

    /// A message for the status line at start.
    #[must_use]
    pub fn with_note(mut self, message: String) -> App {
        self.status = Some(message);
        self
    }

    /// The queries searched before (the history file's), oldest first.
    #[must_use]
    pub fn with_history(mut self, queries: Vec<String>) -> App {
        self.history = Walk::new(queries);
        self
    }

    /// Reads the time from `clock` rather than the system's (tests).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> Timestamp + 'static) -> App {
        self.now = clock();
        self.clock = Rc::new(clock);
        self
    }

    /// Shows times in `tz` rather than the system's zone (tests).
    #[must_use]
    pub fn with_time_zone(mut self, tz: TimeZone) -> App {
        self.tz = tz;
        self
    }

    /// Names the archive the reader follows (its title once it replaces the samples).
    #[must_use]
    pub fn following(mut self, archive: String) -> App {
        self.follows = Some(archive);
        self
    }

    /// A note for the status line, naming keys as this app's keymap binds them.
    #[must_use]
    pub fn with_notice(mut self, notice: Notice) -> App {
        if notice == Notice::Samples {
            self.shown = Shown::Samples;
        }
        self.status = Some(notice.said());
        self
    }

    /// The key bound to `action` in `mode`, for a message ("press e again").
    pub(crate) fn key_name(&self, mode: Mode, action: &Action) -> String {
        self.keymap
            .hint(mode, action)
            .unwrap_or_else(|| format!("(unbound: {})", action.name().unwrap_or("?")))
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalogue, shared (for the search worker).
    pub(crate) fn shared_catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.catalog)
    }

    /// The listed stories, best match first.
    pub fn rows(&self) -> &[Doc] {
        &self.rows
    }

    /// How many stories are listed, as the list's title and the prompt say it: "40+" while
    /// only the first rows of a search are in.
    pub fn row_count(&self) -> String {
        if self.is_opening() && self.query.is_empty() && self.filters.is_empty() {
            return self.stories().to_string();
        }
        let plus = if self.counting.is_some() { "+" } else { "" };
        format!("{}{plus}", self.rows.len())
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first list row on screen.
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    /// Which keymap keys are read with now.
    pub fn mode(&self) -> Mode {
        Mode::of(self.pane, self.overlay, self.editing)
    }

    /// Where everything is on screen, for the terminal size `update` was last told.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// What was typed into the prompt.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// How far the help overlay is scrolled.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// The order the list is in.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Where the prompt's cursor is in the query (a byte offset).
    pub fn cursor(&self) -> usize {
        self.cursor.min(self.query.len())
    }

    /// The typed query, parsed (for marking matched letters).
    pub fn typed(&self) -> &Query {
        &self.typed
    }

    pub fn matcher(&self) -> &SkimMatcherV2 {
        &self.matcher
    }

    /// Whether the prompt has the keyboard.
    pub fn is_editing(&self) -> bool {
        self.editing
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    /// The first line of the story on screen.
    pub fn reader_scroll(&self) -> usize {
        self.reader_scroll
    }

    pub fn sidebar_selected(&self) -> usize {
        self.sidebar_selected
    }

    /// The status line's message: the last one, else that the catalogue is opening.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref().or_else(|| self.opening_said())
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn names(&self) -> &Browser {
        &self.browser
    }

    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Takes the work the runtime should carry out.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The time the screen is drawn for: when the last action was taken.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The zone times show in.
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The story the reading pane shows (the version of it being read).
    pub fn current(&self) -> Option<Rc<Article>> {
        let doc = self.current_doc()?;
        Some(self.story.article(&self.catalog, doc))
    }

    /// The story under the selection, by catalogue number: its newest version.
    pub fn selected_doc(&self) -> Option<Doc> {
        self.rows.get(self.selected).copied()
    }

    /// The version of the selected story the reading pane shows: the newest, unless an older
    /// one was chosen in the versions overlay.
    pub fn current_doc(&self) -> Option<Doc> {
        let selected = self.selected_doc()?;
        Some(
            self.reading
                .filter(|&r| self.catalog.versions(r).contains(&selected))
                .unwrap_or(selected),
        )
    }

    /// The current story laid out for the reading pane as it is now (cached).
    pub fn document(&self) -> Rc<Document> {
        match self.current_doc() {
            Some(doc) => self.story.document(
                &self.catalog,
                doc,
                (self.layout.reader_width, self.measure),
                &self.query,
                self.head(doc),
            ),
            None => Rc::default(),
        }
    }

    /// The versions overlay's state.
    pub fn versions(&self) -> &Versions {
        &self.versions
    }

    /// How many times a story has been laid out so far (tests check the cache with it).
    #[cfg(test)]
    pub(crate) fn layouts_done(&self) -> usize {
        self.story.layouts()
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

    /// The sidebar's lines: the item each shows (`None`: a heading, `Quotes (n)` and
    /// `Names (n)`), and the line of the selected item.
    pub fn sidebar_lines(&self) -> (Vec<Option<usize>>, Option<usize>) {
        let items = self.sidebar_items();
        let mut lines = vec![None];
        let mut selected = None;
        for (i, item) in items.iter().enumerate() {
            if matches!(item, SidebarItem::Entity(0)) {
                lines.push(None);
            }
            if i == self.sidebar_selected {
                selected = Some(lines.len());
            }
            lines.push(Some(i));
        }
        (lines, selected)
    }

    /// The first sidebar line shown: the selected one stays on screen.
    pub fn sidebar_offset(&self) -> usize {
        let height = self
            .layout
            .sidebar
            .map_or(1, |p| usize::from(p.inner.height).max(1));
        self.sidebar_lines()
            .1
            .map_or(0, |line| line.saturating_sub(height - 1))
    }

    /// The query text as searched: the filters, then what was typed.
    pub(super) fn full_query(&self) -> String {
        let mut text: Vec<String> = self.filters.iter().map(Filter::term).collect();
        text.push(self.query.clone());
        text.join(" ")
    }
}
