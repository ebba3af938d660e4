//! Every rule has a failing and a passing fixture (under tests/fixtures/),
//! and a clean document raises no finding at all.

mod common;

use common::project_with;
use errdocs::Project;
use errdocs::check;
use errdocs::diagnostic::{Applicability, Finding};

const HEADER: &str = "# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n";
const HTML_HEADER: &str = "# Codes\n\n<table>\n<tr><td><strong>Hexadecimal Error Code</strong></td><td><strong>Decimal Error Code</strong></td><td><strong>Error String</strong></td><td><strong>Description</strong></td></tr>\n";

/// A Markdown document: the table header, then `rows` (each a pipe row).
fn md(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

/// An HTML table with a decimal column; each row is (hex, decimal, name,
/// description), one `<tr>` per line.
fn html(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut text = String::from(HTML_HEADER);
    for (hex, dec, name, desc) in rows {
        text.push_str(&format!(
            "<tr><td>{hex}</td><td>{dec}</td><td>{name}</td><td>{desc}</td></tr>\n"
        ));
    }
    text.push_str("</table>\n");
    text
}

fn findings_of(files: &[(&str, String)]) -> Vec<Finding> {
    let owned: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let dir = project_with(&owned);
    let project = Project::load(dir.path()).expect("fixture loads");
    project.evaluate().findings
}

fn single(text: String) -> Vec<(&'static str, String)> {
    vec![("sources/doc/en-us.md", text)]
}

/// What a rule's findings say, for its snapshot: place, severity,
/// message, what it is about, the fix with its evidence, and the related
/// places.
fn describe(findings: &[&Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{}: {} [{}]\n  {}\n",
            f.location.file, f.location.line, f.location.column, f.severity, f.rule, f.message
        ));
        if f.code.is_some() || f.name.is_some() {
            out.push_str(&format!(
                "  about: {} {}\n",
                f.code.as_deref().unwrap_or("-"),
                f.name.as_deref().unwrap_or("-")
            ));
        }
        if let Some(fix) = &f.fix {
            out.push_str(&format!(
                "  fix: {} `{}` -> `{}` ({} confidence, {})\n",
                fix.field,
                fix.from,
                fix.to,
                fix.confidence.as_str(),
                fix.applicability
            ));
            for evidence in &fix.evidence {
                out.push_str(&format!("    evidence: {evidence}\n"));
            }
        }
        for related in &f.related {
            out.push_str(&format!(
                "  related: {}:{}:{}: {}\n",
                related.location.file,
                related.location.line,
                related.location.column,
                related.message
            ));
            if let Some(fix) = &related.fix {
                out.push_str(&format!(
                    "    fix: {} `{}` -> `{}` ({} confidence, {})\n",
                    fix.field,
                    fix.from,
                    fix.to,
                    fix.confidence.as_str(),
                    fix.applicability
                ));
            }
        }
    }
    out
}

/// Each rule has `tests/fixtures/<rule-id>/fail/` and `pass/`, two small
/// projects: the failing one raises the rule (its findings, message, line,
/// column and fix, are pinned by a snapshot), the passing one does not.
#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let fixtures = common::repo_root().join("tests/fixtures");
    for rule in check::registry() {
        let dir = fixtures.join(rule.id);
        let load = |kind: &str| {
            let root = dir.join(kind);
            assert!(
                root.is_dir(),
                "rule {} has no fixture {}",
                rule.id,
                root.display()
            );
            Project::load(&root)
                .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
                .evaluate()
                .findings
        };
        let found = load("fail");
        let hits: Vec<&Finding> = found.iter().filter(|f| f.rule == rule.id).collect();
        assert!(
            !hits.is_empty(),
            "{}: the failing fixture raised nothing: {found:#?}",
            rule.id
        );
        insta::assert_snapshot!(rule.id, describe(&hits));
        let found = load("pass");
        let hits: Vec<&Finding> = found.iter().filter(|f| f.rule == rule.id).collect();
        assert!(
            hits.is_empty(),
            "{}: the passing fixture raised {hits:#?}",
            rule.id
        );
    }
}

/// A document in both table formats, with a translation, and nothing wrong.
#[test]
fn a_clean_document_raises_nothing() {
    let source = format!(
        "---\ntitle: Codes\nms.contentlocale: en-US\n---\n{}\n{}",
        md(&[
            "|**0x80CF0001**|OM_E_NO_SERVICE|The agent could not provide the service.|",
            "|**0x80CF0002**|OM_E_MAX_CAPACITY_REACHED|The maximum capacity was exceeded, see **OM_E_PT_&#42;**.|",
        ]),
        html(&[
            (
                "0x80070005",
                "-2147024891",
                "E_ACCESSDENIED",
                "Access denied."
            ),
            (
                "0x80070057",
                "-2147024809",
                "E_INVALIDARG",
                "An argument is\n<strong>invalid</strong>."
            ),
        ])
    );
    let translation = format!(
        "---\ntitle: Codes\nms.contentlocale: de-DE\n---\n{}\n{}",
        "# Codes\n\n|Fehlercode|Symbolischer Name|Weitere Informationen|\n|---|---|---|\n|**0x80CF0001**|OM_E_NO_SERVICE|Der Agent konnte den Dienst nicht bereitstellen.|\n|**0x80CF0002**|OM_E_MAX_CAPACITY_REACHED|Die maximale Kapazität wurde überschritten, siehe **OM_E_PT_&#42;**.|\n",
        html(&[
            (
                "0x80070005",
                "-2147024891",
                "E_ACCESSDENIED",
                "Zugriff verweigert."
            ),
            (
                "0x80070057",
                "-2147024809",
                "E_INVALIDARG",
                "Ein Argument ist ungültig."
            ),
        ])
    );
    let found = findings_of(&[
        ("sources/doc/en-us.md", source),
        ("sources/doc/de-de.md", translation),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn suppressions_silence_lines_rows_and_ranges() {
    let bad_row = "<tr><td>0x80070057</td><td>2147942487</td><td>E_INVALIDARG</td><td>An argument is invalid.</td></tr>";
    // A comment before a multi-line <tr> covers the whole row.
    let text = format!(
        "{HTML_HEADER}<!-- errdocs-disable-next-line decimal-mismatch -->\n<tr>\n<td>0x80070057</td>\n<td>2147942487</td>\n<td>E_INVALIDARG</td><td>An argument is invalid.</td>\n</tr>\n</table>\n"
    );
    assert!(findings_of(&single(text)).is_empty());
    // A range.
    let text = format!(
        "{HTML_HEADER}<!-- errdocs-disable decimal-mismatch -->\n{bad_row}\n<!-- errdocs-enable decimal-mismatch -->\n</table>\n"
    );
    assert!(findings_of(&single(text)).is_empty());
    // The same line, for pipe tables, where a comment line would end the table.
    let text =
        md(&["|0x80cf0001|OM_E_NO_SERVICE| <!-- errdocs-disable-line description-empty -->|"]);
    assert!(findings_of(&single(text)).is_empty());
    // Text that only shows the syntax silences nothing: in a fenced or an
    // indented code block, or in a code span.
    let bad = md(&["|0x80cf0001|OM_E_NO_SERVICE| |"]);
    for shown in [
        "```markdown\n<!-- errdocs-disable -->\n```\n\n",
        "    <!-- errdocs-disable -->\n\n",
        "Write `<!-- errdocs-disable -->` to silence every rule.\n\n",
    ] {
        let found = findings_of(&single(format!("{shown}{bad}")));
        assert!(
            found.iter().any(|f| f.rule == "description-empty"),
            "{shown:?} silenced: {found:#?}"
        );
    }
    // Rule ids may be separated by commas.
    let text = format!(
        "<!-- errdocs-disable description-empty, name-case -->\n\n{}",
        md(&["|0x80cf0001|Om_E_No_Service| |"])
    );
    let found = findings_of(&single(text));
    assert!(
        !found
            .iter()
            .any(|f| f.rule == "description-empty" || f.rule == "name-case"),
        "{found:#?}"
    );
    // An unknown rule id is reported.
    let text = format!(
        "<!-- errdocs-disable-next-line no-such-rule -->\n{}",
        md(&["|0x80CF0001|OM_E_NO_SERVICE|Fine.|"])
    );
    let found = findings_of(&single(text));
    assert!(
        found.iter().any(|f| f.rule == "suppression-unused"
            && f.message.contains("`no-such-rule` is not a rule id")),
        "{found:#?}"
    );
}

#[test]
fn configuration_changes_severities_and_turns_rules_off() {
    let doc = md(&["|0x000005D5|NULL|Something failed.|"]);
    let files = |config: &str| {
        vec![
            ("sources/doc/en-us.md", doc.clone()),
            ("errdocs.toml", config.to_string()),
        ]
    };
    let found = findings_of(&files("[rules]\nname-placeholder = \"warning\"\n"));
    let placeholder = found
        .iter()
        .find(|f| f.rule == "name-placeholder")
        .expect("reported");
    assert_eq!(placeholder.severity, errdocs::diagnostic::Severity::Warning);
    let found = findings_of(&files("[rules]\nname-placeholder = \"off\"\n"));
    assert!(!found.iter().any(|f| f.rule == "name-placeholder"));
}

/// A rule that fires on most rows of a table says it once, at the table,
/// with every row among its related places (and the coverage matrix still
/// counts each row).
#[test]
fn a_table_left_untranslated_is_said_once() {
    let rows: Vec<String> = (1..=8)
        .map(|i| format!("|0x8024000{i}|WU_E_CODE_{i}|The agent failed in way number {i}.|"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let english = md(&rows);
    let german = english.replace("# Codes", "# Codes (de)");
    let files = [
        ("sources/doc/en-us.md", english),
        ("sources/doc/de-de.md", german),
    ];
    let owned: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let dir = project_with(&owned);
    let project = Project::load(dir.path()).expect("loads");
    let evaluation = project.evaluate();
    let untranslated: Vec<&Finding> = evaluation
        .findings
        .iter()
        .filter(|f| f.rule == "translation-untranslated")
        .collect();
    assert_eq!(untranslated.len(), 1, "{untranslated:#?}");
    let finding = untranslated[0];
    assert_eq!(finding.location.line, 3, "at the table");
    assert!(
        finding.message.starts_with("8 of 8 descriptions in table"),
        "{}",
        finding.message
    );
    assert_eq!(finding.related.len(), 8);
    let matrix = &evaluation.coverage[0];
    assert_eq!(
        matrix.counts["de-DE"][&errdocs::check::CoverageState::Differs],
        8
    );
    // Fewer rows are said one by one.
    let few = md(&rows[..3]);
    let files = [
        ("sources/doc/en-us.md", few.clone()),
        ("sources/doc/de-de.md", few),
    ];
    let owned: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let dir = project_with(&owned);
    let findings = Project::load(dir.path())
        .expect("loads")
        .evaluate()
        .findings;
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule == "translation-untranslated")
            .count(),
        3
    );
}

/// A description that a `rowspan` shares between rows, or that the codes
/// of one cell share, is one text: a rule about its words reports it once,
/// at the cell that holds it, not once per row.
#[test]
fn a_shared_description_is_reported_once_at_its_cell() {
    let page = "# Codes\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
        <tr><td>0x80240001</td><td>WU_E_A</td><td rowspan=\"3\">The the update failed; see OM_E_AU *.</td></tr>\n\
        <tr><td>0x80240002</td><td>WU_E_B</td></tr>\n\
        <tr><td>0x80240003</td><td>WU_E_C</td></tr>\n\
        <tr><td>0x80240004</td><td>WU_E_D</td><td rowspan=\"2\"></td></tr>\n\
        <tr><td>0x80240005</td><td>WU_E_E</td></tr>\n\
        </table>\n\n\
        | Code | Name | Description |\n|---|---|---|\n\
        | 0x80240006<br>0x80240007 | WU_E_F | It is is gone. |\n";
    let found = findings_of(&single(page.to_string()));
    let at = |rule: &str| -> Vec<(usize, usize)> {
        found
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.location.line, f.location.column))
            .collect()
    };
    // Each at the cell holding the text: line 5 (the rowspan's cell),
    // line 8 (the empty one), line 14 (the pipe table's cell).
    assert_eq!(at("doubled-word"), [(5, 55), (14, 38)], "{found:#?}");
    assert_eq!(at("identifier-reference-malformed"), [(5, 55)]);
    assert_eq!(at("description-empty").len(), 1, "{found:#?}");
    assert!(!found.iter().any(|f| f.rule == "duplicate-description"));
}

/// A translated description shared by a `rowspan`, as in its source, is
/// compared with the source once.
#[test]
fn a_shared_translated_description_is_compared_once() {
    let page = |description: &str| {
        format!(
            "# Codes\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
            <tr><td>0x80240001</td><td>WU_E_A</td><td rowspan=\"3\">{description}</td></tr>\n\
            <tr><td>0x80240002</td><td>WU_E_B</td></tr>\n\
            <tr><td>0x80240003</td><td>WU_E_C</td></tr>\n\
            </table>\n"
        )
    };
    let found = findings_of(&[
        (
            "sources/doc/en-us.md",
            page("The agent failed; see WU_E_OTHER."),
        ),
        (
            "sources/doc/de-de.md",
            page("Der Agent ist fehlgeschlagen."),
        ),
    ]);
    let tokens: Vec<_> = found
        .iter()
        .filter(|f| f.rule == "translation-token-mismatch")
        .collect();
    assert_eq!(tokens.len(), 1, "{tokens:#?}");
    assert_eq!(tokens[0].location.line, 5);
}

/// A name cell that rows share (the codes of one cell) is spelt once: its
/// case is reported once, at the cell.
#[test]
fn a_shared_name_in_the_wrong_case_is_reported_once() {
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80240001<br>0x80240002 | Wu_E_No_Service | The agent failed. |\n\
        | 0x80240003 | wu_e_unknown_id | Unknown. |\n";
    let found = findings_of(&single(page.to_string()));
    let lines: Vec<usize> = found
        .iter()
        .filter(|f| f.rule == "name-case")
        .map(|f| f.location.line)
        .collect();
    assert_eq!(lines, [5, 6], "{found:#?}");
}

/// The messages of `rule`'s findings among `found`, in order, without
/// their lines (see [`messages_of`]).
fn rule_messages<'f>(found: &'f [Finding], rule: &str) -> Vec<&'f str> {
    found
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.as_str())
        .collect()
}

/// The messages of one rule's findings, by line.
fn messages_of(found: &[Finding], rule: &str) -> Vec<(usize, String)> {
    found
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.location.line, f.message.clone()))
        .collect()
}

/// Descriptions with the numbers, codes and links a translation must keep.
const TOKENS_SOURCE: &[&str] = &[
    "|0x80070005|E_ACCESSDENIED|Same as `ERROR_ACCESS_DENIED` (5). See [access control](https://learn.microsoft.com/en-us/windows/win32/secauthz/access-control). Try again in 5 minutes.|",
    "|0x8007000E|E_OUTOFMEMORY|The file is larger than 4,294,967,295 bytes.|",
    "|0x80070057|E_INVALIDARG|One or more arguments are invalid. See [arguments](/windows/win32/args).|",
    "|0x80004004|E_ABORT|The operation was aborted after 2.5 seconds.|",
    "|0x80004005|E_FAIL|Wait 30 seconds. Same as 0x80070005.|",
];

/// Ordinary localisation (after /tmp/unseen/p9 and p17): numbers in the
/// locale's format or full-width digits, a small number in digits where the
/// source spells it out or the other way round, and links to the
/// translation's locale of the same page, raise no token mismatch.
#[test]
fn ordinary_localisation_is_no_token_mismatch() {
    let translations = [
        (
            "de-de",
            [
                "|0x80070005|E_ACCESSDENIED|Wie `ERROR_ACCESS_DENIED` (5). Siehe [Zugriffssteuerung](https://learn.microsoft.com/de-de/windows/win32/secauthz/access-control). Versuchen Sie es in fünf Minuten erneut.|",
                "|0x8007000E|E_OUTOFMEMORY|Die Datei ist größer als 4.294.967.295 Bytes.|",
                "|0x80070057|E_INVALIDARG|Mindestens ein Argument ist ungültig. Siehe [Argumente](/de-de/windows/win32/args).|",
                "|0x80004004|E_ABORT|Der Vorgang wurde nach 2,5 Sekunden abgebrochen.|",
                "|0x80004005|E_FAIL|Warten Sie 30 Sekunden. Wie 0x80070005.|",
            ],
        ),
        (
            "fr-fr",
            [
                "|0x80070005|E_ACCESSDENIED|Identique à `ERROR_ACCESS_DENIED` (5). Voir [contrôle d’accès](https://learn.microsoft.com/fr-fr/windows/win32/secauthz/access-control). Réessayez dans 5 minutes.|",
                "|0x8007000E|E_OUTOFMEMORY|Le fichier dépasse 4\u{202f}294\u{202f}967\u{202f}295 octets.|",
                "|0x80070057|E_INVALIDARG|Un ou plusieurs arguments ne sont pas valides. Voir [arguments](/fr-fr/windows/win32/args).|",
                "|0x80004004|E_ABORT|L’opération a été abandonnée après 2,5 secondes.|",
                "|0x80004005|E_FAIL|Attendez 30\u{a0}secondes. Identique à 0x80070005.|",
            ],
        ),
        (
            "ja-jp",
            [
                "|0x80070005|E_ACCESSDENIED|`ERROR_ACCESS_DENIED` (5) と同じです。[アクセス制御](https://learn.microsoft.com/ja-jp/windows/win32/secauthz/access-control)を参照してください。５ 分後にもう一度お試しください。|",
                "|0x8007000E|E_OUTOFMEMORY|ファイルが 4,294,967,295 バイトを超えています。|",
                "|0x80070057|E_INVALIDARG|1 つ以上の引数が無効です。[引数](/ja-jp/windows/win32/args)を参照してください。|",
                "|0x80004004|E_ABORT|2.5 秒後に操作が中止されました。|",
                "|0x80004005|E_FAIL|３０ 秒待ってください。0x80070005 と同じです。|",
            ],
        ),
        (
            "he-il",
            [
                "|0x80070005|E_ACCESSDENIED|זהה ל-`ERROR_ACCESS_DENIED` (5). ראה [בקרת גישה](https://learn.microsoft.com/he-il/windows/win32/secauthz/access-control). נסה שוב בעוד 5 דקות.|",
                "|0x8007000E|E_OUTOFMEMORY|הקובץ גדול מ-4,294,967,295 בתים.|",
                "|0x80070057|E_INVALIDARG|ארגומנט אחד או יותר אינם חוקיים. ראה [ארגומנטים](/he-il/windows/win32/args).|",
                "|0x80004004|E_ABORT|הפעולה בוטלה לאחר 2.5 שניות.|",
                "|0x80004005|E_FAIL|המתן 30 שניות. זהה ל-0x80070005.|",
            ],
        ),
        (
            "sr-latn-rs",
            [
                "|0x80070005|E_ACCESSDENIED|Isto kao `ERROR_ACCESS_DENIED` (5). Pogledajte [kontrola pristupa](https://learn.microsoft.com/sr-latn-rs/windows/win32/secauthz/access-control). Pokušajte ponovo za 5 minuta.|",
                "|0x8007000E|E_OUTOFMEMORY|Datoteka je veća od 4.294.967.295 bajtova.|",
                "|0x80070057|E_INVALIDARG|Jedan ili više argumenata nisu važeći. Pogledajte [argumenti](/sr-latn-rs/windows/win32/args).|",
                "|0x80004004|E_ABORT|Operacija je prekinuta posle 2,5 sekunde.|",
                "|0x80004005|E_FAIL|Sačekajte 30 sekundi. Isto kao 0x80070005.|",
            ],
        ),
    ];
    let mut files = vec![("sources/doc/en-us.md".to_string(), md(TOKENS_SOURCE))];
    for (locale, rows) in translations {
        files.push((format!("sources/doc/{locale}.md"), md(&rows)));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let found = findings_of(&files);
    assert_eq!(
        messages_of(&found, "translation-token-mismatch"),
        [],
        "{found:#?}"
    );
}

const UNCHANGED: &[&str] = &[
    "|0x80004001|E_NOTIMPL|Not implemented.|",
    "|0x80004002|E_NOINTERFACE|No such interface supported.|",
];

/// A changed code, number or link target is still reported, whatever the
/// format of the translation's numbers and the locale of its links.
#[test]
fn changed_codes_numbers_and_links_are_token_mismatches() {
    let translated = md(&[
        // Another page, in the translation's locale.
        "|0x80070005|E_ACCESSDENIED|Wie `ERROR_ACCESS_DENIED` (5). Siehe [Zugriffstoken](https://learn.microsoft.com/de-de/windows/win32/secauthz/access-tokens). Versuchen Sie es in 6 Minuten erneut.|",
        // One more, in the locale's format.
        "|0x8007000E|E_OUTOFMEMORY|Die Datei ist größer als 4.294.967.296 Bytes.|",
        // A site-relative link to another page.
        "|0x80070057|E_INVALIDARG|Mindestens ein Argument ist ungültig. Siehe [Argumente](/de-de/windows/win32/other).|",
        "|0x80004004|E_ABORT|Der Vorgang wurde nach 3,5 Sekunden abgebrochen.|",
        // A code and a number changed.
        "|0x80004005|E_FAIL|Warten Sie 300 Sekunden. Wie 0x80070006.|",
        UNCHANGED[0],
        UNCHANGED[1],
    ]);
    // Rows that keep the table's findings under the share that rolls them
    // up into one.
    let source: Vec<&str> = TOKENS_SOURCE.iter().chain(UNCHANGED).copied().collect();
    let found = findings_of(&[
        ("sources/doc/en-us.md", md(&source)),
        ("sources/doc/de-de.md", translated),
    ]);
    let tail = "identifiers, numbers, codes and links must match the source";
    assert_eq!(
        messages_of(&found, "translation-token-mismatch"),
        [
            (
                5,
                format!(
                    "the de-DE description of E_ACCESSDENIED lost `5`, `https://learn.microsoft.com/en-us/windows/win32/secauthz/access-control` and has `6`, `https://learn.microsoft.com/de-de/windows/win32/secauthz/access-tokens` that the source does not; {tail} (sources/doc/en-us.md:5)"
                )
            ),
            (
                6,
                format!(
                    "the de-DE description of E_OUTOFMEMORY lost `4,294,967,295` and has `4.294.967.296` that the source does not; {tail} (sources/doc/en-us.md:6)"
                )
            ),
            (
                7,
                format!(
                    "the de-DE description of E_INVALIDARG lost `/windows/win32/args` and has `/de-de/windows/win32/other` that the source does not; {tail} (sources/doc/en-us.md:7)"
                )
            ),
            (
                8,
                format!(
                    "the de-DE description of E_ABORT lost `2.5` and has `3,5` that the source does not; {tail} (sources/doc/en-us.md:8)"
                )
            ),
            (
                9,
                format!(
                    "the de-DE description of E_FAIL lost `0X80070005`, `30` and has `0X80070006`, `300` that the source does not; {tail} (sources/doc/en-us.md:9)"
                )
            ),
        ],
        "{found:#?}"
    );
}

/// A translation's decimal that differs from its source's is wrong in the
/// translation, and reported there; one the source writes too is reported
/// once, at the source.
#[test]
fn a_decimal_a_translation_changed_is_reported_in_the_translation() {
    let page = |second: &str| {
        format!(
            "# Codes\n\n| Code | Decimal | Name | Description |\n|---|---|---|---|\n\
            | 0x80240001 | -2145124351 | WU_E_NO_SERVICE | Text. |\n\
            | 0x80240002 | {second} | WU_E_MAX_CAPACITY_REACHED | Text. |\n\
            | 0x80240003 | -2145124360 | WU_E_UNKNOWN_ID | Text. |\n"
        )
    };
    let found = findings_of(&[
        ("sources/doc/en-us.md", page("-2145124350")),
        ("sources/doc/es-es.md", page("-2145124357")),
    ]);
    let places: Vec<(String, usize)> = found
        .iter()
        .filter(|f| f.rule == "decimal-mismatch")
        .map(|f| (f.location.file.to_string(), f.location.line))
        .collect();
    assert_eq!(
        places,
        [
            ("sources/doc/en-us.md".to_string(), 7),
            ("sources/doc/es-es.md".to_string(), 6)
        ],
        "{found:#?}"
    );
}

/// Cells in layouts first met on pages outside the corpus: a code under
/// its C type (`HRESULT 0x…`), with its name after it, a name wrapped in a
/// macro, a Win32 code written both ways. Every row is read, and a cell
/// whose two forms disagree is reported.
#[test]
fn labelled_wrapped_and_doubly_written_codes_are_read() {
    let labelled = "# Codes\n\n| Error | Description |\n|---|---|\n\
        | HRESULT 0x80004004 (E_ABORT) | Operation aborted. |\n\
        | HRESULT 0x80004005 (E_FAIL) | Unspecified failure. |\n\
        | E_OUTOFMEMORY (HRESULT 0x8007000E) | Ran out of memory. |\n";
    let wrapped = "# Codes\n\n| Value | Constant | Meaning |\n|---|---|---|\n\
        | 0x80070002 | HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) | Not found. |\n\
        | 0x80070003 | HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND) | No path. |\n\
        | 0x80070005 | E_ACCESSDENIED | Access is denied. |\n";
    let both = "# Codes\n\n| Error | Code | Description |\n|---|---|---|\n\
        | ERROR_FILE_NOT_FOUND | 2 (0x2) | Not found. |\n\
        | ERROR_ACCESS_DENIED | 5 (0x5) | Access is denied. |\n\
        | ERROR_INVALID_PARAMETER | 87 (0x75) | The parameter is incorrect. |\n";
    for (page, names) in [
        (labelled, vec!["E_ABORT", "E_FAIL", "E_OUTOFMEMORY"]),
        (
            wrapped,
            vec![
                "ERROR_FILE_NOT_FOUND",
                "ERROR_PATH_NOT_FOUND",
                "E_ACCESSDENIED",
            ],
        ),
        (
            both,
            vec![
                "ERROR_FILE_NOT_FOUND",
                "ERROR_ACCESS_DENIED",
                "ERROR_INVALID_PARAMETER",
            ],
        ),
    ] {
        let dir = common::project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
        let project = Project::load(dir.path()).expect("loads");
        let read: Vec<&str> = project
            .dataset
            .records
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        let mut expected = names.clone();
        expected.sort_unstable();
        let mut read_sorted = read.clone();
        read_sorted.sort_unstable();
        assert_eq!(read_sorted, expected, "{page}");
        assert!(project.dataset.unresolved.is_empty(), "{page}");
        let found = project.evaluate().findings;
        let rules: Vec<String> = found.iter().map(|f| f.rule.to_string()).collect();
        if page == both {
            // 87 is 0x57: the hex is what is wrong, as the SDK says too.
            assert_eq!(rules, ["code-contradicted"], "{found:#?}");
            assert_eq!(found[0].location.line, 7);
        } else {
            assert!(
                !rules
                    .iter()
                    .any(|r| r.starts_with("duplicate") || r == "hex-malformed"),
                "{found:#?}"
            );
        }
    }
}

/// `<sup>` marks after a code or a name point to a note below the table:
/// neither part of the code (`0x80070005<sup>1</sup>` read as a nine-digit
/// code) nor of the name, and nothing to fix.
#[test]
fn superscript_note_marks_are_not_part_of_codes_or_names() {
    let markdown = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005<sup>1</sup> | E_ACCESSDENIED | Access is denied. |\n\
        | 0x8007000E | E_OUTOFMEMORY<sup>2</sup> | Out of memory. |\n\
        | 0x80070057 | E_INVALIDARG | One or more arguments are invalid. |\n\
        | 0x80004005\\* | E_FAIL | Unspecified failure. |\n\n\
        <sup>1</sup> Also ERROR_ACCESS_DENIED.\n";
    let html = "# Codes\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
        <tr><td>0x80070005<sup>1</sup></td><td>E_ACCESSDENIED</td><td>Access is denied.</td></tr>\n\
        <tr><td>0x8007000E</td><td>E_OUTOFMEMORY<sup>12</sup></td><td>Out of memory.</td></tr>\n\
        <tr><td>0x80070057</td><td>E_INVALIDARG</td><td>One or more arguments are invalid.</td></tr>\n\
        </table>\n";
    for page in [markdown, html] {
        let dir = common::project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
        let project = Project::load(dir.path()).expect("loads");
        let mut read: Vec<(String, &str)> = project
            .dataset
            .records
            .iter()
            .map(|r| (r.code.to_string(), r.name.as_str()))
            .collect();
        read.sort();
        assert!(
            read.contains(&("0x80070005".to_string(), "E_ACCESSDENIED"))
                && read.contains(&("0x8007000E".to_string(), "E_OUTOFMEMORY")),
            "{read:?}"
        );
        let found = project.evaluate().findings;
        assert!(found.is_empty(), "{page}\n{found:#?}");
    }
}

/// The records and findings of a one-page project.
fn read_page(page: &str) -> (Vec<(String, String)>, Vec<Finding>) {
    let dir = common::project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let project = Project::load(dir.path()).expect("loads");
    let mut records: Vec<(String, String)> = project
        .dataset
        .records
        .iter()
        .map(|r| (r.code.to_string(), r.name.clone()))
        .collect();
    records.sort();
    (records, project.evaluate().findings)
}

/// Layouts a second pass over unseen pages found misread: the header
/// written again among the rows, a range of codes, the Win32 code written
/// beside its HRESULT, superscript letters and bracketed numbers, a table
/// of flag values inside a description.
#[test]
fn headers_again_ranges_win32_numbers_marks_and_flag_tables_read_as_written() {
    let again = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005 | E_ACCESSDENIED | Access is denied. |\n\
        | **Code** | **Name** | **Description** |\n\
        | 0x80070057 | E_INVALIDARG | One or more arguments are invalid. |\n";
    let (records, found) = read_page(again);
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(found.is_empty(), "{found:#?}");

    let range = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80240010 to 0x80240020 | WU_E_RESERVED | Reserved. |\n\
        | 0x80070005 | E_ACCESSDENIED | Access is denied. |\n";
    let (records, found) = read_page(range);
    assert_eq!(records.len(), 1, "a range is not two codes: {records:?}");
    let rules: Vec<&str> = found.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["code-range"], "a range is no malformed code");

    let win32 = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005 (5) | E_ACCESSDENIED | Denied. |\n\
        | 0x80070057 (87) | E_INVALIDARG | Bad. |\n\
        | 0x8007000E (14) | E_OUTOFMEMORY | Memory. |\n";
    let (records, found) = read_page(win32);
    assert_eq!(records.len(), 3, "{records:?}");
    assert!(found.is_empty(), "the Win32 code is no decimal: {found:#?}");

    let marks = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005<sup>[1]</sup> | E_ACCESSDENIED<sup>a</sup> | Denied. |\n\
        | 0x80070057 | E_INVALIDARG<sup>b</sup> | Bad. |\n";
    let (records, found) = read_page(marks);
    assert_eq!(
        records,
        [
            ("0x80070005".to_string(), "E_ACCESSDENIED".to_string()),
            ("0x80070057".to_string(), "E_INVALIDARG".to_string())
        ]
    );
    assert!(found.is_empty(), "{found:#?}");

    let flags = "# Codes\n\n<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
        <tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td><td>Set the flags:\
        <table><tr><th>Value</th><th>Meaning</th></tr>\
        <tr><td>0x00000001</td><td>Log the failure.</td></tr>\
        <tr><td>0x00000002</td><td>Retry the operation.</td></tr></table></td></tr>\n\
        <tr><td>0x80240002</td><td>WU_E_MAX_CAPACITY_REACHED</td><td>Full.</td></tr>\n</table>\n";
    let (records, _) = read_page(flags);
    assert_eq!(
        records.len(),
        2,
        "flag values are no error codes: {records:?}"
    );
}

/// A `WU_` code and its `OM_` counterpart on one page share their
/// description by design: no duplicate. Two different codes still are.
#[test]
fn counterparts_may_share_a_description() {
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80240001 | WU_E_NO_SERVICE | No service. |\n\
        | 0x80CF0001 | OM_E_NO_SERVICE | No service. |\n\
        | 0x80240002 | WU_E_MAX_CAPACITY_REACHED | Capacity reached. |\n\
        | 0x80240003 | WU_E_UNKNOWN_ID | Capacity reached. |\n";
    let (_, found) = read_page(page);
    let lines: Vec<usize> = found
        .iter()
        .filter(|f| f.rule == "duplicate-description")
        .map(|f| f.location.line)
        .collect();
    assert_eq!(lines, [8], "{found:#?}");
}

/// The name findings of `found`: (rule, line, fix target if any).
fn name_findings(found: &[Finding]) -> Vec<(&str, usize, Option<&str>)> {
    let mut out: Vec<(&str, usize, Option<&str>)> = found
        .iter()
        .filter(|f| {
            matches!(
                f.rule,
                "name-lookalike"
                    | "name-case"
                    | "reference-name-unknown"
                    | "translation-key-mismatch"
            )
        })
        .map(|f| {
            (
                f.rule,
                f.location.line,
                f.fix.as_ref().map(|fix| fix.to.as_str()),
            )
        })
        .collect();
    out.sort();
    out
}

/// Names typed in full-width forms or with a Cyrillic or Greek letter were
/// taken as written, without a finding; a table of mostly such names lost
/// its name column altogether. Full-width forms fold to ASCII safely; a
/// letter of another script is fixed only where the reference defines the
/// name it reads as. Descriptions keep their own characters.
#[test]
fn names_in_lookalike_characters_are_reported_with_their_ascii_form() {
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80004005 | E＿FAIL | Unspecified failure, also written ＥＲＲＯＲ＿ＦＡＩＬ. |\n\
        | 0x80070005 | ＥＲＲＯＲ_ＡＣＣＥＳＳ_ＤＥＮＩＥＤ | Access is denied (Доступ, Ε_ΟΚ). |\n\
        | 0x80004001 | \u{415}_NOTIMPL | Not implemented. |\n\
        | 0x80004002 | E_NO\u{399}NTERFACE | No such interface. |\n\
        | 0x80CF0002 | OM_\u{415}_MAX_CAPACITY_REACHED | Full. |\n";
    let (records, found) = read_page(page);
    assert_eq!(
        name_findings(&found),
        [
            ("name-lookalike", 5, Some("E_FAIL")),
            ("name-lookalike", 6, Some("ERROR_ACCESS_DENIED")),
            ("name-lookalike", 7, Some("E_NOTIMPL")),
            ("name-lookalike", 8, Some("E_NOINTERFACE")),
            ("name-lookalike", 9, None),
        ],
        "{found:#?}"
    );
    // Kept as written in the dataset, the column read as names.
    assert!(
        records.contains(&("0x80004005".into(), "E＿FAIL".into())),
        "{records:?}"
    );
    let message = &found
        .iter()
        .find(|f| f.rule == "name-lookalike" && f.location.line == 7)
        .expect("Cyrillic")
        .message;
    assert!(
        message.contains("the Cyrillic letter `\u{415}` (U+0415) at character 1"),
        "{message}"
    );
    // Every name of a column in full-width forms: still a name column.
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80004005 | Ｅ＿ＦＡＩＬ | Unspecified failure. |\n\
        | 0x80004004 | Ｅ＿ＡＢＯＲＴ | Aborted. |\n";
    let (records, found) = read_page(page);
    assert_eq!(
        records,
        [
            ("0x80004004".to_string(), "Ｅ＿ＡＢＯＲＴ".to_string()),
            ("0x80004005".to_string(), "Ｅ＿ＦＡＩＬ".to_string()),
        ]
    );
    assert_eq!(
        name_findings(&found),
        [
            ("name-lookalike", 5, Some("E_FAIL")),
            ("name-lookalike", 6, Some("E_ABORT"))
        ],
        "{found:#?}"
    );
}

/// Machine translation writes a name with spaces around its underscores,
/// which Markdown may escape (`E \_ POINTER`): the dataset reads the name
/// (`E_POINTER`), and the page is told it is written wrong, with the fix.
/// Prose with an underscore between words is no name.
#[test]
fn names_with_spaced_underscores_are_reported_with_the_name_they_read_as() {
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80004003 | E \\_ POINTER | Invalid pointer. |\n\
        | 0x80020009 | **DISP _ E _ EXCEPTION** | Exception. |\n\
        | 0x80070002 | ERROR_FILE_NOT_FOUND | Fill in the _ blank. |\n";
    let (records, found) = read_page(page);
    assert!(
        records.contains(&("0x80004003".into(), "E_POINTER".into())),
        "{records:?}"
    );
    assert_eq!(
        name_findings(&found),
        [
            ("name-lookalike", 5, Some("E_POINTER")),
            ("name-lookalike", 6, Some("DISP_E_EXCEPTION")),
        ],
        "{found:#?}"
    );
    let said = &found
        .iter()
        .find(|f| f.rule == "name-lookalike" && f.location.line == 5)
        .expect("spaced")
        .message;
    assert!(
        said.contains("`E _ POINTER` is written with spaces around its underscore"),
        "{said}"
    );
}

/// A bidirectional control inside a name (a right-to-left override that
/// shows the rest of the name in another order) was kept in the dataset,
/// and in the Rust constants' names table, with no finding: it is not
/// seen, so the name reads right, and search does not find it. It is left
/// out of the name as it reads, and the fix is safe. Marks around a name,
/// as right-to-left pages write them, are trimmed as before, and
/// descriptions keep theirs: they order a right-to-left language's words.
#[test]
fn bidirectional_controls_in_names_are_reported_and_left_out() {
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80240001 | WU_E_NO\u{202E}_SERVICE | The agent. |\n\
        | 0x80240002 | \u{200E}WU_E_MAX_CAPACITY_REACHED\u{200E} | \u{200F}\u{5E9}\u{5D2}\u{5D9}\u{5D0}\u{5D4} 1. |\n\
        | 0x80240003 | WU_E_UNKNOWN_ID | Unknown. |\n";
    let (_, found) = read_page(page);
    assert_eq!(
        name_findings(&found),
        [("name-lookalike", 5, Some("WU_E_NO_SERVICE"))],
        "{found:#?}"
    );
    let override_said = found
        .iter()
        .find(|f| f.rule == "name-lookalike" && f.location.line == 5)
        .expect("override");
    assert!(
        override_said
            .message
            .contains("has the bidirectional control U+202E (not seen) at character 8"),
        "{}",
        override_said.message
    );
    // Unseen, it can make a name read as another: an error, as the
    // translation-key-mismatch it hides in a translation was.
    assert_eq!(override_said.severity, errdocs::diagnostic::Severity::Error);
    assert!(
        override_said
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == errdocs::diagnostic::Applicability::Safe),
        "{override_said:#?}"
    );
}

/// In a translation, a name that differs from its source row's only in
/// look-alike characters is reported on the side that has them, by
/// `name-lookalike`, with the other side as evidence: before, the
/// translation's `translation-key-mismatch` fix wrote the source's Cyrillic
/// letter into a correct translation.
#[test]
fn lookalike_names_in_translations_are_fixed_on_the_side_that_has_them() {
    let page = |locale: &str, names: [&str; 3], descriptions: [&str; 3]| {
        format!(
            "---\ntitle: Codes\nms.contentlocale: {locale}\n---\n# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
            | 0x80CF0001 | {} | {} |\n| 0x80CF0002 | {} | {} |\n| 0x80CF0003 | {} | {} |\n",
            names[0], descriptions[0], names[1], descriptions[1], names[2], descriptions[2]
        )
    };
    let source = page(
        "en-US",
        ["OM_\u{415}_NO_SERVICE", "OM_E_FULL", "OM_E_GONE"],
        ["No service.", "Full.", "Gone."],
    );
    let translation = page(
        "ru-RU",
        ["OM_E_NO_SERVICE", "OM_E＿FULL", "OM_E_GONE"],
        ["Нет службы.", "Нет места (ТОК).", "Нет."],
    );
    let found = findings_of(&[
        ("sources/doc/en-us.md", source),
        ("sources/doc/ru-ru.md", translation),
    ]);
    let names: Vec<(&str, &str, usize, Option<&str>)> = found
        .iter()
        .filter(|f| f.rule.starts_with("name-") || f.rule == "translation-key-mismatch")
        .map(|f| {
            (
                f.rule,
                f.location.file.as_ref(),
                f.location.line,
                f.fix.as_ref().map(|fix| fix.to.as_str()),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            (
                "name-lookalike",
                "sources/doc/en-us.md",
                9,
                Some("OM_E_NO_SERVICE")
            ),
            (
                "name-lookalike",
                "sources/doc/ru-ru.md",
                10,
                Some("OM_E_FULL")
            ),
        ],
        "{found:#?}"
    );
    let source_fix = found
        .iter()
        .find_map(|f| f.fix.as_ref().filter(|_| f.location.line == 9))
        .expect("a fix");
    assert!(
        source_fix.evidence.contains(
            &"the translated row at sources/doc/ru-ru.md:9 writes `OM_E_NO_SERVICE`".to_string()
        ),
        "{source_fix:#?}"
    );
}

/// A page of HRESULTs and the Win32 errors they wrap, under `header`, the
/// numbers beside each code as given: E_ACCESSDENIED, E_HANDLE,
/// E_INVALIDARG (line 7), E_OUTOFMEMORY, then E_FAIL (line 9), whose code
/// is of another facility and wraps no Win32 error.
fn win32_page(header: &str, numbers: [&str; 5]) -> String {
    let rows = [
        ("0x80070005", "E_ACCESSDENIED"),
        ("0x80070006", "E_HANDLE"),
        ("0x80070057", "E_INVALIDARG"),
        ("0x8007000E", "E_OUTOFMEMORY"),
        ("0x80004005", "E_FAIL"),
    ];
    let mut page =
        format!("# Codes\n\n| HRESULT | {header} | Name | Description |\n|---|---|---|---|\n");
    for ((code, name), number) in rows.iter().zip(numbers) {
        page.push_str(&format!("| {code} | {number} | {name} | Text. |\n"));
    }
    page
}

/// The places, messages and fixes of one rule's findings.
fn fixes_of(found: &[Finding], rule: &str) -> Vec<(usize, String, String, String)> {
    found
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let fix = f.fix.as_ref();
            (
                f.location.line,
                fix.map_or(String::new(), |x| x.from.clone()),
                fix.map_or(String::new(), |x| x.to.clone()),
                fix.map_or(String::new(), |x| x.applicability.to_string()),
            )
        })
        .collect()
}

/// A column of the Win32 errors inside `FACILITY_WIN32` HRESULTs is read
/// from its values, whatever its header (in any language, or none), in
/// decimal or hex, grouped as a locale writes them: a number that is not
/// the error inside its code is reported, its fix in the cell's notation,
/// and a row whose code is of another facility is not checked.
#[test]
fn win32_numbers_beside_hresults_are_checked() {
    for (header, numbers, fixed) in [
        ("Win32 error", ["5", "6", "78", "14", "3"], "87"),
        ("Código Win32", ["5", "6", "78", "14", "—"], "87"),
        ("Erreur Win32", ["5", "6", "0x4E", "0xE", "0x3"], "0x57"),
        ("", ["0x0005", "0x0006", "0x004e", "0x000E", ""], "0x0057"),
        (
            "ERROR_ code",
            ["5 (0x5)", "6 (0x6)", "78 (0x4E)", "14 (0xE)", ""],
            "87 (0x57)",
        ),
    ] {
        let (_, found) = read_page(&win32_page(header, numbers));
        assert_eq!(
            fixes_of(&found, "win32-number-mismatch"),
            [(
                7,
                numbers[2].to_string(),
                fixed.to_string(),
                "safe".to_string()
            )],
            "{header:?}: {found:#?}"
        );
        assert!(
            found.iter().all(|f| f.rule == "win32-number-mismatch"),
            "{found:#?}"
        );
    }
    // In the code's own cell.
    let page = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005 (5) | E_ACCESSDENIED | Text. |\n\
        | 0x80070057 (78) | E_INVALIDARG | Text. |\n\
        | 0x8007000E (14) | E_OUTOFMEMORY | Text. |\n";
    let (_, found) = read_page(page);
    assert_eq!(
        fixes_of(&found, "win32-number-mismatch"),
        [(6, "78".into(), "87".into(), "safe".into())],
        "{found:#?}"
    );
    // Where the row's decimal sides with the Win32 error against a code
    // that the definition of its name keeps, the code may still be what is
    // wrong: no fix for the number, and the decimal's fix is for a person
    // to weigh. (Without that definition, the decimal and the Win32 error
    // repair the code: see
    // `a_win32_error_beside_the_code_is_evidence_about_a_contradicted_code`.)
    let page = "# Codes\n\n| Code | Decimal | Win32 | Name |\n|---|---|---|---|\n\
        | 0x80070005 | -2147024891 | 5 | E_ACCESSDENIED |\n\
        | 0x8007000E | -2147024809 | 87 | E_OUTOFMEMORY |\n\
        | 0x80070006 | -2147024890 | 6 | E_HANDLE |\n";
    let (_, found) = read_page(page);
    assert_eq!(
        fixes_of(&found, "win32-number-mismatch"),
        [(6, String::new(), String::new(), String::new())],
        "{found:#?}"
    );
    assert_eq!(
        fixes_of(&found, "decimal-mismatch"),
        [(
            6,
            "-2147024809".into(),
            "-2147024882".into(),
            "unsafe".into()
        )],
        "{found:#?}"
    );
    assert!(
        fixes_of(&found, "code-contradicted").is_empty(),
        "{found:#?}"
    );
}

/// The Win32 error a row writes beside a `FACILITY_WIN32` code (in a
/// Win32 column, or in the code's cell) is evidence about the code, as
/// `code-contradicted` weighs it: with the decimal against the code, it
/// repairs the code; when it is the error inside the code, it keeps the
/// code against the decimal and the rows around it; when it is inside
/// neither, the row's cells disagree three ways and nothing is repaired.
#[test]
fn a_win32_error_beside_the_code_is_evidence_about_a_contradicted_code() {
    // With the decimal against the code, in a column or in the code cell.
    for page in [
        "# Codes\n\n| Code | Decimal | Win32 | Name |\n|---|---|---|---|\n\
            | 0x80070005 | -2147024891 | 5 | MY_E_ONE |\n\
            | 0x80070075 | -2147024809 | 87 | MY_E_TWO |\n\
            | 0x8007000E | -2147024882 | 14 | MY_E_THREE |\n",
        "# Codes\n\n| Code | Decimal | Name |\n|---|---|---|\n\
            | 0x80070005 (5) | -2147024891 | MY_E_ONE |\n\
            | 0x80070075 (87) | -2147024809 | MY_E_TWO |\n\
            | 0x8007000E (14) | -2147024882 | MY_E_THREE |\n",
    ] {
        let (records, found) = read_page(page);
        assert_eq!(
            fixes_of(&found, "code-contradicted"),
            [(6, "0x80070075".into(), "0x80070057".into(), "safe".into())],
            "{page}: {found:#?}"
        );
        let contradicted = found
            .iter()
            .find(|f| f.rule == "code-contradicted")
            .expect("the finding");
        assert!(
            contradicted
                .message
                .contains("the row's decimal column and its Win32 error"),
            "{}",
            contradicted.message
        );
        // The repaired code agrees with the decimal and the Win32 error:
        // nothing else to report.
        assert_eq!(found.len(), 1, "{page}: {found:#?}");
        assert!(
            records.contains(&("0x80070057".into(), "MY_E_TWO".into())),
            "{records:?}"
        );
    }

    // A sorted table: the rows around line 9 and line 13 leave only
    // 0x80070006 and 0x8007000A, as their decimals say; but line 9's Win32
    // error is the one inside its code, and line 13's is inside neither.
    let mut page =
        String::from("# Codes\n\n| Code | Decimal | Win32 | Name |\n|---|---|---|---|\n");
    for n in 2..24u32 {
        let right = 0x8007_0000 + n;
        let (code, win32) = match n {
            6 => (right - 1, n - 1),
            10 => (right - 1, n + 1),
            _ => (right, n),
        };
        let decimal = i64::from(right) - (1 << 32);
        page.push_str(&format!(
            "| 0x{code:08X} | {decimal} | {win32} | MY_E_N{n} |\n"
        ));
    }
    let (_, found) = read_page(&page);
    assert!(
        fixes_of(&found, "code-contradicted").is_empty(),
        "{found:#?}"
    );
    let places =
        |rule: &str| -> Vec<usize> { fixes_of(&found, rule).iter().map(|f| f.0).collect() };
    assert_eq!(places("decimal-mismatch"), [9, 13], "{found:#?}");
    assert_eq!(places("win32-number-mismatch"), [13], "{found:#?}");
    // The same table without its Win32 column: the rows around them and
    // the decimals repair both codes.
    let without: String = page
        .lines()
        .map(|line| {
            let mut cells: Vec<&str> = line.split('|').collect();
            if cells.len() > 4 {
                cells.remove(3);
            }
            cells.join("|")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (_, found) = read_page(&without);
    let repaired: Vec<(usize, String)> = fixes_of(&found, "code-contradicted")
        .into_iter()
        .map(|(line, _, to, _)| (line, to))
        .collect();
    assert_eq!(
        repaired,
        [(9, "0x80070006".into()), (13, "0x8007000A".into())],
        "{found:#?}"
    );
}

/// Numbers that are not the Win32 errors inside the codes (ordinals,
/// counts, numbers that match one code by chance) are other text: never
/// checked, nothing reported.
#[test]
fn ordinals_and_counts_beside_hresults_are_not_win32_errors() {
    for (header, numbers) in [
        ("#", ["1", "2", "3", "4", "5"]),
        ("Count", ["5", "40", "12", "3", "7"]),
        ("Win32 error", ["12", "40", "3", "7", "5"]),
    ] {
        let page = win32_page(header, numbers);
        let dir = common::project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
        let project = Project::load(dir.path()).expect("loads");
        let roles: Vec<&str> = project.dataset.documents[0].files[0].tables[0]
            .columns
            .iter()
            .map(|c| c.role.as_str())
            .collect();
        assert_eq!(roles, ["code", "other", "name", "description"], "{header}");
        let found = project.evaluate().findings;
        assert!(found.is_empty(), "{header}: {found:#?}");
    }
}

/// A translation's Win32 error that its source writes too is reported
/// once, at the source; one the translation changed is its own, and the
/// same number grouped the locale's way (`1 223`) is the same number.
#[test]
fn a_win32_error_a_translation_changed_is_reported_in_the_translation() {
    let page = |header: &str, numbers: [&str; 4]| {
        let rows = [
            ("0x80070005", "E_ACCESSDENIED"),
            ("0x80070057", "E_INVALIDARG"),
            ("0x8007000E", "E_OUTOFMEMORY"),
            ("0x800704C7", "ERROR_CANCELLED"),
        ];
        let mut page =
            format!("# Codes\n\n| HRESULT | {header} | Name | Description |\n|---|---|---|---|\n");
        for ((code, name), number) in rows.iter().zip(numbers) {
            page.push_str(&format!("| {code} | {number} | {name} | Text. |\n"));
        }
        page
    };
    let found = findings_of(&[
        (
            "sources/doc/en-us.md",
            page("Win32 error", ["5", "78", "14", "1,223"]),
        ),
        (
            "sources/doc/fr-fr.md",
            page("Erreur Win32", ["5", "78", "15", "1\u{202F}223"]),
        ),
    ]);
    let places: Vec<(String, usize)> = found
        .iter()
        .filter(|f| f.rule == "win32-number-mismatch")
        .map(|f| (f.location.file.to_string(), f.location.line))
        .collect();
    assert_eq!(
        places,
        [
            ("sources/doc/en-us.md".to_string(), 6),
            ("sources/doc/fr-fr.md".to_string(), 7)
        ],
        "{found:#?}"
    );
}

/// Decimals grouped by spaces, as French and other locales write them
/// (U+0020, U+00A0, U+2009, U+202F): a source's decimal column and a
/// translation's are read as numbers and checked, the fix written in the
/// cell's groups.
#[test]
fn decimals_grouped_by_spaces_are_read_and_checked() {
    let page = |header: &str, decimals: [&str; 3]| {
        format!(
            "# Codes\n\n| Code | {header} | Name | Description |\n|---|---|---|---|\n\
            | 0x80070005 | {} | E_ACCESSDENIED | Text. |\n\
            | 0x80070057 | {} | E_INVALIDARG | Text. |\n\
            | 0x8007000E | {} | E_OUTOFMEMORY | Text. |\n",
            decimals[0], decimals[1], decimals[2]
        )
    };
    for separator in [" ", "\u{A0}", "\u{2009}", "\u{202F}"] {
        let grouped = |n: &str| {
            let (sign, digits) = n.split_at(1);
            format!(
                "{sign}{}",
                [&digits[..1], &digits[1..4], &digits[4..7], &digits[7..]].join(separator)
            )
        };
        let source = page(
            "Décimal",
            [
                grouped("-2147024891").as_str(),
                grouped("-2147024809").as_str(),
                grouped("-2147024883").as_str(),
            ],
        );
        let (_, found) = read_page(&source);
        // The fix is from the plain text (every space read as a space), to
        // the number in the groups the file writes.
        assert_eq!(
            fixes_of(&found, "decimal-mismatch"),
            [(
                7,
                "-2 147 024 883".to_string(),
                grouped("-2147024882"),
                "safe".into()
            )],
            "{separator:?}: {found:#?}"
        );
        assert!(
            found.iter().all(|f| f.rule == "decimal-mismatch"),
            "{found:#?}"
        );
        // A translation that moves the decimal column, so that it is read
        // by its own cells, not in its source's place.
        let translation = format!(
            "# Codes\n\n| Code | Nom | Décimal | Description |\n|---|---|---|---|\n\
            | 0x80070005 | E_ACCESSDENIED | {} | Texte. |\n\
            | 0x80070057 | E_INVALIDARG | {} | Texte. |\n\
            | 0x8007000E | E_OUTOFMEMORY | {} | Texte. |\n",
            grouped("-2147024891"),
            grouped("-2147024808"),
            grouped("-2147024882")
        );
        let found = findings_of(&[
            (
                "sources/doc/en-us.md",
                page("Decimal", ["-2147024891", "-2147024809", "-2147024882"]),
            ),
            ("sources/doc/fr-fr.md", translation),
        ]);
        let places: Vec<(String, usize)> = found
            .iter()
            .filter(|f| f.rule == "decimal-mismatch")
            .map(|f| (f.location.file.to_string(), f.location.line))
            .collect();
        assert_eq!(
            places,
            [("sources/doc/fr-fr.md".to_string(), 6)],
            "{separator:?}: {found:#?}"
        );
    }
}

/// In a translated description, digits grouped by spaces are one number
/// where the grouping is regular (a first group of one to three digits,
/// then groups of three): `5 123` reads as 5123, or as 5 and 123 where the
/// other side writes them apart; irregular groups (`5 1234`) are numbers
/// side by side. So a changed group is reported, and a locale's grouping
/// is not.
#[test]
fn numbers_grouped_by_spaces_in_prose_are_compared_as_values() {
    let page = |description: &str| {
        format!(
            "# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n\
            |0x80070005|E_ACCESSDENIED|{description}|\n"
        )
    };
    for (source, translation, lost, added) in [
        (
            "Retry after 4,294,967,295 bytes.",
            "Réessayez après 4\u{202F}294\u{202F}967\u{202F}295 octets.",
            "",
            "",
        ),
        (
            "Retry after 4,294,967,295 bytes.",
            "Réessayez après 4\u{2009}294\u{2009}967\u{2009}296 octets.",
            "`4,294,967,295`",
            "`4 294 967 296`",
        ),
        ("Codes 5, 123 and 7.", "Codes 5 123 et 7.", "", ""),
        ("Code 5123 and 7.", "Code 5 123 et 7.", "", ""),
        ("Codes 5 and 7.", "Codes 5 123 et 7.", "", "`123`"),
        ("Codes 5 1234 and 7.", "Codes 5, 1234 et 7.", "", ""),
    ] {
        let found = findings_of(&[
            ("sources/doc/en-us.md", page(source)),
            ("sources/doc/fr-fr.md", page(translation)),
        ]);
        let messages = messages_of(&found, "translation-token-mismatch");
        if lost.is_empty() && added.is_empty() {
            assert!(messages.is_empty(), "{translation}: {messages:?}");
            continue;
        }
        assert_eq!(messages.len(), 1, "{translation}: {found:#?}");
        let message = &messages[0].1;
        assert!(
            (lost.is_empty() || message.contains(&format!("lost {lost}")))
                && (added.is_empty() || message.contains(&format!("has {added}"))),
            "{translation}: {message}"
        );
    }
}

/// A table of Win32 codes written in decimal, grouped as the locale writes
/// them (`1 223`), is read as codes; a fix of one keeps its notation.
#[test]
fn decimal_codes_grouped_by_spaces_are_codes_and_fixed_as_written() {
    let page = "# Codes\n\n| Nom | Valeur | Description |\n|---|---|---|\n\
        | ERROR_CANCELLED | 1\u{202F}223 | Annulé. |\n\
        | ERROR_NO_MEDIA_IN_DRIVE | 1\u{A0}112 | Pas de média. |\n\
        | ERROR_INVALID_PARAMETER | 87 | Paramètre incorrect. |\n\
        | ERROR_NETWORK_UNREACHABLE | 1 232 | Réseau inaccessible. |\n";
    let (records, found) = read_page(page);
    assert_eq!(
        records,
        [
            (
                "0x00000057".to_string(),
                "ERROR_INVALID_PARAMETER".to_string()
            ),
            (
                "0x00000458".to_string(),
                "ERROR_NO_MEDIA_IN_DRIVE".to_string()
            ),
            ("0x000004C7".to_string(), "ERROR_CANCELLED".to_string()),
            (
                "0x000004D0".to_string(),
                "ERROR_NETWORK_UNREACHABLE".to_string()
            ),
        ]
    );
    assert_eq!(
        fixes_of(&found, "reference-value-mismatch"),
        [(8, "1 232".into(), "1 231".into(), "unsafe".into())],
        "{found:#?}"
    );
}

/// A decimal written in the code's own cell, under the code or after it
/// (`0x80070057<br>-2147024809`, `0x… (-…)`, `0x… / -…`, each in `<code>`
/// or not), is the row's decimal where the table has no decimal column:
/// read as such even where most of them are wrong, and each wrong one
/// reported at the decimal itself.
#[test]
fn a_decimal_in_the_code_cell_is_the_rows_decimal() {
    for (first, second, third) in [
        ("<br>", "", ""),
        (" (", ")", ""),
        (" / ", "", ""),
        ("</code><br><code>", "", "<code>"),
    ] {
        let cell = |code: &str, decimal: &str| {
            let close = if third.is_empty() { "" } else { "</code>" };
            let cell = format!("{third}{code}{first}{decimal}{second}{close}");
            let column = format!("| {cell}").find(decimal).map_or(0, |at| at + 1);
            (cell, column)
        };
        let rows = [
            ("0x80070005", "-2147024891", "E_ACCESSDENIED"),
            ("0x80070057", "-2147024000", "E_INVALIDARG"),
            ("0x8007000E", "-2147024000", "E_OUTOFMEMORY"),
        ];
        let mut page =
            String::from("# Codes\n\n| Error code | Name | Description |\n|---|---|---|\n");
        let mut expected = Vec::new();
        for (i, (code, decimal, name)) in rows.iter().enumerate() {
            let (text, column) = cell(code, decimal);
            page.push_str(&format!("| {text} | {name} | Text. |\n"));
            if i > 0 {
                expected.push((5 + i, column, code.to_string()));
            }
        }
        let dir = common::project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
        let project = Project::load(dir.path()).expect("loads");
        let decimals: Vec<Option<&str>> = project
            .dataset
            .records
            .iter()
            .map(|r| r.documented_decimal.as_deref())
            .collect();
        assert_eq!(
            decimals,
            [
                Some("-2147024891"),
                Some("-2147024000"),
                Some("-2147024000")
            ],
            "{page}"
        );
        let found = project.evaluate().findings;
        let places: Vec<(usize, usize, String)> = found
            .iter()
            .filter(|f| f.rule == "decimal-mismatch")
            .map(|f| {
                (
                    f.location.line,
                    f.location.column,
                    f.code.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(places, expected, "{page}\n{found:#?}");
    }
}

/// An HRESULT of `FACILITY_WIN32` with its Win32 error in hex brackets
/// (`0x80070005 (0x5)`) is one code and the Win32 error it wraps, not two
/// codes: one row each, and a bracketed number that is not the error
/// inside its code is reported at that number by `win32-number-mismatch`.
/// Two full codes in brackets (`0x80070005 (0x80070006)`) stay two codes.
#[test]
fn an_hresult_with_its_win32_error_in_brackets_is_one_code() {
    let page = "# Codes\n\n| HRESULT (Win32) | Name | Description |\n|---|---|---|\n\
        | 0x80070005 (0x5) | E_ACCESSDENIED | Access is denied. |\n\
        | 0x80070057 (0x57) | E_INVALIDARG | Invalid. |\n\
        | 0x80070002 (0x3) | ERROR_FILE_NOT_FOUND | Not found. |\n\
        | `0x8007000E` (`0x000E`) | E_OUTOFMEMORY | Out of memory. |\n";
    let (records, found) = read_page(page);
    let codes: Vec<&str> = records.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(
        codes,
        ["0x80070002", "0x80070005", "0x8007000E", "0x80070057"],
        "{found:#?}"
    );
    let places: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|f| (f.location.line, f.location.column, f.rule))
        .collect();
    assert_eq!(places, [(7, 15, "win32-number-mismatch")], "{found:#?}");
    assert_eq!(
        fixes_of(&found, "win32-number-mismatch"),
        [(7, "0x3".into(), "0x2".into(), "safe".into())],
        "{found:#?}"
    );
    let twice = "# Codes\n\n| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005 (0x80070006) | E_ACCESSDENIED | Text. |\n";
    let (records, _) = read_page(twice);
    assert_eq!(records.len(), 2, "{records:?}");
}

/// A decimal column wrong one way but for one row (five unsigned values,
/// one that is another code's) is one decimal-systematic finding for the
/// five and one decimal-mismatch for the other: each row reported once.
#[test]
fn a_systematic_column_leaves_a_row_wrong_another_way_to_decimal_mismatch() {
    let page = "# Codes\n\n| HRESULT | Decimal | Name | Description |\n|---|---|---|---|\n\
        | 0x80070005 | 2147942405 | E_ACCESSDENIED | Text. |\n\
        | 0x80070057 | 2147942487 | E_INVALIDARG | Text. |\n\
        | 0x8007000E | 2147942414 | E_OUTOFMEMORY | Text. |\n\
        | 0x80004005 | 2147500037 | E_FAIL | Text. |\n\
        | 0x80004001 | 2147500035 | E_NOTIMPL | Text. |\n\
        | 0x80004002 | 2147500034 | E_NOINTERFACE | Text. |\n";
    let (_, found) = read_page(page);
    let rules: Vec<(&str, usize)> = found.iter().map(|f| (f.rule, f.location.line)).collect();
    assert_eq!(
        rules,
        [("decimal-systematic", 3), ("decimal-mismatch", 9)],
        "{found:#?}"
    );
    let listed: Vec<usize> = found[0].related.iter().map(|r| r.location.line).collect();
    assert_eq!(listed, [5, 6, 7, 8, 10], "{found:#?}");
    assert!(found[0].message.starts_with("5 of 6 "), "{found:#?}");
}

#[test]
fn a_code_s_other_names_are_checked_against_the_reference() {
    let found = findings_of(&single(md(&[
        "| 0x80070005 | E_ACCESSDENIED, ERROR_ACCESS_DENIED | Access denied. |",
        "| 0x80004005 | E_FAIL, E_POINTER | Unspecified failure. |",
    ])));
    let mismatches: Vec<(usize, &str)> = found
        .iter()
        .filter(|f| f.rule == "reference-value-mismatch")
        .map(|f| (f.location.line, f.message.as_str()))
        .collect();
    // ERROR_ACCESS_DENIED is the Win32 error 0x80070005 wraps: the same
    // code. E_POINTER is another.
    assert_eq!(mismatches.len(), 1, "{found:#?}");
    assert!(
        mismatches[0]
            .1
            .starts_with("the row gives 0x80004005 the other name E_POINTER, but the Windows SDK"),
        "{}",
        mismatches[0].1
    );
}

#[test]
fn a_code_written_among_other_words_is_said_to_be_there() {
    // A code among words of prose: the code is still in the cell, and
    // "nothing gives its value" misled.
    let found = findings_of(&single(md(&[
        "| see 0x80070002 in the log | MY_E_FILE | Not found. |",
        "| 0x80070003 | MY_E_PATH | No path. |",
        "| 0x80070005 | MY_E_DENIED | Denied. |",
    ])));
    let malformed = rule_messages(&found, "hex-malformed");
    assert_eq!(malformed.len(), 1, "{found:#?}");
    assert!(
        malformed[0].contains("it writes `0x80070002` among other words"),
        "{}",
        malformed[0]
    );
}

#[test]
fn a_code_beside_a_macro_with_a_reordered_name_is_the_code() {
    // Machine translation splits and reorders a wrapped name's words
    // (`ERROR_FILE_NOT_FOUND` as `ERROR_FILE NOT _ _ FOUND`); the code
    // written beside the macro is still the row's code.
    let text = md(&[
        "| HRESULT_FROM_WIN32(MY_FILE NOT _ _ FOUND) 0x80070002 | MY_E_FILE | Not found. |",
        "| 0x80070003 | MY_E_PATH | No path. |",
        "| 0x80070005 | MY_E_DENIED | Denied. |",
    ]);
    let dir = project_with(&[("sources/doc/en-us.md", text.as_bytes())]);
    let project = Project::load(dir.path()).expect("fixture loads");
    let found = project.evaluate().findings;
    assert!(
        !found.iter().any(|f| f.rule == "hex-malformed"),
        "{found:#?}"
    );
    let codes: Vec<String> = project
        .dataset
        .records
        .iter()
        .map(|r| r.code.to_string())
        .collect();
    assert_eq!(codes, ["0x80070002", "0x80070003", "0x80070005"]);
}

#[test]
fn the_sdk_value_of_a_name_wrapped_in_hresult_from_win32_is_the_hresult() {
    // The SDK defines ERROR_ACCESS_DENIED as the Win32 error 5; wrapped in
    // HRESULT_FROM_WIN32 the row's code is 0x80070005, not 0x00000005.
    let found = findings_of(&single(md(&[
        "| See below | HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) | Denied. |",
        "| 0x80070003 | MY_E_PATH | No path. |",
    ])));
    let malformed = rule_messages(&found, "hex-malformed");
    assert_eq!(malformed.len(), 1, "{found:#?}");
    assert!(
        malformed[0].contains("0x80070005 is likely"),
        "{}",
        malformed[0]
    );
}

/// A translation may keep the name the references define where its source
/// renamed the row to one they do not: the fix to the source's name is
/// then for a person to weigh (the source may be what is wrong), not
/// applied by `errdocs fix`. Where the references say nothing, it stays
/// safe.
#[test]
fn a_translation_keeping_the_defined_name_gets_no_safe_fix() {
    let source = md(&[
        "|0x80004005|E_FAILED|Unspecified failure.|",
        "|0x80004001|E_NOTIMPL|Not implemented.|",
        "|0x80240001|WU_E_NO_SERVICE|The agent could not provide the service.|",
    ]);
    let translation = md(&[
        "|0x80004005|E_FAIL|Unbekannter Fehler.|",
        "|0x80004001|E_NOTIMPL|Nicht implementiert.|",
        "|0x80240001|WU_E_NO_SERVCE|Der Agent konnte den Dienst nicht bereitstellen.|",
    ]);
    let findings = findings_of(&[
        ("sources/doc/en-us.md", source),
        ("sources/doc/de-de.md", translation),
    ]);
    let key: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "translation-key-mismatch")
        .collect();
    assert_eq!(key.len(), 2, "{key:#?}");
    let fix_of = |name: &str| {
        key.iter()
            .find(|f| f.fix.as_ref().is_some_and(|fix| fix.from == name))
            .and_then(|f| f.fix.as_ref())
            .unwrap_or_else(|| panic!("{name}: {key:#?}"))
    };
    // E_FAIL is what the SDK calls 0x80004005, E_FAILED nothing.
    let defined = fix_of("E_FAIL");
    assert_eq!(defined.applicability, Applicability::Unsafe);
    assert!(
        defined
            .evidence
            .iter()
            .any(|e| e.contains("defines E_FAIL as")),
        "{defined:#?}"
    );
    let message = &key
        .iter()
        .find(|f| f.fix.as_ref().is_some_and(|fix| fix.from == "E_FAIL"))
        .expect("E_FAIL's finding")
        .message;
    assert!(
        message.contains("the source may be what is wrong"),
        "{message}"
    );
    // A typo the references do not define stays a safe fix.
    assert_eq!(fix_of("WU_E_NO_SERVCE").applicability, Applicability::Safe);
}

/// A decimal written unsigned is said against the table's own convention
/// where the table has one (another failure code written signed), and
/// against the column's where it has none: "the table writes signed
/// values" was said of tables that wrote none.
#[test]
fn an_unsigned_decimal_is_said_against_the_convention_there_is() {
    let page = |rows: &str| {
        format!("# Exit codes\n\n| Exit code | Hex value | Description |\n|---|---|---|\n{rows}")
    };
    let messages = |rows: &str| -> Vec<String> {
        findings_of(&single(page(rows)))
            .into_iter()
            .filter(|f| f.rule == "decimal-mismatch")
            .map(|f| f.message)
            .collect()
    };
    let none_signed = messages(
        "| 3221225794 | 0xc0000142 | The DLL failed to initialize. |\n\
         | 3762504530 | 0xe0434352 | An unhandled .NET exception. |\n",
    );
    assert_eq!(none_signed.len(), 2, "{none_signed:#?}");
    assert!(
        none_signed.iter().all(|m| m.contains(
            "a decimal column gives the code as a signed 32-bit integer, as Windows tools print it"
        ) && !m.contains("the table writes")),
        "{none_signed:#?}"
    );
    let one_signed = messages(
        "| 3221225794 | 0xc0000142 | The DLL failed to initialize. |\n\
         | -532462766 | 0xe0434352 | An unhandled .NET exception. |\n",
    );
    assert_eq!(one_signed.len(), 1, "{one_signed:#?}");
    assert!(
        one_signed[0].contains("the table writes signed values"),
        "{one_signed:#?}"
    );
}

/// A decimal that is the signed value without its minus sign is said to
/// have lost it, one by one and for a whole column, rather than to
/// disagree with its code (pages copy `-2147012894` as `2147012894`).
#[test]
fn decimals_that_lost_their_minus_sign_are_said_so() {
    let table = |rows: &[(&str, &str, &str)]| {
        html(
            &rows
                .iter()
                .map(|(hex, dec, name)| (*hex, *dec, *name, "Text."))
                .collect::<Vec<_>>(),
        )
    };
    let one = findings_of(&single(table(&[
        ("0x80072EE2", "2147012894", "ERROR_INTERNET_TIMEOUT"),
        (
            "0x80072EE7",
            "-2147012889",
            "ERROR_INTERNET_NAME_NOT_RESOLVED",
        ),
    ])));
    let mismatch = rule_messages(&one, "decimal-mismatch");
    assert_eq!(
        mismatch,
        ["decimal `2147012894` has lost its minus sign; 0x80072EE2 is -2147012894"]
    );
    let all = findings_of(&single(table(&[
        ("0x80072EE2", "2147012894", "ERROR_INTERNET_TIMEOUT"),
        (
            "0x80072EE7",
            "2147012889",
            "ERROR_INTERNET_NAME_NOT_RESOLVED",
        ),
        ("0x80072EFD", "2147012867", "ERROR_INTERNET_CANNOT_CONNECT"),
    ])));
    let systematic = rule_messages(&all, "decimal-systematic");
    assert_eq!(systematic.len(), 1, "{all:#?}");
    assert!(
        systematic[0].contains("every value has lost its minus sign"),
        "{systematic:?}"
    );
}
