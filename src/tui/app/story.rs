//! The story under the selection, read from the archive once, and its laid-out document,
//! cached by (story, width, highlighted query): laid out once per change, however often the
//! state and the views ask for it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::article::Article;
use crate::catalog::{Catalog, Doc};
use crate::search::Query;
use crate::tui::reader::{self, Document};

/// What a document was laid out for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    doc: Doc,
    width: usize,
    measure: usize,
    query: String,
}

#[derive(Debug, Default)]
pub struct Story {
    loaded: RefCell<Option<(Doc, Rc<Article>)>>,
    laid_out: RefCell<Option<(Shape, Rc<Document>)>>,
    /// How many times a story was laid out (tests check the cache with it).
    layouts: Cell<usize>,
}

impl Story {
    /// The story `doc`, read the first time it is asked for. A story that cannot be read shows
    /// why instead of its text.
    pub fn article(&self, catalog: &Catalog, doc: Doc) -> Rc<Article> {
        if let Some((d, article)) = self.loaded.borrow().as_ref()
            && *d == doc
        {
            return Rc::clone(article);
        }
        let article = Rc::new(catalog.article(doc).unwrap_or_else(|err| Article {
            id: catalog.id(doc).to_string(),
            headline: catalog.headline(doc).to_string(),
            paragraphs: vec![format!("This story cannot be shown: {err}")],
            ..Article::default()
        }));
        *self.loaded.borrow_mut() = Some((doc, Rc::clone(&article)));
        article
    }

    /// The story `doc` laid out for a pane `width` columns wide (capped at `measure`), the words
    /// of `query` marked; laid out again only when one of those changed.
    pub fn document(
        &self,
        catalog: &Catalog,
        doc: Doc,
        width: usize,
        measure: usize,
        query: &str,
    ) -> Rc<Document> {
        let shape = Shape {
            doc,
            width,
            measure,
            query: query.to_string(),
        };
        if let Some((s, document)) = self.laid_out.borrow().as_ref()
            && *s == shape
        {
            return Rc::clone(document);
        }
        let terms = Query::parse(query).highlight_terms();
        let document = Rc::new(reader::layout(
            &self.article(catalog, doc),
            width,
            measure,
            &terms,
        ));
        self.layouts.set(self.layouts.get() + 1);
        *self.laid_out.borrow_mut() = Some((shape, Rc::clone(&document)));
        document
    }

    #[cfg(test)]
    pub fn layouts(&self) -> usize {
        self.layouts.get()
    }
}
