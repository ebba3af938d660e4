//! `table-ragged-row`: a row whose cell count differs from its header's.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "table-ragged-row",
    severity: Severity::Warning,
    tags: &["ingest", "table"],
    fix: None,
    summary: "A table row has more or fewer cells than the header",
    explanation: "Markdown renderers pad short rows with empty cells and drop extra cells silently, so a stray or missing `|` hides text from readers. errdocs reads missing cells as empty and keeps extra cells as raw text.",
    bad_example: "|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80cf0001|OM_E_NO_SERVICE|",
    good_example: "|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80cf0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        if let IngestProblem::TableCutShort {
            location,
            width,
            rows,
        } = problem
        {
            out.push(RULE.finding(location.clone(), cut_short_message(*width, *rows)));
            continue;
        }
        let IngestProblem::RaggedRow {
            location,
            cells,
            width,
            extra,
        } = problem
        else {
            continue;
        };
        let what = if cells < width {
            "the missing cells are read as empty".to_string()
        } else if extra.is_empty() {
            "the extra cells are kept as raw text but not read".to_string()
        } else {
            let listed: Vec<String> = extra.iter().map(|c| format!("`{c}`")).collect();
            format!(
                "the extra cells ({}) are kept as raw text but not read",
                listed.join(", ")
            )
        };
        out.push(RULE.finding(
            location.clone(),
            format!(
                "table row has {cells} cell{} but the header has {width}; {what}",
                if *cells == 1 { "" } else { "s" }
            ),
        ));
    }
}

/// The message for a pipe table ended early for its padded cells.
fn cut_short_message(width: usize, rows: usize) -> String {
    format!(
        "the table above ends here, after {rows} row{}, not at a blank line: its rows are so much shorter than its header ({width} cells) that the empty cells filling them out reached {limit}, the most errdocs' Markdown reader adds to one table, and it ended the table there; this line and the rows after it are not read as the table's rows: give the header only the columns its rows have",
        if rows == 1 { "" } else { "s" },
        limit = crate::check::reference::thousands(crate::ingest::markdown::PADDED_CELLS_LIMIT),
    )
}
