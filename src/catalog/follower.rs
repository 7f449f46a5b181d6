//! Following an archive as writers commit to it: the catalogue of what is committed, grown
//! at each commit by the stories on the archive's new lines, rather than opened again (which
//! at a million stories takes a core for most of a second); opened again when the file was
//! replaced or cut, or when what it grew by has become large.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use crate::catalog::Catalog;
use crate::catalog::build::Builder;
use crate::catalog::file::{Stamp, open_committed_upto};

/// How many stories a followed catalogue grows by before it is opened again: their posting
/// lists are held in memory until then, those of the index segments the writers saved for
/// them are read from the index file after.
pub const REOPEN_AFTER: usize = 50_000;

/// See the module documentation.
#[derive(Debug)]
pub struct Follower {
    archive: PathBuf,
    held: Option<Held>,
}

#[derive(Debug)]
struct Held {
    catalog: Arc<Catalog>,
    /// The archive's state when `catalog` was opened or last grown.
    stamp: Stamp,
    /// How far into the archive `catalog` has read, in bytes; at least that far (a story
    /// read again is known by its key, and skipped).
    upto: u64,
    /// The keys (`story_key`) of the stories `catalog` was opened with, sorted, once a tail
    /// was read; and those of the stories it grew by since.
    opened_keys: Option<Arc<[u128]>>,
    grown_keys: Vec<u128>,
    /// The archive's lines read (see `Catalog::lines`).
    lines: u64,
}

/// What following an archive found, when its stamp changed.
#[derive(Debug)]
pub enum Followed {
    /// The catalogue grew by the stories of the commits since the last one.
    Grown(Arc<Catalog>),
    /// The archive was opened again (first, or replaced, cut, or grown by much).
    Opened(Arc<Catalog>),
    /// Nothing to show: what was committed held no new story.
    Unchanged,
}

impl Follower {
    /// Follows `archive`; `opened` is its catalogue as already opened, and the archive's
    /// stamp taken before it was (the catalogue reads at least that far), if there is one.
    pub fn new(archive: PathBuf, opened: Option<(Arc<Catalog>, Stamp)>) -> Follower {
        let held = opened.map(|(catalog, stamp)| Held::opened(catalog, stamp, stamp.committed()));
        Follower { archive, held }
    }

    /// The catalogue as far as the archive is committed in its state `now`: the held one
    /// grown by the lines committed since, when the file is the same and longer; else opened
    /// again, as a reader would, changing nothing.
    pub fn follow(&mut self, now: Stamp) -> io::Result<Followed> {
        if let Some(held) = &mut self.held
            && now.same_file(&held.stamp)
            && now.committed() >= held.upto
            && held.grown_keys.len() < REOPEN_AFTER
        {
            return held.grow(&self.archive, now);
        }
        let (catalog, _, upto) = open_committed_upto(&self.archive, &|_| {})?;
        let catalog = Arc::new(catalog);
        self.held = Some(Held::opened(Arc::clone(&catalog), now, upto));
        Ok(Followed::Opened(catalog))
    }
}

impl Held {
    /// `catalog` as opened at `stamp`, reading `upto` bytes into the archive.
    fn opened(catalog: Arc<Catalog>, stamp: Stamp, upto: u64) -> Held {
        Held {
            lines: catalog.lines,
            catalog,
            stamp,
            upto,
            opened_keys: None,
            grown_keys: Vec::new(),
        }
    }

    /// Reads the stories committed after `upto`, as far as `now`, into a grown catalogue.
    fn grow(&mut self, archive: &std::path::Path, now: Stamp) -> io::Result<Followed> {
        let opened = self
            .opened_keys
            .get_or_insert_with(|| self.catalog.story_keys().0.into());
        let builder = Builder::numbered_from(self.catalog.len(), self.lines)
            .knowing([Arc::clone(opened), self.grown_keys.as_slice().into()]);
        let tail =
            Catalog::from_archive_part(archive, self.upto..now.committed(), builder, &|_| {})?;
        self.upto = now.committed();
        self.stamp = now;
        self.lines = self.lines.max(tail.lines);
        if tail.is_empty() {
            return Ok(Followed::Unchanged);
        }
        let (ids, _) = tail.story_keys();
        self.grown_keys.extend(ids);
        self.grown_keys.sort_unstable();
        self.catalog = Arc::new(self.catalog.extended(tail));
        Ok(Followed::Grown(Arc::clone(&self.catalog)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::catalog::build::tests::story;
    use crate::catalog::file::segment_tests::Link;
    use crate::catalog::file::segment_tests::add_stories;
    use crate::catalog::file::{index_path, open_committed};

    fn version(n: &str, headline: &str, day: &str) -> Article {
        let mut a = story(headline, Some(day), &["Ada Reyes"]);
        a.source.id = Some("urn:x:talks".into());
        a.wire.version = Some(n.into());
        a.assign_id();
        a
    }

    /// What a reader sees of a catalogue: the rows, each story's versions, the names, and
    /// the stories under some words and names.
    fn seen(c: &Catalog) -> Vec<String> {
        let mut seen: Vec<String> = c
            .newest_first()
            .iter()
            .map(|&d| format!("{} {:?}", c.headline(d), c.versions(d)))
            .collect();
        seen.extend(c.entities().iter().map(|e| format!("{e:?}")));
        for term in ["wtalks", "wnews", "wharbour", "wsaid"] {
            seen.push(format!("{term} {:?}", c.lookup(term.as_bytes())));
        }
        let mut all = c.lookup_prefixed(b"");
        all.sort_unstable();
        seen.push(format!("{all:?}"));
        seen
    }

    /// An archive and its index, as imports commit to them.
    struct Written {
        path: PathBuf,
        chain: Vec<Link>,
        before: usize,
    }

    impl Written {
        fn at(path: PathBuf) -> Written {
            Written {
                path,
                chain: Vec::new(),
                before: 0,
            }
        }

        /// Appends `stories` as an import commits them: to the archive and its index.
        fn commit(&mut self, stories: &[Article]) {
            self.chain = add_stories(&self.path, &self.chain, self.before, stories);
            self.before += stories.len();
        }

        fn stamp(&self) -> Stamp {
            Stamp::of(&self.path).unwrap()
        }
    }

    #[test]
    fn a_followed_catalogue_grows_commit_by_commit_as_an_opened_one_would_be() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let mut archive = Written::at(path.clone());
        archive.commit(&[
            story("Old news", Some("2025-01-01"), &["Marta Ellery"]),
            version("1", "Talks open", "2025-06-01"),
        ]);
        let stamp = archive.stamp();
        let (opened, _) = open_committed(&path, &|_| {}).unwrap();
        let mut follower = Follower::new(path.clone(), Some((Arc::new(opened), stamp)));

        let commits = [
            vec![story("Harbour news", Some("2025-06-02"), &["Marta Ellery"])],
            vec![
                version("2", "Talks resume", "2025-06-03"),
                story("Late news", None, &["Ada Reyes"]),
            ],
            vec![story("Talks news", Some("2025-05-01"), &[])],
        ];
        let mut extra = None;
        for stories in &commits {
            archive.commit(stories);
            let Followed::Grown(grown) = follower.follow(archive.stamp()).unwrap() else {
                panic!("not grown");
            };
            let (fresh, _) = open_committed(&path, &|_| {}).unwrap();
            assert_eq!(grown.len(), fresh.len());
            assert_eq!(seen(&grown), seen(&fresh));
            // The new story's text is read from the archive.
            let last = u32::try_from(grown.len() - 1).unwrap();
            assert_eq!(grown.article(last).unwrap(), *stories.last().unwrap());
            // One dictionary of the follower's own, whatever the number of commits.
            assert_eq!(*extra.get_or_insert(grown.extra.len()), grown.extra.len());
        }
        assert!(
            matches!(
                follower.follow(archive.stamp()).unwrap(),
                Followed::Unchanged
            ),
            "a stamp seen again: nothing new"
        );
    }

    #[test]
    fn what_was_read_already_is_not_added_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let mut archive = Written::at(path.clone());
        // The stamp taken before the archive grew, the catalogue opened after.
        std::fs::write(&path, "").unwrap();
        let stamp = archive.stamp();
        archive.commit(&[story("First", Some("2025-01-01"), &[])]);
        let (opened, _) = open_committed(&path, &|_| {}).unwrap();
        let mut follower = Follower::new(path.clone(), Some((Arc::new(opened), stamp)));
        assert!(matches!(
            follower.follow(archive.stamp()).unwrap(),
            Followed::Unchanged
        ));
        archive.commit(&[story("Second", Some("2025-01-02"), &[])]);
        let Followed::Grown(grown) = follower.follow(archive.stamp()).unwrap() else {
            panic!("not grown");
        };
        assert_eq!(grown.len(), 2);
        assert_eq!(grown.headline(grown.newest_first()[0]), "Second");
    }

    #[test]
    fn a_batch_in_flight_is_not_read_until_it_is_committed() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let mut archive = Written::at(path.clone());
        archive.commit(&[story("First", Some("2025-01-01"), &[])]);
        let (opened, _) = open_committed(&path, &|_| {}).unwrap();
        let mut follower = Follower::new(path.clone(), Some((Arc::new(opened), archive.stamp())));

        // A writer's batch: the journal holds the committed length while the file grows.
        let committed = std::fs::metadata(&path).unwrap().len();
        let journal = crate::archive::journal_path(&path);
        std::fs::write(&journal, committed.to_string()).unwrap();
        let line = serde_json::to_string(&story("In flight", Some("2025-01-02"), &[])).unwrap();
        let mut file = std::fs::File::options().append(true).open(&path).unwrap();
        file.write_all(format!("{line}\n").as_bytes()).unwrap();
        assert!(
            matches!(
                follower.follow(archive.stamp()).unwrap(),
                Followed::Unchanged
            ),
            "nothing committed, nothing read"
        );

        // The batch commits.
        let whole = std::fs::metadata(&path).unwrap().len();
        std::fs::write(&journal, whole.to_string()).unwrap();
        let Followed::Grown(grown) = follower.follow(archive.stamp()).unwrap() else {
            panic!("the committed batch is read");
        };
        assert_eq!(grown.len(), 2);
        assert_eq!(grown.headline(grown.newest_first()[0]), "In flight");
    }

    #[test]
    fn a_replaced_or_cut_archive_is_opened_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.jsonl");
        let mut archive = Written::at(path.clone());
        archive.commit(&[story("First", Some("2025-01-01"), &[])]);
        let mut follower = Follower::new(path.clone(), None);
        let Followed::Opened(first) = follower.follow(archive.stamp()).unwrap() else {
            panic!("nothing held: opened");
        };
        assert_eq!(first.len(), 1);

        // Replaced: another file, its own index.
        let other = dir.path().join("other.jsonl");
        let stories = [
            story("Compacted one", Some("2025-01-01"), &[]),
            story("Compacted two", Some("2025-01-02"), &[]),
        ];
        Written::at(other.clone()).commit(&stories);
        std::fs::rename(&other, &path).unwrap();
        std::fs::rename(index_path(&other), index_path(&path)).unwrap();
        let Followed::Opened(replaced) = follower.follow(archive.stamp()).unwrap() else {
            panic!("replaced: opened again");
        };
        assert_eq!(
            replaced.headline(replaced.newest_first()[0]),
            "Compacted two"
        );

        // Cut to less than was read.
        let text = std::fs::read_to_string(&path).unwrap();
        let first_line = text.lines().next().unwrap().len() + 1;
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(first_line as u64)
            .unwrap();
        let Followed::Opened(cut) = follower.follow(archive.stamp()).unwrap() else {
            panic!("cut: opened again");
        };
        assert_eq!(cut.len(), 1);
    }
}
