//! The check that reads one document at a time (`Project::load_checked`,
//! what `check` runs, `Project::load_documents`, what `build` runs, and
//! `Project::load_documents_in_memory`, what `build --check` runs)
//! gives what loading the whole project and checking it gives
//! (`Project::load` then `evaluate`): the same findings, coverage and
//! dataset, byte for byte, on the bundled pages, the development corpus,
//! every rule's fixtures and pages made to put the evidence and the
//! `WU`/`OM` pairs in different documents.

mod common;

use std::path::{Path, PathBuf};

use errdocs::Project;
use errdocs::check::{self, Evaluation};
use errdocs::diagnostic::FailLevel;

/// The JSON report of an evaluation and every dataset output.
fn rendered(project: &Project, evaluation: Evaluation) -> Vec<(String, Vec<u8>)> {
    let outcome = check::outcome(evaluation, None, project, FailLevel::Never);
    let mut out = vec![(
        "report.json".to_string(),
        errdocs::report::json::render_bytes(&outcome),
    )];
    for file in project.render_outputs().expect("outputs render") {
        out.push((file.name.to_string(), file.bytes));
    }
    out
}

/// Asserts that the ways of checking `root` agree, and returns the
/// report.
fn assert_same(root: &Path) -> String {
    let whole = Project::load(root).expect("loads");
    let evaluation = whole.evaluate();
    let mut expected = rendered(&whole, evaluation);
    // As `build` reads it: the report and every output.
    let (streamed, unfinished) = Project::load_documents(root).expect("loads one at a time");
    assert!(streamed.files.is_empty(), "each document's files are freed");
    let evaluation = streamed.finish_check(unfinished);
    assert_rendered_same(root, &expected, &rendered(&streamed, evaluation));
    // As `build --check` reads it, the dataset whole in memory.
    let (in_memory, unfinished) = Project::load_documents_in_memory(root).expect("loads");
    assert_eq!(in_memory.dataset, whole.dataset);
    let evaluation = in_memory.finish_check(unfinished);
    assert_rendered_same(root, &expected, &rendered(&in_memory, evaluation));
    // As `check` reads it, keeping only what its last step reads of the
    // dataset: the report.
    let (checked, evaluation) = Project::load_checked(root).expect("loads one at a time");
    assert!(checked.files.is_empty(), "each document's files are freed");
    assert_cut(&whole, &checked);
    let outcome = check::outcome(evaluation, None, &checked, FailLevel::Never);
    let report = errdocs::report::json::render_bytes(&outcome);
    assert_rendered_same(root, &expected[..1], &[("report.json".into(), report)]);
    String::from_utf8(expected.swap_remove(0).1).expect("JSON is UTF-8")
}

/// Asserts that `actual` renders what `expected` does, file by file.
fn assert_rendered_same(root: &Path, expected: &[(String, Vec<u8>)], actual: &[(String, Vec<u8>)]) {
    for ((name, want), (_, got)) in expected.iter().zip(actual) {
        if want != got {
            let diff = similar::TextDiff::from_lines(
                std::str::from_utf8(want).unwrap_or("(not UTF-8)"),
                std::str::from_utf8(got).unwrap_or("(not UTF-8)"),
            )
            .unified_diff()
            .context_radius(2)
            .to_string();
            panic!("{}: {name} differs:\n{diff:.6000}", root.display());
        }
    }
    assert_eq!(expected.len(), actual.len());
}

/// Asserts that `check`'s project keeps of the dataset every record as the
/// whole project has it, but cut to its first row and that row's
/// description; returns how many records of the whole one had more rows.
fn assert_cut(whole: &Project, checked: &Project) -> usize {
    let by_first_row: std::collections::BTreeMap<_, _> = whole
        .dataset
        .records
        .iter()
        .map(|r| (&r.sources[0], r))
        .collect();
    let kept = &checked.dataset.records;
    assert_eq!(kept.len(), whole.dataset.records.len());
    for record in kept {
        let [first] = record.sources.as_slice() else {
            panic!("{} keeps {} rows", record.name, record.sources.len());
        };
        let original = by_first_row[first];
        assert_eq!(
            (&record.name, record.code, record.counterpart),
            (&original.name, original.code, original.counterpart)
        );
        assert_eq!(
            record.descriptions.iter().collect::<Vec<_>>(),
            original
                .descriptions
                .iter()
                .filter(|(locale, _)| *locale == first.locale.as_ref())
                .collect::<Vec<_>>()
        );
    }
    whole
        .dataset
        .records
        .iter()
        .filter(|r| r.sources.len() > 1)
        .count()
}

#[test]
fn the_bundled_pages_and_the_corpus_check_the_same_one_document_at_a_time() {
    let root = common::repo_root();
    let report = assert_same(&root);
    assert!(
        report.contains("\"hex-malformed\""),
        "a check with findings"
    );
    // The translated page's records are cut to their source row.
    let whole = Project::load(&root).expect("loads");
    let (checked, _) = Project::load_checked(&root).expect("loads one at a time");
    assert!(assert_cut(&whole, &checked) > 100);
    // Which is no dataset to write.
    let refused = checked.render_outputs().expect_err("refused").to_string();
    assert!(
        refused.contains("keeps only part of the dataset"),
        "{refused}"
    );
    assert_same(&root.join("tests/fixtures/corpus-project"));
}

#[test]
fn files_given_as_arguments_check_the_same_one_document_at_a_time() {
    // `errdocs check DIR`: each Markdown file a document of its own.
    let root = common::repo_root();
    let paths = [root.join("tests/fixtures/corpus"), root.join("sources")];
    let whole = Project::load_paths(&root, &paths).expect("loads");
    let expected = whole.evaluate();
    let (streamed, actual) = Project::load_paths_checked(&root, &paths).expect("loads");
    assert!(streamed.files.is_empty());
    assert!(expected.findings.len() > 50, "{}", expected.findings.len());
    assert_eq!(expected.findings, actual.findings);
    assert_eq!(expected.coverage, actual.coverage);
    assert_eq!(expected.counterpart_coverage, actual.counterpart_coverage);
    assert_eq!(expected.suppressed, actual.suppressed);
    assert_eq!(whole.skipped_files, streamed.skipped_files);
    assert_cut(&whole, &streamed);
}

#[test]
fn every_rule_fixture_checks_the_same_one_document_at_a_time() {
    let fixtures = common::repo_root().join("tests/fixtures");
    let mut roots: Vec<PathBuf> = Vec::new();
    for rule in std::fs::read_dir(&fixtures).expect("fixtures") {
        let rule = rule.expect("entry").path();
        for case in ["pass", "fail"] {
            if rule.join(case).join("sources").is_dir() {
                roots.push(rule.join(case));
            }
        }
    }
    roots.sort();
    assert!(roots.len() >= 60, "{} fixture projects", roots.len());
    for root in &roots {
        assert_same(root);
    }
}

/// Writes a project of `pages` (path, text) and asserts that the ways of
/// checking it agree; returns the report.
fn assert_same_pages(pages: &[(&str, &str)]) -> String {
    let files: Vec<(&str, &[u8])> = pages
        .iter()
        .map(|(path, text)| (*path, text.as_bytes()))
        .collect();
    let project = common::project_with(&files);
    assert_same(project.path())
}

/// A page of `WU` codes and one of `OM` codes.
fn page(rows: &[(&str, &str, &str)]) -> String {
    let mut text = String::from("# Codes\n\n| Code | Name | Description |\n|---|---|---|\n");
    for (code, name, description) in rows {
        text.push_str(&format!("| {code} | {name} | {description} |\n"));
    }
    text
}

#[test]
fn counterpart_evidence_from_a_later_document_repairs_a_code_as_it_does_whole() {
    // `a-wu` sorts first: its malformed code's evidence, the `OM` row, is
    // in `b-om`, read after it.
    let wu = page(&[
        ("0x80240001", "WU_E_NO_SERVICE", "The agent failed."),
        (
            "0x8024002",
            "WU_E_MAX_CAPACITY_REACHED",
            "The queue is full.",
        ),
        ("0x80240003", "WU_E_UNKNOWN_ID", "The id is unknown."),
    ]);
    let om = page(&[
        ("0x80CF0001", "OM_E_NO_SERVICE", "The agent failed."),
        (
            "0x80CF0002",
            "OM_E_MAX_CAPACITY_REACHED",
            "The queue is full.",
        ),
    ]);
    let report = assert_same_pages(&[
        ("sources/a-wu/en-us.md", &wu),
        ("sources/b-om/en-us.md", &om),
    ]);
    assert!(
        report.contains("the dataset uses 0x80240002"),
        "the later page's OM row repairs the code: {report:.3000}"
    );
    // And from an earlier one.
    let report = assert_same_pages(&[
        ("sources/b-wu/en-us.md", &wu),
        ("sources/a-om/en-us.md", &om),
    ]);
    assert!(
        report.contains("the dataset uses 0x80240002"),
        "{report:.3000}"
    );
}

#[test]
fn pairs_across_documents_decide_name_findings_and_suppressions_as_they_do_whole() {
    // The pairs' names differ after the prefix: counterpart-name-mismatch
    // says so (a finding made only once every document is read), and
    // name-case leaves a misspelt row to it (a finding that waits). The
    // suppressions in `a-wu`, inside the rows, silence one of each.
    let wu = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
              | 0x80240001 | WU_E_NO_SERVICE | The agent failed. |\n\
              | 0x80240002 | WU_E_MAX_CAPACITY | The queue is full. <!-- errdocs-disable-line counterpart-name-mismatch --> |\n\
              | 0x80240003 | Wu_E_Unknown_Id | The id is unknown. <!-- errdocs-disable-line name-case --> |\n\
              | 0x80240004 | Wu_E_Range_Error | A range error. |\n";
    let om = page(&[
        ("0x80CF0001", "OM_E_NO_SERVICE", "The agent failed."),
        (
            "0x80CF0002",
            "OM_E_MAX_CAPACITY_REACHED",
            "The queue is full.",
        ),
        (
            "0x80CF0003",
            "OM_E_UNKNOWN_IDENTIFIER",
            "The id is unknown.",
        ),
        ("0x80CF0004", "OM_E_RANGE_ERR", "A range error."),
    ]);
    for config in ["", "[rules]\nreference-name-unknown = \"off\"\n"] {
        let report = assert_same_pages(&[
            ("errdocs.toml", config),
            ("sources/a-wu/en-us.md", wu),
            ("sources/b-om/en-us.md", &om),
        ]);
        let json: serde_json::Value = serde_json::from_str(&report).expect("JSON");
        let rules: Vec<&str> = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(
            rules.contains(&"counterpart-name-mismatch"),
            "{rules:?}\n{report:.4000}"
        );
        assert!(!rules.contains(&"suppression-unused"), "{report:.4000}");
        assert!(
            json["summary"]["suppressed"].as_u64() >= Some(2),
            "{report:.4000}"
        );
    }
}

#[test]
fn findings_alike_but_for_their_code_come_in_one_order_however_the_check_ran() {
    // One name cell shared by two rows: the first row's finding waits for
    // the pairs (its name is a misspelling the pairs could explain), the
    // second's does not; both say the same at the same place.
    let page = "# Codes\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
                <tr><td>0x80240001</td><td rowspan=\"2\">Wu_E_No_Servce</td><td>The agent failed.</td></tr>\n\
                <tr><td>0x80240099</td><td>Another.</td></tr>\n</table>\n";
    let report = assert_same_pages(&[
        (
            "errdocs.toml",
            "[rules]\nreference-name-unknown = \"off\"\n",
        ),
        ("sources/wu/en-us.md", page),
    ]);
    let name_case = &report[report.find("\"name-case\"").expect("name-case findings")..];
    let first = name_case
        .find("\"code\": \"0x80240001\"")
        .expect("first row's");
    let second = name_case
        .find("\"code\": \"0x80240099\"")
        .expect("second row's");
    assert!(first < second, "{report:.3000}");
}

#[test]
fn a_neighbour_outside_the_pairs_is_still_evidence_for_check() {
    // `check` keeps of the dataset only what its last step reads: the
    // `OM` row's wrong number was copied from the row below it, which is
    // no `WU` or `OM` code, and counterpart-number-mismatch says so.
    let wu = page(&[(
        "0x80244020",
        "WU_E_PT_HTTP_STATUS_NOT_SUPPORTED",
        "Http status 501 - required not supported.",
    )]);
    let om = page(&[
        (
            "0x80CF4020",
            "OM_E_PT_HTTP_STATUS_NOT_SUPPORTED",
            "Same as HTTP status 500.",
        ),
        (
            "0x80072EE2",
            "ERROR_INTERNET_TIMEOUT",
            "The proxy answered with HTTP status 500.",
        ),
    ]);
    let report = assert_same_pages(&[
        ("sources/a-wu/en-us.md", &wu),
        ("sources/b-om/en-us.md", &om),
    ]);
    assert!(
        report.contains("ERROR_INTERNET_TIMEOUT quotes 500 as well"),
        "{report:.3000}"
    );
}

#[test]
fn the_first_unreadable_document_in_corpus_order_stops_the_check() {
    // Documents after a failed one are not read; those before it are, and
    // the first failure in corpus order is the one reported, however the
    // cores took the documents. Every page's malformed code waits for the
    // name of the page before it, so no document may be left unpublished.
    let utf16: &[u8] = &[0xFF, 0xFE, b'#', 0, b' ', 0, b'x', 0];
    let pages: Vec<(String, String)> = (0..200)
        .map(|i| {
            let text = page(&[
                ("0x8024001", &format!("WU_E_CODE_{i:03}"), "A code."),
                (
                    &format!("0x80CF{:04X}", i + 1),
                    &format!("OM_E_CODE_{:03}", i + 1),
                    "A code.",
                ),
            ]);
            (format!("sources/doc-{i:03}/en-us.md"), text)
        })
        .collect();
    let mut files: Vec<(&str, &[u8])> = pages
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_bytes()))
        .collect();
    files[9].1 = utf16;
    files[150].1 = utf16;
    let project = common::project_with(&files);
    // Whether a page was read shows in its access time, once that is set
    // before its modification time (as on a `relatime` mount, where a read
    // then moves it).
    let page = |i: usize| project.path().join(format!("sources/doc-{i:03}/en-us.md"));
    let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800);
    let set_unread = |i: usize| {
        std::fs::File::options()
            .write(true)
            .open(page(i))
            .and_then(|f| f.set_times(std::fs::FileTimes::new().set_accessed(long_ago)))
            .expect("access time set");
    };
    let was_read = |i: usize| {
        std::fs::metadata(page(i))
            .and_then(|m| m.accessed())
            .expect("access time")
            > long_ago
    };
    for load in ["check", "build"] {
        for i in (0..200).filter(|&i| i != 9 && i != 150) {
            set_unread(i);
        }
        let error = match load {
            "check" => Project::load_checked(project.path()).map(|_| ()),
            _ => Project::load_documents(project.path()).map(|_| ()),
        }
        .expect_err("a UTF-16 page stops the run")
        .to_string();
        assert!(error.contains("doc-009"), "{load}: {error}");
        if !was_read(0) {
            eprintln!("this file system does not record reads: not asserted");
            continue;
        }
        assert!(
            (1..9).all(was_read),
            "{load} left out a page before the failed one"
        );
        // At most the pages the other cores had taken when the failure was
        // known (each waits for the failed page's names).
        let read_after = (10..200).filter(|&i| i != 150 && was_read(i)).count();
        assert!(
            read_after <= errdocs::threads::cores(),
            "{load} read {read_after} pages after the failed one"
        );
    }
}

#[test]
fn records_that_share_a_code_cell_wait_for_the_pairs_each_for_itself() {
    // An HTML code cell spanning two rows gives two records with one code
    // cell; the pair in another document decides each one's waiting
    // finding (found by a hostile run: the second record decided both).
    let wu = "# Codes\n\n<table>\n\
              <tr><th>Error code</th><th>Symbolic name</th><th>Description</th></tr>\n\
              <tr><td rowspan=\"2\">0x80240001</td><td>WU_E_NO_SERVIC</td><td>The service is not running.</td></tr>\n\
              <tr><td>WU_E_NO_SERVICEX</td><td>Another text.</td></tr>\n\
              </table>\n";
    let om = page(&[(
        "0x80CF0001",
        "OM_E_NO_SERVIC",
        "The service is not running.",
    )]);
    let report = assert_same_pages(&[("sources/a/en-us.md", wu), ("sources/b/en-us.md", &om)]);
    assert!(
        report.contains("\"reference-name-unknown\"") && report.contains("WU_E_NO_SERVIC "),
        "{report:.4000}"
    );
    // And records alike in code cell, code and name (the name cell spans
    // the rows too), of which only the last is paired (found by a cold
    // review).
    let wu = "# Codes\n\n<table>\n\
              <tr><th>Error code</th><th>Symbolic name</th><th>Description</th></tr>\n\
              <tr><td rowspan=\"2\">0x80240001</td><td rowspan=\"2\">WU_E_NO_SERVIC</td><td>The service is not running.</td></tr>\n\
              <tr><td>Another text.</td></tr>\n\
              </table>\n";
    let om = page(&[(
        "0x80CF0001",
        "OM_E_NO_SERVICE",
        "The service is not running.",
    )]);
    let report = assert_same_pages(&[("sources/a/en-us.md", wu), ("sources/b/en-us.md", &om)]);
    assert!(
        report.contains("\"reference-name-unknown\""),
        "{report:.4000}"
    );
}

/// What `errdocs build` writes, from the records' entries it put on disk as
/// each document finished, is what rendering the whole dataset gives, file
/// for file; and the temporary file leaves nothing behind.
#[test]
fn build_writes_from_disk_what_the_whole_dataset_renders() {
    let root = common::repo_root();
    // And a page without a code table: no records, on disk or anywhere.
    let without_codes = common::project_with(&[(
        "doc/en-us.md",
        b"# Troubleshooting\n\n| Step | What to do |\n|---|---|\n| 1 | Restart |\n",
    )]);
    let mut record_counts = Vec::new();
    for sources in [
        root.join("sources"),
        root.join("tests/fixtures/corpus"),
        without_codes.path().to_path_buf(),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = format!("sources = {:?}\n", sources.display().to_string());
        std::fs::write(dir.path().join("errdocs.toml"), config).expect("write config");
        let whole = Project::load(dir.path())
            .expect("loads")
            .render_outputs()
            .expect("renders");
        let (project, unfinished) = Project::load_documents(dir.path()).expect("loads");
        assert_eq!(project.render_outputs().expect("renders"), whole);
        record_counts.push(project.dataset.records.len());
        let (_, written) = project.build_finishing(unfinished).expect("builds");
        assert_eq!(
            written.len(),
            whole.len() + 1,
            "the data files and findings"
        );
        for file in &whole {
            let built = std::fs::read(dir.path().join("out").join(file.name)).expect("written");
            assert!(
                built == file.bytes,
                "{}: {} differs from the whole dataset's",
                sources.display(),
                file.name
            );
        }
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["errdocs.toml", "out"]);
    }
    assert_eq!(record_counts[2], 0, "{record_counts:?}");
    assert!(record_counts[1] > record_counts[0], "{record_counts:?}");
}

/// `build` checks where it may write before it reads a page: an output
/// folder the configuration does not allow is refused before a page that
/// cannot be read is met, and before anything is written.
#[test]
fn build_refuses_an_output_folder_before_it_reads_the_pages() {
    let project = common::project_with(&[
        ("project/errdocs.toml", b"out = \"../elsewhere\"\n"),
        ("project/sources/doc/en-us.md", b"\xff\xfe#\x00 \x00"),
    ]);
    let root = project.path().join("project");
    let refused = Project::load_documents(&root)
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(refused.contains("out-outside-root"), "{refused}");
    // `build --check` writes nothing, so it has no folder to refuse: the
    // page is what stops it.
    let unreadable = Project::load_documents_in_memory(&root)
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(unreadable.contains("UTF-16"), "{unreadable}");
    let mut left: Vec<String> = std::fs::read_dir(project.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["project"]);
}
