//! One row of the story list, fitted to its width: when the story moved (the date and time of
//! day in the reader's zone; only the arrival time, dimmed, for undated copy), the agency from
//! ~100 columns of terminal and the place when there is room, its version (`v3`), what the wire says of it (`KILLED`, `corr`, `held`,
//! `emb 2h10m`), its urgency (`!!`, `!`), a star, and the newest version's headline — bold
//! while unread — with the letters a search matched marked.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::catalog::{Doc, TimeKind};
use crate::search::highlight::headline_matches;
use crate::text::truncate_to_width;
use crate::tui::app::App;
use crate::tui::standing::{self, Tone};
use crate::tui::theme::Theme;
use crate::when;

/// From this width a row has room for the agency (from ~100 columns of terminal).
pub const WITH_AGENCY: usize = 38;
/// From this width, for the place too.
pub const WITH_PLACE: usize = 56;
/// From this width, for the year with the time of day always.
pub const WIDE: usize = 72;

/// The row of story `doc`, `width` columns wide at most.
pub fn row(app: &App, doc: Doc, width: usize, theme: &Theme) -> Line<'static> {
    let c = app.catalog();
    let wide = width >= WIDE;
    let mut spans = vec![stamp(app, doc, wide, theme)];
    if width >= WITH_AGENCY {
        let agency = truncate_to_width(c.agency(doc).unwrap_or(""), 7);
        spans.push(Span::styled(format!("{agency:<7} "), theme.dim));
    }
    if width >= WITH_PLACE {
        let place = truncate_to_width(c.place(doc).unwrap_or(""), 12);
        spans.push(Span::styled(format!("{place:<12} "), theme.dim));
    }
    // After the columns, so they stay aligned.
    if app.is_marked(doc) {
        spans.push(Span::styled(
            "▶ ",
            theme.accent.add_modifier(Modifier::BOLD),
        ));
    }
    if app.is_starred(doc) {
        spans.push(Span::styled("★ ", theme.accent));
    }
    if app.alerted(doc).is_some() {
        spans.push(Span::styled(
            "⚑ ",
            theme.warning.add_modifier(Modifier::BOLD),
        ));
    }
    if let Some(version) = standing::version_mark(c, doc) {
        spans.push(Span::styled(format!("{version} "), theme.accent));
    }
    let status = standing::list_mark(c, doc, app.now());
    if let Some((text, tone)) = &status {
        spans.push(Span::styled(format!("{text} "), tone_style(*tone, theme)));
    }
    // Flashes and bulletins (urgency 1-2) and urgent copy (3) carry a mark.
    let urgency = match c.urgency(doc) {
        Some(1 | 2) => "!! ",
        Some(3) => "! ",
        _ => "",
    };
    spans.push(Span::styled(urgency, theme.accent));
    let used: usize = spans.iter().map(Span::width).sum();
    let headline = truncate_to_width(c.headline(doc), width.saturating_sub(used));
    let matches = headline_matches(app.typed(), &headline, app.matcher());
    // Copy not to be used (killed, held, under embargo) reads dimmed.
    let base = if status.is_some_and(|(_, tone)| tone == Tone::Warning) {
        theme.dim
    } else {
        Style::new()
    };
    // Unread stories stand out.
    let base = if app.is_read(doc) {
        base
    } else {
        base.add_modifier(Modifier::BOLD)
    };
    spans.extend(highlighted(&headline, &matches, base, theme.highlight));
    Line::from(spans)
}

/// When story `doc` moved, padded to its column: `12-02 09:30` this year and `2025-12-02`
/// before (`2026-12-02 09:30` always when `wide`); a date alone when the copy gives no time
/// of day; the arrival time dimmed when that is all that is known.
pub fn stamp(app: &App, doc: Doc, wide: bool, theme: &Theme) -> Span<'static> {
    let c = app.catalog();
    let tz = app.time_zone();
    let year = app.now().to_zoned_datetime(tz.clone()).year().to_string();
    let short = |full: &str| -> String {
        if wide {
            full.to_string()
        } else if full.starts_with(&year) {
            full.get(5..).unwrap_or(full).to_string()
        } else {
            full.get(..10).unwrap_or(full).to_string()
        }
    };
    let (text, style) = match c.time(doc) {
        (Some(at), kind @ (TimeKind::Exact | TimeKind::Received)) => {
            let style = if kind == TimeKind::Received {
                theme.dim.add_modifier(Modifier::ITALIC)
            } else {
                Style::new()
            };
            (short(&when::local(at, tz)), style)
        }
        _ => match c.date(doc) {
            Some(date) => (short(date), Style::new()),
            None => ("undated".to_string(), theme.dim),
        },
    };
    let column = if wide { 16 } else { 11 };
    Span::styled(format!("{text:<column$} "), style)
}

/// The style of a mark of `tone`.
pub fn tone_style(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Warning => theme.warning.add_modifier(Modifier::BOLD),
        Tone::Notice => theme.accent,
    }
}

/// Spans of `text` in `base`, the characters at `matches` (char positions) in `marked`.
fn highlighted(text: &str, matches: &[usize], base: Style, marked: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let style = |is_marked| if is_marked { marked } else { base };
    for (i, c) in text.chars().enumerate() {
        let is_marked = matches.binary_search(&i).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style(run_marked)));
        }
        run_marked = is_marked;
        run.push(if c.is_control() { ' ' } else { c });
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style(run_marked)));
    }
    spans
}
