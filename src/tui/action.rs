//! Everything a user can ask of the reader. Keys map to these (see `keymap.rs`); the config's
//! `[keys]` table names them in snake_case; `App::update` is the one place they take effect.

/// A user action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Leave dateline.
    Quit,
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
    /// Jump to the next search match in the story.
    NextMatch,
    /// Jump to the previous search match in the story.
    PrevMatch,
}

impl Action {
    pub const ALL: [Action; 21] = [
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
        Action::NextMatch,
        Action::PrevMatch,
    ];

    /// The config name (`half_page_down`).
    pub fn name(self) -> &'static str {
        match self {
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
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
        }
    }

    /// What the help overlay says.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
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
            Action::Search => "search (fzf syntax, person: place: org: agency: since: until:)",
            Action::Back => "clear query, then filters; close overlays",
            Action::RemoveFilter => "remove the last filter",
            Action::Export => "export story to Markdown",
            Action::Copy => "copy story to the clipboard",
            Action::Entities => "browse people, places, organisations",
            Action::NextMatch => "next search match in the story",
            Action::PrevMatch => "previous search match in the story",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
    }
}
