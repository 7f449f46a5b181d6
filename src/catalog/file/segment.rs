//! The index's files beside an archive: the index (`ARCHIVE.index`) and the segments after it
//! (`ARCHIVE.index.1`, `.2`, …), each the catalogue's columns of its stories written as
//! little-endian arrays, then their posting lists, which stay on disk and are read by
//! offset, then the keys an import checks. Each batch an import commits is a segment.
//!
//! It is never trusted blindly: each segment's header records the archive's length,
//! modification time and a hash of its last 64 KiB as it stood when the segment was written,
//! the hash of the segment before it, and a BLAKE3 hash of its columns; every table's length
//! and order is checked on load, and every posting list when it is read. The segments that
//! follow one another and whose archive prefix is unchanged make the index: the archive bytes
//! they cover are committed. A missing or damaged index is rebuilt from the archive, which
//! stays the source of truth.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::atomic::{self, Replace};
use crate::catalog::chain_keys::ChainKeys;
use crate::catalog::columns::{Cursor, decode_meta, encode_keys, encode_meta};
use crate::catalog::load_error::{LoadError, damaged};
use crate::catalog::postings::to_usize;
use crate::catalog::{Bodies, Catalog, Doc, PostingsSource};

const MAGIC: &[u8; 8] = b"DLINDEX\0";
const VERSION: u32 = 9;
const HEADER: usize = 8 + 4 + 4 + 8 + 8 + 32 + 32 + 8 + 8 + 8 + 8 + 32 + 8 + 8 + 32 + 8;

/// Segments an index may grow to before an import writes it whole again. Merging keeps it to
/// a few: segments of like size are merged as batches are committed (`merge.rs`).
pub const MAX_SEGMENTS: usize = 32;
const TAIL: u64 = 64 * 1024;

/// The index file's path for an archive: `archive.jsonl` → `archive.jsonl.index`.
pub fn index_path(archive: &Path) -> PathBuf {
    let mut name = archive.as_os_str().to_owned();
    name.push(".index");
    PathBuf::from(name)
}

/// The file of segment `n` of an index (0: the index itself).
pub fn segment_path(index: &Path, n: usize) -> PathBuf {
    if n == 0 {
        return index.to_path_buf();
    }
    let mut name = index.as_os_str().to_owned();
    name.push(format!(".{n}"));
    PathBuf::from(name)
}

/// What identifies one state of the archive file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    pub(crate) len: u64,
    pub(crate) mtime_ns: u64,
    pub(crate) tail: [u8; 32],
}

impl Fingerprint {
    pub(crate) fn of(archive: &Path) -> io::Result<Fingerprint> {
        let mut file = File::open(archive)?;
        let meta = file.metadata()?;
        let len = meta.len();
        Ok(Fingerprint {
            len,
            mtime_ns: mtime_ns(&meta),
            tail: tail_hash(&mut file, len)?,
        })
    }
}

/// The hash of the 64 KiB of `file` before `len` (all of it when shorter).
fn tail_hash(file: &mut File, len: u64) -> io::Result<[u8; 32]> {
    let from = len.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(from))?;
    let mut tail = Vec::with_capacity(to_usize(len - from));
    file.take(len - from).read_to_end(&mut tail)?;
    if (tail.len() as u64) < len - from {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(*blake3::hash(&tail).as_bytes())
}

/// One segment of an index as its header describes it: the archive state it was written for,
/// the hash of its columns (which the next segment names as its predecessor), where it starts,
/// how many stories it holds and how many lines the archive has up to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) fingerprint: Fingerprint,
    pub(crate) meta_hash: [u8; 32],
    pub(crate) start: Start,
    pub(crate) stories: u64,
    pub(crate) lines: u64,
}

/// Where a segment starts: its first story, the archive length before it, and the hash of
/// the segment it follows (zeros for the first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Start {
    pub(crate) first_doc: u64,
    pub(crate) archive_len: u64,
    pub(crate) previous: [u8; 32],
}

/// Writes the whole catalogue as the index for the archive state `fingerprint` (atomically),
/// and removes segments a former index had.
pub(crate) fn save(catalog: &Catalog, fingerprint: Fingerprint, index: &Path) -> io::Result<Link> {
    save_when(catalog, fingerprint, index, || Ok(()))
}

/// [`save`], putting the index in place only once `ready` says so (see
/// [`atomic::write_when`]).
pub(crate) fn save_when(
    catalog: &Catalog,
    fingerprint: Fingerprint,
    index: &Path,
    ready: impl FnOnce() -> io::Result<()>,
) -> io::Result<Link> {
    if !catalog.extra.is_empty() {
        return Err(io::Error::other(
            "a catalogue of several segments is saved by segments",
        ));
    }
    let link = write_segment(catalog, fingerprint, Start::default(), index, ready)?;
    remove_segments_from(index, 1);
    Ok(link)
}

/// Removes segment files from number `n` on (left from an earlier chain, or merged away).
pub(crate) fn remove_segments_from(index: &Path, n: usize) {
    let mut missing = 0;
    for k in n..=MAX_SEGMENTS + 1 {
        match std::fs::remove_file(segment_path(index, k)) {
            // A gap can follow a crash between writing one and removing the next.
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing += 1,
            _ => missing = 0,
        }
        if missing > 2 {
            break;
        }
    }
}

/// Writes `stories`, the stories an import appended after the `before` stories of an index
/// whose segments are `chain`, as its next segment, for the archive state `fingerprint`.
pub(crate) fn save_segment(
    chain: &[Link],
    before: usize,
    stories: &Catalog,
    fingerprint: Fingerprint,
    index: &Path,
) -> io::Result<Link> {
    save_segment_when(chain, before, stories, fingerprint, index, || Ok(()))
}

/// [`save_segment`], putting the segment in place only once `ready` says so (see
/// [`atomic::write_when`]).
pub(crate) fn save_segment_when(
    chain: &[Link],
    before: usize,
    stories: &Catalog,
    fingerprint: Fingerprint,
    index: &Path,
    ready: impl FnOnce() -> io::Result<()>,
) -> io::Result<Link> {
    let Some(previous) = chain.last() else {
        return Err(io::Error::other("the archive has no index to add to"));
    };
    let start = Start {
        first_doc: before as u64,
        archive_len: previous.fingerprint.len,
        previous: previous.meta_hash,
    };
    let link = write_segment(
        stories,
        fingerprint,
        start,
        &segment_path(index, chain.len()),
        ready,
    )?;
    // Segments after it are left from an earlier chain: gone, so none can seem to follow.
    remove_segments_from(index, chain.len() + 1);
    Ok(link)
}

/// Writes one segment file atomically, renamed into place once `ready` says so; returns its
/// link.
pub(crate) fn write_segment(
    catalog: &Catalog,
    fingerprint: Fingerprint,
    start: Start,
    path: &Path,
    ready: impl FnOnce() -> io::Result<()>,
) -> io::Result<Link> {
    let meta = encode_meta(catalog);
    let meta_hash = *blake3::hash(&meta).as_bytes();
    let postings = catalog.postings_blob()?;
    let keys = encode_keys(catalog);
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&fingerprint.len.to_le_bytes());
    header.extend_from_slice(&fingerprint.mtime_ns.to_le_bytes());
    header.extend_from_slice(&fingerprint.tail);
    header.extend_from_slice(&meta_hash);
    header.extend_from_slice(&(meta.len() as u64).to_le_bytes());
    header.extend_from_slice(&(postings.len() as u64).to_le_bytes());
    header.extend_from_slice(&start.first_doc.to_le_bytes());
    header.extend_from_slice(&start.archive_len.to_le_bytes());
    header.extend_from_slice(&start.previous);
    header.extend_from_slice(&(catalog.len() as u64).to_le_bytes());
    header.extend_from_slice(&(keys.len() as u64).to_le_bytes());
    header.extend_from_slice(blake3::hash(&keys).as_bytes());
    header.extend_from_slice(&catalog.lines.to_le_bytes());
    atomic::write_when(
        path,
        Replace::Yes,
        |out| {
            out.write_all(&header)?;
            out.write_all(&meta)?;
            out.write_all(&postings)?;
            out.write_all(&keys)
        },
        ready,
    )?;
    Ok(Link {
        fingerprint,
        meta_hash,
        start,
        stories: catalog.len() as u64,
        lines: catalog.lines,
    })
}

/// A segment's header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    link: Link,
    start: Start,
    meta_len: u64,
    postings_len: u64,
    /// How many stories it holds.
    stories: u64,
    keys_len: u64,
    keys_hash: [u8; 32],
}

impl Header {
    pub(crate) fn link(&self) -> Link {
        self.link
    }
}

/// Opens a segment file and reads its header, checking the file is as long as it says.
pub(crate) fn open_segment(path: &Path) -> Result<(File, Header), LoadError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(LoadError::Missing),
        Err(e) => return Err(LoadError::Io(e)),
    };
    let mut bytes = [0u8; HEADER];
    file.read_exact(&mut bytes)?;
    let mut h = Cursor::new(&bytes[..], HEADER as u64, false);
    if h.bytes(8)? != MAGIC {
        return Err(damaged("not a dateline index"));
    }
    if h.u32()? != VERSION {
        return Err(LoadError::Stale);
    }
    h.u32()?;
    let fingerprint = Fingerprint {
        len: h.u64()?,
        mtime_ns: h.u64()?,
        tail: h.hash()?,
    };
    let meta_hash = h.hash()?;
    let meta_len = h.u64()?;
    let postings_len = h.u64()?;
    let start = Start {
        first_doc: h.u64()?,
        archive_len: h.u64()?,
        previous: h.hash()?,
    };
    let stories = h.u64()?;
    let keys_len = h.u64()?;
    let keys_hash = h.hash()?;
    let lines = h.u64()?;
    let header = Header {
        link: Link {
            fingerprint,
            meta_hash,
            start,
            stories,
            lines,
        },
        meta_len,
        postings_len,
        start,
        stories,
        keys_len,
        keys_hash,
    };
    let file_len = file.metadata()?.len();
    if (HEADER as u64)
        .checked_add(header.meta_len)
        .and_then(|n| n.checked_add(header.postings_len))
        .and_then(|n| n.checked_add(header.keys_len))
        != Some(file_len)
    {
        return Err(damaged("its length does not match its header"));
    }
    Ok((file, header))
}

/// Reads the chain of segment headers: the index, then each segment that follows the one
/// before it, as long as the archive still holds the prefix it was written for (its last
/// 64 KiB unchanged). A segment that does not follow, or was written for a longer or other
/// archive, ends the chain: it is left from an earlier chain or a merge, and later ones are
/// not read. The last segment's archive state, when the archive is no longer than it, must be
/// the archive's now (time included: a file edited in place is not the one indexed); archive
/// bytes after it are a batch in flight, or lines the index does not cover yet. `visit` gets
/// each segment's file and header.
pub(crate) fn walk(
    index: &Path,
    archive: &Path,
    mut visit: impl FnMut(File, &Header) -> Result<(), LoadError>,
) -> Result<Vec<Link>, LoadError> {
    let mut archive_file = File::open(archive)?;
    let meta = archive_file.metadata()?;
    let now = Fingerprint {
        len: meta.len(),
        mtime_ns: mtime_ns(&meta),
        tail: [0; 32],
    };
    let (file, header) = open_segment(index)?;
    if header.start != Start::default() {
        return Err(damaged("its first segment does not start the archive"));
    }
    if !holds(&mut archive_file, &now, &header.link.fingerprint)? {
        return Err(LoadError::Stale);
    }
    let mut stories = header.stories;
    visit(file, &header)?;
    let mut chain = vec![header.link];
    for n in 1.. {
        if n > MAX_SEGMENTS {
            return Err(LoadError::Stale);
        }
        let previous = chain[n - 1];
        let (file, header) = match open_segment(&segment_path(index, n)) {
            Ok(found) => found,
            Err(LoadError::Missing | LoadError::Stale | LoadError::Damaged(_)) => break,
            Err(e) => return Err(e),
        };
        let follows = Start {
            first_doc: stories,
            archive_len: previous.fingerprint.len,
            previous: previous.meta_hash,
        };
        if header.start != follows || !holds(&mut archive_file, &now, &header.link.fingerprint)? {
            break;
        }
        stories += header.stories;
        visit(file, &header)?;
        chain.push(header.link);
    }
    let last = chain[chain.len() - 1].fingerprint;
    if last.len == now.len && last.mtime_ns != now.mtime_ns {
        return Err(LoadError::Stale);
    }
    Ok(chain)
}

/// Whether the archive (`now`) still holds the state a segment was written for.
fn holds(archive: &mut File, now: &Fingerprint, then: &Fingerprint) -> Result<bool, LoadError> {
    Ok(then.len <= now.len && tail_hash(archive, then.len)? == then.tail)
}

fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The archive length the chain covers: its stories are committed.
pub(crate) fn covered(chain: &[Link]) -> u64 {
    chain.last().map_or(0, |l| l.fingerprint.len)
}

/// Loads the index and the segments after it as one catalogue, and the archive length it
/// covers.
pub(crate) fn load(index: &Path, archive: &Path) -> Result<(Catalog, u64), LoadError> {
    let mut catalog: Option<Catalog> = None;
    let chain = walk(index, archive, |file, header| {
        let segment = load_segment(file, header, archive)?;
        match &mut catalog {
            Some(catalog) => catalog.append(segment),
            None => catalog = Some(segment),
        }
        Ok(())
    })?;
    let mut catalog = catalog.ok_or_else(|| damaged("no segments"))?;
    catalog.link_versions();
    Ok((catalog, covered(&chain)))
}

/// One segment's catalogue (stories numbered from 0, postings as written).
pub(crate) fn load_segment(
    file: File,
    header: &Header,
    archive: &Path,
) -> Result<Catalog, LoadError> {
    // The columns are read section by section straight into their vectors, hashed on the way.
    let mut meta = Cursor::new(
        io::BufReader::with_capacity(1 << 20, &file),
        header.meta_len,
        true,
    );
    let mut catalog = decode_meta(&mut meta)?;
    if meta.finish() != header.link.meta_hash {
        return Err(damaged("checksum mismatch"));
    }
    if catalog.len() as u64 != header.stories {
        return Err(damaged("it holds another number of stories than it says"));
    }
    catalog
        .dict
        .validate(header.postings_len)
        .map_err(damaged)?;
    catalog.postings = PostingsSource::File {
        file: Arc::new(Mutex::new(file)),
        base: (HEADER as u64) + header.meta_len,
    };
    catalog.bodies = Bodies::Archive {
        path: archive.to_path_buf(),
        file: Arc::new(Mutex::new(File::open(archive)?)),
    };
    catalog.lines = header.link.lines;
    catalog.first_doc = Doc::try_from(header.start.first_doc)
        .map_err(|_| damaged("it numbers its stories beyond what an index holds"))?;
    Ok(catalog)
}

/// A segment's keys: its stories' ids and feed ids (`story_key`s, sorted) and chain keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keys {
    pub(crate) ids: Vec<u128>,
    pub(crate) sources: Vec<u128>,
    pub(crate) chains: ChainKeys,
}

/// Reads and checks a segment's keys.
pub(crate) fn read_keys(mut file: File, header: &Header) -> Result<Keys, LoadError> {
    file.seek(SeekFrom::Start(
        HEADER as u64 + header.meta_len + header.postings_len,
    ))?;
    let mut keys = Cursor::new(io::BufReader::new(file), header.keys_len, true);
    let ids = keys.u128s()?;
    let sources = keys.u128s()?;
    let chains = ChainKeys {
        identities: keys.u64s()?,
        feeds: keys.u64s()?,
        links: keys.u64s()?,
    };
    if keys.rest() != 0 || keys.finish() != header.keys_hash {
        return Err(damaged("its keys do not match their checksum"));
    }
    let chains_sorted = [&chains.identities, &chains.feeds, &chains.links]
        .iter()
        .all(|l| l.is_sorted());
    if !ids.is_sorted()
        || !sources.is_sorted()
        || !chains_sorted
        || ids.len() as u64 != header.stories
    {
        return Err(damaged("its keys are out of order"));
    }
    Ok(Keys {
        ids,
        sources,
        chains,
    })
}

/// What an import needs of an indexed archive, read from the segments' headers and keys
/// alone (not their columns): the chain to add a segment to, how many stories there are, and
/// the keys of their ids and feed ids (`story_key`) to skip duplicates, sorted, one
/// list per segment.
#[derive(Debug, Clone, Default)]
pub struct Indexed {
    pub(crate) chain: Vec<Link>,
    pub(crate) stories: usize,
    pub(crate) ids: Vec<Vec<u128>>,
    pub(crate) sources: Vec<Vec<u128>>,
    /// Each segment's chain keys, to tell new versions of stories already there.
    pub(crate) chains: Vec<ChainKeys>,
}

/// [`Indexed`] for the archive, however far its index covers it.
pub(crate) fn indexed_part(archive: &Path) -> Result<Indexed, LoadError> {
    let mut found = Indexed::default();
    found.chain = walk(&index_path(archive), archive, |file, header| {
        let keys = read_keys(file, header)?;
        found.stories += to_usize(header.stories);
        found.ids.push(keys.ids);
        found.sources.push(keys.sources);
        found.chains.push(keys.chains);
        Ok(())
    })?;
    Ok(found)
}

/// [`Indexed`] for the archive, if its index covers all of it and has room for another
/// segment (`None`: open the catalogue instead, which rebuilds or compacts the index). Call it
/// holding the lock, after the archive is repaired.
pub fn indexed(archive: &Path) -> io::Result<Option<Indexed>> {
    let len = std::fs::metadata(archive)?.len();
    Ok(indexed_part(archive)
        .ok()
        .filter(|found| found.chain.len() < MAX_SEGMENTS && covered(&found.chain) == len))
}

#[cfg(test)]
pub(crate) mod tests {
    /// What `add_stories` returns and takes: the index's chain of segments.
    pub(crate) use super::Link;
    use super::*;
    use crate::article::Article;
    use crate::catalog::build::tests::story;
    use crate::catalog::file::{Origin, open};
    use crate::catalog::{build, story_key};

    fn write_archive(path: &Path, articles: &[Article]) {
        let mut text = String::new();
        for a in articles {
            text.push_str(&serde_json::to_string(a).unwrap());
            text.push('\n');
        }
        std::fs::write(path, text).unwrap();
    }

    fn open_quiet(path: &Path) -> (Catalog, Origin) {
        open(path, &|_| {}, &|w| panic!("{w}")).unwrap()
    }

    #[test]
    fn built_saved_then_loaded_and_rebuilt_when_stale_or_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        write_archive(&path, &two_stories());
        let (first, origin) = open_quiet(&path);
        assert_eq!(origin, Origin::Rebuilt("no index yet".into()));
        let (second, origin) = open_quiet(&path);
        assert_eq!(origin, Origin::Index);
        assert_eq!(second.len(), 2);
        assert_eq!(second.newest_first(), first.newest_first());
        assert_eq!(second.lookup(b"pellery"), [0]);
        assert_eq!(second.article(0).unwrap().headline, "Port strike");
        assert_eq!(second.entities(), first.entities());

        // The archive grows behind dateline's back: the lines after the index are indexed
        // (a repeated story and a broken line reported by their line numbers), not the whole.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&serde_json::to_string(&story("Late", None, &[])).unwrap());
        text.push_str("\n{broken\n");
        text.push_str(&serde_json::to_string(&two_stories()[1]).unwrap());
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        let (third, origin) = open_quiet(&path);
        assert!(
            matches!(&origin, Origin::Repaired(r) if r.cut == 0 && r.indexed == 1),
            "{origin:?}"
        );
        assert_eq!(third.len(), 3);
        assert_eq!(third.damaged().len(), 2);
        assert_eq!(third.damaged()[0].0, 4);
        assert!(third.damaged()[1].1.starts_with("repeats story"));
        assert_eq!(third.damaged()[1].0, 5);
        assert_eq!(open_quiet(&path).1, Origin::Index, "and saved as a segment");

        // Flip one byte in the columns: the checksum catches it.
        let index = index_path(&path);
        let mut bytes = std::fs::read(&index).unwrap();
        bytes[HEADER + 20] ^= 0x55;
        std::fs::write(&index, &bytes).unwrap();
        let (_, origin) = open_quiet(&path);
        assert!(matches!(origin, Origin::Rebuilt(r) if r.contains("damaged")),);
        // Truncated: caught by the length check.
        let bytes = std::fs::read(&index).unwrap();
        std::fs::write(&index, &bytes[..bytes.len() - 3]).unwrap();
        let (c, origin) = open_quiet(&path);
        assert!(matches!(origin, Origin::Rebuilt(r) if r.contains("damaged")));
        assert_eq!(c.len(), 3);
        // Garbage: caught by the magic number.
        std::fs::write(&index, vec![7u8; 500]).unwrap();
        let (_, origin) = open_quiet(&path);
        assert!(matches!(origin, Origin::Rebuilt(r) if r.contains("damaged")));
    }

    /// Two dated stories, one naming Marta Ellery.
    fn two_stories() -> [Article; 2] {
        [
            story("Port strike", Some("2025-01-02"), &["Marta Ellery"]),
            story("Storm", Some("2025-01-03"), &[]),
        ]
    }

    /// Appends `stories` to the archive and indexes them as the next segment after `chain`
    /// (of `before` stories), or as the index when there is none, as an import commits a
    /// batch; returns the chain.
    pub(crate) fn add_stories(
        path: &Path,
        chain: &[Link],
        before: usize,
        stories: &[Article],
    ) -> Vec<Link> {
        use std::io::Write;
        let mut file = File::options()
            .append(true)
            .create(true)
            .open(path)
            .unwrap();
        let mut start = file.metadata().unwrap().len();
        let lines = chain.last().map_or(0, |l| l.lines);
        let mut builder = build::Builder::numbered_from(before, lines);
        for a in stories {
            let line = serde_json::to_string(a).unwrap() + "\n";
            file.write_all(line.as_bytes()).unwrap();
            let len = u32::try_from(line.len() - 1).unwrap();
            builder.push(build::Prepared::new(a, build::LineRef { start, len }));
            start += line.len() as u64;
        }
        drop(file);
        let segment = builder.finish(Bodies::Memory(Vec::new()));
        let fingerprint = Fingerprint::of(path).unwrap();
        let index = index_path(path);
        let mut chain = chain.to_vec();
        if chain.is_empty() {
            chain.push(save(&segment, fingerprint, &index).unwrap());
        } else {
            chain.push(save_segment(&chain, before, &segment, fingerprint, &index).unwrap());
        }
        chain
    }

    /// Appends `stories` as a segment and returns the catalogue with them.
    fn add_segment(path: &Path, mut catalog: Catalog, stories: &[Article]) -> Catalog {
        let known = indexed(path).unwrap().unwrap();
        let chain = add_stories(path, &known.chain, known.stories, stories);
        let index = index_path(path);
        let (file, header) = open_segment(&segment_path(&index, chain.len() - 1)).unwrap();
        catalog.append(load_segment(file, &header, path).unwrap());
        catalog.link_versions();
        catalog
    }

    #[test]
    fn imports_add_segments_that_load_as_one_catalogue() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        write_archive(&path, &two_stories());
        let (base, _) = open_quiet(&path);
        let mut later = story(
            "Ellery returns",
            Some("2025-01-05"),
            &["Marta Ellery", "Ann Lee"],
        );
        later.dateline.as_mut().unwrap().agency = Some("dpa".into());
        let grown = add_segment(&path, base, &[later, story("Quiet day", None, &[])]);
        let grown = add_segment(&path, grown, &[story("Oldest", Some("2020-01-01"), &[])]);
        let index = index_path(&path);
        assert!(segment_path(&index, 2).exists());

        let (loaded, origin) = open_quiet(&path);
        assert_eq!(origin, Origin::Index);
        let rebuilt = Catalog::from_archive(&path, &|_| {}).unwrap();
        for c in [&grown, &loaded] {
            assert_eq!(c.len(), 5);
            assert_eq!(c.newest_first(), rebuilt.newest_first());
            assert_eq!(c.entities(), rebuilt.entities());
            assert_eq!(c.lookup(b"pellery"), [0, 2]);
            assert_eq!(c.lookup(b"woldest"), [4]);
            assert_eq!(c.lookup_prefixed(b"wqui"), [3]);
            assert_eq!(c.agency(2), Some("dpa"));
            let names = |c: &Catalog| -> Vec<String> {
                c.story_names(2)
                    .iter()
                    .map(|&n| c.name(n).to_string())
                    .collect()
            };
            assert_eq!(names(c), names(&rebuilt));
            assert_eq!(c.article(4).unwrap().headline, "Oldest");
        }
        assert_eq!(loaded.entities()[0].name, "Marta Ellery");
        assert_eq!(loaded.entities()[0].stories, 2);
        // What an import reads instead of the catalogue: the chain, the count and the keys.
        let known = indexed(&path).unwrap().unwrap();
        assert_eq!(known.chain.len(), 3, "the index and two segments");
        assert_eq!(known.chain[2].fingerprint, Fingerprint::of(&path).unwrap());
        assert_eq!(known.stories, 5);
        assert_eq!(known.ids.len(), 3);
        for d in 0..5 {
            let key = story_key(loaded.id(d));
            assert!(
                known
                    .ids
                    .iter()
                    .any(|list| list.binary_search(&key).is_ok())
            );
        }

        // Written whole again (as after MAX_SEGMENTS): one file, the same catalogue.
        let whole = loaded
            .into_builder()
            .unwrap()
            .finish(Bodies::Memory(Vec::new()));
        assert_eq!(whole.lookup(b"pellery"), [0, 2]);
        let stale_segment = std::fs::read(segment_path(&index, 1)).unwrap();
        save(&whole, Fingerprint::of(&path).unwrap(), &index).unwrap();
        assert!(!segment_path(&index, 1).exists());
        assert_eq!(open_quiet(&path).1, Origin::Index);

        // A segment left from the former index does not follow the new one: not trusted.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&serde_json::to_string(&story("Late", None, &[])).unwrap());
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        std::fs::write(segment_path(&index, 1), stale_segment).unwrap();
        assert!(
            indexed(&path).unwrap().is_none(),
            "stale: the catalogue must be opened"
        );
        let (c, origin) = open_quiet(&path);
        assert!(
            matches!(&origin, Origin::Repaired(r) if r.indexed == 1),
            "{origin:?}"
        );
        assert_eq!(c.len(), 6);

        // A damaged segment is caught like a damaged index.
        let c = add_segment(&path, c, &[story("After", None, &[])]);
        assert_eq!(c.len(), 7);
        let mut bytes = std::fs::read(segment_path(&index, 1)).unwrap();
        bytes[HEADER + 20] ^= 0x55;
        std::fs::write(segment_path(&index, 1), &bytes).unwrap();
        let (c, origin) = open_quiet(&path);
        assert!(matches!(origin, Origin::Rebuilt(r) if r.contains("damaged")));
        assert_eq!(c.len(), 7);
    }

    #[test]
    fn a_moved_story_is_an_error_not_the_wrong_story() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        write_archive(
            &path,
            &[
                story("One", Some("2025-01-02"), &[]),
                story("Two", None, &[]),
            ],
        );
        let (catalog, _) = open_quiet(&path);
        write_archive(
            &path,
            &[
                story("Two", None, &[]),
                story("One", Some("2025-01-02"), &[]),
            ],
        );
        let err = catalog.article(0).unwrap_err();
        assert!(
            err.to_string().contains("changed since it was indexed"),
            "{err}"
        );
    }
}
