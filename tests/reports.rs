//! The four report formats of `errdocs check` and the GitHub job summary:
//! snapshots on the bundled sources, the JSON schema, SARIF's structure and
//! fingerprints, and crafted outcomes for escaping, colour, carets and the
//! empty case.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use common::{bundled, bundled_copy_with, project_with, repo_root};
use errdocs::Project;
use errdocs::check::{BaselineEntry, CheckOutcome};
use errdocs::diagnostic::FailLevel;
use errdocs::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use errdocs::report::github::{self, GithubEmitter, StepSummaryEmitter};
use errdocs::report::human::{self, HumanEmitter};
use errdocs::report::json::JsonEmitter;
use errdocs::report::sarif::{self, SarifEmitter};
use errdocs::report::{Emitter, ReportContext};
use errdocs::source::Location;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

fn bundled_outcome() -> &'static CheckOutcome {
    static OUTCOME: std::sync::OnceLock<CheckOutcome> = std::sync::OnceLock::new();
    OUTCOME.get_or_init(|| outcome_of(bundled()))
}

fn outcome_of(project: &Project) -> CheckOutcome {
    project.check(None, project.config.check.fail_on)
}

fn emit(emitter: &dyn Emitter, project: &Project, outcome: &CheckOutcome) -> String {
    errdocs::report::to_string(
        emitter,
        &ReportContext {
            outcome,
            lines: project,
        },
    )
}

fn render_human(project: &Project, outcome: &CheckOutcome, color: bool) -> String {
    emit(&HumanEmitter { color }, project, outcome)
}

fn render_json(project: &Project, outcome: &CheckOutcome) -> String {
    emit(&JsonEmitter, project, outcome)
}

fn render_sarif(project: &Project, outcome: &CheckOutcome) -> String {
    emit(&SarifEmitter, project, outcome)
}

fn render_github(project: &Project, outcome: &CheckOutcome) -> String {
    emit(&GithubEmitter, project, outcome)
}

fn step_summary(project: &Project, outcome: &CheckOutcome) -> String {
    emit(&StepSummaryEmitter, project, outcome)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn schema_validator() -> jsonschema::Validator {
    let schema =
        parse(&std::fs::read_to_string(repo_root().join("schema/findings.schema.json")).unwrap());
    jsonschema::validator_for(&schema).expect("the schema is valid")
}

fn schema_errors(validator: &jsonschema::Validator, data: &Value) -> Vec<String> {
    validator
        .iter_errors(data)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// A small project: front matter, a prose line with CJK text, a line with a
/// tab and an accented letter, and a table with a malformed code.
const DOC: &str = "---\ntitle: Codes\nms.contentlocale: en-US\n---\n# Codes\n\n错误代码：0x8024200 見る\n\nTab\there: é x\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|**0x8024200**|WU_E_UH_REMOTEUNAVAILABLE|The remote machine is unavailable.|\n|**0x80cf0002**|OM_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|\n";
const DOC_PATH: &str = "sources/doc/en-us.md";
const CJK_LINE: usize = 7;
const TAB_LINE: usize = 9;
const ROW_LINE: usize = 13;

fn crafted_project() -> (tempfile::TempDir, Project) {
    let dir = project_with(&[(DOC_PATH, DOC.as_bytes())]);
    let project = Project::load(dir.path()).expect("the crafted project loads");
    (dir, project)
}

fn at(file: &str, line: usize, column: usize) -> Location {
    Location {
        file: Arc::from(file),
        line,
        column,
    }
}

fn finding(rule: &str, severity: Severity, location: Location, message: &str) -> Finding {
    let rule = errdocs::check::rule(rule).expect("a registered rule");
    let mut finding = Finding::new(rule.id, rule.severity, location, message);
    finding.severity = severity;
    finding
}

fn outcome(findings: Vec<Finding>, fail_on: FailLevel) -> CheckOutcome {
    CheckOutcome {
        findings,
        suppressed: 0,
        baselined: 0,
        gone_from_baseline: Vec::new(),
        fail_on,
        coverage: Vec::new(),
        counterpart_coverage: Vec::new(),
        baseline_given: false,
    }
}

/// A finding with every optional part: code, name, fix with evidence and a
/// related location.
fn full_finding() -> Finding {
    finding(
        "hex-malformed",
        Severity::Error,
        at(DOC_PATH, ROW_LINE, 4),
        "code `0x8024200` has 7 hex digits",
    )
    .about(Some("0x80242000".into()), Some("WU_E_UH_REMOTEUNAVAILABLE"))
    .with_fix(Fix {
        field: "code".into(),
        from: "0x8024200".into(),
        to: "0x80242000".into(),
        confidence: Confidence::High,
        applicability: Applicability::Safe,
        evidence: vec![
            "the decimal column says -2145116160".into(),
            "WU_E_UH_REMOTEUNAVAILABLE is 0x80242000 in the WU family".into(),
        ],
    })
    .with_related(at(DOC_PATH, CJK_LINE, 6), "the same code in the prose")
}

/// An outcome with one finding of each severity, suppressions, baselined
/// findings and a fixed baseline entry.
fn rich_outcome() -> CheckOutcome {
    let mut outcome = outcome(
        vec![
            finding(
                "table-ragged-row",
                Severity::Warning,
                at(DOC_PATH, CJK_LINE, 6),
                "the row has 2 cells, the header 3",
            ),
            finding(
                "table-header-unrecognized",
                Severity::Note,
                at(DOC_PATH, TAB_LINE, 13),
                "no code column",
            ),
            full_finding(),
        ],
        FailLevel::Error,
    );
    outcome.suppressed = 2;
    outcome.baselined = 3;
    outcome.gone_from_baseline = vec![BaselineEntry {
        fingerprint: "0123456789abcdef".into(),
        rule: "hex-malformed".into(),
        file: DOC_PATH.into(),
        line: 40,
        message: "code `0x8024` has 4 hex digits".into(),
    }];
    outcome
}

// ---------------------------------------------------------------------------
// Snapshots on the bundled sources

#[test]
fn snapshot_human() {
    insta::assert_snapshot!(render_human(bundled(), bundled_outcome(), false));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!(render_json(bundled(), bundled_outcome()));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!(render_sarif(bundled(), bundled_outcome()));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!(render_github(bundled(), bundled_outcome()));
}

#[test]
fn snapshot_step_summary() {
    insta::assert_snapshot!(step_summary(bundled(), bundled_outcome()));
}

#[test]
fn snapshot_human_crafted() {
    let (_dir, project) = crafted_project();
    insta::assert_snapshot!(render_human(&project, &rich_outcome(), false));
}

#[test]
fn snapshot_step_summary_crafted() {
    let (_dir, project) = crafted_project();
    insta::assert_snapshot!(step_summary(&project, &rich_outcome()));
}

#[test]
fn renders_are_deterministic() {
    let (project, outcome) = (bundled(), bundled_outcome());
    let again = outcome_of(project);
    assert_eq!(render_json(project, outcome), render_json(project, &again));
    assert_eq!(
        render_sarif(project, outcome),
        render_sarif(project, &again)
    );
    assert_eq!(
        render_human(project, outcome, true),
        render_human(project, &again, true)
    );
    assert_eq!(
        render_github(project, outcome),
        render_github(project, &again)
    );
}

// ---------------------------------------------------------------------------
// JSON

#[test]
fn json_on_the_bundled_sources_matches_its_schema() {
    let data = parse(&render_json(bundled(), bundled_outcome()));
    let errors = schema_errors(&schema_validator(), &data);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        data["findings"].as_array().unwrap().len(),
        bundled_outcome().findings.len()
    );
}

#[test]
fn json_with_every_part_matches_its_schema_and_names() {
    let (_dir, project) = crafted_project();
    let outcome = rich_outcome();
    let text = render_json(&project, &outcome);
    assert!(text.ends_with("}\n"), "pretty, with a final newline");
    let data = parse(&text);
    let errors = schema_errors(&schema_validator(), &data);
    assert!(errors.is_empty(), "{errors:#?}");

    let keys = |v: &Value| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };
    let set =
        |names: &[&str]| -> BTreeSet<String> { names.iter().map(|s| s.to_string()).collect() };
    assert_eq!(keys(&data), set(&["version", "findings", "summary"]));
    assert_eq!(data["version"], 1);
    let full = &data["findings"][2];
    assert_eq!(
        keys(full),
        set(&[
            "rule", "severity", "file", "line", "column", "code", "name", "message", "fix",
            "related"
        ])
    );
    assert_eq!(
        keys(&full["fix"]),
        set(&[
            "field",
            "from",
            "to",
            "confidence",
            "applicability",
            "evidence"
        ])
    );
    assert_eq!(full["fix"]["confidence"], "high");
    assert_eq!(full["fix"]["applicability"], "safe");
    assert_eq!(full["related"][0]["line"], CJK_LINE);
    // Findings are serialized by serde, exactly as `Finding` says.
    assert_eq!(full, &serde_json::to_value(full_finding()).unwrap());

    let summary = &data["summary"];
    assert_eq!(
        keys(summary),
        set(&[
            "errors",
            "warnings",
            "notes",
            "by_rule",
            "suppressed",
            "baselined",
            "gone_from_baseline",
            "fail_on",
            "fails",
            "coverage",
            "counterpart_coverage"
        ])
    );
    assert_eq!(
        (&summary["errors"], &summary["warnings"], &summary["notes"]),
        (&Value::from(1), &Value::from(1), &Value::from(1))
    );
    assert_eq!(summary["by_rule"]["hex-malformed"], 1);
    assert_eq!(summary["by_rule"]["table-ragged-row"], 1);
    assert_eq!(summary["suppressed"], 2);
    assert_eq!(summary["baselined"], 3);
    assert_eq!(
        summary["gone_from_baseline"][0]["fingerprint"],
        "0123456789abcdef"
    );
    assert_eq!(summary["fail_on"], "error");
    assert_eq!(summary["fails"], true);
}

#[test]
fn json_names_every_fail_level() {
    let (_dir, project) = crafted_project();
    for (level, name, fails) in [
        (FailLevel::Note, "note", true),
        (FailLevel::Warning, "warning", true),
        (FailLevel::Error, "error", false),
        (FailLevel::Never, "never", false),
    ] {
        let outcome = outcome(
            vec![finding(
                "table-ragged-row",
                Severity::Warning,
                at(DOC_PATH, 11, 1),
                "ragged",
            )],
            level,
        );
        let data = parse(&render_json(&project, &outcome));
        assert_eq!(data["summary"]["fail_on"], name);
        assert_eq!(data["summary"]["fails"], fails, "{name}");
    }
}

/// What an edit breaks, and the edit.
type SchemaBreak = (&'static str, fn(&mut Value));

#[test]
fn schema_rejects_what_the_report_never_writes() {
    let (_dir, project) = crafted_project();
    let validator = schema_validator();
    let good = parse(&render_json(&project, &rich_outcome()));
    assert!(validator.is_valid(&good));
    let edits: [SchemaBreak; 7] = [
        ("unknown severity", |d| {
            d["findings"][0]["severity"] = "fatal".into()
        }),
        ("line 0", |d| d["findings"][0]["line"] = 0.into()),
        ("column 0", |d| {
            d["findings"][2]["related"][0]["column"] = 0.into()
        }),
        ("rule not kebab-case", |d| {
            d["findings"][0]["rule"] = "Table_Ragged".into()
        }),
        ("unknown confidence", |d| {
            d["findings"][2]["fix"]["confidence"] = "certain".into()
        }),
        ("extra finding field", |d| {
            d["findings"][0]["extra"] = true.into()
        }),
        ("unknown fail level", |d| {
            d["summary"]["fail_on"] = "always".into()
        }),
    ];
    for (what, edit) in edits {
        let mut bad = good.clone();
        edit(&mut bad);
        assert!(!validator.is_valid(&bad), "the schema accepts {what}");
    }
}

// ---------------------------------------------------------------------------
// SARIF

fn sarif_of(project: &Project, outcome: &CheckOutcome) -> Value {
    let text = render_sarif(project, outcome);
    assert!(text.ends_with("}\n"));
    parse(&text)
}

fn str_at<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} is a string in {value}"))
}

fn uint_at(value: &Value, pointer: &str) -> u64 {
    value
        .pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("{pointer} is an unsigned integer in {value}"))
}

/// Every key GitHub code scanning reads, with its type, on one report.
fn check_sarif_structure(sarif: &Value, outcome: &CheckOutcome) {
    assert_eq!(
        str_at(sarif, "/$schema"),
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(str_at(sarif, "/version"), "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(str_at(run, "/columnKind"), "unicodeCodePoints");
    assert!(run.get("originalUriBaseIds").is_none());

    let driver = &run["tool"]["driver"];
    assert_eq!(str_at(driver, "/name"), "errdocs");
    assert!(str_at(driver, "/informationUri").starts_with("https://"));
    assert_eq!(str_at(driver, "/version"), env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules is an array");
    let registry = errdocs::check::registry();
    assert_eq!(rules.len(), registry.len());
    for (rule, registered) in rules.iter().zip(registry) {
        assert_eq!(str_at(rule, "/id"), registered.id);
        let name = str_at(rule, "/name");
        assert!(
            name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}"
        );
        assert_eq!(
            name.to_lowercase(),
            registered.id.replace('-', ""),
            "name is the id in CamelCase"
        );
        assert_eq!(str_at(rule, "/shortDescription/text"), registered.summary);
        assert_eq!(
            str_at(rule, "/fullDescription/text"),
            registered.explanation
        );
        assert!(str_at(rule, "/help/text").starts_with(registered.explanation));
        let markdown = str_at(rule, "/help/markdown");
        assert!(markdown.contains(registered.bad_example), "{markdown}");
        assert!(markdown.contains(registered.good_example), "{markdown}");
        assert!(markdown.contains("```"), "{markdown}");
        assert_eq!(
            str_at(rule, "/defaultConfiguration/level"),
            registered.severity.as_str()
        );
        let tags: Vec<&str> = rule["properties"]["tags"]
            .as_array()
            .expect("tags is an array")
            .iter()
            .map(|t| t.as_str().expect("a tag is a string"))
            .collect();
        assert_eq!(tags, registered.tags);
    }

    let results = run["results"].as_array().expect("results is an array");
    assert_eq!(results.len(), outcome.findings.len());
    let mut prints = BTreeSet::new();
    for (result, finding) in results.iter().zip(&outcome.findings) {
        let rule_id = str_at(result, "/ruleId");
        assert_eq!(rule_id, finding.rule);
        let index = uint_at(result, "/ruleIndex") as usize;
        assert_eq!(str_at(&rules[index], "/id"), rule_id);
        assert_eq!(str_at(result, "/level"), finding.severity.as_str());
        let message = str_at(result, "/message/text");
        assert!(message.starts_with(finding.message.trim_end_matches('.')));
        if let Some(fix) = &finding.fix {
            assert!(message.contains(&format!("`{}` -> `{}`", fix.from, fix.to)));
        }
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            str_at(location, "/artifactLocation/uri"),
            &*finding.location.file
        );
        assert_eq!(str_at(location, "/artifactLocation/uriBaseId"), "%SRCROOT%");
        assert_eq!(
            uint_at(location, "/region/startLine") as usize,
            finding.location.line
        );
        assert_eq!(
            uint_at(location, "/region/startColumn") as usize,
            finding.location.column
        );
        let print = str_at(result, "/partialFingerprints/errdocsFingerprint~1v1");
        assert!(
            print.len() == 16 && print.chars().all(|c| c.is_ascii_hexdigit()),
            "{print}"
        );
        assert!(prints.insert(print.to_string()), "duplicate {print}");
        let related = result.get("relatedLocations").map_or(0, |r| {
            r.as_array().expect("relatedLocations is an array").len()
        });
        assert_eq!(related, finding.related.len());
    }
}

#[test]
fn sarif_on_the_bundled_sources_has_the_code_scanning_structure() {
    check_sarif_structure(&sarif_of(bundled(), bundled_outcome()), bundled_outcome());
}

#[test]
fn sarif_carries_fixes_in_words_and_related_locations() {
    let (_dir, project) = crafted_project();
    let outcome = rich_outcome();
    let sarif = sarif_of(&project, &outcome);
    check_sarif_structure(&sarif, &outcome);
    let result = &sarif["runs"][0]["results"][2];
    assert_eq!(
        str_at(result, "/message/text"),
        "code `0x8024200` has 7 hex digits. Suggested fix: code `0x8024200` -> `0x80242000` (safe, high confidence)."
    );
    let related = &result["relatedLocations"][0];
    assert_eq!(
        str_at(related, "/message/text"),
        "the same code in the prose"
    );
    assert_eq!(
        str_at(related, "/physicalLocation/artifactLocation/uri"),
        DOC_PATH
    );
    assert_eq!(
        uint_at(related, "/physicalLocation/region/startLine") as usize,
        CJK_LINE
    );
    assert_eq!(uint_at(related, "/physicalLocation/region/startColumn"), 6);
}

#[test]
fn sarif_uris_are_percent_encoded_only_where_needed() {
    assert_eq!(
        sarif::uri_path("sources/wsus-additional-resources/en-us.md"),
        "sources/wsus-additional-resources/en-us.md"
    );
    assert_eq!(
        sarif::uri_path("sources/my doc#1/100%/é.md"),
        "sources/my%20doc%231/100%25/%C3%A9.md"
    );
    assert_eq!(sarif::camel_case("hex-malformed"), "HexMalformed");
    assert_eq!(
        sarif::camel_case("table-header-unrecognized"),
        "TableHeaderUnrecognized"
    );
}

const WSUS: &str = "sources/wsus-additional-resources/en-us.md";

/// Fingerprints and start lines of the results, by fingerprint.
fn sarif_lines(project: &Project) -> BTreeMap<String, (String, u64)> {
    let sarif = sarif_of(project, &outcome_of(project));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let lines: BTreeMap<String, (String, u64)> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                str_at(r, "/partialFingerprints/errdocsFingerprint~1v1").to_string(),
                (
                    str_at(location, "/artifactLocation/uri").to_string(),
                    uint_at(location, "/region/startLine"),
                ),
            )
        })
        .collect();
    assert_eq!(lines.len(), results.len(), "fingerprints are unique");
    lines
}

#[test]
fn sarif_fingerprints_survive_a_line_shift() {
    let before_dir = bundled_copy_with(WSUS, |text| text);
    let after_dir = bundled_copy_with(WSUS, |text| {
        // A blank line right after the front matter (the second `---`).
        let mut seen = 0;
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            out.push_str(line);
            if line.trim_end() == "---" {
                seen += 1;
                if seen == 2 {
                    out.push('\n');
                }
            }
        }
        assert_eq!(seen, 2, "the file has front matter");
        out
    });
    let before = sarif_lines(&Project::load(before_dir.path()).unwrap());
    let after = sarif_lines(&Project::load(after_dir.path()).unwrap());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same fingerprints"
    );
    let mut shifted = 0;
    for (print, (file, line)) in &before {
        let (after_file, after_line) = &after[print];
        assert_eq!(file, after_file);
        if file == WSUS {
            assert_eq!(*after_line, line + 1, "{print} moved down a line");
            shifted += 1;
        } else {
            assert_eq!(after_line, line, "{print} in another file stays");
        }
    }
    assert!(shifted > 0, "{WSUS} has findings to shift");
}

// ---------------------------------------------------------------------------
// GitHub

#[test]
fn github_escapes_data_and_properties() {
    let mut tricky = finding(
        "hex-malformed",
        Severity::Error,
        at("sources/odd,name: 100%.md", 3, 7),
        "100% sure: a, b\nsecond line\r",
    );
    tricky.fix = full_finding().fix;
    let warning = finding("table-ragged-row", Severity::Warning, at("a.md", 1, 2), "w");
    let note = finding(
        "table-header-unrecognized",
        Severity::Note,
        at("a.md", 2, 1),
        "n",
    );
    let text = render_github(
        bundled(),
        &outcome(vec![tricky, warning, note], FailLevel::Error),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=sources/odd%2Cname%3A 100%25.md,line=3,col=7,title=errdocs hex-malformed::100%25 sure: a, b%0Asecond line%0D%0Afix: code `0x8024200` -> `0x80242000` (safe, high confidence)",
            "::warning file=a.md,line=1,col=2,title=errdocs table-ragged-row::w",
            "::notice file=a.md,line=2,col=1,title=errdocs table-header-unrecognized::n",
        ]
    );
    assert!(text.ends_with('\n'));
    assert_eq!(github::escape_data("%0A"), "%250A", "`%` is escaped first");
    assert_eq!(github::escape_property("a:b,c"), "a%3Ab%2Cc");
}

#[test]
fn step_summary_lists_every_finding_with_pipes_escaped() {
    let findings: Vec<Finding> = (1..=25)
        .map(|line| {
            finding(
                "table-ragged-row",
                Severity::Warning,
                at(DOC_PATH, line, 1),
                "cells `a|b`\nsplit",
            )
        })
        .collect();
    let summary = step_summary(bundled(), &outcome(findings, FailLevel::Warning));
    let rows: Vec<&str> = summary
        .lines()
        .filter(|l| l.starts_with(&format!("| {DOC_PATH}:")))
        .collect();
    assert_eq!(rows.len(), 25, "more than the ten annotations GitHub shows");
    assert_eq!(
        rows[0],
        // Page text shows as text: its backticks open no code span.
        "| sources/doc/en-us.md:1 | `table-ragged-row` | warning | cells &#96;a\\|b&#96;<br>split |"
    );
    assert!(summary.contains("| warning | 25 |"), "{summary}");
    assert!(
        summary.contains("| `table-ragged-row` | warning | 25 |"),
        "{summary}"
    );
    assert!(summary.contains("**Fails**"), "{summary}");
}

// ---------------------------------------------------------------------------
// Human

#[test]
fn human_colours_only_when_asked() {
    let (_dir, project) = crafted_project();
    let outcome = rich_outcome();
    let plain = render_human(&project, &outcome, false);
    let coloured = render_human(&project, &outcome, true);
    assert!(!plain.contains('\x1b'), "{plain}");
    assert!(coloured.contains("\x1b[31merror\x1b[0m"), "{coloured}");
    assert!(coloured.contains("\x1b[33mwarning\x1b[0m"), "{coloured}");
    assert!(coloured.contains("\x1b[36mnote\x1b[0m"), "{coloured}");
    assert!(
        coloured.contains("\x1b[2mhex-malformed\x1b[0m"),
        "{coloured}"
    );
    // Colour is decoration only: without the escapes the text is the same.
    let stripped = coloured
        .replace("\x1b[0m", "")
        .replace("\x1b[2m", "")
        .replace("\x1b[31m", "")
        .replace("\x1b[33m", "")
        .replace("\x1b[36m", "");
    assert_eq!(stripped, plain);
}

#[test]
fn human_shows_location_rule_fix_evidence_and_related() {
    let (_dir, project) = crafted_project();
    let text = render_human(&project, &rich_outcome(), false);
    assert!(
        text.starts_with(&format!("{DOC_PATH} (3 findings)\n\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{DOC_PATH}:{ROW_LINE}:4: error[hex-malformed]: code `0x8024200` has 7 hex digits\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "    fix: code `0x8024200` -> `0x80242000` (safe, high confidence)\n        the decimal column says -2145116160\n        WU_E_UH_REMOTEUNAVAILABLE is 0x80242000 in the WU family\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "    related: {DOC_PATH}:{CJK_LINE}:6: the same code in the prose\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("summary: 1 error, 1 warning, 1 note\n"),
        "{text}"
    );
    assert!(text.contains("suppressed: 2\n"), "{text}");
    assert!(text.contains("baselined: 3\n"), "{text}");
    assert!(
        text.contains(&format!(
            "fixed since baseline: hex-malformed {DOC_PATH}:40 code `0x8024` has 4 hex digits\n"
        )),
        "{text}"
    );
    assert!(
        text.ends_with("result: fails (1 finding at or above `error`, the fail-on level)\n"),
        "{text}"
    );
}

#[test]
fn human_caret_aligns_under_cjk_tabs_and_accents() {
    let (_dir, project) = crafted_project();
    let text = render_human(&project, &rich_outcome(), false);
    // 错误代码： are five wide characters: ten cells before `0`.
    assert!(
        text.contains(&format!(
            "     {CJK_LINE} | 错误代码：0x8024200 見る\n       | {}^\n",
            " ".repeat(10)
        )),
        "{text}"
    );
    // The tab is kept (the terminal's tab stops apply to both lines); é is
    // one cell.
    assert!(
        text.contains(&format!(
            "     {TAB_LINE} | Tab\there: é x\n       |    \t        ^\n"
        )),
        "{text}"
    );
    assert_eq!(human::caret_indent("错误x", 3), "    ");
    assert_eq!(human::caret_indent("ab", 3), "  ", "just past the end");
    assert_eq!(
        human::caret_indent("ab", 5),
        "  ",
        "further is just past too"
    );
    assert_eq!(human::caret_indent("ab", usize::MAX), "  ");
    assert_eq!(human::caret_indent("ab", 0), "", "column 0 is not a panic");
    assert!(human::is_wide('错') && human::is_wide('：') && human::is_wide('한'));
    assert!(!human::is_wide('é') && !human::is_wide('a'));
}

#[test]
fn human_skips_the_snippet_when_the_line_is_unknown() {
    let (_dir, project) = crafted_project();
    let outcome = outcome(
        vec![
            finding(
                "hex-malformed",
                Severity::Error,
                at("nowhere.md", 1, 1),
                "gone",
            ),
            finding(
                "hex-malformed",
                Severity::Error,
                at(DOC_PATH, 999, 1),
                "past the end",
            ),
        ],
        FailLevel::Never,
    );
    let text = render_human(&project, &outcome, false);
    assert!(!text.contains(" | "), "{text}");
    assert!(
        text.ends_with("result: passes (fail-on is `never`)\n"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// No findings

#[test]
fn no_findings_in_every_format() {
    let (_dir, project) = crafted_project();
    let empty = outcome(Vec::new(), FailLevel::Note);

    let text = render_human(&project, &empty, true);
    assert_eq!(
        text,
        "no findings\nsummary: 0 errors, 0 warnings, 0 notes\nresult: passes (no findings at or above `note`, the fail-on level)\n"
    );

    let data = parse(&render_json(&project, &empty));
    assert!(schema_validator().is_valid(&data));
    assert_eq!(data["findings"], serde_json::json!([]));
    assert_eq!(data["summary"]["by_rule"], serde_json::json!({}));
    assert_eq!(data["summary"]["fails"], false);

    let sarif = sarif_of(&project, &empty);
    check_sarif_structure(&sarif, &empty);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));

    assert_eq!(render_github(&project, &empty), "");
    let summary = step_summary(&project, &empty);
    assert!(summary.contains("No findings."), "{summary}");
    assert!(summary.contains("| error | 0 |"), "{summary}");
    assert!(!summary.contains("## Findings"), "{summary}");
}
