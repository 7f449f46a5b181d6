//! The invariants of an archive and its index, checked from outside the code that keeps them
//! (`dateline bench check`; `scripts/torture.sh` and `tests/full_disk.rs` run it after killing
//! and starving imports):
//!
//! - every line of the archive is a whole story (it parses, and ends in a newline) and no
//!   story id comes twice;
//! - the saved index, loaded as it stands and never rebuilt, is the catalogue a fresh rebuild
//!   makes: the same stories at the same archive positions, the same chains and newest-first
//!   order, the same posting lists for a sample of `person:` and `text:` terms, the same
//!   search results;
//! - `list` and `search` agree: the empty query gives one row per story, and every sampled
//!   story's headline, searched as an exact phrase, finds it;
//! - optionally, a given set of ids (what earlier imports committed) is there, once each.
//!
//! The archive is first opened as a reader opens it, so an import a kill interrupted is
//! rolled back before the check (that repair is part of the protocol being checked). Problems
//! are collected, never stopped at.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::{self, ArchiveError};
use crate::article::{Article, EntityKind};
use crate::catalog::chain_keys::ChainKeys;
use crate::catalog::file::{self, Unusable};
use crate::catalog::terms::{self, WORD};
use crate::catalog::{Catalog, Doc};
use crate::search::{self, Atom, Query, Term};

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{path}: cannot read the archive")]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Repair(#[from] ArchiveError),
}

/// What to check besides the invariants.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many stories to draw lookups and searches from (all when the archive has fewer).
    pub sample: usize,
    /// Ids that must each be in the archive exactly once.
    pub expect_ids: Vec<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            sample: 300,
            expect_ids: Vec::new(),
        }
    }
}

/// What the index looked like to the check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IndexState {
    /// No archive lines and no index: nothing to compare.
    #[default]
    Empty,
    /// Loaded as saved (the index and its segments).
    Loaded { segments: usize },
    /// Not usable as saved: a reader would rebuild it (why).
    Unusable(String),
}

/// One broken invariant: which kind (for grouping) and what exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: &'static str,
    pub message: String,
}

/// What was checked, in counts, and what was found wrong.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Whether opening the archive rolled back an interrupted import first.
    pub repaired: bool,
    /// Whether there was an archive file at all.
    pub exists: bool,
    pub bytes: u64,
    /// Lines of the archive (blank ones included).
    pub lines: usize,
    /// Every line's story id that parsed, in archive order (repeats included).
    pub ids: Vec<String>,
    /// Stories (versions) and chains of a fresh rebuild.
    pub stories: usize,
    pub chains: usize,
    pub index: IndexState,
    /// Posting lists and searches compared between the index and the rebuild.
    pub lookups: usize,
    pub searches: usize,
    /// Whether the keys imports read (ids, feed ids, chains) were compared too.
    pub keys: bool,
    /// Rows the empty query gave, and sampled headlines found by an exact search.
    pub rows: usize,
    pub headlines: usize,
    /// Rows of the front page compared with a rebuild's (`None`: none kept for this state).
    pub front: Option<usize>,
    /// Distinct expected ids checked.
    pub expected: usize,
    pub problems: Vec<Problem>,
}

/// A kind's problems listed one by one up to this many, then counted.
const LISTED: usize = 25;

impl Report {
    /// What was checked, a line a part, then the problems (each kind up to [`LISTED`]).
    pub fn summary(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.repaired {
            out.push("repair: opening the archive rolled back an interrupted import".to_string());
        }
        if self.exists {
            out.push(format!(
                "archive: {} bytes, {} lines, {} ids, {} stories in {} chains",
                self.bytes,
                self.lines,
                self.ids.len(),
                self.stories,
                self.chains
            ));
        } else {
            out.push("archive: none yet (0 stories)".to_string());
        }
        out.push(match &self.index {
            IndexState::Empty => "index: none, and nothing to index".to_string(),
            IndexState::Loaded { segments } => format!(
                "index: loaded as saved ({segments} file(s)), compared with a rebuild: \
                 stories, positions, chains, order, {} lookups, {} searches{}",
                self.lookups,
                self.searches,
                if self.keys { ", import keys" } else { "" }
            ),
            IndexState::Unusable(why) => format!("index: not usable as saved ({why})"),
        });
        out.push(format!(
            "list/search: the empty query gave {} rows; {} headlines found by exact search",
            self.rows, self.headlines
        ));
        if let Some(rows) = self.front {
            out.push(format!(
                "front page: {rows} rows, the newest of a rebuild, and its counts"
            ));
        }
        if self.expected > 0 {
            out.push(format!("expected ids: {} checked", self.expected));
        }
        let mut kinds: Vec<&'static str> = Vec::new();
        for p in &self.problems {
            if !kinds.contains(&p.kind) {
                kinds.push(p.kind);
            }
        }
        for kind in kinds {
            let all: Vec<&Problem> = self.problems.iter().filter(|p| p.kind == kind).collect();
            for p in all.iter().take(LISTED) {
                out.push(format!("problem: {}: {}", p.kind, p.message));
            }
            if all.len() > LISTED {
                out.push(format!(
                    "problem: {kind}: … and {} more like these",
                    all.len() - LISTED
                ));
            }
        }
        out.push(match self.problems.len() {
            1 => "check: 1 problem".to_string(),
            n => format!("check: {n} problems"),
        });
        out
    }

    fn problem(&mut self, kind: &'static str, message: String) {
        self.problems.push(Problem { kind, message });
    }
}

/// Checks the archive at `path` (see the module documentation).
pub fn check(path: &Path, options: &Options) -> Result<Report, CheckError> {
    let read = |source| CheckError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut report = Report {
        exists: path.exists(),
        ..Report::default()
    };
    if report.exists {
        {
            let lock = archive::WriteLock::acquire(path)?;
            report.repaired = file::repair(path, &lock, &|_| {}).map_err(read)?.is_some();
        }
        let lines = scan(path, &mut report).map_err(read)?;
        let fresh = Catalog::from_archive(path, &|_| {}).map_err(read)?;
        report.stories = fresh.len();
        report.chains = fresh.stories();
        agrees_with_lines(&fresh, &lines, &mut report);
        front_page(path, &fresh, &mut report);
        let readers = if fresh.is_empty() && !file::index_path(path).exists() {
            None
        } else {
            match file::load_saved(path) {
                Ok(saved) => {
                    let files = segment_files(path);
                    report.index = IndexState::Loaded { segments: files };
                    compare(&saved, &fresh, options.sample, &mut report);
                    import_keys(path, &fresh, files, &mut report);
                    Some(saved)
                }
                Err(why) => {
                    report.index = IndexState::Unusable(why.to_string());
                    let note = match why {
                        Unusable::Missing | Unusable::Stale => "a reader would rebuild it",
                        Unusable::Damaged(_) | Unusable::Io(_) => {
                            "a reader would rebuild it; the index was written wrong or changed"
                        }
                    };
                    report.problem("index", format!("not usable as saved: {why} ({note})"));
                    None
                }
            }
        };
        // List and search are checked on the catalogue a reader would get.
        list_and_search(
            readers.as_ref().unwrap_or(&fresh),
            options.sample,
            &mut report,
        );
    }
    expected(&options.expect_ids, &mut report);
    Ok(report)
}

/// A front page kept for the archive as it stands (what the reader draws first) must be the
/// one an open of the whole archive writes, or the first rows of it.
fn front_page(path: &Path, fresh: &Catalog, report: &mut Report) {
    let Some(front) = file::Front::load(path) else {
        return;
    };
    report.front = Some(front.len());
    if let Some(why) = front.differs_from(&file::Front::of(fresh)) {
        report.problem("front page", why);
    }
}

/// A story line of the archive: its number (from 1), where it is, and its id.
#[derive(Debug, Clone)]
struct Line {
    number: usize,
    start: u64,
    len: u32,
    id: String,
}

/// Reads every line: each must parse as a story and end in a newline; an id must not repeat.
/// Returns the first line of each id, in order (what a rebuild numbers as its stories).
fn scan(path: &Path, report: &mut Report) -> io::Result<Vec<Line>> {
    const BATCH: usize = 8192;
    let mut lines = archive::Lines::open(path, 0..u64::MAX, 0)?;
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut firsts = Vec::new();
    loop {
        let batch = lines.batch(BATCH)?;
        if batch.is_empty() {
            break;
        }
        let parsed: Vec<Option<Result<String, String>>> = batch
            .par_iter()
            .map(|line| {
                (!line.is_blank()).then(|| {
                    serde_json::from_slice::<Article>(&line.bytes)
                        .map(|a| a.id)
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        for (line, parsed) in batch.into_iter().zip(parsed) {
            let archive::RawLine {
                number,
                start,
                bytes,
                whole,
            } = line;
            if !whole {
                report.problem(
                    "half-written line",
                    format!(
                        "line {number}, the last, has no newline at its end ({} bytes{})",
                        bytes.len(),
                        match &parsed {
                            Some(Err(_)) => ", and it does not parse",
                            _ => "",
                        }
                    ),
                );
            }
            match parsed {
                Some(Err(why)) if whole => {
                    report.problem(
                        "damaged line",
                        format!("line {number} does not parse: {why}"),
                    );
                }
                // A blank line; a half-written one is reported above.
                None | Some(Err(_)) => {}
                Some(Ok(id)) => {
                    report.ids.push(id.clone());
                    if let Some(first) = first_line.get(&id) {
                        report.problem(
                            "repeated id",
                            format!("story {id} is on line {first} and again on line {number}"),
                        );
                    } else {
                        first_line.insert(id.clone(), number);
                        firsts.push(Line {
                            number,
                            start,
                            len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
                            id,
                        });
                    }
                }
            }
        }
    }
    report.bytes = lines.offset();
    report.lines = lines.number();
    Ok(firsts)
}

/// The rebuild must hold the lines the plain read found, in order: else the two readings of
/// the archive disagree and nothing compared against the rebuild can be trusted.
fn agrees_with_lines(fresh: &Catalog, lines: &[Line], report: &mut Report) {
    if fresh.len() != lines.len() {
        report.problem(
            "rebuild",
            format!(
                "a rebuild holds {} stories, the archive's lines {}",
                fresh.len(),
                lines.len()
            ),
        );
    }
    for (d, line) in (0..).zip(lines.iter().take(fresh.len())) {
        let at = (line.start, line.len);
        if fresh.id(d) != line.id || position(fresh, d) != at {
            report.problem(
                "rebuild",
                format!(
                    "story {d} of a rebuild is {} at byte {}, line {} is {} at byte {}",
                    fresh.id(d),
                    position(fresh, d).0,
                    line.number,
                    line.id,
                    line.start
                ),
            );
        }
    }
}

/// Where a story's line is in the archive (start, length), as the catalogue says.
fn position(catalog: &Catalog, d: Doc) -> (u64, u32) {
    (
        catalog.line_starts[d as usize],
        catalog.line_lens[d as usize],
    )
}

/// How many files the index has (the index and its segments).
fn segment_files(archive: &Path) -> usize {
    let index = file::index_path(archive);
    (0..=file::MAX_SEGMENTS)
        .take_while(|&n| file::segment_path(&index, n).exists())
        .count()
}

/// `n` numbers spread evenly over `0..len` (all of them when `len <= n`).
fn spread(len: usize, n: usize) -> Vec<usize> {
    if len <= n {
        return (0..len).collect();
    }
    (0..n).map(|i| i * len / n).collect()
}

fn doc(d: usize) -> Doc {
    Doc::try_from(d).unwrap_or(Doc::MAX)
}

/// The index as saved against a fresh rebuild.
fn compare(saved: &Catalog, fresh: &Catalog, sample: usize, report: &mut Report) {
    if saved.len() != fresh.len() {
        report.problem(
            "index",
            format!(
                "the index holds {} stories, a rebuild {}",
                saved.len(),
                fresh.len()
            ),
        );
    }
    if saved.stories() != fresh.stories() {
        report.problem(
            "index",
            format!(
                "the index has {} chains, a rebuild {}",
                saved.stories(),
                fresh.stories()
            ),
        );
    }
    for d in 0..doc(saved.len().min(fresh.len())) {
        if saved.id(d) != fresh.id(d) || position(saved, d) != position(fresh, d) {
            let (at, len) = position(saved, d);
            let (fresh_at, fresh_len) = position(fresh, d);
            report.problem(
                "index position",
                format!(
                    "story {d}: the index says {} at byte {at} ({len} bytes), the archive has {} at byte {fresh_at} ({fresh_len} bytes)",
                    saved.id(d),
                    fresh.id(d)
                ),
            );
        } else if saved.chain_id(d) != fresh.chain_id(d)
            || saved.version_count(d) != fresh.version_count(d)
        {
            report.problem(
                "index chain",
                format!(
                    "story {}: the index puts it in chain {} of {} versions, a rebuild in {} of {}",
                    fresh.id(d),
                    saved.chain_id(d),
                    saved.version_count(d),
                    fresh.chain_id(d),
                    fresh.version_count(d)
                ),
            );
        }
    }
    let (a, b) = (saved.newest_first(), fresh.newest_first());
    if let Some(row) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let name = |c: &Catalog, d: Option<&Doc>| {
            d.map_or("nothing".to_string(), |&d| c.id(d).to_string())
        };
        report.problem(
            "index order",
            format!(
                "newest first, row {row} is {} in the index and {} in a rebuild",
                name(saved, a.get(row)),
                name(fresh, b.get(row))
            ),
        );
    }
    if saved.entities() != fresh.entities() {
        report.problem(
            "index entities",
            format!(
                "the entity table differs ({} entities in the index, {} in a rebuild)",
                saved.entities().len(),
                fresh.entities().len()
            ),
        );
    }
    for d in spread(fresh.len(), sample).into_iter().map(doc) {
        let Ok(article) = fresh.article(d) else {
            report.problem(
                "rebuild",
                format!("story {} cannot be read back from its line", fresh.id(d)),
            );
            continue;
        };
        for (key, query) in sample_terms(&article) {
            report.lookups += 1;
            let (in_index, in_fresh) = (saved.lookup(&key), fresh.lookup(&key));
            let term = String::from_utf8_lossy(&key[1..]).into_owned();
            if !in_fresh.contains(&d) {
                report.problem(
                    "rebuild",
                    format!("story {} is not under its own term {term:?}", fresh.id(d)),
                );
            }
            if in_index != in_fresh {
                report.problem(
                    "index lookup",
                    format!(
                        "term {term:?}: the index lists {} stories, a rebuild {}",
                        in_index.len(),
                        in_fresh.len()
                    ),
                );
            }
            report.searches += 1;
            let run = |c: &Catalog| search::search(c, &query, None, &|| false).map(|o| o.docs);
            let (in_index, in_fresh) = (run(saved), run(fresh));
            if in_index != in_fresh {
                let count = |docs: &Option<Vec<Doc>>| docs.as_ref().map_or(0, Vec::len);
                report.problem(
                    "index search",
                    format!(
                        "search {term:?}: the index finds {} stories, a rebuild {} (or in another order)",
                        count(&in_index),
                        count(&in_fresh)
                    ),
                );
            }
        }
    }
}

/// The keys imports read instead of the catalogue to skip duplicates and count new versions
/// (each segment's own section, which loading the catalogue does not read) against a rebuild.
fn import_keys(path: &Path, fresh: &Catalog, files: usize, report: &mut Report) {
    let known = match file::indexed(path) {
        Ok(Some(known)) => known,
        // Full: the next import writes the whole index again instead of reading keys.
        Ok(None) if files > file::MAX_SEGMENTS => return,
        Ok(None) => {
            report.problem(
                "index keys",
                "the keys imports read to skip duplicates are damaged (an import would \
                 open the catalogue and write the whole index again)"
                    .to_string(),
            );
            return;
        }
        Err(e) => {
            report.problem("index keys", format!("cannot be read: {e}"));
            return;
        }
    };
    report.keys = true;
    let merged = |lists: Vec<Vec<u128>>| {
        let mut all: Vec<u128> = lists.into_iter().flatten().collect();
        all.sort_unstable();
        all
    };
    let (ids, sources) = fresh.story_keys();
    let expected = ChainKeys::of(&fresh.versions);
    let mut chains = ChainKeys::default();
    for keys in known.chains {
        chains.identities.extend(keys.identities);
        chains.feeds.extend(keys.feeds);
        chains.links.extend(keys.links);
    }
    for list in [&mut chains.identities, &mut chains.feeds, &mut chains.links] {
        list.sort_unstable();
        list.dedup();
    }
    let differs = [
        (known.stories != fresh.len(), "the story count"),
        (merged(known.ids) != ids, "the story ids"),
        (merged(known.sources) != sources, "the feed ids"),
        (chains != expected, "the version chains"),
    ];
    for (_, what) in differs.iter().filter(|(differs, _)| *differs) {
        report.problem(
            "index keys",
            format!("the keys imports read differ from a rebuild's in {what}"),
        );
    }
}

/// The index keys and matching queries a story is found by: its first two people's names
/// (`person:`), a word of its headline and one of its body (`text:`).
fn sample_terms(article: &Article) -> Vec<(Vec<u8>, Query)> {
    let query = |term: Term| Query {
        groups: vec![vec![Atom {
            term,
            negated: false,
        }]],
        errors: Vec::new(),
    };
    let mut out = Vec::new();
    for e in article
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .take(2)
    {
        let name = terms::name_key(&e.name);
        if name.is_empty() {
            continue;
        }
        let mut key = vec![terms::kind_tag(EntityKind::Person)];
        key.extend_from_slice(name.as_bytes());
        out.push((key, query(Term::Entity(EntityKind::Person, name))));
    }
    let headline_word = terms::words(&article.headline).max_by_key(String::len);
    let body_word = article
        .paragraphs
        .get(article.paragraphs.len() / 2)
        .and_then(|p| terms::words(p).max_by_key(String::len));
    for word in headline_word.into_iter().chain(body_word) {
        let mut key = vec![WORD];
        key.extend_from_slice(word.as_bytes());
        out.push((key, query(Term::Text(word))));
    }
    out
}

/// `list` is the empty query; every sampled story's headline, as an exact phrase, finds it.
fn list_and_search(catalog: &Catalog, sample: usize, report: &mut Report) {
    let Some(listed) = search::search(catalog, &Query::default(), None, &|| false) else {
        return;
    };
    report.rows = listed.docs.len();
    if listed.docs.len() != catalog.stories() || listed.docs != catalog.newest_first() {
        report.problem(
            "list",
            format!(
                "the empty query gives {} rows, not the {} stories newest first",
                listed.docs.len(),
                catalog.stories()
            ),
        );
    }
    let mut seen = fixedbitset::FixedBitSet::with_capacity(catalog.len());
    for &d in &listed.docs {
        if seen.put(d as usize) {
            report.problem("list", format!("story {} is listed twice", catalog.id(d)));
        }
    }
    let heads = catalog.newest_first();
    for i in spread(heads.len(), sample) {
        let d = heads[i];
        let phrase = catalog
            .headline(d)
            .replace(char::is_control, " ")
            .to_lowercase();
        if phrase.trim().is_empty() {
            continue;
        }
        let query = Query {
            groups: vec![vec![Atom {
                term: Term::Exact(phrase),
                negated: false,
            }]],
            errors: Vec::new(),
        };
        let found = search::search(catalog, &query, None, &|| false).map(|o| o.docs);
        if found.is_some_and(|docs| docs.contains(&d)) {
            report.headlines += 1;
        } else {
            report.problem(
                "search",
                format!(
                    "story {} is listed but its headline {:?} does not find it",
                    catalog.id(d),
                    catalog.headline(d)
                ),
            );
        }
    }
}

/// Each expected id must be there, once (a repeat is reported as a repeated id already).
fn expected(ids: &[String], report: &mut Report) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in &report.ids {
        *counts.entry(id.as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    let mut checked = std::collections::HashSet::new();
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !checked.insert(id) {
            continue;
        }
        if !counts.contains_key(id) {
            missing.push(id.to_string());
        }
    }
    report.expected = checked.len();
    for id in missing {
        report.problem(
            "lost story",
            format!("story {id} was committed before but is not in the archive"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;
    use crate::catalog::file::{Fingerprint, index_path};

    fn stories() -> Vec<Article> {
        vec![
            story("Port strike spreads", Some("2025-01-02"), &["Marta Ellery"]),
            story("Storm closes harbour", Some("2025-01-03"), &["Lars Berg"]),
            story(
                "Ellery meets Berg",
                Some("2025-01-04"),
                &["Marta Ellery", "Lars Berg"],
            ),
        ]
    }

    fn line(a: &Article) -> String {
        serde_json::to_string(a).unwrap() + "\n"
    }

    /// An archive of `articles` and its index, as a reader leaves them.
    fn archive(dir: &Path, articles: &[Article]) -> PathBuf {
        let path = dir.join("archive.jsonl");
        std::fs::write(&path, articles.iter().map(line).collect::<String>()).unwrap();
        file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        path
    }

    fn run(path: &Path) -> Report {
        check(path, &Options::default()).unwrap()
    }

    fn kinds(report: &Report) -> Vec<&'static str> {
        report.problems.iter().map(|p| p.kind).collect()
    }

    #[test]
    fn a_sound_archive_passes_with_its_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = archive(dir.path(), &stories());
        let report = run(&path);
        assert_eq!(report.problems, [], "{:#?}", report.summary());
        assert_eq!((report.lines, report.stories, report.chains), (3, 3, 3));
        assert_eq!(report.index, IndexState::Loaded { segments: 1 });
        assert_eq!((report.rows, report.headlines), (3, 3));
        // Per story its people (one, one, two), a headline word and a body word.
        assert_eq!(report.lookups, 10);
        assert_eq!(report.ids.len(), 3);
        assert!(report.summary().last().unwrap().ends_with("0 problems"));
    }

    #[test]
    fn an_index_grown_by_imports_passes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let fixture = |name: &str| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/stories")
                .join(name)
        };
        for (name, new) in [("reuters-rates.txt", true), ("ap-harbour.txt", false)] {
            let _lock = archive::WriteLock::acquire(&path).unwrap();
            let base = if new {
                crate::importer::Base::New
            } else {
                crate::importer::Base::Indexed(file::indexed(&path).unwrap().unwrap())
            };
            let options = crate::ingest::Options::default();
            crate::importer::import(&path, base, &[fixture(name)], options, &|| {}, &|w| {
                panic!("{w}")
            })
            .unwrap();
        }
        let report = run(&path);
        assert_eq!(report.problems, [], "{:#?}", report.summary());
        assert_eq!(report.index, IndexState::Loaded { segments: 2 });
        assert_eq!(report.stories, 2);
        assert_eq!(report.front, Some(2), "the imports kept the front page");
    }

    #[test]
    fn a_front_page_that_is_not_the_archive_s_newest_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = archive(dir.path(), &stories());
        let report = run(&path);
        assert_eq!(report.front, Some(3), "the open kept the front page");
        assert_eq!(report.problems, []);

        // Another catalogue's page, saved for this archive's state.
        let other_dir = tempfile::tempdir().unwrap();
        let other = archive(other_dir.path(), &stories()[..2]);
        let (other, _) = file::open(&other, &|_| {}, &|w| panic!("{w}")).unwrap();
        file::keep_front(&path, &other, Fingerprint::of(&path).unwrap());
        let report = run(&path);
        assert_eq!(kinds(&report), ["front page"], "{:#?}", report.summary());
    }

    #[test]
    fn a_half_written_last_line_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = archive(dir.path(), &stories());
        let half = line(&story("Cut off", None, &[]));
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        std::io::Write::write_all(&mut file, &half.as_bytes()[..20]).unwrap();
        let report = run(&path);
        assert!(kinds(&report).contains(&"half-written line"), "{report:#?}");
        let message = &report.problems[0].message;
        assert!(message.starts_with("line 4, the last,"), "{message}");
    }

    #[test]
    fn a_damaged_line_and_a_repeated_id_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let s = stories();
        let path = dir.path().join("archive.jsonl");
        let text = format!("{}{{not json\n{}{}", line(&s[0]), line(&s[1]), line(&s[0]));
        std::fs::write(&path, text).unwrap();
        file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        let report = run(&path);
        assert_eq!(
            kinds(&report),
            ["damaged line", "repeated id"],
            "{report:#?}"
        );
        assert!(
            report.problems[1]
                .message
                .contains("on line 1 and again on line 4")
        );
        assert_eq!(report.ids.len(), 3, "every parsed line's id, repeats too");
        assert_eq!(report.stories, 2);
    }

    #[test]
    fn an_index_saved_for_another_archive_state_differs_from_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let s = stories();
        let path = archive(dir.path(), &s);
        // An index that passes every check of its own (it claims this very archive state)
        // but holds the stories in another order and without the third.
        let other = Catalog::from_articles(vec![s[1].clone(), s[0].clone()]);
        let fingerprint = Fingerprint::of(&path).unwrap();
        file::save(&other, fingerprint, &index_path(&path)).unwrap();
        let report = run(&path);
        assert_eq!(report.index, IndexState::Loaded { segments: 1 });
        let found = kinds(&report);
        for kind in ["index", "index position", "index lookup", "index search"] {
            assert!(found.contains(&kind), "{kind} in {found:?}");
        }
    }

    #[test]
    fn a_stale_or_damaged_index_is_a_problem_not_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let s = stories();
        let path = archive(dir.path(), &s[..2]);
        let index = std::fs::read(index_path(&path)).unwrap();
        // The archive is edited in place behind the index's back (a line appended by hand
        // would be indexed by the repair readers run, as a segment of its own).
        let mut text = std::fs::read(&path).unwrap();
        let at = text.iter().rposition(|&b| b == b'a').unwrap();
        text[at] = b'e';
        std::fs::write(&path, &text).unwrap();
        let report = run(&path);
        assert_eq!(kinds(&report), ["index"]);
        assert!(
            report.problems[0]
                .message
                .contains("changed since it was indexed")
        );
        assert_eq!(
            std::fs::read(index_path(&path)).unwrap(),
            index,
            "the check writes no index"
        );
        // A damaged index: the same, saying so. The last byte is in the keys, which
        // imports read and loading does not.
        file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        let mut bytes = std::fs::read(index_path(&path)).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55;
        std::fs::write(index_path(&path), bytes).unwrap();
        let report = run(&path);
        assert_eq!(kinds(&report), ["index keys"], "{report:#?}");
        assert!(
            report.problems[0].message.contains("damaged"),
            "{report:#?}"
        );
        // In the columns, where loading looks.
        std::fs::write(index_path(&path), b"DLINDEX\0 and then nothing").unwrap();
        let report = run(&path);
        assert_eq!(kinds(&report), ["index"]);
        assert!(
            report.problems[0].message.contains("damaged"),
            "{report:#?}"
        );
    }

    #[test]
    fn a_headline_search_that_misses_its_story_is_a_problem() {
        let mut catalog = Catalog::from_articles(stories());
        let mut report = run(Path::new("/nonexistent/archive.jsonl"));
        list_and_search(&catalog, 10, &mut report);
        assert_eq!(report.problems, []);
        assert_eq!(report.headlines, 3);
        // What search reads of a headline no longer says what the list shows.
        catalog.hay = catalog.hay.replace("storm", "strom");
        list_and_search(&catalog, 10, &mut report);
        assert_eq!(kinds(&report), ["search"], "{report:#?}");
        assert!(report.problems[0].message.contains("Storm closes harbour"));
    }

    #[test]
    fn expected_ids_must_be_there() {
        let dir = tempfile::tempdir().unwrap();
        let s = stories();
        let path = archive(dir.path(), &s[..2]);
        let options = Options {
            expect_ids: vec![s[0].id.clone(), s[2].id.clone(), s[0].id.clone()],
            ..Options::default()
        };
        let report = check(&path, &options).unwrap();
        assert_eq!(report.expected, 2);
        assert_eq!(kinds(&report), ["lost story"]);
        assert!(report.problems[0].message.contains(&s[2].id));
        // No archive at all: nothing else to check, but the expected stories are lost.
        let report = check(&dir.path().join("none.jsonl"), &options).unwrap();
        assert!(!report.exists);
        assert_eq!(kinds(&report), ["lost story", "lost story"]);
    }

    #[test]
    fn an_interrupted_import_is_rolled_back_first_as_readers_do() {
        let dir = tempfile::tempdir().unwrap();
        let s = stories();
        let path = archive(dir.path(), &s[..2]);
        let len = std::fs::metadata(&path).unwrap().len();
        // A kill mid-append: the journal holds the old length, half a line follows.
        std::fs::write(dir.path().join("archive.jsonl.pending"), len.to_string()).unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        std::io::Write::write_all(&mut file, &line(&s[2]).as_bytes()[..30]).unwrap();
        let report = run(&path);
        assert!(report.repaired);
        assert_eq!(report.bytes, len);
        assert!(
            !kinds(&report).contains(&"half-written line"),
            "{report:#?}"
        );
    }
}
