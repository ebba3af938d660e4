//! `identifier-reference-malformed`: a malformed identifier reference in a description.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::ingest::text::is_identifier_char;

/// The rule.
pub static RULE: Rule = Rule {
    id: "identifier-reference-malformed",
    severity: Severity::Warning,
    tags: &["description"],
    fix: Some(Applicability::Safe),
    summary: "A wildcard reference to a family of codes is broken",
    explanation: "Descriptions refer to families of codes as `OM_E_AU_*`. A space before the `*` (`OM_E_AU *`) breaks the reference for readers and for search.",
    bad_example: "not covered by another **OM_E_AU &#42;** code.",
    good_example: "not covered by another **OM_E_AU_&#42;** code.",
    rollup: None,
    check,
};

/// In every locale.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in &ctx.rows {
        let Some(cell) = row.cells.description else {
            continue;
        };
        // A description shared by several rows (a `rowspan`) is reported
        // once, in the first row that holds it.
        if !cell.text.contains('*') || row.shares_with_row_above(cell) {
            continue;
        }
        for (written, fixed) in broken_wildcards(&cell.text) {
            out.push(
                RULE.finding(
                    cell.location.clone(),
                    format!(
                        "the reference `{written}` is broken by a space before its `*`; it means `{fixed}`"
                    ),
                )
                .about(row.record.map(|r| r.code.to_string()), Some(row.cells.name_text()))
                .with_fix(Fix {
                    field: "description".into(),
                    from: written,
                    to: fixed,
                    confidence: Confidence::High,
                    applicability: Applicability::Safe,
                    evidence: vec![
                        "wildcard references to a family of codes end in `_*`, as in the other rows"
                            .into(),
                    ],
                }),
            );
        }
    }
}

/// A wildcard reference broken by white space before its `*`:
/// (`OM_E_AU *` for `OM_E_AU_*`). Returns (the reference as written, the
/// repaired reference) for each.
fn broken_wildcards(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    if !text.contains('*') {
        return found;
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '*' || i == 0 || !chars[i - 1].is_whitespace() {
            continue;
        }
        let mut end = i;
        while end > 0 && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && is_identifier_char(chars[start - 1]) {
            start -= 1;
        }
        let ident: String = chars[start..end].iter().collect();
        // An upper-case identifier with at least two parts: OM_E_AU.
        let looks_like_prefix = ident.contains('_')
            && ident.starts_with(|c: char| c.is_ascii_uppercase())
            && !ident.chars().any(|c| c.is_ascii_lowercase());
        if looks_like_prefix {
            let written: String = chars[start..=i].iter().collect();
            let fixed = if ident.ends_with('_') {
                format!("{ident}*")
            } else {
                format!("{ident}_*")
            };
            found.push((written, fixed));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_wildcards() {
        assert_eq!(
            broken_wildcards("not covered by another OM_E_AU * code."),
            vec![("OM_E_AU *".to_string(), "OM_E_AU_*".to_string())]
        );
        assert_eq!(
            broken_wildcards("another OM_E_UH_ * code"),
            vec![("OM_E_UH_ *".to_string(), "OM_E_UH_*".to_string())]
        );
        assert!(broken_wildcards("another OM_E_DS_* code, 2 * 3, a * b").is_empty());
    }
}
