//! `name-placeholder`: a placeholder where the name should be.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::is_placeholder_name;

/// The rule.
pub static RULE: Rule = Rule {
    id: "name-placeholder",
    severity: Severity::Error,
    tags: &["name"],
    fix: None,
    summary: "A symbolic name is empty or a placeholder such as NULL",
    explanation: "Readers look codes up by name. `NULL`, `N/A` or an empty cell where the constant's name belongs gives them nothing; find the name, or drop the row.",
    bad_example: "<td>0x000005D5</td><td>NULL</td>",
    good_example: "<td>0x000005D5</td><td>ERROR_EXAMPLE_NAME</td>",
    rollup: None,
    check,
};

/// On source rows of tables with a name column.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(cell) = row.cells.name else { continue };
        let name = row.cells.name_text();
        if !is_placeholder_name(name) {
            continue;
        }
        let shown = if name.trim().is_empty() {
            "empty".to_string()
        } else {
            format!("`{name}`, a placeholder")
        };
        out.push(
            RULE.finding(
                cell.location.clone(),
                format!(
                    "the symbolic name is {shown}; write the constant's name, or remove the row if the code has none"
                ),
            )
            .about(row.record.map(|r| r.code.to_string()), None),
        );
    }
}
