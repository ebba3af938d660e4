//! `translation-key-mismatch`: a code or name changed in a translation.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::normalize::Alignment;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-key-mismatch",
    severity: Severity::Error,
    tags: &["translation"],
    fix: Some(Applicability::Safe),
    summary: "A translation changes a row's code or symbolic name",
    explanation: "Codes and symbolic names are never translated. A row matched to its source row by name whose code differs, or by code whose name differs, has a typo; the fix is the source's text. Where the references (the Windows SDK, the product's headers) define the translation's name as the row's code and the source's as no such code, the source may be what is wrong (a rename the translations did not follow): the fix is then unsafe, for a person to weigh.",
    bad_example: "en-us.md: |0x80cf0001|OM_E_NO_SERVICE|\nde-de.md: |0x80cf0001|OM_E_NO_SERVCE|",
    good_example: "de-de.md: |0x80cf0001|OM_E_NO_SERVICE|",
    rollup: None,
    check,
};

/// A translated row matched to its source row by its name whose code
/// differs, or by its code whose name differs.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // A name that differs only in characters that look like the source's
    // is `name-lookalike`'s, which names the characters.
    let lookalikes_said = ctx.is_enabled(super::name_lookalike::RULE.id);
    for pair in ctx.row_pairs() {
        let (source_cells, cells) = (&pair.source_cells, &pair.cells);
        let (field, written, expected, location) = match pair.aligned.by {
            Alignment::CodeAndName => continue,
            // A code cell that holds text in the source ("No status") may be
            // translated like any text.
            Alignment::Name if source_cells.code_reading().value.is_none() => continue,
            Alignment::Name => (
                "code",
                cells.code_text(),
                source_cells.code_text(),
                cells.code_location(),
            ),
            Alignment::Code => (
                "name",
                cells.name_text(),
                source_cells.name_text(),
                cells
                    .name
                    .map_or_else(|| cells.code_location(), |c| c.location.clone()),
            ),
        };
        if written.eq_ignore_ascii_case(expected)
            || (field == "name"
                && lookalikes_said
                && crate::model::differs_only_in_lookalikes(written, expected))
        {
            continue;
        }
        // The translation may be the side that is right: a name the
        // references define as the row's code, where the source's name is
        // defined as no such thing, is the source's slip (a rename the
        // translations did not follow, or a typo), not the translation's.
        let defined_as_written = (field == "name")
            .then(|| source_cells.code_reading().value)
            .flatten()
            .and_then(|code| {
                let fact = ctx.input.reference.by_name(written)?;
                let expected_defined = ctx
                    .input
                    .reference
                    .by_name(expected)
                    .is_some_and(|f| f.value == code.value());
                (fact.value == code.value() && !expected_defined).then_some(fact)
            });
        let mut message = format!(
            "the {field} `{written}` differs from the source row ({}), which has `{expected}`; codes and symbolic names are never translated",
            pair.source_place()
        );
        let mut evidence = vec![format!(
            "the row matches the source row by its {}, and the source writes `{expected}`",
            if field == "code" { "name" } else { "code" }
        )];
        let (confidence, applicability) = match &defined_as_written {
            Some(fact) => {
                let defines = crate::check::reference::defines(fact);
                message.push_str(&format!(
                    "; but {defines}, and `{expected}` as no such code: the source may be what is wrong"
                ));
                evidence.push(defines);
                (Confidence::Low, Applicability::Unsafe)
            }
            None => (Confidence::High, Applicability::Safe),
        };
        out.push(
            RULE.finding(location, message)
                .about(None, Some(source_cells.name_text()))
                .with_related(source_cells.code_location(), "the source row")
                .with_fix(Fix {
                    field: field.into(),
                    from: written.to_string(),
                    to: expected.to_string(),
                    confidence,
                    applicability,
                    evidence,
                }),
        );
    }
}
