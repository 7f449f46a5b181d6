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
