//! Story files in, articles out: read with a size limit, detect the format from the content,
//! dispatch to the format's parser. Every failure names the file and says what is wrong.

pub mod agencies;
pub mod dateline;
pub mod dates;
pub mod feed;
pub mod html;
pub mod newsml12;
pub mod newsml_g2;
pub mod ninjs;
pub mod nitf;
pub mod plain;
pub mod teletype;
pub mod text;
pub mod xml;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::article::{Article, Format};

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
    #[error("{path}: not valid {format}: {reason}")]
    Malformed {
        path: String,
        format: &'static str,
        reason: String,
    },
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
    let display = path.display().to_string();
    let io = |source| IngestError::Io {
        path: display.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            path: display,
            size,
            limit: options.max_file_bytes,
        });
    }
    // The size on disk can lie (a device, a pipe, a file still growing): read at most one byte
    // past the limit and refuse if it comes.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            file.take(options.max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(io)?;
    if bytes.len() as u64 > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            path: display,
            size: bytes.len() as u64,
            limit: options.max_file_bytes,
        });
    }
    parse_bytes(&display, &bytes, options.format)
}

/// Parses the bytes of one file. The format is detected from the content unless given.
pub fn parse_bytes(
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
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
    let malformed = |reason: String| IngestError::Malformed {
        path: path.to_string(),
        format: describe(format),
        reason,
    };
    let mut articles = match format {
        Format::Plain => plain::parse(&text, path).into_iter().collect(),
        Format::Nitf => nitf::parse(&text, path).map_err(malformed)?,
        Format::NewsmlG2 => newsml_g2::parse(&text, path).map_err(malformed)?,
        Format::Newsml12 => newsml12::parse(&text, path).map_err(malformed)?,
        Format::Ninjs => ninjs::parse(&text, path).map_err(malformed)?,
        Format::Rss | Format::Atom => feed::parse(&text, path).map_err(malformed)?,
        Format::Anpa1312 | Format::Iptc7901 => {
            teletype::parse(&text, path, format).map_err(malformed)?
        }
    };
    articles.retain(|a| !a.paragraphs.is_empty() || !a.headline.is_empty());
    if articles.is_empty() {
        return Err(IngestError::NoStory {
            path: path.to_string(),
        });
    }
    for article in &mut articles {
        article.source.path = path.to_string();
        article.source.format = format;
        finish(article);
    }
    Ok(articles)
}

/// What every format's articles get: a dateline read from the lead when the metadata had
/// none, a headline from the lead when there was none, the agency from the dateline, a content
/// id, and the extraction of quotes and entities.
pub fn finish(article: &mut Article) {
    if article.dateline.is_none()
        && let Some(found) = article.paragraphs.first().and_then(|p| dateline::parse(p))
    {
        let rest = article.paragraphs[0][found.rest_start..].trim().to_string();
        if rest.is_empty() {
            article.paragraphs.remove(0);
        } else {
            article.paragraphs[0] = rest;
        }
        if article.published.is_none() {
            article.published.clone_from(&found.dateline.date);
        }
        article.dateline = Some(found.dateline);
    }
    if article.agency.is_none() {
        article.agency = article.dateline.as_ref().and_then(|d| d.agency.clone());
    }
    if article.headline.trim().is_empty()
        && let Some(first) = article.paragraphs.first()
    {
        article.headline = crate::text::first_sentence(first).to_string();
    }
    article.assign_id();
    crate::extract::extract(article);
}

/// Detects the format from the content, not the file name.
pub fn detect(text: &str) -> Format {
    let head: String = text.trim_start().chars().take(4096).collect();
    if head.starts_with('<') {
        // The root element decides: a NewsML item may carry NITF inside, and a NewsML 1.2
        // document holds `<NewsItem>` elements too.
        let root = root_element(&head).to_ascii_lowercase();
        let root = root.rsplit(':').next().unwrap_or_default();
        return match root {
            "newsmessage" | "newsitem" | "packageitem" | "knowledgeitem" => Format::NewsmlG2,
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
    fn errors_name_the_file() {
        let err = parse_bytes("a/b.txt", b"", None).unwrap_err();
        assert_eq!(err.to_string(), "a/b.txt: the file is empty");
        let err = parse_bytes("feed.xml", b"<rss><channel><item><title>T", None).unwrap_err();
        assert!(
            err.to_string().starts_with("feed.xml: not valid RSS"),
            "{err}"
        );
    }
}
