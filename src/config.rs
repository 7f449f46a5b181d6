//! User configuration: where the file is found, how it is parsed and checked, and the defaults
//! that apply when it says nothing.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Display;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::alert::{Alert, Method};

/// Environment variable naming the config file; it counts as explicit, like `--config`.
pub(crate) const CONFIG_ENV: &str = "DATELINE_CONFIG";

const MEASURE_RANGE: (usize, usize) = (20, 400);
const MAX_FILE_MB_RANGE: (u64, u64) = (1, 4096);

/// Everything a user can set. Every field has a default, so an empty file is a valid config.
///
/// `[keys]` and `[theme]` will become nested tables here, each with its own `Default`, so a
/// file that sets only one of them keeps the defaults of the rest.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The JSONL archive; `None` means `default_archive_path()`.
    pub archive: Option<PathBuf>,
    /// Reading width in columns.
    pub measure: usize,
    /// Where `export` writes Markdown; `None` means the current directory.
    pub export_dir: Option<PathBuf>,
    /// Largest story file import will read, in MiB; guards against feeding it a disk image.
    pub(crate) max_file_mb: u64,
    /// The shell command the reader's pipe key sends the story's Markdown to.
    pub pipe: Option<String>,
    /// `[keys]`: key = action for the terminal reader's browsing modes, and `[keys.MODE]`
    /// tables for one mode each (checked by the reader, where actions and modes live).
    pub keys: KeysConfig,
    /// `[theme]`: colours by role.
    pub theme: ThemeConfig,
    /// `[[alerts]]`: saved queries announced when a new story matches (`watch`, the reader).
    pub alerts: Vec<Alert>,
    /// `[notify]`: how alerts are delivered.
    pub notify: NotifyConfig,
    /// `[watch]`: the folders the reader watches.
    pub watch: WatchConfig,
    /// The file this config was read from, for messages about its values.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

/// `[notify]`: how an alert reaches the person at the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotifyConfig {
    /// `bell`, `osc9`, `osc777` or `none`.
    pub method: Method,
    /// A shell command run for each alert, the story's fields in its environment.
    pub command: Option<String>,
}

/// `[watch]`: what the reader watches for new story files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WatchConfig {
    pub folders: Vec<PathBuf>,
}

/// The `[keys]` table as written: each entry is either a binding (`"ctrl-n" = "down"`, for the
/// browsing modes, as before there were modes) or a mode's own table (`[keys.prompt]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct KeysConfig {
    pub entries: BTreeMap<String, KeyEntry>,
}

/// One entry of `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyEntry {
    /// `key = "action"` in the flat table.
    Action(String),
    /// `[keys.MODE]`: key = "action" for that mode only.
    Mode(BTreeMap<String, String>),
}

// By hand rather than `untagged`, so a bad value inside a mode's table is reported at that
// value, not at the table's header.
impl<'de> Deserialize<'de> for KeyEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = KeyEntry;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "an action name such as \"down\", or a table of bindings for one mode such as [keys.prompt]",
                )
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<KeyEntry, E> {
                Ok(KeyEntry::Action(value.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<KeyEntry, A::Error> {
                let mut table = BTreeMap::new();
                while let Some((key, action)) = map.next_entry::<String, String>()? {
                    table.insert(key, action);
                }
                Ok(KeyEntry::Mode(table))
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

impl KeysConfig {
    /// The action the flat table binds `key` to, if it does.
    pub fn flat(&self, key: &str) -> Option<&str> {
        match self.entries.get(key)? {
            KeyEntry::Action(action) => Some(action),
            KeyEntry::Mode(_) => None,
        }
    }

    /// The bindings of the `[keys.MODE]` table, if there is one.
    pub fn mode(&self, mode: &str) -> Option<&BTreeMap<String, String>> {
        match self.entries.get(mode)? {
            KeyEntry::Mode(table) => Some(table),
            KeyEntry::Action(_) => None,
        }
    }
}

/// Colours of the terminal reader, by role: a name (`red`, `lightblue`, `gray`), an ANSI index
/// (`0`–`255`) or `#rrggbb`. Unset roles keep the built-in theme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub(crate) accent: Option<String>,
    pub(crate) dim: Option<String>,
    pub(crate) quote: Option<String>,
    pub(crate) person: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) organization: Option<String>,
    pub(crate) highlight: Option<String>,
    pub(crate) selection: Option<String>,
    pub(crate) warning: Option<String>,
    pub(crate) added: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            archive: None,
            measure: 80,
            export_dir: None,
            max_file_mb: 64,
            pipe: None,
            keys: KeysConfig::default(),
            theme: ThemeConfig::default(),
            alerts: Vec::new(),
            notify: NotifyConfig::default(),
            watch: WatchConfig::default(),
            source: None,
        }
    }
}

impl Config {
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.saturating_mul(1024 * 1024)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "config file {path} does not exist (it was named by `--config` or `{CONFIG_ENV}`; \
         create it, or point to another file)"
    )]
    Missing { path: PathBuf },
    #[error("could not read config file {path}: {io}")]
    Read { path: PathBuf, io: io::Error },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: `{key}` = {value} is out of range; allowed: {min} to {max}")]
    OutOfRange {
        path: PathBuf,
        key: &'static str,
        value: String,
        min: String,
        max: String,
    },
    #[error("{path}: `{key}` = {value:?} is not allowed; allowed: {allowed}")]
    Invalid {
        path: PathBuf,
        key: String,
        value: String,
        allowed: String,
    },
    #[error("{path}: `{key}` is empty; remove the key to use the default")]
    EmptyPath { path: PathBuf, key: &'static str },
    #[error("{path}: `{key}` starts with `~` but the home directory could not be determined")]
    NoHome { path: PathBuf, key: &'static str },
}

/// The config file to read: `--config`, then `DATELINE_CONFIG` (when non-empty), then
/// `config.toml` in the platform config directory. `None` only when no home directory is known.
pub fn config_path(flag: Option<&Path>) -> Option<PathBuf> {
    explicit_config_path(flag).or_else(|| {
        directories::ProjectDirs::from("", "", "dateline")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    })
}

/// The config file the user named, by `--config` or `DATELINE_CONFIG`, if any. Pass
/// `is_some()` of this as `explicit` to [`load`]: a file the user named must exist, while the
/// platform default may be absent.
pub fn explicit_config_path(flag: Option<&Path>) -> Option<PathBuf> {
    pick_explicit(flag, std::env::var_os(CONFIG_ENV))
}

// Separate from the environment lookup so tests need not set process-wide variables, which is
// `unsafe` in edition 2024.
fn pick_explicit(flag: Option<&Path>, env: Option<OsString>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
}

pub fn default_archive_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dateline")
        .map(|dirs| dirs.data_dir().join("archive.jsonl"))
}

/// Reads, parses and checks the config at `path`. A missing file yields the defaults unless
/// `explicit`, because then the user asked for that very file and a typo should not pass
/// silently.
pub fn load(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound && !explicit => {
            return Ok(Config::default());
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(ConfigError::Missing {
                path: path.to_path_buf(),
            });
        }
        Err(io) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                io,
            });
        }
    };
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    parse(&text, path, home.as_deref())
}

/// Parses config text; `path` is only for messages, `home` replaces a leading `~`.
fn parse(text: &str, path: &Path, home: Option<&Path>) -> Result<Config, ConfigError> {
    let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        // toml's message already names the line, the key and, for an unknown key, the allowed
        // ones; only the Rust type names in it mean nothing to a user.
        message: e
            .to_string()
            .trim_end()
            .replace("expected usize", "expected a positive whole number")
            .replace("expected u64", "expected a positive whole number"),
    })?;

    check_range(path, "measure", config.measure, MEASURE_RANGE)?;
    check_range(path, "max_file_mb", config.max_file_mb, MAX_FILE_MB_RANGE)?;
    config.archive = expand_path(path, "archive", config.archive, home)?;
    config.export_dir = expand_path(path, "export_dir", config.export_dir, home)?;
    for folder in &mut config.watch.folders {
        let expanded = expand_path(path, "watch.folders", Some(folder.clone()), home)?;
        *folder = expanded.unwrap_or_default();
    }
    for alert in &config.alerts {
        if alert.query.trim().is_empty() || alert.name.trim().is_empty() {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                key: "alerts".into(),
                value: format!("name = {:?}, query = {:?}", alert.name, alert.query),
                allowed: "a name and a query that are not empty".into(),
            });
        }
    }
    config.source = Some(path.to_path_buf());
    Ok(config)
}

fn check_range<T: PartialOrd + Display + Copy>(
    path: &Path,
    key: &'static str,
    value: T,
    (min, max): (T, T),
) -> Result<(), ConfigError> {
    if value < min || value > max {
        return Err(ConfigError::OutOfRange {
            path: path.to_path_buf(),
            key,
            value: value.to_string(),
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(())
}

/// Expands a leading `~` component to `home`. Shells do this for command-line paths but nothing
/// does it for paths inside a TOML file, and a literal `~` directory is never what was meant.
fn expand_path(
    path: &Path,
    key: &'static str,
    value: Option<PathBuf>,
    home: Option<&Path>,
) -> Result<Option<PathBuf>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    if value.as_os_str().is_empty() {
        return Err(ConfigError::EmptyPath {
            path: path.to_path_buf(),
            key,
        });
    }
    // Component-wise, so `~user/x` and `~x` are left alone and `~\x` works on Windows.
    let Ok(rest) = value.strip_prefix("~") else {
        return Ok(Some(value));
    };
    let home = home.ok_or_else(|| ConfigError::NoHome {
        path: path.to_path_buf(),
        key,
    })?;
    Ok(Some(home.join(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "/etc/dateline/test.toml";

    fn parse_str(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new(FILE), Some(Path::new("/home/reader")))
    }

    #[test]
    fn empty_file_gives_defaults() {
        let config = parse_str("").expect("empty is valid");
        assert_eq!(config.source.as_deref(), Some(Path::new(FILE)));
        assert_eq!(
            Config {
                source: None,
                ..config.clone()
            },
            Config::default()
        );
        assert_eq!(config.measure, 80);
        assert_eq!(config.max_file_mb, 64);
        assert_eq!(config.max_file_bytes(), 64 * 1024 * 1024);
        assert_eq!(config.archive, None);
        assert_eq!(config.export_dir, None);
    }

    #[test]
    fn missing_default_file_gives_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        assert_eq!(load(&path, false).expect("defaults"), Config::default());
    }

    #[test]
    fn missing_explicit_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nope.toml");
        let err = load(&path, true).expect_err("explicit file must exist");
        assert!(matches!(err, ConfigError::Missing { .. }));
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }

    #[test]
    fn full_valid_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "archive = \"/srv/news/archive.jsonl\"\n\
             measure = 72\n\
             export_dir = \"/srv/news/md\"\n\
             max_file_mb = 512\n\
             pipe = \"glow -\"\n",
        )
        .expect("write");
        let config = load(&path, true).expect("valid");
        assert_eq!(
            config,
            Config {
                archive: Some(PathBuf::from("/srv/news/archive.jsonl")),
                measure: 72,
                export_dir: Some(PathBuf::from("/srv/news/md")),
                max_file_mb: 512,
                pipe: Some("glow -".into()),
                source: Some(path.clone()),
                ..Config::default()
            }
        );
    }

    #[test]
    fn unknown_key_names_file_key_and_allowed_keys() {
        let err = parse_str("measure = 72\ncolour = \"red\"\n").expect_err("unknown key");
        let message = err.to_string();
        assert!(message.starts_with(FILE), "{message}");
        assert!(message.contains("colour"), "{message}");
        assert!(message.contains("line 2"), "{message}");
        for key in ["archive", "measure", "export_dir", "max_file_mb"] {
            assert!(
                message.contains(&format!("`{key}`")),
                "{key} not listed: {message}"
            );
        }
    }

    #[test]
    fn wrong_type_names_file_and_key() {
        let err = parse_str("measure = \"wide\"\n").expect_err("bad type");
        let message = err.to_string();
        assert!(message.starts_with(FILE), "{message}");
        assert!(message.contains("measure"), "{message}");
        assert!(message.contains("line 1"), "{message}");
        assert!(
            message.contains("expected a positive whole number"),
            "{message}"
        );

        let err = parse_str("max_file_mb = -3\n").expect_err("negative size");
        assert!(err.to_string().contains("max_file_mb"), "{err}");
    }

    #[test]
    fn out_of_range_values_say_what_is_allowed() {
        let err = parse_str("measure = 5\n").expect_err("too narrow");
        assert_eq!(
            err.to_string(),
            format!("{FILE}: `measure` = 5 is out of range; allowed: 20 to 400")
        );
        let err = parse_str("max_file_mb = 0\n").expect_err("zero");
        assert_eq!(
            err.to_string(),
            format!("{FILE}: `max_file_mb` = 0 is out of range; allowed: 1 to 4096")
        );
        assert!(parse_str("measure = 20\nmax_file_mb = 4096\n").is_ok());
        assert!(parse_str("measure = 401\n").is_err());
    }

    #[test]
    fn tilde_expands_to_home() {
        let config =
            parse_str("archive = \"~/news/a.jsonl\"\nexport_dir = \"~\"\n").expect("valid");
        assert_eq!(
            config.archive,
            Some(PathBuf::from("/home/reader/news/a.jsonl"))
        );
        assert_eq!(config.export_dir, Some(PathBuf::from("/home/reader")));

        let config =
            parse_str("archive = \"~news/a.jsonl\"\nexport_dir = \"a/~/b\"\n").expect("valid");
        assert_eq!(config.archive, Some(PathBuf::from("~news/a.jsonl")));
        assert_eq!(config.export_dir, Some(PathBuf::from("a/~/b")));
    }

    #[test]
    fn tilde_without_home_is_an_error() {
        let err = parse("archive = \"~/a\"\n", Path::new(FILE), None).expect_err("no home");
        assert!(err.to_string().contains("`archive`"), "{err}");
    }

    #[test]
    fn empty_path_is_an_error() {
        let err = parse_str("export_dir = \"\"\n").expect_err("empty");
        assert_eq!(
            err.to_string(),
            format!("{FILE}: `export_dir` is empty; remove the key to use the default")
        );
    }

    #[test]
    fn keys_hold_flat_bindings_and_mode_tables() {
        let config =
            parse_str("[keys]\n\"ctrl-n\" = \"down\"\n[keys.prompt]\n\"ctrl-j\" = \"accept\"\n")
                .expect("valid");
        assert_eq!(config.keys.flat("ctrl-n"), Some("down"));
        assert_eq!(config.keys.flat("prompt"), None);
        let prompt = config.keys.mode("prompt").expect("a prompt table");
        assert_eq!(prompt.get("ctrl-j").map(String::as_str), Some("accept"));
    }

    #[test]
    fn a_key_that_is_neither_binding_nor_table_names_file_line_and_key() {
        let err = parse_str("[keys]\nj = 3\n").expect_err("a number is no action");
        let message = err.to_string();
        assert!(message.starts_with(FILE), "{message}");
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("j = 3"), "the line is quoted: {message}");
        assert!(message.contains("an action name"), "{message}");
        let err = parse_str("[keys.prompt]\nj = 3\n").expect_err("a number is no action");
        let message = err.to_string();
        assert!(
            message.contains("line 2") && message.contains("j = 3"),
            "{message}"
        );
    }

    #[test]
    fn flag_beats_env_and_empty_env_is_ignored() {
        let flag = Path::new("/flag.toml");
        let env = Some(OsString::from("/env.toml"));
        assert_eq!(
            pick_explicit(Some(flag), env.clone()),
            Some(PathBuf::from("/flag.toml"))
        );
        assert_eq!(pick_explicit(None, env), Some(PathBuf::from("/env.toml")));
        assert_eq!(pick_explicit(None, Some(OsString::new())), None);
        assert_eq!(pick_explicit(None, None), None);
    }

    #[test]
    fn config_path_prefers_the_flag() {
        let flag = Path::new("/somewhere/else.toml");
        assert_eq!(config_path(Some(flag)), Some(flag.to_path_buf()));
    }

    #[test]
    fn example_file_is_valid_as_is() {
        let config = parse_str(include_str!("../config.example.toml")).expect("example parses");
        assert_eq!(
            Config {
                source: None,
                ..config
            },
            Config::default()
        );
    }

    #[test]
    fn example_file_documents_real_keys_with_valid_values() {
        // Uncomment every `# key = value` line: the file then sets every key, and
        // deny_unknown_fields catches a documented key that does not exist.
        let uncommented: String = include_str!("../config.example.toml")
            .lines()
            .map(|line| {
                let rest = line.strip_prefix("# ").unwrap_or(line);
                let is_setting = rest.split_once(" = ").is_some_and(|(k, _)| {
                    let quoted = k.len() > 2 && k.starts_with('"') && k.ends_with('"');
                    quoted
                        || (!k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
                });
                let is_table = rest.starts_with('[') && rest.ends_with(']');
                let is_setting = is_setting || is_table;
                if is_setting { rest } else { line }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = parse_str(&uncommented).expect("uncommented example parses");
        assert!(config.archive.is_some());
        assert!(config.export_dir.is_some());
        assert_eq!(config.keys.flat("ctrl-n"), Some("down"));
        let prompt = config
            .keys
            .mode("prompt")
            .expect("the example has a [keys.prompt]");
        assert_eq!(prompt.get("ctrl-j").map(String::as_str), Some("accept"));
        assert_eq!(config.theme.quote.as_deref(), Some("green"));
        assert_eq!(config.theme.warning.as_deref(), Some("red"));
        assert_eq!(config.theme.added.as_deref(), Some("green"));
        assert_eq!(config.alerts.len(), 2);
        assert_eq!(config.notify.method, Method::Osc9);
        assert!(config.notify.command.is_some());
        assert_eq!(config.watch.folders, [Path::new("/home/reader/wires/in")]);
    }

    #[test]
    fn alerts_notify_and_watch_tables() {
        let config = parse_str(
            "[[alerts]]\nname = \"floods\"\nquery = \"flood place:nairobi\"\n\
             [notify]\nmethod = \"osc777\"\n[watch]\nfolders = [\"~/in\", \"/srv/wires\"]\n",
        )
        .expect("valid");
        assert_eq!(
            config.alerts,
            [Alert {
                name: "floods".into(),
                query: "flood place:nairobi".into()
            }]
        );
        assert_eq!(config.notify.method, Method::Osc777);
        assert_eq!(config.notify.command, None);
        assert_eq!(
            config.watch.folders,
            [Path::new("/home/reader/in"), Path::new("/srv/wires")]
        );
        let err = parse_str("[notify]\nmethod = \"pager\"\n").expect_err("bad method");
        assert!(err.to_string().contains("osc9"), "{err}");
        let err = parse_str("[[alerts]]\nname = \"x\"\nquery = \" \"\n").expect_err("empty");
        assert!(err.to_string().contains("alerts"), "{err}");
    }
}
