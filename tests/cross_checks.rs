//! Single defects injected into copies of the bundled documents: each is
//! found at its row by the cross-checks (translations against their source,
//! WU codes against their OM counterparts), and the unmodified copies raise
//! none of these findings.

mod common;

use common::bundled_copy_with;
use errdocs::Project;
use errdocs::check::CoverageState;
use errdocs::diagnostic::Finding;

const EN: &str = "sources/intune-update-agent-errors/en-us.md";
const DE: &str = "sources/intune-update-agent-errors/de-de.md";
const SV: &str = "sources/intune-update-agent-errors/sv-se.md";
const ZH: &str = "sources/intune-update-agent-errors/zh-cn.md";
const WSUS: &str = "sources/wsus-additional-resources/en-us.md";

fn findings(dir: &tempfile::TempDir) -> Vec<Finding> {
    let project = Project::load(dir.path()).expect("the copy loads");
    project.evaluate().findings
}

/// The 1-based line of `file` (in the bundled sources) that contains
/// `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(common::repo_root().join(file)).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} is in {file}"))
        + 1
}

/// Replaces the one line of `text` that contains `needle`.
fn edit_line(text: String, needle: &str, edit: impl Fn(&str) -> Option<String>) -> String {
    let mut out = Vec::new();
    let mut edited = 0;
    for line in text.lines() {
        if line.contains(needle) {
            edited += 1;
            if let Some(new) = edit(line) {
                out.push(new);
            }
        } else {
            out.push(line.to_string());
        }
    }
    assert_eq!(edited, 1, "{needle} is on exactly one line");
    out.join("\n") + "\n"
}

struct Defect {
    what: &'static str,
    file: &'static str,
    needle: &'static str,
    edit: fn(&str) -> Option<String>,
    rule: &'static str,
    /// Where the finding is expected: (file, the line containing this text
    /// in the unmodified file, offset from it).
    at: (&'static str, &'static str, isize),
}

fn defects() -> Vec<Defect> {
    vec![
        Defect {
            what: "a row dropped from a translation",
            file: DE,
            needle: "|OM_E_MAX_CAPACITY_REACHED|",
            edit: |_| None,
            rule: "translation-row-missing",
            at: (DE, "|OM_E_NO_SERVICE|", 0),
        },
        Defect {
            what: "an extra row in a translation",
            file: SV,
            needle: "|OM_E_NOT_INITIALIZED|",
            edit: |l| {
                Some(format!(
                    "{l}\n|**0x80cf0fff**|OM_E_ONLY_IN_SWEDISH|Finns bara här.|"
                ))
            },
            rule: "translation-row-extra",
            at: (SV, "|OM_E_NOT_INITIALIZED|", 1),
        },
        Defect {
            what: "a row moved in a translation",
            file: ZH,
            needle: "|OM_E_NO_SERVICE|",
            edit: |_| None,
            rule: "translation-row-order",
            // Re-inserted after OM_E_UNKNOWN_ID, which shifts up by one.
            at: (ZH, "|OM_E_UNKNOWN_ID|", 0),
        },
        Defect {
            what: "a renamed row in a translation",
            file: DE,
            needle: "|OM_E_NOT_INITIALIZED|",
            edit: |l| Some(l.replace("OM_E_NOT_INITIALIZED", "OM_E_NOT_INITALIZED")),
            rule: "translation-key-mismatch",
            at: (DE, "|OM_E_NOT_INITIALIZED|", 0),
        },
        Defect {
            what: "a changed number in a translation",
            file: DE,
            needle: "|OM_E_PT_HTTP_STATUS_NOT_FOUND|",
            edit: |l| Some(l.replace("HTTP-Status 404", "HTTP-Status 400")),
            rule: "translation-token-mismatch",
            at: (DE, "|OM_E_PT_HTTP_STATUS_NOT_FOUND|", 0),
        },
        Defect {
            what: "a lost identifier in a translation",
            file: SV,
            needle: "|OM_E_PT_SOAPCLIENT_SOAPFAULT|",
            edit: |l| Some(l.replace("**SOAPCLIENT_SOAPFAULT**", "SOAP-klienten")),
            rule: "translation-token-mismatch",
            at: (SV, "|OM_E_PT_SOAPCLIENT_SOAPFAULT|", 0),
        },
        Defect {
            what: "an emptied translated cell",
            file: ZH,
            needle: "|OM_E_NOT_INITIALIZED|",
            edit: |_| Some("|**0x80cf0004**|OM_E_NOT_INITIALIZED| |".into()),
            rule: "description-empty",
            at: (ZH, "|OM_E_NOT_INITIALIZED|", 0),
        },
        Defect {
            what: "an untranslated cell",
            file: DE,
            needle: "|OM_E_MAX_CAPACITY_REACHED|",
            edit: |_| {
                Some("|**0x80cf0002**|OM_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|".into())
            },
            rule: "translation-untranslated",
            at: (DE, "|OM_E_MAX_CAPACITY_REACHED|", 0),
        },
        Defect {
            what: "a typo in a WU name",
            file: WSUS,
            needle: "MAX_CAPACITY_REACHED</td>",
            edit: |l| Some(l.replace("MAX_CAPACITY_REACHED", "MAX_CAPACTIY_REACHED")),
            rule: "counterpart-name-mismatch",
            at: (WSUS, "MAX_CAPACITY_REACHED</td>", -2),
        },
        Defect {
            what: "a changed HTTP number on the WU side",
            file: WSUS,
            needle: "Http status 404 - object not found.",
            edit: |l| Some(l.replace("404", "405")),
            rule: "counterpart-number-mismatch",
            at: (WSUS, "Http status 404 - object not found.", 0),
        },
        Defect {
            what: "a changed HTTP number on the OM side",
            file: EN,
            needle: "|OM_E_PT_HTTP_STATUS_DENIED|",
            edit: |l| Some(l.replace("HTTP status 401", "HTTP status 403")),
            rule: "counterpart-number-mismatch",
            at: (EN, "|OM_E_PT_HTTP_STATUS_DENIED|", 0),
        },
    ]
}

#[test]
fn each_injected_defect_is_found_at_its_row() {
    let unmodified = findings(&bundled_copy_with(EN, |t| t));
    for defect in defects() {
        let dir = bundled_copy_with(defect.file, |text| {
            let text = edit_line(text, defect.needle, defect.edit);
            if defect.rule == "translation-row-order" {
                // Put the dropped row back two rows later.
                let row = std::fs::read_to_string(common::repo_root().join(defect.file))
                    .unwrap()
                    .lines()
                    .find(|l| l.contains(defect.needle))
                    .unwrap()
                    .to_string();
                return edit_line(text, "|OM_E_UNKNOWN_ID|", |l| Some(format!("{l}\n{row}")));
            }
            text
        });
        let (file, anchor, offset) = defect.at;
        let line = (line_of(file, anchor) as isize + offset) as usize;
        let found = findings(&dir);
        let hit = found
            .iter()
            .any(|f| f.rule == defect.rule && &*f.location.file == file && f.location.line == line);
        let same_rule: Vec<String> = found
            .iter()
            .filter(|f| f.rule == defect.rule)
            .map(|f| format!("{}:{} {}", f.location.file, f.location.line, f.message))
            .collect();
        assert!(
            hit,
            "{}: expected {} at {file}:{line}; got {same_rule:#?}",
            defect.what, defect.rule
        );
        // The unmodified copy has no such finding there.
        assert!(
            !unmodified.iter().any(|f| f.rule == defect.rule
                && &*f.location.file == file
                && f.location.line == line),
            "{}: the unmodified documents already have it",
            defect.what
        );
    }
}

#[test]
fn unmodified_translations_raise_no_translation_findings() {
    let found = findings(&bundled_copy_with(EN, |t| t));
    let translation: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule.starts_with("translation-"))
        .collect();
    assert!(translation.is_empty(), "{translation:#?}");
}

#[test]
fn counterparts_are_linked_both_ways_in_every_output() {
    let project = common::bundled();
    let wu = project
        .dataset
        .records
        .iter()
        .find(|r| r.name == "WU_E_NO_SERVICE")
        .unwrap();
    let om = project
        .dataset
        .records
        .iter()
        .find(|r| r.name == "OM_E_NO_SERVICE")
        .unwrap();
    assert_eq!(wu.counterpart, Some(om.code));
    assert_eq!(om.counterpart, Some(wu.code));
    let outputs = project.render_outputs().unwrap();
    let text = |name: &str| {
        String::from_utf8(
            outputs
                .iter()
                .find(|f| f.name == name)
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap()
    };
    assert!(text("error-codes.json").contains("\"name\":\"OM_E_NO_SERVICE\""));
    assert!(text("error-codes.json").contains("\"counterpart\":\"0x80240001\""));
    assert!(text("error-codes.csv").contains("0x80CF0001,2161049601,-2133917695,OM_E_NO_SERVICE,error,207,OM,intune-update-agent-errors,Software update agent error codes and descriptions in Microsoft Intune,0x80240001,"));
    assert!(text("error_codes.rs").contains("counterpart: Some(0x8024_0001),"));
}

#[test]
fn the_coverage_matrix_counts_only_reported_findings() {
    // The German row of 0x80CF0001, left untranslated: `differs`, unless
    // the rule is off or the finding is suppressed.
    let needle = "|**0x80cf0001**|";
    let english_row = std::fs::read_to_string(common::repo_root().join(EN))
        .unwrap()
        .lines()
        .find(|l| l.contains(needle))
        .expect("the English row")
        .to_string();
    let untranslated = |text: String| edit_line(text, needle, |_| Some(english_row.clone()));
    let state = |dir: &tempfile::TempDir| {
        let project = Project::load(dir.path()).expect("loads");
        let evaluation = project.evaluate();
        let matrix = evaluation
            .coverage
            .iter()
            .find(|c| c.document == "intune-update-agent-errors")
            .expect("a coverage matrix");
        let row = matrix
            .rows
            .iter()
            .find(|r| r.code == "0x80CF0001")
            .expect("the row");
        row.states.get("de-DE").copied()
    };
    let dir = bundled_copy_with(DE, untranslated);
    assert_eq!(state(&dir), Some(CoverageState::Differs));

    let dir = bundled_copy_with(DE, untranslated);
    let config_path = dir.path().join("errdocs.toml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    std::fs::write(
        &config_path,
        format!("{config}\n[rules]\ntranslation-untranslated = \"off\"\n"),
    )
    .unwrap();
    assert_eq!(state(&dir), Some(CoverageState::Present));

    let dir = bundled_copy_with(DE, |text| {
        edit_line(text, needle, |_| {
            Some(format!(
                "{} <!-- errdocs-disable-line translation-untranslated -->|",
                english_row.trim_end().trim_end_matches('|')
            ))
        })
    });
    assert_eq!(state(&dir), Some(CoverageState::Present));
}
