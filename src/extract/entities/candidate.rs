//! What the recogniser works with: a capitalised chunk before it is classified
//! ([`Candidate`]), one mention of an entity in the text, and what it found in one story.

use foldhash::HashSet;

use crate::article::{Entity, EntityKind};

/// Where the headline's mentions are recorded (it is not one of the paragraphs).
pub const HEADLINE: usize = usize::MAX;

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// What the recogniser found in one story.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub entities: Vec<Entity>,
    /// In text order: by paragraph, then start.
    pub mentions: Vec<Mention>,
    /// Per entity: lower-cased words that describe it (`russian`, `president`).
    pub descriptors: Vec<HashSet<String>>,
}

/// A capitalised chunk, before classification.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent clues, each read by its own rule
pub struct Candidate {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub words: usize,
    /// Lower-cased titles and demonyms that stood before it.
    pub descriptors: Vec<String>,
    pub titled: bool,
    pub sentence_start: bool,
    pub kind: Option<EntityKind>,
    pub canonical: Option<String>,
    /// A known city or region (not a country), which may be a team in sports copy.
    pub local_place: bool,
    /// Followed by a score or next to a result verb.
    pub sports_context: bool,
    /// Where sports copy lists players: scorers in the brackets after a score (`Rovers 2
    /// (Brenner 12, Quintos 77)`) or after `Scorers:`, a line-up (`Rovers: Mackle; Tennant`).
    pub player: bool,
    pub followed_by_speech: bool,
    /// After `in`, `at`, `near`, `from`: where something is.
    pub locative: bool,
    /// Before a lower-case word for a kind of place (`Lowmoor island`, `the Durance river`).
    pub before_place_noun: bool,
    /// Before a word of the markets: `shares`/`stock` (`Nvidia shares`: a company) or a
    /// benchmark's `crude`/`futures`/`index` (`Brent crude`: a grade, no one).
    pub before_market_noun: Option<MarketNoun>,
    pub after_of: bool,
    /// The kind rests on evidence (gazetteer, title, cue, context), not on a default guess.
    pub strong: bool,
    /// One unknown word taken for a person with no evidence at all (no title, given name or
    /// surname, speech verb, context): kept only if it names someone the story names in
    /// full (`Ellery` after `Marta Ellery`).
    pub guess: bool,
    /// A title alone that is also a surname (`King said` after `Martin Luther King Jr.`): a
    /// person only as the surname of someone the story names in full.
    pub title_word: bool,
}

/// What a market word after a name makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarketNoun {
    /// `shares`, `stock`, `bonds`: the name is a company's.
    Shares,
    /// `crude`, `futures`, `index`: a grade, a contract or an index, not a person.
    Benchmark,
}

impl MarketNoun {
    /// The kind of the name before the word: a company, or no entity.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Self::Shares => Some(EntityKind::Organization),
            Self::Benchmark => None,
        }
    }
}

impl Found {
    /// The mentions in `paragraph`, in text order (found by halves: a story has hundreds).
    pub fn mentions_in(&self, paragraph: usize) -> &[Mention] {
        let first = self.mentions.partition_point(|m| m.paragraph < paragraph);
        let len = self.mentions[first..].partition_point(|m| m.paragraph == paragraph);
        &self.mentions[first..first + len]
    }
}
