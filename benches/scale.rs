//! Speed and memory at scale, in one run, against a yardstick measured in
//! the same run: a bare pass that only parses each file with pulldown-cmark
//! and each HTML table with scraper, on one thread.
//!
//! - Corpus 1x: the two bundled documents replicated 200 times (400
//!   documents, 1,000 files), and 3x (1,200 documents, 3,000 files),
//!   generated under `target/bench/scale-*`.
//! - `errdocs check --format json` and `errdocs build`, the binary as users
//!   run it, one process a run: wall time (median) and the process's own
//!   peak resident memory.
//! - A docs tree in which most pages hold no error codes (prose pages with
//!   headings, lists, code blocks and tables of other things, and a few
//!   code pages): `errdocs check DIR` against the bare pass over the same
//!   files; then the same prose pages without the code pages, to show what
//!   the scan that skips a page costs by itself.
//!
//! `cargo bench --bench scale`. `ERRDOCS_BENCH_RUNS=N` changes the runs.

mod common;

use common::{bare_pass, generate, markdown_files, median, ms};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = std::env::var("ERRDOCS_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let bench = root.join("target/bench");
    let one = bench.join("scale-1x");
    let three = bench.join("scale-3x");
    generate(&root.join("sources"), &one.join("sources"), 400);
    generate(&root.join("sources"), &three.join("sources"), 1200);
    let tree = bench.join("scale-docs-tree");
    generate_docs_tree(&root.join("sources"), &tree, 3000, 30);
    let prose = bench.join("scale-docs-prose");
    generate_docs_tree(&root.join("sources"), &prose, 3000, 0);

    println!("errdocs scale benchmark (release build; median of {runs} runs)");
    let mut peaks = Vec::new();
    for (label, project) in [("1x", &one), ("3x", &three)] {
        let files = markdown_files(&project.join("sources"));
        let bytes: u64 = files
            .iter()
            .map(|f| f.metadata().map_or(0, |m| m.len()))
            .sum();
        let bare = median(runs, || bare_pass(&files));
        let (check, check_peak) = run_binary(
            runs,
            &["check", "--format", "json", "--fail-on", "never", "--root"],
            project,
        );
        let (build, build_peak) = run_binary(runs, &["build", "--root"], project);
        let mb = bytes as f64 / 1e6;
        println!("{label}: {} files, {mb:.1} MB", files.len());
        println!("  bare pass (1 thread):       {:>8.0} ms", ms(bare));
        println!(
            "  check --format json:        {:>8.0} ms = {:.2}x the bare pass, peak {} MB = {:.1}x the corpus",
            ms(check),
            check.as_secs_f64() / bare.as_secs_f64(),
            check_peak / 1024,
            check_peak as f64 * 1024.0 / bytes as f64
        );
        println!(
            "  build:                      {:>8.0} ms = {:.2}x the bare pass, peak {} MB = {:.1}x the corpus",
            ms(build),
            build.as_secs_f64() / bare.as_secs_f64(),
            build_peak / 1024,
            build_peak as f64 * 1024.0 / bytes as f64
        );
        peaks.push(check_peak.max(build_peak));
    }
    println!(
        "  peak memory, 3x corpus / 1x corpus: {:.2}",
        peaks[1] as f64 / peaks[0] as f64
    );

    // The tree, then its prose pages alone: what the scan that skips a
    // page costs, apart from checking the pages that hold codes.
    for (label, dir) in [("docs tree", &tree), ("its prose pages alone", &prose)] {
        let files = markdown_files(dir);
        let bytes: u64 = files
            .iter()
            .map(|f| f.metadata().map_or(0, |m| m.len()))
            .sum();
        let with_codes = files
            .iter()
            .filter(|f| {
                f.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("errors-"))
            })
            .count();
        let bare = median(runs, || bare_pass(&files));
        let (scan, scan_peak) = run_binary(
            runs,
            &["check", "--format", "json", "--fail-on", "never"],
            dir,
        );
        println!(
            "{label}: {} files, {:.1} MB, {with_codes} with codes",
            files.len(),
            bytes as f64 / 1e6
        );
        println!("  bare pass (1 thread):       {:>8.0} ms", ms(bare));
        println!(
            "  check DIR:                  {:>8.0} ms: {:.1}x faster than the bare pass, peak {} MB",
            ms(scan),
            bare.as_secs_f64() / scan.as_secs_f64(),
            scan_peak / 1024
        );
    }
}

/// Runs the errdocs binary with `args` then `path`, its output discarded,
/// `runs` times: the median wall time and the largest peak resident memory
/// (kB) of those processes.
fn run_binary(runs: usize, args: &[&str], path: &Path) -> (Duration, u64) {
    let mut peak = 0;
    let mut walls: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
                .args(args)
                .arg(path)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("errdocs runs");
            let pid = child.id() as libc::pid_t;
            // SAFETY: wait4 writes the status and the struct it is given;
            // the child is ours and waited for only here.
            let (status, usage) = unsafe {
                let mut status = 0;
                let mut usage: libc::rusage = std::mem::zeroed();
                libc::wait4(pid, &mut status, 0, &mut usage);
                (status, usage)
            };
            std::mem::forget(child);
            let code = libc::WEXITSTATUS(status);
            assert!(code == 0 || code == 1, "errdocs {args:?} failed ({code})");
            peak = peak.max(usage.ru_maxrss.max(0) as u64);
            start.elapsed()
        })
        .collect();
    walls.sort();
    (walls[runs / 2], peak)
}

/// A docs tree of `pages` prose pages (about 8 KB each: headings,
/// paragraphs, lists, a code block, a table of settings, links) in topic
/// folders, and `with_codes` copies of the seed pages among them.
fn generate_docs_tree(seeds: &Path, target: &Path, pages: usize, with_codes: usize) {
    if markdown_files(target).len() >= pages + with_codes {
        return;
    }
    let _ = std::fs::remove_dir_all(target);
    let seed_files = markdown_files(seeds);
    for i in 0..pages {
        let dir = target.join(format!("topic-{:02}", i % 40));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join(format!("page-{i:05}.md")), prose_page(i)).expect("write page");
    }
    for i in 0..with_codes {
        let dir = target.join(format!("topic-{:02}", i % 40));
        let seed = &seed_files[i % seed_files.len()];
        std::fs::copy(seed, dir.join(format!("errors-{i:03}.md"))).expect("copy seed");
    }
}

fn prose_page(i: usize) -> String {
    let mut page = format!(
        "---\ntitle: Configure feature {i}\nms.date: 01/02/2024\nms.topic: how-to\n---\n\n# Configure feature {i}\n\n"
    );
    for section in 0..6 {
        page.push_str(&format!("## Step {section}: prepare the device\n\n"));
        page.push_str(
            "Before you start, make sure that the device is enrolled and that the user has \
             the permissions this step needs. The settings below apply to every platform \
             unless a note says otherwise; see [the overview](../overview.md) for details.\n\n",
        );
        page.push_str(
            "1. Sign in to the admin center.\n2. Select **Devices** > **Configuration**.\n\
             3. Choose the profile and select **Properties**.\n\n",
        );
        page.push_str(
            "| Setting | Default | Description |\n|---|---|---|\n\
             | Allow camera | Yes | Lets apps use the camera. |\n\
             | Block screenshots | No | Stops users from capturing the screen. |\n\
             | Minimum version | 10.0.19041 | The oldest build that can enroll. |\n\n",
        );
        page.push_str(
            "```powershell\nGet-DeviceConfiguration -Id $id | Set-DeviceConfiguration -Enabled $true\n```\n\n",
        );
        page.push_str("> [!NOTE]\n> Changes can take up to eight hours to reach devices.\n\n");
    }
    page
}
