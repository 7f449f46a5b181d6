//! A catalogue handed between the follower, the loop, the state and the search worker, that
//! compares by identity: a leaf, so the inputs, the actions and the effects can all carry one.

use std::sync::Arc;

use crate::catalog::Catalog;

/// A catalogue handed between the follower, the loop and the search worker. Two are equal
/// when they are the same catalogue.
#[derive(Debug, Clone)]
pub struct Shared(pub Arc<Catalog>);

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}
