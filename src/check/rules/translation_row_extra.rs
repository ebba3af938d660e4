//! `translation-row-extra`: a translated row with no source row.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::normalize::RowCells;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-row-extra",
    severity: Severity::Error,
    tags: &["translation"],
    fix: None,
    summary: "A translation has a row the source page does not",
    explanation: "A row whose code and name both match no source row was added to the translation only, or both its code and name were changed. Add it to the source first, or remove it.",
    bad_example: "de-de.md: |0x80cf9999|OM_E_NEW_ONLY_HERE|...|",
    good_example: "(the row exists in en-us.md too)",
    rollup: None,
    check,
};

/// Translated rows that match no row of the source table they translate.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.table_pairs() {
        let Some(translated) = pair.translated_table else {
            continue;
        };
        for row in pair
            .alignment
            .unmatched
            .iter()
            .filter_map(|&t| translated.rows.get(t))
        {
            let cells = RowCells::of(translated, row);
            out.push(
                RULE.finding(
                    cells.code_location(),
                    format!(
                        "row {} {} has no row with its code or name in the source {}; remove it, or add it to the source first",
                        cells.code_text(),
                        cells.name_text(),
                        pair.source.file
                    ),
                )
                .about(None, Some(cells.name_text())),
            );
        }
    }
}
