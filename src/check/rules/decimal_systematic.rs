//! `decimal-systematic`: a whole table's decimal column wrong for one reason.

use crate::check::context::Context;
use crate::check::decimals::{corrected_code, finding, wrong_decimals};
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Finding, RelatedLocation, Severity};
use crate::model::DecimalReading;

/// The rule.
pub static RULE: Rule = Rule {
    id: "decimal-systematic",
    severity: Severity::Error,
    tags: &["code"],
    fix: Some(Applicability::Safe),
    summary: "A whole table's decimal column is wrong for one reason",
    explanation: "When (nearly) every decimal value in a table is wrong the same way, the column was generated with a bug: recompute it rather than fixing rows one by one. The finding lists every row, with the value it should have; decimal-mismatch then leaves those rows to it.",
    bad_example: "0x00000000 | -4294967296\n0x00000001 | -4294967295",
    good_example: "0x00000000 | 0\n0x00000001 | 1",
    rollup: None,
    check,
};

/// One finding per table whose decimal column is wrong for one reason,
/// every wrong row (with its fix) among its related places.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.source_tables() {
        let Some(first) = table.first() else { continue };
        let decimals = wrong_decimals(table);
        let Some(kind) = decimals.systematic() else {
            continue;
        };
        let cause = match kind {
            DecimalReading::OffsetBy2Pow32 => {
                "every value is the code minus 2^32: the column was computed with the wrong offset"
            }
            DecimalReading::Unsigned => "every value is the unsigned form of the code",
            DecimalReading::Truncated => "every value has lost digits",
            DecimalReading::SignLost => "every value has lost its minus sign",
            _ => "every value disagrees with its hex code",
        };
        // Rows wrong another way are decimal-mismatch's, one by one.
        let ours: Vec<_> = decimals
            .wrong
            .iter()
            .filter(|wrong| wrong.reading == kind)
            .collect();
        let mut systematic = RULE.finding(
            first.table.location.clone(),
            format!(
                "{} of {} decimal values in table \"{}\" are wrong for one reason: {cause}; recompute the column as signed 32-bit values (the finding lists each row)",
                ours.len(),
                decimals.stated,
                first.table.section()
            ),
        );
        systematic.related = ours
            .into_iter()
            .map(|wrong| {
                // Each row's place, message and fix, as decimal-mismatch says them.
                let row = finding(&RULE, wrong, corrected_code(ctx, wrong.record));
                RelatedLocation {
                    location: row.location,
                    message: row.message,
                    fix: row.fix,
                    name: row.name,
                }
            })
            .collect();
        out.push(systematic);
    }
}
