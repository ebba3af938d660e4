//! `duplicate-name`: the same name for two codes.

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::{Context, RowView};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::is_placeholder_name;

/// The rule.
pub static RULE: Rule = Rule {
    id: "duplicate-name",
    severity: Severity::Error,
    tags: &["duplicate"],
    fix: None,
    summary: "A symbolic name is given to two codes in one document",
    explanation: "A symbolic name is a constant with one value. Two rows with one name mean one of the names or codes is wrong.",
    bad_example: "0x80240001 | WU_E_NO_SERVICE\n0x80240002 | WU_E_NO_SERVICE",
    good_example: "0x80240001 | WU_E_NO_SERVICE\n0x80240002 | WU_E_MAX_CAPACITY_REACHED",
    rollup: None,
    check,
};

/// Within each source document.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut by_name: HashMap<(&str, String), &RowView> = HashMap::default();
    // Documents' rows are contiguous: the map holds one document at a
    // time.
    let mut document: Option<&str> = None;
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        if document != Some(row.file.document.as_ref()) {
            document = Some(row.file.document.as_ref());
            by_name.clear();
        }
        // The codes of one cell share its row's name.
        if row.cells.row.part > 0 || is_placeholder_name(&record.name) {
            continue;
        }
        let key = (row.file.document.as_ref(), record.name.to_ascii_uppercase());
        let Some(first) = by_name.get(&key) else {
            by_name.insert(key, row);
            continue;
        };
        let Some(first_record) = first.record else {
            continue;
        };
        // 0x0000041D and 0x8007041D are one Win32 error, bare and as an
        // HRESULT (HRESULT_FROM_WIN32): the same name is right for both.
        // The same code too: duplicate-code says it.
        let same_win32_error = first_record.code.win32_error().is_some()
            && first_record.code.win32_error() == record.code.win32_error();
        if first_record.code == record.code || same_win32_error {
            continue;
        }
        out.push(
            RULE.finding(
                row.cells
                    .name
                    .map_or_else(|| row.cells.code_location(), |c| c.location.clone()),
                format!(
                    "{} names two codes: {} here and {} at {}",
                    record.name,
                    record.code,
                    first_record.code,
                    first.cells.code_location().file_line()
                ),
            )
            .about(Some(record.code.to_string()), Some(&record.name))
            .with_related(
                first.cells.code_location(),
                format!("{} is first given here", record.name),
            ),
        );
    }
}
