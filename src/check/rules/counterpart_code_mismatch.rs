//! `counterpart-code-mismatch`: one name under non-corresponding codes.

use crate::check::context::Context;
use crate::check::counterparts::{CounterpartPair, record_place};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::counterpart_code;

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-code-mismatch",
    severity: Severity::Error,
    tags: &["counterpart", "code"],
    fix: None,
    summary: "The same name appears under WU and OM codes that do not correspond",
    explanation: "WU_E_X and OM_E_X must differ only in the facility (0x024 and 0x0CF). When they differ elsewhere, one side's code is wrong; the sorted neighbours of each side usually tell which.",
    bad_example: "0x80244019 WU_E_PT_HTTP_STATUS_NOT_FOUND\n0x80CF4018 OM_E_PT_HTTP_STATUS_NOT_FOUND",
    good_example: "0x80244019 WU_E_PT_HTTP_STATUS_NOT_FOUND\n0x80CF4019 OM_E_PT_HTTP_STATUS_NOT_FOUND",
    rollup: None,
    check,
};

/// Each `WU` and `OM` name whose codes do not mirror each other.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for CounterpartPair { wu, om } in ctx.counterparts().same_name_other_code() {
        let (Some(mirror_of_wu), Some(mirror_of_om)) = (
            counterpart_code(wu.family, wu.code),
            counterpart_code(om.family, om.code),
        ) else {
            continue;
        };
        out.push(
            RULE.finding(
                record_place(om),
                format!(
                    "{} is {} but {} is {} ({}); mirrored codes differ only in the facility, so one of them is wrong ({} would mirror {}, {} would mirror {})",
                    om.name,
                    om.code,
                    wu.name,
                    wu.code,
                    record_place(wu).file_line(),
                    mirror_of_wu,
                    wu.name,
                    mirror_of_om,
                    om.name
                ),
            )
            .about(Some(om.code.to_string()), Some(&om.name))
            .with_related(record_place(wu), format!("the counterpart {}", wu.name)),
        );
    }
}
