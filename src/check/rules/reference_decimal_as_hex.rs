//! `reference-decimal-as-hex`: a Win32 code written as the hex digits of
//! its decimal value.

use crate::check::context::Context;
use crate::check::reference::{NameVerdict, ValueVerdict, defines};
use crate::check::rule::{Rollup, Rule};
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "reference-decimal-as-hex",
    severity: Severity::Error,
    tags: &["code", "reference"],
    fix: Some(Applicability::Safe),
    summary: "A code's hex digits are the decimal digits of the code the reference defines",
    explanation: "Win32 error codes are small decimal numbers (ERROR_NO_MEDIA_IN_DRIVE is 1112), and a table converted by hand sometimes writes those decimal digits after `0x` (0x00001112, which is 4370). The reference that defines the name settles it: the code is the defined value in hex (0x00000458). The coincidence of the digits with the defined value is itself evidence, so the fix is safe; a decimal column computed from the wrong hex must change with it.",
    bad_example: "<td>0x00001112</td><td>ERROR_NO_MEDIA_IN_DRIVE</td>",
    good_example: "<td>0x00000458</td><td>ERROR_NO_MEDIA_IN_DRIVE</td>",
    rollup: Some(Rollup {
        message: |facts| {
            format!(
                "{} of {} codes in table \"{}\" are the decimal digits of the codes the reference defines, written as hex: the column was converted by hand; each row's fix is among the related places",
                facts.count, facts.rows, facts.section
            )
        },
    }),
    check,
};

/// On source rows whose name a reference defines with the value whose
/// decimal digits the code's hex digits are.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let verdicts = ctx.reference_verdicts();
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let Some(verdict) = verdicts.of(record) else {
            continue;
        };
        let NameVerdict::Defined {
            fact,
            value: ValueVerdict::DecimalAsHex { expected },
            ..
        } = verdict.name_verdict
        else {
            continue;
        };
        let written = row.cells.code_text().trim();
        let mut evidence = vec![
            defines(&fact),
            format!(
                "the hex digits of {} are the decimal digits {}",
                record.code, fact.value
            ),
        ];
        if row.cells.decimal.is_some() {
            evidence.push(format!(
                "the row's decimal column must then say {}",
                expected.signed()
            ));
        }
        out.push(
            RULE.finding(
                row.cells.code_location(),
                format!(
                    "{} is {} here, the decimal digits of {} written as hex; {}, so the code is {expected}",
                    verdict.name,
                    record.code,
                    fact.value,
                    defines(&fact)
                ),
            )
            .about(Some(record.code.to_string()), Some(&verdict.name))
            .with_fix(Fix {
                field: "code".into(),
                from: written.to_string(),
                to: expected.to_string(),
                confidence: Confidence::High,
                applicability: Applicability::Safe,
                evidence,
            })
            .in_table(row.table.index, row.table.rows.len()),
        );
    }
}
