//! State tests of the reader's start on an archive's front page: the newest stories with the
//! archive's counts, then the whole catalogue in their place, on the same story.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::alert::Alert;
use crate::catalog::Catalog;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::fixtures;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::view;

fn catalog(range: std::ops::Range<usize>) -> Arc<Catalog> {
    Arc::new(Catalog::from_articles(
        range.map(|n| fixtures::numbered(n, None)).collect(),
    ))
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| view::draw(f, app, &Theme::default()))
        .unwrap();
    terminal.backend().to_string()
}

/// The reader on the newest ten of forty stories, the whole forty on their way.
fn opening() -> App {
    let mut app = App::new(catalog(30..40), "wire".into(), std::env::temp_dir(), 80)
        .with_alerts(vec![Alert::from_query("number")])
        .opening(40, 40);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

#[test]
fn the_newest_stories_show_with_the_archive_counts_until_the_rest_come() {
    let mut app = opening();
    assert!(app.is_opening());
    let shown = screen(&app);
    assert!(shown.contains("dateline · 40 stories"), "{shown}");
    assert!(shown.contains("40 of 40"), "{shown}");
    assert!(shown.contains("Opening all 40 stories…"), "{shown}");
    assert!(shown.contains("Story number 39"), "{shown}");
    app.update(Action::Down);
    app.update(Action::Down);
    let headline = app
        .catalog()
        .headline(app.selected_doc().unwrap())
        .to_string();
    app.take_effects();

    let whole = catalog(0..40);
    assert!(app.update(Action::Reloaded(Shared(Arc::clone(&whole)))));
    assert!(!app.is_opening());
    assert_eq!(app.rows().len(), 40);
    assert_eq!(app.selected(), 2, "the same row");
    assert_eq!(
        app.catalog().headline(app.selected_doc().unwrap()),
        headline
    );
    assert_eq!(
        app.fresh(),
        0,
        "nothing came in: the rest was there all along"
    );
    let effects = app.take_effects();
    assert!(effects.contains(&Effect::UseCatalog(Shared(whole))));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Alert { .. })),
        "no alerts for stories that were already in"
    );
    let shown = screen(&app);
    assert!(!shown.contains("Opening all"), "{shown}");
    assert!(shown.contains("40 of 40"), "{shown}");
}

#[test]
fn a_catalogue_that_cannot_be_opened_leaves_the_newest_stories_said_so() {
    let mut app = opening();
    assert!(app.update(Action::ReloadFailed("archive.jsonl: gone".into())));
    assert!(!app.is_opening());
    let shown = screen(&app);
    assert!(shown.contains("10 of 10"), "{shown}");
    assert!(
        shown.contains("Only the newest 10 stories are shown: archive.jsonl: gone"),
        "{shown}"
    );
}
