//! The names browser's state: its filter text, the names it matches (best first) and the one
//! selected. Knows nothing of the rest of the reader; the state hands it the archive's names.

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::catalog::EntityRow;
use crate::search::names;

#[derive(Debug, Default)]
pub struct Browser {
    query: String,
    /// Indexes into the catalogue's entities, best match first.
    rows: Vec<usize>,
    /// The query `rows` were scored for.
    scored: String,
    selected: usize,
}

impl Browser {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The entity under the selection, as an index into the catalogue's entities.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// The first row shown when `height` rows fit: the selection stays on the last row.
    pub fn offset(&self, height: usize) -> usize {
        self.selected.saturating_sub(height.saturating_sub(1))
    }

    /// Starts over with an empty filter.
    pub fn reset(&mut self, entities: &[EntityRow], matcher: &SkimMatcherV2) {
        self.query.clear();
        self.refresh(entities, matcher);
    }

    pub fn insert(&mut self, text: &str, entities: &[EntityRow], matcher: &SkimMatcherV2) {
        self.query.push_str(text);
        self.refresh(entities, matcher);
    }

    pub fn erase(&mut self, entities: &[EntityRow], matcher: &SkimMatcherV2) {
        self.query.pop();
        self.refresh(entities, matcher);
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the row at `row` of the `height` rows shown; false when no name is there.
    pub fn click(&mut self, row: usize, height: usize) -> bool {
        let index = self.offset(height) + row;
        let hit = index < self.rows.len();
        if hit {
            self.selected = index;
        }
        hit
    }

    /// Filters the names by the query: fuzzily, best first, on all cores; a query that grows
    /// only re-scores the names the shorter one kept.
    fn refresh(&mut self, entities: &[EntityRow], matcher: &SkimMatcherV2) {
        use rayon::prelude::*;
        let query = self.query.trim().to_lowercase();
        if query.is_empty() {
            self.rows = (0..entities.len()).collect();
        } else {
            let candidates: Vec<usize> =
                if !self.scored.is_empty() && query.starts_with(self.scored.as_str()) {
                    std::mem::take(&mut self.rows)
                } else {
                    (0..entities.len()).collect()
                };
            // Best match first; among equals, the name in most stories (the table's order).
            let mut ranked: Vec<((u8, i64), usize)> = candidates
                .into_par_iter()
                .filter_map(|i| names::rank(matcher, &entities[i].name, &query).map(|r| (r, i)))
                .collect();
            ranked.sort_unstable();
            self.rows = ranked.into_iter().map(|(_, i)| i).collect();
        }
        self.scored = query;
        self.selected = 0;
    }
}
