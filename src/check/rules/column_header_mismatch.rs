//! `column-header-mismatch`: a header whose words name another role than
//! its column's cells hold.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;
use crate::model::ColumnRole;

/// The rule.
pub static RULE: Rule = Rule {
    id: "column-header-mismatch",
    severity: Severity::Warning,
    tags: &["ingest", "table"],
    fix: None,
    summary: "A column's header names what its cells are not",
    explanation: "errdocs reads each column by what its cells hold (hex codes, decimal numbers, symbolic names, text); the header's words only break ties. When a header says `Hexadecimal error code` over a column of symbolic names, readers and tools that trust the header read the table wrong: errdocs follows the cells and reports the header. Rename the header, or move the column. Only headers that name one role are held to it: `Error code` is said of names (`ERROR_FILE_NOT_FOUND`) as often as of numbers, and heads either.",
    bad_example: "| Hexadecimal error code | Symbolic name | Description |\n|---|---|---|\n| E_FILENOTFOUND | 0x80070002 | File or path is not found. |",
    good_example: "| Symbolic name | Hexadecimal error code | Description |\n|---|---|---|\n| E_FILENOTFOUND | 0x80070002 | File or path is not found. |",
    rollup: None,
    check,
};

/// What a role is, in a message.
fn what(role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::Code => "hex codes",
        ColumnRole::Decimal => "decimal numbers",
        ColumnRole::Name => "symbolic names",
        ColumnRole::Description => "descriptions",
        ColumnRole::Win32 => "the Win32 errors inside the codes",
        ColumnRole::Other => "something else",
    }
}

/// On the header cell of each mismatched column of a source-language
/// table (translations inherit their source's headers and roles).
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::HeaderMismatch {
            location,
            header,
            mismatch,
            ..
        } = problem
        else {
            continue;
        };
        let (cells, matching) = mismatch.evidence;
        out.push(RULE.finding(
            location.clone(),
            format!(
                "column {} is headed `{header}`, which names {}, but {matching} of its {cells} cells are {}; errdocs reads it as the {} column",
                mismatch.column + 1,
                what(mismatch.header_says),
                what(mismatch.content_is),
                mismatch.content_is.as_str()
            ),
        ));
    }
}
