//! `html-table-unmapped`: hTML table cells that could not be placed on their lines.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "html-table-unmapped",
    severity: Severity::Warning,
    tags: &["ingest", "table"],
    fix: None,
    summary: "An HTML table is never closed, or its cells could not be matched to their lines",
    explanation: "errdocs matches each `<td>` that the HTML parser sees with the tag in the file to know its line. A table that is never closed is read up to the next blank line; cells the parser invents (a `<td>` outside any `<tr>`) break the match, and are then reported at the table's first line. Close every `<table>` and put every cell in a row.",
    bad_example: "<table>\n<td>0x80240001</td><td>WU_E_NO_SERVICE</td>\n</tabel>",
    good_example: "<table>\n<tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td></tr>\n</table>",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let message = match problem {
            IngestProblem::UnclosedHtmlTable { .. } => {
                "HTML table is never closed with </table>; it is read up to the end of its HTML block (the next blank line)".to_string()
            }
            IngestProblem::UnmappedHtmlTable {
                rows,
                cells,
                row_tags,
                cell_tags,
                ..
            } => format!(
                "HTML table has {rows} rows and {cells} cells but the raw text shows {row_tags} `<tr>` and {cell_tags} `<td>`/`<th>` tags (unclosed or nested markup?); its cells are placed at the table's first line"
            ),
            _ => continue,
        };
        out.push(RULE.finding(problem.location().clone(), message));
    }
}
