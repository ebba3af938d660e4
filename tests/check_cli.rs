//! `errdocs check`, `rules` and `explain` from the command line: exit
//! codes, baselines, configuration and the GitHub job summary.

mod common;

use common::{bundled_copy_with, errdocs, project_with, repo_root};

const CLEAN: &str = "# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|\n";
const WSUS: &str = "sources/wsus-additional-resources/en-us.md";

fn root(dir: &tempfile::TempDir) -> String {
    dir.path().display().to_string()
}

#[test]
fn bundled_sources_fail_and_fail_on_never_passes() {
    let repo = repo_root().display().to_string();
    let output = errdocs(&["check", "--root", &repo, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let output = errdocs(&[
        "check",
        "--root",
        &repo,
        "--fail-on",
        "never",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn clean_project_passes_and_fail_on_level_is_configurable() {
    let dir = project_with(&[("sources/doc/en-us.md", CLEAN.as_bytes())]);
    let output = errdocs(&["check", "--root", &root(&dir)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    // A note only: passes by default, fails with fail-on = "note".
    let noted = CLEAN.replace(
        "0x80CF0001|OM_E_NO_SERVICE",
        "0x0000007B|Error_Invalid_Name",
    );
    let dir = project_with(&[("sources/doc/en-us.md", noted.as_bytes())]);
    assert_eq!(
        errdocs(&["check", "--root", &root(&dir)]).status.code(),
        Some(0)
    );
    std::fs::write(
        dir.path().join("errdocs.toml"),
        "[check]\nfail-on = \"note\"\n",
    )
    .unwrap();
    assert_eq!(
        errdocs(&["check", "--root", &root(&dir)]).status.code(),
        Some(1)
    );
    assert_eq!(
        errdocs(&["check", "--root", &root(&dir), "--fail-on", "warning"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn baseline_survives_line_shifts_and_reports_new_and_fixed_findings() {
    let dir = bundled_copy_with(WSUS, |text| text);
    let baseline = dir.path().join("baseline.json");
    let baseline_arg = baseline.display().to_string();
    let output = errdocs(&[
        "check",
        "--root",
        &root(&dir),
        "--write-baseline",
        &baseline_arg,
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(baseline.is_file());

    let output = errdocs(&[
        "check",
        "--root",
        &root(&dir),
        "--baseline",
        &baseline_arg,
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    // Shift every line of the WSUS page down by two, fix one defect and add
    // another: only the new one is reported, the fixed one is listed.
    let path = dir.path().join(WSUS);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("---\n\nAdditional", "---\n\n\n\nAdditional", 1)
        .replacen("0x800704CF.", "0x800704CF", 1)
        .replacen("0x80240002</td>", "0x8024002</td>", 1);
    std::fs::write(&path, text).unwrap();
    let output = errdocs(&[
        "check",
        "--root",
        &root(&dir),
        "--baseline",
        &baseline_arg,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "hex-malformed");
    assert_eq!(findings[0]["fix"]["to"], "0x80240002");
    let gone = report["summary"]["gone_from_baseline"].as_array().unwrap();
    assert_eq!(gone.len(), 1, "{gone:#?}");
    assert!(gone[0]["message"].as_str().unwrap().contains("0x800704CF."));
}

/// `check --baseline` answers CI's question, what is new: with nothing
/// new, the human report printed the translation and counterpart coverage
/// tables of every row (some seventy lines on the bundled pages) under
/// "no findings". They are left out, with a line that says where they
/// are; the JSON report keeps them, as its schema says.
#[test]
fn a_baseline_check_with_nothing_new_is_short() {
    let dir = bundled_copy_with(WSUS, |text| text);
    let baseline = dir.path().join("baseline.json");
    let baseline_arg = baseline.display().to_string();
    let written = errdocs(&[
        "check",
        "--root",
        &root(&dir),
        "--write-baseline",
        &baseline_arg,
    ]);
    assert_eq!(written.status.code(), Some(0));
    let output = errdocs(&["check", "--root", &root(&dir), "--baseline", &baseline_arg]);
    assert_eq!(output.status.code(), Some(0));
    let report = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 5, "{report}");
    assert_eq!(lines[0], "no new findings");
    assert_eq!(lines[1], "summary: 0 errors, 0 warnings, 0 notes");
    assert!(lines[2].starts_with("baselined: "), "{report}");
    assert_eq!(
        lines[3],
        "coverage tables: not shown with --baseline (`--format json` has them, as does a check without --baseline)"
    );
    assert!(lines[4].starts_with("result: passes"), "{report}");

    // The JSON report still holds both tables, and a check without the
    // baseline still prints them.
    let output = errdocs(&[
        "check",
        "--root",
        &root(&dir),
        "--baseline",
        &baseline_arg,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!json["summary"]["coverage"].as_array().unwrap().is_empty());
    assert!(
        !json["summary"]["counterpart_coverage"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let output = errdocs(&["check", "--root", &root(&dir), "--fail-on", "never"]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("\ntranslation coverage of "), "{report}");
    assert!(report.contains("\nWU/OM counterparts:\n"), "{report}");
}

#[test]
fn a_bad_baseline_file_is_a_clear_error() {
    let dir = project_with(&[
        ("sources/doc/en-us.md", CLEAN.as_bytes()),
        ("baseline.json", b"{ not json"),
    ]);
    let path = dir.path().join("baseline.json").display().to_string();
    let output = errdocs(&["check", "--root", &root(&dir), "--baseline", &path]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("baseline.json: line 1: not an errdocs baseline"),
        "{message}"
    );
}

/// A baseline file holding `[]` (a list where an object belongs) was told
/// "invalid length 0, expected struct Baseline with 2 elements", as if an
/// array of two would do (serde reads a struct from an array: `[1, []]`
/// was taken for a baseline).
#[test]
fn a_baseline_that_is_no_object_is_told_what_a_baseline_is() {
    for text in ["[]", "[1, []]", "null"] {
        let dir = project_with(&[
            ("sources/doc/en-us.md", CLEAN.as_bytes()),
            ("baseline.json", text.as_bytes()),
        ]);
        let path = dir.path().join("baseline.json").display().to_string();
        let output = errdocs(&["check", "--root", &root(&dir), "--baseline", &path]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("baseline.json: not an errdocs baseline: the file holds a JSON ")
                && message.contains(
                    "where a baseline is a JSON object, `{\"version\": 1, \"findings\": [...]}`"
                )
                && !message.contains("2 elements"),
            "{text}: {message}"
        );
    }
}

/// `$GITHUB_STEP_SUMMARY` naming a path that cannot be written failed the
/// check with exit 2 and the bare OS error, hiding its result: it is a
/// warning naming the variable and the path, and the exit code stays the
/// check's (the summary repeats what the annotations say).
#[test]
fn an_unwritable_job_summary_is_a_warning_and_the_exit_code_the_checks() {
    let bad = CLEAN.replace("0x80CF0001", "0x80CF001");
    for (page, code) in [(CLEAN, 0), (bad.as_str(), 1)] {
        let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
        let summary = dir.path().join("no-such-folder/summary.md");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
            .args(["check", "--root", &root(&dir), "--format", "github"])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "errdocs: warning: cannot write the job summary to $GITHUB_STEP_SUMMARY ({})",
                summary.display()
            )),
            "{stderr}"
        );
    }
}

#[test]
fn github_format_writes_the_job_summary() {
    let doc = CLEAN.replace("0x80CF0001", "0x80CF001");
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    let summary = dir.path().join("summary.md");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["check", "--root", &root(&dir), "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&output.stdout);
    assert!(
        annotations.starts_with("::error file=sources/doc/en-us.md,line=5,col=2,"),
        "{annotations}"
    );
    let summary = std::fs::read_to_string(summary).unwrap();
    assert!(summary.contains("hex-malformed"), "{summary}");
}

#[test]
fn rules_lists_and_explain_explains() {
    let output = errdocs(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    for rule in errdocs::check::registry() {
        assert!(text.contains(rule.id), "{}", rule.id);
    }
    let output = errdocs(&["explain", "decimal-mismatch"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("signed 32-bit") && text.contains("-2147024809"),
        "{text}"
    );
    let output = errdocs(&["explain", "decimal"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("did you mean: decimal-mismatch, decimal-sign-lost, decimal-systematic")
    );
}

#[test]
fn files_as_arguments_without_a_table_are_read_when_they_list_codes() {
    // No table on either page: the quick look at the bytes left both out
    // unread, so `check PATH` passed pages that `check` on a project
    // reports (codes under headings) or reads as a table (paragraph
    // entries, here with names whose severity bit is wrong).
    let dir = project_with(&[
        (
            "docs/headings.md",
            b"# Device errors\n\n## 0x801C03ED\n\nNot registered.\n\n## 0x801C03EE\n\nNot found.\n\n## 0x801C03EF\n\nDenied.\n",
        ),
        (
            "docs/troubleshoot.md",
            b"# Enrollment\n\n### Error 8018000a\n\nEnrolled.\n\n### Error 80180014\n\nBlocked.\n\n- Fehler 80070005: Zugriff verweigert.\n",
        ),
        (
            "docs/entries.md",
            b"# Errors\n\n**WU_E_ONE** (0x00240001)\n\nOne.\n\n**WU_E_TWO** (0x00240002)\n\nTwo.\n\n**WU_E_THREE** (0x00240003)\n\nThree.\n",
        ),
    ]);
    let docs = dir.path().join("docs");
    let out = errdocs(&["check", docs.to_str().expect("utf-8")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text.contains("headings.md:3:4: warning[codes-outside-tables]"),
        "{text}"
    );
    // Codes without `0x` in headings and items (a troubleshooting
    // article) are kept by the quick look too.
    assert!(
        text.contains("troubleshoot.md:3:11: warning[codes-outside-tables]"),
        "{text}"
    );
    assert!(
        text.matches("error[severity-bit-mismatch]").count() == 3,
        "{text}"
    );
}

/// The coverage table is as wide as its longest locale tag: `zh-Hant-TW`
/// pushed its counts out from under their headers.
#[test]
fn the_coverage_table_lines_up_under_long_locale_tags() {
    let dir = project_with(&[
        ("sources/doc/en-us.md", CLEAN.as_bytes()),
        ("sources/doc/de-de.md", CLEAN.as_bytes()),
        ("sources/doc/zh-Hant-TW.md", CLEAN.as_bytes()),
    ]);
    let output = errdocs(&["check", "--root", &root(&dir), "--fail-on", "never"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|line| !line.starts_with("translation coverage of"))
        .skip(1)
        .take(3)
        .collect();
    assert_eq!(
        table,
        [
            "  locale      present  missing  differs",
            "  de-DE             0        0        1",
            "  zh-Hant-TW        0        0        1",
        ],
        "{stdout}"
    );
}

/// A rule id written with `_` (as a Rust or TOML key might be) named no
/// rule and suggested none.
#[test]
fn explain_suggests_the_rule_an_id_with_underscores_means() {
    let output = errdocs(&["explain", "doubled_word"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no rule `doubled_word`") && stderr.contains("did you mean: doubled-word"),
        "{stderr}"
    );
}
