//! `translation-row-missing`: a translated row missing.

use crate::check::context::Context;
use crate::check::rule::{Rollup, RollupFacts, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::normalize::RowCells;
use crate::source::Location;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-row-missing",
    severity: Severity::Error,
    tags: &["translation"],
    fix: None,
    summary: "A row of the source page is missing from a translation",
    explanation: "Rows are matched by code and name, not by position, so one dropped row does not shift the others. The finding sits where the row belongs in the translation and names the source row.",
    bad_example: "en-us.md: 0x80cf0001, 0x80cf0002, 0x80cf0003\nde-de.md: 0x80cf0001, 0x80cf0003",
    good_example: "en-us.md: 0x80cf0001, 0x80cf0002, 0x80cf0003\nde-de.md: 0x80cf0001, 0x80cf0002, 0x80cf0003",
    rollup: Some(Rollup { message: rolled_up }),
    check,
};

/// Source rows (or whole source tables) with no counterpart in a
/// translation, reported where they belong in the translation.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.table_pairs() {
        let (source, translation, table) = (pair.source, pair.translation, pair.source_table);
        let Some(translated) = pair.translated_table else {
            let location = translation.tables.last().map_or_else(
                || Location {
                    file: translation.file.clone(),
                    line: 1,
                    column: 1,
                },
                |t| t.location.clone(),
            );
            out.push(RULE.finding(
                location,
                format!(
                    "the translation has no table matching table {} of {} (\"{}\", {} rows)",
                    table.index + 1,
                    source.file,
                    table.section(),
                    table.rows.len()
                ),
            ));
            continue;
        };
        let mut matched = vec![None; table.rows.len()];
        for aligned in &pair.alignment.rows {
            if let Some(slot) = matched.get_mut(aligned.source_row) {
                *slot = Some(aligned.row);
            }
        }
        for (r, row) in table.rows.iter().enumerate() {
            if matched[r].is_some() {
                continue;
            }
            let source_cells = RowCells::of(table, row);
            // Placed after the translated row of the previous source row.
            let anchor = (0..r)
                .rev()
                .find_map(|p| matched[p])
                .and_then(|t| translated.rows.get(t))
                .map_or_else(|| translated.location.clone(), |t| t.location.clone());
            out.push(
                RULE.finding(
                    anchor,
                    format!(
                        "the row for {} {} ({}) is missing from the translation; it belongs after this row",
                        source_cells.code_text(),
                        source_cells.name_text(),
                        source_cells.code_location().file_line()
                    ),
                )
                .about(None, Some(source_cells.name_text()))
                .with_related(source_cells.code_location(), "the source row")
                .in_table(translated.index, table.rows.len()),
            );
        }
    }
}

/// A translated table that lacks most of its source's rows, said once.
fn rolled_up(facts: &RollupFacts) -> String {
    format!(
        "{} of the {} rows of the source table are missing from table \"{}\" of the {} translation (the finding lists each row)",
        facts.count, facts.rows, facts.section, facts.locale
    )
}
