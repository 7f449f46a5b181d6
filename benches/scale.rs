//! Scale figures at 10k, 100k and 1M story versions (`cargo bench --bench scale`), printed,
//! never asserted but for one check: lists and search show one row per story. Archives come
//! from `dateline bench gen N` (N lines, about a tenth of the stories in several versions, so
//! ~0.87 N stories) and are kept between runs in `$DATELINE_BENCH_DIR` (default
//! `target/scale-bench`), named by the generator's generation so a changed generator makes
//! them again; `DATELINE_BENCH_SIZES` picks the sizes (default `10000,100000`; add `1000000`
//! for the million, ~6 GB of disk).
//!
//! `DATELINE_BENCH_ONLY` picks parts
//! (`indexing,startup,chains,keystrokes,filters,fzf,import,follow,watch`).
//!
//! For each size:
//! - chains: how many stories the lines form, and a check that the empty query lists each
//!   once (rows = `stories()`) and that a search for a story with versions shows one row;
//! - indexing: the first open of an archive without an index (whole process);
//! - start-up: the reader started in a pseudo-terminal until its first full frame is on
//!   screen (whole process), and its peak memory (VmHWM) then and after typing a search;
//! - keystrokes: queries typed a letter at a time as the reader's search worker runs them
//!   (narrowing, cancellation), plus drawing the list; median, p99 and max per keystroke
//!   until the list shows the right rows (the first rows, when the worker finds them ahead
//!   of the rest), and until all the results are in;
//!   with fuzzy-matcher over every story (each one's newest version) beside it for comparison;
//! - filters: `person:`, `place:`, `org:` and `text:` lookups, median and p99;
//! - `dateline search Q` against `fzf --filter Q` over the same headlines (whole processes);
//! - import: synthetic agency copy into a new archive and into the big one (MB/s of copy);
//! - follow: an open reader's follower on a copy of the big archive, as imports commit to it:
//!   what growing its catalogue by a commit of 1 and of 500 stories costs, beside opening the
//!   catalogue again (what it did at each commit before);
//! - watch: `dateline watch` on a copy of the big archive: the latency from a file renamed
//!   into the folder to its line (printed once committed), and to an open reader's follower
//!   having it, median and p99 of 20 drops; a burst of 10,000 files (a folder renamed in)
//!   until all are committed (MB/s of copy), five times, each on a fresh copy and watcher,
//!   alternated with `dateline import` of the same (medians); keystrokes in the
//!   reader while the watcher imports the burst `cp -r` lands, while it imports a burst renamed
//!   in (its own share), and while `cp -r` runs alone (the delivery's share).

#![allow(clippy::cast_precision_loss, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dateline::catalog::file::Stamp;
use dateline::catalog::{Catalog, Doc};
use dateline::search::{self, Names, Query, Session};
use dateline::tui::action::Action;
use dateline::tui::app::{App, Effect};
use dateline::tui::follow;
use dateline::tui::input::Input;
use dateline::tui::shared::Shared;
use dateline::tui::theme::Theme;
use dateline::tui::view;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const BIN: &str = env!("CARGO_BIN_EXE_dateline");

#[path = "scale/follow_growth.rs"]
mod follow_growth;

fn main() {
    let sizes: Vec<usize> = std::env::var("DATELINE_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = std::env::var_os("DATELINE_BENCH_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale-bench"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "dateline scale bench: {} threads",
        rayon::current_num_threads()
    );
    // `DATELINE_BENCH_ONLY=keystrokes,filters` runs just those parts (all by default).
    let only = std::env::var("DATELINE_BENCH_ONLY").unwrap_or_default();
    let run = |part: &str| only.is_empty() || only.split(',').any(|p| p.trim() == part);
    for n in sizes {
        println!("\n== {n} lines (story versions) ==");
        let archive = archive(&dir, n);
        if run("indexing") {
            indexing(&archive);
        }
        if run("startup") {
            startup(&archive);
        }
        let catalog = Arc::new(open(&archive));
        if run("chains") {
            chains(&archive, &catalog);
        }
        if run("keystrokes") {
            keystrokes(&catalog);
        }
        if run("filters") {
            filters(&catalog);
        }
        if run("fzf") {
            versus_fzf(&dir, &archive, &catalog);
        }
        if run("import") {
            import(&dir, &archive, n);
        }
        if run("follow") {
            follow_growth::follow_growth(&dir, &archive, n);
        }
        if run("watch") {
            watch(&dir, &archive, n, &catalog);
        }
    }
}

/// The archive of `n` synthetic stories, generated once.
fn archive(dir: &Path, n: usize) -> PathBuf {
    let generation = dateline::synth::GENERATION;
    let path = dir.join(format!("archive-g{generation}-{n}.jsonl"));
    if !path.exists() {
        let tmp = dir.join(format!("archive-g{generation}-{n}.jsonl.part"));
        let t = Instant::now();
        run(Command::new(BIN)
            .args(["bench", "gen", &n.to_string(), "--archive"])
            .arg(&tmp));
        std::fs::rename(&tmp, &path).unwrap();
        println!("generated in {:.1} s", t.elapsed().as_secs_f64());
    }
    let size = std::fs::metadata(&path).unwrap().len();
    println!("archive: {:.0} MB", size as f64 / 1e6);
    path
}

fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.stdin(Stdio::null()).output().expect("run dateline");
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn index_of(archive: &Path) -> PathBuf {
    dateline::catalog::file::index_path(archive)
}

fn open(archive: &Path) -> Catalog {
    dateline::catalog::file::open(archive, &|_| {}, &|w| eprintln!("{w}"))
        .unwrap()
        .0
}

fn stats(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let pick = |percent: usize| samples[(samples.len() - 1) * percent / 100];
    format!(
        "median {} · p99 {} · max {} ({} samples)",
        ms(pick(50)),
        ms(pick(99)),
        ms(pick(100)),
        samples.len()
    )
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

fn indexing(archive: &Path) {
    let _ = std::fs::remove_file(index_of(archive));
    let t = Instant::now();
    run(Command::new(BIN)
        .arg("--archive")
        .arg(archive)
        .args(["list", "-n", "1"])
        .stdout(Stdio::null()));
    let took = t.elapsed();
    let index = std::fs::metadata(index_of(archive)).unwrap().len();
    let size = std::fs::metadata(archive).unwrap().len();
    println!(
        "indexing (first open, whole process): {:.1} s = {:.0} MB/s; index {:.0} MB",
        took.as_secs_f64(),
        size as f64 / 1e6 / took.as_secs_f64(),
        index as f64 / 1e6
    );
}

/// The reader in a pseudo-terminal: time to the first full frame (from the archive's front
/// page, and without one: the first start after the archive changed), time until the whole
/// catalogue is in, peak memory.
fn startup(archive: &Path) {
    let mut times = Vec::new();
    let mut whole = Vec::new();
    let mut memory = Vec::new();
    let mut after_typing = 0;
    let mut without_front = Duration::ZERO;
    // The list's title counts stories (chains), not the n lines: "N of M" and the key hints.
    let title = " of ".to_string();
    for round in 0..6 {
        if round == 0 {
            // Indexed (a first open of a new archive indexes it, measured above), but
            // without its front page, which this start writes again as any open of the whole.
            drop(open(archive));
            let _ = std::fs::remove_file(dateline::catalog::file::front_path(archive));
        }
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--archive");
        cmd.arg(archive);
        cmd.env("TERM", "xterm-256color");
        let t = Instant::now();
        let mut child = pty.slave.spawn_command(cmd).unwrap();
        let pid = child.process_id().unwrap();
        let mut reader = pty.master.try_clone_reader().unwrap();
        let mut writer = pty.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut parser = vt100::Parser::new(
            std::num::NonZero::new(40).unwrap(),
            std::num::NonZero::new(120).unwrap(),
            0,
        );
        let shown = |p: &vt100::Parser| {
            let s = p.screen().contents();
            s.contains(&title) && s.contains("? help")
        };
        while !shown(&parser) {
            let bytes = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("first frame");
            parser.process(&bytes);
        }
        let first = t.elapsed();
        while parser.screen().contents().contains("Opening all") {
            let bytes = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the whole catalogue");
            parser.process(&bytes);
        }
        if round == 0 {
            without_front = first;
        } else {
            times.push(first);
            whole.push(t.elapsed());
            memory.push(peak_kb(pid));
        }
        if round == 1 {
            writer.write_all(b"/harbour minister").unwrap();
            writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(1500));
            after_typing = peak_kb(pid);
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    memory.sort_unstable();
    println!(
        "start-up to first full frame (pty, whole process), from the front page: {}",
        stats(times)
    );
    println!(
        "  then the whole catalogue in (searchable, keys typed meanwhile handled): {}",
        stats(whole)
    );
    println!(
        "  without a front page (the first start after the archive changed): {}",
        ms(without_front)
    );
    println!(
        "peak memory once the whole catalogue is in: {:.0} MB (median of 5); after typing a search: {:.0} MB",
        memory[memory.len() / 2] as f64 / 1024.0,
        after_typing as f64 / 1024.0
    );
}

/// VmHWM of a process, in KiB.
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Queries of 1–12 letters, as typed: words from headlines, names and places of the archive.
fn queries(catalog: &Catalog) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let step = (catalog.len() / 7).max(1);
    for doc in (0..catalog.len()).step_by(step).take(7) {
        let headline = catalog.headline(Doc::try_from(doc).unwrap()).to_lowercase();
        if let Some(w) = headline.split_whitespace().filter(|w| w.len() >= 4).nth(1) {
            words.push(w.chars().filter(|c| c.is_alphanumeric()).collect());
        }
    }
    for e in catalog.entities().iter().step_by(97).take(6) {
        words.push(e.name.to_lowercase().chars().take(12).collect());
    }
    words.push("minister talks".into());
    words.push("prt strk".into());
    words
}

/// How many stories the lines form, and that lists and search show each once: the empty
/// query lists `stories()` rows, and a search for the headline of a story with versions
/// finds it once (its newest version). Panics otherwise: a figure over the wrong rows is no
/// figure.
fn chains(archive: &Path, catalog: &Catalog) {
    let mut several = 0usize;
    let mut versions = 0usize;
    let mut example = None;
    for &head in catalog.newest_first() {
        let chain = catalog.versions(head);
        if chain.len() > 1 {
            several += 1;
            versions += chain.len();
            example.get_or_insert(head);
        }
    }
    let stories = catalog.stories();
    println!(
        "stories: {stories} of {} lines; {several} with 2+ versions ({:.1}%, {:.2} versions each)",
        catalog.len(),
        several as f64 * 100.0 / stories as f64,
        versions as f64 / several.max(1) as f64,
    );
    // Opening reads the index's columns and links the chains (a hash over identities, a sort
    // of the chains' newest versions): the in-process part of the reader's start.
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        drop(open(archive));
        opens.push(t.elapsed());
    }
    println!(
        "  catalogue opened from its index (in process): {}",
        stats(opens)
    );
    let never = || false;
    let all = search::search(catalog, &Query::parse(""), None, &never).unwrap();
    assert_eq!(
        all.docs.len(),
        stories,
        "the empty query lists every story once"
    );
    assert_eq!(catalog.newest_first().len(), stories);
    let Some(head) = example else {
        println!("  no story with versions: nothing more to check");
        return;
    };
    // The headline's words as the query (no punctuation the query language could read).
    let headline: String = catalog
        .headline(head)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let found = Session::default().run(catalog, &headline, &never).unwrap();
    let rows: Vec<Doc> = found
        .iter()
        .copied()
        .filter(|&d| catalog.versions(d).contains(&head))
        .collect();
    assert_eq!(rows, [head], "{headline:?}: one row, the newest version");
    println!(
        "  check: the empty query lists {stories} rows = stories(); searching {headline:?} ({} versions) shows it once",
        catalog.versions(head).len()
    );
}

fn keystrokes(catalog: &Arc<Catalog>) {
    let queries = queries(catalog);
    let mut app = App::new(Arc::clone(catalog), String::new(), std::env::temp_dir(), 80);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::default();
    let t = Instant::now();
    terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
    println!(
        "first frame drawn (in process, catalogue open): {}",
        ms(t.elapsed())
    );
    // The reader's search worker gets the stories of each name, built beside it when a
    // catalogue arrives, before anyone types; each query below then starts as a new search
    // box would (no results kept).
    let mut session = Session::default();
    let t = Instant::now();
    session.use_names(Names::build(catalog));
    println!(
        "the stories of each name, built for the search worker (one core): {}",
        ms(t.elapsed())
    );
    let mut samples = Vec::new();
    let mut all_results = Vec::new();
    let mut ahead = 0usize;
    let mut first_letter = Vec::new();
    // The slowest keystrokes, with what was typed: they make the p99.
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for q in &queries {
        session.forget();
        let mut typed = String::new();
        // A fresh query in the prompt; the searches erasing the last one asked for are dropped.
        app.update(Action::Search);
        while !app.query().is_empty() {
            app.update(Action::Erase);
        }
        app.take_effects();
        for c in q.chars() {
            typed.push(c);
            let t = Instant::now();
            // As the runtime does it: the key's action, the search it asks for, the first
            // rows when the worker finds them ahead of the rest, then all the results, each
            // as an action and a frame. The list is updated at the first frame.
            app.update(Action::Insert(c));
            let Some(Effect::Search(request)) = app.take_effects().pop() else {
                panic!("typing asks for a search");
            };
            let first = session.first(catalog, &request.text, request.first);
            let mut first_frame = None;
            if let Some(docs) = &first {
                app.update(Action::FirstRows {
                    generation: request.generation,
                    docs: Arc::clone(docs),
                });
                terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
                first_frame = Some(t.elapsed());
            }
            let docs = session.run(catalog, &request.text, &|| false).unwrap();
            if let Some(first) = &first {
                // A figure over the wrong rows is no figure.
                assert_eq!(first[..], docs[..first.len()], "{typed:?}: first rows");
            }
            app.update(Action::Searched {
                generation: request.generation,
                docs,
            });
            terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
            let all = t.elapsed();
            all_results.push(all);
            ahead += usize::from(first_frame.is_some());
            let took = first_frame.unwrap_or(all);
            if typed.chars().count() == 1 {
                first_letter.push(took);
            }
            slowest.push((took, typed.clone()));
            samples.push(took);
        }
        // And erased again, a letter at a time (results kept from typing).
        while typed.pop().is_some() {
            let t = Instant::now();
            session.run(catalog, &typed, &|| false).unwrap();
            samples.push(t.elapsed());
        }
    }
    println!(
        "keystroke → updated list, queries of 1–12 letters: {}",
        stats(samples)
    );
    let typed_keys = all_results.len();
    println!(
        "  all the results in and drawn (the list's first rows came ahead for {ahead} of {typed_keys} keys typed): {}",
        stats(all_results)
    );
    println!(
        "  first letter only (no narrowing): {}",
        stats(first_letter)
    );
    slowest.sort_by_key(|(took, _)| std::cmp::Reverse(*took));
    let slowest: Vec<String> = slowest
        .iter()
        .take(6)
        .map(|(took, typed)| format!("{typed:?} {}", ms(*took)))
        .collect();
    println!("  slowest keystrokes: {}", slowest.join(", "));
    // The same first keystrokes scored by fuzzy-matcher over every story (no prefilter): the
    // rows the list shows, the newest version of each.
    let matcher = SkimMatcherV2::default();
    let rows = catalog.newest_first();
    let texts: Vec<String> = rows.iter().map(|&d| search_text(catalog, d)).collect();
    let mut skim = Vec::new();
    for q in queries.iter().take(4) {
        for len in [1, 3, 6] {
            let prefix: String = q.chars().take(len).collect();
            let t = Instant::now();
            let mut hits: Vec<(i64, Doc)> = texts
                .iter()
                .enumerate()
                .filter_map(|(i, text)| matcher.fuzzy_match(text, &prefix).map(|s| (s, rows[i])))
                .collect();
            hits.sort_unstable_by_key(|h| std::cmp::Reverse(h.0));
            skim.push(t.elapsed());
        }
    }
    println!(
        "  for comparison, fuzzy-matcher scoring every story on one core: {}",
        stats(skim)
    );
}

/// What fuzzy-matcher scores a story by: the headline, place, agency and entity names,
/// lower-cased and space-separated (the texts the ranked scan reads, in one string).
fn search_text(catalog: &Catalog, doc: Doc) -> String {
    let mut text = catalog.headline_hay(doc).to_string();
    for &name in catalog.story_names(doc) {
        text.push(' ');
        text.push_str(catalog.name(name));
    }
    text
}

fn filters(catalog: &Catalog) {
    let never = || false;
    let mut by_kind: Vec<(&str, Vec<Duration>)> = Vec::new();
    for (label, field, kind) in [
        ("person:", "person", dateline::article::EntityKind::Person),
        ("place:", "place", dateline::article::EntityKind::Place),
        ("org:", "org", dateline::article::EntityKind::Organization),
    ] {
        let names: Vec<&str> = catalog
            .entities()
            .iter()
            .filter(|e| e.kind == kind)
            .step_by(7)
            .take(60)
            .map(|e| e.name.as_str())
            .collect();
        let mut samples = Vec::new();
        for name in names {
            let query = Query::parse(&format!("{field}:\"{name}\""));
            let t = Instant::now();
            let found = search::search(catalog, &query, None, &never).unwrap();
            samples.push(t.elapsed());
            assert!(!found.docs.is_empty(), "{name}");
        }
        by_kind.push((label, samples));
    }
    let dict = catalog.dictionary();
    let mut words = Vec::new();
    let step = (dict.len() / 200).max(1);
    for i in (0..dict.len()).step_by(step) {
        if let Some(w) = dict.term(i).strip_prefix(b"w") {
            words.push(String::from_utf8_lossy(w).to_string());
        }
    }
    let mut samples = Vec::new();
    for w in words.iter().take(80) {
        let query = Query::parse(&format!("text:{w}"));
        let t = Instant::now();
        search::search(catalog, &query, None, &never).unwrap();
        samples.push(t.elapsed());
    }
    by_kind.push(("text: (one word)", samples));
    let mut samples = Vec::new();
    for pair in words.chunks(2).take(40) {
        let query = Query::parse(&format!("text:\"{}\"", pair.join(" ")));
        let t = Instant::now();
        search::search(catalog, &query, None, &never).unwrap();
        samples.push(t.elapsed());
    }
    by_kind.push(("text: (two words)", samples));
    for (label, samples) in by_kind {
        println!("filter {label}: {}", stats(samples));
    }
}

fn versus_fzf(dir: &Path, archive: &Path, catalog: &Catalog) {
    let headlines = dir.join(format!(
        "headlines-g{}-{}.txt",
        dateline::synth::GENERATION,
        catalog.len()
    ));
    if !headlines.exists() {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&headlines).unwrap());
        for &d in catalog.newest_first() {
            writeln!(out, "{}", catalog.headline(d)).unwrap();
        }
    }
    let fzf = Command::new("fzf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let whole = |cmd: &mut Command| {
        let t = Instant::now();
        let out = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        let _ = out;
        t.elapsed()
    };
    for q in ["a", "port", "minister", "hrbr cls"] {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..3 {
            ours.push(whole(
                Command::new(BIN)
                    .arg("--archive")
                    .arg(archive)
                    .args(["search", q]),
            ));
            if fzf {
                theirs.push(whole(
                    Command::new("sh")
                        .arg("-c")
                        .arg(r#"fzf --filter "$0" < "$1""#)
                        .arg(q)
                        .arg(&headlines),
                ));
            }
        }
        ours.sort();
        theirs.sort();
        let theirs = theirs
            .get(1)
            .map_or_else(|| "fzf not installed".into(), |d| ms(*d));
        println!(
            "search {q:?} whole process: dateline {} · fzf --filter {theirs}",
            ms(ours[1])
        );
    }
}

fn import(dir: &Path, archive: &Path, n: usize) {
    let copy = agency_copy(dir, 4000);
    let bytes: u64 = walk(&copy)
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let fresh = dir.join("import-fresh.jsonl");
    let import = |archive: &Path| {
        let t = Instant::now();
        run(Command::new(BIN)
            .arg("--archive")
            .arg(archive)
            .arg("import")
            .arg(&copy)
            .stderr(Stdio::null()));
        t.elapsed()
    };
    let remove_index = |archive: &Path| {
        for n in 0..=dateline::catalog::file::MAX_SEGMENTS {
            let _ =
                std::fs::remove_file(dateline::catalog::file::segment_path(&index_of(archive), n));
        }
    };
    let mut samples = Vec::new();
    // One run first, untimed: the binary, the files and the allocator's first pages are then
    // as warm for the first timed run as for the others.
    for run in 0..6 {
        let _ = std::fs::remove_file(&fresh);
        remove_index(&fresh);
        let took = import(&fresh);
        if run > 0 {
            samples.push(took);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "import 4,000 files ({mb:.1} MB) into a new archive (whole process, {} threads): {}",
        rayon::current_num_threads(),
        throughput(mb, samples)
    );
    // Into the big archive: a copy of it (and its index), cut back to its first state before
    // each run. The copy is synced first: its unwritten pages are not the import's to flush.
    let big = dir.join(format!("import-into-{n}.jsonl"));
    copy_archive(archive, &big);
    let len = std::fs::metadata(archive).unwrap().len();
    let modified = std::fs::metadata(archive).unwrap().modified().unwrap();
    let mut samples = Vec::new();
    for _ in 0..5 {
        let file = std::fs::File::options().write(true).open(&big).unwrap();
        file.set_len(len).unwrap();
        file.set_modified(modified).unwrap();
        drop(file);
        for n in 1..=dateline::catalog::file::MAX_SEGMENTS {
            let _ = std::fs::remove_file(dateline::catalog::file::segment_path(&index_of(&big), n));
        }
        // Its front page too, which the import carries on (an open of the whole wrote it).
        let front = dateline::catalog::file::front_path;
        let _ = std::fs::copy(front(archive), front(&big));
        samples.push(import(&big));
    }
    println!(
        "import the same into the {n}-story archive (a new index segment): {}",
        throughput(mb, samples)
    );
    let _ = std::fs::remove_file(&big);
    let _ = std::fs::remove_file(dateline::catalog::file::front_path(&big));
    remove_index(&big);
    let _ = std::fs::remove_file(&fresh);
    remove_index(&fresh);
}

/// `dateline watch` on a copy of the `n`-line archive: drop latency, then bursts, beside
/// `dateline import` of the same files into the same archive at the same moment (the machine
/// is shared: only figures taken together compare).
fn watch(dir: &Path, archive: &Path, n: usize, catalog: &Arc<Catalog>) {
    const BURST: usize = 10_000;
    let copy = agency_copy(dir, BURST);
    let mb = walk(&copy)
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum::<u64>() as f64
        / 1e6;
    let work = dir.join("watch-work");
    let inbox = work.join("in");
    let big = work.join(format!("watch-into-{n}.jsonl"));
    // The big archive as it was, its index too, and an empty folder.
    let reset = || {
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&inbox).unwrap();
        copy_archive(archive, &big);
    };
    let staged = work.join("staged");
    // The burst copied beside the folder, and written out: its unwritten pages are not the
    // watcher's or the importer's to flush (a watcher in the idle class yields to the kernel's
    // writeback, and measured a fifth slower than `import` for it).
    let stage = || {
        run(Command::new("cp").arg("-r").arg(&copy).arg(&staged));
        run(&mut Command::new("sync"));
    };

    reset();
    let watcher = Watching::start(&big, &inbox);
    // An open reader's follower on the same archive: what it is sent is what the screen shows.
    let (tx, shown) = mpsc::channel();
    // Its catalogue as the reader opened it.
    let stamp = Stamp::of(&big);
    let (opened, _) = dateline::catalog::file::open_committed(&big, &|_| {}).unwrap();
    dateline::tui::follow::spawn(big.clone(), stamp, Arc::new(opened), tx);
    let mut latencies = Vec::new();
    let mut visible = Vec::new();
    for i in 0..20 {
        let headline = format!("Watch bench drop {i} lands");
        let text = format!(
            "{headline}\n\nNAIROBI, Dec 2, 2025 (Reuters) - Drop {i} landed in the watched folder.\n\nMore later.\n"
        );
        let tmp = inbox.join(format!(".drop-{i}.tmp"));
        std::fs::write(&tmp, text).unwrap();
        let t = Instant::now();
        std::fs::rename(&tmp, inbox.join(format!("drop-{i}.txt"))).unwrap();
        while !watcher.next().ends_with(&headline) {}
        latencies.push(t.elapsed());
        loop {
            let Ok(Input::Archive(Shared(grown))) = shown.recv_timeout(Duration::from_secs(60))
            else {
                panic!("the follower sent no catalogue");
            };
            let last = Doc::try_from(grown.len() - 1).unwrap();
            if grown.headline(last) == headline {
                break;
            }
        }
        visible.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(200));
    }
    // The follower ends when it next has something to send and nobody listens: one more drop,
    // and time for it to open the catalogue once more, so it does not run beside what follows.
    drop(shown);
    let last = inbox.join("drop-last.txt");
    std::fs::write(
        &last,
        "Watch bench last drop\n\nNAIROBI, Dec 2, 2025 (Reuters) - The last drop.\n",
    )
    .unwrap();
    while !watcher.next().ends_with("Watch bench last drop") {}
    std::thread::sleep(follow::INTERVAL * 4 + Duration::from_secs(2));
    println!(
        "watch: a file renamed into the folder until committed, {n}-line archive: {}",
        stats(latencies)
    );
    println!(
        "watch: … until an open reader has it (the follower's catalogue): {}",
        stats(visible)
    );
    watcher.stop();

    // The burst, five times, each into the big archive as it was, alternated with `import`
    // of the same files: the machine's pace drifts by a fifth within an hour, so only figures
    // taken together compare. Each watcher has started and committed a first file before
    // the burst comes; each import is a whole process, its start included.
    let (mut bursts, mut imports) = (Vec::new(), Vec::new());
    for round in 0..5 {
        reset();
        let watcher = Watching::start(&big, &inbox);
        watcher.settle(&inbox, round);
        stage();
        let t = Instant::now();
        std::fs::rename(&staged, inbox.join("burst")).unwrap();
        let (stories, took) = watcher.count(BURST, t);
        assert_eq!(stories, BURST, "the watcher printed a line a story");
        watcher.stop();
        bursts.push(took);

        reset();
        stage();
        let t = Instant::now();
        run(Command::new(BIN)
            .arg("--archive")
            .arg(&big)
            .arg("import")
            .arg(&staged)
            .stderr(Stdio::null()));
        imports.push(t.elapsed());
    }
    println!(
        "watch: {BURST} files ({mb:.1} MB) renamed in as a folder, until committed: {}",
        throughput(mb, bursts)
    );
    println!(
        "… alternated with `dateline import` of the same files into the same archive: {}",
        throughput(mb, imports)
    );

    // The burst copied into the folder by `cp -r`, as files land from a delivery client.
    let copy_in = || {
        Command::new("cp")
            .arg("-r")
            .arg(&copy)
            .arg(inbox.join("burst"))
            .spawn()
            .unwrap()
    };
    reset();
    let watcher = Watching::start(&big, &inbox);
    let t = Instant::now();
    let mut cp = copy_in();
    let copying = std::thread::spawn(move || {
        cp.wait().unwrap();
        t.elapsed()
    });
    // Typing in the reader while the watcher imports what lands.
    println!("watch: typing in the reader while the watcher imports the files `cp -r` lands:");
    keystrokes(catalog);
    println!(
        "  (typing done {:.1} s after the copy began)",
        t.elapsed().as_secs_f64()
    );
    let copied = copying.join().unwrap();
    let (stories, took) = watcher.count(BURST, t);
    println!(
        "watch: {BURST} files copied in by `cp -r` ({:.2} s), from the first until all committed: {stories} stories in {:.2} s = {:.1} MB/s",
        copied.as_secs_f64(),
        took.as_secs_f64(),
        mb / took.as_secs_f64()
    );
    watcher.stop();

    // The same typing with the burst renamed in whole (copied beforehand): the watcher's own
    // share, without a copy running beside it.
    reset();
    stage();
    let watcher = Watching::start(&big, &inbox);
    let t = Instant::now();
    std::fs::rename(&staged, inbox.join("burst")).unwrap();
    println!(
        "watch: typing in the reader while the watcher imports a burst renamed in (nothing copying beside):"
    );
    keystrokes(catalog);
    let (stories, took) = watcher.count(BURST, t);
    println!(
        "  (all {stories} committed {:.1} s after the rename: the watcher yields its cores to the typing)",
        took.as_secs_f64()
    );
    watcher.stop();

    // And the copy alone, no watcher: what delivering the files costs the typing.
    let _ = std::fs::remove_dir_all(&inbox);
    std::fs::create_dir_all(&inbox).unwrap();
    let mut cp = copy_in();
    println!("watch: typing in the reader while `cp -r` copies the burst, no watcher running:");
    keystrokes(catalog);
    cp.wait().unwrap();
    let _ = std::fs::remove_dir_all(&work);
}

/// `dateline watch` running, its stdout lines on a channel with when each was printed.
struct Watching {
    child: std::process::Child,
    lines: mpsc::Receiver<(Instant, String)>,
}

impl Watching {
    fn start(archive: &Path, inbox: &Path) -> Watching {
        let mut child = Command::new(BIN)
            .arg("--archive")
            .arg(archive)
            .arg("watch")
            .arg(inbox)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel::<(Instant, String)>();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
                if tx.send((Instant::now(), line.unwrap())).is_err() {
                    break;
                }
            }
        });
        std::thread::sleep(Duration::from_millis(500));
        Watching { child, lines }
    }

    /// Drops a first file and waits for its line: the watcher has started and caught up.
    fn settle(&self, inbox: &Path, round: usize) {
        let headline = format!("Watch bench settling {round}");
        let tmp = inbox.join(".settle.tmp");
        std::fs::write(
            &tmp,
            format!("{headline}\n\nNAIROBI, Dec 2, 2025 (Reuters) - The watcher settles.\n"),
        )
        .unwrap();
        std::fs::rename(&tmp, inbox.join(format!("settle-{round}.txt"))).unwrap();
        while !self.next().ends_with(&headline) {}
    }

    fn next(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(60))
            .expect("a line")
            .1
    }

    /// Lines until `n` (or none for 15 s), and when the last came, from `t`.
    fn count(&self, n: usize, t: Instant) -> (usize, Duration) {
        let mut seen = 0;
        let mut last = t.elapsed();
        while let Ok((at, _line)) = self.lines.recv_timeout(Duration::from_secs(15)) {
            seen += 1;
            last = at.duration_since(t);
            if seen == n {
                break;
            }
        }
        (seen, last)
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// Median and slowest of import runs, as MB/s.
fn throughput(mb: f64, mut samples: Vec<Duration>) -> String {
    samples.sort();
    let rate = |d: Duration| mb / d.as_secs_f64();
    format!(
        "median {:.2} s = {:.1} MB/s (slowest {:.1} MB/s, {} runs)",
        samples[samples.len() / 2].as_secs_f64(),
        rate(samples[samples.len() / 2]),
        rate(samples[samples.len() - 1]),
        samples.len()
    )
}

/// A folder of `n` synthetic agency copy files (`dateline bench gen N --copy`), made once.
fn agency_copy(dir: &Path, n: usize) -> PathBuf {
    let copy = dir.join(format!("copy-g{}-{n}", dateline::synth::GENERATION));
    if !copy.exists() {
        let tmp = dir.join(format!("copy-{n}.part"));
        let _ = std::fs::remove_dir_all(&tmp);
        run(Command::new(BIN)
            .args(["bench", "gen", &n.to_string(), "--seed", "7", "--copy"])
            .arg(&tmp));
        std::fs::rename(&tmp, &copy).unwrap();
    }
    copy
}

/// A copy of `archive` and its index at `to`, written out (its unwritten pages are not what
/// follows to flush) and keeping the original's time, so the index copied is fresh, not stale.
fn copy_archive(archive: &Path, to: &Path) {
    std::fs::copy(archive, to).unwrap();
    let modified = std::fs::metadata(archive).unwrap().modified().unwrap();
    let file = std::fs::File::options().write(true).open(to).unwrap();
    file.set_modified(modified).unwrap();
    file.sync_all().unwrap();
    drop(file);
    std::fs::copy(index_of(archive), index_of(to)).unwrap();
    std::fs::File::open(index_of(to))
        .unwrap()
        .sync_all()
        .unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
