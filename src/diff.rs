//! What changed between two versions of a story: the headline, paragraphs removed, added and
//! changed (a changed paragraph with the words that changed in it), and quotes added, removed
//! or attributed to someone else. The `diff` command prints it as unified lines; the reader
//! colours the same structure.

use std::fmt::Write as _;

use similar::{Algorithm, DiffOp};

use crate::article::Article;

/// A paragraph of the diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// In both versions (context).
    Same(String),
    Removed(String),
    Added(String),
    /// Rewritten: the old and new text, word by word.
    Changed(Vec<Word>),
}

/// A stretch of a changed paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    Same(String),
    Removed(String),
    Added(String),
}

/// How a quote changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteChange {
    Added {
        text: String,
        speaker: Option<String>,
    },
    Removed {
        text: String,
        speaker: Option<String>,
    },
    /// The same words, now attributed to someone else.
    Reattributed {
        text: String,
        from: Option<String>,
        to: Option<String>,
    },
}

/// The changes from one version to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// The old and new headline, when it changed.
    pub headline: Option<(String, String)>,
    /// Every paragraph of both versions, in order, marked.
    pub lines: Vec<Line>,
    pub quotes: Vec<QuoteChange>,
}

impl Diff {
    /// Whether the two versions say the same.
    pub fn is_empty(&self) -> bool {
        self.headline.is_none()
            && self.quotes.is_empty()
            && self.lines.iter().all(|l| matches!(l, Line::Same(_)))
    }
}

/// Rewritten paragraphs share at least this share of their words with the old one; less, and
/// the old one was removed and a new one added.
const SIMILAR: f32 = 0.5;

/// The changes from `old` to `new`.
pub fn diff(old: &Article, new: &Article) -> Diff {
    let headline =
        (old.headline != new.headline).then(|| (old.headline.clone(), new.headline.clone()));
    let a: Vec<&str> = old.paragraphs.iter().map(String::as_str).collect();
    let b: Vec<&str> = new.paragraphs.iter().map(String::as_str).collect();
    let mut lines = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                lines.extend(
                    a[old_index..old_index + len]
                        .iter()
                        .map(|p| Line::Same((*p).to_string())),
                );
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                lines.extend(
                    a[old_index..old_index + old_len]
                        .iter()
                        .map(|p| Line::Removed((*p).to_string())),
                );
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                lines.extend(
                    b[new_index..new_index + new_len]
                        .iter()
                        .map(|p| Line::Added((*p).to_string())),
                );
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => replaced(
                &a[old_index..old_index + old_len],
                &b[new_index..new_index + new_len],
                &mut lines,
            ),
        }
    }
    Diff {
        headline,
        lines,
        quotes: quotes(old, new),
    }
}

/// Old paragraphs replaced by new ones: paired in order where they are similar enough to be
/// a rewrite, the rest removed or added.
fn replaced(old: &[&str], new: &[&str], lines: &mut Vec<Line>) {
    let pairs = old.len().min(new.len());
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for i in 0..pairs {
        let (a, b) = (tokens(old[i]), tokens(new[i]));
        if similarity(&a, &b) >= SIMILAR {
            lines.append(&mut removed);
            lines.append(&mut added);
            lines.push(Line::Changed(word_changes(&a, &b)));
        } else {
            removed.push(Line::Removed(old[i].to_string()));
            added.push(Line::Added(new[i].to_string()));
        }
    }
    removed.extend(old[pairs..].iter().map(|p| Line::Removed((*p).to_string())));
    added.extend(new[pairs..].iter().map(|p| Line::Added((*p).to_string())));
    lines.append(&mut removed);
    lines.append(&mut added);
}

fn word_changes(old: &[&str], new: &[&str]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut put = |word: Word| match (out.last_mut(), word) {
        (Some(Word::Same(s)), Word::Same(t))
        | (Some(Word::Removed(s)), Word::Removed(t))
        | (Some(Word::Added(s)), Word::Added(t)) => s.push_str(&t),
        (_, word) => out.push(word),
    };
    for op in similar::capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => put(Word::Same(old[o].concat())),
            similar::DiffTag::Delete => put(Word::Removed(old[o].concat())),
            similar::DiffTag::Insert => put(Word::Added(new[n].concat())),
            similar::DiffTag::Replace => {
                put(Word::Removed(old[o].concat()));
                put(Word::Added(new[n].concat()));
            }
        }
    }
    out
}

/// A paragraph as words, runs of space and single marks, so `Wednesday.` → `Wednesday,` is
/// one changed mark, not a changed word.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in text.char_indices() {
        let k = if c.is_alphanumeric() || c == '\'' || c == '’' {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        };
        if kind != Some(k) || k == 2 {
            if i > start {
                out.push(&text[start..i]);
            }
            start = i;
        }
        kind = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// How much of two paragraphs' words they share, 0 to 1.
fn similarity(old: &[&str], new: &[&str]) -> f32 {
    let diff = similar::TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(old, new);
    diff.ratio()
}

/// Quotes added, removed or attributed to someone else, matched by their words.
fn quotes(old: &Article, new: &Article) -> Vec<QuoteChange> {
    let key = |text: &str| {
        text.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut changes = Vec::new();
    for q in &new.quotes {
        match old.quotes.iter().find(|o| key(&o.text) == key(&q.text)) {
            None => changes.push(QuoteChange::Added {
                text: q.text.clone(),
                speaker: q.speaker.clone(),
            }),
            Some(o) if o.speaker != q.speaker => changes.push(QuoteChange::Reattributed {
                text: q.text.clone(),
                from: o.speaker.clone(),
                to: q.speaker.clone(),
            }),
            Some(_) => {}
        }
    }
    for o in &old.quotes {
        if !new.quotes.iter().any(|q| key(&q.text) == key(&o.text)) {
            changes.push(QuoteChange::Removed {
                text: o.text.clone(),
                speaker: o.speaker.clone(),
            });
        }
    }
    changes
}

/// The diff as unified lines: `-` removed and `+` added paragraphs, a changed paragraph as
/// its old (`-`, removed words in `[-…-]`) and new (`+`, added words in `{+…+}`) text, one
/// paragraph of context (` `) around each change and `@@ paragraph N @@` before it; then the
/// quotes that changed.
pub fn unified(diff: &Diff) -> String {
    let mut out = String::new();
    if let Some((old, new)) = &diff.headline {
        let _ = write!(out, "-# {old}\n+# {new}\n");
    }
    let changed: Vec<bool> = diff
        .lines
        .iter()
        .map(|l| !matches!(l, Line::Same(_)))
        .collect();
    let near_change = |i: usize| {
        changed[i.saturating_sub(1)..(i + 2).min(changed.len())]
            .iter()
            .any(|c| *c)
    };
    let mut paragraph = 0;
    let mut shown_last = false;
    for (i, line) in diff.lines.iter().enumerate() {
        let show = changed[i] || near_change(i);
        if show && !shown_last {
            let _ = writeln!(out, "@@ paragraph {} @@", paragraph + 1);
        }
        shown_last = show;
        match line {
            Line::Same(text) => {
                if show {
                    let _ = writeln!(out, " {text}");
                }
                paragraph += 1;
            }
            Line::Removed(text) => {
                let _ = writeln!(out, "-{text}");
            }
            Line::Added(text) => {
                let _ = writeln!(out, "+{text}");
                paragraph += 1;
            }
            Line::Changed(words) => {
                out.push('-');
                for w in words {
                    match w {
                        Word::Same(s) => out.push_str(s),
                        Word::Removed(s) => {
                            let _ = write!(out, "[-{s}-]");
                        }
                        Word::Added(_) => {}
                    }
                }
                out.push_str("\n+");
                for w in words {
                    match w {
                        Word::Same(s) => out.push_str(s),
                        Word::Added(s) => {
                            let _ = write!(out, "{{+{s}+}}");
                        }
                        Word::Removed(_) => {}
                    }
                }
                out.push('\n');
                paragraph += 1;
            }
        }
    }
    if !diff.quotes.is_empty() {
        out.push_str("\nQuotes:\n");
        let who = |s: &Option<String>| s.clone().unwrap_or_else(|| "unattributed".into());
        for q in &diff.quotes {
            match q {
                QuoteChange::Added { text, speaker } => {
                    let _ = writeln!(out, "+ “{text}” — {}", who(speaker));
                }
                QuoteChange::Removed { text, speaker } => {
                    let _ = writeln!(out, "- “{text}” — {}", who(speaker));
                }
                QuoteChange::Reattributed { text, from, to } => {
                    let _ = writeln!(out, "~ “{text}” — was {}, now {}", who(from), who(to));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Quote;

    fn story(headline: &str, paragraphs: &[&str]) -> Article {
        Article {
            headline: headline.into(),
            paragraphs: paragraphs.iter().map(|p| (*p).to_string()).collect(),
            ..Article::default()
        }
    }

    fn quote(text: &str, speaker: &str) -> Quote {
        Quote {
            text: text.into(),
            speaker: Some(speaker.into()),
            partial: false,
            paragraph: 0,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn paragraphs_added_removed_and_rewritten() {
        let old = story(
            "Floods close roads",
            &[
                "Floods closed roads on Monday.",
                "The mayor said crews were working.",
                "Schools stay open.",
            ],
        );
        let new = story(
            "Floods close roads, schools",
            &[
                "Floods closed roads on Monday.",
                "The mayor said crews were working through the night.",
                "The minister promised aid.",
            ],
        );
        let d = diff(&old, &new);
        assert_eq!(
            d.headline,
            Some((
                "Floods close roads".into(),
                "Floods close roads, schools".into()
            ))
        );
        assert_eq!(
            d.lines[0],
            Line::Same("Floods closed roads on Monday.".into())
        );
        assert!(
            matches!(&d.lines[1], Line::Changed(words) if words.contains(&Word::Added(" through the night".into())) || words.iter().any(|w| matches!(w, Word::Added(s) if s.contains("night"))))
        );
        assert!(
            d.lines
                .contains(&Line::Removed("Schools stay open.".into()))
        );
        assert!(
            d.lines
                .contains(&Line::Added("The minister promised aid.".into()))
        );
        assert!(!d.is_empty());
        let text = unified(&d);
        assert!(
            text.starts_with("-# Floods close roads\n+# Floods close roads, schools\n"),
            "{text}"
        );
        assert!(
            text.contains("@@ paragraph 1 @@\n Floods closed roads on Monday.\n"),
            "{text}"
        );
        assert!(text.contains("{+"), "{text}");
        assert!(text.contains("-Schools stay open.\n"), "{text}");
        assert!(text.contains("+The minister promised aid.\n"), "{text}");
    }

    #[test]
    fn quotes_added_removed_and_reattributed() {
        let mut old = story("H", &["P."]);
        old.quotes = vec![
            quote("We will rebuild", "Jane Example"),
            quote("Gone soon", "Ann Roe"),
        ];
        let mut new = story("H", &["P."]);
        new.quotes = vec![
            quote("We will rebuild", "John Sample"),
            quote("Aid is coming", "Ann Roe"),
        ];
        let d = diff(&old, &new);
        assert_eq!(d.quotes.len(), 3);
        let text = unified(&d);
        assert!(
            text.contains("~ “We will rebuild” — was Jane Example, now John Sample"),
            "{text}"
        );
        assert!(text.contains("+ “Aid is coming” — Ann Roe"), "{text}");
        assert!(text.contains("- “Gone soon” — Ann Roe"), "{text}");
    }

    #[test]
    fn the_same_story_has_no_changes() {
        let a = story("H", &["One.", "Two."]);
        assert!(diff(&a, &a.clone()).is_empty());
        assert_eq!(unified(&diff(&a, &a)), "");
    }
}
