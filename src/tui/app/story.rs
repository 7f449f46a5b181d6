//! The story under the selection, read from the archive once, what its versions say of
//! themselves, and its laid-out document, cached by (story, width, highlighted query, what the
//! wire says above it): laid out once per change, however often the state and the views ask.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::article::Article;
use crate::catalog::{Catalog, Doc};
use crate::search::Query;
use crate::tui::reader::{self, Document, Head};
use crate::tui::standing::{self, VersionNote};

/// What a document was laid out for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    doc: Doc,
    width: usize,
    measure: usize,
    query: String,
    head: Head,
}

#[derive(Debug, Default)]
pub struct Story {
    loaded: RefCell<Option<(Doc, Rc<Article>)>>,
    /// The notes of one story's versions, by the story's first version.
    notes: RefCell<Option<(Doc, Rc<[VersionNote]>)>>,
    laid_out: RefCell<Option<(Shape, Rc<Document>)>>,
    /// How many times a story was laid out (tests check the cache with it).
    layouts: Cell<usize>,
}

/// The story `doc` from the archive; one that cannot be read shows why instead of its text.
pub fn read(catalog: &Catalog, doc: Doc) -> Article {
    catalog.article(doc).unwrap_or_else(|err| Article {
        id: catalog.id(doc).to_string(),
        headline: catalog.headline(doc).to_string(),
        paragraphs: vec![format!("This story cannot be shown: {err}")],
        ..Article::default()
    })
}

impl Story {
    /// The story `doc`, read the first time it is asked for.
    pub fn article(&self, catalog: &Catalog, doc: Doc) -> Rc<Article> {
        if let Some((d, article)) = self.loaded.borrow().as_ref()
            && *d == doc
        {
            return Rc::clone(article);
        }
        let article = Rc::new(read(catalog, doc));
        *self.loaded.borrow_mut() = Some((doc, Rc::clone(&article)));
        article
    }

    /// What each version of `doc`'s story says of itself, oldest first; read once per story.
    pub fn notes(&self, catalog: &Catalog, doc: Doc) -> Rc<[VersionNote]> {
        let first = catalog.versions(doc).first().copied().unwrap_or(doc);
        if let Some((d, notes)) = self.notes.borrow().as_ref()
            && *d == first
        {
            return Rc::clone(notes);
        }
        let notes: Rc<[VersionNote]> = standing::notes(catalog, doc).into();
        *self.notes.borrow_mut() = Some((first, Rc::clone(&notes)));
        notes
    }

    /// The story `doc` laid out for a pane `width` columns wide (capped at `measure`), the words
    /// of `query` marked, `head` above it; laid out again only when one of those changed.
    pub fn document(
        &self,
        catalog: &Catalog,
        doc: Doc,
        (width, measure): (usize, usize),
        query: &str,
        head: Head,
    ) -> Rc<Document> {
        let shape = Shape {
            doc,
            width,
            measure,
            query: query.to_string(),
            head,
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
            &shape.head,
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
