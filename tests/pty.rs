//! End to end in a pseudo-terminal: start the real binary, paste and type a search, open a
//! story, filter by a person from the sidebar, export to Markdown and quit; on an archive of
//! versioned stories, see what changed between versions, read an older one, and confirm the
//! export of a killed story; see a story another process imports appear in the open reader,
//! and the reader watching a folder itself import a file renamed into it and raise its alert;
//! start again on the archive's front page and type at once.
//! The screen is read through a terminal emulator, waiting for text with deadlines (never
//! sleeping and hoping).

#![cfg(all(unix, feature = "tui"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(20);

struct Screen {
    parser: vt100::Parser,
    output: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
}

impl Screen {
    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`, or fails with what it shows.
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {text:?}; the screen shows:\n{}",
                self.contents()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Waits until the screen has shown the same text for a moment: drawn completely.
    fn settle(&mut self) {
        let start = Instant::now();
        let mut last = self.contents();
        let mut stable_since = Instant::now();
        while stable_since.elapsed() < Duration::from_millis(300) {
            assert!(start.elapsed() < DEADLINE, "the screen never settled");
            self.pump(Duration::from_millis(50));
            let now = self.contents();
            if now != last {
                last = now;
                stable_since = Instant::now();
            }
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// The real binary in a 120×40 pseudo-terminal, with `home` as its home and `config` as its
/// config file, and `args` after its name.
fn start(
    home: &std::path::Path,
    config: &std::path::Path,
    args: &[&str],
) -> (Screen, Box<dyn portable_pty::Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("dateline"));
    cmd.args(args);
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("DATELINE_CONFIG", config);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);

    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let screen = Screen {
        parser: vt100::Parser::new(
            std::num::NonZero::new(40).unwrap(),
            std::num::NonZero::new(120).unwrap(),
            0,
        ),
        output: rx,
        writer: pty.master.take_writer().unwrap(),
    };
    (screen, child)
}

/// Quits with `q` and waits for the process to end by itself, cleanly.
fn quit(screen: &mut Screen, child: &mut Box<dyn portable_pty::Child + Send + Sync>) {
    quit_with(screen, child, "q");
}

/// Sends `keys` and waits for the process to end by itself, cleanly.
fn quit_with(
    screen: &mut Screen,
    child: &mut Box<dyn portable_pty::Child + Send + Sync>,
    keys: &str,
) {
    screen.send(keys);
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "dateline exited with {status:?}");
            break;
        }
        assert!(start.elapsed() < DEADLINE, "dateline did not quit");
        screen.pump(Duration::from_millis(50));
    }
}

#[test]
fn search_open_filter_export_quit() {
    let home = tempfile::tempdir().unwrap();
    let notes = home.path().join("notes");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!("export_dir = {:?}\n", notes.display().to_string()),
    )
    .unwrap();
    let (mut screen, mut child) = start(home.path(), &config, &[]);

    // A fresh machine: the embedded sample archive.
    screen.wait_for("44 stories");
    screen.wait_for("44 of 44");

    // Search, then open the story: a bracketed paste while browsing starts the query, typing
    // goes on from it.
    screen.send("\x1b[200~'galata\x1b[201~");
    screen.wait_for("/'galata");
    screen.send("saray");
    screen.wait_for("1 of 44");
    screen.send("\r");
    screen.send("\r");
    screen.wait_for("Beşiktaş");

    // Filter by a person from the sidebar: move past the quotes to the first person named.
    screen.send("\t");
    screen.wait_for("Names (");
    screen.settle();
    let text = screen.contents();
    let quotes: usize = text
        .split("Quotes (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let sidebar: Vec<String> = text
        .lines()
        .filter_map(|l| l.rsplit('│').nth(1).map(str::to_string))
        .collect();
    let names_at = sidebar
        .iter()
        .position(|l| l.starts_with("Names ("))
        .unwrap();
    let person = sidebar[names_at + 1..]
        .iter()
        .position(|l| l.starts_with("person"))
        .expect("a person in the sidebar");
    for _ in 0..quotes + person {
        screen.send("j");
    }
    screen.send("\r");
    screen.wait_for("[person: ");

    // Export the selected story to Markdown.
    screen.send("e");
    screen.wait_for("Exported to");
    let exported: Vec<_> = std::fs::read_dir(&notes).unwrap().collect();
    assert_eq!(exported.len(), 1);

    // Quit: the process ends by itself and cleanly.
    quit(&mut screen, &mut child);
}

#[test]
fn the_prompt_edits_keeps_a_history_across_runs_and_ctrl_c_quits_from_it() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let (mut screen, mut child) = start(home.path(), &config, &[]);
    screen.wait_for("44 of 44");
    // A typo at the start, mended from the end of the line: Ctrl-A, Delete, End.
    screen.send("/x'galatasaray");
    screen.wait_for("/x'galatasaray");
    screen.send("\x01\x1b[3~\x1b[F");
    screen.wait_for("/'galatasaray▏");
    screen.wait_for("1 of 44");
    // Enter keeps it; back in the prompt, Ctrl-U empties it and Ctrl-W cuts the last word.
    screen.send("\r/\x15place:lyon agency:afp");
    screen.wait_for("/place:lyon agency:afp▏");
    screen.send("\x17");
    screen.wait_for("/place:lyon ▏");
    // Ctrl-C quits from the prompt, whatever `[keys]` binds.
    quit_with(&mut screen, &mut child, "\x03");
    let history = home.path().join("data").join("dateline").join("history");
    assert_eq!(
        std::fs::read_to_string(&history).unwrap(),
        "'galatasaray\n",
        "only queries kept with Enter"
    );

    // The next run walks the history with Up.
    let (mut screen, mut child) = start(home.path(), &config, &[]);
    screen.wait_for("44 of 44");
    screen.send("/\x1b[A");
    screen.wait_for("/'galatasaray▏");
    screen.wait_for("1 of 44");
    quit_with(&mut screen, &mut child, "\x03");
}

#[test]
fn the_pipe_key_hands_the_terminal_to_its_command_and_takes_it_back() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("piped.md");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "pipe = \"cat > '{}'; echo piped $DATELINE_ID\"\n",
            out.display()
        ),
    )
    .unwrap();
    let (mut screen, mut child) = start(home.path(), &config, &[]);
    screen.wait_for("44 of 44");
    screen.send("|");
    // The command ran in the terminal; the reader waits for Enter, which goes to it alone.
    screen.wait_for("press Enter to return");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("---\nheadline: ")
    );
    screen.send("\r");
    screen.wait_for("Piped the story to");
    screen.wait_for("44 of 44");
    quit(&mut screen, &mut child);
}

/// A story in two versions (the second adds a paragraph) and a story killed by its second
/// version, as archive lines.
fn versioned_archive(path: &std::path::Path) {
    use dateline::article::{Article, Source, Status};
    let story = |item: &str, version: &str, published: &str, headline: &str, body: &[&str]| {
        let mut a = Article {
            headline: headline.into(),
            published: Some(published.into()),
            source: Source {
                item: Some(item.into()),
                ..Source::default()
            },
            paragraphs: body.iter().map(|p| (*p).to_string()).collect(),
            ..Article::default()
        };
        a.wire.version = Some(version.into());
        a.assign_id();
        a
    };
    let first = story(
        "urn:pty:dam",
        "1",
        "2026-12-02T08:00:00Z",
        "Dam opens its gates",
        &["The dam opened its gates on Monday."],
    );
    let mut second = story(
        "urn:pty:dam",
        "2",
        "2026-12-02T09:00:00Z",
        "Dam opens its gates",
        &[
            "The dam opened its gates on Monday.",
            "Villages downstream were warned.",
        ],
    );
    second.wire.advisory = Some("(Adds warning in paragraph 2)".into());
    let original = story(
        "urn:pty:fire",
        "1",
        "2026-12-02T07:00:00Z",
        "Fire at the mill",
        &["A fire broke out at the mill."],
    );
    let mut kill = story(
        "urn:pty:fire",
        "2",
        "2026-12-02T07:30:00Z",
        "KILL: Fire at the mill",
        &["Withdrawn: there was no fire."],
    );
    kill.wire.status = Some(Status::Canceled);
    kill.wire.advisory = Some("KILL: there was no fire".into());
    let lines: Vec<String> = [first, original, second, kill]
        .iter()
        .map(|a| serde_json::to_string(a).unwrap())
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn versions_older_version_and_a_killed_export() {
    let home = tempfile::tempdir().unwrap();
    let notes = home.path().join("notes");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!("export_dir = {:?}\n", notes.display().to_string()),
    )
    .unwrap();
    let archive = home.path().join("archive.jsonl");
    versioned_archive(&archive);
    let (mut screen, mut child) = start(
        home.path(),
        &config,
        &["--archive", archive.to_str().unwrap()],
    );
    screen.wait_for("2 stories (4 versions)");
    screen.wait_for("v2 Dam opens its gates");
    screen.wait_for("KILLED");

    // The dam, newest first: what its second version added.
    screen.send("v");
    screen.wait_for("What changed from v1 to v2");
    screen.wait_for("+ Villages downstream were warned.");
    // The first version, read in the pane.
    screen.send("j");
    screen.wait_for("v1: the first version");
    screen.send("\r");
    screen.wait_for("Older version — press v to see all");

    // The killed story: its export waits for the key again.
    screen.send("\t\t");
    screen.send("j");
    screen.wait_for("KILLED — KILL: there was no fire");
    screen.send("e");
    screen.wait_for("This story was killed; press e again to export anyway");
    assert!(!notes.exists(), "nothing exported yet");
    screen.send("e");
    screen.wait_for("Exported to");
    assert_eq!(std::fs::read_dir(&notes).unwrap().count(), 1);

    quit(&mut screen, &mut child);
}

/// A story file in plain agency style, written here.
fn plain_story(headline: &str, lead: &str) -> String {
    format!("{headline}\n\nLYON, Dec 2 (XNA) - {lead}\n\nMore on this later.\n")
}

/// A home with an empty config and an archive, filled by the real binary's `import`.
struct Home {
    dir: tempfile::TempDir,
    config: std::path::PathBuf,
    archive: std::path::PathBuf,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, "").unwrap();
        let archive = dir.path().join("archive.jsonl");
        Home {
            dir,
            config,
            archive,
        }
    }

    /// Writes `stories` (file name, headline, lead) as plain copy into `folder` and imports it.
    fn import(&self, folder: &str, stories: &[(&str, &str, &str)]) {
        let copy = self.dir.path().join(folder);
        std::fs::create_dir_all(&copy).unwrap();
        for (name, headline, lead) in stories {
            std::fs::write(copy.join(name), plain_story(headline, lead)).unwrap();
        }
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("dateline"))
            .arg("--archive")
            .arg(&self.archive)
            .arg("import")
            .arg(&copy)
            .env("DATELINE_CONFIG", &self.config)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }

    /// The reader on this home's archive.
    fn start(&self) -> (Screen, Box<dyn portable_pty::Child + Send + Sync>) {
        let args = ["--archive", self.archive.to_str().unwrap()];
        start(self.dir.path(), &self.config, &args)
    }
}

#[test]
fn the_open_reader_shows_a_story_another_process_imported() {
    let home = Home::new();
    home.import(
        "copy",
        &[(
            "first.txt",
            "Tram line opens in Lyon",
            "The new tram line opened on Monday.",
        )],
    );
    let (mut screen, mut child) = home.start();
    screen.wait_for("1 story ");
    screen.wait_for("Tram line opens in Lyon");
    screen.settle();

    // Another process imports a story: it appears without a key press.
    home.import(
        "later",
        &[(
            "second.txt",
            "Bridge reopens after repairs",
            "The bridge reopened to traffic on Tuesday.",
        )],
    );
    screen.wait_for("Bridge reopens after rep");
    screen.wait_for("2 stories");
    // The selection stayed on the story it was on.
    screen.wait_for("│ Tram line opens in Lyon");
    quit(&mut screen, &mut child);
}

#[test]
fn a_second_start_opens_on_the_front_page_and_keys_typed_at_once_count() {
    let home = Home::new();
    home.import(
        "copy",
        &[
            (
                "a.txt",
                "Tram line opens in Lyon",
                "The new tram line opened on Monday.",
            ),
            (
                "b.txt",
                "Bridge reopens after repairs",
                "The bridge reopened on Tuesday.",
            ),
            (
                "c.txt",
                "Harbour strike ends",
                "Dock workers went back on Wednesday.",
            ),
        ],
    );
    let (mut screen, mut child) = home.start();
    screen.wait_for("3 stories");
    quit(&mut screen, &mut child);
    let front = home.dir.path().join("archive.jsonl.front");
    assert!(front.exists(), "the first start keeps the front page");

    // Keys sent at the first frame (while the whole catalogue may still be opening): none is
    // lost, each is read in its mode.
    let (mut screen, mut child) = home.start();
    screen.wait_for("3 stories");
    screen.send("/bridge\r");
    screen.wait_for("1 of 3");
    screen.wait_for("Bridge reopens after repairs");
    assert!(!screen.contents().contains("Opening all"));
    quit(&mut screen, &mut child);
}

#[test]
fn the_reader_watching_a_folder_shows_what_lands_and_alerts() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "[[alerts]]\nname = \"bridges\"\nquery = \"bridge\"\n\n[notify]\nmethod = \"none\"\n",
    )
    .unwrap();
    let archive = home.path().join("archive.jsonl");
    let inbox = home.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(
        inbox.join("first.txt"),
        plain_story(
            "Tram line opens in Lyon",
            "The new tram line opened on Monday.",
        ),
    )
    .unwrap();
    let (mut screen, mut child) = start(
        home.path(),
        &config,
        &[
            "--archive",
            archive.to_str().unwrap(),
            "--watch",
            inbox.to_str().unwrap(),
        ],
    );
    // The file already there is imported, and the archive replaces the samples.
    screen.wait_for("Tram line opens in Lyon");
    screen.wait_for("1 story ");

    // A file renamed into the folder, as delivery clients do.
    let part = inbox.join("second.txt.part");
    std::fs::write(
        &part,
        plain_story(
            "Bridge reopens after repairs",
            "The bridge reopened to traffic on Tuesday.",
        ),
    )
    .unwrap();
    std::fs::rename(&part, inbox.join("second.txt")).unwrap();
    screen.wait_for("ALERT bridges: Bridge reopens after repairs");
    screen.wait_for("2 stories");
    quit(&mut screen, &mut child);
    // Both stories are in the archive, once each.
    let lines = std::fs::read_to_string(&archive).unwrap();
    assert_eq!(lines.lines().count(), 2);
}
