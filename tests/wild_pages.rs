//! Pages as they are written in the wild, crafted small: headers in
//! languages errdocs has no words for, column orders no bundled page uses,
//! names in code spans, cells broken across lines or split by `<br>`, pipe
//! rows without their closing pipe, block markup inside HTML cells,
//! invisible characters, tables inside lists and block quotes; and tables
//! that only show syntax (code blocks, comments), which are never data.
//!
//! Each test reads the records errdocs made and checks them against what
//! the page says.

mod common;

use common::project_with;
use errdocs::Project;

/// Loads `doc` as the only document of a throw-away project.
fn load(doc: &str) -> Project {
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    Project::load(dir.path()).expect("loads")
}

/// Every record as (code, name, en-US description), in dataset order.
fn records(project: &Project) -> Vec<(String, String, String)> {
    project
        .dataset
        .records
        .iter()
        .map(|r| {
            (
                r.code.to_string(),
                r.name.clone(),
                r.descriptions
                    .get("en-US")
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn record(code: &str, name: &str, description: &str) -> (String, String, String) {
    (code.into(), name.into(), description.into())
}

/// The project reads exactly `expected` (code, name, en-US description),
/// with no unresolved row and no finding.
fn reads_only(project: &Project, expected: &[(String, String, String)]) {
    no_unresolved(project);
    assert_eq!(records(project), expected);
    assert_eq!(rules_found(project), Vec::<String>::new());
}

/// The rule ids of the project's findings, sorted, without duplicates.
fn rules_found(project: &Project) -> Vec<String> {
    let mut rules: Vec<String> = project
        .evaluate()
        .findings
        .iter()
        .map(|f| f.rule.to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

/// The line and message of each finding of `rule`.
fn findings_of(project: &Project, rule: &str) -> Vec<(usize, String)> {
    project
        .evaluate()
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.location.line, f.message.clone()))
        .collect()
}

fn no_unresolved(project: &Project) {
    assert!(
        project.dataset.unresolved.is_empty(),
        "unresolved rows: {:#?}",
        project.dataset.unresolved
    );
}

#[test]
fn headers_in_finnish_are_read_from_the_content() {
    let project = load(
        "# Virhekoodit\n\n\
         | Virhekoodi | Symbolinen nimi | Kuvaus |\n\
         |---|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE | Agentti ei voinut tarjota palvelua. |\n\
         | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | Palvelun enimmäiskapasiteetti ylittyi. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x80240001",
                "WU_E_NO_SERVICE",
                "Agentti ei voinut tarjota palvelua."
            ),
            record(
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "Palvelun enimmäiskapasiteetti ylittyi."
            ),
        ]
    );
}

#[test]
fn headers_in_greek_with_a_decimal_column_are_read_from_the_content() {
    let project = load(
        "# Κωδικοί σφαλμάτων\n\n\
         | Όνομα | Δεκαεξαδικός | Δεκαδικός | Περιγραφή |\n\
         |---|---|---|---|\n\
         | WU_E_NO_SERVICE | 0x80240001 | -2145124351 | Ο παράγοντας δεν μπόρεσε να παράσχει την υπηρεσία. |\n\
         | WU_E_MAX_CAPACITY_REACHED | 0x80240002 | -2145124350 | Η μέγιστη χωρητικότητα της υπηρεσίας ξεπεράστηκε. |\n",
    );
    no_unresolved(&project);
    let records = records(&project);
    assert_eq!(
        records[0],
        record(
            "0x80240001",
            "WU_E_NO_SERVICE",
            "Ο παράγοντας δεν μπόρεσε να παράσχει την υπηρεσία."
        )
    );
    assert_eq!(records.len(), 2);
    // The decimal column restates the codes: kept, and it agrees.
    assert_eq!(
        project.dataset.records[1].documented_decimal.as_deref(),
        Some("-2145124350")
    );
    assert!(
        !rules_found(&project).contains(&"decimal-mismatch".to_string()),
        "{:?}",
        rules_found(&project)
    );
}

#[test]
fn headers_in_thai_are_read_from_the_content() {
    let project = load(
        "# รหัสข้อผิดพลาด\n\n\
         | คำอธิบาย | รหัส | ชื่อ |\n\
         |---|---|---|\n\
         | ตัวแทนไม่สามารถให้บริการได้ | 0x80240001 | WU_E_NO_SERVICE |\n\
         | เกินความจุสูงสุดของบริการ | 0x80240002 | WU_E_MAX_CAPACITY_REACHED |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record("0x80240001", "WU_E_NO_SERVICE", "ตัวแทนไม่สามารถให้บริการได้"),
            record(
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "เกินความจุสูงสุดของบริการ"
            ),
        ]
    );
}

#[test]
fn a_column_order_no_bundled_page_uses_description_first_code_last() {
    let project = load(
        "# Errors\n\n\
         | Description | Constant | Value |\n\
         |---|---|---|\n\
         | The operation was cancelled. | E_ABORT | 0x80004004 |\n\
         | Unspecified failure. | E_FAIL | 0x80004005 |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record("0x80004004", "E_ABORT", "The operation was cancelled."),
            record("0x80004005", "E_FAIL", "Unspecified failure."),
        ]
    );
}

#[test]
fn names_in_code_spans_under_a_message_header_are_names() {
    // The layout that once gave empty names and the symbolic name as the
    // description, with no finding at all.
    let project = load(
        "# Errors\n\n\
         | Error code | Message | Description |\n\
         |---|---|---|\n\
         | 0x80240001 | `WU_E_NO_SERVICE` | The agent could not provide the service. |\n\
         | 0x80240002 | `WU_E_MAX_CAPACITY_REACHED` | The maximum capacity was exceeded. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x80240001",
                "WU_E_NO_SERVICE",
                "The agent could not provide the service."
            ),
            record(
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "The maximum capacity was exceeded."
            ),
        ]
    );
}

#[test]
fn names_split_by_br_and_across_lines_in_html_cells_are_joined() {
    let project = load(
        "# Errors\n\n<table>\n\
         <tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
         <tr><td>0x80240001</td><td>WU_E_<br>NO_SERVICE</td><td>The agent could not provide the service.</td></tr>\n\
         <tr><td>0x80240002</td><td>WU_E_\nMAX_CAPACITY_REACHED</td><td>The maximum capacity was exceeded.</td></tr>\n\
         </table>\n",
    );
    no_unresolved(&project);
    let names: Vec<String> = records(&project).into_iter().map(|r| r.1).collect();
    assert_eq!(names, ["WU_E_NO_SERVICE", "WU_E_MAX_CAPACITY_REACHED"]);
}

#[test]
fn block_markup_inside_html_cells_is_read_as_text() {
    let project = load(
        "# Errors\n\n<table>\n\
         <tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
         <tr><td><p>0x80240001</p></td><td><p><code>WU_E_NO_SERVICE</code></p></td>\
         <td><p>The agent could not provide the service.</p><ul><li>Restart the agent.</li></ul></td></tr>\n\
         </table>\n",
    );
    no_unresolved(&project);
    let records = records(&project);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].0, "0x80240001");
    assert_eq!(records[0].1, "WU_E_NO_SERVICE");
    assert!(
        records[0]
            .2
            .starts_with("The agent could not provide the service.")
            && records[0].2.contains("Restart the agent."),
        "{:?}",
        records[0].2
    );
}

#[test]
fn pipe_rows_without_their_closing_pipe_or_alignment_are_read() {
    let project = load(
        "# Errors\n\n\
         Code | Name | Description\n\
         :--|:--|--\n\
         0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service.\n\
         |0x80240002|WU_E_MAX_CAPACITY_REACHED|The maximum capacity was exceeded.\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x80240001",
                "WU_E_NO_SERVICE",
                "The agent could not provide the service."
            ),
            record(
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "The maximum capacity was exceeded."
            ),
        ]
    );
}

#[test]
fn no_break_and_zero_width_spaces_are_normalized_and_the_raw_text_kept() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x8024\u{200B}0001 | WU_E_\u{200B}NO_SERVICE | The\u{A0}agent could not provide the service. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [record(
            "0x80240001",
            "WU_E_NO_SERVICE",
            "The agent could not provide the service."
        )]
    );
    // What the page wrote is kept beside the normalized values, and the
    // name's normalization is said.
    let record = &project.dataset.records[0];
    assert_eq!(record.raw.code.as_deref(), Some("0x8024\u{200B}0001"));
    assert_eq!(record.raw.name.as_deref(), Some("WU_E_\u{200B}NO_SERVICE"));
    assert_eq!(
        record.normalizations[0].reason,
        "removed invisible characters (U+200B)"
    );
    assert_eq!(
        record
            .descriptions_markdown
            .get("en-US")
            .map(String::as_str),
        Some("The\u{A0}agent could not provide the service.")
    );
}

#[test]
fn tables_inside_lists_and_block_quotes_are_read() {
    let project = load(
        "# Errors\n\n\
         - Agent errors:\n\n\
         \x20 | Code | Name | Description |\n\
         \x20 |---|---|---|\n\
         \x20 | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n\n\
         > **Note**\n\
         >\n\
         > | Code | Name | Description |\n\
         > |---|---|---|\n\
         > | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | The maximum capacity was exceeded. |\n",
    );
    no_unresolved(&project);
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(codes, ["0x80240001", "0x80240002"]);
}

#[test]
fn tables_in_code_blocks_and_comments_are_never_data() {
    let project = load(
        "# Writing an error table\n\n\
         ```markdown\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240001 | WU_E_EXAMPLE | An example row. |\n\
         ```\n\n\
         \x20   | Code | Name | Description |\n\
         \x20   |---|---|---|\n\
         \x20   | 0x80240002 | WU_E_INDENTED | An indented code block. |\n\n\
         <!--\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240003 | WU_E_COMMENTED | A commented-out row. |\n\
         -->\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240004 | WU_E_REAL | The only real row. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [record("0x80240004", "WU_E_REAL", "The only real row.")]
    );
}

#[test]
fn several_codes_in_one_cell_give_one_record_each() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240001<br>0x80240002 | WU_E_NO_SERVICE | The agent could not provide the service. |\n",
    );
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(codes, ["0x80240001", "0x80240002"]);
}

#[test]
fn a_table_without_codes_is_not_a_code_table_and_raises_nothing() {
    let project = load(
        "# Requirements\n\n\
         | Requirement | Value |\n\
         |---|---|\n\
         | Minimum supported client | Windows 10 |\n\
         | Header | wuerror.h |\n",
    );
    no_unresolved(&project);
    assert!(project.dataset.records.is_empty());
    assert_eq!(project.dataset.stats.tables_without_codes, 1);
    assert!(
        project.evaluate().findings.is_empty(),
        "{:?}",
        rules_found(&project)
    );
}

#[test]
fn a_name_column_under_a_code_header_is_read_as_names_and_the_header_reported() {
    let project = load(
        "# Errors\n\n\
         | Hexadecimal code | Symbolic name | Meaning |\n\
         |---|---|---|\n\
         | ERROR_INVALID_FUNCTION | 0x00000001 | Incorrect function. |\n\
         | ERROR_FILE_NOT_FOUND | 0x00000002 | The system cannot find the file specified. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x00000001",
                "ERROR_INVALID_FUNCTION",
                "Incorrect function."
            ),
            record(
                "0x00000002",
                "ERROR_FILE_NOT_FOUND",
                "The system cannot find the file specified."
            ),
        ]
    );
    let findings = project.evaluate().findings;
    let rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    // Not one hex-malformed per name: the header is said once per column.
    assert_eq!(
        rules,
        ["column-header-mismatch", "column-header-mismatch"],
        "{findings:#?}"
    );
}

#[test]
fn a_generic_error_code_header_over_names_is_not_a_mismatch() {
    // "Error code" is said of ERROR_* names as often as of numbers.
    let project = load(
        "# Errors\n\n\
         | Error code | Value | Meaning |\n\
         |---|---|---|\n\
         | ERROR_INVALID_FUNCTION | 0x00000001 | Incorrect function. |\n\
         | ERROR_FILE_NOT_FOUND | 0x00000002 | The system cannot find the file specified. |\n",
    );
    no_unresolved(&project);
    let names: Vec<String> = records(&project).into_iter().map(|r| r.1).collect();
    assert_eq!(names, ["ERROR_INVALID_FUNCTION", "ERROR_FILE_NOT_FOUND"]);
    assert!(
        project.evaluate().findings.is_empty(),
        "{:?}",
        rules_found(&project)
    );
}

#[test]
fn an_html_cell_spanning_rows_describes_each_row_it_spans() {
    let project = load(
        "# Errors\n\n<table>\n\
         <tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
         <tr><td>0x80180003</td><td>MENROLL_E_DEVICE_AUTHORIZATION_ERROR</td><td rowspan=\"2\">The user isn't authorized.</td></tr>\n\
         <tr><td>0x80180004</td><td>MENROLL_E_DEVICE_CERTIFICATEREQUEST_ERROR</td></tr>\n\
         <tr><td>0x80180005</td><td>MENROLL_E_DEVICE_CONFIGMGRSERVER_ERROR</td><td>The server failed.</td></tr>\n\
         </table>\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x80180003",
                "MENROLL_E_DEVICE_AUTHORIZATION_ERROR",
                "The user isn't authorized."
            ),
            record(
                "0x80180004",
                "MENROLL_E_DEVICE_CERTIFICATEREQUEST_ERROR",
                "The user isn't authorized."
            ),
            record(
                "0x80180005",
                "MENROLL_E_DEVICE_CONFIGMGRSERVER_ERROR",
                "The server failed."
            ),
        ]
    );
    // The row under the spanning cell is whole, and one cell written once
    // for two codes is not a description copied by mistake.
    let rules = rules_found(&project);
    for rule in [
        "table-ragged-row",
        "description-empty",
        "duplicate-description",
    ] {
        assert!(!rules.iter().any(|r| r == rule), "{rules:?}");
    }
}

/// Every data row read is in a record or unresolved.
fn every_row_accounted_for(project: &Project) {
    let stats = project.dataset.stats;
    assert_eq!(
        stats.rows_read,
        stats.rows_in_records + stats.unresolved_rows,
        "{stats:?}"
    );
}

#[test]
fn a_table_of_codes_inside_a_cell_gives_records_of_its_own() {
    // In an HTML cell and in a pipe cell: the codes were words of the
    // description, in no record, with no finding.
    for page in [
        "# Errors\n\n<table>\n\
         <tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
         <tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td><td>The agent. Sub-codes:\n\
         <table>\n\
         <tr><td>0x80240002</td><td>WU_E_MAX_CAPACITY_REACHED</td><td>Full.</td></tr>\n\
         <tr><td>0x80240003</td><td>WU_E_UNKNOWN_ID</td><td>Unknown.</td></tr>\n\
         <tr><td>0x80240004</td><td>WU_E_NOT_INITIALIZED</td><td>Not initialized.</td></tr>\n\
         </table>\n</td></tr>\n\
         <tr><td>0x80240005</td><td>WU_E_RANGEOVERLAP</td><td>Overlap.</td></tr>\n\
         </table>\n",
        "# Errors\n\n\
         | Error code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE | The agent. Sub-codes: <table><tr><td>0x80240002</td><td>WU_E_MAX_CAPACITY_REACHED</td><td>Full.</td></tr><tr><td>0x80240003</td><td>WU_E_UNKNOWN_ID</td><td>Unknown.</td></tr><tr><td>0x80240004</td><td>WU_E_NOT_INITIALIZED</td><td>Not initialized.</td></tr></table> |\n\
         | 0x80240005 | WU_E_RANGEOVERLAP | Overlap. |\n",
    ] {
        let project = load(page);
        assert_eq!(project.dataset.stats.rows_read, 5);
        every_row_accounted_for(&project);
        reads_only(
            &project,
            &[
                record("0x80240001", "WU_E_NO_SERVICE", "The agent. Sub-codes:"),
                record("0x80240002", "WU_E_MAX_CAPACITY_REACHED", "Full."),
                record("0x80240003", "WU_E_UNKNOWN_ID", "Unknown."),
                record("0x80240004", "WU_E_NOT_INITIALIZED", "Not initialized."),
                record("0x80240005", "WU_E_RANGEOVERLAP", "Overlap."),
            ],
        );
    }
}

#[test]
fn layout_tables_nested_past_what_is_read_are_reported() {
    let page = |levels: usize| {
        format!(
            "# Errors\n\n{}<table>\n\
             <tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
             <tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td><td>No service.</td></tr>\n\
             <tr><td>0x80240002</td><td>WU_E_MAX_CAPACITY_REACHED</td><td>Full.</td></tr>\n\
             </table>\n{}",
            "<table><tr><td>\n".repeat(levels),
            "</td></tr></table>\n".repeat(levels)
        )
    };
    let project = load(&page(3));
    assert_eq!(project.dataset.stats.rows_read, 2);
    every_row_accounted_for(&project);
    assert!(
        rules_found(&project).is_empty(),
        "{:?}",
        rules_found(&project)
    );
    // One level more: not read, and said where.
    let project = load(&page(4));
    assert_eq!(project.dataset.stats.rows_read, 0);
    assert_eq!(
        findings_of(&project, "html-table-unmapped"),
        [(
            7,
            "HTML table nested 4 tables deep, deeper than the 3 errdocs reads; it is not read as a table: its text is left in the cell that holds it, and no row of it is in a record. Move the table out of the tables around it".to_string()
        )]
    );
}

#[test]
fn a_row_across_an_html_table_starts_a_section_and_is_no_record() {
    let project = load(
        "# MDM errors\n\n<table>\n<thead>\n\
         <tr><th>Error code</th><th>Symbolic name</th><th>Description</th></tr>\n\
         </thead>\n<tbody>\n\
         <tr><td colspan=\"3\"><strong>Enrollment errors</strong></td></tr>\n\
         <tr><th><code>0x80180001</code></th><td>MENROLL_E_DEVICE_MESSAGE_FORMAT_ERROR</td><td>Invalid message.</td></tr>\n\
         <tr><td colspan=\"3\"><strong>Server errors</strong></td></tr>\n\
         <tr><th>0x80180005</th><td>MENROLL_E_DEVICE_CONFIGMGRSERVER_ERROR</td><td>The server failed.</td></tr>\n\
         </tbody>\n</table>\n",
    );
    no_unresolved(&project);
    let sections: Vec<(String, String)> = project
        .dataset
        .records
        .iter()
        .map(|r| (r.code.to_string(), r.section.to_string()))
        .collect();
    assert_eq!(
        sections,
        [
            ("0x80180001".into(), "Enrollment errors".into()),
            ("0x80180005".into(), "Server errors".into()),
        ]
    );
    assert!(
        rules_found(&project).is_empty(),
        "{:?}",
        rules_found(&project)
    );
}

#[test]
fn an_html_header_on_two_rows_names_the_columns_under_it() {
    let project = load(
        "# Store errors\n\n<table>\n<thead>\n\
         <tr><th rowspan=\"2\">Name</th><th colspan=\"2\">Error code</th><th rowspan=\"2\">Description</th></tr>\n\
         <tr><th>Hex</th><th>Decimal</th></tr>\n\
         </thead>\n<tbody>\n\
         <tr><td>E_APPX_PACKAGE_NOT_FOUND</td><td>0x80073CF1</td><td>-2147009295</td><td>The package could not be found.</td></tr>\n\
         <tr><td>E_APPX_REMOVAL_FAILED</td><td>0x80073CF6</td><td>-2147009291</td><td>The package could not be registered.</td></tr>\n\
         </tbody>\n</table>\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x80073CF1",
                "E_APPX_PACKAGE_NOT_FOUND",
                "The package could not be found."
            ),
            record(
                "0x80073CF6",
                "E_APPX_REMOVAL_FAILED",
                "The package could not be registered."
            ),
        ]
    );
    let record = &project.dataset.records[1];
    assert_eq!(record.documented_decimal.as_deref(), Some("-2147009291"));
    // The wrong decimal is found: the second header row named the column.
    assert_eq!(rules_found(&project), ["decimal-mismatch"]);
}

#[test]
fn directional_marks_around_codes_in_a_right_to_left_translation_are_not_a_change() {
    let dir = project_with(&[
        (
            "sources/doc/en-us.md",
            "# Errors\n\n| Error code | Message | Description |\n|---|---|---|\n\
             | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n"
                .as_bytes(),
        ),
        (
            "sources/doc/ar-sa.md",
            "# أخطاء\n\n| رمز الخطأ | الرسالة | الوصف |\n|---|---|---|\n\
             | \u{200F}0x80240001\u{200F} | \u{200E}WU_E_NO_SERVICE\u{200E} | تعذر على العامل توفير الخدمة. |\n"
                .as_bytes(),
        ),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    assert_eq!(project.dataset.records.len(), 1);
    assert_eq!(project.dataset.records[0].name, "WU_E_NO_SERVICE");
    assert!(
        rules_found(&project).is_empty(),
        "{:?}",
        rules_found(&project)
    );
}

/// Hebrew and Arabic pages wrap codes and names in directional isolates
/// (U+2066 to U+2069) or embeddings (U+202A to U+202E) as well as marks:
/// the translated table is read as its source, so a code the translation
/// changed is reported as changed; and a row of such codes that no table
/// holds is reported as any other.
#[test]
fn directional_isolates_and_embeddings_around_codes_are_not_part_of_them() {
    let dir = project_with(&[
        (
            "sources/doc/en-us.md",
            "# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
             | 0x80070005 | E_ACCESSDENIED | Access is denied. |\n\
             | 0x80070057 | E_INVALIDARG | One or more arguments are invalid. |\n\
             | 0x8007000E | E_OUTOFMEMORY | Not enough memory. |\n"
                .as_bytes(),
        ),
        (
            "sources/doc/he-il.md",
            "# שגיאות\n\n| קוד | שם | תיאור |\n|---|---|---|\n\
             | \u{2066}0x80070005\u{2069} | \u{2066}E_ACCESSDENIED\u{2069} | הגישה נדחתה. |\n\
             | \u{202A}0x80070057\u{202C} | \u{2068}E_INVALIDARG\u{2069} | ארגומנט אחד או יותר אינם חוקיים. |\n\
             | \u{2067}0x8007000F\u{2069} | \u{202B}E_OUTOFMEMORY\u{202C} | אין די זיכרון. |\n\n\
             \u{05E8}\u{05D0}\u{05D4}:\n\n\
             | \u{2066}0x80004005\u{2069} | \u{2066}E_FAIL\u{2069} | שגיאה. |\n"
                .as_bytes(),
        ),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    assert_eq!(project.dataset.stats.rows_in_records, 6);
    assert_eq!(
        rules_found(&project),
        ["codes-outside-tables", "translation-key-mismatch"]
    );
    let changed = findings_of(&project, "translation-key-mismatch");
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].0, 7);
    assert!(changed[0].1.contains("`0x8007000F`"), "{changed:?}");
    let outside: Vec<usize> = findings_of(&project, "codes-outside-tables")
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(outside, [11]);
}

#[test]
fn a_bare_code_with_a_c_suffix_is_read_and_its_prefix_asked_for() {
    let project = load(
        "# Installer\n\n| Name | Description | Value |\n|---|---|---|\n\
         | `CONTOSO_E_SETUP_CANCELLED` | The user cancels installation. | 8A150642L |\n\
         | `CONTOSO_E_SETUP_FAILED` | A fatal error occurred. | 0x8A150643L |\n",
    );
    no_unresolved(&project);
    // No reference knows these names: the digits alone give the code.
    assert_eq!(project.dataset.records[0].code.to_string(), "0x8A150642");
    assert_eq!(rules_found(&project), ["hex-malformed"]);
}

/// An HTML comment never closed hides what follows it in its block: at
/// the top level the rest of the page (its table is not read), in a block
/// quote only the rest of the quote (the table after it is read).
#[test]
fn an_unclosed_comment_is_reported_with_what_it_hides() {
    let table = "| Error code | Name | Description |\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | No service. |\n";
    let hiding = load(&format!("# T\n\n<!-- reviewed\n\n{table}"));
    assert!(records(&hiding).is_empty());
    let unclosed = findings_of(&hiding, "html-comment-unclosed");
    assert_eq!(unclosed.len(), 1, "{unclosed:?}");
    assert_eq!(unclosed[0].0, 3);
    assert!(
        unclosed[0]
            .1
            .contains("up to line 7 (3 lines that are not blank)"),
        "{}",
        unclosed[0].1
    );
    let quoted = load(&format!("# T\n\n> <!-- reviewed\n> by the team\n\n{table}"));
    assert_eq!(records(&quoted).len(), 1);
    let unclosed = findings_of(&quoted, "html-comment-unclosed");
    let message = unclosed
        .first()
        .map(|(_, m)| m.as_str())
        .unwrap_or_default();
    assert!(
        message.contains("up to line 4 (1 line that is not blank)"),
        "{unclosed:?}"
    );
}

/// Codes listed inside an HTML comment are hidden from readers: they are
/// not codes the page lists outside its tables.
#[test]
fn codes_listed_in_a_comment_are_not_reported_as_outside_tables() {
    let listed = "## 0x801C03ED\n\n## 0x801C03EE\n\n- 0x801C03EF\n";
    let open = load(&format!("# T\n\n{listed}"));
    let hidden = load(&format!("# T\n\n<!--\n{listed}-->\n"));
    let count = |project: &Project| findings_of(project, "codes-outside-tables").len();
    assert_eq!((count(&open), count(&hidden)), (1, 0));
}

/// Beside a table, codes listed under headings of their own are reported
/// when the table does not hold them; headings that repeat the table's
/// codes (anchors for them) are not.
#[test]
fn codes_listed_beside_a_table_are_reported_unless_the_table_holds_them() {
    let table = "| Error code | Name | Description |\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | No service. |\n| 0x80240002 | WU_E_MAX_CAPACITY_REACHED | Full. |\n| 0x80240003 | WU_E_UNKNOWN_ID | Unknown. |\n";
    let anchors = load(&format!(
        "# T\n\n{table}\n## 0x80240001\n\nMore.\n\n## 0x80240002\n\n## 0x80240003\n"
    ));
    assert_eq!(findings_of(&anchors, "codes-outside-tables"), []);
    let beside = load(&format!(
        "# T\n\n{table}\n## 0x80240004\n\n## 0x80240005\n\n## 0x80240006\n"
    ));
    let found = findings_of(&beside, "codes-outside-tables");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 9);
    assert!(
        found[0].1.starts_with("3 codes are listed"),
        "{}",
        found[0].1
    );
    assert_eq!(records(&beside).len(), 3);
}

/// Troubleshooting articles list their codes in headings, often without
/// `0x` (`### Error 8018000a`), the message in the heading or the
/// paragraph under it. errdocs does not read them (the text under a
/// heading is as often a cause or a fix as the message): it says so, with
/// where the codes are, rather than pass the page with no finding.
#[test]
fn codes_in_the_headings_of_a_troubleshooting_article_are_reported() {
    let page = "# Troubleshoot enrollment\n\n\
### Error 8018000a\n\n\
The device is already enrolled. Unenroll it first.\n\n\
### Error 0x80180014: Device not supported\n\n\
Your organization blocks this device.\n\n\
### Error code 80070005 (E_ACCESSDENIED)\n\n\
Access is denied.\n";
    let project = load(page);
    let found = findings_of(&project, "codes-outside-tables");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 3);
    for words in [
        "3 codes, 2 of them written without `0x`, are listed in headings, on lines 3, 7 and 11, `8018000a` first",
        "not from headings and the text under them, so none of them is in the dataset",
    ] {
        assert!(found[0].1.contains(words), "{}", found[0].1);
    }
    assert!(records(&project).is_empty());
    // Two codes are prose's, however written: no finding.
    let two = page.replace(
        "### Error code 80070005 (E_ACCESSDENIED)",
        "### Access denied",
    );
    assert_eq!(findings_of(&load(&two), "codes-outside-tables"), []);
    // Headings and items together, each kind counted.
    let mixed = format!("{page}\n## Other errors\n\n- Fehler 80070057: Falscher Parameter.\n");
    let found = findings_of(&load(&mixed), "codes-outside-tables");
    assert!(
        found[0].1.contains(
            "are listed in headings (3) and in list items (1), on lines 3, 7, 11 and 17,"
        ),
        "{found:?}"
    );
    assert!(
        found[0]
            .1
            .contains("not from headings and the text under them or from list items"),
        "{found:?}"
    );
}

/// The two rows that the pages of the directive and shortcode tests hold,
/// read as records, with nothing unresolved and no finding: the lines
/// around the tables are neither rows nor mistakes.
fn reads_the_two_delivery_optimization_rows_alone(project: &Project) {
    reads_only(
        project,
        &[
            record(
                "0x80D01001",
                "DO_E_NO_SERVICE",
                "Delivery Optimization was unable to provide the service.",
            ),
            record(
                "0x80D02002",
                "DO_E_DOWNLOAD_NO_PROGRESS",
                "No progress within the period.",
            ),
        ],
    );
}

/// DocFX directives right under a table (`:::column-end:::` in a
/// `:::row:::` layout) end the table, as Microsoft Learn reads them: they
/// are not rows with a code `:::column-end:::`, and the paragraph after
/// them is not a row either. In a block quote too.
#[test]
fn docfx_directives_under_a_table_end_it() {
    let project = load(
        "# Errors\n\n\
         :::row:::\n\
         :::column:::\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80D02002 | DO_E_DOWNLOAD_NO_PROGRESS | No progress within the period. |\n\
         :::column-end:::\n\
         :::column:::\n\
         Some text beside the table.\n\
         :::column-end:::\n\
         :::row-end:::\n\n\
         > | Code | Name | Description |\n\
         > |---|---|---|\n\
         > | 0x80D01001 | DO_E_NO_SERVICE | Delivery Optimization was unable to provide the service. |\n\
         > :::image type=\"content\" source=\"a.png\" alt-text=\"画面\":::\n\
         > More text.\n",
    );
    reads_the_two_delivery_optimization_rows_alone(&project);
}

/// Hugo shortcodes alone on the line right under a table (`{{% /tab %}}`,
/// `{{< /tabs >}}`) and a Docusaurus admonition's closing `:::` end the
/// table, as the sites read them: they are not rows whose code is
/// `{{% /tab %}}`.
#[test]
fn hugo_shortcodes_and_admonitions_under_a_table_end_it() {
    let project = load(
        "# Errors\n\n\
         {{< tabs >}}\n\
         {{% tab \"Client\" %}}\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80D02002 | DO_E_DOWNLOAD_NO_PROGRESS | No progress within the period. |\n\
         {{% /tab %}}\n\
         {{< /tabs >}}\n\n\
         :::note\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80D01001 | DO_E_NO_SERVICE | Delivery Optimization was unable to provide the service. |\n\
         :::\n",
    );
    reads_the_two_delivery_optimization_rows_alone(&project);
}

/// Word and Confluence exports split a long cell over rows: a row with no
/// code and no name, only text in the description column (`| | |
/// Restart the computer and try again. |`), is the rest of the row above
/// it. Its text goes on that row's cell on a line of its own, as a `<br>`
/// would, and where that cell is empty the text is the cell, at its own
/// place. In an HTML table too.
#[test]
fn a_continuation_row_goes_on_the_row_above_it() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n\
         | | | Restart the computer. |\n\
         | | | Then try again. |\n\
         | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | |\n\
         | | | The maximum capacity was exceeded. |\n\
         | 0x80240003 | WU_E_UNKNOWN_ID | The ID is unknown. |\n\n\
         <table>\n\
         <tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
         <tr><td>0x80200001</td><td>BG_E_NOT_FOUND</td><td>The job was not found.</td></tr>\n\
         <tr><td></td><td></td><td>Check the job's ID.</td></tr>\n\
         </table>\n",
    );
    reads_only(
        &project,
        &[
            record(
                "0x80200001",
                "BG_E_NOT_FOUND",
                "The job was not found.\nCheck the job's ID.",
            ),
            record(
                "0x80240001",
                "WU_E_NO_SERVICE",
                "The agent could not provide the service.\nRestart the computer.\nThen try again.",
            ),
            record(
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "The maximum capacity was exceeded.",
            ),
            record("0x80240003", "WU_E_UNKNOWN_ID", "The ID is unknown."),
        ],
    );
    let descriptions: Vec<(u32, u32)> = project
        .dataset
        .records
        .iter()
        .filter_map(|r| r.sources[0].cells.description)
        .map(|at| (at.line, at.column))
        .collect();
    assert_eq!(descriptions, [(14, 51), (5, 33), (9, 6), (10, 33)]);
}

/// A row with no code and no name, only text, that has no row above it
/// to continue (the first of its table) is one finding that says so, not
/// an empty code and an empty name reported apart.
#[test]
fn a_row_of_text_alone_with_no_row_above_it_is_one_finding() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | | | These codes come from the agent. |\n\
         | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n",
    );
    every_row_accounted_for(&project);
    assert_eq!(project.dataset.unresolved.len(), 1);
    assert_eq!(rules_found(&project), ["row-fields-doubtful"]);
    assert_eq!(
        findings_of(&project, "row-fields-doubtful"),
        [(
            5,
            "the row has no code and no name, only text in its `Description` column, and no row above it in its table that it could continue: a note written as a row, or a row whose code and name are missing; the row is kept as an unresolved row".to_string()
        )]
    );
}

/// On Jekyll sites, a kramdown attribute list right under a table (`{:
/// .table .table-striped }`, `{:#errors}`) styles it, and a Liquid tag
/// (`{% endcapture %}`) closes what holds it: both end the table, as the
/// site reads them, and neither they nor the text after them is a row.
/// In a block quote too.
#[test]
fn kramdown_attribute_lists_and_liquid_tags_under_a_table_end_it() {
    let project = load(
        "# Errors\n\n\
         {% capture errors %}\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80D02002 | DO_E_DOWNLOAD_NO_PROGRESS | No progress within the period. |\n\
         {: .table .table-striped }\n\
         Some text under the table.\n\
         {% endcapture %}\n\n\
         > | Code | Name | Description |\n\
         > |---|---|---|\n\
         > | 0x80D01001 | DO_E_NO_SERVICE | Delivery Optimization was unable to provide the service. |\n\
         > {:#errors}\n",
    );
    reads_the_two_delivery_optimization_rows_alone(&project);
}

/// PyMdown blocks on MkDocs sites (`/// tab | Client` ... `///`) write
/// their content unindented, and the `///` that closes one, or the line
/// that opens the next, right under a table ends the table: it is no row
/// with a code `///`.
#[test]
fn pymdown_block_lines_under_a_table_end_it() {
    let project = load(
        "# Errors\n\n\
         /// tab | Client\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80D02002 | DO_E_DOWNLOAD_NO_PROGRESS | No progress within the period. |\n\
         ///\n\n\
         /// tab | Server\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80D01001 | DO_E_NO_SERVICE | Delivery Optimization was unable to provide the service. |\n\
         /// tab | Other\n\
         ///\n",
    );
    reads_the_two_delivery_optimization_rows_alone(&project);
}

/// MkDocs (Material) writes admonitions (`!!! note "Title"`), collapsible
/// blocks (`??? note`, `???+ note`) and content tabs (`=== "Tab"`) as a
/// marker line and content indented four spaces under it, nested blocks
/// four further: the tables there are the page's, read at the line and
/// column where they are written. A marker in a fenced code block, an
/// indented code block under no marker, and a setext heading's `===`
/// underline are what they were.
#[test]
fn tables_in_mkdocs_admonitions_and_content_tabs_are_read() {
    let project = load(
        "Errors\n===\n\n\
         !!! note \"Common errors\"\n\n\
         \x20   | Code | Name | Description |\n\
         \x20   |---|---|---|\n\
         \x20   | 0x80070005 | E_ACCESSDENIED | Access is denied. |\n\n\
         === \"HRESULT\"\n\n\
         \x20   ???+ warning\n\n\
         \x20       | Code | Name | Description |\n\
         \x20       |---|---|---|\n\
         \x20       | 0x80070057 | E_INVALIDARG | One or more arguments are invalid. |\n\n\
         ===+ \"Other\"\n\n\
         \x20   | Code | Name | Description |\n\
         \x20   |---|---|---|\n\
         \x20   | 0x8007000E | E_OUTOFMEMORY | Not enough memory. |\n\n\
         ```markdown\n\
         !!! note\n\n\
         \x20   | Code | Name | Description |\n\
         \x20   |---|---|---|\n\
         \x20   | 0x80004001 | E_NOTIMPL | An example in a fence. |\n\
         ```\n\n\
         \x20   | Code | Name | Description |\n\
         \x20   |---|---|---|\n\
         \x20   | 0x80004002 | E_NOINTERFACE | An indented code block. |\n",
    );
    reads_only(
        &project,
        &[
            record("0x80070005", "E_ACCESSDENIED", "Access is denied."),
            record("0x8007000E", "E_OUTOFMEMORY", "Not enough memory."),
            record(
                "0x80070057",
                "E_INVALIDARG",
                "One or more arguments are invalid.",
            ),
        ],
    );
    let places: Vec<(&str, u32, u32, &str)> = project
        .dataset
        .records
        .iter()
        .map(|r| {
            let source = &r.sources[0];
            (r.name.as_str(), source.line, source.column, &*r.section)
        })
        .collect();
    assert_eq!(
        places,
        [
            ("E_ACCESSDENIED", 8, 6, "Errors"),
            ("E_OUTOFMEMORY", 22, 6, "Errors"),
            ("E_INVALIDARG", 16, 10, "Errors"),
        ]
    );
}

/// A row whose only text is in its first cell, words that are no code
/// (`| **Windows Update errors** | | |`), heads the rows under it, as a
/// row of one cell across an HTML table does: the rows after it are a
/// section of their own, and the heading is no row with a code `Windows
/// Update errors`, an empty name and no description.
#[test]
fn a_group_heading_row_in_a_pipe_table_starts_a_section_and_is_no_record() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | **Windows Update errors** | | |\n\
         | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n\
         | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | The maximum capacity was exceeded. |\n\
         | **BITS errors** | | |\n\
         | 0x80200001 | BG_E_NOT_FOUND | The requested job was not found. |\n",
    );
    no_unresolved(&project);
    let sections: Vec<(String, String, u32)> = project
        .dataset
        .records
        .iter()
        .map(|r| (r.code.to_string(), r.section.to_string(), r.sources[0].line))
        .collect();
    assert_eq!(
        sections,
        [
            ("0x80200001".into(), "BITS errors".into(), 9),
            ("0x80240001".into(), "Windows Update errors".into(), 6),
            ("0x80240002".into(), "Windows Update errors".into(), 7),
        ]
    );
    assert_eq!(rules_found(&project), Vec::<String>::new());
}

/// What only looks like a group heading is a row, read and reported as
/// one: an empty code beside a name and a description, a name alone, a
/// code alone that cannot be read, text alone under a `Description`
/// header, and text alone in the last row, which heads nothing.
#[test]
fn rows_that_only_look_like_group_headings_are_rows() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n\
         | | WU_E_MAX_CAPACITY_REACHED | The maximum capacity was exceeded. |\n\
         | WU_E_UNKNOWN_ID | | |\n\
         | 0x8024000G | | |\n\
         | 0x80240005 | WU_E_RANGEOVERLAP | The ranges overlap. |\n\
         | 0x80240006 | WU_E_TOOMANYRANGES | Too many ranges. |\n\
         | 0x80240007 | WU_E_INVALIDINDEX | The index is invalid. |\n\
         | 0x80240008 | WU_E_ITEMNOTFOUND | The item was not found. |\n\
         | See the other page for more codes. | | |\n\n\
         | Description | Code |\n\
         |---|---|\n\
         | The job was not found. | 0x80200001 |\n\
         | The job is not in a state that allows it. | |\n\
         | There are no files in the job. | 0x80200003 |\n",
    );
    let stats = project.dataset.stats;
    assert_eq!((stats.tables, stats.rows_read), (2, 12), "{stats:?}");
    every_row_accounted_for(&project);
    let lines: Vec<usize> = findings_of(&project, "hex-malformed")
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(lines, [6, 7, 8, 13, 18]);
}

/// A name followed by a note (`(deprecated)`) or a mark pointing to a
/// note under the table (`\*`, `†`) is the name: the record is not named
/// `RPC_E_SERVERFAULT (deprecated)`, the reference does not call it
/// unknown, and a translation that translates the note (`(preterido)`)
/// keeps the same name.
#[test]
fn a_note_or_mark_after_a_name_is_not_part_of_it() {
    let table = |note: &str| {
        format!(
            "# COM errors\n\n\
             | Constant | Value |\n\
             |---|---|\n\
             | **CO_E_NOTINITIALIZED** | [0x800401F0](https://example.com/a) |\n\
             | **RPC_E_SERVERFAULT** ({note}) | [0x80010105](https://example.com/b) |\n\
             | **RPC_E_DISCONNECTED**\\* | [0x80010108](https://example.com/c) |\n\
             | RPC_E_CHANGED_MODE † | 0x80010106 |\n\n\
             \\* Returned only by old proxies.\n"
        )
    };
    let dir = project_with(&[
        ("sources/doc/en-us.md", table("deprecated").as_bytes()),
        ("sources/doc/pt-br.md", table("preterido").as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    let names: Vec<(String, String)> = records(&project)
        .into_iter()
        .map(|(code, name, _)| (code, name))
        .collect();
    assert_eq!(
        names,
        [
            ("0x80010105".to_string(), "RPC_E_SERVERFAULT".to_string()),
            ("0x80010106".into(), "RPC_E_CHANGED_MODE".into()),
            ("0x80010108".into(), "RPC_E_DISCONNECTED".into()),
            ("0x800401F0".into(), "CO_E_NOTINITIALIZED".into()),
        ]
    );
    assert_eq!(rules_found(&project), Vec::<String>::new());
}

/// A table right under a JSX or HTML tag (`<TabItem>`), with no blank line
/// between them, is part of the tag's HTML block, as GitHub and CommonMark
/// read it: the finding says so and how to mend it (a blank line), rather
/// than asking for a table that is already written; with the blank line,
/// the table is read.
#[test]
fn a_table_inside_an_html_block_is_reported_with_the_block() {
    let page = |gap: &str| {
        format!(
            "# Storage errors\n\n\
             <Tabs>\n\
             <TabItem value=\"hresult\" label=\"HRESULT\">\n{gap}\
             | Error code | Name | Description |\n\
             |---|---|---|\n\
             | 0x80030001 | STG_E_INVALIDFUNCTION | Unable to perform requested operation. |\n\
             | 0x80030002 | STG_E_FILENOTFOUND | The file could not be found. |\n\
             | 0x80030003 | STG_E_PATHNOTFOUND | The path could not be found. |\n\n\
             </TabItem>\n\
             </Tabs>\n"
        )
    };
    let found = findings_of(&load(&page("")), "codes-outside-tables");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 7);
    assert!(
        found[0]
            .1
            .ends_with("their rows are inside the HTML block that starts at line 3, which Markdown shows as HTML, not as a table: leave a blank line between the tag and the table to have them read and checked"),
        "{}",
        found[0].1
    );
    let mended = load(&page("\n"));
    no_unresolved(&mended);
    assert_eq!(records(&mended).len(), 3);
    assert_eq!(rules_found(&mended), Vec::<String>::new());
}

/// Support articles write their code column as `Error 0x800F081F`: a code
/// under a one-word label, in any language. Those cells are the codes;
/// the table is not one without codes, its rows dropped without a word.
#[test]
fn codes_under_a_one_word_label_are_codes() {
    let project = load(
        "# Fix Windows Update errors\n\n\
         | Error | Cause | Resolution |\n\
         |---|---|---|\n\
         | Error 0x800F081F | The source files could not be found. | Use the `/Source` option. |\n\
         | Error 0x800F0922 | Processing advanced installers failed. | Check the VPN. |\n\
         | Error 0x80070002 | The system cannot find the file specified. | Run the troubleshooter. |\n",
    );
    reads_only(
        &project,
        &[
            record(
                "0x80070002",
                "",
                "The system cannot find the file specified.",
            ),
            record("0x800F081F", "", "The source files could not be found."),
            record("0x800F0922", "", "Processing advanced installers failed."),
        ],
    );
}

/// Full-width punctuation beside a code, as Chinese and Japanese pages
/// write it (`0x80240001：`, `（0x80240002）`), strays as ASCII punctuation
/// does: the written digits are the code, and the finding says what
/// strays rather than calling the cell no code at all.
#[test]
fn full_width_punctuation_around_a_code_is_stray_punctuation() {
    let project = load(
        "# 错误代码\n\n\
         | 错误代码 | 名称 | 说明 |\n\
         |---|---|---|\n\
         | 0x80240001： | WU_E_NO_SERVICE | 代理无法提供服务。 |\n\
         | （0x80770002） | CONTOSO_E_NOT_READY | 服务尚未就绪。 |\n\
         | 0x80770003 | CONTOSO_E_BUSY | 服务繁忙。 |\n",
    );
    no_unresolved(&project);
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(codes, ["0x80240001", "0x80770002", "0x80770003"]);
    assert_eq!(
        findings_of(&project, "hex-malformed"),
        [
            (
                5,
                "code `0x80240001：` ends with stray `：` after the digits; the dataset uses 0x80240001"
                    .to_string()
            ),
            (
                6,
                "code `（0x80770002）` is wrapped in stray `（` and `）`; the dataset uses 0x80770002"
                    .to_string()
            ),
        ]
    );
}

/// A footnote mark in a cell (`supported.[^1]`) is not part of the plain
/// description (GitHub and Learn show a superscript link); the Markdown
/// keeps it. A `[^x]` with no note defined is text, as it is rendered.
#[test]
fn footnote_marks_are_not_part_of_a_description() {
    let project = load(
        "# HRESULT values\n\n\
         | Value | Name | Description |\n\
         |---|---|---|\n\
         | 0x80004002 | E_NOINTERFACE | No such interface supported.[^1] |\n\
         | 0x80004003 | E_POINTER | Pointer that isn't valid.[^note] |\n\
         | 0x80004005 | E_FAIL | Unspecified failure [^x]. |\n\n\
         [^1]: Returned by `QueryInterface`.\n\
         [^note]: Often a null pointer.\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x80004002",
                "E_NOINTERFACE",
                "No such interface supported."
            ),
            record("0x80004003", "E_POINTER", "Pointer that isn't valid."),
            record("0x80004005", "E_FAIL", "Unspecified failure [^x]."),
        ]
    );
    let markdown = project.dataset.records[0]
        .descriptions_markdown
        .get("en-US")
        .map(String::as_str);
    assert_eq!(markdown, Some("No such interface supported.[^1]"));
}

/// A line written as a table row that no table holds (the table ended at
/// a directive line or a blank line, or it never had its header and
/// delimiter rows) is reported, from a single code: it is a row the page
/// meant to list, and would otherwise be missing without a word.
#[test]
fn rows_that_no_table_holds_are_reported() {
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
                | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n\
                :::column-end:::\n\
                | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | The capacity was reached. |\n\n\
                Some text with a | in it and 0x80240009 | too.\n";
    let found = findings_of(&load(page), "codes-outside-tables");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 7);
    assert!(
        found[0].1.starts_with("`0x80240002` is listed"),
        "{}",
        found[0].1
    );
    // The table's own rows, and a prose line with bars whose code leads no
    // cell, are not reported.
    let held = page.replace(":::column-end:::\n", "");
    assert_eq!(findings_of(&load(&held), "codes-outside-tables"), []);
    // A malformed code in such a row is the row's code still.
    let malformed = page.replace("| 0x80240002 |", "| 0x8024002 |");
    let found = findings_of(&load(&malformed), "codes-outside-tables");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.starts_with("`0x8024002` is listed"),
        "{}",
        found[0].1
    );
}

#[test]
fn a_code_written_in_groups_is_read_as_one_code_and_its_form_reported() {
    let project = load(
        "# Codes\n\n\
| Error code | Name | Description |\n\
|---|---|---|\n\
| 0x80240001 | WU_E_NO_SERVICE | One. |\n\
| 0x8024 0002 | WU_E_MAX_CAPACITY_REACHED | Two. |\n\
| 0x8024_0003 | WU_E_UNKNOWN_ID | Three. |\n\
| 0x80 24 00 04 | WU_E_NOT_INITIALIZED | Four. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        vec![
            record("0x80240001", "WU_E_NO_SERVICE", "One."),
            record("0x80240002", "WU_E_MAX_CAPACITY_REACHED", "Two."),
            record("0x80240003", "WU_E_UNKNOWN_ID", "Three."),
            record("0x80240004", "WU_E_NOT_INITIALIZED", "Four."),
        ]
    );
    let findings = project.evaluate().findings;
    let malformed: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "hex-malformed")
        .collect();
    assert_eq!(malformed.len(), 3, "{malformed:#?}");
    // The whole code is quoted, the separator named, and the fix writes the
    // code canonically, safe: the digits are all there.
    assert!(
        malformed[0]
            .message
            .starts_with("code `0x8024 0002` has its digits split by a space"),
        "{}",
        malformed[0].message
    );
    assert!(malformed[1].message.contains("split by `_`"));
    for f in &malformed {
        let fix = f.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, errdocs::diagnostic::Applicability::Safe);
        assert!(
            !fix.evidence.iter().any(|e| e.contains("missing")),
            "{fix:#?}"
        );
    }
    assert_eq!(
        malformed[0].fix.as_ref().map(|f| f.to.as_str()),
        Some("0x80240002")
    );
}

#[test]
fn a_code_followed_by_a_note_is_the_code() {
    let project = load(
        "# Codes\n\n\
| Error code | Name | Description |\n\
|---|---|---|\n\
| 0x80240001 | WU_E_NO_SERVICE | One. |\n\
| 0x80240002 (hex) | WU_E_MAX_CAPACITY_REACHED | Two. |\n\
| 0x80240003 - see below | WU_E_UNKNOWN_ID | Three. |\n\
| 0x80240004（十六进制） | WU_E_NOT_INITIALIZED | Four. |\n\
| 0x80240005 | WU_E_RANGEOVERLAP | Five. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project)
            .iter()
            .map(|r| r.0.as_str())
            .collect::<Vec<_>>(),
        [
            "0x80240001",
            "0x80240002",
            "0x80240003",
            "0x80240004",
            "0x80240005"
        ]
    );
    // The note is the page explaining itself, not a mistake.
    assert_eq!(rules_found(&project), Vec::<String>::new());
}

#[test]
fn names_leading_most_descriptions_are_the_names() {
    let project = load(
        "# Codes\n\n\
| Error code | Description |\n\
|---|---|\n\
| 0x80D02002 | DO_E_DOWNLOAD_NO_PROGRESS: No progress within the period. |\n\
| 0x80D02003 | DO_E_X_TWO - Some other text. |\n\
| 0x80D02004 | A row without a name. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        vec![
            record(
                "0x80D02002",
                "DO_E_DOWNLOAD_NO_PROGRESS",
                "No progress within the period."
            ),
            record("0x80D02003", "DO_E_X_TWO", "Some other text."),
            record("0x80D02004", "", "A row without a name."),
        ]
    );
    // Conservative: one description of three opening with a name is a
    // description, whole.
    let project = load(
        "# Codes\n\n\
| Error code | Description |\n\
|---|---|\n\
| 0x80D02002 | DO_E_DOWNLOAD_NO_PROGRESS: No progress within the period. |\n\
| 0x80D02003 | Some other text. |\n\
| 0x80D02004 | A row without a name. |\n",
    );
    assert_eq!(
        records(&project)[0],
        record(
            "0x80D02002",
            "",
            "DO_E_DOWNLOAD_NO_PROGRESS: No progress within the period."
        )
    );
}

#[test]
fn notes_after_codes_are_the_descriptions_of_a_table_without_any() {
    // Two of three codes carry a note after a dash, and no column
    // describes the codes: the notes were dropped (and with two notes in
    // three cells the column was not even read as codes).
    let project = load(
        "# Errors\n\n| Code | Name |\n|---|---|\n\
         | 0x80240001 - The agent could not update. | WU_E_NO_SERVICE |\n\
         | 0x80240002 | WU_E_MAX_CAPACITY_REACHED |\n\
         | 0x80240003 — See below. | WU_E_UNKNOWN_ID |\n",
    );
    // A row without a note has no description, rather than an empty one.
    reads_only(
        &project,
        &[
            record(
                "0x80240001",
                "WU_E_NO_SERVICE",
                "The agent could not update.",
            ),
            record("0x80240002", "WU_E_MAX_CAPACITY_REACHED", ""),
            record("0x80240003", "WU_E_UNKNOWN_ID", "See below."),
        ],
    );
}

#[test]
fn notes_after_codes_stay_notes_beside_a_description_column() {
    let project = load(
        "# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
         | 0x80240001 - see below | WU_E_NO_SERVICE | The agent could not update. |\n\
         | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | The capacity was reached. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project)[0],
        record(
            "0x80240001",
            "WU_E_NO_SERVICE",
            "The agent could not update."
        )
    );
}

#[test]
fn a_code_header_over_too_few_codes_says_how_many_there_are() {
    // One code in three rows is too few for a column of codes; the
    // finding said that none of the cells held one.
    let project = load(
        "# Errors\n\n| Code | Name |\n|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE |\n\
         | see the table above | WU_E_MAX_CAPACITY_REACHED |\n\
         | the agent's code, which varies | WU_E_UNKNOWN_ID |\n",
    );
    assert_eq!(
        findings_of(&project, "table-header-unrecognized"),
        [(
            3,
            "the table's header (`Code`, `Name`) names a code column, but only 1 of its 3 rows \
             holds a code, too few to read a column of them; its 3 rows are kept as unresolved rows"
                .to_string()
        )]
    );
}

/// A description that is a word and a code (`See 0x80240002.`) is no code
/// under a label when the table has its codes in a column of their own:
/// two such descriptions in three made the column a second code column,
/// and every description of the table was dropped without a word.
#[test]
fn a_short_description_naming_a_code_beside_a_code_column_is_a_description() {
    let project = load(
        "# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE | See 0x80240002. |\n\
         | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | The capacity was reached. |\n\
         | 0x80240003 | WU_E_UNKNOWN_ID | Siehe 0x80240002 |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record("0x80240001", "WU_E_NO_SERVICE", "See 0x80240002."),
            record(
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "The capacity was reached."
            ),
            record("0x80240003", "WU_E_UNKNOWN_ID", "Siehe 0x80240002"),
        ]
    );
}

/// Codes in every row but each in another column: the finding said that
/// only 3 of 3 rows held a code, too few, which reads as a contradiction.
#[test]
fn a_code_header_over_codes_spread_across_columns_says_so() {
    let project = load(
        "# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
         | 0x80240001 | see below | some text |\n\
         | see below | 0x80240002 | some text |\n\
         | some text | see below | 0x80240003 |\n",
    );
    assert_eq!(
        findings_of(&project, "table-header-unrecognized"),
        [(
            3,
            "the table's header (`Code`, `Name`, `Description`) names a code column, but 3 of its \
             3 rows hold a code, in different columns: no column holds more than 1, too few to read \
             a column of them; its 3 rows are kept as unresolved rows"
                .to_string()
        )]
    );
}

#[test]
fn a_translation_that_drops_a_note_read_as_a_description_is_missing_it() {
    // The notes after the codes are the descriptions; a translated row
    // without the note its source row has lacked its description, and
    // nothing said so.
    let source = "# Errors\n\n| Code | Name |\n|---|---|\n\
        | 0x80240001 - The agent failed. | WU_E_NO_SERVICE |\n\
        | 0x80240002 | WU_E_MAX_CAPACITY_REACHED |\n\
        | 0x80240003 - An ID was not found. | WU_E_UNKNOWN_ID |\n";
    let translation = "# Fehler\n\n| Code | Name |\n|---|---|\n\
        | 0x80240001 - Der Agent ist fehlgeschlagen. | WU_E_NO_SERVICE |\n\
        | 0x80240002 | WU_E_MAX_CAPACITY_REACHED |\n\
        | 0x80240003 | WU_E_UNKNOWN_ID |\n";
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/de-de.md", translation.as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    let found: Vec<(String, usize, String)> = project
        .evaluate()
        .findings
        .iter()
        .map(|f| {
            (
                f.location.file.to_string(),
                f.location.line,
                f.rule.to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "sources/doc/de-de.md".to_string(),
            7,
            "description-empty".to_string()
        )]
    );
}

/// The name, code and description cells of each row of the page's lists,
/// each as (line, column, text).
fn list_cells(project: &Project) -> Vec<[(usize, usize, String); 3]> {
    let at = |cell: &errdocs::ingest::Cell| {
        (
            cell.location.line,
            cell.location.column,
            cell.text.to_string(),
        )
    };
    project
        .files
        .iter()
        .flat_map(|f| &f.tables)
        .filter(|t| t.format == errdocs::model::TableFormat::List)
        .flat_map(|t| &t.rows)
        .map(|row| [at(&row.cells[0]), at(&row.cells[1]), at(&row.cells[3])])
        .collect()
}

fn cell(line: usize, column: usize, text: &str) -> (usize, usize, String) {
    (line, column, text.into())
}

/// `<dt>` holds the code alone, `<dd>` the name (in bold) and, after a
/// colon, the description: each entry is led by its code. A code with a
/// digit lost is a row, reported as in a table.
#[test]
fn a_definition_list_with_the_code_in_the_term_and_the_name_in_the_definition_is_read() {
    let project = load(
        "# Codes\n\n<dl>\n\
         <dt>0x80070005</dt>\n\
         <dd><b>E_ACCESSDENIED</b>: Access is denied.</dd>\n\
         <dt>0x8007000E</dt><dd><b>E_OUTOFMEMORY</b>: Not enough memory.</dd>\n\
         <dt>0x80070057</dt>\n\
         <dd><code>E_INVALIDARG</code> &ndash; One or more arguments are invalid.</dd>\n\
         <dt>0x8000FFF</dt>\n\
         <dd><b>E_UNEXPECTED</b>: Catastrophic failure.</dd>\n\
         </dl>\n",
    );
    no_unresolved(&project);
    assert_eq!(
        list_cells(&project),
        [
            [
                cell(5, 8, "E_ACCESSDENIED"),
                cell(4, 5, "0x80070005"),
                cell(5, 28, "Access is denied."),
            ],
            [
                cell(6, 27, "E_OUTOFMEMORY"),
                cell(6, 5, "0x8007000E"),
                cell(6, 46, "Not enough memory."),
            ],
            [
                cell(8, 11, "E_INVALIDARG"),
                cell(7, 5, "0x80070057"),
                cell(8, 39, "One or more arguments are invalid."),
            ],
            [
                cell(10, 8, "E_UNEXPECTED"),
                cell(9, 5, "0x8000FFF"),
                cell(10, 26, "Catastrophic failure."),
            ],
        ]
    );
    assert_eq!(rules_found(&project), ["hex-malformed"]);
    assert_eq!(findings_of(&project, "hex-malformed")[0].0, 9);
    assert_eq!(records(&project).len(), 4);
}

/// `<dt>` holds the name, `<dd>` the code and then the description, after
/// a space, a colon or a dash, in a `<p>` or not; a second paragraph of
/// the `<dd>` is part of the description.
#[test]
fn a_definition_list_with_the_code_leading_the_definition_is_read() {
    let project = load(
        "# Codes\n\n<dl>\n\
         <dt>E_ACCESSDENIED</dt>\n\
         <dd>0x80070005 Access is denied.</dd>\n\
         <dt>E_OUTOFMEMORY</dt>\n\
         <dd><p>0x8007000E: Not enough memory.</p>\n\
         <p>Free some memory.</p></dd>\n\
         <dt>E_INVALIDARG</dt><dd>0x80070057 - One or more arguments are invalid.</dd>\n\
         </dl>\n\n\
         Text after the list.\n",
    );
    reads_only(
        &project,
        &[
            record("0x80070005", "E_ACCESSDENIED", "Access is denied."),
            record(
                "0x8007000E",
                "E_OUTOFMEMORY",
                "Not enough memory.\n\nFree some memory.",
            ),
            record(
                "0x80070057",
                "E_INVALIDARG",
                "One or more arguments are invalid.",
            ),
        ],
    );
    let cells = list_cells(&project);
    assert_eq!(cells[0][1], cell(5, 5, "0x80070005"));
    assert_eq!(cells[0][2], cell(5, 16, "Access is denied."));
    assert_eq!(
        cells[1][2],
        cell(7, 20, "Not enough memory.\n\nFree some memory.")
    );
    assert_eq!(cells[2][1], cell(9, 26, "0x80070057"));
    assert_eq!(
        cells[2][2],
        cell(9, 39, "One or more arguments are invalid.")
    );
}

/// `<dt>` holds the code and the name together, in either order, parted
/// by a space, brackets, a colon or a dash; `<dd>` the description, which
/// may itself begin with the name or the code in a sentence.
#[test]
fn a_definition_list_with_the_code_and_the_name_in_the_term_is_read() {
    let project = load(
        "# Codes\n\n<dl>\n\
         <dt>0x80070005 (E_ACCESSDENIED)</dt>\n\
         <dd>E_ACCESSDENIED is returned when access is denied.</dd>\n\
         <dt>0x8007000E - E_OUTOFMEMORY</dt>\n\
         <dd>0x8007000E means there is not enough memory.</dd>\n\
         <dt>E_INVALIDARG: 0x80070057</dt>\n\
         <dd>One or more arguments are invalid.</dd>\n\
         <dt>[0x80004005] E_FAIL</dt>\n\
         <dd>Unspecified failure.</dd>\n\
         </dl>\n",
    );
    reads_only(
        &project,
        &[
            record("0x80004005", "E_FAIL", "Unspecified failure."),
            record(
                "0x80070005",
                "E_ACCESSDENIED",
                "E_ACCESSDENIED is returned when access is denied.",
            ),
            record(
                "0x8007000E",
                "E_OUTOFMEMORY",
                "0x8007000E means there is not enough memory.",
            ),
            record(
                "0x80070057",
                "E_INVALIDARG",
                "One or more arguments are invalid.",
            ),
        ],
    );
    let cells = list_cells(&project);
    assert_eq!(
        cells[0],
        [
            cell(4, 17, "E_ACCESSDENIED"),
            cell(4, 5, "0x80070005"),
            cell(5, 5, "E_ACCESSDENIED is returned when access is denied."),
        ]
    );
    assert_eq!(cells[2][0], cell(8, 5, "E_INVALIDARG"));
    assert_eq!(cells[2][1], cell(8, 19, "0x80070057"));
}

/// The `<dd>` written as Markdown (blank lines around it inside the
/// tags): its paragraph holds the bold name and the description.
#[test]
fn a_definition_written_as_markdown_inside_the_tags_is_read() {
    let entry = |code: &str, name: &str, text: &str| {
        format!("<dt>{code}</dt>\n<dd>\n\n**{name}**: {text}\n\n</dd>\n")
    };
    let project = load(&format!(
        "# Codes\n\n<dl>\n{}{}{}</dl>\n",
        entry("0x80070005", "E_ACCESSDENIED", "Access is denied."),
        entry("0x8007000E", "E_OUTOFMEMORY", "Not enough memory."),
        entry("0x80070057", "E_INVALIDARG", "Arguments are invalid."),
    ));
    reads_only(
        &project,
        &[
            record("0x80070005", "E_ACCESSDENIED", "Access is denied."),
            record("0x8007000E", "E_OUTOFMEMORY", "Not enough memory."),
            record("0x80070057", "E_INVALIDARG", "Arguments are invalid."),
        ],
    );
    let cells = list_cells(&project);
    assert_eq!(
        cells[0],
        [
            cell(7, 3, "E_ACCESSDENIED"),
            cell(4, 5, "0x80070005"),
            cell(7, 21, "Access is denied."),
        ]
    );
}

/// A `<dl>` of codes without names gives no entry errdocs can read: its
/// codes are reported, not dropped without a word.
#[test]
fn a_definition_list_of_codes_without_names_is_reported() {
    let project = load(
        "# Codes\n\n<dl>\n\
         <dt>0x80070005</dt>\n<dd>Access is denied.</dd>\n\
         <dt>0x8007000E</dt>\n<dd>Not enough memory.</dd>\n\
         <dt>0x80070057</dt>\n<dd>One or more arguments are invalid.</dd>\n\
         </dl>\n",
    );
    assert!(records(&project).is_empty());
    let found = findings_of(&project, "codes-outside-tables");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 4);
    assert!(
        found[0]
            .1
            .starts_with("3 codes are listed in definition lists, on lines 4, 6 and 8,"),
        "{}",
        found[0].1
    );
}

/// Windows setup writes a result code and its extend code in one cell
/// (`0xC1900101 - 0x20004`): the result code is the row's code, and one
/// result code with several extend codes is several failures, not a code
/// listed twice. A result code that lost a digit is still reported.
#[test]
fn a_setup_result_code_with_its_extend_code_is_the_code() {
    let project = load(
        "# Windows upgrade errors\n\n\
         | Result code | Mitigation |\n\
         |---|---|\n\
         | 0xC1900101 - 0x20004 | Uninstall antivirus applications. |\n\
         | 0xC1900101 – 0x2000c | Disconnect all peripheral devices. |\n\
         | 0xC190101 - 0x20017 | Ensure that all drivers are updated. |\n\
         | 0x80070070-0x50011 | Free up disk space. |\n",
    );
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(codes, ["0x80070070", "0xC1900101", "0xC1900101"]);
    assert_eq!(rules_found(&project), ["hex-malformed"]);
    let found = findings_of(&project, "hex-malformed");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 7);
    assert!(
        found[0].1.starts_with("code `0xC190101` has 7 hex digits"),
        "{}",
        found[0].1
    );
}

/// A `Result code` header names a code column: a table under it whose
/// cells errdocs cannot read as codes is reported, not passed over as a
/// table without codes.
#[test]
fn a_result_code_header_names_a_code_column() {
    let project = load(
        "# Windows upgrade errors\n\n\
         | Result code | Mitigation |\n\
         |---|---|\n\
         | see the log | Uninstall antivirus applications. |\n\
         | ask support | Disconnect all peripheral devices. |\n",
    );
    assert!(records(&project).is_empty());
    assert_eq!(project.dataset.unresolved.len(), 2);
    assert_eq!(rules_found(&project), ["table-header-unrecognized"]);
}

/// Support pages list a family of codes (`0x8024xxxx`) or a range
/// (`0xC1900101 - 0xC1900107`) in the code column on purpose: no record,
/// no malformed code, but an unresolved row with its reason and a note.
#[test]
fn ranges_and_families_of_codes_are_noted_rows_not_records() {
    let project = load(
        "# Errors by range\n\n\
         | Error code | Component | Description |\n\
         |---|---|---|\n\
         | 0x8024xxxx | Windows Update Agent | Errors from the Windows Update Agent. |\n\
         | 0xC1900101 - 0xC1900107 | Setup | Driver errors during Windows setup. |\n\
         | 0x80240001–0x80240FFF | Windows Update | Agent errors. |\n\
         | 0x80070002 | File system | The system cannot find the file specified. |\n\
         | 0x8007000E | Memory | Not enough memory. |\n",
    );
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(codes, ["0x80070002", "0x8007000E"]);
    let reasons: Vec<(usize, &str)> = project
        .dataset
        .unresolved
        .iter()
        .map(|u| (u.line, u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                5,
                "the code `0x8024xxxx` stands for a family of codes, its last digits left open, not one code"
            ),
            (
                6,
                "the code `0xC1900101 - 0xC1900107` is a range of codes, not one code"
            ),
            (
                7,
                "the code `0x80240001–0x80240FFF` is a range of codes, not one code"
            ),
        ]
    );
    assert_eq!(rules_found(&project), ["code-range"]);
    let lines: Vec<usize> = findings_of(&project, "code-range")
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(lines, [5, 6, 7]);
}

/// A row for a family of codes names no one constant: its empty name
/// cell is no placeholder to report.
#[test]
fn a_range_row_without_a_name_is_no_placeholder() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n\
         | 0x8024xxxx | | Other errors from the Windows Update Agent. |\n\
         | 0x80240003 | WU_E_UNKNOWN_ID | An ID cannot be found. |\n",
    );
    assert_eq!(records(&project).len(), 2);
    assert_eq!(rules_found(&project), ["code-range"]);
}

/// Codes written as assemblers write hex (`80070005h`) are codes without
/// their `0x`, reported with the digits as their safe fix, and one that
/// lost a digit (`8000401h`) is checked; a `u` suffix is a C literal's, as
/// `L` and `UL` are.
#[test]
fn codes_with_an_h_or_a_u_suffix_are_read() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 80070005h | E_ACCESSDENIED | Access is denied. |\n\
         | 8000401h | E_NOTIMPL | Not implemented. |\n\
         | 8007000Eh | E_OUTOFMEMORY | Not enough memory. |\n\
         | 0x80070057u | E_INVALIDARG | One or more arguments are invalid. |\n",
    );
    no_unresolved(&project);
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(
        codes,
        ["0x80004001", "0x80070005", "0x8007000E", "0x80070057"]
    );
    let found = findings_of(&project, "hex-malformed");
    let lines: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [5, 6, 7], "{found:?}");
    assert!(
        found[0].1.starts_with(
            "code `80070005h` ends with an assembler's `h` instead of starting with `0x`"
        ),
        "{}",
        found[0].1
    );
    assert!(
        found[1].1.starts_with("code `8000401h` has 7 hex digits"),
        "{}",
        found[1].1
    );
    let evaluated = project.evaluate();
    let fix = evaluated
        .findings
        .iter()
        .find(|f| f.location.line == 5)
        .and_then(|f| f.fix.as_ref())
        .expect("a fix");
    assert_eq!(
        (fix.from.as_str(), fix.to.as_str()),
        ("80070005h", "0x80070005")
    );
    assert_eq!(fix.applicability, errdocs::diagnostic::Applicability::Safe);
}

/// A cell of codes beside a cell of as many names, written apart alike,
/// pairs them in order; names that cannot be paired are reported, not
/// joined into one name without a word.
#[test]
fn names_listed_beside_codes_are_paired_in_order() {
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80070005<br>0x80004005 | E_ACCESSDENIED<br>E_FAIL | Access problem or unspecified failure. |\n\
         | 0x80070057 | E_INVALIDARG | One or more arguments are invalid. |\n",
    );
    reads_only(
        &project,
        &[
            record(
                "0x80004005",
                "E_FAIL",
                "Access problem or unspecified failure.",
            ),
            record(
                "0x80070005",
                "E_ACCESSDENIED",
                "Access problem or unspecified failure.",
            ),
            record(
                "0x80070057",
                "E_INVALIDARG",
                "One or more arguments are invalid.",
            ),
        ],
    );
    // Each name is found where it is written.
    let cells = &project.dataset.records[0].sources[0].cells;
    assert_eq!(cells.name.map(|p| (p.line, p.column)), Some((5, 48)));

    // Three names for two codes, and names parted otherwise than the codes;
    // also under a header whose column is read for its leading names.
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80070005<br>0x80004005 | E_ACCESSDENIED<br>E_FAIL<br>E_ABORT | Three names. |\n\
         | 0x8007000E<br>0x80004002 | E_OUTOFMEMORY, E_NOINTERFACE | Parted otherwise. |\n",
    );
    let found = findings_of(&project, "names-unpaired");
    let lines: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [5, 6], "{found:?}");
    // Names that belong to several codes, none known, are no code's
    // aliases.
    assert!(
        project.dataset.records.iter().all(|r| r.aliases.is_empty()),
        "{:?}",
        project.dataset.records
    );
    assert!(
        found[0].1.starts_with(
            "the name cell lists 3 names (`E_ACCESSDENIED`, `E_FAIL`, `E_ABORT`) for the row's 2 codes"
        ),
        "{}",
        found[0].1
    );
    assert!(
        found[1]
            .1
            .contains("but separates them otherwise than the codes"),
        "{}",
        found[1].1
    );
}

/// A row that gives its one code several names, in a name cell (parted by
/// commas, `<br>`, ` / ` or ` or `) or beside the code in its cell, keeps
/// the first as the record's name and the others as its aliases: none is
/// joined to another nor dropped, whether the name column is mostly single
/// names, all lists under a `Name` header, or the code column itself.
#[test]
fn several_names_of_one_code_are_kept_as_aliases() {
    let names_and_aliases = |project: &Project| -> Vec<(String, String, Vec<String>)> {
        project
            .dataset
            .records
            .iter()
            .map(|r| {
                (
                    r.code.to_string(),
                    r.name.clone(),
                    r.aliases.iter().map(|a| a.to_string()).collect(),
                )
            })
            .collect()
    };
    let expect = |code: &str, name: &str, aliases: &[&str]| {
        (
            code.to_string(),
            name.to_string(),
            aliases.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        )
    };
    let expected = vec![
        expect("0x80004001", "E_NOTIMPL", &[]),
        expect("0x80004002", "E_NOINTERFACE", &["E_NOINTERFACE_ALT"]),
        expect("0x80004005", "E_FAIL", &[]),
        expect("0x80070005", "E_ACCESSDENIED", &["ERROR_ACCESS_DENIED"]),
        expect("0x8007000E", "E_OUTOFMEMORY", &["ERROR_OUTOFMEMORY"]),
        expect(
            "0x80070057",
            "E_INVALIDARG",
            &["ERROR_INVALID_PARAMETER", "MY_E_INVALIDARG"],
        ),
    ];
    // Most names alone: the column is read as names.
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80004001 | E_NOTIMPL | Not implemented. |\n\
         | 0x80004002 | E_NOINTERFACE<br>E_NOINTERFACE_ALT | No such interface. |\n\
         | 0x80004005 | E_FAIL | Unspecified failure. |\n\
         | 0x80070005 | E_ACCESSDENIED, ERROR_ACCESS_DENIED | Access denied. |\n\
         | 0x8007000E | E_OUTOFMEMORY / ERROR_OUTOFMEMORY | Out of memory. |\n\
         | 0x80070057 | `E_INVALIDARG` or `ERROR_INVALID_PARAMETER`, MY_E_INVALIDARG | Invalid argument. |\n",
    );
    no_unresolved(&project);
    assert_eq!(names_and_aliases(&project), expected);
    // Each name is found where it is written.
    let access = &project.dataset.records[3];
    assert_eq!(
        access.sources[0].cells.name.map(|p| (p.line, p.column)),
        Some((8, 16))
    );
    // The alias is no finding, and the name is checked as the name.
    assert_eq!(rules_found(&project), Vec::<String>::new());
    // An alias the reference gives another code is one
    // (ERROR_BAD_ARGUMENTS is the Win32 error 160, not 87).
    let project = load(
        "| Code | Name | Description |\n|---|---|---|\n\
         | 0x80070057 | E_INVALIDARG, ERROR_BAD_ARGUMENTS | Invalid argument. |\n",
    );
    assert_eq!(rules_found(&project), ["reference-value-mismatch"]);

    // Every name cell a list, under a header that names them.
    let project = load(
        "# Errors\n\n\
         | Code | Name | Description |\n\
         |---|---|---|\n\
         | 0x80070005 | E_ACCESSDENIED, ERROR_ACCESS_DENIED | Access denied. |\n\
         | 0x8007000E | E_OUTOFMEMORY / ERROR_OUTOFMEMORY | Out of memory. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        names_and_aliases(&project),
        vec![expected[3].clone(), expected[4].clone()]
    );

    // The names beside the code, in its cell.
    let project = load(
        "# Errors\n\n\
         | Code | Description |\n\
         |---|---|\n\
         | 0x80004001 (E_NOTIMPL) | Not implemented. |\n\
         | 0x80070005 (E_ACCESSDENIED, ERROR_ACCESS_DENIED) | Access denied. |\n\
         | E_OUTOFMEMORY / ERROR_OUTOFMEMORY 0x8007000E | Out of memory. |\n\
         | 0x80004005 (E_FAIL) | Unspecified failure. |\n",
    );
    no_unresolved(&project);
    assert_eq!(
        names_and_aliases(&project),
        vec![
            expected[0].clone(),
            expected[2].clone(),
            expected[3].clone(),
            expected[4].clone(),
        ]
    );
    assert_eq!(rules_found(&project), Vec::<String>::new());
}

/// A decimal column written with Arabic-Indic or Persian digits, in
/// groups split by Arabic's thousands separator U+066C (or its decimal
/// separator U+066B, as `.` splits them in de), is a decimal column: its
/// numbers are read, checked against the codes, and a wrong one fixed in
/// the cell's own digits, minus sign and separator.
#[test]
fn decimals_in_arabic_digits_and_separators_are_read() {
    let dir = common::project_with(&[
        (
            "sources/doc/en-us.md",
            "# Errors\n\n| Code | Decimal | Name | Description |\n|---|---|---|---|\n\
             | 0x80070005 | -2,147,024,891 | E_ACCESSDENIED | Access denied. |\n\
             | 0x80070057 | -2,147,024,809 | E_INVALIDARG | Invalid argument. |\n\
             | 0x8007000E | -2,147,024,882 | E_OUTOFMEMORY | Out of memory. |\n"
                .as_bytes(),
        ),
        (
            "sources/doc/ar-sa.md",
            "# الأخطاء\n\n| الرمز | عشري | الاسم | الوصف |\n|---|---|---|---|\n\
             | 0x80070005 | -٢٬١٤٧٬٠٢٤٬٨٩١ | E_ACCESSDENIED | تم رفض الوصول. |\n\
             | 0x80070057 | \u{2212}۲٬۱۴۷٬۰۲۴٬۸۰۹ | E_INVALIDARG | وسيطة غير صالحة. |\n\
             | 0x8007000E | -٢٫١٤٧٫٠٢٤٫٨٨٣ | E_OUTOFMEMORY | نفاد الذاكرة. |\n"
                .as_bytes(),
        ),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    let roles: Vec<&str> = project.dataset.documents[0]
        .files
        .iter()
        .find(|f| f.locale == "ar-SA")
        .expect("the Arabic file")
        .tables[0]
        .columns
        .iter()
        .map(|c| c.role.as_str())
        .collect();
    assert_eq!(roles, ["code", "decimal", "name", "description"]);
    // Only the one wrong number, its fix in the cell's own forms.
    let evaluated = project.evaluate();
    let found: Vec<(String, usize, String, String)> = evaluated
        .findings
        .iter()
        .map(|f| {
            let fix = f.fix.as_ref().expect("a fix");
            (
                f.rule.to_string(),
                f.location.line,
                fix.from.clone(),
                fix.to.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "decimal-mismatch".to_string(),
            7,
            "-٢٫١٤٧٫٠٢٤٫٨٨٣".to_string(),
            "-٢٫١٤٧٫٠٢٤٫٨٨٢".to_string()
        )]
    );
}

/// Each finding of a project as (file, line, column, rule).
fn placed_findings(project: &Project) -> Vec<(String, usize, usize, String)> {
    project
        .evaluate()
        .findings
        .iter()
        .map(|f| {
            (
                f.location.file.to_string(),
                f.location.line,
                f.location.column,
                f.rule.to_string(),
            )
        })
        .collect()
}

/// Microsoft's machine-translated pages write each sentence twice: the
/// translation, then the English source in a `sxs-lookup` span the site
/// hides. Read as text, both copies were glued together
/// (`0x802400130x80240003`) and the page's table was no table of codes.
const SOURCE_OF_TRANSLATED: &str = "# Errors\n\n| Error code | Name | Description |\n|---|---|---|\n\
    | 0x80240001 | WU_E_NO_SERVICE | The agent was unable to provide the service. |\n\
    | 0x80240003 | WU_E_UNKNOWN_ID | An ID can't be found. |\n";

/// `text` as Microsoft's machine translation writes it: the translation,
/// then the source hidden.
fn side_by_side(translated: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"a1\">{translated}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1\">{source}</span></span>"
    )
}

#[test]
fn the_hidden_source_copy_of_a_machine_translated_pipe_table_is_not_its_text() {
    let row = |code: &str, hidden_code: &str, name: &str, text: &str, source: &str| {
        format!(
            "| {} | {} | {} |\n",
            side_by_side(code, hidden_code),
            side_by_side(name, name),
            side_by_side(text, source)
        )
    };
    let translation = format!(
        "# {}\n\n| {} | Name | {} |\n|---|---|---|\n{}{}",
        side_by_side("Fehler", "Errors"),
        side_by_side("Fehlercode", "Error code"),
        side_by_side("Beschreibung", "Description"),
        row(
            "0x80240001",
            "0x80240001",
            "WU_E_NO_SERVICE",
            "Der Agent konnte den Dienst nicht bereitstellen.",
            "The agent was unable to provide the service."
        ),
        // The translation changed the code; its hidden copy did not.
        row(
            "0x80240013",
            "0x80240003",
            "WU_E_UNKNOWN_ID",
            "Eine ID wurde nicht gefunden.",
            "An ID can't be found."
        ),
    );
    let dir = project_with(&[
        ("sources/doc/en-us.md", SOURCE_OF_TRANSLATED.as_bytes()),
        ("sources/doc/de-de.md", translation.as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    assert_eq!(
        placed_findings(&project),
        [(
            "sources/doc/de-de.md".to_string(),
            6,
            2,
            "translation-key-mismatch".to_string()
        )]
    );
    let german: Vec<String> = project
        .dataset
        .records
        .iter()
        .filter_map(|r| r.descriptions.get("de-DE").map(|d| d.to_string()))
        .collect();
    // Matched to their source rows by name; the hidden English is in none.
    assert_eq!(
        german,
        [
            "Der Agent konnte den Dienst nicht bereitstellen.",
            "Eine ID wurde nicht gefunden."
        ]
    );
}

#[test]
fn the_hidden_source_copy_in_an_html_table_is_not_its_text() {
    let row = |code: &str, hidden_code: &str, name: &str, text: &str| {
        format!(
            "<tr><td>{}</td><td>{name}</td><td>{}</td></tr>\n",
            side_by_side(code, hidden_code),
            side_by_side(text, "The source.")
        )
    };
    let translation = format!(
        "# Fehler\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Beschreibung</th></tr>\n{}{}</table>\n",
        row(
            "0x80240001",
            "0x80240001",
            "WU_E_NO_SERVICE",
            "Der Agent konnte den Dienst nicht bereitstellen."
        ),
        row(
            "0x80240013",
            "0x80240003",
            "WU_E_UNKNOWN_ID",
            "Eine ID wurde nicht gefunden."
        ),
    );
    let dir = project_with(&[
        ("sources/doc/en-us.md", SOURCE_OF_TRANSLATED.as_bytes()),
        ("sources/doc/de-de.md", translation.as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    let found: Vec<(String, usize, String)> = placed_findings(&project)
        .into_iter()
        .map(|(file, line, _, rule)| (file, line, rule))
        .collect();
    assert_eq!(
        found,
        [(
            "sources/doc/de-de.md".to_string(),
            6,
            "translation-key-mismatch".to_string()
        )]
    );
}

/// Machine translation also translates the words of a name it does not
/// know for one: `DXGI\_ERROR\_ACCESS\_DENIED` came out as `DXGI \_
/// Ошибка \_ \_ отказа в доступе`, beside the code in the same cell, so the
/// cell read as prose and none of the table's codes was read. The hidden
/// source copy states the name and the code as written; it stands for a
/// cell whose translation broke them, while descriptions stay translated.
#[test]
fn a_name_the_translation_broke_is_read_from_the_hidden_source_copy() {
    let row = |translated: &str, name: &str, code: &str, text: &str, source: &str| {
        format!(
            "| <dl> {} </dl> | {}<br/> |\n",
            side_by_side(
                &format!("<dt>**{translated}**</dt> <dt>{code}</dt>"),
                &format!("<dt>**{name}**</dt> <dt>{code}</dt>")
            ),
            side_by_side(text, source)
        )
    };
    let page = format!(
        "# DXGI\n\n| {} | {} |\n|:---|:---|\n{}{}",
        side_by_side("Константа/значение", "Constant/value"),
        side_by_side("Описание", "Description"),
        row(
            r"DXGI \_ Ошибка \_ \_ отказа в доступе",
            r"DXGI\_ERROR\_ACCESS\_DENIED",
            "0x887A002B",
            "Вы попытались использовать ресурс.",
            "You tried to use a resource."
        ),
        row(
            r"DXGI \_ Ошибка \_ уже \_ существует",
            r"DXGI\_ERROR\_ALREADY\_EXISTS",
            "0x887A0036L",
            "Нужный элемент уже существует.",
            "The desired element already exists."
        ),
    );
    let project = load(&page);
    reads_only(
        &project,
        &[
            record(
                "0x887A002B",
                "DXGI_ERROR_ACCESS_DENIED",
                "Вы попытались использовать ресурс.",
            ),
            record(
                "0x887A0036",
                "DXGI_ERROR_ALREADY_EXISTS",
                "Нужный элемент уже существует.",
            ),
        ],
    );
}

/// Configuration Manager's enrollment errors: codes in unsigned decimal,
/// most alone, some with the hex and a name after a `<br>`, under a
/// header ("Error") that names no code column. Numbers that large are no
/// counts or versions: the table is one of codes, and the rows that name
/// their code keep the name.
#[test]
fn hresults_written_in_unsigned_decimal_are_codes_and_keep_their_names() {
    let project = load(
        "# Enrollment errors\n\n| Error | Description |\n|---------|---------|\n\
         | 2147549183 (0x8000FFFF) | MDM enrollment hasn't been configured yet. |\n\
         | 2149056536 (0x80180018)<br>MENROLL_E_USERLICENSE | License of user is in bad state. |\n\
         | 2149056532 (0x80180014)<br>MENROLL_E_DEVICENOTSUPPORTED | Mobile device management isn't supported. |\n\
         | 2149056554 (0x8018002A)<br>&nbsp; | The user canceled the operation. |\n\
         | 3400073293 | ADAL user realm account response is unknown. |\n\
         | 3399548929 | User sign-in is required. |\n\
         | 2149122477 | Generic HTTP problem. |\n",
    );
    reads_only(
        &project,
        &[
            record(
                "0x8000FFFF",
                "",
                "MDM enrollment hasn't been configured yet.",
            ),
            record(
                "0x80180014",
                "MENROLL_E_DEVICENOTSUPPORTED",
                "Mobile device management isn't supported.",
            ),
            record(
                "0x80180018",
                "MENROLL_E_USERLICENSE",
                "License of user is in bad state.",
            ),
            record("0x8018002A", "", "The user canceled the operation."),
            record("0x801901AD", "", "Generic HTTP problem."),
            record("0xCAA10001", "", "User sign-in is required."),
            record(
                "0xCAA9004D",
                "",
                "ADAL user realm account response is unknown.",
            ),
        ],
    );
}

/// A column of small numbers beside text (counts, steps) is still no
/// table of codes.
#[test]
fn small_numbers_beside_text_are_no_codes() {
    let project = load(
        "# Steps\n\n| Step | What to do |\n|---|---|\n\
         | 1 | Open the console. |\n| 2 | Select the node. |\n| 3 | Save. |\n",
    );
    assert!(records(&project).is_empty());
}

/// A machine-translated SDK list (`<dl>` of a name, then a nested `<dl>`
/// of the code and the description) whose names the translation turned
/// into words (`**FWP\_E\_IN\_USE**` became `**Verwendung von "f" ( \_ E)
/// \_ \_**`): the `<span id>` anchor before each still names the
/// constant, and stands for a term that states no name or code.
#[test]
fn a_translated_term_is_named_by_the_anchor_before_it() {
    let entry = |name: &str, translated: &str, code: &str, text: &str| {
        format!(
            "<dt>\n\n<span id=\"{name}\"></span><span id=\"{lower}\"></span>**{translated}**\n</dt> <dd> <dl> <dt>\n\n{code}\n</dt> <dt>\n\n\n\n{text}\n\n\n</dt> </dl> </dd> ",
            lower = name.to_ascii_lowercase()
        )
    };
    let page = format!(
        "# WFP-Fehlercodes\n\nWFP-spezifische Fehlercodes lauten wie folgt.\n\n<dl> {}{}{}</dl>\n",
        entry(
            "FWP_E_CALLOUT_NOT_FOUND",
            r"die f- \_ Ausgabe wurde \_ \_ nicht \_ gefunden.",
            "0x80320001",
            "Die Legende ist nicht vorhanden."
        ),
        entry(
            "FWP_E_IN_USE",
            r#"Verwendung von "f" ( \_ E) \_ \_"#,
            "0x8032000a",
            "Auf das Objekt wird verwiesen."
        ),
        entry(
            "FWP_E_TIMEOUT",
            r"f & # \_ h. \_ Timeout",
            "0x80320012",
            "Ein Timeout ist aufgetreten."
        ),
    );
    let project = load(&page);
    no_unresolved(&project);
    let read: Vec<(String, String, String)> = records(&project);
    assert_eq!(
        read,
        [
            record(
                "0x80320001",
                "FWP_E_CALLOUT_NOT_FOUND",
                "Die Legende ist nicht vorhanden."
            ),
            record(
                "0x8032000A",
                "FWP_E_IN_USE",
                "Auf das Objekt wird verwiesen."
            ),
            record(
                "0x80320012",
                "FWP_E_TIMEOUT",
                "Ein Timeout ist aufgetreten."
            ),
        ]
    );
}

/// The same list on a page that also writes the hidden English copy
/// after each sentence: the anchor sits inside the translation's span
/// (`<span data-ttu-id="…"><span id="ERROR_CRC"></span>**錯誤 \_ CRC**`).
#[test]
fn a_translated_term_beside_its_hidden_copy_is_named_by_its_anchor() {
    let term = |name: &str, translated: &str| {
        format!(
            "<span data-ttu-id=\"a1\"><span id=\"{name}\"></span>**{translated}**</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1\"><span id=\"{name}\"></span>**{}**</span></span>",
            name.replace('_', r"\_")
        )
    };
    let entry = |name: &str, translated: &str, code: &str, text: &str| {
        format!(
            "<dt>\n\n{}\n</dt> <dd> <dl> <dt>\n\n{}\n</dt> <dt>\n\n\n\n{}\n\n\n</dt> </dl> </dd> ",
            term(name, translated),
            side_by_side(code, code),
            side_by_side(text, "The source.")
        )
    };
    let page = format!(
        "# 系統錯誤碼\n\n<dl> {}{}{}</dl>\n",
        entry(
            "ERROR_SUCCESS",
            r"錯誤 \_ 成功",
            "0 (0x0) ",
            "作業已成功完成。"
        ),
        entry(
            "ERROR_ACCESS_DENIED",
            r"\_拒絕存取 \_ 錯誤",
            "5 (0x5) ",
            "存取遭到拒絕。"
        ),
        entry("ERROR_CRC", r"錯誤 \_ CRC", "23 (0x17) ", "資料錯誤。"),
    );
    let project = load(&page);
    no_unresolved(&project);
    let read: Vec<(String, String)> = records(&project)
        .into_iter()
        .map(|(code, name, _)| (code, name))
        .collect();
    assert_eq!(
        read,
        [
            ("0x00000000".to_string(), "ERROR_SUCCESS".to_string()),
            ("0x00000005".to_string(), "ERROR_ACCESS_DENIED".to_string()),
            ("0x00000017".to_string(), "ERROR_CRC".to_string()),
        ]
    );
}

/// An anchor before prose names nothing: the paragraph stays text.
#[test]
fn an_anchor_before_prose_outside_a_code_list_is_no_entry() {
    let project = load(
        "# Notes\n\n<span id=\"SOME_NOTE\"></span>See the remarks below.\n\n| Code | Name | Description |\n|---|---|---|\n| 0x80070005 | E_ACCESSDENIED | Access is denied. |\n",
    );
    assert_eq!(
        records(&project),
        [record("0x80070005", "E_ACCESSDENIED", "Access is denied.")]
    );
}

/// Direct3D 12's return codes: a column of constants' names under the
/// kind of value they are (`HRESULT`), with no code anywhere. That is a
/// table of names, correct as written, not a code column whose codes
/// went missing: no rows kept unresolved, no finding.
#[test]
fn names_under_a_header_naming_their_kind_are_a_table_without_codes() {
    let project = load(
        "# Direct3D 12 Return Codes\n\n| HRESULT | Description |\n|---|---|\n\
         | D3D12_ERROR_ADAPTER_NOT_FOUND | The cached PSO was created on a different adapter. |\n\
         | D3DERR_INVALIDCALL (replaced with DXGI_ERROR_INVALID_CALL) | The method call is invalid. |\n\
         | E_FAIL | The debug layer is not installed. |\n\
         | S_OK | No error occurred. |\n",
    );
    no_unresolved(&project);
    assert!(records(&project).is_empty());
    assert_eq!(rules_found(&project), Vec::<String>::new());
}

/// The same broken names in an HTML table of a machine-translated page:
/// read as prose, the table held no code and was counted as one without
/// codes, without a word.
#[test]
fn a_name_the_translation_broke_in_an_html_cell_is_read_from_the_hidden_copy() {
    let row = |translated: &str, name: &str, code: &str, text: &str| {
        format!(
            "<tr><td>{}</td><td>{}</td></tr>\n",
            side_by_side(
                &format!("<strong>{translated}</strong> {code}"),
                &format!("<strong>{name}</strong> {code}")
            ),
            side_by_side(text, "The source.")
        )
    };
    let page = format!(
        "# DXGI\n\n<table>\n<tr><th>Constant/value</th><th>Description</th></tr>\n{}{}</table>\n",
        row(
            r"DXGI \_ Ошибка \_ отказа",
            "DXGI_ERROR_ACCESS_DENIED",
            "0x887A002B",
            "Вы попытались."
        ),
        row(
            r"DXGI \_ Ошибка \_ уже",
            "DXGI_ERROR_ALREADY_EXISTS",
            "0x887A0036",
            "Уже существует."
        ),
    );
    let project = load(&page);
    reads_only(
        &project,
        &[
            record("0x887A002B", "DXGI_ERROR_ACCESS_DENIED", "Вы попытались."),
            record("0x887A0036", "DXGI_ERROR_ALREADY_EXISTS", "Уже существует."),
        ],
    );
}

#[test]
fn a_hidden_copy_left_open_hides_nothing_past_its_cell() {
    // The span is never closed: the rest of the row and the rows below
    // are still the page's.
    let project = load(
        "# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
         | 0x80070005 | E_ACCESSDENIED | Access is denied.<span class=\"sxs-lookup\">Zugriff |\n\
         | 0x8007000E | E_OUTOFMEMORY | Not enough memory. |\n",
    );
    no_unresolved(&project);
    let read: Vec<(String, String)> = records(&project)
        .into_iter()
        .map(|(code, name, _)| (code, name))
        .collect();
    assert_eq!(
        read,
        [
            ("0x80070005".to_string(), "E_ACCESSDENIED".to_string()),
            ("0x8007000E".to_string(), "E_OUTOFMEMORY".to_string()),
        ]
    );
}

/// GitHub reads what follows a blank line in a `<td>` as Markdown: a code
/// span and bold text there are markup, not part of the code and name.
#[test]
fn markdown_after_a_blank_line_in_an_html_cell_is_read_as_markdown() {
    let row = |code: &str, name: &str, text: &str| {
        format!(
            "<tr>\n<td>\n\n`{code}`\n\n</td>\n<td>\n\n**{name}**\n\n</td>\n<td>\n\n{text}\n\n</td>\n</tr>\n"
        )
    };
    let project = load(&format!(
        "# Errors\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n{}{}</table>\n",
        row("0x80070005", "E_ACCESSDENIED", "Access is *denied*."),
        row(
            "0x80070057",
            "E_INVALIDARG",
            "One or more arguments are invalid."
        ),
    ));
    reads_only(
        &project,
        &[
            record("0x80070005", "E_ACCESSDENIED", "Access is denied."),
            record(
                "0x80070057",
                "E_INVALIDARG",
                "One or more arguments are invalid.",
            ),
        ],
    );
}

/// MyST's `{list-table}` (Sphinx sites in Markdown): rows as bullets in a
/// fence. A site shows a table; Markdown sees a code block, and its codes
/// were read nowhere and reported by no rule.
const LIST_TABLE: &str = "# Errors\n\n\
    ```{list-table} Common errors\n\
    :header-rows: 1\n\
    :widths: 20 30 50\n\
    \n\
    * - Code\n  - Name\n  - Description\n\
    * - `0x80070005`\n  - E_ACCESSDENIED\n  - Access is denied.\n\
    * - 0x8007057\n  - E_INVALIDARG\n  - One or more arguments\n    are *invalid*.\n\
    ```\n\n\
    ```text\n* - 0x8007000E\n  - E_OUTOFMEMORY\n```\n";

#[test]
fn a_myst_list_table_is_read_as_a_table() {
    let project = load(LIST_TABLE);
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record("0x80070005", "E_ACCESSDENIED", "Access is denied."),
            record(
                "0x80070057",
                "E_INVALIDARG",
                "One or more arguments are invalid."
            ),
        ]
    );
    // The malformed code is found where it is written, and an ordinary
    // code block with the same bullets stays code.
    assert_eq!(
        placed_findings(&project),
        [(
            "sources/doc/en-us.md".to_string(),
            13,
            5,
            "hex-malformed".to_string()
        )]
    );
}

/// Azure File Sync's troubleshooting pages describe several codes in one
/// two-column table, each by the same labels, a blank row between them.
/// Every record is a code: none may be lost because the table as a whole
/// holds more than one.
#[test]
fn vertical_records_repeated_in_one_table_are_each_read() {
    let doc = "# Sync errors\n\n\
**The volume is full.**\n\
| | |\n\
|-|-|\n\
| **HRESULT** | 0x8e5e0211 |\n\
| **HRESULT (decimal)** | -1906441711 |\n\
| **Error string** | JET_errLogDiskFull |\n\
| **Remediation required** | Yes |\n\
| | |\n\
| **HRESULT** | 0x80c8031a |\n\
| **HRESULT (decimal)** | -2134375654 |\n\
| **Error string** | ECS_E_NOT_ENOUGH_LOCAL_STORAGE |\n\
| **Remediation required** | Yes |\n";
    let project = load(doc);
    reads_only(
        &project,
        &[
            record("0x80C8031A", "ECS_E_NOT_ENOUGH_LOCAL_STORAGE", ""),
            record("0x8E5E0211", "JET_errLogDiskFull", ""),
        ],
    );
    // The same records with no blank row between them: the label that
    // comes again starts the next record.
    let joined = doc.replace(
        "| | |\n| **HRESULT** | 0x80c8031a",
        "| **HRESULT** | 0x80c8031a",
    );
    assert_ne!(joined, doc);
    let project = load(&joined);
    assert_eq!(records(&project).len(), 2);
    no_unresolved(&project);
}

/// A record of such a table whose decimal is not its code's is reported,
/// its label read in Traditional Chinese (`十進位`).
#[test]
fn a_wrong_decimal_in_a_repeated_vertical_record_is_reported() {
    let doc = "# 常見同步錯誤\n\n\
| | |\n\
|-|-|\n\
| **HRESULT** | 0x80c8023b |\n\
| **HRESULT (十進位)** | -2134364145 |\n\
| **錯誤字串** | ECS_E_SYNC_METADATA_KNOWLEDGE_SOFT_LIMIT_REACHED |\n\
| **需要補救** | 是 |\n\
| | |\n\
| **HRESULT** | 0x80c8021c |\n\
| **HRESULT (十進位)** | -2134375908 |\n\
| **錯誤字串** | ECS_E_SYNC_METADATA_KNOWLEGE_LIMIT_REACHED |\n\
| **需要補救** | 是 |\n";
    let project = load(doc);
    assert_eq!(records(&project).len(), 2);
    let wrong = findings_of(&project, "decimal-mismatch");
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert_eq!(wrong[0].0, 6);
}

/// A yes or a no answers its label; it is no description, or every code
/// of the page would share one.
#[test]
fn a_yes_or_no_in_a_vertical_table_is_not_its_description() {
    let doc = "# Sync errors\n\n\
| | |\n\
|-|-|\n\
| **HRESULT** | 0x80c8004c |\n\
| **Error string** | ECS_E_USER_REQUEST_THROTTLED |\n\
| **Remediation required** | No |\n\n\
Text.\n\n\
| | |\n\
|-|-|\n\
| **HRESULT** | 0x80c8020e |\n\
| **Error string** | ECS_E_SYNC_METADATA_WRITE_LEASE_LOST |\n\
| **Remediation required** | No |\n";
    let project = load(doc);
    reads_only(
        &project,
        &[
            record("0x80C8004C", "ECS_E_USER_REQUEST_THROTTLED", ""),
            record("0x80C8020E", "ECS_E_SYNC_METADATA_WRITE_LEASE_LOST", ""),
        ],
    );
}

/// Chinese and Japanese write a description without spaces and in few
/// characters: two ideographs say what went wrong (`失敗`, `無効`), where
/// a yes or a no is one ideograph or a kana word (`否`, `はい`).
#[test]
fn a_short_cjk_text_in_a_vertical_table_is_its_description() {
    let table = |value: &str| {
        format!(
            "# エラー\n\n\
| | |\n\
|-|-|\n\
| **HRESULT** | 0x80070005 |\n\
| **Error string** | E_ACCESSDENIED |\n\
| **結果** | {value} |\n"
        )
    };
    for description in ["失敗", "無効", "无效", "拒绝访问"] {
        let project = load(&table(description));
        reads_only(
            &project,
            &[record("0x80070005", "E_ACCESSDENIED", description)],
        );
    }
    for answer in ["否", "是", "はい", "いいえ"] {
        let project = load(&table(answer));
        reads_only(&project, &[record("0x80070005", "E_ACCESSDENIED", "")]);
    }
}

/// Of two text columns, the one whose header names the meaning is the
/// description, though the one that says what to do has more text.
#[test]
fn a_meaning_column_beats_a_longer_remedy_column() {
    let doc = "# Errores\n\n\
| Código | Significado | Solución |\n\
|---|---|---|\n\
| `0x80070005` | Acceso denegado | Ejecutar la activación en CMD **como administrador** desde una cuenta local |\n\
| `0xC004F074` | No se pudo contactar con el servidor KMS | Comprobar la conexión de red y la resolución DNS del servidor KMS antes de volver a intentarlo |\n";
    let project = load(doc);
    let read: Vec<(String, String)> = project
        .dataset
        .records
        .iter()
        .map(|r| {
            (
                r.code.to_string(),
                r.descriptions
                    .values()
                    .next()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("0x80070005".to_string(), "Acceso denegado".to_string()),
            (
                "0xC004F074".to_string(),
                "No se pudo contactar con el servidor KMS".to_string()
            ),
        ]
    );
}

#[test]
fn a_table_whose_cells_list_codes_among_words_is_reported_not_passed_over() {
    // Machine-translated reference pages may translate a name into words
    // and give its code in the same cell: no column reads as codes, and
    // the table was passed over as one of other things, its codes missing
    // without a word.
    let page = "# Codici di errore\n\n\
        | Nome/valore | Significato |\n\
        |---|---|\n\
        | <dl> <dt>S \\_ ok</dt> <dt>0</dt> </dl> | Completata. |\n\
        | <dl> <dt>E \\_ puntatore</dt> <dt>0x80004003</dt> </dl> | Il parametro è NULL. |\n\
        | <dl> <dt>DISP E ECCEZIONE</dt> <dt>0x80020009</dt> </dl> | Errore imprevisto. |\n\
        | <dl> <dt>ERRORE \\_ file non trovato</dt> <dt>0x80070002</dt> </dl> | File non trovato. |\n";
    let project = load(page);
    assert_eq!(records(&project), Vec::new());
    assert_eq!(project.dataset.unresolved.len(), 4);
    let found = findings_of(&project, "table-header-unrecognized");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 3);
    assert!(
        found[0].1.starts_with(
            "3 of the table's 4 rows list a code among other words (the first `0x80004003`, at line 6)"
        ),
        "{}",
        found[0].1
    );

    // A table whose sentences mention codes is no table of codes, short
    // ones too.
    let short = "| Symptom | Workaround |\n|---|---|\n\
        | Setup fails with error 0x80070005. | Run setup as an administrator. |\n\
        | Setup fails with error 0x80070002. | Restore the missing file. |\n\
        | Setup fails with error 0x8007000E. | Close other programs. |\n\
        | The installer hangs at 50 percent. | Wait, or restart. |\n";
    let project = load(short);
    assert_eq!(
        findings_of(&project, "table-header-unrecognized"),
        Vec::new()
    );
    assert!(project.dataset.unresolved.is_empty());
    let prose = "| Symptom | What to do |\n|---|---|\n\
        | The update stops and the log shows that the download of the package failed with 0x80070005 | Run it again. |\n\
        | The service cannot start because the disk is full and reports 0x80070070 | Free space. |\n\
        | The installer reports that it ran out of time with the code 0x80072EE2 | Check the proxy. |\n";
    let project = load(prose);
    assert_eq!(
        findings_of(&project, "table-header-unrecognized"),
        Vec::new()
    );
    assert!(project.dataset.unresolved.is_empty());
}

#[test]
fn names_split_by_spaced_underscores_are_read_joined() {
    // Machine translation writes `E_POINTER` as `E \_ POINTER` (and
    // translates the words): read as the name it splits, which the
    // reference then judges.
    let page = "| Nome/valore | Significato |\n\
        |---|---|\n\
        | <dl> <dt>E \\_ Puntatore</dt> <dt>0x80004003</dt> </dl> | Il parametro è NULL. |\n\
        | <dl> <dt>DISP \\_ E \\_ ECCEZIONE</dt> <dt>0x80020009</dt> </dl> | Errore imprevisto. |\n\
        | <dl> <dt>E \\_ ACCESSDENIED</dt> <dt>0x80070005</dt> </dl> | Accesso negato. |\n";
    let project = load(page);
    let names: Vec<(String, String)> = records(&project)
        .into_iter()
        .map(|(code, name, _)| (code, name))
        .collect();
    assert_eq!(
        names,
        [
            ("0x80004003".to_string(), "E_Puntatore".to_string()),
            ("0x80020009".to_string(), "DISP_E_ECCEZIONE".to_string()),
            ("0x80070005".to_string(), "E_ACCESSDENIED".to_string()),
        ]
    );
    let unknown = findings_of(&project, "reference-name-unknown");
    assert_eq!(unknown.len(), 2, "{unknown:?}");
    assert!(unknown[0].1.contains("`E_POINTER`"), "{}", unknown[0].1);
}

#[test]
fn a_return_value_written_as_a_number_under_its_name_is_its_code() {
    // Win32 reference pages list return values as a name above its value
    // in one cell, `S_OK` above `0` beside `E_POINTER` above `0x80004003`:
    // the number is the code, as the hex beside the other names is.
    let page = "## Return value\n\n\
        | Return code/value | Description |\n\
        |---|---|\n\
        | <dl> <dt>**S_OK**</dt> <dt>0</dt> </dl> | The operation was successful. |\n\
        | <dl> <dt>**S_FALSE**</dt> <dt>1</dt> </dl> | The operation did nothing. |\n\
        | <dl> <dt>**E_POINTER**</dt> <dt>0x80004003</dt> </dl> | The parameter is **NULL**. |\n\
        | <dl> <dt>**DISP_E_EXCEPTION**</dt> <dt>0x80020009</dt> </dl> | An unexpected error has occurred. |\n";
    let project = load(page);
    reads_only(
        &project,
        &[
            record("0x00000000", "S_OK", "The operation was successful."),
            record("0x00000001", "S_FALSE", "The operation did nothing."),
            record("0x80004003", "E_POINTER", "The parameter is NULL."),
            record(
                "0x80020009",
                "DISP_E_EXCEPTION",
                "An unexpected error has occurred.",
            ),
        ],
    );
}

#[test]
fn success_codes_written_as_one_digit_leave_a_column_of_hex_codes_hex() {
    // A method's S_OK and S_FALSE are 0 and 1 beside its E_ codes in hex:
    // two digits against one hex code made the column one of decimals,
    // and the correct 0x80070057 "not a number".
    let page = "## Return value\n\n\
        | Return code | Value | Description |\n\
        |---|---|---|\n\
        | S_OK | 0 | The method succeeded. |\n\
        | S_FALSE | 1 | There was nothing to do. |\n\
        | E_INVALIDARG | 0x80070057 | An argument is not valid. |\n";
    reads_only(
        &load(page),
        &[
            record("0x00000000", "S_OK", "The method succeeded."),
            record("0x00000001", "S_FALSE", "There was nothing to do."),
            record("0x80070057", "E_INVALIDARG", "An argument is not valid."),
        ],
    );
}

#[test]
fn a_code_written_in_three_forms_in_one_cell_is_read() {
    // ADO's ErrorValueEnum writes each error as its low word (the number
    // Visual Basic shows), its signed value and its hex in one cell;
    // machine translation loses the space before the minus sign. The
    // cells read as prose, and the table as one without codes.
    let page = "# ErrorValueEnum\n\n\
        |Constant|Value|Description|\n\
        |--------------|-----------|-----------------|\n\
        |**adErrBoundToCommand**|3707 -2146824581 0x800A0E7B|Cannot change the property.|\n\
        |**adErrCannotComplete**|3732-2146824556 0x800A0E94|Server cannot complete the operation.|\n\
        |**adErrCantChangeProvider**|3220 -2146825067 0X800A0C94|Supplied provider differs.|\n";
    let project = load(page);
    no_unresolved(&project);
    let codes: Vec<(String, Option<String>)> = project
        .dataset
        .records
        .iter()
        .map(|r| (r.code.to_string(), r.documented_decimal.clone()))
        .collect();
    assert_eq!(
        codes,
        [
            ("0x800A0C94".to_string(), Some("-2146825067".to_string())),
            ("0x800A0E7B".to_string(), Some("-2146824581".to_string())),
            ("0x800A0E94".to_string(), Some("-2146824556".to_string())),
        ]
    );
    // The signed value that disagrees with its hex is reported.
    let wrong = findings_of(&project, "decimal-mismatch");
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert_eq!(wrong[0].0, 7);
}

#[test]
fn a_code_lists_decimals_that_all_lost_their_sign_are_reported_not_dropped() {
    // Every entry writes its decimal without the minus sign: beside hex
    // codes, a column of numbers none of which is a form of its code
    // looked like no decimal column, and the decimals left the dataset
    // unreported (a table with a header naming them was reported).
    let page = "## Network errors\n\n\
        - **WININET_E_TIMEOUT** (0x80072ee2/2147012894)\n   \
          - Reason: generic network timeout.\n\
        - **WININET_E_NAME_NOT_RESOLVED** (0x80072ee7/2147012889)\n   \
          - Reason: the server name could not be resolved.\n\
        - **WININET_E_CONNECTION_ABORTED** (0x80072efe/2147012866)\n   \
          - Reason: the connection was aborted.\n";
    let project = load(page);
    no_unresolved(&project);
    let decimals: Vec<Option<String>> = project
        .dataset
        .records
        .iter()
        .map(|r| r.documented_decimal.clone())
        .collect();
    assert_eq!(
        decimals,
        [
            Some("2147012894".to_string()),
            Some("2147012889".to_string()),
            Some("2147012866".to_string()),
        ]
    );
    assert_eq!(rules_found(&project), ["decimal-systematic"]);
}

#[test]
fn sections_of_one_or_two_listed_codes_are_read_on_a_page_that_lists_codes() {
    // Troubleshooting pages list codes by section, a heading above each
    // list: the sections of one or two codes were too short to be lists,
    // and their codes left out of the dataset, though the page lists its
    // other codes the same way.
    let page = "# Troubleshooting\n\n\
        ## Network errors\n\n\
        - **WININET_E_CANNOT_CONNECT** (0x80072EFD/-2147012867)\n   \
          - Reason: connection with the server could not be established.\n\
        - **WININET_E_TIMEOUT** (0x80072EE2/-2147012894)\n   \
          - Reason: general network timeout.\n\
        - **WININET_E_DECODING_FAILED** (0x80072F8F/-2147012721)\n   \
          - Reason: network stack was unable to decode the response.\n\n\
        ## HTTP errors\n\n\
        - **DSREG_SERVER_BUSY** (0x801C0025/-2145648603)\n   \
          - Reason: HTTP 503 from the DRS server.\n\n\
        ## Other errors\n\n\
        - **E_INVALIDDATA** (0x8007000D/-2147024883)\n   \
          - Reason: the server response JSON couldn't be parsed.\n";
    let project = load(page);
    no_unresolved(&project);
    let codes: Vec<String> = records(&project).into_iter().map(|r| r.0).collect();
    assert_eq!(
        codes,
        [
            "0x8007000D",
            "0x80072EE2",
            "0x80072EFD",
            "0x80072F8F",
            "0x801C0025"
        ]
    );
    assert_eq!(rules_found(&project), Vec::<String>::new());

    // Alone on a page, one such item is still prose that names a code.
    let prose = "# Notes\n\n- **E_INVALIDDATA** (0x8007000D) means the reply was not JSON.\n";
    assert!(records(&load(prose)).is_empty());
}

/// Installers and services document their exit codes, and APIs their
/// return values, as decimal numbers under "Exit code" or "Return code"
/// (in each language): those are codes (Win32 errors). Before, such a table
/// was one without codes, its rows in no record and said nowhere; a table
/// of decimals under another header (event IDs) still is.
#[test]
fn decimals_under_an_exit_code_header_are_codes_in_every_language() {
    let source = "# Exit codes\n\n| Exit code | Description |\n|---|---|\n\
                  | 7147 | The service did not start. |\n\
                  | 1603 | A fatal error occurred during installation. |\n";
    let translation = "# 종료 코드\n\n| 종료 코드 | 설명 |\n|---|---|\n\
                       | 7147 | 서비스가 시작되지 않았습니다. |\n\
                       | 1603 | 설치하는 동안 오류가 발생했습니다. |\n";
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/ko-kr.md", translation.as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record(
                "0x00000643",
                "",
                "A fatal error occurred during installation."
            ),
            record("0x00001BEB", "", "The service did not start."),
        ]
    );
    // Each record has its Korean description: the translation's table is
    // read as the source's.
    assert!(
        project
            .dataset
            .records
            .iter()
            .all(|r| r.descriptions.get("ko-KR").is_some()),
        "{:?}",
        project.dataset.records
    );
    for header in ["Return code", "Exit status", "Rückgabecode", "終了コード"] {
        let page = format!(
            "# Codes\n\n| {header} | Description |\n|---|---|\n| 1603 | Fatal error. |\n| 3010 | Restart required. |\n"
        );
        let project = load(&page);
        assert_eq!(project.dataset.records.len(), 2, "{header}");
    }
    let events = load(
        "# Events\n\n| Event ID | Description |\n|---|---|\n| 7147 | The service did not start. |\n| 1603 | Installation failed. |\n",
    );
    assert!(events.dataset.records.is_empty());
    // An API's return values are its own small numbers, not codes: two
    // tables of them on one page are no duplicate codes.
    let api = load(
        "# GetThing\n\n## Return value\n\n| Return value | Description |\n|---|---|\n| 0 | Succeeded. |\n| 1 | The buffer is too small. |\n\n\
         | Return value | Description |\n|---|---|\n| 0 | The handle was closed. |\n| 2 | The handle is not valid. |\n",
    );
    assert!(api.dataset.records.is_empty());
    assert!(!rules_found(&api).contains(&"duplicate-code".to_string()));
}

/// Exception codes made of a Win32 error in another facility are written
/// with the facility's name before the error's
/// (`FACILITY_VISUALCPP/ERROR_MOD_NOT_FOUND`): the facility names the
/// code's bits, not the code, so the record's name is the error's. Before,
/// every row was named `FACILITY_VISUALCPP`, and `duplicate-name` said so.
#[test]
fn a_facility_named_beside_the_name_is_not_the_name() {
    let project = load(
        "# Delay-load exceptions\n\n| Exception code | Name | Description |\n|---|---|---|\n\
         | 0xC06D007E | FACILITY_VISUALCPP/ERROR_MOD_NOT_FOUND | The module was not found. |\n\
         | 0xC06D007F | FACILITY_VISUALCPP/ERROR_PROC_NOT_FOUND | The procedure was not found. |\n\
         | 0x80070005 | E_ACCESSDENIED, ERROR_ACCESS_DENIED | Access is denied. |\n",
    );
    no_unresolved(&project);
    let names: Vec<(String, String, Vec<String>)> = project
        .dataset
        .records
        .iter()
        .map(|r| {
            (
                r.code.to_string(),
                r.name.clone(),
                r.aliases.iter().map(|a| a.to_string()).collect(),
            )
        })
        .collect();
    let named = |code: &str, name: &str, aliases: &[&str]| {
        (
            code.to_string(),
            name.to_string(),
            aliases.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        names,
        [
            named("0x80070005", "E_ACCESSDENIED", &["ERROR_ACCESS_DENIED"]),
            named("0xC06D007E", "ERROR_MOD_NOT_FOUND", &[]),
            named("0xC06D007F", "ERROR_PROC_NOT_FOUND", &[]),
        ]
    );
    assert!(!rules_found(&project).contains(&"duplicate-name".to_string()));
}

#[test]
fn exit_codes_in_decimal_under_an_exit_code_header_are_codes() {
    // Installers and package managers list their exit codes in decimal,
    // without symbolic names, under "Exit Code" or "Return Code" (bold or
    // not), often beside a column of scenarios: the table read as no code
    // table, and every row was dropped without a word.
    let page = "## Return codes\n\n\
        | **Scenario** | **Return Code** | **Description** |\n\
        |---|---|---|\n\
        | **Installation successful** | `0` | The installation completed successfully. |\n\
        | **Reboot required** | `3010` | A restart is required to complete the installation. |\n\
        | **Install failure** | `1603` | A general installation error occurred. |\n\n\
        ## Exit codes\n\n\
        | Exit Code | Meaning |\n\
        |-----------|---------|\n\
        | 1 | Invalid configuration file |\n\
        | 17025 | Another installation is in progress |\n";
    reads_only(
        &load(page),
        &[
            record("0x00000000", "", "The installation completed successfully."),
            record("0x00000001", "", "Invalid configuration file"),
            record("0x00000643", "", "A general installation error occurred."),
            record(
                "0x00000BC2",
                "",
                "A restart is required to complete the installation.",
            ),
            record("0x00004281", "", "Another installation is in progress"),
        ],
    );
}

#[test]
fn numbers_under_a_header_that_names_no_codes_stay_no_codes() {
    // The exit-code words name the codes; numbers under other headers
    // (a count, a version) are still no codes.
    let page = "| Step | Minutes | Notes |\n\
        |---|---|---|\n\
        | Download | 5 | Depends on the network. |\n\
        | Install | 12 | Needs a restart. |\n";
    let project = load(page);
    assert!(records(&project).is_empty());
    assert_eq!(rules_found(&project), Vec::<String>::new());
}

#[test]
fn error_hresults_in_decimal_without_their_minus_sign_are_reported() {
    // Configuration Manager pages list push-install errors in decimal,
    // the HRESULTs among Win32 errors, some copied without the minus sign
    // their tools print: 2147023174 is 0x7FF8F946, a value no component
    // returns; -2147023174 is 0x800706BA. The unsigned form of an error
    // (2147749889, 0x80041001) is a code as written, and reads silently.
    let page = "| Error Code | Reason |\n\
        | ---------- | ------ |\n\
        | 5          | Access denied |\n\
        | 2147023174 | The RPC server is unavailable |\n\
        | 2147749889 | Generic WMI failure |\n";
    let project = load(page);
    no_unresolved(&project);
    assert_eq!(
        records(&project),
        [
            record("0x00000005", "", "Access denied"),
            record("0x7FF8F946", "", "The RPC server is unavailable"),
            record("0x80041001", "", "Generic WMI failure"),
        ]
    );
    let lost = findings_of(&project, "decimal-sign-lost");
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].0, 4);
    assert!(
        lost[0].1.contains("-2147023174 is 0x800706BA"),
        "{}",
        lost[0].1
    );
    assert_eq!(rules_found(&project), ["decimal-sign-lost"]);
}

#[test]
fn exit_codes_listed_as_items_under_an_exit_code_heading_are_reported() {
    // Package managers' command pages list exit codes as list items
    // (`- 0: operation was successful`), in decimal and without names:
    // errdocs reads no such list, and said nothing of the codes missing.
    let page = "## Exit Codes\n\n\
        Exit codes that normally result from running this command.\n\n\
        Normal:\n\n\
        - 0: operation was successful, no issues detected\n\
        - -1 or 1: an error has occurred\n\n\
        ## Options\n\n\
        - 2 files are kept\n\
        - 3 more are removed\n";
    let project = load(page);
    assert!(records(&project).is_empty());
    let outside = findings_of(&project, "codes-outside-tables");
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert_eq!(outside[0].0, 7);
    assert!(
        outside[0].1.starts_with("2 codes are listed") && outside[0].1.contains("`0` first"),
        "{}",
        outside[0].1
    );
    // The same numbers in items under a heading that names no codes, or
    // beside a table that holds them, are not reported.
    let page = "## Steps\n\n- 0: start\n- 1: stop\n- 2: wait\n";
    assert_eq!(rules_found(&load(page)), Vec::<String>::new());
    let page = "## Exit codes\n\n\
        | Exit code | Meaning |\n|---|---|\n| 0 | Success |\n| 1603 | Fatal error |\n\n\
        - 0: success\n- 1603: fatal error\n";
    assert_eq!(rules_found(&load(page)), Vec::<String>::new());
}
