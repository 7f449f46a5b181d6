//! Editing a line of text as a shell prompt does: the cursor moved by character, by word and to
//! either end, the character under it deleted, the text before it or the word before it cut.
//! Pure: a text and a cursor (a byte offset on a character boundary) in, changed in place.

/// One edit of the line (what Left, Ctrl-A, Ctrl-W, Alt-F… ask for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// One character left.
    Left,
    /// One character right.
    Right,
    /// To the start of the line.
    Start,
    /// To the end of the line.
    End,
    /// To the start of this word, or of the one before.
    WordLeft,
    /// To the end of this word, or of the one after.
    WordRight,
    /// Delete the character under the cursor.
    Delete,
    /// Delete everything before the cursor.
    KillToStart,
    /// Delete the word before the cursor (and the spaces after it).
    KillWord,
}

impl Edit {
    /// Every edit, in the order the help lists them.
    pub const ALL: [Edit; 9] = [
        Edit::Left,
        Edit::Right,
        Edit::Start,
        Edit::End,
        Edit::WordLeft,
        Edit::WordRight,
        Edit::Delete,
        Edit::KillToStart,
        Edit::KillWord,
    ];

    /// The config name (`cursor_left`).
    pub fn name(self) -> &'static str {
        match self {
            Edit::Left => "cursor_left",
            Edit::Right => "cursor_right",
            Edit::Start => "line_start",
            Edit::End => "line_end",
            Edit::WordLeft => "word_left",
            Edit::WordRight => "word_right",
            Edit::Delete => "delete_char",
            Edit::KillToStart => "kill_to_start",
            Edit::KillWord => "kill_word",
        }
    }

    /// What the help says.
    pub fn description(self) -> &'static str {
        match self {
            Edit::Left => "typing: cursor left",
            Edit::Right => "typing: cursor right",
            Edit::Start => "typing: to the start of the line",
            Edit::End => "typing: to the end of the line",
            Edit::WordLeft => "typing: a word left",
            Edit::WordRight => "typing: a word right",
            Edit::Delete => "typing: delete the character under the cursor",
            Edit::KillToStart => "typing: delete to the start of the line",
            Edit::KillWord => "typing: delete the word before the cursor",
        }
    }

    /// Applies the edit to `text` with its cursor at `cursor`; whether the text changed.
    pub fn apply(self, text: &mut String, cursor: &mut usize) -> bool {
        *cursor = clamp(text, *cursor);
        match self {
            Edit::Left => *cursor = before(text, *cursor),
            Edit::Right => *cursor = after(text, *cursor),
            Edit::Start => *cursor = 0,
            Edit::End => *cursor = text.len(),
            Edit::WordLeft => *cursor = word_start(text, *cursor),
            Edit::WordRight => *cursor = word_end(text, *cursor),
            Edit::Delete => {
                if *cursor == text.len() {
                    return false;
                }
                text.replace_range(*cursor..after(text, *cursor), "");
                return true;
            }
            Edit::KillToStart => {
                if *cursor == 0 {
                    return false;
                }
                text.replace_range(..*cursor, "");
                *cursor = 0;
                return true;
            }
            Edit::KillWord => {
                // Like a shell's Ctrl-W: back over spaces, then over the word.
                let start = text[..*cursor]
                    .trim_end_matches(char::is_whitespace)
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| after(text, i));
                if start == *cursor {
                    return false;
                }
                text.replace_range(start..*cursor, "");
                *cursor = start;
                return true;
            }
        }
        false
    }
}

/// Inserts `typed` at the cursor, which moves past it.
pub fn insert(text: &mut String, cursor: &mut usize, typed: &str) {
    *cursor = clamp(text, *cursor);
    text.insert_str(*cursor, typed);
    *cursor += typed.len();
}

/// Erases the character before the cursor (Backspace); whether there was one.
pub fn erase(text: &mut String, cursor: &mut usize) -> bool {
    *cursor = clamp(text, *cursor);
    if *cursor == 0 {
        return false;
    }
    let start = before(text, *cursor);
    text.replace_range(start..*cursor, "");
    *cursor = start;
    true
}

/// The cursor within the text and on a character boundary.
fn clamp(text: &str, cursor: usize) -> usize {
    let mut at = cursor.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn before(text: &str, at: usize) -> usize {
    text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
}

fn after(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// A word is a run of letters, digits and the characters queries join words with.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '\'' | '’')
}

fn word_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let Some(end) = head.rfind(is_word) else {
        return 0;
    };
    head[..end]
        .rfind(|c| !is_word(c))
        .map_or(0, |i| after(text, i))
}

fn word_end(text: &str, at: usize) -> usize {
    let tail = &text[at..];
    let Some(start) = tail.find(is_word) else {
        return text.len();
    };
    tail[start..]
        .find(|c| !is_word(c))
        .map_or(text.len(), |i| at + start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `edits` on `text` with the cursor at its `|`, and shows the result the same way.
    fn run(text: &str, edits: &[Edit]) -> String {
        let mut cursor = text.find('|').unwrap();
        let mut text = text.replacen('|', "", 1);
        for edit in edits {
            edit.apply(&mut text, &mut cursor);
        }
        text.insert(cursor, '|');
        text
    }

    #[test]
    fn the_cursor_moves_by_character_and_to_either_end() {
        assert_eq!(run("ab|c", &[Edit::Left]), "a|bc");
        assert_eq!(run("ab|c", &[Edit::Right, Edit::Right]), "abc|");
        assert_eq!(run("|abc", &[Edit::Left]), "|abc");
        assert_eq!(run("ab|c", &[Edit::Start]), "|abc");
        assert_eq!(run("a|bc", &[Edit::End]), "abc|");
        assert_eq!(run("Zoë|", &[Edit::Left]), "Zo|ë", "by character, not byte");
        assert_eq!(run("Zo|ë", &[Edit::Right]), "Zoë|");
    }

    #[test]
    fn words_are_skipped_like_alt_b_and_alt_f() {
        let text = "person:\"kim jong-un\" since:2024|";
        assert_eq!(
            run(text, &[Edit::WordLeft]),
            "person:\"kim jong-un\" since:|2024"
        );
        assert_eq!(
            run(text, &[Edit::WordLeft, Edit::WordLeft, Edit::WordLeft]),
            "person:\"kim |jong-un\" since:2024"
        );
        assert_eq!(run("|a bb  ccc", &[Edit::WordRight]), "a| bb  ccc");
        assert_eq!(
            run("|a bb  ccc", &[Edit::WordRight, Edit::WordRight]),
            "a bb|  ccc"
        );
        assert_eq!(run("a |  ", &[Edit::WordRight]), "a   |");
        assert_eq!(run("  |a", &[Edit::WordLeft]), "|  a");
    }

    #[test]
    fn deleting_under_before_and_to_the_start() {
        let mut text = "abc".to_string();
        let mut cursor = 1;
        assert!(Edit::Delete.apply(&mut text, &mut cursor));
        assert_eq!((text.as_str(), cursor), ("ac", 1));
        assert!(
            !Edit::Delete.apply(&mut text, &mut 2),
            "nothing under the end"
        );
        assert_eq!(run("kim jong|-un", &[Edit::KillToStart]), "|-un");
        assert_eq!(run("place:antwerp  |x", &[Edit::KillWord]), "|x");
        assert_eq!(run("a bc  |", &[Edit::KillWord]), "a |");
        assert_eq!(run("|abc", &[Edit::KillWord]), "|abc");
    }

    #[test]
    fn typing_and_erasing_happen_at_the_cursor() {
        let mut text = "kim".to_string();
        let mut cursor = 0;
        insert(&mut text, &mut cursor, "’");
        assert_eq!((text.as_str(), cursor), ("’kim", 3));
        assert!(erase(&mut text, &mut cursor));
        assert_eq!((text.as_str(), cursor), ("kim", 0));
        assert!(!erase(&mut text, &mut cursor));
        let mut far = 99;
        insert(&mut text, &mut far, "!");
        assert_eq!(text, "kim!", "a cursor past the end is at the end");
    }
}
