//! Where the reader's attention is: the focused pane, what covers the panes, and the input mode
//! those two make (each mode has its own keymap). A leaf: the layout, the keymap and the state
//! all read these, and none of them is imported here.

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
    /// The versions of the story under the selection; `count` of them (the layout sizes the
    /// list by it).
    Versions {
        count: u16,
    },
    /// The saved searches picker.
    Searches,
}

/// The input mode: which keymap a key is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Browsing the list of stories.
    List,
    /// Reading the story pane.
    Story,
    /// The quotes and names beside the story.
    Sidebar,
    /// Typing a search query.
    Prompt,
    /// The names browser (every person, place and organisation).
    Names,
    /// The help overlay.
    Help,
    /// The versions of a story and what changed between them.
    Versions,
    /// The saved searches picker.
    Searches,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::List,
        Mode::Story,
        Mode::Sidebar,
        Mode::Prompt,
        Mode::Names,
        Mode::Help,
        Mode::Versions,
        Mode::Searches,
    ];

    /// The modes the config's flat `[keys]` table binds in: the ones a single keymap served
    /// before there were modes.
    pub const BROWSING: [Mode; 4] = [Mode::List, Mode::Story, Mode::Sidebar, Mode::Help];

    /// The config name, as in `[keys.prompt]`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::List => "list",
            Mode::Story => "story",
            Mode::Sidebar => "sidebar",
            Mode::Prompt => "prompt",
            Mode::Names => "names",
            Mode::Help => "help",
            Mode::Versions => "versions",
            Mode::Searches => "searches",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Whether unbound printable keys type into a text field in this mode.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Prompt | Mode::Names)
    }

    /// The mode that focus, overlay and editing make.
    pub fn of(pane: Pane, overlay: Overlay, editing: bool) -> Mode {
        match (overlay, editing, pane) {
            (Overlay::Help, _, _) => Mode::Help,
            (Overlay::Entities, _, _) => Mode::Names,
            (Overlay::Versions { .. }, _, _) => Mode::Versions,
            (Overlay::Searches, _, _) => Mode::Searches,
            (Overlay::None, true, _) => Mode::Prompt,
            (Overlay::None, false, Pane::List) => Mode::List,
            (Overlay::None, false, Pane::Reader) => Mode::Story,
            (Overlay::None, false, Pane::Sidebar) => Mode::Sidebar,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::mode::*;

    #[test]
    fn names_round_trip() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Mode::from_name("reader"), None);
    }

    #[test]
    fn overlays_win_over_editing_and_focus() {
        assert_eq!(Mode::of(Pane::Reader, Overlay::Help, true), Mode::Help);
        assert_eq!(Mode::of(Pane::List, Overlay::Entities, true), Mode::Names);
        assert_eq!(
            Mode::of(Pane::Reader, Overlay::Versions { count: 3 }, false),
            Mode::Versions
        );
        assert_eq!(Mode::of(Pane::Sidebar, Overlay::None, true), Mode::Prompt);
        assert_eq!(Mode::of(Pane::Reader, Overlay::None, false), Mode::Story);
    }
}
