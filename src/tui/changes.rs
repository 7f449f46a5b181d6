//! What changed between two versions of a story, laid out for the versions overlay: the
//! headline, paragraphs removed (`-`), added (`+`) and rewritten (`~`, word by word), runs of
//! unchanged paragraphs folded to one line but the one on each side of a change, then the
//! quotes added, removed or given to someone else. Lines with marked stretches, as the reading
//! pane's, so one view styles both.

use std::ops::Range;

use crate::diff::{Diff, Line as Change, QuoteChange, Word};
use crate::tui::reader::{Line, Role, blank, wrap_marked};

/// The prefix each paragraph's first line starts with; later lines are indented as deep.
const INDENT: &str = "  ";

/// `diff` as lines `width` columns wide.
pub fn layout(diff: &Diff, width: usize) -> Vec<Line> {
    let width = width.max(12);
    let mut out = Vec::new();
    if diff.is_empty() {
        push(
            &mut out,
            INDENT,
            "The text is the same in both versions.",
            Some(Role::Meta),
            &[],
            width,
        );
        return out;
    }
    if let Some((old, new)) = &diff.headline {
        push(&mut out, "- ", old, Some(Role::Removed), &[], width);
        push(&mut out, "+ ", new, Some(Role::Added), &[], width);
        for line in &mut out {
            line.marks.insert(0, (0..line.text.len(), Role::Headline));
        }
    }
    paragraphs(&diff.lines, width, &mut out);
    if !diff.quotes.is_empty() {
        out.push(blank());
        push(&mut out, "", "Quotes", Some(Role::Headline), &[], width);
        let who = |s: &Option<String>| s.clone().unwrap_or_else(|| "unattributed".into());
        for q in &diff.quotes {
            let (prefix, text, role) = match q {
                QuoteChange::Added { text, speaker } => {
                    ("+ ", format!("“{text}” — {}", who(speaker)), Role::Added)
                }
                QuoteChange::Removed { text, speaker } => {
                    ("- ", format!("“{text}” — {}", who(speaker)), Role::Removed)
                }
                QuoteChange::Reattributed { text, from, to } => (
                    "~ ",
                    format!("“{text}” — was {}, now {}", who(from), who(to)),
                    Role::Notice,
                ),
            };
            push(&mut out, prefix, &text, Some(role), &[], width);
        }
    }
    out
}

/// The paragraphs, a blank line between them; unchanged ones away from any change folded.
fn paragraphs(lines: &[Change], width: usize, out: &mut Vec<Line>) {
    let changed: Vec<bool> = lines
        .iter()
        .map(|l| !matches!(l, Change::Same(_)))
        .collect();
    let near = |i: usize| changed[i.saturating_sub(1)..(i + 2).min(changed.len())].contains(&true);
    let mut i = 0;
    while i < lines.len() {
        if !out.is_empty() {
            out.push(blank());
        }
        if !near(i) {
            let start = i;
            while i < lines.len() && !near(i) {
                i += 1;
            }
            let n = i - start;
            let text = if n == 1 {
                "… 1 paragraph unchanged".to_string()
            } else {
                format!("… {n} paragraphs unchanged")
            };
            push(out, INDENT, &text, Some(Role::Meta), &[], width);
            continue;
        }
        match &lines[i] {
            Change::Same(text) => push(out, INDENT, text, None, &[], width),
            Change::Removed(text) => push(out, "- ", text, Some(Role::Removed), &[], width),
            Change::Added(text) => push(out, "+ ", text, Some(Role::Added), &[], width),
            Change::Changed(words) => {
                let (text, marks) = rewritten(words);
                push(out, "~ ", &text, None, &marks, width);
            }
        }
        i += 1;
    }
}

/// A rewritten paragraph as one text, the words taken out and put in marked.
fn rewritten(words: &[Word]) -> (String, Vec<(Range<usize>, Role)>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut after_removed = false;
    for word in words {
        let (part, role) = match word {
            Word::Same(s) => (s, None),
            Word::Removed(s) => (s, Some(Role::Struck)),
            Word::Added(s) => (s, Some(Role::Added)),
        };
        // Words put in where others were taken out stand apart from them.
        if after_removed
            && role == Some(Role::Added)
            && !text.ends_with(char::is_whitespace)
            && !part.starts_with(char::is_whitespace)
        {
            text.push(' ');
        }
        after_removed = role == Some(Role::Struck);
        let start = text.len();
        text.push_str(part);
        if let Some(role) = role {
            // Not the spaces around the words: a struck-through space reads as a dash.
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                let lead = part.len() - part.trim_start().len();
                marks.push((start + lead..start + lead + trimmed.len(), role));
            }
        }
    }
    (text, marks)
}

/// `text` wrapped behind `prefix` (the lines after the first indented as deep), marked with
/// `role` all along and with `marks`.
fn push(
    out: &mut Vec<Line>,
    prefix: &str,
    text: &str,
    role: Option<Role>,
    marks: &[(Range<usize>, Role)],
    width: usize,
) {
    let indent = prefix.len();
    for (i, line) in wrap_marked(text, width.saturating_sub(indent), None, marks)
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            prefix.to_string()
        } else {
            " ".repeat(indent)
        };
        let text = format!("{lead}{}", line.text);
        let mut line_marks: Vec<(Range<usize>, Role)> =
            role.map(|r| (0..text.len(), r)).into_iter().collect();
        line_marks.extend(
            line.marks
                .into_iter()
                .map(|(r, role)| (r.start + indent..r.end + indent, role)),
        );
        out.push(Line {
            text,
            marks: line_marks,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    fn marked(line: &Line, role: Role) -> Vec<&str> {
        line.marks
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(range, _)| &line.text[range.clone()])
            .collect()
    }

    #[test]
    fn headline_paragraphs_and_quotes_are_marked() {
        let diff = Diff {
            headline: Some((
                "Floods close roads".into(),
                "Floods close roads, schools".into(),
            )),
            lines: vec![
                Change::Same("One.".into()),
                Change::Same("Two.".into()),
                Change::Same("Three.".into()),
                Change::Changed(vec![
                    Word::Same("Crews were ".into()),
                    Word::Removed("resting".into()),
                    Word::Added("working".into()),
                    Word::Same(".".into()),
                ]),
                Change::Removed("Gone.".into()),
                Change::Added("New.".into()),
            ],
            quotes: vec![QuoteChange::Reattributed {
                text: "We will rebuild".into(),
                from: Some("Jane Example".into()),
                to: Some("John Sample".into()),
            }],
        };
        let lines = layout(&diff, 40);
        assert_eq!(
            text(&lines),
            [
                "- Floods close roads",
                "+ Floods close roads, schools",
                "",
                "  … 2 paragraphs unchanged",
                "",
                "  Three.",
                "",
                "~ Crews were resting working.",
                "",
                "- Gone.",
                "",
                "+ New.",
                "",
                "Quotes",
                "~ “We will rebuild” — was Jane Example,",
                "  now John Sample",
            ]
        );
        assert_eq!(marked(&lines[0], Role::Removed), ["- Floods close roads"]);
        assert_eq!(
            marked(&lines[1], Role::Added),
            ["+ Floods close roads, schools"]
        );
        assert_eq!(marked(&lines[7], Role::Struck), ["resting"]);
        assert_eq!(marked(&lines[7], Role::Added), ["working"]);
        assert_eq!(marked(&lines[9], Role::Removed), ["- Gone."]);
        assert_eq!(marked(&lines[11], Role::Added), ["+ New."]);
        assert_eq!(marked(&lines[15], Role::Notice), ["  now John Sample"]);
    }

    #[test]
    fn no_changes_says_so() {
        let lines = layout(&Diff::default(), 40);
        assert_eq!(text(&lines), ["  The text is the same in both versions."]);
    }
}
