//! `errdocs fix` on copies of the bundled pages and on crafted documents:
//! the bytes change only inside the fixed cells, line endings, byte-order
//! marks, aligned tables and HTML attributes are kept, a second run changes
//! nothing, `--diff` writes nothing, and `build` afterwards records no
//! repairs for what was fixed.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{bundled_copy_with, errdocs, git_available, project_with};
use errdocs::Project;
use errdocs::commands::fix::{read_originals, run_rounds};
use errdocs::diagnostic::Applicability;
use errdocs::fix::Selection;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir/sources`, by path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.join("sources")];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("under dir");
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// Each run of bytes that differs between `before` and `after`, as a range
/// of `before` (diffed by character).
fn changed_ranges(before: &str, after: &str) -> Vec<std::ops::Range<usize>> {
    let old: Vec<char> = before.chars().collect();
    let new: Vec<char> = after.chars().collect();
    let offsets: Vec<usize> = before
        .char_indices()
        .map(|(i, _)| i)
        .chain([before.len()])
        .collect();
    similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new)
        .into_iter()
        .filter(|op| op.tag() != similar::DiffTag::Equal)
        .map(|op| offsets[op.old_range().start]..offsets[op.old_range().end])
        .collect()
}

/// Every safe fix a check of the project at `dir` still offers, as
/// `file:line rule`.
fn safe_fixes_left(dir: &Path) -> Vec<String> {
    let project = Project::load(dir).expect("loads");
    let mut left = Vec::new();
    for finding in project.evaluate().findings {
        let fixes = finding.fix.iter().map(|f| (&finding.location, f)).chain(
            finding
                .related
                .iter()
                .filter_map(|r| r.fix.as_ref().map(|f| (&r.location, f))),
        );
        for (location, fix) in fixes {
            if fix.applicability == Applicability::Safe {
                left.push(format!(
                    "{}:{} {}",
                    location.file, location.line, finding.rule
                ));
            }
        }
    }
    left
}

#[test]
fn the_bundled_pages_change_only_inside_the_fixed_cells() {
    let dir = bundled_copy_with("errdocs.toml", |t| t);
    let before = files(dir.path());
    let project = Project::load(dir.path()).expect("loads");
    read_originals(&project).expect("read");
    // The cells of the pages as they were: the fixes' places are theirs.
    let mut spans: BTreeMap<(String, usize, usize), std::ops::Range<usize>> = BTreeMap::new();
    for file in &project.files {
        for table in &file.tables {
            for row in &table.rows {
                for cell in &row.cells {
                    spans.insert(
                        (
                            file.file.to_string(),
                            cell.location.line,
                            cell.location.column,
                        ),
                        cell.span(),
                    );
                }
            }
        }
    }
    let rounds = run_rounds(project, &Selection::default()).expect("fixes");
    assert_eq!(rounds.rounds, 1, "the bundled pages settle in one round");
    assert!(rounds.applied.len() > 40, "{}", rounds.applied.len());
    // Every fix of every rule that has safe ones, in every locale.
    let rules: std::collections::BTreeSet<&str> = rounds.applied.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        [
            "counterpart-name-mismatch",
            "counterpart-number-mismatch",
            "decimal-mismatch",
            "decimal-systematic",
            "hex-malformed",
            "identifier-reference-malformed",
            "name-case",
            "reference-decimal-as-hex",
            "reference-name-unknown"
        ]
    );
    let fixed_cells: Vec<(String, std::ops::Range<usize>)> = rounds
        .applied
        .iter()
        .map(|f| {
            let key = (
                f.location.file.to_string(),
                f.location.line,
                f.location.column,
            );
            let span = spans
                .get(&key)
                .unwrap_or_else(|| panic!("{key:?} is a cell"));
            (key.0, span.clone())
        })
        .collect();
    let mut changed_files = 0;
    for file in &rounds.project.files {
        let fixed = &rounds.project.source(&file.file).expect("text").text;
        let original = String::from_utf8(before[&*file.file].clone()).expect("UTF-8");
        let ranges = changed_ranges(&original, fixed);
        changed_files += usize::from(!ranges.is_empty());
        for range in ranges {
            assert!(
                fixed_cells.iter().any(|(f, span)| *f == *file.file
                    && span.start <= range.start
                    && range.end <= span.end),
                "{}: bytes {range:?} ({:?}) changed outside the fixed cells",
                file.file,
                &original[range.clone()]
            );
        }
    }
    assert_eq!(changed_files, 5);
}

#[test]
fn fix_settles_the_bundled_pages_and_a_second_run_changes_nothing() {
    let dir = bundled_copy_with("errdocs.toml", |t| t);
    let root = dir.path().display().to_string();
    let before = files(dir.path());
    let output = errdocs(&["fix", "--root", &root]);
    // Errors without a fix remain (placeholders for names): exit 1.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("fixed sources/wsus-additional-resources/en-us.md: counterpart-name-mismatch 2, decimal-mismatch 2, decimal-systematic 29, hex-malformed 5, name-case 14, reference-decimal-as-hex 6, reference-name-unknown 3"),
        "{text}"
    );
    assert!(text.contains("fixed 73 problems in 5 files"), "{text}");
    assert!(text.contains("result: fails"), "{text}");
    assert!(
        stderr(&output).contains("4 unsafe fixes not applied"),
        "{}",
        stderr(&output)
    );
    let after = files(dir.path());
    assert_ne!(before, after);
    assert!(
        safe_fixes_left(dir.path()).is_empty(),
        "{:?}",
        safe_fixes_left(dir.path())
    );

    let again = errdocs(&["fix", "--root", &root]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(
        stdout(&again).starts_with("nothing to fix\n"),
        "{}",
        stdout(&again)
    );
    assert_eq!(files(dir.path()), after);
    let diff = errdocs(&["fix", "--diff", "--root", &root]);
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    assert_eq!(stdout(&diff), "");
}

#[test]
fn diff_writes_nothing_and_says_what_would_change() {
    let dir = bundled_copy_with("errdocs.toml", |t| t);
    let root = dir.path().display().to_string();
    let before = files(dir.path());
    let output = errdocs(&["fix", "--diff", "--root", &root]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(files(dir.path()), before);
    let diff = stdout(&output);
    assert!(
        diff.contains("--- a/sources/wsus-additional-resources/en-us.md\n+++ b/sources/wsus-additional-resources/en-us.md\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-<td style=\"border:1px solid black;\">0x8024200</td>\n+<td style=\"border:1px solid black;\">0x80242000</td>\n"),
        "{diff}"
    );
    assert!(
        stderr(&output).contains("would fix 73 problems in 5 files"),
        "{}",
        stderr(&output)
    );
    // The header's spelling of a name the Windows SDK defines is safe.
    assert!(diff.contains("+<td style=\"border:1px solid black;\">ERROR_INVALID_NAME</td>"));
    // A name the SDK gives the code, where the page has another, is for a
    // person to confirm: only with --unsafe.
    // (The page breaks the name after `WU_E_PT_`; the fix keeps the break.)
    let renamed = "-SOAPCLIENT_INITIALIZE_ERROR</td>\n+SOAPCLIENT_INITIALIZE</td>\n";
    assert!(!diff.contains(renamed), "{diff}");
    let output = errdocs(&["fix", "--diff", "--unsafe", "--root", &root]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(renamed), "{}", stdout(&output));
    assert_eq!(files(dir.path()), before);
}

/// The repairs `out/error-codes.json` records, as `from -> to`.
fn repairs(dir: &Path) -> Vec<String> {
    let json = std::fs::read_to_string(dir.join("out/error-codes.json")).expect("built");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut out = Vec::new();
    for record in value["records"].as_array().expect("records") {
        for repair in record["repairs"].as_array().into_iter().flatten() {
            out.push(format!("{} -> {}", repair["from"], repair["to"]));
        }
    }
    out.sort();
    out
}

#[test]
fn build_after_fix_records_no_repairs_for_what_was_fixed() {
    let dir = bundled_copy_with("errdocs.toml", |t| t);
    let root = dir.path().display().to_string();
    assert_eq!(errdocs(&["build", "--root", &root]).status.code(), Some(0));
    let before = repairs(dir.path());
    assert_eq!(before.len(), 5, "{before:?}");
    errdocs(&["fix", "--root", &root]);
    assert_eq!(errdocs(&["build", "--root", &root]).status.code(), Some(0));
    // None is left: the code cell that holds text (`Internal winhttp
    // error`) is fixed too, since the Windows SDK's definition of its name
    // agrees with its decimal.
    assert_eq!(repairs(dir.path()), Vec::<String>::new());
    errdocs(&["fix", "--unsafe", "--root", &root]);
    assert_eq!(errdocs(&["build", "--root", &root]).status.code(), Some(0));
    assert!(repairs(dir.path()).is_empty());
}

const BOM: &str = "\u{feff}";

/// A page with everything a fix must keep: a byte-order mark, CRLF line
/// ends, an aligned pipe table, and an HTML table whose cells have
/// attributes and entities.
fn crafted_page() -> String {
    let lines = [
        "---",
        "title: Codes",
        "---",
        "# Codes",
        "",
        "| Hex code   | Decimal     | Name                       | Description             |",
        "|------------|------------:|----------------------------|-------------------------|",
        "| 0x80240001 | -2145124351 | WU_E_NO_SERVICE            | No service.             |",
        "| 0x80240002 | 2149842946  | WU_E_MAX_CAPACITY_REACHED  | Capacity &amp; more.    |",
        "| 0x8024003  | -2145124349 | WU_E_UNKNOWN_ID            | Unknown \\| id.          |",
        "| 0x80240004 | -2145124348 | WU_E_NOT_INITIALIZED       | Not initialized.        |",
        "| 0x80240005 | -2145124347 | WU_E_RANGEOVERLAP          | Ranges overlap.         |",
        "| 0x80240006 | -2145124346 | WU_E_TOOMANYRANGES         | Too many ranges.        |",
        "",
        "## More",
        "",
        "<table class=\"codes\">",
        "<tr><th>Hex</th><th>Decimal</th><th>Name</th><th>Description</th></tr>",
        "<tr><td  class=\"hex\" style=\"color: red\">0x80070057</td><td align=\"right\">2147942487</td><td>E_INVALIDARG</td><td>One or more arguments are invalid &amp; wrong.</td></tr>",
        "<tr><td class=\"hex\">0x80070005</td><td align=\"right\">-2147024891</td><td>E_ACCESSDENIED</td><td>General access denied error.</td></tr>",
        "<tr><td class=\"hex\">0x8007000E</td><td align=\"right\">-2147024882</td><td>E_OUTOFMEMORY</td><td>Out of memory.</td></tr>",
        "</table>",
        "",
    ];
    format!("{BOM}{}", lines.join("\r\n"))
}

#[test]
fn crlf_bom_aligned_tables_and_attributes_are_kept() {
    let page = crafted_page();
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--root", &root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    let fixed = std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read");
    let expected = page
        .replace(
            "| 0x80240002 | 2149842946  |",
            "| 0x80240002 | -2145124350 |",
        )
        .replace(
            "| 0x8024003  | -2145124349 |",
            "| 0x80240003 | -2145124349 |",
        )
        .replace(
            "<td align=\"right\">2147942487</td>",
            "<td align=\"right\">-2147024809</td>",
        );
    assert_ne!(expected, page);
    assert_eq!(fixed, expected);
    assert!(fixed.starts_with(BOM));
    assert_eq!(fixed.matches("\r\n").count(), page.matches("\r\n").count());
    assert_eq!(fixed.matches('\n').count(), page.matches('\n').count());
}

#[test]
fn lone_carriage_returns_are_kept_and_nothing_else_changes() {
    // errdocs reads a lone CR as a line end (as GitHub does); fix must
    // write it back as a CR: in a file of CR-only line ends, and in one
    // that mixes CR, CRLF and LF.
    let page = crafted_page();
    let cr_only = page.replace("\r\n", "\r");
    let mut mixed = String::new();
    for (i, line) in page.split("\r\n").enumerate() {
        if i > 0 {
            mixed.push_str(["\r", "\r\n", "\n"][i % 3]);
        }
        mixed.push_str(line);
    }
    for page in [cr_only, mixed] {
        let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
        let root = dir.path().display().to_string();
        let output = errdocs(&["fix", "--root", &root]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}\n{}",
            stdout(&output),
            stderr(&output)
        );
        let fixed = std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read");
        let expected = page
            .replace(
                "| 0x80240002 | 2149842946  |",
                "| 0x80240002 | -2145124350 |",
            )
            .replace(
                "| 0x8024003  | -2145124349 |",
                "| 0x80240003 | -2145124349 |",
            )
            .replace(
                "<td align=\"right\">2147942487</td>",
                "<td align=\"right\">-2147024809</td>",
            );
        assert_ne!(expected, page);
        assert_eq!(fixed, expected);
        // Fixed, the file has nothing left to fix, so the diff is empty.
        let again = errdocs(&["fix", "--diff", "--root", &root]);
        assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
        assert!(stdout(&again).is_empty(), "{}", stdout(&again));
    }
}

#[test]
fn a_code_fixed_in_the_source_is_fixed_in_the_translations_that_say_the_same() {
    let header = "# Codes\n\n|Hex code|Decimal|Name|Description|\n|---|---|---|---|\n";
    // Rows of a table sorted by code: the neighbours of a code that lost a
    // digit are evidence for it.
    let more = "|0x80240004|-2145124348|WU_E_NOT_INITIALIZED|x|\n|0x80240005|-2145124347|WU_E_RANGEOVERLAP|x|\n|0x80240006|-2145124346|WU_E_TOOMANYRANGES|x|\n";
    let source = format!(
        "{header}|0x80240001|-2145124351|WU_E_NO_SERVICE|No service.|\n|0x8024002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Capacity.|\n|0x80240003|2149842947|WU_E_UNKNOWN_ID|Unknown.|\n{more}"
    );
    // German says the same wrong things; Swedish writes the code right and
    // has its own (wrong) decimal.
    let german = format!(
        "{header}|0x80240001|-2145124351|WU_E_NO_SERVICE|Kein Dienst.|\n|0x8024002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Kapazität.|\n|0x80240003|2149842947|WU_E_UNKNOWN_ID|Unbekannt.|\n{more}"
    );
    let swedish = format!(
        "{header}|0x80240001|-2145124351|WU_E_NO_SERVICE|Ingen tjänst.|\n|0x80240002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Kapacitet.|\n|0x80240003|12345|WU_E_UNKNOWN_ID|Okänd.|\n{more}"
    );
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/de-de.md", german.as_bytes()),
        ("sources/doc/sv-se.md", swedish.as_bytes()),
    ]);
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--root", &root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    let read = |name: &str| {
        std::fs::read_to_string(dir.path().join("sources/doc").join(name)).expect("read")
    };
    let fixed_source = source
        .replace("|0x8024002|", "|0x80240002|")
        .replace("|2149842947|", "|-2145124349|");
    assert_eq!(read("en-us.md"), fixed_source);
    assert_eq!(
        read("de-de.md"),
        german
            .replace("|0x8024002|", "|0x80240002|")
            .replace("|2149842947|", "|-2145124349|")
    );
    // Swedish said something else of the code's decimal: its own wrong
    // decimal, reported in the Swedish file and fixed from its own code,
    // not from the source's fix.
    assert_eq!(
        read("sv-se.md"),
        swedish.replace("|12345|", "|-2145124349|")
    );
    let text = stdout(&output);
    assert!(
        text.contains("fixed sources/doc/de-de.md: decimal-mismatch 1, hex-malformed 1"),
        "{text}"
    );
}

/// A Win32 error fixed in the source is fixed in the translation that
/// says the same, in each cell's notation; a decimal grouped by no-break
/// or narrow no-break spaces is fixed in the same groups, the rest of the
/// file's bytes left as they are.
#[test]
fn win32_errors_and_grouped_decimals_are_fixed_as_written() {
    let header = "# Codes\n\n| HRESULT | Decimal | Win32 | Name |\n|---|---|---|---|\n";
    let rows = |decimal: &str, win32: [&str; 2]| {
        format!(
            "{header}| 0x80070005 | -2147024891 | 5 | E_ACCESSDENIED |\n\
            | 0x80070006 | -2147024890 | 0x6 | E_HANDLE |\n\
            | 0x80070057 | -2147024809 | {} | E_INVALIDARG |\n\
            | 0x8007000E | {decimal} | {} | E_OUTOFMEMORY |\n",
            win32[0], win32[1]
        )
    };
    let source = rows("-2147024882", ["78", "14"]);
    let french = rows("-2\u{202F}147\u{202F}024\u{202F}883", ["78", "0x0f"]);
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/fr-fr.md", french.as_bytes()),
    ]);
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--root", &root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    let read = |name: &str| {
        std::fs::read_to_string(dir.path().join("sources/doc").join(name)).expect("read")
    };
    assert_eq!(read("en-us.md"), rows("-2147024882", ["87", "14"]));
    assert_eq!(
        read("fr-fr.md"),
        rows("-2\u{202F}147\u{202F}024\u{202F}882", ["87", "0x0e"])
    );
}

#[test]
fn suppressed_findings_and_other_rules_are_not_fixed() {
    let page = "# Codes\n\n|Hex code|Decimal|Name|Description|\n|---|---|---|---|\n|0x80240001|2149842945|WU_E_NO_SERVICE|No service.|\n|0x80240002|2149842946|WU_E_MAX_CAPACITY_REACHED|Capacity. <!-- errdocs-disable-line decimal-mismatch -->|\n|0x80240003|-2145124349|Wu_E_Unknown_Id|Unknown.|\n";
    // Without the Windows SDK, which spells WU_E_UNKNOWN_ID (and so makes
    // name-case's fix safe), the fix is a guess from the usual form.
    let dir = project_with(&[
        ("errdocs.toml", b"[reference]\nsdk = false\n"),
        ("sources/doc/en-us.md", page.as_bytes()),
    ]);
    let root = dir.path().display().to_string();
    let path = dir.path().join("sources/doc/en-us.md");
    // Only name-case, which is unsafe here: nothing without --unsafe.
    let output = errdocs(&["fix", "--rule", "name-case", "--root", &root]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), page);
    assert!(
        stderr(&output).contains("1 unsafe fix not applied"),
        "{}",
        stderr(&output)
    );
    let output = errdocs(&["fix", "--rule", "name-case", "--unsafe", "--root", &root]);
    let page = page.replace("Wu_E_Unknown_Id", "WU_E_UNKNOWN_ID");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        page,
        "{}",
        stderr(&output)
    );
    // The suppressed row keeps its decimal.
    errdocs(&["fix", "--root", &root]);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        page.replace("|2149842945|", "|-2145124351|")
    );
    let output = errdocs(&["fix", "--rule", "no-such-rule", "--root", &root]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn files_as_arguments_are_fixed_where_they_are() {
    let page = "# Codes\n\n|Hex code|Decimal|Name|Description|\n|---|---|---|---|\n|0x80240001|2149842945|WU_E_NO_SERVICE|No service.|\n|0x80240002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Capacity.|\n|0x80240003|-2145124349|WU_E_UNKNOWN_ID|Unknown.|\n";
    let dir = project_with(&[
        ("docs/codes.md", page.as_bytes()),
        ("docs/notes.md", b"# Notes\n\nNothing here.\n"),
    ]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["fix", "docs"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("fixed docs/codes.md: decimal-mismatch 1"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/codes.md")).expect("read"),
        page.replace("|2149842945|", "|-2145124351|")
    );
}

/// A name written with spaces around its (escaped) underscores is
/// written whole, its escapes and emphasis kept.
#[test]
fn a_name_with_spaced_underscores_is_joined_in_place() {
    let page = "# Codes\n\n|Hex code|Name|Description|\n|---|---|---|\n|0x80004003|E \\_ POINTER|Invalid pointer.|\n|0x80020009|**DISP _ E _ EXCEPTION**|Exception.|\n";
    let dir = project_with(&[("docs/codes.md", page.as_bytes())]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["fix", "docs"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/codes.md")).expect("read"),
        page.replace("E \\_ POINTER", "E\\_POINTER")
            .replace("DISP _ E _ EXCEPTION", "DISP_E_EXCEPTION")
    );
}

#[test]
fn front_matter_values_and_heading_anchors_are_fixed_in_place() {
    let table = "|Hex code|Name|Description|\n|---|---|---|\n|0x80240001|WU_E_NO_SERVICE|x|\n";
    let source = format!(
        "---\ntitle: Codes\nms.contentlocale: en-US\n---\n# Codes {{#error-codes}}\n\n{table}"
    );
    let swedish = format!(
        "---\ntitle: Koder\nms.contentlocale: \"de-DE\"   # copied\n---\n# Koder {{#felkoder}}\n\n{table}"
    );
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/sv-se.md", swedish.as_bytes()),
    ]);
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--root", &root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sources/doc/sv-se.md")).expect("read"),
        swedish
            .replace("\"de-DE\"", "\"sv-SE\"")
            .replace("{#felkoder}", "{#error-codes}")
    );
    assert!(
        stdout(&output).contains("fixed sources/doc/sv-se.md: translation-metadata 2"),
        "{}",
        stdout(&output)
    );
}

/// The pre-commit hook the README shows: errdocs fix on the changed
/// Markdown files, before the check.
#[test]
fn the_pre_commit_fix_hook_runs_fix_on_markdown() {
    let text = std::fs::read_to_string(common::repo_root().join(".pre-commit-hooks.yaml"))
        .expect(".pre-commit-hooks.yaml");
    let hooks: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
    let hook = &hooks[1];
    assert_eq!(hook["id"], "errdocs-fix");
    assert_eq!(hook["entry"], "errdocs fix");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["types"], serde_json::json!(["markdown"]));
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    assert!(
        readme.contains("      - id: errdocs-fix\n      - id: errdocs\n"),
        "the README shows the fix hook before the check"
    );
}

/// A SARIF replacement: start line and column, end line and column, and
/// the text inserted.
type Region = (usize, usize, usize, usize, String);

/// `check --format sarif` carries each fix as replacements of the text:
/// applied to the pages, they make what `fix --unsafe` makes.
#[test]
fn sarif_fixes_are_the_replacements_fix_makes() {
    let dir = bundled_copy_with("errdocs.toml", |t| t);
    let root = dir.path().display().to_string();
    let output = errdocs(&["check", "--format", "sarif", "--root", &root]);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SARIF");
    // Every replacement once, by file.
    let mut by_file: BTreeMap<String, std::collections::BTreeSet<Region>> = BTreeMap::new();
    let mut fixes = 0;
    for result in sarif["runs"][0]["results"].as_array().expect("results") {
        for fix in result["fixes"].as_array().into_iter().flatten() {
            fixes += 1;
            assert!(
                fix["description"]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
            );
            for change in fix["artifactChanges"].as_array().expect("changes") {
                let uri = change["artifactLocation"]["uri"].as_str().expect("uri");
                assert_eq!(change["artifactLocation"]["uriBaseId"], "%SRCROOT%");
                for r in change["replacements"].as_array().expect("replacements") {
                    let n = |key: &str| r["deletedRegion"][key].as_u64().expect(key) as usize;
                    by_file.entry(uri.to_string()).or_default().insert((
                        n("startLine"),
                        n("startColumn"),
                        n("endLine"),
                        n("endColumn"),
                        r["insertedContent"]["text"]
                            .as_str()
                            .expect("text")
                            .to_string(),
                    ));
                }
            }
        }
    }
    assert!(fixes > 30, "{fixes}");
    let mut expected_files = files(dir.path());
    for (rel, replacements) in &by_file {
        let text = String::from_utf8(expected_files[rel].clone()).expect("UTF-8");
        let source = errdocs::source::SourceFile::from_text(rel.into(), rel.clone(), text.clone());
        let mut edits: Vec<errdocs::fix::Edit> = replacements
            .iter()
            .map(|(sl, sc, el, ec, new)| errdocs::fix::Edit {
                range: source.offset_of(*sl, *sc).expect("start")
                    ..source.offset_of(*el, *ec).expect("end"),
                text: new.clone(),
            })
            .collect();
        edits.sort_by_key(|e| e.range.start);
        expected_files.insert(rel.clone(), errdocs::fix::apply(&text, &edits).into_bytes());
    }
    errdocs(&["fix", "--unsafe", "--root", &root]);
    let fixed = files(dir.path());
    for (rel, bytes) in &fixed {
        assert!(
            *bytes == expected_files[rel],
            "{rel}: the SARIF replacements and errdocs fix --unsafe differ"
        );
    }
}

#[test]
fn an_empty_cell_is_filled_where_it_is_written() {
    let page = "# Codes\n\n| Hex code   | Decimal     | Name            |\n|------------|-------------|-----------------|\n| 0x80240001 | -2145124351 | WU_E_NO_SERVICE |\n|            | -2145124350 | WU_E_MAX_CAP    |\n<table>\n<tr><th>Hex</th><th>Decimal</th><th>Name</th></tr>\n<tr><td>0x80070005</td><td>-2147024891</td><td>E_ACCESSDENIED</td></tr>\n<tr><td></td><td>-2147024882</td><td>E_OUTOFMEMORY</td></tr>\n</table>\n";
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let root = dir.path().display().to_string();
    let output = errdocs(&[
        "fix",
        "--unsafe",
        "--rule",
        "hex-malformed",
        "--root",
        &root,
    ]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read"),
        page.replace(
            "|            | -2145124350 |",
            "| 0x80240002 | -2145124350 |"
        )
        .replace("<tr><td></td>", "<tr><td>0x8007000E</td>"),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
}

/// Runs git in `dir`, without the machine's or user's settings.
fn git_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs")
}

#[test]
fn the_diff_of_placed_documents_applies_with_git_from_the_root() {
    if !git_available() {
        return;
    }
    let page = "# Codes\n\n|Hex code|Decimal|Name|Description|\n|---|---|---|---|\n|0x80240001|2149842945|WU_E_NO_SERVICE|No service.|\n|0x80240002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Capacity.|\n|0x80240003|-2145124349|WU_E_UNKNOWN_ID|Unknown.|\n";
    // Inside the root, written through `..` (as a config shared with a
    // sibling folder may write it) and through a subfolder; and one page
    // outside the root, which no diff applied there can change.
    let config = "[documents.up-and-back]\nsource = \"../proj/docs/a.md\"\n\n[documents.sideways]\nsource = \"docs/../more/b.md\"\n\n[documents.outside]\nsource = \"../other/c.md\"\n";
    let dir = project_with(&[
        ("proj/errdocs.toml", config.as_bytes()),
        ("proj/docs/a.md", page.as_bytes()),
        ("proj/more/b.md", page.as_bytes()),
        ("proj/sources/doc/en-us.md", page.as_bytes()),
        ("other/c.md", page.as_bytes()),
    ]);
    let root = dir.path().join("proj");
    let init = git_in(&root, &["init", "-q", "."]);
    assert!(init.status.success(), "{}", stderr(&init));

    let output = errdocs(&["fix", "--diff", "--root", &root.display().to_string()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    for path in ["docs/a.md", "more/b.md", "sources/doc/en-us.md"] {
        assert!(
            diff.contains(&format!("--- a/{path}\n+++ b/{path}\n")),
            "{path}:\n{diff}"
        );
    }
    assert!(!diff.contains(".."), "{diff}");
    assert!(!diff.contains("c.md"), "{diff}");
    assert!(
        stderr(&output).contains("left out of the diff: ../other/c.md is outside the root"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("(1 file left out of the diff, named above)"),
        "the count says what the diff holds: {}",
        stderr(&output)
    );

    let patch = dir.path().join("fix.diff");
    std::fs::write(&patch, &diff).expect("write the patch");
    let patch = patch.display().to_string();
    let check = git_in(&root, &["apply", "--check", &patch]);
    assert!(check.status.success(), "{}\n{diff}", stderr(&check));
    let apply = git_in(&root, &["apply", &patch]);
    assert!(apply.status.success(), "{}", stderr(&apply));
    let fixed = page.replace("|2149842945|", "|-2145124351|");
    for path in [
        "proj/docs/a.md",
        "proj/more/b.md",
        "proj/sources/doc/en-us.md",
    ] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(path)).expect("read"),
            fixed,
            "{path}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other/c.md")).expect("read"),
        page
    );
}

/// Definition-list pages put an anchor before each name, spelling the name
/// again in its `id` (`<span id="BG_E_X__0x80200023_">`): a fix of the name
/// changes the name people read, never the anchors links point at.
#[test]
fn anchors_that_repeat_a_name_are_left_alone() {
    let entry = |name: &str, code: &str, text: &str| {
        let escaped = name.replace('_', "\\_");
        let lower = name.to_lowercase();
        format!(
            "<dt>\n\n<span id=\"{name}__{code}_\"></span><span id=\"{lower}__{code}_\"></span>{escaped} ({code})\n</dt> <dd>\n\n{text}\n\n</dd>\n"
        )
    };
    let page = format!(
        "# BITS return values\n\n<dl>\n{}{}{}</dl>\n",
        entry(
            "BG_E_CLIENT_SERVER_PROTOCOL_MISMATCH",
            "0x80200022",
            "The client and server were unable to negotiate a protocol."
        ),
        entry(
            "BG_E_SERVER_EXECUTE_ENABLED",
            "0x80200023",
            "Scripting or execute permissions are enabled."
        ),
        entry(
            "BG_E_USERNAME_TOO_LARGE",
            "0x80200025",
            "The user name cannot exceed 300 characters."
        ),
    );
    let dir = project_with(&[("sources/bits/en-us.md", page.as_bytes())]);
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--root", &root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    let fixed = std::fs::read_to_string(dir.path().join("sources/bits/en-us.md")).expect("read");
    // The SDK spells it BG_E_SERVER_EXECUTE_ENABLE: the text changes, and
    // only the text.
    assert_eq!(
        fixed,
        page.replace(
            "BG\\_E\\_SERVER\\_EXECUTE\\_ENABLED (",
            "BG\\_E\\_SERVER\\_EXECUTE\\_ENABLE ("
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_diff_names_odd_file_names_so_that_git_applies_it() {
    if !git_available() {
        return;
    }
    let page = "# Codes\n\n|Hex code|Decimal|Name|Description|\n|---|---|---|---|\n|0x80240001|2149842945|WU_E_NO_SERVICE|No service.|\n|0x80240002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Capacity.|\n|0x80240003|-2145124349|WU_E_UNKNOWN_ID|Unknown.|\n";
    // A newline in a name ended the `---` line and began another, which
    // `git apply` read as part of the diff; a space left `patch` unable to
    // tell where the name ends; a `"` or `\\` is quoted by git.
    let names = [
        "dé docs/pàge one.md",
        "new\nline.md",
        "quo\"te.md",
        "back\\slash.md",
        "tab\tbed.md",
    ];
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, page.as_bytes())).collect();
    let dir = project_with(&files);
    let root = dir.path();
    let init = git_in(root, &["init", "-q", "."]);
    assert!(init.status.success(), "{}", stderr(&init));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .arg("fix")
        .arg("--diff")
        .args(names)
        .current_dir(root)
        .output()
        .expect("errdocs runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    assert!(diff.contains("--- a/dé docs/pàge one.md\t\n"), "{diff}");
    assert!(diff.contains("--- \"a/new\\nline.md\"\n"), "{diff}");
    assert!(diff.contains("--- \"a/quo\\\"te.md\"\n"), "{diff}");
    assert!(diff.contains("--- \"a/back\\\\slash.md\"\n"), "{diff}");
    assert!(diff.contains("--- \"a/tab\\tbed.md\"\n"), "{diff}");
    let patch = root.join("..").join(format!(
        "{}.diff",
        root.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&patch, &diff).expect("write the patch");
    let patch = patch.display().to_string();
    let apply = git_in(root, &["apply", &patch]);
    assert!(apply.status.success(), "{}\n{diff}", stderr(&apply));
    let fixed = page.replace("|2149842945|", "|-2145124351|");
    for name in names {
        assert_eq!(
            std::fs::read_to_string(root.join(name)).expect("read"),
            fixed,
            "{name:?}"
        );
    }
    std::fs::remove_file(&patch).ok();
}

/// A file name that is not UTF-8 (Linux allows any byte but `/` and NUL):
/// the diff wrote its byte 0xFF as U+FFFD, a name no file has, and `git
/// apply` refused the patch; two such folders were even read as one
/// document. The project is now refused, naming the folder, before any
/// diff is written, and nothing is changed.
#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_refused_before_any_diff() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let page = "# Codes\n\n|Hex code|Decimal|Name|Description|\n|---|---|---|---|\n|0x80240001|2149842945|WU_E_NO_SERVICE|No service.|\n";
    let dir = project_with(&[]);
    let root = dir.path();
    let folder = root.join("sources").join(OsStr::from_bytes(b"d\xffc"));
    if std::fs::create_dir_all(&folder).is_err() {
        // A file system that takes only UTF-8 names (some macOS ones).
        eprintln!("note: this file system refuses names that are not UTF-8; skipped");
        return;
    }
    std::fs::write(folder.join("en-us.md"), page).expect("write the page");
    for args in [&["fix", "--diff"][..], &["fix"][..]] {
        let mut args = args.to_vec();
        let root_arg = root.display().to_string();
        args.extend(["--root", &root_arg]);
        let output = errdocs(&args);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(output.stdout.is_empty());
        assert!(
            stderr(&output).contains("\"d\\xFFc\" is not valid UTF-8; rename it"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_to_string(folder.join("en-us.md")).expect("read"),
        page
    );
}

#[test]
fn a_value_that_a_rowspan_shares_between_rows_is_left_for_a_person() {
    // One decimal cell stands in two rows with different codes: fixed for
    // the second row it is wrong for the first, and each round turned it
    // back ("would fix 11 problems", "stopped after 10 rounds"). The
    // shared description's doubled word is one edit for both rows.
    let page = "# Codes\n\n<table>\n<tr><th>Code</th><th>Decimal</th><th>Name</th><th>Description</th></tr>\n<tr><td>0x80070005</td><td rowspan=\"2\">-2147024891</td><td>E_ACCESSDENIED</td><td rowspan=\"2\">Access is is denied.</td></tr>\n<tr><td>0x80070006</td><td>E_HANDLE</td></tr>\n</table>\n";
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let root = dir.path().to_str().expect("utf-8");
    let out = errdocs(&["--root", root, "fix", "--unsafe"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("stands in 2 rows (a rowspan, or a row whose code cell lists several codes)")
            && !err.contains("rounds"),
        "{err}"
    );
    let fixed = std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read");
    assert_eq!(fixed, page.replace("is is", "is"), "{}", stdout(&out));
    // The decimal-mismatch stays reported, for a person to settle.
    assert!(
        stdout(&out).contains("decimal-mismatch"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_name_that_the_codes_of_one_cell_share_is_left_for_a_person_and_says_why() {
    // A pipe table has no rowspan: the reason named one all the same.
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80240004<br>0x80240005 | WU_E_NOT_A_REAL_NAME_EVER | Unknown name. |\n";
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let root = dir.path().to_str().expect("utf-8");
    let out = errdocs(&["--root", root, "fix", "--unsafe"]);
    let err = stderr(&out);
    assert!(
        err.contains("the name cell stands in 2 rows (the row's code cell lists several codes)"),
        "{err}"
    );
    let kept = std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read");
    assert_eq!(kept, page);
}

#[test]
fn a_name_missing_from_the_start_of_a_description_is_said_where_to_write() {
    // The names are read from the descriptions (`WU_E_X: text`); a row
    // whose description starts with none has no name cell to fill, and
    // the reason named an empty text and markup that is not there.
    let page = "# Codes\n\n| Code | Description |\n|---|---|\n| 0x80240001 | WU_E_NO_SERVICE: The first. |\n| 0x80240002 | WU_E_MAX_CAPACITY_REACHED: The second. |\n| 0x80240003 | Plain text. |\n";
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let root = dir.path().to_str().expect("utf-8");
    let out = errdocs(&["--root", root, "fix", "--unsafe"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "this row's description starts with none: write `WU_E_UNKNOWN_ID: ` before it"
        ) && !err.contains("markup"),
        "{err}"
    );
    let fixed = std::fs::read_to_string(dir.path().join("sources/doc/en-us.md")).expect("read");
    assert_eq!(fixed, page);
}

/// A page that starts with a byte-order mark: the mark is in line 1 on both
/// sides of the diff, so no hunk changes line 1 and a hunk whose context
/// holds line 1 matches the file; `git apply` takes the diff and leaves the
/// files as `errdocs fix` writes them.
#[test]
fn the_diff_of_a_page_with_a_byte_order_mark_applies_with_git() {
    if !git_available() {
        return;
    }
    // The fix far from line 1 (the crafted page), and one whose hunk's
    // context starts at line 1 (a table at the top of the page).
    let near_top = format!(
        "{BOM}|Hex code|Decimal|Name|Description|\r\n|---|---|---|---|\r\n|0x80240001|2149842945|WU_E_NO_SERVICE|No service.|\r\n|0x80240002|-2145124350|WU_E_MAX_CAPACITY_REACHED|Capacity.|\r\n"
    );
    let far = crafted_page();
    let files = [
        ("sources/doc/en-us.md", far.as_bytes()),
        ("sources/top/en-us.md", near_top.as_bytes()),
    ];
    let dir = project_with(&files);
    let init = git_in(dir.path(), &["init", "-q", "."]);
    assert!(init.status.success(), "{}", stderr(&init));
    let root = dir.path().display().to_string();

    let output = errdocs(&["fix", "--diff", "--root", &root]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    assert!(!diff.contains("@@ -1,4 +1,4 @@\n----"), "{diff}");
    assert!(
        !diff
            .lines()
            .any(|l| l.starts_with(&format!("-{BOM}")) || l.starts_with(&format!("+{BOM}"))),
        "the mark is never a change:\n{diff}"
    );
    assert!(
        diff.contains(&format!("@@ -1,4 +1,4 @@\n {BOM}|Hex code|")),
        "{diff}"
    );

    // What `errdocs fix` writes, on a copy.
    let copy = project_with(&files);
    let written = errdocs(&["fix", "--root", &copy.path().display().to_string()]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));

    let patch = dir.path().join("fix.diff");
    std::fs::write(&patch, &diff).expect("write the patch");
    let patch = patch.display().to_string();
    let check = git_in(dir.path(), &["apply", "--check", &patch]);
    assert!(check.status.success(), "{}\n{diff}", stderr(&check));
    let apply = git_in(dir.path(), &["apply", &patch]);
    assert!(apply.status.success(), "{}", stderr(&apply));
    for (path, _) in files {
        let applied = std::fs::read(dir.path().join(path)).expect("read");
        assert!(applied.starts_with(BOM.as_bytes()), "{path}");
        assert_eq!(
            applied,
            std::fs::read(copy.path().join(path)).expect("read"),
            "{path}"
        );
    }
}

/// Lines that end in a lone CR (an old Mac file, or a CR LF file's last
/// row written with CR alone) and a last line with no line break: the diff
/// split lines at a lone CR, as similar does, and wrote them with no LF
/// and no `\ No newline at end of file`, which `git apply` called a
/// corrupt patch. Lines are split at LF alone, as git splits them.
#[test]
fn the_diff_of_pages_with_lone_cr_or_no_final_line_break_applies_with_git() {
    if !git_available() {
        return;
    }
    let header = "| Error code | Symbolic name | Description |";
    let files: [(&str, String); 3] = [
        (
            "sources/cr/en-us.md",
            format!(
                "{BOM}# Codes\r\r{header}\r|---|---|---|\r| 0x80240001 | WU_E_NO_SERVICE | The agent. |\r| 0x8024002 | WU_E_MAX_CAPACITY_REACHED | The maximum. |\r"
            ),
        ),
        (
            "sources/mixed/en-us.md",
            format!(
                "# Codes\n\n{header}\n|---|---|---|\n| 0x8024002 | WU_E_MAX_CAPACITY_REACHED | The maximum. |\r\n| 0x80240001 | WU_E_NO_SERVICE | The agent. |\r"
            ),
        ),
        (
            "sources/unended/en-us.md",
            format!(
                "# Codes\n\n{header}\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | The agent. |\n| 0x8024002 | WU_E_MAX_CAPACITY_REACHED | The maximum. |"
            ),
        ),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let dir = project_with(&files);
    let init = git_in(dir.path(), &["init", "-q", "."]);
    assert!(init.status.success(), "{}", stderr(&init));
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--unsafe", "--diff", "--root", &root]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    assert!(diff.contains("\n\\ No newline at end of file\n"), "{diff}");

    let copy = project_with(&files);
    let written = errdocs(&[
        "fix",
        "--unsafe",
        "--root",
        &copy.path().display().to_string(),
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));

    let patch = dir.path().join("fix.diff");
    std::fs::write(&patch, &diff).expect("write the patch");
    let patch = patch.display().to_string();
    let apply = git_in(dir.path(), &["apply", &patch]);
    assert!(apply.status.success(), "{}\n{diff}", stderr(&apply));
    for (path, _) in &files {
        assert_eq!(
            std::fs::read(dir.path().join(path)).expect("read"),
            std::fs::read(copy.path().join(path)).expect("read"),
            "{path}"
        );
    }
}

/// A decimal fixed in a translation is written as the cell writes its
/// number: its minus sign (U+2212), its groups (spaces, dots), or plain.
#[test]
fn a_fixed_decimal_keeps_the_cells_minus_sign_groups_and_digits() {
    let page = |header: &str, decimals: [&str; 2]| {
        format!(
            "# Codes\n\n| Code | {header} | Name |\n|---|---|---|\n\
            | 0x80070005 | {} | E_ACCESSDENIED |\n\
            | 0x80070057 | {} | E_INVALIDARG |\n",
            decimals[0], decimals[1]
        )
    };
    let russian = |last: &str| {
        page(
            "Десятичное",
            [
                "\u{2212}2 147 024 891",
                &format!("\u{2212}2 147 024 {last}"),
            ],
        )
    };
    let german = |last: &str| page("Dezimal", ["-2.147.024.891", &format!("-2.147.024.{last}")]);
    let french = |last: &str| {
        page(
            "Décimal",
            ["\u{2212}2147024891", &format!("\u{2212}2147024{last}")],
        )
    };
    let source = page("Decimal", ["-2147024891", "-2147024809"]);
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/ru-ru.md", russian("800").as_bytes()),
        ("sources/doc/de-de.md", german("800").as_bytes()),
        ("sources/doc/fr-fr.md", french("800").as_bytes()),
    ]);
    let root = dir.path().display().to_string();
    let output = errdocs(&["fix", "--root", &root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    let read = |name: &str| {
        std::fs::read_to_string(dir.path().join("sources/doc").join(name)).expect("read")
    };
    assert_eq!(read("en-us.md"), source);
    assert_eq!(read("ru-ru.md"), russian("809"));
    assert_eq!(read("de-de.md"), german("809"));
    assert_eq!(read("fr-fr.md"), french("809"));
}
