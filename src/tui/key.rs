//! One key with its modifiers: read from a terminal event, parsed from the config's spelling
//! (`ctrl-d`, `G`, `space`, `pagedown`, `f5`) and printed back the same way for hints and help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

    /// The character this key types into a text field: a plain (or shifted) character.
    pub fn typed(&self) -> Option<char> {
        match self.code {
            KeyCodeKey::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use crate::tui::key::*;

    #[test]
    fn keys_print_as_written() {
        for text in ["ctrl-d", "G", "space", "enter", "pgdn"] {
            let key = Key::parse(if text == "pgdn" { "pagedown" } else { text }).unwrap();
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn shift_is_in_the_letter_and_ctrl_letters_are_lower_case() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), Key::parse("G"));
        assert_eq!(Key::parse("ctrl-D"), Key::parse("ctrl-d"));
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::parse("jj"), None);
    }

    #[test]
    fn typed_characters_are_plain_letters() {
        assert_eq!(Key::parse("x").unwrap().typed(), Some('x'));
        assert_eq!(Key::parse("space").unwrap().typed(), Some(' '));
        assert_eq!(Key::parse("ctrl-x").unwrap().typed(), None);
        assert_eq!(Key::parse("enter").unwrap().typed(), None);
    }
}
