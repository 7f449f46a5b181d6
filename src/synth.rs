//! Synthetic wire stories for scale benchmarks: realistic articles (already extracted) and the
//! plain-text agency copy they would have come from, deterministic per (seed, story number),
//! written as a JSON Lines archive or a folder of story files on all cores.

mod story;
mod vocab;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::Article;

/// The seed used unless one is given: any fixed number would do.
pub const DEFAULT_SEED: u64 = 20_150_101;

/// Stories generated and serialised as one unit of parallel work.
const CHUNK: u64 = 512;

/// Story files per folder of a copy tree.
const FILES_PER_FOLDER: u64 = 1_000;

/// Story number `index` of the collection seeded `seed`: the same pair always gives the same
/// article, whatever thread makes it.
pub(crate) fn article(seed: u64, index: u64) -> Article {
    story::build(seed, index)
}

/// The plain-text agency copy of a synthetic article, as the plain parser reads it back:
/// headline, byline, dateline lead, paragraphs (hard-wrapped for some agencies), trailer.
pub(crate) fn copy_text(article: &Article) -> String {
    let wrap = article
        .agency
        .as_deref()
        .and_then(story::agency_named)
        .and_then(|a| a.wrap);
    let mut out =
        String::with_capacity(article.paragraphs.iter().map(String::len).sum::<usize>() + 512);
    out.push_str(&article.headline);
    out.push_str("\n\n");
    if let Some(byline) = &article.byline {
        out.push_str("By ");
        out.push_str(byline);
        out.push_str("\n\n");
    }
    for (i, paragraph) in article.paragraphs.iter().enumerate() {
        match (i, &article.dateline) {
            (0, Some(dateline)) => {
                push_wrapped(&mut out, &format!("{} {paragraph}", dateline.text), wrap);
            }
            _ => push_wrapped(&mut out, paragraph, wrap),
        }
        out.push_str("\n\n");
    }
    for line in article.credits.iter().chain(&article.editor_codes) {
        out.push_str(line);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Appends `text`, broken at spaces into lines of at most `width` bytes (a longer word stands
/// alone); the parser joins the lines of a paragraph with a space, so nothing changes.
fn push_wrapped(out: &mut String, text: &str, width: Option<usize>) {
    let Some(width) = width else {
        out.push_str(text);
        return;
    };
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
}

/// Where story `index` goes in a copy tree: `DIR/000000/000000123.txt`.
pub(crate) fn copy_path(dir: &Path, index: u64) -> PathBuf {
    dir.join(format!("{:06}", index / FILES_PER_FOLDER))
        .join(format!("{index:09}.txt"))
}

/// Stories `start..start + len` as JSON Lines.
fn chunk(seed: u64, start: u64, len: u64) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0) * 6 * 1024);
    for index in start..start + len {
        serde_json::to_writer(&mut buf, &article(seed, index))?;
        buf.push(b'\n');
    }
    Ok(buf)
}

/// Writes `count` stories as a JSON Lines archive, in story order, and returns the bytes
/// written. Batches of chunks are made in parallel on a helper thread while this one writes
/// the previous batch, so memory stays at two batches whatever `count` is.
pub fn write_archive(out: &mut dyn Write, count: u64, seed: u64) -> io::Result<u64> {
    let chunks = count.div_ceil(CHUNK);
    let batch = u64::try_from(rayon::current_num_threads() * 4).unwrap_or(16);
    let (tx, rx) = std::sync::mpsc::sync_channel::<io::Result<Vec<Vec<u8>>>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut first = 0;
            while first < chunks {
                let last = (first + batch).min(chunks);
                let made = (first..last)
                    .into_par_iter()
                    .map(|c| chunk(seed, c * CHUNK, CHUNK.min(count - c * CHUNK)))
                    .collect();
                // The writer has stopped (an error): nothing more is wanted.
                if tx.send(made).is_err() {
                    break;
                }
                first = last;
            }
        });
        let mut bytes = 0u64;
        for made in rx {
            for buf in made? {
                out.write_all(&buf)?;
                bytes += buf.len() as u64;
            }
        }
        Ok(bytes)
    })
}

/// Writes `count` stories as plain-text copy files under `dir` (see `copy_path`) on all
/// cores; returns the bytes written.
pub fn write_copies(dir: &Path, count: u64, seed: u64) -> io::Result<u64> {
    for folder in 0..count.div_ceil(FILES_PER_FOLDER) {
        std::fs::create_dir_all(
            copy_path(dir, folder * FILES_PER_FOLDER)
                .parent()
                .unwrap_or(dir),
        )?;
    }
    (0..count)
        .into_par_iter()
        .map(|index| {
            let text = copy_text(&article(seed, index));
            std::fs::write(copy_path(dir, index), &text)?;
            Ok(text.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::EntityKind;

    /// Whole-word occurrences of `name` in `text`.
    fn occurrences(text: &str, name: &str) -> usize {
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
        text.match_indices(name)
            .filter(|(at, _)| {
                !is_word(text[..*at].chars().next_back())
                    && !is_word(text[at + name.len()..].chars().next())
            })
            .count()
    }

    #[test]
    fn same_seed_and_index_same_article() {
        assert_eq!(article(7, 123), article(7, 123));
        assert_ne!(article(7, 123).id, article(7, 124).id);
        assert_ne!(article(7, 123).id, article(8, 123).id);
        let a = article(DEFAULT_SEED, 123);
        assert_eq!(a.source.path, "synthetic:000000123");
        assert_eq!(a.id.len(), 12);
    }

    #[test]
    fn shape_is_like_wire_copy() {
        let n = 400;
        let (mut words, mut undated, mut short_headlines) = (0, 0, 0);
        for i in 0..n {
            let a = article(1, i);
            words += a
                .paragraphs
                .iter()
                .map(|p| p.split_whitespace().count())
                .sum::<usize>();
            undated += usize::from(a.published.is_none());
            let h = a.headline.split_whitespace().count();
            short_headlines += usize::from(!(6..=12).contains(&h));
            assert!(
                (12..=18).contains(&a.paragraphs.len()),
                "{}",
                a.paragraphs.len()
            );
            let people = a.entities_of(EntityKind::Person).count();
            let places = a.entities_of(EntityKind::Place).count();
            let orgs = a.entities_of(EntityKind::Organization).count();
            assert!((2..=8).contains(&people), "{people} people");
            assert!((1..=4).contains(&places), "{places} places");
            assert!((1..=3).contains(&orgs), "{orgs} organisations");
            assert!(!a.quotes.is_empty());
            let date = a.published.as_deref().unwrap_or("2020-01-01");
            assert!(("2015-01-01"..="2026-10-31").contains(&date), "{date}");
            assert_eq!(
                a.published,
                a.dateline.as_ref().and_then(|d| d.date.clone())
            );
        }
        let average = words / usize::try_from(n).unwrap();
        assert!((500..=700).contains(&average), "{average} words a story");
        assert!((5..=40).contains(&undated), "{undated} undated of {n}");
        assert!(
            short_headlines <= 4,
            "{short_headlines} headlines out of 6..=12 words"
        );
    }

    #[test]
    fn entities_are_the_names_in_the_text() {
        for i in 0..300 {
            let a = article(3, i);
            let text = std::iter::once(a.headline.as_str())
                .chain(a.paragraphs.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("\n");
            let body = a.paragraphs.join("\n");
            for e in &a.entities {
                assert!(body.contains(&e.name), "{} not in story {i}", e.name);
                assert_eq!(e.mentions[0], e.name);
                for m in &e.mentions {
                    assert!(occurrences(&text, m) > 0, "{m} not in story {i}");
                }
                let counted = match e.kind {
                    // A full name holds the surname: count the surname.
                    EntityKind::Person => occurrences(&text, e.mentions.last().unwrap()),
                    _ => e.mentions.iter().map(|m| occurrences(&text, m)).sum(),
                };
                assert_eq!(e.count, counted, "{} in story {i}:\n{text}", e.name);
                if e.kind == EntityKind::Person {
                    assert_eq!(e.mentions.len(), 2, "{:?}", e.mentions);
                }
            }
            let place = a.dateline.as_ref().and_then(|d| d.place.clone()).unwrap();
            assert!(
                a.entities.iter().any(|e| e.kind == EntityKind::Place
                    && e.name.to_uppercase() == place.to_uppercase()),
                "dateline place {place} is a place entity"
            );
        }
    }

    #[test]
    fn quote_offsets_slice_to_the_quote() {
        for i in 0..300 {
            let a = article(5, i);
            for q in &a.quotes {
                assert_eq!(a.paragraphs[q.paragraph][q.start..q.end], q.text);
                let speaker = q.speaker.as_deref().unwrap();
                assert!(
                    a.entities
                        .iter()
                        .any(|e| e.kind == EntityKind::Person && e.name == speaker),
                    "{speaker}"
                );
            }
        }
    }

    /// The copy file reads back, through the project's own plain parser, as the same story,
    /// for every agency's dateline style.
    #[test]
    fn copy_files_parse_back() {
        let mut agencies = std::collections::HashSet::new();
        for i in 0..400 {
            let a = article(11, i);
            let copy = copy_text(&a);
            let parsed = crate::pipeline::parse_bytes("x.txt", copy.as_bytes(), None)
                .unwrap_or_else(|e| panic!("{e}\n{copy}"));
            let [p] = parsed.as_slice() else {
                panic!("one story expected");
            };
            assert_eq!(p.headline, a.headline, "{copy}");
            assert_eq!(p.paragraphs, a.paragraphs, "{copy}");
            assert_eq!(p.dateline, a.dateline, "{copy}");
            assert_eq!(p.published, a.published);
            assert_eq!(p.agency, a.agency);
            assert_eq!(p.byline, a.byline);
            assert_eq!(p.credits, a.credits);
            assert_eq!(p.editor_codes, a.editor_codes);
            assert_eq!(p.id, a.id);
            assert!(
                p.quotes.iter().any(|q| q.speaker.is_some()),
                "no attributed quote in\n{copy}"
            );
            agencies.insert(a.agency.clone().unwrap());
        }
        assert_eq!(agencies.len(), 10, "{agencies:?}");
    }

    #[test]
    fn archive_bytes_are_deterministic_and_load() {
        let mut first = Vec::new();
        let bytes = write_archive(&mut first, 1_100, 9).unwrap();
        assert_eq!(bytes, first.len() as u64);
        let mut second = Vec::new();
        write_archive(&mut second, 1_100, 9).unwrap();
        assert!(first == second, "same count and seed, same bytes");
        let lines: Vec<&[u8]> = first
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines.len(), 1_100);
        let last: Article = serde_json::from_slice(lines[1_099]).unwrap();
        assert_eq!(last, article(9, 1_099));
        let mut none = Vec::new();
        assert_eq!(write_archive(&mut none, 0, 9).unwrap(), 0);
    }

    #[test]
    fn wrapping_keeps_the_words() {
        let mut out = String::new();
        push_wrapped(&mut out, "one two three four five", Some(9));
        assert_eq!(out, "one two\nthree\nfour five");
    }
}
