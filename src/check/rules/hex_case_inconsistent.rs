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

/// The hex digits a code cell starts with after its `0x`, in groups
/// (`0x8024 000b`) or not: a note after them (`0x8024000C (see
/// 0x8024000D)`) is words, whose small letters are no hex digits.
fn hex_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let after = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    Some(match crate::model::separated_hex(after) {
        Some(grouped) => grouped.digits,
        None => after.chars().take_while(char::is_ascii_hexdigit).collect(),
    })
}

fn letter_case(text: &str) -> Option<LetterCase> {
    let digits = hex_digits(text)?;
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
        let canonical = example.record.map_or_else(
            || {
                format!(
                    "0x{}",
                    hex_digits(written).unwrap_or_default().to_ascii_uppercase()
                )
            },
            |r| r.code.to_string(),
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A note after a code is not its digits: `see` made
    /// `0x8024000C (see 0x8024000D)` a code of mixed case, to be written
    /// `0X8024000C (SEE 0X8024000D)`.
    #[test]
    fn only_the_digits_of_a_code_have_a_case() {
        for (text, case) in [
            ("0x8024000C (see 0x8024000D)", Some(LetterCase::Upper)),
            ("0x8024000c - see below", Some(LetterCase::Lower)),
            ("0x8024 000b", Some(LetterCase::Lower)),
            ("0x8024 000B", Some(LetterCase::Upper)),
            ("0x8024000b (the Decimal)", Some(LetterCase::Lower)),
            ("0x80cf000B", Some(LetterCase::Mixed)),
            ("0x80240002 (see below)", None),
        ] {
            assert_eq!(letter_case(text), case, "{text:?}");
        }
        assert_eq!(
            hex_digits("0x8024000c (see 0x8024000D)").as_deref(),
            Some("8024000c")
        );
    }
}
