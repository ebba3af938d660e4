//! `description-empty`: an empty description.

use crate::check::context::Context;
use crate::check::rule::{Rollup, RollupFacts, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::ColumnRole;

/// The rule.
pub static RULE: Rule = Rule {
    id: "description-empty",
    severity: Severity::Warning,
    tags: &["description"],
    fix: None,
    summary: "A description is empty",
    explanation: "A row with no description tells readers nothing about what went wrong or what to do.",
    bad_example: "<td>0x00000BC2</td><td>Error_Success_Reboot_Required</td><td> </td>",
    good_example: "<td>0x00000BC2</td><td>ERROR_SUCCESS_REBOOT_REQUIRED</td><td>The requested operation is successful. Changes will not be effective until the system is rebooted.</td>",
    rollup: Some(Rollup { message: rolled_up }),
    check,
};

/// In every locale.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in &ctx.rows {
        let Some(cell) = row.cells.description else {
            continue;
        };
        // An empty cell shared by several rows (a `rowspan`) is one cell
        // to fill, reported once, in the first row that holds it.
        if !cell.text.trim().is_empty() || row.shares_with_row_above(cell) {
            continue;
        }
        let name = row.cells.name_text();
        out.push(
            RULE.finding(
                cell.location.clone(),
                format!(
                    "{} has no {} description; say what the error means and what to do",
                    if name.is_empty() {
                        row.cells.code_text()
                    } else {
                        name
                    },
                    row.file.locale
                ),
            )
            .about(row.record.map(|r| r.code.to_string()), Some(name))
            .in_table(row.table.index, row.table.rows.len()),
        );
    }
    // A table whose descriptions are the notes after its codes has no
    // description where a code has no note: a translation that drops the
    // note its source row has is missing the description.
    for pair in ctx.row_pairs() {
        let dropped = pair.cells.description.is_none()
            && pair
                .translated_table
                .column(ColumnRole::Description)
                .is_some()
            && pair
                .source_cells
                .description
                .is_some_and(|d| !d.text.trim().is_empty());
        if !dropped {
            continue;
        }
        let name = pair.cells.name_text();
        let code = pair.cells.code_text();
        out.push(
            RULE.finding(
                pair.cells.code_location(),
                format!(
                    "{} has no {} description, where its source row (the note after the code at {}) has one; translate the note",
                    if name.is_empty() { code } else { name },
                    pair.translation.locale,
                    pair.source_place()
                ),
            )
            .about(Some(code.to_string()), Some(name))
            .in_table(pair.translated_table.index, pair.translated_table.rows.len()),
        );
    }
}

/// A table whose descriptions are mostly empty, said once.
fn rolled_up(facts: &RollupFacts) -> String {
    format!(
        "{} of {} descriptions in table \"{}\" ({}) are empty: write what each error means and what to do (the finding lists each row)",
        facts.count, facts.rows, facts.section, facts.locale
    )
}
