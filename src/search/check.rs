//! One query atom prepared for checking stories (`Check`), and its cost in every story of a
//! chunk at once: a letter from the story's masks, a substring from one vector pass over the
//! chunk's headlines plus the names each story carries, letters in order through the
//! headline, the filters story by story.

use fixedbitset::FixedBitSet;

use super::headline_words::{self, Shape};
use super::indexed::indexed_set;
use super::name_stories::NameStories;
use super::query::{Atom, Term};
use super::scan::{ABSENT, hay_cost, substring_costs};
use super::subsequence::in_order;
use crate::catalog::{Catalog, Doc, Masks, char_mask};

/// The cost of no match, in a chunk's costs (the same byte as a substring that is absent).
pub(super) const NONE: u8 = ABSENT;

/// The cost of letters scattered in order through the headline (fzf's fuzzy match).
const SCATTERED: u8 = 6;

/// One atom, prepared for checking story after story.
pub(super) enum Check {
    Fuzzy(Substring),
    Exact(Substring),
    /// A one-letter term, ranked from the story's letter masks alone.
    Letter(u64),
    Prefix(String),
    Suffix(String),
    /// Stories from an index (a negated or mixed name or word filter).
    Set(FixedBitSet),
    /// Which agencies (by catalogue index) match.
    Agencies(Vec<bool>),
    Since(i64),
    Until(i64),
    /// Urgencies from `.0` to `.1`; 0 (no urgency given) is never in it.
    Urgency(u8, u8),
    Not(Box<Check>),
}

/// Where a chunk's costs go: `first` is the chunk's first story; `alive` the places in it
/// still to check (stories every earlier group matched), ascending; `dense` whether enough
/// of them are alive that a pass over all the chunk's headlines pays.
pub(super) struct Chunk<'a> {
    pub(super) first: usize,
    pub(super) len: usize,
    pub(super) alive: &'a [u16],
    pub(super) dense: bool,
}

/// What checks are prepared for: the catalogue; the stories of each name, when a session
/// built them; and how many stories the search may check.
pub(super) struct Setting<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) names: Option<&'a NameStories>,
    pub(super) stories: usize,
}

impl Check {
    pub(super) fn new(setting: &Setting<'_>, atom: &Atom) -> Check {
        let catalog = setting.catalog;
        let one_letter = |s: &str| {
            let mut bytes = s.bytes();
            match (bytes.next(), bytes.next()) {
                (Some(b), None) if b.is_ascii_alphanumeric() => Some(char_mask(s)),
                _ => None,
            }
        };
        let check = match &atom.term {
            Term::Fuzzy(s) | Term::Exact(s) if one_letter(s).is_some() => {
                Check::Letter(one_letter(s).unwrap_or(0))
            }
            Term::Fuzzy(s) => Check::Fuzzy(Substring::new(setting, s)),
            Term::Exact(s) => Check::Exact(Substring::new(setting, s)),
            Term::Prefix(s) => Check::Prefix(s.clone()),
            Term::Suffix(s) => Check::Suffix(s.clone()),
            Term::Entity(..) | Term::Text(_) => Check::Set(indexed_set(catalog, &atom.term)),
            Term::Agency(a) => Check::Agencies(
                catalog
                    .agencies()
                    .iter()
                    .map(|name| !name.is_empty() && name.to_lowercase().contains(a.as_str()))
                    .collect(),
            ),
            Term::Since(t) => Check::Since(*t),
            Term::Until(t) => Check::Until(*t),
            Term::Urgency { min, max } => Check::Urgency((*min).max(1), *max),
        };
        if atom.negated {
            Check::Not(Box::new(check))
        } else {
            check
        }
    }

    /// Lowers `best[i]` to this check's cost in each alive story `i` of the chunk.
    pub(super) fn lower(&self, catalog: &Catalog, chunk: &Chunk<'_>, best: &mut [u8]) {
        match self {
            Check::Letter(bit) => {
                let masks = &catalog.masks[chunk.first..chunk.first + chunk.len];
                for &i in chunk.alive {
                    let i = usize::from(i);
                    best[i] = best[i].min(letter_cost(masks[i], *bit));
                }
            }
            Check::Fuzzy(s) | Check::Exact(s) if chunk.dense => {
                let fuzzy = matches!(self, Check::Fuzzy(_));
                let range = chunk.first..chunk.first + chunk.len;
                let mut costs = substring_costs(catalog.headline_hays(range), s.needle.as_bytes());
                s.lower_by_names(catalog, chunk, &mut costs);
                for &i in chunk.alive {
                    let i = usize::from(i);
                    let cost = match costs[i] {
                        NONE if fuzzy && s.in_order(catalog, doc(chunk.first + i)) => SCATTERED,
                        cost => cost,
                    };
                    best[i] = best[i].min(cost);
                }
            }
            _ => {
                for &i in chunk.alive {
                    let i = usize::from(i);
                    let cost = self.cost(catalog, doc(chunk.first + i)).unwrap_or(NONE);
                    best[i] = best[i].min(cost);
                }
            }
        }
    }

    /// `None`: no match; else the cost of the match (0 best), story by story.
    fn cost(&self, catalog: &Catalog, d: Doc) -> Option<u8> {
        let cost = match self {
            Check::Fuzzy(s) => s.cost(catalog, d, true),
            Check::Exact(s) => s.cost(catalog, d, false),
            Check::Letter(bit) => letter_cost(catalog.masks(d), *bit),
            Check::Prefix(s) => {
                return catalog.headline_hay(d).starts_with(s.as_str()).then_some(0);
            }
            Check::Suffix(s) => return catalog.headline_hay(d).ends_with(s.as_str()).then_some(0),
            Check::Set(set) => return set.contains(d as usize).then_some(0),
            Check::Agencies(ok) => {
                return ok
                    .get(catalog.agency_index(d))
                    .copied()
                    .unwrap_or(false)
                    .then_some(0);
            }
            // Stories order by published, else received; undated ones match no time.
            Check::Since(since) => return (catalog.seconds(d) >= *since).then_some(0),
            Check::Until(until) => {
                let t = catalog.seconds(d);
                return (t != i64::MIN && t < *until).then_some(0);
            }
            Check::Urgency(min, max) => {
                return (*min..=*max)
                    .contains(&catalog.urgency[d as usize])
                    .then_some(0);
            }
            Check::Not(inner) => return inner.cost(catalog, d).is_none().then_some(0),
        };
        (cost != NONE).then_some(cost)
    }
}

/// The cost of a term that is a whole word (of a headline; a name costs one more).
const WHOLE_WORD: u8 = 2;
/// The cost of a term that starts a word.
const WORD_START: u8 = 4;
/// The cost of letters scattered through the headline: a term inside a word costs less.
const IN_WORD: u8 = SCATTERED;

/// A bound on a check's cost: every story outside `except` costs at least `at_least` (or
/// does not match). What lets the first rows of a search be known before the rest.
pub(super) struct Floor {
    pub(super) at_least: u8,
    pub(super) except: Vec<Doc>,
}

impl Floor {
    const ZERO: Floor = Floor {
        at_least: 0,
        except: Vec::new(),
    };
}

impl Check {
    /// [`Check::cost`] if at most `limit` (`None`: more, or no match), not worked out
    /// further than the limit needs.
    pub(super) fn cost_within(&self, catalog: &Catalog, d: Doc, limit: u8) -> Option<u8> {
        match self {
            Check::Fuzzy(s) => s.cost_within(catalog, d, limit, true),
            Check::Exact(s) => s.cost_within(catalog, d, limit, false),
            _ => self.cost(catalog, d).filter(|&c| c <= limit),
        }
    }

    /// This check's [`Floor`], with at most `most` stories excepted (else no bound). The
    /// stories of each name and headline word (`stories`) tell which stories a term is in;
    /// what it costs them, for up to `known` stories, is kept for [`Check::cost_within`].
    pub(super) fn floor(
        &mut self,
        catalog: &Catalog,
        stories: Option<&NameStories>,
        known: usize,
        most: usize,
    ) -> Floor {
        match self {
            // A letter costs 2 at best: starting a word of the headline.
            Check::Letter(_) => Floor {
                at_least: 2,
                except: Vec::new(),
            },
            Check::Fuzzy(s) | Check::Exact(s) => s.floor(catalog, stories, known, most),
            _ => Floor::ZERO,
        }
    }
}

/// A one-letter term's cost: starting a word of the headline, a word elsewhere, in the
/// headline, elsewhere.
fn letter_cost(m: Masks, bit: u64) -> u8 {
    // Without branches: which of these a story has is anyone's guess, story after story. A
    // letter starting a word of the headline is in the headline and starts a word.
    let has = |set: u64| u8::from(set & bit != 0);
    let cost = 5 - has(m.head)
        .max(2 * has(m.starts))
        .max(3 * has(m.head_starts));
    if m.any & bit == 0 { NONE } else { cost }
}

/// A term matched as a substring of the headline and names.
pub(super) struct Substring {
    needle: String,
    /// Finds it in one story's headline.
    finder: memchr::memmem::Finder<'static>,
    /// The letters it has (a story without one of them cannot match).
    mask: u64,
    /// Its cost in each name of the catalogue: names recur from story to story, so each is
    /// checked once per query. `None` when it is in no name.
    names: Option<Vec<u8>>,
    /// The lowest of those costs: a story whose headline costs no more needs no look at its
    /// names.
    names_best: u8,
    /// Each story's best cost among its names, walked from the names the term is in, when
    /// that is less work than looking up the names of every story to be checked.
    by_story: Option<Vec<u8>>,
    /// What the floor found out about the stories under it, once it is set.
    near: Option<Near>,
}

/// What a [`Floor`] found out about the stories that may cost less than it: enough for
/// [`Substring::cost_within`] to leave most stories' names, and many headlines, unread.
struct Near {
    floor: u8,
    /// Each story's best cost among the names costing less than the floor ([`ABSENT`]:
    /// none); empty when the term is in no name.
    names: Vec<u8>,
    /// Each story's headline cost when less than the floor ([`ABSENT`]: not).
    headlines: Vec<u8>,
}

impl Substring {
    fn new(setting: &Setting<'_>, needle: &str) -> Substring {
        let catalog = setting.catalog;
        let names = Some(substring_costs(catalog.name_hays(), needle.as_bytes()))
            .filter(|costs| costs.iter().any(|&c| c != ABSENT));
        let per_story = catalog.story_names.len() / catalog.len().max(1);
        let by_story = match (&names, setting.names) {
            (Some(costs), Some(index))
                if index.fits(catalog)
                    && index.pairs(costs) < setting.stories.saturating_mul(per_story) =>
            {
                Some(index.costs(costs, catalog.len()))
            }
            _ => None,
        };
        Substring {
            needle: needle.to_string(),
            finder: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            mask: char_mask(needle),
            names_best: names
                .as_ref()
                .and_then(|costs| costs.iter().copied().min())
                .unwrap_or(ABSENT),
            names,
            by_story,
            near: None,
        }
    }

    /// The story's cost ([`NONE`] for no match), story by story: its best in the headline
    /// and names; else, when `fuzzy`, the letters scattered in order through the headline.
    fn cost(&self, catalog: &Catalog, d: Doc, fuzzy: bool) -> u8 {
        if catalog.masks(d).any & self.mask != self.mask {
            return NONE;
        }
        let headline = self.headline_cost(catalog, d);
        let cost = match &self.by_story {
            Some(by_story) => headline.min(by_story.get(d as usize).copied().unwrap_or(NONE)),
            None => self.in_names(catalog, d, headline),
        };
        if cost == NONE && fuzzy && self.scattered(catalog, d) {
            return SCATTERED;
        }
        cost
    }

    /// Below 6 a term is inside a word, below 4 it starts one, and below 2 it is a whole
    /// word: of the headline (even costs), whose words `stories` lists, or of a name (odd
    /// costs), whose stories `stories` gives. What the stories under the highest of these
    /// that `known` allows cost is kept (for [`Substring::cost_within`]); the floor is the
    /// highest whose stories are at most `most`. A term with other characters than a word's
    /// has no bound.
    fn floor(
        &mut self,
        catalog: &Catalog,
        stories: Option<&NameStories>,
        known: usize,
        most: usize,
    ) -> Floor {
        let Some(stories) = stories.filter(|s| s.fits(catalog)) else {
            return Floor::ZERO;
        };
        if !headline_words::is_word(self.needle.as_bytes()) {
            return Floor::ZERO;
        }
        let levels = [
            (IN_WORD, Shape::Inside),
            (WORD_START, Shape::Start),
            (WHOLE_WORD, Shape::Whole),
        ];
        let Some((below, lists)) = levels
            .into_iter()
            .find_map(|(below, shape)| Some((below, self.lists(stories, shape, below, known)?)))
        else {
            return Floor::ZERO;
        };
        let mut headlines = vec![ABSENT; catalog.len()];
        let mut names = if self.names.is_some() {
            vec![ABSENT; catalog.len()]
        } else {
            Vec::new()
        };
        for &(cost, docs) in &lists {
            // Names cost odd amounts, headlines even.
            let costs = if cost % 2 == 1 {
                &mut names
            } else {
                &mut headlines
            };
            for &d in docs {
                if let Some(best) = costs.get_mut(d as usize) {
                    *best = (*best).min(cost);
                }
            }
        }
        // The highest floor whose stories are few enough to check.
        let floor = levels
            .into_iter()
            .map(|(at_least, _)| at_least)
            .find(|&at_least| {
                let count: usize = lists
                    .iter()
                    .filter(|(cost, _)| *cost < at_least)
                    .map(|(_, docs)| docs.len())
                    .sum();
                at_least <= below && count <= most
            });
        let except = floor.map_or_else(Vec::new, |at_least| {
            lists
                .iter()
                .filter(|(cost, _)| *cost < at_least)
                .flat_map(|(_, docs)| docs.iter().copied())
                .collect()
        });
        self.near = Some(Near {
            floor: below,
            names,
            headlines,
        });
        floor.map_or(Floor::ZERO, |at_least| Floor { at_least, except })
    }

    /// The stories of each headline word and name the term lies in as `shape` says, with
    /// what it costs there (all below `below`), if they are at most `most` in all.
    fn lists<'a>(
        &self,
        stories: &'a NameStories,
        shape: Shape,
        below: u8,
        most: usize,
    ) -> Option<Vec<(u8, &'a [Doc])>> {
        let mut lists = stories
            .headlines()
            .lists(self.needle.as_bytes(), shape, most)?;
        let mut count: usize = lists.iter().map(|(_, docs)| docs.len()).sum();
        if let Some(costs) = &self.names {
            for (id, &cost) in costs.iter().enumerate().filter(|&(_, &c)| c < below) {
                let of = stories.of(id);
                count += of.len();
                if count > most {
                    return None;
                }
                lists.push((cost, of));
            }
        }
        Some(lists)
    }

    /// [`Substring::cost`] if at most `limit`, else `None`; what cannot bring it within the
    /// limit is not looked at (scattered letters, names).
    fn cost_within(&self, catalog: &Catalog, d: Doc, limit: u8, fuzzy: bool) -> Option<u8> {
        let near = self.near.as_ref();
        if let Some(near) = near {
            let at = |costs: &[u8]| costs.get(d as usize).copied().unwrap_or(ABSENT);
            let known = at(&near.headlines).min(at(&near.names));
            // Under the floor, the floor knows the story's cost.
            if limit < near.floor {
                return (known <= limit).then_some(known);
            }
            // A floor of 6 lists every headline and name the term is in: only letters
            // scattered through the headline are left.
            if near.floor == IN_WORD {
                if known != ABSENT {
                    return Some(known);
                }
                return (fuzzy && self.scattered(catalog, d)).then_some(SCATTERED);
            }
        }
        if catalog.masks(d).any & self.mask != self.mask {
            return None;
        }
        let mut cost = self.headline_cost(catalog, d);
        match near {
            // Names cost odd amounts, floors even: every name costing up to the limit is in
            // `near` (none, when the term is in no name).
            Some(near) if limit <= near.floor => {
                cost = cost.min(near.names.get(d as usize).copied().unwrap_or(ABSENT));
            }
            _ if self.names_best < cost && self.names_best <= limit => {
                cost = self.in_names(catalog, d, cost);
            }
            _ => {}
        }
        if cost == NONE && fuzzy && limit >= SCATTERED && self.scattered(catalog, d) {
            cost = SCATTERED;
        }
        (cost <= limit).then_some(cost)
    }

    /// The cost of the term in the story's headline alone.
    fn headline_cost(&self, catalog: &Catalog, d: Doc) -> u8 {
        let (all, span) = catalog.headline_span(d);
        hay_cost(all.get(span).unwrap_or_default(), &self.finder, false)
    }

    /// Lowers each alive story's headline cost in `costs` to its best among its names.
    fn lower_by_names(&self, catalog: &Catalog, chunk: &Chunk<'_>, costs: &mut [u8]) {
        if let Some(by_story) = &self.by_story {
            let names = by_story.get(chunk.first..chunk.first + chunk.len);
            for (cost, &name) in costs.iter_mut().zip(names.unwrap_or_default()) {
                *cost = (*cost).min(name);
            }
        } else if self.names.is_some() {
            for &i in chunk.alive {
                let i = usize::from(i);
                costs[i] = self.in_names(catalog, doc(chunk.first + i), costs[i]);
            }
        }
    }

    /// `headline`, or the story's best cost among its names if lower, name by name.
    fn in_names(&self, catalog: &Catalog, d: Doc, headline: u8) -> u8 {
        let mut cost = headline;
        if let Some(names) = self.names.as_ref().filter(|_| headline > self.names_best) {
            for &id in catalog.story_names(d) {
                let c = names.get(id as usize).copied().unwrap_or(ABSENT);
                if c < cost {
                    cost = c;
                    if c == self.names_best {
                        break;
                    }
                }
            }
        }
        cost
    }

    /// Whether the term's characters occur in order through the headline ("line" fzf
    /// matches: names, place and agency match only as substrings).
    fn scattered(&self, catalog: &Catalog, d: Doc) -> bool {
        catalog.masks(d).head & self.mask == self.mask && self.in_order(catalog, d)
    }

    /// The same without looking at the story's letters first: in a chunk whose headlines
    /// were just read, reading them again costs less than the story's letter masks.
    fn in_order(&self, catalog: &Catalog, d: Doc) -> bool {
        let (all, span) = catalog.headline_span(d);
        in_order(self.needle.as_bytes(), all, span)
    }
}

fn doc(d: usize) -> Doc {
    Doc::try_from(d).unwrap_or(Doc::MAX)
}
