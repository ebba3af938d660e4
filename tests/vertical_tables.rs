//! Vertical tables: one code per table, labels in the first column and
//! values in the second, as reference pages describe one code at a time.
//! Each is read as one row, every value at its own line and column, so the
//! rules, the translations and `errdocs fix` treat it as a row of a table
//! of codes; a two-column table of many codes and a key/value table
//! without a code are read as before, and one that holds a code but cannot
//! be read safely is reported, never dropped without a word.

mod common;

use common::{errdocs, project_with};
use errdocs::Project;
use errdocs::check::CoverageState;
use errdocs::model::{ColumnRole, TableKind, TableLayout};

/// Loads `doc` as the only document of a throw-away project.
fn load(doc: &str) -> Project {
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    Project::load(dir.path()).expect("loads")
}

/// Each record as (code, name, en-US description, documented decimal).
fn records(project: &Project) -> Vec<(String, String, String, Option<String>)> {
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
                r.documented_decimal.clone(),
            )
        })
        .collect()
}

fn record(
    code: &str,
    name: &str,
    description: &str,
    decimal: Option<&str>,
) -> (String, String, String, Option<String>) {
    (
        code.into(),
        name.into(),
        description.into(),
        decimal.map(Into::into),
    )
}

/// Each finding as (rule, line, column).
fn findings(project: &Project) -> Vec<(&'static str, usize, usize)> {
    project
        .evaluate()
        .findings
        .iter()
        .map(|f| (f.rule, f.location.line, f.location.column))
        .collect()
}

/// Per table of the source file: its layout, kind and column roles.
fn tables(project: &Project) -> Vec<(TableLayout, TableKind, Vec<ColumnRole>)> {
    project.dataset.documents[0].files[0]
        .tables
        .iter()
        .map(|t| (t.layout, t.kind, t.columns.iter().map(|c| c.role).collect()))
        .collect()
}

/// What `text` writes at 1-based `line` and `column` (in characters),
/// white space before it skipped: a pipe cell's place is right after its
/// pipe, padding included.
fn written_at(text: &str, line: usize, column: usize) -> String {
    let line = text.lines().nth(line - 1).unwrap_or_default();
    line.chars()
        .skip(column - 1)
        .collect::<String>()
        .trim_start()
        .to_string()
}

/// The (line, column) of a record's code, name, decimal and description
/// cells.
type Places = [Option<(u32, u32)>; 4];

fn places(project: &Project, code: &str) -> Places {
    let record = project
        .dataset
        .records
        .iter()
        .find(|r| r.code.to_string() == code)
        .expect("the record");
    let cells = &record.sources[0].cells;
    let at = |p: Option<errdocs::model::CellPosition>| p.map(|p| (p.line, p.column));
    [
        at(cells.code),
        at(cells.name),
        at(cells.decimal),
        at(cells.description),
    ]
}

const ENGLISH_SPANISH_HTML: &str = "# Errors\n\
\n\
### E_ACCESSDENIED\n\
\n\
| Field | Value |\n\
|---|---|\n\
| Code | 0x80070005 |\n\
| Name | E_ACCESSDENIED |\n\
| Description | General access denied error. |\n\
\n\
### E_OUTOFMEMORY\n\
\n\
| | |\n\
|---|---|\n\
| **Código** | `0x8007000E` |\n\
| **Nombre** | E_OUTOFMEMORY |\n\
| **Descripción** | No hay memoria suficiente. |\n\
\n\
### E_FAIL\n\
\n\
<table>\n\
<tr><th>HRESULT</th><td>0x80004005</td></tr>\n\
<tr><th>Name</th><td>E_FAIL</td></tr>\n\
<tr><th>Decimal</th><td>-2147467259</td></tr>\n\
<tr><th>Description</th><td>Unspecified failure.</td></tr>\n\
<tr><th>Remarks</th><td>Returned when no other code says more about the failure that occurred.</td></tr>\n\
<tr><th>Facility</th><td>FACILITY_NULL</td></tr>\n\
<tr><th>Applies to</th><td>Windows 10, version 1809, and later</td></tr>\n\
</table>\n";

#[test]
fn vertical_tables_in_english_spanish_and_html_are_read_as_rows() {
    let project = load(ENGLISH_SPANISH_HTML);
    assert!(
        project.dataset.unresolved.is_empty(),
        "{:#?}",
        project.dataset.unresolved
    );
    assert_eq!(
        records(&project),
        [
            record(
                "0x80004005",
                "E_FAIL",
                "Unspecified failure.",
                Some("-2147467259")
            ),
            record(
                "0x80070005",
                "E_ACCESSDENIED",
                "General access denied error.",
                None
            ),
            record(
                "0x8007000E",
                "E_OUTOFMEMORY",
                "No hay memoria suficiente.",
                None
            ),
        ]
    );
    assert_eq!(findings(&project), []);
    // Each value at its own place: code, name, decimal, description.
    let starts = |code: &str| -> Vec<Option<String>> {
        places(&project, code)
            .iter()
            .map(|p| {
                p.map(|(line, column)| {
                    written_at(ENGLISH_SPANISH_HTML, line as usize, column as usize)
                        .chars()
                        .take(12)
                        .collect()
                })
            })
            .collect()
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        starts("0x80070005"),
        [
            some("0x80070005 |"),
            some("E_ACCESSDENI"),
            None,
            some("General acce")
        ]
    );
    assert_eq!(
        starts("0x8007000E"),
        [
            some("`0x8007000E`"),
            some("E_OUTOFMEMOR"),
            None,
            some("No hay memor")
        ]
    );
    assert_eq!(
        starts("0x80004005"),
        [
            some("0x80004005</"),
            some("E_FAIL</td><"),
            some("-2147467259<"),
            some("Unspecified ")
        ]
    );
    assert_eq!(places(&project, "0x80070005")[0], Some((7, 9)));
    use ColumnRole::*;
    assert_eq!(
        tables(&project),
        [
            (
                TableLayout::Vertical,
                TableKind::Codes,
                vec![Code, Name, Description]
            ),
            (
                TableLayout::Vertical,
                TableKind::Codes,
                vec![Code, Name, Description]
            ),
            // The remark is longer than the description, the facility a
            // symbolic name too: the labels tell them apart.
            (
                TableLayout::Vertical,
                TableKind::Codes,
                vec![Code, Name, Decimal, Description, Other, Other, Other]
            ),
        ]
    );
}

#[test]
fn a_heading_row_that_names_the_code_and_a_table_of_win32_numbers() {
    let project = load(
        "# Errors\n\n\
         | 0x80004005 | E_FAIL |\n|---|---|\n\
         | Description | Unspecified failure. |\n\
         | Facility | FACILITY_NULL |\n\n\
         ## ERROR_ACCESS_DENIED\n\n\
         | Field | Value |\n|---|---|\n\
         | Code | 5 |\n\
         | Name | ERROR_ACCESS_DENIED |\n\
         | Description | Access is denied. |\n",
    );
    assert!(project.dataset.unresolved.is_empty());
    assert_eq!(
        records(&project),
        [
            record(
                "0x00000005",
                "ERROR_ACCESS_DENIED",
                "Access is denied.",
                None
            ),
            record("0x80004005", "E_FAIL", "Unspecified failure.", None),
        ]
    );
    assert_eq!(findings(&project), []);
}

/// The planted code of the vertical table, with a digit lost, at line 7.
const PLANTED: &str = "# Errors\n\
\n\
## E_ACCESSDENIED\n\
\n\
| Field       | Value                        |\n\
|-------------|------------------------------|\n\
| Code        | 0x8007005                    |\n\
| Name        | E_ACCESSDENIED               |\n\
| Decimal     | -2147024891                  |\n\
| Description | General access denied error. |\n";

#[test]
fn a_code_with_a_digit_lost_is_found_where_it_is_written_and_fixed_in_place() {
    let project = load(PLANTED);
    let evaluation = project.evaluate();
    let found: Vec<_> = evaluation
        .findings
        .iter()
        .map(|f| (f.rule, f.location.line, f.location.column))
        .collect();
    assert_eq!(found, [("hex-malformed", 7, 16)]);
    assert!(written_at(PLANTED, 7, 16).starts_with("0x8007005 "));
    let fix = evaluation.findings[0].fix.as_ref().expect("a fix");
    assert_eq!(
        (fix.from.as_str(), fix.to.as_str()),
        ("0x8007005", "0x80070005")
    );
    // The dataset uses the code the evidence gives.
    assert_eq!(
        records(&project),
        [record(
            "0x80070005",
            "E_ACCESSDENIED",
            "General access denied error.",
            Some("-2147024891")
        )]
    );

    // `errdocs fix` writes the digit in the cell, and the pipes stay in
    // line.
    let dir = project_with(&[("sources/doc/en-us.md", PLANTED.as_bytes())]);
    let root = dir.path().to_str().expect("a UTF-8 path");
    let output = errdocs(&["fix", "--root", root]);
    assert!(output.status.success(), "{output:?}");
    let fixed = std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read");
    assert_eq!(
        fixed,
        PLANTED.replace(
            "| 0x8007005                    |",
            "| 0x80070005                   |"
        )
    );
    assert_eq!(findings(&Project::load(dir.path()).expect("loads")), []);
}

#[test]
fn rules_read_a_vertical_table_as_a_row() {
    let project = load(
        "# Errors\n\n\
         | Field | Value |\n|---|---|\n\
         | Code | 0x80070005 |\n\
         | Name | E_ACCESSDENIED |\n\
         | Decimal | -2147024890 |\n\
         | Description | General access denied error. |\n\n\
         <table>\n\
         <tr><th>Code</th><td>0x8007000E</td></tr>\n\
         <tr><th>Name</th><td>E_OUTOFMEMORY</td></tr>\n\
         <tr><th>Description</th><td>General access denied error.</td></tr>\n\
         </table>\n",
    );
    let mut found = findings(&project);
    found.sort();
    assert_eq!(
        found,
        [
            // The decimal's cell, and the second description's.
            ("decimal-mismatch", 7, 12),
            ("duplicate-description", 13, 29),
        ]
    );
}

#[test]
fn a_two_column_table_of_many_codes_is_read_as_rows() {
    let project = load(
        "# Errors\n\n\
         | Code | Description |\n|---|---|\n\
         | 0x80070005 | Access is denied. |\n\
         | 0x8007000E | Not enough memory. |\n\n\
         <table>\n\
         <tr><td>0x80070057</td><td>An argument is not valid.</td></tr>\n\
         <tr><td>0x80004005</td><td>Unspecified failure.</td></tr>\n\
         </table>\n",
    );
    use ColumnRole::*;
    assert_eq!(
        tables(&project),
        [
            (TableLayout::Rows, TableKind::Codes, vec![Code, Description]),
            (TableLayout::Rows, TableKind::Codes, vec![Code, Description]),
        ]
    );
    assert_eq!(project.dataset.records.len(), 4);
}

#[test]
fn key_value_tables_without_a_code_stay_as_they_are() {
    let project = load(
        "# Settings\n\n\
         | Setting | Value |\n|---|---|\n\
         | Enabled | true |\n\
         | Mode | 0x2 |\n\
         | Retries | 3 |\n\n\
         | Flag | Meaning |\n|---|---|\n\
         | /quiet | Runs without a window. |\n\
         | /norestart | Does not restart the device. |\n\n\
         | Option | Value |\n|---|---|\n\
         | On failure | ERROR_TIMEOUT |\n\
         | Retries | 3 |\n",
    );
    assert!(
        tables(&project)
            .iter()
            .all(|(layout, kind, _)| *layout == TableLayout::Rows && *kind == TableKind::NoCodes),
        "{:?}",
        tables(&project)
    );
    assert!(project.dataset.records.is_empty());
    assert!(project.dataset.unresolved.is_empty());
    assert_eq!(findings(&project), []);
}

#[test]
fn a_vertical_table_that_cannot_be_read_safely_is_reported() {
    let project = load(
        "# Errors\n\n\
         ## Objects\n\n\
         | | |\n|---|---|\n\
         | Wert | 0x800401E5 |\n\
         | Eins | MK_E_NOOBJECT |\n\
         | Zwei | MK_E_NOMONIKER |\n\n\
         ## Defaults\n\n\
         | Setting | Value |\n|---|---|\n\
         | Default result | 0x80070057 |\n\
         | Retry policy | Retry three times, then give up. |\n",
    );
    assert!(project.dataset.records.is_empty());
    let evaluation = project.evaluate();
    let found: Vec<_> = evaluation
        .findings
        .iter()
        .map(|f| (f.rule, f.location.line, f.location.column))
        .collect();
    assert_eq!(
        found,
        [
            ("table-header-unrecognized", 7, 9),
            ("table-header-unrecognized", 15, 19),
        ]
    );
    assert!(
        evaluation.findings[0].message.contains(
            "2 of its values could be the code's name (`MK_E_NOOBJECT`, `MK_E_NOMONIKER`)"
        ),
        "{}",
        evaluation.findings[0].message
    );
    // Kept, as one unresolved row each, its values under their labels.
    let unresolved: Vec<_> = project
        .dataset
        .unresolved
        .iter()
        .map(|u| (u.line, u.cells.clone()))
        .collect();
    assert_eq!(unresolved.len(), 2);
    assert_eq!(unresolved[0].0, 5);
    assert_eq!(
        unresolved[1].1.get("Default result").map(String::as_str),
        Some("0x80070057")
    );
    assert_eq!(project.dataset.stats.rows_read, 2);
    assert_eq!(project.dataset.stats.unresolved_rows, 2);
}

const SOURCE: &str = "# Errors\n\
\n\
## E_ACCESSDENIED\n\
\n\
| Field | Value |\n\
|---|---|\n\
| Code | 0x80070005 |\n\
| Name | E_ACCESSDENIED |\n\
| Description | General access denied error. |\n\
\n\
## E_OUTOFMEMORY\n\
\n\
| Field | Value |\n\
|---|---|\n\
| Code | 0x8007000E |\n\
| Name | E_OUTOFMEMORY |\n\
| Description | Ran out of memory. |\n\
| Remarks | Close some applications and try the operation again later. |\n";

/// A project of one document: its `en-us.md` and `es-es.md`.
fn translated(translation: &str) -> Project {
    let dir = project_with(&[
        ("sources/doc/en-us.md", SOURCE.as_bytes()),
        ("sources/doc/es-es.md", translation.as_bytes()),
    ]);
    Project::load(dir.path()).expect("loads")
}

#[test]
fn a_translation_of_vertical_tables_pairs_with_its_source() {
    let project = translated(
        "# Errores\n\n\
         ## E_ACCESSDENIED\n\n\
         | Campo | Valor |\n|---|---|\n\
         | **Código** | `0x80070005` |\n\
         | **Nombre** | E_ACCESSDENIED |\n\
         | **Descripción** | Error general de acceso denegado. |\n\n\
         ## E_OUTOFMEMORY\n\n\
         | Campo | Valor |\n|---|---|\n\
         | **Código** | `0x8007000E` |\n\
         | **Nombre** | E_OUTOFMEMORY |\n\
         | **Descripción** | No hay memoria. |\n\
         | **Comentarios** | Cierre algunas aplicaciones y vuelva a intentarlo más tarde. |\n",
    );
    let spanish: Vec<_> = project
        .dataset
        .records
        .iter()
        .map(|r| (r.name.as_str(), r.descriptions.get("es-ES").map(|d| &**d)))
        .collect();
    assert_eq!(
        spanish,
        [
            ("E_ACCESSDENIED", Some("Error general de acceso denegado.")),
            ("E_OUTOFMEMORY", Some("No hay memoria.")),
        ]
    );
    assert!(project.dataset.unresolved.is_empty());
    assert_eq!(findings(&project), []);
    let coverage = &project.evaluate().coverage[0];
    assert!(
        coverage
            .rows
            .iter()
            .all(|r| r.states.get("es-ES") == Some(&CoverageState::Present)),
        "{coverage:?}"
    );
}

#[test]
fn a_translation_that_drops_or_renames_a_vertical_table_is_reported() {
    let project = translated(
        "# Errores\n\n\
         ## E_OUTOFMEMORY\n\n\
         | Campo | Valor |\n|---|---|\n\
         | **Código** | `0x8007000E` |\n\
         | **Nombre** | E_OUTOFMEMORIA |\n\
         | **Descripción** | No hay memoria. |\n",
    );
    let mut rules: Vec<_> = findings(&project).into_iter().map(|f| f.0).collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        ["translation-key-mismatch", "translation-row-missing"]
    );
    let coverage = &project.evaluate().coverage[0];
    let states: Vec<_> = coverage
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.states.get("es-ES").copied()))
        .collect();
    assert_eq!(
        states,
        [
            ("0x80070005", Some(CoverageState::Missing)),
            ("0x8007000E", Some(CoverageState::Differs)),
        ]
    );
}

#[test]
fn a_vertical_table_without_a_name_takes_only_a_description_its_label_names() {
    // An event's details: the code under a label that names it, and
    // texts that are anything but its description.
    let project = load(
        "# Event 1001\n\n\
         | | |\n|---|---|\n\
         | Log Name | Application |\n\
         | Source | Windows Error Reporting |\n\
         | Event ID | 1001 |\n\
         | Error code | 0x80070005 |\n\n\
         | | |\n|---|---|\n\
         | Error code | 0x8007000E |\n\
         | Mensaje | Not enough memory resources are available. |\n\
         | Source | Windows Error Reporting |\n",
    );
    assert_eq!(
        records(&project),
        [
            record("0x80070005", "", "", None),
            record(
                "0x8007000E",
                "",
                "Not enough memory resources are available.",
                None
            ),
        ]
    );
}

#[test]
fn a_long_two_column_list_with_one_code_is_no_vertical_table() {
    // A glossary of a hundred terms, one of them a code: a list, read as
    // rows, not a hundred attributes of one code (each of which would be a
    // column, matched against a translation's pair by pair).
    let mut page = String::from(
        "# Terms\n\n| Term | Meaning |\n|---|---|\n| Code | 0x80070005 |\n| Name | E_ACCESSDENIED |\n",
    );
    for i in 0..100 {
        page.push_str(&format!("| Term {i} | What term {i} means. |\n"));
    }
    let project = load(&page);
    assert_eq!(tables(&project)[0].0, TableLayout::Rows);
    assert!(project.dataset.records.is_empty());
}

/// A vertical table whose header row is its first label/value pair (`|
/// Error code | 0x80070005 |` over `|---|---|`), one table per code or
/// several codes in one table, the label row coming again as a body row:
/// every code is a record, each value at its own place. Read with the
/// first record's header, the later records held two codes each and the
/// table was read as rows of which one held a code.
#[test]
fn vertical_records_whose_header_is_their_first_pair_are_each_read() {
    let apart = "# Codes\n\n\
| Error code | 0x80070005 |\n\
|---|---|\n\
| Message | Access is denied. |\n\
| Cause | The account lacks rights. |\n\
\n\
| Error code | 0x80070002 |\n\
|---|---|\n\
| Message | The system cannot find the file specified. |\n";
    let together = "# Codes\n\n\
| Error code | 0x80070005 |\n\
|---|---|\n\
| Message | Access is denied. |\n\
| Cause | The account lacks rights. |\n\
| Error code | 0x80070002 |\n\
| Message | The system cannot find the file specified. |\n\
| | |\n\
| Error code | 0x80070003 |\n\
| Message | The system cannot find the path specified. |\n";
    let html = "# Codes\n\n\
<table>\n\
<tr><th>Error code</th><th>0x80070005</th></tr>\n\
<tr><td>Message</td><td>Access is denied.</td></tr>\n\
<tr><td>Error code</td><td>0x80070002</td></tr>\n\
<tr><td>Message</td><td>The system cannot find the file specified.</td></tr>\n\
</table>\n";
    let denied = record("0x80070005", "", "Access is denied.", None);
    let not_found = record(
        "0x80070002",
        "",
        "The system cannot find the file specified.",
        None,
    );
    let no_path = record(
        "0x80070003",
        "",
        "The system cannot find the path specified.",
        None,
    );
    use ColumnRole::*;
    for (page, expected, code_lines) in [
        (apart, vec![not_found.clone(), denied.clone()], vec![8, 3]),
        (
            together,
            vec![not_found.clone(), no_path, denied.clone()],
            vec![7, 10, 3],
        ),
        (html, vec![not_found, denied], vec![6, 4]),
    ] {
        let project = load(page);
        assert!(
            project.dataset.unresolved.is_empty(),
            "{page}: {:#?}",
            project.dataset.unresolved
        );
        assert_eq!(records(&project), expected, "{page}");
        assert_eq!(findings(&project), [], "{page}");
        // Each code where it is written.
        let lines: Vec<u32> = expected
            .iter()
            .map(|(code, ..)| places(&project, code)[0].expect("a code cell").0)
            .collect();
        assert_eq!(lines, code_lines, "{page}");
        for (line, (code, ..)) in code_lines.iter().zip(&expected) {
            let column = places(&project, code)[0].expect("a code cell").1;
            assert!(
                written_at(page, *line as usize, column as usize).starts_with(code.as_str()),
                "{page}: {code}"
            );
        }
        assert!(
            tables(&project)
                .iter()
                .all(|t| t.0 == TableLayout::Vertical && t.1 == TableKind::Codes),
            "{page}: {:?}",
            tables(&project)
        );
        assert!(
            tables(&project).iter().all(|t| t.2.starts_with(&[Code])),
            "{page}"
        );
    }
}

/// A value its label names as the code's grade (severity, level,
/// priority) answers the label and is never the description, however it
/// is written: two ideographs (`严重`) were taken for one, and so was a
/// grade of two words.
#[test]
fn a_graded_value_is_no_description() {
    for (label, grade) in [("**严重性**", "严重"), ("Severity", "Very high")] {
        let project = load(&format!(
            "# Codes\n\n| | |\n|---|---|\n| **HRESULT** | 0x80070005 |\n| **Error string** | E_ACCESSDENIED |\n| {label} | {grade} |\n"
        ));
        assert_eq!(
            records(&project),
            [record("0x80070005", "E_ACCESSDENIED", "", None)],
            "{label}"
        );
    }
    // Beside a message, the message is the description, as before.
    let project = load(
        "# Codes\n\n| | |\n|---|---|\n| **HRESULT** | 0x80070005 |\n| **Error string** | E_ACCESSDENIED |\n| **严重性** | 严重 |\n| **消息** | 拒绝访问 |\n",
    );
    assert_eq!(
        records(&project),
        [record("0x80070005", "E_ACCESSDENIED", "拒绝访问", None)]
    );
}
