//! Times the diff engine on two 1,000-document datasets in which every
//! description changed, against a `check` of one of them, and compares
//! peak memory with a `build`'s.
//!
//! References: the errdocs binary's `check --format json` and `build`, one
//! process a run (time, peak resident memory). The diff: what `errdocs diff
//! OLD NEW` will do, emulated in a fresh process of this benchmark (each
//! side loaded, checked and fingerprinted, its snapshot made to own its
//! text and the project freed; then compare and the JSON report), and the
//! engine's steps timed one by one in this process.
//!
//! The corpus is the build benchmark's: the seed documents replicated
//! under `target/bench/synthetic-N` (generated here when absent). The
//! second side is the first with every description, in every locale,
//! reworded in memory (a word inserted, one replaced), so the diff has a
//! change per record and a word diff per description.
//!
//! `cargo bench --bench diff`; `ERRDOCS_BENCH_DOCS=N` changes the count.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use errdocs::diff::{self, FindingsDiff, FingerprintedFinding, Snapshot};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Ok(corpus) = std::env::var(FLOW) {
        command_flow(Path::new(&corpus));
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let documents: usize = std::env::var("ERRDOCS_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let corpus = root.join(format!("target/bench/synthetic-{documents}"));
    generate(&root.join("sources"), &corpus.join("sources"), documents);
    let runs = 5;

    println!("errdocs diff benchmark (release build; median of {runs} runs, 3 for processes)");
    let cli_check = median(3, || {
        run_binary(
            &["check", "--format", "json", "--fail-on", "never", "--root"],
            &corpus,
        )
    });
    let check_peak = children_peak_kb();
    let cli_build = median(1, || run_binary(&["build", "--root"], &corpus));
    let build_peak = children_peak_kb().max(check_peak);
    println!(
        "  errdocs check --format json (binary):    {:>7.0} ms wall, peak {} MB",
        ms(cli_check.wall),
        check_peak / 1024
    );
    println!(
        "  errdocs build (binary):                  {:>7.0} ms wall, peak {} MB (two builds: {} MB)",
        ms(cli_build.wall),
        build_peak / 1024,
        2 * build_peak / 1024
    );
    let flow = median(3, || {
        let output = std::process::Command::new(std::env::current_exe().expect("own path"))
            .env(FLOW, &corpus)
            .output()
            .expect("the benchmark runs itself");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        print!("{}", String::from_utf8_lossy(&output.stdout));
    });
    println!(
        "  diff OLD NEW, emulated:                  {:>7.0} ms wall = {:.2} checks",
        ms(flow.wall),
        flow.wall.as_secs_f64() / cli_check.wall.as_secs_f64()
    );
    let check = median(runs, || {
        let project = errdocs::Project::load(&corpus).expect("the corpus loads");
        std::hint::black_box(project.build_check().findings.len());
    });
    println!("  in process, load + check of one side:    {check}");

    let project = errdocs::Project::load(&corpus).expect("the corpus loads");
    let findings = project.build_check().findings;
    let prints = errdocs::diagnostic::fingerprints(&project, &findings);
    let fingerprinted = FingerprintedFinding::pair(findings, prints);
    let old = Snapshot::from_dataset(&project.dataset);
    let records = old.records.len();
    let descriptions: usize = old.records.iter().map(|r| r.descriptions.len()).sum();
    let new = reworded(&old);
    let dataset_json = errdocs::emit::json::render(&project.dataset);
    println!(
        "  {documents} documents, {records} records, {descriptions} descriptions, all reworded"
    );

    let snapshot = median(runs, || {
        std::hint::black_box(Snapshot::from_dataset(&project.dataset).records.len());
    });
    let findings = median(runs, || {
        let findings = FindingsDiff::compare(fingerprinted.clone(), fingerprinted.clone());
        std::hint::black_box(findings.introduced.len());
    });
    let from_file = median(runs, || {
        let snapshot = Snapshot::from_json(&dataset_json, Path::new("error-codes.json"))
            .expect("the dataset reads");
        std::hint::black_box(snapshot.records.len());
    });
    let compare = median(runs, || {
        std::hint::black_box(diff::compare(&old, &new).changes.len());
    });
    let the_diff = diff::compare(&old, &new);
    assert_eq!(the_diff.summary.changed, records);
    let json = median(runs, || {
        let mut out = Counting::default();
        diff::render::json::write(&the_diff, &mut out).expect("writes");
        std::hint::black_box(out.0);
    });
    let no_words = diff::render::json::JsonOptions { words: false };
    let json_without_words = median(runs, || {
        let mut out = Counting::default();
        diff::render::json::write_with(&the_diff, &mut out, &no_words).expect("writes");
        std::hint::black_box(out.0);
    });
    let markdown = median(runs, || {
        let mut out = Counting::default();
        diff::render::markdown::write(&the_diff, &mut out, &Default::default()).expect("writes");
        std::hint::black_box(out.0);
    });
    let human = median(runs, || {
        let mut out = Counting::default();
        diff::render::human::write(&the_diff, &mut out, Default::default()).expect("writes");
        std::hint::black_box(out.0);
    });
    let mut json_bytes = Counting::default();
    diff::render::json::write(&the_diff, &mut json_bytes).expect("writes");

    let mb = json_bytes.0 as f64 / 1e6;
    println!("  snapshot of a dataset in memory:         {snapshot}");
    println!(
        "  snapshot read from error-codes.json ({:.0} MB): {from_file}",
        dataset_json.len() as f64 / 1e6
    );
    println!(
        "  findings compared ({} a side):      {findings}",
        fingerprinted.len()
    );
    println!("  compare (match, fields, stale):          {compare}");
    println!("  render json, word diffs ({mb:.0} MB):       {json}");
    println!("  render json without word diffs:          {json_without_words}");
    println!("  render markdown (65,536 characters):     {markdown}");
    println!("  render human (every word diff):          {human}");
    let engine = 2 * snapshot + compare + json;
    println!(
        "  engine (2 snapshots + compare + json):   {engine} = {:.2} of a check's wall time, {:.2} of its CPU time",
        engine.wall.as_secs_f64() / check.wall.as_secs_f64(),
        engine.cpu.as_secs_f64() / check.cpu.as_secs_f64()
    );
}

/// The environment variable that makes this benchmark run the emulated
/// command on the corpus it names, in its own process.
const FLOW: &str = "ERRDOCS_DIFF_BENCH_FLOW";

/// What `errdocs diff OLD NEW` will do, on the corpus against itself with
/// every description reworded: per side, load, check, fingerprint, keep an
/// owned snapshot and free the project; then compare, and write the JSON
/// report. Prints the phases and the process's peak memory.
fn command_flow(corpus: &Path) {
    let start = Instant::now();
    let side = |reword: bool| {
        let project = errdocs::Project::load(corpus).expect("the corpus loads");
        let findings = project.build_check().findings;
        let prints = errdocs::diagnostic::fingerprints(&project, &findings);
        let snapshot = Snapshot::from_dataset(&project.dataset);
        let snapshot = if reword {
            reworded(&snapshot)
        } else {
            snapshot
        };
        // The snapshot shares its text with the project, and outlives it.
        drop(project);
        (snapshot, FingerprintedFinding::pair(findings, prints))
    };
    let (old, old_findings) = side(false);
    let old_done = start.elapsed();
    let (new, new_findings) = side(true);
    let sides_done = start.elapsed();
    let the_diff =
        diff::compare(&old, &new).with_findings(FindingsDiff::compare(old_findings, new_findings));
    let mut out = Counting::default();
    diff::render::json::write(&the_diff, &mut out).expect("writes");
    let total = start.elapsed();
    println!(
        "    emulated diff: old side {:.0} ms, new side {:.0} ms, compare + json {:.0} ms; peak {}",
        ms(old_done),
        ms(sides_done - old_done),
        ms(total - sides_done),
        peak_memory().unwrap_or_default()
    );
}

/// Runs the errdocs binary with `args` and `corpus`, its output discarded.
fn run_binary(args: &[&str], corpus: &Path) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(args)
        .arg(corpus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("errdocs runs");
    assert!(
        status.success() || status.code() == Some(1),
        "errdocs {args:?} failed"
    );
}

/// The largest peak resident memory of the child processes so far, in kB.
fn children_peak_kb() -> u64 {
    // SAFETY: getrusage writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    usage.ru_maxrss.max(0) as u64
}

/// A copy of `old` with every description reworded: a word inserted at
/// the start, the last word replaced.
fn reworded(old: &Snapshot) -> Snapshot {
    let mut new = old.clone();
    for record in &mut new.records {
        for description in &mut record.descriptions {
            let text = &description.text;
            let cut = text.trim_end().rfind(' ').unwrap_or(0);
            description.text = Arc::from(format!("Now {} changed.", &text[..cut]));
        }
    }
    new
}

/// A writer that counts bytes.
#[derive(Default)]
struct Counting(usize);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Wall-clock and CPU time (all threads) of a run.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Time {
    wall: Duration,
    cpu: Duration,
}

impl std::ops::Add for Time {
    type Output = Time;
    fn add(self, other: Time) -> Time {
        Time {
            wall: self.wall + other.wall,
            cpu: self.cpu + other.cpu,
        }
    }
}

impl std::ops::Mul<Time> for u32 {
    type Output = Time;
    fn mul(self, time: Time) -> Time {
        Time {
            wall: time.wall * self,
            cpu: time.cpu * self,
        }
    }
}

impl std::fmt::Display for Time {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>7.0} ms wall {:>7.0} ms CPU",
            ms(self.wall),
            ms(self.cpu)
        )
    }
}

/// The process's CPU time so far, user and system, every thread.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The median of each, over `runs` runs (the machine may be shared: the
/// CPU times are the steadier figure).
fn median(runs: usize, mut f: impl FnMut()) -> Time {
    let (mut walls, mut cpus): (Vec<Duration>, Vec<Duration>) = (0..runs)
        .map(|_| {
            let (start, cpu) = (Instant::now(), cpu_time());
            f();
            (start.elapsed(), cpu_time() - cpu)
        })
        .unzip();
    walls.sort();
    cpus.sort();
    Time {
        wall: walls[runs / 2],
        cpu: cpus[runs / 2],
    }
}

/// The process's peak resident memory (Linux).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_string())
}

/// `documents` copies of the seed documents, alternating between them (as
/// the build benchmark makes them).
fn generate(seeds: &Path, target: &Path, documents: usize) {
    if markdown_files(target) >= documents {
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

fn copy_tree(from: &Path, to: &Path) {
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

fn markdown_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                markdown_files(&path)
            } else {
                usize::from(path.extension().is_some_and(|e| e == "md"))
            }
        })
        .sum()
}
