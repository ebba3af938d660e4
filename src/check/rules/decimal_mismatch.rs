//! `decimal-mismatch`: a decimal column that disagrees with the hex code.

use crate::check::context::Context;
use crate::check::decimals::{corrected_code, finding, wrong_decimals};
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::model::decimal_value;

/// The rule.
pub static RULE: Rule = Rule {
    id: "decimal-mismatch",
    severity: Severity::Error,
    tags: &["code"],
    fix: Some(Applicability::Safe),
    summary: "A decimal column disagrees with the hex code",
    explanation: "The decimal column is the code as a signed 32-bit integer, the form Windows tools and logs print. A value computed with the wrong offset (minus 2^32), written unsigned, without its minus sign, or with digits lost sends readers to the wrong code. The fix names the correct signed value. A translation's decimal that differs from its source's is reported in the translation; one the source writes too is reported once, at the source.",
    bad_example: "<td>0x80070057</td><td>2147942487</td><td>E_INVALIDARG</td>",
    good_example: "<td>0x80070057</td><td>-2147024809</td><td>E_INVALIDARG</td>",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // A column wrong for one reason is decimal-systematic's to say, with
    // each row wrong that way, when that rule runs.
    let systematic_said = ctx.is_enabled(super::decimal_systematic::RULE.id);
    for table in ctx.tables() {
        let Some(first) = table.first() else { continue };
        let decimals = wrong_decimals(table);
        if first.file.is_source {
            // Only the rows wrong the systematic way are said there; a row
            // wrong another way is still this rule's.
            let said = decimals.systematic().filter(|_| systematic_said);
            for wrong in decimals.wrong {
                if said != Some(wrong.reading) {
                    out.push(finding(&RULE, &wrong, corrected_code(ctx, wrong.record)));
                }
            }
            continue;
        }
        // A translation's decimal that its source writes too is reported
        // once, at the source; one the translation changed is its own.
        for wrong in decimals.wrong {
            if !same_number(&wrong.cell.text, wrong.record.documented_decimal.as_deref()) {
                out.push(finding(&RULE, &wrong, corrected_code(ctx, wrong.record)));
            }
        }
    }
}

/// True when a translation's decimal states what the source's does.
fn same_number(translated: &str, source: Option<&str>) -> bool {
    let Some(source) = source else {
        return false;
    };
    match (decimal_value(translated), decimal_value(source)) {
        (Some(a), Some(b)) => a == b,
        _ => translated.trim() == source.trim(),
    }
}
