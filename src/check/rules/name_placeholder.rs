//! `name-placeholder`: a placeholder where the name should be.

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::{Context, RowView};
use crate::check::reference::{defines, either, names_for_code, prefix_counts, show_origin};
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::{CodeProblem, is_placeholder_name};

/// The rule.
pub static RULE: Rule = Rule {
    id: "name-placeholder",
    severity: Severity::Error,
    tags: &["name", "reference"],
    fix: Some(Applicability::Unsafe),
    summary: "A symbolic name is empty or a placeholder such as NULL",
    explanation: "Readers look codes up by name. `NULL`, `N/A` or an empty cell where the constant's name belongs gives them nothing; find the name, or drop the row. Where the Windows SDK (or the product's header named in errdocs.toml) names the code, the finding says so and suggests the name, for a person to confirm: a placeholder is no evidence of which constant the row meant. A Win32 error inside an HRESULT (0x800704C7, HRESULT_FROM_WIN32(ERROR_CANCELLED)) is named by the Win32 error's name too. Where no reference names a Win32 error code, the finding says so: the code itself may be wrong.",
    bad_example: "<td>0x000005D5</td><td>NULL</td>",
    good_example: "<td>0x000005D5</td><td>ERROR_EXAMPLE_NAME</td>",
    rollup: None,
    check,
};

/// On source rows of tables with a name column.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let reference = ctx.input.reference;
    let has_facts = reference.has_facts();
    for table in ctx.source_tables() {
        // The family prefixes of the table's names, for a table that has a
        // placeholder.
        let mut prefixes: Option<HashMap<String, usize>> = None;
        for row in table {
            let Some(cell) = row.cells.name else { continue };
            // A row written as the rest of the row above, with no row
            // above to join (no code and no name either), is
            // `row-fields-doubtful`'s: its empty name is no finding of its
            // own.
            if crate::normalize::is_unjoined_continuation(row.table, row.cells.row) {
                continue;
            }
            let name = row.cells.name_text();
            // A row for a range or a family of codes (`0x8024xxxx`) names
            // no one constant (`code-range` notes the row).
            if !is_placeholder_name(name) || stands_for_several_codes(row) {
                continue;
            }
            let shown = if name.trim().is_empty() {
                "empty".to_string()
            } else {
                format!("`{name}`, a placeholder")
            };
            let mut finding = RULE
                .finding(
                    cell.location.clone(),
                    format!(
                        "the symbolic name is {shown}; write the constant's name, or remove the row if the code has none"
                    ),
                )
                .about(row.record.map(|r| r.code.to_string()), None);
            if let (Some(record), true) = (row.record, has_facts) {
                let prefixes = prefixes.get_or_insert_with(|| {
                    prefix_counts(table.iter().map(|other| other.cells.name_text()))
                });
                let code = record.code;
                match names_for_code(reference, code, name, prefixes).as_slice() {
                    [] if code.value() > 0xFFFF
                        && let Some(inside) = code.win32_error() =>
                    {
                        finding.message.push_str(&format!(
                            "; no reference defines {code} either, nor the Win32 error {inside} inside it, so check the code too"
                        ))
                    }
                    [] if code.win32_error().is_some() => finding.message.push_str(&format!(
                        "; no reference defines {code} either, so check the code too"
                    )),
                    [] => {}
                    [only] => {
                        finding.message.push_str(&format!(
                            "; {} names {code} `{}`",
                            show_origin(only),
                            only.name
                        ));
                        finding = finding.with_fix(Fix {
                            field: "name".into(),
                            from: name.trim().to_string(),
                            to: only.name.to_string(),
                            confidence: Confidence::Low,
                            applicability: Applicability::Unsafe,
                            evidence: vec![defines(only)],
                        });
                    }
                    several => finding.message.push_str(&format!(
                        "; the reference names {code} {}",
                        either(several.iter().map(|fact| fact.name))
                    )),
                }
            }
            out.push(finding);
        }
    }
}

/// True for a row that is no record because its code cell stands for a
/// range or a family of codes.
fn stands_for_several_codes(row: &RowView) -> bool {
    row.record.is_none()
        && matches!(
            row.cells.code_reading().problem,
            Some(CodeProblem::Range | CodeProblem::Wildcard)
        )
}
