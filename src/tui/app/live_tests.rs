//! State tests of the reader following its archive: a grown catalogue keeps the selection, the
//! scroll and the story being read, and counts what came in above; a replaced one starts over.

use std::sync::Arc;

use crate::article::Article;
use crate::catalog::Catalog;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Notice};
use crate::tui::fixtures;
use crate::tui::mode::Pane;
use crate::tui::shared::Shared;

fn story(n: usize, item: Option<&str>) -> Article {
    fixtures::numbered(n, item)
}

fn stories(range: std::ops::Range<usize>) -> Vec<Article> {
    range.map(|n| story(n, None)).collect()
}

fn catalog(articles: Vec<Article>) -> Arc<Catalog> {
    Arc::new(Catalog::from_articles(articles))
}

fn app(catalog: &Arc<Catalog>) -> App {
    let mut app = App::new(Arc::clone(catalog), "wire".into(), std::env::temp_dir(), 80);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn screen_row(app: &App) -> usize {
    app.selected() - app.list_offset()
}

#[test]
fn stories_committed_elsewhere_come_in_above_without_moving_the_selection() {
    let before = catalog(stories(0..40));
    let mut app = app(&before);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let doc = app.selected_doc().unwrap();
    let (row, offset) = (screen_row(&app), app.list_offset());
    assert!(offset > 0, "scrolled");
    app.take_effects();

    let after = catalog(stories(0..45));
    assert!(app.update(Action::Reloaded(Shared(Arc::clone(&after)))));
    assert_eq!(app.selected_doc(), Some(doc), "the same story is selected");
    assert_eq!(screen_row(&app), row, "on the same screen row");
    assert_eq!(app.rows().len(), 45);
    assert_eq!(app.fresh(), 5, "five new above");
    assert!(
        app.take_effects()
            .contains(&Effect::UseCatalog(Shared(Arc::clone(&after)))),
        "the search worker is given the new catalogue"
    );
    assert!(
        !app.update(Action::Reloaded(Shared(after))),
        "the same catalogue again changes nothing"
    );

    app.update(Action::Top);
    assert_eq!(app.fresh(), 0, "seen from the top");
    assert_eq!(
        app.catalog().headline(app.selected_doc().unwrap()),
        "Story number 44"
    );
}

#[test]
fn a_query_runs_again_and_keeps_its_selection() {
    let before = catalog(stories(0..40));
    let mut app = app(&before);
    app.update(Action::Search);
    for c in "number".chars() {
        app.update(Action::Insert(c));
    }
    app.search_now();
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let doc = app.selected_doc().unwrap();
    let row = screen_row(&app);

    let mut grown = stories(0..40);
    grown.push(story(100, None));
    app.update(Action::Reloaded(Shared(catalog(grown))));
    // The query runs again over the grown archive (here rather than on the worker).
    app.search_now();
    assert_eq!(app.selected_doc(), Some(doc));
    assert_eq!(screen_row(&app), row);
    assert!(
        app.rows()
            .iter()
            .any(|&d| app.catalog().headline(d) == "Story number 100"),
        "the new story matches and is listed"
    );
}

#[test]
fn the_story_being_read_stays_when_a_newer_version_comes_in() {
    let mut first = stories(0..10);
    first.push(story(20, Some("urn:wire:chain")));
    let before = catalog(first.clone());
    let mut app = app(&before);
    app.update(Action::Top);
    let read = app.selected_doc().unwrap();
    assert_eq!(app.catalog().headline(read), "Story number 20");
    app.update(Action::Open);
    assert_eq!(app.pane(), Pane::Reader);

    let mut update = story(30, Some("urn:wire:chain"));
    update.headline = "Story number 20, updated".into();
    update.assign_id();
    first.push(update);
    app.update(Action::Reloaded(Shared(catalog(first))));
    assert_eq!(
        app.current_doc(),
        Some(read),
        "the version being read stays"
    );
    assert!(
        app.status().unwrap_or_default().contains("newer version"),
        "{:?}",
        app.status()
    );
    assert_eq!(app.catalog().version_count(read), 2);
}

#[test]
fn another_archive_starts_over_and_the_samples_note_goes() {
    let samples = catalog(stories(0..5));
    let mut app = app(&samples)
        .with_notice(Notice::Samples)
        .following("/desk/archive.jsonl".into());
    app.update(Action::Down);
    assert!(app.status().is_some());
    let archive = catalog((50..53).map(|n| story(n, None)).collect());
    app.update(Action::Reloaded(Shared(archive)));
    assert_eq!(app.rows().len(), 3);
    assert_eq!(app.selected(), 0);
    assert_eq!(app.status(), None, "the samples note went");
    assert_eq!(app.source(), "/desk/archive.jsonl");
}

#[test]
fn a_new_story_matching_an_alert_is_marked_named_and_delivered() {
    let before = catalog(stories(0..10));
    let mut app = app(&before).with_alerts(vec![crate::alert::Alert {
        name: "harbour".into(),
        query: "harbour".into(),
    }]);
    let mut grown = stories(0..10);
    let mut flash = story(50, None);
    flash.headline = "Fire at the harbour".into();
    flash.assign_id();
    grown.push(flash);
    grown.push(story(51, None));
    app.take_effects();
    app.update(Action::Reloaded(Shared(catalog(grown))));
    assert_eq!(app.status(), Some("ALERT harbour: Fire at the harbour"));
    let doc = app
        .rows()
        .iter()
        .copied()
        .find(|&d| app.catalog().headline(d) == "Fire at the harbour")
        .unwrap();
    assert_eq!(app.alerted(doc).map(|a| a.name.as_str()), Some("harbour"));
    let delivered: Vec<String> = app
        .take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Alert { alert, article } => {
                Some(format!("{}: {}", alert.name, article.headline))
            }
            _ => None,
        })
        .collect();
    assert_eq!(delivered, ["harbour: Fire at the harbour"]);
    // Stories there when the reader opened are not alerts.
    assert!(app.alerted(0).is_none());
}
