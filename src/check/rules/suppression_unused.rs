//! `suppression-unused`: a suppression comment that silences nothing or names no rule.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::{IngestProblem, Suppression, SuppressionProblem};

/// The rule.
pub static RULE: Rule = Rule {
    id: "suppression-unused",
    severity: Severity::Warning,
    tags: &["meta"],
    fix: None,
    summary: "An errdocs-disable comment silences nothing, or names an unknown rule",
    explanation: "A suppression outlives the problem it silenced, or names a rule id that does not exist. Either way it would hide a future problem: remove it, or correct the rule id. In a comment naming several rules, each unused one is reported.",
    bad_example: "<!-- errdocs-disable-next-line decimal-mismatch -->\n<tr><td>0x80240001</td><td>-2145124351</td>...",
    good_example: "<tr><td>0x80240001</td><td>-2145124351</td>...",
    rollup: None,
    check,
};

/// What is wrong with the comments themselves: directives that do not
/// exist or cannot apply, and rule ids that do not exist. (Suppressions
/// that silence nothing are known only once the other rules ran:
/// `check::suppress` reports them, through [`unused`].)
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::Suppression { location, kind } = problem else {
            continue;
        };
        let message = match kind {
            SuppressionProblem::UnknownDirective(kind) => format!(
                "`errdocs-{kind}` is not a directive; use errdocs-disable-next-line, errdocs-disable-line, errdocs-disable or errdocs-enable"
            ),
            SuppressionProblem::NoNextLine => {
                "this errdocs-disable-next-line has no line after it to silence; remove it".into()
            }
            SuppressionProblem::UnclosedDisable => {
                "this errdocs-disable is never closed by an errdocs-enable, so it silences the rest of the file; add an errdocs-enable after the lines it is for".into()
            }
            SuppressionProblem::EnableWithoutDisable => {
                "this errdocs-enable closes no errdocs-disable; remove it".into()
            }
        };
        out.push(RULE.finding(location.clone(), message));
    }
    for file in ctx.files() {
        for suppression in &file.suppressions {
            for id in &suppression.rules {
                if !crate::check::rules::ALL.iter().any(|r| r.id == id) {
                    out.push(RULE.finding(
                        suppression.location.clone(),
                        format!("`{id}` is not a rule id; `errdocs rules` lists them"),
                    ));
                }
            }
        }
    }
}

/// The finding of a suppression that silenced nothing: `what` lists the
/// rule ids it names in vain (quoted), or says "any rule".
pub fn unused(suppression: &Suppression, what: &[String]) -> Finding {
    RULE.finding(
        suppression.location.clone(),
        format!(
            "this suppression of {} silences nothing; remove it",
            what.join(", ")
        ),
    )
}
