//! `code-contradicted`: a well-formed code that the row's decimal column
//! and the rows around it (or its counterpart) contradict.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::normalize::CODE_CONTRADICTED_RULE;

/// The rule.
pub static RULE: Rule = Rule {
    id: CODE_CONTRADICTED_RULE,
    severity: Severity::Error,
    tags: &["code"],
    fix: Some(Applicability::Safe),
    summary: "A code that its row's decimal and the rows around it contradict",
    explanation: "A hex code can be well formed and still wrong: copied from the row above, or computed from a decimal with a digit lost. When the row's decimal column states another code, and the rows around it in a sorted table (the same name in the mirrored WU/OM family, or the header that defines the name) agree with the decimal while nothing supports the hex, the hex is what is wrong; a header that defines the name with the hex keeps it. The dataset uses the code the evidence gives (recorded in the record's `repairs`), and the fix rewrites the code cell. When only the decimal disagrees, `decimal-mismatch` says so instead.",
    bad_example: "|-2016331102|0x87D13AA2|5010:Device locked|\n|-2016331103|0x87D13AA4|5009:(unused)|\n|-2016331104|0x87D13AA0|5008:Passcode too recent|",
    good_example: "|-2016331102|0x87D13AA2|5010:Device locked|\n|-2016331103|0x87D13AA1|5009:(unused)|\n|-2016331104|0x87D13AA0|5008:Passcode too recent|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(record) = row.record else {
            continue;
        };
        for repair in record.repairs.iter().filter(|r| r.rule == RULE.id) {
            out.push(
                RULE.finding(
                    row.cells.code_location(),
                    format!(
                        "code `{}` is contradicted by the row's decimal column and {}; the dataset uses {}",
                        repair.from,
                        if repair.evidence.iter().any(|e| e.contains("sorted")) {
                            "the rows around it"
                        } else {
                            "its counterpart"
                        },
                        repair.to
                    ),
                )
                .about(Some(repair.to.clone()), Some(&record.name))
                .with_fix(Fix {
                    field: "code".into(),
                    from: repair.from.clone(),
                    to: repair.to.clone(),
                    confidence: Confidence::High,
                    applicability: Applicability::Safe,
                    evidence: repair.evidence.clone(),
                }),
            );
        }
    }
}
