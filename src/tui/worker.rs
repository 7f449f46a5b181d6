//! The search worker: a thread that runs the newest search request, skipping any it was sent
//! meanwhile, and sends the stories back as an input to the runtime's loop, so typing never
//! waits on a search. Its session narrows growing queries and keeps recent results for
//! Backspace. A newer catalogue (the archive grew) replaces the one it searches.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use crate::catalog::Catalog;
use crate::search::Session;
use crate::tui::input::Input;
use crate::tui::query::SearchRequest;

pub struct Searcher {
    jobs: mpsc::Sender<Job>,
    /// The newest request's generation: a search of an older one stops early.
    newest: Arc<AtomicU64>,
}

/// What the worker is asked: a search, or to search a newer catalogue from now on.
enum Job {
    Search(SearchRequest),
    Catalog(Arc<Catalog>),
}

impl Searcher {
    /// Starts the worker; results go to `results`.
    pub fn spawn(catalog: Arc<Catalog>, results: mpsc::Sender<Input>) -> Searcher {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let newest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&newest);
        std::thread::spawn(move || {
            let mut catalog = catalog;
            let mut session = Session::default();
            while let Ok(job) = inbox.recv() {
                // Only the newest search waiting is run, on the newest catalogue sent.
                let mut request = None;
                for job in std::iter::once(job).chain(inbox.try_iter()) {
                    match job {
                        Job::Search(r) => request = Some(r),
                        Job::Catalog(c) => {
                            catalog = c;
                            // Results kept for narrowing are of the old catalogue.
                            session = Session::default();
                        }
                    }
                }
                let Some(request) = request else {
                    continue;
                };
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
        Searcher { jobs, newest }
    }

    pub fn search(&self, request: SearchRequest) {
        self.newest.store(request.generation, Ordering::Relaxed);
        // The worker only stops when the loop has gone, and then nobody is asking.
        let _ = self.jobs.send(Job::Search(request));
    }

    /// Searches `catalog` from now on (the archive grew).
    pub fn use_catalog(&self, catalog: Arc<Catalog>) {
        let _ = self.jobs.send(Job::Catalog(catalog));
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
