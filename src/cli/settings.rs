//! Settings: everything a command needs from the flags, the config file and the defaults,
//! resolved once, up front, into one value (ripgrep's `HiArgs`). Every rule of the form
//! "the flag, else the config, else the default" lives here and nowhere else, and every
//! error in the config (bad keys and colours included) is reported here, naming the file,
//! before any command starts.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use dateline::alert::Alert;
use dateline::config::{self, Config, NotifyConfig};
#[cfg(feature = "tui")]
use dateline::tui::{keymap::Keymap, theme::Theme};

/// The flags settings are resolved from, as parsed (ripgrep's `LowArgs`): the global ones and
/// the few subcommand flags that override a configured value.
#[derive(Debug, Default)]
pub(crate) struct Flags<'a> {
    /// `--archive PATH`.
    pub(crate) archive: Option<&'a Path>,
    /// `--config PATH`.
    pub(crate) config: Option<&'a Path>,
    /// `show --width N`.
    pub(crate) width: Option<usize>,
    /// `export --to DIR`.
    pub(crate) export_to: Option<&'a Path>,
    /// `NO_COLOR` is set (and not empty): the reader's theme is monochrome.
    #[cfg(feature = "tui")]
    pub(crate) no_color: bool,
}

#[cfg(feature = "tui")]
impl Flags<'_> {
    /// Whether the environment asks for no colours (<https://no-color.org>).
    pub(crate) fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

/// See the module documentation.
#[derive(Debug)]
pub(crate) struct Settings {
    /// The archive: `--archive`, else `archive` in the config, else the platform data folder.
    pub(crate) archive: PathBuf,
    /// Whether `--archive` named it (then it must exist for the commands that read it).
    pub(crate) archive_named: bool,
    /// Where `export` and the reader's `e` write Markdown: `export --to`, else `export_dir`,
    /// else the current folder. `-` means stdout (for `export`).
    pub(crate) export_dir: PathBuf,
    /// The reader's reading width, `measure` in the config.
    #[cfg(feature = "tui")]
    pub(crate) measure: usize,
    /// What `show` reflows to: `--width`, else the terminal's width capped at `measure` on a
    /// terminal, else `measure`; never under 20 columns.
    pub(crate) width: usize,
    /// Larger story files are refused (`max_file_mb`).
    pub(crate) max_file_bytes: u64,
    /// `[[alerts]]`: saved queries announced by `watch`.
    pub(crate) alerts: Vec<Alert>,
    /// `[notify]`: how alerts are delivered.
    pub(crate) notify: NotifyConfig,
    /// `pipe`: the command the reader's pipe key sends the story to.
    #[cfg_attr(not(feature = "tui"), allow(dead_code))]
    pub(crate) pipe: Option<String>,
    /// `[watch] folders`: what `watch` watches when no folder is named.
    pub(crate) watch_folders: Vec<PathBuf>,
    #[cfg(feature = "tui")]
    pub(crate) keymap: Keymap,
    #[cfg(feature = "tui")]
    pub(crate) theme: Theme,
}

impl Settings {
    pub(crate) fn resolve(flags: &Flags<'_>) -> Result<Settings> {
        let config = load_config(flags.config)?;
        #[cfg(feature = "tui")]
        let (keymap, theme) = {
            let file = config
                .source
                .clone()
                .unwrap_or_else(|| PathBuf::from("the built-in config"));
            (
                Keymap::from_config(&config.keys, &file)?,
                Theme::from_config(&config.theme, &file, flags.no_color)?,
            )
        };
        let archive = flags
            .archive
            .map(Path::to_path_buf)
            .or_else(|| config.archive.clone())
            .or_else(config::default_archive_path)
            .context("no archive path: the platform has no data folder; pass --archive PATH")?;
        let export_dir = flags
            .export_to
            .map(Path::to_path_buf)
            .or_else(|| config.export_dir.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Settings {
            archive,
            archive_named: flags.archive.is_some(),
            export_dir,
            #[cfg(feature = "tui")]
            measure: config.measure,
            width: reflow_width(flags.width, config.measure, terminal_width),
            max_file_bytes: config.max_file_bytes(),
            alerts: config.alerts,
            notify: config.notify,
            pipe: config.pipe.clone(),
            watch_folders: config.watch.folders,
            #[cfg(feature = "tui")]
            keymap,
            #[cfg(feature = "tui")]
            theme,
        })
    }
}

/// The config file: `--config`, else `$DATELINE_CONFIG`, else the platform's (which may be
/// absent: then the defaults; a file the user named must exist).
fn load_config(flag: Option<&Path>) -> Result<Config> {
    let explicit = config::explicit_config_path(flag).is_some();
    Ok(match config::config_path(flag) {
        Some(path) => config::load(&path, explicit)?,
        None => Config::default(),
    })
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<usize> {
    std::io::stdout().is_terminal().then(textwrap::termwidth)
}

/// `--width`, else the terminal's width capped at `measure`, else `measure`; at least 20.
fn reflow_width(
    flag: Option<usize>,
    measure: usize,
    terminal: impl FnOnce() -> Option<usize>,
) -> usize {
    flag.unwrap_or_else(|| terminal().map_or(measure, |term| term.min(measure)))
        .max(20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_flag_wins_then_the_terminal_capped_at_the_measure() {
        let never =
            || -> Option<usize> { panic!("the terminal is not asked when --width is given") };
        assert_eq!(reflow_width(Some(120), 80, never), 120);
        assert_eq!(reflow_width(Some(5), 80, never), 20, "at least 20 columns");
        assert_eq!(reflow_width(None, 80, || Some(50)), 50);
        assert_eq!(reflow_width(None, 80, || Some(200)), 80);
        assert_eq!(
            reflow_width(None, 72, || None),
            72,
            "into a pipe: the measure"
        );
    }

    #[test]
    fn flags_beat_the_config_which_beats_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "archive = \"/srv/a.jsonl\"\nexport_dir = \"/srv/md\"\nmeasure = 60\nmax_file_mb = 2\n",
        )
        .expect("write");
        let configured = Settings::resolve(&Flags {
            config: Some(&file),
            width: Some(44),
            ..Flags::default()
        })
        .expect("valid");
        assert_eq!(configured.archive, Path::new("/srv/a.jsonl"));
        assert_eq!(configured.export_dir, Path::new("/srv/md"));
        assert_eq!(configured.width, 44);
        assert_eq!(configured.max_file_bytes, 2 << 20);
        let flagged = Settings::resolve(&Flags {
            config: Some(&file),
            archive: Some(Path::new("x.jsonl")),
            export_to: Some(Path::new("-")),
            ..Flags::default()
        })
        .expect("valid");
        assert_eq!(flagged.archive, Path::new("x.jsonl"));
        assert_eq!(flagged.export_dir, Path::new("-"));
    }

    #[cfg(feature = "tui")]
    #[test]
    fn a_bad_key_or_colour_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, text, key) in [
            ("keys.toml", "[keys]\nq = \"fly\"\n", "keys.q"),
            (
                "theme.toml",
                "[theme]\naccent = \"plaid\"\n",
                "theme.accent",
            ),
        ] {
            let file = dir.path().join(name);
            std::fs::write(&file, text).expect("write");
            let flags = Flags {
                config: Some(&file),
                archive: Some(Path::new("x.jsonl")),
                ..Flags::default()
            };
            let message = format!("{:#}", Settings::resolve(&flags).expect_err("bad config"));
            assert!(message.contains(&file.display().to_string()), "{message}");
            assert!(message.contains(key), "{message}");
        }
    }
}
