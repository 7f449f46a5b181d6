//! The index's columns as bytes: each section a length and little-endian values, written
//! in one buffer and read back through a [`Cursor`] that checks every length against what is
//! left before allocating and hashes what it reads.

use std::io::Read;

use super::chain_keys::ChainKeys;
use super::chains::{Chains, VersionColumns};
use super::doc::FIELDS;
use super::load_error::{LoadError, damaged};
use super::postings::{Dictionary, to_usize};
use super::{Bodies, Catalog, EntityRow, Masks, PostingsSource};
use crate::article::EntityKind;

/// The keys section: each story's id key, then the keys of the feed ids there are, sorted
/// (an import searches them where they lie), then the [`ChainKeys`] (an import tells new
/// versions of stories already there by them).
pub(super) fn encode_keys(c: &Catalog) -> Vec<u8> {
    let (ids, sources) = c.story_keys();
    let chains = ChainKeys::of(&c.versions);
    let mut out = Vec::with_capacity(
        16 * (ids.len() + sources.len())
            + 8 * (chains.identities.len() + chains.feeds.len() + chains.links.len())
            + 40,
    );
    for list in [ids, sources] {
        put_len(&mut out, list.len());
        out.extend(list.iter().flat_map(|k| k.to_le_bytes()));
    }
    for list in [&chains.identities, &chains.feeds, &chains.links] {
        put_u64s(&mut out, list);
    }
    out
}

pub(super) fn encode_meta(c: &Catalog) -> Vec<u8> {
    let mut out = Vec::with_capacity(c.text.len() + c.hay.len() + c.len() * 64);
    put_bytes(&mut out, c.text.as_bytes());
    put_u64s(&mut out, &c.field_ends);
    put_bytes(&mut out, c.hay.as_bytes());
    put_u64s(&mut out, &c.hay_ends);
    put_bytes(&mut out, c.names.as_bytes());
    put_u64s(&mut out, &c.name_ends);
    put_u32s(&mut out, &c.story_names);
    put_u64s(&mut out, &c.story_name_ends);
    let masks: Vec<u64> = c
        .masks
        .iter()
        .flat_map(|m| [m.any, m.starts, m.head, m.head_starts])
        .collect();
    put_u64s(&mut out, &masks);
    put_bytes(&mut out, &c.urgency);
    put_u16s(&mut out, &c.agency_of);
    put_strings(&mut out, c.agencies.iter().map(String::as_str));
    put_u64s(&mut out, &c.line_starts);
    put_u32s(&mut out, &c.line_lens);
    let v = &c.versions;
    put_u64s(
        &mut out,
        &v.times
            .iter()
            .map(|&t| t.cast_unsigned())
            .collect::<Vec<_>>(),
    );
    put_bytes(&mut out, &v.time_kinds);
    put_u32s(&mut out, &v.numbers);
    put_bytes(&mut out, &v.statuses);
    put_u64s(
        &mut out,
        &v.embargoes
            .iter()
            .map(|&t| t.cast_unsigned())
            .collect::<Vec<_>>(),
    );
    put_u64s(&mut out, &v.identities);
    put_u64s(&mut out, &v.source_ids);
    put_u64s(&mut out, &v.previous);
    put_u64s(&mut out, &v.previous_ends);
    let kinds: Vec<u8> = c.entities.iter().map(|e| kind_byte(e.kind)).collect();
    put_bytes(&mut out, &kinds);
    put_strings(&mut out, c.entities.iter().map(|e| e.name.as_str()));
    put_u32s(
        &mut out,
        &c.entities.iter().map(|e| e.stories).collect::<Vec<_>>(),
    );
    put_bytes(&mut out, &c.dict.text);
    put_u64s(&mut out, &c.dict.text_ends);
    put_u64s(&mut out, &c.dict.offsets);
    put_u32s(&mut out, &c.dict.counts);
    put_u32s(&mut out, &c.dict.lasts);
    let lines: Vec<u64> = c.damaged.iter().map(|(l, _)| *l as u64).collect();
    put_u64s(&mut out, &lines);
    put_strings(&mut out, c.damaged.iter().map(|(_, r)| r.as_str()));
    out
}

pub(super) fn decode_meta<R: Read>(r: &mut Cursor<R>) -> Result<Catalog, LoadError> {
    let text = r.string()?;
    let field_ends = r.u64s()?;
    let hay = r.string()?;
    let hay_ends = r.u64s()?;
    let search_names = r.string()?;
    let name_ends = r.u64s()?;
    let story_names = r.u32s()?;
    let story_name_ends = r.u64s()?;
    let masks: Vec<Masks> = r
        .u64s()?
        .chunks(4)
        .map(|m| Masks {
            any: m[0],
            starts: m.get(1).copied().unwrap_or(0),
            head: m.get(2).copied().unwrap_or(0),
            head_starts: m.get(3).copied().unwrap_or(0),
        })
        .collect();
    let urgency = r.byte_vec()?;
    let agency_of = r.u16s()?;
    let agencies = r.strings()?;
    let line_starts = r.u64s()?;
    let line_lens = r.u32s()?;
    let versions = VersionColumns {
        times: r.u64s()?.into_iter().map(u64::cast_signed).collect(),
        time_kinds: r.byte_vec()?,
        numbers: r.u32s()?,
        statuses: r.byte_vec()?,
        embargoes: r.u64s()?.into_iter().map(u64::cast_signed).collect(),
        identities: r.u64s()?,
        source_ids: r.u64s()?,
        previous: r.u64s()?,
        previous_ends: r.u64s()?,
    };
    let kinds = r.byte_vec()?;
    let names = r.strings()?;
    let stories = r.u32s()?;
    let dict = Dictionary {
        text: r.byte_vec()?,
        text_ends: r.u64s()?,
        offsets: r.u64s()?,
        counts: r.u32s()?,
        lasts: r.u32s()?,
        blob: Vec::new(),
    };
    let damaged_lines = r.u64s()?;
    let damaged_reasons = r.strings()?;
    if r.rest() != 0 {
        return Err(damaged("trailing bytes"));
    }
    let n = hay_ends.len();
    let same = [
        field_ends.len() / FIELDS,
        story_name_ends.len(),
        masks.len(),
        urgency.len(),
        agency_of.len(),
        line_starts.len(),
        line_lens.len(),
    ];
    if field_ends.len() % FIELDS != 0 || same.iter().any(|&l| l != n) || !versions.consistent(n) {
        return Err(damaged("columns of different lengths"));
    }
    if u32::try_from(n).is_err() {
        return Err(damaged("too many stories"));
    }
    if !ascending_within(&field_ends, text.len())
        || !ascending_within(&hay_ends, hay.len())
        || !ascending_within(&name_ends, search_names.len())
        || !ascending_within(&story_name_ends, story_names.len())
    {
        return Err(damaged("text offsets out of order"));
    }
    if story_names.iter().any(|&id| id as usize >= name_ends.len()) {
        return Err(damaged("a story's name out of range"));
    }
    if agency_of
        .iter()
        .any(|&a| usize::from(a) >= agencies.len().max(1))
    {
        return Err(damaged("an agency out of range"));
    }
    if kinds.len() != names.len() || names.len() != stories.len() {
        return Err(damaged("entity tables of different lengths"));
    }
    let entities = kinds
        .iter()
        .zip(names)
        .zip(stories)
        .map(|((&k, name), stories)| {
            Ok(EntityRow {
                kind: kind_from_byte(k).ok_or_else(|| damaged("an unknown entity kind"))?,
                name,
                stories,
            })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    Ok(Catalog {
        text,
        field_ends,
        hay,
        hay_ends,
        names: search_names,
        name_ends,
        story_names,
        story_name_ends,
        masks,
        urgency,
        agency_of,
        agencies,
        line_starts,
        line_lens,
        versions,
        chains: Chains::default(),
        order: Vec::new(),
        rank: Vec::new(),
        entities,
        dict,
        postings: PostingsSource::Memory,
        extra: Vec::new(),
        bodies: Bodies::Memory(Vec::new()),
        damaged: damaged_lines
            .into_iter()
            .map(to_usize)
            .zip(damaged_reasons)
            .collect(),
        // The segment's header has these.
        lines: 0,
        first_doc: 0,
        lineage: super::fresh_lineage(),
    })
}

fn ascending_within(ends: &[u64], len: usize) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|&e| e == len as u64)
}

fn kind_byte(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organization => 2,
    }
}

fn kind_from_byte(b: u8) -> Option<EntityKind> {
    match b {
        0 => Some(EntityKind::Person),
        1 => Some(EntityKind::Place),
        2 => Some(EntityKind::Organization),
        _ => None,
    }
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_len(out, bytes.len());
    out.extend_from_slice(bytes);
}

fn put_u64s(out: &mut Vec<u8>, values: &[u64]) {
    put_len(out, values.len());
    out.extend(values.iter().flat_map(|v| v.to_le_bytes()));
}

fn put_u32s(out: &mut Vec<u8>, values: &[u32]) {
    put_len(out, values.len());
    out.extend(values.iter().flat_map(|v| v.to_le_bytes()));
}

fn put_u16s(out: &mut Vec<u8>, values: &[u16]) {
    put_len(out, values.len());
    out.extend(values.iter().flat_map(|v| v.to_le_bytes()));
}

fn put_strings<'a>(out: &mut Vec<u8>, strings: impl Iterator<Item = &'a str>) {
    let mut text = String::new();
    let mut ends = Vec::new();
    for s in strings {
        text.push_str(s);
        ends.push(text.len() as u64);
    }
    put_bytes(out, text.as_bytes());
    put_u64s(out, &ends);
}

/// Reads the sections back, every length checked against what is left before anything is
/// allocated, hashing what it reads.
/// Sections at least this long are hashed on all cores; shorter ones are not worth the
/// threads (BLAKE3's own advice is 128 KiB and up).
const PARALLEL_HASH: usize = 1 << 20;

pub(super) struct Cursor<R> {
    reader: R,
    left: u64,
    hasher: Option<blake3::Hasher>,
    scratch: Vec<u8>,
}

impl<R: Read> Cursor<R> {
    pub(super) fn new(reader: R, len: u64, hash: bool) -> Cursor<R> {
        Cursor {
            reader,
            left: len,
            hasher: hash.then(blake3::Hasher::new),
            scratch: Vec::new(),
        }
    }

    pub(super) fn rest(&self) -> u64 {
        self.left
    }

    /// The hash of everything read.
    pub(super) fn finish(&self) -> [u8; 32] {
        self.hasher
            .as_ref()
            .map_or([0; 32], |h| *h.finalize().as_bytes())
    }

    fn read_into(&mut self, buf: &mut [u8]) -> Result<(), LoadError> {
        if buf.len() as u64 > self.left {
            return Err(damaged("a section runs past the end"));
        }
        self.reader.read_exact(buf)?;
        if let Some(h) = &mut self.hasher {
            // A big section is hashed on all cores (the same hash: BLAKE3 is a tree).
            if buf.len() >= PARALLEL_HASH {
                h.update_rayon(buf);
            } else {
                h.update(buf);
            }
        }
        self.left -= buf.len() as u64;
        Ok(())
    }

    pub(super) fn bytes(&mut self, n: usize) -> Result<&[u8], LoadError> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.resize(n, 0);
        let read = self.read_into(&mut scratch);
        self.scratch = scratch;
        read.map(|()| &self.scratch[..n])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], LoadError> {
        let mut out = [0; N];
        self.read_into(&mut out)?;
        Ok(out)
    }

    pub(super) fn u32(&mut self) -> Result<u32, LoadError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(super) fn u64(&mut self) -> Result<u64, LoadError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(super) fn hash(&mut self) -> Result<[u8; 32], LoadError> {
        self.array()
    }

    /// A section's element count, checked against the bytes left.
    fn count(&mut self, size: u64) -> Result<usize, LoadError> {
        let n = self.u64()?;
        if n.checked_mul(size).is_none_or(|bytes| bytes > self.left) {
            return Err(damaged("a section runs past the end"));
        }
        Ok(to_usize(n))
    }

    pub(super) fn byte_vec(&mut self) -> Result<Vec<u8>, LoadError> {
        let n = self.count(1)?;
        let mut out = vec![0; n];
        self.read_into(&mut out)?;
        Ok(out)
    }

    pub(super) fn string(&mut self) -> Result<String, LoadError> {
        String::from_utf8(self.byte_vec()?).map_err(|_| damaged("text that is not UTF-8"))
    }

    /// A section of little-endian numbers, read straight into their vector (no copy through
    /// a buffer, no conversion on a little-endian machine).
    fn numbers<T: bytemuck::Pod>(&mut self, from_le: fn(T) -> T) -> Result<Vec<T>, LoadError> {
        let n = self.count(std::mem::size_of::<T>() as u64)?;
        let mut out: Vec<T> = bytemuck::allocation::zeroed_vec(n);
        self.read_into(bytemuck::cast_slice_mut(&mut out))?;
        if cfg!(target_endian = "big") {
            for x in &mut out {
                *x = from_le(*x);
            }
        }
        Ok(out)
    }

    pub(super) fn u64s(&mut self) -> Result<Vec<u64>, LoadError> {
        self.numbers(u64::from_le)
    }

    pub(super) fn u128s(&mut self) -> Result<Vec<u128>, LoadError> {
        self.numbers(u128::from_le)
    }

    pub(super) fn u32s(&mut self) -> Result<Vec<u32>, LoadError> {
        self.numbers(u32::from_le)
    }

    pub(super) fn u16s(&mut self) -> Result<Vec<u16>, LoadError> {
        self.numbers(u16::from_le)
    }

    pub(super) fn strings(&mut self) -> Result<Vec<String>, LoadError> {
        let text = self.string()?;
        let ends = self.u64s()?;
        if !ascending_within(&ends, text.len()) {
            return Err(damaged("text offsets out of order"));
        }
        let mut start = 0;
        ends.iter()
            .map(|&end| {
                let s = text
                    .get(start..to_usize(end))
                    .ok_or_else(|| damaged("text split inside a character"))?;
                start = to_usize(end);
                Ok(s.to_string())
            })
            .collect()
    }
}
