//! `facility-mismatch`: a facility that does not belong to the name's family.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "facility-mismatch",
    severity: Severity::Warning,
    tags: &["code", "structure"],
    fix: Some(Applicability::DisplayOnly),
    summary: "A code's facility does not match its name's family",
    explanation: "Bits 16 to 26 of an HRESULT are its facility: 0x024 for Windows Update (WU_*), 0x0CF for Intune (OM_*), 0x007 for Win32 errors, and so on. A WU_ name under another facility is usually a typo in the code.",
    bad_example: "<td>0x80250001</td><td>WU_E_NO_SERVICE</td>",
    good_example: "<td>0x80240001</td><td>WU_E_NO_SERVICE</td>",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let code = record.code;
        let facilities = record.family.facilities();
        let Some(&usual) = facilities.first() else {
            continue;
        };
        if facilities.contains(&code.facility()) {
            continue;
        }
        let expected = facilities
            .iter()
            .map(|f| format!("0x{f:03X}"))
            .collect::<Vec<_>>()
            .join(" or ");
        out.push(
            RULE.finding(
                row.cells.code_location(),
                format!(
                    "{code} has facility 0x{:03X}, but {} names a {} code, whose facility is {expected}",
                    code.facility(),
                    record.name,
                    record.family.as_str()
                ),
            )
            .about(Some(code.to_string()), Some(&record.name))
            .with_fix(Fix {
                field: "code".into(),
                from: code.to_string(),
                to: code.with_facility(usual).to_string(),
                confidence: Confidence::Low,
                applicability: Applicability::DisplayOnly,
                evidence: vec![format!(
                    "{} codes have facility {expected}",
                    record.family.as_str()
                )],
            }),
        );
    }
}
