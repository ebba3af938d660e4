//! `severity-bit-mismatch`: a name that says error or success against the code's severity bit.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::{Family, HResult};

/// The rule.
pub static RULE: Rule = Rule {
    id: "severity-bit-mismatch",
    severity: Severity::Error,
    tags: &["code", "structure"],
    fix: None,
    summary: "An `_E_` name without the severity bit, or an `_S_` name with it",
    explanation: "In HRESULT families (WU, OM, OMC, BITS, COM) `_E_` names are failures, whose bit 31 is set (codes 0x8...), and `_S_` names are successes, whose bit 31 is clear. A mismatch means either the name or the code is wrong. Win32 names (such as RPC_S_SERVER_UNAVAILABLE) follow other conventions and are not checked.",
    bad_example: "|0x00cf0001|OM_E_NO_SERVICE|...|",
    good_example: "|0x80cf0001|OM_E_NO_SERVICE|...|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        // Only these families spell the HRESULT severity in the name: Win32
        // names such as RPC_S_SERVER_UNAVAILABLE are success-style names of
        // Win32 errors, wrapped as failures.
        let spells_severity = matches!(
            record.family,
            Family::Wu | Family::Om | Family::Omc | Family::Bits | Family::Com
        );
        if !spells_severity {
            continue;
        }
        let code = record.code;
        // The first marker is the severity: WU_E_REDIRECTOR_S_FALSE is an
        // error whose name mentions S_FALSE.
        let marker = severity_marker(&record.name.to_ascii_uppercase());
        let says_error = marker == Some('E');
        let says_success = marker == Some('S');
        if !(says_error && !code.is_failure() || says_success && code.is_failure()) {
            continue;
        }
        let (named, is) = if says_error {
            ("an error (`_E_`)", "its severity bit (bit 31) is clear")
        } else {
            ("a success (`_S_`)", "its severity bit (bit 31) is set")
        };
        let flipped = HResult::new(code.value() ^ 0x8000_0000);
        out.push(
            RULE.finding(
                row.cells.code_location(),
                format!(
                    "{} is named as {named} but {code} says otherwise: {is}; either the name or the code is wrong (the code with the bit flipped is {flipped})",
                    record.name
                ),
            )
            .about(Some(code.to_string()), Some(&record.name)),
        );
    }
}

/// The severity letter a name spells: `E` or `S` from its first `_E_` or
/// `_S_` (or a leading `E_` or `S_`, as in E_ACCESSDENIED).
fn severity_marker(upper_name: &str) -> Option<char> {
    let padded = format!("_{upper_name}");
    let e = padded.find("_E_");
    let s = padded.find("_S_");
    match (e, s) {
        (Some(e), Some(s)) => Some(if e < s { 'E' } else { 'S' }),
        (Some(_), None) => Some('E'),
        (None, Some(_)) => Some('S'),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_marker_is_the_severity() {
        assert_eq!(severity_marker("WU_E_REDIRECTOR_S_FALSE"), Some('E'));
        assert_eq!(severity_marker("E_ACCESSDENIED"), Some('E'));
        assert_eq!(severity_marker("WU_S_SERVICE_STOP"), Some('S'));
        assert_eq!(severity_marker("ERROR_SUCCESS"), None);
    }
}
