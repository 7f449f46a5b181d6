//! Story files in, articles out: read with a size limit, detect the format from the content,
//! dispatch to the format's parser. Every failure names the file and says what is wrong.

pub mod agencies;
pub mod dateline;
pub mod dates;
pub mod plain;
pub mod text;

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
    #[error("{path}: this is {format} copy, which dateline cannot read yet")]
    Unsupported { path: String, format: &'static str },
    #[error("{path}: no story text found")]
    NoStory { path: String },
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
    let bytes = std::fs::read(path).map_err(io)?;
    parse_bytes(&display, &bytes, options.format)
}

/// Parses the bytes of one file.
pub fn parse_bytes(
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Vec<Article>, IngestError> {
    let text = text::decode(bytes).map_err(|source| IngestError::Text {
        path: path.to_string(),
        source,
    })?;
    let format = format.unwrap_or_else(|| detect(&text));
    match format {
        Format::Plain | Format::Anpa1312 | Format::Iptc7901 => plain::parse(&text, path)
            .map(|mut article| {
                article.source.format = format;
                crate::extract::extract(&mut article);
                vec![article]
            })
            .ok_or_else(|| IngestError::NoStory {
                path: path.to_string(),
            }),
        other => Err(IngestError::Unsupported {
            path: path.to_string(),
            format: describe(other),
        }),
    }
}

/// Detects the format from the content, not the file name.
pub fn detect(text: &str) -> Format {
    let head: String = text.trim_start().chars().take(4096).collect();
    if head.starts_with('<') {
        let lower = head.to_ascii_lowercase();
        return if lower.contains("<nitf") {
            Format::Nitf
        } else if lower.contains("<newsmessage") || lower.contains("<newsitem") {
            Format::NewsmlG2
        } else if lower.contains("<newsml") {
            Format::Newsml12
        } else if lower.contains("<rss") || lower.contains("<rdf:rdf") {
            Format::Rss
        } else if lower.contains("<feed") {
            Format::Atom
        } else {
            // Some other XML; reported as NITF-family until the formats land.
            Format::Nitf
        };
    }
    if head.starts_with('{') || head.starts_with('[') {
        return Format::Ninjs;
    }
    Format::Plain
}

fn describe(format: Format) -> &'static str {
    match format {
        Format::Nitf => "XML (NITF or other)",
        Format::NewsmlG2 => "NewsML-G2",
        Format::Newsml12 => "NewsML 1.2",
        Format::Ninjs => "JSON (ninjs)",
        Format::Rss => "an RSS feed",
        Format::Atom => "an Atom feed",
        Format::Plain | Format::Anpa1312 | Format::Iptc7901 => "plain text",
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
        assert_eq!(detect("{\"uri\": 1}"), Format::Ninjs);
        assert_eq!(detect("Headline\n\nPARIS (AFP) - x"), Format::Plain);
    }

    #[test]
    fn errors_name_the_file() {
        let err = parse_bytes("a/b.txt", b"", None).unwrap_err();
        assert_eq!(err.to_string(), "a/b.txt: the file is empty");
        let err = parse_bytes("feed.xml", b"<rss><channel/></rss>", None).unwrap_err();
        assert!(err.to_string().starts_with("feed.xml: this is an RSS feed"));
    }
}
