//! Synthetic wire stories for scale benchmarks: realistic articles (already extracted) and the
//! plain-text agency copy they would have come from, deterministic per (seed, line), written
//! as a JSON Lines archive or a folder of story files on all cores. About a tenth of the
//! stories come in several versions (updates, corrections, now and then a kill), each version
//! a line or file of its own (`chain.rs` plans them, `version.rs` writes them).

mod chain;
mod story;
mod version;
mod vocab;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use foldhash::HashMap;
use rayon::prelude::*;

use crate::article::{Article, Status};
use chain::{BLOCK, Shape, Slot};

/// The seed used unless one is given: any fixed number would do.
pub const DEFAULT_SEED: u64 = 20_150_101;

/// What the generator writes changes with this number: caches of generated files (the scale
/// bench's) name it, so they are made again when it changes.
pub const GENERATION: u32 = 2;

/// Lines generated and serialised as one unit of parallel work: one block of the chain plan,
/// so a chunk holds every version of its stories.
const CHUNK: u64 = BLOCK;

/// Story files per folder of a copy tree.
const FILES_PER_FOLDER: u64 = 1_000;

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub bytes: u64,
    /// Lines or files: every version of every story.
    pub versions: u64,
    /// Stories, counting a story's versions once (what lists show).
    pub stories: u64,
}

impl Written {
    fn add(self, other: Written) -> Written {
        Written {
            bytes: self.bytes + other.bytes,
            versions: self.versions + other.versions,
            stories: self.stories + other.stories,
        }
    }
}

/// Line `index` of the collection seeded `seed`: the same pair always gives the same article,
/// whatever thread makes it (a later version is made again from its story's first).
pub(crate) fn article(seed: u64, index: u64) -> Article {
    let slot = chain::plan(seed, index / BLOCK)[usize::try_from(index % BLOCK).unwrap_or(0)];
    let shape = chain::shape(seed, slot.root);
    let mut article = story::build(seed, slot.root);
    for v in 1..=slot.version {
        version::revise(&mut article, seed, slot.root, v, shape.changes[v - 1]);
    }
    stamp(&mut article, index, &shape, slot.version);
    article
}

/// Lines `start..start + len`, each given to `each` as it is made. A later version is made
/// from the one before when this run made that one (always, for chunks that start a block).
fn lines(
    seed: u64,
    start: u64,
    len: u64,
    mut each: impl FnMut(u64, &Article, Slot) -> io::Result<()>,
) -> io::Result<()> {
    let mut plan: Option<(u64, Vec<Slot>)> = None;
    let mut open: HashMap<u64, Article> = HashMap::default();
    for index in start..start + len {
        let block = index / BLOCK;
        if plan.as_ref().is_none_or(|(b, _)| *b != block) {
            plan = Some((block, chain::plan(seed, block)));
            open.clear();
        }
        let slot = plan
            .as_ref()
            .and_then(|(_, p)| p.get(usize::try_from(index % BLOCK).ok()?).copied())
            .unwrap_or(Slot {
                root: index,
                version: 0,
            });
        let shape = chain::shape(seed, slot.root);
        let article = match (slot.version, open.remove(&slot.root)) {
            (0, _) => {
                let mut a = story::build(seed, slot.root);
                stamp(&mut a, index, &shape, 0);
                a
            }
            (v, Some(mut a)) => {
                version::revise(&mut a, seed, slot.root, v, shape.changes[v - 1]);
                stamp(&mut a, index, &shape, v);
                a
            }
            (_, None) => article(seed, index),
        };
        each(index, &article, slot)?;
        if slot.version + 1 < shape.versions {
            open.insert(slot.root, article);
        }
    }
    Ok(())
}

/// What a line adds to a story built for another: its path, the identity its versions share,
/// and its time of day.
fn stamp(article: &mut Article, index: u64, shape: &Shape, version: usize) {
    article.source.path = format!("synthetic:{index:09}");
    let date = article.dateline.as_ref().and_then(|d| d.date.clone());
    article.published = date.map(|d| {
        let minute = shape.minutes[version];
        format!("{d}T{:02}:{:02}:00Z", minute / 60, minute % 60)
    });
    article.source.item = Some(identity(article));
}

/// The identity the lead stage gives plain copy: agency, dateline place, day and headline,
/// so an archive written here and its copy imported form the same chains.
fn identity(article: &Article) -> String {
    let lower = |s: Option<&str>| s.unwrap_or("").to_lowercase();
    format!(
        "{}:{}|{}|{}|{}",
        article.source.format,
        lower(article.agency.as_deref()),
        lower(article.place()),
        article.date().unwrap_or(""),
        crate::text::fold_whitespace(&article.headline).to_lowercase()
    )
}

/// The plain-text agency copy of a synthetic article, as the plain parser reads it back:
/// headline (with the wire's version prefix), the advisory line, byline, dateline lead,
/// paragraphs (hard-wrapped for some agencies), trailer.
pub(crate) fn copy_text(article: &Article) -> String {
    let wrap = article
        .agency
        .as_deref()
        .and_then(story::agency_named)
        .and_then(|a| a.wrap);
    let mut out =
        String::with_capacity(article.paragraphs.iter().map(String::len).sum::<usize>() + 512);
    push_prefix(&mut out, article);
    out.push_str(&article.headline);
    out.push_str("\n\n");
    if let Some(advisory) = &article.wire.advisory {
        // `STORY WITHDRAWN`, `KILL: …` stand bare; notes go in brackets.
        let shouted = advisory
            .split([' ', ':'])
            .next()
            .is_some_and(|w| w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase()));
        if shouted {
            out.push_str(advisory);
        } else {
            out.push('(');
            out.push_str(advisory);
            out.push(')');
        }
        out.push_str("\n\n");
    }
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

/// The headline prefixes that say what a version is: `KILL-`, `CORRECTED-`, `UPDATE 2-`,
/// Kyodo's `(2nd LD) `.
fn push_prefix(out: &mut String, article: &Article) {
    let status = article.wire.status;
    if status == Some(Status::Canceled) {
        out.push_str("KILL-");
    }
    match article.wire.version.as_deref() {
        Some(label) if label.starts_with("UPDATE ") => {
            out.push_str(label);
            out.push('-');
        }
        Some(label) => {
            out.push('(');
            out.push_str(label);
            out.push_str(") ");
        }
        None if status == Some(Status::Corrected) => out.push_str("CORRECTED-"),
        None => {}
    }
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

/// Lines `start..start + len` as JSON Lines, and how many stories they start.
fn chunk(seed: u64, start: u64, len: u64) -> io::Result<(Vec<u8>, u64)> {
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0) * 6 * 1024);
    let mut stories = 0;
    lines(seed, start, len, |_, article, slot| {
        serde_json::to_writer(&mut buf, article)?;
        buf.push(b'\n');
        stories += u64::from(slot.version == 0);
        Ok(())
    })?;
    Ok((buf, stories))
}

/// Writes `count` lines (story versions) as a JSON Lines archive, in line order. Batches of
/// chunks are made in parallel on a helper thread while this one writes the previous batch,
/// so memory stays at two batches whatever `count` is.
pub fn write_archive(out: &mut dyn Write, count: u64, seed: u64) -> io::Result<Written> {
    type Batch = io::Result<Vec<(Vec<u8>, u64)>>;
    let chunks = count.div_ceil(CHUNK);
    let batch = u64::try_from(rayon::current_num_threads() * 4).unwrap_or(16);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
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
        let mut written = Written {
            versions: count,
            ..Written::default()
        };
        for made in rx {
            for (buf, stories) in made? {
                out.write_all(&buf)?;
                written.bytes += buf.len() as u64;
                written.stories += stories;
            }
        }
        Ok(written)
    })
}

/// Writes `count` story versions as plain-text copy files under `dir` (see `copy_path`) on
/// all cores. Each file's modification time is its version's time, which the importer takes
/// as when it reached the desk: imported, the versions order as the archive's do.
pub fn write_copies(dir: &Path, count: u64, seed: u64) -> io::Result<Written> {
    for folder in 0..count.div_ceil(FILES_PER_FOLDER) {
        std::fs::create_dir_all(
            copy_path(dir, folder * FILES_PER_FOLDER)
                .parent()
                .unwrap_or(dir),
        )?;
    }
    (0..count.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let mut written = Written::default();
            let start = c * CHUNK;
            lines(
                seed,
                start,
                CHUNK.min(count - start),
                |index, article, slot| {
                    let text = copy_text(article);
                    let mut file = std::fs::File::create(copy_path(dir, index))?;
                    file.write_all(text.as_bytes())?;
                    if let Some(time) = article
                        .published
                        .as_deref()
                        .and_then(|p| p.parse::<jiff::Timestamp>().ok())
                        .and_then(|t| u64::try_from(t.as_second()).ok())
                    {
                        file.set_modified(
                            std::time::UNIX_EPOCH + std::time::Duration::from_secs(time),
                        )?;
                    }
                    written = written.add(Written {
                        bytes: text.len() as u64,
                        versions: 1,
                        stories: u64::from(slot.version == 0),
                    });
                    Ok(())
                },
            )?;
            Ok(written)
        })
        .try_reduce(Written::default, |a, b| Ok(a.add(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::EntityKind;
    use crate::catalog::Catalog;

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

    fn killed(a: &Article) -> bool {
        a.wire.status == Some(Status::Canceled)
    }

    /// The archive lines `0..n` as articles, through their JSON.
    fn archive_lines(seed: u64, n: u64) -> Vec<Article> {
        let mut bytes = Vec::new();
        write_archive(&mut bytes, n, seed).unwrap();
        bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect()
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
        let (mut words, mut undated, mut short_headlines, mut firsts) = (0, 0, 0, 0);
        for i in 0..n {
            let a = article(1, i);
            let date = a.date().unwrap_or("2020-01-01");
            assert!(("2015-01-01"..="2026-10-31").contains(&date), "{date}");
            assert_eq!(
                a.date(),
                a.dateline.as_ref().and_then(|d| d.date.as_deref())
            );
            if let Some(p) = &a.published {
                assert!(p.parse::<jiff::Timestamp>().is_ok(), "{p}: a time of day");
            }
            if !a.wire.is_empty() {
                continue;
            }
            // What follows is of first versions; later ones add a paragraph or withdraw.
            firsts += 1;
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
        }
        assert!(firsts > 330, "{firsts} first versions of {n}");
        let average = words / firsts;
        assert!((500..=700).contains(&average), "{average} words a story");
        assert!((5..=40).contains(&undated), "{undated} undated of {firsts}");
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
            if killed(&a) {
                assert!(a.entities.is_empty() && a.quotes.is_empty(), "{a:?}");
                continue;
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

    /// The copy file reads back, through the project's own plain parser and lead stage, as
    /// the same story and version, for every agency's dateline style.
    #[test]
    fn copy_files_parse_back() {
        let mut agencies = std::collections::HashSet::new();
        let mut versions = 0;
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
            assert_eq!(p.date(), a.date(), "the copy names the day, not the time");
            assert_eq!(p.agency, a.agency);
            assert_eq!(p.byline, a.byline);
            assert_eq!(p.credits, a.credits);
            assert_eq!(p.editor_codes, a.editor_codes);
            assert_eq!(p.id, a.id);
            assert_eq!(p.wire, a.wire, "{copy}");
            assert_eq!(p.source.item, a.source.item, "the same identity");
            assert!(
                killed(&a) || p.quotes.iter().any(|q| q.speaker.is_some()),
                "no attributed quote in\n{copy}"
            );
            versions += usize::from(!a.wire.is_empty());
            agencies.insert(a.agency.clone().unwrap());
        }
        assert_eq!(agencies.len(), 10, "{agencies:?}");
        assert!(versions > 20, "{versions} later versions");
    }

    #[test]
    fn archive_bytes_are_deterministic_and_load() {
        let mut first = Vec::new();
        let written = write_archive(&mut first, 1_100, 9).unwrap();
        assert_eq!(written.bytes, first.len() as u64);
        assert_eq!(written.versions, 1_100);
        let mut second = Vec::new();
        write_archive(&mut second, 1_100, 9).unwrap();
        assert!(first == second, "same count and seed, same bytes");
        let lines: Vec<&[u8]> = first
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines.len(), 1_100);
        for i in [0, 511, 512, 1_099] {
            let line: Article = serde_json::from_slice(lines[i]).unwrap();
            assert_eq!(line, article(9, i as u64), "line {i} made alone");
        }
        // A shorter collection is the start of a longer one.
        let mut shorter = Vec::new();
        write_archive(&mut shorter, 700, 9).unwrap();
        assert!(first.starts_with(&shorter));
        let stories = archive_lines(9, 1_100)
            .iter()
            .map(|a| a.source.item.clone())
            .collect::<std::collections::HashSet<_>>()
            .len();
        assert_eq!(written.stories, stories as u64);
        let mut none = Vec::new();
        assert_eq!(write_archive(&mut none, 0, 9).unwrap(), Written::default());
    }

    /// About a tenth of the stories have later versions; some are corrected, a few killed;
    /// the catalogue lists each once, its versions in order of time, sharing a headline.
    #[test]
    fn about_a_tenth_of_stories_come_in_versions() {
        let lines = archive_lines(DEFAULT_SEED, 2_000);
        let catalog = Catalog::from_articles(lines.clone());
        assert_eq!(catalog.len(), 2_000, "no line is a duplicate");
        let now = jiff::Timestamp::now();
        let (mut chains, mut corrected, mut killed_chains) = (0, 0, 0);
        for &head in catalog.newest_first() {
            let versions = catalog.versions(head);
            assert!((1..=chain::MAX_VERSIONS).contains(&versions.len()));
            if versions.len() < 2 {
                continue;
            }
            chains += 1;
            let status = catalog.status(head, now);
            corrected += usize::from(status == Status::Corrected);
            killed_chains += usize::from(status == Status::Canceled);
            let first = &lines[versions[0] as usize];
            for &v in versions {
                let a = &lines[v as usize];
                assert_eq!(a.headline, first.headline);
                assert_eq!(a.source.item, first.source.item);
                assert_eq!(a.date(), first.date(), "one day");
            }
            // Versions order by number, then time: a kill carries no number, so only chains
            // without one are in order of time throughout.
            if status != Status::Canceled {
                let times: Vec<i64> = versions
                    .iter()
                    .map(|&v| catalog.time(v).0.unwrap().as_second())
                    .collect();
                assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
            }
        }
        let stories = catalog.stories();
        assert_eq!(stories, catalog.newest_first().len());
        assert!((1_700..1_800).contains(&stories), "{stories} stories");
        let share = chains * 100 / stories;
        assert!(
            (7..=13).contains(&share),
            "{chains} of {stories} have versions"
        );
        assert!(corrected >= 10, "{corrected} corrected");
        assert!((1..=25).contains(&killed_chains), "{killed_chains} killed");
    }

    /// Copy files imported by the real importer (lead stage and all) form the same stories as
    /// the archive written straight: the same count, the same newest versions.
    #[test]
    fn copy_imports_form_the_archives_chains() {
        let n = 700;
        let dir = tempfile::tempdir().unwrap();
        let copies = dir.path().join("copies");
        let written = write_copies(&copies, n, DEFAULT_SEED).unwrap();
        assert_eq!(written.versions, n);
        let (files, errors) = crate::ingest::collect_files(&[copies]);
        assert!(errors.is_empty());
        assert_eq!(files.len() as u64, n);
        let path = dir.path().join("imported.jsonl");
        let _lock = crate::archive::WriteLock::acquire(&path).unwrap();
        let report = crate::importer::import(
            &path,
            crate::importer::Base::New,
            &files,
            crate::ingest::Options::default(),
            &|| {},
            &|w| panic!("{w}"),
        )
        .unwrap();
        assert_eq!((report.imported, report.failures.len()), (700, 0));
        let (imported, _) = crate::catalog::file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();

        let archive = Catalog::from_articles(archive_lines(DEFAULT_SEED, n));
        assert_eq!(imported.stories(), archive.stories());
        assert_eq!(imported.stories() as u64, written.stories);
        assert!(archive.stories() < 680, "some stories have versions");
        let heads = |c: &Catalog| {
            let mut ids: Vec<String> = c
                .newest_first()
                .iter()
                .map(|&d| format!("{} {}", c.id(d), c.versions(d).len()))
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(heads(&imported), heads(&archive));
    }

    #[test]
    fn wrapping_keeps_the_words() {
        let mut out = String::new();
        push_wrapped(&mut out, "one two three four five", Some(9));
        assert_eq!(out, "one two\nthree\nfour five");
    }
}
