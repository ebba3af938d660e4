//! Every rule has a failing and a passing fixture, and a clean document
//! raises no finding at all.

mod common;

use common::project_with;
use errdocs::Project;
use errdocs::check;
use errdocs::diagnostic::Finding;

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

/// Rows 0x80240001.. with unique names and descriptions, in order.
fn sorted_rows(count: u32) -> Vec<String> {
    (1..=count)
        .map(|i| format!("|0x8024{i:04X}|WU_E_CODE_{i}|Description number {i}.|"))
        .collect()
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

/// Files of a fixture project: (path under the root, content).
type Files = Vec<(&'static str, String)>;

/// (rule, failing fixture, line of the expected finding, passing fixture)
fn cases() -> Vec<(&'static str, Files, usize, Files)> {
    let good_md = md(&[
        "|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
        "|0x80CF0002|OM_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|",
    ]);
    let mut out_of_order = sorted_rows(10);
    out_of_order.insert(7, "|0x80240020|WU_E_DISPLACED|A displaced row.|".into());
    let out_of_order: Vec<&str> = out_of_order.iter().map(String::as_str).collect();
    let in_order = sorted_rows(11);
    let in_order: Vec<&str> = in_order.iter().map(String::as_str).collect();
    vec![
        (
            "decimal-mismatch",
            single(html(&[(
                "0x80070057",
                "2147942487",
                "E_INVALIDARG",
                "An argument is invalid.",
            )])),
            5,
            single(html(&[(
                "0x80070057",
                "-2147024809",
                "E_INVALIDARG",
                "An argument is invalid.",
            )])),
        ),
        (
            "decimal-systematic",
            single(html(&[
                (
                    "0x00000001",
                    "-4294967295",
                    "ERROR_INVALID_FUNCTION",
                    "Invalid function.",
                ),
                (
                    "0x00000002",
                    "-4294967294",
                    "ERROR_FILE_NOT_FOUND",
                    "The file was not found.",
                ),
                (
                    "0x00000003",
                    "-4294967293",
                    "ERROR_PATH_NOT_FOUND",
                    "The path was not found.",
                ),
            ])),
            3,
            single(html(&[
                (
                    "0x00000001",
                    "1",
                    "ERROR_INVALID_FUNCTION",
                    "Invalid function.",
                ),
                (
                    "0x00000002",
                    "2",
                    "ERROR_FILE_NOT_FOUND",
                    "The file was not found.",
                ),
                (
                    "0x00000003",
                    "3",
                    "ERROR_PATH_NOT_FOUND",
                    "The path was not found.",
                ),
            ])),
        ),
        (
            "description-empty",
            single(md(&["|0x80CF0001|OM_E_NO_SERVICE| |"])),
            5,
            single(good_md.clone()),
        ),
        (
            "doubled-word",
            single(md(&[
                "|0x80CF0001|OM_E_NO_SERVICE|The the agent could not provide the service.|",
            ])),
            5,
            single(md(&[
                "|0x80CF0001|OM_E_NO_SERVICE|The agent could not, could it? provide the service.|",
            ])),
        ),
        (
            "duplicate-code",
            single(md(&[
                "|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
                "|0x80CF0001|OM_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|",
            ])),
            6,
            single(good_md.clone()),
        ),
        (
            "duplicate-description",
            single(md(&[
                "|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
                "|0x80CF0002|OM_E_MAX_CAPACITY_REACHED|The agent could not provide the service.|",
            ])),
            6,
            single(good_md.clone()),
        ),
        (
            "duplicate-name",
            single(md(&[
                "|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
                "|0x80CF0002|OM_E_NO_SERVICE|The maximum capacity of the service was exceeded.|",
            ])),
            6,
            single(good_md.clone()),
        ),
        (
            "facility-mismatch",
            single(md(&[
                "|0x80250001|WU_E_NO_SERVICE|The agent could not provide the service.|",
            ])),
            5,
            single(md(&[
                "|0x80240001|WU_E_NO_SERVICE|The agent could not provide the service.|",
            ])),
        ),
        (
            "front-matter-invalid",
            single(format!("---\ntitle: [unclosed\n---\n{good_md}")),
            2,
            single(format!(
                "---\ntitle: Codes\nms.date: 05/29/2019\n---\n{good_md}"
            )),
        ),
        (
            "hex-case-inconsistent",
            single(md(&[
                "|0x80cf000B|OM_E_CALL_CANCELLED|The operation was canceled.|",
                "|0x80CF000C|OM_E_NOOP|No operation was required.|",
            ])),
            5,
            single(md(&[
                "|0x80CF000B|OM_E_CALL_CANCELLED|The operation was canceled.|",
                "|0x80CF000C|OM_E_NOOP|No operation was required.|",
            ])),
        ),
        (
            "hex-malformed",
            single(md(&[
                "|0x8024200|WU_E_UH_REMOTEUNAVAILABLE|No remote process is available.|",
            ])),
            5,
            single(md(&[
                "|0x80242000|WU_E_UH_REMOTEUNAVAILABLE|No remote process is available.|",
            ])),
        ),
        (
            "html-table-unmapped",
            single(
                "# Codes\n\n<table>\n<td>Error code</td><td>Description</td>\n</table>\n".into(),
            ),
            3,
            single(html(&[(
                "0x80070005",
                "-2147024891",
                "E_ACCESSDENIED",
                "Access denied.",
            )])),
        ),
        (
            "identifier-reference-malformed",
            single(md(&[
                "|0x80cfAFFF|OM_E_AU_UNEXPECTED|Not covered by another **OM_E_AU &#42;** code.|",
            ])),
            5,
            single(md(&[
                "|0x80CFAFFF|OM_E_AU_UNEXPECTED|Not covered by another **OM_E_AU_&#42;** code.|",
            ])),
        ),
        (
            "name-case",
            single(md(&[
                "|0x0000007B|Error_Invalid_Name|The file name is incorrect.|",
            ])),
            5,
            single(md(&[
                "|0x0000007B|ERROR_INVALID_NAME|The file name is incorrect.|",
            ])),
        ),
        (
            "name-placeholder",
            single(md(&["|0x000005D5|NULL|Something failed.|"])),
            5,
            single(md(&["|0x000005D5|ERROR_EXAMPLE|Something failed.|"])),
        ),
        (
            "row-out-of-order",
            single(md(&out_of_order)),
            12,
            single(md(&in_order)),
        ),
        (
            "severity-bit-mismatch",
            single(md(&[
                "|0x00CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
            ])),
            5,
            single(md(&[
                "|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
                "|0x80245002|WU_E_REDIRECTOR_S_FALSE|An expected XML node could not be found.|",
            ])),
        ),
        (
            "suppression-unused",
            single(format!(
                "{}<!-- errdocs-disable-next-line decimal-mismatch -->\n<tr><td>0x80070005</td><td>-2147024891</td><td>E_ACCESSDENIED</td><td>Access denied.</td></tr>\n</table>\n",
                HTML_HEADER
            )),
            5,
            single(format!(
                "{}<!-- errdocs-disable-next-line decimal-mismatch -->\n<tr><td>0x80070005</td><td>2147942405</td><td>E_ACCESSDENIED</td><td>Access denied.</td></tr>\n</table>\n",
                HTML_HEADER
            )),
        ),
        (
            "table-header-unrecognized",
            single("# Colours\n\n|Colour|Shade|\n|---|---|\n|red|dark|\n".into()),
            3,
            single(good_md.clone()),
        ),
        (
            "table-ragged-row",
            single(md(&["|0x80CF0001|OM_E_NO_SERVICE|"])),
            5,
            single(good_md),
        ),
    ]
    .into_iter()
    .chain(translation_cases())
    .chain(counterpart_cases())
    .collect()
}

const EN_ROWS: [&str; 3] = [
    "|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
    "|0x80CF4019|OM_E_PT_HTTP_STATUS_NOT_FOUND|Same as **HTTP status 404**. See [the list](https://example.com/list).|",
    "|0x80CF4FFF|OM_E_PT_UNEXPECTED|Not covered by another **OM_E_PT_&#42;** code.|",
];
const DE_ROWS: [&str; 3] = [
    "|0x80CF0001|OM_E_NO_SERVICE|Der Agent konnte den Dienst nicht bereitstellen.|",
    "|0x80CF4019|OM_E_PT_HTTP_STATUS_NOT_FOUND|Entspricht **HTTP-Status 404**. Siehe [die Liste](https://example.com/list).|",
    "|0x80CF4FFF|OM_E_PT_UNEXPECTED|Von keinem anderen **OM_E_PT_&#42;**-Code abgedeckt.|",
];

/// A source page and its German translation made of `de_rows`, under
/// `de_front` front matter.
fn translated(de_rows: &[&str], de_front: &str) -> Files {
    let de_header =
        "# Codes\n\n|Fehlercode|Symbolischer Name|Weitere Informationen|\n|---|---|---|\n";
    let mut de = format!("---\n{de_front}\n---\n{de_header}");
    for row in de_rows {
        de.push_str(row);
        de.push('\n');
    }
    vec![
        (
            "sources/doc/en-us.md",
            format!("---\nms.contentlocale: en-US\n---\n{}", md(&EN_ROWS)),
        ),
        ("sources/doc/de-de.md", de),
    ]
}

/// Rows start at line 8 of each file (3 lines of front matter).
fn translation_cases() -> Vec<(&'static str, Files, usize, Files)> {
    let good = || translated(&DE_ROWS, "ms.contentlocale: de-DE");
    let with_row = |i: usize, row: &str| {
        let mut rows = DE_ROWS.to_vec();
        rows[i] = Box::leak(row.to_string().into_boxed_str());
        translated(&rows, "ms.contentlocale: de-DE")
    };
    vec![
        (
            "translation-row-missing",
            translated(&[DE_ROWS[0], DE_ROWS[2]], "ms.contentlocale: de-DE"),
            8,
            good(),
        ),
        (
            "translation-row-extra",
            translated(
                &[
                    DE_ROWS[0],
                    DE_ROWS[1],
                    DE_ROWS[2],
                    "|0x80CF9999|OM_E_ONLY_HERE|Nur hier.|",
                ],
                "ms.contentlocale: de-DE",
            ),
            11,
            good(),
        ),
        (
            "translation-row-order",
            translated(
                &[DE_ROWS[0], DE_ROWS[2], DE_ROWS[1]],
                "ms.contentlocale: de-DE",
            ),
            10,
            good(),
        ),
        (
            "translation-key-mismatch",
            with_row(
                1,
                "|0x80CF4019|OM_E_PT_HTTP_STATUS_NOT_FOUNT|Entspricht **HTTP-Status 404**. Siehe [die Liste](https://example.com/list).|",
            ),
            9,
            good(),
        ),
        (
            "translation-token-mismatch",
            with_row(
                1,
                "|0x80CF4019|OM_E_PT_HTTP_STATUS_NOT_FOUND|Entspricht **HTTP-Status 400**. Siehe [die Liste](https://example.com/list).|",
            ),
            9,
            good(),
        ),
        (
            "translation-untranslated",
            with_row(0, EN_ROWS[0]),
            8,
            good(),
        ),
        (
            "translation-markup-lost",
            with_row(
                2,
                "|0x80CF4FFF|OM_E_PT_UNEXPECTED|Von keinem anderen OM_E_PT_&#42;-Code abgedeckt.|",
            ),
            10,
            good(),
        ),
        (
            "translation-metadata",
            translated(&DE_ROWS, "ms.contentlocale: en-US"),
            2,
            good(),
        ),
    ]
}

/// A WU page and an OM page of one row each (line 5 of each).
fn pair(wu_row: &str, om_row: &str) -> Files {
    vec![
        ("sources/wu/en-us.md", md(&[wu_row])),
        ("sources/om/en-us.md", md(&[om_row])),
    ]
}

fn counterpart_cases() -> Vec<(&'static str, Files, usize, Files)> {
    let good = || {
        pair(
            "|0x80244020|WU_E_PT_HTTP_STATUS_NOT_SUPPORTED|Http status 501 - required not supported.|",
            "|0x80CF4020|OM_E_PT_HTTP_STATUS_NOT_SUPPORTED|Same as HTTP status 501. The server does not support the required functionality.|",
        )
    };
    vec![
        (
            "counterpart-name-mismatch",
            pair(
                "|0x80240019|WU_E_EXCLUSIVE_INSTALL_CONFILCT|An exclusive update conflicts with other updates.|",
                "|0x80CF0019|OM_E_EXCLUSIVE_INSTALL_CONFLICT|An exclusive update conflicts with another update.|",
            ),
            5,
            good(),
        ),
        (
            "counterpart-code-mismatch",
            pair(
                "|0x80244019|WU_E_PT_HTTP_STATUS_NOT_FOUND|Http status 404 - object not found.|",
                "|0x80CF4018|OM_E_PT_HTTP_STATUS_NOT_FOUND|Same as HTTP status 404. The object was not found.|",
            ),
            5,
            good(),
        ),
        (
            "counterpart-number-mismatch",
            pair(
                "|0x80244020|WU_E_PT_HTTP_STATUS_NOT_SUPPORTED|Http status 501 - required not supported.|",
                "|0x80CF4020|OM_E_PT_HTTP_STATUS_NOT_SUPPORTED|Same as HTTP status 500. The server does not support the required functionality.|",
            ),
            5,
            good(),
        ),
        (
            "counterpart-description-mismatch",
            vec![
                (
                    "sources/wu/en-us.md",
                    md(&[
                        "|0x8024200E|WU_E_UH_NOTIFYFAILURE|The attempted operation was not allowed.|",
                    ]),
                ),
                (
                    "sources/om/en-us.md",
                    md(&[
                        "|0x80CF200E|OM_E_UH_NOTIFYFAILURE|The update handler failed to send notification of the status of the install.|",
                        "|0x80CF801A|OM_E_DS_INVALIDOPERATION|The attempted operation was not allowed here.|",
                    ]),
                ),
            ],
            5,
            good(),
        ),
        (
            "counterpart-description-divergent",
            pair(
                "|0x80244025|WU_E_PT_FILE_LOCATIONS_CHANGED|Server replied with FileLocationsChange.|",
                "|0x80CF4025|OM_E_PT_FILE_LOCATIONS_CHANGED|The operation failed because of a changed file location. Refresh the internal state and resend.|",
            ),
            5,
            good(),
        ),
        (
            "counterpart-severity-mismatch",
            pair(
                "|0x00240009|WU_S_EXAMPLE|The example finished.|",
                "|0x80CF0009|OM_S_EXAMPLE|The example finished.|",
            ),
            5,
            pair(
                "|0x00240009|WU_S_EXAMPLE|The example finished.|",
                "|0x00CF0009|OM_S_EXAMPLE|The example finished.|",
            ),
        ),
        (
            "counterpart-coverage",
            vec![
                (
                    "sources/wu/en-us.md",
                    md(&[
                        "|0x80244020|WU_E_PT_HTTP_STATUS_NOT_SUPPORTED|Http status 501 - required not supported.|",
                        "|0x80244021|WU_E_PT_HTTP_STATUS_BAD_GATEWAY|Http status 502 - error response received from gateway.|",
                    ]),
                ),
                (
                    "sources/om/en-us.md",
                    md(&[
                        "|0x80CF4020|OM_E_PT_HTTP_STATUS_NOT_SUPPORTED|Same as HTTP status 501. The server does not support the required functionality.|",
                    ]),
                ),
            ],
            3,
            good(),
        ),
    ]
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let cases = cases();
    for rule in check::registry() {
        assert!(
            cases.iter().any(|(id, ..)| *id == rule.id),
            "rule {} has no fixture",
            rule.id
        );
    }
    for (rule, bad, line, good) in cases {
        let found = findings_of(&bad);
        let hits: Vec<&Finding> = found.iter().filter(|f| f.rule == rule).collect();
        assert!(
            hits.iter().any(|f| f.location.line == line),
            "{rule}: expected a finding at line {line}, got {hits:#?}\nall: {found:#?}"
        );
        let found = findings_of(&good);
        let hits: Vec<&Finding> = found.iter().filter(|f| f.rule == rule).collect();
        assert!(hits.is_empty(), "{rule}: passing fixture raised {hits:#?}");
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
