//! `hex-case-inconsistent`: hex letters in mixed case within a table.

use crate::check::context::{Context, RowView};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "hex-case-inconsistent",
    severity: Severity::Note,
    tags: &["code", "style"],
    fix: None,
    summary: "A table writes hex digits in mixed case",
    explanation: "Codes such as `0x80cf000B` mix lower- and upper-case hex digits, which makes them harder to search for and compare. Write every code as errdocs does: `0x` and eight upper-case hex digits. Reported once per table.",
    bad_example: "|0x80cf000B|OM_E_CALL_CANCELLED|",
    good_example: "|0x80CF000B|OM_E_CALL_CANCELLED|",
    rollup: None,
    check,
};

/// How a code cell writes its hex letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LetterCase {
    Upper,
    Lower,
    Mixed,
}

fn letter_case(text: &str) -> Option<LetterCase> {
    let digits = text
        .trim()
        .strip_prefix("0x")
        .or_else(|| text.trim().strip_prefix("0X"))?;
    let upper = digits.chars().any(|c| ('A'..='F').contains(&c));
    let lower = digits.chars().any(|c| ('a'..='f').contains(&c));
    match (upper, lower) {
        (true, true) => Some(LetterCase::Mixed),
        (true, false) => Some(LetterCase::Upper),
        (false, true) => Some(LetterCase::Lower),
        (false, false) => None,
    }
}

/// One note per source table that mixes cases.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.source_tables() {
        let Some(first) = table.first() else { continue };
        let cased: Vec<(&RowView, LetterCase)> = table
            .iter()
            .filter_map(|r| letter_case(r.cells.code_text()).map(|c| (r, c)))
            .collect();
        let count = |case| cased.iter().filter(|(_, c)| *c == case).count();
        let (upper, lower, mixed) = (
            count(LetterCase::Upper),
            count(LetterCase::Lower),
            count(LetterCase::Mixed),
        );
        let kinds = [upper, lower, mixed].iter().filter(|n| **n > 0).count();
        if kinds < 2 && mixed == 0 {
            continue;
        }
        let Some((example, _)) = cased
            .iter()
            .find(|(_, c)| *c == LetterCase::Mixed)
            .or_else(|| cased.iter().find(|(_, c)| *c == LetterCase::Lower))
        else {
            continue;
        };
        let written = example.cells.code_text();
        let canonical = example
            .record
            .map_or_else(|| written.to_ascii_uppercase(), |r| r.code.to_string());
        out.push(
            RULE.finding(
                example.cells.code_location(),
                format!(
                    "hex digits in table \"{}\" are written in mixed case: {upper} codes upper-case, {lower} lower-case, {mixed} mixed within one code (such as `{written}`); write them all upper-case, as in {canonical}",
                    first.table.section()
                ),
            )
            .about(
                example.record.map(|r| r.code.to_string()),
                Some(example.cells.name_text()),
            ),
        );
    }
}
