//! Extraction and import speed, printed as figures (`cargo bench --bench extract`).
//!
//! - extraction: quotes and entities over the parsed sample stories, on one core, in words/s;
//! - parse + extract: the same from the raw text;
//! - import: synthetic story files parsed, extracted, appended to a new archive and indexed,
//!   on all cores, in MB/s of copy.
//!
//! Each figure is the median (and the slowest) of repeated runs. No assertions: targets are
//! read off the output and quoted in the README.

#![allow(clippy::cast_precision_loss)] // byte and word counts far below 2^52

use std::time::{Duration, Instant};

use dateline::article::Article;
use dateline::embedded;
use dateline::importer;
use dateline::ingest::Options;
use dateline::pipeline;

fn median_and_max(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], samples[samples.len() - 1])
}

/// Runs `f` repeatedly for about `budget`, returning each run's time.
fn time(budget: Duration, mut f: impl FnMut()) -> Vec<Duration> {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 5 || (start.elapsed() < budget && samples.len() < 1000) {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    samples
}

fn words(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| {
            a.headline.split_whitespace().count()
                + a.paragraphs
                    .iter()
                    .map(|p| p.split_whitespace().count())
                    .sum::<usize>()
        })
        .sum()
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let stories: Vec<(&str, &str)> = embedded::STORIES.to_vec();
    let parsed: Vec<Article> = stories
        .iter()
        .flat_map(|(name, text)| {
            pipeline::parse_bytes(name, text.as_bytes(), None).unwrap_or_default()
        })
        .collect();
    let total_words = words(&parsed);
    let bytes: usize = stories.iter().map(|(_, t)| t.len()).sum();

    // Warm the gazetteer (built once per process) outside the timings.
    let mut warm = parsed[0].clone();
    dateline::extract::extract(&mut warm);

    let budget = Duration::from_secs(3);
    let samples = time(budget, || {
        for article in &parsed {
            let mut a = article.clone();
            dateline::extract::extract(&mut a);
            std::hint::black_box(&a);
        }
    });
    let (median, max) = median_and_max(samples);
    let rate = |d: Duration| total_words as f64 / d.as_secs_f64();
    println!(
        "extract (one core): {} stories, {} words: median {:.2} ms = {:.0} words/s (slowest run {:.0} words/s)",
        parsed.len(),
        total_words,
        median.as_secs_f64() * 1e3,
        rate(median),
        rate(max)
    );

    let samples = time(budget, || {
        for (name, text) in &stories {
            std::hint::black_box(pipeline::parse_bytes(name, text.as_bytes(), None).ok());
        }
    });
    let (median, max) = median_and_max(samples);
    println!(
        "parse + extract (one core): {:.2} MB: median {:.2} ms = {:.0} words/s, {:.1} MB/s (slowest {:.1} MB/s)",
        bytes as f64 / 1e6,
        median.as_secs_f64() * 1e3,
        rate(median),
        bytes as f64 / 1e6 / median.as_secs_f64(),
        bytes as f64 / 1e6 / max.as_secs_f64()
    );

    // Import: 4,000 synthetic files (the samples, each made unique), all cores, into a new archive.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    let mut copy_bytes = 0u64;
    for i in 0..4000 {
        let (_, text) = stories[i % stories.len()];
        // A paragraph of its own after the lead makes each copy a new story (one before the
        // last could fall in a trailer, after AP's rule, which the content id leaves out).
        let cut = text
            .match_indices("\n\n")
            .nth(1)
            .map_or(text.trim_end().len(), |(at, _)| at);
        let text = format!(
            "{}\n\nArchive copy {i} of the sample.{}",
            &text[..cut],
            &text[cut..]
        );
        let path = dir.path().join(format!("story-{i:05}.txt"));
        std::fs::write(&path, &text).expect("write story");
        copy_bytes += text.len() as u64;
        files.push(path);
    }
    let archive_path = dir.path().join("archive.jsonl");
    let samples = time(Duration::from_secs(6), || {
        let _ = std::fs::remove_file(&archive_path);
        let report = importer::import(
            &archive_path,
            importer::Base::New,
            &files,
            Options::default(),
            &|| {},
            &|w| panic!("{w}"),
        )
        .expect("import");
        assert_eq!(report.imported, files.len());
    });
    let (median, max) = median_and_max(samples);
    println!(
        "import ({} threads): {} files, {:.1} MB: median {:.0} ms = {:.1} MB/s (slowest {:.1} MB/s)",
        rayon::current_num_threads(),
        files.len(),
        copy_bytes as f64 / 1e6,
        median.as_secs_f64() * 1e3,
        copy_bytes as f64 / 1e6 / median.as_secs_f64(),
        copy_bytes as f64 / 1e6 / max.as_secs_f64()
    );
}
