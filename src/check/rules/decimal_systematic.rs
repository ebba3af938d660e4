//! `decimal-systematic`: a whole table's decimal column wrong for one reason.

use super::decimal_mismatch::wrong_decimals;
use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::DecimalReading;

/// The rule.
pub static RULE: Rule = Rule {
    id: "decimal-systematic",
    severity: Severity::Note,
    tags: &["code"],
    fix: None,
    summary: "A whole table's decimal column is wrong for one reason",
    explanation: "When (nearly) every decimal value in a table is wrong the same way, the column was generated with a bug: recompute it rather than fixing rows one by one. Each row is also reported by decimal-mismatch.",
    bad_example: "0x00000000 | -4294967296\n0x00000001 | -4294967295",
    good_example: "0x00000000 | 0\n0x00000001 | 1",
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.source_tables() {
        let Some(first) = table.first() else { continue };
        let decimals = wrong_decimals(table);
        let wrong = &decimals.wrong;
        // One cause for (nearly) the whole table: say it once.
        let Some(kind) = wrong.first().map(|w| w.reading) else {
            continue;
        };
        if wrong.len() < 3
            || wrong.len() * 10 < decimals.stated * 8
            || wrong.iter().any(|w| w.reading != kind)
        {
            continue;
        }
        let cause = match kind {
            DecimalReading::OffsetBy2Pow32 => {
                "every value is the code minus 2^32: the column was computed with the wrong offset"
            }
            DecimalReading::Unsigned => "every value is the unsigned form of the code",
            DecimalReading::Truncated => "every value has lost digits",
            _ => "every value disagrees with its hex code",
        };
        out.push(RULE.finding(
            first.table.location.clone(),
            format!(
                "{} of {} decimal values in table \"{}\" are wrong for one reason: {cause}; recompute the column as signed 32-bit values",
                wrong.len(),
                decimals.stated,
                first.table.section()
            ),
        ));
    }
}
