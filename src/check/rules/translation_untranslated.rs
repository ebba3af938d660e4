//! `translation-untranslated`: an untranslated cell.

use crate::check::context::Context;
use crate::check::rule::{Rollup, RollupFacts, Rule};
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-untranslated",
    severity: Severity::Warning,
    tags: &["translation"],
    fix: None,
    summary: "A translated description is the source text, untranslated",
    explanation: "A description identical to the source, where the source has words to translate, was most likely never translated. When at least 5 rows of a translated table, and at least three quarters of its rows, are untranslated, the table is reported once (its rows listed in the finding); fewer are reported row by row.",
    bad_example: "de-de.md: |0x80cf0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
    good_example: "de-de.md: |0x80cf0001|OM_E_NO_SERVICE|Der Dienst kann vom Agent nicht bereitgestellt werden.|",
    rollup: Some(Rollup { message: rolled_up }),
    check,
};

/// A translated description that is its source text, where the source has
/// words a translation would change.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (pair, src, dst) in ctx.description_pairs() {
        if dst.text.trim() != src.text.trim() || !has_words(&src.text) {
            continue;
        }
        let name = pair.source_cells.name_text();
        out.push(
            RULE.finding(
                dst.location.clone(),
                format!(
                    "the {} description of {name} is the source text, untranslated ({})",
                    pair.translation.locale,
                    pair.source_place()
                ),
            )
            .about(None, Some(name))
            .with_related(src.location.clone(), "the source description")
            .in_table(
                pair.translated_table.index,
                pair.translated_table.rows.len(),
            ),
        );
    }
}

/// At least two words of three letters or more that are not identifiers:
/// text a translation would change.
fn has_words(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !w.contains('_'))
        .count()
        >= 2
}

/// A translated table left untranslated, said once.
fn rolled_up(facts: &RollupFacts) -> String {
    format!(
        "{} of {} descriptions in table \"{}\" of the {} translation are the source text, untranslated: the table was not translated (the finding lists each row)",
        facts.count, facts.rows, facts.section, facts.locale
    )
}
