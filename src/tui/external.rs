//! Programs the reader hands a story to: its link to the browser, its source file to the
//! editor, its Markdown to the configured pipe command. A program that uses the terminal runs
//! in it with the reader suspended (the event thread paused, the screen given back), and the
//! reader takes the terminal again when it ends; a desktop opener runs detached.

use std::io::{BufRead as _, Write as _};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// Open a web address: in `$BROWSER` (waited for, in the terminal), else with the
    /// desktop's opener (`xdg-open`, `open` on macOS), detached.
    Link(String),
    /// Edit a file in `$VISUAL`, else `$EDITOR`, else `vi`, waited for.
    Edit(PathBuf),
    /// Run `command` with `sh -c`, the story's Markdown on its stdin and its fields in the
    /// environment, waited for; then, when `confirm`, Enter returns to the reader (so its
    /// output can be read).
    Pipe {
        command: String,
        input: String,
        env: Vec<(&'static str, String)>,
        confirm: bool,
    },
}

impl External {
    /// Whether it takes the terminal (the reader steps aside while it runs).
    pub fn takes_terminal(&self) -> bool {
        match self {
            External::Link(_) => browser().is_some(),
            External::Edit(_) | External::Pipe { .. } => true,
        }
    }

    /// Runs it (the caller has given the terminal back when [`External::takes_terminal`]);
    /// what to say in the status line.
    pub fn run(&self) -> Result<String, String> {
        match self {
            External::Link(url) => {
                if let Some(browser) = browser() {
                    let status = shell(&format!("{browser} \"$DATELINE_URL\""))
                        .env("DATELINE_URL", url)
                        .status()
                        .map_err(|e| format!("Could not start $BROWSER ({browser}): {e}"))?;
                    return done(status, &format!("Opened {url}"), "$BROWSER");
                }
                let opener = if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                };
                let mut child = Command::new(opener)
                    .arg(url)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .map_err(|e| {
                        format!("Could not start {opener} for {url}: {e}; set $BROWSER")
                    })?;
                // Reaped on a thread: the opener may outlive the moment.
                std::thread::spawn(move || child.wait());
                Ok(format!("Opened {url}"))
            }
            External::Edit(path) => {
                let editor = editor();
                let status = shell(&format!("{editor} \"$DATELINE_FILE\""))
                    .env("DATELINE_FILE", path)
                    .status()
                    .map_err(|e| format!("Could not start the editor ({editor}): {e}"))?;
                done(status, &format!("Edited {}", path.display()), &editor)
            }
            External::Pipe {
                command,
                input,
                env,
                confirm,
            } => {
                let mut child = shell(command)
                    .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
                    .stdin(Stdio::piped())
                    .spawn()
                    .map_err(|e| format!("Could not start the pipe command: {e}"))?;
                if let Some(mut stdin) = child.stdin.take() {
                    // A command that stops reading early is not an error of ours.
                    let _ = stdin.write_all(input.as_bytes());
                }
                let status = child
                    .wait()
                    .map_err(|e| format!("The pipe command failed: {e}"))?;
                if *confirm {
                    print!("\n[dateline: press Enter to return]");
                    let _ = std::io::stdout().flush();
                    let _ = std::io::stdin().lock().read_line(&mut String::new());
                }
                done(status, &format!("Piped the story to `{command}`"), command)
            }
        }
    }
}

fn shell(command: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command);
    cmd
}

fn done(status: std::process::ExitStatus, ok: &str, what: &str) -> Result<String, String> {
    if status.success() {
        Ok(ok.to_string())
    } else {
        Err(format!("`{what}` ended with {status}"))
    }
}

fn browser() -> Option<String> {
    std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
}

fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string())
}

/// The event thread's pause: while a program has the terminal, the thread stops reading
/// (its keys are the program's).
#[derive(Debug, Default)]
pub struct Pause {
    paused: AtomicBool,
    /// Set by the event thread once it has stopped reading.
    idle: AtomicBool,
}

impl Pause {
    pub fn new() -> Arc<Pause> {
        Arc::new(Pause::default())
    }

    /// Asks the event thread to stop reading, and waits (briefly) until it has.
    pub fn hold(&self) {
        self.paused.store(true, Ordering::SeqCst);
        let start = Instant::now();
        while !self.idle.load(Ordering::SeqCst) && start.elapsed() < Duration::from_millis(300) {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Lets the event thread read again.
    pub fn release(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    /// For the event thread: whether to read now (it says it is idle when not).
    pub fn may_read(&self) -> bool {
        let paused = self.paused.load(Ordering::SeqCst);
        self.idle.store(paused, Ordering::SeqCst);
        !paused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipe_command_gets_the_story_on_stdin_and_its_fields_in_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.txt");
        let run = External::Pipe {
            command: format!(
                "cat > '{}'; echo \"$DATELINE_ID\" >> '{}'",
                out.display(),
                out.display()
            ),
            input: "# Headline\n".into(),
            env: vec![("DATELINE_ID", "abc123".into())],
            confirm: false,
        };
        assert!(run.takes_terminal());
        let said = run.run();
        assert!(said.is_ok(), "{said:?}");
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "# Headline\nabc123\n"
        );
        let failing = External::Pipe {
            command: "exit 3".into(),
            input: String::new(),
            env: Vec::new(),
            confirm: false,
        };
        assert!(failing.run().unwrap_err().contains("exit"));
    }

    #[test]
    fn the_pause_is_taken_and_given_back() {
        let pause = Pause::new();
        assert!(pause.may_read());
        let reader = Arc::clone(&pause);
        let thread = std::thread::spawn(move || {
            while reader.may_read() {
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        pause.hold();
        thread.join().unwrap();
        assert!(!pause.may_read());
        pause.release();
        assert!(pause.may_read());
    }
}
