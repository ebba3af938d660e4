//! `counterpart-description-mismatch`: a description that describes another code.

use crate::check::context::Context;
use crate::check::counterparts::{
    DescriptionVerdict, description_place, record_place, source_description,
};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-description-mismatch",
    severity: Severity::Warning,
    tags: &["counterpart", "description"],
    fix: None,
    summary: "A description matches another code's counterpart better than its own",
    explanation: "When a WU description reads like the OM description of a different code (or the reverse), it was most likely copied from the wrong row.",
    bad_example: "WU_S_MARKED_FOR_DISCONNECT: The system needs to be rebooted to complete installation.",
    good_example: "WU_S_MARKED_FOR_DISCONNECT: A callback was marked to be disconnected later.",
    rollup: None,
    check,
};

/// Each pair one of whose descriptions reads like another code's.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for verdict in ctx.counterparts().description_verdicts() {
        let DescriptionVerdict::Copied {
            record,
            counterpart,
            other,
        } = *verdict
        else {
            continue;
        };
        out.push(
            RULE.finding(
                description_place(record),
                format!(
                    "{} says \"{}\", which describes {} ({}: \"{}\") rather than its counterpart {} ({}: \"{}\"); it was probably copied from the wrong row",
                    record.name,
                    source_description(record),
                    other.name,
                    record_place(other).file_line(),
                    source_description(other),
                    counterpart.name,
                    record_place(counterpart).file_line(),
                    source_description(counterpart)
                ),
            )
            .about(Some(record.code.to_string()), Some(&record.name))
            .with_related(
                description_place(counterpart),
                format!("the counterpart {}", counterpart.name),
            )
            .with_related(
                description_place(other),
                format!("the row it resembles, {}", other.name),
            ),
        );
    }
}
