//! Keys to actions, one table per mode (list, story, sidebar, prompt, names, help, versions,
//! searches): the defaults a terminal reader's users expect, overridden by the config — the
//! flat `[keys]` table for the browsing modes (as before there were modes) and `[keys.MODE]`
//! for one mode. In the typing modes an unbound plain character types itself. The inverted map
//! feeds the hints, the help overlay and every message that names a key.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::crossterm::event::KeyEvent;

use crate::config::{ConfigError, KeyEntry, KeysConfig};
use crate::tui::action::Action;
use crate::tui::edit::Edit;
use crate::tui::key::Key;
use crate::tui::mode::Mode;

/// The browsing modes' defaults (list, story, sidebar).
const BROWSING: &[(&str, Action)] = &[
    ("q", Action::Quit),
    ("?", Action::Help),
    ("j", Action::Down),
    ("down", Action::Down),
    ("k", Action::Up),
    ("up", Action::Up),
    ("g", Action::Top),
    ("home", Action::Top),
    ("G", Action::Bottom),
    ("end", Action::Bottom),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
    ("space", Action::PageDown),
    ("pagedown", Action::PageDown),
    ("pageup", Action::PageUp),
    ("tab", Action::NextPane),
    ("shift-tab", Action::PrevPane),
    ("enter", Action::Open),
    ("/", Action::Search),
    ("esc", Action::Back),
    ("backspace", Action::RemoveFilter),
    ("e", Action::Export),
    ("y", Action::Copy),
    ("b", Action::Entities),
    ("v", Action::Versions),
    ("n", Action::NextMatch),
    ("N", Action::PrevMatch),
    ("s", Action::Star),
    ("u", Action::ToggleRead),
    ("]", Action::NextUnread),
    ("[", Action::PrevUnread),
    ("U", Action::HideRead),
    ("S", Action::SaveSearch),
    ("'", Action::SavedSearches),
    ("t", Action::Sort),
    ("m", Action::Mark),
    ("o", Action::OpenLink),
    ("O", Action::EditSource),
    ("|", Action::Pipe),
];

/// Moving the list (or the names) while typing: keys that type nothing.
const TYPING_MOVES: &[(&str, Action)] = &[
    ("down", Action::Down),
    ("up", Action::Up),
    ("pagedown", Action::PageDown),
    ("pageup", Action::PageUp),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
    ("home", Action::Top),
    ("end", Action::Bottom),
    ("backspace", Action::Erase),
];

const PROMPT: &[(&str, Action)] = &[("enter", Action::Accept), ("esc", Action::Clear)];

/// The search prompt edits like a shell's: the cursor, words, kills and the history (over the
/// moves above; the list still moves with Ctrl-N/P, Ctrl-J/K and the page keys).
const PROMPT_EDITING: &[(&str, Action)] = &[
    ("left", Action::Edit(Edit::Left)),
    ("right", Action::Edit(Edit::Right)),
    ("home", Action::Edit(Edit::Start)),
    ("ctrl-a", Action::Edit(Edit::Start)),
    ("end", Action::Edit(Edit::End)),
    ("ctrl-e", Action::Edit(Edit::End)),
    ("alt-b", Action::Edit(Edit::WordLeft)),
    ("alt-f", Action::Edit(Edit::WordRight)),
    ("delete", Action::Edit(Edit::Delete)),
    ("ctrl-u", Action::Edit(Edit::KillToStart)),
    ("ctrl-w", Action::Edit(Edit::KillWord)),
    ("up", Action::HistoryPrev),
    ("down", Action::HistoryNext),
    ("ctrl-n", Action::Down),
    ("ctrl-j", Action::Down),
    ("ctrl-p", Action::Up),
    ("ctrl-k", Action::Up),
];

const NAMES: &[(&str, Action)] = &[("enter", Action::Open), ("esc", Action::Back)];

/// The versions overlay: moves pick a version, pages scroll what changed.
const VERSIONS: &[(&str, Action)] = &[
    ("v", Action::Versions),
    ("esc", Action::Back),
    ("q", Action::Quit),
    ("enter", Action::Open),
    ("space", Action::PageDown),
    ("pagedown", Action::PageDown),
    ("pageup", Action::PageUp),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
];

/// Moving in a list overlay (the versions, the saved searches).
const MOVES: &[(&str, Action)] = &[
    ("j", Action::Down),
    ("down", Action::Down),
    ("k", Action::Up),
    ("up", Action::Up),
    ("g", Action::Top),
    ("home", Action::Top),
    ("G", Action::Bottom),
    ("end", Action::Bottom),
];

/// The saved searches picker.
const SEARCHES: &[(&str, Action)] = &[
    ("'", Action::SavedSearches),
    ("esc", Action::Back),
    ("q", Action::Quit),
    ("enter", Action::Open),
];

const HELP: &[(&str, Action)] = &[
    ("?", Action::Help),
    ("esc", Action::Back),
    ("q", Action::Quit),
    ("space", Action::PageDown),
    ("pagedown", Action::PageDown),
    ("pageup", Action::PageUp),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
];

fn defaults(mode: Mode) -> Vec<&'static [(&'static str, Action)]> {
    match mode {
        Mode::List | Mode::Story | Mode::Sidebar => vec![BROWSING],
        Mode::Prompt => vec![TYPING_MOVES, PROMPT_EDITING, PROMPT],
        Mode::Names => vec![NAMES, TYPING_MOVES],
        Mode::Help => vec![HELP, MOVES],
        Mode::Versions => vec![VERSIONS, MOVES],
        Mode::Searches => vec![SEARCHES, MOVES],
    }
}

/// Keys to actions, by mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    modes: BTreeMap<Mode, BTreeMap<Key, Action>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let modes = Mode::ALL
            .into_iter()
            .map(|mode| {
                let bindings = defaults(mode)
                    .into_iter()
                    .flatten()
                    .filter_map(|(k, a)| Key::parse(k).map(|key| (key, a.clone())))
                    .collect();
                (mode, bindings)
            })
            .collect();
        Keymap { modes }
    }
}

impl Keymap {
    /// The defaults with the config's `[keys]` laid over them: first the flat table (the
    /// browsing modes and help), then each `[keys.MODE]` table. A key bound to `"none"` is
    /// unbound. Bad keys, unknown actions and unknown modes are errors naming the file and the
    /// key.
    pub fn from_config(keys: &KeysConfig, file: &Path) -> Result<Keymap, ConfigError> {
        let mut keymap = Keymap::default();
        let invalid = |key: String, value: &str, allowed: String| ConfigError::Invalid {
            path: file.to_path_buf(),
            key,
            value: value.to_string(),
            allowed,
        };
        for (name, entry) in &keys.entries {
            if let KeyEntry::Action(action) = entry {
                let path = format!("keys.{name}");
                keymap.bind(&Mode::BROWSING, name, action, &path, &invalid)?;
            }
        }
        for (name, entry) in &keys.entries {
            if let KeyEntry::Mode(table) = entry {
                let mode = Mode::from_name(name).ok_or_else(|| {
                    let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
                    invalid(
                        format!("keys.{name}"),
                        "a table",
                        format!(
                            "a key bound to an action, or a table for one of the modes {}",
                            modes.join(", ")
                        ),
                    )
                })?;
                for (key, action) in table {
                    let path = format!("keys.{name}.{key}");
                    keymap.bind(&[mode], key, action, &path, &invalid)?;
                }
            }
        }
        // Ctrl-C always quits, but a config that leaves the list no quit key is a mistake.
        if keymap.keys_for(Mode::List, &Action::Quit).is_empty() {
            return Err(invalid(
                "keys".into(),
                "no key bound to quit",
                "at least one key bound to quit in the list (ctrl-c quits from anywhere too)"
                    .into(),
            ));
        }
        Ok(keymap)
    }

    /// Binds (or with `"none"` unbinds) `key_text` to `action_text` in `modes`.
    fn bind(
        &mut self,
        modes: &[Mode],
        key_text: &str,
        action_text: &str,
        path: &str,
        invalid: &impl Fn(String, &str, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        let key = Key::parse(key_text).ok_or_else(|| {
            invalid(
                path.to_string(),
                key_text,
                "a key such as `j`, `G`, `ctrl-d`, `alt-x`, `space`, `enter`, `esc`, `tab`, `pagedown`, `f5`".into(),
            )
        })?;
        if action_text == "none" {
            for mode in modes {
                self.table(*mode).remove(&key);
            }
            return Ok(());
        }
        let action = Action::from_name(action_text).ok_or_else(|| {
            let names: Vec<&str> = Action::ALL.iter().filter_map(Action::name).collect();
            invalid(
                path.to_string(),
                action_text,
                format!("one of none, {}", names.join(", ")),
            )
        })?;
        if action.is_typing() && !modes.iter().all(|m| m.takes_text()) {
            return Err(invalid(
                path.to_string(),
                action_text,
                "typing actions (accept, erase, clear, the cursor and history moves) only in [keys.prompt] and [keys.names]"
                    .into(),
            ));
        }
        for mode in modes {
            self.table(*mode).insert(key, action.clone());
        }
        Ok(())
    }

    fn table(&mut self, mode: Mode) -> &mut BTreeMap<Key, Action> {
        self.modes.entry(mode).or_default()
    }

    /// What a key press means in `mode`: its binding, or in a typing mode the character it
    /// types.
    pub fn action(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        if let Some(action) = self.modes.get(&mode).and_then(|t| t.get(&key)) {
            return Some(action.clone());
        }
        key.typed()
            .filter(|_| mode.takes_text())
            .map(Action::Insert)
    }

    /// Every key bound to `action` in `mode`, in a stable order.
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<Key> {
        self.modes
            .get(&mode)
            .into_iter()
            .flatten()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// The first key for `action` in `mode`, as text, for hints ("/ search") and messages
    /// ("press e again").
    pub fn hint(&self, mode: Mode, action: &Action) -> Option<String> {
        self.keys_for(mode, action).first().map(ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use crate::tui::keymap::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn char(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn config(text: &str) -> KeysConfig {
        #[derive(serde::Deserialize)]
        struct File {
            keys: KeysConfig,
        }
        toml::from_str::<File>(text).unwrap().keys
    }

    #[test]
    fn defaults_cover_the_expected_keys() {
        let k = Keymap::default();
        assert_eq!(k.action(Mode::List, &char('j')), Some(Action::Down));
        assert_eq!(
            k.action(Mode::List, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(
                Mode::Story,
                &press(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            k.action(Mode::Sidebar, &press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(k.action(Mode::List, &char(' ')), Some(Action::PageDown));
    }

    #[test]
    fn v_opens_the_versions_and_the_overlay_has_its_own_keys() {
        let k = Keymap::default();
        assert_eq!(k.action(Mode::List, &char('v')), Some(Action::Versions));
        assert_eq!(k.action(Mode::Story, &char('v')), Some(Action::Versions));
        assert_eq!(k.action(Mode::Versions, &char('v')), Some(Action::Versions));
        assert_eq!(k.action(Mode::Versions, &char('j')), Some(Action::Down));
        assert_eq!(
            k.action(Mode::Versions, &press(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Open)
        );
        assert_eq!(
            k.action(Mode::Versions, &char('e')),
            None,
            "no export from here"
        );
        let keys = config("[keys]\nx = \"versions\"\n[keys.versions]\nx = \"back\"\n");
        let k = Keymap::from_config(&keys, Path::new("c.toml")).unwrap();
        assert_eq!(k.action(Mode::List, &char('x')), Some(Action::Versions));
        assert_eq!(k.action(Mode::Versions, &char('x')), Some(Action::Back));
        assert_eq!(k.hint(Mode::Story, &Action::Versions).as_deref(), Some("v"));
    }

    #[test]
    fn typing_modes_type_unbound_characters_and_keep_their_own_keys() {
        let k = Keymap::default();
        assert_eq!(
            k.action(Mode::Prompt, &char('j')),
            Some(Action::Insert('j'))
        );
        assert_eq!(k.action(Mode::Names, &char('q')), Some(Action::Insert('q')));
        assert_eq!(
            k.action(Mode::List, &char('x')),
            None,
            "browsing types nothing"
        );
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Prompt, &enter), Some(Action::Accept));
        assert_eq!(k.action(Mode::Names, &enter), Some(Action::Open));
        let backspace = press(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Prompt, &backspace), Some(Action::Erase));
        assert_eq!(k.action(Mode::List, &backspace), Some(Action::RemoveFilter));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Prompt, &esc), Some(Action::Clear));
        let down = press(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Prompt, &down), Some(Action::HistoryNext));
        assert_eq!(k.action(Mode::Names, &down), Some(Action::Down));
        let ctrl_u = press(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(
            k.action(Mode::Prompt, &ctrl_u),
            Some(Action::Edit(Edit::KillToStart))
        );
        let ctrl_x = press(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(
            k.action(Mode::Prompt, &ctrl_x),
            None,
            "ctrl keys type nothing"
        );
    }

    #[test]
    fn flat_keys_rebind_and_unbind_the_browsing_modes() {
        let keys = config("[keys]\n\"ctrl-n\" = \"down\"\nj = \"none\"\n");
        let k = Keymap::from_config(&keys, Path::new("c.toml")).unwrap();
        let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
        for mode in [Mode::List, Mode::Story, Mode::Sidebar] {
            assert_eq!(k.action(mode, &ctrl_n), Some(Action::Down));
            assert_eq!(k.action(mode, &char('j')), None);
        }
        assert_eq!(
            k.action(Mode::Prompt, &char('j')),
            Some(Action::Insert('j'))
        );
    }

    #[test]
    fn a_config_without_a_quit_key_is_refused() {
        let keys = config("[keys]\nq = \"none\"\n");
        let err = Keymap::from_config(&keys, Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("quit"), "{err}");
        let keys = config("[keys]\nq = \"none\"\nx = \"quit\"\n");
        assert!(Keymap::from_config(&keys, Path::new("c.toml")).is_ok());
    }

    #[test]
    fn mode_tables_bind_in_their_mode_only() {
        let keys = config(
            "[keys]\nx = \"export\"\n[keys.prompt]\n\"ctrl-j\" = \"accept\"\nenter = \"none\"\n\
             [keys.story]\nx = \"copy\"\n",
        );
        let k = Keymap::from_config(&keys, Path::new("c.toml")).unwrap();
        let ctrl_j = press(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Mode::Prompt, &ctrl_j), Some(Action::Accept));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Prompt, &enter), None);
        assert_eq!(k.action(Mode::List, &enter), Some(Action::Open));
        assert_eq!(k.action(Mode::List, &char('x')), Some(Action::Export));
        assert_eq!(
            k.action(Mode::Story, &char('x')),
            Some(Action::Copy),
            "the mode wins"
        );
        assert_eq!(
            k.hint(Mode::Prompt, &Action::Accept).as_deref(),
            Some("ctrl-j")
        );
    }

    #[test]
    fn bad_bindings_name_file_key_and_allowed() {
        let err = Keymap::from_config(&config("[keys]\nx = \"explode\"\n"), Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("c.toml") && err.contains("keys.x") && err.contains("half_page_down"),
            "{err}"
        );
        assert!(
            Keymap::from_config(
                &config("[keys]\n\"ctrl-\" = \"down\"\n"),
                Path::new("c.toml")
            )
            .is_err()
        );
        let err = Keymap::from_config(&config("[keys.prompt]\nf = \"fly\"\n"), Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("keys.prompt.f") && err.contains("accept"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_mode_name_is_an_error_listing_the_modes() {
        let err = Keymap::from_config(
            &config("[keys.reader]\nj = \"down\"\n"),
            Path::new("c.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("c.toml") && err.contains("keys.reader"),
            "{err}"
        );
        assert!(
            err.contains("list, story, sidebar, prompt, names, help, versions"),
            "{err}"
        );
    }

    #[test]
    fn typing_actions_are_refused_where_nothing_is_typed() {
        let err = Keymap::from_config(&config("[keys]\nx = \"erase\"\n"), Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("keys.x") && err.contains("[keys.prompt]"),
            "{err}"
        );
        assert!(
            Keymap::from_config(
                &config("[keys.names]\n\"ctrl-h\" = \"erase\"\n"),
                Path::new("c.toml")
            )
            .is_ok()
        );
    }

    #[test]
    fn the_example_config_binds_cleanly_when_uncommented() {
        let keys: String = include_str!("../../config.example.toml")
            .lines()
            .skip_while(|line| *line != "# [keys]")
            .take_while(|line| line.starts_with("# "))
            .map(|line| &line[2..])
            .collect::<Vec<_>>()
            .join("\n");
        assert!(keys.contains("[keys.prompt]"), "{keys}");
        let k = Keymap::from_config(&config(&keys), Path::new("example.toml")).unwrap();
        let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Mode::List, &ctrl_n), Some(Action::Down));
        assert_eq!(k.action(Mode::Prompt, &ctrl_n), Some(Action::Down));
        let ctrl_j = press(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Mode::Prompt, &ctrl_j), Some(Action::Accept));
    }

    #[test]
    fn the_example_config_names_every_action_and_mode() {
        let example = include_str!("../../config.example.toml");
        for action in Action::ALL {
            let name = action.name().unwrap();
            assert!(
                example.contains(&format!(" {name} ")),
                "{name} is not documented"
            );
        }
        for mode in Mode::ALL {
            assert!(
                example.contains(&format!("#   {}", mode.name()))
                    || example.contains(&format!("  {}  ", mode.name())),
                "{mode:?}"
            );
        }
    }
}
