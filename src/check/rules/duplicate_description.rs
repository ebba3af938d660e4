//! `duplicate-description`: two codes with the same description.

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::{Context, RowView};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::model::Record;

/// The rule.
pub static RULE: Rule = Rule {
    id: "duplicate-description",
    severity: Severity::Warning,
    tags: &["duplicate", "description"],
    fix: None,
    summary: "Two codes have the same description",
    explanation: "Different codes mean different things. An identical description on two codes is usually a copy-paste that was never edited. In a translation it is reported only when the source-language descriptions differ. A `WU_` code and its `OM_` counterpart (the same failure under the other facility) are meant to share theirs.",
    bad_example: "WU_E_UH_UNKNOWNHANDLER | The caller requested an unknown handler object.\nWU_E_UH_REMOTEALREADYACTIVE | The caller requested an unknown handler object.",
    good_example: "WU_E_UH_UNKNOWNHANDLER | The caller requested an unknown handler object.\nWU_E_UH_REMOTEALREADYACTIVE | A remote handler is already active.",
    rollup: None,
    check,
};

/// Two codes of one document with the same description in the same
/// locale. In a translation, only where the source descriptions differ
/// (otherwise the source is reported).
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // A file is one document in one locale, and its rows are contiguous:
    // one file at a time, the maps hold one file's descriptions.
    for rows in ctx.rows.chunk_by(|a, b| std::ptr::eq(a.file, b.file)) {
        check_file(rows, out);
    }
}

/// [`check`] on the rows of one file.
fn check_file(rows: &[RowView], out: &mut Vec<Finding>) {
    // How many codes share each text: a text that three or more codes
    // share is the page's boilerplate ("Obsolete; no longer used.", a
    // message with a placeholder), not a slip.
    let mut sharing: HashMap<&str, usize> = HashMap::default();
    for row in rows {
        if let (Some(_), Some(cell), 0) = (row.record, row.cells.description, row.cells.row.part) {
            // A cell a `rowspan` shares is written once.
            if row.shares_with_row_above(cell) {
                continue;
            }
            let text = cell.text.trim();
            if !text.is_empty() {
                *sharing.entry(text).or_default() += 1;
            }
        }
    }
    let mut seen: HashMap<&str, &RowView> = HashMap::default();
    seen.reserve(rows.len());
    for row in rows {
        let (Some(record), Some(cell)) = (row.record, row.cells.description) else {
            continue;
        };
        let text = cell.text.trim();
        // The codes of one cell share its row's description.
        if text.is_empty() || row.cells.row.part > 0 {
            continue;
        }
        let key = text;
        if sharing.get(&key).is_some_and(|&n| n >= 3) {
            continue;
        }
        let Some(first) = seen.get(&key) else {
            seen.insert(key, row);
            continue;
        };
        let Some(first_record) = first.record else {
            continue;
        };
        if first_record.code == record.code {
            continue;
        }
        // One cell that spans both rows (an HTML `rowspan`) is written
        // once, for both codes: no copy to undo.
        if first.cells.description.map(|c| c.offset) == Some(cell.offset) {
            continue;
        }
        // A `WU_` code and its `OM_` counterpart mean the same failure:
        // the same description is what they should have.
        if crate::model::counterpart_code(record.family, record.code) == Some(first_record.code)
            || crate::model::counterpart_code(first_record.family, first_record.code)
                == Some(record.code)
        {
            continue;
        }
        if !row.file.is_source {
            let source_of = |r: &Record| {
                r.sources
                    .first()
                    .and_then(|s| r.descriptions.get(&s.locale).cloned())
            };
            if source_of(first_record) == source_of(record) {
                continue;
            }
        }
        out.push(
            RULE.finding(
                cell.location.clone(),
                format!(
                    "{} has the same {} description as {} ({}): \"{}\"; one of them is probably copied by mistake",
                    shown(record),
                    row.file.locale,
                    shown(first_record),
                    first.cells.code_location().file_line(),
                    shorten(text)
                ),
            )
            .about(Some(record.code.to_string()), Some(&record.name))
            .with_related(
                first
                    .cells
                    .description
                    .map_or_else(|| first.cells.code_location(), |c| c.location.clone()),
                format!("the same description, for {}", shown(first_record)),
            ),
        );
    }
}

/// A record as messages name it: its name, or its code on a page without
/// names (`0x80073CFF`, not a blank).
fn shown(record: &Record) -> String {
    if record.name.is_empty() {
        record.code.to_string()
    } else {
        format!("{} {}", record.code, record.name)
    }
}

/// At most 80 characters of `text`.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}
