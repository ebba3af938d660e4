//! `names-unpaired`: a row lists several codes and several names that
//! cannot be paired.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "names-unpaired",
    severity: Severity::Warning,
    tags: &["name", "table"],
    fix: None,
    summary: "A row lists several codes and several names that cannot be paired",
    explanation: "A row whose code cell lists several codes (`0x80070005<br>0x80004005`) gives one record per code. When its name cell lists as many names, written apart as the codes are, each code takes its name, in order. When the counts differ, or the names are separated otherwise than the codes, nothing says which name is which code's, and no code gets a name of its own. Write one name per code, in the codes' order and separated as they are, or give each code a row.",
    bad_example: "|0x80070005<br>0x80004005|E_ACCESSDENIED<br>E_FAIL<br>E_ABORT|Access problem or failure.|",
    good_example: "|0x80070005<br>0x80004005|E_ACCESSDENIED<br>E_FAIL|Access problem or failure.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::UnpairedNames {
            location,
            names,
            codes,
        } = problem
        else {
            continue;
        };
        let shown: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        let (why, what) = if names.len() == *codes {
            (
                ", but separates them otherwise than the codes",
                "separate them as the codes are",
            )
        } else {
            ("", "write one name per code, in the codes' order")
        };
        out.push(RULE.finding(
            location.clone(),
            format!(
                "the name cell lists {} names ({}) for the row's {codes} codes{why}, so they cannot be paired and no code gets a name of its own; {what}",
                names.len(),
                shown.join(", ")
            ),
        ));
    }
}
