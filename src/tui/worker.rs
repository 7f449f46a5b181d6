//! The search worker: a thread that runs the newest search request, skipping any it was sent
//! meanwhile, and sends the stories back as an input to the runtime's loop, so typing never
//! waits on a search. Its session narrows growing queries and keeps recent results for
//! Backspace.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use crate::catalog::Catalog;
use crate::search::Session;
use crate::tui::input::Input;
use crate::tui::query::SearchRequest;

pub struct Searcher {
    requests: mpsc::Sender<SearchRequest>,
    /// The newest request's generation: a search of an older one stops early.
    newest: Arc<AtomicU64>,
}

impl Searcher {
    /// Starts the worker; results go to `results`.
    pub fn spawn(catalog: Arc<Catalog>, results: mpsc::Sender<Input>) -> Searcher {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let newest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&newest);
        std::thread::spawn(move || {
            let mut session = Session::default();
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let mine = request.generation;
                let cancelled = || current.load(Ordering::Relaxed) != mine;
                if let Some(docs) = session.run(&catalog, &request.text, &cancelled)
                    && results
                        .send(Input::Searched {
                            generation: mine,
                            docs,
                        })
                        .is_err()
                {
                    break;
                }
            }
        });
        Searcher { requests, newest }
    }

    pub fn search(&self, request: SearchRequest) {
        self.newest.store(request.generation, Ordering::Relaxed);
        // The worker only stops when the loop has gone, and then nobody is asking.
        let _ = self.requests.send(request);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::embedded;
    use crate::tui::worker::*;

    #[test]
    fn results_come_back_as_input_with_their_generation() {
        let (tx, rx) = mpsc::channel();
        let searcher = Searcher::spawn(Arc::new(embedded::catalog()), tx);
        searcher.search(SearchRequest {
            generation: 7,
            text: "'galatasaray".into(),
        });
        let Ok(Input::Searched { generation, docs }) = rx.recv_timeout(Duration::from_secs(20))
        else {
            panic!("no results");
        };
        assert_eq!((generation, docs.len()), (7, 1));
    }
}
