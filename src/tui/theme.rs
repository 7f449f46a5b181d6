//! Colours by role, from the config's `[theme]` over built-in defaults; `NO_COLOR` turns colour
//! off and leaves only bold, italic, underline and reverse.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::article::EntityKind;
use crate::config::{ConfigError, ThemeConfig};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub accent: Style,
    pub dim: Style,
    pub quote: Style,
    pub person: Style,
    pub place: Style,
    pub organization: Style,
    /// Search matches.
    pub highlight: Style,
    /// The selected row.
    pub selection: Style,
    pub headline: Style,
    pub border_focused: Style,
    pub status: Style,
    /// Killed, withheld and embargoed copy; text a newer version removed.
    pub warning: Style,
    /// Text a newer version added.
    pub added: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colored(
            Color::Cyan,
            Color::DarkGray,
            Color::Green,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::Yellow,
            Color::Blue,
        )
    }
}

impl Theme {
    #[allow(clippy::too_many_arguments)] // one colour per role, named at the call
    fn colored(
        accent: Color,
        dim: Color,
        quote: Color,
        person: Color,
        place: Color,
        organization: Color,
        highlight: Color,
        selection: Color,
    ) -> Theme {
        Theme {
            accent: Style::new().fg(accent),
            dim: Style::new().fg(dim),
            quote: Style::new().fg(quote),
            person: Style::new().fg(person),
            place: Style::new().fg(place),
            organization: Style::new().fg(organization),
            highlight: Style::new().fg(Color::Black).bg(highlight),
            selection: Style::new().bg(selection).add_modifier(Modifier::BOLD),
            headline: Style::new().add_modifier(Modifier::BOLD),
            border_focused: Style::new().fg(accent),
            status: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().fg(Color::Red),
            added: Style::new().fg(Color::Green),
        }
    }

    /// No colours at all (`NO_COLOR`): emphasis only.
    pub fn monochrome() -> Theme {
        Theme {
            accent: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new(),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            person: Style::new().add_modifier(Modifier::UNDERLINED),
            place: Style::new().add_modifier(Modifier::UNDERLINED),
            organization: Style::new().add_modifier(Modifier::UNDERLINED),
            highlight: Style::new().add_modifier(Modifier::REVERSED),
            selection: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            headline: Style::new().add_modifier(Modifier::BOLD),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().add_modifier(Modifier::BOLD),
            added: Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The theme for this run: monochrome under `NO_COLOR`, else the defaults with the
    /// config's colours laid over them. Bad colours name the file and the key.
    pub fn from_config(
        config: &ThemeConfig,
        file: &Path,
        no_color: bool,
    ) -> Result<Theme, ConfigError> {
        if no_color {
            return Ok(Theme::monochrome());
        }
        let mut theme = Theme::default();
        let roles: [(&str, &Option<String>, &mut Style, bool); 10] = [
            ("accent", &config.accent, &mut theme.accent, false),
            ("dim", &config.dim, &mut theme.dim, false),
            ("quote", &config.quote, &mut theme.quote, false),
            ("person", &config.person, &mut theme.person, false),
            ("place", &config.place, &mut theme.place, false),
            (
                "organization",
                &config.organization,
                &mut theme.organization,
                false,
            ),
            ("highlight", &config.highlight, &mut theme.highlight, true),
            ("selection", &config.selection, &mut theme.selection, true),
            ("warning", &config.warning, &mut theme.warning, false),
            ("added", &config.added, &mut theme.added, false),
        ];
        for (name, value, style, background) in roles {
            let Some(value) = value else { continue };
            let color = Color::from_str(value).map_err(|_| ConfigError::Invalid {
                path: file.to_path_buf(),
                key: format!("theme.{name}"),
                value: value.clone(),
                allowed: "a colour name (red, lightblue, darkgray, …), an index 0-255 or #rrggbb"
                    .into(),
            })?;
            *style = if background {
                style.bg(color)
            } else {
                style.fg(color)
            };
        }
        theme.border_focused = theme.accent;
        Ok(theme)
    }

    pub fn entity(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Place => self.place,
            EntityKind::Organization => self.organization,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::theme::*;

    #[test]
    fn config_colours_and_errors() {
        let config = ThemeConfig {
            quote: Some("#ff8800".into()),
            warning: Some("magenta".into()),
            ..ThemeConfig::default()
        };
        let theme = Theme::from_config(&config, Path::new("c.toml"), false).unwrap();
        assert_eq!(theme.quote.fg, Some(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(theme.warning.fg, Some(Color::Magenta));
        assert_eq!(
            theme.added.fg,
            Some(Color::Green),
            "unset roles keep the default"
        );
        let bad = ThemeConfig {
            person: Some("sparkly".into()),
            ..ThemeConfig::default()
        };
        let err = Theme::from_config(&bad, Path::new("c.toml"), false)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("c.toml") && err.contains("theme.person") && err.contains("#rrggbb"),
            "{err}"
        );
    }

    #[test]
    fn no_color_means_no_colour() {
        let theme = Theme::from_config(&ThemeConfig::default(), Path::new("c"), true).unwrap();
        for style in [
            theme.accent,
            theme.quote,
            theme.person,
            theme.highlight,
            theme.selection,
            theme.warning,
            theme.added,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
