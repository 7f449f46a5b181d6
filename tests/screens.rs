//! Whole screens of the reader, drawn on ratatui's `TestBackend` at 80×24 and 120×40 and kept
//! as insta snapshots: the list, a search with its highlights, the reading pane, the sidebar,
//! the entity browser, the help overlay and a terminal too small to use. And the list's
//! highlight against the story shown, read off the screen, past the bottom of the list.
//!
//! Then a wire of versioned stories written here (`wire.rs`), at 100×30 and 80×24: the list's
//! times and marks, the kill banner, the versions overlay with what changed in colour. Every
//! screen is read at the same moment in UTC, so none depends on the day or the zone it runs in.

#![cfg(feature = "tui")]
#![allow(clippy::unwrap_used)] // test helpers may panic

#[path = "screens/wire.rs"]
mod wire;

use dateline::embedded;
use dateline::tui::action::Action;
use dateline::tui::app::App;
use dateline::tui::input::{self, Input};
use dateline::tui::theme::Theme;
use dateline::tui::view;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

/// An app read at `wire::NOW` in UTC.
fn at_now(app: App) -> App {
    let now = wire::now();
    app.with_clock(move || now).with_time_zone(TimeZone::UTC)
}

fn app(width: u16, height: u16) -> App {
    let mut app = at_now(App::new(
        std::sync::Arc::new(embedded::catalog()),
        "built-in sample stories".into(),
        std::env::temp_dir(),
        80,
    ));
    app.update(Action::Resize { width, height });
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| view::draw(frame, app, &Theme::default()))
        .unwrap();
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    draw(&mut terminal, app);
    terminal.backend().to_string()
}

/// A key pressed, read through the app's keymap as the runtime reads it.
fn press(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = input::action(app, Input::Event(event)) {
        app.update(action);
    }
}

fn search(app: &mut App, text: &str) {
    app.update(Action::Search);
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
    app.search_now();
}

macro_rules! both_sizes {
    ($name:ident, |$app:ident| $setup:block) => {
        #[test]
        fn $name() {
            for (w, h) in [(80, 24), (120, 40)] {
                #[allow(unused_mut)] // some screens need no setup
                let mut $app = app(w, h);
                $setup
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), screen(&$app, w, h));
            }
        }
    };
}

both_sizes!(list, |app| {});

both_sizes!(search_with_highlights, |app| {
    search(&mut app, "harbour");
});

both_sizes!(reading_pane, |app| {
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::PageDown);
});

both_sizes!(sidebar, |app| {
    app.update(Action::PrevPane);
    app.update(Action::Down);
});

both_sizes!(entity_browser, |app| {
    app.update(Action::Entities);
    for c in "ko".chars() {
        app.update(Action::Insert(c));
    }
});

both_sizes!(help, |app| {
    app.update(Action::Help);
});

both_sizes!(filtered_by_a_person, |app| {
    // Chosen in the names browser, as a user would.
    app.update(Action::Entities);
    for c in "seoul".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Open);
    app.search_now();
});

#[test]
fn tiny_terminal_shows_a_message() {
    let app = app(30, 8);
    insta::assert_snapshot!(screen(&app, 30, 8));
}

#[test]
fn wide_characters_are_measured() {
    // The Busan–Fukuoka story names places in Hangul and kanji: the sidebar's right border
    // must still stand in the last column of every row.
    let mut app = app(120, 40);
    search(&mut app, "'busan");
    app.update(Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut terminal, &app);
    let buffer = terminal.backend().buffer();
    let text = terminal.backend().to_string();
    assert!(text.contains('부'), "the story with Hangul is on screen");
    for y in 1..38 {
        let last = buffer[(119, y)].symbol();
        assert!(
            matches!(last, "│" | "┐" | "┘"),
            "row {y} ends with {last:?}"
        );
    }
}

/// The highlighted list row's headline and the reading pane's headline, read off the screen.
fn highlighted_and_shown(terminal: &Terminal<TestBackend>) -> (String, String) {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let row_text = |y: u16, from: u16, to: u16| -> String {
        (from..to)
            .map(|x| buffer[(x, y)].symbol())
            .collect::<String>()
    };
    // The reading pane: the column whose top border carries " Story ".
    let top = row_text(1, 0, area.width);
    let story_col = top.find("┌ Story").expect("the reading pane is on screen");
    let story_x = u16::try_from(top[..story_col].chars().count()).unwrap();
    let selection = Theme::default().selection.bg;
    let highlighted: Vec<u16> = (2..area.height - 3)
        .filter(|&y| buffer[(1, y)].bg == selection.unwrap())
        .collect();
    assert_eq!(highlighted.len(), 1, "one highlighted row: {highlighted:?}");
    let row = row_text(highlighted[0], 1, story_x - 1);
    // Drop the date column and the ellipsis of a cut headline.
    let listed = row[12..].trim_end().trim_end_matches('…').to_string();
    let pane: Vec<String> = (2..area.height - 3)
        .map(|y| row_text(y, story_x + 1, area.width - 1).trim().to_string())
        .take_while(|line| !line.is_empty())
        .collect();
    (listed, pane.join(" "))
}

/// Regression: at 80×24 the state paged by 20 rows while the list showed 19, so past the
/// bottom the highlight sat on one story and the pane showed the next.
#[test]
fn highlighted_row_is_the_story_shown_past_the_bottom_edge() {
    let (w, h) = (80, 24);
    let mut app = app(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut keys = vec![KeyCode::Char('j'); 30];
    keys.extend([
        KeyCode::Char('G'),
        KeyCode::PageUp,
        KeyCode::Char('g'),
        KeyCode::PageDown,
        KeyCode::PageDown,
        KeyCode::Char(' '),
    ]);
    keys.extend(vec![KeyCode::Char('k'); 5]);
    keys.extend([KeyCode::PageDown; 3]);
    keys.extend(vec![KeyCode::Char('j'); 3]);
    for (i, key) in keys.into_iter().enumerate() {
        press(&mut app, key);
        draw(&mut terminal, &app);
        let (listed, shown) = highlighted_and_shown(&terminal);
        assert!(
            !listed.is_empty() && shown.starts_with(&listed),
            "step {i} ({key:?}): the list highlights {listed:?} but the pane shows {shown:?}"
        );
    }
    assert_eq!(
        app.selected(),
        app.rows().len() - 1,
        "it ended on the last story"
    );
}

/// The wire's app at `width`×`height`, and the folder its archive lives in.
fn wire_app(width: u16, height: u16) -> (tempfile::TempDir, App) {
    let (dir, catalog) = wire::catalog();
    let mut app = at_now(App::new(
        std::sync::Arc::new(catalog),
        "wire.jsonl".into(),
        dir.path().to_path_buf(),
        80,
    ));
    app.update(Action::Resize { width, height });
    (dir, app)
}

/// Selects the story whose headline starts with `headline`.
fn select(app: &mut App, headline: &str) {
    app.update(Action::Top);
    for _ in 0..app.rows().len() {
        let doc = app.selected_doc().unwrap();
        if app.catalog().headline(doc).starts_with(headline) {
            return;
        }
        app.update(Action::Down);
    }
    panic!("no story {headline:?}");
}

fn terminal(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    draw(&mut terminal, app);
    terminal
}

/// Where `text` starts on screen (column, row).
fn find(terminal: &Terminal<TestBackend>, text: &str) -> (u16, u16) {
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let cells: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let line: String = cells.concat();
        if let Some(at) = line.find(text) {
            let column = line[..at].chars().count();
            return (u16::try_from(column).unwrap(), y);
        }
    }
    panic!("{text:?} is not on screen:\n{}", terminal.backend());
}

const WIRE_SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

#[test]
fn wire_list_with_versions_kills_and_an_embargo() {
    for (w, h) in WIRE_SIZES {
        let (_dir, app) = wire_app(w, h);
        let terminal = terminal(&app, w, h);
        let text = terminal.backend().to_string();
        for mark in [
            "v3 corr",
            "KILLED",
            "emb 2h10m",
            "held",
            "12-02 09:40",
            "2025-11-20",
            " 6 of 6 ",
        ] {
            assert!(text.contains(mark), "{mark:?} at {w}×{h}:\n{text}");
        }
        let kill = find(&terminal, "KILLED");
        let cell = &terminal.backend().buffer()[kill];
        assert_eq!(cell.fg, Color::Red, "the kill mark is red");
        assert!(cell.modifier.contains(Modifier::BOLD));
        let received = find(&terminal, "12-02 07:45");
        let cell = &terminal.backend().buffer()[received];
        assert!(
            cell.modifier.contains(Modifier::ITALIC) && cell.fg == Color::DarkGray,
            "undated copy shows when it arrived, dimmed: {cell:?}"
        );
        insta::assert_snapshot!(format!("wire_list_{w}x{h}"), text);
    }
}

#[test]
fn wire_reading_pane_with_the_kill_banner() {
    for (w, h) in WIRE_SIZES {
        let (_dir, mut app) = wire_app(w, h);
        select(&mut app, "KILL: Bridge");
        app.update(Action::Open);
        let terminal = terminal(&app, w, h);
        let banner = find(&terminal, "KILLED — KILL:");
        let cell = &terminal.backend().buffer()[banner];
        assert_eq!(cell.fg, Color::Red);
        insta::assert_snapshot!(
            format!("wire_kill_banner_{w}x{h}"),
            terminal.backend().to_string()
        );
    }
}

#[test]
fn wire_reading_an_older_version() {
    let (_dir, mut app) = wire_app(100, 30);
    select(&mut app, "Floods");
    app.update(Action::Versions);
    app.update(Action::Down);
    app.update(Action::Open);
    let terminal = terminal(&app, 100, 30);
    let text = terminal.backend().to_string();
    assert!(
        text.contains("Older version — press v to see all"),
        "{text}"
    );
    assert!(text.contains("version 2 of 3 (UPDATE 1)"), "{text}");
    insta::assert_snapshot!("wire_older_version_100x30", text);
}

#[test]
fn wire_versions_overlay_with_what_changed_in_colour() {
    for (w, h) in WIRE_SIZES {
        let (_dir, mut app) = wire_app(w, h);
        select(&mut app, "Floods");
        press(&mut app, KeyCode::Char('v'));
        // The second version: the mayor's quote came in, a paragraph was rewritten.
        press(&mut app, KeyCode::Char('j'));
        let terminal = terminal(&app, w, h);
        let buffer = terminal.backend().buffer();
        let added = find(&terminal, "+ “We are doing");
        assert_eq!(buffer[added].fg, Color::Green, "added in green");
        let (x, y) = find(&terminal, "kept rising");
        assert_eq!(buffer[(x, y)].fg, Color::Green, "words put in, in green");
        insta::assert_snapshot!(
            format!("wire_versions_{w}x{h}"),
            terminal.backend().to_string()
        );
        if (w, h) == (100, 30) {
            // The colours themselves, cell by cell.
            insta::assert_debug_snapshot!("wire_versions_100x30_styles", buffer);
        }
        // The newest version corrected a name: the old one struck through, in red.
        press(&mut app, KeyCode::Char('k'));
        let newest = self::terminal(&app, w, h);
        let buffer = newest.backend().buffer();
        let (x, y) = find(&newest, "Jane");
        let struck = &buffer[(x, y)];
        assert_eq!(struck.fg, Color::Red, "words taken out, in red");
        assert!(
            struck.modifier.contains(Modifier::CROSSED_OUT),
            "and struck through"
        );
        let (x, y) = find(&newest, "John");
        assert_eq!(buffer[(x, y)].fg, Color::Green, "the new name, in green");
    }
}

#[test]
fn wire_versions_overlay_headline_and_quote_changes() {
    let (_dir, mut app) = wire_app(100, 30);
    select(&mut app, "Floods");
    press(&mut app, KeyCode::Char('v'));
    let terminal = terminal(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    let old = find(&terminal, "- Floods close roads in the north");
    assert_eq!(buffer[old].fg, Color::Red);
    assert!(buffer[old].modifier.contains(Modifier::BOLD), "a headline");
    let new = find(&terminal, "+ Floods close roads and schools");
    assert_eq!(buffer[new].fg, Color::Green);
    let text = terminal.backend().to_string();
    assert!(text.contains("was Jane Example, now John Sample"), "{text}");
    assert!(text.contains("What changed from v2 to v3"), "{text}");
}

/// The list's columns at ordinary widths: the agency from 100 columns, the place when there
/// is room, the year with the time on the widest; sorted by agency, the title says so.
#[test]
fn list_columns_at_ordinary_widths_and_sorted_by_agency() {
    for (w, h) in [(100, 12), (140, 12), (190, 12)] {
        let app = app(w, h);
        insta::assert_snapshot!(format!("list_columns_{w}x{h}"), screen(&app, w, h));
    }
    let mut app = app(100, 12);
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('t'));
    app.search_now();
    insta::assert_snapshot!("list_sorted_by_agency_100x12", screen(&app, 100, 12));
}
