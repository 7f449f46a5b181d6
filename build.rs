//! Embeds the sample stories in `assets/stories/` into the binary: writes a table of
//! `(file name, include_str!)` pairs that `src/embedded.rs` includes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
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
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("stories.rs");
    std::fs::write(out, table).expect("write the embedded story table");
}
