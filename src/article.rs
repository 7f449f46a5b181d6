//! The one data model: a parsed article with its dateline, caption, quotes and entities.
//!
//! Its JSON form is what `dateline extract --json` prints and what the archive stores, one
//! article per line; the field names follow `shared/eval/CONTRACT.md`.

use serde::{Deserialize, Serialize};

/// The input formats dateline reads. The JSON names are the contract's `source.format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Plain,
    Nitf,
    #[serde(rename = "newsml-g2")]
    NewsmlG2,
    #[serde(rename = "newsml-1.2")]
    Newsml12,
    Ninjs,
    #[serde(rename = "anpa-1312")]
    Anpa1312,
    #[serde(rename = "iptc-7901")]
    Iptc7901,
    Rss,
    Atom,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Plain,
        Format::Nitf,
        Format::NewsmlG2,
        Format::Newsml12,
        Format::Ninjs,
        Format::Anpa1312,
        Format::Iptc7901,
        Format::Rss,
        Format::Atom,
    ];

    /// The contract name (`plain`, `newsml-g2`, …), also accepted by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Nitf => "nitf",
            Format::NewsmlG2 => "newsml-g2",
            Format::Newsml12 => "newsml-1.2",
            Format::Ninjs => "ninjs",
            Format::Anpa1312 => "anpa-1312",
            Format::Iptc7901 => "iptc-7901",
            Format::Rss => "rss",
            Format::Atom => "atom",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path as given on the command line (or `embedded:NAME` for the sample archive).
    pub path: String,
    pub format: Format,
    /// The feed's own identifier (NITF doc-id, NewsML guid, ninjs uri), when the format has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The dateline that opens agency copy: `MOSCOW, June 19 (Reuters) -`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The city or place, as written (`MOSCOW`, `Nagpur`); `None` for `Aug 27 (Reuters) -`.
    pub place: Option<String>,
    /// State, country or region after the place (`Mass.`, `North Korea`, `India`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// ISO date (`2024-06-19`) when the dateline carries a date whose year is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The agency as written in the dateline (`Reuters`, `AP`, `MINA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The dateline exactly as it stood, dash included.
    pub text: String,
}

/// A photo caption and its credit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words without the quotation marks.
    pub text: String,
    /// The resolved name of who said it; `None` when the story does not say.
    pub speaker: Option<String>,
    /// A short quote inside a sentence (“strategic”) rather than a quoted statement.
    pub partial: bool,
    /// Index into `Article::paragraphs` where the quote opens.
    pub paragraph: usize,
    /// Byte offsets of the quoted words in that paragraph (marks excluded).
    pub start: usize,
    pub end: usize,
}

/// What kind of thing a named entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

impl EntityKind {
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
        }
    }
}

/// A person, place or organisation named in a story, merged over all its surface forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest form (`Kim Jong-un`, `International Atomic Energy Agency`).
    pub name: String,
    pub kind: EntityKind,
    /// Every distinct surface form seen (`Kim Jong-un`, `Kim`).
    pub mentions: Vec<String>,
    /// How many times the entity is mentioned in all.
    pub count: usize,
}

/// A parsed story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: derived from the story's content, so the same story always gets the same id.
    pub id: String,
    pub source: Source,
    pub headline: String,
    /// ISO date (or RFC 3339 time) of publication, when the copy says.
    pub published: Option<String>,
    pub dateline: Option<Dateline>,
    /// The agency that sent the story (from the dateline, a sign-off line or the feed metadata).
    pub agency: Option<String>,
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Caption>,
    /// Credit lines: "according to Anadolu Agency reports", "(Reporting by …)", sign-off lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<String>,
    /// Editor and routing codes such as `T/RE1/P2`, kept out of the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor_codes: Vec<String>,
    pub paragraphs: Vec<String>,
    /// Wire metadata the feed formats carry (urgency, slugline, version, embargo, subjects,
    /// editor's note); empty for plain text.
    #[serde(default, skip_serializing_if = "WireMeta::is_empty")]
    pub wire: WireMeta,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub entities: Vec<Entity>,
}

/// Metadata wire formats carry beside the story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireMeta {
    /// Urgency or priority, 1 (flash) to 8 (routine), as the format gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slugline: Option<String>,
    /// Version or edition number of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Not to be published before this time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo: Option<String>,
    /// Subject codes or names (IPTC media topics, categories, keywords).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Editor's note (ed-msg, edNote).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ednote: Option<String>,
    /// Language of the copy (`en`, `de`), when the format says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl WireMeta {
    pub fn is_empty(&self) -> bool {
        *self == WireMeta::default()
    }
}

impl Default for Source {
    fn default() -> Self {
        Source {
            path: String::new(),
            format: Format::Plain,
            id: None,
        }
    }
}

impl Article {
    /// The place to show in lists: the dateline place, else nothing.
    pub fn place(&self) -> Option<&str> {
        self.dateline.as_ref().and_then(|d| d.place.as_deref())
    }

    /// The date to sort and show by: `published`, else the dateline date (first 10 chars, ISO).
    pub fn date(&self) -> Option<&str> {
        self.published
            .as_deref()
            .or_else(|| self.dateline.as_ref().and_then(|d| d.date.as_deref()))
            .map(|d| d.get(..10).unwrap_or(d))
    }

    /// The agency, else the dateline's agency.
    pub fn agency_name(&self) -> Option<&str> {
        self.agency
            .as_deref()
            .or_else(|| self.dateline.as_ref().and_then(|d| d.agency.as_deref()))
    }

    /// Entities of one kind, most mentioned first.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    /// Whether the story names an entity of `kind` by `name`: its full name or any of its
    /// forms, ignoring case (`--person putin` finds "Vladimir Putin").
    pub fn names(&self, kind: EntityKind, name: &str) -> bool {
        let wanted = name.trim().to_lowercase();
        self.entities_of(kind).any(|e| {
            e.name.to_lowercase() == wanted || e.mentions.iter().any(|m| m.to_lowercase() == wanted)
        })
    }

    /// The content fingerprint used for the id and for duplicate detection: headline and body,
    /// whitespace-folded, so re-saving a file with other line endings is still a duplicate.
    pub fn content_hash(&self) -> blake3::Hash {
        // The folded text is built in one buffer and hashed once: the same bytes as feeding the
        // hasher word by word, without a call per word (a third of the time of generating a
        // synthetic story went there).
        let parts = std::iter::once(&self.headline).chain(&self.paragraphs);
        let mut folded = String::with_capacity(parts.clone().map(|p| p.len() + 1).sum());
        for part in parts {
            for word in part.split_whitespace() {
                folded.push_str(word);
                folded.push(' ');
            }
            folded.push('\n');
        }
        blake3::hash(folded.as_bytes())
    }

    /// Sets `id` from the content hash: 12 hex digits (48 bits) are plenty for one archive.
    pub fn assign_id(&mut self) {
        let hex = self.content_hash().to_hex();
        self.id = hex[..12].to_string();
    }

    /// `format:feed-id` when the feed gave the story an id: what duplicate detection compares
    /// besides the content id. Keyed by format because feed ids are unique per format only (a
    /// NITF doc-id and a ninjs uri may be the same string for different stories).
    pub fn source_key(&self) -> Option<String> {
        self.source
            .id
            .as_ref()
            .map(|id| format!("{}:{id}", self.source.format))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.name()));
        }
    }

    #[test]
    fn id_ignores_line_endings_and_spacing() {
        let mut a = Article {
            headline: "Talks open".into(),
            paragraphs: vec!["One  two\r\nthree".into()],
            ..Article::default()
        };
        let mut b = Article {
            headline: "Talks open".into(),
            paragraphs: vec!["One two three".into()],
            ..Article::default()
        };
        a.assign_id();
        b.assign_id();
        assert_eq!(a.id, b.id);
        assert_eq!(a.id.len(), 12);
    }

    /// Ids in existing archives must not change: the hash is of words each followed by a
    /// space, each part followed by a newline.
    #[test]
    fn content_hash_is_of_the_folded_words() {
        let a = Article {
            headline: "Talks  open".into(),
            paragraphs: vec!["One\ttwo".into(), " three ".into()],
            ..Article::default()
        };
        assert_eq!(
            a.content_hash(),
            blake3::hash(b"Talks open \nOne two \nthree \n")
        );
    }

    #[test]
    fn source_key_is_format_and_feed_id() {
        let mut a = Article::default();
        assert_eq!(a.source_key(), None);
        a.source = Source {
            format: Format::Nitf,
            id: Some("urn:x:1".into()),
            ..Source::default()
        };
        assert_eq!(a.source_key().as_deref(), Some("nitf:urn:x:1"));
    }

    #[test]
    fn date_falls_back_to_dateline() {
        let a = Article {
            dateline: Some(Dateline {
                date: Some("2024-06-19".into()),
                ..Dateline::default()
            }),
            ..Article::default()
        };
        assert_eq!(a.date(), Some("2024-06-19"));
    }
}
