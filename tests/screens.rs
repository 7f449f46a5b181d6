//! Whole screens of the reader, drawn on ratatui's `TestBackend` at 80×24 and 120×40 and kept
//! as insta snapshots: the list, a search with its highlights, the reading pane, the sidebar,
//! the entity browser, the help overlay and a terminal too small to use. And the list's
//! highlight against the story shown, read off the screen, past the bottom of the list.

#![cfg(feature = "tui")]
#![allow(clippy::unwrap_used)] // test helpers may panic

use dateline::embedded;
use dateline::tui::action::Action;
use dateline::tui::app::App;
use dateline::tui::input::{self, Input};
use dateline::tui::theme::Theme;
use dateline::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(
        std::sync::Arc::new(embedded::catalog()),
        "built-in sample stories".into(),
        std::env::temp_dir(),
        80,
    );
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
    let listed = row[11..].trim_end().trim_end_matches('…').to_string();
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
