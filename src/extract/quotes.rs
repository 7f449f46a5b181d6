//! Finding direct quotations: curly and straight double quotes, guillemets, „low-high“ marks and
//! top-level single quotes, never apostrophes; agency-style quotes that run over several
//! paragraphs (each opens, only the last closes) become one quote.

/// A quotation found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Paragraph where the quote opens, and byte offsets of its words (marks excluded).
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// Offset of the opening mark, and just past the closing mark (or the paragraph's end).
    pub open: usize,
    pub close: usize,
    /// The paragraph where the quote ends (later than `paragraph` for a continued quote).
    pub last_paragraph: usize,
    pub text: String,
    /// Whether a closing mark was found.
    pub closed: bool,
}

/// The quotation marks of one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Straight,
    Guillemet,
    Low,
    Single,
}

/// The first opening quotation mark in `text` from byte `from`: where, and its family. Only
/// the bytes a mark can begin with are looked at (`"`, and the lead bytes of `“„‘` and `«`),
/// found many at a time.
fn next_opener(text: &str, from: usize) -> Option<(usize, Family)> {
    let rest = text.as_bytes().get(from..)?;
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, rest).find_map(|i| {
        let at = from + i;
        let c = text.get(at..)?.chars().next()?;
        opener(text, at, c).map(|family| (at, family))
    })
}

fn opener(text: &str, at: usize, c: char) -> Option<Family> {
    if !matches!(c, '“' | '«' | '„' | '"' | '‘') {
        return None;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    let after_is_text = after.is_some_and(|a| !a.is_whitespace());
    match c {
        '“' => Some(Family::Double),
        '«' => Some(Family::Guillemet),
        '„' => Some(Family::Low),
        // A straight quote opens after a space, a bracket or a dash, before text; after a
        // digit it is an inch mark.
        '"' if after_is_text
            && before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b)) =>
        {
            Some(Family::Straight)
        }
        // An opening single quote before a letter, not inside a word (`‘90s` is an elision).
        '‘' if after.is_some_and(char::is_alphabetic)
            && before.is_none_or(|b| !b.is_alphanumeric()) =>
        {
            Some(Family::Single)
        }
        _ => None,
    }
}

/// Where the quote that opened at `from` closes in `text`: the offset of the closing mark.
fn closer(text: &str, from: usize, family: Family) -> Option<(usize, char)> {
    let rest = &text[from..];
    let mut candidates = rest.char_indices().filter(|&(i, c)| match family {
        Family::Double => c == '”',
        Family::Straight => c == '"',
        Family::Guillemet => c == '»',
        Family::Low => c == '“' || c == '”',
        Family::Single => {
            c == '’' && {
                let after = rest[i + c.len_utf8()..].chars().next();
                let before = rest[..i].chars().next_back();
                after.is_none_or(|a| !a.is_alphanumeric())
                    && before.is_some_and(|b| !b.is_whitespace())
            }
        }
    });
    let first = candidates.next()?;
    if family == Family::Single {
        // `the workers’ party won’`: a plural possessive is no closing mark when a later
        // candidate closes the quote before anything opens again.
        let word_end_s = rest[..first.0].ends_with('s');
        if word_end_s {
            let limit = rest[first.0..]
                .find(['‘', '“'])
                .map_or(rest.len(), |o| first.0 + o);
            if let Some(later) = candidates.take_while(|(i, _)| *i < limit).last() {
                return Some((from + later.0, later.1));
            }
        }
    }
    // A new opening double mark before the closer means this one was never closed.
    if family == Family::Double && rest[..first.0].contains('“') {
        return None;
    }
    Some((from + first.0, first.1))
}

/// Whether a paragraph opens with a quotation mark of `family` (agency continuation style).
fn continues(paragraph: &str, family: Family) -> Option<usize> {
    let trimmed = paragraph.trim_start();
    let at = paragraph.len() - trimmed.len();
    let c = trimmed.chars().next()?;
    let same = match family {
        Family::Double | Family::Low => c == '“' || c == '„',
        Family::Straight => c == '"',
        Family::Guillemet => c == '«',
        Family::Single => c == '‘',
    };
    same.then_some(at)
}

/// Finds every quotation in the paragraphs, in order.
pub fn find(paragraphs: &[String]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut p = 0;
    let mut from = 0;
    while p < paragraphs.len() {
        let text = &paragraphs[p];
        let Some((open, family)) = next_opener(text, from) else {
            p += 1;
            from = 0;
            continue;
        };
        let mark_len = text[open..].chars().next().map_or(1, char::len_utf8);
        let content_start = open + mark_len;
        if let Some((close_at, mark)) = closer(text, content_start, family) {
            push(
                &mut spans,
                p,
                p,
                text,
                open,
                content_start,
                close_at,
                close_at + mark.len_utf8(),
                true,
                None,
            );
            from = close_at + mark.len_utf8();
        } else {
            // Unclosed: it may continue into the next paragraphs, agency style.
            let mut parts = vec![text[content_start..].trim().to_string()];
            let mut last = p;
            let mut closed_at = None;
            while let Some(next) = paragraphs.get(last + 1) {
                let Some(at) = continues(next, family) else {
                    break;
                };
                last += 1;
                let start = at + next[at..].chars().next().map_or(1, char::len_utf8);
                match closer(next, start, family) {
                    Some((c, mark)) => {
                        parts.push(next[start..c].trim().to_string());
                        closed_at = Some(c + mark.len_utf8());
                        break;
                    }
                    None => parts.push(next[start..].trim().to_string()),
                }
            }
            let joined = parts.join(" ");
            // A straight mark left open on its own is more likely a stray than a quote.
            if family != Family::Straight || closed_at.is_some() {
                push(
                    &mut spans,
                    p,
                    last,
                    text,
                    open,
                    content_start,
                    text.len(),
                    closed_at.unwrap_or(text.len()),
                    closed_at.is_some(),
                    Some(joined),
                );
            }
            match closed_at {
                Some(c) if last > p => {
                    p = last;
                    from = c;
                }
                _ => {
                    p = last + 1;
                    from = 0;
                }
            }
        }
    }
    spans
}

#[allow(clippy::too_many_arguments)]
fn push(
    spans: &mut Vec<Span>,
    paragraph: usize,
    last_paragraph: usize,
    text: &str,
    open: usize,
    content_start: usize,
    content_end: usize,
    close: usize,
    closed: bool,
    joined: Option<String>,
) {
    let raw = &text[content_start..content_end];
    let lead = raw.len() - raw.trim_start().len();
    let start = content_start + lead;
    let end = content_start + raw.trim_end().len();
    let quoted = joined.unwrap_or_else(|| text[start..end].to_string());
    // At least one word of two letters: `‘n’` or a lone number is no quotation.
    let has_word = quoted
        .split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if !has_word {
        return;
    }
    spans.push(Span {
        paragraph,
        start,
        end,
        open,
        close: if last_paragraph == paragraph {
            close
        } else {
            text.len()
        },
        last_paragraph,
        text: quoted,
        closed,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(paragraphs: &[&str]) -> Vec<String> {
        let owned: Vec<String> = paragraphs.iter().map(|p| (*p).to_string()).collect();
        find(&owned).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn curly_straight_and_guillemets() {
        assert_eq!(texts(&["“We will win,” she said."]), ["We will win,"]);
        assert_eq!(texts(&["\"We will win,\" she said."]), ["We will win,"]);
        assert_eq!(
            texts(&["« Nous gagnerons », a-t-elle dit."]),
            ["Nous gagnerons"]
        );
        assert_eq!(
            texts(&["Er sagte: „Wir schaffen das“."]),
            ["Wir schaffen das"]
        );
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        assert!(
            texts(&["O’Brien said the ministry’s plan for the Workers’ Party won’t work."])
                .is_empty()
        );
        assert!(texts(&["O'Brien said the ministry's plan won't work in the '90s."]).is_empty());
        assert!(texts(&["Rock ‘n’ roll is back."]).is_empty());
    }

    #[test]
    fn single_quotes_inside_doubles_stay_inside() {
        assert_eq!(
            texts(&["“He told us ‘never again’, and we listened,” she said."]),
            ["He told us ‘never again’, and we listened,"]
        );
    }

    #[test]
    fn top_level_single_quotes() {
        assert_eq!(
            texts(&["Calderon calls the wall ‘stupid’, ‘useless.’"]),
            ["stupid", "useless."]
        );
        assert_eq!(
            texts(&["He called it ‘the workers’ party’ again."]),
            ["the workers’ party"]
        );
    }

    #[test]
    fn partial_quotes_in_a_sentence() {
        assert_eq!(
            texts(&["Kim pledged to “unconditionally” support its “strategic” ties."]),
            ["unconditionally", "strategic"]
        );
    }

    #[test]
    fn continued_over_paragraphs_is_one_quote() {
        let found = texts(&[
            "“We will rebuild the port,” the mayor said. “It will take years.",
            "“But we have started.",
            "“And we will finish,” she added.",
            "After that, “a new one” opened.",
        ]);
        assert_eq!(
            found,
            [
                "We will rebuild the port,",
                "It will take years. But we have started. And we will finish,",
                "a new one"
            ]
        );
    }

    #[test]
    fn unbalanced_marks_cost_only_their_quote() {
        // A stray opening mark with no close: one unclosed quote, the rest intact.
        let found = texts(&["He said “this was never closed.", "Then “a second” one."]);
        assert_eq!(found, ["this was never closed.", "a second"]);
        // A stray straight quote (inch mark) is not a quote.
        assert_eq!(
            texts(&["He is 6'2\" tall and said \"hello there\" twice."]),
            ["hello there"]
        );
    }

    #[test]
    fn offsets_exclude_the_marks() {
        let paragraphs = vec!["Kim said “yes” twice.".to_string()];
        let span = &find(&paragraphs)[0];
        assert_eq!(&paragraphs[0][span.start..span.end], "yes");
        assert_eq!(&paragraphs[0][span.open..span.close], "“yes”");
    }
}
