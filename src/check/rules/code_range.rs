//! `code-range`: a row that stands for a range or a family of codes.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::CodeProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "code-range",
    severity: Severity::Note,
    tags: &["code"],
    fix: None,
    summary: "A row stands for a range or a family of codes, not one code",
    explanation: "Support pages list a range of codes (`0xC1900101 - 0xC1900107`, `0x80240001 to 0x80240FFF`) or a family with its last digits left open (`0x8024xxxx`) in the code column, on purpose: the row is about all of them. It is no malformed code, but no one code either, so it cannot be a record: errdocs keeps it as an unresolved row, with this note, and asks no evidence for a value. List the codes one per row where each needs its own entry.",
    bad_example: "|0x8024xxxx||Errors from the Windows Update Agent.|",
    good_example: "|0x80240001|WU_E_NO_SERVICE|Windows Update Agent was unable to provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for code in ctx.input.unreadable_codes {
        let Some(problem @ (CodeProblem::Range | CodeProblem::Wildcard)) = &code.problem else {
            continue;
        };
        out.push(
            RULE.finding(
                code.location.clone(),
                format!(
                    "code `{}` {problem}; the row is kept as an unresolved row, not a record",
                    code.written
                ),
            )
            .about(None, Some(&code.name)),
        );
    }
}
