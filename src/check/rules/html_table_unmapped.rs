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
    summary: "An HTML table is never closed, its cells could not be matched to their lines, its cells overlap, or it is nested too deep to be read",
    explanation: "errdocs matches each `<td>` that the HTML parser sees with the tag in the file to know its line. A table that is never closed is read up to the next blank line; cells the parser invents (a `<td>` outside any `<tr>`) break the match, and are then reported at the table's first line. A cell whose `colspan` reaches a column that a `rowspan` from a row above still covers overlaps that cell (HTML's table model counts it an error, and browsers draw one cell over the other); the column is read as the cell from above, which still ends where its `rowspan` says. Tables inside tables (a layout table's tables, a table of codes in a cell) are read as tables of their own down to three tables deep; a table deeper still is not read as a table, its text left in the cell that holds it, and is reported where it starts. Close every `<table>`, put every cell in a row, let no two cells cover one place, and nest tables no more than three deep.",
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
            IngestProblem::TablesNestedTooDeep { depth, tables, .. } => {
                let which = if *tables == 1 {
                    "it is not read as a table: its text is left in the cell that holds it".to_string()
                } else {
                    format!(
                        "it and the {} beside it are not read as tables: their text is left in the cell that holds them",
                        tables - 1
                    )
                };
                format!(
                    "HTML table nested {depth} tables deep, deeper than the {} errdocs reads; {which}, and no row of it is in a record. Move the table out of the tables around it",
                    crate::ingest::html::NESTING_DEPTH
                )
            }
            _ => continue,
        };
        out.push(RULE.finding(problem.location().clone(), message));
    }
}
