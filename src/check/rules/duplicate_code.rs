//! `duplicate-code`: the same code listed twice.

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::{Context, RowView};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "duplicate-code",
    severity: Severity::Error,
    tags: &["duplicate"],
    fix: None,
    summary: "A code is listed twice in one document",
    explanation: "Each code should have one row. Two rows with one code usually mean one of them has a typo in its code (compare the names and the neighbouring rows).",
    bad_example: "0x8024200B | WU_E_UH_INSTALLERFAILURE\n0x8024200B | WU_E_UH_FALLBACKTOSELFCONTAINED",
    good_example: "0x8024200B | WU_E_UH_INSTALLERFAILURE\n0x8024200C | WU_E_UH_FALLBACKTOSELFCONTAINED",
    check,
};

/// Within each source document.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut by_code: HashMap<(&str, u32), &RowView> = HashMap::default();
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let document = row.file.document.as_ref();
        let Some(first) = by_code.get(&(document, record.code.value())) else {
            by_code.insert((document, record.code.value()), row);
            continue;
        };
        out.push(
            RULE.finding(
                row.cells.code_location(),
                format!(
                    "{} is listed twice: here as {} and at {} as {}",
                    record.code,
                    record.name,
                    first.cells.code_location().file_line(),
                    first.cells.name_text()
                ),
            )
            .about(Some(record.code.to_string()), Some(&record.name))
            .with_related(
                first.cells.code_location(),
                format!("{} is first listed here", record.code),
            ),
        );
    }
}
