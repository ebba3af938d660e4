//! The diff's reports: JSON against its schema, findings introduced and
//! fixed, the Markdown parsed back with pulldown-cmark (GFM tables), the
//! Markdown size limit, and snapshots of the human and Markdown reports.

mod common;
mod diff_common;

use std::sync::Arc;

use diff_common::{human, json, markdown, pair};
use errdocs::diagnostic::{Finding, Severity};
use errdocs::diff::render::markdown::{MarkdownOptions, length};
use errdocs::diff::{self, FindingsDiff, FingerprintedFinding, Snapshot};
use errdocs::source::Location;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo_root().join("schema/diff.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema is valid")
}

fn assert_valid(report: &serde_json::Value) {
    let errors: Vec<String> = validator()
        .iter_errors(report)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

const CASES: [&str; 12] = [
    "added",
    "removed",
    "renamed",
    "code_changed",
    "moved",
    "reworded",
    "markup_only",
    "new_locale",
    "stale",
    "duplicates",
    "documents",
    "mixed",
];

#[test]
fn json_reports_match_their_schema() {
    for case in CASES {
        pair(case).with_diff(|diff| assert_valid(&json(diff)));
    }
    pair("findings").with_full_diff(|diff| {
        let report = json(diff);
        assert!(
            !report["findings"]["introduced"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_valid(&report);
    });
    assert_valid(&json(&diff::Diff::default()));
}

#[test]
fn json_reports_without_word_diffs_match_the_schema_too() {
    pair("stale").with_diff(|diff| {
        let mut bytes = Vec::new();
        let options = diff::render::json::JsonOptions { words: false };
        diff::render::json::write_with(diff, &mut bytes, &options).unwrap();
        let report: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(!String::from_utf8(bytes).unwrap().contains("words"));
        assert_valid(&report);
        // With them, every text change has its words.
        let report = json(diff);
        let fields = report["changes"][0]["fields"].as_array().unwrap();
        assert!(
            fields
                .iter()
                .all(|f| f["edit"] != "text" || f["words"].is_array())
        );
        assert!(report["stale_translations"][0]["source_words"].is_array());
    });
}

#[test]
fn the_schema_rejects_what_the_report_never_holds() {
    pair("mixed").with_diff(|diff| {
        let mut report = json(diff);
        report["changes"][0]["kind"] = "deleted".into();
        assert!(!validator().is_valid(&report));
        let mut report = json(diff);
        report["changes"][0]["code"] = "0x8024200".into();
        assert!(!validator().is_valid(&report));
    });
}

#[test]
fn the_json_report_has_the_issue_s_keys_in_a_fixed_order() {
    pair("mixed").with_diff(|diff| {
        let mut bytes = Vec::new();
        diff::render::json::write(diff, &mut bytes).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let keys = [
            "version",
            "summary",
            "documents",
            "changes",
            "stale_translations",
            "findings",
        ];
        // Top-level keys sit on their own lines, indented by two spaces.
        let at: Vec<usize> = keys
            .iter()
            .map(|k| text.find(&format!("\n  \"{k}\": ")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
        let report = json(diff);
        for key in ["added", "removed", "changed", "renamed", "moved"] {
            assert!(report["summary"][key].is_u64(), "summary.{key}");
        }
        let change = &report["changes"][0];
        for key in ["document", "code", "name", "kind", "fields"] {
            assert!(!change[key].is_null(), "changes[].{key}");
        }
        // Byte-identical when written again.
        let mut again = Vec::new();
        diff::render::json::write(diff, &mut again).unwrap();
        assert_eq!(bytes, again);
    });
}

fn finding(rule: &'static str, severity: Severity, file: &str, line: usize) -> Finding {
    Finding {
        rule,
        severity,
        location: Location {
            file: Arc::from(file),
            line,
            column: 1,
        },
        code: None,
        name: None,
        message: format!("{rule} at line {line}"),
        fix: None,
        related: Vec::new(),
        scope: None,
        waits_for: None,
    }
}

fn print(fingerprint: &str, finding: Finding) -> FingerprintedFinding {
    FingerprintedFinding {
        fingerprint: fingerprint.into(),
        finding,
        rows: Vec::new(),
    }
}

#[test]
fn findings_are_introduced_and_fixed_by_fingerprint() {
    let old = vec![
        print(
            "00000000000000a1",
            finding("decimal-mismatch", Severity::Error, "a.md", 10),
        ),
        print(
            "00000000000000b2",
            finding("doubled-word", Severity::Warning, "a.md", 20),
        ),
        print(
            "00000000000000c3",
            finding("name-case", Severity::Note, "a.md", 30),
        ),
        print(
            "00000000000000c3",
            finding("name-case", Severity::Note, "a.md", 31),
        ),
    ];
    let new = vec![
        // The same finding, lines later: not introduced, not fixed.
        print(
            "00000000000000b2",
            finding("doubled-word", Severity::Warning, "a.md", 25),
        ),
        print(
            "00000000000000c3",
            finding("name-case", Severity::Note, "a.md", 35),
        ),
        print(
            "00000000000000d4",
            finding("hex-malformed", Severity::Error, "b.md", 5),
        ),
        print(
            "00000000000000e5",
            finding("row-out-of-order", Severity::Note, "b.md", 7),
        ),
    ];
    let findings = FindingsDiff::compare(old, new);
    let prints = |list: &[FingerprintedFinding]| -> Vec<String> {
        list.iter().map(|f| f.fingerprint.clone()).collect()
    };
    assert_eq!(
        prints(&findings.introduced),
        ["00000000000000d4", "00000000000000e5"]
    );
    // One of the two c3 findings is gone: fixed once.
    assert_eq!(
        prints(&findings.fixed),
        ["00000000000000a1", "00000000000000c3"]
    );
    assert_eq!(findings.introduced_at_or_above(Severity::Error), 1);
    assert_eq!(findings.introduced_at_or_above(Severity::Warning), 1);
    assert_eq!(findings.introduced_at_or_above(Severity::Note), 2);

    let diff = diff::Diff::default().with_findings(findings);
    assert_eq!(diff.summary.findings_introduced, Some(2));
    assert_eq!(diff.summary.findings_fixed, Some(2));
    assert!(!diff.is_empty(), "a change of findings is a change");
    let report = json(&diff);
    assert_eq!(report["findings"]["introduced"][0]["rule"], "hex-malformed");
    assert_eq!(
        report["findings"]["introduced"][0]["fingerprint"],
        "00000000000000d4"
    );
    assert_valid(&report);
}

#[test]
fn a_change_that_breaks_one_row_and_mends_another_introduces_and_fixes_findings() {
    // Old: a hex code missing a digit. New: that code mended, and "the the"
    // written in another row.
    pair("findings").with_full_diff(|diff| {
        let rules = |list: &[FingerprintedFinding]| -> Vec<&str> {
            list.iter().map(|f| f.finding.rule).collect()
        };
        let introduced = rules(&diff.findings.introduced);
        let fixed = rules(&diff.findings.fixed);
        assert!(introduced.contains(&"doubled-word"), "{introduced:?}");
        assert!(fixed.contains(&"hex-malformed"), "{fixed:?}");
        assert!(!introduced.contains(&"hex-malformed"), "{introduced:?}");
        assert!(diff.findings.introduced_at_or_above(Severity::Warning) >= 1);
    });
}

/// Every table row has the header's column count (counted on the raw
/// line, since parsers pad short rows); every HTML tag is one the report
/// writes; `<details>` are balanced. Returns the text of every table cell.
fn check_markdown(markdown: &str) -> Vec<String> {
    const ALLOWED: [&str; 6] = ["details", "summary", "code", "br", "del", "ins"];
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut cells = Vec::new();
    let mut columns = 0;
    let mut tables = 0;
    let mut cell: Option<String> = None;
    let (mut opened, mut closed) = (0, 0);
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                columns = alignments.len();
            }
            Event::Start(Tag::TableHead) => {
                assert_eq!(raw_cells(&markdown[range.clone()]), columns, "header");
            }
            Event::Start(Tag::TableRow) => {
                let row = &markdown[range.clone()];
                assert_eq!(raw_cells(row), columns, "row {row:?}");
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(cell.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&text);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in html.split('<').skip(1) {
                    let name: String = tag
                        .trim_start_matches('/')
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect();
                    assert!(
                        ALLOWED.contains(&name.as_str()),
                        "HTML <{tag} in the report: {html:?}"
                    );
                    if tag.starts_with("details") {
                        opened += 1;
                    } else if tag.starts_with("/details") {
                        closed += 1;
                    }
                }
            }
            _ => {}
        }
    }
    assert_eq!(opened, closed, "unbalanced <details>");
    assert!(tables > 0);
    cells
}

/// The cells of a raw table line: its unescaped pipes, less one.
fn raw_cells(row: &str) -> usize {
    let row = row.lines().next().unwrap_or("");
    let mut pipes = 0;
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => pipes += 1,
            _ => {}
        }
    }
    pipes - 1
}

#[test]
fn the_markdown_report_parses_back_with_page_text_kept_as_text() {
    pair("mixed").with_full_diff(|diff| {
        let report = markdown(diff);
        let cells = check_markdown(&report);
        // The page's pipe, tag and backticks are text in their cell.
        assert!(
            cells
                .iter()
                .any(|c| c.contains("service was <b>exceeded</b>.")),
            "{cells:#?}"
        );
        assert!(cells.iter().any(|c| c.contains("not valid & was refused")));
        assert!(length(&report) <= 65_536);
    });
    for case in CASES {
        pair(case).with_diff(|diff| {
            check_markdown(&markdown(diff));
        });
    }
}

/// The bundled dataset against itself with every source description
/// reworded (translations left as they were), `findings` findings
/// introduced: far more than a comment holds.
fn large_change(findings: usize, f: impl FnOnce(&diff::Diff)) {
    let project = common::bundled();
    let old = Snapshot::from_dataset(&project.dataset);
    let mut new = old.clone();
    for record in &mut new.records {
        for description in &mut record.descriptions {
            if &*description.locale == "en-US" {
                description.text = Arc::from(format!(
                    "Now: {} | <i>{}</i>",
                    description.text, record.name
                ));
            }
        }
    }
    let introduced = (0..findings)
        .map(|i| {
            print(
                &format!("{i:016x}"),
                finding(
                    "doubled-word",
                    Severity::Warning,
                    "sources/x/en-us.md",
                    i + 1,
                ),
            )
        })
        .collect();
    let diff =
        diff::compare(&old, &new).with_findings(FindingsDiff::compare(Vec::new(), introduced));
    f(&diff)
}

#[test]
fn a_report_over_the_limit_is_cut_cleanly_and_says_so() {
    large_change(2_000, |diff| {
        assert_eq!(diff.changes.len(), common::bundled().dataset.records.len());
        assert!(diff.stale_translations.len() > 600);
        let mut bytes = Vec::new();
        let outcome =
            diff::render::markdown::write(diff, &mut bytes, &MarkdownOptions::default()).unwrap();
        let report = String::from_utf8(bytes).unwrap();
        assert_eq!(outcome.length, length(&report));
        assert!(outcome.length <= 65_536, "{}", outcome.length);
        assert!(
            outcome.length > 60_000,
            "the room is used: {}",
            outcome.length
        );
        check_markdown(&report);
        // Every section had room: records, stale translations, findings.
        assert!(report.contains("### Stale translations"));
        assert!(report.contains("### Findings"));
        let omitted = outcome.omitted;
        assert!(omitted.changes > 0 && omitted.stale_translations > 0 && omitted.findings > 0);
        // What is shown plus what is counted as left out is everything.
        let shown_changes = report
            .lines()
            .filter(|l| l.starts_with("| 0x") && l.contains("| description (en-US) |"))
            .count();
        assert_eq!(shown_changes + omitted.changes, diff.changes.len());
        let note = report.lines().last().unwrap();
        assert!(
            note.starts_with("**This report was cut to 65,536 characters**")
                && note.contains(&format!("{} record changes", omitted.changes))
                && note.contains(&format!("{} findings", omitted.findings))
                && note.contains("`errdocs diff --format json` reports everything"),
            "{note}"
        );
    });
}

#[test]
fn a_small_limit_still_gives_a_whole_report() {
    large_change(3, |diff| {
        for limit in [2_500, 6_000, 20_000] {
            let options = MarkdownOptions {
                limit,
                ..MarkdownOptions::default()
            };
            let mut bytes = Vec::new();
            let outcome = diff::render::markdown::write(diff, &mut bytes, &options).unwrap();
            let report = String::from_utf8(bytes).unwrap();
            assert!(outcome.length <= limit, "{} > {limit}", outcome.length);
            check_markdown(&report);
            assert!(report.contains("not shown"));
            // Three findings are small: they fit once there is room for
            // more than the counts.
            if limit > 2_500 {
                assert_eq!(outcome.omitted.findings, 0, "limit {limit}");
            }
        }
    });
}

#[test]
fn a_report_under_the_limit_is_whole() {
    pair("mixed").with_full_diff(|diff| {
        let mut bytes = Vec::new();
        let outcome =
            diff::render::markdown::write(diff, &mut bytes, &MarkdownOptions::default()).unwrap();
        assert!(outcome.omitted.is_empty());
        assert!(!String::from_utf8(bytes).unwrap().contains("not shown"));
    });
}

#[test]
fn snapshot_human_mixed() {
    pair("mixed").with_full_diff(|diff| insta::assert_snapshot!(human(diff)));
}

#[test]
fn snapshot_markdown_mixed() {
    pair("mixed").with_full_diff(|diff| insta::assert_snapshot!(markdown(diff)));
}

#[test]
fn colour_is_only_on_when_asked_and_page_text_cannot_drive_the_terminal() {
    let project = common::bundled();
    let old = Snapshot::from_dataset(&project.dataset);
    let mut new = old.clone();
    new.records[0].descriptions[0].text = Arc::from("Evil \u{1b}[2J text\nsecond line");
    let diff = diff::compare(&old, &new);
    let plain = human(&diff);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(
        plain.contains("\\u{1b}[2J") && plain.contains("\\n"),
        "{plain}"
    );
    let mut coloured = Vec::new();
    diff::render::human::write(
        &diff,
        &mut coloured,
        diff::render::human::HumanOptions { colour: true },
    )
    .unwrap();
    let coloured = String::from_utf8(coloured).unwrap();
    assert!(coloured.contains("\u{1b}[31m") && coloured.contains("\u{1b}[32m"));
    assert!(!coloured.contains("\u{1b}[2J"));
}

/// Six rows of an English table, and the German page with the
/// descriptions of `translated` rows translated (the others left in
/// English), under `header`.
fn untranslated_pair_side(translated: usize, header: &str) -> tempfile::TempDir {
    untranslated_pair_side_after(translated, header, "")
}

/// As [`untranslated_pair_side`], with `intro` before the English table
/// (which moves its rows, and the line each German row's finding names).
fn untranslated_pair_side_after(translated: usize, header: &str, intro: &str) -> tempfile::TempDir {
    const ROWS: [(&str, &str, &str, &str); 6] = [
        (
            "0x80240001",
            "WU_E_NO_SERVICE",
            "The agent could not provide the service.",
            "Der Agent konnte den Dienst nicht bereitstellen.",
        ),
        (
            "0x80240002",
            "WU_E_MAX_CAPACITY_REACHED",
            "The maximum capacity of the service was exceeded.",
            "Die maximale Kapazität des Dienstes wurde überschritten.",
        ),
        (
            "0x80240003",
            "WU_E_UNKNOWN_ID",
            "An ID cannot be found anywhere.",
            "Eine ID wurde nirgends gefunden.",
        ),
        (
            "0x80240004",
            "WU_E_NOT_INITIALIZED",
            "The object could not be initialized properly.",
            "Das Objekt konnte nicht richtig initialisiert werden.",
        ),
        (
            "0x80240005",
            "WU_E_RANGEOVERLAP",
            "The update handler requested a byte range overlapping.",
            "Der Updatehandler hat einen überlappenden Bytebereich angefordert.",
        ),
        (
            "0x80240006",
            "WU_E_TOOMANYRANGES",
            "The requested number of byte ranges exceeds the maximum.",
            "Die angeforderte Anzahl der Bytebereiche übersteigt das Maximum.",
        ),
    ];
    let page = |header: &str, german: usize, intro: &str| {
        let mut page = format!("# Codes\n\n{intro}{header}\n|---|---|---|\n");
        for (i, (code, name, english, deutsch)) in ROWS.iter().enumerate() {
            let text = if i < german { deutsch } else { english };
            page.push_str(&format!("|{code}|{name}|{text}|\n"));
        }
        page
    };
    let english = page("|Error code|Name|Description|", 0, intro);
    let german = page(header, translated, "");
    common::project_with(&[
        ("sources/doc/en-us.md", english.as_bytes()),
        ("sources/doc/de-de.md", german.as_bytes()),
    ])
}

/// The findings diff of two sides made by [`untranslated_pair_side`].
fn untranslated_diff(old: (usize, &str), new: (usize, &str)) -> FindingsDiff {
    let old = untranslated_pair_side(old.0, old.1);
    let new = untranslated_pair_side(new.0, new.1);
    let load = |dir: &tempfile::TempDir| {
        diff_common::fingerprinted(&errdocs::Project::load(dir.path()).expect("loads"))
    };
    FindingsDiff::compare(load(&old), load(&new))
}

fn said(list: &[FingerprintedFinding]) -> Vec<String> {
    list.iter()
        .map(|f| format!("{}: {}", f.finding.rule, f.finding.message))
        .collect()
}

#[test]
fn a_table_said_once_is_compared_row_by_row_when_the_source_page_moves() {
    const HEADER: &str = "|Error code|Name|Description|";
    let row = |name: &str, line: usize| {
        format!(
            "translation-untranslated: the de-DE description of {name} is the source text, untranslated (sources/doc/en-us.md:{line})"
        )
    };
    let load = |translated: usize, intro: &str| {
        let dir = untranslated_pair_side_after(translated, HEADER, intro);
        diff_common::fingerprinted(&errdocs::Project::load(dir.path()).expect("loads"))
    };
    // A paragraph added above the English table moves the source rows,
    // which every German row's message names: the rows were compared by
    // message, so the table's finding was fixed and introduced whole.
    let intro = "Codes the agent returns.\n\n";
    let diff = FindingsDiff::compare(load(0, ""), load(1, intro));
    assert_eq!(said(&diff.introduced), Vec::<String>::new());
    assert_eq!(said(&diff.fixed), [row("WU_E_NO_SERVICE", 5)]);
    // Row findings on one side (too few to be said once), the table's
    // finding on the other: the rows on both are neither.
    let diff = FindingsDiff::compare(load(2, ""), load(0, intro));
    assert_eq!(
        said(&diff.introduced),
        [
            row("WU_E_NO_SERVICE", 7),
            row("WU_E_MAX_CAPACITY_REACHED", 8)
        ]
    );
    assert_eq!(said(&diff.fixed), Vec::<String>::new());
}

#[test]
fn a_table_said_once_is_compared_row_by_row() {
    const HEADER: &str = "|Error code|Name|Description|";
    const UNTRANSLATED: &str = "translation-untranslated";
    let row = |name: &str, line: usize| {
        format!(
            "{UNTRANSLATED}: the de-DE description of {name} is the source text, untranslated (sources/doc/en-us.md:{line})"
        )
    };
    // Two rows of six translated: the table's one finding becomes four row
    // findings, which were there before. Two rows fixed, nothing new.
    let diff = untranslated_diff((0, HEADER), (2, HEADER));
    assert_eq!(said(&diff.introduced), Vec::<String>::new());
    assert_eq!(
        said(&diff.fixed),
        [
            row("WU_E_NO_SERVICE", 5),
            row("WU_E_MAX_CAPACITY_REACHED", 6)
        ]
    );
    for fixed in &diff.fixed {
        assert!(
            fixed.fingerprint.len() == 16
                && fixed.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()),
            "{}",
            fixed.fingerprint
        );
    }
    assert_eq!(diff.introduced_at_or_above(Severity::Note), 0);

    // The other way: two rows untranslated again.
    let diff = untranslated_diff((2, HEADER), (0, HEADER));
    assert_eq!(
        said(&diff.introduced),
        [
            row("WU_E_NO_SERVICE", 5),
            row("WU_E_MAX_CAPACITY_REACHED", 6)
        ]
    );
    assert_eq!(said(&diff.fixed), Vec::<String>::new());

    // A table newly left untranslated is one finding, whole.
    let diff = untranslated_diff((6, HEADER), (0, HEADER));
    assert_eq!(diff.introduced.len(), 1, "{:?}", said(&diff.introduced));
    assert!(
        diff.introduced[0]
            .finding
            .message
            .starts_with("6 of 6 descriptions"),
        "{:?}",
        said(&diff.introduced)
    );
    assert_eq!(said(&diff.fixed), Vec::<String>::new());

    // The table's header translated, the table's finding otherwise the
    // same: its line's text changed, not the finding.
    let diff = untranslated_diff((0, HEADER), (0, "|Fehlercode|Name|Beschreibung|"));
    assert_eq!(said(&diff.introduced), Vec::<String>::new());
    assert_eq!(said(&diff.fixed), Vec::<String>::new());

    // Header translated and a row translated too: one row fixed.
    let diff = untranslated_diff((0, HEADER), (1, "|Fehlercode|Name|Beschreibung|"));
    assert_eq!(said(&diff.introduced), Vec::<String>::new());
    assert_eq!(said(&diff.fixed), [row("WU_E_NO_SERVICE", 5)]);
}

/// The findings diff of two projects given as their files.
fn findings_diff(old: &[(&str, &str)], new: &[(&str, &str)]) -> FindingsDiff {
    let side = |files: &[(&str, &str)]| {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
        let dir = common::project_with(&files);
        diff_common::fingerprinted(&errdocs::Project::load(dir.path()).expect("loads"))
    };
    FindingsDiff::compare(side(old), side(new))
}

/// A slip fixed on one row and the same slip made on another row is one
/// finding fixed and one introduced, even where the message does not name
/// the row: only the rows of a table's one finding are paired by message.
#[test]
fn the_same_slip_moved_to_another_row_is_fixed_and_introduced() {
    let page = |first: &str, second: &str| {
        format!(
            "# Codes\n\n|Error code|Name|Description|\n|---|---|---|\n|0x80240001|WU_E_NO_SERVICE|{first}|\n|0x80240002|WU_E_MAX_CAPACITY_REACHED|{second}|\n"
        )
    };
    let old = page(
        "The the agent could not provide the service.",
        "The maximum capacity was exceeded.",
    );
    let new = page(
        "The agent could not provide the service.",
        "The the maximum capacity was exceeded.",
    );
    let diff = findings_diff(
        &[("sources/doc/en-us.md", &old)],
        &[("sources/doc/en-us.md", &new)],
    );
    let doubled = |list: &[FingerprintedFinding]| {
        list.iter()
            .filter(|f| f.finding.rule == "doubled-word")
            .filter_map(|f| f.finding.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(doubled(&diff.introduced), ["WU_E_MAX_CAPACITY_REACHED"]);
    assert_eq!(doubled(&diff.fixed), ["WU_E_NO_SERVICE"]);
}

/// A table's one finding whose rows' messages name a source line that
/// moved (a paragraph added above the source table) is the same finding.
#[test]
fn a_table_said_once_is_unchanged_when_the_source_moves() {
    let rows = "|0x80240001|WU_E_NO_SERVICE|The agent could not provide the service.|\n\
                |0x80240002|WU_E_MAX_CAPACITY_REACHED|The maximum capacity was exceeded.|\n\
                |0x80240003|WU_E_UNKNOWN_ID|An ID cannot be found anywhere.|\n\
                |0x80240004|WU_E_NOT_INITIALIZED|The object could not be initialized.|\n\
                |0x80240005|WU_E_RANGEOVERLAP|The handler requested overlapping ranges.|\n\
                |0x80240006|WU_E_TOOMANYRANGES|The number of ranges exceeds the maximum.|\n";
    let table = format!("|Error code|Name|Description|\n|---|---|---|\n{rows}");
    let english = format!("# Codes\n\n{table}");
    let moved = format!("# Codes\n\nA paragraph added above the table.\n\n{table}");
    let german = format!("# Codes\n\n{table}");
    let diff = findings_diff(
        &[
            ("sources/doc/en-us.md", &english),
            ("sources/doc/de-de.md", &german),
        ],
        &[
            ("sources/doc/en-us.md", &moved),
            ("sources/doc/de-de.md", &german),
        ],
    );
    let untranslated = |list: &[FingerprintedFinding]| {
        list.iter()
            .filter(|f| f.finding.rule == "translation-untranslated")
            .count()
    };
    assert_eq!(
        (untranslated(&diff.introduced), untranslated(&diff.fixed)),
        (0, 0),
        "{:#?}",
        said(&diff.introduced)
    );
}

/// A dataset file holds no findings: a diff with one says they were not
/// compared, in every format, rather than `0 introduced, 0 fixed`, which
/// reads as none. The JSON's counts are `null`, as its schema allows.
#[test]
fn findings_a_dataset_file_cannot_hold_are_said_not_compared() {
    let page = b"# Codes\n\n|Error code|Name|Description|\n|---|---|---|\n\
                 |0x80240001|WU_E_NO_SERVICE|The agent could not provide the service.|\n";
    let dir = common::project_with(&[("sources/doc/en-us.md", page)]);
    let root = dir.path().to_str().expect("utf-8 path");
    let built = common::errdocs(&["--root", root, "build"]);
    assert!(built.status.success(), "{built:?}");
    // A change, so that the reports have a summary.
    std::fs::write(
        dir.path().join("sources/doc/en-us.md"),
        String::from_utf8_lossy(page).replace("could not", "cannot"),
    )
    .expect("page written");
    let dataset = dir.path().join("out/error-codes.json");
    let dataset = dataset.to_str().expect("utf-8 path");
    let run = |format: &str| {
        let output = common::errdocs(&["diff", "--format", format, dataset, root]);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let human = run("human");
    assert!(
        human.contains("findings: not compared (a dataset file holds none)"),
        "{human}"
    );
    assert!(!human.contains("0 introduced"), "{human}");
    assert!(run("markdown").contains("| findings introduced / fixed | not compared"));
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    assert!(validator().is_valid(&json), "{json}");
    assert_eq!(
        json["summary"]["findings_introduced"],
        serde_json::Value::Null
    );
    assert_eq!(json["summary"]["findings_fixed"], serde_json::Value::Null);
}
