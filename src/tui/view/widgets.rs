//! Pieces every part of the screen draws with: the bordered pane, the title line, laid-out
//! lines styled by their marks' roles, and the message for a terminal too small to use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::reader::{self, Role};
use crate::tui::theme::Theme;

/// A bordered block, its border in the accent colour when its pane has focus.
pub fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        Style::new()
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}

/// The top line: how many stories (and versions, when some have several), and from where.
pub fn title(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let versions = if app.archive_versions() > app.stories() {
        format!(" ({} versions)", app.archive_versions())
    } else {
        String::new()
    };
    let stories = match app.stories() {
        1 => "1 story".to_string(),
        n => format!("{n} stories"),
    };
    let title = format!(" dateline · {stories}{versions} · {}", app.source());
    frame.render_widget(Line::styled(title, theme.accent), area);
}

/// Splits a laid-out line at its marks' edges and styles each piece by the marks covering it
/// (later ones over earlier ones).
pub fn styled_line(line: &reader::Line, theme: &Theme) -> Vec<Span<'static>> {
    let mut cuts: Vec<usize> = vec![0, line.text.len()];
    for (range, _) in &line.marks {
        cuts.push(range.start.min(line.text.len()));
        cuts.push(range.end.min(line.text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.retain(|c| line.text.is_char_boundary(*c));
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let style = line
                .marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(Style::new(), |style, (_, role)| {
                    style.patch(role_style(*role, theme))
                });
            Span::styled(line.text[w[0]..w[1]].to_string(), style)
        })
        .collect()
}

fn role_style(role: Role, theme: &Theme) -> Style {
    match role {
        Role::Headline => theme.headline,
        Role::Meta | Role::Caption => theme.dim,
        Role::Quote => theme.quote,
        Role::Entity(kind) => theme.entity(kind),
        Role::Match => theme.highlight,
        Role::Warning => theme.warning.add_modifier(Modifier::BOLD),
        Role::Notice => theme.accent,
        Role::Removed => theme.warning,
        Role::Struck => theme.warning.add_modifier(Modifier::CROSSED_OUT),
        Role::Added => theme.added,
    }
}

pub fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "dateline needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
