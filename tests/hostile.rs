//! Hostile input and faults, through the built binary as users run it:
//! each case of the hardening pass (issue 14) runs `build` and `check` and
//! asserts no crash (no signal, no panic), the documented exit code, a
//! message naming the file, and `out/` unchanged when the run fails.
//!
//! `ERRDOCS_HOSTILE_BIN=/path/to/errdocs cargo test --test hostile` runs
//! the same cases against another binary (an older build, to see which
//! cases it fails).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
fn bin() -> PathBuf {
    std::env::var_os("ERRDOCS_HOSTILE_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_errdocs")))
}

/// One run's outcome.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn finish(output: Output, what: &str) -> Run {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // A crash is a signal (no exit code) or a panic (exit 101).
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("{what} was killed: {:?}\n{stderr}", output.status));
    assert!(
        code != 101 && !stderr.contains("panicked"),
        "{what} panicked:\n{stderr}"
    );
    Run {
        code,
        stdout,
        stderr,
    }
}

/// Runs `errdocs --root ROOT ARGS...` with `env` set.
fn errdocs_env(root: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut command = Command::new(bin());
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run errdocs");
    finish(output, &format!("errdocs {args:?}"))
}

fn errdocs(root: &Path, args: &[&str]) -> Run {
    errdocs_env(root, args, &[])
}

/// A project made of `files` (paths relative to its root).
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    dir
}

/// Every file under `dir` (its own folder and the folders beside it, where
/// a build stages) with its content.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir").flatten() {
                stack.push(entry.path());
            }
        } else {
            let rel = path.strip_prefix(dir).expect("inside").to_path_buf();
            out.insert(rel, std::fs::read(&path).unwrap_or_default());
        }
    }
    out
}

/// The output folder's files (names and bytes).
fn out_files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    tree(&root.join("out"))
}

/// A page of `rows` (`| code | name | description |` cells, as written)
/// under a standard header.
fn page(rows: &[&str]) -> Vec<u8> {
    let mut text =
        String::from("# Codes\n\n| Error code | Symbolic name | Description |\n|---|---|---|\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

const ROW_1: &str = "| 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |";
const ROW_2: &str = "| 0x80240002 | WU_E_MAX_CAPACITY_REACHED | The maximum capacity of the service was exceeded. |";

/// A project that builds, built once: its `out/` is the "old set".
fn built(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = project(files);
    let run = errdocs(dir.path(), &["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    dir
}

/// Asserts that a run failed with exit code 2, named `file` in its
/// message, and left `out/` as `before`.
fn fails_naming(run: &Run, file: &str, root: &Path, before: &BTreeMap<PathBuf, Vec<u8>>) {
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains(file), "no {file} in {run:?}");
    assert_eq!(&out_files(root), before, "out/ changed by a failed run");
}

// 1. Crash: deep nesting.

#[test]
fn deeply_nested_input_is_read_without_a_crash() {
    // Far past what overflowed the stack (about 2,400) and what made the
    // HTML parser quadratic; small enough for a debug binary.
    let depth = 30_000;
    let html_cell = format!(
        "<table><tr><th>Error code</th><th>Description</th></tr><tr><td>0x80240001</td><td>{}deep{}</td></tr></table>\n",
        "<b>".repeat(depth),
        "</b>".repeat(depth)
    );
    let nested_tables = format!(
        "{}0x80240001{}\n",
        "<table><tr><td>".repeat(2_000),
        "</td></tr></table>".repeat(2_000)
    );
    // The same in a data table's cell and in a pipe cell, where a table
    // of codes is read as a table of its own.
    let tables_in_a_cell = format!(
        "<table><tr><th>Error code</th><th>Description</th></tr><tr><td>0x80240002</td><td>{}0x80240001{}</td></tr></table>\n",
        "<table><tr><td>".repeat(2_000),
        "</td></tr></table>".repeat(2_000)
    );
    let tables_in_a_pipe_cell = format!(
        "| Error code | Description |\n|---|---|\n| 0x80240002 | {}0x80240001{} |\n",
        "<table><tr><td>".repeat(2_000),
        "</td></tr></table>".repeat(2_000)
    );
    let divs = format!(
        "<table><tr><td>Error code</td><td>Description</td></tr><tr><td>0x80240002</td><td>{}x{}</td></tr></table>\n",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let quotes = format!("{}| a | b |\n", "> ".repeat(20_000));
    let lists: String = (0..2_000)
        .map(|i| format!("{}- item 0x8024{i:04X}\n", "  ".repeat(i)))
        .collect();
    for (name, text) in [
        ("html-cell", html_cell),
        ("nested-tables", nested_tables),
        ("tables-in-a-cell", tables_in_a_cell),
        ("tables-in-a-pipe-cell", tables_in_a_pipe_cell),
        ("divs", divs),
        ("blockquotes", quotes),
        ("lists", lists),
    ] {
        let dir = project(&[("sources/doc/en-us.md", text.as_bytes())]);
        let build = errdocs(dir.path(), &["build"]);
        assert_eq!(build.code, 0, "{name}: {build:?}");
        let check = errdocs(dir.path(), &["check"]);
        assert!(check.code <= 1, "{name}: {check:?}");
    }
}

/// Runs `errdocs --root ROOT ARGS...` and fails if it takes longer than
/// `limit`: a hang detector (the work is linear, so the limit is many
/// times what a debug build needs; before the fixes these took hours).
fn errdocs_within(root: &Path, args: &[&str], limit: std::time::Duration) -> Run {
    let mut child = Command::new(bin())
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    // Drained on threads: a full pipe would stall the child.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut bytes).map(|_| bytes)
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("errdocs {args:?} took longer than {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let output = Output {
        status,
        stdout: out.join().expect("stdout").expect("read"),
        stderr: err.join().expect("stderr").expect("read"),
    };
    finish(output, &format!("errdocs {args:?}"))
}

#[test]
fn shapes_that_were_quadratic_finish_and_stay_small() {
    let limit = std::time::Duration::from_secs(60);
    let one_line_cells: String = (0..2_500)
        .map(|i| format!("<tr><td>0x8024{i:03X}</td><td>WU_E_X{i}</td><td>Text.</td></tr>"))
        .collect();
    let cases: Vec<(&str, String)> = vec![
        // Thousands of unclosed tables, each in its own block or behind a
        // comment: each searched the rest of the file for its end.
        ("unclosed tables", "<table>\n\n".repeat(10_000)),
        ("commented tables", "<!-- c --><table \n".repeat(10_000)),
        // A layout table of thousands of tables: each found from the
        // last one's end by a search of the whole rest.
        (
            "layout table",
            format!(
                "<table><tr><td>{}</td></tr></table>\n",
                "<table><tr><td>0x80240001</td></tr></table>".repeat(3_000)
            ),
        ),
        // One code on thousands of rows: each compared with every other.
        (
            "one code",
            String::from_utf8(page(&vec![ROW_1; 6_000])).expect("utf-8"),
        ),
        // A table on one line, a malformed code in each of its rows: each
        // cell's column counted from the line's start, and each finding
        // quoting the whole line.
        (
            "one line",
            format!(
                "<table><tr><th>Error code</th><th>Symbolic name</th><th>Description</th></tr>{one_line_cells}</table>\n"
            ),
        ),
        // A row of 40,000 extra cells: the finding listed every one of
        // them in its message (megabytes, in each report and from build).
        (
            "ragged row",
            format!(
                "| Error code | Symbolic name | Description |\n|---|---|---|\n{}\n",
                "| 0x80240001 | WU_E_NO_SERVICE | Text. |".repeat(10_000)
            ),
        ),
        // A table 300,000 columns wide: which columns are read in parts
        // was found by comparing every column with every other (57 s at
        // 200,000 in a release build).
        ("wide table", {
            let width = 300_000;
            let filler = " x |".repeat(width - 3);
            format!(
                "| Error code | Symbolic name | Description |{filler}\n|{}\n| 0x80240001 | WU_E_NO_SERVICE | Text. |{filler}\n",
                "---|".repeat(width)
            )
        }),
        // A table of 20,000 columns of hex, every other one the Win32
        // errors inside its neighbour's codes: which column is the code
        // was found by comparing every column with every other.
        ("many hex columns", {
            let width = 20_000;
            let mut text = format!("| {}\n|{}\n", "H | ".repeat(width), "---|".repeat(width));
            for row in 1..=10 {
                text.push('|');
                for column in 0..width {
                    if column % 2 == 0 {
                        text.push_str(&format!(" 0x8007{row:04X} |"));
                    } else {
                        text.push_str(&format!(" 0x{row:X} |"));
                    }
                }
                text.push('\n');
            }
            text
        }),
        // A row followed by 100,000 rows that continue its description:
        // each was joined to it by copying the grown text again (17 s).
        (
            "continuation rows",
            format!(
                "| Error code | Symbolic name | Description |\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | Text. |\n{}",
                "| | | more text |\n".repeat(100_000)
            ),
        ),
        // A decimal of 50,000 groups of three split by spaces: each word
        // was tried as the start of a number that ran to the end (9 s at
        // 20,000).
        ("grouped decimal", {
            let groups = " 147".repeat(50_000);
            format!(
                "| Error code | Decimal | Symbolic name | Description |\n|---|---|---|---|\n| 0x80240001 | -2{groups} | WU_E_NO_SERVICE | Text -2{groups} |\n"
            )
        }),
        // Underscores in a cell, joined to a name where machine
        // translation spaced them: each `_` looked back over the whole
        // word before it, and each of a run of `_ ` over the rest of the
        // run (9 s at 20,000).
        ("underscores", {
            format!(
                "| Error code | Symbolic name | Description |\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | {}A |\n| 0x80240002 | WU_E_X | x {}b |\n",
                "A_".repeat(100_000),
                "_ ".repeat(100_000)
            )
        }),
        // List items of thousands of codes without `0x` and without an
        // HRESULT's shape: each was asked whether all the text before it
        // was a label that names a code (64 s at 4,000 a line).
        (
            "bare codes",
            format!("- {}\n", "12345678 ".repeat(20_000)).repeat(3),
        ),
        // A code cell of thousands of macros left open: each searched the
        // rest of the cell for its `)` (4 s at 40,000).
        (
            "open macros",
            format!(
                "| Error code | Symbolic name | Description |\n|---|---|---|\n| 0x80240001 {}) | WU_E_X | Text. |\n| 0x80240002 | WU_E_Y | Text. |\n",
                "HRESULT_FROM_WIN32(A_B ".repeat(200_000)
            ),
        ),
        // Front matter nesting flow collections 100,000 deep: YAML's
        // scanner took time growing with the square of the depth (minutes).
        (
            "deep front matter",
            format!(
                "---\ntitle: T\na: {}{}\n---\n{}",
                "[".repeat(100_000),
                "]".repeat(100_000),
                String::from_utf8(page(&[ROW_1])).expect("utf-8")
            ),
        ),
    ];
    for (name, text) in cases {
        let dir = project(&[("sources/doc/en-us.md", text.as_bytes())]);
        let build = errdocs_within(dir.path(), &["build"], limit);
        assert_eq!(build.code, 0, "{name}: {build:?}");
        let check = errdocs_within(dir.path(), &["check", "--fail-on", "never"], limit);
        assert_eq!(check.code, 0, "{name}: {check:?}");
        // Each finding quotes at most a window of its line.
        let findings = check.stdout.matches("]: ").count().max(1);
        assert!(
            check.stdout.len() < findings * 6_000 + 100_000,
            "{name}: {} bytes of report for {findings} findings",
            check.stdout.len()
        );
    }
}

// 2. Silent loss: CR-only line ends.

#[test]
fn cr_only_line_ends_are_read_and_lines_counted_by_them() {
    let text = String::from_utf8(page(&[ROW_1, ROW_2])).expect("utf-8");
    let dir = project(&[("sources/doc/en-us.md", text.replace('\n', "\r").as_bytes())]);
    let build = errdocs(dir.path(), &["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(
        build.stdout.contains("1 table") && build.stdout.contains("rows read 2: 2 in 2 records"),
        "{build:?}"
    );
    // Lines 1 to 4 end in LF, the rest in CR alone: the malformed code on
    // line 6 is reported on line 6.
    let mixed = format!(
        "# Codes\n\n| Error code | Symbolic name | Description |\n|---|---|---|\n{ROW_1}\r| 0x8024002 | WU_E_MAX_CAPACITY_REACHED | The maximum capacity. |\r"
    );
    let dir = project(&[("sources/doc/en-us.md", mixed.as_bytes())]);
    let check = errdocs(dir.path(), &["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check
            .stdout
            .contains("sources/doc/en-us.md:6:2: error[hex-malformed]"),
        "{check:?}"
    );
    // The quoted line is that line alone.
    assert!(check.stdout.contains("    6 | | 0x8024002 |"), "{check:?}");
}

// 3. Suppression comments that only show the syntax.

#[test]
fn suppressions_in_code_do_not_silence_and_broken_ones_are_reported() {
    let bad = "| 0x80240001 | WU_E_NO_SERVICE | |";
    for shown in [
        "```markdown\n<!-- errdocs-disable -->\n```\n\n",
        "Write `<!-- errdocs-disable -->` to silence every rule.\n\n",
    ] {
        let mut text = shown.as_bytes().to_vec();
        text.extend(page(&[bad]));
        let dir = project(&[("sources/doc/en-us.md", &text)]);
        let check = errdocs(dir.path(), &["check", "--fail-on", "warning"]);
        assert_eq!(check.code, 1, "{shown:?}: {check:?}");
        assert!(check.stdout.contains("[description-empty]"), "{check:?}");
    }
    let mut text = b"<!-- errdocs-enable name-case -->\n\n<!-- errdocs-disable description-empty, name-case -->\n\n".to_vec();
    text.extend(page(&["| 0x80240001 | Wu_E_No_Service | |"]));
    text.extend(b"\n<!-- errdocs-disable-next-line -->");
    let dir = project(&[("sources/doc/en-us.md", &text)]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "warning"]);
    let out = check.all();
    // The comma-separated list silences both rules.
    assert!(
        !out.contains("[description-empty]") && !out.contains("[name-case]"),
        "{check:?}"
    );
    for said in [
        "en-us.md:1:1: warning[suppression-unused]",
        "en-us.md:3:1: warning[suppression-unused]",
        "en-us.md:11:1: warning[suppression-unused]",
    ] {
        assert!(out.contains(said), "no {said} in {check:?}");
    }
}

// 4. The output folder replaced as one step.

/// Two corpora whose outputs differ in every file, and a bigger one so
/// that a build takes long enough to be killed in the middle.
fn corpus(variant: u32, rows: usize) -> Vec<u8> {
    let rows: Vec<String> = (0..rows)
        .map(|i| {
            format!(
                "| 0x8024{:04X} | WU_E_CODE_{i} | Variant {variant}: the agent could not do thing number {i}. |",
                i + 1
            )
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    page(&rows)
}

#[test]
fn leftovers_of_a_killed_run_are_reported_by_check_and_removed_by_build() {
    let dir = built(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    // What a build killed mid-way left: a staged set beside out/, and the
    // temporary files older versions left inside it.
    std::fs::create_dir(root.join(".out.tmp-999999")).expect("mkdir");
    std::fs::write(root.join(".out.tmp-999999/error-codes.json"), "half").expect("write");
    std::fs::write(root.join("out/.errdocs-a1b2c3"), vec![b'x'; 1 << 20]).expect("write");
    let check = errdocs(root, &["build", "--check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check.stderr.contains(".out.tmp-999999") && check.stderr.contains(".errdocs-a1b2c3"),
        "{check:?}"
    );
    let build = errdocs(root, &["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(!root.join(".out.tmp-999999").exists());
    assert!(!root.join("out/.errdocs-a1b2c3").exists());
    let check = errdocs(root, &["build", "--check"]);
    assert_eq!(check.code, 0, "{check:?}");
}

#[test]
fn a_kill_at_any_instant_leaves_the_old_or_the_new_set() {
    let old_page = corpus(1, 2000);
    let new_page = corpus(2, 2000);
    let dir = built(&[("sources/doc/en-us.md", &old_page)]);
    let root = dir.path();
    let old = out_files(root);
    std::fs::write(root.join("sources/doc/en-us.md"), &new_page).expect("write");
    let new = {
        let other = built(&[("sources/doc/en-us.md", &new_page)]);
        out_files(other.path())
    };
    assert_ne!(old, new);
    // Kill builds after delays spread over a build's length.
    let started = std::time::Instant::now();
    let _ = errdocs(root, &["build", "--check"]);
    let length = started.elapsed().as_micros().max(1000) as u64;
    for step in 0..10u64 {
        let mut child = Command::new(bin())
            .arg("--root")
            .arg(root)
            .arg("build")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_micros(length * step / 8));
        let _ = child.kill();
        let _ = child.wait();
        let now = out_files(root);
        assert!(
            now == old || now == new,
            "after a kill at step {step}, out/ holds neither set: {:?}",
            now.keys().collect::<Vec<_>>()
        );
        // The next build cleans up and completes.
        let build = errdocs(root, &["build"]);
        assert_eq!(build.code, 0, "{build:?}");
        assert_eq!(out_files(root), new);
        let names: Vec<String> = std::fs::read_dir(root)
            .expect("read")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".out")),
            "leftovers beside out/: {names:?}"
        );
        // Back to the old set for the next kill.
        std::fs::write(root.join("sources/doc/en-us.md"), &old_page).expect("write");
        assert_eq!(errdocs(root, &["build"]).code, 0);
        std::fs::write(root.join("sources/doc/en-us.md"), &new_page).expect("write");
    }
}

#[test]
fn readers_and_concurrent_builds_see_a_complete_set() {
    let a = corpus(1, 800);
    let b = corpus(2, 800);
    let dir = built(&[("sources/doc/en-us.md", &a)]);
    let root = dir.path().to_path_buf();
    let sets: Vec<BTreeMap<PathBuf, Vec<u8>>> = [&a, &b]
        .iter()
        .map(|page| out_files(built(&[("sources/doc/en-us.md", page)]).path()))
        .collect();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A reader reads out/error-codes.json by name, again and again.
    let reader = {
        let (root, done) = (root.clone(), done.clone());
        let expected: Vec<Vec<u8>> = sets
            .iter()
            .map(|s| s[Path::new("error-codes.json")].clone())
            .collect();
        std::thread::spawn(move || {
            let path = root.join("out/error-codes.json");
            let mut reads = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                // Opening by name, as a reader does, must always work; the
                // content is compared now and then (reading it whole is
                // slow next to the window a rename leaves).
                let file = std::fs::File::open(&path);
                assert!(file.is_ok(), "out/error-codes.json was missing: {file:?}");
                if reads.is_multiple_of(64) {
                    let bytes = std::fs::read(&path).expect("read");
                    assert!(expected.contains(&bytes), "a torn or foreign file");
                }
                reads += 1;
            }
            reads
        })
    };
    for round in 0..6 {
        // Two builds at once, of different sources: each writes a
        // complete set, one after the other.
        let page = if round % 2 == 0 { &b } else { &a };
        std::fs::write(root.join("sources/doc/en-us.md"), page).expect("write");
        let spawn = || {
            Command::new(bin())
                .arg("--root")
                .arg(&root)
                .arg("build")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (first, second) = (spawn(), spawn());
        for child in [first, second] {
            let run = finish(child.wait_with_output().expect("wait"), "build");
            assert_eq!(run.code, 0, "{run:?}");
        }
        let now = out_files(&root);
        assert!(sets.contains(&now), "round {round}: a mixed set");
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().expect("reader") > 0);
}

// 5. HTML injection into the job summary.

/// Page text that becomes HTML or breaks Markdown where it is not escaped.
const INJECTED: &str = "&lt;img src=x onerror=alert(1)&gt; &lt;/table&gt;&lt;h1&gt;big&lt;/h1&gt; [link](http://example.com) *em* `tick";

#[test]
fn page_text_introduces_no_element_into_the_job_summary() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    // The same description twice (duplicate-description quotes it), and a
    // ragged row whose extra cell holds a backtick.
    let row_a = format!("| 0x80240001 | WU_E_NO_SERVICE | {INJECTED} |");
    let row_b = format!("| 0x80240002 | WU_E_MAX_CAPACITY_REACHED | {INJECTED} |");
    let ragged = "| 0x80240003 | WU_E_UNKNOWN_ID | The ID. | `tick <b>bold</b> |";
    let dir = project(&[("sources/doc/en-us.md", &page(&[&row_a, &row_b, ragged]))]);
    let summary = dir.path().join("summary.md");
    let run = errdocs_env(
        dir.path(),
        &["check", "--format", "github", "--fail-on", "never"],
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(text.contains("duplicate-description") && text.contains("table-ragged-row"));
    let rule_ids: Vec<String> = Command::new(bin())
        .arg("rules")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .expect("rules")
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut page_text = String::new();
    for event in Parser::new_ext(&text, options) {
        match event {
            // The one tag errdocs writes: line breaks in a cell.
            Event::Html(html) | Event::InlineHtml(html) => {
                assert_eq!(&*html, "<br>", "page text made HTML:\n{text}")
            }
            Event::Code(code) => assert!(
                rule_ids.iter().any(|id| *id == *code) || ["error", "never"].contains(&&*code),
                "page text made a code span `{code}`:\n{text}"
            ),
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. } | Tag::Emphasis)) => {
                panic!("page text made {tag:?}:\n{text}")
            }
            Event::Start(Tag::Heading { .. }) | Event::Start(Tag::Strong) => {}
            Event::Text(t) => page_text.push_str(&t),
            _ => {}
        }
    }
    // And the text shows as written (entities decoded, as the page shows
    // them).
    assert!(
        page_text.contains("<img src=x onerror=alert(1)>"),
        "{page_text}"
    );
    assert!(page_text.contains("`tick <b>bold</b>"), "{page_text}");
}

// 6. Spreadsheet formulas in the CSV.

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_prefixed_and_json_keeps_them() {
    let formulas = [
        "=HYPERLINK(\"http://example.com\",\"x\")",
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
    ];
    let rows: Vec<String> = formulas
        .iter()
        .enumerate()
        .map(|(i, f)| format!("| 0x8024000{} | WU_E_X{i} | {f} |", i + 1))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = built(&[("sources/doc/en-us.md", &page(&rows))]);
    let csv = std::fs::read_to_string(dir.path().join("out/descriptions.csv")).expect("csv");
    let json = std::fs::read_to_string(dir.path().join("out/error-codes.json")).expect("json");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let descriptions: Vec<String> = reader
        .records()
        .map(|r| r.expect("record")[4].to_string())
        .collect();
    for formula in formulas {
        assert!(
            descriptions.contains(&format!("'{formula}")),
            "{formula} not guarded in {descriptions:?}"
        );
        let in_json = serde_json::to_string(formula).expect("json string");
        assert!(json.contains(&in_json), "{formula} changed in the JSON");
    }
    // The numbers errdocs writes stay numbers.
    let codes = std::fs::read_to_string(dir.path().join("out/error-codes.csv")).expect("csv");
    assert!(codes.contains(",-2145124351,"), "{codes}");
}

// 7. Terminal control characters.

/// Control sequences a page or a baseline may hold.
const CONTROLS: &str = "\u{1b}[31mred\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}desrever";

fn assert_no_controls(what: &str, text: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "{what} shows {:?} raw:\n{text}", bad);
    }
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let row = format!("| 0x80240001 | WU_E_NO_SERVICE | {CONTROLS} | extra {CONTROLS} |");
    // A folder name with a line break in it, and control characters.
    let folder = "doc\nnext\u{1b}[2J";
    let page = page(&[&row, &row.replace("0x80240001", "0x80240002")]);
    let dir = project(&[(&format!("sources/{folder}/en-us.md"), &page)]);
    let root = dir.path();
    let build = errdocs(root, &["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert_no_controls("build", &build.all());
    assert!(build.stderr.contains("[table-ragged-row]"), "{build:?}");
    for format in ["human", "github", "json", "sarif"] {
        let check = errdocs(root, &["check", "--format", format, "--fail-on", "never"]);
        assert_eq!(check.code, 0, "{check:?}");
        if format == "human" || format == "github" {
            assert_no_controls(format, &check.all());
        }
        // The folder name's line break does not split a line: no line
        // starts with what follows it.
        assert!(
            check.all().lines().all(|l| !l.starts_with("next")),
            "{format}: {check:?}"
        );
        if format == "human" {
            assert!(
                check.stdout.contains("sources/doc⏎next?[2J/en-us.md:5:"),
                "{check:?}"
            );
        }
    }
    // A baseline with control characters in every field, listed as fixed.
    let baseline = serde_json::json!({
        "version": 1,
        "findings": [{
            "fingerprint": "0",
            "rule": format!("rule{CONTROLS}"),
            "file": format!("file{CONTROLS}\nsecond line"),
            "line": 1,
            "message": format!("message {CONTROLS}"),
        }]
    });
    let path = root.join("baseline.json");
    std::fs::write(&path, baseline.to_string()).expect("write");
    for format in ["human", "github"] {
        let summary = root.join("summary.md");
        let check = errdocs_env(
            root,
            &[
                "check",
                "--format",
                format,
                "--baseline",
                path.to_str().expect("utf-8"),
                "--fail-on",
                "never",
            ],
            &[("GITHUB_STEP_SUMMARY", &summary)],
        );
        assert_eq!(check.code, 0, "{check:?}");
        assert_no_controls(format, &check.all());
        if format == "github" {
            let text = std::fs::read_to_string(&summary).expect("summary");
            assert!(text.contains("Fixed since baseline"), "{text}");
            assert_no_controls("summary", &text);
        }
    }
    // `lookup` quotes the page's descriptions, folder and file names.
    let lookup = errdocs(root, &["lookup", "0x80240001", "WU_E_*"]);
    assert_eq!(lookup.code, 0, "{lookup:?}");
    assert_no_controls("lookup", &lookup.all());
    assert!(lookup.stdout.contains("red?]0;pwned"), "{lookup:?}");
    // An error that quotes input (a bad locale in errdocs.toml).
    std::fs::write(
        root.join("errdocs.toml"),
        format!(
            "source-locale = \"{}\"\n",
            CONTROLS
                .replace('\u{1b}', "\\u001b")
                .replace('\u{7}', "\\u0007")
                .replace('\u{9b}', "\\u009b")
        ),
    )
    .expect("write");
    let check = errdocs(root, &["check"]);
    assert_eq!(check.code, 2, "{check:?}");
    assert!(check.stderr.contains("errdocs.toml:1:"), "{check:?}");
    assert_no_controls("error", &check.all());
}

#[test]
fn fix_shows_file_names_and_page_text_as_text() {
    // errdocs fix says which files it fixed and which fixes it could not
    // place: the same neutralizing as every other human-facing output.
    let folder = "doc\nnext\u{1b}[2J";
    let row = format!("| x80240003 | WU_E_UNKNOWN_ID | Unknown {CONTROLS} |");
    let page = page(&[ROW_1, ROW_2, &row]);
    let dir = project(&[(&format!("sources/{folder}/en-us.md"), &page)]);
    let fix = errdocs(dir.path(), &["fix", "--fail-on", "never"]);
    assert_eq!(fix.code, 0, "{fix:?}");
    assert_no_controls("fix", &fix.all());
    assert!(
        fix.stdout
            .contains("fixed sources/doc⏎next?[2J/en-us.md: hex-malformed 1"),
        "{fix:?}"
    );
    assert!(fix.all().lines().all(|l| !l.starts_with("next")), "{fix:?}");
}

// 8. Memory: a row of one word repeated.

#[test]
fn a_row_of_one_repeated_word_is_checked_in_bounded_memory() {
    // 2 MB of `y `: about 1,000,000 repeated pairs. At 870 bytes a pair
    // (before the fix) this took close to a gigabyte.
    let description = "y ".repeat(1_000_000);
    let row = format!("| 0x80240001 | WU_E_NO_SERVICE | {description} |");
    let dir = project(&[("sources/doc/en-us.md", &page(&[&row]))]);
    let peak = peak_memory_of(
        dir.path(),
        &["check", "--format", "json", "--fail-on", "never"],
    );
    if let Some(peak) = peak {
        // The input is 2 MB; allow a generous multiple of it, far below
        // the hundreds of bytes per pair the blow-up took.
        assert!(peak < 300 << 20, "check used {} MB", peak >> 20);
    }
}

/// The peak resident memory of a run, in bytes, where the system says it
/// (Linux: `getrusage` of the children, through `/proc/self`'s view is not
/// enough, so the child is run under `/usr/bin/time` when present).
fn peak_memory_of(root: &Path, args: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        let run = errdocs(root, args);
        assert!(run.code <= 1, "{run:?}");
        return None;
    }
    let output = Command::new(time)
        .arg("-f")
        .arg("peak-kb %M")
        .arg(bin())
        .arg("--root")
        .arg(root)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kb: u64 = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak-kb "))
        .and_then(|n| n.trim().parse().ok())?;
    Some(kb * 1024)
}

// 9. A duplicated column.

#[test]
fn a_duplicated_column_is_reported_not_dropped_silently() {
    let text = b"# Codes\n\n| Error code | Error code | Description | Description |\n|---|---|---|---|\n| 0x80240001 | 0x80240002 | The agent could not provide the service. | The maximum capacity was reached. |\n";
    let dir = project(&[("sources/doc/en-us.md", text)]);
    let build = errdocs(dir.path(), &["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(
        build
            .stderr
            .contains("sources/doc/en-us.md:3:15: warning: this column is headed `Error code`"),
        "{build:?}"
    );
    let check = errdocs(dir.path(), &["check", "--fail-on", "warning"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(check.stdout.contains("[column-duplicate]"), "{check:?}");
}

// 10. Files skipped without a word, links out of the root, output folders.

#[test]
fn skipped_files_are_named_and_links_out_of_the_root_refused() {
    let dir = built(&[
        ("sources/doc/en-us.md", &page(&[ROW_1])),
        ("sources/doc/notes.txt", &page(&[ROW_2])),
        ("sources/doc/de-de.MD", &page(&[ROW_1])),
        ("sources/doc/sv-se.markdown", &page(&[ROW_1])),
        ("sources/doc/old/fr-fr.md", &page(&[ROW_1])),
        ("sources/stray.md", &page(&[ROW_1])),
    ]);
    let root = dir.path();
    let build = errdocs(root, &["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(
        build.stdout.contains("in 3 locales (de-DE, en-US, sv-SE)"),
        "{build:?}"
    );
    for skipped in [
        "skipped sources/doc/notes.txt",
        "skipped sources/doc/old",
        "skipped sources/stray.md",
    ] {
        assert!(
            build.stderr.contains(skipped),
            "no {skipped:?} in {build:?}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let before = out_files(root);
        symlink("zz-zz.md", root.join("sources/doc/loop.md")).expect("link");
        symlink(
            root.join("sources/doc/loop.md"),
            root.join("sources/doc/zz-zz.md"),
        )
        .expect("link");
        symlink("nowhere.md", root.join("sources/doc/fr-fr.md")).expect("link");
        let build = errdocs(root, &["build"]);
        assert_eq!(build.code, 0, "{build:?}");
        assert!(
            build.stderr.contains("skipped sources/doc/loop.md")
                && build.stderr.contains("skipped sources/doc/fr-fr.md"),
            "{build:?}"
        );
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.md"), page(&[ROW_2])).expect("write");
        symlink(
            outside.path().join("secret.md"),
            root.join("sources/doc/nl-nl.md"),
        )
        .expect("link");
        for args in [&["build"][..], &["check"], &["build", "--check"]] {
            let run = errdocs(root, args);
            fails_naming(&run, "sources/doc/nl-nl.md", root, &before);
            assert!(run.stderr.contains("outside the project"), "{run:?}");
        }
        // Files as arguments: a link in a folder is named, not followed.
        let docs = outside.path().join("docs");
        std::fs::create_dir(&docs).expect("mkdir");
        symlink(outside.path().join("secret.md"), docs.join("linked.md")).expect("link");
        let check = errdocs(outside.path(), &["check", docs.to_str().expect("utf-8")]);
        assert!(check.code <= 1, "{check:?}");
        assert!(
            check.stderr.contains("skipped") && check.stderr.contains("linked.md"),
            "{check:?}"
        );
    }
}

/// A refused `out` is an error at its line of errdocs.toml, as other
/// settings' are, and so is an `out` that names a file.
/// Names that are not UTF-8 were read lossily: two folders (or files) whose
/// names differ only in such bytes became one document, each row listed
/// twice (`duplicate-code`), and reports named a file that does not exist.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_refused_not_merged() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let name = |bytes: &[u8]| PathBuf::from(OsStr::from_bytes(bytes));
    let dir = built(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    let before = out_files(root);
    for folder in [&b"bad\xff"[..], b"bad\xfe"] {
        let folder = root.join("sources").join(name(folder));
        std::fs::create_dir(&folder).expect("mkdir");
        std::fs::write(folder.join("en-us.md"), page(&[ROW_1])).expect("write");
    }
    for args in [&["build"][..], &["check"]] {
        let run = errdocs(root, args);
        fails_naming(&run, r#""bad\xFE" is not valid UTF-8"#, root, &before);
    }
    for folder in [&b"bad\xff"[..], b"bad\xfe"] {
        std::fs::remove_dir_all(root.join("sources").join(name(folder))).expect("rm");
    }
    std::fs::write(
        root.join("sources/doc").join(name(b"de-de\xfe.md")),
        page(&[ROW_1]),
    )
    .expect("write");
    let run = errdocs(root, &["check"]);
    fails_naming(&run, r#""de-de\xFE.md" is not valid UTF-8"#, root, &before);
    // Files as arguments, in a folder and named.
    let docs = root.join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    for file in [&b"a\xff.md"[..], b"a\xfe.md"] {
        std::fs::write(docs.join(name(file)), page(&[ROW_1])).expect("write");
    }
    let run = errdocs(root, &["check", docs.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(r#""a\xFE.md" is not valid UTF-8"#),
        "{run:?}"
    );
    let named = docs.join(name(b"a\xff.md"));
    let run = {
        let output = Command::new(bin())
            .arg("--root")
            .arg(root)
            .arg("check")
            .arg(&named)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        finish(output, "check a\\xff.md")
    };
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(r#"a\xFF.md" is not valid UTF-8"#),
        "{run:?}"
    );
}

#[test]
fn a_refused_output_folder_names_its_line_in_errdocs_toml() {
    let parent = tempfile::tempdir().expect("temp dir");
    let root = &parent.path().join("project");
    std::fs::create_dir_all(root.join("sources/doc")).expect("mkdir");
    std::fs::write(root.join("sources/doc/en-us.md"), page(&[ROW_1])).expect("write");
    std::fs::write(root.join("notes.txt"), "not a folder").expect("write");
    for (out, why) in [
        ("../elsewhere", "outside the project folder"),
        ("sources", "overlaps the sources folder"),
        ("notes.txt", "names a file, not a folder"),
    ] {
        let config = format!("# Where the dataset goes.\n\nout = {out:?}\n");
        std::fs::write(root.join("errdocs.toml"), &config).expect("write");
        let before = tree(root);
        for args in [&["build"][..], &["build", "--check"]] {
            let run = errdocs(root, args);
            assert_eq!(run.code, 2, "out = {out}: {run:?}");
            assert!(
                run.stderr
                    .contains(&format!("errdocs.toml:3: out = {out:?}: ")),
                "out = {out}: {run:?}"
            );
            assert!(run.stderr.contains(why), "out = {out}: {run:?}");
            assert_eq!(tree(root), before, "out = {out}: the project changed");
        }
    }
}

/// `sources/` itself a symbolic link: followed while it stays inside the
/// project; refused, naming `sources/` (not a page in it), when it leads
/// out, as links to pages outside the project are.
#[cfg(unix)]
#[test]
fn a_sources_folder_linked_out_of_the_root_is_refused_by_its_name() {
    use std::os::unix::fs::symlink;
    let dir = project(&[("pages/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    symlink("pages", root.join("sources")).expect("link");
    let build = errdocs(root, &["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(build.stdout.contains("read 1 document"), "{build:?}");

    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(outside.path().join("doc")).expect("mkdir");
    std::fs::write(outside.path().join("doc/en-us.md"), page(&[ROW_2])).expect("write");
    std::fs::remove_file(root.join("sources")).expect("unlink");
    symlink(outside.path(), root.join("sources")).expect("link");
    let before = out_files(root);
    for args in [&["build"][..], &["check"], &["build", "--check"]] {
        let run = errdocs(root, args);
        assert_eq!(run.code, 2, "{run:?}");
        assert_eq!(&out_files(root), &before, "out/ changed by a failed run");
        let error = run.stderr.replace(&root.display().to_string(), "<root>");
        assert!(
            error.starts_with(
                "errdocs: error: <root>/sources: the sources folder is a symbolic link to "
            ),
            "{run:?}"
        );
        assert!(
            error.contains("outside the project") && error.contains("sources = "),
            "{run:?}"
        );
        assert!(!error.contains("doc/en-us.md"), "{run:?}");
    }
}

#[test]
fn output_folders_outside_the_root_or_over_the_sources_are_refused() {
    // The project one folder down, so that `../elsewhere` is inside the
    // test's own folder.
    let parent = tempfile::tempdir().expect("temp dir");
    let root = &parent.path().join("project");
    std::fs::create_dir_all(root.join("sources/doc")).expect("mkdir");
    std::fs::write(root.join("sources/doc/en-us.md"), page(&[ROW_1])).expect("write");
    assert_eq!(errdocs(root, &["build"]).code, 0);
    let before = tree(root);
    for out in ["../elsewhere", "sources", "sources/doc", ".", "/tmp"] {
        std::fs::write(root.join("errdocs.toml"), format!("out = {out:?}\n")).expect("write");
        let mut before = before.clone();
        before.insert(
            PathBuf::from("errdocs.toml"),
            format!("out = {out:?}\n").into_bytes(),
        );
        for args in [&["build"][..], &["build", "--check"]] {
            let run = errdocs(root, args);
            assert_eq!(run.code, 2, "out = {out}: {run:?}");
            assert!(run.stderr.contains("errdocs.toml"), "{run:?}");
            assert_eq!(tree(root), before, "out = {out}: the project changed");
        }
        assert!(!parent.path().join("elsewhere").exists());
    }
    // Asked for: allowed.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("dataset");
    std::fs::write(
        root.join("errdocs.toml"),
        format!(
            "out = {:?}\nout-outside-root = true\n",
            target.display().to_string()
        ),
    )
    .expect("write");
    let run = errdocs(root, &["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(target.join("error-codes.json").exists());
}

// 11. Messages.

#[test]
fn messages_name_the_right_thing_and_line() {
    // A header that names a code and a description column but holds no
    // code.
    let text = b"| Error code | Description |\n|---|---|\n| see below | The agent could not provide the service. |\n";
    let dir = project(&[("sources/doc/en-us.md", text)]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert!(
        check.stdout.contains(
            "the table's header (`Error code`, `Description`) names a code column, but none of its cells holds a code"
        ),
        "{check:?}"
    );
    // A code or two among other text: not "none".
    let text = b"| Error code | Name |\n|---|---|\n| 0x80240001 | WU_E_A |\n| see below | WU_E_B |\n| 10.0.19041 1234 | WU_E_C |\n| 0800 1234 5678 | WU_E_D |\n";
    let dir = project(&[("sources/doc/en-us.md", text)]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert!(
        check.stdout.contains(
            "names a code column, but only 1 of its 4 rows holds a code, too few to read a column of them"
        ),
        "{check:?}"
    );
    // A key given twice in the front matter: at its own line.
    let mut text = b"---\ntitle: a\nms.date: 1\ntitle: b\n---\n".to_vec();
    text.extend(page(&[ROW_1]));
    let dir = project(&[("sources/doc/en-us.md", &text)]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert!(
        check
            .stdout
            .contains("en-us.md:4:1: warning[front-matter-invalid]: front matter gives `title` twice, at lines 2 and 4"),
        "{check:?}"
    );
    // Two byte-order marks: the front matter is read, and the second mark
    // reported.
    let mut text = b"\xef\xbb\xbf\xef\xbb\xbf---\ntitle: a\n---\n".to_vec();
    text.extend(page(&[ROW_1]));
    let dir = project(&[("sources/doc/en-us.md", &text)]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert!(
        check
            .stdout
            .contains("the file starts with two byte-order marks"),
        "{check:?}"
    );
    // errdocs.toml: a number where a level is wanted; a bad locale, with
    // its line.
    let dir = built(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    let before = out_files(root);
    for (config, said) in [
        (
            "[check]\nfail-on = 3\n",
            "errdocs.toml:2: invalid type: integer `3`, expected one of \"error\", \"warning\", \"note\", \"never\"",
        ),
        (
            "\nsource-locale = \"xx_YY!\"\n",
            "errdocs.toml:2: `xx_YY!` is not a locale tag",
        ),
        (
            "[documents.doc]\ntitle = \"T\"\nsource-locale = \"bad tag\"\n",
            "errdocs.toml:3: `bad tag` is not a locale tag",
        ),
    ] {
        std::fs::write(root.join("errdocs.toml"), config).expect("write");
        let run = errdocs(root, &["build"]);
        fails_naming(&run, said, root, &before);
    }
    std::fs::remove_file(root.join("errdocs.toml")).expect("remove");
    // UTF-32 is named UTF-32.
    for bom in [&b"\xff\xfe\0\0"[..], b"\0\0\xfe\xff"] {
        let mut text = bom.to_vec();
        text.extend(b"#\0\0\0");
        std::fs::write(root.join("sources/doc/en-us.md"), &text).expect("write");
        let run = errdocs(root, &["build"]);
        fails_naming(&run, "en-us.md: the file is UTF-32", root, &before);
    }
}

#[test]
fn an_error_quoting_a_huge_value_stays_a_readable_line() {
    // Values of megabytes in errdocs.toml were quoted whole: a message of
    // five to ten megabytes on one line.
    let huge = "a".repeat(5 << 20);
    let dir = project(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    for (config, start, end) in [
        (
            format!("source-locale = \"{huge}\"\n"),
            "errdocs: error: ",
            "is not a locale tag such as en-US\n",
        ),
        (
            format!("[documents.x]\nsource = \"{huge}.md\"\n"),
            "errdocs: error: ",
            "",
        ),
        (
            format!("[reference]\nfiles = [\"{huge}.zz\"]\n"),
            "errdocs: error: ",
            "(.csv, .tsv, .tab)\n",
        ),
    ] {
        std::fs::write(root.join("errdocs.toml"), &config).expect("write");
        let run = errdocs(root, &["check"]);
        assert_eq!(run.code, 2, "{}", &run.stderr[..200.min(run.stderr.len())]);
        assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
        assert!(run.stderr.starts_with(start), "{}", &run.stderr[..200]);
        assert!(
            run.stderr.contains("errdocs.toml:"),
            "{}",
            &run.stderr[..200]
        );
        assert!(run.stderr.contains("characters left out"));
        assert!(
            run.stderr.ends_with(end),
            "{}",
            &run.stderr[run.stderr.len() - 200..]
        );
    }
    // A note quoting a skipped definition's name or value of megabytes.
    std::fs::write(
        root.join("errdocs.toml"),
        "[reference]\nfiles = [\"om.h\"]\n",
    )
    .expect("write");
    for header in [
        format!("#define OM_\u{c9}{huge} 1\n"),
        format!("#define OM_E_X {huge}\n"),
    ] {
        std::fs::write(root.join("om.h"), header).expect("write");
        let run = errdocs(root, &["check"]);
        assert_eq!(run.code, 0, "{}", &run.stderr[..200.min(run.stderr.len())]);
        assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
        assert!(
            run.stderr
                .starts_with("errdocs: note: om.h: 1 definition not read")
        );
    }
    // A rule id of 100,000 characters (about the most an argument holds)
    // was quoted whole by `explain`.
    let id = "a".repeat(100_000);
    let run = errdocs(root, &["explain", &id]);
    assert_eq!(run.code, 2, "{}", &run.stderr[..200.min(run.stderr.len())]);
    assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains("characters left out"));
}

/// `--write-baseline` wrote over the previous baseline in place: a run
/// stopped mid-write (here by the file size limit, as by a full disk or a
/// kill) left it truncated, not JSON, and the next `check --baseline`
/// stopped on it. The previous baseline now stays whole until the new one
/// is.
#[cfg(unix)]
#[test]
fn a_baseline_write_stopped_midway_leaves_the_previous_baseline_whole() {
    use std::os::unix::fs::PermissionsExt;
    let rows: Vec<String> = (1..120)
        .map(|i| format!("| 0x8024{i:04X} | WU_E_Q{i} | the the text |"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = project(&[("sources/doc/en-us.md", &page(&rows))]);
    let root = dir.path();
    let baseline = root.join("baseline.json");
    let path = baseline.to_str().expect("utf-8");
    let write = errdocs(root, &["check", "--write-baseline", path]);
    assert_eq!(write.code, 0, "{write:?}");
    let before = std::fs::read(&baseline).expect("read");
    assert!(before.len() > 20_000, "{} bytes", before.len());
    std::fs::set_permissions(&baseline, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    // A limit of 4 blocks (2 or 4 KiB): the write stops there.
    let stopped = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 4 && exec \"$0\" --root \"$1\" check --write-baseline \"$2\"")
        .arg(bin())
        .arg(root)
        .arg(&baseline)
        .output()
        .expect("run");
    assert!(!stopped.status.success(), "{stopped:?}");
    let now = std::fs::read(&baseline).expect("read");
    assert!(
        now == before,
        "the baseline is {} bytes, was {}",
        now.len(),
        before.len()
    );
    let check = errdocs(root, &["check", "--baseline", path]);
    assert_eq!(check.code, 0, "{check:?}");
    // A complete write replaces it, keeping its permissions.
    std::fs::write(&baseline, b"{}").expect("write");
    let write = errdocs(root, &["check", "--write-baseline", path]);
    assert_eq!(write.code, 0, "{write:?}");
    assert!(std::fs::read(&baseline).expect("read") == before);
    let mode = std::fs::metadata(&baseline)
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// A write that fails (here at the file size limit, with SIGXFSZ ignored,
/// as a full disk fails it) was reported with the temporary file's path
/// that tempfile adds, `File too large (os error 27) at path
/// "/abs/.errdocs-baseline-lDmudw"`: a name that means nothing to the
/// reader. The error names the baseline, or the page being fixed, alone;
/// both stay as they were.
#[cfg(unix)]
#[test]
fn a_failed_write_names_the_file_not_its_temporary_copy() {
    let rows: Vec<String> = (1..400)
        .map(|i| format!("| 0x8024{i:04X} | WU_E_Q{i} | the the text |"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = project(&[("sources/doc/en-us.md", &page(&rows))]);
    let root = dir.path();
    let limited = |args: &str| {
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f 8 && exec \"$0\" --root \"$1\" {args}"
            ))
            .arg(bin())
            .arg(root)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        finish(output, args)
    };
    let page_before = std::fs::read(root.join("sources/doc/en-us.md")).expect("read");
    let write = limited("check --write-baseline baseline.json");
    assert_eq!(write.code, 2, "{write:?}");
    assert!(write.stderr.contains("baseline.json: "), "{write:?}");
    assert!(!write.stderr.contains(".errdocs-baseline-"), "{write:?}");
    let fix = limited("fix --unsafe");
    assert_eq!(fix.code, 2, "{fix:?}");
    assert!(
        fix.stderr
            .contains("sources/doc/en-us.md: the fixed page could not be written beside it"),
        "{fix:?}"
    );
    assert!(!fix.stderr.contains(".errdocs-fix-"), "{fix:?}");
    assert_eq!(
        std::fs::read(root.join("sources/doc/en-us.md")).expect("read"),
        page_before
    );
}

/// `--write-baseline` through a symbolic link to a file not yet written
/// replaced the link with a file of its own (the link was followed only to
/// a file that exists); links in a circle were replaced too.
#[cfg(unix)]
#[test]
fn a_baseline_written_through_a_link_to_no_file_yet_keeps_the_link() {
    let dir = project(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    std::fs::create_dir(root.join("kept")).expect("mkdir");
    std::os::unix::fs::symlink("kept/baseline.json", root.join("link.json")).expect("link");
    let link = root.join("link.json");
    let write = errdocs(
        root,
        &["check", "--write-baseline", link.to_str().expect("utf-8")],
    );
    assert_eq!(write.code, 0, "{write:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    assert!(root.join("kept/baseline.json").is_file());
    // Links in a circle: an error naming the path, the links left alone.
    std::os::unix::fs::symlink("b.json", root.join("a.json")).expect("link");
    std::os::unix::fs::symlink("a.json", root.join("b.json")).expect("link");
    let a = root.join("a.json");
    let write = errdocs(
        root,
        &["check", "--write-baseline", a.to_str().expect("utf-8")],
    );
    assert_eq!(write.code, 2, "{write:?}");
    assert!(
        write.stderr.contains("a.json") && write.stderr.contains("circle"),
        "{write:?}"
    );
    assert!(
        std::fs::symlink_metadata(&a)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
}

/// A page read from a pipe (`errdocs check <(git show REV:page.md)`, or
/// `/dev/stdin`) cannot be read a second time: `check` read it again to
/// quote its lines, found nothing and said the file changed while it was
/// checked (exit 2); `fix` read it as an empty file.
#[cfg(unix)]
#[test]
fn a_page_from_a_pipe_is_checked_and_fix_says_why_it_cannot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = page(&[
        ROW_1,
        "| 0x8024002 | WU_E_MAX_CAPACITY_REACHED | The the text. |",
    ]);
    let piped = |args: &[&str]| {
        let mut child = Command::new(bin())
            .args(args)
            .arg("/dev/stdin")
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        std::io::Write::write_all(&mut stdin, &text).expect("write");
        drop(stdin);
        finish(
            child.wait_with_output().expect("wait"),
            &format!("{args:?}"),
        )
    };
    for format in ["human", "json", "sarif", "github"] {
        let check = piped(&["check", "--format", format]);
        assert_eq!(check.code, 1, "{format}: {check:?}");
        assert!(
            check.stdout.contains("hex-malformed"),
            "{format}: {check:?}"
        );
    }
    let fix = piped(&["fix", "--diff"]);
    assert_eq!(fix.code, 2, "{fix:?}");
    assert!(
        fix.stderr
            .contains("/dev/stdin: not a regular file (a pipe?)"),
        "{fix:?}"
    );
}

// Devices and streams given as pages.

/// `/dev/zero` given as a page was read without end (gigabytes in
/// seconds): the read stops at the first block with a NUL byte, and the
/// page is refused as binary, naming it.
#[cfg(target_os = "linux")]
#[test]
fn a_device_given_as_a_page_is_refused_not_read_without_end() {
    let dir = project(&[]);
    let run = errdocs_within(
        dir.path(),
        &["check", "/dev/zero"],
        std::time::Duration::from_secs(60),
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("/dev/zero") && run.stderr.contains("binary file"),
        "{run:?}"
    );
}

/// `/dev/zero` given as a baseline, linked as `errdocs.toml`, or linked in
/// place of an output that `build --check` compares, was read without end
/// (gigabytes in seconds): each read stops at the first block with a NUL
/// byte, and the file is refused naming it (or, for the output, is stale).
#[cfg(target_os = "linux")]
#[test]
fn a_device_as_a_baseline_settings_or_output_is_not_read_without_end() {
    let limit = std::time::Duration::from_secs(60);
    let dir = built(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    let run = errdocs_within(root, &["check", "--baseline", "/dev/zero"], limit);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("/dev/zero: line 1: not an errdocs baseline: a binary file"),
        "{run:?}"
    );

    let output = root.join("out/error-codes.json");
    std::fs::remove_file(&output).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", &output).expect("link");
    let run = errdocs_within(root, &["build", "--check"], limit);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("error-codes.json differs from what the sources give"),
        "{run:?}"
    );

    std::os::unix::fs::symlink("/dev/zero", root.join("errdocs.toml")).expect("link");
    let run = errdocs_within(root, &["check"], limit);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("errdocs.toml:1: a binary file (NUL byte at byte offset 0)"),
        "{run:?}"
    );
}

/// A baseline or a dataset saved again by a Windows editor starts with a
/// byte-order mark: serde refused it ("line 1: not an errdocs baseline
/// (expected value)"). It is read past.
#[test]
fn a_baseline_or_dataset_with_a_byte_order_mark_is_read() {
    let bad = "| 0x8024002 | WU_E_MAX_CAPACITY_REACHED | The maximum capacity. |";
    let dir = built(&[("sources/doc/en-us.md", &page(&[ROW_1, bad]))]);
    let root = dir.path();
    let baseline = root.join("baseline.json");
    let run = errdocs(
        root,
        &["check", "--write-baseline", &baseline.to_string_lossy()],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let with_mark = |path: &Path| {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(path).expect("read"));
        std::fs::write(path, bytes).expect("write");
    };
    with_mark(&baseline);
    let run = errdocs(root, &["check", "--baseline", &baseline.to_string_lossy()]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("baselined: 1"), "{run:?}");

    let dataset = root.join("out/error-codes.json");
    with_mark(&dataset);
    let dataset = dataset.to_string_lossy().into_owned();
    let run = errdocs(root, &["diff", &dataset, &dataset]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("no changes"), "{run:?}");
}

/// A baseline to write in a folder that does not exist was refused with
/// tempfile's words: `dir: No such file or directory (os error 2) at path
/// "/abs/dir/.errdocs-baseline-TtFaCo"`, naming neither the baseline nor
/// what to do.
#[test]
fn a_baseline_in_a_missing_folder_names_the_folder() {
    let dir = project(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    let baseline = root.join("ci/baselines/errdocs.json");
    let run = errdocs(
        root,
        &["check", "--write-baseline", &baseline.to_string_lossy()],
    );
    assert_eq!(run.code, 2, "{run:?}");
    let expected = format!(
        "{}: cannot write the baseline: there is no folder {}; create it first",
        baseline.display(),
        root.join("ci/baselines").display()
    );
    assert!(run.stderr.contains(&expected), "{run:?}");
    assert!(!run.stderr.contains(".errdocs-baseline-"), "{run:?}");
}

/// A dataset read from a pipe (`errdocs diff <(git show
/// main:out/error-codes.json) out/error-codes.json`) was refused as
/// "neither an errdocs project nor a dataset file"; a device given as one
/// is refused at its first NUL byte, not read without end.
#[cfg(target_os = "linux")]
#[test]
fn a_dataset_from_a_pipe_is_compared() {
    let dir = built(&[("sources/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    let dataset = root.join("out/error-codes.json");
    let mut child = Command::new(bin())
        .args(["diff", "/dev/stdin"])
        .arg(&dataset)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, &std::fs::read(&dataset).expect("read")).expect("write");
    drop(stdin);
    let run = finish(child.wait_with_output().expect("wait"), "diff /dev/stdin");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("no changes"), "{run:?}");

    let dataset = dataset.to_string_lossy().into_owned();
    let run = errdocs_within(
        root,
        &["diff", "/dev/zero", &dataset],
        std::time::Duration::from_secs(60),
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("/dev/zero: line 1: not an errdocs dataset: a binary file"),
        "{run:?}"
    );
}

/// An unclosed `<!-- errdocs-disable rule` comment runs to the end of the
/// file: its directive is its first line. Every later word of the page was
/// read as a rule id, each an unknown-rule warning.
#[test]
fn an_unclosed_suppression_reads_only_its_own_line() {
    let mut text = page(&[ROW_1]);
    text.extend_from_slice(
        b"\n<!-- errdocs-disable hex-malformed\n\nSome more words here and there.\n",
    );
    let dir = project(&[("sources/doc/en-us.md", &text)]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(check.stdout.contains("html-comment-unclosed"), "{check:?}");
    for word in ["`Some`", "`words`", "`there.`"] {
        assert!(!check.stdout.contains(word), "{word}: {check:?}");
    }
}

/// A description of 200,000 numbers, written by its translation in the
/// reverse order: the numbers were paired by comparing each with every
/// other (5.7 s at 60,000 in a release build, growing with the square).
#[test]
fn numbers_of_a_translated_description_are_paired_in_linear_time() {
    let numbers: Vec<String> = (0..200_000).map(|n| n.to_string()).collect();
    let reversed: Vec<String> = numbers.iter().rev().cloned().collect();
    let page = |description: &str| {
        format!(
            "# Codes\n\n| Error code | Symbolic name | Description |\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | {description} |\n"
        )
    };
    let source = page(&numbers.join("; "));
    let translation = page(&reversed.join("; "));
    let dir = project(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/de-de.md", translation.as_bytes()),
    ]);
    let check = errdocs_within(
        dir.path(),
        &["check", "--fail-on", "never"],
        std::time::Duration::from_secs(60),
    );
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        !check.stdout.contains("translation-token-mismatch"),
        "{check:?}"
    );
}

/// A front matter of 100,000 lines, each with the same misread character
/// or a key given again, gave 100,000 findings: each problem is now one
/// finding at its first line, the other lines counted in its message and
/// the first few of them given as related places.
#[test]
fn a_front_matter_bad_on_every_line_gives_one_finding_per_problem() {
    const LINES: usize = 100_000;
    let mut text = String::from("---\ntitle: T\n");
    for n in 0..LINES {
        // A no-break space after the colon, then the key again.
        text.push_str(&format!("k{n}:\u{a0}v\ntitle: again\n"));
    }
    text.push_str("---\n");
    let mut text = text.into_bytes();
    text.extend(page(&[ROW_1]));
    let dir = project(&[("sources/doc/en-us.md", &text)]);
    let check = errdocs_within(
        dir.path(),
        &["check", "--format", "json", "--fail-on", "never"],
        std::time::Duration::from_secs(120),
    );
    assert_eq!(check.code, 0, "{check:?}");
    let report: serde_json::Value = serde_json::from_str(&check.stdout).expect("json");
    let found: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "front-matter-invalid")
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    let messages: Vec<(u64, &str, usize)> = found
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default(),
                f["related"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    assert!(
        messages[0].0 == 3
            && messages[0]
                .1
                .ends_with("; the same on 99,999 more lines (5, 7, 9, 11, 13 and 99,994 more)")
            && messages[0].2 == 5,
        "{messages:#?}"
    );
    assert!(
        messages[1].0 == 4
            && messages[1].1.starts_with("front matter gives `title` twice, at lines 2 and 4; the first is kept; 99,999 more keys given again too (lines 6, 8, 10, 12, 14 and 99,994 more)")
            // The first of the key, and five of the others.
            && messages[1].2 == 6,
        "{messages:#?}"
    );
}

/// True when a build's new set or lock is beside `out/` under `root`.
#[cfg(unix)]
fn staged(root: &Path) -> bool {
    std::fs::read_dir(root)
        .expect("read root")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(".out"))
}

/// Starts `command` (a build of `root`), waits until its new set is begun
/// beside `out/`, sends it `signal` with `kill` and returns how it ended.
#[cfg(unix)]
fn signalled_while_staging(command: Command, root: &Path, signal: &str) -> Output {
    signalled_once(command, signal, "staged its outputs", || {
        std::fs::read_dir(root)
            .expect("read root")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".out.tmp-"))
    })
}

/// Starts `command`, waits until `ready` holds (what it is waiting for,
/// `what`), sends it `signal` with `kill` and returns how it ended.
#[cfg(unix)]
fn signalled_once(
    mut command: Command,
    signal: &str,
    what: &str,
    ready: impl Fn() -> bool,
) -> Output {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while !ready() {
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "SIG{signal}: the run ended before it {what}"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "SIG{signal}: never {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let kill = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -{signal} failed");
    child.wait_with_output().expect("wait")
}

/// A build stopped by Ctrl-C or SIGTERM while it wrote its new set left
/// the set (`.out.tmp-PID`) and its lock beside `out/` for the next build
/// to remove: it now removes them itself, leaves `out/` as it was, and
/// ends by the signal (a shell sees 130 and 143). A build started with
/// SIGINT ignored (in the background of a script) still ignores it.
#[cfg(unix)]
#[test]
fn an_interrupted_build_removes_its_new_set_and_leaves_out_as_it_was() {
    use std::os::unix::process::ExitStatusExt;
    let rows = 20_000;
    let dir = built(&[("sources/doc/en-us.md", &corpus(1, rows))]);
    let root = dir.path();
    let old = out_files(root);
    std::fs::write(root.join("sources/doc/en-us.md"), corpus(2, rows)).expect("write");
    for (name, number) in [("INT", 2), ("TERM", 15)] {
        let mut command = Command::new(bin());
        command.arg("--root").arg(root).arg("build");
        let output = signalled_while_staging(command, root, name);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.signal(),
            Some(number),
            "SIG{name}: {:?} {stderr}",
            output.status
        );
        assert!(
            stderr.contains("errdocs: interrupted: removed the unfinished outputs in")
                && stderr.contains(".out.tmp-"),
            "SIG{name}: {stderr}"
        );
        assert!(!staged(root), "SIG{name}: leftovers beside out/");
        assert_eq!(out_files(root), old, "SIG{name}: out/ changed");
    }
    // SIGINT ignored from the start stays ignored: the build completes.
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("trap '' INT; exec \"$0\" --root \"$1\" build")
        .arg(bin())
        .arg(root);
    let output = signalled_while_staging(command, root, "INT");
    assert!(output.status.success(), "{output:?}");
    assert!(!staged(root));
    assert_ne!(out_files(root), old, "the build did not complete");
}

/// A `sources` or `out` link that leads in a circle was called a link "to
/// sources, which does not exist; create that folder", which cannot be
/// done: the name is taken by the link.
#[cfg(unix)]
#[test]
fn sources_and_out_links_in_a_circle_are_named_as_such() {
    let dir = project(&[("pages/doc/en-us.md", &page(&[ROW_1]))]);
    let root = dir.path();
    std::os::unix::fs::symlink("sources", root.join("sources")).expect("link");
    let run = errdocs(root, &["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "sources folder is a symbolic link to sources, and the links lead in a circle"
        ),
        "{run:?}"
    );
    std::fs::remove_file(root.join("sources")).expect("unlink");
    std::os::unix::fs::symlink("pages", root.join("sources")).expect("link");
    std::os::unix::fs::symlink("o2", root.join("out")).expect("link");
    std::os::unix::fs::symlink("out", root.join("o2")).expect("link");
    for args in [&["build"][..], &["build", "--check"]] {
        let run = errdocs(root, args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(
            run.stderr
                .contains("output folder is a symbolic link to o2, and the links lead in a circle"),
            "{args:?}: {run:?}"
        );
    }
}

/// When nothing in sources/ is a page, "no documents" was all the error
/// said: the notes naming what was skipped (a FIFO or a folder named as a
/// page, a page outside any document's folder) are printed only with the
/// documents. The error now names them.
#[cfg(unix)]
#[test]
fn no_documents_names_what_was_skipped() {
    let dir = project(&[
        ("sources/doc/notes.txt", b"x\n"),
        ("sources/loose.md", &page(&[ROW_1])),
    ]);
    let root = dir.path();
    std::fs::create_dir(root.join("sources/doc/en-us.md")).expect("mkdir");
    let run = errdocs(root, &["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    for skipped in [
        "no documents: expected folders holding <locale>.md files",
        "skipped sources/doc/en-us.md: a folder inside a document's folder",
        "skipped sources/doc/notes.txt: not a page",
        "skipped sources/loose.md: not in a document's folder",
    ] {
        assert!(run.stderr.contains(skipped), "{skipped}: {run:?}");
    }
}

/// Runs `git` in `dir` (see [`common::git`]): whether it succeeded.
#[cfg(unix)]
fn git_in(dir: &Path, args: &[&str]) -> bool {
    common::git(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `diff --base` stopped by Ctrl-C or SIGTERM while it read the revision
/// left its copy of the revision (`errdocs-rev-PID-*` in the temporary
/// folder) for a later run to sweep: it now removes the copy itself, says
/// so, and ends by the signal (a shell sees 130 and 143).
#[cfg(unix)]
#[test]
fn an_interrupted_diff_removes_its_copy_of_the_revision() {
    use std::os::unix::process::ExitStatusExt;
    if !common::git_available() {
        return;
    }
    let rows = 20_000;
    let dir = project(&[("sources/doc/en-us.md", &corpus(1, rows))]);
    let root = dir.path();
    for args in [
        &["init", "-q", "."][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "base"],
    ] {
        assert!(git_in(root, args), "git {args:?}");
    }
    std::fs::write(root.join("sources/doc/en-us.md"), corpus(2, rows)).expect("write");
    for (name, number) in [("INT", 2), ("TERM", 15)] {
        let temp = tempfile::tempdir().expect("tempdir");
        let copies = || -> Vec<String> {
            std::fs::read_dir(temp.path())
                .expect("read temp")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("errdocs-rev-"))
                .collect()
        };
        let mut command = Command::new(bin());
        command
            .arg("--root")
            .arg(root)
            .args(["diff", "--base", "HEAD"])
            .env("TMPDIR", temp.path());
        let output = signalled_once(command, name, "copied the revision", || {
            !copies().is_empty()
        });
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.signal(),
            Some(number),
            "SIG{name}: {:?} {stderr}",
            output.status
        );
        assert!(
            stderr.contains("errdocs: interrupted: removed the temporary folder")
                && stderr.contains("errdocs-rev-"),
            "SIG{name}: {stderr}"
        );
        assert_eq!(copies(), Vec::<String>::new(), "SIG{name}: {stderr}");
    }
}

/// Paths given for `sources` and `out` that lead nowhere were told as "no
/// sources folder here; run errdocs in the project root or pass --root
/// DIR" (wrong advice where errdocs.toml names the folder) and as "out: No
/// such file or directory" (of a link that is there), after every page
/// was read; an absolute `sources` through a link out of the project was
/// read or refused by how `--root` was spelt. Each now names the path as
/// given, what is wrong, and what to do.
#[cfg(unix)]
#[test]
fn sources_and_out_that_lead_nowhere_are_named_with_what_to_do() {
    use std::os::unix::fs::symlink;
    let dir = built(&[
        ("pages/doc/en-us.md", &page(&[ROW_1])),
        ("errdocs.toml", b"sources = \"pages\"\n"),
    ]);
    let root = dir.path();
    let before = out_files(root);
    // `sources` named in errdocs.toml, missing: the line, not --root.
    std::fs::write(
        root.join("errdocs.toml"),
        "\nsources = \"no-such-folder\"\n",
    )
    .expect("write");
    let run = errdocs(root, &["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("errdocs.toml:2: sources = \"no-such-folder\": there is no such folder")
            && !run.stderr.contains("--root"),
        "{run:?}"
    );
    // A link that leads nowhere: where it leads.
    symlink(root.join("gone"), root.join("dangling")).expect("link");
    std::fs::write(root.join("errdocs.toml"), "sources = \"dangling\"\n").expect("write");
    let run = errdocs(root, &["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("dangling: the sources folder is a symbolic link to ")
            && run.stderr.contains("gone, which does not exist"),
        "{run:?}"
    );
    // An absolute `sources` through a link that leads out of the project
    // is refused however the root is given: absolute, or relative to the
    // current folder.
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(outside.path().join("doc")).expect("mkdir");
    std::fs::write(outside.path().join("doc/en-us.md"), page(&[ROW_2])).expect("write");
    symlink(outside.path(), root.join("linked")).expect("link");
    std::fs::write(
        root.join("errdocs.toml"),
        format!(
            "sources = {:?}\n",
            root.join("linked").display().to_string()
        ),
    )
    .expect("write");
    let parent = root.parent().expect("parent");
    let relative = root.file_name().expect("name");
    for (at, root_arg) in [(root, root.as_os_str()), (parent, relative)] {
        let output = Command::new(bin())
            .current_dir(at)
            .arg("--root")
            .arg(root_arg)
            .arg("check")
            .env("NO_COLOR", "1")
            .output()
            .expect("run errdocs");
        let run = finish(output, "check");
        assert_eq!(run.code, 2, "--root {root_arg:?}: {run:?}");
        assert!(
            run.stderr
                .contains("the sources folder is a symbolic link to")
                && run.stderr.contains("outside the project"),
            "--root {root_arg:?}: {run:?}"
        );
    }
    // `out` a link that leads nowhere: refused before a page is read,
    // with where it leads, by `build` and `build --check` alike.
    std::fs::write(
        root.join("errdocs.toml"),
        "sources = \"pages\"\nout = \"site\"\n",
    )
    .expect("write");
    symlink(root.join("nowhere/site"), root.join("site")).expect("link");
    for args in [&["build"][..], &["build", "--check"]] {
        let run = errdocs(root, args);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(
            run.stderr
                .contains("site: the output folder is a symbolic link to ")
                && run.stderr.contains("nowhere/site, which does not exist"),
            "{run:?}"
        );
        assert!(!run.stdout.contains("read 1 document"), "{run:?}");
    }
    assert_eq!(out_files(root), before);
}

/// A pipe table whose header is 10,003 columns wide over rows of 3 cells:
/// the Markdown reader ends a table once the empty cells it pads short
/// rows with reach 262,144 (a guard against quadratic pages), in the
/// middle of its rows. The row it stopped in was reported with 1 cell,
/// and the rows after it only as codes outside any table, which said
/// nothing of why.
#[test]
fn a_table_ended_for_its_padded_cells_says_where_and_why() {
    let width = 10_000;
    let mut text = format!(
        "# Codes\n\n| Error code | Symbolic name | Description |{}\n|{}\n",
        " x |".repeat(width),
        "---|".repeat(width + 3)
    );
    for row in 1..=100 {
        text.push_str(&format!("| 0x8024{row:04X} | WU_E_N{row} | Text. |\n"));
    }
    let dir = project(&[("sources/doc/en-us.md", text.as_bytes())]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert_eq!(check.code, 0, "{check:?}");
    // 26 rows pad 260,000 cells; the 27th (line 31) reaches the limit.
    assert!(
        check.stdout.contains(
            "en-us.md:32:1: warning[table-ragged-row]: the table above ends here, after 27 rows, not at a blank line"
        ),
        "{}",
        &check.stdout[..check.stdout.len().min(3_000)]
    );
    assert!(
        check.stdout.contains(
            "en-us.md:31:1: warning[table-ragged-row]: table row has 3 cells but the header has 10003"
        ),
        "the row the reader stopped in is read whole"
    );
    // A table this wide that pads fewer cells ends at its blank line, and
    // says nothing of the kind.
    let short: String = text
        .lines()
        .take(4 + 20)
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = project(&[("sources/doc/en-us.md", short.as_bytes())]);
    let check = errdocs(dir.path(), &["check", "--fail-on", "never"]);
    assert!(!check.stdout.contains("ends here"), "{check:?}");
}
