//! The open reader's follower as imports commit to its archive: growing the catalogue it
//! holds by each commit's stories, beside opening the whole catalogue again; and the search
//! worker's names grown with it, beside building them whole.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dateline::catalog::file::{self, Stamp};
use dateline::catalog::follower::{Followed, Follower};
use dateline::search::Names;

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
    // The search worker's names, built whole for the catalogue opened, then grown with it.
    let t = Instant::now();
    let mut names = Names::build(&opened);
    let built = t.elapsed();
    let mut follower = Follower::new(big.clone(), Some((Arc::new(opened), stamp)));
    let mut next = files.iter();
    let mut grow = |stories: usize| -> (Duration, Duration) {
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
        let Followed::Grown(grown) = found else {
            panic!("not grown");
        };
        let t = Instant::now();
        names = names
            .grown(&grown)
            .expect("names grown with their catalogue");
        (took, t.elapsed())
    };
    let (one, one_names): (Vec<Duration>, Vec<Duration>) = (0..5).map(|_| grow(1)).unzip();
    let (many, many_names): (Vec<Duration>, Vec<Duration>) = (0..3).map(|_| grow(500)).unzip();
    println!(
        "follow: the catalogue grown by a commit of 1 story: {}",
        stats(one)
    );
    println!("follow: … by a commit of 500 stories: {}", stats(many));
    println!(
        "follow: the search worker's names grown with it, by 1 story: {}; by 500: {}; built whole: {}",
        stats(one_names),
        stats(many_names),
        ms(built)
    );
    opening.sort();
    println!(
        "follow: … beside opening the {n}-line catalogue again: median {}",
        ms(opening[1])
    );
    let _ = std::fs::remove_dir_all(&work);
}
