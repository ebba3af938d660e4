//! Replays every saved fuzz input through the fuzz targets' entry points
//! (`fuzz/harness.rs`), on stable Rust and without libFuzzer: the seeds
//! (`fuzz/seeds/<target>/`), the corpora the fuzzers grew and minimized
//! (`fuzz/corpus/<target>/`) and every input that once failed
//! (`fuzz/regressions/<target>/`). A panic fails the test; so does an
//! input that takes far longer than its kind should (a hang the fuzzer
//! found comes back as a slow test).

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The saved inputs of `target`, in name order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for kind in ["seeds", "corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
            continue;
        };
        files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8]), slowest: Duration) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no saved inputs for {target}");
    for path in files {
        let data = std::fs::read(&path).expect("read input");
        let started = Instant::now();
        // Which input failed is what a reader needs first.
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panic!("{} fails (see the panic above)", path.display());
        }
        let took = started.elapsed();
        // Generous: a debug build on a busy machine. A hang is minutes.
        assert!(took < slowest, "{} took {took:?}", path.display());
    }
}

#[test]
fn ingest() {
    replay("ingest", harness::ingest, Duration::from_secs(20));
}

#[test]
fn project() {
    replay("project", harness::project, Duration::from_secs(30));
}

#[test]
fn diff() {
    replay("diff", harness::diff, Duration::from_secs(20));
}

#[test]
fn config() {
    replay("config", harness::config, Duration::from_secs(5));
}

#[test]
fn baseline() {
    replay("baseline", harness::baseline, Duration::from_secs(5));
}

#[test]
fn fix() {
    replay("fix", harness::fix, Duration::from_secs(30));
}
