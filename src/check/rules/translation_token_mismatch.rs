//! `translation-token-mismatch`: protected tokens changed in a translation.

use rustc_hash::FxHashMap;

use crate::check::context::Context;
use crate::check::rule::{Rollup, RollupFacts, Rule};
use crate::check::tokens::{Protected, Token, protected_tokens, unmatched_numbers};
use crate::diagnostic::{Finding, Severity};
use crate::ingest::Cell;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-token-mismatch",
    severity: Severity::Error,
    tags: &["translation"],
    fix: None,
    summary: "A translation loses or changes an identifier, number, code or link",
    explanation: "Identifiers (SOAP_E_VERSION_MISMATCH), wildcards (OM_E_PT_SOAP_*), numbers (HTTP status 404, versions), hex codes, URLs, link targets and inline code must survive translation unchanged. They are compared Markdown-aware: `&#42;`, `\\*` and `*` are one character, and bold is markup, not content. Numbers are compared as values in the translation's own format (`4.294.967.295` or `4 294 967 295` for `4,294,967,295`, `2,5` for `2.5`, full-width digits), a small number may be spelt out on either side (`1 つ以上` for \"One or more\"), and a link to Microsoft's sites may point at the translation's locale (`/he-il/windows/...` for `/en-us/windows/...`).",
    bad_example: "en-us.md: Same as **HTTP status 404**.\nde-de.md: Entspricht **HTTP-Status 400**.",
    good_example: "de-de.md: Entspricht **HTTP-Status 404**.",
    rollup: Some(Rollup { message: rolled_up }),
    check,
};

/// Identifiers, numbers, codes and links of a translated description
/// against its source's.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // A source description is compared with each of its translations: its
    // tokens are read once (by the cell's address; cells live as long as
    // the context).
    let mut source_tokens: FxHashMap<*const Cell, Protected> = FxHashMap::default();
    for (pair, src, dst) in ctx.description_pairs() {
        // An untranslated description has the source's tokens.
        if dst.text == src.text && dst.markdown() == src.markdown() {
            continue;
        }
        let source = source_tokens
            .entry(std::ptr::from_ref(src))
            .or_insert_with(|| protected_tokens(&src.text, src.markdown()));
        let translation = protected_tokens(&dst.text, dst.markdown());
        let (mut missing, mut added) = if keys_equal(&source.tokens, &translation.tokens) {
            (Vec::new(), Vec::new())
        } else {
            (
                difference(&source.tokens, &translation.tokens),
                difference(&translation.tokens, &source.tokens),
            )
        };
        let (lost_numbers, added_numbers) =
            unmatched_numbers(&source.numbers, &translation.numbers, &src.text);
        missing.extend(lost_numbers);
        added.extend(added_numbers);
        if missing.is_empty() && added.is_empty() {
            continue;
        }
        // Sorted, as the tokens were before numbers were read apart: the
        // message does not depend on where the text has them.
        missing.sort_unstable();
        added.sort_unstable();
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(format!("lost {}", quote_all(&missing)));
        }
        if !added.is_empty() {
            parts.push(format!(
                "has {} that the source does not",
                quote_all(&added)
            ));
        }
        let name = pair.source_cells.name_text();
        out.push(
            RULE.finding(
                dst.location.clone(),
                format!(
                    "the {} description of {name} {}; identifiers, numbers, codes and links must match the source ({})",
                    pair.translation.locale,
                    parts.join(" and "),
                    pair.source_place()
                ),
            )
            .about(None, Some(name))
            .with_related(src.location.clone(), "the source description")
            .in_table(pair.translated_table.index, pair.translated_table.rows.len()),
        );
    }
}

/// Whether two sorted token lists hold the same keys.
fn keys_equal(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.key == y.key)
}

/// The tokens of `a` that `b` lacks, as multisets, as `a` shows them.
fn difference<'t>(a: &'t [Token], b: &[Token]) -> Vec<&'t str> {
    let mut taken = vec![false; b.len()];
    let mut out = Vec::new();
    for token in a {
        let found = (0..b.len()).find(|&i| !taken[i] && b[i].key == token.key);
        match found {
            Some(i) => taken[i] = true,
            None => out.push(token.shown()),
        }
    }
    out
}

fn quote_all(tokens: &[&str]) -> String {
    tokens
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Most rows of a translated table with changed tokens, said once.
fn rolled_up(facts: &RollupFacts) -> String {
    format!(
        "{} of {} descriptions in table \"{}\" of the {} translation changed identifiers, numbers, codes or links of the source (the finding lists each row)",
        facts.count, facts.rows, facts.section, facts.locale
    )
}
