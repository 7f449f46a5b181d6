//! Merging one story's candidates into entities: gazetteer aliases, acronyms defined inline,
//! surnames and family names to full names, one kind per surface; and what the merged
//! entities answer the speaker resolver (descriptors, gender, who a word refers to).

use foldhash::fast::RandomState;
use foldhash::{HashMap, HashSet};

use super::candidate::{Candidate, Found, HEADLINE, Mention};
use crate::article::{Entity, EntityKind};
use crate::extract::gazetteer::GAZETTEER;
use crate::extract::names;

/// Every kind, in the order of their discriminants (`kind as usize` indexes it).
const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
];

/// Merges candidates into entities: gazetteer aliases, acronyms defined inline, surnames and
/// family names to full names; the same surface keeps one kind per story.
pub(super) fn merge(mut candidates: Vec<Candidate>) -> Found {
    candidates.retain(|c| c.kind.is_some());
    // One sense per story: every mention of a surface takes the kind its best-evidenced
    // mentions have (a team once is a team throughout; a headline guess yields to the body).
    // Each surface lower-cased once, for the votes and the keys below.
    let lower: Vec<String> = candidates
        .iter()
        .map(|c| c.surface.to_lowercase())
        .collect();
    // Each surface's votes, by kind: strong mentions and all mentions (none: not voted for).
    let mut votes: HashMap<&str, [(usize, usize); KINDS.len()]> =
        HashMap::with_capacity_and_hasher(candidates.len(), RandomState::default());
    for (c, lower) in candidates.iter().zip(&lower) {
        if let Some(kind) = c.kind {
            let v = &mut votes.entry(lower.as_str()).or_default()[kind as usize];
            v.0 += usize::from(c.strong);
            v.1 += 1;
        }
    }
    for (c, lower) in candidates.iter_mut().zip(&lower) {
        if let Some(v) = votes.get(lower.as_str()) {
            c.kind = KINDS
                .into_iter()
                .zip(v)
                .filter(|(_, score)| score.1 > 0)
                .max_by_key(|(k, score)| (**score, std::cmp::Reverse(*k)))
                .map(|(k, _)| k);
        }
    }
    let mut found = Found::default();
    // Whether a person's name with a generation (`Jr.`) is among the entities yet.
    let mut any_generation = false;
    let mut by_key: HashMap<(EntityKind, String), usize> =
        HashMap::with_capacity_and_hasher(candidates.len(), RandomState::default());
    // Full names first, so surnames can join them.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(candidates[i].words));
    let mut assigned = vec![usize::MAX; candidates.len()];
    // Where each entity's full (multi-word) mentions stand, for surnames shared by several
    // people (Hillary, Bill and Chelsea Clinton): "Clinton" is the one named last before it.
    let mut full_at: Vec<Vec<(usize, usize)>> = Vec::new();
    let position = |c: &Candidate| {
        if c.paragraph == HEADLINE {
            (0, 0)
        } else {
            (c.paragraph + 1, c.start)
        }
    };
    for &ci in &order {
        let c = &candidates[ci];
        let Some(mut kind) = c.kind else { continue };
        let name = c.canonical.clone().unwrap_or_else(|| c.surface.clone());
        let mut key = (
            kind,
            match &c.canonical {
                Some(canonical) => canonical.to_lowercase(),
                None => lower[ci].clone(),
            },
        );
        if !by_key.contains_key(&key) && c.words == 1 {
            // A surname or family name of someone already named, whatever it was taken for.
            let here = position(c);
            let person = found
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.kind == EntityKind::Person && names::is_part_of(&c.surface, &e.name)
                })
                .map(|(i, _)| {
                    let before = full_at[i].iter().filter(|p| **p <= here).max().copied();
                    let first = full_at[i].iter().min().copied().unwrap_or((usize::MAX, 0));
                    (i, before, first)
                })
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.2.cmp(&a.2)))
                .map(|(i, _, _)| i);
            // A country, or a place the text locates, keeps its sense ("in Jordan").
            let may_be_person = kind != EntityKind::Place || (c.local_place && !c.locative);
            if let Some(e) = person.filter(|_| may_be_person) {
                kind = EntityKind::Person;
                key = (kind, found.entities[e].name.to_lowercase());
            } else if let Some(e) = found
                .entities
                .iter()
                .position(|e| e.mentions.iter().any(|m| m == &c.surface))
            {
                key = (
                    found.entities[e].kind,
                    found.entities[e].name.to_lowercase(),
                );
            }
        }
        if any_generation && kind == EntityKind::Person && c.words > 1 && !by_key.contains_key(&key)
        {
            // `Martin Luther King` after `Martin Luther King Jr.`: one person, the son, when
            // the story names only one generation. A father (`Cassius Clay Sr.`) shares his
            // name with the son written without it.
            let mut sons = found.entities.iter().filter(|e| {
                e.kind == EntityKind::Person
                    && e.name.len() > name.len()
                    && names::without_generation(&e.name).eq_ignore_ascii_case(&name)
            });
            if let (Some(e), None) = (sons.next(), sons.next())
                && !names::is_father(&e.name)
            {
                key = (kind, e.name.to_lowercase());
            }
        }
        if c.guess && !by_key.contains_key(&key) {
            // A person with no evidence who is nobody the story names: not a name.
            continue;
        }
        any_generation |= kind == EntityKind::Person && names::split_generation(&name).is_some();
        let index = *by_key.entry(key).or_insert_with(|| {
            found.entities.push(Entity {
                name: name.clone(),
                kind,
                mentions: Vec::new(),
                count: 0,
                canonical: None,
            });
            found.descriptors.push(HashSet::default());
            full_at.push(Vec::new());
            found.entities.len() - 1
        });
        if c.words > 1 {
            full_at[index].push(position(c));
        }
        assigned[ci] = index;
        let entity = &mut found.entities[index];
        entity.count += 1;
        // Named as the text writes it, not as a dateline or subhead shouts it (`NANTES` …
        // `Nantes`).
        if !entity.name.chars().any(char::is_lowercase)
            && c.surface.chars().any(char::is_lowercase)
            && entity.name.to_lowercase() == c.surface.to_lowercase()
        {
            entity.name.clone_from(&c.surface);
        }
        if !entity.mentions.contains(&c.surface) {
            entity.mentions.push(c.surface.clone());
        }
        found.descriptors[index].extend(c.descriptors.iter().cloned());
    }
    // Acronyms defined inline: "International Atomic Energy Agency (IAEA)" … "IAEA".
    link_acronyms(&mut found, &candidates, &mut assigned);
    for (ci, c) in candidates.iter().enumerate() {
        if assigned[ci] != usize::MAX && c.paragraph != HEADLINE {
            found.mentions.push(Mention {
                paragraph: c.paragraph,
                start: c.start,
                end: c.end,
                entity: assigned[ci],
            });
        }
    }
    found.mentions.sort_by_key(|m| (m.paragraph, m.start));
    found.compact()
}

fn link_acronyms(found: &mut Found, candidates: &[Candidate], assigned: &mut [usize]) {
    for k in 1..candidates.len() {
        let (long, short) = (&candidates[k - 1], &candidates[k]);
        let adjacent = long.paragraph == short.paragraph
            && short.start > long.end
            && short.start - long.end <= 3;
        let is_acronym = adjacent
            && short.words == 1
            && long.words >= 2
            && short.surface.chars().all(|c| c.is_uppercase() || c == '.');
        let initial = short.surface.chars().next().unwrap_or(' ');
        if !is_acronym || !long.surface.starts_with(initial) {
            continue;
        }
        let (target, from) = (assigned[k - 1], assigned[k]);
        if target == from || target == usize::MAX || from == usize::MAX {
            continue;
        }
        // Every mention of the acronym's entity joins the long name's.
        let moved = std::mem::take(&mut found.entities[from].mentions);
        let count = std::mem::take(&mut found.entities[from].count);
        let entity = &mut found.entities[target];
        entity.count += count;
        for m in moved {
            if !entity.mentions.contains(&m) {
                entity.mentions.push(m);
            }
        }
        for a in assigned.iter_mut() {
            if *a == from {
                *a = target;
            }
        }
    }
}

impl Found {
    /// Drops entities emptied by merging and renumbers mentions.
    fn compact(mut self) -> Found {
        let mut remap = vec![usize::MAX; self.entities.len()];
        let mut entities = Vec::new();
        let mut descriptors = Vec::new();
        for (i, (e, d)) in self.entities.into_iter().zip(self.descriptors).enumerate() {
            if e.count > 0 {
                remap[i] = entities.len();
                entities.push(e);
                descriptors.push(d);
            }
        }
        for m in &mut self.mentions {
            m.entity = remap[m.entity];
        }
        self.mentions.retain(|m| m.entity != usize::MAX);
        // The fullest form names a person: the longest mention.
        for e in &mut entities {
            if e.kind == EntityKind::Person
                && let Some(longest) = e
                    .mentions
                    .iter()
                    .max_by_key(|m| (m.split_whitespace().count(), m.len()))
            {
                e.name = longest.clone();
            } else if let name = e.name.to_lowercase()
                && !e.mentions.iter().any(|m| m.to_lowercase() == name)
                && let Some(longest) = e.mentions.iter().rev().max_by_key(|m| {
                    let capitals = !m.chars().any(char::is_lowercase);
                    (m.split_whitespace().count(), !capitals, m.chars().count())
                })
            {
                // Never renamed: shown as the story writes it, the gazetteer's name kept as
                // the key search finds it by.
                let written = longest.clone();
                e.canonical = Some(std::mem::replace(&mut e.name, written));
            }
        }
        Found {
            entities,
            mentions: self.mentions,
            descriptors,
        }
    }

    /// Whether a person is a woman (`Some(true)`), a man, or unknown: from a given name the
    /// census lists mostly as one gender, else from gendered titles seen with the name.
    pub fn is_female(&self, name: &str) -> Option<bool> {
        const FEMALE: &[&str] = &[
            "mrs",
            "ms",
            "miss",
            "madam",
            "madame",
            "queen",
            "princess",
            "duchess",
            "lady",
            "dame",
            "spokeswoman",
            "chairwoman",
            "congresswoman",
            "businesswoman",
            "actress",
            "sister",
            "mother",
            "wife",
            "daughter",
            "grandmother",
        ];
        const MALE: &[&str] = &[
            "mr",
            "king",
            "prince",
            "duke",
            "lord",
            "sir",
            "spokesman",
            "chairman",
            "congressman",
            "businessman",
            "actor",
            "brother",
            "father",
            "husband",
            "son",
            "grandfather",
        ];
        let i = self
            .entities
            .iter()
            .position(|e| e.name == name && e.kind == EntityKind::Person)?;
        let g = &*GAZETTEER;
        let first = self.entities[i]
            .name
            .split_whitespace()
            .next()
            .unwrap_or("");
        // `Kim` of Kim Jong-un is a family name: a word that is also a surname says nothing.
        if let Some(f) = g
            .female_names
            .get(first)
            .filter(|_| !g.surnames.contains(first))
        {
            return Some(*f);
        }
        let d = &self.descriptors[i];
        if d.iter().any(|w| FEMALE.contains(&w.as_str())) {
            Some(true)
        } else if d.iter().any(|w| MALE.contains(&w.as_str())) {
            Some(false)
        } else {
            None
        }
    }

    /// The entity a surface form names (`Putin`, `Sen. Bernie Sanders`) → its name.
    pub fn canonical(&self, surface: &str) -> Option<String> {
        let bare = names::strip_titles(surface);
        let exact = self.entities.iter().find(|e| {
            e.mentions.iter().any(|m| m.eq_ignore_ascii_case(&bare))
                || e.name.eq_ignore_ascii_case(&bare)
        });
        if let Some(e) = exact {
            return Some(e.name.clone());
        }
        // A descriptor the title list does not know (`HPA-Chef Tobias Lindner`,
        // `Landesgeschäftsführerin Miriam Kaufmann`): the longest tail that names a person.
        let words: Vec<&str> = bare.split_whitespace().collect();
        for k in 1..words.len().saturating_sub(1) {
            let tail = words[k..].join(" ");
            let person = self.entities.iter().find(|e| {
                e.kind == EntityKind::Person
                    && (e.name.eq_ignore_ascii_case(&tail)
                        || e.mentions.iter().any(|m| m.eq_ignore_ascii_case(&tail)))
            });
            if let Some(e) = person {
                return Some(e.name.clone());
            }
        }
        if !bare.contains(' ') {
            return self
                .entities
                .iter()
                .find(|e| e.kind == EntityKind::Person && names::is_part_of(&bare, &e.name))
                .map(|e| e.name.clone());
        }
        None
    }

    /// The person a description fits (`the Russian president`, `the North Korean leader`),
    /// by the titles and demonyms seen around their name; the latest mentioned wins ties.
    pub fn person_described(
        &self,
        words: &[String],
        paragraph: usize,
        at: usize,
    ) -> Option<String> {
        const GENERIC: &[&str] = &["leader", "official", "politician", "head", "chief"];
        let head = words.last()?;
        let g = &*GAZETTEER;
        let mut best: Option<(usize, (usize, usize), usize)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            let d = &self.descriptors[i];
            let political = d.iter().any(|w| g.political_titles.contains(w));
            let head_fits = d.contains(head) || (GENERIC.contains(&head.as_str()) && political);
            if !head_fits {
                continue;
            }
            let score =
                words.iter().filter(|w| d.contains(*w)).count() + usize::from(d.contains(head));
            let last_seen = self
                .mentions
                .iter()
                .filter(|m| m.entity == i && (m.paragraph, m.start) < (paragraph, at))
                .map(|m| (m.paragraph, m.start))
                .max();
            let Some(last_seen) = last_seen else { continue };
            if best.is_none_or(|(s, seen, _)| (score, last_seen) > (s, seen)) {
                best = Some((score, last_seen, i));
            }
        }
        best.map(|(_, _, i)| self.entities[i].name.clone())
    }

    /// An organisation named inside a phrase (`a Kremlin statement`, `a spokesman for the
    /// Foreign Ministry`).
    pub fn organisation_named_in(&self, phrase: &str) -> Option<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .find(|e| e.mentions.iter().any(|m| contains_word(phrase, m)))
            .map(|e| e.name.clone())
    }

    /// An organisation whose name ends in `head` (`ministry` → `Foreign Ministry`).
    pub fn organisation_with_head(&self, head: &str) -> Option<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .find(|e| {
                e.name
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(head))
            })
            .map(|e| e.name.clone())
    }
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_stands_at_its_discriminant() {
        for kind in KINDS {
            assert_eq!(KINDS[kind as usize], kind);
        }
    }
}
