//! Everything that can change the reader: what a user can ask for (bindable, named in snake_case
//! in the config's `[keys]` tables, described in the help overlay) and what arrives otherwise —
//! typed text, a paste, the mouse, a resize, search results from the worker, the clock.
//! `App::update` is the one place any of them takes effect.

use std::sync::Arc;

use crate::catalog::Doc;
use crate::state::DeskState;
use crate::tui::edit::Edit;
use crate::tui::shared::Shared;

/// A change asked of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave dateline.
    Quit,
    /// Ctrl-C: leave dateline from anywhere, whatever the keymap says (no key can be bound
    /// to it, or unbound from it).
    Interrupt,
    /// Show or hide the help overlay.
    Help,
    /// Move the selection (or scroll the reading pane) one line down.
    Down,
    /// One line up.
    Up,
    /// To the first story, or the top of the story.
    Top,
    /// To the last story, or the end of the story.
    Bottom,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Focus the next pane (list → story → sidebar).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the selected story, quote or entity.
    Open,
    /// Start typing a search query.
    Search,
    /// Clear the query, then the filters, then close overlays (never quits).
    Back,
    /// Remove the last filter.
    RemoveFilter,
    /// Export the selected story to Markdown.
    Export,
    /// Copy the selected story to the clipboard (OSC 52).
    Copy,
    /// Browse every person, place and organisation in the archive.
    Entities,
    /// The story's versions, and what changed from one to the next.
    Versions,
    /// Jump to the next search match in the story.
    NextMatch,
    /// Jump to the previous search match in the story.
    PrevMatch,
    /// Typing: keep the query and go back to the list.
    Accept,
    /// Typing: erase the last character.
    Erase,
    /// Typing: clear the query; when it is empty, stop typing.
    Clear,
    /// Typing: a character for the query or the names browser's filter.
    Insert(char),
    /// Typing: move the cursor or delete in the query, as a shell prompt does.
    Edit(Edit),
    /// Typing: the query searched before this one (the history is kept across runs).
    HistoryPrev,
    /// Typing: the query searched after this one, or back to what was being typed.
    HistoryNext,
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The mouse wheel at a screen cell.
    Wheel { column: u16, row: u16, down: bool },
    /// The terminal's new size.
    Resize { width: u16, height: u16 },
    /// The search worker's stories for the request of `generation`, best first.
    Searched {
        generation: u64,
        docs: Arc<Vec<Doc>>,
    },
    /// The first of them, ahead of the rest (as many as the list shows).
    FirstRows {
        generation: u64,
        docs: Arc<Vec<Doc>>,
    },
    /// Star the story, or take its star off.
    Star,
    /// Mark the story read, or unread.
    ToggleRead,
    /// The next unread story in the list.
    NextUnread,
    /// The previous unread story in the list.
    PrevUnread,
    /// List only unread stories, or all again.
    HideRead,
    /// Save the current search under a name (typed in the prompt).
    SaveSearch,
    /// The saved searches, with how many stories each finds and how many are unread.
    SavedSearches,
    /// List the stories in the next order: as found, newest first, by agency, by urgency.
    Sort,
    /// Mark the selected story (export then exports every marked story), or unmark it.
    Mark,
    /// Open the story's link in the browser.
    OpenLink,
    /// Open the story's source file in the editor.
    EditSource,
    /// Send the story's Markdown to the configured pipe command.
    Pipe,
    /// The clock reached a time the screen shows (an embargo's countdown moved on).
    Tick,
    /// The archive's catalogue after another commit (by this reader's watcher or any other
    /// process).
    Reloaded(Shared),
    /// The archive changed but could not be opened.
    ReloadFailed(String),
    /// The desk state (read, starred, saved searches) after another process changed it.
    DeskChanged(DeskState),
    /// A message for the status line from the follower, the watcher or the desk state's
    /// writer (a file that is not a story, a state file that cannot be written).
    Note(String),
}

impl Action {
    /// The actions a key can be bound to, in the order the help overlay lists them.
    pub const ALL: [Action; 48] = [
        Action::Quit,
        Action::Help,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::NextPane,
        Action::PrevPane,
        Action::Open,
        Action::Search,
        Action::Back,
        Action::RemoveFilter,
        Action::Export,
        Action::Copy,
        Action::Entities,
        Action::Versions,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Star,
        Action::ToggleRead,
        Action::NextUnread,
        Action::PrevUnread,
        Action::HideRead,
        Action::SaveSearch,
        Action::SavedSearches,
        Action::Sort,
        Action::Mark,
        Action::OpenLink,
        Action::EditSource,
        Action::Pipe,
        Action::Accept,
        Action::Erase,
        Action::Clear,
        Action::Edit(Edit::Left),
        Action::Edit(Edit::Right),
        Action::Edit(Edit::Start),
        Action::Edit(Edit::End),
        Action::Edit(Edit::WordLeft),
        Action::Edit(Edit::WordRight),
        Action::Edit(Edit::Delete),
        Action::Edit(Edit::KillToStart),
        Action::Edit(Edit::KillWord),
        Action::HistoryPrev,
        Action::HistoryNext,
    ];

    /// The config name (`half_page_down`); `None` for what no key can be bound to.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Open => "open",
            Action::Search => "search",
            Action::Back => "back",
            Action::RemoveFilter => "remove_filter",
            Action::Export => "export",
            Action::Copy => "copy",
            Action::Entities => "entities",
            Action::Versions => "versions",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::Star => "star",
            Action::ToggleRead => "toggle_read",
            Action::NextUnread => "next_unread",
            Action::PrevUnread => "prev_unread",
            Action::HideRead => "hide_read",
            Action::SaveSearch => "save_search",
            Action::SavedSearches => "saved_searches",
            Action::Sort => "sort",
            Action::Mark => "mark",
            Action::OpenLink => "open_link",
            Action::EditSource => "edit_source",
            Action::Pipe => "pipe",
            Action::Accept => "accept",
            Action::Erase => "erase",
            Action::Clear => "clear",
            Action::Edit(edit) => edit.name(),
            Action::HistoryPrev => "history_prev",
            Action::HistoryNext => "history_next",
            Action::Interrupt
            | Action::Insert(_)
            | Action::Paste(_)
            | Action::Click { .. }
            | Action::Wheel { .. }
            | Action::Resize { .. }
            | Action::Searched { .. }
            | Action::FirstRows { .. }
            | Action::Tick
            | Action::Reloaded(_)
            | Action::ReloadFailed(_)
            | Action::DeskChanged(_)
            | Action::Note(_) => return None,
        })
    }

    /// What the help overlay says.
    pub fn description(&self) -> &'static str {
        match self {
            Action::Quit => "quit (ctrl-c quits from anywhere)",
            Action::Interrupt => "quit from anywhere",
            Action::Help => "this help",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "first story / top",
            Action::Bottom => "last story / end",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open story / go to quote / filter by entity",
            Action::Search => {
                "search (fzf syntax, person: place: org: agency: urgency: since: until: @saved)"
            }
            Action::Back => "clear query, then filters; close overlays",
            Action::RemoveFilter => "remove the last filter",
            Action::Export => "export story to Markdown",
            Action::Copy => "copy story to the clipboard",
            Action::Entities => "browse people, places, organisations",
            Action::Versions => "versions of the story and what changed",
            Action::NextMatch => "next search match in the story",
            Action::PrevMatch => "previous search match in the story",
            Action::Star => "star the story / take the star off",
            Action::ToggleRead => "mark the story read / unread",
            Action::NextUnread => "next unread story",
            Action::PrevUnread => "previous unread story",
            Action::HideRead => "list unread stories only / all",
            Action::SaveSearch => "save the search under a name (use it as @name)",
            Action::SavedSearches => "saved searches: stories and unread",
            Action::Sort => "sort: as found → newest first → agency → urgency",
            Action::Mark => "mark / unmark the story (export exports all marked)",
            Action::OpenLink => "open the story's link ($BROWSER, xdg-open, open)",
            Action::EditSource => "open the story's file in $EDITOR",
            Action::Pipe => "send the story's Markdown to the pipe command",
            Action::Accept => "typing: keep the query",
            Action::Erase => "typing: erase a character",
            Action::Clear => "typing: clear the query, then stop typing",
            Action::Insert(_) => "typing: a character",
            Action::Edit(edit) => edit.description(),
            Action::HistoryPrev => "typing: the query before (history)",
            Action::HistoryNext => "typing: the query after (history)",
            Action::Paste(_) => "pasted text",
            Action::Click { .. } => "a mouse click",
            Action::Wheel { .. } => "the mouse wheel",
            Action::Resize { .. } => "the terminal resized",
            Action::Searched { .. } => "search results",
            Action::FirstRows { .. } => "the first search results",
            Action::Tick => "the clock moved on",
            Action::Reloaded(_) => "the archive grew",
            Action::ReloadFailed(_) => "the archive could not be read again",
            Action::DeskChanged(_) => "read and starred stories changed elsewhere",
            Action::Note(_) => "a message from the follower, the watcher or the desk state",
        }
    }

    /// The bindable action of that config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == Some(name))
    }

    /// Whether the action only means something while typing (the help lists it apart).
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            Action::Accept
                | Action::Erase
                | Action::Clear
                | Action::Insert(_)
                | Action::Edit(_)
                | Action::HistoryPrev
                | Action::HistoryNext
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::*;

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            let name = action.name().expect("every bindable action has a name");
            assert_eq!(Action::from_name(name), Some(action));
        }
    }

    #[test]
    fn what_no_key_can_send_has_no_name() {
        assert_eq!(Action::Insert('x').name(), None);
        assert_eq!(Action::from_name("insert"), None);
        assert_eq!(Action::from_name("resize"), None);
        assert_eq!(Action::Tick.name(), None);
    }
}
