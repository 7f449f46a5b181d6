//! Words with byte offsets: `Jong-un`, `O’Brien`, `U.S.`, `Sen.` stay whole; quotes, commas and
//! dashes are tokens of their own. What every extraction rule walks over.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter upper case, and at least two of them (`NATO`, `U.S.`).
    pub fn is_all_caps(&self) -> bool {
        self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !self.text.chars().any(char::is_lowercase)
    }

    /// The text without a trailing full stop (`Sen.` → `Sen`).
    pub fn bare(&self) -> &str {
        self.text.strip_suffix('.').unwrap_or(self.text)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// The character at byte `at` of `text` (ASCII without decoding).
fn char_at(text: &str, at: usize) -> Option<char> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // Read in place, a character at a time by byte offset: most copy is ASCII, and collecting
    // every character with its offset first cost as much as the rules that read the tokens.
    // About a token for every five bytes of copy: room for them all at once.
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let after_c = i + c.len_utf8();
        if c.is_whitespace() {
            i = after_c;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            let numeric_start = c.is_numeric();
            let mut j = after_c;
            let bytes = text.as_bytes();
            loop {
                // ASCII letters and digits, the most of any word, a byte at a time.
                j += bytes[j..]
                    .iter()
                    .position(|&b| !crate::text::ASCII_ALNUM[usize::from(b)])
                    .unwrap_or(bytes.len() - j);
                // The usual end of a word: a space or a mark no rule below lets inside one.
                if bytes.get(j).is_none_or(|&b| {
                    b.is_ascii() && !matches!(b, b'\'' | b'-' | b'.' | b',' | b':' | b'/')
                }) {
                    break;
                }
                let Some(d) = char_at(text, j) else {
                    break;
                };
                let after = j + d.len_utf8();
                if d.is_alphanumeric() || is_mark(d) {
                    j = after;
                    continue;
                }
                let next = char_at(text, after);
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                if (is_apostrophe(d) || is_hyphen(d)) && next_alnum {
                    j = after;
                } else if d == '.' && next_alnum && !numeric_start {
                    // U.S.A, e.g — but not the end of a sentence before a word without a space.
                    if next.is_some_and(char::is_uppercase)
                        && text[start..j].chars().all(|c| c.is_uppercase() || c == '.')
                    {
                        j = after;
                    } else {
                        break;
                    }
                } else if numeric_start && matches!(d, '.' | ',' | ':' | '/') && next_alnum {
                    j = after;
                } else {
                    break;
                }
            }
            // A trailing full stop belongs to initials and dotted acronyms (`J.`, `U.S.`) and
            // to abbreviations the caller recognises; sentence ends are decided elsewhere.
            if text.as_bytes().get(j) == Some(&b'.') && keeps_stop(&text[start..j]) {
                j += 1;
            }
            let kind = if numeric_start {
                Kind::Number
            } else {
                Kind::Word
            };
            tokens.push(Token {
                text: &text[start..j],
                start,
                end: j,
                kind,
            });
            i = j;
        } else {
            tokens.push(Token {
                text: &text[start..after_c],
                start,
                end: after_c,
                kind: Kind::Punct,
            });
            i = after_c;
        }
    }
    tokens
}

fn is_mark(c: char) -> bool {
    // Combining marks (decomposed diacritics) belong to the word they sit on.
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Words whose following full stop is part of them.
fn keeps_stop(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt", "Capt",
        "Cmdr", "Adm", "Maj", "St", "Sr", "Jr", "Rev", "Hon", "Pres", "Supt", "Insp", "Mt", "Ft",
        "Inc", "Ltd", "Corp", "Co", "Bros", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov",
        "Dec", "Calif", "Mass", "Fla", "Ga", "Ill", "Mich", "Minn", "Ariz", "Conn", "Colo", "Tenn",
        "Wash", "Wis", "Nev", "Okla", "Ore", "Ky", "Va", "Md", "Ala", "Ark", "Kan", "Neb", "Vt",
        "Pa", "Del", "Miss", "Mo", "Mont", "Wyo", "Ind", "Tex", "Calif", "No", "vs",
    ];
    // Every word before a full stop comes here: the list is looked up in a hash set.
    static KNOWN: std::sync::LazyLock<foldhash::HashSet<&str>> =
        std::sync::LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.');
    single_initial || dotted || KNOWN.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn names_and_abbreviations_stay_whole() {
        assert_eq!(
            words("Sen. Sean O’Brien met Kim Jong-un in the U.S. on Monday."),
            [
                "Sen.",
                "Sean",
                "O’Brien",
                "met",
                "Kim",
                "Jong-un",
                "in",
                "the",
                "U.S.",
                "on",
                "Monday",
                "."
            ]
        );
        assert_eq!(words("J. R. Smith"), ["J.", "R.", "Smith"]);
        assert_eq!(
            words("“Yes,” he said"),
            ["“", "Yes", ",", "”", "he", "said"]
        );
        assert_eq!(
            words("won 2-1, $4.5 million"),
            ["won", "2-1", ",", "$", "4.5", "million"]
        );
        assert_eq!(words("the ministry’s view"), ["the", "ministry’s", "view"]);
        assert_eq!(words("Erdoğan and Zürich"), ["Erdoğan", "and", "Zürich"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Zürich – “Ja.”";
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}
