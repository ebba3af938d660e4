//! Times `errdocs build` on the bundled sources and on a synthetic corpus of
//! at least 1,000 documents (the seeds replicated, generated under
//! `target/`), against a bare pulldown-cmark + scraper pass over the same
//! files: read every file, walk every Markdown event, parse every HTML
//! table. Reports MB/s, rows/s and the ratio of the two.
//!
//! It also measures what checking against the reference (the Windows SDK's
//! constants) costs, as ratios taken in the same run: the check with the
//! reference against the same check with an empty reference, in process;
//! and the whole build, one process a run, with the SDK against the same
//! build with `[reference] sdk = false` (so including loading the SDK and
//! the reference's evidence in normalize).
//!
//! `cargo bench` runs it; `ERRDOCS_BENCH_DOCS=N` changes the document count.

mod common;

use common::{bare_pass, copy_tree, generate, markdown_files, median, ms};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The same allocator as the errdocs binary, so the build is timed as users
// run it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let documents: usize = std::env::var("ERRDOCS_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let bench_dir = root.join("target/bench");
    let bundled = bench_dir.join("bundled");
    let synthetic = bench_dir.join(format!("synthetic-{documents}"));
    copy_tree(&root.join("sources"), &bundled.join("sources"));
    std::fs::copy(root.join("errdocs.toml"), bundled.join("errdocs.toml"))
        .expect("copy errdocs.toml");
    generate(&root.join("sources"), &synthetic.join("sources"), documents);
    // The same corpora, checked without the SDK: only errdocs.toml differs.
    let bundled_no_sdk = bench_dir.join("bundled-no-sdk");
    let synthetic_no_sdk = bench_dir.join(format!("synthetic-{documents}-no-sdk"));
    for (copy, of) in [(&bundled_no_sdk, &bundled), (&synthetic_no_sdk, &synthetic)] {
        std::fs::create_dir_all(copy).expect("mkdir");
        // The original's settings, reading the original's sources.
        let config = std::fs::read_to_string(of.join("errdocs.toml")).unwrap_or_default();
        let settings: String = config
            .lines()
            .filter(|line| !line.trim_start().starts_with("sources"))
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(
            copy.join("errdocs.toml"),
            format!(
                "sources = {:?}\n{settings}\n[reference]\nsdk = false\n",
                of.join("sources").display().to_string()
            ),
        )
        .expect("write errdocs.toml");
    }

    println!("errdocs build benchmark (release build; median of the runs)");
    for (label, project, no_sdk, runs) in [
        ("bundled", &bundled, &bundled_no_sdk, 21),
        ("synthetic", &synthetic, &synthetic_no_sdk, 5),
    ] {
        let files = markdown_files(&project.join("sources"));
        let bytes: u64 = files
            .iter()
            .map(|f| f.metadata().map_or(0, |m| m.len()))
            .sum();
        let bare = median(runs, || bare_pass(&files));
        // The build as users run it: the errdocs binary, one process a run;
        // and the same without the SDK, run by turns with it.
        let builds = medians_by_turns(
            runs,
            libc::RUSAGE_CHILDREN,
            || run_build(project),
            || run_build(no_sdk),
        );
        let cli = builds.wall.0;
        let mut rows = 0;
        let mut phases: Vec<[Duration; 3]> = Vec::new();
        let full = median(runs, || {
            let start = Instant::now();
            let project = errdocs::Project::load(project).expect("bench corpus loads");
            let loaded = Instant::now();
            // What `errdocs build` does: check (for out/findings.json), then
            // render and write every output.
            project.build().expect("outputs write");
            let written = Instant::now();
            rows = project.dataset.stats.rows_read;
            drop(project);
            phases.push([loaded - start, written - loaded, written.elapsed()]);
        });
        phases.sort();
        let phase = phases[phases.len() / 2];
        // The dataset alone (what build did before it wrote findings.json):
        // read, ingest, normalize, render and write the four data files.
        let dataset_only = median(runs, || {
            let project = errdocs::Project::load(project).expect("bench corpus loads");
            errdocs::emit::render_and_write(
                errdocs::emit::DatasetOutput::Whole(&project.dataset),
                &project.out_dir(),
                |_| (),
            )
            .expect("outputs write");
        });
        let checks = check_with_and_without_reference(project, runs);
        let mb = bytes as f64 / 1e6;
        println!(
            "{label:>9}: {} files, {:.1} MB, {rows} rows",
            files.len(),
            mb
        );
        println!(
            "           bare pulldown-cmark + scraper pass: {:>8.1} ms  {:>7.1} MB/s",
            ms(bare),
            mb / bare.as_secs_f64()
        );
        println!(
            "           errdocs build (the binary, a process a run): {:>8.1} ms  {:>7.1} MB/s  {:>9.0} rows/s",
            ms(cli),
            mb / cli.as_secs_f64(),
            rows as f64 / cli.as_secs_f64()
        );
        println!(
            "           build speed / bare-pass speed: {:.2}",
            bare.as_secs_f64() / cli.as_secs_f64()
        );
        println!(
            "           in process (Project::build, then freeing it): {:>8.1} ms",
            ms(full)
        );
        println!(
            "           of which: read+ingest+normalize {:.0} ms, check+render+write {:.0} ms, free {:.0} ms",
            ms(phase[0]),
            ms(phase[1]),
            ms(phase[2])
        );
        println!(
            "           dataset only (no check): {:>8.1} ms  {:>7.1} MB/s, {:.2} of the bare pass's speed",
            ms(dataset_only),
            mb / dataset_only.as_secs_f64(),
            bare.as_secs_f64() / dataset_only.as_secs_f64()
        );
        println!(
            "           the check with the reference / without (in process, the SDK loaded): {}",
            checks.ratios()
        );
        println!(
            "           errdocs build with the SDK / with sdk = false (the binary): {}",
            builds.ratios()
        );
    }
    let load = Instant::now();
    let sdk = errdocs::reference::embedded_sdk_text().expect("the embedded data decodes");
    let inflated = load.elapsed();
    let facts = errdocs::reference::parse_sdk_text(&sdk)
        .expect("the embedded data parses")
        .1
        .len();
    println!(
        "the SDK reference: {facts} constants; inflating and parsing {:.1} ms (once per process, on another thread while the pages are read; inflating alone {:.1} ms)",
        ms(load.elapsed()),
        ms(inflated)
    );
}

/// One `errdocs build` of `project`, as users run it.
fn run_build(project: &Path) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["build", "--root"])
        .arg(project)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("errdocs runs");
    assert!(
        status.success(),
        "errdocs build failed on {}",
        project.display()
    );
}

/// The check of `project` (every rule, as `build` runs it) with the
/// project's reference and with an empty one, alternating so that both see
/// the same machine: the medians of `runs` each.
fn check_with_and_without_reference(project: &Path, runs: usize) -> Turns {
    let project = errdocs::Project::load(project).expect("bench corpus loads");
    let empty = errdocs::reference::Reference::new(false, Vec::new());
    let with = project.check_input();
    let without = errdocs::check::CheckInput {
        reference: &empty,
        ..with
    };
    // Warm: the SDK is loaded by the project already; the first check
    // touches the allocator's memory.
    std::hint::black_box(errdocs::check::evaluate(with, &project.config));
    medians_by_turns(
        runs,
        libc::RUSAGE_SELF,
        || {
            std::hint::black_box(errdocs::check::evaluate(with, &project.config));
        },
        || {
            std::hint::black_box(errdocs::check::evaluate(without, &project.config));
        },
    )
}

/// The medians of `runs` runs each of `a` and `b`, run by turns so that
/// both see the same machine: wall-clock time, and CPU time (user and
/// system, every thread) of this process (`RUSAGE_SELF`) or of the child
/// processes it waited for (`RUSAGE_CHILDREN`). On a shared machine the CPU
/// times are the steadier figure.
fn medians_by_turns(
    runs: usize,
    who: libc::c_int,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> Turns {
    let mut times: [Vec<(Duration, Duration)>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (side, f) in [(0, &mut a as &mut dyn FnMut()), (1, &mut b)] {
            let (wall, cpu) = (Instant::now(), cpu_time(who));
            f();
            times[side].push((wall.elapsed(), cpu_time(who).saturating_sub(cpu)));
        }
    }
    let middle = |side: usize, pick: fn(&(Duration, Duration)) -> Duration| {
        let mut picked: Vec<Duration> = times[side].iter().map(pick).collect();
        picked.sort();
        picked[picked.len() / 2]
    };
    Turns {
        wall: (middle(0, |t| t.0), middle(1, |t| t.0)),
        cpu: (middle(0, |t| t.1), middle(1, |t| t.1)),
    }
}

/// Medians of two things timed by turns: (first, second).
struct Turns {
    wall: (Duration, Duration),
    cpu: (Duration, Duration),
}

impl Turns {
    /// "1.034 wall (12.1 ms / 11.7 ms), 1.021 CPU (...)".
    fn ratios(&self) -> String {
        let ratio = |(a, b): (Duration, Duration)| {
            format!(
                "{:.3} ({:.1} ms / {:.1} ms)",
                a.as_secs_f64() / b.as_secs_f64(),
                ms(a),
                ms(b)
            )
        };
        format!("{} wall, {} CPU", ratio(self.wall), ratio(self.cpu))
    }
}

/// CPU time so far, user and system, of this process (`RUSAGE_SELF`) or of
/// its waited-for children (`RUSAGE_CHILDREN`).
fn cpu_time(who: libc::c_int) -> Duration {
    // SAFETY: getrusage writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}
