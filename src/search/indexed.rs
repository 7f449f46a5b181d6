//! Stories straight from the catalogue's indexes: `person:`, `place:`, `org:` names and
//! `text:` words, as sets a search starts from or checks stories against.

use fixedbitset::FixedBitSet;

use super::query::Term;
use crate::catalog::Catalog;
use crate::catalog::terms::{self, WORD};

pub(super) fn indexed(term: &Term) -> bool {
    matches!(term, Term::Entity(..) | Term::Text(_))
}

/// The stories an index term holds: every word of `text:` (AND), the name of `person:` etc.
pub(super) fn indexed_set(catalog: &Catalog, term: &Term) -> FixedBitSet {
    let n = catalog.len();
    let mut set = FixedBitSet::with_capacity(n);
    match term {
        Term::Entity(kind, name) => {
            let mut key = vec![terms::kind_tag(*kind)];
            key.extend_from_slice(terms::name_key(name).as_bytes());
            set.extend(catalog.lookup(&key).into_iter().map(|d| d as usize));
        }
        Term::Text(text) => {
            set.insert_range(..);
            let mut any = false;
            for word in text.split_whitespace() {
                let (stem, prefix) = match word.strip_suffix('*') {
                    Some(stem) => (stem, true),
                    None => (word, false),
                };
                for w in terms::words(stem) {
                    any = true;
                    let mut key = vec![WORD];
                    key.extend_from_slice(w.as_bytes());
                    let mut docs = FixedBitSet::with_capacity(n);
                    if prefix {
                        docs.extend(
                            catalog
                                .lookup_prefixed(&key)
                                .into_iter()
                                .map(|d| d as usize),
                        );
                    } else {
                        docs.extend(catalog.lookup(&key).into_iter().map(|d| d as usize));
                    }
                    set.intersect_with(&docs);
                }
            }
            if !any {
                set.clear();
            }
        }
        _ => {}
    }
    set
}
