//! `counterpart-severity-mismatch`: counterparts whose severity differs.

use crate::check::context::Context;
use crate::check::counterparts::{CounterpartPair, record_place};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::HResult;

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-severity-mismatch",
    severity: Severity::Error,
    tags: &["counterpart", "structure"],
    fix: None,
    summary: "A WU code and its OM counterpart differ in severity",
    explanation: "A mirrored code is a failure on both sides or a success on both. A mismatch means one code's severity bit is wrong.",
    bad_example: "0x00240001 WU_S_SERVICE_STOP\n0x80CF0001 OM_S_SERVICE_STOP",
    good_example: "0x00240001 WU_S_SERVICE_STOP\n0x00CF0001 OM_S_SERVICE_STOP",
    rollup: None,
    check,
};

/// Each `WU` and `OM` name whose codes differ in their severity bit.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for CounterpartPair { wu, om } in ctx.counterparts().same_name_other_code() {
        if wu.code.is_failure() == om.code.is_failure() {
            continue;
        }
        out.push(
            RULE.finding(
                record_place(om),
                format!(
                    "{} is a {} code ({}) but its counterpart {} is a {} code ({}, {})",
                    om.name,
                    kind(om.code),
                    om.code,
                    wu.name,
                    kind(wu.code),
                    wu.code,
                    record_place(wu).file_line()
                ),
            )
            .about(Some(om.code.to_string()), Some(&om.name))
            .with_related(record_place(wu), format!("the counterpart {}", wu.name)),
        );
    }
}

fn kind(code: HResult) -> &'static str {
    if code.is_failure() {
        "failure"
    } else {
        "success"
    }
}
