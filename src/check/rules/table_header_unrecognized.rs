//! `table-header-unrecognized`: a table whose header names a code column
//! over no codes, or a vertical table of one code that cannot be read.

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
    summary: "A table whose header names a code column has no codes in it, whose codes no column reads, or a vertical table's code cannot be read",
    explanation: "errdocs reads a table as codes when its cells hold codes (hex, or decimal numbers beside symbolic names). A table whose header names a code column but whose cells hold none, or too few for a column of codes (no column holds them in half its rows), cannot be read: its rows are kept as unresolved rows. A table whose header names no code column but whose cells list codes among a few other words, in half its rows or more and three distinct codes or more (`E _ puntatore 0x80004003`, `ERRORE _ file non trovato 0x80070002`, as machine-translated pages may write `E_POINTER`), is reported too, its rows kept as unresolved rows: no column of it reads as codes. Tables that neither name nor hold codes (requirements, links), and tables whose sentences mention a code, are not code tables and are left alone. A table of one code laid out vertically (labels in its first column, values in its second: `| Code | 0x80070005 |` above `| Name | E_ACCESSDENIED |`) is read as one row; one that holds a whole code but cannot be read safely, because two of its values could be the code's name and nothing tells which, or because nothing but the code says it describes one (no symbolic name, no label that names a code, no heading that names it), is reported here, its values kept as one unresolved row.",
    bad_example: "|Error code|Description|
|---|---|
|see the list below|The agent could not provide the service.|",
    good_example: "|Error code|Description|
|---|---|
|0x80cf0001|The agent could not provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        if let IngestProblem::UnreadVerticalTable {
            location,
            table,
            code,
            reason,
        } = problem
        {
            out.push(RULE.finding(
                location.clone(),
                format!(
                    "the table at line {} holds one code (`{code}`) laid out vertically, labels in its first column and values in its second, but cannot be read safely: {reason}; its values are kept as one unresolved row: label the code's row `Code` and its name's row `Name` to have it read and checked",
                    table.line
                ),
            ));
            continue;
        }
        let IngestProblem::UnrecognizedHeader {
            location,
            headers,
            rows,
            rows_with_code,
            most_in_a_column,
            listed_code,
        } = problem
        else {
            continue;
        };
        let quoted: Vec<String> = headers.iter().map(|h| format!("`{h}`")).collect();
        if let Some((code, at)) = listed_code {
            out.push(RULE.finding(
                location.clone(),
                format!(
                    "{rows_with_code} of the table's {rows} rows list a code among other words (the first `{code}`, at line {}), but no column of the table reads as codes: a cell that writes a code beside other words, or a name split by spaces or translated (`E _ puntatore 0x80004003`), is not one errdocs can read as a code; {}: give the codes a column of their own, or write each cell as a code and its name",
                    at.line,
                    match rows {
                        1 => "its row is kept as an unresolved row".to_string(),
                        n => format!("its {n} rows are kept as unresolved rows"),
                    }
                ),
            ));
            continue;
        }
        out.push(RULE.finding(
            location.clone(),
            format!(
                "the table's header ({}) names a code column, but {}; {}",
                quoted.join(", "),
                match (rows_with_code, most_in_a_column) {
                    (0, _) => "none of its cells holds a code".to_string(),
                    (1, _) => format!(
                        "only 1 of its {rows} rows holds a code, too few to read a column of them"
                    ),
                    (k, m) if m == k => format!(
                        "only {k} of its {rows} rows hold a code, too few to read a column of them"
                    ),
                    // Every column's codes are too few, however many rows
                    // have one somewhere.
                    (k, m) => format!(
                        "{k} of its {rows} rows hold a code, in different columns: no column holds more than {m}, too few to read a column of them"
                    ),
                },
                match rows {
                    1 => "its row is kept as an unresolved row".to_string(),
                    n => format!("its {n} rows are kept as unresolved rows"),
                }
            ),
        ));
    }
}
