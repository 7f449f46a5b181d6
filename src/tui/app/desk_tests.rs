//! State tests of the desk in the reader: opening marks read, a new version makes the story
//! unread again, stars, the unread jumps and the unread-only list; each change asked of the
//! runtime to write.

use std::sync::Arc;

use crate::article::Article;
use crate::catalog::Catalog;
use crate::state::DeskState;
use crate::tui::action::Action;
use crate::tui::app::{App, DeskChange, Effect};
use crate::tui::fixtures;
use crate::tui::shared::Shared;

fn story(n: usize, item: Option<&str>) -> Article {
    fixtures::numbered(n, item)
}

fn app(articles: Vec<Article>) -> App {
    let mut app = App::new(
        Arc::new(Catalog::from_articles(articles)),
        "desk".into(),
        std::env::temp_dir(),
        80,
    )
    .with_desk(DeskState::default());
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn desk_changes(app: &mut App) -> Vec<DeskChange> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Desk(change) => Some(change),
            _ => None,
        })
        .collect()
}

#[test]
fn opening_marks_read_and_a_new_version_makes_it_unread_again() {
    let mut stories = vec![story(1, None), story(2, Some("urn:chain"))];
    let mut app = app(stories.clone());
    assert_eq!(app.unread(), 2);
    app.update(Action::Top);
    let doc = app.selected_doc().unwrap();
    assert!(!app.is_read(doc));
    app.update(Action::Open);
    assert!(app.is_read(doc));
    assert_eq!(app.unread(), 1);
    let changes = desk_changes(&mut app);
    assert_eq!(
        changes,
        vec![DeskChange::Read {
            ids: vec![app.catalog().id(doc).to_string()],
            read: true
        }]
    );

    let mut update = story(30, Some("urn:chain"));
    update.headline = "Story number 2, updated".into();
    update.assign_id();
    stories.push(update);
    app.update(Action::Reloaded(Shared(Arc::new(Catalog::from_articles(
        stories,
    )))));
    assert!(!app.is_read(doc), "the new version is unread");
    assert_eq!(app.unread(), 2);
    app.update(Action::Back);
    app.update(Action::Top);
    app.update(Action::Open);
    assert!(
        app.status()
            .unwrap_or_default()
            .contains("Updated since you read it (v1 → v2)"),
        "{:?}",
        app.status()
    );
}

#[test]
fn stars_survive_and_come_off_every_version() {
    let mut app = app(vec![story(1, None), story(2, None)]);
    app.update(Action::Star);
    let doc = app.selected_doc().unwrap();
    assert!(app.is_starred(doc));
    app.update(Action::Star);
    assert!(!app.is_starred(doc));
    let changes = desk_changes(&mut app);
    assert!(matches!(
        &changes[0],
        DeskChange::Star { starred: true, .. }
    ));
    assert!(matches!(
        &changes[1],
        DeskChange::Star { starred: false, .. }
    ));
}

#[test]
fn unread_jumps_and_the_unread_only_list() {
    let mut app = app((1..=6).map(|n| story(n, None)).collect());
    // Read the first three rows.
    for _ in 0..3 {
        app.update(Action::ToggleRead);
        app.update(Action::Down);
    }
    app.update(Action::Top);
    app.update(Action::NextUnread);
    assert_eq!(app.selected(), 3);
    app.update(Action::PrevUnread);
    assert_eq!(app.selected(), 5, "wraps around");
    app.update(Action::HideRead);
    assert_eq!(app.rows().len(), 3);
    assert!(app.rows().iter().all(|&d| !app.is_read(d)));
    app.update(Action::HideRead);
    assert_eq!(app.rows().len(), 6);
}

#[test]
fn another_process_marking_shows_here() {
    let mut app = app(vec![story(1, None)]);
    let doc = app.selected_doc().unwrap();
    let mut desk = DeskState::default();
    desk.star(app.catalog(), doc);
    assert!(app.update(Action::DeskChanged(desk.clone())));
    assert!(app.is_starred(doc));
    assert!(
        !app.update(Action::DeskChanged(desk)),
        "the same state again"
    );
}

#[test]
fn a_search_saved_by_name_is_listed_with_its_counts_and_runs_as_at_name() {
    let mut app = app((1..=6).map(|n| story(n, None)).collect());
    app.update(Action::SavedSearches);
    assert!(
        app.status()
            .unwrap_or_default()
            .contains("No saved searches")
    );
    app.update(Action::SaveSearch);
    assert!(app.status().unwrap_or_default().contains("Search first"));

    app.update(Action::Search);
    for c in "1 | 2".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Accept);
    app.update(Action::SaveSearch);
    assert_eq!(app.naming(), Some(""));
    for c in "two stories".chars() {
        app.update(Action::Insert(c));
    }
    assert!(app.status().unwrap_or_default().contains("letters, digits"));
    app.update(Action::Accept);
    assert_eq!(app.status(), Some("Saved as @twostories"));
    assert!(desk_changes(&mut app).contains(&DeskChange::SaveSearch {
        name: "twostories".into(),
        query: "1 | 2".into()
    }));

    // Read one of the two, then pick the saved search.
    app.update(Action::Back);
    app.search_now();
    app.update(Action::Top);
    while app.catalog().headline(app.selected_doc().unwrap()) != "Story number 2" {
        app.update(Action::Down);
    }
    app.update(Action::ToggleRead);
    app.update(Action::SavedSearches);
    let row = &app.picker().rows[0];
    assert_eq!(
        (row.name.as_str(), row.counts),
        ("twostories", Some((2, 1)))
    );
    app.update(Action::Open);
    assert_eq!(app.query(), "@twostories");
    let Some(Effect::Search(request)) = app
        .take_effects()
        .into_iter()
        .find(|e| matches!(e, Effect::Search(_)))
    else {
        panic!("no search");
    };
    assert_eq!(request.text.trim(), "1 | 2");
}
