//! What the benchmarks share: the yardstick (a bare parse of the files),
//! the corpora they generate from the bundled documents, and timing.

// Each benchmark is its own crate and uses part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{Event, Options, Parser};

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The median wall time of `runs` calls of `f`.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// What any tool reading these files must do at least: read each file,
/// parse its Markdown, and parse each HTML table.
pub fn bare_pass(files: &[PathBuf]) {
    let mut cells = 0usize;
    for path in files {
        let text = std::fs::read_to_string(path).expect("bench file reads");
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
            match event {
                Event::Start(pulldown_cmark::Tag::TableCell) => cells += 1,
                Event::Html(html) if html.contains("<table") => {
                    let start = range.start;
                    let end = text[start..]
                        .find("</table>")
                        .map_or(text.len(), |e| start + e + "</table>".len());
                    let fragment = scraper::Html::parse_fragment(&text[start..end]);
                    cells += fragment.tree.nodes().count();
                }
                _ => {}
            }
        }
    }
    std::hint::black_box(cells);
}

/// `documents` copies of the seed documents, alternating between them, each
/// with all its locale files (kept from an earlier run when already there).
pub fn generate(seeds: &Path, target: &Path, documents: usize) {
    if markdown_files(target).len() >= documents {
        return;
    }
    let _ = std::fs::remove_dir_all(target);
    let mut seed_documents: Vec<PathBuf> = std::fs::read_dir(seeds)
        .expect("sources/ reads")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    seed_documents.sort();
    for i in 0..documents {
        let seed = &seed_documents[i % seed_documents.len()];
        copy_tree(seed, &target.join(format!("doc-{i:05}")));
    }
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The `.md` files under `dir`, sorted (none if `dir` does not exist).
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}
