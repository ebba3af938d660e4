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
    summary: "An HTML table is never closed, its cells could not be matched to their lines, or its cells overlap",
    explanation: "errdocs matches each `<td>` that the HTML parser sees with the tag in the file to know its line. A table that is never closed is read up to the next blank line; cells the parser invents (a `<td>` outside any `<tr>`) break the match, and are then reported at the table's first line. A cell whose `colspan` reaches a column that a `rowspan` from a row above still covers overlaps that cell (HTML's table model counts it an error, and browsers draw one cell over the other); the column is read as the cell from above, which still ends where its `rowspan` says. Close every `<table>`, put every cell in a row, and let no two cells cover one place.",
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
            IngestProblem::OverlappingHtmlCells { overlapped, .. } => format!(
                "HTML table cell's `colspan` reaches a column that the `rowspan` of the cell at {}:{} already covers (cells that overlap); the column is read as that cell. Shorten the `colspan` or the `rowspan`",
                overlapped.line, overlapped.column
            ),
            _ => continue,
        };
        out.push(RULE.finding(problem.location().clone(), message));
    }
}
