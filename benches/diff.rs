//! Times the diff engine on two 1,000-document datasets in which every
//! description changed, against a `check` of one of them, and compares
//! peak memory with a `build`'s.
//!
//! The binary runs as users run it, one process a run (wall time, the
//! process's own peak resident memory): `check --format json` and `build`
//! of one side, and `diff OLD NEW --format json`. Then the engine's steps
//! are timed one by one in this process.
//!
//! The corpus is the build benchmark's: the seed documents replicated
//! under `target/bench/synthetic-N` (generated here when absent). The
//! other side, `target/bench/synthetic-N-reworded`, is the same files with
//! every description, in every locale, starting with a new word, so the
//! diff has a change per record and a word diff per description. The
//! in-process steps reword the snapshot in memory instead (a word
//! inserted, one replaced).
//!
//! `cargo bench --bench diff`; `ERRDOCS_BENCH_DOCS=N` changes the count.

mod common;

use common::{generate, markdown_files};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use errdocs::diff::{self, FindingsDiff, FingerprintedFinding, Snapshot};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let documents: usize = std::env::var("ERRDOCS_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let corpus = root.join(format!("target/bench/synthetic-{documents}"));
    generate(&root.join("sources"), &corpus.join("sources"), documents);
    let runs = 5;
    let reworded_corpus = root.join(format!("target/bench/synthetic-{documents}-reworded"));
    generate_reworded(&corpus, &reworded_corpus);

    println!("errdocs diff benchmark (release build; median of {runs} runs, 3 for processes)");
    let (cli_check, check_peak) = median_process(
        3,
        &["check", "--format", "json", "--fail-on", "never", "--root"],
        &[&corpus],
    );
    let (cli_build, build_peak) = median_process(1, &["build", "--root"], &[&corpus]);
    let (cli_diff, diff_peak) = median_process(
        3,
        &["diff", "--format", "json"],
        &[&corpus, &reworded_corpus],
    );
    println!(
        "  errdocs check --format json:             {:>7.0} ms wall, peak {} MB",
        ms(cli_check),
        check_peak / 1024
    );
    println!(
        "  errdocs build:                           {:>7.0} ms wall, peak {} MB (two builds: {} MB)",
        ms(cli_build),
        build_peak / 1024,
        2 * build_peak / 1024
    );
    println!(
        "  errdocs diff OLD NEW --format json:      {:>7.0} ms wall = {:.2} checks, peak {} MB = {:.2} builds",
        ms(cli_diff),
        cli_diff.as_secs_f64() / cli_check.as_secs_f64(),
        diff_peak / 1024,
        diff_peak as f64 / build_peak as f64
    );
    let check = median(runs, || {
        let project = errdocs::Project::load(&corpus).expect("the corpus loads");
        std::hint::black_box(project.build_check().findings.len());
    });
    println!("  in process, load + check of one side:    {check}");

    let project = errdocs::Project::load(&corpus).expect("the corpus loads");
    let findings = project.build_check().findings;
    let prints = errdocs::diagnostic::fingerprints(&project, &findings);
    let fingerprinted = FingerprintedFinding::pair_with_rows(findings, prints, &project);
    let old = Snapshot::from_dataset(&project.dataset);
    let records = old.records.len();
    let descriptions: usize = old.records.iter().map(|r| r.descriptions.len()).sum();
    let new = reworded(&old);
    let dataset_json = errdocs::emit::render_json(&project.dataset);
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

/// Runs the errdocs binary with `args` then `paths`, its output
/// discarded, `runs` times: the median wall time and the largest peak
/// resident memory (kB) of those processes.
fn median_process(runs: usize, args: &[&str], paths: &[&Path]) -> (Duration, u64) {
    let mut peak = 0;
    let mut walls: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
                .args(args)
                .args(paths)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("errdocs runs");
            let (code, maxrss) = wait_with_peak(child);
            assert!(
                code == 0 || code == 1,
                "errdocs {args:?} failed with {code}"
            );
            peak = peak.max(maxrss);
            start.elapsed()
        })
        .collect();
    walls.sort();
    (walls[runs / 2], peak)
}

/// Waits for `child`: its exit code and its own peak resident memory (kB).
fn wait_with_peak(child: std::process::Child) -> (i32, u64) {
    let pid = child.id() as libc::pid_t;
    // SAFETY: wait4 writes the status and the struct it is given; the
    // child is ours and not waited for elsewhere.
    let (status, usage) = unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &mut status, 0, &mut usage);
        (status, usage)
    };
    std::mem::forget(child);
    (libc::WEXITSTATUS(status), usage.ru_maxrss.max(0) as u64)
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

/// A copy of the corpus at `from` in which every description, in every
/// locale, starts with a new word: the last cell of each pipe-table row
/// and of each HTML table row (the seeds' layouts).
fn generate_reworded(from: &Path, to: &Path) {
    if markdown_files(to).len() >= markdown_files(from).len() {
        return;
    }
    let _ = std::fs::remove_dir_all(to);
    reword_tree(from, to);
}

fn reword_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            reword_tree(&entry.path(), &target);
        } else {
            let text = std::fs::read_to_string(entry.path()).expect("UTF-8");
            std::fs::write(&target, reword_text(&text)).expect("write");
        }
    }
}

fn reword_text(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The last cell of each HTML row: the nearest `<td` line before `</tr>`.
    let mut last_cells = vec![false; lines.len()];
    let mut last_td = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("<td") {
            last_td = Some(i);
        }
        if trimmed.starts_with("</tr")
            && let Some(td) = last_td.take()
        {
            last_cells[td] = true;
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (line, last_cell) in lines.into_iter().zip(last_cells) {
        let trimmed = line.trim_end();
        let is_row = trimmed.starts_with('|') && trimmed.ends_with('|') && !trimmed.contains("---");
        let insert_at = if last_cell {
            line.find('>').map(|open| open + 1)
        } else if is_row {
            trimmed[..trimmed.len() - 1].rfind('|').map(|bar| bar + 1)
        } else {
            None
        };
        match insert_at {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push_str("Now ");
                out.push_str(&line[at..]);
            }
            None => out.push_str(line),
        }
    }
    out
}
