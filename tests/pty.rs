//! End to end in a pseudo-terminal: start the real binary, paste and type a search, open a
//! story, filter by a person from the sidebar, export to Markdown and quit, reading the screen
//! through a terminal emulator and waiting for text with deadlines (never sleeping and hoping).

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

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("dateline"));
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("DATELINE_CONFIG", &config);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
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
    let mut screen = Screen {
        parser: vt100::Parser::new(
            std::num::NonZero::new(40).unwrap(),
            std::num::NonZero::new(120).unwrap(),
            0,
        ),
        output: rx,
        writer: pty.master.take_writer().unwrap(),
    };

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
    screen.send("q");
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
