//! Whole screens of the reader, drawn on ratatui's `TestBackend` at 80×24 and 120×40 and kept
//! as insta snapshots: the list, a search with its highlights, the reading pane, the sidebar,
//! the entity browser, the help overlay and a terminal too small to use.

#![cfg(feature = "tui")]
#![allow(clippy::unwrap_used)] // test helpers may panic

use dateline::embedded;
use dateline::tui::action::Action;
use dateline::tui::app::App;
use dateline::tui::keymap::Keymap;
use dateline::tui::theme::Theme;
use dateline::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(
        std::sync::Arc::new(embedded::catalog()),
        "built-in sample stories".into(),
        std::env::temp_dir(),
        80,
    );
    app.size = (width, height);
    app
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, app, &Theme::default(), &Keymap::default()))
        .unwrap();
    terminal.backend().to_string()
}

fn search(app: &mut App, text: &str) {
    app.update(Action::Search);
    for c in text.chars() {
        app.type_char(c);
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
        app.type_char(c);
    }
});

both_sizes!(help, |app| {
    app.update(Action::Help);
});

both_sizes!(filtered_by_a_person, |app| {
    app.add_filter(dateline::tui::app::Filter {
        kind: dateline::article::EntityKind::Place,
        name: "Seoul".into(),
    });
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
    terminal
        .draw(|frame| view::draw(frame, &app, &Theme::default(), &Keymap::default()))
        .unwrap();
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
