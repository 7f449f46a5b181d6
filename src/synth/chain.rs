//! Which lines of a synthetic collection are versions of one story. About a tenth of the
//! dated stories are chains: updates, some corrections, a kill in about 1 in 200. Each chain's
//! shape (what each later version changes, at what minute of the story's day) follows from
//! (seed, the line of its first version); where its later versions stand is planned per block
//! of lines, so every block, and so every chunk of parallel work, is made on its own.

use fastrand::Rng;

use super::story::{is_dated, story_seed};

/// Lines planned together: every version of a chain stands in the block of its first.
pub(crate) const BLOCK: u64 = 512;
/// A later version stands up to this many lines after the one before (or at the next free).
const GAP: usize = 40;
/// Versions of one story at most.
pub(crate) const MAX_VERSIONS: usize = 4;
/// Salts: the shape and the plan draw apart from the story's own text.
const SHAPE_SALT: u64 = 0x5348_4150_4553_0001;
const PLAN_SALT: u64 = 0x504c_414e_5300_0002;

/// What a later version does to the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// A paragraph added (`UPDATE 1-`, `(Adds official comment in paragraph 5)`).
    Adds,
    /// A new lead paragraph (`UPDATE 2-`, `(Updates with new lead)`).
    NewLead,
    /// A word corrected (`CORRECTED-`, `(Corrects robust to fragile in paragraph 4)`).
    Corrects,
    /// The story withdrawn (`KILL-`, `STORY WITHDRAWN`).
    Kill,
}

/// One story's versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// How many (1 for most stories).
    pub(crate) versions: usize,
    /// What each version after the first changes: `changes[v - 1]` made version `v`.
    pub(crate) changes: [Change; MAX_VERSIONS - 1],
    /// Each version's minute of the story's day, rising, all on that day: copy that names the
    /// day in its dateline stays one story.
    pub(crate) minutes: [u16; MAX_VERSIONS],
}

/// The shape of the story whose first version is line `root`.
pub(crate) fn shape(seed: u64, root: u64) -> Shape {
    let mut rng = Rng::with_seed(story_seed(seed ^ SHAPE_SALT, root));
    let mut shape = Shape {
        versions: 1,
        changes: [Change::Adds; MAX_VERSIONS - 1],
        minutes: [0; MAX_VERSIONS],
    };
    // Per mille of the dated stories (95% of all): 5 killed, 100 more updated or corrected.
    let roll = rng.u32(0..1000);
    if roll < 105 && is_dated(seed, root) {
        if roll < 5 {
            // Killed at once, or after an update.
            let before = usize::from(rng.u32(0..10) < 3);
            shape.versions = 2 + before;
            shape.changes[before] = Change::Kill;
        } else {
            shape.versions = match rng.u32(0..100) {
                0..65 => 2,
                65..90 => 3,
                _ => 4,
            };
            for change in &mut shape.changes[..shape.versions - 1] {
                *change = match rng.u32(0..100) {
                    0..15 => Change::Corrects,
                    15..45 => Change::NewLead,
                    _ => Change::Adds,
                };
            }
        }
    }
    // Minutes to hours apart: mostly within the hour, some later in the day.
    let mut later = [0u16; MAX_VERSIONS];
    for v in 1..shape.versions {
        let gap = if rng.u32(0..10) < 6 {
            rng.u16(5..60)
        } else {
            rng.u16(60..240)
        };
        later[v] = later[v - 1] + gap;
    }
    let first = rng.u16(0..24 * 60 - later[shape.versions - 1]);
    for (minute, later) in shape.minutes.iter_mut().zip(later).take(shape.versions) {
        *minute = first + later;
    }
    shape
}

/// Which story line `index` is a version of, and which version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The line of the story's first version.
    pub(crate) root: u64,
    /// 0 for the first.
    pub(crate) version: usize,
}

/// Every line of block `block`. A line not yet taken starts a story; its later versions take
/// free lines further on. A chain that runs out of block keeps the versions that fit, so a
/// collection cut short is the start of a longer one.
pub(crate) fn plan(seed: u64, block: u64) -> Vec<Slot> {
    let n = usize::try_from(BLOCK).unwrap_or(512);
    let base = block * BLOCK;
    let mut rng = Rng::with_seed(story_seed(seed ^ PLAN_SALT, block));
    let mut slots: Vec<Option<Slot>> = vec![None; n];
    for i in 0..n {
        if slots[i].is_some() {
            continue;
        }
        let root = base + i as u64;
        slots[i] = Some(Slot { root, version: 0 });
        let versions = shape(seed, root).versions;
        let mut at = i;
        for version in 1..versions {
            let want = (at + rng.usize(1..=GAP)).min(n);
            let free = |j: &usize| slots[*j].is_none();
            let Some(next) = (want..n).find(free).or_else(|| (at + 1..want).find(free)) else {
                break;
            };
            slots[next] = Some(Slot { root, version });
            at = next;
        }
    }
    slots
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            s.unwrap_or(Slot {
                root: base + i as u64,
                version: 0,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_their_first_in_the_block_in_order() {
        for block in 0..4 {
            let slots = plan(3, block);
            assert_eq!(slots.len(), 512);
            let mut next = std::collections::HashMap::new();
            for (i, s) in slots.iter().enumerate() {
                let line = block * BLOCK + i as u64;
                assert!(s.root <= line && s.root >= block * BLOCK);
                let expected = next.entry(s.root).or_insert(0);
                assert_eq!(s.version, *expected, "versions in order");
                *expected += 1;
                if s.version == 0 {
                    assert_eq!(s.root, line);
                }
            }
            for (root, versions) in next {
                assert!(versions <= shape(3, root).versions);
            }
        }
    }

    #[test]
    fn shapes() {
        let (mut chains, mut kills, mut corrections) = (0, 0, 0);
        for root in 0..20_000 {
            let s = shape(5, root);
            assert!((1..=MAX_VERSIONS).contains(&s.versions));
            assert!(s.minutes[..s.versions].windows(2).all(|w| w[0] < w[1]));
            assert!(s.minutes[s.versions - 1] < 24 * 60);
            let changes = &s.changes[..s.versions - 1];
            chains += usize::from(s.versions > 1);
            kills += usize::from(changes.contains(&Change::Kill));
            corrections += usize::from(changes.contains(&Change::Corrects));
            if let Some(k) = changes.iter().position(|c| *c == Change::Kill) {
                assert_eq!(k, changes.len() - 1, "a kill is the last word");
            }
            if s.versions > 1 {
                assert!(is_dated(5, root));
            }
        }
        assert!((1_800..2_200).contains(&chains), "{chains} chains");
        assert!((60..140).contains(&kills), "{kills} kills");
        assert!((300..800).contains(&corrections), "{corrections} corrected");
    }
}
