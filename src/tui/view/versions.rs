//! The versions overlay: a story's versions newest first — when each moved, its number, what
//! it says of itself (`KILL`, `corr`, `held`, `emb`), its label, headline and advisory — and
//! below them what changed from the version before the selected one to it: what was taken out
//! in the warning colour, what was put in in the added colour.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

use crate::article::Status;
use crate::text::truncate_to_width;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::VersionsAreas;
use crate::tui::mode::Mode;
use crate::tui::standing::{Tone, VersionNote};
use crate::tui::theme::Theme;

use super::row::{WIDE, stamp, tone_style};
use super::widgets::styled_line;

pub fn draw(frame: &mut Frame<'_>, areas: VersionsAreas, app: &App, theme: &Theme) {
    let versions = app.versions();
    frame.render_widget(Clear, areas.outer);
    let open = app.key_name(Mode::Versions, &Action::Open);
    let close = app.key_name(Mode::Versions, &Action::Back);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(format!(
            " Versions · {} · {open} reads one · {close} closes ",
            versions.rows().len()
        ));
    frame.render_widget(block, areas.outer);

    let width = usize::from(areas.list.width);
    let items: Vec<ListItem<'_>> = versions
        .rows()
        .iter()
        .enumerate()
        .skip(versions.offset())
        .take(usize::from(areas.list.height))
        .map(|(i, note)| ListItem::new(version_row(app, versions.number(i), note, width, theme)))
        .collect();
    let mut state = ListState::default().with_selected(
        (!versions.rows().is_empty())
            .then(|| versions.selected().saturating_sub(versions.offset())),
    );
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selection),
        areas.list,
        &mut state,
    );

    let selected = versions.selected();
    let label = match versions.previous() {
        Some(_) => format!(
            " What changed from v{} to v{} ",
            versions.number(selected + 1),
            versions.number(selected)
        ),
        None => format!(" v{}: the first version ", versions.number(selected)),
    };
    divider(frame, areas.divider, &label, theme);

    let area = areas.diff.inner(Margin::new(1, 0));
    let lines: Vec<Line<'_>> = app
        .version_changes()
        .iter()
        .skip(versions.scroll())
        .take(usize::from(area.height))
        .map(|line| Line::from(styled_line(line, theme)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A rule across the overlay with `label` in it.
fn divider(frame: &mut Frame<'_>, area: Rect, label: &str, theme: &Theme) {
    let width = usize::from(area.width);
    let label = truncate_to_width(label, width.saturating_sub(2));
    let rest = width.saturating_sub(2 + unicode_width::UnicodeWidthStr::width(label.as_str()));
    frame.render_widget(
        Line::from(vec![
            Span::styled("──", theme.dim),
            Span::styled(label, theme.accent),
            Span::styled("─".repeat(rest), theme.dim),
        ]),
        area,
    );
}

/// One version: when, `v2`, what it says of itself, its label, headline and advisory.
fn version_row(
    app: &App,
    number: usize,
    note: &VersionNote,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let c = app.catalog();
    let mut spans = vec![
        stamp(app, note.doc, width >= WIDE, theme),
        Span::styled(format!("v{number} "), theme.accent),
    ];
    let said = match note.status {
        Some(Status::Canceled) => Some(("KILL", Tone::Warning)),
        Some(Status::Withheld) => Some(("held", Tone::Warning)),
        Some(Status::Embargoed) => Some(("emb", Tone::Warning)),
        Some(Status::Corrected) => Some(("corr", Tone::Notice)),
        Some(Status::Usable) | None => None,
    };
    if let Some((text, tone)) = said {
        spans.push(Span::styled(format!("{text} "), tone_style(tone, theme)));
    }
    // The copy's label, unless it is the number again.
    if let Some(label) = c
        .version_label(note.doc)
        .filter(|l| l.trim() != number.to_string())
    {
        spans.push(Span::styled(
            format!("{} ", truncate_to_width(label.trim(), 18)),
            theme.dim,
        ));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let room = width.saturating_sub(used);
    let headline = truncate_to_width(c.headline(note.doc), room);
    let left = room.saturating_sub(unicode_width::UnicodeWidthStr::width(headline.as_str()));
    spans.push(Span::raw(headline));
    if let Some(advisory) = &note.advisory
        && left > 4
    {
        spans.push(Span::styled(
            truncate_to_width(&format!(" — {advisory}"), left),
            theme.dim,
        ));
    }
    Line::from(spans)
}
