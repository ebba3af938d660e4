//! `row-out-of-order`: a row out of code order.

use crate::check::context::{Context, RowView};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::HResult;
use crate::normalize::is_mostly_ascending;

/// The rule.
pub static RULE: Rule = Rule {
    id: "row-out-of-order",
    severity: Severity::Note,
    tags: &["table", "code"],
    fix: None,
    summary: "A row is out of code order in a table sorted by code",
    explanation: "In a table sorted by code, a row whose code does not fit between its neighbours is either misplaced or has a wrong code. errdocs also uses sorted neighbours as evidence when it repairs malformed codes. Section breaks, where the codes jump back, are not reported.",
    bad_example: "0x80240001\n0x80240009\n0x80240002\n0x80240003",
    good_example: "0x80240001\n0x80240002\n0x80240003\n0x80240009",
    rollup: None,
    check,
};

/// In a table sorted by code, a row whose code does not fit between its
/// neighbours, where the neighbours are in order (a section break, where
/// the previous code is above the next, is not reported).
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.source_tables() {
        let coded: Vec<(&RowView, HResult)> = table
            .iter()
            .filter_map(|r| r.record.map(|rec| (r, rec.code)))
            .collect();
        let sort_key = |c: &HResult| HResult::new(c.value() & 0x07FF_FFFF);
        if !is_mostly_ascending(coded.iter().map(|(_, code)| Some(sort_key(code)))) {
            continue;
        }
        for window in coded.windows(3) {
            let [(_, before), (row, code), (_, after)] = window else {
                continue;
            };
            // Pages sort by facility and code, with successes and failures
            // (and NTSTATUS-style flags) of one number side by side.
            let (b, c, a) = (sort_key(before), sort_key(code), sort_key(after));
            if b < a && !(b <= c && c <= a) {
                out.push(
                    RULE.finding(
                        row.cells.code_location(),
                        format!(
                            "the table is sorted by code, but {code} comes between {before} and {after}; move the row, or check its code"
                        ),
                    )
                    .about(Some(code.to_string()), Some(row.cells.name_text())),
                );
            }
        }
    }
}
