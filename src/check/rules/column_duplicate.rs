//! `column-duplicate`: a table with two columns of one role, the second
//! of which is in no record.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "column-duplicate",
    severity: Severity::Warning,
    tags: &["ingest", "table"],
    fix: None,
    summary: "Two columns of a table have one role: the second is in no record",
    explanation: "A record has one code, one name and one description per locale. When two columns of a table are headed as the same thing (`Error code | Error code | Description | Description`, two tables pasted side by side), errdocs reads the first and keeps the second's cells with the table only: its codes and descriptions are in no record, no CSV and no Rust constant. Split the table in two, or rename the column if it holds something else.",
    bad_example: "| Error code | Description | Error code | Description |\n|---|---|---|---|\n| 0x80240001 | The agent could not provide the service. | 0x80240002 | The maximum capacity was reached. |",
    good_example: "| Error code | Description |\n|---|---|\n| 0x80240001 | The agent could not provide the service. |\n| 0x80240002 | The maximum capacity was reached. |",
    rollup: None,
    check,
};

/// On the header cell of each column whose role another column has.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::DuplicateColumn {
            location,
            header,
            role,
            kept,
        } = problem
        else {
            continue;
        };
        out.push(RULE.finding(
            location.clone(),
            format!(
                "this column is headed `{header}`, as the {} column at {}:{} is; a record has one {}, so this column's cells are in no record: split the table, or rename the column",
                role.as_str(),
                kept.line,
                kept.column,
                role.as_str()
            ),
        ));
    }
}
