//! `code-contradicted`: a well-formed code that the row's decimal column
//! and the rows around it (or its counterpart) contradict.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::normalize::CODE_CONTRADICTED_RULE;

/// The rule.
pub static RULE: Rule = Rule {
    id: CODE_CONTRADICTED_RULE,
    severity: Severity::Error,
    tags: &["code"],
    fix: Some(Applicability::Safe),
    summary: "A code that its row's decimal and the rows around it contradict",
    explanation: "A hex code can be well formed and still wrong: copied from the row above, or computed from a decimal with a digit lost. When the row's decimal column states another code, and the rows around it in a sorted table (the same name in the mirrored WU/OM family, the header that defines the name, or the Win32 error the row writes beside a 0x8007xxxx code, in a Win32 column or as `0x80070005 (5)`) agree with the decimal while nothing supports the hex, the hex is what is wrong; a header that defines the name with the hex, or a Win32 error that is the one inside the hex, keeps it, and a Win32 error inside neither leaves the row as it is, for `win32-number-mismatch` and `decimal-mismatch` to report. The dataset uses the code the evidence gives (recorded in the record's `repairs`), and the fix rewrites the code cell. When only the decimal disagrees, `decimal-mismatch` says so instead.",
    bad_example: "|-2016331102|0x87D13AA2|5010:Device locked|\n|-2016331103|0x87D13AA4|5009:(unused)|\n|-2016331104|0x87D13AA0|5008:Passcode too recent|",
    good_example: "|-2016331102|0x87D13AA2|5010:Device locked|\n|-2016331103|0x87D13AA1|5009:(unused)|\n|-2016331104|0x87D13AA0|5008:Passcode too recent|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(record) = row.record else {
            continue;
        };
        for repair in record.repairs.iter().filter(|r| r.rule == RULE.id) {
            out.push(
                RULE.finding(
                    row.cells.code_location(),
                    format!(
                        "code `{}` is contradicted by the row's decimal column and {}; the dataset uses {}",
                        repair.from,
                        witnesses(&repair.evidence),
                        repair.to
                    ),
                )
                .about(Some(repair.to.clone()), Some(&record.name))
                .with_fix(Fix {
                    field: "code".into(),
                    from: repair.from.clone(),
                    to: repair.to.clone(),
                    confidence: Confidence::High,
                    applicability: Applicability::Safe,
                    evidence: repair.evidence.clone(),
                }),
            );
        }
    }
}

/// Who, besides the decimal column, speaks against the code, in words:
/// the sorted rows around it, the counterpart, the definition of the name,
/// the row's Win32 error (the evidence says which, as `resolve` words it).
fn witnesses(evidence: &[String]) -> String {
    let mut found: Vec<&str> = Vec::new();
    for fact in evidence {
        let witness = if fact.contains("sorted") {
            "the rows around it"
        } else if fact.contains(" defines ") {
            "the definition of its name"
        } else if fact.contains("Win32 error") {
            "its Win32 error"
        } else if fact.contains("decimal column") {
            continue;
        } else {
            "its counterpart"
        };
        if !found.contains(&witness) {
            found.push(witness);
        }
    }
    match found.as_slice() {
        [] => "the other evidence".into(),
        [one] => (*one).into(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::witnesses;

    #[test]
    fn the_message_names_the_evidence_there_is() {
        let sdk = "the Windows SDK (Foundation) defines ERROR_X as 87 (0x00000057)".to_string();
        let decimal = "the row's decimal column `87` is 0x00000057".to_string();
        let sorted = "the table is sorted by code and the rows around it agree".to_string();
        let counterpart = "OM_E_X, the counterpart of WU_E_X, is 0x87D10001".to_string();
        let win32 =
            "the row's Win32 error `87` is the one inside 0x80070057 (HRESULT_FROM_WIN32(87))"
                .to_string();
        assert_eq!(witnesses(&[decimal.clone(), win32]), "its Win32 error");
        assert_eq!(
            witnesses(&[sdk.clone(), decimal.clone()]),
            "the definition of its name"
        );
        assert_eq!(
            witnesses(&[decimal.clone(), sorted.clone()]),
            "the rows around it"
        );
        assert_eq!(
            witnesses(&[counterpart, decimal, sorted, sdk]),
            "its counterpart, the rows around it and the definition of its name"
        );
    }
}
