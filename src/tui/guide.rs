//! What the help overlay explains beyond the keys: the marks a list row can carry and the query
//! language, a line each, below the actions.

/// The lines, in order (an empty one stands between the sections).
pub const LINES: &[&str] = &[
    "",
    "List marks: !! flash or bulletin (urgency 1-2) · ! urgent (3) · ★ starred · ⚑ alert",
    "  ▶ marked (m), for exporting together (e)",
    "  v3 third version · KILLED withdrawn · corr corrected · held withheld",
    "  emb 2h10m under embargo for that long still",
    "  bold: unread · dimmed: not to be used (killed, held, under embargo)",
    "",
    "Queries: words match fuzzily · 'exact · ^start · end$ · !not · a | b (either)",
    "  person:\"Kim Jong-un\" place:lyon org:who agency:afp urgency:1 urgency:<=2",
    "  since:2024-06 until:2024-06-30T12:00 since:2h since:3d since:yesterday",
    "  text:word (whole words in the story's text, not only the headline) · @saved",
];

/// Rows of the help overlay's body: one per bindable browsing action, then the lines above.
pub fn rows() -> usize {
    crate::tui::action::Action::ALL
        .iter()
        .filter(|a| !a.is_typing())
        .count()
        + LINES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_the_help_overlay() {
        // The overlay is 86 columns wide, its border one on each side.
        for line in LINES {
            assert!(unicode_width::UnicodeWidthStr::width(*line) <= 84, "{line}");
        }
    }
}
