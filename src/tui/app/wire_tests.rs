//! State tests on a wire of versioned stories (`tui::fixtures`), read at a fixed time in UTC:
//! the versions overlay, reading an older version, the banners above the story, the
//! press-again confirmation before killed, withheld or embargoed copy is exported or copied,
//! and when the runtime is asked to wake for a countdown.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::config::KeysConfig;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::fixtures;
use crate::tui::input::{self, Input};
use crate::tui::keymap::Keymap;
use crate::tui::mode::{Mode, Overlay, Pane};

/// The wire, read at `fixtures::NOW` (or what `clock` says), exporting into `dir`.
fn wire(dir: &Path, clock: &Rc<Cell<Timestamp>>) -> App {
    let clock = Rc::clone(clock);
    let mut app = App::new(
        Arc::new(fixtures::catalog()),
        "wire".into(),
        dir.to_path_buf(),
        80,
    )
    .with_clock(move || clock.get())
    .with_time_zone(TimeZone::UTC);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn clock() -> Rc<Cell<Timestamp>> {
    Rc::new(Cell::new(fixtures::now()))
}

fn press(app: &mut App, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    if let Some(action) = input::action(app, Input::Event(event)) {
        app.update(action);
    }
}

fn key(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = input::action(app, Input::Event(event)) {
        app.update(action);
    }
}

/// Selects the story whose headline starts with `headline`.
fn select(app: &mut App, headline: &str) {
    app.update(Action::Top);
    for _ in 0..app.rows().len() {
        if app
            .catalog()
            .headline(app.selected_doc().unwrap())
            .starts_with(headline)
        {
            return;
        }
        app.update(Action::Down);
    }
    panic!("no story {headline:?}");
}

fn texts(lines: &[crate::tui::reader::Line]) -> Vec<String> {
    lines.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn one_row_per_story_newest_version_first() {
    let dir = tempfile::tempdir().unwrap();
    let app = wire(dir.path(), &clock());
    assert_eq!(app.rows().len(), 6);
    assert_eq!(app.catalog().stories(), 6);
    assert_eq!(app.catalog().len(), 9, "every version is in the catalogue");
    let headlines: Vec<&str> = app
        .rows()
        .iter()
        .map(|&d| app.catalog().headline(d))
        .collect();
    assert_eq!(
        headlines[..3],
        [
            "Central bank to cut rates, report says",
            "Floods close roads and schools in the north",
            "KILL: Bridge collapses after storm",
        ]
    );
}

#[test]
fn v_lists_the_versions_and_shows_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = wire(dir.path(), &clock());
    select(&mut app, "Floods");
    press(&mut app, 'v');
    assert_eq!(app.mode(), Mode::Versions);
    assert_eq!(app.overlay(), Overlay::Versions { count: 3 });
    let newest_first: Vec<Option<&str>> = app
        .versions()
        .rows()
        .iter()
        .map(|n| app.catalog().version_label(n.doc))
        .collect();
    assert_eq!(newest_first, [Some("UPDATE 2"), Some("UPDATE 1"), None]);
    assert_eq!(app.versions().selected(), 0, "the version read is selected");

    let changes = texts(&app.version_changes());
    assert_eq!(changes[0], "- Floods close roads in the north");
    assert_eq!(changes[1], "+ Floods close roads and schools in the north");
    assert!(
        changes
            .iter()
            .any(|l| l.starts_with("+ Schools in three towns")),
        "{changes:#?}"
    );
    assert!(
        changes
            .iter()
            .any(|l| l.contains("was Jane Example, now John Sample")),
        "the quote given to someone else: {changes:#?}"
    );

    // The version before: the mayor's quote came in, a paragraph was rewritten.
    press(&mut app, 'j');
    assert_eq!(app.versions().selected(), 1);
    assert_eq!(app.versions().scroll(), 0);
    let changes = texts(&app.version_changes());
    assert!(
        changes
            .iter()
            .any(|l| l.starts_with("~ Rivers rose overnight")),
        "{changes:#?}"
    );
    assert!(
        changes
            .iter()
            .any(|l| l.starts_with("+ “We are doing all we can,”")),
        "{changes:#?}"
    );
    let done = app.versions().layouts();
    app.version_changes();
    app.version_changes();
    assert_eq!(app.versions().layouts(), done, "laid out once per version");

    // The first version has nothing before it.
    press(&mut app, 'G');
    let changes = texts(&app.version_changes());
    assert!(changes.iter().any(|l| l.contains("The first version")));
    press(&mut app, 'j');
    assert_eq!(app.versions().selected(), 2, "the list ends at the first");

    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn enter_reads_an_older_version_until_the_selection_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = wire(dir.path(), &clock());
    select(&mut app, "Floods");
    let newest = app.selected_doc().unwrap();
    press(&mut app, 'v');
    press(&mut app, 'j');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.pane(), Pane::Reader);
    let older = app.current_doc().unwrap();
    assert_ne!(older, newest);
    assert_eq!(app.selected_doc(), Some(newest), "the list keeps the story");
    assert_eq!(app.catalog().version_label(older), Some("UPDATE 1"));
    let lines = texts(&app.document().lines);
    assert!(
        lines.contains(&"Older version — press v to see all".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("version 2 of 3 (UPDATE 1)")),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"(Adds mayor's comment in paragraph 3)".to_string()),
        "the advisory of the version shown: {lines:#?}"
    );
    // v from the story selects the version being read.
    press(&mut app, 'v');
    assert_eq!(app.versions().selected(), 1);
    press(&mut app, 'k');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.current_doc(), Some(newest), "the newest read again");
    // Moving to another story and back shows the newest.
    press(&mut app, 'v');
    press(&mut app, 'j');
    key(&mut app, KeyCode::Enter);
    assert_ne!(app.current_doc(), Some(newest));
    app.update(Action::PrevPane);
    assert_eq!(app.pane(), Pane::List);
    app.update(Action::Down);
    app.update(Action::Up);
    assert_eq!(app.current_doc(), Some(newest));
}

#[test]
fn a_story_with_one_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = wire(dir.path(), &clock());
    select(&mut app, "Harbour");
    press(&mut app, 'v');
    assert_eq!(app.overlay(), Overlay::None);
    assert!(
        app.status().unwrap().contains("one version"),
        "{:?}",
        app.status()
    );
}

#[test]
fn banners_say_killed_corrected_embargoed_and_withheld() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = wire(dir.path(), &clock());
    for (headline, banner) in [
        ("KILL: Bridge", "KILLED — KILL: a bridge did not collapse"),
        (
            "Floods",
            "CORRECTED — CORRECTS name of mayor in paragraph 3",
        ),
        ("Central bank", "EMBARGOED until 12:10 (2h 10m left)"),
        (
            "Minister",
            "WITHHELD — held back for now: do not use it yet",
        ),
    ] {
        select(&mut app, headline);
        let first = app.document().lines[0].text.clone();
        assert_eq!(first, banner);
    }
    select(&mut app, "Harbour");
    assert_eq!(
        app.document().lines[0].text,
        "Harbour reopens after dredging",
        "usable copy has no banner"
    );
}

#[test]
fn export_and_copy_of_killed_copy_wait_for_the_key_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = wire(dir.path(), &clock());
    select(&mut app, "KILL: Bridge");
    press(&mut app, 'e');
    let status = app.status().unwrap();
    assert_eq!(
        status,
        "This story was killed; press e again to export anyway"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Another key in between: asked again.
    app.update(Action::Down);
    app.update(Action::Up);
    press(&mut app, 'e');
    assert!(app.status().unwrap().contains("press e again"));
    press(&mut app, 'e');
    assert!(
        app.status().unwrap().starts_with("Exported to "),
        "{:?}",
        app.status()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Exported once more: the file is there, so the overwrite is asked for in turn.
    press(&mut app, 'e');
    assert!(app.status().unwrap().contains("again to overwrite"));

    press(&mut app, 'y');
    assert!(app.take_effects().is_empty(), "nothing copied yet");
    assert_eq!(
        app.status().unwrap(),
        "This story was killed; press y again to copy anyway"
    );
    press(&mut app, 'y');
    assert!(matches!(app.take_effects().as_slice(), [Effect::Copy(_)]));
}

#[test]
fn embargoed_copy_waits_until_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let time = clock();
    let mut app = wire(dir.path(), &time);
    select(&mut app, "Central bank");
    press(&mut app, 'y');
    assert_eq!(
        app.status().unwrap(),
        "Embargoed until 12:10 (2h 10m left); press y again to copy anyway"
    );
    assert!(app.take_effects().is_empty());
    time.set("2026-12-02T12:10:00Z".parse().unwrap());
    app.update(Action::Down);
    app.update(Action::Up);
    press(&mut app, 'y');
    assert!(
        matches!(app.take_effects().as_slice(), [Effect::Copy(_)]),
        "the embargo has lifted: {:?}",
        app.status()
    );
    // Withheld copy asks too.
    select(&mut app, "Minister");
    press(&mut app, 'e');
    assert!(
        app.status()
            .unwrap()
            .starts_with("This story is withheld; press e again"),
        "{:?}",
        app.status()
    );
}

#[test]
fn the_caution_names_the_rebound_key() {
    #[derive(serde::Deserialize)]
    struct File {
        keys: KeysConfig,
    }
    let dir = tempfile::tempdir().unwrap();
    let keys = toml::from_str::<File>("[keys.list]\nc = \"copy\"\n")
        .unwrap()
        .keys;
    let keymap = Keymap::from_config(&keys, Path::new("c.toml")).unwrap();
    let mut app = wire(dir.path(), &clock()).with_keymap(keymap);
    select(&mut app, "KILL: Bridge");
    press(&mut app, 'c');
    let status = app.status().unwrap();
    assert!(status.contains("press c again to copy"), "{status}");
}

#[test]
fn the_runtime_is_woken_only_while_a_countdown_is_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let time = clock();
    let mut app = wire(dir.path(), &time);
    assert_eq!(
        app.wake_in(),
        Some(Duration::from_secs(60) + Duration::from_millis(5)),
        "2h 10m left: the minute changes in a minute"
    );
    time.set("2026-12-02T10:00:30.5Z".parse().unwrap());
    assert_eq!(
        app.wake_in(),
        Some(Duration::from_millis(29_500 + 5)),
        "halfway through the minute"
    );
    assert!(app.update(Action::Tick), "a tick draws again");
    time.set("2026-12-02T12:10:00Z".parse().unwrap());
    app.update(Action::Tick);
    assert_eq!(
        app.wake_in(),
        None,
        "the embargo has lifted: nothing counts down"
    );

    let samples = App::new(
        Arc::new(crate::embedded::catalog()),
        "samples".into(),
        dir.path().to_path_buf(),
        80,
    );
    assert_eq!(samples.wake_in(), None, "an idle reader sleeps");
}
