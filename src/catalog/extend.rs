//! Growing a catalogue that readers share: the next catalogue, holding its stories and those
//! of a committed tail, is built beside it, and the reader goes on with the old one until it
//! takes the new (what the open reader's follower does at each commit, rather than opening
//! the whole archive again).

use super::chains::{Chains, VersionColumns};
use super::{Catalog, PostingsSource};

impl Catalog {
    /// This catalogue with `tail`'s stories after its own (`tail` numbered on from this one's
    /// length, as `Builder::numbered_from` does), leaving this one as it is. A tail's posting
    /// lists held in memory join those an earlier tail left in memory, so a catalogue grown
    /// commit after commit keeps one dictionary of its own, not one a commit.
    pub(crate) fn extended(&self, mut tail: Catalog) -> Catalog {
        let joined = match (self.extra.last(), &tail.postings) {
            (Some((last, PostingsSource::Memory)), PostingsSource::Memory)
                if tail.extra.is_empty() =>
            {
                last.followed_by(&tail.dict)
            }
            _ => None,
        };
        let kept = self.extra.len() - usize::from(joined.is_some());
        if let Some(dict) = joined {
            tail.dict = dict;
        }
        let mut next = self.with_room(&tail, kept);
        next.append(tail);
        next.link_versions();
        next
    }

    /// A copy of this catalogue with room for `tail`'s columns, keeping the first `extra` of
    /// its segments' dictionaries; its chains and order are left to `link_versions`.
    fn with_room(&self, tail: &Catalog, extra: usize) -> Catalog {
        Catalog {
            text: text_with_room(&self.text, tail.text.len()),
            field_ends: with_room(&self.field_ends, tail.field_ends.len()),
            hay: text_with_room(&self.hay, tail.hay.len()),
            hay_ends: with_room(&self.hay_ends, tail.hay_ends.len()),
            names: text_with_room(&self.names, tail.names.len()),
            name_ends: with_room(&self.name_ends, tail.name_ends.len()),
            story_names: with_room(&self.story_names, tail.story_names.len()),
            story_name_ends: with_room(&self.story_name_ends, tail.story_name_ends.len()),
            masks: with_room(&self.masks, tail.masks.len()),
            urgency: with_room(&self.urgency, tail.urgency.len()),
            agency_of: with_room(&self.agency_of, tail.agency_of.len()),
            agencies: self.agencies.clone(),
            line_starts: with_room(&self.line_starts, tail.line_starts.len()),
            line_lens: with_room(&self.line_lens, tail.line_lens.len()),
            versions: self.versions.with_room(&tail.versions),
            chains: Chains::default(),
            order: Vec::new(),
            rank: Vec::new(),
            entities: self.entities.clone(),
            dict: self.dict.clone(),
            postings: self.postings.clone(),
            extra: self.extra.iter().take(extra).cloned().collect(),
            bodies: self.bodies.clone(),
            damaged: self.damaged.clone(),
            lines: self.lines,
            first_doc: self.first_doc,
            lineage: self.lineage,
        }
    }
}

impl VersionColumns {
    /// A copy with room for `more`'s columns after its own.
    fn with_room(&self, more: &VersionColumns) -> VersionColumns {
        VersionColumns {
            times: with_room(&self.times, more.times.len()),
            time_kinds: with_room(&self.time_kinds, more.time_kinds.len()),
            numbers: with_room(&self.numbers, more.numbers.len()),
            statuses: with_room(&self.statuses, more.statuses.len()),
            embargoes: with_room(&self.embargoes, more.embargoes.len()),
            identities: with_room(&self.identities, more.identities.len()),
            source_ids: with_room(&self.source_ids, more.source_ids.len()),
            previous: with_room(&self.previous, more.previous.len()),
            previous_ends: with_room(&self.previous_ends, more.previous_ends.len()),
        }
    }
}

/// A copy of `items` with room for `more` after them: the copy a grown column needs anyway,
/// without a second when it grows.
fn with_room<T: Clone>(items: &[T], more: usize) -> Vec<T> {
    let mut copy = Vec::with_capacity(items.len() + more);
    copy.extend_from_slice(items);
    copy
}

fn text_with_room(text: &str, more: usize) -> String {
    let mut copy = String::with_capacity(text.len() + more);
    copy.push_str(text);
    copy
}

#[cfg(test)]
impl Catalog {
    /// This catalogue (of articles held in memory) grown by `articles`, as the follower grows
    /// one by a commit.
    pub(crate) fn grown_by(&self, articles: Vec<crate::article::Article>) -> Catalog {
        use super::Bodies;
        use super::build::{Builder, LineRef, Prepared};
        let mut builder = Builder::numbered_from(self.len(), self.lines);
        let lines = usize::try_from(self.lines).unwrap_or(usize::MAX);
        for (i, article) in articles.iter().enumerate() {
            builder.add(
                lines + i + 1,
                Ok(Prepared::new(article, LineRef::default())),
            );
        }
        let mut grown = self.extended(builder.finish(Bodies::Memory(Vec::new())));
        if let Bodies::Memory(held) = &mut grown.bodies {
            held.extend(articles);
        }
        grown
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::catalog::build::tests::story;

    #[test]
    fn a_grown_catalogue_lists_and_finds_as_one_built_whole() {
        let first = vec![
            story("Port strike", Some("2025-01-02"), &["Ann Lee"]),
            story("Storm hits port", Some("2025-01-03"), &["Marta Ellery"]),
        ];
        let more = vec![
            story(
                "Port reopens",
                Some("2025-01-04"),
                &["Ann Lee", "Ada Reyes"],
            ),
            story("Old harbour news", Some("2024-12-30"), &[]),
        ];
        let base = Catalog::from_articles(first.clone());
        let grown = base.grown_by(more.clone());
        let whole = Catalog::from_articles([first, more].concat());
        let rows = |c: &Catalog| -> Vec<String> {
            c.newest_first()
                .iter()
                .map(|&d| format!("{d} {}", c.headline(d)))
                .collect()
        };
        assert_eq!(rows(&grown), rows(&whole));
        assert_eq!(grown.lookup(b"wport"), whole.lookup(b"wport"));
        assert_eq!(grown.article(3).unwrap(), whole.article(3).unwrap());
        // What was built for the first stories holds for the grown catalogue's, not the other's.
        assert_eq!(grown.lineage, base.lineage);
        assert_ne!(whole.lineage, base.lineage);
    }
}
