//! The archive's front page (`ARCHIVE.front`): where the newest stories' lines are, and how
//! many stories and versions the archive holds, for one state of the archive file. The reader
//! draws its first screen from it — those lines read and parsed, a few dozen — while the whole
//! catalogue opens behind it.
//!
//! It is a cache, never a source of truth: written (atomically) whenever a catalogue known to
//! cover the whole archive is opened, and used only while the archive is exactly the file it
//! was written for (its length, modification time and the hash of its last 64 KiB, as the
//! index checks) with no writer's journal beside it. A damaged or stale front is ignored.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use foldhash::HashSet;

use crate::archive;
use crate::article::Article;
use crate::atomic::{self, Replace};
use crate::catalog::build::{Builder, LineRef, Prepared};
use crate::catalog::chains::{NONE, TimeKind, VersionColumns, VersionFacts, order_versions};
use crate::catalog::{Bodies, Catalog, Doc};

use super::segment::Fingerprint;

const MAGIC: &[u8; 8] = b"DLFRONT\0";
const VERSION: u32 = 3;
const HEAD: usize = 8 + 4 + 8 + 8 + 32 + 8 + 8 + 4;
const HASH: usize = 32;

/// How many of the newest stories a front page holds: more rows than a terminal has.
pub const ROWS: usize = 256;

/// The front page's path for an archive: `archive.jsonl` → `archive.jsonl.front`.
pub fn front_path(archive: &Path) -> PathBuf {
    let mut name = archive.as_os_str().to_owned();
    name.push(".front");
    PathBuf::from(name)
}

/// An archive's front page, checked to be the archive's as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    /// Stories (chains of versions) in the archive: [`Catalog::stories`].
    pub stories: u64,
    /// Versions in the archive: [`Catalog::len`].
    pub versions: u64,
    /// The newest stories, newest first (as [`Catalog::newest_first`]).
    rows: Vec<Row>,
}

/// One of the newest stories: the versions of its chain, oldest first (the newest version,
/// the one lists show, last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    versions: Vec<Version>,
}

/// What the front page keeps of a version: what chains are linked and ordered by, and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Version {
    identity: u64,
    source_id: u64,
    previous: Vec<u64>,
    number: u32,
    time: i64,
    line: LineRef,
}

impl Version {
    fn of(catalog: &Catalog, doc: Doc) -> Version {
        let d = doc as usize;
        let v = &catalog.versions;
        Version {
            identity: v.identities[d],
            source_id: v.source_ids[d],
            previous: v.previous_of(d).to_vec(),
            number: v.numbers[d],
            time: v.times[d],
            line: LineRef {
                start: catalog.line_starts[d],
                len: catalog.line_lens[d],
            },
        }
    }

    /// Where it comes in the newest-first order: by time, then archive order (the order of
    /// lines is the order of stories).
    fn key(&self) -> (i64, u64) {
        (self.time, self.line.start)
    }

    /// Whether it and `other` are versions of one story, by the rule chains are built by:
    /// the same identity, or one names the other's feed id as an earlier version.
    fn joins(&self, other: &Version) -> bool {
        self.identity == other.identity
            || (other.source_id != 0 && self.previous.contains(&other.source_id))
            || (self.source_id != 0 && other.previous.contains(&self.source_id))
    }
}

impl Row {
    /// A chain of `versions`, put in the order the catalogue puts a chain's versions in.
    fn of(mut versions: Vec<Version>) -> Row {
        versions.sort_by_key(|v| v.line.start);
        let mut columns = VersionColumns::default();
        for v in &versions {
            columns.push(VersionFacts {
                time: v.time,
                time_kind: TimeKind::None,
                number: v.number,
                status: 0,
                embargo: NONE,
                identity: v.identity,
                source_id: v.source_id,
                previous: v.previous.clone(),
            });
        }
        let mut order: Vec<Doc> = (0..versions.len())
            .map(|d| Doc::try_from(d).unwrap_or(Doc::MAX))
            .collect();
        order_versions(&mut order, &columns);
        let mut slots: Vec<Option<Version>> = versions.into_iter().map(Some).collect();
        Row {
            versions: order
                .iter()
                .filter_map(|&d| slots.get_mut(d as usize).and_then(Option::take))
                .collect(),
        }
    }

    #[cfg(test)]
    pub(super) fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// The version lists show.
    fn head(&self) -> Option<&Version> {
        self.versions.last()
    }

    fn key(&self) -> (i64, u64) {
        self.head().map_or((i64::MIN, 0), Version::key)
    }

    fn line(&self) -> LineRef {
        self.head().map(|v| v.line).unwrap_or_default()
    }
}

impl Front {
    /// The front page of `archive` when it was written for the archive as it is now, with no
    /// writer in the middle of a batch; `None` otherwise (none yet, stale, damaged).
    pub fn load(archive: &Path) -> Option<Front> {
        let (fingerprint, front) = read(archive)?;
        if archive::journal(archive).ok()?.is_some() {
            return None;
        }
        (Fingerprint::of(archive).ok()? == fingerprint).then_some(front)
    }

    /// The front page of a whole catalogue, as an open of all of it writes it.
    pub fn of(catalog: &Catalog) -> Front {
        Front {
            stories: catalog.stories() as u64,
            versions: catalog.len() as u64,
            rows: newest(catalog),
        }
    }

    /// How this front page differs from `whole`'s, the one an open of the whole archive
    /// writes: `None` when it counts the same and its rows are the first of `whole`'s (an
    /// import leaves off rows it cannot place).
    pub fn differs_from(&self, whole: &Front) -> Option<String> {
        if (self.stories, self.versions) != (whole.stories, whole.versions) {
            return Some(format!(
                "it counts {} stories in {} versions, the archive holds {} in {}",
                self.stories, self.versions, whole.stories, whole.versions
            ));
        }
        if self.rows.len() > whole.rows.len() {
            return Some(format!(
                "it holds {} rows, the archive's newest are {}",
                self.rows.len(),
                whole.rows.len()
            ));
        }
        let wrong = self
            .rows
            .iter()
            .zip(&whole.rows)
            .position(|(a, b)| a != b)?;
        Some(format!(
            "its row {} is not the archive's newest story number {} (or not as it stands)",
            wrong + 1,
            wrong + 1
        ))
    }

    /// How many newest stories it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    #[cfg(test)]
    pub(super) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// A catalogue of the `n` newest stories alone, read from `archive`'s lines: what the
    /// reader shows before the whole catalogue is open. A line that is not the story it
    /// should be (the archive changed since [`Front::load`]) is an error.
    pub fn catalog(&self, archive: &Path, n: usize) -> io::Result<Catalog> {
        let mut file = File::open(archive)?;
        // Read in file order, so the stories are numbered as in the archive (equal times
        // then order as they do in the whole catalogue).
        let mut lines: Vec<LineRef> = self.rows.iter().take(n).map(Row::line).collect();
        lines.sort_unstable_by_key(|l| l.start);
        let mut builder = Builder::new();
        for (number, line) in lines.into_iter().enumerate() {
            let mut bytes = vec![0; line.len as usize];
            file.seek(SeekFrom::Start(line.start))?;
            file.read_exact(&mut bytes)?;
            let article: Article = serde_json::from_slice(&bytes).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the front page names a line that is no story ({e})"),
                )
            })?;
            if !builder.add(number + 1, Ok(Prepared::new(&article, line))) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the front page names a story twice",
                ));
            }
        }
        Ok(builder.finish(Bodies::Archive {
            path: archive.to_path_buf(),
            file: Arc::new(Mutex::new(file)),
        }))
    }
}

/// Writes the front page of `catalog`, the whole catalogue of `archive` in the state
/// `fingerprint`, unless the one there says the same already.
pub(crate) fn keep(archive: &Path, catalog: &Catalog, fingerprint: Fingerprint) -> io::Result<()> {
    let bytes = encode(&Front::of(catalog), fingerprint);
    let path = front_path(archive);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    atomic::write(&path, Replace::Yes, |out| out.write_all(&bytes))
}

/// Carries the front page of `archive` in the state `before` on to the state `fingerprint`,
/// in which an import appended `batch`; `joins_before` says of each of its stories whether it
/// is another version of a story there before it. The batch's chains come in among the
/// newest by time, new ones counted and those that continue a chain on the page put in its
/// place.
///
/// The page holds the newest stories only, so where the rest stand is unknown: rows that
/// would now come after the page's former last one are left off (they are exact as far as
/// they go), and a batch story continuing a chain off the page that could come before it
/// cannot be placed: then, as without a front page for `before`, the front page is removed,
/// and the next full open writes it again. (A version joining a chain on the page *and* one
/// off it — two stories made one — is taken as joining the one on the page.)
pub(crate) fn extend(
    archive: &Path,
    before: Fingerprint,
    batch: &Catalog,
    joins_before: &[bool],
    fingerprint: Fingerprint,
) -> io::Result<()> {
    let path = front_path(archive);
    let carried = match read(archive) {
        Some((at, old)) if at == before => carry(old, batch, joins_before),
        _ => None,
    };
    let Some(front) = carried else {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    };
    let bytes = encode(&front, fingerprint);
    atomic::write(&path, Replace::Yes, |out| out.write_all(&bytes))
}

/// The front page `old` after `batch` (see [`extend`]); `None` when it cannot be told.
fn carry(old: Front, batch: &Catalog, joins_before: &[bool]) -> Option<Front> {
    // Every chain is on a page that is not full; else its last row is as far as it is known.
    let cutoff = (old.rows.len() as u64) < old.stories;
    let cutoff = cutoff.then(|| old.rows.last().map(Row::key)).flatten();
    // Every key of the page's versions: a batch story with none of them joins none (most
    // of a batch, told at once, not row by row).
    let keys: HashSet<u64> = old
        .rows
        .iter()
        .flat_map(|row| &row.versions)
        .flat_map(|v| {
            let links = [v.source_id].into_iter().chain(v.previous.iter().copied());
            std::iter::once(v.identity).chain(links.filter(|&k| k != 0))
        })
        .collect();
    let mut rows = old.rows;
    let mut stories = old.stories;
    for &head in batch.newest_first() {
        let docs = batch.versions(head);
        let versions: Vec<Version> = docs.iter().map(|&d| Version::of(batch, d)).collect();
        let may_join = versions.iter().any(|v| {
            [v.identity, v.source_id]
                .iter()
                .chain(&v.previous)
                .any(|k| keys.contains(k))
        });
        let joined: Vec<usize> = if may_join {
            rows.iter()
                .enumerate()
                .filter(|(_, row)| {
                    row.versions
                        .iter()
                        .any(|r| versions.iter().any(|v| v.joins(r)))
                })
                .map(|(i, _)| i)
                .collect()
        } else {
            Vec::new()
        };
        if joined.is_empty() {
            let continues = docs
                .iter()
                .any(|&d| joins_before.get(d as usize).copied().unwrap_or(true));
            if continues {
                let newest = versions.iter().map(Version::key).max();
                match cutoff {
                    Some(cut) if newest < Some(cut) => continue,
                    _ => return None,
                }
            }
            stories += 1;
            rows.push(Row::of(versions));
            continue;
        }
        // One chain now, however many it joins.
        stories -= joined.len() as u64 - 1;
        let mut all = versions;
        for &i in joined.iter().rev() {
            all.extend(rows.swap_remove(i).versions);
        }
        rows.push(Row::of(all));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.key()));
    if let Some(cut) = cutoff {
        rows.retain(|row| row.key() >= cut);
    }
    rows.truncate(ROWS);
    Some(Front {
        stories,
        versions: old.versions + batch.len() as u64,
        rows,
    })
}

/// The front page's rows of a catalogue: its newest stories.
pub(super) fn newest(catalog: &Catalog) -> Vec<Row> {
    catalog
        .newest_first()
        .iter()
        .take(ROWS)
        .map(|&head| Row {
            versions: catalog
                .versions(head)
                .iter()
                .map(|&d| Version::of(catalog, d))
                .collect(),
        })
        .collect()
}

/// The front page beside `archive` and the archive state it was written for.
fn read(archive: &Path) -> Option<(Fingerprint, Front)> {
    decode(&std::fs::read(front_path(archive)).ok()?)
}

fn encode(front: &Front, fingerprint: Fingerprint) -> Vec<u8> {
    let rows = &front.rows;
    let mut out = Vec::with_capacity(HEAD + rows.len() * 128 + HASH);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&fingerprint.len.to_le_bytes());
    out.extend_from_slice(&fingerprint.mtime_ns.to_le_bytes());
    out.extend_from_slice(&fingerprint.tail);
    out.extend_from_slice(&front.stories.to_le_bytes());
    out.extend_from_slice(&front.versions.to_le_bytes());
    out.extend_from_slice(&u32::try_from(rows.len()).unwrap_or(0).to_le_bytes());
    for row in rows {
        put_len(&mut out, row.versions.len());
        for v in &row.versions {
            out.extend_from_slice(&v.identity.to_le_bytes());
            out.extend_from_slice(&v.source_id.to_le_bytes());
            out.extend_from_slice(&v.number.to_le_bytes());
            out.extend_from_slice(&v.time.to_le_bytes());
            out.extend_from_slice(&v.line.start.to_le_bytes());
            out.extend_from_slice(&v.line.len.to_le_bytes());
            put_len(&mut out, v.previous.len());
            for p in &v.previous {
                out.extend_from_slice(&p.to_le_bytes());
            }
        }
    }
    let hash = *blake3::hash(&out).as_bytes();
    out.extend_from_slice(&hash);
    out
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn decode(bytes: &[u8]) -> Option<(Fingerprint, Front)> {
    let (body, hash) = bytes.split_at_checked(bytes.len().checked_sub(HASH)?)?;
    if blake3::hash(body).as_bytes() != hash || body.get(..8)? != MAGIC {
        return None;
    }
    let mut at = 8;
    let mut take = |n: usize| {
        let piece = body.get(at..at + n);
        at += n;
        piece
    };
    let u32_at = |b: &[u8]| b.try_into().ok().map(u32::from_le_bytes);
    let u64_at = |b: &[u8]| b.try_into().ok().map(u64::from_le_bytes);
    if u32_at(take(4)?)? != VERSION {
        return None;
    }
    let len = u64_at(take(8)?)?;
    let mtime_ns = u64_at(take(8)?)?;
    let tail: [u8; 32] = take(32)?.try_into().ok()?;
    let stories = u64_at(take(8)?)?;
    let versions = u64_at(take(8)?)?;
    let count = usize::try_from(u32_at(take(4)?)?).ok()?;
    if count > ROWS {
        return None;
    }
    let mut rows = Vec::with_capacity(count);
    for _ in 0..count {
        let n = usize::try_from(u32_at(take(4)?)?).ok()?;
        // Every version takes at least 44 bytes: a count past what is left is damage.
        if n == 0 || n > body.len() / 44 {
            return None;
        }
        let mut versions = Vec::with_capacity(n);
        for _ in 0..n {
            let identity = u64_at(take(8)?)?;
            let source_id = u64_at(take(8)?)?;
            let number = u32_at(take(4)?)?;
            let time = u64_at(take(8)?)?.cast_signed();
            let start = u64_at(take(8)?)?;
            let line_len = u32_at(take(4)?)?;
            if start.checked_add(u64::from(line_len))? > len {
                return None;
            }
            let links = usize::try_from(u32_at(take(4)?)?).ok()?;
            if links > body.len() / 8 {
                return None;
            }
            let previous = (0..links)
                .map(|_| take(8).and_then(u64_at))
                .collect::<Option<Vec<u64>>>()?;
            versions.push(Version {
                identity,
                source_id,
                previous,
                number,
                time,
                line: LineRef {
                    start,
                    len: line_len,
                },
            });
        }
        rows.push(Row { versions });
    }
    if at != body.len() {
        return None;
    }
    let fingerprint = Fingerprint {
        len,
        mtime_ns,
        tail,
    };
    Some((
        fingerprint,
        Front {
            stories,
            versions,
            rows,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;
    use crate::catalog::file::segment_tests::add_stories;

    fn archive_of(n: usize) -> (tempfile::TempDir, PathBuf, Catalog) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let stories: Vec<Article> = (0..n)
            .map(|i| {
                let day = 1 + (i * 7) % 28;
                story(
                    &format!("Story {i}"),
                    Some(&format!("2025-03-{day:02}")),
                    &[],
                )
            })
            .collect();
        add_stories(&path, &[], 0, &stories);
        let (catalog, _) = crate::catalog::file::open(&path, &|_| {}, &|w| panic!("{w}")).unwrap();
        (dir, path, catalog)
    }

    fn headlines(c: &Catalog) -> Vec<String> {
        c.newest_first()
            .iter()
            .map(|&d| c.headline(d).to_string())
            .collect()
    }

    #[test]
    fn the_front_page_lists_the_newest_stories_as_the_whole_catalogue_does() {
        let (_dir, path, catalog) = archive_of(40);
        let front = Front::load(&path).expect("opening wrote it");
        assert_eq!((front.stories, front.versions), (40, 40));
        assert_eq!(front.len(), 40);
        let first = front.catalog(&path, 12).unwrap();
        assert_eq!(headlines(&first), headlines(&catalog)[..12]);
        let d = first.newest_first()[0];
        assert_eq!(first.article(d).unwrap().headline, headlines(&catalog)[0]);
    }

    #[test]
    fn a_page_differs_from_the_whole_one_unless_it_is_its_first_rows() {
        let (_dir, _path, catalog) = archive_of(6);
        let whole = Front::of(&catalog);
        assert_eq!(whole.differs_from(&whole), None);
        let mut first = whole.clone();
        first.rows.truncate(4);
        assert_eq!(first.differs_from(&whole), None, "an import's shorter page");
        let mut swapped = whole.clone();
        swapped.rows.swap(1, 2);
        assert!(swapped.differs_from(&whole).unwrap().contains("row 2"));
        let mut counted = whole.clone();
        counted.stories += 1;
        assert!(counted.differs_from(&whole).unwrap().contains("counts 7"));
    }

    #[test]
    fn it_holds_no_more_than_a_screen_needs() {
        let (_dir, path, catalog) = archive_of(ROWS + 30);
        let front = Front::load(&path).unwrap();
        assert_eq!(front.len(), ROWS);
        assert_eq!(front.stories, (ROWS + 30) as u64);
        let first = front.catalog(&path, ROWS).unwrap();
        assert_eq!(headlines(&first), headlines(&catalog)[..ROWS]);
    }

    #[test]
    fn a_changed_archive_a_writer_in_flight_or_a_damaged_front_is_not_used() {
        let (_dir, path, _) = archive_of(5);
        assert!(Front::load(&path).is_some());
        let journal = archive::journal_path(&path);
        std::fs::write(&journal, "0").unwrap();
        assert!(Front::load(&path).is_none(), "a writer is in the middle");
        std::fs::remove_file(&journal).unwrap();

        let front = front_path(&path);
        let good = std::fs::read(&front).unwrap();
        for at in [0, 9, HEAD - 2, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 1;
            std::fs::write(&front, &bad).unwrap();
            assert!(Front::load(&path).is_none(), "byte {at} flipped");
        }
        std::fs::write(&front, &good[..good.len() - 5]).unwrap();
        assert!(Front::load(&path).is_none(), "cut short");
        std::fs::write(&front, &good).unwrap();
        assert!(Front::load(&path).is_some());

        let mut text = std::fs::read(&path).unwrap();
        text.extend_from_slice(b"\n");
        std::fs::write(&path, text).unwrap();
        assert!(Front::load(&path).is_none(), "the archive changed");
    }
}
