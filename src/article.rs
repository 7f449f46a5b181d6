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
    /// The story's identity across its versions, as the copy carries it (see
    /// [`Article::identity`]): every version of one story has the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
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

impl Quote {
    /// The words as said, for a reader to paste: a trailing comma (the sentence goes on to
    /// its attribution, `“…relations,” he said`) becomes a full stop.
    pub fn as_said(&self) -> String {
        let text = self.text.trim_end();
        match text.strip_suffix(',') {
            Some(stem) => format!("{}.", stem.trim_end()),
            None => text.to_string(),
        }
    }
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '‹'
            | '›'
            | '「'
            | '」'
    )
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
    /// The gazetteer's name for it when the story writes only other forms (`U.S.` →
    /// `United States`, `Twitter` → `X Corp`): a key search finds it by, never shown as its
    /// name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
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
    /// When the story reached the desk (RFC 3339): the file's modification time, a feed item's
    /// own time, or the import time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
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
    /// Ids of earlier versions this copy names (NewsML-G2 `previousVersion`, ninjs
    /// `evolvedfrom`, NITF `management-doc-idref`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous: Vec<String>,
    /// What this version says of itself: a correction, withheld, killed, under embargo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The advisory line of an update or correction: `(Adds minister's reaction in paragraph
    /// 3)`, `CORRECTS spelling of name`, `KILL: this story is withdrawn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisory: Option<String>,
    /// The story's web address, when the copy gives its own (an RSS or Atom item's `link`, a
    /// ninjs `uri` or self link, a NewsML-G2 self or canonical link): what `o` opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// `text` when it is a web address (`http://` or `https://`), trimmed.
pub fn web_address(text: &str) -> Option<String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    ((lower.starts_with("http://") || lower.starts_with("https://"))
        && !text.contains(char::is_whitespace))
    .then(|| text.to_string())
}

/// What a version of a story declares about itself (IPTC's publishing statuses, and the
/// wire's correction and kill advisories). Stories without one are usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Usable,
    /// A correction (`CORRECTED-`, `REFILE-`, `sig:correction`).
    Corrected,
    /// Held back for now (`pubStatus` withheld).
    Withheld,
    /// Killed: the whole story is withdrawn (`pubStatus` canceled, `KILL`, `STORY WITHDRAWN`).
    Canceled,
    /// Not to be published before its embargo.
    Embargoed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Usable,
        Status::Corrected,
        Status::Withheld,
        Status::Canceled,
        Status::Embargoed,
    ];

    /// The name `list --json` prints (`usable`, `canceled`…).
    pub fn name(self) -> &'static str {
        match self {
            Status::Usable => "usable",
            Status::Corrected => "corrected",
            Status::Withheld => "withheld",
            Status::Canceled => "canceled",
            Status::Embargoed => "embargoed",
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
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
            item: None,
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

    /// The quotation marks the copy puts round `quote` (`«`/`»`, `„`/`“`, `"`/`"`); curly
    /// English ones when the quote's offsets do not lead to marks.
    pub fn quote_marks(&self, quote: &Quote) -> (char, char) {
        let paragraph = self
            .paragraphs
            .get(quote.paragraph)
            .map_or("", String::as_str);
        let open = paragraph
            .get(..quote.start)
            .and_then(|before| before.trim_end().chars().next_back())
            .filter(|c| is_quote_mark(*c));
        let close = paragraph
            .get(quote.end..)
            .and_then(|after| after.trim_start().chars().next())
            .filter(|c| is_quote_mark(*c));
        match (open, close) {
            (Some(open), Some(close)) => (open, close),
            _ => ('“', '”'),
        }
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
            if crate::text::is_folded(part) {
                // Most parts are folded already (ingest folds them): copied whole.
                folded.push_str(part);
                if !part.is_empty() {
                    folded.push(' ');
                }
            } else {
                for word in part.split_whitespace() {
                    folded.push_str(word);
                    folded.push(' ');
                }
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

    /// The story's identity across its versions: what the copy carries ([`Source::item`]: a
    /// NewsML-G2 guid, a ninjs uri, a NITF `du-key`, a teletype slug, a plain story's headline
    /// with its agency, place and day), else the format and feed id, else the headline alone.
    pub fn identity(&self) -> String {
        if let Some(item) = &self.source.item {
            return item.clone();
        }
        match &self.source.id {
            Some(id) => format!("{}:{id}", self.source.format),
            None => format!("{}:{}", self.source.format, self.headline.to_lowercase()),
        }
    }

    /// This version's number, from its label: `5`, `UPDATE 2`, `2nd Ld-Writethru`, `(LEAD)`
    /// (1); 0 for copy with no number (an original, or a refile of the same version).
    pub fn version_number(&self) -> u32 {
        self.wire.version.as_deref().map_or(0, version_number)
    }

    /// The key of this exact version, when the copy numbers its versions: its identity and
    /// version label, and a correction or kill it declares (`CORRECTED-UPDATE 1-` reissues
    /// `UPDATE 1` under the same label, and is a new version all the same). Importing the
    /// same version again is a duplicate; a new version, or copy that gives no version, is
    /// told apart by its content id.
    pub fn source_key(&self) -> Option<String> {
        let version = self.wire.version.as_deref()?.trim();
        let declared = match self.wire.status {
            Some(status @ (Status::Corrected | Status::Canceled)) => {
                format!("+{}", status.name())
            }
            _ => String::new(),
        };
        (!version.is_empty()).then(|| format!("{}@{version}{declared}", self.identity()))
    }
}

/// The number a version label gives: the first number in it (`5`, `UPDATE 2`, `2nd Ld`,
/// `version 04`), 1 for a bare `LEAD` or `Ld`, else 0.
pub fn version_number(label: &str) -> u32 {
    let digits: String = label
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if let Ok(n) = digits.parse::<u32>() {
        return n;
    }
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let ordinal = words.iter().find_map(|w| match *w {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        "fifth" => Some(5),
        _ => None,
    });
    ordinal.unwrap_or(u32::from(words.iter().any(|w| matches!(*w, "lead" | "ld"))))
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
    fn identity_and_version_keys() {
        let mut a = Article {
            headline: "Talks Open".into(),
            ..Article::default()
        };
        assert_eq!(a.identity(), "plain:talks open");
        assert_eq!(a.source_key(), None, "no version: told apart by content");
        a.source = Source {
            format: Format::Nitf,
            id: Some("urn:x:1".into()),
            ..Source::default()
        };
        assert_eq!(a.identity(), "nitf:urn:x:1");
        a.source.item = Some("newsml-g2:urn:x".into());
        a.wire.version = Some("5".into());
        assert_eq!(a.identity(), "newsml-g2:urn:x");
        assert_eq!(a.source_key().as_deref(), Some("newsml-g2:urn:x@5"));
        assert_eq!(a.version_number(), 5);
        a.wire.status = Some(Status::Corrected);
        assert_eq!(
            a.source_key().as_deref(),
            Some("newsml-g2:urn:x@5+corrected"),
            "a correction under the same label is another version"
        );
    }

    #[test]
    fn version_labels_to_numbers() {
        for (label, n) in [
            ("5", 5),
            ("UPDATE 2", 2),
            ("2nd Ld-Writethru", 2),
            ("1st Ld-Writethru, 127", 1),
            ("LEAD", 1),
            ("(2nd LD)", 2),
            ("04", 4),
            ("REFILE", 0),
            ("Second Lead", 2),
        ] {
            assert_eq!(version_number(label), n, "{label}");
        }
    }

    #[test]
    fn statuses_by_name() {
        for status in Status::ALL {
            assert_eq!(Status::from_name(status.name()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.name()));
        }
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
