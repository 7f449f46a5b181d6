//! The open reader's follower as imports commit to its archive: growing the catalogue it
//! holds by each commit's stories, beside opening the whole catalogue again.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dateline::catalog::file::{self, Stamp};
use dateline::catalog::follower::{Followed, Follower};

use super::{BIN, agency_copy, copy_archive, ms, run, stats, walk};

/// On a copy of the `n`-line archive (and its index): the follower grows its catalogue by a
/// commit of one story, five times, then of 500, three times; and the catalogue is opened
/// again as the follower did at every commit before.
pub(super) fn follow_growth(dir: &Path, archive: &Path, n: usize) {
    let work = dir.join("follow-work");
    let big = work.join(format!("follow-{n}.jsonl"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    copy_archive(archive, &big);
    let files = walk(&agency_copy(dir, 4000));

    let mut opening = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        drop(file::open_committed(&big, &|_| {}).unwrap());
        opening.push(t.elapsed());
    }
    let stamp = Stamp::of(&big).unwrap();
    let (opened, _) = file::open_committed(&big, &|_| {}).unwrap();
    let mut follower = Follower::new(big.clone(), Some((Arc::new(opened), stamp)));
    let mut next = files.iter();
    let mut grow = |stories: usize| -> Duration {
        let batch = work.join("batch");
        let _ = std::fs::remove_dir_all(&batch);
        std::fs::create_dir_all(&batch).unwrap();
        for (i, f) in next.by_ref().take(stories).enumerate() {
            std::fs::copy(f, batch.join(format!("{i}.txt"))).unwrap();
        }
        run(Command::new(BIN)
            .arg("--archive")
            .arg(&big)
            .arg("import")
            .arg(&batch));
        let t = Instant::now();
        let found = follower.follow(Stamp::of(&big).unwrap()).unwrap();
        let took = t.elapsed();
        assert!(matches!(found, Followed::Grown(_)), "grown");
        took
    };
    let one: Vec<Duration> = (0..5).map(|_| grow(1)).collect();
    let many: Vec<Duration> = (0..3).map(|_| grow(500)).collect();
    println!(
        "follow: the catalogue grown by a commit of 1 story: {}",
        stats(one)
    );
    println!("follow: … by a commit of 500 stories: {}", stats(many));
    opening.sort();
    println!(
        "follow: … beside opening the {n}-line catalogue again: median {}",
        ms(opening[1])
    );
    let _ = std::fs::remove_dir_all(&work);
}
