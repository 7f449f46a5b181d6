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
use std::sync::Mutex;

use crate::archive;
use crate::article::Article;
use crate::atomic::{self, Replace};
use crate::catalog::build::{Builder, LineRef, Prepared};
use crate::catalog::{Bodies, Catalog};

use super::segment::Fingerprint;

const MAGIC: &[u8; 8] = b"DLFRONT\0";
const VERSION: u32 = 1;
const HEAD: usize = 8 + 4 + 8 + 8 + 32 + 8 + 8 + 4;
const ROW: usize = 8 + 4;
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
    /// The newest stories' lines, newest first (as [`Catalog::newest_first`]).
    rows: Vec<LineRef>,
}

impl Front {
    /// The front page of `archive` when it was written for the archive as it is now, with no
    /// writer in the middle of a batch; `None` otherwise (none yet, stale, damaged).
    pub fn load(archive: &Path) -> Option<Front> {
        let bytes = std::fs::read(front_path(archive)).ok()?;
        let (fingerprint, front) = decode(&bytes)?;
        if archive::journal(archive).ok()?.is_some() {
            return None;
        }
        (Fingerprint::of(archive).ok()? == fingerprint).then_some(front)
    }

    /// How many newest stories it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// A catalogue of the `n` newest stories alone, read from `archive`'s lines: what the
    /// reader shows before the whole catalogue is open. A line that is not the story it
    /// should be (the archive changed since [`Front::load`]) is an error.
    pub fn catalog(&self, archive: &Path, n: usize) -> io::Result<Catalog> {
        let mut file = File::open(archive)?;
        // Read in file order, so the stories are numbered as in the archive (equal times
        // then order as they do in the whole catalogue).
        let mut lines: Vec<LineRef> = self.rows.iter().take(n).copied().collect();
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
            file: Mutex::new(file),
        }))
    }
}

/// Writes the front page of `catalog`, the whole catalogue of `archive` in the state
/// `fingerprint`, unless the one there says the same already.
pub(crate) fn keep(archive: &Path, catalog: &Catalog, fingerprint: Fingerprint) -> io::Result<()> {
    let bytes = encode(catalog, fingerprint);
    let path = front_path(archive);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    atomic::write(&path, Replace::Yes, |out| out.write_all(&bytes))
}

fn encode(catalog: &Catalog, fingerprint: Fingerprint) -> Vec<u8> {
    let rows: Vec<LineRef> = catalog
        .newest_first()
        .iter()
        .take(ROWS)
        .map(|&doc| LineRef {
            start: catalog.line_starts[doc as usize],
            len: catalog.line_lens[doc as usize],
        })
        .collect();
    let mut out = Vec::with_capacity(HEAD + rows.len() * ROW + HASH);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&fingerprint.len.to_le_bytes());
    out.extend_from_slice(&fingerprint.mtime_ns.to_le_bytes());
    out.extend_from_slice(&fingerprint.tail);
    out.extend_from_slice(&(catalog.stories() as u64).to_le_bytes());
    out.extend_from_slice(&(catalog.len() as u64).to_le_bytes());
    out.extend_from_slice(&u32::try_from(rows.len()).unwrap_or(0).to_le_bytes());
    for row in &rows {
        out.extend_from_slice(&row.start.to_le_bytes());
        out.extend_from_slice(&row.len.to_le_bytes());
    }
    let hash = *blake3::hash(&out).as_bytes();
    out.extend_from_slice(&hash);
    out
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
    if count > ROWS || body.len() != HEAD + count * ROW {
        return None;
    }
    let mut rows = Vec::with_capacity(count);
    for _ in 0..count {
        let start = u64_at(take(8)?)?;
        let line_len = u32_at(take(4)?)?;
        if start.checked_add(u64::from(line_len))? > len {
            return None;
        }
        rows.push(LineRef {
            start,
            len: line_len,
        });
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
