//! `translation-token-mismatch`: protected tokens changed in a translation.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::check::context::Context;
use crate::check::rule::{Rollup, RollupFacts, Rule};
use crate::check::tokens::protected_tokens;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::Cell;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-token-mismatch",
    severity: Severity::Error,
    tags: &["translation"],
    fix: None,
    summary: "A translation loses or changes an identifier, number, code or link",
    explanation: "Identifiers (SOAP_E_VERSION_MISMATCH), wildcards (OM_E_PT_SOAP_*), numbers (HTTP status 404, versions), hex codes, URLs, link targets and inline code must survive translation unchanged. They are compared Markdown-aware: `&#42;`, `\\*` and `*` are one character, and bold is markup, not content.",
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
    let mut source_tokens: FxHashMap<*const Cell, Vec<Cow<str>>> = FxHashMap::default();
    for (pair, src, dst) in ctx.description_pairs() {
        // An untranslated description has the source's tokens.
        if dst.text == src.text && dst.markdown() == src.markdown() {
            continue;
        }
        let src_tokens = source_tokens
            .entry(std::ptr::from_ref(src))
            .or_insert_with(|| protected_tokens(&src.text, src.markdown()));
        let dst_tokens = protected_tokens(&dst.text, dst.markdown());
        if *src_tokens == dst_tokens {
            continue;
        }
        let missing = difference(src_tokens, &dst_tokens);
        let added = difference(&dst_tokens, src_tokens);
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

/// The tokens of `a` that `b` lacks, as multisets.
fn difference<'t>(a: &[Cow<'t, str>], b: &[Cow<'t, str>]) -> Vec<Cow<'t, str>> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for token in a {
        if let Some(i) = rest.iter().position(|t| t == token) {
            rest.remove(i);
        } else {
            out.push(token.clone());
        }
    }
    out
}

fn quote_all(tokens: &[Cow<str>]) -> String {
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
