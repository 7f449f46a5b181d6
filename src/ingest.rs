//! Story files in, articles out: read with a size limit, detect the format from the content,
//! hand the text to the format's parser, then every draft through the one lead stage
//! (`lead.rs`). Every failure names the file and says what is wrong. Extraction of quotes and
//! names comes after, in `extract`.

mod byline;
pub mod dateline;
pub mod dates;
mod draft;
mod feed;
mod html;
mod lead;
mod newsml12;
mod newsml_g2;
mod ninjs;
mod nitf;
mod plain;
mod teletype;
mod text;
mod trailer;
mod versions;
mod xml;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::article::{Article, Format, Source};

/// The largest story file read unless the config says otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file gave no articles.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read it: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Text {
        path: String,
        #[source]
        source: text::TextError,
    },
    #[error(
        "{path}: {size} bytes is over the {limit}-byte limit for one story file (raise `max_file_mb` in the config)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },

    #[error("{path}: no story text found")]
    NoStory { path: String },
    #[error("{path}: {what}, not a story")]
    NotAStory { path: String, what: String },
    #[error("{path}: not valid {format}: {reason}")]
    Malformed {
        path: String,
        format: &'static str,
        reason: String,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            IngestError::Io { path, .. }
            | IngestError::Text { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::NoStory { path }
            | IngestError::NotAStory { path, .. }
            | IngestError::Malformed { path, .. } => path,
        }
    }
}

/// Options for reading files.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Parse as this format instead of detecting it.
    pub format: Option<Format>,
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// Reads and parses one file; `display` is the path as the user should see it.
pub fn read_file(path: &Path, options: Options) -> Result<Vec<Article>, IngestError> {
    read_file_sized(path, options).map(|(articles, _)| articles)
}

/// [`read_file`], with how many bytes the file held (what an import counts, without asking
/// the file system for its size a second time).
pub fn read_file_sized(path: &Path, options: Options) -> Result<(Vec<Article>, u64), IngestError> {
    let display = path.display().to_string();
    let io = |source| IngestError::Io {
        path: display.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let size = meta.len();
    if size > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            path: display,
            size,
            limit: options.max_file_bytes,
        });
    }
    // The size on disk can lie (a device, a pipe, a file still growing): read at most one byte
    // past the limit and refuse if it comes. Room for the size the file says (and the byte
    // that ends it) lets the whole file come in one read, not a dozen growing ones.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(options.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            path: display,
            size: bytes.len() as u64,
            limit: options.max_file_bytes,
        });
    }
    // The story reached the desk when its file was last written.
    let received = meta
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok());
    let read = bytes.len() as u64;
    parse_bytes_at(&display, &bytes, options.format, received).map(|articles| (articles, read))
}

/// Parses the bytes of one file. The format is detected from the content unless given.
pub fn parse_bytes(
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Vec<Article>, IngestError> {
    parse_bytes_at(path, bytes, format, None)
}

/// [`parse_bytes`] for copy that reached the desk at `received` (a file's modification time):
/// the articles record it, and a dateline date without a year takes the year nearest it.
pub fn parse_bytes_at(
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
    received: Option<jiff::Timestamp>,
) -> Result<Vec<Article>, IngestError> {
    // Teletype copy is recognised by its control characters, which text decoding removes.
    let format = format.or_else(|| teletype::detect(bytes));
    let text = match format {
        Some(Format::Anpa1312 | Format::Iptc7901) => text::decode_keeping_controls(bytes),
        _ => text::decode(bytes),
    }
    .map_err(|source| IngestError::Text {
        path: path.to_string(),
        source,
    })?;
    let format = format.unwrap_or_else(|| detect(&text));
    let drafts = match format {
        Format::Plain => match plain::table(bytes, path) {
            Some(what) => Err(draft::Refused::NotAStory(what.to_string())),
            None => Ok(plain::parse(&text).into_iter().collect()),
        },
        Format::Nitf => nitf::parse(&text),
        Format::NewsmlG2 => newsml_g2::parse(&text),
        Format::Newsml12 => newsml12::parse(&text),
        Format::Ninjs => ninjs::parse(&text),
        Format::Rss | Format::Atom => feed::parse(&text),
        Format::Anpa1312 | Format::Iptc7901 => teletype::parse(&text, format),
    };
    let drafts = drafts.map_err(|refused| match refused {
        draft::Refused::Malformed(reason) => IngestError::Malformed {
            path: path.to_string(),
            format: describe(format),
            reason,
        },
        draft::Refused::NotAStory(what) => IngestError::NotAStory {
            path: path.to_string(),
            what,
        },
    })?;
    let source = Source {
        path: path.to_string(),
        format,
        ..Source::default()
    };
    let received = received.map(|t| t.round(jiff::Unit::Second).unwrap_or(t).to_string());
    let articles: Vec<Article> = drafts
        .into_iter()
        .map(|d| {
            let mut article = lead::finish(d, source.clone(), received.as_deref());
            article.assign_id();
            article
        })
        .filter(|a| !a.paragraphs.is_empty() || !a.headline.is_empty())
        .collect();
    if articles.is_empty() {
        return Err(IngestError::NoStory {
            path: path.to_string(),
        });
    }
    Ok(articles)
}

/// ANPA-1312 or IPTC 7901, when the bytes carry a teletype frame (control characters and
/// the header lines either standard writes); `None` for anything else.
pub fn detect_teletype(bytes: &[u8]) -> Option<Format> {
    teletype::detect(bytes)
}

/// Detects the format from the content, not the file name.
pub fn detect(text: &str) -> Format {
    let start = text.trim_start();
    // The root element is looked for in the first 16 KiB (at least 4,096 characters), cut
    // at a character boundary without decoding the characters before it.
    let mut end = start.len().min(16 * 1024);
    while !start.is_char_boundary(end) {
        end -= 1;
    }
    let head = &start[..end];
    if head.starts_with('<') {
        // The root element decides: a NewsML item may carry NITF inside, and a NewsML 1.2
        // document holds `<NewsItem>` elements too.
        let root = root_element(head).to_ascii_lowercase();
        let root = root.rsplit(':').next().unwrap_or_default();
        return match root {
            "newsmessage" | "newsitem" | "packageitem" | "knowledgeitem" | "planningitem"
            | "conceptitem" | "conceptset" | "catalog" => Format::NewsmlG2,
            "newsml" => Format::Newsml12,
            "rss" | "rdf" => Format::Rss,
            "feed" => Format::Atom,
            // NITF, and any other XML: the NITF parser names what it found.
            _ => Format::Nitf,
        };
    }
    if head.starts_with('{') || head.starts_with('[') {
        return Format::Ninjs;
    }
    Format::Plain
}

/// The name of the first element in `head`, past the XML declaration, comments and DOCTYPE.
fn root_element(head: &str) -> &str {
    let mut rest = head;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
        } else if !rest.starts_with(['?', '!']) {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len());
            return &rest[..end];
        }
    }
    ""
}

fn describe(format: Format) -> &'static str {
    match format {
        Format::Nitf => "NITF",
        Format::NewsmlG2 => "NewsML-G2",
        Format::Newsml12 => "NewsML 1.2",
        Format::Ninjs => "ninjs JSON",
        Format::Rss => "RSS",
        Format::Atom => "Atom",
        Format::Anpa1312 => "ANPA-1312",
        Format::Iptc7901 => "IPTC 7901",
        Format::Plain => "plain text",
    }
}

/// Expands the paths given to `import`: files as they are, folders recursively (sorted, hidden
/// entries skipped). Folders that cannot be read are reported, not fatal.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => errors.push(IngestError::Io {
                        path: err.path().map_or_else(
                            || path.display().to_string(),
                            |p| p.display().to_string(),
                        ),
                        source: err.into(),
                    }),
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(detect("<?xml version='1.0'?>\n<nitf>"), Format::Nitf);
        assert_eq!(detect("  <newsMessage xmlns='x'>"), Format::NewsmlG2);
        assert_eq!(detect("<!-- c --><NewsML><NewsItem>"), Format::Newsml12);
        assert_eq!(detect("<g2:newsItem><inlineXML><nitf>"), Format::NewsmlG2);
        assert_eq!(detect("{\"uri\": 1}"), Format::Ninjs);
        assert_eq!(detect("Headline\n\nPARIS (AFP) - x"), Format::Plain);
    }

    #[test]
    fn detects_past_a_long_prologue_and_cuts_at_a_character() {
        let comment = format!("<!-- {} -->", "x".repeat(6_000));
        assert_eq!(detect(&format!("{comment}<newsItem>")), Format::NewsmlG2);
        // The 16 KiB cut falls inside a two-byte character: no panic, still plain text.
        assert_eq!(detect(&format!("a{}", "é".repeat(10_000))), Format::Plain);
    }

    #[test]
    fn errors_name_the_file() {
        let err = parse_bytes("a/b.txt", b"", None).unwrap_err();
        assert_eq!(err.to_string(), "a/b.txt: the file is empty");
        let err = parse_bytes("feed.xml", b"<rss><channel><item><title>T", None).unwrap_err();
        assert!(
            err.to_string().starts_with("feed.xml: not valid RSS"),
            "{err}"
        );
    }

    #[test]
    fn a_delivery_manifest_is_not_read_as_a_story() {
        let manifest = b"file\tagency\nstory-1.txt\tWire A\nstory-2.txt\tWire B\n";
        let err = parse_bytes("in/MANIFEST.tsv", manifest, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "in/MANIFEST.tsv: a tab-separated table, not a story"
        );
    }
}
