//! Embeds the sample stories in `assets/stories/` into the binary (a table of
//! `(file name, include_str!)` pairs that `src/embedded.rs` includes), and the gazetteer's town
//! names as a sorted static slice the extractor searches by halves with nothing to load.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    embed_stories();
    embed_towns();
}

fn out_path(name: &str) -> std::path::PathBuf {
    Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join(name)
}

fn embed_stories() {
    let dir = Path::new("assets/stories");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    Path::new(n)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut table = String::from("&[\n");
    for name in &names {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(name);
        let _ = writeln!(table, "    ({name:?}, include_str!({:?})),", path.display());
    }
    table.push(']');
    std::fs::write(out_path("stories.rs"), table).expect("write the embedded story table");
}

/// `towns.tsv` (`#` comments, then `name<TAB>country` lines in byte order) as `&[&str]` of
/// the names, checked to be in byte order so a search by halves finds every one.
fn embed_towns() {
    let path = "assets/gazetteer/towns.tsv";
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("read assets/gazetteer/towns.tsv");
    let names: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "{path}: names are not in byte order (run scripts/gazetteer/build.py)"
    );
    let mut table = String::with_capacity(text.len() + names.len() * 4);
    table.push_str("&[\n");
    for name in &names {
        let _ = writeln!(table, "{name:?},");
    }
    table.push(']');
    std::fs::write(out_path("towns.rs"), table).expect("write the embedded town table");
}
