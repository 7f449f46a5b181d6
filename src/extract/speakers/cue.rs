//! A reference to a speaker as the text gives it: a name, a pronoun, a description, or the
//! subject of the sentence.

/// A reference to a speaker as the text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cue {
    /// A name or capitalised phrase (`Sen. Bernie Sanders`), with its byte range in the
    /// paragraph the cue was read from.
    Name {
        text: String,
        start: usize,
        end: usize,
    },
    Pronoun(String),
    /// A lower-case description (`the Russian president`, `a spokesman for the ministry`).
    Description(String),
    /// A participle (`…, saying: “…”`, `describing it as a “…”`): whoever the sentence is about.
    Subject,
}
