//! The stories that carry each name (place, agency, entity) of a catalogue: the catalogue's
//! story → names lists turned round, built once per catalogue by a search session. A term
//! short enough to be in many names is in few of the ~11 names a story carries, so walking
//! the stories of the names it is in costs a fraction of looking up every story's names.

use rayon::prelude::*;

use super::headline_words::HeadlineWords;
use super::scan::ABSENT;
use crate::catalog::{Catalog, Doc};

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct NameStories {
    /// The stories of name `i` are `stories[starts[i]..starts[i + 1]]`, ascending.
    starts: Vec<usize>,
    stories: Vec<Doc>,
    /// The catalogue this was built for: its lineage, its stories and their names.
    shape: (u64, usize, usize),
    /// The stories under each word of the headlines.
    headlines: HeadlineWords,
}

/// The fewest stories a task of [`NameStories::costs`] takes.
const MIN_PART: usize = 1 << 14;

impl NameStories {
    /// Built on the calling thread alone (a reader builds it beside typing, at a lower
    /// priority): two passes over the catalogue's story → names lists, then the stories of
    /// each headline word ([`HeadlineWords::build`]), which the first rows of a search need.
    pub(crate) fn build(catalog: &Catalog) -> NameStories {
        let n = catalog.len();
        let mut starts = vec![0usize; catalog.name_ends.len() + 1];
        for &id in &catalog.story_names {
            if let Some(count) = starts.get_mut(id as usize + 1) {
                *count += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut stories = vec![0; starts.last().copied().unwrap_or(0)];
        place(catalog, 0..n, &mut starts.clone(), &mut stories);
        NameStories {
            starts,
            stories,
            shape: shape(catalog),
            headlines: HeadlineWords::build(catalog),
        }
    }

    /// These for `catalog`, a catalogue grown from the one these were built for (its
    /// lineage, its first stories and names the same), without building them again: the
    /// names and headline words of the stories it grew by are added. `None` if it is not.
    pub(crate) fn grown(&self, catalog: &Catalog) -> Option<NameStories> {
        let (lineage, from, pairs) = self.shape;
        let names = self.starts.len().checked_sub(1)?;
        if catalog.lineage != lineage
            || catalog.len() < from
            || catalog.story_names.len() < pairs
            || catalog.name_ends.len() < names
        {
            return None;
        }
        // A grown catalogue's new stories carry only its new names (a tail's names table is
        // appended whole), so the lists of the names before stay as they are.
        let added = catalog.story_names.get(pairs..)?;
        if added.iter().any(|&id| (id as usize) < names) {
            return None;
        }
        let mut starts = self.starts.clone();
        starts.reserve(catalog.name_ends.len() - names);
        let mut counts = vec![0usize; catalog.name_ends.len() - names];
        for &id in added {
            if let Some(count) = counts.get_mut(id as usize - names) {
                *count += 1;
            }
        }
        for count in counts {
            starts.push(starts.last().copied().unwrap_or(0) + count);
        }
        let mut stories = Vec::with_capacity(self.stories.len() + added.len());
        stories.extend_from_slice(&self.stories);
        stories.resize(self.stories.len() + added.len(), 0);
        place(
            catalog,
            from..catalog.len(),
            &mut starts.clone(),
            &mut stories,
        );
        Some(NameStories {
            starts,
            stories,
            shape: shape(catalog),
            headlines: self.headlines.grown(catalog, from),
        })
    }

    /// Whether this was built for `catalog` (as far as its size tells).
    pub(crate) fn fits(&self, catalog: &Catalog) -> bool {
        self.shape == shape(catalog)
    }

    /// How many story–name pairs the names with a cost in `costs` have: the work
    /// [`NameStories::costs`] does.
    pub(crate) fn pairs(&self, costs: &[u8]) -> usize {
        costs
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c != ABSENT)
            .map(|(id, _)| self.of(id).len())
            .sum()
    }

    /// Each story's best cost among its names, given each name's cost ([`ABSENT`]: not in
    /// it).
    pub(crate) fn costs(&self, names: &[u8], n: usize) -> Vec<u8> {
        // One part of the stories per thread: every part looks up where each matching name's
        // stories enter it, so more parts cost more look-ups (with 8 parts of a million
        // stories, a third of the time for a term in many names, like "en").
        let part = n
            .div_ceil(rayon::current_num_threads().max(1))
            .max(MIN_PART);
        self.costs_in_parts(names, n, part)
    }

    /// [`NameStories::costs`], a task for each `part` stories (each task's costs stay in
    /// the core's cache as its names' stories are walked).
    fn costs_in_parts(&self, names: &[u8], n: usize, part: usize) -> Vec<u8> {
        let matching: Vec<(usize, u8)> = names
            .iter()
            .copied()
            .enumerate()
            .filter(|&(_, c)| c != ABSENT)
            .collect();
        let mut out = vec![ABSENT; n];
        out.par_chunks_mut(part.max(1))
            .enumerate()
            .for_each(|(index, out)| {
                let first = index * part;
                let end = first + out.len();
                for &(id, cost) in &matching {
                    let stories = self.of(id);
                    let from = stories.partition_point(|&d| (d as usize) < first);
                    let in_part = stories.get(from..).unwrap_or_default();
                    for &d in in_part.iter().take_while(|&&d| (d as usize) < end) {
                        if let Some(best) = out.get_mut(d as usize - first) {
                            *best = (*best).min(cost);
                        }
                    }
                }
            });
        out
    }

    /// The stories under each word of the headlines, built with these.
    pub(crate) fn headlines(&self) -> &HeadlineWords {
        &self.headlines
    }

    pub(crate) fn of(&self, id: usize) -> &[Doc] {
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&from), Some(&to)) => self.stories.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// Lays the stories `docs` out under their names: each in the slot `next[name]` says, which
/// then moves on.
fn place(catalog: &Catalog, docs: std::ops::Range<usize>, next: &mut [usize], stories: &mut [Doc]) {
    for d in docs {
        for &id in catalog.story_names(doc(d)) {
            if let Some(at) = next.get_mut(id as usize) {
                if let Some(slot) = stories.get_mut(*at) {
                    *slot = doc(d);
                }
                *at += 1;
            }
        }
    }
}

fn shape(catalog: &Catalog) -> (u64, usize, usize) {
    (catalog.lineage, catalog.len(), catalog.story_names.len())
}

fn doc(d: usize) -> Doc {
    Doc::try_from(d).unwrap_or(Doc::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::build::tests::story;

    #[test]
    fn names_grown_with_their_catalogue_are_those_built_for_it() {
        let first = vec![
            story("Port strike", Some("2025-01-02"), &["Ann Lee"]),
            story("Storm hits port", Some("2025-01-03"), &["Marta Ellery"]),
        ];
        let base = Catalog::from_articles(first.clone());
        let names = NameStories::build(&base);
        // New words before, between and after the old ones; old words and names again.
        let more = vec![
            story(
                "Aardvark port",
                Some("2025-01-04"),
                &["Ann Lee", "Ada Reyes"],
            ),
            story("Port reopens after storm", Some("2025-01-05"), &[]),
            story("Zebra crossing", None, &["Marta Ellery"]),
        ];
        let grown = base.grown_by(more.clone());
        let by_growing = names.grown(&grown).expect("grown from the same catalogue");
        assert_eq!(by_growing, NameStories::build(&grown));
        assert!(by_growing.fits(&grown));
        let again = grown.grown_by(vec![story("Port strike ends", None, &["Ann Lee"])]);
        assert_eq!(
            by_growing.grown(&again).unwrap(),
            NameStories::build(&again)
        );
        // The same stories opened anew may number their names otherwise: built, not grown.
        let opened = Catalog::from_articles([first, more].concat());
        assert!(names.grown(&opened).is_none());
        // Nor for a catalogue it was not grown to.
        assert!(by_growing.grown(&base).is_none());
    }

    #[test]
    fn each_story_gets_its_best_name() {
        let catalog = Catalog::from_articles(vec![
            story("One", Some("2025-01-01"), &["Ann Lee", "Marta Ellery"]),
            story("Two", Some("2025-01-02"), &["Marta Ellery"]),
            story("Three", Some("2025-01-03"), &[]),
        ]);
        let index = NameStories::build(&catalog);
        assert!(index.fits(&catalog));
        // Every name's stories, turned round again, are each story's names.
        for d in 0..catalog.len() {
            let d = doc(d);
            let mut names: Vec<u32> = (0..catalog.name_ends.len())
                .filter(|&id| index.of(id).contains(&d))
                .map(|id| u32::try_from(id).unwrap())
                .collect();
            let mut expected = catalog.story_names(d).to_vec();
            names.sort_unstable();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(names, expected);
        }
        // The costs walked from the names equal the costs looked up story by story.
        let names: Vec<u8> = (0..catalog.name_ends.len())
            .map(|id| [1, 3, ABSENT, 5][id % 4])
            .collect();
        let costs = index.costs(&names, catalog.len());
        for part in 1..=catalog.len() {
            assert_eq!(
                index.costs_in_parts(&names, catalog.len(), part),
                costs,
                "in parts of {part}"
            );
        }
        for (d, &cost) in costs.iter().enumerate() {
            let expected = catalog
                .story_names(doc(d))
                .iter()
                .map(|&id| names[id as usize])
                .min()
                .unwrap_or(ABSENT);
            assert_eq!(cost, expected);
        }
        let pairs: usize = catalog
            .story_names
            .iter()
            .filter(|&&id| names[id as usize] != ABSENT)
            .count();
        assert_eq!(index.pairs(&names), pairs);
    }
}
