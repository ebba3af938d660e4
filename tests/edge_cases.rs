//! Input at the edges: HTML comments, nested and unclosed tables, byte-order
//! marks, short rows, duplicate locales; no panic and no lost row on
//! generated documents; determinism across loads; out/ restored when a write
//! fails.

mod common;

use common::{errdocs, project_with};
use errdocs::Project;

fn load(doc: &str) -> Project {
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    Project::load(dir.path()).expect("loads")
}

fn names(project: &Project) -> Vec<&str> {
    project
        .dataset
        .records
        .iter()
        .map(|r| r.name.as_str())
        .collect()
}

const HEAD: &str = "<tr><th>Error code</th><th>Symbolic name</th></tr>";

#[test]
fn tables_inside_comments_are_not_content() {
    let doc = format!(
        "# T\n\n<!--\n<table>{HEAD}<tr><td>0x80240001</td><td>WU_E_OLD</td></tr></table>\n-->\n"
    );
    let project = load(&doc);
    assert_eq!(project.dataset.stats.rows_read, 0);
    assert!(names(&project).is_empty());
}

#[test]
fn a_closing_tag_inside_a_comment_does_not_end_the_table() {
    let doc = format!(
        "# T\n\n<table>{HEAD}<!-- old: </table> -->\n<tr><td>0x80240001</td><td>WU_E_A</td></tr>\n</table>\n"
    );
    assert_eq!(names(&load(&doc)), ["WU_E_A"]);
}

#[test]
fn two_tables_on_one_line_are_both_read() {
    let doc = format!(
        "# T\n\n<table>{HEAD}<tr><td>0x80240001</td><td>WU_E_A</td></tr></table><table>{HEAD}<tr><td>0x80240002</td><td>WU_E_B</td></tr></table>\n"
    );
    let project = load(&doc);
    assert_eq!(project.dataset.stats.tables, 2);
    assert_eq!(names(&project), ["WU_E_A", "WU_E_B"]);
}

#[test]
fn an_unclosed_table_ends_with_its_block_and_is_reported() {
    let doc = format!(
        "# T\n\n<table>{HEAD}\n<tr><td>0x80240001</td><td>WU_E_A</td></tr>\n</tabel>\n\n## More\n\n|Error code|Symbolic name|\n|---|---|\n|0x80240002|WU_E_B|\n"
    );
    let project = load(&doc);
    assert_eq!(names(&project), ["WU_E_A", "WU_E_B"]);
    let findings = project.evaluate().findings;
    assert!(
        findings.iter().any(|f| f.rule == "html-table-unmapped"
            && f.location.line == 3
            && f.message.contains("never closed")),
        "{findings:#?}"
    );
}

#[test]
fn a_nested_table_stays_inside_its_cell() {
    let doc = format!(
        "# T\n\n<table>{HEAD}\n<tr><td>0x80240001</td><td>WU_E_A<table><tr><td>See:</td><td>step one</td></tr></table></td></tr>\n</table>\n"
    );
    let project = load(&doc);
    assert_eq!(project.dataset.stats.rows_read, 1);
    assert_eq!(project.dataset.records.len(), 1);
    assert!(
        project.ingest_problems.is_empty(),
        "{:#?}",
        project.ingest_problems
    );
}

#[test]
fn a_byte_order_mark_does_not_hide_the_front_matter() {
    let doc = "\u{feff}---\ntitle: T\n---\n# Codes\n\n|Error code|Symbolic name|\n|---|---|\n|0x80240001|WU_E_A|\n";
    let project = load(doc);
    assert_eq!(project.files[0].front_matter.get_str("title"), Some("T"));
    assert_eq!(project.dataset.documents[0].title, "Codes");
}

#[test]
fn utf16_is_named() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("# T\n".encode_utf16().flat_map(u16::to_le_bytes));
    let dir = project_with(&[("sources/doc/en-us.md", &bytes)]);
    let output = errdocs(&["build", "--root", &dir.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the file is UTF-16"));
}

#[test]
fn utf16_is_named_among_files_given_as_arguments() {
    // The prefilter that passes over pages without codes looks at ASCII
    // bytes, which UTF-16 text does not have: such a page is refused, not
    // passed over as prose (found by a hostile run).
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "|Error code|Symbolic name|\n|---|---|\n|0x80240001|WU_E_A|\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let dir = project_with(&[("docs/u16.md", &bytes), ("docs/prose.md", b"# Prose\n")]);
    let docs = dir.path().join("docs");
    for target in [docs.join("u16.md"), docs.clone()] {
        let output = errdocs(&["check", &target.display().to_string()]);
        assert_eq!(output.status.code(), Some(2), "{}", target.display());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("u16.md: the file is UTF-16"), "{stderr}");
    }
    // Without a byte-order mark: named by its NUL in every other byte.
    let dir = project_with(&[("docs/u16.md", &bytes[2..])]);
    let output = errdocs(&["check", &dir.path().join("docs").display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("u16.md: the file is UTF-16 (little-endian) without a byte-order mark"),
        "{stderr}"
    );
}

#[test]
fn padded_cells_of_a_short_row_stay_on_its_line() {
    let doc =
        "# T\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80240001|WU_E_A|\n";
    let project = load(doc);
    let record = &project.dataset.records[0];
    let description = record.sources[0]
        .cells
        .description
        .expect("a description cell");
    assert_eq!(description.line, 5);
}

#[test]
fn two_files_for_one_locale_are_an_error() {
    let doc = b"# T\n";
    let dir = project_with(&[("sources/doc/en-us.md", doc), ("sources/doc/en_US.md", doc)]);
    let error = Project::load(dir.path()).expect_err("ambiguous");
    assert!(
        error
            .to_string()
            .contains("are both the en-US page of `doc`"),
        "{error}"
    );
}

#[test]
fn loading_twice_gives_identical_outputs() {
    let first = Project::load(&common::repo_root()).unwrap();
    let second = Project::load(&common::repo_root()).unwrap();
    let outputs = |p: &Project| p.outputs(&p.build_check()).unwrap();
    assert_eq!(outputs(&first), outputs(&second));
}

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// Documents stitched from fragments that exercise the parsers' corners:
/// unclosed tags, comments, stray pipes, multi-byte text, broken names.
#[test]
fn generated_documents_never_panic_or_lose_rows() {
    let fragments = [
        "---\n",
        "title: [x\n",
        "---\n",
        "# Héading 错误\n",
        "\n",
        "|Error code|Symbolic name|More information|\n",
        "|---|---|---|\n",
        "|0x80240001|WU_E_A|text|\n",
        "|0x8024200|WU_E_UH_X|\n",
        "|x|y|z|w|\n",
        "| \\| |`a|b`|&#42;|\n",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>Error code</th><th>Error String</th>",
        "<td>0x80cf0001</td><td>OM_E_\nNO</td>",
        "<!--",
        "-->",
        "<table><tr><td><table>",
        "错误代码\n",
        "WU_E_\n",
        "NO_SERVICE",
        "\u{a0}",
        "\u{feff}",
        "<br>",
        "**0x80cf0002**",
        "<p>",
        "&quot;",
        "\r\n",
    ];
    let mut rng = Lcg(0x5eed);
    for round in 0..150 {
        let mut doc = String::new();
        for _ in 0..(5 + rng.next() % 40) {
            doc.push_str(rng.pick(&fragments));
        }
        doc.push('\n');
        let dir = project_with(&[
            ("sources/doc/en-us.md", doc.as_bytes()),
            ("sources/doc/de-de.md", doc.as_bytes()),
        ]);
        let project = match Project::load(dir.path()) {
            Ok(project) => project,
            // Only "empty file" can refuse these documents.
            Err(e) => {
                assert!(
                    e.to_string().contains("empty"),
                    "round {round}: {e}\n{doc:?}"
                );
                continue;
            }
        };
        let stats = project.dataset.stats;
        assert_eq!(
            stats.rows_read,
            stats.rows_in_records + stats.unresolved_rows,
            "round {round}: {doc:?}"
        );
        let outcome = project.build_check();
        for format in [
            errdocs::report::Format::Human,
            errdocs::report::Format::Sarif,
        ] {
            let report = errdocs::report::ReportContext {
                outcome: &outcome,
                lines: &project,
            };
            let _ = errdocs::report::render(format, &report, true);
        }
        project.outputs(&outcome).expect("outputs render");
    }
}

#[test]
fn a_failed_write_leaves_the_previous_out_in_place() {
    let doc = "# T\n\n|Error code|Symbolic name|\n|---|---|\n|0x80240001|WU_E_A|\n";
    let dir = project_with(&[
        ("sources/doc/en-us.md", doc.as_bytes()),
        ("out/error-codes.csv", b"previous\n"),
    ]);
    // A folder where one output file goes: its rename must fail.
    std::fs::create_dir_all(dir.path().join("out/findings.json")).unwrap();
    let output = errdocs(&["build", "--root", &dir.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("findings.json: is a folder"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/error-codes.csv")).unwrap(),
        "previous\n"
    );
    assert!(!dir.path().join("out/error-codes.json").exists());
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "no temporary or backup files left: {names:?}"
    );
}

#[test]
fn a_translation_with_an_extra_table_still_pairs_its_tables() {
    let source = "# T\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80240001|WU_E_A|One.|\n|0x80240002|WU_E_B|Two.|\n";
    // A note table (itself a code table) before the real one.
    let translation = "# T\n\n|Fehlercode|Symbolischer Name|Weitere Informationen|\n|---|---|---|\n|0x80249999|WU_E_NOTE|Hinweis.|\n\n|Fehlercode|Symbolischer Name|Weitere Informationen|\n|---|---|---|\n|0x80240001|WU_E_A|Eins.|\n|0x80240002|WU_E_B|Zwei.|\n";
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/de-de.md", translation.as_bytes()),
    ]);
    let project = Project::load(dir.path()).unwrap();
    let record = project
        .dataset
        .records
        .iter()
        .find(|r| r.name == "WU_E_B")
        .unwrap();
    assert_eq!(
        record.descriptions.get("de-DE").map(|d| &**d),
        Some("Zwei.")
    );
    let findings = project.evaluate().findings;
    assert!(
        !findings.iter().any(|f| f.rule == "translation-row-missing"),
        "{findings:#?}"
    );
}

/// The project does not keep the files' text; reports read it again, and
/// must not quote (or fingerprint) a file that changed since it was checked.
#[test]
fn a_file_changed_after_loading_is_not_quoted() {
    let doc = format!(
        "# Codes\n\n<table>\n{HEAD}\n<tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td></tr>\n</table>\n"
    );
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    let rel = "sources/doc/en-us.md";

    let unchanged = Project::load(dir.path()).expect("loads");
    unchanged
        .require_sources()
        .expect("the text is the one checked");
    assert_eq!(
        unchanged.source(rel).and_then(|s| s.line_text(1)),
        Some("# Codes")
    );

    let changed = Project::load(dir.path()).expect("loads");
    std::fs::write(dir.path().join(rel), format!("\n{doc}")).expect("edit");
    assert!(
        changed.source(rel).is_none(),
        "a changed file is not quoted"
    );
    let error = changed
        .require_sources()
        .expect_err("a changed file fails the check");
    assert!(
        error
            .to_string()
            .contains("changed or removed while errdocs was checking it"),
        "{error}"
    );
}

/// Reports of `check` and `diff` keep only the lines findings are at, read
/// after the check, and refuse a file that changed as `require_sources`
/// does.
#[test]
fn quoted_lines_are_the_findings_lines_of_the_text_checked() {
    use errdocs::source::SourceLines;
    // The same code twice: duplicate-code on the second row.
    let doc = format!(
        "# Codes\n\n<table>\n{HEAD}\n<tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td></tr>\n<tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td></tr>\n</table>\n"
    );
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    let rel = "sources/doc/en-us.md";
    let project = Project::load(dir.path()).expect("loads");
    let findings = project.evaluate().findings;
    let finding = findings
        .iter()
        .find(|f| f.rule == "duplicate-code")
        .expect("the repeated code is found");
    let lines = project.quote_lines(&findings).expect("unchanged");
    let line = finding.location.line;
    assert_eq!(
        lines.line_text(rel, line),
        doc.lines().nth(line - 1),
        "the finding's line, as in the file"
    );
    assert_eq!(lines.line_text(rel, 1), None, "no finding is on line 1");

    std::fs::write(dir.path().join(rel), format!("\n{doc}")).expect("edit");
    let error = project
        .quote_lines(&findings)
        .expect_err("a changed file fails the check");
    assert!(
        error
            .to_string()
            .contains("changed or removed while errdocs was checking it"),
        "{error}"
    );
}

#[test]
fn markup_nested_thousands_deep_is_read_without_a_crash() {
    // Deeper than any recursive walk survives on a thread's stack.
    let tables = format!(
        "# T\n\n<table><tr><td>Error code</td><td>Description</td></tr><tr><td>0x80240001</td><td>{}deep</td></tr></table>\n",
        "<table><tr><td>".repeat(3000)
    );
    let bold = format!(
        "# T\n\n<table><tr><td>Error code</td><td>Description</td></tr><tr><td>0x80240001</td><td>{}deep{}</td></tr></table>\n",
        "<b>".repeat(10_000),
        "</b>".repeat(10_000)
    );
    for doc in [tables, bold] {
        let project = load(&doc);
        assert_eq!(project.dataset.stats.rows_read, 1);
        let _ = project.evaluate();
    }
}

/// E_FILENOTFOUND is HTML Help's own constant (0x80001037), but pages
/// write it for 0x80070002 (ERROR_FILE_NOT_FOUND inside an HRESULT): that
/// definition must not keep a code with a lost digit from the repair the
/// decimal column and the rows around it agree on, nor turn a written
/// 0x80070002 into HTML Help's code when a decimal cell says so.
#[test]
fn a_component_local_name_neither_blocks_nor_drives_a_code_repair() {
    let table = |rows: &[(&str, &str, &str)]| {
        let mut doc = String::from(
            "# Codes\n\n<table>\n<tr><th>Hexadecimal Error Code</th><th>Decimal Error Code</th><th>Error String</th><th>Description</th></tr>\n",
        );
        for (hex, decimal, name) in rows {
            doc.push_str(&format!(
                "<tr><td>{hex}</td><td>{decimal}</td><td>{name}</td><td>Something went wrong.</td></tr>\n"
            ));
        }
        doc.push_str("</table>\n");
        doc
    };
    let code_of = |project: &Project, name: &str| {
        let record = project
            .dataset
            .records
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", project.dataset.unresolved));
        (
            record.code.to_string(),
            record
                .repairs
                .iter()
                .map(|r| format!("{} -> {}", r.from, r.to))
                .collect::<Vec<_>>(),
        )
    };
    let project = load(&table(&[
        ("0x80070001", "-2147024895", "ERROR_INVALID_FUNCTION"),
        ("0x8007002", "-2147024894", "E_FILENOTFOUND"),
        ("0x80070003", "-2147024893", "ERROR_PATH_NOT_FOUND"),
    ]));
    assert!(
        project.dataset.unresolved.is_empty(),
        "{:?}",
        project.dataset.unresolved
    );
    assert_eq!(
        code_of(&project, "E_FILENOTFOUND"),
        (
            "0x80070002".to_string(),
            vec!["0x8007002 -> 0x80070002".to_string()]
        )
    );
    // The decimal cell gives HTML Help's value (a row alone, so that no
    // rows around it speak for the code): the code stays as written.
    let project = load(&table(&[("0x80070002", "-2147479497", "E_FILENOTFOUND")]));
    assert_eq!(
        code_of(&project, "E_FILENOTFOUND"),
        ("0x80070002".to_string(), Vec::new())
    );
}

/// A page without a name column: messages name the codes, never a blank.
#[test]
fn duplicate_descriptions_on_a_page_without_names_name_the_codes() {
    let page = "# Codes\n\n|Error code|Description|\n|---|---|\n|0x80073CF0|The package could not be opened.|\n|0x80073CFF|The package could not be opened.|\n";
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let project = Project::load(dir.path()).expect("loads");
    let findings = project.evaluate().findings;
    let duplicate = findings
        .iter()
        .find(|f| f.rule == "duplicate-description")
        .expect("the shared description is found");
    assert!(
        duplicate
            .message
            .starts_with("0x80073CFF has the same en-US description as 0x80073CF0 ("),
        "{}",
        duplicate.message
    );
    assert_eq!(
        duplicate.related[0].message,
        "the same description, for 0x80073CF0"
    );
}

#[test]
fn a_translation_checked_as_a_document_of_its_own_does_not_take_the_pair() {
    // `check DIR` on a page, its French translation and the page of the
    // counterparts: the English OM code pairs with the English WU code (the
    // last record of the code is the French one), so its description is
    // compared, and found to share little; the French one is compared with
    // nothing (found by a cold review).
    let table = |rows: &str| {
        format!("# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n{rows}\n")
    };
    let wu = table(
        "|0x80244025|WU_E_PT_FILE_LOCATIONS_CHANGED|Server replied with FileLocationsChange.|",
    );
    let wu_fr = table(
        "|0x80244025|WU_E_PT_FILE_LOCATIONS_CHANGED|Le serveur a répondu par FileLocationsChange.|",
    );
    let om = table(
        "|0x80CF4025|OM_E_PT_FILE_LOCATIONS_CHANGED|The operation failed because of a changed file location. Refresh the internal state and resend.|",
    );
    let dir = project_with(&[
        ("docs/wu/en-us.md", wu.as_bytes()),
        ("docs/wu/fr-fr.md", wu_fr.as_bytes()),
        ("docs/om/en-us.md", om.as_bytes()),
    ]);
    let project = Project::load_paths(dir.path(), &[dir.path().join("docs")]).expect("loads");
    let divergent: Vec<String> = project
        .evaluate()
        .findings
        .iter()
        .filter(|f| f.rule == "counterpart-description-divergent")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(divergent.len(), 1, "{divergent:#?}");
    assert!(divergent[0].contains("Server replied"), "{divergent:#?}");
}
