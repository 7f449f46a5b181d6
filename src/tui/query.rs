//! What the reader searches for: the filters a user added by choosing a name, and the request
//! the state hands the search worker (its generation tells fresh results from stale ones).

use crate::article::EntityKind;
use crate::search::Sort;

/// A filter the user added by choosing an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub kind: EntityKind,
    pub name: String,
}

impl Filter {
    /// The query term it stands for (`person:"Kim Jong-un"`).
    pub fn term(&self) -> String {
        let field = match self.kind {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "org",
        };
        format!("{field}:\"{}\"", self.name)
    }
}

/// A search for the runtime to run: `generation` tells stale results from fresh ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    /// The query text: the filters, then what was typed (so typing only ever appends).
    pub text: String,
    /// The order the stories are listed in.
    pub sort: Sort,
    /// How many rows the list shows: when they can be found well before the rest, they are
    /// sent first (as `Input::FirstRows`).
    pub first: usize,
}

#[cfg(test)]
mod tests {
    use crate::tui::query::*;

    #[test]
    fn filters_quote_their_names() {
        let filter = Filter {
            kind: EntityKind::Organization,
            name: "Bank of Korea".into(),
        };
        assert_eq!(filter.term(), "org:\"Bank of Korea\"");
    }
}
