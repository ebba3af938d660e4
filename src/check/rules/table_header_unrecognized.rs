//! `table-header-unrecognized`: a table whose header names no code column.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "table-header-unrecognized",
    severity: Severity::Warning,
    tags: &["ingest", "table"],
    fix: None,
    summary: "A table's header names no error-code column",
    explanation: "errdocs finds columns by their header text (Error code, Hexadecimal Error Code, Fehlercode, 错误代码, ...), not by position. A table whose header it cannot read is kept as unresolved rows. If the table holds error codes, use one of the known headers; if it does not, set this rule to \"off\" in errdocs.toml or suppress it above the table.",
    bad_example: "|Value|Meaning|\n|---|---|\n|0x80cf0001|The agent could not provide the service.|",
    good_example: "|Error code|More information|\n|---|---|\n|0x80cf0001|The agent could not provide the service.|",
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::UnrecognizedHeader {
            location,
            headers,
            rows,
        } = problem
        else {
            continue;
        };
        let header = if headers.is_empty() {
            "no header row".to_string()
        } else {
            let quoted: Vec<String> = headers.iter().map(|h| format!("`{h}`")).collect();
            format!("the header {}", quoted.join(", "))
        };
        out.push(RULE.finding(
            location.clone(),
            format!(
                "table has {header}, which names no error-code column and no name or description column; {}",
                match rows {
                    1 => "its row is kept as an unresolved row".to_string(),
                    n => format!("its {n} rows are kept as unresolved rows"),
                }
            ),
        ));
    }
}
