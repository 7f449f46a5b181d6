//! State tests: the app driven by actions alone (keys through the keymap where the key is
//! what matters), searches run in place with `search_now`.

use std::path::Path;
use std::sync::Arc;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::config::KeysConfig;
use crate::embedded;
use crate::search::Session;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, SidebarItem};
use crate::tui::input::{self, Input};
use crate::tui::keymap::Keymap;
use crate::tui::mode::{Mode, Overlay, Pane};

fn app() -> App {
    let dir = std::env::temp_dir().join(format!("dateline-app-test-{}", std::process::id()));
    App::new(Arc::new(embedded::catalog()), "samples".into(), dir, 80)
}

/// A key pressed, read through the app's keymap in its current mode.
fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    if let Some(action) = input::action(app, Input::Event(event)) {
        app.update(action);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn type_query(app: &mut App, text: &str) {
    app.update(Action::Search);
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
    app.search_now();
    app.update(Action::Accept);
}

/// Asserts the status line starts with `text`.
fn says_first(app: &App, text: &str) {
    let status = app.status().unwrap_or_default();
    assert!(status.starts_with(text), "{status:?}");
}

/// Asserts the status line says `text`.
fn says(app: &App, text: &str) {
    let status = app.status().unwrap_or_default();
    assert!(status.contains(text), "{status:?}");
}

fn keys(text: &str) -> KeysConfig {
    #[derive(serde::Deserialize)]
    struct File {
        keys: KeysConfig,
    }
    toml::from_str::<File>(text).unwrap().keys
}

#[test]
fn search_narrows_and_esc_clears_without_quitting() {
    let mut app = app();
    let all = app.rows().len();
    type_query(&mut app, "'galatasaray");
    assert_eq!(app.rows().len(), 1);
    assert!(app.current().unwrap().headline.contains("Galatasaray"));
    let headline = app.catalog().headline(app.rows()[0]);
    assert!(
        !crate::search::highlight::headline_matches(app.typed(), headline, app.matcher())
            .is_empty(),
        "matched letters are marked"
    );
    app.update(Action::Back);
    app.search_now();
    assert_eq!(app.rows().len(), all);
    for _ in 0..5 {
        app.update(Action::Back);
    }
    assert!(!app.quitting(), "Esc never quits");
    app.update(Action::Quit);
    assert!(app.quitting());
}

#[test]
fn typed_characters_edit_the_query_and_search() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    assert_eq!(app.mode(), Mode::Prompt);
    typed(&mut app, "'galatasaray");
    assert_eq!(
        app.query(),
        "'galatasaray",
        "j, q and friends type themselves"
    );
    assert!(!app.quitting());
    let searches = app.take_effects();
    assert_eq!(
        searches.len(),
        1,
        "one search waits, the newest: {searches:?}"
    );
    press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(app.query(), "'galatasara");
    press(&mut app, KeyCode::Char('y'), KeyModifiers::SHIFT);
    assert_eq!(app.query(), "'galatasaray");
    app.search_now();
    assert_eq!(app.rows().len(), 1);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        app.mode(),
        Mode::List,
        "enter keeps the query and leaves the prompt"
    );
    assert_eq!(app.query(), "'galatasaray");
    app.update(Action::Search);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.query(), "", "esc clears the query");
    assert_eq!(app.mode(), Mode::Prompt);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.mode(), Mode::List, "esc on an empty query stops typing");
}

#[test]
fn ctrl_n_and_ctrl_j_move_the_list_while_typing() {
    let mut app = app();
    app.update(Action::Search);
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(app.selected(), 2);
    assert_eq!(app.query(), "");
    assert_eq!(app.mode(), Mode::Prompt);
}

#[test]
fn a_prompt_binding_from_the_config_accepts_the_query() {
    let keymap = Keymap::from_config(
        &keys("[keys.prompt]\n\"ctrl-j\" = \"accept\"\n\"ctrl-h\" = \"erase\"\n"),
        Path::new("c.toml"),
    )
    .unwrap();
    let mut app = app().with_keymap(keymap);
    app.update(Action::Search);
    typed(&mut app, "harbour");
    press(&mut app, KeyCode::Char('h'), KeyModifiers::CONTROL);
    assert_eq!(app.query(), "harbou");
    press(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(app.mode(), Mode::List, "ctrl-j accepted the query");
    assert_eq!(app.query(), "harbou");
}

#[test]
fn stale_results_are_dropped() {
    let mut app = app();
    app.update(Action::Search);
    app.update(Action::Insert('x'));
    let Some(Effect::Search(old)) = app.take_effects().pop() else {
        panic!("typing asks for a search");
    };
    app.update(Action::Insert('y'));
    let docs = Session::default()
        .run(app.catalog(), &old.text, &|| false)
        .unwrap();
    let redraw = app.update(Action::Searched {
        generation: old.generation,
        docs,
    });
    assert!(!redraw, "stale results change nothing");
    assert_eq!(
        app.rows().len(),
        app.catalog().len(),
        "the older query's results were ignored"
    );
    app.search_now();
    assert!(app.rows().len() < app.catalog().len());
}

#[test]
fn paste_types_into_the_prompt_and_starts_one_from_the_list() {
    let mut app = app();
    app.update(Action::Paste("galata\r\nsaray".into()));
    assert_eq!(
        app.mode(),
        Mode::Prompt,
        "a paste while browsing starts a query"
    );
    assert_eq!(
        app.query(),
        "galata saray",
        "a line break becomes one space"
    );
    assert_eq!(app.take_effects().len(), 1);
    app.update(Action::Clear);
    app.update(Action::Paste("'galatasaray".into()));
    app.search_now();
    assert_eq!(app.rows().len(), 1);
    app.update(Action::Accept);
    app.update(Action::Entities);
    app.update(Action::Paste("Galatasaray".into()));
    assert_eq!(app.names().query(), "Galatasaray");
    assert_eq!(
        app.query(),
        "'galatasaray",
        "the names browser got the paste"
    );
}

#[test]
fn moving_keeps_the_selection_visible() {
    let mut app = app();
    app.update(Action::Resize {
        width: 80,
        height: 14,
    });
    let rows = app.layout().list_rows;
    app.update(Action::Bottom);
    assert_eq!(app.selected(), app.rows().len() - 1);
    assert!(app.selected() >= app.list_offset() && app.selected() < app.list_offset() + rows);
    app.update(Action::Top);
    assert_eq!((app.selected(), app.list_offset()), (0, 0));
    app.update(Action::HalfPageDown);
    assert_eq!(app.selected(), rows / 2);
    app.update(Action::PageUp);
    assert_eq!(app.selected(), 0);
}

#[test]
fn resize_relays_out_and_keeps_the_selection_on_screen() {
    let mut app = app();
    for _ in 0..30 {
        app.update(Action::Down);
    }
    assert!(app.update(Action::Resize {
        width: 60,
        height: 12,
    }));
    assert_eq!(app.layout().screen.height, 12);
    let rows = app.layout().list_rows;
    assert_eq!(rows, 12 - 5);
    assert!(app.selected() >= app.list_offset() && app.selected() < app.list_offset() + rows);
    assert!(
        !app.update(Action::Resize {
            width: 60,
            height: 12,
        }),
        "the same size again needs no drawing"
    );
    let narrow = app.document().width;
    app.update(Action::Resize {
        width: 200,
        height: 50,
    });
    assert!(
        app.document().width >= narrow,
        "the story is laid out for the new width"
    );
}

#[test]
fn a_click_selects_the_row_under_it() {
    let mut app = app();
    let list = app.layout().list.unwrap().inner;
    assert!(app.update(Action::Click {
        column: list.x + 2,
        row: list.y + 3,
    }));
    assert_eq!(app.selected(), 3);
    // Scrolled down, a click counts from the first row shown.
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let offset = app.list_offset();
    assert!(offset > 0);
    app.update(Action::Click {
        column: list.x,
        row: list.y,
    });
    assert_eq!(app.selected(), offset);
    // On the story: the focus moves there, the selection stays.
    let reader = app.layout().reader.inner;
    app.update(Action::Click {
        column: reader.x,
        row: reader.y,
    });
    assert_eq!((app.pane(), app.selected()), (Pane::Reader, offset));
    assert!(
        !app.update(Action::Click { column: 0, row: 0 }),
        "the title is nothing to click"
    );
}

#[test]
fn the_wheel_moves_what_is_under_it_and_not_the_focus() {
    let mut app = app();
    let list = app.layout().list.unwrap().inner;
    let reader = app.layout().reader.inner;
    app.update(Action::Wheel {
        column: list.x,
        row: list.y,
        down: true,
    });
    assert_eq!(app.selected(), 3);
    app.update(Action::Wheel {
        column: reader.x,
        row: reader.y,
        down: true,
    });
    assert_eq!(app.reader_scroll(), 3);
    app.update(Action::Wheel {
        column: reader.x,
        row: reader.y,
        down: false,
    });
    assert_eq!(app.reader_scroll(), 0);
    assert_eq!(app.pane(), Pane::List, "the wheel does not move the focus");
}

#[test]
fn sidebar_entity_filters_the_archive_and_the_filter_is_removable() {
    let mut app = app();
    let all = app.rows().len();
    app.update(Action::NextPane);
    app.update(Action::NextPane);
    assert_eq!(app.pane(), Pane::Sidebar);
    let first_entity = app
        .sidebar_items()
        .iter()
        .position(|i| matches!(i, SidebarItem::Entity(_)))
        .unwrap();
    for _ in 0..first_entity {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    app.search_now();
    assert_eq!(app.filters().len(), 1);
    assert!(app.rows().len() < all);
    let filter = app.filters()[0].clone();
    assert!(app.rows().iter().all(|&d| {
        app.catalog()
            .article(d)
            .unwrap()
            .names(filter.kind, &filter.name)
    }));
    app.update(Action::RemoveFilter);
    app.search_now();
    assert!(app.filters().is_empty());
    assert_eq!(app.rows().len(), all);
}

#[test]
fn sidebar_quote_scrolls_the_story_to_it() {
    let mut app = app();
    app.update(Action::PrevPane);
    assert_eq!(app.pane(), Pane::Sidebar);
    let quotes = app.current().unwrap().quotes.len();
    assert!(quotes > 1);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.pane(), Pane::Reader);
    assert_eq!(app.reader_scroll(), app.document().quote_lines[1]);
    assert!(app.reader_scroll() > 0);
}

#[test]
fn entity_browser_filters_fuzzily_and_enter_applies() {
    let mut app = app();
    app.update(Action::Entities);
    assert_eq!(app.overlay(), Overlay::Entities);
    assert_eq!(app.names().rows().len(), app.catalog().entities().len());
    typed(&mut app, "galatasaray");
    assert!(!app.names().rows().is_empty());
    assert_eq!(
        app.catalog().entities()[app.names().rows()[0]].name,
        "Galatasaray"
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.search_now();
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.filters()[0].name, "Galatasaray");
    assert!(!app.rows().is_empty());
}

#[test]
fn export_writes_markdown_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        Arc::new(embedded::catalog()),
        "samples".into(),
        dir.path().to_path_buf(),
        80,
    );
    app.update(Action::Export);
    let status = app.status().unwrap().to_string();
    assert!(status.starts_with("Exported to "), "{status}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    app.update(Action::Export);
    assert!(app.status().unwrap().contains("press e again"));
    app.update(Action::Export);
    assert!(app.status().unwrap().starts_with("Exported to "));
}

#[test]
fn the_overwrite_message_names_the_rebound_export_key() {
    let dir = tempfile::tempdir().unwrap();
    let keymap = Keymap::from_config(
        &keys("[keys]\ne = \"none\"\nx = \"export\"\n"),
        Path::new("c.toml"),
    )
    .unwrap();
    let mut app = App::new(
        Arc::new(embedded::catalog()),
        "samples".into(),
        dir.path().to_path_buf(),
        80,
    )
    .with_keymap(keymap);
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "e is unbound"
    );
    press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    let status = app.status().unwrap();
    assert!(status.contains("press x again to overwrite"), "{status}");
    press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert!(app.status().unwrap().starts_with("Exported to "));
}

#[test]
fn copy_asks_the_runtime_to_fill_the_clipboard() {
    let mut app = app();
    app.update(Action::Copy);
    let Some(Effect::Copy(text)) = app.take_effects().pop() else {
        panic!("copy asks for the clipboard");
    };
    assert!(text.starts_with(&app.current().unwrap().headline[..10]));
}

#[test]
fn n_and_shift_n_walk_the_matches() {
    let mut app = app();
    type_query(&mut app, "'the");
    app.update(Action::NextMatch);
    let first = app.reader_scroll();
    assert_eq!(app.pane(), Pane::Reader);
    app.update(Action::NextMatch);
    app.update(Action::PrevMatch);
    assert_eq!(app.reader_scroll(), first);
    assert!(app.status().unwrap().starts_with("Match 1 of"));
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut app = app();
    app.update(Action::Help);
    assert_eq!(app.overlay(), Overlay::Help);
    app.update(Action::Down);
    assert_eq!(app.selected(), 0, "nothing under the overlay moves");
    assert_eq!(app.help_scroll(), 1, "an 80x24 screen scrolls the help");
    app.update(Action::Bottom);
    let last = app.help_scroll();
    app.update(Action::PageDown);
    assert_eq!(app.help_scroll(), last, "never past its end");
    assert!(!app.update(Action::Export), "no export from the help");
    app.update(Action::Back);
    assert_eq!(app.overlay(), Overlay::None);
    app.update(Action::Help);
    assert_eq!(app.help_scroll(), 0, "open again, at the top");
}

#[test]
fn the_story_is_laid_out_once_per_change() {
    let mut app = app();
    let first = app.document();
    let done = app.layouts_done();
    assert!(
        std::rc::Rc::ptr_eq(&first, &app.document()),
        "asked again: the same layout"
    );
    app.update(Action::Down);
    app.document();
    app.document();
    assert_eq!(app.layouts_done(), done + 1, "another story, laid out once");
    app.update(Action::Up);
    app.document();
    assert_eq!(
        app.layouts_done(),
        done + 2,
        "back to the first: laid out again, once"
    );
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.document();
    app.document();
    assert_eq!(app.layouts_done(), done + 3, "a new width, laid out once");
}

#[test]
fn the_first_run_notice_fits_an_80_column_status_line_beside_the_help_hint() {
    let app = app().with_notice(crate::tui::app::Notice::Samples);
    let notice = app.status().unwrap();
    assert!(notice.contains("dateline import PATH"), "{notice}");
    // The status line keeps the last two hints (`? help  q quit`, 14 columns) beside it.
    assert!(notice.chars().count() + 14 + 2 <= 80, "{notice}");
}

#[test]
fn ctrl_c_quits_from_every_mode_whatever_the_keys_say() {
    type Open = fn(&mut App);
    let open: [(&str, Open); 5] = [
        ("list", |_| {}),
        ("prompt", |app| {
            app.update(Action::Search);
        }),
        ("help", |app| {
            app.update(Action::Help);
        }),
        ("names", |app| {
            app.update(Action::Entities);
        }),
        ("saved searches", |app| {
            app.update(Action::SavedSearches);
        }),
    ];
    for (name, open) in open {
        let keymap = Keymap::from_config(
            &keys("[keys]\nx = \"quit\"\nq = \"none\"\n\"ctrl-c\" = \"down\"\n"),
            Path::new("c.toml"),
        )
        .unwrap();
        let mut app = app().with_keymap(keymap);
        open(&mut app);
        assert!(!app.quitting(), "{name}");
        press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(app.quitting(), "ctrl-c quits from the {name}");
    }
}

#[test]
fn the_prompt_edits_like_a_shell_and_walks_the_history() {
    let mut app = app().with_history(vec!["urgency:1".into(), "'galatasaray".into()]);
    press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    typed(&mut app, "kim jong");
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('b'), KeyModifiers::ALT);
    typed(&mut app, "x");
    assert_eq!(app.query(), "kim xjong");
    press(&mut app, KeyCode::Char('e'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(app.query(), "kim ");
    press(&mut app, KeyCode::Home, KeyModifiers::NONE);
    press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!((app.query(), app.cursor()), ("im ", 0));
    press(&mut app, KeyCode::Char('f'), KeyModifiers::ALT);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.query(), " ");
    // Up goes back through the history, Down comes back to what was typed.
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.query(), "'galatasaray");
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.query(), "urgency:1");
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(app.query(), " ");
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.cursor(), app.query().len(), "the cursor at the end");
    app.search_now();
    assert_eq!(app.rows().len(), 1);
    // The list still moves while typing.
    press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!app.is_editing());
    assert!(
        app.take_effects()
            .contains(&Effect::RememberQuery("'galatasaray".into())),
        "Enter keeps the query in the history file"
    );
}

#[test]
fn y_copies_the_story_unwrapped_or_the_quote_selected_with_its_speaker() {
    let mut app = app();
    app.update(Action::Copy);
    let Some(Effect::Copy(story)) = app.take_effects().pop() else {
        panic!("copy asks for the clipboard");
    };
    let article = app.current().unwrap();
    let long = article.paragraphs.iter().max_by_key(|p| p.len()).unwrap();
    assert!(long.len() > 100);
    assert!(
        story.contains(long.as_str()),
        "paragraphs are not hard-wrapped"
    );
    // A quote in the sidebar: its words as said, in the copy's marks, then who and where.
    let q = article
        .quotes
        .iter()
        .position(|q| q.speaker.is_some())
        .unwrap();
    let quote = &article.quotes[q];
    app.update(Action::Open);
    app.update(Action::NextPane);
    for _ in 0..q {
        app.update(Action::Down);
    }
    assert_eq!(app.pane(), Pane::Sidebar);
    app.update(Action::Copy);
    let Some(Effect::Copy(text)) = app.take_effects().pop() else {
        panic!("copy asks for the clipboard");
    };
    let speaker = quote.speaker.as_deref().unwrap();
    let (open, close) = article.quote_marks(quote);
    assert!(
        text.starts_with(&format!("{open}{}{close} — {speaker}", quote.as_said())),
        "{text}"
    );
    assert!(text.ends_with(article.date().unwrap()), "{text}");
    assert!(app.status().unwrap().starts_with("Copied the quote"));
}

#[test]
fn export_and_copy_without_a_story_say_so() {
    let mut app = app();
    type_query(&mut app, "'zzzqqqxxx");
    assert!(app.rows().is_empty());
    app.update(Action::Export);
    assert_eq!(app.status(), Some("No story selected: nothing to export"));
    app.update(Action::Copy);
    assert_eq!(app.status(), Some("No story selected: nothing to copy"));
}

#[test]
fn removing_a_filter_says_so_and_the_story_ends_on_its_last_page() {
    let mut app = app();
    app.update(Action::Open);
    app.update(Action::NextPane);
    // The first name in the sidebar filters the list.
    let quotes = app.current().unwrap().quotes.len();
    for _ in 0..quotes {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert!(app.status().unwrap().starts_with("Filtered by"));
    app.update(Action::RemoveFilter);
    says_first(&app, "Removed the filter");
    // G shows the story's last page, not its last line alone.
    app.update(Action::Open);
    app.update(Action::Bottom);
    let lines = app.document().lines.len();
    let page = app.layout().page_rows(Pane::Reader);
    assert!(lines > page);
    assert_eq!(app.reader_scroll(), lines - page);
}

#[test]
fn a_click_on_a_sidebar_line_selects_that_quote_or_name() {
    let mut app = app();
    app.update(Action::Resize {
        width: 140,
        height: 40,
    });
    let sidebar = app.layout().sidebar.unwrap().inner;
    let (lines, _) = app.sidebar_lines();
    let last = lines.len() - 1;
    let item = lines[last].unwrap();
    app.update(Action::Click {
        column: sidebar.x + 2,
        row: sidebar.y + u16::try_from(last).unwrap(),
    });
    assert_eq!((app.pane(), app.sidebar_selected()), (Pane::Sidebar, item));
    // A heading selects nothing new.
    app.update(Action::Click {
        column: sidebar.x + 2,
        row: sidebar.y,
    });
    assert_eq!(app.sidebar_selected(), item);
}

#[test]
fn n_walks_the_matches_of_a_text_query_too() {
    let mut app = app();
    type_query(&mut app, "text:refrigerat*");
    assert!(!app.rows().is_empty());
    app.update(Action::NextMatch);
    says_first(&app, "Match 1 of");
}

#[test]
fn a_query_the_reader_cannot_read_is_said_in_the_status_line() {
    let mut app = app();
    type_query(&mut app, "port since:2024-13-01");
    assert!(
        app.status()
            .unwrap()
            .starts_with("Query: `since:2024-13-01` is not a time"),
        "{:?}",
        app.status()
    );
    app.update(Action::Search);
    app.update(Action::Clear);
    app.search_now();
    assert_eq!(app.status(), None, "mended, the message goes");
}

#[test]
fn m_marks_stories_and_e_exports_every_marked_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        Arc::new(embedded::catalog()),
        "samples".into(),
        dir.path().to_path_buf(),
        80,
    );
    press(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    app.update(Action::Down);
    app.update(Action::Down);
    press(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    app.update(Action::Down);
    press(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(app.marked().len(), 2, "a second m unmarks");
    assert!(app.is_marked(app.rows()[0]) && app.is_marked(app.rows()[2]));
    assert!(!app.is_marked(app.rows()[1]));
    assert!(app.status().unwrap().starts_with("2 stories marked"));
    app.update(Action::Export);
    assert!(
        app.status()
            .unwrap()
            .starts_with("Exported 2 marked stories"),
        "{:?}",
        app.status()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    assert!(app.marked().is_empty(), "the marks go with the export");
    // Marked again, the files already there are left and said so.
    app.update(Action::Top);
    press(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    app.update(Action::Export);
    says(&app, "1 already there");
}

#[test]
fn o_capital_o_and_the_pipe_hand_the_story_to_programs_or_say_why_not() {
    let mut app = app();
    press(&mut app, KeyCode::Char('o'), KeyModifiers::NONE);
    says_first(&app, "This story has no link");
    press(&mut app, KeyCode::Char('O'), KeyModifiers::SHIFT);
    assert!(app.status().unwrap().contains("a built-in sample"));
    press(&mut app, KeyCode::Char('|'), KeyModifiers::NONE);
    assert!(app.status().unwrap().starts_with("No pipe command"));
    assert!(app.take_effects().is_empty());

    let mut app = app_with_link().with_pipe(Some("wc -w".into()));
    press(&mut app, KeyCode::Char('o'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('|'), KeyModifiers::NONE);
    let effects = app.take_effects();
    assert!(
        effects.contains(&Effect::External(crate::tui::external::External::Link(
            "https://wire.example/story/1".into()
        )))
    );
    let Some(Effect::External(crate::tui::external::External::Pipe {
        command,
        input,
        env,
        confirm,
    })) = effects.last()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(command, "wc -w");
    assert!(input.starts_with("---\nheadline: "), "the story's Markdown");
    assert!(
        env.iter()
            .any(|(k, v)| *k == "DATELINE_LINK" && v.ends_with("/1"))
    );
    assert!(*confirm);
}

/// An app over one story that has a web address.
fn app_with_link() -> App {
    let mut article = crate::article::Article {
        headline: "Bridge opens".into(),
        paragraphs: vec!["The bridge opened on Monday.".into()],
        ..crate::article::Article::default()
    };
    article.wire.link = Some("https://wire.example/story/1".into());
    article.assign_id();
    let catalog = crate::catalog::Catalog::from_articles(vec![article]);
    App::new(Arc::new(catalog), "one".into(), std::env::temp_dir(), 80)
}

#[test]
fn the_reader_leaves_out_stories_removed_with_rm() {
    let catalog = Arc::new(embedded::catalog());
    let all = catalog.stories();
    let first = catalog.newest_first()[0];
    let mut desk = crate::state::DeskState::default();
    desk.remove(&catalog, first);
    let mut app = App::new(
        Arc::clone(&catalog),
        "samples".into(),
        std::env::temp_dir(),
        80,
    )
    .with_desk(desk.clone());
    assert_eq!(app.rows().len(), all - 1);
    assert_eq!(app.unread(), all - 1, "nor counted unread");
    assert!(!app.rows().contains(&first));
    type_query(&mut app, "'a");
    assert!(!app.rows().contains(&first), "nor does a search find it");
    // Brought back by another process: listed again.
    app.update(Action::Back);
    app.search_now();
    assert!(!app.rows().contains(&first));
    desk.unremove(&catalog, first);
    app.update(Action::DeskChanged(desk));
    app.search_now();
    assert!(app.rows().contains(&first));
}

#[test]
fn first_rows_come_ahead_of_the_rest_and_the_rest_keeps_the_place() {
    let mut app = app();
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::Search);
    app.update(Action::Insert('a'));
    let Some(Effect::Search(request)) = app.take_effects().pop() else {
        panic!("typing asks for a search");
    };
    assert!(request.first > 5, "the list's rows are asked for first");
    let all = Session::default()
        .run(app.catalog(), &request.text, &|| false)
        .unwrap();
    assert!(all.len() > 8);
    let first = Arc::new(all[..5].to_vec());
    assert!(app.update(Action::FirstRows {
        generation: request.generation,
        docs: Arc::clone(&first),
    }));
    assert_eq!(app.rows(), &first[..]);
    assert_eq!(app.row_count(), "5+", "still counting");
    app.update(Action::Accept);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected(), 2);
    assert!(app.update(Action::Searched {
        generation: request.generation,
        docs: Arc::clone(&all),
    }));
    assert_eq!(app.rows(), &all[..]);
    assert_eq!(app.row_count(), all.len().to_string());
    assert_eq!(
        app.selected(),
        2,
        "the rest leave the selection where it was"
    );

    // First rows of an older search change nothing; nor do first rows without the story
    // selected further down (all the results will say where it is).
    let stale = app.update(Action::FirstRows {
        generation: request.generation - 1,
        docs: Arc::clone(&first),
    });
    assert!(!stale);
    app.update(Action::Search);
    app.update(Action::Insert('n'));
    let again = app
        .take_effects()
        .into_iter()
        .find_map(|e| match e {
            Effect::Search(request) => Some(request),
            _ => None,
        })
        .expect("typing asks for a search");
    assert!(!app.update(Action::FirstRows {
        generation: again.generation,
        docs: Arc::new(vec![all[0], all[1]]),
    }));
    assert_eq!(app.rows(), &all[..]);
}
