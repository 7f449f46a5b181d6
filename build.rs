//! Embeds the sample stories in `assets/stories/` into the binary (a table of
//! `(file name, include_str!)` pairs that `src/embedded.rs` includes), and the gazetteer's town
//! names as a static slice with an open-addressed hash table of their places, looked up with
//! nothing to load at run time.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/extract/gazetteer/town_hash.rs"]
mod town_hash;

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
    std::fs::write(out_path("town_slots.bin"), town_slots(&names))
        .expect("write the embedded town slots");
}

/// The slots of the towns' hash table (see `town_hash`), little-endian `u32`s: each town in
/// the first free slot from where its hash points, with linear probing.
fn town_slots(names: &[&str]) -> Vec<u8> {
    use town_hash::{PLACE_BITS, SLOTS, hash, start_and_tag};
    assert!(
        names.len() < (1 << PLACE_BITS) - 1 && names.len() * 2 < SLOTS,
        "too many towns for the table's {SLOTS} slots: raise town_hash::SLOTS"
    );
    let mut slots = vec![0u32; SLOTS];
    for (place, name) in names.iter().enumerate() {
        let (mut at, tag) = start_and_tag(hash(name.as_bytes()));
        while slots[at] != 0 {
            at = (at + 1) % SLOTS;
        }
        slots[at] = tag | u32::try_from(place + 1).expect("a place fits its bits");
    }
    slots.iter().flat_map(|s| s.to_le_bytes()).collect()
}
