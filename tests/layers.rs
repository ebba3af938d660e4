//! The modules form layers, each importing only those below it, and no
//! files import each other in a circle. Read from the source: every
//! `crate::` path (in `use` lines and in code) must name a lower layer than
//! the file's own, and the `use` lines of the files must form no circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules, bottom layer first. Modules on one line share a
/// layer and must not import each other.
const LAYERS: &[&[&str]] = &[
    &["safe_text"],
    &["error", "threads", "pretty_json", "interrupt"],
    &["source"],
    &["diagnostic"],
    &["model"],
    &["reference"],
    &["config"],
    &["corpus"],
    &["ingest"],
    &["normalize"],
    &["check"],
    &["report", "emit", "diff", "fix"],
    &["project"],
    &["commands"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/check/rules/mod.rs` -> `["check", "rules"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The items lib.rs re-exports at the crate root, with their modules
/// (`crate::Project` is `crate::project::Project`); a test below keeps the
/// list equal to lib.rs's `pub use` lines.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Project", "project"),
];

/// The module paths a piece of path text names, from `prefix` (the module
/// the path starts in): `a::b::{c, d::e}` gives `a::b::c` and `a::b::d::e`.
fn expand(prefix: &[String], text: &str) -> Vec<Vec<String>> {
    let mut path = prefix.to_vec();
    let mut rest = text;
    loop {
        let end = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
        let ident = &rest[..end];
        // lib.rs's re-exports name the module they come from.
        if path.is_empty()
            && let Some(module) = ROOT_REEXPORTS
                .iter()
                .find(|(name, _)| *name == ident)
                .map(|(_, module)| *module)
        {
            return vec![vec![module.to_string()]];
        }
        if ident.is_empty() || !ident.starts_with(|c: char| c.is_ascii_lowercase()) {
            return vec![path];
        }
        path.push(ident.to_string());
        rest = &rest[end..];
        let Some(after) = rest.strip_prefix("::") else {
            return vec![path];
        };
        rest = after;
        if let Some(group) = rest.strip_prefix('{') {
            // Split at the group's top-level commas.
            let mut depth = 0;
            let mut items = Vec::new();
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        items.push(&group[start..i]);
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&group[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            return items
                .into_iter()
                .flat_map(|item| expand(&path, item.trim()))
                .collect();
        }
    }
}

/// The module paths that `text` names through `crate::` and `super::`.
fn referenced(own: &[String], text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let before_ok = i == 0 || !text[..i].ends_with(is_ident_char);
        if before_ok && rest.starts_with("crate::") {
            found.extend(expand(&[], &rest["crate::".len()..]));
            i += "crate::".len();
        } else if before_ok && rest.starts_with("super::") {
            // Each `super` is the parent of the module the path is in.
            let mut base: Vec<String> = own.to_vec();
            let mut tail = rest;
            while let Some(t) = tail.strip_prefix("super::") {
                base.pop();
                tail = t;
            }
            let consumed = rest.len() - tail.len();
            found.extend(expand(&base, tail));
            i += consumed;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// The `use` declarations of a file (a declaration may span lines).
fn use_declarations(text: &str) -> Vec<String> {
    let mut declarations = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if current.is_none() && (trimmed.starts_with("use ") || trimmed.starts_with("pub use ")) {
            current = Some(String::new());
        }
        if let Some(declaration) = current.as_mut() {
            declaration.push_str(trimmed);
            declaration.push(' ');
            if trimmed.ends_with(';') {
                declarations.extend(current.take());
            }
        }
    }
    declarations
}

struct SourceFile {
    module: Vec<String>,
    text: String,
}

fn sources() -> BTreeMap<PathBuf, SourceFile> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("read source");
            // Tests may reach anywhere: a file's test module is left out
            // (from its `#[cfg(test)] mod` on; a `#[cfg(test)]` helper
            // before it is not the end of the file's code).
            let text = match text.find("#[cfg(test)]\nmod ") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            let module = module_path(&src, &f);
            (f, SourceFile { module, text })
        })
        .collect()
}

#[test]
fn every_module_imports_only_lower_layers() {
    let mut wrong = Vec::new();
    for (path, file) in sources() {
        let Some(own) = file.module.first() else {
            continue; // lib.rs declares the modules
        };
        let own_layer = layer_of(own).unwrap_or_else(|| panic!("{own} has no layer in LAYERS"));
        for target in referenced(&file.module, &file.text) {
            let Some(top) = target.first() else { continue };
            if top == own {
                continue;
            }
            match layer_of(top) {
                Some(layer) if layer < own_layer => {}
                _ => wrong.push(format!(
                    "{} uses crate::{}",
                    path.display(),
                    target.join("::")
                )),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports that do not run downwards:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let files = sources();
    let by_module: BTreeMap<Vec<String>, &PathBuf> =
        files.iter().map(|(p, f)| (f.module.clone(), p)).collect();
    // The file a path lands in: the longest prefix of it that is a module.
    let file_of = |path: &[String]| {
        (0..=path.len())
            .rev()
            .find_map(|n| by_module.get(&path[..n]).copied())
    };
    let mut edges: BTreeMap<&PathBuf, BTreeSet<&PathBuf>> = BTreeMap::new();
    for (path, file) in &files {
        for declaration in use_declarations(&file.text) {
            for target in referenced(&file.module, &declaration) {
                if let Some(to) = file_of(&target)
                    && to != path
                {
                    edges.entry(path).or_default().insert(to);
                }
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit<'a>(
        node: &'a PathBuf,
        edges: &BTreeMap<&'a PathBuf, BTreeSet<&'a PathBuf>>,
        state: &mut BTreeMap<&'a PathBuf, bool>,
        stack: &mut Vec<&'a PathBuf>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(true) => return None,
            Some(false) => {
                let start = stack.iter().position(|n| *n == node).unwrap_or(0);
                return Some(
                    stack[start..]
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect(),
                );
            }
            None => {}
        }
        state.insert(node, false);
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, state, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        state.insert(node, true);
        None
    }
    let mut state = BTreeMap::new();
    for node in files.keys() {
        if let Some(circle) = visit(node, &edges, &mut state, &mut Vec::new()) {
            panic!(
                "files import each other in a circle: {}",
                circle.join(" -> ")
            );
        }
    }
}

#[test]
fn the_reader_sees_paths_in_groups() {
    let own = vec!["check".to_string(), "rules".to_string(), "x".to_string()];
    let found = referenced(
        &own,
        "use crate::check::{context::Context, rule::Rule}; use super::y::Z; crate::model::HResult",
    );
    let joined: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        ["check::context", "check::rule", "check::rules::y", "model"]
    );
}

#[test]
fn the_root_reexports_are_the_ones_lib_rs_declares() {
    let lib = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("read lib.rs");
    let mut declared: Vec<(String, String)> = Vec::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("pub use ")) {
        let line = line.trim_end_matches(';');
        let (module, items) = line.split_once("::").expect("pub use module::items");
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            declared.push((item.trim().to_string(), module.to_string()));
        }
    }
    let mut listed: Vec<(String, String)> = ROOT_REEXPORTS
        .iter()
        .map(|(item, module)| (item.to_string(), module.to_string()))
        .collect();
    declared.sort();
    listed.sort();
    assert_eq!(declared, listed);
}

/// The layers lib.rs's crate documentation lists, bottom first: the module
/// links (`` [`model`] ``, `` [`reference`](mod@reference) ``) of each
/// numbered item, with the lines that continue it.
fn layers_in_lib_rs_doc() -> Vec<Vec<String>> {
    let lib = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("read lib.rs");
    let mut layers: Vec<Vec<String>> = Vec::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("//!")) {
        let text = line.trim_start();
        let numbered = text
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            layers.push(Vec::new());
        }
        let Some(layer) = layers.last_mut() else {
            continue;
        };
        let mut rest = text;
        while let Some(start) = rest.find("[`") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("`]") else { break };
            let name = &after[..end];
            if name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                layer.push(name.to_string());
            }
            rest = &after[end + 2..];
        }
    }
    layers
}

#[test]
fn lib_rs_lists_the_layers_this_test_enforces() {
    let expected: Vec<Vec<String>> = LAYERS
        .iter()
        .map(|layer| layer.iter().map(|m| m.to_string()).collect())
        .collect();
    assert_eq!(layers_in_lib_rs_doc(), expected);
}
