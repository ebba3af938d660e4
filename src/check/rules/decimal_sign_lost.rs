//! `decimal-sign-lost`: a code written in decimal whose minus sign is
//! missing.

use crate::check::context::Context;
use crate::check::reference::{either, names_of_code};
use crate::check::rule::{Rollup, Rule};
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::{HResult, fold_number_forms, whole_number};

/// The rule.
pub static RULE: Rule = Rule {
    id: "decimal-sign-lost",
    severity: Severity::Warning,
    tags: &["code"],
    fix: Some(Applicability::Unsafe),
    summary: "A code written in decimal lost its minus sign",
    explanation: "Tools print an error HRESULT as a signed 32-bit number (0x800706BA is -2147023174), and a page that copies the number without its minus sign writes 2147023174, which is 0x7FF8F946: a value with the customer and reserved bits set and a facility no component uses, which no Windows call returns. errdocs reports a code written as a positive decimal from 0x70000000 to 0x7FFFFFFF, whose negation is an error HRESULT, and suggests the negative number; the message names the code the negation is where the Windows SDK or the product's headers define it. The fix is unsafe: only the author knows which number was meant.",
    bad_example: "| Error Code | Reason |\n|---|---|\n| 2147023174 | The RPC server is unavailable |",
    good_example: "| Error Code | Reason |\n|---|---|\n| -2147023174 | The RPC server is unavailable |",
    rollup: Some(Rollup {
        message: |facts| {
            format!(
                "{} of {} codes in table \"{}\" are error HRESULTs in decimal without their minus sign; each row's fix is among the related places",
                facts.count, facts.rows, facts.section
            )
        },
    }),
    check,
};

/// The lowest positive number read as an error HRESULT that lost its
/// sign: from 0x70000000 up, a code has its customer and reserved bits
/// set (bits 29 and 28), which no Windows component's code has, and its
/// negation is a failure code from 0x80000001 to 0x90000000, where the
/// HRESULTs pages list are.
const LOWEST: i64 = 0x7000_0000;

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let written = row.cells.code_text().trim();
        let Some(number) = positive_decimal(written) else {
            continue;
        };
        if !(LOWEST..=i64::from(i32::MAX)).contains(&number) {
            continue;
        }
        let Ok(negated) = u32::try_from((1_i64 << 32) - number) else {
            continue;
        };
        let meant = HResult::new(negated);
        let names: Vec<&str> = names_of_code(ctx.input.reference, meant)
            .iter()
            .map(|fact| fact.name)
            .collect();
        let mut message = format!(
            "`{written}` is {}, which no Windows component returns (its customer and reserved bits are set); -{number} is {meant}",
            record.code
        );
        let mut evidence = vec![
            format!("{} has the customer and reserved bits set", record.code),
            format!("-{number} is {meant} as a signed 32-bit number"),
        ];
        if !names.is_empty() {
            let named = either(names.iter().copied());
            message.push_str(&format!(" ({named})"));
            evidence.push(format!("the reference names {meant} {named}"));
        }
        message.push_str(": the minus sign was probably lost");
        out.push(
            RULE.finding(row.cells.code_location(), message)
                .about(Some(record.code.to_string()), Some(&record.name))
                .with_fix(Fix {
                    field: "code".into(),
                    from: written.to_string(),
                    to: format!("-{written}"),
                    confidence: if names.is_empty() {
                        Confidence::Medium
                    } else {
                        Confidence::High
                    },
                    applicability: Applicability::Unsafe,
                    evidence,
                })
                .in_table(row.table.index, row.table.rows.len()),
        );
    }
}

/// The number `text` writes, where it is a whole number in decimal with
/// no sign (digits, perhaps grouped: `2147023174`, `2,147,023,174`).
fn positive_decimal(text: &str) -> Option<i64> {
    let folded = fold_number_forms(text);
    if folded.is_empty() || folded.starts_with(['-', '+']) {
        return None;
    }
    whole_number(&folded).filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unsigned_whole_numbers_are_read() {
        assert_eq!(positive_decimal("2147023174"), Some(2_147_023_174));
        assert_eq!(positive_decimal("-2147023174"), None);
        assert_eq!(positive_decimal("\u{2212}2147023174"), None);
        assert_eq!(positive_decimal("0x800706BA"), None);
        assert_eq!(positive_decimal(""), None);
    }
}
