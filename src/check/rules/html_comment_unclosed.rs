//! `html-comment-unclosed`: an HTML comment that hides the rest of the
//! page.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "html-comment-unclosed",
    severity: Severity::Warning,
    tags: &["ingest"],
    fix: None,
    summary: "An HTML comment is never closed and hides the rest of the page",
    explanation: "Markdown reads an HTML comment that opens a block (`<!--`) up to the line that closes it (`-->`). One that is never closed runs to the end of the page (or of the list or quote it is in): readers see nothing after it, and errdocs reads no table there. Usually the `-->` was lost in an edit. Close the comment where it should end.",
    bad_example: "<!-- Reviewed by the docs team.

|Error code|Description|
|---|---|
|0x80cf0001|The agent could not provide the service.|",
    good_example: "<!-- Reviewed by the docs team. -->

|Error code|Description|
|---|---|
|0x80cf0001|The agent could not provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::UnclosedHtmlComment {
            location,
            hidden_lines,
            last_line,
        } = problem
        else {
            continue;
        };
        let lines = lines_not_blank(*hidden_lines);
        out.push(RULE.finding(
            location.clone(),
            format!(
                "this HTML comment is never closed (no `-->`): Markdown hides everything after it up to line {last_line} ({lines}), and errdocs reads no table there; close it where it should end"
            ),
        ));
    }
}

/// `1 line that is not blank`, `3 lines that are not blank`: what a block
/// never closed hides, in words.
pub(super) fn lines_not_blank(count: usize) -> String {
    match count {
        1 => "1 line that is not blank".to_string(),
        n => format!("{n} lines that are not blank"),
    }
}
