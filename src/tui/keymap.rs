//! Keys to actions: the defaults a terminal reader's users expect, overridden by the config's
//! `[keys]` table (`"ctrl-d" = "half_page_down"`, several keys per action), and the inverted
//! map that feeds the status-bar hints and the help overlay.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::config::ConfigError;

/// A key with its modifiers, as the config writes it (`ctrl-d`, `G`, `space`, `pagedown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeKey,
    pub ctrl: bool,
    pub alt: bool,
}

/// The part of `KeyCode` the keymap uses, ordered so bindings list stably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeKey {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Delete,
    F(u8),
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeKey::Char(c),
            KeyCode::Enter => KeyCodeKey::Enter,
            KeyCode::Esc => KeyCodeKey::Esc,
            KeyCode::Tab => KeyCodeKey::Tab,
            KeyCode::BackTab => KeyCodeKey::BackTab,
            KeyCode::Backspace => KeyCodeKey::Backspace,
            KeyCode::Up => KeyCodeKey::Up,
            KeyCode::Down => KeyCodeKey::Down,
            KeyCode::Left => KeyCodeKey::Left,
            KeyCode::Right => KeyCodeKey::Right,
            KeyCode::Home => KeyCodeKey::Home,
            KeyCode::End => KeyCodeKey::End,
            KeyCode::PageUp => KeyCodeKey::PageUp,
            KeyCode::PageDown => KeyCodeKey::PageDown,
            KeyCode::Delete => KeyCodeKey::Delete,
            KeyCode::F(n) => KeyCodeKey::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// Parses `ctrl-d`, `alt-x`, `G`, `space`, `enter`, `esc`, `tab`, `pagedown`, `f5`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCodeKey::Char(' '),
            "enter" | "return" => KeyCodeKey::Enter,
            "esc" | "escape" => KeyCodeKey::Esc,
            "tab" => KeyCodeKey::Tab,
            "backtab" | "shift-tab" => KeyCodeKey::BackTab,
            "backspace" => KeyCodeKey::Backspace,
            "up" => KeyCodeKey::Up,
            "down" => KeyCodeKey::Down,
            "left" => KeyCodeKey::Left,
            "right" => KeyCodeKey::Right,
            "home" => KeyCodeKey::Home,
            "end" => KeyCodeKey::End,
            "pageup" => KeyCodeKey::PageUp,
            "pagedown" => KeyCodeKey::PageDown,
            "delete" | "del" => KeyCodeKey::Delete,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCodeKey::F(f[1..].parse().ok()?)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCodeKey::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCodeKey::Char(' ') => f.write_str("space"),
            KeyCodeKey::Char(c) => write!(f, "{c}"),
            KeyCodeKey::Enter => f.write_str("enter"),
            KeyCodeKey::Esc => f.write_str("esc"),
            KeyCodeKey::Tab => f.write_str("tab"),
            KeyCodeKey::BackTab => f.write_str("shift-tab"),
            KeyCodeKey::Backspace => f.write_str("backspace"),
            KeyCodeKey::Up => f.write_str("↑"),
            KeyCodeKey::Down => f.write_str("↓"),
            KeyCodeKey::Left => f.write_str("←"),
            KeyCodeKey::Right => f.write_str("→"),
            KeyCodeKey::Home => f.write_str("home"),
            KeyCodeKey::End => f.write_str("end"),
            KeyCodeKey::PageUp => f.write_str("pgup"),
            KeyCodeKey::PageDown => f.write_str("pgdn"),
            KeyCodeKey::Delete => f.write_str("del"),
            KeyCodeKey::F(n) => write!(f, "f{n}"),
        }
    }
}

const DEFAULTS: &[(&str, Action)] = &[
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
    ("n", Action::NextMatch),
    ("N", Action::PrevMatch),
];

/// Keys to actions.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .filter_map(|(k, a)| Key::parse(k).map(|key| (key, *a)))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the config's `[keys]` laid over them. A key bound to `"none"` is
    /// unbound. Bad keys and unknown actions are errors naming the file and the key.
    pub fn from_config(
        keys: &BTreeMap<String, String>,
        file: &Path,
    ) -> Result<Keymap, ConfigError> {
        let mut keymap = Keymap::default();
        for (key_text, action_text) in keys {
            let invalid = |value: &str, allowed: String| ConfigError::Invalid {
                path: file.to_path_buf(),
                key: format!("keys.{key_text}"),
                value: value.to_string(),
                allowed,
            };
            let key = Key::parse(key_text).ok_or_else(|| {
                invalid(
                    key_text,
                    "a key such as `j`, `G`, `ctrl-d`, `alt-x`, `space`, `enter`, `esc`, `tab`, `pagedown`, `f5`".into(),
                )
            })?;
            if action_text == "none" {
                keymap.bindings.remove(&key);
                continue;
            }
            let action = Action::from_name(action_text).ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                invalid(action_text, format!("one of none, {}", names.join(", ")))
            })?;
            keymap.bindings.insert(key, action);
        }
        Ok(keymap)
    }

    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        self.bindings.get(&key).copied()
    }

    /// Every key bound to `action`, in a stable order.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// The first key for `action`, as text, for hints ("/ search").
    pub fn hint(&self, action: Action) -> Option<String> {
        self.keys_for(action).first().map(ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_cover_the_expected_keys() {
        let k = Keymap::default();
        assert_eq!(
            k.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            k.action(&press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Action::PageDown)
        );
    }

    #[test]
    fn config_rebinds_and_unbinds() {
        let mut keys = BTreeMap::new();
        keys.insert("ctrl-n".to_string(), "down".to_string());
        keys.insert("j".to_string(), "none".to_string());
        let k = Keymap::from_config(&keys, Path::new("c.toml")).unwrap();
        assert_eq!(
            k.action(&press(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn bad_bindings_name_file_key_and_allowed() {
        let mut keys = BTreeMap::new();
        keys.insert("x".to_string(), "explode".to_string());
        let err = Keymap::from_config(&keys, Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("c.toml") && err.contains("keys.x") && err.contains("half_page_down"),
            "{err}"
        );
        let mut keys = BTreeMap::new();
        keys.insert("ctrl-".to_string(), "down".to_string());
        assert!(Keymap::from_config(&keys, Path::new("c.toml")).is_err());
    }

    #[test]
    fn keys_print_as_written() {
        for text in ["ctrl-d", "G", "space", "enter", "pgdn"] {
            let key = Key::parse(if text == "pgdn" { "pagedown" } else { text }).unwrap();
            assert_eq!(key.to_string(), text);
        }
    }
}
