//! A story file to finished articles: [`ingest`] reads the file into articles, then
//! [`extract`] finds their quotes and names. What the importer, the `extract` command and the
//! built-in samples all call.

use std::path::Path;

use crate::article::{Article, Format};
use crate::extract;
use crate::ingest::{self, IngestError, Options};

/// Reads, parses and extracts one file (see [`ingest::read_file`]).
pub fn read_file(path: &Path, options: Options) -> Result<Vec<Article>, IngestError> {
    ingest::read_file(path, options).map(extracted)
}

/// [`read_file`], with how many bytes the file held (see [`ingest::read_file_sized`]).
pub fn read_file_sized(path: &Path, options: Options) -> Result<(Vec<Article>, u64), IngestError> {
    ingest::read_file_sized(path, options).map(|(articles, size)| (extracted(articles), size))
}

/// Parses and extracts the bytes of one file (see [`ingest::parse_bytes`]).
pub fn parse_bytes(
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Vec<Article>, IngestError> {
    ingest::parse_bytes(path, bytes, format).map(extracted)
}

/// Parses and extracts copy that reached the desk at `received` (see
/// [`ingest::parse_bytes_at`]).
pub fn parse_bytes_at(
    path: &str,
    bytes: &[u8],
    format: Option<Format>,
    received: Option<jiff::Timestamp>,
) -> Result<Vec<Article>, IngestError> {
    ingest::parse_bytes_at(path, bytes, format, received).map(extracted)
}

fn extracted(mut articles: Vec<Article>) -> Vec<Article> {
    for article in &mut articles {
        extract::extract(article);
    }
    articles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_come_with_quotes_and_names() {
        let text = "Bridge opens\n\nLYON (XNA) - “It is open,” said Mayor Ana Example on Monday.\n";
        let a = &parse_bytes("x.txt", text.as_bytes(), None).unwrap()[0];
        assert_eq!(a.quotes.len(), 1);
        assert!(a.entities.iter().any(|e| e.name == "Ana Example"));
        let bare = &ingest::parse_bytes("x.txt", text.as_bytes(), None).unwrap()[0];
        assert!(bare.quotes.is_empty() && bare.entities.is_empty());
    }
}
