//! `row-fields-doubtful`: a row whose fields look misplaced.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "row-fields-doubtful",
    severity: Severity::Warning,
    tags: &["ingest", "table"],
    fix: None,
    summary: "A row's cells look shifted: its fields are in doubt",
    explanation: "After the columns are read, errdocs looks at each row again: a row with an empty name cell while another of its cells holds a symbolic name alone, or whose description is only a symbolic name, has its cells out of place (a missing or extra `|`, a cell split in two). Such a row is kept as an unresolved row rather than becoming a record with a wrong field; fix the row and it is read. So is a row with no code and no name, only text (a note written as a row, or a row whose code and name are missing), with this one finding rather than an empty code and an empty name reported apart; under another row, such a row is the rest of that row's cells (exports split a long cell over rows) and is joined to it, so it is reported only where no row is above it.",
    bad_example: "|Error code|Symbolic name|Description|\n|---|---|---|\n|0x80240001||WU_E_NO_SERVICE|",
    good_example: "|Error code|Symbolic name|Description|\n|---|---|---|\n|0x80240001|WU_E_NO_SERVICE|The agent could not provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.input.doubtful_rows {
        out.push(
            RULE.finding(
                row.location.clone(),
                format!("{}; the row is kept as an unresolved row", row.reason),
            )
            .about(row.code.map(|c| c.to_string()), Some(&row.name)),
        );
    }
}
