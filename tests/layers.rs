//! The house has no import circles: no file imports a file that imports it back (directly or
//! round a longer loop), and no folder does either. Read from the source itself: every
//! `crate::…`, `super::…` and `self::…` path, every `use` tree, and every path that starts
//! with a child module's name, resolved to the module file it lands in. Test code
//! (`#[cfg(test)]` modules) is left out: tests may reach anywhere.
//!
//! A parent module file that calls `child::f` imports the child; a child that uses
//! `super::Item` defined in its parent imports the parent. So a folder's own file declares and
//! dispatches, and what its children share lives in a child of its own.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// A module path inside one crate: `["ingest", "lead"]`.
type Module = Vec<String>;

struct Crate {
    /// Module → its file's source, test modules cut out.
    files: BTreeMap<Module, String>,
}

impl Crate {
    /// Reads a crate from its root file, following `mod` declarations (test-only ones skipped).
    fn read(root: &Path) -> Crate {
        let mut files = BTreeMap::new();
        load(root, Vec::new(), &mut files);
        Crate { files }
    }

    /// The longest prefix of `path` that is a module of this crate.
    fn resolve(&self, path: &[String]) -> Option<Module> {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|m| self.files.contains_key(m))
    }

    /// Which modules each module's file refers to.
    fn edges(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut edges = BTreeMap::new();
        for (module, source) in &self.files {
            let children: BTreeSet<String> = self
                .files
                .keys()
                .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
                .map(|m| m[module.len()].clone())
                .collect();
            let mut targets = BTreeSet::new();
            for path in paths(source) {
                let absolute = absolute(module, &path, &children);
                if let Some(target) = absolute.and_then(|p| self.resolve(&p))
                    && &target != module
                {
                    targets.insert(target);
                }
            }
            edges.insert(module.clone(), targets);
        }
        edges
    }
}

/// Reads `file` as `module` and the files of the modules it declares.
fn load(file: &Path, module: Module, files: &mut BTreeMap<Module, String>) {
    let source =
        std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let source = without_tests(&source);
    let declared = Regex::new(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;").unwrap();
    let dir: PathBuf = match file.file_stem().and_then(|s| s.to_str()) {
        Some("lib" | "main" | "mod") => file.parent().unwrap().to_path_buf(),
        Some(stem) => file.parent().unwrap().join(stem),
        None => unreachable!(),
    };
    for caps in declared.captures_iter(&source) {
        let name = caps[1].to_string();
        let child = [
            dir.join(format!("{name}.rs")),
            dir.join(&name).join("mod.rs"),
        ]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{}: no file for `mod {name}`", file.display()));
        let mut path = module.clone();
        path.push(name);
        load(&child, path, files);
    }
    files.insert(module, source);
}

/// The source without `#[cfg(test)]` items: an inline `mod tests { … }` (cut to its closing
/// brace) or a `mod tests;` declaration.
fn without_tests(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let semicolon = after.find(';');
        let brace = after.find('{');
        rest = match (semicolon, brace) {
            (Some(s), Some(b)) if s < b => &after[s + 1..],
            (Some(s), None) => &after[s + 1..],
            (_, Some(b)) => {
                let mut depth = 0usize;
                let mut end = after.len();
                for (i, c) in after[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                &after[end..]
            }
            (None, None) => "",
        };
    }
    out.push_str(rest);
    out
}

/// Every path the source names: `use` trees expanded, and paths in code.
fn paths(source: &str) -> Vec<Vec<String>> {
    let code = strip_comments_and_strings(source);
    let mut out = Vec::new();
    let uses = Regex::new(r"(?s)\buse\s+([^;]+);").unwrap();
    for caps in uses.captures_iter(&code) {
        expand(caps[1].trim(), &mut Vec::new(), &mut out);
    }
    let inline = Regex::new(r"(?:^|[^\w:])((?:[A-Za-z_]\w*::)+[A-Za-z_]\w*)").unwrap();
    let without_uses = uses.replace_all(&code, "");
    for caps in inline.captures_iter(&without_uses) {
        out.push(caps[1].split("::").map(str::to_string).collect());
    }
    out
}

/// Expands a `use` tree (`crate::a::{b, c::{d, e}}`) into paths.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let depth = prefix.len();
        prefix.extend(head);
        for part in split_top_level(inner) {
            expand(part, prefix, out);
        }
        prefix.truncate(depth);
    } else {
        let mut path = prefix.clone();
        let tree = tree.split(" as ").next().unwrap_or(tree);
        path.extend(
            tree.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "self" && *s != "*")
                .map(str::to_string),
        );
        out.push(path);
    }
}

fn split_top_level(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// Comments and string literals blanked out, so their words are not taken for paths.
fn strip_comments_and_strings(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                j += 1;
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
            } else {
                out.push(c);
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            // A char literal such as '{' (lifetimes have no closing quote there).
            out.push_str("' '");
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            let mut j = i + 2;
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A path as seen from `module`, made absolute within the crate; `None` for other crates
/// and for names that are not a child module (locals, types, enum variants).
fn absolute(module: &[String], path: &[String], children: &BTreeSet<String>) -> Option<Module> {
    let first = path.first()?;
    match first.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "self" => Some(module.iter().chain(&path[1..]).cloned().collect()),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            Some(base.into_iter().chain(rest.iter().cloned()).collect())
        }
        name if children.contains(name) => Some(module.iter().chain(path).cloned().collect()),
        _ => None,
    }
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate root".to_string()
    } else {
        module.join("::")
    }
}

/// The strongly connected groups of more than one node (Tarjan).
fn cycles<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    struct State<N> {
        index: BTreeMap<N, usize>,
        low: BTreeMap<N, usize>,
        stack: Vec<N>,
        on_stack: BTreeSet<N>,
        found: Vec<Vec<N>>,
    }
    fn visit<N: Ord + Clone>(v: &N, edges: &BTreeMap<N, BTreeSet<N>>, s: &mut State<N>) {
        let i = s.index.len();
        s.index.insert(v.clone(), i);
        s.low.insert(v.clone(), i);
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        for w in edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, edges, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                group.push(w);
                if done {
                    break;
                }
            }
            if group.len() > 1 {
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v) {
            visit(v, edges, &mut state);
        }
    }
    state.found
}

/// Folder-level circles: under each module, its children's subtrees are nodes, and an import
/// from anywhere in one subtree to anywhere in another joins them. (A loop through a parent's
/// own file is a file-level circle, found above.)
fn folder_cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<(Module, Vec<String>)> {
    let parents: BTreeSet<Module> = edges
        .keys()
        .filter(|m| !m.is_empty())
        .map(|m| m[..m.len() - 1].to_vec())
        .collect();
    let mut found = Vec::new();
    for parent in parents {
        let subtree = |m: &Module| -> Option<String> {
            (m.len() > parent.len() && m.starts_with(&parent)).then(|| m[parent.len()].clone())
        };
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, targets) in edges {
            let Some(a) = subtree(from) else { continue };
            for b in targets.iter().filter_map(subtree) {
                if a != b {
                    graph.entry(a.clone()).or_default().insert(b);
                }
            }
        }
        for group in cycles(&graph) {
            found.push((parent.clone(), group));
        }
    }
    found
}

fn check(root: &str) -> Vec<String> {
    let krate = Crate::read(Path::new(root));
    let edges = krate.edges();
    let mut problems = Vec::new();
    for group in cycles(&edges) {
        let mut names: Vec<String> = group.iter().map(|m| name(m)).collect();
        names.sort();
        problems.push(format!(
            "{root}: files import each other round a loop: {}",
            names.join(", ")
        ));
    }
    for (parent, mut group) in folder_cycles(&edges) {
        group.sort();
        problems.push(format!(
            "{root}: under {}, folders import each other round a loop: {}",
            name(&parent),
            group.join(", ")
        ));
    }
    problems
}

#[test]
fn no_import_circles_in_the_library() {
    let problems = check("src/lib.rs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_import_circles_in_the_binary() {
    let problems = check("src/main.rs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_circles() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    for folder in ["a", "x"] {
        std::fs::create_dir_all(src.join(folder)).unwrap();
    }
    let write = |file: &str, text: &str| std::fs::write(src.join(file), text).unwrap();
    write("lib.rs", "pub mod a;\npub mod b;\npub mod x;\npub mod y;\n");
    // A parent calling its child, which uses an item of the parent's file.
    write(
        "a.rs",
        "mod inner;\npub fn f() { inner::g(); }\npub struct Shared;\n",
    );
    write("a/inner.rs", "use super::Shared;\npub fn g() {}\n");
    // Only a test reaches back: not a circle.
    write(
        "b.rs",
        "use crate::{a::{self, Shared}};\n#[cfg(test)]\nmod tests { use crate::b::*; }\n",
    );
    // Two folders reaching into each other through different files.
    write("x.rs", "pub mod one;\npub mod two;\n");
    write(
        "x/one.rs",
        "// crate::nothing::here in a comment\npub fn f() { crate::y::g(); }\n",
    );
    write("x/two.rs", "pub fn h() {}\n");
    write(
        "y.rs",
        "pub fn g() { let _ = \"crate::a::f\"; crate::x::two::h(); }\n",
    );
    let problems = check(src.join("lib.rs").to_str().unwrap());
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("files import each other round a loop: a, a::inner"),
        "{problems:#?}"
    );
    assert!(
        problems[1].contains("under crate root, folders import each other round a loop: x, y"),
        "{problems:#?}"
    );
}
