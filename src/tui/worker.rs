//! The search worker: a thread that runs the newest search request, skipping any it was sent
//! meanwhile, and sends the stories back as an input to the runtime's loop, so typing never
//! waits on a search. Its session narrows growing queries and keeps recent results for
//! Backspace. A newer catalogue (the archive grew) replaces the one it searches. For each
//! catalogue a builder thread, at a lower priority, builds the stories of each name
//! ([`Names`]) and hands them to the worker; searches run without them until then. A
//! catalogue the follower grew gets the last names grown by its new stories (milliseconds),
//! not built whole again (most of a second at a million stories).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, mpsc};

use crate::catalog::Catalog;
use crate::search::{Names, Session, Sort};
use crate::tui::input::Input;
use crate::tui::query::SearchRequest;

pub struct Searcher {
    jobs: mpsc::Sender<Job>,
    /// The newest request's generation: a search of an older one stops early.
    newest: Arc<AtomicU64>,
    /// The names last built, for the next catalogue to grow them.
    built: Built,
}

/// The names a builder thread built last, and for which catalogue's stories.
type Built = Arc<Mutex<Option<Names>>>;

/// How much lower a names builder's CPU priority is than the reader's (Linux).
const BUILDER_NICE: i32 = 5;

/// What the worker is asked: a search, to search a newer catalogue from now on, or to use
/// the names built for a catalogue.
enum Job {
    Search(SearchRequest),
    Catalog(Arc<Catalog>),
    Names(Arc<Catalog>, Names),
}

impl Searcher {
    /// Starts the worker; results go to `results`.
    pub fn spawn(catalog: Arc<Catalog>, results: mpsc::Sender<Input>) -> Searcher {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let newest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&newest);
        let built = Built::default();
        build_names(Arc::clone(&catalog), &jobs, &built);
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
                        // Names built for a catalogue since replaced are dropped.
                        Job::Names(built_for, names) => {
                            if Arc::ptr_eq(&built_for, &catalog) {
                                session.use_names(names);
                            }
                        }
                    }
                }
                let Some(request) = request else {
                    continue;
                };
                let mine = request.generation;
                let cancelled = || current.load(Ordering::Relaxed) != mine;
                // The rows the list shows first, when they are found well before the rest.
                let first = (request.sort == Sort::Found)
                    .then(|| session.first(&catalog, &request.text, request.first))
                    .flatten();
                if let Some(docs) = first.filter(|_| !cancelled())
                    && results
                        .send(Input::FirstRows {
                            generation: mine,
                            docs,
                        })
                        .is_err()
                {
                    break;
                }
                if let Some(docs) =
                    session.run_sorted(&catalog, &request.text, request.sort, &cancelled)
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
        Searcher {
            jobs,
            newest,
            built,
        }
    }

    pub fn search(&self, request: SearchRequest) {
        self.newest.store(request.generation, Ordering::Relaxed);
        // The worker only stops when the loop has gone, and then nobody is asking.
        let _ = self.jobs.send(Job::Search(request));
    }

    /// Searches `catalog` from now on (the archive grew).
    pub fn use_catalog(&self, catalog: Arc<Catalog>) {
        // The catalogue first: names built for it are only taken once it is the one searched.
        let builder = Arc::clone(&catalog);
        let _ = self.jobs.send(Job::Catalog(catalog));
        build_names(builder, &self.jobs, &self.built);
    }
}

/// Builds the stories of each name of `catalog` on a thread of its own, and sends them to
/// the worker: grown from the names `built` last when the catalogue grew from theirs (the
/// follower's next catalogue), else built whole. The thread holds its sender only while it
/// builds: the worker still stops when the searcher has gone.
fn build_names(catalog: Arc<Catalog>, jobs: &mpsc::Sender<Job>, built: &Built) {
    let jobs = jobs.clone();
    let built = Arc::clone(built);
    std::thread::spawn(move || {
        // Typing comes first.
        crate::priority::nicer_thread(BUILDER_NICE);
        let last = built.lock().ok().and_then(|last| last.clone());
        let names = last
            .and_then(|last| last.grown(&catalog))
            .unwrap_or_else(|| Names::build(&catalog));
        if let Ok(mut last) = built.lock() {
            *last = Some(names.clone());
        }
        let _ = jobs.send(Job::Names(catalog, names));
    });
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
            sort: crate::search::Sort::default(),
            first: 20,
        });
        let Ok(Input::Searched { generation, docs }) = rx.recv_timeout(Duration::from_secs(20))
        else {
            panic!("no results");
        };
        assert_eq!((generation, docs.len()), (7, 1));
    }

    /// Waits until the searcher's last built names are for `catalog`.
    fn names_for(searcher: &Searcher, catalog: &Catalog) {
        for _ in 0..400 {
            let last = searcher.built.lock().unwrap().clone();
            if last.is_some_and(|n| n.fits(catalog)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("no names were built for the catalogue");
    }

    #[test]
    fn each_catalogue_gets_names_for_it_grown_or_built_whole() {
        use crate::catalog::build::tests::story;
        let (tx, _rx) = mpsc::channel();
        let base = Arc::new(Catalog::from_articles(vec![story(
            "Port strike",
            Some("2025-01-02"),
            &["Ann Lee"],
        )]));
        let searcher = Searcher::spawn(Arc::clone(&base), tx);
        names_for(&searcher, &base);
        let grown = Arc::new(base.grown_by(vec![story(
            "Port reopens",
            Some("2025-01-03"),
            &["Ada Reyes"],
        )]));
        searcher.use_catalog(Arc::clone(&grown));
        names_for(&searcher, &grown);
        // A catalogue opened anew: built whole, for it.
        let opened = Arc::new(Catalog::from_articles(vec![story("Other", None, &[])]));
        searcher.use_catalog(Arc::clone(&opened));
        names_for(&searcher, &opened);
    }
}
