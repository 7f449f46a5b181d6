//! What a format's parser hands over: the story as it read it, before the lead stage
//! (`lead.rs`) reads the dateline, byline, agency and headline out of it the same way for every
//! format.

use crate::article::{Caption, WireMeta};

/// A story as a parser read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The feed's own identifier (NITF doc-id, NewsML guid, ninjs uri, RSS guid).
    pub source_id: Option<String>,
    /// The story's identity across its versions, when the format carries one apart from the
    /// feed id (a NITF `du-key`, a NewsML 1.2 NewsItemId without its revision, a teletype slug).
    pub item: Option<String>,
    /// The headline the format marks as one; `None` when the copy's own first lines must say.
    pub headline: Option<String>,
    /// The body as read: the dateline, a byline line and the trailer are still in the text.
    pub paragraphs: Vec<String>,
    pub caption: Option<Caption>,
    pub credits: Vec<String>,
    pub editor_codes: Vec<String>,
    pub wire: WireMeta,
    pub meta: Meta,
}

/// What the format's metadata says beside the text. Metadata wins over the text where both
/// say something.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Publication time (ISO; RFC 3339 with its zone when the metadata has a time).
    pub published: Option<String>,
    /// When the copy reached the desk, when the format says (a feed item's update time).
    pub received: Option<String>,
    /// A dateline field (NITF `<dateline>`, NewsML `DateLine`/`dateline`).
    pub dateline: Option<String>,
    /// The date a dateline field carries apart (NITF `<story.date>`).
    pub dateline_date: Option<String>,
    /// A place field: `Grosseto, Italy` (ninjs `located`, NewsML-G2 `located`).
    pub located: Option<String>,
    /// A dateline the body's markup sets apart (`<span class="dateline">`), already out of the
    /// paragraphs.
    pub marked_dateline: Option<String>,
    /// A byline field.
    pub byline: Option<String>,
    /// A byline line from a heading the format parses itself (teletype copy).
    pub byline_line: Option<String>,
    /// A field whose job is naming the supplier: credit line, provider, source, distributor,
    /// the agency of a transmission's header or trailer.
    pub agency: Option<String>,
    /// A copyright holder or notice: an agency only when it is a known one, else the last
    /// resort.
    pub holder: Option<String>,
}

/// Why a file held no story a parser could read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The file is broken or not in the format (the reason says where and how).
    Malformed(String),
    /// The file is well formed but something other than a story (says what it is).
    NotAStory(String),
}

impl From<String> for Refused {
    fn from(reason: String) -> Self {
        Refused::Malformed(reason)
    }
}
