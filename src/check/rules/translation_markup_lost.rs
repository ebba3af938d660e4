//! `translation-markup-lost`: markup that carries meaning lost in a translation.

use crate::check::context::Context;
use crate::check::rule::{Rollup, RollupFacts, Rule};
use crate::check::tokens::{bold_spans, link_targets};
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-markup-lost",
    severity: Severity::Warning,
    tags: &["translation"],
    fix: None,
    summary: "A translation loses a link or the bold around an identifier",
    explanation: "Links and bold identifiers guide readers to related codes. A translation that keeps the identifier but drops its bold, or drops a link, reads differently from the source.",
    bad_example: "en-us.md: see **OM_E_PT_&#42;**\nde-de.md: siehe OM_E_PT_&#42;",
    good_example: "de-de.md: siehe **OM_E_PT_&#42;**",
    rollup: Some(Rollup { message: rolled_up }),
    check,
};

/// Markup that carries meaning, lost in a translation: links, and bold
/// around identifiers.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (pair, src, dst) in ctx.description_pairs() {
        let mut lost = Vec::new();
        let src_links = link_targets(src.markdown()).len();
        let dst_links = link_targets(dst.markdown()).len();
        if dst_links < src_links {
            lost.push(format!("{} link(s)", src_links - dst_links));
        }
        let src_bold = bold_spans(src.markdown());
        // The translation's bold spans matter only when the source has some.
        let dst_bold = if src_bold.is_empty() {
            Vec::new()
        } else {
            bold_spans(dst.markdown())
        };
        for bold in &src_bold {
            let is_identifier = bold.contains('_') && !bold.contains(' ');
            if is_identifier && dst.text.contains(bold.as_str()) && !dst_bold.contains(bold) {
                lost.push(format!("the bold around `{bold}`"));
            }
        }
        if lost.is_empty() {
            continue;
        }
        let name = pair.source_cells.name_text();
        out.push(
            RULE.finding(
                dst.location.clone(),
                format!(
                    "the {} description of {name} lost {} that the source has ({})",
                    pair.translation.locale,
                    lost.join(" and "),
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

/// Most rows of a translated table with lost markup, said once.
fn rolled_up(facts: &RollupFacts) -> String {
    format!(
        "{} of {} descriptions in table \"{}\" of the {} translation lost links or bold that the source has (the finding lists each row)",
        facts.count, facts.rows, facts.section, facts.locale
    )
}
