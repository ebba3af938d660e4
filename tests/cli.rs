//! The command line on crafted projects: summaries, exit codes, and clear
//! errors for unreadable input that leave out/ as it was.

mod common;

use common::{errdocs, project_with};

const GOOD: &str = "---\ntitle: Codes\nms.contentlocale: en-US\n---\n# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|**0x80cf0001**|OM_E_NO_SERVICE|The agent could not provide the service.|\n|**0x80cf0002**|OM_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|\n";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn root_arg(dir: &tempfile::TempDir) -> String {
    dir.path().display().to_string()
}

#[test]
fn build_prints_counts_and_writes_every_output() {
    let dir = project_with(&[("sources/doc/en-us.md", GOOD.as_bytes())]);
    let output = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("read 1 document, 1 file in 1 locale (en-US), 1 table"),
        "{text}"
    );
    assert!(
        text.contains("rows read 2: 2 in 2 records, 0 unresolved"),
        "{text}"
    );
    for name in [
        "error-codes.json",
        "error-codes.csv",
        "descriptions.csv",
        "error_codes.rs",
    ] {
        assert!(dir.path().join("out").join(name).is_file(), "{name}");
    }
    let first = std::fs::read(dir.path().join("out/error-codes.json")).unwrap();
    let again = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        first,
        std::fs::read(dir.path().join("out/error-codes.json")).unwrap()
    );
    let check = errdocs(&["build", "--check", "--root", &root_arg(&dir)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn build_check_fails_on_stale_outputs() {
    let dir = project_with(&[("sources/doc/en-us.md", GOOD.as_bytes())]);
    assert_eq!(
        errdocs(&["build", "--root", &root_arg(&dir)]).status.code(),
        Some(0)
    );
    std::fs::write(dir.path().join("out/error-codes.csv"), "edited by hand\n").unwrap();
    let output = errdocs(&["build", "--check", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error-codes.csv differs from what the sources give"),
        "{}",
        stderr(&output)
    );
    // --check writes nothing.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/error-codes.csv")).unwrap(),
        "edited by hand\n"
    );
}

/// Each kind of unreadable input: exit 2, the file (and line) named, no
/// panic, and the previous out/ untouched.
#[test]
fn unreadable_input_fails_cleanly_and_keeps_out() {
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "binary",
            b"---\ntitle: x\n---\n\0\x01\x02",
            "sources/doc/de-de.md:4: binary file",
        ),
        (
            "utf8",
            b"# Codes\n\nbad \xff byte\n",
            "sources/doc/de-de.md:3:5: not valid UTF-8",
        ),
        ("empty", b"", "sources/doc/de-de.md: file is empty"),
    ];
    for (label, bad, expected) in cases {
        let dir = project_with(&[
            ("sources/doc/en-us.md", GOOD.as_bytes()),
            ("out/error-codes.json", b"previous dataset\n"),
        ]);
        std::fs::write(dir.path().join("sources/doc/de-de.md"), bad).unwrap();
        let output = errdocs(&["build", "--root", &root_arg(&dir)]);
        assert_eq!(output.status.code(), Some(2), "{label}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{label}: {message}");
        assert!(!message.contains("panicked"), "{label}: {message}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out/error-codes.json")).unwrap(),
            "previous dataset\n",
            "{label}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "{label}: no temporary files left");
    }
}

#[test]
fn missing_root_or_sources_is_a_clear_error() {
    let output = errdocs(&["build", "--root", "/no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("/no/such/folder: no such folder"),
        "{}",
        stderr(&output)
    );

    let dir = project_with(&[("sources/doc/fr-fr.md", GOOD.as_bytes())]);
    let output = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "sources/doc: document `doc` has no file for its source locale en-US (a file named en-us.md); found fr-fr.md (fr-FR)"
        ),
        "{}",
        stderr(&output)
    );

    let dir = project_with(&[
        ("sources/doc/en-us.md", GOOD.as_bytes()),
        ("errdocs.toml", b"[documents.gone]\ntitle = \"Gone\"\n"),
    ]);
    let output = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("configures document `gone`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_configuration_names_the_line() {
    let dir = project_with(&[
        ("sources/doc/en-us.md", GOOD.as_bytes()),
        (
            "errdocs.toml",
            b"sources = \"sources\"\nsource-lokale = \"en-US\"\n",
        ),
    ]);
    let output = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("errdocs.toml:2: unknown field `source-lokale`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ragged_rows_are_reported_and_kept() {
    let ragged = "# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80cf0001|OM_E_NO_SERVICE|\n|0x80cf0002|OM_E_MAX_CAPACITY_REACHED|Exceeded.|stray|\n";
    let dir = project_with(&[("sources/doc/en-us.md", ragged.as_bytes())]);
    let output = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("sources/doc/en-us.md:5:1: warning: table row has 2 cells but the header has 3; the missing cells are read as empty [table-ragged-row]"), "{message}");
    assert!(message.contains("sources/doc/en-us.md:6:1: warning: table row has 4 cells but the header has 3; the extra cells (`stray`) are kept as raw text but not read [table-ragged-row]"), "{message}");
    assert!(stdout(&output).contains("rows read 2: 2 in 2 records, 0 unresolved"));
}

#[test]
fn unreadable_tables_and_broken_front_matter_do_not_lose_rows() {
    // A table without codes is counted and left alone; a table whose header
    // names a code column over no codes keeps its rows as unresolved.
    let doc = "---\ntitle: [broken\n---\n# Codes\n\n|Colour|Shade|\n|---|---|\n|red|dark|\n\n|Error code|More information|\n|---|---|\n|see below|Nothing.|\n\n|Error code|More information|\n|---|---|\n|0x80cf0001|Fine.|\n";
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    let output = errdocs(&["build", "--root", &root_arg(&dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("[front-matter-invalid]"), "{message}");
    assert!(!message.contains("Colour"), "{message}");
    assert!(
        message.contains("sources/doc/en-us.md:10:1: warning: the table's header (`Error code`, `More information`) names a code column, but none of its cells holds a code"),
        "{message}"
    );
    let out = stdout(&output);
    assert!(out.contains("3 tables (1 without codes)"), "{out}");
    assert!(
        out.contains("rows read 2: 1 in 1 record, 1 unresolved"),
        "{out}"
    );
}

#[test]
fn help_explains_commands_and_options() {
    let output = errdocs(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for word in ["build", "--root"] {
        assert!(text.contains(word), "{word}: {text}");
    }
    let output = errdocs(&["build", "--help"]);
    assert!(stdout(&output).contains("--check"));
    let output = errdocs(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

/// A reader that stops early (`| head`) is not an error: the exit code
/// still says what the check found.
#[test]
fn check_output_into_a_closed_pipe_keeps_the_check_exit_code() {
    use std::io::Read;
    let root = common::repo_root();
    for format in ["json", "sarif"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
            .args(["check", "--format", format, "--root"])
            .arg(&root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run errdocs");
        let mut first = [0u8; 1];
        child
            .stdout
            .take()
            .expect("piped stdout")
            .read_exact(&mut first)
            .expect("some output");
        // The pipe's read end is closed here, before errdocs has written
        // the rest (tens of kilobytes).
        let output = child.wait_with_output().expect("errdocs ends");
        assert_eq!(
            output.status.code(),
            Some(1),
            "--format {format}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    }
}

/// `explain` shows the project's severity where it differs from the
/// default; `--root` given a file says so.
#[test]
fn explain_shows_the_configured_severity_and_root_must_be_a_folder() {
    let dir = project_with(&[
        ("errdocs.toml", b"[rules]\nname-case = \"off\"\n"),
        ("sources/doc/en-us.md", b"# Codes\n"),
    ]);
    let explained = errdocs(&["explain", "name-case", "--root", &root_arg(&dir)]);
    assert!(
        stdout(&explained).starts_with("name-case (note by default, off in this project;"),
        "{}",
        stdout(&explained)
    );
    let file = dir.path().join("errdocs.toml");
    let output = errdocs(&["build", "--root", &file.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("errdocs.toml: is a file; pass the project folder"),
        "{}",
        stderr(&output)
    );
}
